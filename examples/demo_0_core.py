"""The core Redactor: known values in every encoding, structured values by key."""

from __future__ import annotations

import base64
import json
import logging
import secrets
import sys
from urllib.parse import quote

from logredact import Redactor


def run() -> None:
    # Fake secrets, generated now: the demo never holds a real one.
    db_password = "pw-" + secrets.token_urlsafe(12) + "'\"%"
    api_token = secrets.token_hex(16)
    redactor = Redactor(
        secrets={"db-password": db_password, "api-token": api_token},
        mask="[REDACTED:{label}]",
    )

    class Redact(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            record.msg = redactor.redact(record.getMessage())
            record.args = ()
            return True

    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(Redact())
    log = logging.getLogger("demo.core")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False

    log.info("connecting to postgres://app:%s@db:5432/app", db_password)
    log.info("settings: %r", {"DATABASE_PASSWORD": db_password, "DEBUG": False})
    log.info("as JSON: %s", json.dumps({"token": api_token, "pw": db_password}))
    log.info("in a query string: /callback?token=%s", quote(api_token))
    basic = base64.b64encode(f"app:{db_password}".encode()).decode()
    log.info("Authorization: Basic %s", basic)
    print("redact_value:", redactor.redact_value({"user": "ada", "password": "hunter22", "n": 3}))
    print(redactor, redactor.stats)
    log.removeHandler(handler)
