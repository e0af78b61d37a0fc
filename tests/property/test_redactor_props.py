"""Property tests of the core Redactor: no registered secret survives, in any
supported form, whatever surrounds it; clean text is untouched; redaction is
idempotent; structured values are never mutated."""

from __future__ import annotations

import base64
import copy
import dataclasses
import html
import json
import re
import shlex
import string
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, quote_plus

from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from logredact import Redactor
from logredact._known import encoded_forms
from logredact._scan import ANCHOR, anchor_offset
from strategies import (
    filler,
    letter_secret,
    letterless,
    overlapping_secrets,
    secret,
    structured,
)

ENCODINGS: dict[str, Callable[[str], str]] = {
    "raw": lambda s: s,
    "json": lambda s: json.dumps(s),
    "json-unicode": lambda s: json.dumps(s, ensure_ascii=False),
    "json-of-json": lambda s: json.dumps(json.dumps(s)),
    "repr": repr,
    "repr-of-dict": lambda s: repr({"k": s}),
    "json-of-repr": lambda s: json.dumps(repr([s])),
    "ascii": ascii,
    "bytes-repr": lambda s: repr(s.encode("utf-8")),
    "quote": lambda s: quote(s, safe=""),
    "quote-plus": quote_plus,
    "quote-lower": lambda s: re.sub("%[0-9A-F]{2}", lambda m: m.group().lower(), quote(s)),
    "html": html.escape,
    "shlex": shlex.quote,
}


def _runs(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9+/_=-]{2,}", text)


def _decodes_to(text: str, raw: bytes) -> bool:
    """Whether any base64 run left in ``text`` still decodes to ``raw``."""
    for run in _runs(text):
        body = run.rstrip("=")
        for cut in range(4):
            piece = body[cut:]
            piece = piece[: len(piece) - len(piece) % 4] if len(piece) % 4 == 1 else piece
            padded = piece + "=" * (-len(piece) % 4)
            for alt in (None, b"-_"):
                try:
                    decoded = base64.b64decode(padded, altchars=alt)
                except ValueError:
                    continue
                if raw in decoded:
                    return True
    return False


class TestNoSecretSurvives:
    @given(secret=secret, before=filler, after=filler, encoding=st.sampled_from(sorted(ENCODINGS)))
    def test_encoded_secret_masked(
        self, secret: str, before: str, after: str, encoding: str
    ) -> None:
        """Whatever surrounds it, no supported form of the secret is left."""
        r = Redactor(secrets=[secret], rules=())
        encoded = ENCODINGS[encoding](secret)

        out = r.redact(before + encoded + after)

        assert secret not in out
        assert encoded not in out

    @given(secret=secret, before=filler, prefix=st.binary(max_size=5), suffix=st.binary(max_size=5))
    def test_base64_secret_not_recoverable(
        self, secret: str, before: str, prefix: bytes, suffix: bytes
    ) -> None:
        """A secret inside base64, at any byte offset, cannot be decoded back."""
        raw = secret.encode("utf-8")
        r = Redactor(secrets=[secret], rules=())
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            blob = encode(prefix + raw + suffix).decode()

            out = r.redact(f"{before} Basic {blob}")

            assert not _decodes_to(out, raw)

    @given(data=overlapping_secrets(), before=letterless, after=letterless)
    def test_overlapping_nested_adjacent_leave_no_fragment(
        self, data: tuple[str, list[str]], before: str, after: str
    ) -> None:
        """Secrets that overlap, nest or touch are removed as the union of their
        occurrences: compared with a naive reference that marks every occurrence."""
        base, found = data
        text = before + base + after
        covered = [False] * len(text)
        for s in found:
            start = text.find(s)
            while start >= 0:
                for i in range(start, start + len(s)):
                    covered[i] = True
                start = text.find(s, start + 1)
        expected = "".join(ch for ch, hidden in zip(text, covered, strict=True) if not hidden)

        out = Redactor(secrets=found, rules=(), mask="").redact(text)

        assert expected == out


