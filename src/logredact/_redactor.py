"""The Redactor: built once, then ``redact(str)`` and ``redact_value(obj)`` on every log
call, with secrets added and removed at any time from any thread."""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import fractions
import ipaddress
import pathlib
import re
import threading
import uuid
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import ahocorasick_rs

from ._known import encoded_forms
from ._masks import DEFAULT_MASK, Finding, MaskFunction, MaskRenderer
from ._scan import SEPARATOR, CompiledRule, Snapshot, Span, merge_spans
from .keys import DEFAULT_SENSITIVE_KEYS, KeyMatcher
from .rules import Rule, RuleSpec, resolve_rules

__all__ = [
    "DEFAULT_MIN_SECRET_LENGTH",
    "FAILED_MARKER",
    "LogredactWarning",
    "RedactionStats",
    "Redactor",
]

#: Secrets shorter than this are refused: masking every ``1234`` or ``admin`` in a
#: log destroys it.  GitLab requires 8 characters for masked variables, Buildkite 6;
#: we follow GitLab.
DEFAULT_MIN_SECRET_LENGTH = 8
#: What a text becomes when redacting it failed: never the original.
FAILED_MARKER = "[REDACTION FAILED]"
_CYCLE_MARKER = "<cycle>"
_MAX_PASSES = 8
_DEFAULT_MAX_DEPTH = 32

#: Scalars that cannot hold free text beyond their ``str()``: kept as they are unless
#: their text carries a secret (so renderers keep formatting datetimes their own way).
_SCALARS: tuple[type, ...] = (
    int,
    float,
    complex,
    decimal.Decimal,
    fractions.Fraction,
    datetime.date,
    datetime.time,
    datetime.timedelta,
    datetime.tzinfo,
    uuid.UUID,
    enum.Enum,
    pathlib.PurePath,
    ipaddress.IPv4Address,
    ipaddress.IPv6Address,
    ipaddress.IPv4Network,
    ipaddress.IPv6Network,
)

_IMPLEMENTATIONS = {
    None: None,
    "default": None,
    "dfa": ahocorasick_rs.Implementation.DFA,
    "contiguous": ahocorasick_rs.Implementation.ContiguousNFA,
    "noncontiguous": ahocorasick_rs.Implementation.NoncontiguousNFA,
}

SecretsArg = Mapping[str, str] | Iterable[str | tuple[str, str]]


class LogredactWarning(UserWarning):
    """A configuration logredact accepted but could not honour fully (a secret refused
    because it is too short, say).  Never carries a secret's value."""


@dataclasses.dataclass(frozen=True)
class RedactionStats:
    """Counters since the Redactor was built (or :meth:`Redactor.reset_stats`).

    ``masks`` counts masked spans by label (a secret's label, a rule id, or
    ``key:<name>`` for values under a sensitive key); never values.
    """

    masks: Mapping[str, int]
    failures: int
    refused_secrets: int

    @property
    def total(self) -> int:
        return sum(self.masks.values())


