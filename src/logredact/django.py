"""Django: the secrets a project's settings hold, a ``LOGGING`` filter that gathers
them on first use, and admin error e-mails with their subject, body and HTML redacted.

Django is imported only when these functions run, never at ``import logredact``.
"""

from __future__ import annotations

import copy
import logging
import re
import threading
import types
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

from ._config import resolve_redactor
from ._redactor import DEFAULT_MIN_SECRET_LENGTH, Redactor
from .sources import url_password
from .stdlib import RedactingFilter as _StdlibRedactingFilter
from .stdlib import _configured_handlers, _is_admin_email_handler, original_exc_info

__all__ = [
    "DEFAULT_EXCLUDED_SETTINGS",
    "RedactingAdminEmailHandler",  # noqa: F822 (built on first access)
    "RedactingFilter",
    "protect_admin_email_handler",
    "secrets_from_settings",
]

#: Setting names (and keys inside settings' dicts) that match ``hidden_settings``
#: (``AUTH``, ``PASS``, ``KEY``...) but hold configuration, not credentials:
#: harvesting them would mask class paths such as
#: ``django.contrib.auth.hashers.PBKDF2PasswordHasher`` in every log line.
DEFAULT_EXCLUDED_SETTINGS: frozenset[str] = frozenset(
    {
        "AUTH_PASSWORD_VALIDATORS",
        "AUTHENTICATION_BACKENDS",
        "AUTH_USER_MODEL",
        "PASSWORD_HASHERS",
        "PASSWORD_RESET_TIMEOUT",
        "DEFAULT_EXCEPTION_REPORTER_FILTER",
        "CACHE_MIDDLEWARE_KEY_PREFIX",
        # Keys inside dicts (CACHES[...]):
        "KEY_PREFIX",
        "KEY_FUNCTION",
    }
)
_FALLBACK_HIDDEN = re.compile("API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE", re.I)
_MAX_DEPTH = 10


def secrets_from_settings(
    settings: Any = None,
    *,
    min_length: int = DEFAULT_MIN_SECRET_LENGTH,
    exclude: Iterable[str] = DEFAULT_EXCLUDED_SETTINGS,
) -> dict[str, str]:
    """Every secret a Django project's settings hold, label -> value.

    A value is a secret when its setting's name — or a key on its way down through
    dicts and lists (``DATABASES['default']['PASSWORD']``,
    ``SOCIAL_AUTH['github']['client_secret']``) — matches the ``hidden_settings`` of
    the project's exception reporter filter (``DEFAULT_EXCEPTION_REPORTER_FILTER``,
    by default Django's ``SafeExceptionReporterFilter``: ``API``, ``AUTH``, ``TOKEN``,
    ``KEY``, ``SECRET``, ``PASS``, ``SIGNATURE``, ``HTTP_COOKIE``).  The password in
    any URL-valued setting (``CACHES[...]['LOCATION']``, ``CELERY_BROKER_URL``,
    ``DATABASE_URL``) is one too.  Labels name the setting:
    ``settings:DATABASES.default.PASSWORD``, ``settings:CELERY_BROKER_URL:password``.

    ``settings`` is ``django.conf.settings`` by default, or any object with upper-case
    attributes, or a mapping.  Non-strings, values shorter than ``min_length``,
    values equal to Django's own defaults and the names in ``exclude`` (settings, or
    keys inside them) are skipped.
    """
    if settings is None:
        from django.conf import settings as django_settings  # type: ignore[import-untyped]

        settings = django_settings
    items = _setting_items(settings)
    hidden = _hidden_settings(dict(items).get("DEFAULT_EXCEPTION_REPORTER_FILTER"))
    defaults = _django_defaults()
    excluded = frozenset(exclude)
    found: dict[str, str] = {}
    for name, value in items:
        _walk(
            found,
            f"settings:{name}",
            value,
            sensitive=name not in excluded and bool(hidden.search(name)),
            hidden=hidden,
            excluded=excluded,
            min_length=min_length,
            default=defaults.get(name, _NO_DEFAULT),
            depth=0,
        )
    return found


_NO_DEFAULT = object()


def _setting_items(settings: Any) -> list[tuple[str, Any]]:
    if isinstance(settings, Mapping):
        return [(str(k), v) for k, v in settings.items() if str(k).isupper()]
    items = []
    # Reading every setting touches deprecated ones too (Django 6.1 warns on each
    # EMAIL_* read): the harvest must not fill the application's log with warnings.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        for name in dir(settings):
            if not name.isupper():
                continue
            try:
                items.append((name, getattr(settings, name)))
            except Exception:  # a lazy setting that fails to load is not ours to report
                continue
    return items


