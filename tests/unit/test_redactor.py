"""The core Redactor: known values in every encoded form, the leak classes of
DESIGN.md, masks, options, safety, statistics."""

from __future__ import annotations

import base64
import html
import json
import pickle
import re
import secrets
import shlex
import threading
import warnings
from urllib.parse import quote, quote_plus

import pytest

from logredact import (
    DEFAULT_MIN_SECRET_LENGTH,
    FAILED_MARKER,
    LogredactWarning,
    Redactor,
)
from logredact._scan import ANCHOR, anchor_offset, merge_spans


def fresh(n: int = 16) -> str:
    """A random token-like secret."""
    return secrets.token_urlsafe(n)


def nasty() -> str:
    """A random secret full of characters that need escaping somewhere."""
    return f"p{secrets.token_hex(4)}'\"\\%&+/=é€\n😀{{}}"


@pytest.fixture
def secret() -> str:
    return fresh()


class TestCleanPath:
    def test_returns_same_object_when_nothing_matches(self, secret: str) -> None:
        """A clean line comes back as the very same object."""
        r = Redactor(secrets=[secret], rules=())
        line = "GET /healthz 200 0.3ms " + "x" * 50

        assert r.redact(line) is line

    def test_no_secrets_no_rules(self) -> None:
        """An empty Redactor returns its input untouched."""
        line = "nothing to see"

        assert Redactor(rules=()).redact(line) is line

    def test_empty_string(self, secret: str) -> None:
        """The empty string is clean."""
        assert Redactor(secrets=[secret], rules=()).redact("") == ""


class TestAnchors:
    def test_anchor_starts_on_rare_characters(self) -> None:
        """The automaton holds the window of a form that starts least like ordinary
        log text: here the capital and symbol pair, not the leading lower-case run."""
        form = "abcdefghijkl" + "Q!" + "mnopqrstuvw"

        assert anchor_offset(form) == 12

    def test_anchor_never_runs_past_the_end(self) -> None:
        """Rare characters in the last ANCHOR - 1 places cannot start the anchor."""
        form = "abcdefghijklmnop" + "Q!"

        assert anchor_offset(form) + ANCHOR <= len(form)

    def test_secret_found_when_its_anchor_is_in_the_middle(self) -> None:
        """A secret whose anchor is not its start is masked wherever it sits: at
        the very start of the text, at its end, and alone."""
        secret = "lowercaseletters" + fresh(8) + "XQ!Z" + "tail"
        r = Redactor(secrets=[secret], rules=(), mask="***")

        for text in (secret, f"{secret} after", f"before {secret}", f"a{secret}b"):
            assert secret not in r.redact(text)
            assert "***" in r.redact(text)


