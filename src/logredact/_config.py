"""Building and sharing Redactors from the plain values a logging configuration holds:
what every integration (stdlib filter and formatter, JSON formatter, Django filter,
structlog processor) does with its ``redactor=`` and Redactor arguments."""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from . import sources
from ._masks import DEFAULT_MASK, MaskFunction
from ._redactor import _DEFAULT_MAX_DEPTH, DEFAULT_MIN_SECRET_LENGTH, Redactor, SecretsArg
from .keys import DEFAULT_SENSITIVE_KEYS
from .rules import RuleSpec

__all__ = [
    "REDACTOR_OPTIONS",
    "UNSET",
    "RedactorArg",
    "build_redactor",
    "default_redactor",
    "import_path",
    "redactor_options",
    "resolve_redactor",
    "set_default_redactor",
]

RedactorArg = Redactor | str | None

#: The Redactor arguments every integration accepts, as :func:`build_redactor` does.
REDACTOR_OPTIONS: tuple[str, ...] = (
    "secrets",
    "secrets_from_env",
    "secrets_from_files",
    "rules",
    "disable_rules",
    "keys",
    "mask",
    "fingerprint_key",
    "min_secret_length",
    "allow",
    "allow_patterns",
    "max_depth",
    "implementation",
)


def redactor_options(namespace: Mapping[str, Any]) -> dict[str, Any]:
    """The Redactor arguments found in ``namespace`` (an integration's ``locals()``,
    or the keyword arguments it was given), unset ones included."""
    return {name: namespace.get(name, UNSET) for name in REDACTOR_OPTIONS}


def build_redactor(
    *,
    secrets: SecretsArg = (),
    secrets_from_env: bool | str | Iterable[str] = False,
    secrets_from_files: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = (),
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
) -> Redactor:
    """A :class:`~logredact.Redactor` from the plain values a logging configuration
    holds: the Redactor's own arguments plus ``secrets_from_env`` (``True`` for
    :data:`~logredact.sources.DEFAULT_ENV_PATTERNS`, or names and glob patterns) and
    ``secrets_from_files`` (files, or directories such as ``/run/secrets``)."""
    redactor = Redactor(
        rules=rules,
        disable_rules=disable_rules,
        keys=keys,
        mask=mask,
        fingerprint_key=fingerprint_key,
        min_secret_length=min_secret_length,
        allow=allow,
        allow_patterns=allow_patterns,
        max_depth=max_depth,
        implementation=implementation,
    )
    found: dict[str, str] = {}
    if secrets_from_env is True:
        found.update(sources.secrets_from_env(sources.DEFAULT_ENV_PATTERNS))
    elif secrets_from_env:
        found.update(sources.secrets_from_env(secrets_from_env))
    if secrets_from_files:
        found.update(sources.secrets_from_files(secrets_from_files))
    # Explicit secrets first, so their labels win over a harvested duplicate.
    redactor.add_secrets(secrets)
    if found:
        redactor.add_secrets(found)
    return redactor


_default_lock = threading.Lock()
_default: Redactor | None = None


def default_redactor() -> Redactor:
    """The process-wide Redactor that filters and formatters built without arguments
    share: the built-in rules plus the values of environment variables matching
    :data:`~logredact.sources.DEFAULT_ENV_PATTERNS`.  Built on first use."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = build_redactor(secrets_from_env=True)
    return _default


def set_default_redactor(redactor: Redactor | None) -> None:
    """Make ``redactor`` the one :func:`default_redactor` returns (``None`` rebuilds
    the default on next use).  Objects already built keep the Redactor they had."""
    global _default
    if redactor is not None and not isinstance(redactor, Redactor):
        msg = f'"redactor" must be a Redactor or None, got {type(redactor).__name__}'
        raise TypeError(msg)
    with _default_lock:
        _default = redactor


def resolve_redactor(redactor: RedactorArg, config: Mapping[str, Any]) -> Redactor:
    """``redactor`` itself (a Redactor, or a dotted path to one or to a function
    returning one), or one built from the arguments in ``config`` that were given, or
    the process-wide :func:`default_redactor`."""
    given = {name: value for name, value in config.items() if value is not UNSET}
    if redactor is not None and given:
        msg = f'pass either "redactor" or Redactor arguments, not both: {sorted(given)}'
        raise ValueError(msg)
    if redactor is None:
        return build_redactor(**given) if given else default_redactor()
    if isinstance(redactor, str):
        redactor = import_path(redactor, "redactor")
        if callable(redactor) and not isinstance(redactor, Redactor):
            redactor = redactor()
    if not isinstance(redactor, Redactor):
        msg = (
            f'"redactor" must be a Redactor or a dotted path to one, got {type(redactor).__name__}'
        )
        raise TypeError(msg)
    return redactor


def import_path(path: str, argument: str) -> Any:
    """The object a dotted path (``package.module.NAME`` or ``package.module:NAME``)
    names; errors name the argument it came from."""
    module_name, sep, attr = path.replace(":", ".").rpartition(".")
    if not sep or not module_name:
        msg = f'"{argument}" must be a dotted path such as "package.module.NAME": {path!r}'
        raise ValueError(msg)
    try:
        module = importlib.import_module(module_name)
        return getattr(module, attr)
    except (ImportError, AttributeError) as exc:
        msg = f'"{argument}" {path!r} cannot be imported: {exc}'
        raise ValueError(msg) from None


class _Unset:
    def __repr__(self) -> str:
        return "<unset>"


#: The default of every Redactor argument an integration accepts, so that "not
#: given" (use the shared default Redactor) differs from any value.
UNSET: Any = _Unset()
