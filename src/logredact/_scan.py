"""The one automaton pass: known-value forms and rule keywords in a single automaton,
then rules in bounded windows around their keyword hits, then the union of spans.

Everything here is immutable once built: a :class:`Snapshot` is swapped whole when a
secret is added or removed, so a reader never sees a half-built state and never locks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import ahocorasick_rs

from ._known import B64_CORE
from .rules import Rule, is_placeholder
from .rules._rule import pattern_width, uses_string_edges

__all__ = ["CompiledRule", "Snapshot", "Span", "anchor_offset", "merge_spans"]

#: (start, end, owner).  ``owner`` >= 0 is the index of a known secret; < 0 is
#: ``~rule_index``.
Span = tuple[int, int, int]

#: Joins the strings of a structured value for one batched scan: like a string's
#: edge it is not a word character, nothing in a log contains it, and a match that
#: crosses it only sends the value down the field-by-field path.
SEPARATOR = "\x00"
#: How many characters of each known form the automaton holds (its anchor).
ANCHOR = 8
#: Up to this many automaton patterns, the DFA implementation is chosen by default.
DFA_MAX_PATTERNS = 12_000

_SURROGATE = re.compile("[\ud800-\udfff]")
#: Every character ``repr`` of an int or a float can hold ("-1e+20", "inf", "nan").
_NUMBER_CHARS = frozenset("0123456789+-.einfa")
_B64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_")


class _Rarity(dict[int, str]):
    """How common each character is in log text, as a ``str.translate`` table: ``c``
    for common (space, lower-case letters, digits, the punctuation of timestamps,
    paths, JSON and key=value pairs), ``b`` for less common (the capitals that start
    words like INFO, ERROR, GET; brackets; ``&?%+\\``; tab and newline), ``a`` for
    rare (other capitals and symbols, control and non-ASCII characters).  A rough,
    fixed guess: it only decides which window of a form becomes its anchor."""

    def __init__(self) -> None:
        super().__init__(dict.fromkeys(range(128), "a"))
        common = " abcdefghijklmnopqrstuvwxyz0123456789:-./=_\",'"
        self.update({ord(char): "c" for char in common})
        self.update({ord(char): "b" for char in "EITRSNAOLDGPUC()[]{}&?%+\\\n\t"})

    def __missing__(self, key: int) -> str:
        return "a"


_RARITY = _Rarity()
#: Pairs of rarity classes in the order anchors prefer them: the rarer the first
#: character the better, then the second.
_PREFERRED_STARTS = ("aa", "ab", "ba", "ac", "bb", "bc", "ca", "cb")


def anchor_offset(form: str, size: int = ANCHOR) -> int:
    """Where the ``size``-character window of ``form`` that the automaton holds starts:
    a window whose first characters are unlikely in ordinary log text.

    The automaton walks every byte of every line.  While the text matches the start of
    no pattern it stays in its start state; windows starting like ordinary text ("ab",
    "er", "20") would send it deeper on most bytes, into states spread over memory
    that grow with the number of secrets.  Anchoring on rare starts keeps a clean line
    in a handful of hot states.  Measured when this came in (167-character clean
    lines, the automaton's search alone): 1.7x faster than anchoring each form on its
    first characters with 100,000 values, 1.15x with 1,000.
    """
    last = len(form) - size
    if last <= 0:
        return 0
    classes = form.translate(_RARITY)
    for pair in _PREFERRED_STARTS:
        found = classes.find(pair, 0, last + 2)
        if found >= 0:
            return found
    return 0


@dataclass(frozen=True)
class CompiledRule:
    """A rule with everything the hot path needs precomputed."""

    rule: Rule
    regex: re.Pattern[str]
    group: int | str
    before: int
    after: int
    extend: re.Pattern[str] | None
    validator: Callable[[str], bool] | None
    #: The pattern uses ^, $, \A or \Z (see :func:`uses_string_edges`).
    edges: bool = False
    #: The pattern behind a lazy skip of at most ``before`` characters, matched at
    #: ``keyword start - before``: tries only the start positions a match can have
    #: (within ``lookbehind`` of its keyword) instead of searching the whole window.
    #: Group 1 is the whole match; ``anchored_group`` is the secret group in it.
    anchored: re.Pattern[str] | None = None
    anchored_group: int | str = 1

    @classmethod
    def build(cls, rule: Rule) -> CompiledRule:
        regex = rule.compile()
        _, width = pattern_width(regex)
        return cls(
            rule=rule,
            regex=regex,
            group=rule.secret_group,
            before=rule.lookbehind,
            after=width,
            extend=re.compile(f"[{rule.extend}]+") if rule.extend else None,
            validator=rule.validator,
            edges=uses_string_edges(regex),
            anchored=_anchored(regex, rule.lookbehind),
            anchored_group=(
                rule.secret_group + 1 if isinstance(rule.secret_group, int) else rule.secret_group
            ),
        )


_NUMBERED_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


def _anchored(regex: re.Pattern[str], before: int) -> re.Pattern[str] | None:
    if _NUMBERED_BACKREF.search(regex.pattern):
        return None  # wrapping the pattern in a group would renumber its backreferences
    try:
        return re.compile(f"(?s:.{{0,{before}}}?)({regex.pattern})", regex.flags)
    except re.error:  # e.g. global inline flags in a custom pattern: keep searching
        return None


def _keyword_forms(rule: Rule) -> set[str]:
    forms = set()
    for keyword in rule.keywords:
        forms.add(keyword)
        if rule.keywords_ignore_case:
            forms.update((keyword.lower(), keyword.upper(), keyword.capitalize()))
    return forms


class Snapshot:
    """One immutable state of a Redactor: secrets, their forms, rules, the automaton."""

    __slots__ = (
        "anchored",
        "automaton",
        "batchable",
        "keyword_rules",
        "labels",
        "n_forms",
        "numbers_matter",
        "probe",
        "rules",
        "values",
    )

    def __init__(
        self,
        labels: Sequence[str],
        values: Sequence[str],
        forms: Sequence[dict[str, int]],
        rules: Sequence[CompiledRule],
        implementation: ahocorasick_rs.Implementation | None = None,
    ) -> None:
        self.labels = tuple(labels)
        self.values = tuple(values)
        self.rules = tuple(rules)
        #: Whether scanning several strings joined with SEPARATOR finds a match iff
        #: scanning them one by one does (no rule looks for a string's edges).
        self.batchable = not any(rule.edges for rule in self.rules)
        # The automaton holds only an anchor (ANCHOR characters, see anchor_offset)
        # of each form; a hit is confirmed with str.startswith.  Every form is at
        # least min_secret_length long, anchors from random secrets almost never occur
        # in clean text, and the automaton is ~4x smaller and ~6x faster to build than
        # one over whole forms (measured with 10,000 secrets: 25 MB vs 109 MB).
        anchors: dict[str, list[tuple[str, int, int, bool]]] = {}
        seen: set[str] = set()
        for index, secret_forms in enumerate(forms):
            for form, kind in secret_forms.items():
                if form not in seen and not _SURROGATE.search(form):
                    seen.add(form)
                    offset = anchor_offset(form)
                    anchors.setdefault(form[offset : offset + ANCHOR], []).append(
                        (form, offset, index, kind == B64_CORE)
                    )
        patterns: list[str] = list(anchors)
        self.anchored = tuple(tuple(entries) for entries in anchors.values())
        self.n_forms = len(patterns)

        by_keyword: dict[str, list[int]] = {}
        for rule_index, compiled in enumerate(self.rules):
            for form in sorted(_keyword_forms(compiled.rule)):
                by_keyword.setdefault(form, []).append(rule_index)
        keyword_rules: list[tuple[int, ...]] = []
        for keyword, rule_indexes in by_keyword.items():
            # A keyword equal to a known form still needs its own pattern id.
            patterns.append(keyword)
            keyword_rules.append(tuple(rule_indexes))
        self.keyword_rules = tuple(keyword_rules)
        #: Whether a pattern could lie inside the text of an int or a float: only
        #: then do the batched clean checks scan numbers (their reprs cost more than
        #: the rest of a typical record's walk).
        self.numbers_matter = any(set(pattern) <= _NUMBER_CHARS for pattern in patterns)
        if implementation is None and len(patterns) <= DFA_MAX_PATTERNS:
            # The DFA scans ~1.5x faster but its memory grows fast with the number of
            # patterns (17 MB for 1,000 secrets' anchors, 149 MB for 10,000).
            implementation = ahocorasick_rs.Implementation.DFA
        if patterns:
            self.automaton: ahocorasick_rs.AhoCorasick | None = ahocorasick_rs.AhoCorasick(
                patterns,
                matchkind=ahocorasick_rs.MatchKind.Standard,
                implementation=implementation,
            )
        else:
            self.automaton = None
        #: ``probe(text)`` is empty iff the automaton has no hit in ``text``: the clean
        #: path.  ``find_matches_as_strings`` answers that ~30% faster than
        #: ``find_matches_as_indexes``, which maps every byte of the text to its code
        #: point before searching (ahocorasick-rs 1.0); the few texts with a hit are
        #: searched again for positions.  Raises UnicodeEncodeError on lone surrogates.
        self.probe: Callable[[str], list[str]] = (
            self.automaton.find_matches_as_strings if self.automaton is not None else _no_hit
        )

    def scan(
        self,
        text: str,
        allowed: Callable[[str], bool] | None = None,
        *,
        probed: bool = False,
    ) -> list[Span]:
        """All spans to mask in ``text``, unsorted and unmerged; empty when clean.
        ``probed``: the caller has seen :attr:`probe` find a hit in ``text``."""
        automaton = self.automaton
        if automaton is None:
            return []
        try:
            if not probed and not self.probe(text):
                return []
            matches = automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:
            # Lone surrogates (bytes decoded with surrogateescape) cannot cross into
            # Rust.  U+FFFD is one code point too, so offsets into the probe are
            # offsets into the text.
            text = _SURROGATE.sub("\ufffd", text)
            matches = automaton.find_matches_as_indexes(text, overlapping=True)
        if not matches:
            return []
        n_forms = self.n_forms
        anchored = self.anchored
        spans: list[Span] = []
        hits: dict[int, list[tuple[int, int]]] | None = None
        for pattern, start, end in matches:
            if pattern < n_forms:
                for form, offset, owner, widen in anchored[pattern]:
                    begin = start - offset
                    if begin >= 0 and text.startswith(form, begin):
                        stop = begin + len(form)
                        if widen:
                            spans.append((*_widen_b64(text, begin, stop), owner))
                        else:
                            spans.append((begin, stop, owner))
            else:
                if hits is None:
                    hits = {}
                for rule_index in self.keyword_rules[pattern - n_forms]:
                    hits.setdefault(rule_index, []).append((start, end))
        if hits:
            for rule_index, rule_hits in hits.items():
                self._run_rule(text, rule_index, rule_hits, spans, allowed)
        return spans

    def _run_rule(
        self,
        text: str,
        rule_index: int,
        rule_hits: list[tuple[int, int]],
        spans: list[Span],
        allowed: Callable[[str], bool] | None,
    ) -> None:
        compiled = self.rules[rule_index]
        if compiled.anchored is not None:
            self._run_anchored(text, rule_index, rule_hits, spans, allowed)
            return
        before, after = compiled.before, compiled.after
        size = len(text)
        # Merge the windows of nearby hits so each character is searched once per rule
        # however dense the keyword is (`password=` repeated 100,000 times).
        rule_hits.sort()
        windows: list[list[int]] = []
        for start, end in rule_hits:
            lo = max(0, start - before)
            hi = min(size, end + after)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        regex = compiled.regex
        group = compiled.group
        owner = ~rule_index
        covered = 0
        for lo, hi in windows:
            pos = max(lo, covered)
            while pos < hi:
                match = regex.search(text, pos, hi)
                if match is None:
                    break
                m_start, m_end = match.span()
                pos = m_end if m_end > m_start else m_end + 1
                s_start, s_end, accepted = _secret_span(text, compiled, match, group, allowed)
                pos = max(pos, s_end)
                if accepted:
                    spans.append((s_start, s_end, owner))
                    covered = max(covered, s_end)

    def _run_anchored(
        self,
        text: str,
        rule_index: int,
        rule_hits: list[tuple[int, int]],
        spans: list[Span],
        allowed: Callable[[str], bool] | None,
    ) -> None:
        # Every match holds a keyword at most `before` characters after its start, so
        # each hit needs one anchored attempt, not a search to the window's end (a
        # generic rule's window spans the whole line).  A hit inside the last match
        # tried is skipped, so dense keywords (`password=` x 100,000) stay linear.
        compiled = self.rules[rule_index]
        anchored = compiled.anchored
        assert anchored is not None
        before, after = compiled.before, compiled.after
        group = compiled.anchored_group
        owner = ~rule_index
        size = len(text)
        done = 0
        rule_hits.sort()
        for start, end in rule_hits:
            if start < done:
                continue
            match = anchored.match(text, max(0, start - before, done), min(size, end + after))
            if match is None:
                continue
            m_start, m_end = match.span(1)
            done = m_end if m_end > m_start else m_end + 1
            s_start, s_end, accepted = _secret_span(text, compiled, match, group, allowed)
            done = max(done, s_end)
            if accepted:
                spans.append((s_start, s_end, owner))


def _no_hit(text: str) -> list[str]:
    return []


def _secret_span(
    text: str,
    compiled: CompiledRule,
    match: re.Match[str],
    group: int | str,
    allowed: Callable[[str], bool] | None,
) -> tuple[int, int, bool]:
    """The secret of a rule match, grown over the rule's ``extend`` characters (so a
    longer or newer variant of a token is masked whole), and whether it counts: not a
    placeholder, accepted by the validator, not allowlisted.  The end is returned
    either way: the caller resumes after it, so a long run is grown over only once."""
    s_start, s_end = match.span(group)
    if s_start < 0 or s_end <= s_start:
        return s_start, s_end, False
    if compiled.extend is not None:
        grown = compiled.extend.match(text, s_end)
        if grown is not None:
            s_end = grown.end()
    secret = text[s_start:s_end]
    validator = compiled.validator
    accepted = not (
        is_placeholder(secret)
        or (validator is not None and not _safe_validate(validator, secret))
        or (allowed is not None and allowed(secret))
    )
    return s_start, s_end, accepted


def _safe_validate(validator: Callable[[str], bool], secret: str) -> bool:
    try:
        return bool(validator(secret))
    except Exception:
        # A validator that cannot decide keeps the match: masking too much is safe.
        return True


def _widen_b64(text: str, start: int, end: int) -> tuple[int, int]:
    if start > 0 and text[start - 1] in _B64_CHARS:
        start -= 1
    size = len(text)
    if end < size and text[end] in _B64_CHARS:
        end += 1
    while end < size and text[end] == "=":
        end += 1
    return start, end


def merge_spans(spans: Iterable[Span]) -> list[tuple[int, int, tuple[int, ...]]]:
    """The union of ``spans``: overlapping and touching spans become one, keeping every
    owner, in order."""
    merged: list[tuple[int, int, tuple[int, ...]]] = []
    cur_start = cur_end = -1
    cur_owners: list[int] = []
    for start, end, owner in sorted(spans):
        if start <= cur_end:
            if end > cur_end:
                cur_end = end
            if owner not in cur_owners:
                cur_owners.append(owner)
        else:
            if cur_end >= 0:
                merged.append((cur_start, cur_end, tuple(cur_owners)))
            cur_start, cur_end, cur_owners = start, end, [owner]
    if cur_end >= 0:
        merged.append((cur_start, cur_end, tuple(cur_owners)))
    return merged
