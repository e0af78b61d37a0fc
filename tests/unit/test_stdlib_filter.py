"""logredact.stdlib.RedactingFilter: every part of a LogRecord a formatter may write."""

from __future__ import annotations

import copy
import io
import logging
import pickle
import secrets
import sys
from collections.abc import Iterator

import pytest

from logredact import FAILED_MARKER, Redactor
from logredact.stdlib import (
    RedactedObject,
    RedactingFilter,
    default_redactor,
    original_exc_info,
)


def fake_secret() -> str:
    return "s3cr-" + secrets.token_urlsafe(16)


class Capture:
    """A logger with one StreamHandler into a buffer; the filter on the handler."""

    def __init__(self, flt: logging.Filter | None, fmt: str = "%(message)s") -> None:
        self.stream = io.StringIO()
        self.handler = logging.StreamHandler(self.stream)
        self.handler.setFormatter(logging.Formatter(fmt))
        if flt is not None:
            self.handler.addFilter(flt)
        self.logger = logging.getLogger(f"test.stdlib.filter.{secrets.token_hex(4)}")
        self.logger.addHandler(self.handler)
        self.logger.setLevel(logging.DEBUG)
        self.logger.propagate = False

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def close(self) -> None:
        self.logger.removeHandler(self.handler)


@pytest.fixture
def secret() -> str:
    return fake_secret()


@pytest.fixture
def redactor(secret: str) -> Redactor:
    return Redactor(secrets={"db": secret}, rules=())


@pytest.fixture
def cap(redactor: Redactor) -> Iterator[Capture]:
    capture = Capture(RedactingFilter(redactor=redactor))
    yield capture
    capture.close()


def make_record(msg: object, *args: object, **attrs: object) -> logging.LogRecord:
    record = logging.LogRecord("t", logging.INFO, __file__, 1, msg, args or None, None)
    record.__dict__.update(attrs)
    return record


class TestMessage:
    def test_merges_args_then_masks(self, cap: Capture, secret: str) -> None:
        """A secret passed as a %-argument is masked in the merged message."""
        cap.logger.info("connecting with %s to %s", secret, "db")

        assert cap.text == "connecting with [REDACTED] to db\n"

    def test_repr_of_containers(self, secret: str) -> None:
        """%r of a dict or list escapes a secret's quotes and backslashes the repr
        way; the escaped form is masked too."""
        value = secret + "'\\\""
        capture = Capture(RedactingFilter(secrets=[value], rules=()))
        capture.logger.info("%r %r", {"k": value}, [value])
        capture.close()

        assert capture.text == "{'k': '[REDACTED]'} ['[REDACTED]']\n"

    def test_record_holds_merged_text(self, redactor: Redactor, secret: str) -> None:
        """After the filter, msg is the redacted merged text and args is empty, so
        every later formatter sees the same safe text."""
        record = make_record("a=%s b=%d", secret, 3)

        assert RedactingFilter(redactor=redactor).filter(record) is True
        assert (record.msg, record.args) == ("a=[REDACTED] b=3", ())

    def test_mapping_arg(self, cap: Capture, secret: str) -> None:
        """A single mapping argument (%(name)s style) is merged and masked."""
        cap.logger.info("%(user)s %(pw)s", {"user": "ada", "pw": secret})

        assert cap.text == "ada [REDACTED]\n"

    def test_clean_message_kept_as_is(self, redactor: Redactor) -> None:
        """A message without arguments or secrets keeps its very object."""
        msg = "nothing to hide here"
        record = make_record(msg)

        RedactingFilter(redactor=redactor).filter(record)

        assert record.msg is msg

    def test_dict_message_deep_redacted_without_mutation(
        self, redactor: Redactor, secret: str
    ) -> None:
        """A dict logged as the message is redacted deeply; the caller's dict is not
        touched."""
        payload = {"user": "ada", "password": "hunter2-hunter2", "nested": {"dsn": secret}}
        before = copy.deepcopy(payload)
        record = make_record(payload)

        RedactingFilter(redactor=redactor).filter(record)

        assert before == payload
        assert record.msg == {
            "user": "ada",
            "password": "[REDACTED]",
            "nested": {"dsn": "[REDACTED]"},
        }

    def test_non_string_message(self, cap: Capture, secret: str) -> None:
        """An exception logged as the message (log.error(exc)) is masked."""
        cap.logger.error(ValueError("token " + secret))

        assert cap.text == "token [REDACTED]\n"

    def test_bytes_arg(self, cap: Capture, secret: str) -> None:
        """%r of the secret's bytes is masked."""
        cap.logger.info("raw %r", (secret + "é").encode())

        assert secret not in cap.text
        assert "[REDACTED]" in cap.text

    def test_unmergeable_args_fail_closed(self, redactor: Redactor, secret: str) -> None:
        """When msg % args raises, the record says so with the format string and no
        argument, the failure is counted, and nothing is raised."""
        record = make_record("only %s here", secret, "extra-arg")

        assert RedactingFilter(redactor=redactor).filter(record) is True
        assert f"{FAILED_MARKER} only %s here" == record.getMessage()
        assert redactor.stats.failures == 1


