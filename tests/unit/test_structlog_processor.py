"""logredact.structlog: RedactProcessor on event dicts, and the redact_rendered wrapper."""

from __future__ import annotations

import copy
import logging
import pickle
import secrets
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import structlog

from logredact import FAILED_MARKER, Redactor
from logredact.structlog import RedactedRenderer, RedactProcessor, redact_rendered

MASK = "[REDACTED]"
SHARED = Redactor(rules=())


@pytest.fixture
def secret() -> str:
    return "s3-" + secrets.token_urlsafe(18)


@pytest.fixture
def proc(secret: str) -> RedactProcessor:
    return RedactProcessor(secrets={"db": secret}, rules=())


def run(proc: RedactProcessor, event_dict: dict[str, Any], method: str = "info") -> Any:
    return proc(None, method, event_dict)


def raise_with(message: str) -> None:
    local_token = message  # a local named like a sensitive key
    raise ValueError("cannot connect: " + local_token)


class Hidden(str):
    """A str subclass that hides its value in its repr, like pydantic's SecretStr."""

    def __repr__(self) -> str:
        return "Hidden('**********')"


class TestCleanEvents:
    def test_clean_event_is_returned_untouched(self, proc: RedactProcessor) -> None:
        """An event with nothing to mask comes back as the same dict with the same
        values."""
        nested = {"user": "ada"}
        event = {"event": "user logged in", "n": 3, "ok": True, "ctx": nested, "x": None}
        before = dict(event)

        out = run(proc, event)

        assert event is out
        assert before == out
        assert nested is out["ctx"]

    def test_numeric_secret_in_a_number(self) -> None:
        """A number whose digits are a registered secret (an account number) is masked
        like text, as the Redactor masks it."""
        account = str(secrets.randbelow(9 * 10**11) + 10**11)
        proc = RedactProcessor(secrets=[account], rules=())

        out = run(proc, {"event": "payout", "account": int(account), "n": 3, "ratio": 0.5})

        assert {"event": "payout", "account": MASK, "n": 3, "ratio": 0.5} == out

    def test_plain_scalars_are_kept(self, proc: RedactProcessor) -> None:
        """Numbers, booleans and None keep their types for the renderer."""
        event = {"event": "x", "n": 1, "f": 2.5, "b": False, "none": None}

        assert run(proc, event) == {"event": "x", "n": 1, "f": 2.5, "b": False, "none": None}


class TestStrings:
    def test_event_string_masked(self, proc: RedactProcessor, secret: str) -> None:
        """A secret in the event message is masked."""
        out = run(proc, {"event": f"connecting with {secret} now"})

        assert out["event"] == "connecting with [REDACTED] now"

    def test_key_holding_a_secret_is_renamed(self, proc: RedactProcessor, secret: str) -> None:
        """A secret used as a key is masked in the key too."""
        out = run(proc, {"event": "x", f"user-{secret}": 1})

        assert out == {"event": "x", "user-[REDACTED]": 1}

    def test_stack_masked(self, proc: RedactProcessor, secret: str) -> None:
        """The ``stack`` string of StackInfoRenderer is redacted."""
        out = run(proc, {"event": "x", "stack": f'  File "a.py", line 1\n    f("{secret}")'})

        assert secret not in out["stack"]
        assert MASK in out["stack"]

    def test_bytes_masked(self, proc: RedactProcessor, secret: str) -> None:
        """A secret inside a bytes value is masked and the value stays bytes."""
        out = run(proc, {"event": "x", "body": b"token=" + secret.encode()})

        assert b"token=" + MASK.encode() == out["body"]

    def test_lone_surrogates(self, proc: RedactProcessor, secret: str) -> None:
        """Text decoded with surrogateescape (lone surrogates) is still redacted, key
        and value, without failing the event."""
        text = b"\xff ".decode("utf-8", "surrogateescape") + secret

        out = run(proc, {"event": text, text: 1})

        assert out == {"event": "\udcff [REDACTED]", "\udcff [REDACTED]": 1}
        assert proc.redactor.stats.failures == 0

    def test_hidden_str_subclass_kept(self, proc: RedactProcessor) -> None:
        """A clean str subclass stays itself, so a repr that hides it still hides it."""
        hidden = Hidden("not-registered-value")

        out = run(proc, {"event": "x", "api": hidden})

        assert hidden is out["api"]

    def test_builtin_rules_apply(self) -> None:
        """Without ``rules=``, the built-in catalog runs as in the Redactor."""
        proc = RedactProcessor()
        redactor = Redactor()
        text = "Authorization: Bearer " + secrets.token_urlsafe(24)

        assert redactor.redact(text) == run(proc, {"event": text})["event"]


