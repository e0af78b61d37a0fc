"""Real logging configurations: dictConfig, fileConfig, handler order, child loggers,
LoggerAdapter, install(), queues, python-json-logger output read back as JSON."""

from __future__ import annotations

import io
import json
import logging
import logging.config
import logging.handlers
import pathlib
import pickle
import queue
import secrets
import sys
import textwrap
from collections.abc import Iterator
from typing import Any

import pytest

from logredact import Redactor
from logredact.stdlib import (
    RedactingFilter,
    RedactingQueueHandler,
    install,
    set_default_redactor,
    uninstall,
)


def fake_secret() -> str:
    return "int-" + secrets.token_urlsafe(18)


@pytest.fixture(autouse=True)
def isolated_logging() -> Iterator[None]:
    """Each test configures logging freely; everything is put back afterwards."""
    root = logging.getLogger()
    manager = logging.Logger.manager
    saved_root = (root.handlers[:], root.filters[:], root.level)
    saved = {
        name: (
            logger.handlers[:],
            logger.filters[:],
            logger.level,
            logger.propagate,
            logger.disabled,
        )
        for name, logger in manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    }
    last_resort = logging.lastResort
    last_resort_filters = last_resort.filters[:] if last_resort is not None else []
    yield
    uninstall()
    set_default_redactor(None)
    root.handlers[:], root.filters[:] = saved_root[0], saved_root[1]
    root.setLevel(saved_root[2])
    for name, logger in manager.loggerDict.items():
        if not isinstance(logger, logging.Logger):
            continue
        if name in saved:
            handlers, filters, level, propagate, disabled = saved[name]
            logger.handlers[:], logger.filters[:] = handlers, filters
            logger.setLevel(level)
            logger.propagate, logger.disabled = propagate, disabled
        else:
            logger.handlers.clear()
            logger.filters.clear()
    logging.lastResort = last_resort
    if last_resort is not None:
        last_resort.filters[:] = last_resort_filters


@pytest.fixture
def secret() -> str:
    return fake_secret()


def stream_of(handler_name: str) -> io.StringIO:
    handler = logging.getHandlerByName(handler_name) if sys.version_info >= (3, 12) else None
    if handler is None:
        handler = logging._handlers[handler_name]  # type: ignore[attr-defined]
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    handler.setStream(stream)
    return stream


def raise_with(text: str) -> None:
    raise ConnectionError(f"could not log in with {text}")


class TestDictConfig:
    def config(self, secret: str) -> dict[str, Any]:
        """A Django-style LOGGING: a JSON stream handler with the filter, and an
        unprotected handler placed first."""
        return {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": {
                "redact": {
                    "()": "logredact.stdlib.RedactingFilter",
                    "secrets": {"db-password": secret},
                    "rules": [],
                },
            },
            "formatters": {
                "json": {
                    "()": "pythonjsonlogger.json.JsonFormatter",
                    "fmt": "%(levelname)s %(name)s %(message)s",
                    "rename_fields": {"levelname": "level"},
                    "static_fields": {"service": "billing"},
                },
                "plain": {"format": "%(levelname)s %(name)s %(message)s"},
            },
            "handlers": {
                "raw": {"class": "logging.StreamHandler", "formatter": "plain"},
                "json": {
                    "class": "logging.StreamHandler",
                    "formatter": "json",
                    "filters": ["redact"],
                },
            },
            "loggers": {"shop": {"handlers": ["raw", "json"], "level": "INFO", "propagate": False}},
        }

    def test_json_handler_output(self, secret: str) -> None:
        """Every record the filtered JSON handler writes parses as JSON and carries no
        secret: message, extra and traceback — even though the unfiltered handler
        before it formatted (and cached) the raw traceback."""
        logging.config.dictConfig(self.config(secret))
        raw, out = stream_of("raw"), stream_of("json")
        log = logging.getLogger("shop.payments")

        log.info("charging with %s", secret, extra={"ctx": {"url": f"pg://u:{secret}@h"}})
        try:
            raise_with(secret)
        except ConnectionError:
            log.exception("payment failed")

        lines = [json.loads(line) for line in out.getvalue().splitlines()]
        assert secret in raw.getvalue()  # the handler without the filter leaks
        assert secret not in out.getvalue()
        assert [line["message"] for line in lines] == ["charging with [REDACTED]", "payment failed"]
        assert lines[0]["ctx"] == {"url": "pg://u:[REDACTED]@h"}
        assert lines[0]["service"] == "billing"
        assert lines[0]["level"] == "INFO"
        assert lines[1]["exc_info"].endswith("ConnectionError: could not log in with [REDACTED]")

    def test_install_covers_the_unfiltered_handler(self, secret: str) -> None:
        """install() after dictConfig protects the handler the config forgot."""
        logging.config.dictConfig(self.config(secret))
        raw = stream_of("raw")
        install(secrets=[secret], rules=())

        logging.getLogger("shop").warning("pw=%s", secret)

        assert raw.getvalue() == "WARNING shop pw=[REDACTED]\n"

    def test_formatter_by_class(self, secret: str) -> None:
        """'class': RedactingFormatter with format/datefmt/style uses the default
        Redactor, which set_default_redactor() chooses."""
        set_default_redactor(Redactor(secrets=[secret], rules=()))
        logging.config.dictConfig(
            {
                "version": 1,
                "formatters": {
                    "safe": {
                        "class": "logredact.stdlib.RedactingFormatter",
                        "format": "{levelname}:{message}",
                        "style": "{",
                    }
                },
                "handlers": {"out": {"class": "logging.StreamHandler", "formatter": "safe"}},
                "loggers": {"cls": {"handlers": ["out"], "level": "INFO", "propagate": False}},
            }
        )
        out = stream_of("out")

        logging.getLogger("cls").info("token %s", secret)

        assert out.getvalue() == "INFO:token [REDACTED]\n"

    def test_formatter_factory_wrapping_json(self, secret: str) -> None:
        """'()': RedactingFormatter wrapping python-json-logger, sharing a Redactor by
        dotted path, redacts the JSON line (objects serialised late included)."""
        set_default_redactor(Redactor(secrets=[secret], rules=()))
        logging.config.dictConfig(
            {
                "version": 1,
                "formatters": {
                    "safe": {
                        "()": "logredact.stdlib.RedactingFormatter",
                        "formatter": {"()": "pythonjsonlogger.json.JsonFormatter"},
                        "redactor": "logredact.stdlib.default_redactor",
                    }
                },
                "handlers": {"out": {"class": "logging.StreamHandler", "formatter": "safe"}},
                "loggers": {"wrap": {"handlers": ["out"], "level": "INFO", "propagate": False}},
            }
        )
        out = stream_of("out")

        class Client:
            def __str__(self) -> str:
                return f"Client(key={secret})"

        logging.getLogger("wrap").info("hello", extra={"client": Client()})

        assert json.loads(out.getvalue()) == {
            "message": "hello",
            "client": "Client(key=[REDACTED])",
        }


