"""Redaction for the standard library's :mod:`logging`: a filter for handlers, a
formatter that redacts its final output, a one-call :func:`install`, and a
:class:`RedactingQueueHandler` for queue-based setups.

Everything here can be built from ``logging.config.dictConfig`` with plain keyword
arguments (``'()': 'logredact.stdlib.RedactingFilter'``) and, for the formatter, from
``fileConfig`` (``class=logredact.stdlib.RedactingFormatter``).

Where the filter goes matters: a filter on a *logger* only sees records logged through
that very logger, never those propagated from its children.  Put it on *handlers*
(:func:`install` does that for every configured handler and ``logging.lastResort``).
"""

from __future__ import annotations

import dataclasses
import logging
import logging.handlers
import threading
import uuid
import weakref
from collections.abc import Iterable, Mapping
from typing import Any

from ._config import UNSET as _UNSET
from ._config import (
    build_redactor,
    default_redactor,
    import_path,
    redactor_options,
    set_default_redactor,
)
from ._config import resolve_redactor as _resolve_redactor
from ._masks import MaskFunction
from ._redactor import _SCALARS, FAILED_MARKER, Redactor, SecretsArg, _gather, _maskable
from ._scan import SEPARATOR
from .rules import RuleSpec

__all__ = [
    "RedactedObject",
    "RedactingFilter",
    "RedactingFormatter",
    "RedactingQueueHandler",
    "build_redactor",
    "default_redactor",
    "install",
    "original_exc_info",
    "set_default_redactor",
    "uninstall",
]

#: The prefix of the attributes a filter adds to a record.  Starts with ``_`` so
#: python-json-logger leaves them out.
_MARK = "_logredact"
#: Where a filter keeps a record's original ``exc_info`` (see :func:`original_exc_info`).
_EXC_STASH = "_logredact_exc_info"


class _Processed(tuple):  # type: ignore[type-arg]
    """The ``args`` of a record a filter has processed: empty, as a merged record's
    are, and carrying the tokens of the Redactors that processed it, so a filter
    sharing one of them (on another handler) leaves the record alone.

    Marking ``args`` rather than adding an attribute keeps the record's ``__dict__`` as
    the logging module built it: one more key would grow every record's dict and give
    every formatter that walks the record one more key to skip."""

    tokens: frozenset[str]

    def __new__(cls, tokens: frozenset[str]) -> _Processed:
        self = super().__new__(cls)
        self.tokens = tokens
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (a multiprocessing queue, a socket), the mark becomes a plain empty
        # tuple: the reader needs no logredact to load the record, and a Redactor
        # there redacts it again (idempotent) rather than trust a mark.
        return (tuple, ())


#: The attributes of a fresh LogRecord, in the order its constructor sets them.
_FRESH_KEYS = list(logging.LogRecord("", 0, "", 0, "", (), None).__dict__)
_FRESH_RECORD_SIZE = len(_FRESH_KEYS)
#: Attributes every LogRecord has, plus those formatters add.
_STANDARD_ATTRS: frozenset[str] = frozenset(_FRESH_KEYS) | {"message", "asctime", "taskName"}

#: Values a formatter turns into text on its own: redacted through ``redact_value``.
_VALUE_TYPES: tuple[type, ...] = (
    str,
    bytes,
    bytearray,
    memoryview,
    Mapping,
    list,
    tuple,
    set,
    frozenset,
    BaseException,
    *_SCALARS,
)

_PLAIN_FORMATTER = logging.Formatter()


_tokens: weakref.WeakKeyDictionary[Redactor, str] = weakref.WeakKeyDictionary()
_tokens_lock = threading.Lock()


def _token(redactor: Redactor) -> str:
    # A random token, not id(): a record pickled to another process must not look
    # processed to a different Redactor there.
    with _tokens_lock:
        token = _tokens.get(redactor)
        if token is None:
            token = _tokens[redactor] = uuid.uuid4().hex
        return token


# -- the filter ------------------------------------------------------------------------


