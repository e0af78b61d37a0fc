"""logredact.stdlib.RedactingFormatter: the final text, tracebacks included."""

from __future__ import annotations

import logging
import secrets
import sys

import pytest

from logredact import FAILED_MARKER, Redactor
from logredact.stdlib import RedactingFormatter


def fake_secret() -> str:
    return "fmt-" + secrets.token_hex(12)


@pytest.fixture
def secret() -> str:
    return fake_secret()


@pytest.fixture
def redactor(secret: str) -> Redactor:
    return Redactor(secrets={"api": secret}, rules=())


def record_with(msg: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = None
    if exc is not None:
        try:
            raise exc
        except BaseException:
            exc_info = sys.exc_info()
    return logging.LogRecord("app.db", logging.ERROR, __file__, 7, msg, args or None, exc_info)


class TestRedactingFormatter:
    def test_stands_in_for_formatter(self, redactor: Redactor, secret: str) -> None:
        """Without a wrapped formatter it formats like logging.Formatter (fmt, style,
        defaults) and masks the result."""
        formatter = RedactingFormatter(
            "{levelname} {name} {env}: {message}",
            style="{",
            defaults={"env": "prod"},
            redactor=redactor,
        )

        assert (
            formatter.format(record_with("key %s", secret)) == "ERROR app.db prod: key [REDACTED]"
        )

    def test_wraps_instance(self, redactor: Redactor, secret: str) -> None:
        """A wrapped formatter's output is masked, whatever it wrote."""
        inner = logging.Formatter("%(name)s|%(message)s")
        formatter = RedactingFormatter(formatter=inner, redactor=redactor)

        assert formatter.format(record_with("key %s", secret)) == "app.db|key [REDACTED]"
        assert inner is formatter.formatter

    def test_wraps_dotted_path_with_fmt(self, redactor: Redactor, secret: str) -> None:
        """formatter= a dotted class path is built with fmt and datefmt."""
        formatter = RedactingFormatter(
            "%(levelname)s:%(message)s", formatter="logging.Formatter", redactor=redactor
        )

        assert formatter.format(record_with(secret)) == "ERROR:[REDACTED]"

    def test_wraps_dict_spec(self, redactor: Redactor, secret: str) -> None:
        """formatter= a {'()': path, ...} dict (as dictConfig passes it) is built with
        its keyword arguments; 'format' is accepted for 'fmt'."""
        formatter = RedactingFormatter(
            formatter={"()": "logging.Formatter", "format": "<%(message)s>"}, redactor=redactor
        )

        assert formatter.format(record_with(secret)) == "<[REDACTED]>"

    def test_traceback_and_cache(self, redactor: Redactor, secret: str) -> None:
        """The traceback is masked in the output and in the exc_text cached on the
        record, so a later plain formatter does not write the raw one."""
        record = record_with("failed", exc=ValueError("bad key " + secret))

        text = RedactingFormatter(redactor=redactor).format(record)

        assert text.endswith("ValueError: bad key [REDACTED]")
        assert secret not in logging.Formatter().format(record)

    def test_inner_failure_fails_closed(self, redactor: Redactor, secret: str) -> None:
        """When the wrapped formatter raises, the output is the marker and the failure
        is counted; nothing is raised."""

        class Broken(logging.Formatter):
            def format(self, record: logging.LogRecord) -> str:
                raise RuntimeError(secret)

        formatter = RedactingFormatter(formatter=Broken(), redactor=redactor)

        assert formatter.format(record_with("x")) == FAILED_MARKER
        assert redactor.stats.failures == 1

    def test_bad_formatter_argument(self) -> None:
        """A formatter argument that is not a formatter is refused at construction."""
        with pytest.raises(TypeError, match='"formatter"'):
            RedactingFormatter(formatter=42, rules=())  # type: ignore[arg-type]

    def test_repr(self, redactor: Redactor, secret: str) -> None:
        """The repr names the wrapped formatter and counts, never a secret."""
        text = repr(RedactingFormatter(formatter=logging.Formatter(), redactor=redactor))

        assert "Formatter" in text
        assert secret not in text
