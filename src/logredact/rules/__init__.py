"""Credential shapes: rules as data, the built-in catalog, and how a configuration
(rule ids, tags, custom rules as dicts) becomes the list of rules a Redactor runs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ._catalog import BUILTIN_RULES
from ._rule import MAX_RULE_WIDTH, Rule

__all__ = [
    "BUILTIN_RULES",
    "MAX_RULE_WIDTH",
    "PLACEHOLDER_WORDS",
    "Rule",
    "builtin_rules",
    "is_placeholder",
    "resolve_rules",
]

RuleSpec = Rule | Mapping[str, Any] | str

#: Values that stand for a credential rather than being one (compared lower-cased).
PLACEHOLDER_WORDS = _PLACEHOLDER_WORDS = frozenset(
    {
        "",
        "none",
        "null",
        "nil",
        "true",
        "false",
        "undefined",
        "redacted",
        "masked",
        "hidden",
        "secret",
        "password",
        "xxx",
        "changeme",
        "change_me",
        "changeit",
        "replaceme",
        "replace_me",
        "placeholder",
        "dummy",
        "notset",
        "not_set",
        "unset",
        "n/a",
        "tbd",
        "todo",
    }
)
_PLACEHOLDER = re.compile(
    r"""
    \*+ | x{3,} | X{3,} | \.{3} | …                # masks and ellipses
    | \[[A-Z_ :.-]*REDACTED[^\]]{0,64}\]           # our own and others' masks
    | <[^<>\s]{1,64}> | <[^<>]{1,64}>               # <token>, <your key>
    | \$\{[^}]{1,128}\} | \$[A-Z_][A-Z0-9_]{0,127}  # ${VAR}, $VAR
    | \{\{[^}]{0,128}\}\}                          # {{ template }}
    | %\([A-Za-z_][A-Za-z0-9_]{0,63}\)[sdr]        # %(name)s
    | %[sdr] | \{[A-Za-z_0-9]{0,64}\}              # %s, {}, {name}
    """,
    re.VERBOSE,
)


def is_placeholder(value: str) -> bool:
    """Whether ``value`` is a placeholder, not a credential (``None``, ``***``,
    ``${DB_PASSWORD}``, ``{{ token }}``, ``%(password)s``, ``<your-key>``...)."""
    stripped = value.strip().strip("'\"`")
    return stripped.lower() in _PLACEHOLDER_WORDS or _PLACEHOLDER.fullmatch(stripped) is not None


def builtin_rules() -> tuple[Rule, ...]:
    """The built-in catalog, in a stable order."""
    return BUILTIN_RULES


def resolve_rules(
    rules: Iterable[RuleSpec] | None = None,
    *,
    disable: Iterable[str] = (),
) -> tuple[Rule, ...]:
    """Turn a rule configuration into rules.

    ``rules`` is ``None`` for the built-in catalog, or an iterable whose items are
    :class:`Rule` objects, mappings (custom rules, see :meth:`Rule.from_dict`), or
    strings: ``"builtin"`` for the whole catalog, or the id or a tag of built-in rules.
    ``disable`` removes rules by id or tag.  Unknown ids and tags raise
    :class:`ValueError`, so a typo in a ``LOGGING`` dict does not silently disable
    nothing.
    """
    catalog = builtin_rules()
    by_id = {rule.id: rule for rule in catalog}
    by_tag: dict[str, list[Rule]] = {}
    for rule in catalog:
        for tag in (*rule.tags, rule.provider):
            by_tag.setdefault(tag, []).append(rule)

    chosen: dict[str, Rule] = {}
    if rules is None:
        chosen = dict(by_id)
    else:
        if isinstance(rules, (str, Rule, Mapping)):
            rules = [rules]
        for spec in rules:
            if isinstance(spec, Rule):
                chosen[spec.id] = spec
            elif isinstance(spec, Mapping):
                rule = Rule.from_dict(spec)
                chosen[rule.id] = rule
            elif isinstance(spec, str):
                if spec in ("builtin", "default", "all"):
                    chosen.update(by_id)
                elif spec in by_id:
                    chosen[spec] = by_id[spec]
                elif spec in by_tag:
                    chosen.update((rule.id, rule) for rule in by_tag[spec])
                else:
                    msg = f'"rules": no built-in rule or tag named {spec!r}'
                    raise ValueError(msg)
            else:
                msg = f'"rules": expected a Rule, a mapping or a rule id, got {type(spec).__name__}'
                raise TypeError(msg)

    if isinstance(disable, str):
        disable = [disable]
    for name in disable:
        if name in chosen:
            del chosen[name]
        elif name in by_tag or name in by_id:
            for rule in by_tag.get(name, []):
                chosen.pop(rule.id, None)
        else:
            msg = f'"disable_rules": no rule or tag named {name!r}'
            raise ValueError(msg)
    return tuple(chosen.values())
