"""Property tests of the stdlib pipelines: a random secret logged in random ways —
positional arguments, ``%r`` of containers, ``extra``, exception messages, nested
dicts, dict messages, bytes — through a filter, a formatter, python-json-logger or a
queue never reaches the output in raw, JSON-escaped or repr form, and every record
is written."""

from __future__ import annotations

import json
import logging
import logging.handlers
import queue
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pythonjsonlogger.json import JsonFormatter

from logredact import Redactor
from logredact.jsonlogger import RedactingJsonFormatter
from logredact.stdlib import RedactingFilter, RedactingFormatter
from strategies import filler, secret

#: One log call: (msg, args, extra, exception message or None).
Call = tuple[Any, tuple[Any, ...], dict[str, Any], str | None]


def _calls(s: str, pad: str) -> dict[str, Call]:
    return {
        "positional": ("got %s and %s", (pad + s, pad), {}, None),
        "repr-dict": ("settings %r", ({"password_hint": pad, "dsn": [s, pad]},), {}, None),
        "repr-tuple": ("args=%r", ((pad, s, 3),), {}, None),
        "extra": ("with extra", (), {"ctx": {"user": pad, "nested": {"v": [s]}}, "s": s}, None),
        "exception": ("failed", (), {}, pad + " " + s),
        "dict-message": ({"event": pad, "data": {"k": s}}, (), {}, None),
        "bytes-arg": ("raw %r", (s.encode("utf-8"),), {}, None),
        "bytes-extra": ("bytes", (), {"payload": s.encode("utf-8")}, None),
    }


WAYS = list(_calls("x", "y"))


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.out: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.out.append(self.format(record))


def _emit(logger: logging.Logger, call: Call) -> None:
    msg, args, extra, exc = call
    if exc is None:
        logger.warning(msg, *args, extra=extra)
        return
    try:
        raise RuntimeError(exc)
    except RuntimeError:
        logger.exception(msg, *args, extra=extra)


def _logger(*handlers: logging.Handler) -> logging.Logger:
    logger = logging.getLogger("props.stdlib")
    logger.handlers[:] = list(handlers)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger


def filter_plain(redactor: Redactor, calls: list[Call]) -> list[str]:
    sink = Collect()
    sink.addFilter(RedactingFilter(redactor=redactor))
    sink.setFormatter(
        logging.Formatter("%(message)s | %(ctx)s %(s)s %(payload)r", defaults=DEFAULTS)
    )
    return _run(_logger(sink), sink, calls)


def filter_json(redactor: Redactor, calls: list[Call]) -> list[str]:
    sink = Collect()
    sink.addFilter(RedactingFilter(redactor=redactor))
    sink.setFormatter(JsonFormatter(json_ensure_ascii=False))
    return _run(_logger(sink), sink, calls)


def redacting_json(redactor: Redactor, calls: list[Call]) -> list[str]:
    sink = Collect()
    sink.setFormatter(RedactingJsonFormatter(redactor=redactor))
    return _run(_logger(sink), sink, calls)


def redacting_formatter(redactor: Redactor, calls: list[Call]) -> list[str]:
    sink = Collect()
    sink.setFormatter(
        RedactingFormatter(
            formatter=logging.Formatter("%(message)s | %(ctx)s %(s)s", defaults=DEFAULTS),
            redactor=redactor,
        )
    )
    return _run(_logger(sink), sink, calls)


def queue_pipeline(redactor: Redactor, calls: list[Call]) -> list[str]:
    records: queue.Queue[logging.LogRecord] = queue.Queue()
    producer = logging.handlers.QueueHandler(records)
    producer.addFilter(RedactingFilter(redactor=redactor))
    sink = Collect()
    sink.setFormatter(JsonFormatter())
    logger = _logger(producer)
    for call in calls:
        _emit(logger, call)
    while not records.empty():
        sink.handle(records.get_nowait())
    return sink.out


DEFAULTS = {"ctx": "-", "s": "-", "payload": None}

PIPELINES: dict[str, Callable[[Redactor, list[Call]], list[str]]] = {
    "filter+Formatter": filter_plain,
    "filter+JsonFormatter": filter_json,
    "RedactingJsonFormatter": redacting_json,
    "RedactingFormatter": redacting_formatter,
    "filter+QueueHandler": queue_pipeline,
}


def _run(logger: logging.Logger, sink: Collect, calls: list[Call]) -> list[str]:
    for call in calls:
        _emit(logger, call)
    logger.handlers.clear()
    return sink.out


def forms(s: str) -> set[str]:
    """Raw, JSON-escaped (ASCII and not), repr and bytes-repr forms."""
    return {
        s,
        json.dumps(s)[1:-1],
        json.dumps(s, ensure_ascii=False)[1:-1],
        repr(s)[1:-1],
        repr(s.encode("utf-8"))[2:-1],
    }


@pytest.mark.parametrize("pipeline", list(PIPELINES))
@given(
    s=secret,
    pad=filler,
    ways=st.lists(st.sampled_from(WAYS), min_size=1, max_size=4),
)
def test_no_secret_survives(pipeline: str, s: str, pad: str, ways: list[str]) -> None:
    """Whatever way the secret is logged, no form of it reaches the output, every
    log call yields exactly one output, and tracebacks are still written."""
    redactor = Redactor(secrets=[s], rules=())
    assume(len(redactor) == 1)
    run = PIPELINES[pipeline]
    neutral = "N" * len(s)
    baseline = "\n".join(run(Redactor(rules=()), [_calls(neutral, pad)[w] for w in ways]))
    # A secret that the output's fixed text already contains cannot be judged.
    assume(not any(form in baseline or form in pad for form in forms(s)))

    outputs = run(redactor, [_calls(s, pad)[w] for w in ways])

    assert len(outputs) == len(ways)
    text = "\n".join(outputs)
    assert ("exception" in ways) == ("RuntimeError" in text)  # tracebacks are kept
    for form in forms(s):
        assert form not in text