class TestFileConfig:
    def test_redacting_formatter_class(self, secret: str, tmp_path: pathlib.Path) -> None:
        """fileConfig builds RedactingFormatter from class + format + datefmt + style."""
        set_default_redactor(Redactor(secrets=[secret], rules=()))
        ini = tmp_path / "logging.ini"
        ini.write_text(
            textwrap.dedent(
                """
                [loggers]
                keys=root,legacy

                [handlers]
                keys=out

                [formatters]
                keys=safe

                [logger_root]
                level=WARNING
                handlers=

                [logger_legacy]
                level=INFO
                handlers=out
                qualname=legacy
                propagate=0

                [handler_out]
                class=StreamHandler
                formatter=safe
                args=(sys.stderr,)

                [formatter_safe]
                class=logredact.stdlib.RedactingFormatter
                format=%(levelname)s|%(asctime)s|%(message)s
                datefmt=%Y
                style=%
                """
            )
        )
        logging.config.fileConfig(ini, disable_existing_loggers=False)
        handler = logging.getLogger("legacy").handlers[0]
        assert isinstance(handler, logging.StreamHandler)
        out = io.StringIO()
        handler.setStream(out)

        try:
            raise_with(secret)
        except ConnectionError:
            logging.getLogger("legacy").exception("login %s", secret)

        level, year, rest = out.getvalue().split("|", 2)
        assert (level, len(year)) == ("ERROR", 4)
        assert secret not in rest
        assert rest.startswith("login [REDACTED]\nTraceback")


class TestPropagation:
    def handler(self) -> tuple[logging.Handler, io.StringIO]:
        out = io.StringIO()
        handler = logging.StreamHandler(out)
        handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
        return handler, out

    def test_logger_filter_misses_children(self, secret: str) -> None:
        """A filter on a logger does not see records propagated from its children —
        why the filter belongs on handlers."""
        handler, out = self.handler()
        parent = logging.getLogger("prop")
        parent.addHandler(handler)
        parent.addFilter(RedactingFilter(secrets=[secret], rules=()))
        parent.propagate = False

        logging.getLogger("prop.child").warning("pw %s", secret)

        assert secret in out.getvalue()

    def test_handler_filter_covers_children_and_adapters(self, secret: str) -> None:
        """On the handler, the filter sees child loggers' records and those logged
        through a LoggerAdapter (with its extra)."""
        handler, out = self.handler()
        handler.addFilter(RedactingFilter(secrets=[secret], rules=()))
        parent = logging.getLogger("prop2")
        parent.addHandler(handler)
        parent.propagate = False
        adapter = logging.LoggerAdapter(
            logging.getLogger("prop2.a.b"), {"session": secret, "user": "ada"}
        )

        logging.getLogger("prop2.child").warning("pw %s", secret)
        adapter.warning("via adapter %s", secret)

        assert out.getvalue() == "prop2.child pw [REDACTED]\nprop2.a.b via adapter [REDACTED]\n"