class TestEncodedForms:
    """Every encoding the issue lists is masked, with nothing of the secret left."""

    @pytest.mark.parametrize(
        "encode",
        [
            pytest.param(lambda s: s, id="raw"),
            pytest.param(lambda s: json.dumps(s), id="json-ascii"),
            pytest.param(lambda s: json.dumps(s, ensure_ascii=False), id="json-unicode"),
            pytest.param(lambda s: json.dumps({"k": s}), id="json-in-dict"),
            pytest.param(lambda s: json.dumps(json.dumps(s)), id="json-in-json"),
            pytest.param(lambda s: repr(s), id="repr"),
            pytest.param(lambda s: repr({"password": s, "n": [s]}), id="repr-dict"),
            pytest.param(lambda s: ascii(s), id="ascii"),
            pytest.param(lambda s: repr(s.encode()), id="bytes-repr"),
            pytest.param(lambda s: json.dumps(repr({"k": s})), id="repr-in-json"),
            pytest.param(lambda s: quote(s, safe=""), id="quote"),
            pytest.param(lambda s: quote(s), id="quote-safe-slash"),
            pytest.param(lambda s: quote_plus(s), id="quote-plus"),
            pytest.param(lambda s: quote(s, safe="").lower(), id="quote-lower-hex"),
            pytest.param(lambda s: html.escape(s), id="html"),
            pytest.param(lambda s: shlex.quote(s), id="shlex-quote"),
            pytest.param(lambda s: "'" + s.replace("'", "'\\''") + "'", id="posix-quote"),
        ],
    )
    def test_form_is_masked(self, encode: object) -> None:
        """The encoded secret disappears and the mask appears."""
        s = nasty()
        r = Redactor(secrets={"pw": s}, rules=())
        encoded = encode(s)  # type: ignore[operator]
        out = r.redact(f"before {encoded} after")

        assert "[REDACTED]" in out
        assert encoded not in out
        assert out.startswith("before ")
        assert out.endswith(" after")

    def test_lower_case_percent_hex(self) -> None:
        """Percent-encoding with lower-case hex digits is masked too."""
        s = "ab/cd?ef=gh&ij"
        r = Redactor(secrets=[s], rules=())
        lower = re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), quote(s, safe=""))
        assert lower != quote(s, safe="")

        assert r.redact(f"x {lower} y") == "x [REDACTED] y"

    @pytest.mark.parametrize("prefix", ["", "a", "ab", "abc", "user:", "u:"])
    @pytest.mark.parametrize("alphabet", ["std", "urlsafe"])
    def test_base64_at_every_alignment(self, prefix: str, alphabet: str) -> None:
        """A secret inside base64 is masked whichever byte offset it starts at."""
        s = "s3cr3t?>~" + secrets.token_hex(6)
        r = Redactor(secrets=[s], rules=())
        raw = (prefix + s + "!tail").encode()
        encoded = (
            base64.b64encode(raw) if alphabet == "std" else base64.urlsafe_b64encode(raw)
        ).decode()

        out = r.redact(f"Authorization: Basic {encoded}")

        assert "[REDACTED]" in out
        # What is left of the encoding cannot decode to any 4 consecutive secret bytes.
        for piece in out.split("[REDACTED]"):
            tail = piece.rsplit(" ", 1)[-1]
            for i in range(len(tail) - 3):
                chunk = tail[i : i + 8]
                for pad in ("", "=", "=="):
                    try:
                        decoded = base64.b64decode(chunk + pad, altchars=b"-_")
                    except ValueError:
                        continue
                    for j in range(len(s) - 3):
                        assert s[j : j + 4].encode() not in decoded

    def test_multiline_secret_lines(self) -> None:
        """Each line of a multi-line secret is masked when logged on its own."""
        lines = [secrets.token_urlsafe(30) for _ in range(4)]
        pem = "-----BEGIN TEST KEY-----\n" + "\n".join(lines) + "\n-----END TEST KEY-----\n"
        r = Redactor(secrets={"key": pem}, rules=())

        out = r.redact(f"line two was {lines[1]} and four {lines[3]}")

        assert lines[1] not in out
        assert lines[3] not in out
        assert r.redact(pem.strip()) == "[REDACTED]"

    def test_stripped_value(self) -> None:
        """A secret read from a file with its newline is masked without it too."""
        s = fresh()
        r = Redactor(secrets=[s + "\n"], rules=())

        assert r.redact(f"pw={s};") == "pw=[REDACTED];"


class TestLeakClasses:
    """The leak classes of DESIGN.md that bit other maskers."""

    def test_overlapping_secrets_leave_no_fragment(self) -> None:
        """`abcdef` holding `abcd...` and `...cdef` is masked whole (not `ef` left)."""
        r = Redactor(secrets=["abcdefgh12", "efgh12ijkl"], rules=())

        assert r.redact("<abcdefgh12ijkl>") == "<[REDACTED]>"

    def test_nested_secret(self) -> None:
        """One secret inside another: the longer one is masked whole."""
        r = Redactor(secrets=["androidkey", "androidkeydebugstore"], rules=())

        assert r.redact("androidkeydebugstore androidkey") == "[REDACTED] [REDACTED]"

    def test_adjacent_secrets_merge(self) -> None:
        """Touching secrets become one mask."""
        a, b = fresh(), fresh()
        r = Redactor(secrets=[a, b], rules=())

        assert r.redact(f"x{a}{b}y") == "x[REDACTED]y"

    def test_short_secret_refused_with_label(self) -> None:
        """A too-short secret is refused; the warning names the label, not the value."""
        with pytest.warns(LogredactWarning) as caught:
            r = Redactor(secrets={"pin-code": "4711"}, rules=())

        message = str(caught[0].message)
        assert "pin-code" in message
        assert "4711" not in message
        assert len(r) == 0
        assert r.redact("pin 4711") == "pin 4711"
        assert r.stats.refused_secrets == 1

    def test_minimum_length_configurable(self) -> None:
        """min_secret_length lowers or raises the bar."""
        r = Redactor(secrets=["abcdef"], rules=(), min_secret_length=6)

        assert r.redact("abcdef") == "[REDACTED]"

    def test_registered_after_printing(self, secret: str) -> None:
        """A secret added later is masked from then on (rotation)."""
        r = Redactor(rules=())
        assert secret == r.redact(secret)

        r.add_secret(secret, label="rotated")

        assert r.redact(secret) == "[REDACTED]"

    def test_mask_followed_by_secret_tail(self) -> None:
        """A secret that begins with the end of the mask is still never left behind."""
        other = "]" + secrets.token_hex(6)
        first = secrets.token_hex(6)
        r = Redactor(secrets=[first, other], rules=())

        out = r.redact(first + other[1:] + "!")

        assert other not in out
        assert first not in out
        assert out == r.redact(out)

    def test_secret_inside_mask_is_refused(self) -> None:
        """A value that occurs in the mask itself cannot be registered."""
        with pytest.warns(LogredactWarning, match="inside the mask"):
            r = Redactor(secrets={"weird": "REDACTED"}, rules=())

        assert len(r) == 0


