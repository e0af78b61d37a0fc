"""Generic rules: credential shapes that no single vendor owns.

Private-key blocks, JWTs, ``Authorization`` headers and other credential headers,
cookies, passwords in URLs and connection strings, secret-named query parameters and
assignments in every common syntax.  Context rules mask only the secret: for
``password=hunter2`` the mask replaces ``hunter2`` and keeps ``password=``; for
``postgres://app:pw@db/app`` it replaces ``pw`` and keeps user and host.

Key names follow :mod:`logredact.keys`: a name is secret when its *last* word is
(``db_password``, ``clientSecret``, ``X-Api-Key``), so ``token_count``,
``password_reset`` and ``secret_santa`` are not: the assignment must follow the
secret word directly.
"""

from __future__ import annotations

import base64
import json
import random
import re

from ._rule import Rule
from ._samples import AN, B64, B64U, b64json, make_rule, rand
from ._validators import (
    jwt_header_is_json,
    not_prose,
    not_prose_or_path,
    random_looking,
    token_like,
)

__all__ = ["GENERIC_RULES"]

#: Where a key name starts: not inside a longer lower-case word ("mypassword"), but
#: at a camelCase hump ("dbPassword", "DBPassword").
_START = r"(?:(?<![A-Za-z0-9])|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]))"
#: Pagination cursors are named tokens but are not credentials.
_NOT_CURSOR = r"(?<![Pp]age_)(?<![Pp]age)(?<![Nn]ext_)(?<![Nn]ext)(?<![Cc]ursor_)"
#: Any assignment syntax: ``=``, ``:``, ``=>``, ``:=``, with the key's closing quote
#: (plain or JSON-escaped) before it and the value's opening quote after it.
_SEP = r"""\\?["']?\]?[ \t]{0,3}(?:=>|:=|[=:])[ \t]{0,3}\\?["'`]?"""
#: The value: inside escaped quotes, double quotes, single quotes, backticks, or
#: bare up to the next delimiter.  Escapes stay inside the quoted forms, written as
#: "unrolled loops" (a run, then escape + run) so the engine stays in its fast
#: character-class loop and never has two ways to split the same text.
_VALUE = (
    r"(?<=\\\")[^\"\\\r\n]{1,1024}(?=\\\")"
    r"|(?<=\")(?!\")[^\"\\\r\n]{0,512}(?:\\.[^\"\\\r\n]{0,256}){0,8}(?=\")"
    r"|(?<=')(?!')[^'\\\r\n]{0,512}(?:\\.[^'\\\r\n]{0,256}){0,8}(?=')"
    r"|(?<=`)[^`\r\n]{1,1024}(?=`)"
    r"|(?<![\"'`\\])(?!%\(|\$\{|\{\{)[^\s\"'`,;&<>(){}\[\]\\]{1,1024}"
)

_PASSWORD_NAMES = (
    r"(?i:pass(?:word|wd|phrase)|pwd|pgpassword)"
    r"|(?<=[_.-])(?i:pass)|(?<=[a-z0-9])Pass|(?<=[_.-])PASS"
)
_KEY_PREFIXES = (
    *("api", "access", "secret", "private", "signing", "encryption", "master", "auth"),
    *("account", "app", "admin", "client", "consumer", "storage", "shared", "webhook"),
    *("ingest", "license", "service", "deploy", "sas", "hmac", "session", "subscription"),
    *("functions", "integration", "server", "root", "bot", "write", "upload", "publish"),
)
_TOKEN_PREFIXES = (
    *("access", "auth", "refresh", "id", "bearer", "api", "session", "csrf", "xsrf"),
    *("oauth", "bot", "deploy", "personal", "private", "secret", "service", "app"),
    *("upload", "publish", "registry", "npm", "pypi"),
)
_SECRET_PREFIXES = (
    *("client", "app", "api", "shared", "webhook", "consumer", "signing", "oauth", "jwt"),
    *("hmac", "session", "cookie"),
)
_TOKEN_NAMES = (
    rf"(?i:(?:{'|'.join(_KEY_PREFIXES)})[_.-]?keys?"
    rf"|(?:{'|'.join(_TOKEN_PREFIXES)})token"
    rf"|(?:{'|'.join(_SECRET_PREFIXES)})secret"
    r"|session[_.-]?id|credentials?|signature|jwt)"
    rf"|{_NOT_CURSOR}(?i:token|secret)"
)