class RedactedObject:
    """Stands in for an object of a record's ``extra`` whose ``repr`` or ``str``
    carries a secret: ``repr()``, ``str()``, ``format()``, copying and pickling give
    the redacted text, while attribute access reaches the original (so Django's
    ``AdminEmailHandler`` still finds ``record.request.META``)."""

    __slots__ = ("_logredact_repr", "_logredact_str", "_logredact_target")

    def __init__(self, target: Any, redacted_repr: str, redacted_str: str) -> None:
        object.__setattr__(self, "_logredact_target", target)
        object.__setattr__(self, "_logredact_repr", redacted_repr)
        object.__setattr__(self, "_logredact_str", redacted_str)

    def __getattr__(self, name: str) -> Any:
        return getattr(object.__getattribute__(self, "_logredact_target"), name)

    def __repr__(self) -> str:
        return str(object.__getattribute__(self, "_logredact_repr"))

    def __str__(self) -> str:
        return str(object.__getattribute__(self, "_logredact_str"))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __reduce__(self) -> tuple[Any, ...]:
        return (str, (str(self),))


class _ExcInfoStash:
    """Holds a record's original ``exc_info``; copies share it, pickling drops it
    (tracebacks don't pickle, and a queue must not fail on our account)."""

    __slots__ = ("exc_info",)

    def __init__(self, exc_info: Any) -> None:
        self.exc_info = exc_info

    def __repr__(self) -> str:
        return "<original exc_info>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_ExcInfoStash, (None,))


def original_exc_info(record: logging.LogRecord) -> Any:
    """The ``exc_info`` a :class:`RedactingFilter` took off ``record`` (or the
    record's own): for handlers that need the exception object itself, such as an
    error reporter that redacts its own output."""
    stash = record.__dict__.get(_EXC_STASH)
    if isinstance(stash, _ExcInfoStash) and stash.exc_info:
        return stash.exc_info
    return record.exc_info