class TestExceptions:
    def raise_and_log(self, cap: Capture, secret: str) -> None:
        try:
            raise RuntimeError("cannot connect: password=" + secret)
        except RuntimeError:
            cap.logger.exception("failed")

    def test_traceback_redacted(self, cap: Capture, secret: str) -> None:
        """The exception message inside the traceback is masked."""
        self.raise_and_log(cap, secret)

        assert secret not in cap.text
        assert "RuntimeError: cannot connect: password=[REDACTED]" in cap.text

    def test_clean_traceback_kept(self, cap: Capture) -> None:
        """A traceback with nothing to hide is written whole."""
        try:
            raise ValueError("nothing secret here")
        except ValueError:
            cap.logger.exception("failed")

        assert cap.text.startswith("failed\nTraceback (most recent call last):")
        assert cap.text.endswith("ValueError: nothing secret here\n")

    def test_clean_stack_info_kept(self, cap: Capture) -> None:
        """stack_info with nothing to hide is written whole."""
        cap.logger.info("where am I", stack_info=True)

        assert "Stack (most recent call last):" in cap.text

    def test_exc_info_moved_off_record(self, redactor: Redactor, secret: str) -> None:
        """exc_info is replaced by the redacted exc_text, and stays reachable through
        original_exc_info() for handlers that need the exception."""
        try:
            raise KeyError(secret)
        except KeyError:
            record = make_record("boom", exc_info=sys.exc_info())
        exc = record.exc_info

        RedactingFilter(redactor=redactor).filter(record)

        assert None is record.exc_info
        assert exc == original_exc_info(record)
        assert record.exc_text is not None
        assert record.exc_text.endswith("KeyError: '[REDACTED]'")

    def test_keep_exc_info(self, redactor: Redactor, secret: str) -> None:
        """keep_exc_info=True leaves exc_info; Formatter still writes the redacted
        exc_text."""
        try:
            raise KeyError(secret)
        except KeyError:
            record = make_record("boom", exc_info=sys.exc_info())

        RedactingFilter(redactor=redactor, keep_exc_info=True).filter(record)

        assert record.exc_info is not None
        assert secret not in logging.Formatter().format(record)

    def test_cached_exc_text_redacted(self, redactor: Redactor, secret: str) -> None:
        """A traceback a formatter cached before the filter ran is redacted too."""
        try:
            raise KeyError(secret)
        except KeyError:
            record = make_record("boom", exc_info=sys.exc_info())
        assert secret in logging.Formatter().format(record)  # caches exc_text

        RedactingFilter(redactor=redactor).filter(record)

        assert secret not in logging.Formatter().format(record)

    def test_stack_info(self, cap: Capture, secret: str) -> None:
        """stack_info is redacted (a frame's source line may quote a secret)."""
        record = make_record("here", stack_info="Stack:\n  x = '" + secret + "'")
        cap.handler.handle(record)

        assert secret not in cap.text