def _compound_keywords() -> tuple[str, ...]:
    """Keywords at which a token-named key *starts*, so the rule is tried at one
    position per hit: ``api_key``/``apiKey``/``Api-Key``... for the key compounds
    (their last word, ``key``, is too common alone), concatenations such as
    ``accesstoken``, and the plain last words."""
    words = ["token", "secret", "jwt", "credential", "signature", "session_id", "sessionid"]
    words.append("session-id")
    for prefix in _KEY_PREFIXES:
        title = prefix.capitalize()
        words.extend(prefix + sep + "key" for sep in ("_", "-", ".", ""))
        words.extend((prefix + "Key", title + "Key", title + "-Key", title + "_Key"))
    words.extend(prefix + "token" for prefix in _TOKEN_PREFIXES)
    words.extend(prefix + "secret" for prefix in _SECRET_PREFIXES)
    return tuple(dict.fromkeys(words))


def _human_password(rng: random.Random) -> str:
    return rand(rng, AN, rng.randint(8, 14)) + rng.choice("!#%^*-_.~") + rand(rng, AN, 3)


def _pem(rng: random.Random, kind: str = "RSA ", lines: int = 12) -> str:
    body = "\n".join(rand(rng, B64, 64) for _ in range(lines)) + "\n" + rand(rng, B64, 24) + "=="
    return f"-----BEGIN {kind}PRIVATE KEY-----\n{body}\n-----END {kind}PRIVATE KEY-----"


def _pem_json(rng: random.Random) -> tuple[str, str]:
    block = _pem(rng, "", 10) + "\n"
    text = json.dumps({"type": "service_account", "private_key": block, "client_email": "x"})
    return text, json.dumps(block)[1:-2]


def _pem_repr(rng: random.Random) -> tuple[str, str]:
    block = _pem(rng, "EC ", 3)
    text = repr({"key": json.dumps({"private_key": block})})
    return text, repr(json.dumps(block))[2:-2]


def _openssh(rng: random.Random) -> str:
    body = "\n".join(rand(rng, B64, 70) for _ in range(6))
    return f"-----BEGIN OPENSSH PRIVATE KEY-----\n{body}\n-----END OPENSSH PRIVATE KEY-----"


def _pgp(rng: random.Random) -> str:
    body = "\n".join(rand(rng, B64, 64) for _ in range(8))
    return (
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n"
        f"{body}\n={rand(rng, B64, 4)}\n-----END PGP PRIVATE KEY BLOCK-----"
    )


