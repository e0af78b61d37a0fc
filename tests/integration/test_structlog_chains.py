"""RedactProcessor inside real structlog configurations: every renderer we support,
ProcessorFormatter with structlog and foreign stdlib records, contextvars, tracebacks
with locals, capture_logs."""

from __future__ import annotations

import copy
import io
import json
import logging
import secrets
from collections.abc import Iterator
from typing import Any

import pytest
import structlog

from logredact import Redactor
from logredact.structlog import RedactProcessor, redact_rendered
from logredact.testing import assert_no_secrets, capture_logs, configured_processors

MASK = "[REDACTED]"


@pytest.fixture(autouse=True)
def _reset_structlog() -> Iterator[None]:
    yield
    structlog.reset_defaults()
    structlog.contextvars.clear_contextvars()


@pytest.fixture
def secret() -> str:
    return "pw-" + secrets.token_urlsafe(18)


@pytest.fixture
def redactor(secret: str) -> Redactor:
    return Redactor(secrets={"db-password": secret})


def connect(url: str) -> None:
    password = url.rpartition(":")[2].partition("@")[0]  # a local named "password"
    raise ConnectionError(f"cannot reach {url} (password {len(password)} chars)")


def configure(processors: list[Any], out: io.StringIO) -> Any:
    structlog.configure(
        processors=processors,
        logger_factory=structlog.WriteLoggerFactory(out),
        cache_logger_on_first_use=False,
    )
    return structlog.get_logger("test")


def log_everything(log: Any, secret: str) -> dict[str, Any]:
    """Logs a secret every way an application does; returns the caller's bound data."""
    bound = {"db": {"url": f"postgres://app:{secret}@db/app", "opts": [secret]}}
    structlog.contextvars.bind_contextvars(request={"auth": f"Bearer {secret}"})
    log = log.bind(ctx=bound)
    log.info("connecting to %s", f"postgres://app:{secret}@db/app")
    log.info("values", value=secret, password=secret, err=ValueError(secret), data=(secret,))
    log.info(f"message {secret}", stack_info=True)
    try:
        connect(f"postgres://app:{secret}@db/app")
    except ConnectionError:
        log.exception("failed")
    return bound


def chain(*middle: Any, proc: RedactProcessor, renderer: Any) -> list[Any]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.stdlib.PositionalArgumentsFormatter(),
        structlog.processors.StackInfoRenderer(),
        *middle,
        proc,
        renderer,
    ]


RENDERERS = {
    "json": structlog.processors.JSONRenderer(),
    "json-unicode": structlog.processors.JSONRenderer(ensure_ascii=False),
    "keyvalue": structlog.processors.KeyValueRenderer(),
    "logfmt": structlog.processors.LogfmtRenderer(),
}
EXCEPTIONS = {
    "format_exc_info": structlog.processors.format_exc_info,
    "dict_tracebacks": structlog.processors.dict_tracebacks,
    "locals": structlog.processors.ExceptionRenderer(
        structlog.tracebacks.ExceptionDictTransformer(show_locals=True)
    ),
    "none": None,
}


class TestRenderers:
    @pytest.mark.parametrize("renderer", RENDERERS.values(), ids=RENDERERS.keys())
    @pytest.mark.parametrize("exceptions", EXCEPTIONS.values(), ids=EXCEPTIONS.keys())
    def test_no_secret_reaches_output(
        self, redactor: Redactor, secret: str, renderer: Any, exceptions: Any
    ) -> None:
        """Bound, contextvars, positional, keyword, exception and traceback secrets are
        masked whatever the renderer and exception processor."""
        out = io.StringIO()
        middle = [exceptions] if exceptions is not None else []
        log = configure(
            chain(*middle, proc=RedactProcessor(redactor=redactor), renderer=renderer), out
        )

        bound = log_everything(log, secret)

        output = out.getvalue()
        assert_no_secrets(output, {"db-password": secret})
        assert len(output.splitlines()[:4]) == 4
        assert MASK in output
        assert {"db": {"url": f"postgres://app:{secret}@db/app", "opts": [secret]}} == bound

    def test_json_traceback_locals_masked_by_name(self, redactor: Redactor, secret: str) -> None:
        """``dict_tracebacks`` with locals: a local called ``password`` is masked even
        though it holds only part of the URL."""
        out = io.StringIO()
        log = configure(
            chain(
                EXCEPTIONS["locals"],
                proc=RedactProcessor(redactor=redactor),
                renderer=RENDERERS["json"],
            ),
            out,
        )
        try:
            connect("postgres://app:unregistered-pass@db/app")
        except ConnectionError:
            log.exception("failed")

        event = json.loads(out.getvalue())
        frame = event["exception"][0]["frames"][-1]
        assert frame["locals"]["password"] == MASK
        assert frame["locals"]["url"].startswith("'postgres://")

    def test_processor_before_format_exc_info(self, redactor: Redactor, secret: str) -> None:
        """Placed too early (before ``format_exc_info``), the processor renders the
        exception itself, redacted, so nothing after it sees the raw traceback."""
        out = io.StringIO()
        log = configure(
            [
                RedactProcessor(redactor=redactor),
                structlog.processors.format_exc_info,
                structlog.processors.JSONRenderer(),
            ],
            out,
        )
        try:
            connect(f"postgres://app:{secret}@db/app")
        except ConnectionError:
            log.exception("failed")

        event = json.loads(out.getvalue())
        assert event["exception"].startswith("Traceback")
        assert_no_secrets(out.getvalue(), [secret])


