"""Streaming scans and redaction over byte streams of any size, for the command line.

The stream stays bytes.  One pass of a byte automaton (the first bytes of every
encoded form of every known value, and every rule keyword) over a large block says
where something may match; only the lines around those hits are decoded
(``surrogateescape``, so any byte survives) and handed to :meth:`Redactor.find` or
:meth:`Redactor.redact`.  Everything else is copied as it is, byte for byte.

A block is cut where no match can cross the cut: the tail after it (at least the
longest possible match, usually the last partial line too) is held back and searched
again with the next block, so a secret split across two reads is still found.
"""

from __future__ import annotations

import functools
import gzip
import re
import sys
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import ahocorasick_rs

from ._masks import Finding
from ._redactor import Redactor
from ._scan import _keyword_forms, anchor_offset

if sys.version_info >= (3, 11):  # pragma: no cover - version switch
    from re import _constants as _sre_constants  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
else:  # pragma: no cover - version switch
    import sre_constants as _sre_constants
    import sre_parse as _sre_parse

__all__ = [
    "DEFAULT_BLOCK_SIZE",
    "Located",
    "StreamRedactor",
    "StreamScanner",
    "iter_blocks",
    "may_match_newline",
    "open_binary",
    "redact_stream",
    "scan_blocks",
]

#: Bytes read at a time.  Large blocks keep the per-call overhead negligible.
DEFAULT_BLOCK_SIZE = 1 << 20
#: How far a region or a cut may move to land on a line boundary.
_ALIGN = 4096
#: Room around a known value's hit: base64 cores are widened by a character each
#: side and their ``=`` padding.
_KNOWN_MARGIN = 8
#: Known forms are searched by a window of this many characters only (the window
#: the core's automaton would choose: see :func:`anchor_offset`).
_PREFIX = 12
_NEWLINE = 10
#: A character is at most this many bytes of UTF-8 (or one escaped byte).
_MAX_CHAR = 4


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


