"""logredact.testing: leak assertions that never echo a secret, and capture_logs."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from urllib.parse import quote

import pytest
import structlog

from logredact.structlog import RedactProcessor
from logredact.testing import (
    assert_no_secrets,
    capture_logs,
    configured_processors,
    find_secrets,
    secret_forms,
)


@pytest.fixture(autouse=True)
def _reset_structlog() -> Iterator[None]:
    yield
    structlog.reset_defaults()


@pytest.fixture
def nasty() -> str:
    """A secret that every encoding changes: quotes, backslash, non-ASCII, space."""
    return f"p'\"\\é {secrets.token_hex(6)}"


class TestSecretForms:
    def test_forms_differ_for_nasty_secret(self, nasty: str) -> None:
        """Each encoding of a secret with special characters is its own form."""
        forms = secret_forms(nasty)

        assert {"raw", "json", "json-unicode", "repr", "ascii", "url", "url-plus"} == set(forms)
        assert json.dumps(nasty)[1:-1] == forms["json"]

    def test_forms_deduplicated(self) -> None:
        """A plain token has one form: raw."""
        assert list(secret_forms(secrets.token_hex(8))) == ["raw"]


class TestFindSecrets:
    @pytest.mark.parametrize(
        ("encode", "form"),
        [
            (lambda s: s, "raw"),
            (lambda s: json.dumps({"k": s}), "json"),
            (lambda s: json.dumps({"k": s}, ensure_ascii=False), "json-unicode"),
            (lambda s: repr({"k": s}), "repr"),
            (lambda s: quote(s, safe=""), "url"),
        ],
    )
    def test_finds_each_form(self, nasty: str, encode: object, form: str) -> None:
        """The secret is found raw, JSON-escaped, as a repr and URL-encoded."""
        output = "prefix " + encode(nasty)  # type: ignore[operator]

        leaks = find_secrets(output, [nasty])

        assert [form] == [leak.form for leak in leaks]

    def test_clean_output(self, nasty: str) -> None:
        """No leak in output that holds only the mask."""
        assert find_secrets('{"k": "[REDACTED]"}', [nasty]) == []

    def test_bytes_and_captured_entries(self, nasty: str) -> None:
        """Bytes and captured event dicts are searched too."""
        assert len(find_secrets(nasty.encode(), [nasty])) == 1
        assert len(find_secrets([{"event": "x", "nested": {"v": nasty}}], [nasty])) == 1

    def test_offsets_and_indexes(self) -> None:
        """A leak says which secret (by index and label) and where."""
        a, b = secrets.token_hex(8), secrets.token_hex(8)

        leaks = find_secrets(f"..{b}", {"first": a, "second": b})

        assert [(x.index, x.label, x.length, x.offset) for x in leaks] == [(1, "second", 16, 2)]

    def test_single_string_refused(self) -> None:
        """A bare string is not taken as a list of one-character secrets."""
        with pytest.raises(TypeError, match="secrets"):
            find_secrets("x", "abcdefgh")  # type: ignore[arg-type]


class TestAssertNoSecrets:
    def test_passes_on_clean_output(self, nasty: str) -> None:
        """Clean output passes."""
        assert_no_secrets("all [REDACTED] here", [nasty])

    def test_failure_never_shows_the_secret(self, nasty: str) -> None:
        """The failure names the secret by index, label and length, never by value."""
        with pytest.raises(AssertionError) as info:
            assert_no_secrets(json.dumps({"pw": nasty}), {"db": nasty})

        message = str(info.value)
        assert f"secret #0 'db' ({len(nasty)} characters)" in message
        assert "json form" in message
        assert find_secrets(message, [nasty]) == []


class TestCaptureLogs:
    def test_processors_run_before_capture(self) -> None:
        """Events are captured after the given processors: redacted."""
        secret = secrets.token_urlsafe(16)
        proc = RedactProcessor(secrets=[secret], rules=())

        with capture_logs(processors=[proc]) as entries:
            structlog.get_logger().info("hi", token_value=secret)

        assert entries == [{"event": "hi", "token_value": "[REDACTED]", "log_level": "info"}]

    def test_configuration_restored(self) -> None:
        """The configured chain is back after the block."""
        chain = [structlog.processors.add_log_level, structlog.processors.JSONRenderer()]
        structlog.configure(processors=chain)

        with capture_logs():
            pass

        assert chain == structlog.get_config()["processors"]

    def test_configured_processors_drops_renderer(self) -> None:
        """``configured_processors()`` is the chain without its renderer, as a copy."""
        proc = RedactProcessor(rules=())
        structlog.configure(processors=[proc, structlog.processors.JSONRenderer()])

        chain = configured_processors()

        assert [proc] == chain
        assert chain is not structlog.get_config()["processors"]