def _hidden_settings(filter_path: Any) -> re.Pattern[str]:
    try:
        from django.utils.module_loading import import_string  # type: ignore[import-untyped]

        path = filter_path or "django.views.debug.SafeExceptionReporterFilter"
        reporter_filter = import_string(path) if isinstance(path, str) else path
        hidden = getattr(reporter_filter, "hidden_settings", None)
        if hidden is None:
            hidden = getattr(reporter_filter(), "hidden_settings", None)
        if isinstance(hidden, re.Pattern):
            return hidden
    except Exception:
        pass
    return _FALLBACK_HIDDEN


def _django_defaults() -> dict[str, Any]:
    try:
        from django.conf import global_settings
    except ImportError:
        return {}
    return {name: getattr(global_settings, name) for name in dir(global_settings) if name.isupper()}


def _walk(
    found: dict[str, str],
    label: str,
    value: Any,
    *,
    sensitive: bool,
    hidden: re.Pattern[str],
    excluded: frozenset[str],
    min_length: int,
    default: Any,
    depth: int,
) -> None:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, str):
        if sensitive and len(value.strip()) >= min_length and value != default:
            found[label] = value
        if "://" in value:
            password = url_password(value)
            if password and len(password.strip()) >= min_length:
                found[f"{label}:password"] = password
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            key_sensitive = sensitive or (
                isinstance(key, str) and key not in excluded and bool(hidden.search(key))
            )
            sub_default = (
                default.get(key, _NO_DEFAULT) if isinstance(default, Mapping) else _NO_DEFAULT
            )
            _walk(
                found,
                f"{label}.{key}",
                item,
                sensitive=key_sensitive,
                hidden=hidden,
                excluded=excluded,
                min_length=min_length,
                default=sub_default,
                depth=depth + 1,
            )
    elif isinstance(value, (list, tuple)):
        defaults = default if isinstance(default, (list, tuple)) else ()
        for index, item in enumerate(value):
            _walk(
                found,
                f"{label}.{index}",
                item,
                sensitive=sensitive,
                hidden=hidden,
                excluded=excluded,
                min_length=min_length,
                default=_NO_DEFAULT if item not in defaults else item,
                depth=depth + 1,
            )


class RedactingFilter(_StdlibRedactingFilter):
    """:class:`logredact.stdlib.RedactingFilter` for Django's ``LOGGING``: on the
    first record it handles, it adds :func:`secrets_from_settings` to its Redactor
    (settings are still being read while ``LOGGING`` is configured).  Thread-safe:
    records logged meanwhile on other threads wait for the harvest.

    At that point it also makes every ``AdminEmailHandler`` it is attached to redact
    its e-mails (see :func:`protect_admin_email_handler`): the exception report in the
    body is built from the request and the traceback, outside any filter.

    Takes the stdlib filter's arguments plus ``settings`` (``False`` to skip the
    harvest) and ``settings_exclude`` (see :data:`DEFAULT_EXCLUDED_SETTINGS`).
    """

    def __init__(
        self,
        name: str = "",
        *,
        settings: bool = True,
        settings_exclude: Iterable[str] = DEFAULT_EXCLUDED_SETTINGS,
        **kwargs: Any,
    ) -> None:
        super().__init__(name, **kwargs)
        self._settings_exclude = frozenset(settings_exclude)
        self._harvest_lock = threading.RLock()
        self._harvesting = False
        self._pending = bool(settings)
        self._mail_protected = False

    def _prepare(self) -> None:
        with self._harvest_lock:
            # A record logged while harvesting (by Django itself, on this thread) goes
            # on without waiting for itself.
            if not self._pending or self._harvesting:
                return
            self._harvesting = True
            try:
                if not self._mail_protected:
                    self._mail_protected = True
                    _protect_mail_handlers_with(self)
                self._pending = not self._harvest()
            finally:
                self._harvesting = False

    def _harvest(self) -> bool:
        try:
            from django.conf import settings
            from django.core.exceptions import ImproperlyConfigured  # type: ignore[import-untyped]
        except ImportError:
            return True
        try:
            if not settings.configured:
                return False
            found = secrets_from_settings(
                min_length=self.redactor.min_secret_length, exclude=self._settings_exclude
            )
        except ImproperlyConfigured:
            return False
        except Exception:
            self.redactor.count_failure()
            return True
        if found:
            self.redactor.add_secrets(found)
        return True


