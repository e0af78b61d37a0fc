"""Property: whatever way a secret enters a structlog event (bound, contextvars, a value,
nested, a positional argument, an exception message, a traceback local, a foreign
stdlib record), it never reaches the rendered output in raw, JSON-escaped or repr
form, and the caller's bound data is unchanged."""

from __future__ import annotations

import copy
import io
import logging
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
import structlog
from hypothesis import assume, given
from hypothesis import strategies as st

from logredact import LogredactWarning
from logredact.structlog import RedactProcessor
from logredact.testing import assert_no_secrets
from strategies import filler, secret, structured

RENDERERS = {
    "json": structlog.processors.JSONRenderer(),
    "json-unicode": structlog.processors.JSONRenderer(ensure_ascii=False),
    "keyvalue": structlog.processors.KeyValueRenderer(),
    "logfmt": structlog.processors.LogfmtRenderer(),
}
EXCEPTIONS = {
    "format_exc_info": structlog.processors.format_exc_info,
    "dict_tracebacks": structlog.processors.ExceptionRenderer(
        structlog.tracebacks.ExceptionDictTransformer(show_locals=True, locals_max_string=None)
    ),
    "processor": None,
}


@pytest.fixture(autouse=True)
def _clear_context() -> Iterator[None]:
    yield
    structlog.contextvars.clear_contextvars()


def logger(proc: RedactProcessor, renderer: str, exceptions: str) -> Any:
    middle = [EXCEPTIONS[exceptions]] if EXCEPTIONS[exceptions] is not None else []
    return structlog.wrap_logger(
        structlog.testing.ReturnLogger(),
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.stdlib.PositionalArgumentsFormatter(),
            *middle,
            proc,
            RENDERERS[renderer],
        ],
    )


#: Placeholders in a drawn structure, replaced by the secret (alone or in text).
MARKERS = ("<s>", "<in-text>")


SPECIAL_KEYS = frozenset({"exc_info", "_record", "_from_structlog"})


def fill(shape: Any, values: dict[str, str]) -> Any:
    """``shape`` with every marker string replaced by its value."""
    if isinstance(shape, str):
        return values.get(shape, shape)
    if isinstance(shape, dict):
        return {fill(k, values): fill(v, values) for k, v in shape.items()}
    if isinstance(shape, (list, tuple, set, frozenset)):
        return type(shape)(fill(item, values) for item in shape)
    return shape


def processor_for(value: str) -> RedactProcessor:
    """A processor that knows ``value``; examples whose value the Redactor refuses
    (text inside its own mask, such as ``[REDACTI``) are skipped."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LogredactWarning)
        proc = RedactProcessor(secrets=[value])
    assume(len(proc.redactor) == 1)
    return proc


def fail_with(message: str, value: str) -> None:
    held = value  # a local that holds the secret: shown by dict_tracebacks
    raise RuntimeError(message + held[:0])


class TestNoSecretInOutput:
    @given(
        shape=structured(st.one_of(st.sampled_from(list(MARKERS)), filler)),
        value=secret,
        pre=filler,
        post=filler,
        renderer=st.sampled_from(sorted(RENDERERS)),
    )
    def test_bound_passed_nested_positional(
        self, shape: object, value: str, pre: str, post: str, renderer: str
    ) -> None:
        """A secret bound, in contextvars, as a value, nested, as a key, inside an
        object and as a positional argument is masked; the bound data is unchanged."""
        proc = processor_for(value)
        bound = fill(shape, {"<s>": value, "<in-text>": pre + value + post})
        snapshot = copy.deepcopy(bound)
        structlog.contextvars.bind_contextvars(ctx={"auth": [pre + value]})
        log = logger(proc, renderer, "processor").bind(bound=bound)

        outputs = [
            log.info(pre + value + post),
            log.info("got %s and %r", pre + value, (value, post)),
            log.info("kw", v=value, nested={"a": [pre + value]}, err=ValueError(value)),
            log.info("key", **{"k" + value: 1}),
        ]

        assert_no_secrets(outputs, [value])
        assert snapshot == bound

    @given(
        value=secret,
        pre=filler,
        renderer=st.sampled_from(sorted(RENDERERS)),
        exceptions=st.sampled_from(sorted(EXCEPTIONS)),
    )
    def test_raised_in_exceptions(
        self, value: str, pre: str, renderer: str, exceptions: str
    ) -> None:
        """A secret in an exception message and in a traceback local is masked, however
        the exception is formatted."""
        log = logger(processor_for(value), renderer, exceptions)
        try:
            fail_with(pre + value, value)
        except RuntimeError:
            output = log.exception("failed")

        assert_no_secrets(output, [value])


class TestTriage:
    @given(
        shape=st.dictionaries(
            st.one_of(
                st.sampled_from(["event", "password", "api_key", "user", *MARKERS]),
                # exc_info and ProcessorFormatter's meta keys are treated on purpose.
                st.text(max_size=12).filter(lambda k: k not in SPECIAL_KEYS),
            ),
            structured(st.one_of(st.sampled_from(list(MARKERS)), filler)),
            max_size=6,
        ),
        value=secret,
        pre=filler,
        post=filler,
    )
    def test_same_result_as_redacting_everything(
        self, shape: dict[Any, Any], value: str, pre: str, post: str
    ) -> None:
        """The processor's one-pass shortcut gives exactly what redacting every key and
        value of the event would give."""
        proc = processor_for(value)
        event = fill(shape, {"<s>": value, "<in-text>": pre + value + post})

        expected = proc.redactor.redact_value(dict(event))

        assert expected == proc(None, "info", dict(event))


class TestForeignRecords:
    @given(value=secret, pre=filler, renderer=st.sampled_from(["json", "keyvalue"]))
    def test_stdlib_records_through_processor_formatter(
        self, value: str, pre: str, renderer: str
    ) -> None:
        """Plain stdlib records through ProcessorFormatter: args, extra, exceptions."""
        out = io.StringIO()
        handler = logging.StreamHandler(out)
        handler.setFormatter(
            structlog.stdlib.ProcessorFormatter(
                foreign_pre_chain=[structlog.stdlib.ExtraAdder()],
                processors=[
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info,
                    processor_for(value),
                    RENDERERS[renderer],
                ],
                pass_foreign_args=True,
            )
        )
        log = logging.getLogger("logredact-props")
        log.handlers[:] = [handler]
        log.propagate = False
        log.setLevel(logging.INFO)

        log.info("%s!", pre + value, extra={"detail": {"v": value}})
        try:
            fail_with(value, value)
        except RuntimeError:
            log.exception("failed %r", value)

        assert_no_secrets(out.getvalue(), [value])