class RedactingFilter(logging.Filter):
    """A :class:`logging.Filter` for handlers that masks secrets in every part of a
    record a formatter may write; it never drops a record and never raises.

    Arguments (keyword-only): either ``redactor`` — a :class:`~logredact.Redactor`, or
    a dotted path to one (or to a function returning one) so several filters built by
    ``dictConfig`` share it — or the arguments of :func:`build_redactor` (``secrets``,
    ``secrets_from_env``, ``secrets_from_files``, ``rules``, ``disable_rules``,
    ``keys``, ``mask``, ``min_secret_length``, ``allow``, ``allow_patterns``, ...).
    With neither, the filter uses :func:`default_redactor`.

    ``keep_exc_info``: by default the original ``exc_info`` is taken off the record
    (the redacted traceback is in ``exc_text``), because some formatters —
    python-json-logger's among them — format ``exc_info`` again and would write the
    raw exception message.  :func:`original_exc_info` still returns it.  Set it to
    ``True`` for handlers that need the exception object and redact on their own.

    What it does to a record: merges ``msg`` and ``args`` (``getMessage()``) and stores
    the redacted text in ``msg`` with empty ``args``; deep-redacts a dict ``msg``;
    formats the exception into ``exc_text`` (or takes the text a formatter cached
    there) and redacts it; redacts ``stack_info``; replaces every non-standard
    attribute (``extra``) by a redacted copy — the caller's objects are never mutated.
    A record that already went through a filter sharing the same Redactor is left
    alone: the empty ``args`` it leaves is a tuple that remembers which Redactors
    processed the record (no attribute is added).  ``name`` is accepted, as
    :class:`logging.Filter` takes it, and ignored: this filter never drops a record.
    """

    def __init__(
        self,
        name: str = "",
        *,
        redactor: Redactor | str | None = None,
        keep_exc_info: bool = False,
        secrets: SecretsArg = _UNSET,
        secrets_from_env: bool | str | Iterable[str] = _UNSET,
        secrets_from_files: str | Iterable[str] = _UNSET,
        rules: Iterable[RuleSpec] | None = _UNSET,
        disable_rules: Iterable[str] = _UNSET,
        keys: Iterable[str] = _UNSET,
        mask: str | MaskFunction = _UNSET,
        fingerprint_key: bytes | str | None = _UNSET,
        min_secret_length: int = _UNSET,
        allow: Iterable[str] = _UNSET,
        allow_patterns: Iterable[str] = _UNSET,
        max_depth: int = _UNSET,
        implementation: str | None = _UNSET,
    ) -> None:
        super().__init__(name)
        self._redactor = _resolve_redactor(
            redactor,
            redactor_options(locals()),
        )
        self._keep_exc_info = bool(keep_exc_info)
        self._token = _token(self._redactor)
        self._marker = _Processed(frozenset((self._token,)))
        self._redact = self._redactor.redact

    @property
    def redactor(self) -> Redactor:
        return self._redactor

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self._redactor!r}>"

    #: Whether :meth:`_prepare` must run before the next record (subclasses that
    #: gather late secrets set it).
    _pending = False

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if type(args) is _Processed and self._token in args.tokens:
            return True
        try:
            if self._pending:
                self._prepare()
            msg = record.msg
            if type(msg) is str and not (record.exc_info or record.exc_text or record.stack_info):
                # The usual record: a message, maybe arguments, maybe extra values.
                if args:
                    try:
                        msg = msg % args
                    except Exception:
                        msg = _unmergeable(self._redactor, msg)
                attrs = record.__dict__
                if len(attrs) == _FRESH_RECORD_SIZE:
                    record.msg = self._redact(msg)
                else:
                    record.msg = msg
                    record.args = ()
                    if not self._plainly_clean(attrs, msg):
                        self._redact_record(record, attrs)
                    elif "message" in attrs:  # formatted by an earlier handler
                        record.message = msg
            else:
                self._redact_record(record, record.__dict__)
        except Exception:
            _fail_closed(record, self._redactor)
        record.args = (
            _Processed(args.tokens | self._marker.tokens)
            if type(args) is _Processed
            else self._marker
        )
        return True

    def _plainly_clean(self, attrs: dict[str, Any], msg: str) -> bool:
        """Whether a record's merged message and extra values certainly need nothing
        masked: plain data under harmless keys, and no automaton hit in all their
        text joined (one batched pass, as :meth:`Redactor.is_clean` makes it).  False
        means "look closer"."""
        snapshot = self._redactor._snapshot
        if not snapshot.batchable:
            return False
        keys = list(attrs)
        if keys[:_FRESH_RECORD_SIZE] == _FRESH_KEYS:
            # Extras come after the attributes LogRecord sets, in the order given.
            keys = keys[_FRESH_RECORD_SIZE:]
        sensitive = self._redactor._keys.decisions
        numbers = snapshot.numbers_matter
        texts = [msg]
        for key in keys:
            if key in _STANDARD_ATTRS or key.startswith(_MARK):
                continue
            value = attrs[key]
            if sensitive[key] and _maskable(value):
                return False
            texts.append(key)
            if not _gather(value, texts, sensitive, numbers, 1):
                return False
        try:
            return not snapshot.probe(SEPARATOR.join(texts))
        except UnicodeEncodeError:
            return False

    def _prepare(self) -> None:
        """Called before a record while :attr:`_pending` is true; subclasses gather
        late secrets here."""

    def _redact_record(self, record: logging.LogRecord, attrs: dict[str, Any]) -> None:
        redactor = self._redactor
        msg = record.msg
        if record.args:
            try:
                msg = record.getMessage()
            except Exception:
                msg = _unmergeable(redactor, msg)
        elif type(msg) is not str and not isinstance(msg, Mapping):
            try:
                msg = str(msg)
            except Exception:
                msg = _unmergeable(redactor, None)
        fields: dict[str, Any] = {"msg": msg}
        exc_info = record.exc_info
        if exc_info or record.exc_text:
            exc_text = record.exc_text
            if not exc_text and exc_info:
                exc_text = _PLAIN_FORMATTER.formatException(exc_info)
            # Set now: the clean path keeps it as is, the other overwrites it, and a
            # failure replaces it with the marker.
            record.exc_text = exc_text
            fields["exc_text"] = exc_text
            if exc_info and not self._keep_exc_info:
                attrs[_EXC_STASH] = _ExcInfoStash(exc_info)
                record.exc_info = None
        if record.stack_info:
            fields["stack_info"] = record.stack_info
        if len(attrs) > _FRESH_RECORD_SIZE:
            is_sensitive = redactor.is_sensitive_key
            for key in attrs.keys() - _STANDARD_ATTRS:
                if key.startswith(_MARK):
                    continue
                value = attrs[key]
                if _is_plain_object(value) and not is_sensitive(key):
                    new = _redact_object(redactor, value)
                    if new is not value:
                        attrs[key] = new
                else:
                    fields[key] = value
        if len(fields) == 1 and type(msg) is str:
            # The common record: a message and nothing else.
            record.msg = redactor.redact(msg)
        else:
            # redact_value answers a clean record with one batched scan.
            self._redact_fields(attrs, fields)
            record.msg = fields["msg"]
        if "message" in attrs:
            record.message = "" if isinstance(record.msg, Mapping) else record.msg

    def _redact_fields(self, attrs: dict[str, Any], fields: dict[str, Any]) -> None:
        redacted = self._redactor.redact_value(fields)
        if redacted is fields:
            return
        if not isinstance(redacted, dict) or len(redacted) != len(fields):
            msg = "redaction failed"
            raise RuntimeError(msg)
        for (key, old), new in zip(list(fields.items()), redacted.values(), strict=True):
            if new is not old:
                attrs[key] = new
                fields[key] = new