class TestSensitiveKeys:
    def test_sensitive_key_masked(self, proc: RedactProcessor) -> None:
        """A value under ``password=`` is masked whatever it is."""
        out = run(proc, {"event": "login", "password": "hunter2", "api_key": 12345})

        assert out == {"event": "login", "password": MASK, "api_key": MASK}

    def test_empty_sensitive_values_stay(self, proc: RedactProcessor) -> None:
        """None, "" and booleans under a sensitive key stay, so a log still tells
        "no password" from "a password"."""
        event = {"event": "login", "password": None, "token": "", "secret": True}

        assert run(proc, event) == {"event": "login", "password": None, "token": "", "secret": True}

    def test_custom_keys(self, secret: str) -> None:
        """``keys=`` replaces the sensitive key names."""
        proc = RedactProcessor(keys=["pin"], rules=())

        out = run(proc, {"event": "x", "pin": "1234", "password": "visible"})

        assert out == {"event": "x", "pin": MASK, "password": "visible"}


class TestNestedData:
    def test_nested_bound_data_redacted_without_mutation(
        self, proc: RedactProcessor, secret: str
    ) -> None:
        """Nested bound data is redacted in a copy: the caller's objects stay as
        they were."""
        bound = {"db": {"url": f"pg://u:{secret}@h", "opts": [secret, 1]}, "password": "pw"}
        snapshot = copy.deepcopy(bound)

        out = run(proc, {"event": "x", "ctx": bound})

        assert snapshot == bound
        assert {
            "db": {"url": f"pg://u:{MASK}@h", "opts": [MASK, 1]},
            "password": MASK,
        } == out["ctx"]

    def test_positional_args_redacted(self, proc: RedactProcessor, secret: str) -> None:
        """``positional_args`` (kept by ProcessorFormatter) are redacted."""
        out = run(proc, {"event": "x", "positional_args": ("user", secret, 3)})

        assert out["positional_args"] == ("user", MASK, 3)

    def test_exception_value_becomes_redacted_repr(
        self, proc: RedactProcessor, secret: str
    ) -> None:
        """An exception passed as a value becomes its redacted repr (the renderer would
        repr it after us)."""
        out = run(proc, {"event": "x", "error": ValueError(f"bad {secret}")})

        assert f"ValueError('bad {MASK}')" == out["error"]

    def test_object_becomes_redacted_repr(self, proc: RedactProcessor, secret: str) -> None:
        """An arbitrary object becomes its redacted repr."""

        class Conn:
            def __repr__(self) -> str:
                return f"<Conn {secret}>"

        assert f"<Conn {MASK}>" == run(proc, {"event": "x", "conn": Conn()})["conn"]

    def test_structlog_hook_used_and_redacted(self, proc: RedactProcessor, secret: str) -> None:
        """An object with ``__structlog__`` becomes its redacted result, as
        JSONRenderer would serialise it."""

        class Conn:
            def __structlog__(self) -> dict[str, str]:
                return {"dsn": f"pg://u:{secret}@h"}

        assert run(proc, {"event": "x", "conn": Conn()})["conn"] == {"dsn": MASK}


