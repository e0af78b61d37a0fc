"""The :class:`Rule` record: one credential shape, as data."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MAX_RULE_WIDTH", "Rule", "pattern_width", "uses_string_edges"]

if sys.version_info >= (3, 11):  # pragma: no cover - version switch
    from re import _constants as _sre_constants  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
else:  # pragma: no cover - version switch
    import sre_constants as _sre_constants
    import sre_parse as _sre_parse

_STRING_EDGES = frozenset(
    {
        _sre_constants.AT_BEGINNING,
        _sre_constants.AT_BEGINNING_STRING,
        _sre_constants.AT_END,
        _sre_constants.AT_END_STRING,
    }
)

#: The longest match a rule may produce.  Rules run only in a window around their
#: keyword, and the window is as wide as the longest possible match; a bounded width
#: is also what keeps every rule linear in the size of its input.
MAX_RULE_WIDTH = 16384

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def pattern_width(pattern: re.Pattern[str]) -> tuple[int, int]:
    """The shortest and longest match ``pattern`` can produce (``sre`` arithmetic)."""
    lo, hi = _sre_parse.parse(pattern.pattern, pattern.flags).getwidth()
    return int(lo), int(hi)


def uses_string_edges(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` uses ``^``, ``$``, ``\\A`` or ``\\Z``: such a rule sees a
    difference between one string and several joined with a separator, so batched
    scans of structured values must not rely on it."""

    def walk(node: Any) -> bool:
        if isinstance(node, _sre_parse.SubPattern):
            return any(walk(item) for item in node.data)
        if isinstance(node, (tuple, list)):
            if len(node) == 2 and node[0] is _sre_constants.AT:
                return node[1] in _STRING_EDGES
            return any(walk(item) for item in node)
        return False

    return walk(_sre_parse.parse(pattern.pattern, pattern.flags))


@dataclass(frozen=True)
class Rule:
    """One credential shape.

    Arguments:
        id: Stable kebab-case identifier; appears in labelled masks and statistics.
        pattern: Regular expression.  Its width must be bounded (no ``*``, ``+`` or
            ``{n,}``): it runs in a window around each keyword hit, from ``lookbehind``
            characters before the keyword to the pattern's maximal width after it.
        keywords: Literals of which at least one occurs in every match.  They feed the
            shared automaton that decides which rules run at all.
        secret_group: Which group of ``pattern`` is masked (number or name; 0 is the
            whole match).
        description: One sentence for the catalog.
        provider: Who issues the credential (``"github"``, ``"generic"``...).
        tags: Free-form tags; rules can be disabled by tag.
        validator: Called with the secret text; the match is dropped when it returns
            false (checksums, decodes-as-JSON, entropy floors).
        keywords_ignore_case: Keywords also match in lower, UPPER and Capitalised case.
        ignore_case: Compile ``pattern`` with :data:`re.IGNORECASE`.
        lookbehind: How many characters before a keyword hit a match may start.
        extend: A character class (``re`` syntax, without brackets); the masked span
            grows right over these characters, so a longer or newer variant of a token
            is masked whole.  Empty to disable.
        examples: Text in which the rule must mask something (generated, never real).
        counter_examples: Text the rule must leave alone.
    """

    id: str
    pattern: str
    keywords: tuple[str, ...]
    secret_group: int | str = 0
    description: str = ""
    provider: str = "generic"
    tags: tuple[str, ...] = ()
    validator: Callable[[str], bool] | None = field(default=None, compare=False)
    keywords_ignore_case: bool = True
    ignore_case: bool = False
    lookbehind: int = 0
    extend: str = "A-Za-z0-9_\\-"
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not _ID.fullmatch(self.id):
            msg = f'rule "id" must be kebab-case ([a-z0-9] words joined by "-"): {self.id!r}'
            raise ValueError(msg)
        if isinstance(self.keywords, str) or not self.keywords:
            msg = f'rule {self.id}: "keywords" must be a non-empty tuple of strings'
            raise ValueError(msg)
        object.__setattr__(self, "keywords", tuple(self.keywords))
        object.__setattr__(self, "tags", tuple(self.tags))
        object.__setattr__(self, "examples", tuple(self.examples))
        object.__setattr__(self, "counter_examples", tuple(self.counter_examples))
        if any(not isinstance(k, str) or not k for k in self.keywords):
            msg = f"rule {self.id}: every keyword must be a non-empty string"
            raise ValueError(msg)
        if self.lookbehind < 0:
            msg = f'rule {self.id}: "lookbehind" must be >= 0: {self.lookbehind}'
            raise ValueError(msg)
        compiled = self.compile()
        if isinstance(self.secret_group, str):
            if self.secret_group not in compiled.groupindex:
                msg = f'rule {self.id}: "secret_group" names no group: {self.secret_group!r}'
                raise ValueError(msg)
        elif not 0 <= self.secret_group <= compiled.groups:
            msg = f'rule {self.id}: "secret_group" must be 0..{compiled.groups}'
            raise ValueError(msg)
        _, width = pattern_width(compiled)
        if width > MAX_RULE_WIDTH:
            msg = (
                f"rule {self.id}: pattern width must be bounded (<= {MAX_RULE_WIDTH}); "
                "use {m,n} instead of *, + and {m,}"
            )
            raise ValueError(msg)

    def compile(self) -> re.Pattern[str]:
        """The compiled pattern (errors name the rule id, never any text)."""
        flags = re.IGNORECASE if self.ignore_case else 0
        try:
            return re.compile(self.pattern, flags)
        except re.error as exc:
            msg = f"rule {self.id}: invalid pattern: {exc.msg} at position {exc.pos}"
            raise ValueError(msg) from None

    @property
    def width(self) -> int:
        """The longest match the pattern can produce."""
        return pattern_width(self.compile())[1]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rule:
        """Build a rule from plain data (a ``LOGGING`` dict, a YAML file...).

        ``validator`` is not accepted here: plain data cannot carry code.
        """
        known = {
            "id",
            "pattern",
            "keywords",
            "secret_group",
            "description",
            "provider",
            "tags",
            "keywords_ignore_case",
            "ignore_case",
            "lookbehind",
            "extend",
            "examples",
            "counter_examples",
        }
        rule_id = data.get("id", "<unnamed>")
        unknown = sorted(set(data) - known)
        if unknown:
            msg = f"rule {rule_id}: unknown fields {unknown}"
            raise ValueError(msg)
        missing = sorted({"id", "pattern", "keywords"} - set(data))
        if missing:
            msg = f"rule {rule_id}: missing fields {missing}"
            raise ValueError(msg)
        kwargs = dict(data)
        for name in ("keywords", "tags", "examples", "counter_examples"):
            if name in kwargs:
                value = kwargs[name]
                kwargs[name] = (value,) if isinstance(value, str) else tuple(value)
        return cls(**kwargs)
