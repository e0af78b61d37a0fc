"""The built-in credential-shape catalog: provider rules first (distinctive prefixes,
checksums), then the generic shapes (private keys, JWTs, headers, URLs, assignments).

``docs/rules.md`` is generated from this tuple by ``docs/gen_rules.py``.
"""

from __future__ import annotations

from ._generic import GENERIC_RULES
from ._providers import PROVIDER_RULES
from ._rule import Rule

__all__ = ["BUILTIN_RULES"]

BUILTIN_RULES: tuple[Rule, ...] = PROVIDER_RULES + GENERIC_RULES
