"""Redactor.redact_value: deep redaction of structured data, sensitive keys, objects."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import secrets
import uuid
from collections import OrderedDict, namedtuple
from typing import Any

import pytest

from logredact import FAILED_MARKER, Redactor
from logredact.keys import KeyMatcher, normalise_key


@pytest.fixture
def secret() -> str:
    return secrets.token_urlsafe(16)


@pytest.fixture
def redactor(secret: str) -> Redactor:
    return Redactor(secrets={"tok": secret}, rules=())


class TestContainers:
    def test_nested_containers_redacted(self, redactor: Redactor, secret: str) -> None:
        """Secrets inside dicts, lists, tuples, sets and frozensets are masked."""
        value = {"a": [secret, (1, secret)], "b": {secret, "x"}, "c": frozenset([secret])}

        out = redactor.redact_value(value)

        assert {
            "a": ["[REDACTED]", (1, "[REDACTED]")],
            "b": {"[REDACTED]", "x"},
            "c": frozenset(["[REDACTED]"]),
        } == out

    def test_input_never_mutated(self, redactor: Redactor, secret: str) -> None:
        """The caller's objects are left exactly as they were."""
        value = {"user": {"token": secret, "tags": [secret]}, "password": "x" * 9}
        before = copy.deepcopy(value)

        redactor.redact_value(value)

        assert before == value

    def test_unchanged_returns_same_object(self, redactor: Redactor) -> None:
        """Clean data comes back as the very same object."""
        value = {"a": [1, 2, {"b": "c"}], "when": datetime.date(2026, 1, 2)}

        assert redactor.redact_value(value) is value

    def test_keys_are_redacted(self, redactor: Redactor, secret: str) -> None:
        """A secret used as a key is masked too."""
        assert redactor.redact_value({secret: 1}) == {"[REDACTED]": 1}

    def test_namedtuple_kept(self, redactor: Redactor, secret: str) -> None:
        """A namedtuple stays a namedtuple of the same type."""
        Pair = namedtuple("Pair", "a b")

        out = redactor.redact_value(Pair(secret, 2))

        assert Pair("[REDACTED]", 2) == out
        assert type(out) is Pair

    def test_mapping_subclass(self, redactor: Redactor, secret: str) -> None:
        """Mapping subclasses are redacted as plain dicts."""
        assert redactor.redact_value(OrderedDict(k=secret)) == {"k": "[REDACTED]"}

    def test_bytes(self, redactor: Redactor, secret: str) -> None:
        """Bytes are redacted as bytes; undecodable bytes survive."""
        out = redactor.redact_value(b"\xff\xfe " + secret.encode() + b" end")

        assert out == b"\xff\xfe [REDACTED] end"

    def test_cycles(self, redactor: Redactor, secret: str) -> None:
        """A self-referencing structure terminates and is redacted."""
        value: list[Any] = [secret]
        value.append(value)

        out = redactor.redact_value(value)

        assert out == ["[REDACTED]", "<cycle>"]

    def test_depth_limit(self, secret: str) -> None:
        """Beyond max_depth the rest becomes a redacted repr."""
        r = Redactor(secrets=[secret], rules=(), max_depth=3)
        value: Any = secret
        for _ in range(10):
            value = [value]

        out = r.redact_value(value)

        assert secret not in repr(out)
        assert "[REDACTED]" in repr(out)


class TestSensitiveKeys:
    @pytest.mark.parametrize(
        "key",
        [
            "password",
            "DB_PASSWORD",
            "passwd",
            "pwd",
            "secret",
            "client_secret",
            "clientSecret",
            "token",
            "access_token",
            "api_key",
            "apikey",
            "X-Api-Key",
            "authorization",
            "Proxy-Authorization",
            "cookie",
            "Set-Cookie",
            "session",
            "sessionid",
            "csrftoken",
            "private_key",
            "credentials",
            "aws_secret_access_key",
            "HTTP_COOKIE",
            "xsrftoken",
            "dbpassword",
        ],
    )
    def test_sensitive(self, redactor: Redactor, key: str) -> None:
        """A value under a secret-named key is masked whatever it looks like."""
        assert {key: "[REDACTED]"} == redactor.redact_value({key: "plain-value"})

    @pytest.mark.parametrize(
        "key",
        [
            "token_count",
            "password_reset_url",
            "secret_santa",
            "key",
            "author",
            "passenger",
            "session_count",
            "tokenizer",
            "cookie_policy",
        ],
    )
    def test_not_sensitive(self, redactor: Redactor, key: str) -> None:
        """Keys that merely contain a secret-ish word are left alone."""
        value = {key: "plain-value"}

        assert redactor.redact_value(value) is value

    def test_whole_container_masked(self, redactor: Redactor) -> None:
        """A container under a sensitive key is masked as a whole."""
        out = redactor.redact_value({"credentials": {"user": "u", "pass": "p"}})

        assert out == {"credentials": "[REDACTED]"}

    def test_none_and_empty_kept(self, redactor: Redactor) -> None:
        """None, empty strings and booleans under sensitive keys carry nothing: kept."""
        value = {"password": None, "token": "", "secret": False}

        assert redactor.redact_value(value) is value

    def test_custom_keys(self, secret: str) -> None:
        """The keys option replaces the sensitive names."""
        r = Redactor(rules=(), keys=["ssn"])

        assert r.redact_value({"ssn": "078-05-1120", "password": "x"}) == {
            "ssn": "[REDACTED]",
            "password": "x",
        }

    def test_key_masks_counted(self, redactor: Redactor) -> None:
        """Masks by key are counted under key:<name>."""
        redactor.redact_value({"password": "abc"})

        assert redactor.stats.masks["key:password"] == 1

    def test_normalise(self) -> None:
        """Keys split at separators and camelCase."""
        assert normalise_key("awsSecretAccessKey") == ("aws", "secret", "access", "key")
        assert normalise_key("HTTP_COOKIE") == ("http", "cookie")

    def test_key_matcher_rejects_string(self) -> None:
        """keys='password' (a str) is an error, not a set of characters."""
        with pytest.raises(TypeError, match='"keys"'):
            KeyMatcher("password")


