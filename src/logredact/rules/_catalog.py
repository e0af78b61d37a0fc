"""The built-in credential-shape catalog."""

from __future__ import annotations

from ._rule import Rule

__all__ = ["BUILTIN_RULES"]

#: Filled by the credential-shapes work; the engine is ready for it.
BUILTIN_RULES: tuple[Rule, ...] = ()