class Prefilter:
    """The byte automaton that says where :meth:`Redactor.find` must look, and how far
    around each hit (in bytes) a match may reach.

    Most matches cannot hold a newline (every known form without one, every rule whose
    pattern cannot match one): for their hits the line holding the hit is enough,
    however wide the rule's window.  The others reach as far as their window, counted
    at 4 bytes a character.
    """

    def __init__(self, redactor: Redactor) -> None:
        # pattern -> (bytes a match may start before the hit, bytes it may end after
        # the hit's start, whether the match stays on the hit's line)
        reach: dict[bytes, tuple[int, int, bool]] = {}

        def add(pattern: bytes, before: int, after: int, line_bound: bool) -> None:
            old = reach.get(pattern, (0, 0, True))
            reach[pattern] = (max(old[0], before), max(old[1], after), old[2] and line_bound)

        # Package-internal: the encoded forms the Redactor's own automaton searches.
        with redactor._lock:
            forms = [form for value_forms in redactor._forms.values() for form in value_forms]
        for form in forms:
            try:
                data = form.encode("utf-8", "surrogateescape")
            except UnicodeEncodeError:
                continue  # surrogates a decoded stream cannot hold: never matches
            # A window finds the form as surely and builds a far smaller automaton
            # (5x faster to build with 1,000 values, as fast to search); a window
            # that starts on rare characters keeps the search in few hot states.
            offset = anchor_offset(form, _PREFIX)
            head = len(form[:offset].encode("utf-8", "surrogateescape"))
            size = len(form[offset : offset + _PREFIX].encode("utf-8", "surrogateescape"))
            add(
                data[head : head + size],
                head + _KNOWN_MARGIN,
                len(data) - head + _KNOWN_MARGIN,
                b"\n" not in data,
            )
        # Keywords of multi-line rules: a hit is first checked with the rule itself,
        # so a "-----BEGIN CERTIFICATE" costs its line, not a 64 KB private-key window.
        probes: dict[bytes, list[tuple[re.Pattern[str], int]]] = {}
        unprobed: set[bytes] = set(reach)
        for compiled in redactor._rules:
            rule = compiled.rule
            before = compiled.before * _MAX_CHAR
            after = compiled.after * _MAX_CHAR
            single = not may_match_newline(compiled.regex)
            for keyword in _keyword_forms(rule):
                data = keyword.encode("utf-8", "surrogateescape")
                add(data, before, len(data) + after, single and b"\n" not in data)
                if not single:
                    probes.setdefault(data, []).append((compiled.regex, compiled.before))
        patterns = list(reach)
        self.probes = [None if pattern in unprobed else probes.get(pattern) for pattern in patterns]
        self.before = [reach[pattern][0] for pattern in patterns]
        self.after = [reach[pattern][1] for pattern in patterns]
        self.line_bound = [reach[pattern][2] for pattern in patterns]
        #: Bytes to hold back: no match is longer.
        self.hold = max((before + after for before, after, _ in reach.values()), default=0)
        self.automaton = (
            ahocorasick_rs.BytesAhoCorasick(
                patterns,
                matchkind=ahocorasick_rs.MatchKind.Standard,
                implementation=ahocorasick_rs.Implementation.DFA,
            )
            if patterns
            else None
        )

    def regions(self, data: bytes) -> tuple[list[list[int]], int | None]:
        """Merged, sorted ``[lo, hi)`` byte ranges of ``data`` that may hold a match,
        widened to whole lines where a line boundary is near; and where the first
        range whose match may go on past the end of ``data`` starts (or ``None``)."""
        if self.automaton is None:
            return [], None
        hits = self.automaton.find_matches_as_indexes(data, overlapping=True)
        if not hits:
            return [], None
        size = len(data)
        before = self.before
        after = self.after
        line_bound = self.line_bound
        ranges: list[tuple[int, int]] = []
        wide: list[tuple[int, int]] = []
        line_end = -1  # end of the last whole line taken
        for pattern, start, _ in sorted(hits, key=_start):
            if not line_bound[pattern]:
                probe = self.probes[pattern]
                if probe is None or start + after[pattern] >= size:
                    wide.append((start - before[pattern], start + after[pattern]))
                    continue
                found = self._probe(data, pattern, probe, start)
                if found is not None:
                    ranges.append(found)
                    continue
                # No multi-line match holds this keyword: like a line-bound hit.
            if start < line_end:
                continue  # on a whole line already taken
            lo, hi, whole = self._line(data, pattern, start)
            if whole:
                line_end = hi
            ranges.append((lo, hi))
        open_lo = None
        if wide:
            for lo, hi in _merge(sorted(wide)):
                lo = _line_start(data, max(0, lo))
                if hi >= size:
                    # The match may go on past the data: "open" until more arrives.
                    open_lo = lo if open_lo is None else min(open_lo, lo)
                    ranges.append((lo, size))
                else:
                    ranges.append((lo, _line_end(data, hi)))
        ranges.sort()
        return [list(pair) for pair in _merge(ranges)], open_lo

    def _line(self, data: bytes, pattern: int, start: int) -> tuple[int, int, bool]:
        """The line holding a hit: from the newline before it (lookbehinds see it as
        they would in the whole text) to the newline that ends it; on a very long
        line, the hit's window.  And whether that is the whole line."""
        size = len(data)
        whole = True
        lo = data.rfind(b"\n", max(0, start - _ALIGN), start)
        if lo < 0:
            if start <= _ALIGN:
                lo = 0
            else:
                lo = _char_start(data, max(0, start - self.before[pattern]))
                whole = False
        hi = data.find(b"\n", start, start + _ALIGN) + 1
        if hi <= 0:
            end = start + self.after[pattern]
            if end >= size or start + _ALIGN >= size:
                hi = size
            else:
                hi = _char_start(data, end)
                whole = False
        return lo, hi, whole

    def _probe(
        self,
        data: bytes,
        pattern: int,
        probe: list[tuple[re.Pattern[str], int]],
        start: int,
    ) -> tuple[int, int] | None:
        """The range of the multi-line matches that hold the keyword hit at
        ``start`` (its whole window is in ``data``), or ``None`` when there is none."""
        lo = _line_start(data, max(0, start - self.before[pattern]))
        hi = _char_start(data, start + self.after[pattern])
        text = _decode(data[lo:hi])
        at = len(_decode(data[lo:start]))
        stop = -1
        for regex, lookbehind in probe:
            pos = max(0, at - lookbehind)
            while True:
                match = regex.search(text, pos)
                if match is None or match.start() > at:
                    break
                if match.end() > at:
                    stop = max(stop, match.end())
                    break
                pos = match.start() + 1
        if stop < 0:
            return None
        end = lo + len(text[:stop].encode("utf-8", "surrogateescape"))
        return lo, _line_end(data, end)