class TestConsoleRenderer:
    @pytest.mark.parametrize(
        "formatter",
        [
            structlog.dev.RichTracebackFormatter(width=60, color_system="truecolor"),
            structlog.dev.RichTracebackFormatter(width=200, color_system=None),
            structlog.dev.plain_traceback,
        ],
        ids=["rich-colour-narrow", "rich-mono-wide", "plain"],
    )
    def test_pretty_tracebacks_through_the_wrapper(
        self, redactor: Redactor, secret: str, formatter: Any
    ) -> None:
        """With ``keep_exc_info=True`` ConsoleRenderer formats the exception itself (rich
        with locals, or plain); the renderer wrapper masks what it writes."""
        out = io.StringIO()
        renderer = structlog.dev.ConsoleRenderer(colors=True, exception_formatter=formatter)
        proc = RedactProcessor(redactor=redactor, keep_exc_info=True)
        log = configure(chain(proc=proc, renderer=redact_rendered(renderer, redactor=proc)), out)

        bound = log_everything(log, secret)

        output = out.getvalue()
        assert_no_secrets(output, [secret])
        assert "ConnectionError" in output
        assert secret in bound["db"]["url"]

    @pytest.mark.parametrize("offset", [60, 66, 72])
    def test_rich_cut_locals(self, redactor: Redactor, secret: str, offset: int) -> None:
        """rich shortens long locals with an ellipsis; where it cuts a secret, the
        visible start is masked by the wrapper."""
        out = io.StringIO()
        renderer = structlog.dev.ConsoleRenderer(
            colors=False,
            exception_formatter=structlog.dev.RichTracebackFormatter(
                width=100, color_system=None, show_locals=True
            ),
        )
        proc = RedactProcessor(redactor=redactor, keep_exc_info=True)
        log = configure(chain(proc=proc, renderer=redact_rendered(renderer, redactor=proc)), out)

        def fail() -> None:
            target = "postgres://reporting@replica/" + "x" * (offset - 29) + secret + "?ssl=1"
            raise ValueError(str(len(target)))

        try:
            fail()
        except ValueError:
            log.exception("failed")

        assert secret[:6] not in out.getvalue()
        assert "target" in out.getvalue()

    def test_without_wrapper_exception_rendered_by_processor(
        self, redactor: Redactor, secret: str
    ) -> None:
        """With the default ``keep_exc_info=False`` ConsoleRenderer gets a redacted
        ``exception`` string and prints it."""
        out = io.StringIO()
        renderer = structlog.dev.ConsoleRenderer(colors=False)
        log = configure(chain(proc=RedactProcessor(redactor=redactor), renderer=renderer), out)

        log_everything(log, secret)

        output = out.getvalue()
        assert_no_secrets(output, [secret])
        assert "Traceback (most recent call last)" in output

    def test_keep_exc_info_without_wrapper_leaks(self, redactor: Redactor, secret: str) -> None:
        """The wrapper is what protects ConsoleRenderer's own formatting: without it,
        ``keep_exc_info=True`` lets the secret through (why the docs insist)."""
        out = io.StringIO()
        renderer = structlog.dev.ConsoleRenderer(
            colors=False, exception_formatter=structlog.dev.plain_traceback
        )
        proc = RedactProcessor(redactor=redactor, keep_exc_info=True)
        log = configure(chain(proc=proc, renderer=renderer), out)
        try:
            connect(f"postgres://app:{secret}@db/app")
        except ConnectionError:
            log.exception("failed")

        assert secret in out.getvalue()


def stdlib_handler(processors: list[Any], **options: Any) -> tuple[logging.Logger, io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[
                structlog.stdlib.add_log_level,
                structlog.stdlib.ExtraAdder(),
            ],
            processors=processors,
            **options,
        )
    )
    root = logging.getLogger("logredact-test")
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG)
    root.propagate = False
    return root, out


