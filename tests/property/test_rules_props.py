"""Property: a generated credential of any built-in format, embedded in random
filler in any common context, comes out fully masked with the full catalog -- no
piece of it survives in raw, JSON-escaped or repr form."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from logredact import Redactor
from strategies import credential, filler

REDACTOR = Redactor()
FRAGMENT = 8


def _contexts(embedded: str, key: str, pre: str, post: str, ascii_only: bool) -> list[str]:
    return [
        f"{pre} {key}={embedded} {post}",
        json.dumps({"message": pre, key: embedded, "extra": post}, ensure_ascii=ascii_only),
        repr({key: embedded, "message": pre}),
        f"{pre}\nTraceback (most recent call last):\nValueError: {key}={embedded!r}\n{post}",
    ]


def _survivors(text: str, out: str, secret: str) -> list[str]:
    """The forms of ``secret`` (raw, JSON-escaped, repr) of which a piece survives
    in ``out`` while it was not also in ``text`` outside the secret."""
    left = []
    for form in {secret, json.dumps(secret)[1:-1], repr(secret)[1:-1]}:
        rest = text.replace(form, "\x00")
        size = min(FRAGMENT, len(form))
        for i in range(len(form) - size + 1):
            piece = form[i : i + size]
            if piece in out and piece not in rest:
                left.append(form)
                break
    return left


class TestGeneratedCredentials:
    @given(credential(), filler, filler, st.booleans())
    def test_credential_in_any_context_is_masked_whole(
        self,
        cred: tuple[str, str, str, str | None],
        pre: str,
        post: str,
        ascii_only: bool,
    ) -> None:
        """No piece of the credential survives, whatever surrounds it."""
        rule_id, secret, embedded, name = cred
        key = name or "value"
        for text in _contexts(embedded, key, pre, post, ascii_only):
            out = REDACTOR.redact(text)
            assert not _survivors(text, out, secret), rule_id

    @given(credential(), filler)
    def test_shape_credential_alone_in_a_sentence(
        self, cred: tuple[str, str, str, str | None], pre: str
    ) -> None:
        """A credential that needs no key name is masked bare in prose too."""
        rule_id, secret, embedded, name = cred
        if name is not None:
            return
        text = f"{pre} got {embedded} from upstream"
        out = REDACTOR.redact(text)
        assert not _survivors(text, out, secret), rule_id


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)
_ORDINARY = st.one_of(
    st.uuids().map(str),
    st.uuids().map(lambda u: u.hex),
    st.text(alphabet="0123456789abcdef", min_size=7, max_size=64),
    st.tuples(_WORD, _WORD).map(lambda p: f"{p[0]}.{p[1]}@example.com"),
    st.lists(_WORD, min_size=1, max_size=5).map(lambda parts: "/srv/" + "/".join(parts)),
    st.tuples(*[st.integers(0, 99)] * 3).map(lambda v: ".".join(map(str, v))),
    st.datetimes().map(lambda d: d.isoformat()),
    st.integers().map(str),
)
_NEUTRAL_KEY = st.sampled_from(["request_id", "commit", "path", "version", "ts", "user", "etag"])


class TestOrdinaryValues:
    @given(_ORDINARY, _NEUTRAL_KEY, st.booleans())
    def test_ordinary_values_survive_in_any_context(
        self, value: str, key: str, ascii_only: bool
    ) -> None:
        """Ids, digests, e-mails, paths, versions and timestamps under ordinary keys
        come back unchanged in every context."""
        for text in _contexts(value, key, "request finished", "ok", ascii_only):
            assert text == REDACTOR.redact(text)