_PREFILTERS: weakref.WeakKeyDictionary[Redactor, tuple[object, Prefilter]] = (
    weakref.WeakKeyDictionary()
)
_PREFILTERS_LOCK = threading.Lock()


def prefilter_for(redactor: Redactor) -> Prefilter:
    """The prefilter of ``redactor``'s current secrets and rules, built once (the
    stdout and stderr streams of ``logredact run`` share it)."""
    snapshot = redactor._snapshot
    with _PREFILTERS_LOCK:
        cached = _PREFILTERS.get(redactor)
        if cached is not None and cached[0] is snapshot:
            return cached[1]
    prefilter = Prefilter(redactor)
    with _PREFILTERS_LOCK:
        _PREFILTERS[redactor] = (snapshot, prefilter)
    return prefilter


def _start(hit: tuple[int, int, int]) -> int:
    return hit[1]


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    if not ranges:
        return merged
    cur_lo, cur_hi = ranges[0]
    for lo, hi in ranges:
        if lo <= cur_hi:
            if hi > cur_hi:
                cur_hi = hi
        else:
            merged.append((cur_lo, cur_hi))
            cur_lo, cur_hi = lo, hi
    merged.append((cur_lo, cur_hi))
    return merged


def _line_start(data: bytes, pos: int) -> int:
    newline = data.rfind(b"\n", max(0, pos - _ALIGN), pos)
    if newline >= 0:
        return newline + 1
    return 0 if pos <= _ALIGN else _char_start(data, pos)


def _line_end(data: bytes, pos: int) -> int:
    newline = data.find(b"\n", pos, pos + _ALIGN)
    if newline >= 0:
        return newline + 1
    # The line may go on past the buffer: the region does too, so no cut lands in it.
    return len(data) if pos + _ALIGN >= len(data) else _char_start(data, pos)


def _char_start(data: bytes, pos: int) -> int:
    """``pos`` moved back to the first byte of a UTF-8 sequence (at most 3 bytes)."""
    for back in range(3):
        if pos - back <= 0 or pos - back >= len(data):
            return max(0, pos - back)
        if data[pos - back] & 0xC0 != 0x80:
            return pos - back
    return pos - 3


