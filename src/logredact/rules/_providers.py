"""Provider rules: tokens a vendor issues in a recognisable format.

Format facts come from each vendor's documentation or announcement (cited beside the
rule); the regular expressions are our own.  Conventions:

* a prefix-token pattern starts with its literal prefix and a left boundary, so the
  search starts right at the keyword hit;
* the body is matched at its documented length and the masked span then grows over
  further token characters (``Rule.extend``), so a longer, newer variant is masked
  whole rather than leaving a tail;
* context rules (a credential with no prefix of its own: AWS secret keys, Datadog
  keys, Heroku keys) need a key name in front of the value, and mask only the value.
"""

from __future__ import annotations

import base64
import random
import re
import uuid

from ._rule import Rule
from ._samples import (
    AN,
    B64,
    B64U,
    BASE32,
    BECH32_UPPER,
    DJANGO_CHARS,
    HEX,
    LOWER_AN,
    UPPER_AN,
    b64json,
    crc32_body,
    make_rule,
    rand,
)
from ._validators import prefixed_crc32_token

__all__ = ["PROVIDER_RULES"]

_L = r"(?<![A-Za-z0-9])"  # left boundary: not glued to a longer word
_SEP = r"""\\?["']?[ \t]{0,3}(?:=>|:=|[=:])[ \t]{0,3}\\?["'`]?"""


def _lit(*prefixes: str) -> str:
    """A left boundary and one of ``prefixes``."""
    if len(prefixes) == 1:
        return _L + re.escape(prefixes[0])
    return _L + "(?:" + "|".join(re.escape(p) for p in prefixes) + ")"


def _ctx(names: str, value: str) -> str:
    """A key whose name matches ``names`` (case-insensitively), any assignment
    syntax, and the secret ``value`` as group 1."""
    return rf"{_L}(?i:{names}){_SEP}({value})(?![A-Za-z0-9])"


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _digits(rng: random.Random, size: int) -> str:
    return str(rng.randint(1, 9)) + rand(rng, "0123456789", size - 1)


_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

_R: list[Rule] = []


def _add(rule_id: str, **kwargs: object) -> None:
    _R.append(make_rule(rule_id, **kwargs))  # type: ignore[arg-type]


# -- AWS -----------------------------------------------------------------------------
# Unique-id prefixes: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html
# (AKIA long-term access key, ASIA temporary STS key, ABIA STS bearer, ACCA context).
_add(
    "aws-access-key-id",
    provider="aws",
    description="AWS access key id (AKIA/ASIA/ABIA/ACCA + 16 base32 characters).",
    pattern=_lit("AKIA", "ASIA", "ABIA", "ACCA") + r"[A-Z2-7]{16}",
    keywords=("AKIA", "ASIA", "ABIA", "ACCA"),
    keywords_ignore_case=False,
    make=lambda r: r.choice(["AKIA", "ASIA", "ABIA", "ACCA"]) + rand(r, BASE32, 16),
    counter_examples=("AKIAlowercase0000000000", "ASIAN food court", "MASIA2345672345672345"),
)
# A secret access key is 40 base64 characters with no prefix: only by its key name.
_add(
    "aws-secret-access-key",
    provider="aws",
    description="AWS secret access key under an aws_secret_access_key / SecretAccessKey key.",
    pattern=_ctx(
        r"(?:aws[_.-]?)?secret[_.-]?access[_.-]?key|aws[_.-]?secret(?:[_.-]?key)?",
        r"[A-Za-z0-9/+]{40}",
    ),
    keywords=(
        "secret_access_key",
        "secretaccesskey",
        "SecretAccessKey",
        "secretAccessKey",
        "secret-access-key",
        "aws_secret",
        "aws-secret",
        "awssecret",
        "AwsSecret",
    ),
    secret_group=1,
    extend="",
    make=lambda r: rand(r, B64, 40),
    name="aws_secret_access_key",
    examples=("{{'AccessKeyId': 'AKIAX', 'SecretAccessKey': '{}', 'Expiration': 1}}",),
    counter_examples=("aws_secret_access_key=${AWS_SECRET_ACCESS_KEY}", "secret_access_key: null"),
)
_add(
    "aws-session-token",
    provider="aws",
    description="AWS STS session token under an aws_session_token / SessionToken key.",
    pattern=_ctx(
        r"aws[_.-]?session[_.-]?token|session[_.-]?token|(?:aws[_.-]?)?security[_.-]?token",
        r"[A-Za-z0-9/+]{100,2048}={0,2}",
    ),
    keywords=(
        "session_token",
        "sessiontoken",
        "SessionToken",
        "sessionToken",
        "security_token",
        "security-token",
        "SecurityToken",
        "securityToken",
    ),
    secret_group=1,
    extend="",
    make=lambda r: rand(r, B64, 300) + "==",
    name="aws_session_token",
    counter_examples=("aws_session_token=", "SessionToken: None"),
)
# STS session tokens start with base64 of a fixed binary header (commonly observed
# "IQoJb3JpZ2luX2Vj" and the older "FwoGZXIvYXdzE"), recognisable without a key.
_add(
    "aws-sts-session-token",
    provider="aws",
    description="AWS STS session token recognised by its fixed base64 header.",
    pattern=_lit("IQoJb3JpZ2lu", "FwoGZXIvYXdz") + r"[A-Za-z0-9/+]{88,2048}={0,2}",
    keywords=("IQoJb3JpZ2lu", "FwoGZXIvYXdz"),
    keywords_ignore_case=False,
    extend="A-Za-z0-9/+=",
    make=lambda r: "IQoJb3JpZ2luX2Vj" + rand(r, B64, 360),
    counter_examples=("IQoJb3JpZ2lu",),
)