def _is_plain_object(value: Any) -> bool:
    """An object a formatter would stringify: kept, or stood in for, as a whole."""
    cls = type(value)
    if cls is str or cls is int or cls is float or cls is bool or value is None:
        return False
    if cls is dict or cls is list or cls is tuple:
        return False
    if isinstance(value, _VALUE_TYPES):
        return False
    return not (dataclasses.is_dataclass(value) and not isinstance(value, type))


def _redact_object(redactor: Redactor, value: Any) -> Any:
    try:
        as_repr = repr(value)
        as_str = str(value)
    except Exception:
        return FAILED_MARKER
    redacted_repr = redactor.redact(as_repr)
    redacted_str = redactor.redact(as_str)
    if redacted_repr is as_repr and redacted_str is as_str:
        return value
    return RedactedObject(value, redacted_repr, redacted_str)


def _unmergeable(redactor: Redactor, msg: Any) -> str:
    """What a record whose ``msg % args`` fails says: the marker and the (redacted)
    format string, never the arguments."""
    redactor.count_failure()
    try:
        return f"{FAILED_MARKER} {redactor.redact(str(msg))}" if msg is not None else FAILED_MARKER
    except Exception:
        return FAILED_MARKER


def _fail_closed(record: logging.LogRecord, redactor: Redactor) -> None:
    redactor.count_failure()
    attrs = record.__dict__
    record.msg = FAILED_MARKER
    record.args = ()
    if record.exc_info or record.exc_text:
        attrs[_EXC_STASH] = _ExcInfoStash(record.exc_info)
        record.exc_info = None
        record.exc_text = FAILED_MARKER
    record.stack_info = None
    if "message" in attrs:
        record.message = FAILED_MARKER
    for key in attrs.keys() - _STANDARD_ATTRS:
        if not key.startswith(_MARK):
            attrs[key] = FAILED_MARKER


# -- the formatter ---------------------------------------------------------------------


