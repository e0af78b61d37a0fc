"""logredact.jsonlogger: python-json-logger output, parsed back, never carries a secret."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import io
import json
import logging
import logging.config
import secrets
import subprocess
import sys
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from logredact import FAILED_MARKER, Redactor
from logredact.jsonlogger import RedactingJsonFormatter


def fake_secret() -> str:
    return "js-" + secrets.token_urlsafe(15) + 'é"\\'


@pytest.fixture
def secret() -> str:
    return fake_secret()


@pytest.fixture
def redactor(secret: str) -> Redactor:
    return Redactor(secrets={"api": secret}, rules=())


@dataclasses.dataclass
class Account:
    user: str
    password: str
    note: str


class Color(enum.Enum):
    RED = "red"


class Opaque:
    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return f"Opaque({self.text})"


class Emitter:
    def __init__(self, formatter: logging.Formatter) -> None:
        self.stream = io.StringIO()
        self.handler = logging.StreamHandler(self.stream)
        self.handler.setFormatter(formatter)
        self.logger = logging.getLogger(f"test.json.{secrets.token_hex(4)}")
        self.logger.addHandler(self.handler)
        self.logger.setLevel(logging.DEBUG)
        self.logger.propagate = False

    def lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.stream.getvalue().splitlines()]


@pytest.fixture
def emit(redactor: Redactor) -> Iterator[Any]:
    emitters: list[Emitter] = []

    def make(cls: Any = RedactingJsonFormatter, **kwargs: Any) -> Emitter:
        emitter = Emitter(cls(redactor=redactor, **kwargs))
        emitters.append(emitter)
        return emitter

    yield make
    for emitter in emitters:
        emitter.logger.removeHandler(emitter.handler)


class TestRedactingJsonFormatter:
    def test_message_extra_and_options(self, emit: Any, secret: str) -> None:
        """Message, extra, and the JsonFormatter options (fmt, rename_fields,
        static_fields, timestamp) all work; no secret in the parsed output."""
        out = emit(
            fmt="%(levelname)s %(message)s",
            rename_fields={"levelname": "level"},
            static_fields={"app": "shop"},
            timestamp=True,
        )
        out.logger.info("token %s", secret, extra={"ctx": {"nested": [secret]}})

        (line,) = out.lines()
        assert secret not in out.stream.getvalue()
        assert line["message"] == "token [REDACTED]"
        assert line["ctx"] == {"nested": ["[REDACTED]"]}
        assert (line["level"], line["app"]) == ("INFO", "shop")
        assert datetime.datetime.fromisoformat(line["timestamp"]).tzinfo is not None

    def test_clean_record_written_as_json_formatter_writes_it(self, redactor: Redactor) -> None:
        """A record with nothing to mask comes out byte for byte as
        python-json-logger's own formatter writes it."""
        from pythonjsonlogger.json import JsonFormatter

        fmt = "%(levelname)s %(name)s %(message)s"
        record = logging.LogRecord("app", logging.INFO, __file__, 1, "paid %s", ("42",), None)
        record.__dict__.update({"ctx": {"tenant": "t1", "flags": ["a", 2, None]}, "n": 1.5})

        plain = JsonFormatter(fmt).format(record)

        assert RedactingJsonFormatter(fmt, redactor=redactor).format(record) == plain

    @pytest.mark.parametrize("where", ["top", "nested", "in a list"])
    def test_sensitive_key_in_plain_data(self, emit: Any, where: str) -> None:
        """A value under a sensitive key is masked whatever it looks like, at any
        depth, though the rest of the record is plain data with no secret."""
        value = "hunter2-" + secrets.token_hex(4)
        extra = {
            "top": {"password": value},
            "nested": {"ctx": {"db": {"password": value}}},
            "in a list": {"ctx": [{"password": value}]},
        }[where]
        out = emit()
        out.logger.info("login", extra=extra)

        assert value not in out.stream.getvalue()

    def test_values_serialised_late(self, emit: Any, secret: str) -> None:
        """Dataclasses (with a sensitive field), objects stringified by the encoder,
        bytes and enums are redacted as they are written; datetimes and UUIDs keep
        the encoder's format."""
        out = emit()
        when = datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.timezone.utc)
        ident = uuid.UUID(int=7)
        out.logger.info(
            "x",
            extra={
                "account": Account("ada", "hunter2-hunter2", "uses " + secret),
                "client": Opaque(secret),
                "raw": secret.encode(),
                "color": Color.RED,
                "when": when,
                "id": ident,
            },
        )

        (line,) = out.lines()
        assert secret not in out.stream.getvalue()
        assert line["account"] == {
            "user": "ada",
            "password": "[REDACTED]",
            "note": "uses [REDACTED]",
        }
        assert line["client"] == "Opaque([REDACTED])"
        assert (line["color"], line["when"], line["id"]) == ("red", when.isoformat(), str(ident))

    def test_custom_json_default(self, emit: Any, secret: str) -> None:
        """A user's json_default decides how objects look; what it returns is
        redacted, sensitive keys included."""

        def to_json(obj: object) -> object:
            if isinstance(obj, Opaque):
                return {"kind": "opaque", "text": obj.text, "token": obj.text}
            return str(obj)

        out = emit(json_default=to_json)
        out.logger.info("x", extra={"client": Opaque(secret)})

        (line,) = out.lines()
        assert line["client"] == {"kind": "opaque", "text": "[REDACTED]", "token": "[REDACTED]"}

    def test_dict_message_and_exception(self, emit: Any, secret: str) -> None:
        """A dict message and the traceback JsonFormatter formats itself are both
        redacted (no filter needed)."""
        out = emit()
        out.logger.info({"event": "login", "password": "pw-pw-pw-pw", "note": secret})
        try:
            raise PermissionError("denied for " + secret)
        except PermissionError:
            out.logger.exception("boom")

        first, second = out.lines()
        assert first == {
            "event": "login",
            "password": "[REDACTED]",
            "note": "[REDACTED]",
            "message": "",
        }
        assert second["exc_info"].endswith("PermissionError: denied for [REDACTED]")
        assert secret not in out.stream.getvalue()

    def test_unicode_output(self, emit: Any, secret: str) -> None:
        """With json_ensure_ascii=False the secret's unescaped non-ASCII form is
        masked too."""
        out = emit(json_ensure_ascii=False)
        out.logger.info("%s", secret)

        assert out.lines()[0]["message"] == "[REDACTED]"

    def test_reserved_attrs(self, emit: Any, secret: str) -> None:
        """reserved_attrs still decides which record attributes are written."""
        out = emit(reserved_attrs=[*logging.LogRecord("", 0, "", 0, "", (), None).__dict__])
        out.logger.info("x", extra={"kept": secret})

        assert out.lines() == [{"message": "x", "kept": "[REDACTED]"}]

    def test_unprintable_value(self, emit: Any) -> None:
        """A value that cannot be turned into text gets the encoder's own fallback;
        the rest of the line is written."""

        class Weird:
            def __str__(self) -> str:
                raise RuntimeError("no str")

            def __repr__(self) -> str:
                raise RuntimeError("no repr")

        out = emit()
        out.logger.warning("x", extra={"w": Weird()})

        assert out.lines() == [{"message": "x", "w": "__could_not_encode__"}]

    def test_serialiser_failure_is_valid_json(self, emit: Any, redactor: Redactor) -> None:
        """If the serialiser raises, the line is still JSON with the marker and the
        level, and the failure is counted."""

        def broken(*args: object, **kwargs: object) -> str:
            raise RuntimeError("nope")

        out = emit(fmt="%(levelname)s %(message)s", json_serializer=broken)
        out.logger.warning("x")

        assert out.lines() == [{"message": FAILED_MARKER, "levelname": "WARNING"}]
        assert redactor.stats.failures == 1

    def test_dictconfig(self, secret: str) -> None:
        """Built by dictConfig with JsonFormatter options and Redactor arguments."""
        logging.config.dictConfig(
            {
                "version": 1,
                "disable_existing_loggers": False,
                "formatters": {
                    "json": {
                        "()": "logredact.jsonlogger.RedactingJsonFormatter",
                        "fmt": "%(levelname)s %(message)s",
                        "secrets": {"api": secret},
                        "rules": [],
                    }
                },
                "handlers": {"out": {"class": "logging.StreamHandler", "formatter": "json"}},
                "loggers": {"jsoncfg": {"handlers": ["out"], "propagate": False}},
            }
        )
        logger = logging.getLogger("jsoncfg")
        handler = logger.handlers[0]
        assert isinstance(handler, logging.StreamHandler)
        stream = io.StringIO()
        handler.setStream(stream)
        try:
            logger.warning("k=%s", secret)
        finally:
            logger.handlers.clear()

        assert json.loads(stream.getvalue()) == {"levelname": "WARNING", "message": "k=[REDACTED]"}