class _Buffer:
    """Bytes not yet handed out, and where they may be cut."""

    def __init__(
        self,
        redactor: Redactor,
        *,
        line_mode: bool,
        hold: int | None,
        max_buffer: int | None,
    ) -> None:
        self.prefilter = prefilter_for(redactor)
        self.data = b""
        self.hold = self.prefilter.hold if hold is None else hold
        self.line_mode = line_mode
        self.max_buffer = (
            max_buffer if max_buffer is not None else 8 * DEFAULT_BLOCK_SIZE + 4 * self.hold
        )
        self.find = redactor.find
        self._context = {
            c.rule.id: c.before + max(map(len, c.rule.keywords)) + c.after for c in redactor._rules
        }
        self.max_context = max(self._context.values(), default=0)

    def cut(self, final: bool) -> tuple[int, list[list[int]]]:
        """Where to cut, and the regions before the cut that need a look."""
        data = self.data
        size = len(data)
        line_mode = self.line_mode and not final and size <= self.max_buffer
        if final:
            cut = size
        elif line_mode:
            cut = data.rfind(b"\n") + 1
        else:
            limit = size - self.hold
            if limit <= 0:
                return 0, []
            newline = data.rfind(b"\n", max(0, limit - _ALIGN), limit)
            cut = newline + 1 if newline >= 0 else _char_start(data, limit)
        if cut <= 0:
            return 0, []
        regions, open_lo = self.prefilter.regions(data)
        if line_mode and open_lo is not None and open_lo < cut:
            # A match may still be arriving (a PEM block line by line): wait for the
            # rest, or for the idle flush.
            cut = next(lo for lo, hi in regions if lo <= open_lo < hi)
        kept: list[list[int]] = []
        for lo, hi in regions:
            if lo == cut - 1 and line_mode:
                break  # only the newline before a partial line: hand the line out
            if lo >= cut:
                break
            if hi > cut:
                if line_mode and hi >= size:
                    cut = lo
                    break
                # The cut falls where a match may lie: look at what is really there.
                cut = self._split(lo, hi, cut)
                if cut > lo:
                    kept.append([lo, cut])
                break
            kept.append([lo, hi])
        return cut, kept

    def _split(self, lo: int, hi: int, cut: int) -> int:
        """The furthest cut at or before ``cut`` inside region ``[lo, hi)`` that no
        match around a finding crosses; ``lo`` when there is none."""
        data = self.data
        text = _decode(data[lo:hi])
        chars = len(_decode(data[lo:cut]))
        findings = self.find(text)
        best = chars
        changed = True
        while changed and best > 0:
            changed = False
            for finding in reversed(findings):
                context = self.context(finding)
                if finding.end <= best and finding.start + self.max_context <= best:
                    break
                zone_lo = finding.start - context
                zone_hi = max(finding.end, finding.start + context)
                if zone_lo < best < zone_hi:
                    best = max(0, zone_lo)
                    best = text.rfind("\n", max(0, best - _ALIGN), best) + 1 or best
                    changed = True
        if best == 0 and len(data) > self.max_buffer:
            # Findings too dense to cut between their contexts: cut anyway, but never
            # through a finding itself.  Best effort, documented.
            best = chars
            for finding in findings:
                if finding.start < best < finding.end:
                    best = finding.end
        return lo + len(text[:best].encode("utf-8", "surrogateescape"))

    def context(self, finding: Finding) -> int:
        """How far (in characters) a rule's whole match may reach around the secret it
        reports: its lookbehind, keyword and width.  Known values are their match."""
        if finding.kind == "known":
            return 0
        if finding.kind == "rule":
            return max((self._context.get(label, 0) for label in finding.labels), default=0)
        # Mixed: the labels show the known value only, whichever rule matched too.
        return self.max_context

    def take(self, cut: int) -> bytes:
        head, self.data = self.data[:cut], self.data[cut:]
        return head


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


class StreamRedactor:
    """Feed bytes, get redacted bytes back: what may be written now.

    In block mode (the default) the held-back tail (and the partial last line) waits
    for the next :meth:`feed`; in ``line_mode`` every complete line is handed out at
    once, for live output.  :meth:`flush` hands out everything buffered (a prompt
    without a newline), :meth:`finish` ends the stream.
    """

    def __init__(
        self,
        redactor: Redactor,
        *,
        line_mode: bool = False,
        hold: int | None = None,
        max_buffer: int | None = None,
    ) -> None:
        self._buffer = _Buffer(redactor, line_mode=line_mode, hold=hold, max_buffer=max_buffer)
        self._redact = redactor.redact

    @property
    def hold(self) -> int:
        """Bytes held back between blocks in block mode."""
        return self._buffer.hold

    @property
    def pending(self) -> bool:
        """Whether bytes are waiting to be handed out."""
        return bool(self._buffer.data)

    def feed(self, data: bytes) -> bytes:
        self._buffer.data += data
        return self._drain(False)

    def flush(self) -> bytes:
        return self._drain(True)

    def finish(self) -> bytes:
        return self._drain(True)

    def _drain(self, final: bool) -> bytes:
        buffer = self._buffer
        cut, regions = buffer.cut(final)
        if cut <= 0:
            return b""
        head = buffer.take(cut)
        if not regions:
            return head
        pieces: list[bytes] = []
        pos = 0
        redact = self._redact
        for lo, hi in regions:
            pieces.append(head[pos:lo])
            text = _decode(head[lo:hi])
            masked = redact(text)
            pieces.append(
                head[lo:hi] if masked is text else masked.encode("utf-8", "surrogateescape")
            )
            pos = hi
        pieces.append(head[pos:])
        return b"".join(pieces)


