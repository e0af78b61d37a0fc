"""A real Django project: a request whose query string carries a secret hits a view
that raises with secrets in its message; the JSON log line and the admin e-mail are
both redacted.  Plus secrets_from_settings() on realistic settings.

Django's settings are configured once for the process (or overridden, if another
module configured them first) with LOGGING_CONFIG=None, so Django never touches the
logging of other tests; every test restores the loggers it configures.
"""

from __future__ import annotations

import io
import json
import logging
import logging.config
import re
import secrets
import sys
import types
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, quote_plus

import pytest

django = pytest.importorskip("django")

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import path  # noqa: E402

from logredact.django import (  # noqa: E402
    RedactingFilter,
    secrets_from_settings,
)
from logredact.stdlib import install, set_default_redactor, uninstall  # noqa: E402

DB_PASSWORD = "db-" + secrets.token_urlsafe(14)
API_KEY = "pk_" + secrets.token_hex(16)
REDIS_PASSWORD = "rd-" + secrets.token_urlsafe(14)
BROKER_PASSWORD = "mq-" + secrets.token_urlsafe(14)
ALL_SECRETS = (DB_PASSWORD, API_KEY, REDIS_PASSWORD, BROKER_PASSWORD)


def boom(request: HttpRequest) -> HttpResponse:
    """A view that fails the way real ones do: quoting credentials in the error."""
    raise RuntimeError(f"gateway refused key {settings.PAYMENT_API_KEY} (db {DB_PASSWORD})")


URLS = types.ModuleType("logredact_test_django_urls")
URLS.urlpatterns = [path("pay/", boom)]  # type: ignore[attr-defined]

SETTINGS: dict[str, Any] = {
    "DEBUG": False,
    "SECRET_KEY": "sk-" + secrets.token_urlsafe(32),
    "ALLOWED_HOSTS": ["testserver"],
    "ROOT_URLCONF": URLS.__name__,
    "INSTALLED_APPS": [],
    "MIDDLEWARE": [],
    "DATABASES": {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": ":memory:",
            "USER": "shop",
            "PASSWORD": DB_PASSWORD,
        }
    },
    "CACHES": {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://:{REDIS_PASSWORD}@cache:6379/0",
        }
    },
    "CELERY_BROKER_URL": f"amqp://shop:{BROKER_PASSWORD}@mq:5672//",
    "PAYMENT_API_KEY": API_KEY,
    "ADMINS": [("Ops", "ops@example.com")],
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "LOGGING_CONFIG": None,
    "USE_TZ": True,
}


@pytest.fixture(scope="module")
def django_project() -> Iterator[None]:
    sys.modules[URLS.__name__] = URLS
    if not settings.configured:
        settings.configure(**SETTINGS)
        django.setup()
        yield
    else:
        with override_settings(**SETTINGS):
            yield
    sys.modules.pop(URLS.__name__, None)


@pytest.fixture
def project(django_project: None) -> Iterator[None]:
    """Per test: an empty outbox, a fresh default Redactor, loggers put back."""
    mail.outbox = []
    names = ("django", "django.request", "django.server", "celery")
    saved = {
        name: (logging.getLogger(name).handlers[:], logging.getLogger(name).propagate)
        for name in names
    }
    yield
    uninstall()
    set_default_redactor(None)
    for name, (handlers, propagate) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers[:] = handlers
        logger.propagate = propagate