class TestMasks:
    def test_labelled(self) -> None:
        """A template with {label} shows the secret's label."""
        s = fresh()
        r = Redactor(secrets={"db-password": s}, rules=(), mask="[REDACTED:{label}]")

        assert r.redact(f"pw {s}") == "pw [REDACTED:db-password]"

    def test_known_label_wins_over_rule(self) -> None:
        """A registered secret that a rule also matches shows the secret's label."""
        s = secrets.token_hex(20)
        r = Redactor(secrets={"api-token": s}, mask="[REDACTED:{label}]")

        assert "token=[REDACTED:api-token]" == r.redact(f"token={s}")

    def test_fingerprint_is_keyed_and_stable(self) -> None:
        """Equal secrets get equal fingerprints, in any encoding; another key differs."""
        s = nasty()
        key = secrets.token_bytes(32)
        r1 = Redactor(secrets=[s], rules=(), mask="<{fingerprint}>", fingerprint_key=key)
        r2 = Redactor(secrets=[s], rules=(), mask="<{fingerprint}>", fingerprint_key=key)
        r3 = Redactor(secrets=[s], rules=(), mask="<{fingerprint}>")

        a = r1.redact(s)
        b = r2.redact(json.dumps(s))

        assert a == b.strip('"')
        assert a != r3.redact(s)
        assert len(a) == 14

    def test_fingerprint_key_too_short(self) -> None:
        """A short fingerprint key is rejected, naming the argument."""
        with pytest.raises(ValueError, match='"fingerprint_key"'):
            Redactor(mask="{fingerprint}", fingerprint_key=b"short")

    def test_callable(self) -> None:
        """A callable mask receives the finding; repr of the finding hides the text."""
        s = fresh()
        seen = []

        def mask(finding: object) -> str:
            seen.append(finding)
            return "<gone>"

        r = Redactor(secrets={"api": s}, rules=(), mask=mask)

        assert r.redact(f"key {s}") == "key <gone>"
        assert seen[0].labels == ("api",)  # type: ignore[attr-defined]
        assert s not in repr(seen[0])

    def test_unknown_template_field(self) -> None:
        """A template field we do not know is an error at construction."""
        with pytest.raises(ValueError, match="unknown fields"):
            Redactor(mask="[{secret}]")

    def test_literal_braces(self) -> None:
        """Doubled braces in a template are literal braces."""
        s = fresh()
        r = Redactor(secrets=[s], rules=(), mask="{{hidden}}")

        assert r.redact(s) == "{hidden}"


class TestSecretsManagement:
    def test_mapping_iterable_and_pairs(self) -> None:
        """Secrets come as a mapping, an iterable of strings, or (label, value) pairs."""
        a, b, c = fresh(), fresh(), fresh()
        r = Redactor(secrets={"a": a}, rules=())
        r.add_secrets([b, ("c-label", c)])

        assert len(r) == 3
        assert {"a", "secret-0", "c-label"} == set(r.labels)

    def test_registering_again_keeps_the_snapshot(self) -> None:
        """Adding a value already registered keeps its first label and rebuilds nothing."""
        s = fresh()
        r = Redactor(secrets={"first": s}, rules=())
        before = r._snapshot

        assert r.add_secret(s, label="second")
        assert before is r._snapshot
        assert ("first",) == r.labels

    def test_remove_by_value_and_label(self) -> None:
        """remove_secret forgets by value or by label."""
        a, b, c = fresh(), fresh(), fresh()
        r = Redactor(secrets=[("db", a), ("db", b), ("api", c)], rules=())

        assert r.remove_secret(label="db") == 2
        assert a == r.redact(a)
        assert r.remove_secret(c) == 1
        assert len(r) == 0

    def test_remove_needs_exactly_one_argument(self) -> None:
        """remove_secret() takes a value or a label."""
        with pytest.raises(TypeError):
            Redactor(rules=()).remove_secret()

    def test_non_string_secret(self) -> None:
        """A non-string secret is a TypeError naming its label and type only."""
        with pytest.raises(TypeError, match=r"'n'.*int"):
            Redactor(secrets={"n": 12345678}, rules=())  # type: ignore[dict-item]

    def test_single_string_rejected(self) -> None:
        """secrets='...' (a str, not a list) is refused rather than split in characters."""
        with pytest.raises(TypeError, match='"secrets"'):
            Redactor(secrets="a-secret-string", rules=())

    def test_concurrent_readers_see_whole_states(self) -> None:
        """Readers running while writers add secrets never fail or leak a registered one."""
        r = Redactor(rules=())
        base = [fresh() for _ in range(50)]
        r.add_secrets(base)
        errors: list[str] = []
        stop = threading.Event()

        def read() -> None:
            while not stop.is_set():
                for s in base[:10]:
                    if r.redact(f"x {s} y") != "x [REDACTED] y":
                        errors.append("leak")

        threads = [threading.Thread(target=read) for _ in range(3)]
        for t in threads:
            t.start()
        for _ in range(30):
            r.add_secret(fresh())
            r.remove_secret(base[-1])
            r.add_secret(base[-1])
        stop.set()
        for t in threads:
            t.join()

        assert errors == []
        assert r.stats.failures == 0


