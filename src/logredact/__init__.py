"""logredact: keep credentials out of logs.

``import logredact`` loads only the core; the integrations live in
:mod:`logredact.stdlib`, :mod:`logredact.structlog`, :mod:`logredact.jsonlogger` and
:mod:`logredact.django` and import their framework only when imported themselves.
"""

from __future__ import annotations

from ._masks import DEFAULT_MASK, Finding
from ._redactor import (
    DEFAULT_MIN_SECRET_LENGTH,
    FAILED_MARKER,
    LogredactWarning,
    RedactionStats,
    Redactor,
)
from .keys import DEFAULT_SENSITIVE_KEYS
from .rules import Rule

__all__ = [
    "DEFAULT_MASK",
    "DEFAULT_MIN_SECRET_LENGTH",
    "DEFAULT_SENSITIVE_KEYS",
    "FAILED_MARKER",
    "Finding",
    "LogredactWarning",
    "RedactionStats",
    "Redactor",
    "Rule",
]

__version__ = "0.1.0.dev0"