class TestExceptions:
    def test_exc_info_true_rendered_and_masked(self, proc: RedactProcessor, secret: str) -> None:
        """``exc_info=True`` before format_exc_info is rendered into a redacted
        ``exception`` string and removed, so nothing later formats the raw one."""
        try:
            raise_with(secret)
        except ValueError:
            out = run(proc, {"event": "failed", "exc_info": True}, "exception")

        assert "exc_info" not in out
        assert f"ValueError: cannot connect: {MASK}" == out["exception"].splitlines()[-1]
        assert secret not in out["exception"]

    def test_exc_info_exception_instance(self, proc: RedactProcessor, secret: str) -> None:
        """An exception given as ``exc_info`` is rendered the same way."""
        try:
            raise_with(secret)
        except ValueError as exc:
            error = exc

        out = run(proc, {"event": "failed", "exc_info": error})

        assert out["exception"].startswith("Traceback (most recent call last):")
        assert secret not in out["exception"]

    def test_exc_info_without_exception_dropped(self, proc: RedactProcessor) -> None:
        """``exc_info=True`` outside an ``except`` block is dropped, as structlog does."""
        out = run(proc, {"event": "x", "exc_info": True})

        assert out == {"event": "x"}

    def test_keep_exc_info_leaves_it(self, secret: str) -> None:
        """With ``keep_exc_info=True``, ``exc_info`` is left for the renderer."""
        proc = RedactProcessor(secrets=[secret], rules=(), keep_exc_info=True)
        try:
            raise_with(secret)
        except ValueError:
            info = sys.exc_info()
            out = run(proc, {"event": "x", "exc_info": info})

        assert info is out["exc_info"]
        assert "exception" not in out

    def test_exception_formatter_gives_structured_traceback(self, secret: str) -> None:
        """``exception_formatter=ExceptionDictTransformer(...)`` renders structured
        tracebacks, redacted, locals masked by name."""
        transformer = structlog.tracebacks.ExceptionDictTransformer(show_locals=True)
        proc = RedactProcessor(secrets=[secret], rules=(), exception_formatter=transformer)
        try:
            raise_with("not-a-registered-secret")
        except ValueError:
            out = run(proc, {"event": "x", "exc_info": True})

        frame = out["exception"][0]["frames"][-1]
        assert frame["locals"]["local_token"] == MASK

    def test_dict_tracebacks_structure_redacted(self, proc: RedactProcessor, secret: str) -> None:
        """The ``dict_tracebacks`` structure is redacted: exception value, locals by
        content and locals by name."""
        try:
            raise_with(secret)
        except ValueError:
            event = structlog.processors.dict_tracebacks(
                None, "error", {"event": "x", "exc_info": True}
            )
        stack = event["exception"][0]
        assert secret in stack["exc_value"]

        out = run(proc, event)

        stack = out["exception"][0]
        assert f"cannot connect: {MASK}" == stack["exc_value"]
        assert stack["frames"][-1]["locals"]["local_token"] == MASK
        assert secret not in repr(out)

    def test_cut_locals_masked(self, proc: RedactProcessor, secret: str) -> None:
        """dict_tracebacks shortens long locals to 80 characters; where the cut falls
        inside a secret, its visible start is masked too."""

        def fail() -> None:
            target = "postgres://reporting:" + "x" * 50 + secret + "@replica:5432/app"
            raise ValueError(f"{len(target)} chars")

        try:
            fail()
        except ValueError:
            event = structlog.processors.dict_tracebacks(
                None, "error", {"event": "x", "exc_info": True}
            )
        shown = event["exception"][0]["frames"][-1]["locals"]["target"]
        assert secret[:6] in shown

        out = run(proc, event)

        shown = out["exception"][0]["frames"][-1]["locals"]["target"]
        assert shown.endswith("x[REDACTED]'+" + str(len(secret) - 9 + len("@replica:5432/app")))
        assert secret[:4] not in shown

    def test_format_exc_info_string_redacted(self, proc: RedactProcessor, secret: str) -> None:
        """The ``exception`` string of format_exc_info is redacted."""
        try:
            raise_with(secret)
        except ValueError:
            event = structlog.processors.format_exc_info(
                None, "error", {"event": "x", "exc_info": True}
            )

        out = run(proc, event)

        assert secret not in out["exception"]
        assert out["exception"].endswith(f"ValueError: cannot connect: {MASK}")