class TestSafety:
    def test_repr_shows_counts_only(self) -> None:
        """repr(Redactor) shows counts, never values."""
        s = fresh()
        r = Redactor(secrets={"x": s}, rules=())

        assert repr(r) == "<Redactor: 1 known values, 0 rules>"
        assert s not in repr(r.stats)

    def test_fails_closed(self) -> None:
        """An internal error yields the failure marker and is counted, never raised."""

        def broken(_: object) -> str:
            raise RuntimeError("boom")

        s = fresh()
        r = Redactor(secrets=[s], rules=(), mask=broken)

        assert r.redact(f"a {s}") == FAILED_MARKER
        assert r.stats.failures == 1

    def test_pickle_round_trip(self) -> None:
        """A pickled Redactor masks the same secrets with the same fingerprints."""
        s = nasty()
        r = Redactor(secrets={"k": s}, rules=(), mask="[{label}:{fingerprint}]")
        clone = pickle.loads(pickle.dumps(r))

        assert r.redact(s) == clone.redact(s)
        assert list(clone.labels) == ["k"]

    def test_stats_count_labels(self) -> None:
        """Statistics count masks per label."""
        a, b = fresh(), fresh()
        r = Redactor(secrets={"a": a, "b": b}, rules=())
        r.redact(f"{a} {a} {b}")

        assert dict(r.stats.masks) == {"a": 2, "b": 1}
        r.reset_stats()
        assert r.stats.total == 0

    def test_invalid_options(self) -> None:
        """Bad options fail at construction, naming the argument."""
        with pytest.raises(ValueError, match='"min_secret_length"'):
            Redactor(min_secret_length=0)
        with pytest.raises(ValueError, match='"implementation"'):
            Redactor(implementation="fast")
        with pytest.raises(ValueError, match='"max_depth"'):
            Redactor(max_depth=0)

    @pytest.mark.parametrize("implementation", ["dfa", "contiguous", "noncontiguous", None])
    def test_every_implementation_agrees(self, implementation: str | None) -> None:
        """All automaton implementations give the same result."""
        s = fresh()
        r = Redactor(secrets=[s], rules=(), implementation=implementation)

        assert r.redact(f"a {s} b") == "a [REDACTED] b"

    def test_default_min_length(self) -> None:
        """The documented default minimum length is 8 (GitLab's)."""
        assert DEFAULT_MIN_SECRET_LENGTH == 8
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            Redactor(secrets=["12345678"], rules=())


class TestFind:
    def test_find_reports_positions_without_values(self) -> None:
        """find() gives merged spans with labels; repr hides the text."""
        s = fresh()
        r = Redactor(secrets={"tok": s}, rules=())
        text = f"ab {s} cd"

        [finding] = r.find(text)

        assert (3, 3 + len(s)) == (finding.start, finding.end)
        assert finding.labels == ("tok",)
        assert finding.kind == "known"
        assert s not in repr(finding)


class TestMergeSpans:
    def test_union_of_overlapping_and_touching(self) -> None:
        """Overlapping and touching spans merge; separate ones stay apart."""
        merged = merge_spans([(5, 9, 1), (0, 3, 0), (2, 5, 2), (11, 12, 3)])

        assert merged == [(0, 9, (0, 2, 1)), (11, 12, (3,))]