class Redactor:
    """Masks known secret values and credential shapes in text and structured data.

    Arguments (all keyword-only):
        secrets: Known secret values: an iterable of strings (labelled ``secret-0``,
            ``secret-1``...), of ``(label, value)`` pairs, or a mapping label -> value.
        rules: Credential-shape rules: ``None`` for the built-in catalog, or an
            iterable of :class:`~logredact.rules.Rule` objects, rule dicts, built-in
            rule ids and tags, and ``"builtin"``.  ``()`` disables rules.
        disable_rules: Rule ids or tags to leave out.
        keys: Sensitive key names for :meth:`redact_value` (see :mod:`logredact.keys`).
        mask: The mask: a literal (default ``[REDACTED]``), a template using
            ``{label}``, ``{fingerprint}`` and ``{kind}`` (``"[REDACTED:{label}]"``),
            or a callable taking a :class:`~logredact.Finding` and returning a string.
        fingerprint_key: Key of the HMAC behind ``{fingerprint}``; random per process
            unless given (give the same key to processes whose fingerprints must agree).
        min_secret_length: Shorter secrets are refused with a :class:`LogredactWarning`
            naming their label (default 8).
        allow: Values that rules never mask (known secrets are masked regardless).
        allow_patterns: Regular expressions; a rule match that fully matches one is
            left alone.
        max_depth: How deep :meth:`redact_value` descends before it falls back to a
            redacted ``repr``.
        implementation: The automaton: ``None`` (a DFA up to 12,000 patterns, about
            2,000 secrets; beyond that ahocorasick-rs's own choice, a contiguous
            NFA), ``"dfa"``, ``"contiguous"`` or ``"noncontiguous"``.  The DFA
            searches about 1.8x faster and its time does not grow with the number of
            secrets, but its memory does: about 170 MB for 10,000 secrets and 1.4 GB
            for 100,000, against 42 MB and 314 MB with the default.
    """

    def __init__(
        self,
        *,
        secrets: SecretsArg = (),
        rules: Iterable[RuleSpec] | None = None,
        disable_rules: Iterable[str] = (),
        keys: Iterable[str] = DEFAULT_SENSITIVE_KEYS,
        mask: str | MaskFunction = DEFAULT_MASK,
        fingerprint_key: bytes | str | None = None,
        min_secret_length: int = DEFAULT_MIN_SECRET_LENGTH,
        allow: Iterable[str] = (),
        allow_patterns: Iterable[str] = (),
        max_depth: int = _DEFAULT_MAX_DEPTH,
        implementation: str | None = None,
    ) -> None:
        if not isinstance(min_secret_length, int) or min_secret_length < 1:
            msg = f'"min_secret_length" must be an int >= 1: {min_secret_length!r}'
            raise ValueError(msg)
        if not isinstance(max_depth, int) or max_depth < 1:
            msg = f'"max_depth" must be an int >= 1: {max_depth!r}'
            raise ValueError(msg)
        if implementation not in _IMPLEMENTATIONS:
            choices = sorted(k for k in _IMPLEMENTATIONS if k)
            msg = f'"implementation" must be one of {choices} or None: {implementation!r}'
            raise ValueError(msg)
        self._config: dict[str, Any] = {
            "rules": None if rules is None else list(rules),
            "disable_rules": [disable_rules]
            if isinstance(disable_rules, str)
            else list(disable_rules),
            "keys": [keys] if isinstance(keys, str) else list(keys),
            "mask": mask,
            "min_secret_length": min_secret_length,
            "allow": list(allow),
            "allow_patterns": list(allow_patterns),
            "max_depth": max_depth,
            "implementation": implementation,
        }
        self._renderer = MaskRenderer(mask, fingerprint_key)
        self._config["fingerprint_key"] = self._renderer.key
        self._keys = KeyMatcher(self._config["keys"])
        self._rules = tuple(
            CompiledRule.build(rule)
            for rule in resolve_rules(self._config["rules"], disable=self._config["disable_rules"])
        )
        self._allow_values = frozenset(self._config["allow"])
        self._allow_regexes = tuple(
            _compile_allow_pattern(index, pattern)
            for index, pattern in enumerate(self._config["allow_patterns"])
        )
        self._allowed: Callable[[str], bool] | None = (
            self._is_allowed if self._allow_values or self._allow_regexes else None
        )
        self._min_length = min_secret_length
        self._max_depth = max_depth
        self._implementation = _IMPLEMENTATIONS[implementation]
        self._reserved = tuple(
            text for text in (self._renderer.fixed, FAILED_MARKER, _CYCLE_MARKER) if text
        )

        self._lock = threading.Lock()
        self._stats_lock = threading.Lock()
        self._mask_counts: Counter[str] = Counter()
        self._failures = 0
        self._refused = 0
        # value -> label; insertion-ordered.  Only writers touch it, under the lock.
        self._registry: dict[str, str] = {}
        self._forms: dict[str, dict[str, int]] = {}
        self._auto_label = 0
        self._snapshot = Snapshot((), (), (), self._rules, self._implementation)
        self.add_secrets(secrets)

    # -- configuration ---------------------------------------------------------------

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rules this Redactor runs."""
        return tuple(compiled.rule for compiled in self._rules)

    @property
    def key_matcher(self) -> KeyMatcher:
        """Decides which keys of structured data are sensitive."""
        return self._keys

    @property
    def mask(self) -> str | MaskFunction:
        return self._renderer.spec

    @property
    def min_secret_length(self) -> int:
        """Secrets shorter than this are refused."""
        return self._min_length

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels of the registered secrets (never their values)."""
        return tuple(dict.fromkeys(self._registry.values()))

    def __len__(self) -> int:
        """The number of registered secret values."""
        return len(self._snapshot.values)

    def __repr__(self) -> str:
        return f"<Redactor: {len(self)} known values, {len(self._rules)} rules>"

    def __reduce__(self) -> tuple[Any, ...]:
        # Automata do not pickle: rebuild from the configuration and the secrets.
        return (_unpickle, (self._config, list(self._registry.items())))

    # -- secrets ---------------------------------------------------------------------

    def add_secret(self, value: str, *, label: str | None = None) -> bool:
        """Register one secret value; returns whether it was accepted.

        Thread-safe; readers keep using the previous state until the new one is
        complete.  A value already registered keeps its first label.
        """
        return self.add_secrets([value] if label is None else [(label, value)]) == 1

    def add_secrets(self, secrets: SecretsArg) -> int:
        """Register many secrets with one rebuild; returns how many were accepted."""
        items = _secret_items(secrets)
        with self._lock:
            accepted = 0
            added = False
            for label, value in items:
                if label is None:
                    label = f"secret-{self._auto_label}"
                    self._auto_label += 1
                if not self._acceptable(label, value):
                    continue
                if value not in self._registry:
                    self._forms[value] = encoded_forms(value, self._min_length)
                    self._registry[value] = label
                    added = True
                accepted += 1
            if added:
                # A value registered again changes nothing: no rebuild.
                self._rebuild()
            return accepted

    def remove_secret(self, value: str | None = None, *, label: str | None = None) -> int:
        """Forget a secret by value, or every secret carrying ``label``; returns how
        many values were removed."""
        if (value is None) == (label is None):
            msg = 'remove_secret() takes a value or a "label", not both or neither'
            raise TypeError(msg)
        with self._lock:
            if value is not None:
                doomed = [value] if value in self._registry else []
            else:
                doomed = [v for v, owner in self._registry.items() if owner == label]
            for item in doomed:
                del self._registry[item]
                del self._forms[item]
            if doomed:
                self._rebuild()
            return len(doomed)

    def _acceptable(self, label: str, value: object) -> bool:
        if not isinstance(value, str):
            msg = f"secret {label!r} must be a str, got {type(value).__name__}"
            raise TypeError(msg)
        if len(value.strip()) < self._min_length:
            self._refuse(
                f"secret {label!r} ({len(value)} characters) is shorter than "
                f"min_secret_length={self._min_length}: not registered"
            )
            return False
        if any(value in reserved for reserved in self._reserved):
            self._refuse(
                f"secret {label!r} ({len(value)} characters) occurs inside the mask "
                "or a logredact marker: not registered"
            )
            return False
        return True

    def _refuse(self, message: str) -> None:
        with self._stats_lock:
            self._refused += 1
        warnings.warn(message, LogredactWarning, stacklevel=4)

    def _rebuild(self) -> None:
        values = list(self._registry)
        self._snapshot = Snapshot(
            [self._registry[v] for v in values],
            values,
            [self._forms[v] for v in values],
            self._rules,
            self._implementation,
        )

    # -- statistics ------------------------------------------------------------------

    @property
    def stats(self) -> RedactionStats:
        """Counts of masks per label or rule, of failures and of refused secrets."""
        with self._stats_lock:
            return RedactionStats(dict(self._mask_counts), self._failures, self._refused)

    def reset_stats(self) -> None:
        with self._stats_lock:
            self._mask_counts.clear()
            self._failures = 0
            self._refused = 0

    # -- text ------------------------------------------------------------------------

    def redact(self, text: str) -> str:
        """``text`` with every known secret (in any supported encoding) and every
        credential shape masked.  Returns ``text`` itself when nothing matched.
        Never raises: on an internal error the result is :data:`FAILED_MARKER`."""
        snapshot = self._snapshot
        try:
            if not snapshot.probe(text):
                return text  # the clean path: one automaton call, nothing else
        except Exception:
            return self._text(snapshot, text)
        return self._text(snapshot, text, probed=True)

    def find(self, text: str) -> list[Finding]:
        """Where ``text`` would be masked: merged spans in order, each with its labels,
        kind (``known``, ``rule`` or ``mixed``) and keyed fingerprint.  For scanners
        that report rather than rewrite; a finding's ``text`` is the secret itself, so
        never print it.  Raises on internal errors (a scanner must know)."""
        snapshot = self._snapshot
        spans = snapshot.scan(text, self._allowed)
        findings = []
        for start, end, owners in merge_spans(spans):
            secret = text[start:end]
            labels, kind, canonical = self._describe(snapshot, owners, secret)
            fingerprint = self._renderer.fingerprint(canonical)
            findings.append(Finding(secret, labels, kind, fingerprint, start, end))
        return findings

    def fingerprint(self, value: str) -> str:
        """The keyed fingerprint of ``value``, as ``{fingerprint}`` masks show it."""
        return self._renderer.fingerprint(value)

    def _apply(self, snapshot: Snapshot, text: str, spans: list[Span]) -> str:
        counts: Counter[str] = Counter()
        masks_in_output: list[tuple[int, int]] = []
        for _ in range(_MAX_PASSES):
            out, new_masks = self._mask(snapshot, text, spans, masks_in_output, counts)
            masks_in_output = new_masks
            # Masking can join a mask's text with what follows into a registered form
            # (a secret that starts with "]"): scan again until nothing new is found.
            spans = [
                span
                for span in snapshot.scan(out, self._allowed)
                if not _inside(span, masks_in_output)
            ]
            if not spans:
                with self._stats_lock:
                    self._mask_counts.update(counts)
                return out
            text = out
        msg = "redaction did not converge"
        raise RuntimeError(msg)

    def _mask(
        self,
        snapshot: Snapshot,
        text: str,
        spans: list[Span],
        old_masks: list[tuple[int, int]],
        counts: Counter[str],
    ) -> tuple[str, list[tuple[int, int]]]:
        pieces: list[str] = []
        new_masks: list[tuple[int, int]] = []
        pos = 0
        length = 0
        # Spans that touch an earlier mask absorb it, so masks never nest.
        merged = merge_spans([*spans, *((s, e, _OLD_MASK) for s, e in old_masks)])
        for start, end, owners in merged:
            pieces.append(text[pos:start])
            length += start - pos
            real = tuple(o for o in owners if o != _OLD_MASK)
            if not real:
                mask = text[start:end]
            else:
                secret = text[start:end]
                labels, kind, canonical = self._describe(snapshot, real, secret)
                counts.update(labels)
                mask = self._renderer.render(secret, labels, kind, canonical)
            pieces.append(mask)
            new_masks.append((length, length + len(mask)))
            length += len(mask)
            pos = end
        pieces.append(text[pos:])
        return "".join(pieces), new_masks

    def _describe(
        self, snapshot: Snapshot, owners: tuple[int, ...], secret: str
    ) -> tuple[tuple[str, ...], str, str]:
        """Labels, kind, and the text a fingerprint is taken of.

        When a registered secret is in the span, its label is the one shown (a rule
        that also matched adds nothing a reader needs), and the fingerprint is taken of
        the registered value, so all its encodings agree."""
        known = tuple(o for o in owners if o >= 0)
        shown = known or owners
        labels = tuple(self._label(snapshot, o) for o in shown)
        canonical = snapshot.values[known[0]] if len(known) == 1 else secret
        return labels, _kind(owners), canonical

    def _label(self, snapshot: Snapshot, owner: int) -> str:
        if owner >= 0:
            return snapshot.labels[owner]
        return self._rules[~owner].rule.id

    def _is_allowed(self, secret: str) -> bool:
        if secret in self._allow_values:
            return True
        return any(regex.fullmatch(secret) for regex in self._allow_regexes)

    # -- structured data -------------------------------------------------------------

    def redact_value(self, obj: Any) -> Any:
        """A redacted copy of ``obj``; ``obj`` itself when nothing needed masking.

        Strings and bytes are redacted; dicts, lists, tuples, sets and frozensets are
        rebuilt with redacted keys and items (only when something changed); a value
        under a sensitive key is masked whatever it is; exceptions and other objects
        become their redacted ``repr`` (a renderer would stringify them after us);
        dataclass instances their redacted field-by-field ``repr``.  Never mutates
        ``obj`` and never raises.
        """
        try:
            if self.is_clean(obj):
                return obj
            return self._value(obj, self._snapshot, 0, set())
        except Exception:
            self.count_failure()
            return FAILED_MARKER

    def is_clean(self, value: Any) -> bool:
        """Whether ``value`` certainly needs no masking, decided cheaply: its strings
        (keys included) joined and scanned in one automaton pass.

        True means :meth:`redact_value` would return ``value`` itself.  False means it
        needs masking, or holds something a quick walk cannot vouch for (a sensitive
        key with a value, an object that would become its ``repr``, great depth): call
        :meth:`redact_value`.  Integrations use it to skip the field-by-field work on
        the clean records that are most of a log.  Never raises.
        """
        try:
            snapshot = self._snapshot
            if not snapshot.batchable:
                return False
            texts: list[str] = []
            if not _gather(value, texts, self._keys.decisions, snapshot.numbers_matter, 0):
                return False
            return not texts or not snapshot.scan(SEPARATOR.join(texts), self._allowed)
        except Exception:
            return False

    def count_failure(self) -> None:
        """Count a failure in :attr:`stats`: for integrations that fail closed on
        their own (a record whose message cannot even be merged)."""
        with self._stats_lock:
            self._failures += 1

    def is_sensitive_key(self, key: str) -> bool:
        """Whether a value under ``key`` is masked whatever it looks like."""
        return self._keys(key)

    def mask_for_key(self, key: str, value: Any) -> str:
        """The mask that replaces ``value`` stored under the sensitive ``key``."""
        label = "key:" + self.redact(key)
        with self._stats_lock:
            self._mask_counts[label] += 1
        if self._renderer.fixed is not None:
            return self._renderer.fixed
        text = value if isinstance(value, str) else repr(value)
        return self._renderer.render(text, (label,), "key", text)

    def _text(self, snapshot: Snapshot, text: str, *, probed: bool = False) -> str:
        try:
            spans = snapshot.scan(text, self._allowed, probed=probed)
            if not spans:
                return text
            return self._apply(snapshot, text, spans)
        except Exception:
            self.count_failure()
            return FAILED_MARKER

    def _value(self, obj: Any, snapshot: Snapshot, depth: int, active: set[int]) -> Any:
        cls = type(obj)
        if cls is str:
            return self._text(snapshot, obj)
        if obj is None or cls is bool:
            return obj
        if isinstance(obj, str):
            return self._text(snapshot, str(obj))
        if isinstance(obj, (bytes, bytearray, memoryview)):
            return self._bytes(snapshot, obj)
        if isinstance(obj, _SCALARS):
            text = str(obj)
            redacted = self._text(snapshot, text)
            return obj if redacted is text else redacted
        if depth >= self._max_depth:
            return self._repr(snapshot, obj)
        if isinstance(obj, (Mapping, list, tuple, set, frozenset)):
            ident = id(obj)
            if ident in active:
                return _CYCLE_MARKER
            active.add(ident)
            try:
                if isinstance(obj, Mapping):
                    return self._mapping(obj, snapshot, depth, active)
                return self._collection(obj, snapshot, depth, active)
            finally:
                active.discard(ident)
        if isinstance(obj, BaseException):
            return self._repr(snapshot, obj)
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return self._dataclass(obj, snapshot, depth, active)
        return self._repr(snapshot, obj)

    def _mapping(
        self, obj: Mapping[Any, Any], snapshot: Snapshot, depth: int, active: set[int]
    ) -> Any:
        changed = False
        out: dict[Any, Any] = {}
        for key, value in obj.items():
            new_key = self._value(key, snapshot, depth + 1, active)
            if isinstance(key, str) and self._keys(key) and _maskable(value):
                new_value: Any = self.mask_for_key(key, value)
            else:
                new_value = self._value(value, snapshot, depth + 1, active)
            if new_key is not key or new_value is not value:
                changed = True
            out[new_key] = new_value
        if not changed:
            return obj
        return out

    def _collection(self, obj: Any, snapshot: Snapshot, depth: int, active: set[int]) -> Any:
        items = [self._value(item, snapshot, depth + 1, active) for item in obj]
        if all(new is old for new, old in zip(items, obj, strict=False)):
            return obj
        cls = type(obj)
        if isinstance(obj, tuple) and hasattr(cls, "_make"):
            return cls._make(items)
        if cls in (list, tuple, set, frozenset):
            return cls(items)
        base = next(b for b in (list, tuple, set, frozenset) if isinstance(obj, b))
        return base(items)

    def _dataclass(self, obj: Any, snapshot: Snapshot, depth: int, active: set[int]) -> str:
        parts = []
        for f in dataclasses.fields(obj):
            if not f.repr:
                continue
            value = getattr(obj, f.name)
            if self._keys(f.name) and _maskable(value):
                shown = self.mask_for_key(f.name, value)
                parts.append(f"{f.name}={shown}")
            else:
                parts.append(f"{f.name}={self._value(value, snapshot, depth + 1, active)!r}")
        return self._text(snapshot, f"{type(obj).__qualname__}({', '.join(parts)})")

    def _repr(self, snapshot: Snapshot, obj: Any) -> str:
        try:
            text = repr(obj)
        except Exception:
            self.count_failure()
            return FAILED_MARKER
        return self._text(snapshot, text)

    def _bytes(self, snapshot: Snapshot, obj: bytes | bytearray | memoryview) -> Any:
        raw = bytes(obj)
        text = raw.decode("utf-8", "surrogateescape")
        redacted = self._text(snapshot, text)
        if redacted is text:
            return obj
        return redacted.encode("utf-8", "surrogateescape")