def _protect_mail_handlers_with(redacting_filter: _StdlibRedactingFilter) -> None:
    """Every ``AdminEmailHandler`` this filter sits on gets its e-mails redacted too:
    its report is built outside the filter's reach."""
    handlers = list(_configured_handlers())
    handlers.extend(h for h in list(logging._handlers.values()) if h not in handlers)  # type: ignore[attr-defined]
    for handler in handlers:
        if redacting_filter in handler.filters and _is_admin_email_handler(handler):
            protect_admin_email_handler(handler, redactor=redacting_filter.redactor)


# -- admin e-mails ---------------------------------------------------------------------


def _redact_mail_args(
    redactor: Redactor, subject: str, message: str, kwargs: dict[str, Any]
) -> tuple[str, str, dict[str, Any]]:
    html = kwargs.get("html_message")
    if isinstance(html, str):
        kwargs = {**kwargs, "html_message": redactor.redact(html)}
    return redactor.redact(subject), redactor.redact(message), kwargs


def _emit_with_original_exc_info(handler: Any, record: logging.LogRecord, emit: Any) -> None:
    exc_info = original_exc_info(record)
    if exc_info and not record.exc_info:
        # The report needs the exception object; its text is redacted in send_mail.
        record = copy.copy(record)
        record.exc_info = exc_info
    emit(record)


def protect_admin_email_handler(
    handler: logging.Handler, *, redactor: Redactor | None = None
) -> None:
    """Make an existing ``django.utils.log.AdminEmailHandler`` redact the e-mails it
    sends: subject, body (the formatted record *and* the exception report built from
    the request and the traceback, frame variables included) and HTML.

    The report is built outside any filter or formatter, so a filter alone cannot
    redact it.  Idempotent; :func:`logredact.stdlib.install` calls it for you.
    """
    redactor = resolve_redactor(redactor, {})
    if getattr(handler, "_logredact_redactor", None) is redactor:
        return
    cls_emit = type(handler).emit
    cls_send = type(handler).send_mail  # type: ignore[attr-defined]

    def send_mail(self: Any, subject: str, message: str, *args: Any, **kwargs: Any) -> None:
        subject, message, kwargs = _redact_mail_args(redactor, subject, message, kwargs)
        cls_send(self, subject, message, *args, **kwargs)

    def emit(self: Any, record: logging.LogRecord) -> None:
        _emit_with_original_exc_info(self, record, lambda r: cls_emit(self, r))

    handler.send_mail = types.MethodType(send_mail, handler)  # type: ignore[attr-defined]
    handler.emit = types.MethodType(emit, handler)  # type: ignore[method-assign]
    handler._logredact_redactor = redactor  # type: ignore[attr-defined]


def _admin_email_handler_base() -> type[logging.Handler]:
    from django.utils.log import AdminEmailHandler  # type: ignore[import-untyped]

    return AdminEmailHandler  # type: ignore[no-any-return]


class _LazyAdminEmailHandler:
    """Builds :class:`RedactingAdminEmailHandler` on first access, so importing this
    module does not import Django."""

    cls: type[logging.Handler] | None = None

    @classmethod
    def get(cls) -> type[logging.Handler]:
        if cls.cls is None:
            base: Any = _admin_email_handler_base()

            class RedactingAdminEmailHandler(base):  # type: ignore[misc]
                """``AdminEmailHandler`` whose e-mails are redacted and whose records
                pass a :class:`RedactingFilter` first.  Extra argument: ``redactor``
                (a Redactor or a dotted path; the default Redactor otherwise)."""

                def __init__(
                    self, *args: Any, redactor: Redactor | str | None = None, **kw: Any
                ) -> None:
                    super().__init__(*args, **kw)
                    self.redacting_filter = RedactingFilter(redactor=redactor)
                    self.redactor = self.redacting_filter.redactor
                    self.filters.insert(0, self.redacting_filter)

                def emit(self, record: logging.LogRecord) -> None:
                    from django.conf import settings

                    if not settings.ADMINS:
                        return
                    _emit_with_original_exc_info(self, record, super().emit)

                def send_mail(self, subject: str, message: str, *args: Any, **kwargs: Any) -> None:
                    subject, message, kwargs = _redact_mail_args(
                        self.redactor, subject, message, kwargs
                    )
                    super().send_mail(subject, message, *args, **kwargs)

            RedactingAdminEmailHandler.__module__ = __name__
            cls.cls = RedactingAdminEmailHandler
        return cls.cls


def __getattr__(name: str) -> Any:
    if name == "RedactingAdminEmailHandler":
        return _LazyAdminEmailHandler.get()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