class TestObjects:
    def test_exception_becomes_redacted_repr(self, redactor: Redactor, secret: str) -> None:
        """An exception becomes its repr, redacted."""
        out = redactor.redact_value({"error": ValueError(f"bad token {secret}")})

        assert out == {"error": "ValueError('bad token [REDACTED]')"}

    def test_arbitrary_object(self, redactor: Redactor, secret: str) -> None:
        """Objects that are not plain data become their redacted repr."""

        class Conn:
            def __repr__(self) -> str:
                return f"<Conn dsn=postgres://u:{secret}@h/db>"

        assert redactor.redact_value(Conn()) == "<Conn dsn=postgres://u:[REDACTED]@h/db>"

    def test_clean_object_still_stringified(self, redactor: Redactor) -> None:
        """A clean arbitrary object becomes its repr: a renderer would do the same."""

        class Thing:
            def __repr__(self) -> str:
                return "<Thing>"

        assert redactor.redact_value(Thing()) == "<Thing>"

    def test_broken_repr(self, redactor: Redactor) -> None:
        """An object whose repr raises becomes the failure marker."""

        class Broken:
            def __repr__(self) -> str:
                raise RuntimeError

        assert redactor.redact_value([Broken()]) == [FAILED_MARKER]
        assert redactor.stats.failures == 1

    def test_dataclass_fields(self, redactor: Redactor, secret: str) -> None:
        """A dataclass is shown field by field, sensitive fields masked."""

        @dataclasses.dataclass
        class Creds:
            user: str
            password: str
            note: str

        out = redactor.redact_value(Creds("ada", "hunter2!", f"see {secret}"))

        expected = f"{Creds.__qualname__}(user='ada', password=[REDACTED], note='see [REDACTED]')"
        assert expected == out

    def test_scalars_kept(self, redactor: Redactor) -> None:
        """Numbers, datetimes and UUIDs stay themselves (renderers format them)."""
        when = datetime.datetime(2026, 12, 3, 12, 0)
        ident = uuid.uuid4()

        assert [3, 2.5, when, ident] == redactor.redact_value([3, 2.5, when, ident])

    def test_numeric_secret(self) -> None:
        """A number whose digits are a registered secret is masked."""
        r = Redactor(secrets=["987654321"], rules=())

        assert r.redact_value([987654321]) == ["[REDACTED]"]

    @pytest.mark.parametrize(
        "value",
        [987654321, -987654321, 987654321.25, 1.987654321e-05],
        ids=["int", "negative", "float", "exponent"],
    )
    def test_numeric_secret_in_a_clean_looking_record(self, value: float) -> None:
        """The batched clean check reads numbers when a secret is all digits: an
        int or float holding it, among other fields, is not vouched clean."""
        secret = "987654321"
        r = Redactor(secrets=[secret, secrets.token_urlsafe(16)])
        record = {"msg": "paid", "account": {"n": value, "tags": ["a", 1]}, "n": 2}

        assert not r.is_clean(record)
        assert secret not in repr(r.redact_value(record))

    def test_numbers_skipped_when_no_pattern_fits_in_one(self, redactor: Redactor) -> None:
        """With no all-digit secret, numbers never make a record dirty."""
        record = {"msg": "paid", "amount": 12345678901234567890, "ratio": 1e300}

        assert redactor.is_clean(record)
        assert redactor.redact_value(record) is record
