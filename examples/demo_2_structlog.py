"""structlog: RedactProcessor in a JSON chain, and a console renderer behind redact_rendered."""

from __future__ import annotations

import secrets
import sys
from typing import Any

import structlog

from logredact import Redactor
from logredact.structlog import RedactProcessor, redact_rendered


def connect(dsn: str) -> None:
    password = dsn.rpartition(":")[2].partition("@")[0]  # a local the traceback shows
    raise ConnectionError(f"could not connect to {dsn} ({len(password)}-char password)")


# The logger lives here rather than in a local, so the traceback's locals stay short.
_loggers: dict[str, Any] = {}


def report_failure(dsn: str) -> None:
    try:
        connect(dsn)
    except ConnectionError:
        _loggers["json"].exception("database down")


def run() -> None:
    # Fake secrets, generated now: the demo never holds a real one.
    db_password = "pw-" + secrets.token_urlsafe(12)
    api_token = secrets.token_hex(16)
    redactor = Redactor(
        secrets={"db-password": db_password, "api-token": api_token},
        mask="[REDACTED:{label}]",
    )
    dsn = f"postgres://app:{db_password}@db:5432/app"

    print("-- JSON, the processor just before the renderer:")
    log = structlog.wrap_logger(
        structlog.PrintLogger(sys.stdout),
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.ExceptionRenderer(
                structlog.tracebacks.ExceptionDictTransformer(
                    show_locals=True, locals_max_string=60
                )
            ),
            RedactProcessor(redactor=redactor),
            structlog.processors.JSONRenderer(),
        ],
    )
    settings = {"DATABASE_URL": dsn, "DEBUG": False}
    structlog.contextvars.bind_contextvars(auth=f"Bearer {api_token}")
    try:
        log = log.bind(settings=settings)
        log.info("connecting to %s", dsn)
        log.info("calling the API", token=api_token, password=db_password, attempt=1)
        _loggers["json"] = log
        report_failure(dsn)
    finally:
        _loggers.clear()
        structlog.contextvars.clear_contextvars()
    print("bound settings unchanged:", settings["DATABASE_URL"] == dsn)

    print("\n-- ConsoleRenderer formats the traceback itself: wrap it")
    console = structlog.wrap_logger(
        structlog.PrintLogger(sys.stdout),
        processors=[
            structlog.processors.add_log_level,
            RedactProcessor(redactor=redactor, keep_exc_info=True),
            redact_rendered(
                structlog.dev.ConsoleRenderer(
                    colors=False, exception_formatter=structlog.dev.plain_traceback
                ),
                redactor=redactor,
            ),
        ],
    )
    try:
        connect(dsn)
    except ConnectionError:
        console.exception("database down", token=api_token)
    print(redactor, redactor.stats)


if __name__ == "__main__":
    run()