class StreamScanner:
    """Feed bytes, get the findings whose position is settled, with line and column."""

    def __init__(
        self,
        redactor: Redactor,
        *,
        hold: int | None = None,
        max_buffer: int | None = None,
    ) -> None:
        self._buffer = _Buffer(redactor, line_mode=False, hold=hold, max_buffer=max_buffer)
        self._find = redactor.find
        self._line = 1
        # The buffer's first byte is in the middle of a line whose earlier part held
        # this many characters.
        self._column0 = 0

    def feed(self, data: bytes) -> list[Located]:
        self._buffer.data += data
        return self._drain(False)

    def finish(self) -> list[Located]:
        return self._drain(True)

    def _drain(self, final: bool) -> list[Located]:
        buffer = self._buffer
        cut, regions = buffer.cut(final)
        if cut <= 0:
            return []
        data = buffer.data
        located: list[Located] = []
        line = self._line
        pos = 0
        for lo, hi in regions:
            line += data.count(b"\n", pos, lo)
            pos = lo
            text = _decode(data[lo:hi])
            findings = self._find(text)
            if not findings:
                continue
            # Characters on the region's first line before the region starts.
            newline = data.rfind(b"\n", 0, lo)
            before = _decode(data[newline + 1 : lo])
            offset = len(before) + (self._column0 if newline < 0 else 0)
            text_pos = 0
            text_line = line
            line_start = -offset
            for finding in findings:
                located.append(_locate(text, finding, text_pos, text_line, line_start))
                text_line += text.count("\n", text_pos, finding.start)
                newline_in = text.rfind("\n", text_pos, finding.start)
                if newline_in >= 0:
                    line_start = newline_in + 1
                text_pos = finding.start
        line += data.count(b"\n", pos, cut)
        newline = data.rfind(b"\n", 0, cut)
        if newline >= 0:
            self._column0 = len(_decode(data[newline + 1 : cut]))
        else:
            self._column0 += len(_decode(data[:cut]))
        self._line = line
        buffer.take(cut)
        return located


def _locate(text: str, finding: Finding, pos: int, line: int, line_start: int) -> Located:
    """Where ``finding`` lies, counting from ``pos`` in ``text`` (which is on ``line``,
    whose first character is at ``line_start``, possibly before the text)."""
    start, end = finding.start, finding.end
    line += text.count("\n", pos, start)
    newline = text.rfind("\n", pos, start)
    if newline >= 0:
        line_start = newline + 1
    column = start - line_start + 1
    inner = text.count("\n", start, end)
    end_column = end - text.rfind("\n", start, end) if inner else column + (end - start)
    return Located(
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


def iter_blocks(
    reader: BinaryIO, block_size: int = DEFAULT_BLOCK_SIZE, *, live: bool = False
) -> Iterator[bytes]:
    """Blocks of ``reader`` until end of file: full blocks, or with ``live`` whatever
    one read returns (``read1``), so a pipe's data is handed on as it arrives."""
    read: Callable[[int], bytes] = reader.read
    if live:
        read = getattr(reader, "read1", None) or reader.read
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


def scan_blocks(
    redactor: Redactor, blocks: Iterable[bytes], *, hold: int | None = None
) -> Iterator[Located]:
    """Every finding in the stream ``blocks``, in order."""
    scanner = StreamScanner(redactor, hold=hold)
    for block in blocks:
        yield from scanner.feed(block)
    yield from scanner.finish()


def open_binary(reader: BinaryIO) -> BinaryIO:
    """``reader`` itself, or a gzip reader over it when it starts with gzip's magic."""
    peek = getattr(reader, "peek", None)
    if peek is not None:
        head = peek(2)[:2]
    else:
        head = reader.read(2)
        reader.seek(0)
    if head == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=reader, mode="rb")  # type: ignore[return-value]
    return reader


