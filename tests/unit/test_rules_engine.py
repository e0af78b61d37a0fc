"""How rules run: keyword windows, whole-token masking, placeholders, allow-lists,
choosing and disabling rules, custom rules from plain data, and error messages."""

from __future__ import annotations

import secrets
import string
import zlib

import pytest

from logredact import Redactor, Rule
from logredact.rules import BUILTIN_RULES, is_placeholder, resolve_rules
from logredact.rules._validators import base62, prefixed_crc32_token

MASK = "[REDACTED]"


def ghp() -> str:
    """A random GitHub-format token with a correct checksum (never a real one)."""
    body = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(30))
    return "ghp_" + body + base62(zlib.crc32(body.encode()))


def by_id(rule_id: str) -> Rule:
    return next(rule for rule in BUILTIN_RULES if rule.id == rule_id)


class TestWindows:
    def test_match_may_start_before_its_keyword_within_lookbehind(self) -> None:
        """A rule whose keyword sits inside the token (Telegram's ":AA") still masks
        the digits before the keyword."""
        token = "123456789:AA" + secrets.token_urlsafe(25)[:33]
        out = Redactor(rules=["telegram-bot-token"]).redact(f"bot {token} ready")
        assert f"bot {MASK} ready" == out

    def test_keyword_far_from_match_start_is_not_enough(self) -> None:
        """A custom rule only finds matches that start within ``lookbehind`` of the
        keyword: the window is bounded."""
        rule = {"id": "far", "pattern": r"start-[a-z]{1,40}-kw", "keywords": ["kw"]}
        text = "start-abcdefghijklmnop-kw"
        assert text == Redactor(rules=[rule]).redact(text)
        near = {**rule, "lookbehind": 30}
        assert Redactor(rules=[near]).redact(text) == MASK

    def test_every_hit_of_a_dense_keyword_is_masked(self) -> None:
        """Several matches of one rule in a line are all masked."""
        tokens = [ghp() for _ in range(5)]
        out = Redactor(rules=["github"]).redact(" , ".join(tokens))
        assert " , ".join([MASK] * 5) == out

    def test_keywords_match_in_any_configured_case(self) -> None:
        """``keywords_ignore_case`` lets ``PASSWORD=`` and ``Password:`` trigger the
        same rule as ``password=``."""
        r = Redactor(rules=["password-assignment"])
        for name in ("password", "PASSWORD", "Password", "dbPassword", "DB_PASSWORD"):
            assert f"{name}={MASK}" == r.redact(f"{name}=hunter2x")

    def test_case_fixed_prefixes_need_their_case(self) -> None:
        """A case-fixed prefix (``AKIA``) in another case is not a key id."""
        r = Redactor(rules=["aws-access-key-id"])
        key = "AKIA" + "".join(
            secrets.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)
        )
        assert r.redact(key) == MASK
        assert key.lower() == r.redact(key.lower())


class TestWholeToken:
    def test_longer_variant_is_masked_whole(self) -> None:
        """A token longer than the documented length is masked to its end, no tail left."""
        token = "glpat-" + secrets.token_urlsafe(40).replace("-", "a")
        out = Redactor(rules=["gitlab-personal-access-token"]).redact(f"t={token};")
        assert f"t={MASK};" == out

    def test_context_rule_keeps_the_key(self) -> None:
        """``password=hunter2`` keeps ``password=`` and masks only the value."""
        out = Redactor(rules=["password-assignment"]).redact("login password=hunter2x ok")
        assert f"login password={MASK} ok" == out

    def test_url_keeps_user_and_host(self) -> None:
        """A URL's password is masked; scheme, user, host and path stay."""
        pw = secrets.token_urlsafe(12)
        out = Redactor().redact(f"postgres://app:{pw}@db.internal:5432/app")
        assert f"postgres://app:{MASK}@db.internal:5432/app" == out

    def test_redis_url_with_empty_user(self) -> None:
        """``redis://:password@host`` masks the password."""
        pw = secrets.token_urlsafe(12)
        assert f"redis://:{MASK}@cache:6379/0" == Redactor().redact(f"redis://:{pw}@cache:6379/0")

    def test_json_escaped_private_key_is_masked_whole(self) -> None:
        """A PEM block inside JSON (escaped newlines) is masked from BEGIN to END."""
        body = "\\n".join(secrets.token_urlsafe(48) for _ in range(4))
        block = f"-----BEGIN PRIVATE KEY-----\\n{body}\\n-----END PRIVATE KEY-----\\n"
        out = Redactor().redact(f'{{"bundle": "{block}", "x": 1}}')
        assert f'{{"bundle": "{MASK}\\n", "x": 1}}' == out

    def test_checksum_decides_github_tokens(self) -> None:
        """A ``ghp_`` token with a wrong checksum is not a GitHub token."""
        good = ghp()
        bad = good[:-1] + ("A" if good[-1] != "A" else "B")
        assert prefixed_crc32_token(good)
        assert not prefixed_crc32_token(bad)
        r = Redactor(rules=["github-classic-token"])
        assert r.redact(good) == MASK
        assert bad == r.redact(bad)