_OLD_MASK = 1 << 62


#: How deep :meth:`Redactor.is_clean` walks before it declines to decide.
_GATHER_DEPTH = 16


def _gather(
    value: Any, texts: list[str], sensitive: dict[str, bool], numbers: bool, depth: int
) -> bool:
    """Collect the strings of plain data (str, numbers, dicts with str keys, lists,
    tuples) into ``texts``; False for anything else, or a sensitive key with a value.
    Numbers are collected as their repr only when ``numbers`` (some pattern could lie
    in one).  Leaves are handled inline: this runs for nearly every log record."""
    cls = type(value)
    if cls is str:
        texts.append(value)
        return True
    if value is None or cls is bool:
        return True
    if cls is int or cls is float:
        if numbers:
            texts.append(repr(value))
        return True
    if depth >= _GATHER_DEPTH:
        return False
    append = texts.append
    if cls is dict:
        for key, item in value.items():
            if type(key) is not str:
                return False
            append(key)
            item_cls = type(item)
            if item_cls is str:
                if item and sensitive[key]:
                    return False
                append(item)
            elif item is None or item_cls is bool:
                continue
            elif sensitive[key]:
                return False
            elif item_cls is int or item_cls is float:
                if numbers:
                    append(repr(item))
            elif not _gather(item, texts, sensitive, numbers, depth + 1):
                return False
        return True
    if cls is list or cls is tuple:
        for item in value:
            item_cls = type(item)
            if item_cls is str:
                append(item)
            elif item is None or item_cls is bool:
                continue
            elif not _gather(item, texts, sensitive, numbers, depth + 1):
                return False
        return True
    return False