class TestExtra:
    def test_string_and_nested(self, redactor: Redactor, secret: str) -> None:
        """Non-standard attributes are redacted deeply; the caller's objects are left
        as they were."""
        ctx = {"url": "postgres://app:" + secret + "@db/app", "ids": [1, 2]}
        record = make_record("x", ctx=ctx, note="saw " + secret)

        RedactingFilter(redactor=redactor).filter(record)

        assert record.note == "saw [REDACTED]"
        assert record.ctx == {"url": "postgres://app:[REDACTED]@db/app", "ids": [1, 2]}
        assert secret in ctx["url"]

    def test_sensitive_key(self, redactor: Redactor) -> None:
        """An extra named like a credential is masked whatever it holds."""
        record = make_record("x", api_key="plain-looking-value", retries=3)

        RedactingFilter(redactor=redactor).filter(record)

        assert (record.api_key, record.retries) == ("[REDACTED]", 3)

    def test_object_with_secret_repr(self, redactor: Redactor, secret: str) -> None:
        """An object whose repr shows a secret is replaced by a stand-in that prints
        redacted, keeps its attributes reachable, and pickles to the redacted text."""

        class Request:
            path = "/callback"

            def __repr__(self) -> str:
                return f"<Request GET /callback?token={secret}>"

        record = make_record("x", request=Request())

        RedactingFilter(redactor=redactor).filter(record)

        assert isinstance(record.request, RedactedObject)
        assert str(record.request) == "<Request GET /callback?token=[REDACTED]>"
        assert record.request.path == "/callback"
        assert (
            pickle.loads(pickle.dumps(record.request)) == "<Request GET /callback?token=[REDACTED]>"
        )

    def test_clean_object_kept(self, redactor: Redactor) -> None:
        """An object with nothing secret in its text is kept as the very object."""
        marker = object()
        record = make_record("x", thing=marker)

        RedactingFilter(redactor=redactor).filter(record)

        assert marker is record.thing