class TestInstall:
    def test_covers_root_named_and_last_resort(self, secret: str) -> None:
        """install() puts one filter on the root's handlers, configured loggers'
        handlers and logging.lastResort, and returns it."""
        root_handler, named_handler = logging.NullHandler(), logging.NullHandler()
        logging.getLogger().addHandler(root_handler)
        logging.getLogger("inst.named").addHandler(named_handler)

        flt = install(secrets=[secret], rules=())

        assert flt in root_handler.filters
        assert flt in named_handler.filters
        assert logging.lastResort is not None
        assert flt in logging.lastResort.filters

    def test_last_resort_output(self, secret: str, capsys: pytest.CaptureFixture[str]) -> None:
        """A warning logged with no handler anywhere goes through lastResort,
        redacted."""
        logging.getLogger().handlers.clear()
        install(secrets=[secret], rules=())
        lonely = logging.getLogger("inst.lonely")
        lonely.propagate = False

        lonely.warning("nobody listens to %s", secret)

        assert capsys.readouterr().err == "nobody listens to [REDACTED]\n"

    def test_idempotent(self, secret: str) -> None:
        """A second call returns the same filter, adds it to new handlers only, and
        never twice to one handler."""
        handler = logging.NullHandler()
        logging.getLogger("inst.idem").addHandler(handler)
        first = install(secrets=[secret], rules=())
        later = logging.NullHandler()
        logging.getLogger("inst.idem2").addHandler(later)

        second = install()

        assert first is second
        assert handler.filters.count(first) == 1
        assert first in later.filters

    def test_other_configuration_refused(self, secret: str) -> None:
        """Installing again with another configuration is an error until uninstall()."""
        install(secrets=[secret], rules=())

        with pytest.raises(ValueError, match="uninstall"):
            install(secrets=[fake_secret()], rules=())

    def test_uninstall(self, secret: str) -> None:
        """uninstall() takes the filter off every handler it was put on."""
        handler = logging.NullHandler()
        logging.getLogger("inst.un").addHandler(handler)
        flt = install(secrets=[secret], rules=())

        uninstall()

        assert flt not in handler.filters
        assert logging.lastResort is None or flt not in logging.lastResort.filters


class TestQueues:
    def test_queue_handler_and_listener(self, secret: str) -> None:
        """The recipe: the filter on the QueueHandler (producer side), a
        QueueListener writing through ordinary handlers."""
        records: queue.Queue[logging.LogRecord] = queue.Queue()
        producer = logging.handlers.QueueHandler(records)
        producer.addFilter(RedactingFilter(secrets=[secret], rules=()))
        out = io.StringIO()
        sink = logging.StreamHandler(out)
        sink.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        listener = logging.handlers.QueueListener(records, sink)
        log = logging.getLogger("queue.app")
        log.addHandler(producer)
        log.propagate = False
        log.setLevel(logging.INFO)

        listener.start()
        try:
            log.info("token=%s", secret)
            try:
                raise_with(secret)
            except ConnectionError:
                log.exception("failed")
        finally:
            listener.stop()

        text = out.getvalue()
        assert secret not in text
        assert text.startswith("INFO token=[REDACTED]\nERROR failed\nTraceback")
        assert text.endswith("ConnectionError: could not log in with [REDACTED]\n")

    def test_redacting_queue_handler_records_pickle(self, secret: str) -> None:
        """RedactingQueueHandler enqueues records that pickle (for a multiprocessing
        queue) and hold no secret, even with an exception and an object extra."""
        records: queue.Queue[logging.LogRecord] = queue.Queue()
        handler = RedactingQueueHandler(records, secrets=[secret], rules=())
        log = logging.getLogger("queue.mp")
        log.addHandler(handler)
        log.propagate = False

        class Conn:
            def __repr__(self) -> str:
                return f"<Conn pw={secret}>"

        try:
            raise_with(secret)
        except ConnectionError:
            log.exception("failed for %r", Conn(), extra={"conn": Conn()})

        payload = pickle.dumps(records.get_nowait())
        record = pickle.loads(payload)
        assert secret.encode() not in payload
        assert str(record.conn) == "<Conn pw=[REDACTED]>"
        assert record.getMessage().startswith("failed for <Conn pw=[REDACTED]>\nTraceback")