class TestVariants:
    @pytest.mark.parametrize("name", ["RedactingOrjsonFormatter", "RedactingMsgspecFormatter"])
    def test_variant_output(self, name: str, emit: Any, secret: str) -> None:
        """The orjson and msgspec flavours redact nested data, dataclasses and objects
        and keep the encoder's own datetime format."""
        import logredact.jsonlogger as module

        out = emit(getattr(module, name))
        when = datetime.datetime(2024, 5, 1, tzinfo=datetime.timezone.utc)
        out.logger.info(
            "v %s",
            secret,
            extra={"account": Account("ada", "x" * 10, secret), "o": Opaque(secret), "when": when},
        )

        (line,) = out.lines()
        assert secret not in out.stream.getvalue()
        assert line["message"] == "v [REDACTED]"
        assert line["account"] == {"user": "ada", "password": "[REDACTED]", "note": "[REDACTED]"}
        assert line["o"] == "Opaque([REDACTED])"
        # Python 3.10's fromisoformat does not read the "Z" suffix msgspec writes.
        assert datetime.datetime.fromisoformat(line["when"].replace("Z", "+00:00")) == when

    def test_lazy_imports(self) -> None:
        """Importing logredact.jsonlogger loads neither orjson nor msgspec."""
        code = (
            "import sys, logredact.jsonlogger; "
            "print(sorted(m for m in ('orjson', 'msgspec') if m in sys.modules))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )

        assert result.stdout.strip() == "[]"
