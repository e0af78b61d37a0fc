"""structlog integration: :class:`RedactProcessor` for the processor chain, and
:func:`redact_rendered` for renderers whose output we cannot see inside.

Place the processor after everything that adds or formats data
(``format_exc_info`` / ``dict_tracebacks``, ``StackInfoRenderer``,
``PositionalArgumentsFormatter``, ``add_log_level``, ``TimeStamper``) and right before
the renderer (or ``ProcessorFormatter.wrap_for_formatter``) and before anything that
ships data elsewhere.  See ``docs/structlog.md``.

This module does not import structlog: a processor is a plain callable.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable, MutableMapping
from types import TracebackType
from typing import Any

from ._config import UNSET, RedactorArg, redactor_options, resolve_redactor
from ._masks import DEFAULT_MASK, MaskFunction
from ._redactor import FAILED_MARKER, Redactor, SecretsArg, _maskable
from .rules import RuleSpec

__all__ = ["RedactProcessor", "RedactedRenderer", "redact_rendered"]

EventDict = MutableMapping[str, Any]
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]

#: Keys ``ProcessorFormatter`` adds for its own use: the LogRecord must stay a
#: LogRecord (``ExtraAdder`` and ``remove_processors_meta`` read it); nothing in it is
#: rendered unless a processor copies it out, and that copy is then redacted.
_META_KEYS = frozenset({"_record", "_from_structlog"})

#: With ``keep_exc_info``, the exception is the renderer's to format (and
#: :func:`redact_rendered`'s to redact).
_KEEP_EXC_INFO_KEYS = _META_KEYS | {"exc_info"}


#: Key states, cached per key: a sensitive name; text the automaton has a hit in (so
#: it joins the search); not a string at all.
_SENSITIVE = 1
_SCAN_KEY = 2
_ODD_KEY = 4
_KEY_CACHE_LIMIT = 4096
#: Deeper nesting than this is left to the Redactor's own walk.
_WALK_DEPTH = 8
#: Where a formatter cut a text: the closing quote of ``'...'+40`` (structlog's and
#: rich's shortened reprs) or rich's ellipsis (``'...'…`` when a panel is too narrow).
_CUT = re.compile(r"(?<!\\)['\"]\+[0-9]+|\u2026")
#: Shorter visible starts of a secret are left: too short to guess from, too common
#: to mask.
_MIN_CUT_PREFIX = 4


class _KeyStates(dict[Any, int]):
    """Key -> state for one snapshot of the Redactor, and the set of the keys whose
    state is 0 (a harmless name with no hit in it), which the hot path tests with
    ``in`` (cheaper than ``dict.get`` per key)."""

    __slots__ = ("plain",)

    def __init__(self) -> None:
        super().__init__()
        self.plain: set[Any] = set()


#: "Redact every key" (an ``exc_info`` to render first); compared by identity.
_ALL: list[Any] = ["<all keys>"]

_ANSI = re.compile(r"\x1b\[[0-9;:?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


class RedactProcessor:
    """A structlog processor that masks secrets anywhere in the event dict.

    Takes every :class:`~logredact.Redactor` argument (``secrets``, ``rules``,
    ``disable_rules``, ``keys``, ``mask``, ``min_secret_length``, ``allow``,
    ``allow_patterns``...) plus ``secrets_from_env`` and ``secrets_from_files``, as
    the :mod:`logredact.stdlib` filter does; or ``redactor=`` an existing Redactor
    (or its dotted path), shared with other integrations so that one ``add_secret``
    reaches them all.  With no argument at all it uses the process-wide default
    Redactor of :func:`logredact.stdlib.default_redactor` (built-in rules plus
    secret-looking environment variables).

    What it does to the event dict (only top-level keys are replaced; nested dicts,
    lists and objects belong to the caller and are copied, never changed):

    * strings (``event``, ``exception`` from ``format_exc_info``, ``stack``...) are
      redacted; so are keys;
    * a value under a sensitive key (``password=``, ``authorization=``) is masked
      whatever it is;
    * dicts, lists, tuples and sets (``positional_args``, bound data, the
      ``dict_tracebacks`` structure with its frame locals) are redacted deeply, and
      frame locals named like a sensitive key are masked;
    * numbers, booleans, ``None``, dates and the like stay as they are, unless their
      text holds a secret (an account number registered as one);
    * exceptions and other objects become their redacted ``repr`` (``JSONRenderer``
      and ``KeyValueRenderer`` would call ``repr()`` after us); objects with a
      ``__structlog__`` method become its redacted result, as ``JSONRenderer`` would
      use it;
    * an ``exc_info`` still in the dict (the processor sits before
      ``format_exc_info``) is rendered into a redacted ``exception`` with
      ``exception_formatter`` (the plain traceback by default; pass
      ``structlog.tracebacks.ExceptionDictTransformer()`` for structured ones), so
      nothing after us formats the raw traceback.  With ``keep_exc_info=True`` it is
      left for the renderer (``ConsoleRenderer``'s pretty tracebacks): wrap that
      renderer with :func:`redact_rendered`.

    Never raises: a value that cannot be redacted becomes
    :data:`~logredact.FAILED_MARKER` and the failure is counted in
    ``redactor.stats.failures``.
    """

    __slots__ = (
        "_cut",
        "_exception_formatter",
        "_keep_exc_info",
        "_key_cache",
        "_skip",
        "redactor",
    )

    def __init__(
        self,
        *,
        redactor: RedactorArg = None,
        secrets: SecretsArg = UNSET,
        secrets_from_env: bool | str | Iterable[str] = UNSET,
        secrets_from_files: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = UNSET,
        rules: Iterable[RuleSpec] | None = UNSET,
        disable_rules: Iterable[str] = UNSET,
        keys: Iterable[str] = UNSET,
        mask: str | MaskFunction = UNSET,
        fingerprint_key: bytes | str | None = UNSET,
        min_secret_length: int = UNSET,
        allow: Iterable[str] = UNSET,
        allow_patterns: Iterable[str] = UNSET,
        max_depth: int = UNSET,
        implementation: str | None = UNSET,
        keep_exc_info: bool = False,
        exception_formatter: Callable[[ExcInfo], Any] | None = None,
    ) -> None:
        self.redactor = resolve_redactor(
            redactor,
            redactor_options(locals()),
        )
        if not isinstance(keep_exc_info, bool):
            msg = f'"keep_exc_info" must be a bool: {keep_exc_info!r}'
            raise TypeError(msg)
        if exception_formatter is not None and not callable(exception_formatter):
            msg = f'"exception_formatter" must be callable: {exception_formatter!r}'
            raise TypeError(msg)
        self._exception_formatter = exception_formatter
        self._setup(keep_exc_info)

    def _setup(self, keep_exc_info: bool) -> None:
        self._keep_exc_info = keep_exc_info
        self._skip = _KEEP_EXC_INFO_KEYS if keep_exc_info else _META_KEYS
        # (snapshot, key -> state): swapped whole when the Redactor's snapshot changes.
        self._key_cache: tuple[Any, _KeyStates] = (None, _KeyStates())
        self._cut = _CutSecrets()

    def __repr__(self) -> str:
        return f"<RedactProcessor: {self.redactor!r}>"

    def __getstate__(self) -> dict[str, Any]:
        return {
            "redactor": self.redactor,
            "keep_exc_info": self._keep_exc_info,
            "exception_formatter": self._exception_formatter,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.redactor = state["redactor"]
        self._exception_formatter = state["exception_formatter"]
        self._setup(state["keep_exc_info"])

    def __call__(self, logger: Any, method_name: str, event_dict: EventDict) -> EventDict:
        try:
            # The hot path, for the usual event: known harmless keys, values that are
            # strings, numbers or plain containers, and no automaton hit.  Anything
            # else is "look closer" (_triage), not "dirty".
            snapshot = self.redactor._snapshot
            cache = self._key_cache
            if cache[0] is snapshot and (self._keep_exc_info or "exc_info" not in event_dict):
                states = cache[1]
                plain = states.plain
                skip = self._skip
                parts: list[str] = []
                append = parts.append
                for key, value in event_dict.items():
                    if key not in plain:
                        break
                    cls = type(value)
                    if cls is str:
                        append(value)
                    elif value is None or cls is bool:
                        continue
                    elif cls is int or cls is float:
                        # Masked like text when their digits hold a (numeric) secret.
                        if snapshot.numbers_matter:
                            append(repr(value))
                    elif cls is dict or cls is tuple or (cls is list and key != "exception"):
                        if not self._walk(value, parts, states, snapshot, 0):
                            break
                    elif key not in skip:
                        # Objects, and dict_tracebacks (whose cut locals need a closer
                        # look).
                        break
                else:
                    try:
                        if not parts or not snapshot.probe("\n".join(parts)):
                            return event_dict
                    except UnicodeEncodeError:
                        pass  # lone surrogates: the closer look copes with them
            keys = self._triage(event_dict)
            if keys:
                self._redact(event_dict, keys)
        except Exception:
            _count_failure(self.redactor)
            return _failed_event(event_dict)
        return event_dict

    # Most events hold nothing to mask, so the hot path proves that cheaply.  One walk
    # over the event collects its strings (nested ones too) and one automaton pass
    # searches them joined: the Redactor masks only text in which its automaton finds
    # a pattern (a known form or a rule keyword), so a string that holds no hit is
    # clean.  Only the top-level keys that own a hit, a maskable value under a
    # sensitive key, or a value we cannot walk (objects, exceptions, sets, bytes) are
    # then redacted for real.  Key decisions are cached per snapshot of the Redactor,
    # so a secret added later is searched for in keys too.
    def _triage(self, event_dict: EventDict) -> list[Any] | None:
        """The top-level keys to redact (``None`` or empty when the event is clean),
        or :data:`_ALL`."""
        if not self._keep_exc_info and "exc_info" in event_dict:
            return _ALL
        snapshot = self.redactor._snapshot
        cache = self._key_cache
        if cache[0] is not snapshot:
            cache = self._key_cache = (snapshot, _KeyStates())
        parts: list[str] = []
        dirty = self._collect(event_dict, cache[1], snapshot, parts, None)
        automaton = snapshot.automaton
        if not parts or automaton is None:
            return dirty
        try:
            matches = automaton.find_matches_as_indexes("\n".join(parts), overlapping=True)
        except UnicodeEncodeError:
            # Lone surrogates (bytes decoded with surrogateescape) cannot cross into
            # Rust; the Redactor copes with them, string by string.
            return _ALL
        if not matches:
            return dirty
        # Rare: walk again, noting which top-level key owns each part.
        owners: list[Any] = []
        parts = []
        dirty = self._collect(event_dict, cache[1], snapshot, parts, owners)
        # ends[i]: where part i's separator ends in the joined text.
        ends = list(itertools.accumulate(len(part) + 1 for part in parts))
        for _, start, stop in matches:
            first = bisect.bisect_right(ends, start)
            last = bisect.bisect_right(ends, stop - 1)
            dirty.extend(owners[first : last + 1])
        return list(dict.fromkeys(dirty))

    def _collect(
        self,
        event_dict: EventDict,
        states: _KeyStates,
        snapshot: Any,
        parts: list[str],
        owners: list[Any] | None,
    ) -> list[Any]:
        """Append the event's strings to ``parts`` (and each one's top-level key to
        ``owners``); return the keys that need redacting whatever the search finds."""
        skip = _KEEP_EXC_INFO_KEYS if self._keep_exc_info else _META_KEYS
        append = parts.append
        dirty: list[Any] = []
        walk = self._walk
        for key, value in event_dict.items():
            state = states.get(key)
            if state != 0:
                if state is None:
                    state = self._key_state(key, snapshot, states)
                if state & _ODD_KEY or (state & _SENSITIVE and _maskable(value)):
                    dirty.append(key)
                    continue
                if state & _SCAN_KEY:
                    append(key)
                    if owners is not None:
                        owners.append(key)
            cls = type(value)
            if cls is str:
                append(value)
                if owners is not None:
                    owners.append(key)
            elif key in skip or value is None or cls is bool:
                continue
            elif cls is int or cls is float:
                if snapshot.numbers_matter:
                    append(repr(value))
                    if owners is not None:
                        owners.append(key)
            elif cls is dict or cls is tuple or (cls is list and key != "exception"):
                first = len(parts)
                if not walk(value, parts, states, snapshot, 0):
                    del parts[first:]
                    dirty.append(key)
                elif owners is not None:
                    owners.extend([key] * (len(parts) - first))
            else:
                dirty.append(key)
        return dirty

    def _walk(
        self,
        value: Any,
        parts: list[str],
        states: _KeyStates,
        snapshot: Any,
        depth: int,
    ) -> bool:
        """Collect the strings of a nested dict / list / tuple into ``parts``; False
        when it holds anything that needs the full treatment."""
        if depth >= _WALK_DEPTH:
            return False
        append = parts.append
        if type(value) is dict:
            for key, item in value.items():
                state = states.get(key)
                if state != 0:
                    if state is None:
                        state = self._key_state(key, snapshot, states)
                    if state & _ODD_KEY or (state & _SENSITIVE and _maskable(item)):
                        return False
                    if state & _SCAN_KEY:
                        append(key)
                cls = type(item)
                if cls is str:
                    append(item)
                elif item is None or cls is bool:
                    continue
                elif cls is int or cls is float:
                    if snapshot.numbers_matter:
                        append(repr(item))
                elif cls is dict or cls is list or cls is tuple:
                    if not self._walk(item, parts, states, snapshot, depth + 1):
                        return False
                else:
                    return False
            return True
        for item in value:
            cls = type(item)
            if cls is str:
                append(item)
            elif item is None or cls is bool:
                continue
            elif cls is int or cls is float:
                if snapshot.numbers_matter:
                    append(repr(item))
            elif cls is dict or cls is list or cls is tuple:
                if not self._walk(item, parts, states, snapshot, depth + 1):
                    return False
            else:
                return False
        return True

    def _key_state(self, key: Any, snapshot: Any, states: _KeyStates) -> int:
        if type(key) is not str:
            state = _ODD_KEY
        else:
            state = _SENSITIVE if self.redactor.is_sensitive_key(key) else 0
            if _has_hit(snapshot, key):
                state |= _SCAN_KEY
        if len(states) >= _KEY_CACHE_LIMIT:
            states.clear()
            states.plain.clear()
        states[key] = state
        if state == 0:
            states.plain.add(key)
        return state

    def _redact(self, event_dict: EventDict, keys: list[Any]) -> None:
        redactor = self.redactor
        if keys is _ALL:
            if not self._keep_exc_info and "exc_info" in event_dict:
                self._render_exc_info(event_dict)
            keys = list(event_dict)
        elif len(keys) > 1:
            # In the event's order, so that keys masked into the same name resolve as
            # the Redactor resolves them (the last one wins).
            wanted = set(keys)
            keys = [key for key in event_dict if key in wanted]
        renamed: list[tuple[Any, Any]] = []
        skip = _KEEP_EXC_INFO_KEYS if self._keep_exc_info else _META_KEYS
        for key in keys:
            if key in skip:
                continue
            value = event_dict[key]
            try:
                new = self._value(key, value)
            except Exception:
                _count_failure(redactor)
                new = FAILED_MARKER
            if new is not value:
                event_dict[key] = new
            new_key = redactor.redact(key) if type(key) is str else redactor.redact_value(key)
            if new_key is not key:
                renamed.append((key, new_key))
        for old, new_key in renamed:
            event_dict[new_key] = event_dict.pop(old)

    def _value(self, key: Any, value: Any) -> Any:
        redactor = self.redactor
        cls = type(value)
        if type(key) is str and _maskable(value) and redactor.is_sensitive_key(key):
            return redactor.mask_for_key(key, value)
        if cls is str:
            return redactor.redact(value)
        if isinstance(value, str):
            # A str subclass may hide itself in its repr (a SecretStr): keep it whole
            # unless its text holds something to mask.
            text = str(value)
            redacted = redactor.redact(text)
            return value if redacted is text else redacted
        if value is None or cls is bool:
            return value
        if cls is list and key == "exception":
            # dict_tracebacks: its locals may be cut short mid-secret.
            return self._cut.deep(redactor, redactor.redact_value(value))
        if not isinstance(value, (str, bytes, BaseException, type)):
            structlog_hook = getattr(type(value), "__structlog__", None)
            if structlog_hook is not None:
                return redactor.redact_value(value.__structlog__())
        return redactor.redact_value(value)

    def _render_exc_info(self, event_dict: EventDict) -> None:
        exc_info = _exc_info_of(event_dict.pop("exc_info"))
        if exc_info is None:
            return
        try:
            if self._exception_formatter is None:
                rendered: Any = _format_exception(exc_info)
            else:
                rendered = self._exception_formatter(exc_info)
        except Exception:
            _count_failure(self.redactor)
            rendered = FAILED_MARKER
        # The caller of a later value pass redacts it like any other value.
        event_dict["exception"] = rendered


def redact_rendered(
    renderer: Callable[[Any, str, EventDict], Any],
    *,
    redactor: Redactor | RedactProcessor | str | None = None,
    **options: Any,
) -> RedactedRenderer:
    """Wrap ``renderer`` so that what it returns (``str`` or ``bytes``) is redacted.

    For renderers that format things themselves: ``ConsoleRenderer``'s exception
    formatting (rich with ``show_locals``, better-exceptions), or any renderer we
    cannot see inside.  ``redactor`` is the Redactor (or a :class:`RedactProcessor`
    whose Redactor to share); without it, one is built from ``options`` as
    :class:`RedactProcessor` builds it (no options: the shared default Redactor).

    Colour codes can cut a secret in two (rich highlights the digits inside a URL), and
    a terminal-width wrap can split it across lines: when the text without escape codes
    or without line breaks shows a secret the raw text hides, the affected span is
    masked there and the colour codes are dropped (readable and safe beats pretty).
    """
    if isinstance(redactor, RedactProcessor):
        redactor = redactor.redactor
    return RedactedRenderer(renderer, resolve_redactor(redactor, options))


class RedactedRenderer:
    """A renderer whose output is redacted; see :func:`redact_rendered`."""

    __slots__ = ("_cut", "redactor", "renderer")

    def __init__(self, renderer: Callable[[Any, str, EventDict], Any], redactor: Redactor) -> None:
        if not callable(renderer):
            msg = f'"renderer" must be callable: {renderer!r}'
            raise TypeError(msg)
        self.renderer = renderer
        self.redactor = redactor
        self._cut = _CutSecrets()

    def __repr__(self) -> str:
        return f"<RedactedRenderer: {self.renderer!r}, {self.redactor!r}>"

    def __getstate__(self) -> dict[str, Any]:
        return {"renderer": self.renderer, "redactor": self.redactor}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.renderer = state["renderer"]
        self.redactor = state["redactor"]
        self._cut = _CutSecrets()

    def __call__(self, logger: Any, method_name: str, event_dict: EventDict) -> Any:
        rendered = self.renderer(logger, method_name, event_dict)
        try:
            if type(rendered) is str:
                return self.redact_text(rendered)
            if isinstance(rendered, (bytes, bytearray)):
                text = bytes(rendered).decode("utf-8", "surrogateescape")
                redacted = self.redact_text(text)
                if redacted is text:
                    return rendered
                return redacted.encode("utf-8", "surrogateescape")
            return self.redactor.redact_value(rendered)
        except Exception:
            _count_failure(self.redactor)
            return FAILED_MARKER

    def redact_text(self, text: str) -> str:
        """``text`` redacted, also where colour codes or line wraps split a secret and
        where a shortened repr (``'...'+40``, ``…``) cut one."""
        redactor = self.redactor
        redacted = redactor.redact(text)
        if "\x1b" in redacted:
            plain = _ANSI.sub("", redacted)
            if redactor.redact(plain) is not plain or _wrapped_secrets(redactor, plain):
                redacted = redactor.redact(plain)
        if "\n" in redacted:
            redacted = _mask_wrapped(redactor, redacted)
        return self._cut.text(redactor, redacted)


def _wrapped_secrets(redactor: Redactor, text: str) -> bool:
    if "\n" not in text:
        return False
    joined = text.replace("\n", "")
    return redactor.redact(joined) is not joined


def _mask_wrapped(redactor: Redactor, text: str) -> str:
    """Mask secrets that a line break splits: search the text with its line breaks
    removed and mask, in the original, each finding that spans one."""
    joined = text.replace("\n", "")
    if redactor.redact(joined) is joined:
        return text
    breaks = [i for i, char in enumerate(text) if char == "\n"]
    # Position p in ``joined`` is position p + (breaks before it) in ``text``.
    shifted = [b - n for n, b in enumerate(breaks)]
    spans: list[tuple[int, int]] = []
    for finding in redactor.find(joined):
        start = finding.start + bisect.bisect_right(shifted, finding.start)
        end = finding.end + bisect.bisect_left(shifted, finding.end)
        if "\n" in text[start:end]:
            spans.append((start, end))
    if not spans:
        return text
    mask = _plain_mask(redactor)
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        pieces.append(text[pos:start])
        pieces.append(mask)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _plain_mask(redactor: Redactor) -> str:
    mask = redactor.mask
    if isinstance(mask, str) and "{" not in mask:
        return mask
    return DEFAULT_MASK


class _CutSecrets:
    """Masks the visible start of a known secret where a formatter cut the text:
    ``dict_tracebacks`` and rich shorten long locals (``'postgres://u:s3cr'+40``, or
    ``…``), and the cut-off start of a secret no longer matches it whole.  Forms (raw
    and ``repr``-escaped) are indexed by their first :data:`_MIN_CUT_PREFIX`
    characters, once per snapshot of the Redactor, on first need."""

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache: tuple[Any, dict[str, list[str]], int] = (None, {}, 0)

    def _index(self, redactor: Redactor) -> tuple[dict[str, list[str]], int]:
        snapshot = redactor._snapshot
        cache = self._cache
        if cache[0] is not snapshot:
            index: dict[str, list[str]] = {}
            longest = 0
            for value in snapshot.values:
                for form in {value, repr(value)[1:-1]}:
                    if len(form) > _MIN_CUT_PREFIX:
                        index.setdefault(form[:_MIN_CUT_PREFIX], []).append(form)
                        longest = max(longest, len(form))
            cache = self._cache = (snapshot, index, longest)
        return cache[1], cache[2]

    def text(self, redactor: Redactor, text: str) -> str:
        if "+" not in text and "\u2026" not in text:
            return text
        index, longest = self._index(redactor)
        if not index:
            return text
        pieces: list[str] = []
        pos = 0
        for match in _CUT.finditer(text):
            cut = match.start()
            if cut > pos and text[cut - 1] in "'\"" and match.group() == "\u2026":
                cut -= 1  # rich closes the cut string before its ellipsis: '...'…
            # The longest visible start of a form that ends right at the cut.
            for begin in range(max(pos, cut - longest), cut - _MIN_CUT_PREFIX + 1):
                forms = index.get(text[begin : begin + _MIN_CUT_PREFIX])
                if forms and any(
                    len(form) > cut - begin and form.startswith(text[begin:cut]) for form in forms
                ):
                    pieces.append(text[pos:begin])
                    pieces.append(_plain_mask(redactor))
                    pos = cut
                    break
        if not pieces:
            return text
        pieces.append(text[pos:])
        return "".join(pieces)

    def deep(self, redactor: Redactor, obj: Any) -> Any:
        """``obj`` (a ``dict_tracebacks`` structure) with cut secrets masked in its
        strings; rebuilt only where something changed."""
        cls = type(obj)
        if cls is str:
            return self.text(redactor, obj)
        if cls is dict:
            out = {key: self.deep(redactor, value) for key, value in obj.items()}
            changed = any(out[key] is not value for key, value in obj.items())
            return out if changed else obj
        if cls is list:
            items = [self.deep(redactor, value) for value in obj]
            return items if any(a is not b for a, b in zip(items, obj, strict=True)) else obj
        return obj


def _has_hit(snapshot: Any, text: str) -> bool:
    try:
        return bool(snapshot.probe(text))
    except UnicodeEncodeError:
        return True


def _exc_info_of(value: Any) -> ExcInfo | None:
    """``exc_info`` as structlog reads it: an exception, a 3-tuple, or anything true
    for the exception being handled."""
    if isinstance(value, BaseException):
        return (type(value), value, value.__traceback__)
    if isinstance(value, tuple) and len(value) == 3:
        kind, exc, tb = value
        if (
            isinstance(kind, type)
            and issubclass(kind, BaseException)
            and isinstance(exc, BaseException)
            and (tb is None or isinstance(tb, TracebackType))
        ):
            return (kind, exc, tb)
    if value:
        current = sys.exc_info()
        if current[1] is not None:
            assert current[0] is not None
            return (current[0], current[1], current[2])
    return None


def _format_exception(exc_info: ExcInfo) -> str:
    # What structlog's format_exc_info writes: the stdlib traceback, no final newline.
    text = "".join(traceback.format_exception(*exc_info))
    return text[:-1] if text.endswith("\n") else text


def _count_failure(redactor: Redactor) -> None:
    # Counting must not break logging either.
    with contextlib.suppress(Exception):
        redactor.count_failure()


def _failed_event(event_dict: EventDict) -> EventDict:
    """Fail closed: keep only what cannot leak (meta keys, numbers, booleans)."""
    try:
        kept = {
            key: value
            for key, value in event_dict.items()
            if type(key) is str
            and (key in _META_KEYS or value is None or type(value) in (bool, int, float))
        }
        event_dict.clear()
        event_dict.update(kept)
        event_dict["event"] = FAILED_MARKER
    except Exception:  # pragma: no cover
        return {"event": FAILED_MARKER}
    return event_dict