# -- Google --------------------------------------------------------------------------
# API keys: "AIza" + 35 characters, https://cloud.google.com/docs/authentication/api-keys
_add(
    "google-api-key",
    provider="google",
    description="Google Cloud / Firebase API key (AIza + 35 characters).",
    pattern=_lit("AIza") + r"[0-9A-Za-z_-]{35}",
    keywords=("AIza",),
    keywords_ignore_case=False,
    make=lambda r: "AIza" + rand(r, B64U, 35),
    examples=("GET https://maps.googleapis.com/maps/api/geocode/json?address=x&key={}",),
    counter_examples=("AIza short", "OAIzaSyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-"),
)
# OAuth client secrets carry the GOCSPX- prefix since 2021:
# https://developers.google.com/identity/protocols/oauth2 (client secret rotation notes)
_add(
    "google-oauth-client-secret",
    provider="google",
    description="Google OAuth client secret (GOCSPX- + 28 characters).",
    pattern=_lit("GOCSPX-") + r"[A-Za-z0-9_-]{28}",
    keywords=("GOCSPX-",),
    keywords_ignore_case=False,
    make=lambda r: "GOCSPX-" + rand(r, B64U, 28),
    counter_examples=("GOCSPX-short",),
)
_add(
    "google-oauth-access-token",
    provider="google",
    description="Google OAuth 2.0 access token (ya29.).",
    pattern=_lit("ya29.") + r"[0-9A-Za-z_-]{20,2048}",
    keywords=("ya29.",),
    keywords_ignore_case=False,
    make=lambda r: "ya29." + rand(r, B64U, 160),
    counter_examples=("ya29.short",),
)
_add(
    "google-oauth-refresh-token",
    provider="google",
    description="Google OAuth 2.0 refresh token (1//0 + base64url).",
    pattern=r"(?<![A-Za-z0-9/])1//0[0-9A-Za-z_-]{40,512}",
    keywords=("1//0",),
    keywords_ignore_case=False,
    make=lambda r: "1//0" + rand(r, B64U, 100),
    counter_examples=("see https://example.com/a1//0b",),
)
# Service-account JSON: https://cloud.google.com/iam/docs/keys-create-delete (the
# private key itself is caught by the private-key rule, JSON-escaped or not).
_add(
    "gcp-service-account-key-id",
    provider="google",
    description='Google service-account "private_key_id" (40 hex digits).',
    pattern=r"""(?i:private_key_id)\\?["']?[ \t]{0,3}[:=][ \t]{0,3}\\?["']?([0-9a-f]{40})""",
    keywords=("private_key_id",),
    secret_group=1,
    make=lambda r: rand(r, HEX, 40),
    name="private_key_id",
    counter_examples=('"private_key_id": ""',),
)

# -- Azure ---------------------------------------------------------------------------
# Storage connection strings: https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string
# AccountKey is base64 of 64 bytes (88 characters ending "==").
_add(
    "azure-storage-account-key",
    provider="azure",
    description="Azure Storage account key (AccountKey= in a connection string).",
    pattern=r"(?i:AccountKey)[ \t]{0,2}=[ \t]{0,2}([A-Za-z0-9+/]{86}==)",
    keywords=("AccountKey=", "AccountKey ="),
    secret_group=1,
    extend="",
    make=lambda r: rand(r, B64, 86) + "==",
    template=(
        "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={};"
        "EndpointSuffix=core.windows.net"
    ),
    counter_examples=("AccountKey=;AccountName=x",),
)
# Service Bus / Event Hubs SAS keys: base64 of 32 bytes (44 characters).
_add(
    "azure-shared-access-key",
    provider="azure",
    description="Azure Service Bus / Event Hubs SharedAccessKey in a connection string.",
    pattern=r"(?i:SharedAccessKey)[ \t]{0,2}=[ \t]{0,2}([A-Za-z0-9+/]{42,86}={0,2})",
    keywords=("SharedAccessKey=",),
    secret_group=1,
    extend="",
    make=lambda r: rand(r, B64, 43) + "=",
    template=(
        "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey={}"
    ),
    counter_examples=("SharedAccessKeyName=RootManageSharedAccessKey",),
)
# SAS tokens: https://learn.microsoft.com/rest/api/storageservices/create-service-sas
# sig= is an HMAC-SHA256, base64 and URL-encoded.
_add(
    "azure-sas-signature",
    provider="azure",
    description="Azure shared access signature (sig= of a SAS token).",
    pattern=r"(?<![A-Za-z0-9_])sig=([A-Za-z0-9%+/]{40,128}={0,2}(?:%3[Dd]){0,2})",
    keywords=("sig=",),
    keywords_ignore_case=False,
    secret_group=1,
    extend="",
    make=lambda r: rand(r, B64, 42).replace("+", "%2B").replace("/", "%2F") + "%3D",
    template="https://acme.blob.core.windows.net/c/b.txt?sv=2022-11-02&se=2030-01-01&sp=r&sig={}",
    counter_examples=("config sig=abc",),
)
# Entra ID (Azure AD) client secrets: 3 characters, a digit, "Q~", then 31-34
# characters (format discussed in trufflehog#2985 / gitleaks#1554).
_add(
    "azure-ad-client-secret",
    provider="azure",
    description="Microsoft Entra ID (Azure AD) application client secret (xxxNQ~...).",
    pattern=r"(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}",
    keywords=("Q~",),
    keywords_ignore_case=False,
    lookbehind=4,
    extend="",
    make=lambda r: rand(r, AN + "_~-", 3) + r.choice("0123456789") + "Q~" + rand(r, AN + "_-", 34),
    counter_examples=("Q~ is a tilde",),
)