class RedactingFormatter(logging.Formatter):
    """A formatter whose final output — message, extras, traceback, stack — is
    redacted: the safety net for whatever a filter cannot reach.

    It wraps ``formatter`` (a formatter instance, a class, a dotted path to either, or
    a ``{'()': path, **kwargs}`` dict) or, without one, formats like
    :class:`logging.Formatter` with ``fmt``, ``datefmt``, ``style``, ``validate`` and
    ``defaults``, so ``class=logredact.stdlib.RedactingFormatter`` works in
    ``fileConfig`` and ``dictConfig``.  The Redactor is ``redactor`` or built from the
    other keyword arguments, as for :class:`RedactingFilter`.

    It also redacts the traceback text the formatter caches on the record
    (``exc_text``), so handlers after it never see the raw one.
    """

    def __init__(
        self,
        fmt: str | None = None,
        datefmt: str | None = None,
        style: str = "%",
        validate: bool = True,
        *,
        defaults: Mapping[str, Any] | None = None,
        formatter: logging.Formatter
        | type[logging.Formatter]
        | str
        | Mapping[str, Any]
        | None = None,
        redactor: Redactor | str | None = None,
        secrets: SecretsArg = _UNSET,
        secrets_from_env: bool | str | Iterable[str] = _UNSET,
        secrets_from_files: str | Iterable[str] = _UNSET,
        rules: Iterable[RuleSpec] | None = _UNSET,
        disable_rules: Iterable[str] = _UNSET,
        keys: Iterable[str] = _UNSET,
        mask: str | MaskFunction = _UNSET,
        fingerprint_key: bytes | str | None = _UNSET,
        min_secret_length: int = _UNSET,
        allow: Iterable[str] = _UNSET,
        allow_patterns: Iterable[str] = _UNSET,
        max_depth: int = _UNSET,
        implementation: str | None = _UNSET,
    ) -> None:
        super().__init__(fmt, datefmt, style, validate, defaults=defaults)  # type: ignore[arg-type]
        self._inner = _resolve_formatter(formatter, fmt, datefmt, style)
        self._redactor = _resolve_redactor(
            redactor,
            redactor_options(locals()),
        )

    @property
    def redactor(self) -> Redactor:
        return self._redactor

    @property
    def formatter(self) -> logging.Formatter | None:
        """The wrapped formatter, if any."""
        return self._inner

    def __repr__(self) -> str:
        inner = type(self._inner).__name__ if self._inner is not None else "logging.Formatter"
        return f"<{type(self).__name__} over {inner}: {self._redactor!r}>"

    def format(self, record: logging.LogRecord) -> str:
        redactor = self._redactor
        try:
            inner = self._inner
            text = inner.format(record) if inner is not None else super().format(record)
            attrs = record.__dict__
            cached = attrs.get("exc_text")
            if cached:
                record.exc_text = redactor.redact(cached)
            message = attrs.get("message")
            if type(message) is str:
                record.message = redactor.redact(message)
            if type(text) is not str:
                text = str(text)
            return redactor.redact(text)
        except Exception:
            redactor.count_failure()
            return FAILED_MARKER


def _resolve_formatter(
    formatter: Any, fmt: str | None, datefmt: str | None, style: str
) -> logging.Formatter | None:
    if formatter is None or isinstance(formatter, logging.Formatter):
        return formatter
    kwargs: dict[str, Any] = {}
    if isinstance(formatter, Mapping):
        spec = dict(formatter)
        factory = spec.pop("()", None) or spec.pop("class", None)
        if factory is None:
            msg = '"formatter" as a dict needs a "()" key naming the formatter class'
            raise ValueError(msg)
        formatter, kwargs = factory, spec
    if isinstance(formatter, str):
        formatter = import_path(formatter, "formatter")
    if isinstance(formatter, logging.Formatter):
        return formatter
    if callable(formatter):
        if not kwargs:
            if fmt is not None:
                kwargs["fmt"] = fmt
            if datefmt is not None:
                kwargs["datefmt"] = datefmt
            if style != "%":
                kwargs["style"] = style
        elif "format" in kwargs:
            kwargs["fmt"] = kwargs.pop("format")
        built = formatter(**kwargs)
        if isinstance(built, logging.Formatter):
            return built
    msg = f'"formatter" must be a logging.Formatter, a class or a dotted path: {formatter!r}'
    raise TypeError(msg)


# -- queues ----------------------------------------------------------------------------


class RedactingQueueHandler(logging.handlers.QueueHandler):
    """A :class:`~logging.handlers.QueueHandler` that redacts on the producer side,
    before :meth:`prepare` formats the record and before anything leaves the process.

    Takes the queue and the arguments of :class:`RedactingFilter`; its filter is
    :attr:`redacting_filter`.  The records it enqueues carry the redacted message
    only (as ``QueueHandler`` does, ``args``, ``exc_info`` and ``stack_info`` are
    dropped after formatting), so they pickle for a multiprocessing queue.
    """

    def __init__(self, queue: Any, **filter_kwargs: Any) -> None:
        super().__init__(queue)
        self.redacting_filter = RedactingFilter(**filter_kwargs)
        self.addFilter(self.redacting_filter)

    def prepare(self, record: logging.LogRecord) -> Any:
        prepared = super().prepare(record)
        if isinstance(prepared, logging.LogRecord):
            prepared.__dict__.pop(_EXC_STASH, None)
        return prepared