class TestPlaceholders:
    @pytest.mark.parametrize(
        "value",
        [
            "None",
            "null",
            "true",
            "False",
            "***",
            "[REDACTED]",
            "<your-password>",
            "${DB_PASSWORD}",
            "{{ vault_password }}",
            "%(password)s",
            "changeme",
        ],
    )
    def test_placeholders_are_kept(self, value: str) -> None:
        """Assigned placeholders are not credentials and stay as they are."""
        assert is_placeholder(value)
        for text in (f"password={value}", f'"password": "{value}"', f"password: '{value}'"):
            assert text == Redactor().redact(text)

    @pytest.mark.parametrize(
        "text",
        [
            "token_count=12",
            "password_reset=true",
            "secret_santa=alice",
            "max_tokens=100",
            "request_id=7d1c2a34-e2f5-4d8b-9a0e-3c5f9a1b2c3d",
            "commit=3f786850e387550fdab836ed7e6dc881de23001b",
            "sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "contact ops@example.com about /srv/app/releases/42",
            "version 4.2.1 released 2026-12-03T10:00:00Z",
        ],
    )
    def test_ordinary_values_are_kept(self, text: str) -> None:
        """Ids, digests, e-mails, paths, versions and near-miss keys are not masked."""
        assert text == Redactor().redact(text)


#: Lines from real frameworks that talk about credentials without holding one.
NEAR_MISSES = [
    "Forbidden (CSRF token missing.): /api/login/",
    "Invalid token: signature has expired",
    "ValueError: password must contain at least 8 characters",
    "password_changed=True user=bob",
    "auth=ok user=bob method=password",
    "secret_name=prod/db secret_version=3",
    "token_endpoint=https://auth.example.com/oauth2/token",
    "Sorting by key=created_at desc",
    'WWW-Authenticate: Bearer realm="api", error="invalid_token"',
    "session started for user 42 session_timeout=3600",
    "Connecting to postgres://app@db:5432/app",
    "https://user@github.com/acme/app.git fetched",
    "PYTHONPATH=/app:/app/lib PWD=/app HOME=/root",
    "aws_access_key_id = None",
    "openai.AuthenticationError: Incorrect API key provided: sk-proj-****abcd",
    'api_key: "{{ .Values.apiKey }}"',
    "password: !vault |",
    "client_secret: ${GOOGLE_CLIENT_SECRET}",
    'SECRET_KEY = env("DJANGO_SECRET_KEY")',
    "max_tokens=4096 prompt_tokens=1200 completion_tokens=300 total_tokens=1500",
    "Bearer token expired at 2026-12-03T10:00:00Z",
    "private_key_path=/etc/ssl/private/server.key",
    'token_type=bearer expires_in=3600 scope="read write"',
    "password = request.POST.get('password')",
    "GET /callback?country_code=US&error_code=E42 200",
]


class TestNearMisses:
    @pytest.mark.parametrize("line", NEAR_MISSES)
    def test_lines_about_credentials_are_kept(self, line: str) -> None:
        """Log lines that mention credentials without holding one come back unchanged."""
        assert line == Redactor().redact(line)


class TestAllowlist:
    def test_allowed_value_is_kept(self) -> None:
        """A value in ``allow`` is never masked by a rule."""
        token = ghp()
        assert f"t={token}" == Redactor(allow=[token]).redact(f"t={token}")

    def test_allow_pattern_keeps_test_fixtures(self) -> None:
        """A match fully matching an ``allow_patterns`` entry is kept."""
        r = Redactor(allow_patterns=[r"sk_test_[A-Za-z0-9]+"])
        test_key = "sk_test_" + secrets.token_hex(16)
        live_key = "sk_live_" + secrets.token_hex(16)
        assert test_key == r.redact(test_key)
        assert r.redact(live_key) == MASK

    def test_known_secret_is_masked_even_if_allowed(self) -> None:
        """``allow`` only applies to rules: a registered secret is still masked."""
        token = ghp()
        assert Redactor(secrets=[token], allow=[token]).redact(token) == MASK