class TestProcessorFormatterMeta:
    def test_record_left_alone(self, proc: RedactProcessor, secret: str) -> None:
        """``_record`` stays the LogRecord ProcessorFormatter and ExtraAdder need."""
        record = logging.LogRecord("n", logging.INFO, "p", 1, secret, (), None)

        out = run(proc, {"event": secret, "_record": record, "_from_structlog": False})

        assert record is out["_record"]
        assert False is out["_from_structlog"]
        assert out["event"] == MASK


class TestFailClosed:
    def test_failing_value_replaced_by_marker(self, proc: RedactProcessor) -> None:
        """A value whose rendering raises becomes the failure marker; the failure is
        counted and the rest of the event survives."""

        class Broken:
            def __structlog__(self) -> str:
                raise RuntimeError("boom")

        out = run(proc, {"event": "x", "thing": Broken()})

        assert out == {"event": "x", "thing": FAILED_MARKER}
        assert proc.redactor.stats.failures == 1

    def test_broken_event_dict_still_logs(self, proc: RedactProcessor) -> None:
        """An event dict that cannot even be read yields a marker event, not an
        exception."""

        class Unreadable(dict[str, Any]):
            def items(self) -> Iterator[Any]:  # type: ignore[override]
                raise RuntimeError("boom")

        out = run(proc, Unreadable(event="x"))

        assert out["event"] == FAILED_MARKER
        assert proc.redactor.stats.failures == 1


class TestConfiguration:
    def test_shared_redactor(self, secret: str) -> None:
        """``redactor=`` shares a Redactor: a secret added later is masked too."""
        redactor = Redactor(rules=())
        proc = RedactProcessor(redactor=redactor)
        redactor.add_secret(secret)

        assert redactor is proc.redactor
        assert run(proc, {"event": secret})["event"] == MASK

    def test_no_arguments_share_the_default_redactor(self) -> None:
        """Without arguments, the processor uses the process-wide default Redactor the
        stdlib filter uses too."""
        from logredact.stdlib import default_redactor

        assert RedactProcessor().redactor is default_redactor()

    def test_redactor_by_dotted_path(self) -> None:
        """``redactor=`` also takes a dotted path (for dictConfig-style settings)."""
        proc = RedactProcessor(redactor="test_structlog_processor.SHARED")

        assert SHARED is proc.redactor

    def test_redactor_and_options_conflict(self) -> None:
        """Passing a Redactor and Redactor options is refused, naming the options."""
        with pytest.raises(ValueError, match="secrets"):
            RedactProcessor(redactor=Redactor(rules=()), secrets=["abcdefghijk"])

    def test_keep_exc_info_checked(self) -> None:
        """``keep_exc_info`` must be a bool."""
        with pytest.raises(TypeError, match="keep_exc_info"):
            RedactProcessor(rules=(), keep_exc_info="yes")  # type: ignore[arg-type]

    def test_secrets_from_env(self, monkeypatch: pytest.MonkeyPatch, secret: str) -> None:
        """``secrets_from_env=True`` registers secret-looking environment variables."""
        monkeypatch.setenv("LOGREDACT_TEST_TOKEN", secret)

        proc = RedactProcessor(rules=(), secrets_from_env=True)

        assert "env:LOGREDACT_TEST_TOKEN" in proc.redactor.labels
        assert run(proc, {"event": secret})["event"] == MASK

    def test_secrets_from_env_patterns(self, monkeypatch: pytest.MonkeyPatch, secret: str) -> None:
        """``secrets_from_env=[...]`` registers the named variables only."""
        monkeypatch.setenv("LOGREDACT_ODD_NAME", secret)

        proc = RedactProcessor(rules=(), secrets_from_env=["LOGREDACT_ODD_*"])

        assert proc.redactor.labels == ("env:LOGREDACT_ODD_NAME",)

    def test_secrets_from_files(self, tmp_path: Any, secret: str) -> None:
        """``secrets_from_files`` reads a secrets directory."""
        (tmp_path / "db-password").write_text(secret + "\n")

        proc = RedactProcessor(rules=(), secrets_from_files=tmp_path)

        assert proc.redactor.labels == ("file:db-password",)
        assert run(proc, {"event": secret})["event"] == MASK

    def test_repr_shows_counts_only(self, proc: RedactProcessor, secret: str) -> None:
        """The repr says how many values are known, never which."""
        assert repr(proc) == "<RedactProcessor: <Redactor: 1 known values, 0 rules>>"

    def test_pickle_round_trip(self, proc: RedactProcessor, secret: str) -> None:
        """A pickled processor still masks after unpickling."""
        clone = pickle.loads(pickle.dumps(proc))

        assert run(clone, {"event": secret})["event"] == MASK


