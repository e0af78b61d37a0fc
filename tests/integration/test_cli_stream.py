"""The streaming layer under ``logredact scan`` and ``redact`` with the built-in
rules: every rule's own examples, spread over many small reads, come out exactly as
redacting the whole text gives; and the analysis that decides which rules' matches
stay on one line."""

from __future__ import annotations

import re
import secrets

import pytest

from logredact import Redactor
from logredact._stream import StreamRedactor, StreamScanner, may_match_newline
from logredact.rules import builtin_rules

EXAMPLES = [(rule.id, example) for rule in builtin_rules() for example in rule.examples]


def filler(lines: int) -> str:
    return "".join(f"{n} worker finished task in {n * 7} ms\n" for n in range(lines))


def blocks(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


class TestBuiltinRulesStreamed:
    @pytest.mark.skipif(not EXAMPLES, reason="the built-in catalog is empty")
    @pytest.mark.parametrize("size", [5, 64, 4096])
    def test_every_example_is_masked_as_in_the_whole_text(
        self, redactor: Redactor, size: int
    ) -> None:
        """Each rule example, among ordinary lines and read a few bytes at a time,
        is masked exactly as when the whole text is redacted at once."""
        for rule_id, example in EXAMPLES:
            text = filler(3) + f"config: {example}\n" + filler(2)
            data = text.encode("utf-8")
            stream = StreamRedactor(redactor)

            out = b"".join(stream.feed(block) for block in blocks(data, size)) + stream.finish()

            assert redactor.redact(text) == out.decode("utf-8"), rule_id

    @pytest.mark.skipif(not EXAMPLES, reason="the built-in catalog is empty")
    def test_the_scanner_finds_every_example_on_its_line(self, redactor: Redactor) -> None:
        """The scanner reports each example's finding on the line it was written."""
        for rule_id, example in EXAMPLES:
            text = filler(4) + example + "\n" + filler(1)
            scanner = StreamScanner(redactor)

            found = []
            for block in blocks(text.encode("utf-8"), 11):
                found += scanner.feed(block)
            found += scanner.finish()

            expected = [text.count("\n", 0, f.start) + 1 for f in redactor.find(text)]
            assert expected == [item.line for item in found], rule_id

    def test_a_private_key_split_over_many_reads_is_masked_whole(self) -> None:
        """A PEM block (a rule whose match spans lines) read 3 bytes at a time is
        masked whole, in block and in line mode."""
        body = "\n".join(secrets.token_urlsafe(48) for _ in range(6))
        pem = f"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----"
        text = filler(2) + pem + "\n" + filler(2)
        redactor = Redactor()
        expected = redactor.redact(text)
        if expected == text:
            pytest.skip("the built-in catalog has no private-key rule")

        for line_mode in (False, True):
            stream = StreamRedactor(redactor, line_mode=line_mode)
            data = text.encode("utf-8")
            out = b"".join(stream.feed(block) for block in blocks(data, 3)) + stream.finish()

            assert expected == out.decode("utf-8")
            assert body.splitlines()[2].encode() not in out

    @pytest.mark.parametrize("size", [1, 7, 100, 1 << 16])
    def test_private_keys_among_certificates(self, size: int) -> None:
        """Private keys between certificate blocks (same "-----BEGIN" keyword, no
        match) are masked as in the whole text, and the certificates kept."""
        redactor = Redactor()

        def block(kind: str) -> str:
            body = "\n".join(secrets.token_urlsafe(48) for _ in range(4))
            return f"-----BEGIN {kind}-----\n{body}\n-----END {kind}-----\n"

        text = "".join(
            filler(3) + block("CERTIFICATE") + filler(1) + block("PRIVATE KEY") for _ in range(5)
        )
        expected = redactor.redact(text)
        if "PRIVATE KEY" in expected:
            pytest.skip("the built-in catalog has no private-key rule")
        data = text.encode("utf-8")
        stream = StreamRedactor(redactor)

        out = b"".join(stream.feed(part) for part in blocks(data, size)) + stream.finish()

        assert expected == out.decode("utf-8")
        assert 5 == out.count(b"-----BEGIN CERTIFICATE-----")


class TestMayMatchNewline:
    @pytest.mark.parametrize(
        "pattern",
        [
            r"abc",
            r"[A-Za-z0-9_\-]{8,64}",
            r"[^\s\"']+",
            r"\S{4}",
            r"\w+",
            r".{0,10}",
            r"(?!\n)x",
            r"(?i:token)[ \t]*=",
            r"a|b|[\d.]",
            r"pwd=([^;\n]{1,64}?)(?=[ \t]*(?:[;\n]|(?![\s\S])))",
            r"key=\w+[^x]",
        ],
    )
    def test_single_line_patterns(self, pattern: str) -> None:
        """Patterns that can neither match nor look past the newline ending a line stay
        on one line (a newline as the last character examined is that line's own)."""
        assert may_match_newline(re.compile(pattern)) is False

    @pytest.mark.parametrize(
        "pattern",
        [
            r"a\nb",
            r"\s+",
            r"[^x]y",
            r"\Wz",
            r"\Dq",
            r"(?s:.)b",
            r"(?s).c",
            r"x(?=\n\n)",
            r"[\x00-\x7f]{2}",
            r"(a|[\s])b",
            r"(?<=\n)x",
        ],
    )
    def test_patterns_that_may_cross_a_line(self, pattern: str) -> None:
        """Patterns that may match a newline, or look past one, before their last
        character are multi-line."""
        assert may_match_newline(re.compile(pattern)) is True