def _jwt(rng: random.Random) -> str:
    header = b64json({"alg": rng.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"}, urlsafe=True)
    payload = b64json(
        {"sub": rand(rng, AN, 12), "iat": rng.randint(10**9, 2 * 10**9), "scope": "read"},
        urlsafe=True,
    )
    return f"{header}.{payload}.{rand(rng, B64U, 43)}"


def _token(rng: random.Random) -> str:
    return rand(rng, AN, rng.randint(24, 48))


def _basic(rng: random.Random) -> str:
    raw = f"{rand(rng, AN, 8)}:{_human_password(rng)}".encode()
    return base64.b64encode(raw).decode()


_R: list[Rule] = []


def _add(rule_id: str, **kwargs: object) -> None:
    _R.append(make_rule(rule_id, provider="generic", **kwargs))  # type: ignore[arg-type]


# Private keys: PEM (RFC 7468), OpenSSH, PGP (RFC 4880 armor).  The body is runs of
# key characters (raw newlines included), JSON "\n" and repr "\\n" escapes, and
# single dashes; it stops at "-----END" or at the first character a key cannot hold,
# so a truncated key is still masked and a complete one is masked whole.  Runs of up
# to 72 characters keep the regex engine in its fast character-class loop (20x
# faster than one alternation per character) while the width stays bounded.
_KEY_BODY = r"(?:[A-Za-z0-9+/=:,.()@_ \t\r\n]{1,72}|-(?!----)|\\{1,2}[nrt]){0,220}"
_KEY_END = r"(?:-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----)?"
_add(
    "private-key",
    description="PEM, PKCS#8, OpenSSH or PGP private-key block, raw or JSON/repr-escaped.",
    pattern=r"-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----" + _KEY_BODY + _KEY_END,
    keywords=("-----BEGIN",),
    keywords_ignore_case=False,
    tags=("key-block",),
    extend="",
    make=_pem,
    examples=(_pem_json, _pem_repr, lambda r: (f"key file:\n{(s := _openssh(r))}\n", s)),
    counter_examples=(
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcD\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
    ),
)
_add(
    "pgp-private-key-block",
    description="ASCII-armored PGP private key block.",
    pattern=r"-----BEGIN PGP PRIVATE KEY BLOCK-----" + _KEY_BODY + _KEY_END,
    keywords=("-----BEGIN PGP PRIVATE",),
    keywords_ignore_case=False,
    tags=("key-block",),
    extend="",
    make=_pgp,
    counter_examples=(
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQINBF\n-----END PGP PUBLIC KEY BLOCK-----",
    ),
)
# JWTs (RFC 7519) and JWS/JWE compact forms: a base64url JSON header ("eyJ" is
# base64 of '{"'), two to four more dot-separated parts.
_add(
    "jwt",
    description="JSON Web Token (JWS/JWE compact form whose header decodes to a JSON object).",
    pattern=r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,1000}(?:\.[A-Za-z0-9_-]{0,3500}){2,4}",
    keywords=("eyJ",),
    keywords_ignore_case=False,
    validator=jwt_header_is_json,
    make=_jwt,
    examples=("Authorization: Bearer {}", "?id_token={}&state=xyz"),
    counter_examples=("eyJhbGciOiJIUzI1NiJ9 alone", "eyJub3QganNvbiBhdCBhbGw.e30.sig"),
)
# Authorization / Proxy-Authorization (RFC 9110 section 11.6): an optional scheme
# word, then the credentials; Digest parameters are left to the assignment rules.
_add(
    "authorization-header",
    description="Credentials of an Authorization / Proxy-Authorization header (any scheme).",
    pattern=r"(?<![A-Za-z0-9])(?i:(?:proxy[_-])?authorization)"
    + _SEP
    + r"(?:[A-Za-z][A-Za-z0-9_.-]{0,40}[ \t]{1,3})?([A-Za-z0-9+/=._~%:-]{6,4096})",
    keywords=("authorization",),
    secret_group=1,
    lookbehind=6,
    validator=random_looking,
    make=_token,
    template="Authorization: Bearer {}",
    examples=(
        lambda r: (f"headers={{'Authorization': 'Basic {(s := _basic(r))}'}}", s),
        lambda r: (f"Authorization: token {(s := _token(r))}", s),
        lambda r: (f'"authorization": "{(s := _token(r))}"', s),
    ),
    counter_examples=(
        "Authorization: Bearer <token>",
        "authorization failed for user bob",
        "Authorization: required",
        "'Authorization': '[REDACTED]'",
    ),
)
# HTTP Digest (RFC 7616): the response hash can be brute-forced back to the
# password, so it is masked; the other parameters (realm, nonce, uri) are kept.
_add(
    "http-digest-response",
    description="The response hash of an HTTP Digest Authorization header.",
    pattern=r"(?i:digest)[ \t]{1,3}[^\r\n]{0,512}?(?i:response)=\\?\"?([0-9a-fA-F]{32,128})",
    keywords=("digest",),
    secret_group=1,
    extend="",
    make=lambda r: rand(r, "0123456789abcdef", 32),
    template=(
        'Authorization: Digest username="bob", realm="api", nonce="dcd98b7102dd2f0e", '
        'uri="/v1/x", qop=auth, nc=00000001, cnonce="0a4f113b", response="{}"'
    ),
    counter_examples=("sha256 digest response=ok", "Digest auth enabled"),
)
_add(
    "bearer-token",
    description="A Bearer credential anywhere (error messages, curl lines).",
    pattern=r"(?<![A-Za-z0-9])(?i:bearer)[ \t]{1,3}([A-Za-z0-9+/=._~-]{16,4096})",
    keywords=("bearer",),
    secret_group=1,
    validator=random_looking,
    make=_token,
    template="curl -H 'X-Trace: 1' -H 'Bearer {}' https://api.example.com",
    counter_examples=("bearer authentication is required", "Bearer ${TOKEN}", "bearer token"),
)
_add(
    "api-key-header",
    description="Value of an X-...-Key / -Token / -Secret / -Auth / -Signature style header.",
    pattern=r"(?<![A-Za-z0-9-])(?i:(?:x-|ocp-apim-)(?:[a-z0-9]{1,20}-){0,4}"
    r"(?:key|token|secret|auth|signature|password)|private-token|api-key)"
    + _SEP
    + r"([^\s\"',;\\]{6,1024})",
    keywords=(
        *("-key", "-token", "-secret", "-auth", "-signature", "-password"),
        *("-Key", "-Token", "-Secret", "-Auth", "-Signature", "-Password"),
    ),
    secret_group=1,
    lookbehind=64,
    validator=token_like,
    make=_token,
    template="X-Functions-Key: {}",
    examples=(
        lambda r: (f"GET /v1/things X-API-KEY: {(s := _token(r))} 200", s),
        lambda r: (f"{{'Ocp-Apim-Subscription-Key': '{(s := _token(r))}'}}", s),
        lambda r: (f"PRIVATE-TOKEN: {(s := _token(r))}", s),
    ),
    counter_examples=("X-Request-Id: 4f9c", "X-Cache-Key: /home", "x-auth: none"),
)
_add(
    "cookie-header",
    description="Value of a Cookie / Set-Cookie header (every name=value pair).",
    pattern=r"(?<![A-Za-z0-9])(?i:set-cookie|cookies?)"
    + _SEP
    + r"([^\s\"'\\;\[\]{}]{1,512}(?:;[ \t]?[^\s\"'\\;\[\]{}]{1,512}){0,15})",
    keywords=("cookie",),
    secret_group=1,
    lookbehind=4,
    make=lambda r: "sessionid=" + rand(r, AN, 32),
    template="Cookie: {}; theme=dark",
    examples=(
        lambda r: (f"Set-Cookie: {(s := 'sid=' + rand(r, AN, 40))}; Path=/; HttpOnly", s),
        lambda r: (f"{{'HTTP_COOKIE': '{(s := 'csrftoken=' + rand(r, AN, 32))}'}}", s),
    ),
    counter_examples=("cookie consent banner shown", "cookies: []"),
)
# RFC 3986 userinfo: scheme://user:password@host, any scheme (postgres, redis with an
# empty user, amqp, mongodb+srv, http, ftp...).  Only the password is masked.
_add(
    "url-password",
    description="Password in the userinfo of a URL (scheme://user:password@host).",
    pattern=r"://[^\s:/?#@'\"<>\[\]]{0,256}:([^\s/?'\"<>]{1,256})@",
    keywords=("://",),
    secret_group=1,
    extend="",
    make=_human_password,
    template="postgres://app:{}@db.internal:5432/app",
    examples=(
        "redis://:{}@cache:6379/0",
        "amqp://guest:{}@rabbit//",
        "mongodb+srv://admin:{}@cluster0.example.net/db?retryWrites=true",
        "ftp://upload:{}@files.example.com/in",
    ),
    counter_examples=(
        "https://example.com:8443/path?a=b@c",
        "postgres://app:${DB_PASSWORD}@db/app",
        "http://[::1]:8080/",
        "ssh://git@github.com:22/acme/app.git",
    ),
)
#: A query parameter is secret when its name *ends* with one of these words at a word
#: boundary (access_token, X-Amz-Signature, client_secret, apiKey) or is one of the
#: whole names (?code=, ?sig=: as last words they are too common, country_code).
#: The name is matched greedily up to "=" and its end is checked with fixed-width
#: lookbehinds, so each "&" costs one attempt rather than one per prefix length.
_QUERY_LAST_WORDS = (
    *("token", "apikey", "api_key", "api-key", "secret", "password", "passwd", "pwd"),
    *("signature", "jwt", "access_key", "secret_key", "apiKey", "accessKey", "secretKey"),
)
_QUERY_WHOLE_NAMES = r"(?i:sig|code|auth|session|session[_.-]?id|sid|pass|credential)"
_QUERY_CURSORS = ("page_token", "pagetoken", "next_token", "nexttoken", "cursor_token")


def _ends_with_word() -> str:
    ends = []
    for word in _QUERY_LAST_WORDS:
        parts = word.replace("-", "_").split("_")
        lower_camel = parts[0] + "".join(p.capitalize() for p in parts[1:])
        upper_camel = lower_camel[0].upper() + lower_camel[1:]
        for form in dict.fromkeys((word, word.upper(), lower_camel, upper_camel)):
            ends.append(rf"(?<=[?&;_.\-\[]{re.escape(form)})")
        ends.append(rf"(?<=[a-z0-9]{re.escape(upper_camel)})")
    not_cursor = "".join(
        rf"(?<!{re.escape(form)})"
        for cursor in _QUERY_CURSORS
        for form in dict.fromkeys((cursor, cursor.upper(), cursor.replace("token", "Token")))
    )
    return "(?:" + "|".join(ends) + ")" + not_cursor + r"(?<![Pp]ageToken)(?<![Nn]extToken)"


_add(
    "url-query-secret",
    description="Value of a secret-named URL query parameter (access_token, api_key, sig...).",
    pattern=r"[?&;](?:[A-Za-z0-9_.\-\[]{1,48}(?=\]?=)"
    + _ends_with_word()
    + "|"
    + _QUERY_WHOLE_NAMES
    + r")\]?=([^&\s#\"'<>\\]{1,2048})",
    keywords=(
        *("token=", "key=", "secret=", "pass=", "password=", "passwd=", "pwd=", "sig="),
        *("signature=", "auth=", "code=", "session=", "sessionid=", "sid=", "jwt=", "credential="),
    ),
    secret_group=1,
    lookbehind=64,
    validator=not_prose,
    make=_token,
    template="GET https://api.example.com/v1/items?limit=10&access_token={}&page=2",
    examples=(
        "/oauth/callback?code={}&state=abc",
        "https://x.example.com/download?X-Amz-Signature={}",
        "jdbc:postgresql://db:5432/app?user=app&password={}",
    ),
    counter_examples=(
        "?page_token=CAUQAA&limit=5",
        "/search?q=token&sort=asc",
        "?pageToken=abc123",
    ),
)
_add(
    "password-assignment",
    description="Value assigned to a password-named key (password, passwd, pwd, passphrase, "
    "*_pass).",
    pattern=_START + rf"(?:{_PASSWORD_NAMES})" + _SEP + rf"({_VALUE})",
    keywords=("pass", "pwd", "pgpassword"),
    secret_group=1,
    validator=not_prose_or_path,
    make=_human_password,
    name="password",
    examples=(
        "DB_PASSWORD={}",
        "export PGPASSWORD='{}'",
        "host=db port=5432 user=app password={} dbname=app",
        'log: "{{\\"password\\": \\"{}\\"}}"',
        "smtp_pass: {}",
        "login(user='bob', password='{}')",
        "$config['password'] => '{}';",
        "dbPassword: {}",
    ),
    counter_examples=(
        "password_reset_url=https://example.com/reset",
        "password: is required",
        "password=None",
        "password: ***",
        'password: "${DB_PASSWORD}"',
        "password: {{ vault_db_password }}",
        "password=%(password)s",
        "bypass=true",
        "PWD=/home/app",
        "Invalid password for user bob",
        "mypassword=x",
    ),
)
_add(
    "secret-assignment",
    description="Value assigned to a token-, secret- or key-named key (api_key, client_secret, "
    "access_token, X-Api-Key...).",
    pattern=_START + rf"(?:{_TOKEN_NAMES})" + _SEP + rf"({_VALUE})",
    keywords=_compound_keywords(),
    secret_group=1,
    validator=token_like,
    make=_token,
    name="client_secret",
    examples=(
        "API_KEY={}",
        "{{'apiKey': '{}'}}",
        '"access_token": "{}"',
        "X-Api-Key: {}",
        "auth_token = {}",
        "config.secret_key: {}",
        "celery task args=() kwargs={{'webhook_secret': '{}'}}",
    ),
    counter_examples=(
        "token_count=12",
        "max_tokens=100 total_tokens=1290",
        "secret_santa=alice",
        "token_type: Bearer",
        "cache_key=user:42:profile",
        "public_key=ssh-ed25519",
        "api_key=None",
        "client_secret: <your-secret>",
        "nextPageToken: CAUQAA",
        "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
        "idempotency_key=7d1c2a34-e2f5-4d8b-9a0e-3c5f9a1b2c3d",
    ),
)
_FLAG_NAMES = (
    r"password|passwd|pass|pwd|passphrase|secret|token|api-key|apikey|access-key|secret-key"
    r"|private-key|client-secret|auth-token|access-token"
)
_add(
    "cli-secret-flag",
    description="Value of a secret-named command-line flag (--password x, --api-key=x).",
    pattern=rf"(?<![A-Za-z0-9-])--(?:[a-z0-9]{{1,20}}-){{0,4}}(?i:{_FLAG_NAMES})(?:=|[ \t]{{1,3}})"
    + r"""["']?((?<=")(?!")[^"\\\r\n]{0,512}(?:\\.[^"\\\r\n]{0,256}){0,8}(?=")"""
    + r"""|(?<=')[^'\r\n]{1,1024}(?=')"""
    + r"""|(?<!["'])[^\s"'`]{1,1024})""",
    keywords=("-pass", "-pwd", "-secret", "-token", "-key", "-apikey"),
    secret_group=1,
    lookbehind=48,
    make=_human_password,
    template="mysqldump --user app --password {} appdb",
    counter_examples=("--password-file /run/secrets/db", "--token-count 5"),
)
# curl/wget/httpie style credentials: -u user:password, --user=user:password.
_add(
    "cli-user-password",
    description="Password of a -u / --user / --proxy-user user:password command-line argument.",
    pattern=r"(?<![A-Za-z0-9-])(?:-u|--user|--proxy-user)(?:[ \t]{1,3}|=)[\"']?"
    r"(?![0-9]{1,10}:)[^\s:\"'@/]{1,128}:([^\s\"']{1,256})",  # not uid:gid
    keywords=("-u", "--user", "--proxy-user"),
    keywords_ignore_case=False,
    secret_group=1,
    extend="",
    make=_human_password,
    template="curl -sS -u deploy:{} https://api.example.com/v1/releases",
    examples=("wget --user=admin:{} https://files.example.com/a.tgz",),
    counter_examples=("docker run -u 1000:1000 app", "ps -u root", "sudo -u postgres psql"),
)
_add(
    "connection-string-password",
    description="Password of an ODBC / ADO.NET / JDBC connection string (Pwd=...; Password={...}).",
    pattern=r"(?<![A-Za-z0-9_])(?i:password|pwd)[ \t]{0,2}=[ \t]{0,2}"
    r"((?!\{\{)\{(?:[^}\r\n]|\}\}){1,512}\}|[^;\r\n\"'{}=]{1,512}?"
    r"(?=[ \t]*(?:[;\"'\r\n\x00]|(?![\s\S]))))",
    keywords=("pwd", "password"),
    secret_group=1,
    lookbehind=1,
    extend="",
    validator=not_prose_or_path,
    make=_human_password,
    template="Driver={{ODBC Driver 18 for SQL Server}};Server=db;Uid=app;Pwd={};Encrypt=yes",
    examples=(
        lambda r: (
            f"Server=db;Database=app;User Id=app;Password={{{(s := _human_password(r))};x}};",
            s + ";x",
        ),
        lambda r: (
            f"jdbc:sqlserver://db:1433;user=app;password={(s := _human_password(r))};encrypt=true",
            s,
        ),
    ),
    counter_examples=("Password=;Server=db", "Pwd={};"),
)
_add(
    "sql-password",
    description="Password literal in SQL (IDENTIFIED BY '...', WITH PASSWORD '...').",
    pattern=r"(?i:identified[ \t]{1,3}by|password)[ \t]{1,3}'((?:[^'\\\r\n]|''|\\.){1,256})'",
    keywords=("identified", "password"),
    secret_group=1,
    make=_human_password,
    template="ALTER USER app WITH PASSWORD '{}'",
    examples=("CREATE USER 'app'@'%' IDENTIFIED BY '{}';",),
    counter_examples=("ALTER USER app WITH PASSWORD NULL",),
)

GENERIC_RULES: tuple[Rule, ...] = tuple(_R)