_NEWLINE_CATEGORIES = frozenset(
    {
        _sre_constants.CATEGORY_SPACE,
        _sre_constants.CATEGORY_NOT_DIGIT,
        _sre_constants.CATEGORY_NOT_WORD,
        _sre_constants.CATEGORY_LINEBREAK,
        _sre_constants.CATEGORY_UNI_SPACE,
        _sre_constants.CATEGORY_UNI_NOT_DIGIT,
        _sre_constants.CATEGORY_UNI_NOT_WORD,
        _sre_constants.CATEGORY_UNI_LINEBREAK,
        _sre_constants.CATEGORY_LOC_NOT_WORD,
    }
)


_REPEATS = tuple(
    getattr(_sre_constants, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(_sre_constants, name)
)
_ATOMIC = getattr(_sre_constants, "ATOMIC_GROUP", None)


def may_match_newline(pattern: re.Pattern[str]) -> bool:
    """Whether a match of ``pattern`` may go on past the end of a line: hold a newline
    before its last character, or look past one in a positive lookaround.  A newline
    as the very last character a match or lookahead examines is the line's own end,
    which a region includes.  Conservative: anything not understood counts as yes.  (A
    negative lookaround that cannot see past a line end can only make a match more
    likely.)"""
    return _may_match_newline(pattern.pattern, pattern.flags)


@functools.lru_cache(maxsize=1024)
def _may_match_newline(source: str, flags: int) -> bool:
    c = _sre_constants

    def in_set(items: Any) -> bool:
        negate = False
        hit = False
        for op, av in items:
            if op is c.NEGATE:
                negate = True
            elif op is c.LITERAL:
                hit = hit or av == _NEWLINE
            elif op is c.RANGE:
                hit = hit or av[0] <= _NEWLINE <= av[1]
            elif op is c.CATEGORY:
                hit = hit or av in _NEWLINE_CATEGORIES
            else:
                return True
        return hit != negate

    def walk(sub: Any, dotall: bool, tail: bool) -> bool:
        # ``tail``: the last element of ``sub`` is the last character examined, so a
        # newline there is the one ending the line, which a region includes.
        items = list(sub)
        for index, (op, av) in enumerate(items):
            last = tail and index == len(items) - 1
            if op is c.LITERAL:
                found = av == _NEWLINE and not last
            elif op is c.NOT_LITERAL:
                found = av != _NEWLINE and not last
            elif op is c.ANY:
                found = dotall and not last
            elif op is c.IN:
                found = in_set(av) and not last
            elif op is c.BRANCH:
                found = any(walk(alternative, dotall, last) for alternative in av[1])
            elif op is c.SUBPATTERN:
                _, add, remove, inner = av
                local = (dotall or bool(add & c.SRE_FLAG_DOTALL)) and not (
                    remove & c.SRE_FLAG_DOTALL
                )
                found = walk(inner, local, last)
            elif op in _REPEATS:
                found = walk(av[2], dotall, last and av[1] <= 1)
            elif op is c.ASSERT:
                # A lookahead reads on from where it stands: a newline may end it.
                found = walk(av[1], dotall, av[0] == 1)
            elif _ATOMIC is not None and op is _ATOMIC:
                found = walk(av, dotall, last)
            elif op is c.GROUPREF_EXISTS:
                found = walk(av[1], dotall, last) or (
                    av[2] is not None and walk(av[2], dotall, last)
                )
            elif op in (c.AT, c.GROUPREF, c.ASSERT_NOT):
                found = False
            else:
                found = True
            if found:
                return True
        return False

    parsed = _sre_parse.parse(source, flags)
    return walk(parsed, bool(parsed.state.flags & re.DOTALL), True)