# -- GitHub --------------------------------------------------------------------------
# https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/ :
# prefix, 30 base62 characters, 6-character base62 CRC32.
_add(
    "github-classic-token",
    provider="github",
    description="GitHub token (ghp_, gho_, ghu_, ghs_, ghr_) with a valid CRC32 checksum.",
    pattern=_lit("ghp_", "gho_", "ghu_", "ghs_", "ghr_") + r"[A-Za-z0-9]{36}",
    keywords=("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
    keywords_ignore_case=False,
    validator=prefixed_crc32_token,
    make=lambda r: r.choice(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]) + crc32_body(r),
    examples=("remote: https://x-access-token:{}@github.com/acme/app.git",),
    counter_examples=(
        "ghp_" + "A" * 36,
        "ghp_000000000000000000000000000000000000",
        "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    ),
)
# Fine-grained PATs: https://github.blog/2022-10-18-introducing-fine-grained-personal-access-tokens-for-github/
_add(
    "github-fine-grained-token",
    provider="github",
    description="GitHub fine-grained personal access token (github_pat_).",
    pattern=_lit("github_pat_") + r"[A-Za-z0-9]{22}_[A-Za-z0-9]{59}",
    keywords=("github_pat_",),
    keywords_ignore_case=False,
    make=lambda r: "github_pat_" + rand(r, AN, 22) + "_" + rand(r, AN, 59),
    counter_examples=("github_pat_short",),
)

# -- GitLab --------------------------------------------------------------------------
# Prefixes: https://docs.gitlab.com/ee/security/token_overview.html#token-prefixes
_add(
    "gitlab-personal-access-token",
    provider="gitlab",
    description="GitLab personal access token, legacy form (glpat- + 20 characters).",
    pattern=_lit("glpat-") + r"[A-Za-z0-9_-]{20}",
    keywords=("glpat-",),
    keywords_ignore_case=False,
    make=lambda r: "glpat-" + rand(r, B64U, 20),
    counter_examples=("glpat-short",),
)
# Routable tokens (GitLab 17.x): glpat- + base64url payload (37-310 characters), then
# ".<2-char version>.<checksum>" (gitlab-org/gitlab!169322, LabCoat#516).
_add(
    "gitlab-routable-token",
    provider="gitlab",
    description="GitLab routable token (glpat-/gl*- payload with .version.checksum suffix).",
    pattern=_lit("glpat-", "gldt-", "glrt-", "glcbt-", "glptt-", "glft-", "gloas-")
    + r"[A-Za-z0-9_-]{27,320}\.[0-9a-z]{2}\.[0-9a-z]{7,12}",
    keywords=("glpat-", "gldt-", "glrt-", "glcbt-", "glptt-", "glft-", "gloas-"),
    keywords_ignore_case=False,
    make=lambda r: "glpat-" + rand(r, B64U, 45) + ".01." + rand(r, LOWER_AN, 9),
    counter_examples=("glpat-short.01.abc",),
)
_add(
    "gitlab-token",
    provider="gitlab",
    description="Other GitLab tokens: deploy, runner, CI job, trigger, feed, mail, OAuth, "
    "SCIM, agent.",
    pattern=_lit(
        "gldt-",
        "glrt-",
        "glcbt-",
        "glptt-",
        "glft-",
        "glimt-",
        "glagent-",
        "gloas-",
        "glsoat-",
        "glffct-",
        "glwt-",
        "glsa-",
    )
    + r"[A-Za-z0-9_-]{20,320}",
    keywords=(
        "gldt-",
        "glrt-",
        "glcbt-",
        "glptt-",
        "glft-",
        "glimt-",
        "glagent-",
        "gloas-",
        "glsoat-",
        "glffct-",
        "glwt-",
        "glsa-",
    ),
    keywords_ignore_case=False,
    make=lambda r: r.choice(["gldt-", "glrt-", "glptt-", "glft-", "gloas-"]) + rand(r, B64U, 24),
    counter_examples=("glrt-short",),
)
_add(
    "gitlab-runner-registration-token",
    provider="gitlab",
    description="GitLab runner registration token (GR1348941 prefix).",
    pattern=_lit("GR1348941") + r"[A-Za-z0-9_-]{20}",
    keywords=("GR1348941",),
    keywords_ignore_case=False,
    make=lambda r: "GR1348941" + rand(r, B64U, 20),
)

# -- Package registries --------------------------------------------------------------
# npm: https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/
# (same prefix + 30 + CRC32 layout as GitHub's).
_add(
    "npm-access-token",
    provider="npm",
    description="npm access token (npm_ + 36 characters) with a valid CRC32 checksum.",
    pattern=_lit("npm_") + r"[A-Za-z0-9]{36}",
    keywords=("npm_",),
    keywords_ignore_case=False,
    validator=prefixed_crc32_token,
    make=lambda r: "npm_" + crc32_body(r),
    examples=("//registry.npmjs.org/:_authToken={}",),
    counter_examples=("npm_" + "b" * 36, "npm_config_cache=/tmp/npm"),
)
# PyPI API tokens are macaroons: "pypi-" + base64 starting with the encoded location
# "pypi.org" -> AgEIcHlwaS5vcmc (https://pypi.org/help/#apitoken).
_add(
    "pypi-api-token",
    provider="pypi",
    description="PyPI / TestPyPI API token (pypi-AgEIcHlwaS5vcmc..., pypi-AgENdGVzdC5weXBp...).",
    pattern=_lit("pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBp") + r"[A-Za-z0-9_-]{50,1024}",
    keywords=("pypi-AgE",),
    keywords_ignore_case=False,
    make=lambda r: "pypi-AgEIcHlwaS5vcmc" + rand(r, B64U, 160),
    counter_examples=("pypi-AgEIcHlwaS5vcmc",),
)
# https://guides.rubygems.org/api-key-scopes/ : rubygems_ + 48 hex digits.
_add(
    "rubygems-api-key",
    provider="rubygems",
    description="RubyGems API key (rubygems_ + 48 hex digits).",
    pattern=_lit("rubygems_") + r"[0-9a-f]{48}",
    keywords=("rubygems_",),
    keywords_ignore_case=False,
    make=lambda r: "rubygems_" + rand(r, HEX, 48),
    counter_examples=("rubygems_version=3.4",),
)
# Docker Hub PATs (dckr_pat_) and organisation tokens (dckr_oat_):
# https://docs.docker.com/security/for-developers/access-tokens/
_add(
    "dockerhub-access-token",
    provider="docker",
    description="Docker Hub personal or organisation access token (dckr_pat_, dckr_oat_).",
    pattern=_lit("dckr_pat_", "dckr_oat_") + r"[A-Za-z0-9_-]{27}",
    keywords=("dckr_pat_", "dckr_oat_"),
    keywords_ignore_case=False,
    make=lambda r: "dckr_pat_" + rand(r, B64U, 27),
)

# -- Atlassian -----------------------------------------------------------------------
# API tokens since 2023: "ATATT3xFfGF0" + variable-length body ending in a checksum
# (https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/
# says the length varies); ATCTT for admin API keys.
_add(
    "atlassian-api-token",
    provider="atlassian",
    description="Atlassian cloud API token (ATATT3..., ATCTT3...).",
    pattern=_lit("ATATT3", "ATCTT3") + r"[A-Za-z0-9_=-]{60,400}",
    keywords=("ATATT3", "ATCTT3"),
    keywords_ignore_case=False,
    extend="A-Za-z0-9_=\\-",
    make=lambda r: "ATATT3xFfGF0" + rand(r, B64U, 170) + "=" + rand(r, "0123456789ABCDEF", 8),
)
_add(
    "bitbucket-app-password",
    provider="atlassian",
    description="Bitbucket app password (ATBB + 32 characters).",
    pattern=_lit("ATBB") + r"[A-Za-z0-9_=.-]{32}",
    keywords=("ATBB",),
    keywords_ignore_case=False,
    make=lambda r: "ATBB" + rand(r, AN, 32),
)

# -- Sentry --------------------------------------------------------------------------
# https://docs.sentry.io/account/auth-tokens/ : user tokens sntryu_ + 64 hex; org
# tokens sntrys_ + base64 JSON + "_" + secret.
_add(
    "sentry-user-token",
    provider="sentry",
    description="Sentry user auth token (sntryu_ + 64 hex digits).",
    pattern=_lit("sntryu_") + r"[0-9a-f]{64}",
    keywords=("sntryu_",),
    keywords_ignore_case=False,
    make=lambda r: "sntryu_" + rand(r, HEX, 64),
)
_add(
    "sentry-org-token",
    provider="sentry",
    description="Sentry organisation auth token (sntrys_ + base64 JSON + secret).",
    pattern=_lit("sntrys_") + r"eyJ[A-Za-z0-9+/=_-]{40,1024}",
    keywords=("sntrys_",),
    keywords_ignore_case=False,
    extend="A-Za-z0-9+/=_\\-",
    make=lambda r: (
        "sntrys_"
        + b64json({"iat": r.randint(1, 10**9), "url": "https://sentry.io", "org": "acme"})
        + "_"
        + rand(r, B64U, 43)
    ),
)
# Legacy DSNs carry "public:secret@" (https://docs.sentry.io/product/sentry-basics/dsn-explainer/).
_add(
    "sentry-dsn-secret",
    provider="sentry",
    description="Secret key of a legacy Sentry DSN (https://public:secret@host/project).",
    pattern=r"://[0-9a-f]{32}:([0-9a-f]{32})@",
    keywords=("://",),
    secret_group=1,
    make=lambda r: rand(r, HEX, 32),
    template="https://" + "0123456789abcdef" * 2 + ":{}@o1.ingest.sentry.io/42",
)

# -- Payments ------------------------------------------------------------------------
# https://docs.stripe.com/keys : sk_/rk_ live and test keys, whsec_ webhook secrets.
_add(
    "stripe-secret-key",
    provider="stripe",
    description="Stripe secret key (sk_live_, sk_test_).",
    pattern=_lit("sk_live_", "sk_test_") + r"[A-Za-z0-9]{24,247}",
    keywords=("sk_live_", "sk_test_"),
    keywords_ignore_case=False,
    make=lambda r: r.choice(["sk_live_", "sk_test_"]) + rand(r, AN, r.choice([24, 99])),
    counter_examples=("sk_live_short",),
)
_add(
    "stripe-restricted-key",
    provider="stripe",
    description="Stripe restricted key (rk_live_, rk_test_).",
    pattern=_lit("rk_live_", "rk_test_") + r"[A-Za-z0-9]{24,247}",
    keywords=("rk_live_", "rk_test_"),
    keywords_ignore_case=False,
    make=lambda r: r.choice(["rk_live_", "rk_test_"]) + rand(r, AN, 99),
)
_add(
    "stripe-webhook-secret",
    provider="stripe",
    description="Stripe webhook signing secret (whsec_).",
    pattern=_lit("whsec_") + r"[A-Za-z0-9+/=]{32,128}",
    keywords=("whsec_",),
    keywords_ignore_case=False,
    make=lambda r: "whsec_" + rand(r, AN, 32),
)
# Square: https://developer.squareup.com/docs/build-basics/access-tokens
_add(
    "square-access-token",
    provider="square",
    description="Square access token (EAAA + 60 characters; legacy sq0atp-).",
    pattern=r"(?<![A-Za-z0-9])(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22})",
    keywords=("EAAA", "sq0atp-"),
    keywords_ignore_case=False,
    make=lambda r: "EAAA" + rand(r, B64U, 60),
)
_add(
    "square-oauth-secret",
    provider="square",
    description="Square application (OAuth) secret (sq0csp- + 43 characters).",
    pattern=_lit("sq0csp-") + r"[A-Za-z0-9_-]{43}",
    keywords=("sq0csp-",),
    keywords_ignore_case=False,
    make=lambda r: "sq0csp-" + rand(r, B64U, 43),
)
_add(
    "shopify-token",
    provider="shopify",
    description="Shopify access token or shared secret (shpat_, shpca_, shppa_, shpss_).",
    pattern=_lit("shpat_", "shpca_", "shppa_", "shpss_") + r"[a-fA-F0-9]{32}",
    keywords=("shpat_", "shpca_", "shppa_", "shpss_"),
    keywords_ignore_case=False,
    make=lambda r: r.choice(["shpat_", "shpca_", "shppa_", "shpss_"]) + rand(r, HEX, 32),
)
_add(
    "flutterwave-secret-key",
    provider="flutterwave",
    description="Flutterwave secret key (FLWSECK- / FLWSECK_TEST-).",
    pattern=_lit("FLWSECK-", "FLWSECK_TEST-") + r"[a-fA-F0-9]{32}-X",
    keywords=("FLWSECK",),
    keywords_ignore_case=False,
    make=lambda r: "FLWSECK_TEST-" + rand(r, HEX, 32) + "-X",
)
_add(
    "easypost-api-key",
    provider="easypost",
    description="EasyPost API key (EZAK/EZTK + 54 characters).",
    pattern=_lit("EZAK", "EZTK") + r"[a-zA-Z0-9]{54}",
    keywords=("EZAK", "EZTK"),
    keywords_ignore_case=False,
    make=lambda r: "EZAK" + rand(r, AN, 54),
)
_add(
    "shippo-api-token",
    provider="shippo",
    description="Shippo API token (shippo_live_, shippo_test_).",
    pattern=_lit("shippo_live_", "shippo_test_") + r"[a-fA-F0-9]{40}",
    keywords=("shippo_live_", "shippo_test_"),
    keywords_ignore_case=False,
    make=lambda r: "shippo_live_" + rand(r, HEX, 40),
)

# -- Slack ---------------------------------------------------------------------------
# https://api.slack.com/concepts/token-types : xoxb- bot, xoxp- user, xoxa-/xoxr-/
# xoxs-/xoxe- others, xapp- app-level; webhooks under hooks.slack.com.
_add(
    "slack-bot-token",
    provider="slack",
    description="Slack bot token (xoxb-).",
    pattern=_lit("xoxb-") + r"[0-9]{8,14}-[A-Za-z0-9-]{10,250}",
    keywords=("xoxb-",),
    keywords_ignore_case=False,
    make=lambda r: "xoxb-" + _digits(r, 12) + "-" + _digits(r, 13) + "-" + rand(r, AN, 24),
)
_add(
    "slack-user-token",
    provider="slack",
    description="Slack user token (xoxp-).",
    pattern=_lit("xoxp-") + r"[0-9]{8,14}-[A-Za-z0-9-]{10,250}",
    keywords=("xoxp-",),
    keywords_ignore_case=False,
    make=lambda r: (
        "xoxp-"
        + _digits(r, 12)
        + "-"
        + _digits(r, 12)
        + "-"
        + _digits(r, 13)
        + "-"
        + rand(r, HEX, 32)
    ),
)
_add(
    "slack-token",
    provider="slack",
    description="Other Slack tokens: xoxa-, xoxo-, xoxr-, xoxs-, xoxe- and rotating xoxe.xoxp-.",
    pattern=r"(?<![A-Za-z0-9])(?:xoxe\.xox[bp]-|xox[aoesr]-)[0-9]{1,14}-[A-Za-z0-9-]{10,250}",
    keywords=("xoxa-", "xoxo-", "xoxr-", "xoxs-", "xoxe-", "xoxe.xox"),
    keywords_ignore_case=False,
    make=lambda r: (
        r.choice(["xoxe.xoxp-1-", "xoxa-2-", "xoxr-", "xoxs-", "xoxe-1-"])
        + _digits(r, 8)
        + "-"
        + rand(r, AN + "-", 60)
    ),
)
_add(
    "slack-app-token",
    provider="slack",
    description="Slack app-level token (xapp-).",
    pattern=_lit("xapp-") + r"[0-9]{1,2}-[A-Za-z0-9-]{20,250}",
    keywords=("xapp-",),
    keywords_ignore_case=False,
    make=lambda r: (
        "xapp-1-A" + rand(r, UPPER_AN, 10) + "-" + _digits(r, 13) + "-" + rand(r, HEX, 64)
    ),
)
_add(
    "slack-webhook-url",
    provider="slack",
    description="Secret path of a Slack incoming webhook / workflow URL.",
    pattern=r"hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9_/-]{20,200})",
    keywords=("hooks.slack.com/",),
    secret_group=1,
    make=lambda r: (
        "T" + rand(r, UPPER_AN, 8) + "/B" + rand(r, UPPER_AN, 10) + "/" + rand(r, AN, 24)
    ),
    template="https://hooks.slack.com/services/{}",
    counter_examples=("see https://hooks.slack.com/services/ for details",),
)

# -- Messaging and e-mail ------------------------------------------------------------
# SendGrid: "SG." + 22 + "." + 43 (https://docs.sendgrid.com/ui/account-and-settings/api-keys)
_add(
    "sendgrid-api-key",
    provider="sendgrid",
    description="SendGrid API key (SG.<22>.<43>).",
    pattern=_lit("SG.") + r"[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}",
    keywords=("SG.",),
    keywords_ignore_case=False,
    make=lambda r: "SG." + rand(r, B64U, 22) + "." + rand(r, B64U, 43),
    counter_examples=("SG.Kernel init",),
)
_add(
    "mailgun-api-key",
    provider="mailgun",
    description="Mailgun private API key (key- + 32 hex digits).",
    pattern=_lit("key-") + r"[0-9a-f]{32}(?![A-Za-z0-9])",
    keywords=("key-",),
    keywords_ignore_case=False,
    make=lambda r: "key-" + rand(r, HEX, 32),
    counter_examples=("key-value store", "monkey-" + "a" * 32 + "x"),
)
# Mailchimp: 32 hex digits + "-us" + datacenter number
# (https://mailchimp.com/developer/marketing/guides/quick-start/).
_add(
    "mailchimp-api-key",
    provider="mailchimp",
    description="Mailchimp API key (32 hex digits + -usNN).",
    pattern=r"(?<![A-Za-z0-9])[0-9a-f]{32}-us[0-9]{1,2}(?![0-9])",
    keywords=("-us",),
    keywords_ignore_case=False,
    lookbehind=32,
    make=lambda r: rand(r, HEX, 32) + "-us" + str(r.randint(1, 21)),
    counter_examples=("locale en-us", "lang=en-us1"),
)
# Twilio API keys: SK + 32 hex (https://www.twilio.com/docs/iam/api-keys); the auth
# token is 32 hex with no prefix: by key name only.
_add(
    "twilio-api-key",
    provider="twilio",
    description="Twilio API key SID (SK + 32 hex digits).",
    pattern=_lit("SK") + r"[0-9a-fA-F]{32}(?![A-Za-z0-9])",
    keywords=("SK",),
    keywords_ignore_case=False,
    make=lambda r: "SK" + rand(r, HEX, 32),
    counter_examples=("ASK" + "a" * 32, "DISK full"),
)
_add(
    "twilio-auth-token",
    provider="twilio",
    description="Twilio auth token (32 hex digits) under a twilio ... token/secret key.",
    pattern=_ctx(r"twilio[A-Za-z0-9_.-]{0,24}(?:token|secret|key)", r"[0-9a-f]{32}"),
    keywords=("twilio",),
    secret_group=1,
    make=lambda r: rand(r, HEX, 32),
    name="TWILIO_AUTH_TOKEN",
)
_add(
    "postmark-server-token",
    provider="postmark",
    description="Postmark server/account token (a UUID) under a postmark ... token key or header.",
    pattern=_ctx(r"(?:x-)?postmark[A-Za-z0-9_.-]{0,24}(?:token|key)", _UUID),
    keywords=("postmark",),
    secret_group=1,
    lookbehind=2,
    make=_uuid,
    name="X-Postmark-Server-Token",
    counter_examples=("postmark_message_id=" + "0" * 8 + "-0000-4000-8000-" + "0" * 12,),
)
_add(
    "telegram-bot-token",
    provider="telegram",
    description="Telegram bot token (<bot id>:AA + 33 characters).",
    pattern=r"(?<![0-9])[0-9]{8,10}:AA[A-Za-z0-9_-]{33}",
    keywords=(":AA",),
    keywords_ignore_case=False,
    lookbehind=10,
    make=lambda r: _digits(r, r.choice([9, 10])) + ":AA" + rand(r, B64U, 33),
    examples=("POST https://api.telegram.org/bot{}/sendMessage",),
    counter_examples=("12:AA battery",),
)


# Discord bot tokens: base64 of the numeric bot id, a timestamp, an HMAC; the id
# part starts with M, N or O because it encodes ASCII digits.  No literal prefix, so
# by key name (and by the generic "Authorization: Bot ..." rule).
def _discord(r: random.Random) -> str:
    ident = base64.b64encode(_digits(r, 18).encode()).decode().rstrip("=")
    return ident + "." + rand(r, B64U, 6) + "." + rand(r, B64U, 38)


_add(
    "discord-bot-token",
    provider="discord",
    description="Discord bot token under a discord ... token key.",
    pattern=_ctx(
        r"discord[A-Za-z0-9_.-]{0,24}(?:token|secret|key)",
        r"[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}",
    ),
    keywords=("discord",),
    secret_group=1,
    make=_discord,
    name="DISCORD_BOT_TOKEN",
)
_add(
    "discord-webhook-url",
    provider="discord",
    description="Secret token of a Discord webhook URL.",
    pattern=r"discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/([A-Za-z0-9_-]{60,72})",
    keywords=("/api/webhooks/",),
    secret_group=1,
    lookbehind=16,
    make=lambda r: rand(r, B64U, 68),
    template="https://discord.com/api/webhooks/123456789012345678/{}",
)

# -- Observability -------------------------------------------------------------------
# New Relic key prefixes: https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/
_add(
    "newrelic-user-api-key",
    provider="newrelic",
    description="New Relic user API key (NRAK- + 27 characters).",
    pattern=_lit("NRAK-") + r"[A-Z0-9]{27}",
    keywords=("NRAK-",),
    keywords_ignore_case=False,
    make=lambda r: "NRAK-" + rand(r, UPPER_AN, 27),
)
_add(
    "newrelic-insights-key",
    provider="newrelic",
    description="New Relic Insights insert/query key (NRII-, NRIQ-).",
    pattern=_lit("NRII-", "NRIQ-") + r"[A-Za-z0-9_-]{32}",
    keywords=("NRII-", "NRIQ-"),
    keywords_ignore_case=False,
    make=lambda r: r.choice(["NRII-", "NRIQ-"]) + rand(r, B64U, 32),
)
_add(
    "newrelic-rest-api-key",
    provider="newrelic",
    description="New Relic REST API key (NRRA- + 42 hex digits).",
    pattern=_lit("NRRA-") + r"[a-f0-9]{42}",
    keywords=("NRRA-",),
    keywords_ignore_case=False,
    make=lambda r: "NRRA-" + rand(r, HEX, 42),
)
_add(
    "newrelic-license-key",
    provider="newrelic",
    description="New Relic ingest license key (36 hex digits + NRAL).",
    pattern=r"(?<![A-Za-z0-9])[a-f0-9]{36}NRAL",
    keywords=("NRAL",),
    keywords_ignore_case=False,
    lookbehind=36,
    make=lambda r: rand(r, HEX, 36) + "NRAL",
)
_add(
    "datadog-api-key",
    provider="datadog",
    description="Datadog API key (32 hex digits) under a DD_API_KEY / DD-API-KEY / datadog key.",
    pattern=_ctx(r"(?:dd|datadog)[_.-]?api[_.-]?key|datadog[_.-]?key", r"[0-9a-f]{32}"),
    keywords=(
        *("dd_api_key", "dd-api-key", "ddapikey", "ddApiKey", "DdApiKey", "datadog_api_key"),
        *("datadog-api-key", "datadogapikey", "datadogApiKey", "datadog_key", "datadog-key"),
    ),
    secret_group=1,
    make=lambda r: rand(r, HEX, 32),
    name="DD_API_KEY",
    examples=("curl -H 'DD-API-KEY: {}' https://api.datadoghq.com/api/v1/validate",),
)
_add(
    "datadog-app-key",
    provider="datadog",
    description="Datadog application key (40 hex digits) under a DD_APP_KEY / datadog app key.",
    pattern=_ctx(r"(?:dd|datadog)[_.-]?app(?:lication)?[_.-]?key", r"[0-9a-f]{40}"),
    keywords=(
        *("dd_app_key", "dd-app-key", "ddappkey", "ddAppKey", "dd_application_key"),
        *("datadog_app_key", "datadog-app-key", "datadog_application_key", "datadogAppKey"),
    ),
    secret_group=1,
    make=lambda r: rand(r, HEX, 40),
    name="DD_APP_KEY",
)
# Grafana: glsa_ service-account tokens, glc_ Cloud tokens, and legacy API keys that
# are base64 JSON starting {"k":" -> eyJrIjoi (https://grafana.com/docs/grafana/latest/administration/service-accounts/).
_add(
    "grafana-service-account-token",
    provider="grafana",
    description="Grafana service-account token (glsa_ + 32 + _ + 8 hex).",
    pattern=_lit("glsa_") + r"[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}",
    keywords=("glsa_",),
    keywords_ignore_case=False,
    make=lambda r: "glsa_" + rand(r, AN, 32) + "_" + rand(r, HEX, 8),
)
_add(
    "grafana-cloud-token",
    provider="grafana",
    description="Grafana Cloud access policy token (glc_ + base64).",
    pattern=_lit("glc_") + r"[A-Za-z0-9+/]{32,400}={0,2}",
    keywords=("glc_",),
    keywords_ignore_case=False,
    extend="A-Za-z0-9+/=",
    make=lambda r: (
        "glc_" + b64json({"o": str(r.randint(1, 10**6)), "n": "stack", "k": rand(r, AN, 24)})
    ),
)
_add(
    "grafana-api-key",
    provider="grafana",
    description='Grafana legacy API key (base64 JSON {"k":...} -> eyJrIjoi).',
    pattern=_lit("eyJrIjoi") + r"[A-Za-z0-9+/]{30,200}={0,2}",
    keywords=("eyJrIjoi",),
    keywords_ignore_case=False,
    extend="A-Za-z0-9+/=",
    make=lambda r: b64json({"k": rand(r, AN, 32), "n": "deploy", "id": r.randint(1, 99)}),
)
_add(
    "dynatrace-api-token",
    provider="dynatrace",
    description="Dynatrace API token (dt0c01.<24>.<64>).",
    pattern=_lit("dt0c01.") + r"[A-Z0-9]{24}\.[A-Z0-9]{64}",
    keywords=("dt0c01.",),
    keywords_ignore_case=False,
    make=lambda r: "dt0c01." + rand(r, UPPER_AN, 24) + "." + rand(r, UPPER_AN, 64),
)

# -- Cloud and infrastructure --------------------------------------------------------
# DigitalOcean: https://docs.digitalocean.com/reference/api/create-personal-access-token/
_add(
    "digitalocean-token",
    provider="digitalocean",
    description="DigitalOcean personal, OAuth or refresh token (dop_v1_, doo_v1_, dor_v1_).",
    pattern=_lit("dop_v1_", "doo_v1_", "dor_v1_") + r"[a-f0-9]{64}",
    keywords=("dop_v1_", "doo_v1_", "dor_v1_"),
    keywords_ignore_case=False,
    make=lambda r: r.choice(["dop_v1_", "doo_v1_", "dor_v1_"]) + rand(r, HEX, 64),
)
# Databricks PATs: dapi + 32 hex (https://docs.databricks.com/dev-tools/auth/pat.html).
_add(
    "databricks-token",
    provider="databricks",
    description="Databricks personal access token (dapi + 32 hex digits).",
    pattern=_lit("dapi") + r"[a-f0-9]{32}(?:-[0-9])?",
    keywords=("dapi",),
    keywords_ignore_case=False,
    make=lambda r: "dapi" + rand(r, HEX, 32),
    counter_examples=("dapi version",),
)
# Vault token prefixes since 1.10: hvs. service, hvb. batch, hvr. recovery
# (https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes);
# before 1.10: s. / b. / r. + 24 characters, recognisable only by context.
_add(
    "vault-token",
    provider="hashicorp",
    description="HashiCorp Vault service, batch or recovery token (hvs., hvb., hvr.).",
    pattern=_lit("hvs.", "hvb.", "hvr.") + r"[A-Za-z0-9_-]{24,1024}",
    keywords=("hvs.", "hvb.", "hvr."),
    keywords_ignore_case=False,
    make=lambda r: r.choice(["hvs.", "hvb."]) + rand(r, B64U, r.choice([91, 138])),
)
_add(
    "vault-legacy-token",
    provider="hashicorp",
    description="HashiCorp Vault token before 1.10 (s./b./r. + 24) under a vault token key.",
    pattern=_ctx(r"(?:x-)?vault[_.-]?token|vault[_.-]?auth[_.-]?token", r"[sbr]\.[A-Za-z0-9]{24}"),
    keywords=("vault",),
    secret_group=1,
    lookbehind=8,
    make=lambda r: "s." + rand(r, AN, 24),
    name="VAULT_TOKEN",
    examples=("curl -H 'X-Vault-Token: {}' https://vault:8200/v1/secret/data/app",),
)
# Terraform Cloud / HCP Terraform: <14>.atlasv1.<60-70>
# (https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens).
_add(
    "terraform-cloud-token",
    provider="hashicorp",
    description="Terraform Cloud / HCP Terraform API token (xxx.atlasv1.xxx).",
    pattern=r"(?<![A-Za-z0-9])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]{60,70}",
    keywords=(".atlasv1.",),
    keywords_ignore_case=False,
    lookbehind=14,
    make=lambda r: rand(r, AN, 14) + ".atlasv1." + rand(r, B64U, 67),
)
_add(
    "pulumi-access-token",
    provider="pulumi",
    description="Pulumi access token (pul- + 40 hex digits).",
    pattern=_lit("pul-") + r"[a-f0-9]{40}",
    keywords=("pul-",),
    keywords_ignore_case=False,
    make=lambda r: "pul-" + rand(r, HEX, 40),
)
# Doppler: https://docs.doppler.com/reference-link/api (token types) and the
# documented prefixes dp.pt. (personal), dp.st. (service), dp.sa. (service account).
_add(
    "doppler-token",
    provider="doppler",
    description="Doppler token (dp.pt., dp.st., dp.sa., dp.ct., dp.scim., dp.audit.).",
    pattern=_lit("dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit.")
    + r"[A-Za-z0-9_.-]{40,200}",
    keywords=("dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."),
    keywords_ignore_case=False,
    make=lambda r: r.choice(["dp.pt.", "dp.st.dev.", "dp.sa."]) + rand(r, AN, 43),
)
# 1Password service accounts: ops_ + base64 JSON
# (https://developer.1password.com/docs/service-accounts/); Secret Keys: A3-...
_add(
    "onepassword-service-account-token",
    provider="1password",
    description="1Password service-account token (ops_eyJ...).",
    pattern=_lit("ops_eyJ") + r"[A-Za-z0-9+/=_-]{50,2048}",
    keywords=("ops_eyJ",),
    keywords_ignore_case=False,
    extend="A-Za-z0-9+/=_\\-",
    make=lambda r: "ops_" + b64json({"signInAddress": "acme.1password.com", "k": rand(r, AN, 300)}),
)
_add(
    "onepassword-secret-key",
    provider="1password",
    description="1Password account Secret Key (A3-XXXXXX-...).",
    pattern=_lit("A3-") + r"[A-Z0-9]{6}(?:-[A-Z0-9]{5,6}){5}",
    keywords=("A3-",),
    keywords_ignore_case=False,
    extend="",
    make=lambda r: (
        "A3-"
        + rand(r, UPPER_AN, 6)
        + "-"
        + rand(r, UPPER_AN, 6)
        + "".join("-" + rand(r, UPPER_AN, 5) for _ in range(4))
    ),
)
_add(
    "heroku-api-key",
    provider="heroku",
    description="Heroku API key (a UUID) under a heroku ... key/token name.",
    pattern=_ctx(r"heroku[A-Za-z0-9_.-]{0,24}(?:key|token|secret)", _UUID),
    keywords=("heroku",),
    secret_group=1,
    make=_uuid,
    name="HEROKU_API_KEY",
)
# Heroku's current API tokens start with HRKU- (HRKU-AA + 58 characters, or an
# HRKU- prefixed UUID), as `heroku auth:token` prints them.
_add(
    "heroku-platform-token",
    provider="heroku",
    description="Heroku platform API token in the HRKU- prefixed format.",
    pattern=_lit("HRKU-") + r"[A-Za-z0-9_-]{30,200}",
    keywords=("HRKU-",),
    keywords_ignore_case=False,
    make=lambda r: "HRKU-AA" + rand(r, B64U, 58),
)
_add(
    "okta-api-token",
    provider="okta",
    description="Okta API token (00 + 40 characters) after SSWS or under an okta key.",
    pattern=r"(?:SSWS[ \t]{1,3}|(?i:okta[A-Za-z0-9_.-]{0,24}(?:token|key|secret))"
    + _SEP
    + r")(00[A-Za-z0-9_-]{40})(?![A-Za-z0-9])",
    keywords=("SSWS", "okta"),
    secret_group=1,
    make=lambda r: "00" + rand(r, B64U, 40),
    name="OKTA_API_TOKEN",
    examples=("Authorization: SSWS {}",),
)
_add(
    "alibaba-access-key-id",
    provider="alibaba",
    description="Alibaba Cloud AccessKey id (LTAI + 12-20 characters).",
    pattern=_lit("LTAI") + r"[A-Za-z0-9]{12,20}(?![A-Za-z0-9])",
    keywords=("LTAI",),
    keywords_ignore_case=False,
    make=lambda r: "LTAI" + rand(r, AN, 20),
)
_add(
    "cloudflare-origin-ca-key",
    provider="cloudflare",
    description="Cloudflare Origin CA key (v1.0-<24 hex>-<146 hex>).",
    pattern=_lit("v1.0-") + r"[a-f0-9]{24}-[a-f0-9]{146}",
    keywords=("v1.0-",),
    keywords_ignore_case=False,
    make=lambda r: "v1.0-" + rand(r, HEX, 24) + "-" + rand(r, HEX, 146),
)
_add(
    "supabase-access-token",
    provider="supabase",
    description="Supabase personal access token (sbp_ + 40 hex digits).",
    pattern=_lit("sbp_") + r"[a-f0-9]{40}",
    keywords=("sbp_",),
    keywords_ignore_case=False,
    make=lambda r: "sbp_" + rand(r, HEX, 40),
)
_add(
    "planetscale-token",
    provider="planetscale",
    description="PlanetScale service token, password or OAuth token (pscale_tkn_, pscale_pw_, "
    "pscale_oauth_).",
    pattern=_lit("pscale_tkn_", "pscale_pw_", "pscale_oauth_") + r"[A-Za-z0-9_.-]{32,64}",
    keywords=("pscale_",),
    keywords_ignore_case=False,
    make=lambda r: r.choice(["pscale_tkn_", "pscale_pw_"]) + rand(r, B64U, 43),
)
_add(
    "buildkite-token",
    provider="buildkite",
    description="Buildkite user access token (bkua_ + 40 hex digits).",
    pattern=_lit("bkua_") + r"[a-f0-9]{40}",
    keywords=("bkua_",),
    keywords_ignore_case=False,
    make=lambda r: "bkua_" + rand(r, HEX, 40),
)
_add(
    "postman-api-key",
    provider="postman",
    description="Postman API key (PMAK-<24 hex>-<34 hex>).",
    pattern=_lit("PMAK-") + r"[a-f0-9]{24}-[a-f0-9]{34}",
    keywords=("PMAK-",),
    keywords_ignore_case=False,
    make=lambda r: "PMAK-" + rand(r, HEX, 24) + "-" + rand(r, HEX, 34),
)
_add(
    "contentful-token",
    provider="contentful",
    description="Contentful personal access token (CFPAT- + 43 characters).",
    pattern=_lit("CFPAT-") + r"[A-Za-z0-9_-]{43}",
    keywords=("CFPAT-",),
    keywords_ignore_case=False,
    make=lambda r: "CFPAT-" + rand(r, B64U, 43),
)
_add(
    "mapbox-secret-token",
    provider="mapbox",
    description="Mapbox secret token (sk.eyJ...).",
    pattern=_lit("sk.eyJ") + r"[A-Za-z0-9_-]{20,400}\.[A-Za-z0-9_-]{20,100}",
    keywords=("sk.eyJ",),
    keywords_ignore_case=False,
    make=lambda r: (
        "sk."
        + b64json({"u": "acme", "a": rand(r, LOWER_AN, 20)}, urlsafe=True)
        + "."
        + rand(r, B64U, 22)
    ),
)
_add(
    "firebase-cloud-messaging-key",
    provider="google",
    description="Firebase Cloud Messaging legacy server key (...:APA91b...).",
    pattern=r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{7,11}:APA91b[A-Za-z0-9_-]{120,160}",
    keywords=(":APA91b",),
    keywords_ignore_case=False,
    lookbehind=11,
    make=lambda r: "AAAA" + rand(r, B64U, 7) + ":APA91b" + rand(r, B64U, 134),
)
_add(
    "age-secret-key",
    provider="age",
    description="age encryption secret key (AGE-SECRET-KEY-1 + 58 bech32 characters).",
    pattern=_lit("AGE-SECRET-KEY-1") + r"[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}",
    keywords=("AGE-SECRET-KEY-1",),
    keywords_ignore_case=False,
    make=lambda r: "AGE-SECRET-KEY-1" + rand(r, BECH32_UPPER, 58),
)

# -- Developer SaaS ------------------------------------------------------------------
_add(
    "linear-api-key",
    provider="linear",
    description="Linear API key (lin_api_ + 40 characters).",
    pattern=_lit("lin_api_") + r"[A-Za-z0-9]{40}",
    keywords=("lin_api_",),
    keywords_ignore_case=False,
    make=lambda r: "lin_api_" + rand(r, AN, 40),
)
# Notion internal integration tokens: ntn_ (current) or secret_ + 43 (legacy), per
# Notion's integration settings page and its SDK guides.
_add(
    "notion-token",
    provider="notion",
    description="Notion integration token (ntn_..., legacy secret_ + 43 characters).",
    pattern=r"(?<![A-Za-z0-9])(?:ntn_[0-9]{11}[A-Za-z0-9]{32,40}|secret_[A-Za-z0-9]{43}(?![A-Za-z0-9]))",
    keywords=("ntn_", "secret_"),
    keywords_ignore_case=False,
    make=lambda r: r.choice(
        ["ntn_" + _digits(r, 11) + rand(r, AN, 35), "secret_" + rand(r, AN, 43)]
    ),
    counter_examples=("secret_key_base=", "secret_santa_list"),
)
_add(
    "figma-token",
    provider="figma",
    description="Figma personal access token (figd_).",
    pattern=_lit("figd_") + r"[A-Za-z0-9_-]{40}",
    keywords=("figd_",),
    keywords_ignore_case=False,
    make=lambda r: "figd_" + rand(r, B64U, 40),
)

# -- AI providers --------------------------------------------------------------------
# OpenAI keys embed base64("OpenAI") = T3BlbkFJ; project, service-account and admin
# keys use sk-proj-, sk-svcacct-, sk-admin- (https://platform.openai.com/docs/api-reference/authentication).
_add(
    "openai-api-key",
    provider="openai",
    description="OpenAI API key (sk-..., sk-proj-, sk-svcacct-, sk-admin-; T3BlbkFJ marker).",
    pattern=r"(?<![A-Za-z0-9])sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}"
    r"|[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200})",
    keywords=("T3BlbkFJ", "sk-proj-", "sk-svcacct-", "sk-admin-"),
    keywords_ignore_case=False,
    lookbehind=210,
    make=lambda r: (
        r.choice(["sk-proj-", "sk-"]) + rand(r, B64U, 74) + "T3BlbkFJ" + rand(r, B64U, 74)
    ),
)
# Anthropic: sk-ant-api03- / sk-ant-admin01- (https://docs.anthropic.com/en/api/getting-started).
_add(
    "anthropic-api-key",
    provider="anthropic",
    description="Anthropic API, admin or OAuth key (sk-ant-...).",
    pattern=_lit("sk-ant-") + r"(?:api|admin|oat|ort|sid)[0-9]{2}-[A-Za-z0-9_-]{80,120}",
    keywords=("sk-ant-",),
    keywords_ignore_case=False,
    make=lambda r: "sk-ant-api03-" + rand(r, B64U, 93) + "AA",
)
# Hugging Face user tokens: hf_ + 34 letters (https://huggingface.co/docs/hub/security-tokens).
_add(
    "huggingface-token",
    provider="huggingface",
    description="Hugging Face access token (hf_ + 34 letters; api_org_ organisation tokens).",
    pattern=r"(?<![A-Za-z0-9_])(?:hf_|api_org_)[A-Za-z]{34}",
    keywords=("hf_", "api_org_"),
    keywords_ignore_case=False,
    make=lambda r: "hf_" + rand(r, AN[:52], 34),
    counter_examples=("hf_hub_download(repo_id='x')",),
)
_add(
    "groq-api-key",
    provider="groq",
    description="Groq API key (gsk_ + 52 characters).",
    pattern=_lit("gsk_") + r"[A-Za-z0-9]{52}",
    keywords=("gsk_",),
    keywords_ignore_case=False,
    make=lambda r: "gsk_" + rand(r, AN, 52),
)
_add(
    "replicate-api-token",
    provider="replicate",
    description="Replicate API token (r8_ + 37 characters).",
    pattern=_lit("r8_") + r"[A-Za-z0-9]{37}",
    keywords=("r8_",),
    keywords_ignore_case=False,
    make=lambda r: "r8_" + rand(r, AN, 37),
)
_add(
    "perplexity-api-key",
    provider="perplexity",
    description="Perplexity API key (pplx- + 48 characters).",
    pattern=_lit("pplx-") + r"[A-Za-z0-9]{48}",
    keywords=("pplx-",),
    keywords_ignore_case=False,
    make=lambda r: "pplx-" + rand(r, AN, 48),
)

# -- Frameworks ----------------------------------------------------------------------
# Django's startproject writes "django-insecure-" keys; any SECRET_KEY value is secret
# (https://docs.djangoproject.com/en/stable/ref/settings/#secret-key).
_add(
    "django-insecure-secret-key",
    provider="django",
    description="Django secret key generated by startproject (django-insecure-...).",
    pattern=_lit("django-insecure-") + r"[A-Za-z0-9!@#$%^&*()_=+-]{20,100}",
    keywords=("django-insecure-",),
    keywords_ignore_case=False,
    extend="",
    make=lambda r: "django-insecure-" + rand(r, DJANGO_CHARS, 50),
)
_add(
    "django-secret-key",
    provider="django",
    description="Django SECRET_KEY (or SECRET_KEY_FALLBACKS) value, quoted or not.",
    pattern=r"(?<![A-Za-z0-9])(?i:(?:django[_.-]?)?secret[_.-]?key(?:[_.-]?fallbacks)?)"
    + _SEP
    + r"""((?<=["'])[^"'\r\n\\]{20,256}(?=["'])|(?<!["'])[A-Za-z0-9!@#$%^&*()_=+-]{20,256})""",
    keywords=("secret_key", "secretkey", "secret-key", "SecretKey"),
    secret_group=1,
    lookbehind=8,
    extend="",
    make=lambda r: rand(r, DJANGO_CHARS, 50),
    name="SECRET_KEY",
    examples=("SECRET_KEY = '{}'",),
    counter_examples=("SECRET_KEY = os.environ['DJANGO_SECRET_KEY']", "SECRET_KEY: None"),
)

PROVIDER_RULES: tuple[Rule, ...] = tuple(_R)
