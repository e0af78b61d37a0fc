"""Streaming redaction and scanning (what ``logredact redact`` and ``scan`` run) give
the same result as redacting the whole text at once, however the stream is cut into
reads: a secret split across read boundaries is still masked, and every byte outside a
finding comes out as it went in."""

from __future__ import annotations

import warnings

from hypothesis import assume, given
from hypothesis import strategies as st

from logredact import Redactor, Rule
from logredact._stream import StreamRedactor, StreamScanner
from strategies import log_stream

read_sizes = st.lists(st.integers(1, 64), min_size=1, max_size=8)
#: A rule whose keyword precedes the secret it masks.
PW_RULE = Rule(id="test-pw", pattern=r"pw=([0-9a-f]{8,20})", keywords=("pw=",), secret_group=1)


def build(values: list[str], **options: object) -> Redactor:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Redactor(secrets=values, **options)  # type: ignore[arg-type]


def split(data: bytes, sizes: list[int]) -> list[bytes]:
    """``data`` cut into reads of ``sizes`` bytes, cycling through them."""
    blocks = []
    pos = 0
    n = 0
    while pos < len(data):
        size = sizes[n % len(sizes)]
        blocks.append(data[pos : pos + size])
        pos += size
        n += 1
    return blocks


def stream_redact(redactor: Redactor, blocks: list[bytes], **options: object) -> bytes:
    stream = StreamRedactor(redactor, **options)  # type: ignore[arg-type]
    return b"".join(stream.feed(block) for block in blocks) + stream.finish()


def whole(redactor: Redactor, data: bytes) -> bytes:
    return redactor.redact(data.decode("utf-8", "surrogateescape")).encode(
        "utf-8", "surrogateescape"
    )


class TestStreamRedactor:
    @given(log_stream(), read_sizes)
    def test_streaming_equals_redacting_the_whole_text(
        self, stream: tuple[list[str], bytes], sizes: list[int]
    ) -> None:
        """However the input is cut into reads, the output is byte for byte what
        redacting the whole text gives: every secret masked, nothing else touched."""
        values, data = stream
        redactor = build(values, rules=())

        actual = stream_redact(redactor, split(data, sizes))

        assert whole(redactor, data) == actual
        for value in values:
            assert value.encode("utf-8") not in actual

    @given(log_stream(), read_sizes, st.data())
    def test_rule_matches_next_to_known_values_survive_any_cut(
        self, stream: tuple[list[str], bytes], sizes: list[int], data: st.DataObject
    ) -> None:
        """With a rule whose keyword comes before its secret (``pw=...``), inserted
        anywhere, even against a known value, streaming equals redacting the whole
        text: no cut separates a keyword from the secret after it."""
        values, raw = stream
        tokens = data.draw(st.lists(st.text(alphabet="0123456789abcdef", min_size=8, max_size=20)))
        for token in tokens:
            at = data.draw(st.integers(0, len(raw)))
            raw = raw[:at] + b"pw=" + token.encode() + raw[at:]
        redactor = build(values, rules=[PW_RULE])

        actual = stream_redact(redactor, split(raw, sizes))

        assert whole(redactor, raw) == actual

    @given(log_stream(), read_sizes)
    def test_line_mode_equals_redacting_the_whole_text(
        self, stream: tuple[list[str], bytes], sizes: list[int]
    ) -> None:
        """Line mode (``logredact run``) hands out complete lines at once and still
        masks a single-line secret whose bytes arrive in several reads.  (A multi-line
        secret is masked line by line there: lines shorter than the minimum length
        are not registered, so they may pass, as in every line-based masker.)"""
        values, data = stream
        assume(all("\n" not in value for value in values))
        redactor = build(values, rules=())

        actual = stream_redact(redactor, split(data, sizes), line_mode=True)

        assert whole(redactor, data) == actual

    @given(log_stream(), read_sizes)
    def test_no_secret_survives_with_the_builtin_rules(
        self, stream: tuple[list[str], bytes], sizes: list[int]
    ) -> None:
        """With the built-in rules on too, no known secret reaches the output."""
        values, data = stream
        redactor = build(values)

        actual = stream_redact(redactor, split(data, sizes))

        for value in values:
            assert value.encode("utf-8") not in actual


class TestStreamScanner:
    @given(log_stream(), read_sizes)
    def test_positions_equal_those_of_the_whole_text(
        self, stream: tuple[list[str], bytes], sizes: list[int]
    ) -> None:
        """The scanner reports the findings of the whole text, at the same lines and
        columns, however the input is cut into reads."""
        values, data = stream
        redactor = build(values, rules=())
        text = data.decode("utf-8", "surrogateescape")
        expected = []
        for finding in redactor.find(text):
            line = text.count("\n", 0, finding.start) + 1
            column = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
            expected.append((line, column, finding.label, finding.end - finding.start))

        scanner = StreamScanner(redactor)
        found = [item for block in split(data, sizes) for item in scanner.feed(block)]
        found += scanner.finish()

        assert expected == [(f.line, f.column, f.label, f.length) for f in found]