def _kind(owners: tuple[int, ...]) -> str:
    if all(o >= 0 for o in owners):
        return "known"
    if all(o < 0 for o in owners):
        return "rule"
    return "mixed"


def _inside(span: Span, masks: list[tuple[int, int]]) -> bool:
    start, end, _ = span
    return any(lo <= start and end <= hi for lo, hi in masks)


def _maskable(value: Any) -> bool:
    """Values under a sensitive key that carry nothing to hide stay as they are, so a
    log still tells "no password given" from "a password given"."""
    return not (value is None or value == "" or isinstance(value, bool))


def _compile_allow_pattern(index: int, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        msg = f'"allow_patterns"[{index}] is not a valid pattern: {exc.msg}'
        raise ValueError(msg) from None


def _secret_items(secrets: SecretsArg) -> list[tuple[str | None, str]]:
    if isinstance(secrets, str):
        msg = '"secrets" must be an iterable or a mapping of strings, not a single string'
        raise TypeError(msg)
    if isinstance(secrets, Mapping):
        return [(str(label), value) for label, value in secrets.items()]
    items: list[tuple[str | None, str]] = []
    for item in secrets:
        if isinstance(item, tuple):
            if len(item) != 2:
                msg = '"secrets" pairs must be (label, value)'
                raise TypeError(msg)
            items.append((str(item[0]), item[1]))
        else:
            items.append((None, item))
    return items


def _unpickle(config: dict[str, Any], secrets: list[tuple[str, str]]) -> Redactor:
    redactor = Redactor(**config)
    redactor.add_secrets([(label, value) for value, label in secrets])
    return redactor
