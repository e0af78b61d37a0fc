"""Streaming scans and redaction over byte streams of any size, for the command line.

Bytes are decoded with ``surrogateescape`` so that any byte survives a round trip, and
processed in large blocks: one automaton pass per block, not one Python call per line.
A block is cut where no match can cross the cut: the text after the cut (at least
:attr:`Redactor.max_match_length` code points, usually the last partial line too) is
held back and scanned again with the next block, so a secret split across two reads
is still found.  Text without findings is written back untouched, byte for byte.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ._masks import Finding
from ._redactor import Redactor
from .rules import Rule

__all__ = [
    "DEFAULT_BLOCK_SIZE",
    "Located",
    "StreamRedactor",
    "StreamScanner",
    "iter_blocks",
    "redact_stream",
]

#: Bytes read at a time.  Large blocks keep the per-call overhead negligible.
DEFAULT_BLOCK_SIZE = 1 << 20
#: How far back a cut may move to land on a line boundary.
_ALIGN = 64 * 1024


@dataclass(frozen=True)
class Located:
    """A finding's position in a stream: 1-based lines, 1-based columns in code points
    (``end_column`` is one past the last character).  Never holds the secret."""

    line: int
    column: int
    end_line: int
    end_column: int
    label: str
    labels: tuple[str, ...]
    kind: str
    fingerprint: str
    length: int


class _Window:
    """Decoded text not yet handed out, and where it may be cut."""

    def __init__(
        self,
        redactor: Redactor,
        *,
        hold: int | None,
        line_mode: bool,
        max_buffer: int | None,
    ) -> None:
        self.redactor = redactor
        self.text = ""
        self.hold = redactor.max_match_length if hold is None else hold
        self.line_mode = line_mode
        self.max_buffer = (
            max_buffer if max_buffer is not None else 8 * DEFAULT_BLOCK_SIZE + 4 * self.hold
        )
        self._decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        # How far a rule's whole match may reach around the secret it reports.
        self._context = {rule.id: _rule_context(rule) for rule in redactor.rules}
        self.max_context = max(self._context.values(), default=0)

    def push(self, data: bytes, final: bool) -> None:
        self.text += self._decoder.decode(data, final)

    def candidate(self, final: bool) -> int:
        """The furthest cut that leaves the held-back tail in the buffer."""
        text = self.text
        if final:
            return len(text)
        if self.line_mode:
            cut = text.rfind("\n") + 1
            if len(text) > self.max_buffer:
                cut = max(cut, self._block_cut())
            return cut
        return self._block_cut()

    def _block_cut(self) -> int:
        limit = len(self.text) - self.hold
        if limit <= 0:
            return 0
        newline = self.text.rfind("\n", max(0, limit - _ALIGN), limit)
        return newline + 1 if newline >= 0 else limit

    def settle(self, cut: int, findings: list[Finding], final: bool) -> int:
        """Move ``cut`` left until no match around a finding can cross it.

        A known value's match is its span; a rule's whole match lies within its
        context (lookbehind + keyword + width) of the secret it reports, and may
        have its keyword before the secret and its anchor after it.
        """
        if final or not findings:
            return cut
        original = cut
        reach = self.max_context
        changed = True
        while changed and cut > 0:
            changed = False
            for finding in reversed(findings):
                if finding.end <= cut and finding.start + reach <= cut:
                    break
                context = self.context(finding)
                lo = finding.start - context
                hi = max(finding.end, finding.start + context)
                if lo < cut < hi:
                    cut = max(0, lo)
                    cut = self.text.rfind("\n", max(0, cut - _ALIGN), cut) + 1 or cut
                    changed = True
        if cut == 0 and len(self.text) > self.max_buffer:
            # Findings too dense to cut between their contexts: cut anyway, but never
            # through a finding itself.  Best effort, documented.
            cut = original
            for finding in reversed(findings):
                if finding.start < cut < finding.end:
                    cut = finding.end
                    break
        return cut

    def context(self, finding: Finding) -> int:
        if finding.kind == "known":
            return 0
        return max((self._context.get(label, 0) for label in finding.labels), default=0)

    def take(self, cut: int) -> str:
        head, self.text = self.text[:cut], self.text[cut:]
        return head


def _rule_context(rule: Rule) -> int:
    return rule.lookbehind + max(map(len, rule.keywords)) + rule.width


class StreamRedactor:
    """Feed bytes, get redacted bytes back: what may be written now.

    In block mode (the default) the last :attr:`hold` code points (and the partial
    last line) wait for the next :meth:`feed`; in ``line_mode`` every complete line
    is handed out at once, for live output.  :meth:`flush` hands out everything
    buffered (a prompt without a newline), :meth:`finish` ends the stream.
    """

    def __init__(
        self,
        redactor: Redactor,
        *,
        line_mode: bool = False,
        hold: int | None = None,
        max_buffer: int | None = None,
    ) -> None:
        self._window = _Window(redactor, hold=hold, line_mode=line_mode, max_buffer=max_buffer)
        self._redactor = redactor

    @property
    def pending(self) -> bool:
        """Whether text is waiting to be handed out."""
        return bool(self._window.text)

    def feed(self, data: bytes) -> bytes:
        self._window.push(data, False)
        return self._drain(False)

    def flush(self) -> bytes:
        return self._drain(True)

    def finish(self) -> bytes:
        self._window.push(b"", True)
        return self._drain(True)

    def _drain(self, final: bool) -> bytes:
        window = self._window
        cut = window.candidate(final)
        if cut <= 0:
            return b""
        text = window.text
        findings = self._redactor.find(text)
        cut = window.settle(cut, findings, final)
        head = window.take(cut)
        if findings and findings[0].start < cut:
            head = self._mask(head, [f for f in findings if f.start < cut])
        return head.encode("utf-8", "surrogateescape")

    def _mask(self, text: str, findings: list[Finding]) -> str:
        """Redact the lines around each finding (with the room its rule's match may
        need); everything else is copied as it is."""
        window = self._window
        size = len(text)
        regions: list[list[int]] = []
        for finding in findings:
            context = window.context(finding)
            lo = max(0, finding.start - context)
            hi = min(size, max(finding.end, finding.start + context))
            lo = text.rfind("\n", 0, lo) + 1
            newline = text.find("\n", hi)
            hi = size if newline < 0 else newline
            if regions and lo <= regions[-1][1]:
                regions[-1][1] = max(regions[-1][1], hi)
            else:
                regions.append([lo, hi])
        pieces: list[str] = []
        pos = 0
        redact = self._redactor.redact
        for lo, hi in regions:
            pieces.append(text[pos:lo])
            pieces.append(redact(text[lo:hi]))
            pos = hi
        pieces.append(text[pos:])
        return "".join(pieces)


class StreamScanner:
    """Feed bytes, get the findings whose position is settled, with line and column."""

    def __init__(
        self,
        redactor: Redactor,
        *,
        hold: int | None = None,
        max_buffer: int | None = None,
    ) -> None:
        self._window = _Window(redactor, hold=hold, line_mode=False, max_buffer=max_buffer)
        self._redactor = redactor
        self._line = 1
        self._column0 = 0  # column of the buffer's first character, 0-based

    def feed(self, data: bytes) -> list[Located]:
        self._window.push(data, False)
        return self._drain(False)

    def finish(self) -> list[Located]:
        self._window.push(b"", True)
        return self._drain(True)

    def _drain(self, final: bool) -> list[Located]:
        window = self._window
        cut = window.candidate(final)
        if cut <= 0:
            return []
        text = window.text
        findings = self._redactor.find(text)
        cut = window.settle(cut, findings, final)
        located: list[Located] = []
        line = self._line
        line_start = -self._column0
        pos = 0
        for finding in findings:
            start, end = finding.start, finding.end
            if start >= cut:
                break
            line += text.count("\n", pos, start)
            newline = text.rfind("\n", pos, start)
            if newline >= 0:
                line_start = newline + 1
            pos = start
            column = start - line_start + 1
            inner = text.count("\n", start, end)
            end_column = end - text.rfind("\n", start, end) if inner else column + (end - start)
            located.append(
                Located(
                    line,
                    column,
                    line + inner,
                    end_column,
                    finding.label,
                    finding.labels,
                    finding.kind,
                    finding.fingerprint,
                    end - start,
                )
            )
        line += text.count("\n", pos, cut)
        newline = text.rfind("\n", pos, cut)
        if newline >= 0:
            line_start = newline + 1
        self._line = line
        self._column0 = cut - line_start
        window.take(cut)
        return located


def iter_blocks(reader: BinaryIO, block_size: int = DEFAULT_BLOCK_SIZE) -> Iterator[bytes]:
    """Blocks of ``reader`` until end of file (``read1`` when there is one, so a pipe's
    data is handed on as it arrives)."""
    read: Callable[[int], bytes] = getattr(reader, "read1", None) or reader.read
    while True:
        block = read(block_size)
        if not block:
            return
        yield block


def redact_stream(
    redactor: Redactor,
    blocks: Iterable[bytes],
    write: Callable[[bytes], object],
    *,
    line_mode: bool = False,
    hold: int | None = None,
    flush: Callable[[], object] | None = None,
) -> None:
    """Write ``blocks`` to ``write`` with every finding masked."""
    stream = StreamRedactor(redactor, line_mode=line_mode, hold=hold)
    for block in blocks:
        out = stream.feed(block)
        if out:
            write(out)
            if flush is not None:
                flush()
    out = stream.finish()
    if out:
        write(out)
    if flush is not None:
        flush()


def scan_blocks(redactor: Redactor, blocks: Iterable[bytes]) -> Iterator[Located]:
    """Every finding in the stream ``blocks``, in order."""
    scanner = StreamScanner(redactor)
    for block in blocks:
        yield from scanner.feed(block)
    yield from scanner.finish()


def open_binary(reader: BinaryIO) -> BinaryIO:
    """``reader`` itself, or a gzip reader over it when it starts with gzip's magic."""
    import gzip

    peek = getattr(reader, "peek", None)
    if peek is not None:
        head = peek(2)[:2]
    else:
        head = reader.read(2)
        reader.seek(0)
    if head == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=reader, mode="rb")  # type: ignore[return-value]
    return reader