class TestRobustness:
    def test_same_redactor_once(self, redactor: Redactor, secret: str) -> None:
        """A record passing two filters that share a Redactor is redacted once: the
        second leaves it alone (shown by text it would otherwise have masked)."""
        record = make_record("%s", secret)
        RedactingFilter(redactor=redactor).filter(record)
        record.msg = f"again {secret}"
        RedactingFilter(redactor=redactor).filter(record)

        assert record.msg == f"again {secret}"
        assert redactor.stats.masks["db"] == 1

    def test_mark_survives_a_filter_with_another_redactor(
        self, redactor: Redactor, secret: str
    ) -> None:
        """Filters A, B (another Redactor), then A and B again: the record still
        says both processed it, so neither touches it a second time (shown by text
        they would otherwise have masked)."""
        other_secret = fake_secret()
        record = make_record("%s", secret)
        first = RedactingFilter(redactor=redactor)
        other = RedactingFilter(secrets=[other_secret], rules=())
        first.filter(record)
        other.filter(record)
        record.msg = f"{secret} {other_secret}"
        first.filter(record)
        other.filter(record)

        assert record.msg == f"{secret} {other_secret}"
        assert record.args == ()
        assert redactor.stats.masks["db"] == 1

    def test_record_keeps_its_attributes(self, redactor: Redactor, secret: str) -> None:
        """The filter adds no attribute to a plain record (formatters that write
        every attribute show nothing new)."""
        record = make_record("%s", secret)
        before = set(record.__dict__)

        RedactingFilter(redactor=redactor).filter(record)

        assert set(record.__dict__) == before

    def test_pickled_record_is_new_to_another_redactor(
        self, redactor: Redactor, secret: str
    ) -> None:
        """A processed record pickled (to a multiprocessing queue) and read back holds
        plain args; its masks stay, and another Redactor still masks its own secrets."""
        other_secret = fake_secret()
        record = make_record("%s %s", secret, other_secret)
        flt = RedactingFilter(redactor=redactor)
        flt.filter(record)

        restored = pickle.loads(pickle.dumps(record))
        loaded_args = type(restored.args)
        flt.filter(restored)
        RedactingFilter(secrets=[other_secret], rules=()).filter(restored)

        assert loaded_args is tuple
        assert redactor.stats.masks["db"] == 1
        assert restored.getMessage() == "[REDACTED] [REDACTED]"

    def test_other_redactor_still_applies(self, redactor: Redactor, secret: str) -> None:
        """A second filter with another Redactor still masks its own secrets."""
        other = fake_secret()
        record = make_record("%s %s", secret, other)
        RedactingFilter(redactor=redactor).filter(record)
        RedactingFilter(secrets=[other], rules=()).filter(record)

        assert record.getMessage() == "[REDACTED] [REDACTED]"

    def test_internal_error_fails_closed(
        self, redactor: Redactor, secret: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If redaction itself raises, the record is still emitted with markers in
        place of its text and extras, and the failure is counted."""
        flt = RedactingFilter(redactor=redactor)

        def broken(*_: object) -> None:
            raise RuntimeError("boom")

        monkeypatch.setattr(flt, "_redact_record", broken)
        record = make_record("%s", secret, ctx={"v": secret})

        assert flt.filter(record) is True
        assert (record.getMessage(), record.ctx) == (FAILED_MARKER, FAILED_MARKER)
        assert redactor.stats.failures == 1

    def test_unprintable_extra(self, redactor: Redactor) -> None:
        """An extra whose repr raises becomes the failure marker; logging goes on."""

        class Broken:
            def __repr__(self) -> str:
                raise ValueError("no repr")

        record = make_record("x", thing=Broken())

        assert RedactingFilter(redactor=redactor).filter(record) is True
        assert record.thing == FAILED_MARKER


class TestConfiguration:
    def test_secrets_mapping_and_list(self) -> None:
        """secrets takes a mapping label -> value or a plain list."""
        a, b = fake_secret(), fake_secret()

        assert RedactingFilter(secrets={"pw": a}, rules=()).redactor.labels == ("pw",)
        assert len(RedactingFilter(secrets=[b], rules=()).redactor) == 1

    def test_secrets_from_env(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """secrets_from_env=True reads variables matching the default patterns; a list
        of names or globs reads those."""
        value = fake_secret()
        monkeypatch.setenv("BILLING_API_TOKEN", value)
        monkeypatch.setenv("CUSTOM_THING", value + "x")

        default = RedactingFilter(secrets_from_env=True, rules=()).redactor
        custom = RedactingFilter(secrets_from_env=["CUSTOM_*"], rules=()).redactor

        assert default.redact(value) == "[REDACTED]"
        assert custom.redact(value + "x") == "[REDACTED]"

    def test_secrets_from_files(self, tmp_path: pytest.TempPathFactory) -> None:
        """secrets_from_files reads a secrets directory (one secret per file)."""
        value = fake_secret()
        (tmp_path / "db-password").write_text(value + "\n")  # type: ignore[operator]

        redactor = RedactingFilter(secrets_from_files=str(tmp_path), rules=()).redactor

        assert redactor.labels == ("file:db-password",)

    def test_redactor_by_dotted_path(self) -> None:
        """redactor= a dotted path to a function returning a Redactor shares it."""
        flt = RedactingFilter(redactor="logredact.stdlib.default_redactor")

        assert default_redactor() is flt.redactor

    def test_no_arguments_use_default(self) -> None:
        """Without arguments the filter shares the process-wide default Redactor."""
        assert RedactingFilter().redactor is RedactingFilter().redactor

    def test_redactor_and_arguments_conflict(self, redactor: Redactor) -> None:
        """Giving a Redactor and Redactor arguments is an error naming them."""
        with pytest.raises(ValueError, match="secrets"):
            RedactingFilter(redactor=redactor, secrets=["x" * 10])

    def test_bad_dotted_path(self) -> None:
        """A dotted path that does not import is reported at construction."""
        with pytest.raises(ValueError, match="cannot be imported"):
            RedactingFilter(redactor="logredact.nowhere.REDACTOR")

    def test_repr_shows_counts_only(self, redactor: Redactor, secret: str) -> None:
        """The filter's repr never shows a secret."""
        assert secret not in repr(RedactingFilter(redactor=redactor))