def logging_config(mail_handler: str) -> dict[str, Any]:
    """The shape of docs/django.md's LOGGING example."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": "logredact.django.RedactingFilter"}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            }
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["redact"],
            },
            "mail_admins": {"class": mail_handler, "level": "ERROR", "include_html": True},
        },
        "loggers": {
            "django.request": {
                "handlers": ["console", "mail_admins"],
                "level": "ERROR",
                "propagate": False,
            },
            "celery": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }


def forms(secret: str) -> list[str]:
    """The forms a secret takes in JSON, URLs and HTML."""
    return [
        secret,
        json.dumps(secret)[1:-1],
        quote(secret, safe=""),
        quote_plus(secret),
    ]


def assert_clean(text: str) -> None:
    for secret in ALL_SECRETS:
        for form in forms(secret):
            assert form not in text


def request_and_capture() -> tuple[int, str]:
    handler = logging.getLogger("django.request").handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    handler.setStream(stream)
    response = Client(raise_request_exception=False).get("/pay/", {"api_key": API_KEY})
    return response.status_code, stream.getvalue()


class TestDjangoProject:
    def test_request_log_and_admin_mail(self, project: None) -> None:
        """A 500 with secrets in the query string and the exception: the JSON line
        and the admin e-mail (subject, body, HTML) hold no secret, and still tell
        what happened."""
        logging.config.dictConfig(logging_config("logredact.django.RedactingAdminEmailHandler"))

        status, output = request_and_capture()

        assert status == 500
        (line,) = [json.loads(text) for text in output.splitlines()]
        assert line["message"] == "Internal Server Error: /pay/"
        assert line["status_code"] == 500
        assert "RuntimeError: gateway refused key [REDACTED] (db [REDACTED])" in line["exc_info"]
        assert "api_key=[REDACTED]" in line["request"]
        assert_clean(output)

        (message,) = mail.outbox
        html = message.alternatives[0][0]  # type: ignore[attr-defined]
        assert message.subject.endswith("Internal Server Error: /pay/")
        assert "RuntimeError" in message.body
        assert "gateway refused key [REDACTED]" in message.body
        assert "api_key" in message.body
        for text in (message.subject, message.body, html):
            assert_clean(text)

    def test_install_protects_plain_admin_email_handler(self, project: None) -> None:
        """install() also redacts the e-mails of Django's own AdminEmailHandler, whose
        report is built outside any filter."""
        logging.config.dictConfig(logging_config("django.utils.log.AdminEmailHandler"))
        install(RedactingFilter())

        status, output = request_and_capture()

        assert status == 500
        (message,) = mail.outbox
        assert "gateway refused key [REDACTED]" in message.body
        for text in (output, message.subject, message.body, message.alternatives[0][0]):  # type: ignore[attr-defined]
            assert_clean(text)

    def test_filter_protects_the_admin_email_handler_it_sits_on(self, project: None) -> None:
        """Django's own AdminEmailHandler with the Django filter in LOGGING (no
        install()) sends redacted e-mails: the filter takes care of the report."""
        config = logging_config("django.utils.log.AdminEmailHandler")
        config["handlers"]["mail_admins"]["filters"] = ["redact"]
        logging.config.dictConfig(config)

        request_and_capture()

        (message,) = mail.outbox
        assert "gateway refused key [REDACTED]" in message.body
        for text in (message.subject, message.body, message.alternatives[0][0]):  # type: ignore[attr-defined]
            assert_clean(text)

    def test_install_covers_django_default_logging(self, project: None) -> None:
        """After Django's DEFAULT_LOGGING, install() puts the filter on its console and
        mail_admins handlers, and the admin e-mail is redacted."""
        from django.utils.log import DEFAULT_LOGGING

        logging.config.dictConfig(DEFAULT_LOGGING)
        flt = install(RedactingFilter())
        handlers = {type(h).__name__: h for h in logging.getLogger("django").handlers}

        logging.getLogger("django.request").error("upstream said %s", API_KEY)

        assert flt in handlers["StreamHandler"].filters
        assert flt in handlers["AdminEmailHandler"].filters
        (message,) = mail.outbox
        assert message.subject.endswith("upstream said [REDACTED]")
        assert_clean(message.subject + message.body)

    def test_celery_style_task_args(self, project: None) -> None:
        """A task logged with its arguments (celery's style) is redacted."""
        logging.config.dictConfig(logging_config("logredact.django.RedactingAdminEmailHandler"))
        handler = logging.getLogger("celery").handlers[0]
        assert isinstance(handler, logging.StreamHandler)
        stream = io.StringIO()
        handler.setStream(stream)

        logging.getLogger("celery.app.trace").info(
            "Task %s[%s] received: args=%r",
            "billing.charge",
            "3f1c",
            ("ada", {"broker": settings.CELERY_BROKER_URL}),
        )

        assert json.loads(stream.getvalue())["message"].startswith("Task billing.charge[3f1c]")
        assert_clean(stream.getvalue())


class TestLazyHarvest:
    def test_harvests_on_first_record(self, project: None) -> None:
        """The filter gathers the settings' secrets when the first record arrives,
        not when it is built."""
        flt = RedactingFilter(secrets=["placeholder-secret"], rules=())
        assert not any(label.startswith("settings:") for label in flt.redactor.labels)

        flt.filter(logging.LogRecord("x", logging.INFO, "", 0, "hi", (), None))

        assert "settings:DATABASES.default.PASSWORD" in flt.redactor.labels

    def test_concurrent_first_records(self, project: None, monkeypatch: pytest.MonkeyPatch) -> None:
        """Records arriving at once on many threads all wait for the one harvest and
        come out redacted."""
        import threading
        import time

        import logredact.django as module

        calls: list[int] = []
        real = module.secrets_from_settings

        def slow(*args: Any, **kwargs: Any) -> dict[str, str]:
            calls.append(1)
            time.sleep(0.05)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, "secrets_from_settings", slow)
        flt = RedactingFilter(secrets=["placeholder-secret"], rules=())
        records = [
            logging.LogRecord("x", logging.INFO, "", 0, "db %s", (DB_PASSWORD,), None)
            for _ in range(8)
        ]
        start = threading.Barrier(len(records))

        def work(record: logging.LogRecord) -> None:
            start.wait()
            flt.filter(record)

        threads = [threading.Thread(target=work, args=(r,)) for r in records]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert len(calls) == 1
        assert {r.getMessage() for r in records} == {"db [REDACTED]"}

    def test_retries_while_settings_not_ready(
        self, project: None, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If settings are not ready yet, the next record tries again."""
        from django.core.exceptions import ImproperlyConfigured

        import logredact.django as module

        calls: list[int] = []
        real = module.secrets_from_settings

        def flaky(*args: Any, **kwargs: Any) -> dict[str, str]:
            calls.append(1)
            if len(calls) == 1:
                raise ImproperlyConfigured("not yet")
            return real(*args, **kwargs)

        monkeypatch.setattr(module, "secrets_from_settings", flaky)
        flt = RedactingFilter(secrets=["placeholder-secret"], rules=())
        for _ in range(3):
            flt.filter(logging.LogRecord("x", logging.INFO, "", 0, "hi", (), None))

        assert len(calls) == 2
        assert "settings:PAYMENT_API_KEY" in flt.redactor.labels


class TestSecretsFromSettings:
    def realistic(self) -> dict[str, Any]:
        token = secrets.token_urlsafe
        return {
            "SECRET_KEY": token(40),
            "SECRET_KEY_FALLBACKS": [token(40)],
            "DEBUG": False,
            "DATABASES": {
                "default": {"ENGINE": "django.db.backends.mysql", "PASSWORD": token(12)},
                "replica": {"ENGINE": "django.db.backends.mysql", "PASSWORD": ""},
            },
            "CACHES": {
                "default": {
                    "BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": [f"redis://:{token(12)}@r1:6379/0", "redis://r2:6379/0"],
                    "KEY_PREFIX": "amo-production-v2",
                }
            },
            "DATABASE_URL": f"mysql://amo:{token(12)}@db/amo",
            "CELERY_BROKER_URL": f"amqp://amo:{token(12)}@rabbit//",
            "FXA_CONFIG": {"default": {"client_id": "abc123", "client_secret": token(24)}},
            "AWS_SECRET_ACCESS_KEY": token(30),
            "SIGNING_SERVER": "https://signer.internal",
            "GITHUB_API_TOKEN": "short",
            "EMAIL_PORT": 587,
            "PASSWORD_HASHERS": ["django.contrib.auth.hashers.PBKDF2PasswordHasher"],
            "AUTH_USER_MODEL": "users.UserProfile",
            "LANGUAGE_CODE": "en-us",
        }

    def test_realistic_settings(self) -> None:
        """Every secret-bearing setting is found under a label naming it; settings
        that only look sensitive, short values and non-strings are skipped."""
        conf = self.realistic()

        found = secrets_from_settings(conf)

        assert found == {
            "settings:SECRET_KEY": conf["SECRET_KEY"],
            "settings:SECRET_KEY_FALLBACKS.0": conf["SECRET_KEY_FALLBACKS"][0],
            "settings:DATABASES.default.PASSWORD": conf["DATABASES"]["default"]["PASSWORD"],
            "settings:CACHES.default.LOCATION.0:password": re.findall(
                r"redis://:([^@]+)@", conf["CACHES"]["default"]["LOCATION"][0]
            )[0],
            "settings:DATABASE_URL:password": re.findall(r":([^:@]+)@", conf["DATABASE_URL"])[0],
            "settings:CELERY_BROKER_URL:password": re.findall(
                r":([^:@]+)@", conf["CELERY_BROKER_URL"]
            )[0],
            "settings:FXA_CONFIG.default.client_secret": conf["FXA_CONFIG"]["default"][
                "client_secret"
            ],
            "settings:AWS_SECRET_ACCESS_KEY": conf["AWS_SECRET_ACCESS_KEY"],
        }

    def test_object_settings_and_custom_reporter_filter(self) -> None:
        """Settings as an object work, and the project's own exception reporter filter
        decides which names are secret."""
        module = types.ModuleType("logredact_test_reporter")

        class StrictFilter:
            hidden_settings = re.compile("VAULT", re.I)

        module.StrictFilter = StrictFilter  # type: ignore[attr-defined]
        sys.modules[module.__name__] = module
        try:
            conf = types.SimpleNamespace(
                DEFAULT_EXCEPTION_REPORTER_FILTER="logredact_test_reporter.StrictFilter",
                VAULT_ROLE_ID="role-" + secrets.token_hex(8),
                SECRET_KEY="sk-" + secrets.token_hex(16),
            )
            found = secrets_from_settings(conf)
        finally:
            del sys.modules[module.__name__]

        assert found == {"settings:VAULT_ROLE_ID": conf.VAULT_ROLE_ID}

    def test_mailers_setting(self) -> None:
        """Django 6.1's MAILERS (which replaces the EMAIL_* settings) keeps the SMTP
        password in a nested OPTIONS dict: it is found there."""
        password = secrets.token_urlsafe(16)
        conf = {
            "MAILERS": {
                "default": {
                    "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                    "OPTIONS": {
                        "host": "smtp.example.com",
                        "username": "app",
                        "password": password,
                    },
                }
            }
        }

        assert secrets_from_settings(conf) == {
            "settings:MAILERS.default.OPTIONS.password": password
        }

    def test_min_length(self) -> None:
        """min_length moves the cut-off for short values."""
        conf = {"API_TOKEN": "abcd1234"}

        assert secrets_from_settings(conf) == {"settings:API_TOKEN": "abcd1234"}
        assert secrets_from_settings(conf, min_length=12) == {}
