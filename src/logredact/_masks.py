"""What a masked span becomes: a literal, a template with the label or a keyed
fingerprint, or whatever a user's callable returns."""

from __future__ import annotations

import hashlib
import hmac
import os
import string
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["DEFAULT_MASK", "Finding", "MaskRenderer"]

DEFAULT_MASK = "[REDACTED]"
_FIELDS = frozenset({"label", "fingerprint", "kind"})
_FINGERPRINT_HEX = 12


@dataclass(frozen=True)
class Finding:
    """One masked span: what a mask callable is told, and what
    :meth:`Redactor.find` returns.

    ``text`` is the original text of the span: the callable may hash it, but it must
    never write it anywhere.  ``repr()`` leaves it out.
    """

    text: str = field(repr=False)
    labels: tuple[str, ...]
    kind: str
    fingerprint: str
    #: Where the span lies in the scanned text (code points), for :meth:`Redactor.find`.
    start: int = -1
    end: int = -1

    @property
    def label(self) -> str:
        """The labels of everything in the span, joined with ``+``."""
        return "+".join(self.labels)


MaskFunction = Callable[[Finding], str]


class MaskRenderer:
    """Renders masks; built once, called only when something is masked."""

    __slots__ = ("_fixed", "_function", "_key", "_template", "spec", "uses_fingerprint")

    def __init__(self, mask: str | MaskFunction, fingerprint_key: bytes | str | None) -> None:
        self.spec = mask
        self._fixed: str | None = None
        self._template: str | None = None
        self._function: MaskFunction | None = None
        if isinstance(fingerprint_key, str):
            fingerprint_key = fingerprint_key.encode("utf-8")
        if fingerprint_key is not None and len(fingerprint_key) < 16:
            msg = f'"fingerprint_key" must be at least 16 bytes: {len(fingerprint_key)}'
            raise ValueError(msg)
        self._key = fingerprint_key if fingerprint_key is not None else os.urandom(32)
        if callable(mask):
            self._function = mask
            self.uses_fingerprint = True
        elif isinstance(mask, str):
            try:
                fields = {
                    name for _, name, _, _ in string.Formatter().parse(mask) if name is not None
                }
            except ValueError:
                msg = f'"mask" is not a valid template: {mask!r}'
                raise ValueError(msg) from None
            unknown = fields - _FIELDS
            if unknown:
                msg = f'"mask" uses unknown fields {sorted(unknown)}; known: {sorted(_FIELDS)}'
                raise ValueError(msg)
            if fields:
                self._template = mask
            else:
                self._fixed = mask.replace("{{", "{").replace("}}", "}")
            self.uses_fingerprint = "fingerprint" in fields
        else:
            msg = f'"mask" must be a string or a callable, got {type(mask).__name__}'
            raise TypeError(msg)

    @property
    def fixed(self) -> str | None:
        """The mask when it never varies (the default ``[REDACTED]``)."""
        return self._fixed

    @property
    def key(self) -> bytes:
        return self._key

    def fingerprint(self, value: str) -> str:
        """Keyed HMAC-SHA256 of ``value``, truncated: correlates equal secrets across
        lines (and processes sharing the key) without a brute-forceable hash."""
        digest = hmac.new(self._key, value.encode("utf-8", "surrogatepass"), hashlib.sha256)
        return digest.hexdigest()[:_FINGERPRINT_HEX]

    def render(self, text: str, labels: tuple[str, ...], kind: str, canonical: str) -> str:
        if self._fixed is not None:
            return self._fixed
        fingerprint = self.fingerprint(canonical) if self.uses_fingerprint else ""
        if self._template is not None:
            return self._template.format(label="+".join(labels), fingerprint=fingerprint, kind=kind)
        assert self._function is not None
        result = self._function(Finding(text, labels, kind, fingerprint))
        if not isinstance(result, str):
            msg = f"mask callable returned {type(result).__name__}, not str"
            raise TypeError(msg)
        return result