class TestChoosingRules:
    def test_disable_by_id(self) -> None:
        """``disable_rules`` with a rule id leaves the others running."""
        token = ghp()
        r = Redactor(disable_rules=["github-classic-token"])
        assert token == r.redact(token)
        assert f"password={MASK}" == r.redact("password=hunter2x")

    def test_disable_by_provider_tag(self) -> None:
        """Disabling a provider removes every rule of that provider."""
        ids = {rule.id for rule in resolve_rules(None, disable=["slack"])}
        assert not ids & {"slack-bot-token", "slack-user-token", "slack-webhook-url"}
        assert "github-classic-token" in ids

    def test_choose_by_tag(self) -> None:
        """A tag in ``rules`` selects the rules carrying it."""
        assert {"private-key", "pgp-private-key-block"} == {
            rule.id for rule in resolve_rules(["key-block"])
        }

    def test_unknown_id_is_an_error(self) -> None:
        """A typo in ``disable_rules`` raises instead of disabling nothing."""
        with pytest.raises(ValueError, match="githbu"):
            Redactor(disable_rules=["githbu"])

    def test_no_rules(self) -> None:
        """``rules=()`` runs no credential shape."""
        token = ghp()
        assert token == Redactor(rules=()).redact(token)


class TestCustomRules:
    def test_rule_from_plain_data(self) -> None:
        """A custom rule given as a dict (as a LOGGING config carries it) masks its group."""
        rule = {
            "id": "acme-token",
            "pattern": r"acme_([0-9a-f]{32})",
            "keywords": ["acme_"],
            "secret_group": 1,
            "keywords_ignore_case": False,
        }
        value = secrets.token_hex(16)
        r = Redactor(rules=["builtin", rule])
        assert f"key acme_{MASK} end" == r.redact(f"key acme_{value} end")
        assert "acme-token" in {rule.id for rule in r.rules}

    def test_custom_rule_label_appears_in_masks(self) -> None:
        """The rule id labels the mask."""
        rule = {"id": "acme-token", "pattern": r"acme_[0-9a-f]{32}", "keywords": "acme_"}
        r = Redactor(rules=[rule], mask="[{label}]")
        assert r.redact("acme_" + secrets.token_hex(16)) == "[acme-token]"

    @pytest.mark.parametrize(
        ("data", "expected"),
        [
            ({"id": "Bad Id", "pattern": "x", "keywords": ["x"]}, "kebab-case"),
            ({"id": "unbounded", "pattern": r"k\w+", "keywords": ["k"]}, "unbounded"),
            ({"id": "broken", "pattern": r"k(", "keywords": ["k"]}, "broken"),
            ({"id": "nokw", "pattern": "x"}, "nokw"),
            ({"id": "extra", "pattern": "x", "keywords": ["x"], "colour": 1}, "extra"),
            ({"id": "grp", "pattern": "x", "keywords": ["x"], "secret_group": 3}, "grp"),
        ],
    )
    def test_errors_name_the_rule(self, data: dict[str, object], expected: str) -> None:
        """Invalid custom rules raise at construction, naming the rule."""
        with pytest.raises(ValueError, match=expected):
            Redactor(rules=[data])

    def test_errors_never_quote_the_pattern(self) -> None:
        """An invalid pattern's error names the rule, not the pattern text (which may
        embed a literal secret)."""
        literal = "hunter2-" + secrets.token_hex(8)
        with pytest.raises(ValueError, match="leaky") as info:
            Redactor(rules=[{"id": "leaky", "pattern": literal + "(", "keywords": ["h"]}])
        assert literal not in str(info.value)
        assert "leaky" in str(info.value)

    def test_backreferences_keep_their_meaning(self) -> None:
        """A custom pattern with a numbered backreference matches as written."""
        rule = {
            "id": "quoted-tok",
            "pattern": r"""(['"])tok_[a-z]{4}\1""",
            "keywords": ["tok_"],
            "lookbehind": 1,
        }
        r = Redactor(rules=[rule])
        assert r.redact('x "tok_abcd" y') == f"x {MASK} y"
        assert r.redact("x 'tok_abcd\" y") == "x 'tok_abcd\" y"

    def test_failing_validator_keeps_the_match(self) -> None:
        """A validator that raises cannot hide a credential: the match is masked."""

        def broken(_: str) -> bool:
            raise RuntimeError

        rule = Rule(id="strict", pattern=r"tok_[a-z]{8}", keywords=("tok_",), validator=broken)
        assert Redactor(rules=[rule]).redact("tok_abcdefgh") == MASK