class TestCleanTextAndIdempotence:
    @given(secret=letter_secret, text=letterless)
    def test_clean_text_is_same_object(self, secret: str, text: str) -> None:
        """Text holding no form of a secret comes back as the very same object."""
        assume(not any(form in text for form in encoded_forms(secret, 8)))
        r = Redactor(secrets=[secret], rules=())

        assert r.redact(text) is text

    @given(secret=secret, before=filler, after=filler, data=st.data())
    def test_fragment_holding_the_anchor_is_left_alone(
        self, secret: str, before: str, after: str, data: st.DataObject
    ) -> None:
        """A form cut short at either end is not the secret, even when the cut keeps
        the window the automaton holds: such text comes back untouched."""
        form = data.draw(st.sampled_from(sorted(encoded_forms(secret, 8))))
        offset = anchor_offset(form)
        lo = data.draw(st.integers(0, offset))
        hi = data.draw(st.integers(min(offset + ANCHOR, len(form)), len(form)))
        assume(hi - lo < len(form))
        text = before + form[lo:hi] + after
        assume(not any(f in text for f in encoded_forms(secret, 8)))

        assert Redactor(secrets=[secret], rules=()).redact(text) is text

    @given(form=st.text(min_size=1, max_size=80))
    def test_anchor_lies_inside_the_form(self, form: str) -> None:
        """The anchor is a whole window of the form (the form itself when shorter)."""
        offset = anchor_offset(form)

        assert 0 <= offset <= max(0, len(form) - ANCHOR)

    @given(secrets=st.lists(secret, min_size=1, max_size=4), parts=st.lists(filler, max_size=5))
    def test_idempotent(self, secrets: list[str], parts: list[str]) -> None:
        """Redacting twice gives what redacting once gave."""
        r = Redactor(secrets=secrets, rules=())
        text = "".join(p + s for p, s in zip(parts, secrets * 5, strict=False))

        once = r.redact(text)

        assert once == r.redact(once)
        for s in r_values(r, secrets):
            assert s not in once


def r_values(r: Redactor, candidates: list[str]) -> list[str]:
    """The candidates that the Redactor accepted (refusals are warned about)."""
    return [s for s in candidates if r.redact(s) != s]


@dataclasses.dataclass(frozen=True)
class Slot:
    """Where a secret goes in a generated structure (filled in after drawing, so the
    strategy itself does not depend on the secret)."""

    before: str
    after: str
    as_bytes: bool


SLOTS = st.builds(Slot, filler, filler, st.booleans())


def fill(value: Any, secret: str) -> Any:
    if isinstance(value, Slot):
        text = value.before + secret + value.after
        return text.encode("utf-8") if value.as_bytes else text
    if isinstance(value, dict):
        return {fill(k, secret): fill(v, secret) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(fill(v, secret) for v in value)
    return value


class TestStructuredValues:
    @given(shape=structured(SLOTS), secret=secret)
    def test_never_mutates_and_never_leaks(self, shape: Any, secret: str) -> None:
        """redact_value leaves its input intact and no secret in repr() of its result."""
        value = fill(shape, secret)
        before = copy.deepcopy(value)
        r = Redactor(secrets=[secret], rules=())

        out = r.redact_value(value)

        assert before == value
        assert secret not in repr(out)
        assert repr(secret)[1:-1] not in repr(out)
        assert secret.encode("utf-8") not in _all_bytes(out)

    @given(shape=structured(SLOTS), secret=secret, present=st.booleans())
    def test_batched_scan_agrees_with_field_by_field(
        self, shape: Any, secret: str, present: bool
    ) -> None:
        """The one-pass shortcut for clean values never disagrees with redacting each
        field on its own: same result, and the very same object when clean."""
        value = fill(shape, secret if present else "-")
        r = Redactor(secrets=[secret])  # the built-in rules too

        batched = r.redact_value(value)
        one_by_one = r._value(value, r._snapshot, 0, set())

        assert one_by_one == batched
        assert (one_by_one is value) == (batched is value)


def _all_bytes(value: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, dict):
        return b"|".join(_all_bytes(k) + b"|" + _all_bytes(v) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return b"|".join(_all_bytes(v) for v in value)
    return b""


TOKENS = st.text(alphabet=string.ascii_letters + string.digits, min_size=12, max_size=12)


class SecretsMachine(RuleBasedStateMachine):
    """Adding and removing secrets agrees with a plain set."""

    def __init__(self) -> None:
        super().__init__()
        self.redactor = Redactor(rules=())
        self.model: set[str] = set()
        self.seen: set[str] = set()

    @rule(value=TOKENS)
    def add(self, value: str) -> None:
        self.redactor.add_secret(value)
        self.model.add(value)
        self.seen.add(value)

    @rule(values=st.lists(TOKENS, max_size=5))
    def add_many(self, values: list[str]) -> None:
        self.redactor.add_secrets(values)
        self.model.update(values)
        self.seen.update(values)

    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        if not self.seen:
            return
        value = data.draw(st.sampled_from(sorted(self.seen)))
        self.redactor.remove_secret(value)
        self.model.discard(value)

    @invariant()
    def agrees_with_model(self) -> None:
        assert len(self.model) == len(self.redactor)
        for value in self.seen:
            expected = "<[REDACTED]>" if value in self.model else f"<{value}>"
            assert expected == self.redactor.redact(f"<{value}>")


TestSecretsMachine = SecretsMachine.TestCase