class TestProcessorFormatter:
    def recipe(self, redactor: Redactor, **options: Any) -> tuple[logging.Logger, io.StringIO]:
        stdlib_logger, out = stdlib_handler(
            [
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                RedactProcessor(redactor=redactor),
                structlog.processors.JSONRenderer(),
            ],
            **options,
        )
        structlog.configure(
            processors=[
                structlog.contextvars.merge_contextvars,
                structlog.stdlib.add_log_level,
                structlog.stdlib.PositionalArgumentsFormatter(),
                structlog.processors.StackInfoRenderer(),
                structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
            ],
            logger_factory=structlog.stdlib.LoggerFactory(),
            wrapper_class=structlog.stdlib.BoundLogger,
            cache_logger_on_first_use=False,
        )
        return stdlib_logger, out

    def test_structlog_events(self, redactor: Redactor, secret: str) -> None:
        """structlog events going through stdlib logging are redacted by the
        formatter's processors."""
        _, out = self.recipe(redactor)

        bound = log_everything(structlog.get_logger("logredact-test"), secret)

        output = out.getvalue()
        assert_no_secrets(output, [secret])
        assert len([json.loads(line) for line in output.splitlines() if line.startswith("{")]) == 4
        assert secret in bound["db"]["opts"]

    def test_foreign_records(self, redactor: Redactor, secret: str) -> None:
        """Plain stdlib records (args, extra, exc_info, stack_info) are redacted too."""
        stdlib_logger, out = self.recipe(redactor, pass_foreign_args=True)
        extra = {"password": "letmein-now", "dsn": f"postgres://app:{secret}@db"}

        stdlib_logger.info("login with %s", secret, extra=extra)
        stdlib_logger.warning("stack %s", secret, stack_info=True)
        try:
            connect(f"postgres://app:{secret}@db/app")
        except ConnectionError:
            stdlib_logger.exception("failed %r", {"pw": secret})

        output = out.getvalue()
        assert_no_secrets(output, [secret, "letmein-now"])
        first = json.loads(output.splitlines()[0])
        assert {"event": f"login with {MASK}", "password": MASK} == {
            k: first[k] for k in ("event", "password")
        }
        assert first["positional_args"] == [MASK]

    def test_record_shared_with_other_handlers_untouched(
        self, redactor: Redactor, secret: str
    ) -> None:
        """Another handler on the same logger still gets the original record (the
        formatter works on a copy): redaction happens per handler."""
        stdlib_logger, out = self.recipe(redactor)
        seen: list[str] = []

        class Keep(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                seen.append(record.getMessage())

        stdlib_logger.addHandler(Keep())
        stdlib_logger.info("token %s", secret)

        assert [f"token {secret}"] == seen
        assert_no_secrets(out.getvalue(), [secret])


class TestCaptureLogs:
    def test_capture_keeps_the_redactor(self, redactor: Redactor, secret: str) -> None:
        """``capture_logs(processors=[RedactProcessor(...)])`` captures redacted
        events; structlog's configured chain comes back afterwards."""
        out = io.StringIO()
        proc = RedactProcessor(redactor=redactor)
        log = configure(chain(proc=proc, renderer=RENDERERS["json"]), out)

        with capture_logs(processors=configured_processors()) as entries:
            log.info("hello %s", secret, password="x", nested={"k": secret})

        assert [
            {"event": f"hello {MASK}", "password": MASK, "nested": {"k": MASK}, "level": "info"}
        ] == [{k: e[k] for k in ("event", "password", "nested", "level")} for e in entries]
        assert_no_secrets(entries, [secret])
        log.info("after")
        assert '"event": "after"' in out.getvalue()

    def test_structlog_capture_logs_drops_processors(self, redactor: Redactor, secret: str) -> None:
        """structlog's own capture_logs() without processors captures the raw event:
        why the redactor must be passed in."""
        out = io.StringIO()
        log = configure(
            chain(proc=RedactProcessor(redactor=redactor), renderer=RENDERERS["json"]), out
        )

        with structlog.testing.capture_logs() as entries:
            log.info("hello", value=secret)

        assert secret == entries[0]["value"]

    def test_nested_bound_data_of_caller_unchanged(self, redactor: Redactor, secret: str) -> None:
        """Capturing redacted events leaves the caller's bound dict as it was."""
        bound = {"k": [secret, {"password": "x"}]}
        snapshot = copy.deepcopy(bound)
        log = structlog.get_logger().bind(data=bound)

        with capture_logs(processors=[RedactProcessor(redactor=redactor)]) as entries:
            log.info("x")

        assert snapshot == bound
        assert entries[0]["data"] == {"k": [MASK, {"password": MASK}]}
