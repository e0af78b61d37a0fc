"""stdlib logging configured with dictConfig, Django-style: RedactingFilter + JSON.

The LOGGING dict below is the shape a Django project uses: a filter built with
``'()'`` and plain keyword arguments, python-json-logger on a stream handler, and a
``mail_admins``-like second handler.  Every secret is fake, generated now.
"""

from __future__ import annotations

import logging
import logging.config
import secrets
import string
import sys
import zlib

BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def fake_github_token() -> str:
    """A token in GitHub's documented classic format: ``ghp_`` + 30 random base62
    characters + the CRC32 of those 30, base62-encoded on 6 characters."""
    body = "".join(secrets.choice(BASE62) for _ in range(30))
    crc = zlib.crc32(body.encode())
    digits = ""
    for _ in range(6):
        crc, rest = divmod(crc, 62)
        digits = BASE62[rest] + digits
    return f"ghp_{body}{digits}"


def run() -> None:
    db_password = "pg-" + secrets.token_urlsafe(14)
    signing_key = secrets.token_hex(20)
    github_token = fake_github_token()  # a shape the built-in rules know, never registered

    logging_config = {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "redact": {
                "()": "logredact.stdlib.RedactingFilter",
                "secrets": {"DATABASES.default.PASSWORD": db_password, "SIGNING_KEY": signing_key},
                "mask": "[REDACTED:{label}]",
            }
        },
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(levelname)s %(name)s %(message)s",
                "rename_fields": {"levelname": "level"},
            },
            "plain": {"format": "%(levelname)s %(name)s: %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
                "filters": ["redact"],
            },
            "errors": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "plain",
                "level": "ERROR",
                "filters": ["redact"],
            },
        },
        "loggers": {
            "demo.shop": {"handlers": ["console", "errors"], "level": "INFO", "propagate": False}
        },
    }
    logging.config.dictConfig(logging_config)
    log = logging.getLogger("demo.shop.payments")  # a child: records reach the handlers

    log.info("connecting to postgres://shop:%s@db:5432/shop", db_password)
    log.info("settings: %r", {"SIGNING_KEY": signing_key, "DEBUG": False})
    log.info("webhook registered", extra={"ctx": {"github": {"token": github_token}}})
    log.info("pushing with %s", github_token)
    try:
        raise PermissionError(f"signature check failed with key {signing_key}")
    except PermissionError:
        log.exception("payment %s refused", "ord_42")

    sys.stdout.flush()
    for handler in logging.getLogger("demo.shop").handlers:
        handler.close()
    logging.getLogger("demo.shop").handlers.clear()


if __name__ == "__main__":
    run()
