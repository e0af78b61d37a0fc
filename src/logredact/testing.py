"""Helpers for your tests: assert that no secret reached captured log output, and
capture structlog events with the redactor still in the chain.

:func:`assert_no_secrets` looks for each secret raw and in the forms a log writes it
in (JSON-escaped, ``repr``, URL-encoded).  Its failure messages name a secret by index,
label and length, never by value, so a failing test does not leak what it guards.

structlog's own ``capture_logs()`` drops every configured processor, the redactor
included; :func:`capture_logs` keeps the ones you pass (on any structlog version).
structlog is imported only when :func:`capture_logs` or :func:`configured_processors`
is called.
"""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import quote, quote_plus

from ._redactor import _secret_items

__all__ = [
    "Leak",
    "assert_no_secrets",
    "capture_logs",
    "configured_processors",
    "find_secrets",
    "secret_forms",
]

SecretsSpec = Mapping[str, str] | Iterable[str]


def secret_forms(secret: str) -> dict[str, str]:
    """The forms under which ``secret`` may reach a log, by name (duplicates
    dropped): ``raw``, ``json`` (``ensure_ascii``), ``json-unicode``, ``repr``,
    ``ascii``, ``url`` and ``url-plus``."""
    candidates = {
        "raw": secret,
        "json": json.dumps(secret, ensure_ascii=True)[1:-1],
        "json-unicode": json.dumps(secret, ensure_ascii=False)[1:-1],
        "repr": repr(secret)[1:-1],
        "ascii": ascii(secret)[1:-1],
        "url": quote(secret, safe=""),
        "url-plus": quote_plus(secret, safe=""),
    }
    forms: dict[str, str] = {}
    seen: set[str] = set()
    for name, form in candidates.items():
        if form and form not in seen:
            seen.add(form)
            forms[name] = form
    return forms


@dataclasses.dataclass(frozen=True)
class Leak:
    """Where a secret was found: never its value."""

    index: int
    label: str | None
    length: int
    form: str
    output: int
    offset: int

    def describe(self) -> str:
        name = f"secret #{self.index}"
        if self.label is not None:
            name += f" {self.label!r}"
        return (
            f"{name} ({self.length} characters) found in output #{self.output} "
            f"as its {self.form} form at offset {self.offset}"
        )


def find_secrets(output: Any, secrets: SecretsSpec) -> list[Leak]:
    """Every secret of ``secrets`` (values, or a mapping label -> value) found in
    ``output``: a string, bytes, a captured event dict, or a list of any of them
    (``capture_logs()`` entries, ``caplog.messages``).  Objects are searched in their
    ``repr``, ``str`` and JSON forms."""
    items = _secret_items(secrets)
    outputs = [_views(item) for item in _items(output)]
    leaks: list[Leak] = []
    for index, (label, secret) in enumerate(items):
        if not secret:
            continue
        forms = secret_forms(secret)
        for number, views in enumerate(outputs):
            leak = _first_leak(views, forms)
            if leak is not None:
                form_name, offset = leak
                leaks.append(Leak(index, label, len(secret), form_name, number, offset))
    return leaks


def _first_leak(views: list[str], forms: dict[str, str]) -> tuple[str, int] | None:
    for text in views:
        for form_name, form in forms.items():
            offset = text.find(form)
            if offset >= 0:
                return form_name, offset
    return None


def assert_no_secrets(output: Any, secrets: SecretsSpec) -> None:
    """Fail with an :class:`AssertionError` naming each secret (by index, label and
    length) that occurs in ``output`` raw, JSON-escaped, as a ``repr`` or URL-encoded.
    See :func:`find_secrets` for what ``output`` may be."""
    leaks = find_secrets(output, secrets)
    if leaks:
        lines = "\n".join("  " + leak.describe() for leak in leaks)
        msg = f"{len(leaks)} secret occurrence(s) reached the output:\n{lines}"
        raise AssertionError(msg)


@contextlib.contextmanager
def capture_logs(processors: Iterable[Callable[..., Any]] = ()) -> Iterator[list[Any]]:
    """Like ``structlog.testing.capture_logs``: capture structlog events in a list,
    after running ``processors`` (put your ``RedactProcessor`` there, with whatever
    else your tests need; :func:`configured_processors` gives the configured chain
    without its renderer).  Uses structlog's own when it takes ``processors``
    (structlog 25.5+).  Like structlog's, it is not thread-safe."""
    import structlog
    from structlog import testing as structlog_testing

    chain = list(processors)
    native = structlog_testing.capture_logs
    if "processors" in inspect.signature(native).parameters:
        with native(processors=chain) as entries:
            yield entries
        return
    capture = structlog_testing.LogCapture()
    configured = structlog.get_config()["processors"]
    saved = list(configured)
    try:
        # Keep the list object: loggers already bound hold a reference to it.
        configured.clear()
        configured.extend([*chain, capture])
        structlog.configure(processors=configured)
        yield capture.entries
    finally:
        configured.clear()
        configured.extend(saved)
        structlog.configure(processors=configured)


def configured_processors(*, drop_renderer: bool = True) -> list[Callable[..., Any]]:
    """A copy of structlog's configured processor chain, without its last processor
    (the renderer or ``wrap_for_formatter``) unless ``drop_renderer=False``: pass it
    to :func:`capture_logs` to capture events exactly as the renderer would get
    them."""
    import structlog

    chain = list(structlog.get_config()["processors"])
    return chain[:-1] if drop_renderer and chain else chain


def _items(output: Any) -> list[Any]:
    """The separate outputs: a list of strings, bytes or event dicts is many."""
    if isinstance(output, (list, tuple)) and all(
        isinstance(item, (str, bytes, bytearray, Mapping)) for item in output
    ):
        return list(output)
    return [output]


def _views(output: Any) -> list[str]:
    """The texts under which ``output`` may be written: an object's repr, str and
    JSON."""
    if isinstance(output, str):
        return [output]
    if isinstance(output, (bytes, bytearray, memoryview)):
        return [bytes(output).decode("utf-8", "surrogateescape")]
    views = [repr(output)]
    with contextlib.suppress(Exception):
        views.append(str(output))
    with contextlib.suppress(Exception):
        views.append(json.dumps(output, default=repr, ensure_ascii=False))
    return list(dict.fromkeys(views))