# -- install ---------------------------------------------------------------------------

_install_lock = threading.RLock()
_installed: RedactingFilter | None = None
_installed_kwargs: dict[str, Any] = {}


def install(
    redacting_filter: RedactingFilter | None = None,
    *,
    handlers: Iterable[logging.Handler] = (),
    last_resort: bool = True,
    **filter_kwargs: Any,
) -> RedactingFilter:
    """Put one shared :class:`RedactingFilter` on every handler of the root logger and
    of every logger configured so far (Django's ``console`` and ``mail_admins``
    included), on ``handlers``, and on :data:`logging.lastResort`; returns the filter.

    Call it after logging is configured (in Django: in ``AppConfig.ready()``, or at
    the end of the settings module's logging setup).  Calling it again reuses the
    installed filter and covers handlers added since; a different configuration
    needs :func:`uninstall` first.  ``filter_kwargs`` are :class:`RedactingFilter`'s.

    Django's ``AdminEmailHandler`` writes a report built from the exception and the
    request, outside any filter: such handlers also get their e-mail's subject, body
    and HTML redacted (see :func:`logredact.django.protect_admin_email_handler`).
    """
    global _installed, _installed_kwargs
    with _install_lock:
        if redacting_filter is None:
            if _installed is not None:
                if filter_kwargs and filter_kwargs != _installed_kwargs:
                    msg = "logredact is installed with another configuration: uninstall() first"
                    raise ValueError(msg)
                redacting_filter = _installed
            else:
                redacting_filter = RedactingFilter(**filter_kwargs)
        elif filter_kwargs:
            msg = f'pass "redacting_filter" or filter arguments, not both: {sorted(filter_kwargs)}'
            raise ValueError(msg)
        elif _installed is not None and _installed is not redacting_filter:
            uninstall()
        targets = [*_configured_handlers(), *handlers]
        if last_resort and logging.lastResort is not None:
            targets.append(logging.lastResort)
        for handler in targets:
            _attach(handler, redacting_filter)
        _installed = redacting_filter
        _installed_kwargs = dict(filter_kwargs)
        return redacting_filter


def uninstall() -> None:
    """Take the filter :func:`install` put on handlers off them again."""
    global _installed, _installed_kwargs
    with _install_lock:
        if _installed is None:
            return
        targets = list(_configured_handlers())
        if logging.lastResort is not None:
            targets.append(logging.lastResort)
        targets.extend(h for h in _attached if h not in targets)
        for handler in targets:
            if _installed in handler.filters:
                handler.removeFilter(_installed)
        _attached.clear()
        _installed = None
        _installed_kwargs = {}


_attached: weakref.WeakSet[logging.Handler] = weakref.WeakSet()


def _configured_handlers() -> list[logging.Handler]:
    loggers: list[logging.Logger] = [logging.getLogger()]
    loggers.extend(
        logger
        for logger in list(logging.Logger.manager.loggerDict.values())
        if isinstance(logger, logging.Logger)
    )
    seen: dict[int, logging.Handler] = {}
    for logger in loggers:
        for handler in list(logger.handlers):
            seen.setdefault(id(handler), handler)
    return list(seen.values())


def _attach(handler: logging.Handler, redacting_filter: RedactingFilter) -> None:
    present = any(
        isinstance(f, RedactingFilter) and f.redactor is redacting_filter.redactor
        for f in handler.filters
    )
    if not present:
        # First, so that no filter before it sees (or copies) an unredacted record.
        handler.filters.insert(0, redacting_filter)
        _attached.add(handler)
    if _is_admin_email_handler(handler):
        from .django import protect_admin_email_handler

        protect_admin_email_handler(handler, redactor=redacting_filter.redactor)


def _is_admin_email_handler(handler: logging.Handler) -> bool:
    return any(
        cls.__name__ == "AdminEmailHandler" and cls.__module__ == "django.utils.log"
        for cls in type(handler).__mro__
    )