def render_json(logger: Any, name: str, event_dict: Any) -> str:
    return structlog.processors.JSONRenderer()(logger, name, event_dict)


class TestRedactRendered:
    def test_string_output_redacted(self, secret: str) -> None:
        """The renderer's string is redacted."""
        wrapped = redact_rendered(render_json, secrets=[secret], rules=())

        assert wrapped(None, "info", {"event": secret}) == '{"event": "[REDACTED]"}'

    def test_clean_output_untouched(self, secret: str) -> None:
        """Clean output comes back as the renderer's own object."""
        rendered = "nothing here"
        wrapped = redact_rendered(lambda *_: rendered, secrets=[secret], rules=())

        assert rendered is wrapped(None, "info", {})

    def test_bytes_output_redacted(self, secret: str) -> None:
        """Bytes output (orjson) is redacted and stays bytes."""
        wrapped = redact_rendered(lambda *_: f"x={secret}".encode(), secrets=[secret], rules=())

        assert wrapped(None, "info", {}) == b"x=[REDACTED]"

    def test_colour_codes_inside_a_secret(self, secret: str) -> None:
        """A secret cut by colour codes is masked; colours are dropped."""
        cut = f"url={secret[:5]}\x1b[1;36m{secret[5:9]}\x1b[0m{secret[9:]} ok"
        wrapped = redact_rendered(lambda *_: cut, secrets=[secret], rules=())

        assert wrapped(None, "info", {}) == "url=[REDACTED] ok"

    def test_line_wrap_inside_a_secret(self, secret: str) -> None:
        """A secret split by a terminal-width line wrap is masked across the break."""
        wrapped_text = f"ValueError: pg://u:{secret[:10]}\n{secret[10:]}@host\nnext line"
        wrapped = redact_rendered(lambda *_: wrapped_text, secrets=[secret], rules=())

        assert wrapped(None, "info", {}) == "ValueError: pg://u:[REDACTED]@host\nnext line"

    def test_cut_repr_masked(self, secret: str) -> None:
        """A repr that a formatter cut inside a secret (``'...'+40`` or ``…``) has the
        visible start of the secret masked."""
        text = f"url = 'pg://u:{secret[:9]}'+40\nother = 'pg://u:{secret[:7]}\u2026"
        wrapped = redact_rendered(lambda *_: text, secrets=[secret], rules=())

        out = wrapped(None, "info", {})

        assert out == "url = 'pg://u:[REDACTED]'+40\nother = 'pg://u:[REDACTED]\u2026"

    def test_shares_processor_redactor(self, proc: RedactProcessor) -> None:
        """``redactor=`` accepts a RedactProcessor and shares its Redactor."""
        wrapped = redact_rendered(render_json, redactor=proc)

        assert isinstance(wrapped, RedactedRenderer)
        assert proc.redactor is wrapped.redactor

    def test_other_output_redacted_deeply(self, secret: str) -> None:
        """Non-text output (``wrap_for_formatter``'s tuple) is redacted deeply."""
        wrapped = redact_rendered(lambda *_: (({"event": secret},), {}), secrets=[secret])

        assert wrapped(None, "info", {}) == (({"event": MASK},), {})

    def test_pickle_round_trip(self, secret: str) -> None:
        """A wrapped renderer pickles when its renderer does."""
        wrapped = redact_rendered(structlog.processors.JSONRenderer(), secrets=[secret], rules=())

        clone = pickle.loads(pickle.dumps(wrapped))

        assert clone(None, "info", {"event": secret}) == '{"event": "[REDACTED]"}'
