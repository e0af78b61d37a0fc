"""A seeded evaluation corpus for credential-shape detection.

Two halves, reusable by any benchmark:

* :func:`secret_cases`: every credential kind the built-in catalog knows (one kind per
  rule, >= 100 kinds), each secret freshly generated (never a real token) and
  embedded in realistic log lines in many contexts: bare in a message, quoted, a JSON
  value, the repr of a dict, a query string, a header, ``key=value``, ``export
  NAME=value``, YAML, a URL path, celery task arguments, traceback text.  Each case
  carries the secret *as it appears in the line* (JSON-escaped, repr-escaped,
  URL-encoded), so "masked" means none of that text survives.
* :func:`ordinary_cases`: at least as many lines with no secret, full of the values
  logs are made of -- UUIDs, git SHAs, hex digests, request ids, paths, versions,
  timestamps, e-mail addresses, base64 blobs, numbers, words -- and of near misses
  (``token_count=12``, ``password_reset_url=...``, ``secret_santa``, ``max_tokens``,
  ``Authorization failed``), each with the list of values that must survive.

:func:`pairs` returns ``(line, [secret substrings])`` for both halves (an empty list
for ordinary lines), the form other benchmarks consume.

    .venv/bin/python benchmarks/corpus.py     # prints a sample of each half
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import string
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from logredact.rules import builtin_rules
from logredact.rules._samples import SAMPLES, Sample

__all__ = ["Case", "ordinary_cases", "pairs", "secret_cases"]


@dataclass(frozen=True)
class Case:
    """One corpus line.  ``secrets``: text that must not survive; ``keep``: values
    that must survive (ordinary lines)."""

    line: str
    secrets: tuple[str, ...]
    kind: str
    context: str
    keep: tuple[str, ...] = ()


_LEVELS = ("INFO", "WARNING", "ERROR", "DEBUG")
_LOGGERS = ("app.api", "app.worker", "django.request", "celery.app.trace", "billing.sync")
_NEUTRAL_KEYS = ("value", "data", "payload", "arg", "result", "detail", "config_value")
_WORDS = (
    "order user cache miss hit retry queue worker task finished started payment invoice "
    "shipment region latency upstream database connection pool timeout checkout cart item "
    "price currency request response status ok failed deploy build artifact sync batch"
).split()


def _ts(rng: random.Random) -> str:
    return (
        f"2026-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}T"
        f"{rng.randrange(24):02}:{rng.randrange(60):02}:{rng.randrange(60):02}."
        f"{rng.randrange(1000):03}Z"
    )


def _prefix(rng: random.Random) -> str:
    return f"{_ts(rng)} {rng.choice(_LEVELS)} [{rng.choice(_LOGGERS)}] "


def _url_safe(value: str) -> bool:
    return quote(value, safe="") == value


# -- contexts -----------------------------------------------------------------------
# Each takes (rng, value, key) and returns (line, encoding): how the value (and so
# the secret inside it) was encoded into the line.  ``key`` is the key name to use
# (the rule's required name, or a neutral one).

Encode = Callable[[str], str]
Context = Callable[[random.Random, str, str], tuple[str, Encode]]


def _raw(text: str) -> str:
    return text


def _json_escaped(text: str) -> str:
    return json.dumps(text)[1:-1]


def _repr_escaped(text: str) -> str:
    return repr(text)[1:-1]


def _url_encoded(text: str) -> str:
    return quote(text, safe="")


def _bare(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    words = " ".join(rng.choices(_WORDS, k=3))
    return f"{_prefix(rng)}{words}: using {value} for upstream call", _raw


def _quoted(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    return f'{_prefix(rng)}rejected credential "{value}" from {rng.choice(_WORDS)}', _raw


def _json(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    record = {"time": _ts(rng), "level": "info", "event": rng.choice(_WORDS), key: value}
    record["request_id"] = uuid.UUID(int=rng.getrandbits(128)).hex
    return json.dumps(record), _json_escaped


def _repr_dict(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    settings = {"DEBUG": False, key: value, "TIME_ZONE": "UTC"}
    return f"{_prefix(rng)}settings={settings!r}", _repr_escaped


def _kv(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    return (
        f"{_prefix(rng)}user_id={rng.randrange(10**6)} {key}={value} "
        f"duration_ms={rng.randrange(900)}",
        _raw,
    )


def _env(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    return f"+ export {key.upper().replace('-', '_')}='{value}'", _raw


def _yaml(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    return f"  {key}: {value}", _raw


def _query(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    encoded = _url_encoded(value)
    return (
        f"10.0.{rng.randrange(256)}.{rng.randrange(256)} - - [{_ts(rng)}] "
        f'"GET /api/v1/items?limit=20&{key}={encoded}&page=2 HTTP/1.1" 200 512',
        _url_encoded,
    )


def _header(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    return f"{_prefix(rng)}outgoing headers: {key}: {value}", _raw


def _bearer(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    return f"{_prefix(rng)}> Authorization: Bearer {value}", _raw


def _url_path(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    return f"{_prefix(rng)}POST https://hooks.example.com/v1/{value}/notify -> 404", _raw


def _celery(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    task = uuid.UUID(int=rng.getrandbits(128))
    return (
        f"[{_ts(rng)}: INFO/MainProcess] Task app.tasks.sync[{task}] received: "
        f"args=({value!r}, {rng.randrange(100)}) kwargs={{}}",
        _repr_escaped,
    )


def _celery_kwargs(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    task = uuid.UUID(int=rng.getrandbits(128))
    return (
        f"[{_ts(rng)}: INFO/MainProcess] Task app.tasks.sync[{task}] received: "
        f"args=() kwargs={{'{key}': {value!r}, 'retry': True}}",
        _repr_escaped,
    )


def _traceback(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    return (
        "Traceback (most recent call last):\n"
        f'  File "/app/clients/{rng.choice(_WORDS)}.py", line {rng.randrange(400)}, in call\n'
        "    return self._send(request)\n"
        f"ValueError: upstream refused credential {value!r}",
        _repr_escaped,
    )


def _traceback_locals(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    return (
        "Traceback (most recent call last):\n"
        '  File "/app/settings_loader.py", line 88, in load\n'
        "    raise ImproperlyConfigured(name)\n"
        "Local variables:\n"
        f"    {key} = {value!r}\n"
        "    name = 'DATABASES'",
        _repr_escaped,
    )


def _bytes_repr(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    return f"{_prefix(rng)}sent {value.encode()!r} to upstream", _bytes_escaped


def _bytes_escaped(text: str) -> str:
    return repr(text.encode())[2:-1]


def _http_error(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    return (
        "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: "
        f"https://api.example.com/v2/{rng.choice(_WORDS)}?{key}={value}&format=json",
        _raw,
    )


def _nested_json(rng: random.Random, value: str, key: str) -> tuple[str, Encode]:
    record = {"event": "request", "context": {"headers": {"accept": "*/*"}, "params": {key: value}}}
    return json.dumps(record), _json_escaped


#: Contexts for a shape with no key of its own (the shape itself is the evidence).
_SHAPE_CONTEXTS: dict[str, Context] = {
    "bare": _bare,
    "quoted": _quoted,
    "json": _json,
    "repr": _repr_dict,
    "kv": _kv,
    "query": _query,
    "header-bearer": _bearer,
    "url-path": _url_path,
    "celery-args": _celery,
    "traceback": _traceback,
    "bytes-repr": _bytes_repr,
    "http-error": _http_error,
    "nested-json": _nested_json,
}
#: Contexts where a key names the value (what a context rule needs).
_NAMED_CONTEXTS: dict[str, Context] = {
    "json": _json,
    "repr": _repr_dict,
    "kv": _kv,
    "env": _env,
    "yaml": _yaml,
    "celery-kwargs": _celery_kwargs,
    "traceback-locals": _traceback_locals,
    "nested-json": _nested_json,
}
#: A shape that needs its surroundings (a URL, a connection string, a header).
_TEMPLATE_CONTEXTS: dict[str, Context] = {
    "bare": _bare,
    "quoted": _quoted,
    "json": _json,
    "repr": _repr_dict,
    "celery-args": _celery,
    "traceback": _traceback,
}
_HEADER_NAMES = ("X-Api-Key", "X-Auth-Token", "Private-Token", "X-Vault-Token")


def _contexts_for(sample: Sample, value: str) -> dict[str, Context]:
    if sample.name is not None:
        contexts = dict(_NAMED_CONTEXTS)
        if "-" in sample.name:
            contexts["header"] = _header
        return contexts
    if sample.template is not None:
        return dict(_TEMPLATE_CONTEXTS)
    contexts = dict(_SHAPE_CONTEXTS)
    if "\n" in value or not _url_safe(value):
        # A multi-line key or a base64 token with +/= does not travel in a URL path,
        # a query string or a bearer header unencoded; encoded it is another shape.
        for name in ("query", "url-path", "header-bearer", "kv", "http-error"):
            contexts.pop(name, None)
    return contexts


def secret_cases(seed: int = 2026, per_kind: int = 20) -> list[Case]:
    """``per_kind`` secrets of every kind, each in every context that suits it."""
    rng = random.Random(seed)
    cases: list[Case] = []
    for rule in builtin_rules():
        sample = SAMPLES[rule.id]
        for _ in range(per_kind):
            secret = sample.make(rng)
            value = sample.embed(secret)
            for context, build in _contexts_for(sample, value).items():
                key = sample.name or rng.choice(_NEUTRAL_KEYS)
                if context == "header" and sample.name is None:
                    key = rng.choice(_HEADER_NAMES)
                line, encode = build(rng, value, key)
                shown = encode(secret)
                if shown not in line:  # repr chose other quotes: fall back to the raw form
                    shown = secret
                cases.append(Case(line, (shown,), rule.id, context))
    return cases


# -- ordinary lines -----------------------------------------------------------------


def _hex(rng: random.Random, size: int) -> str:
    return "".join(rng.choices("0123456789abcdef", k=size))


def _values(rng: random.Random) -> list[tuple[str, str]]:
    """(key, value) pairs of the kinds logs are full of; none is a secret."""
    blob = base64.b64encode(rng.randbytes(rng.randint(12, 60))).decode()
    doc = base64.b64encode(json.dumps({"page": rng.randrange(9), "q": "x"}).encode()).decode()
    return [
        ("request_id", str(uuid.UUID(int=rng.getrandbits(128), version=4))),
        ("trace_id", _hex(rng, 32)),
        ("commit", _hex(rng, 40)),
        ("short_sha", _hex(rng, 7)),
        ("sha256", hashlib.sha256(rng.randbytes(8)).hexdigest()),
        ("etag", f'W/"{_hex(rng, 16)}"'),
        ("md5", hashlib.md5(rng.randbytes(8), usedforsecurity=False).hexdigest()),
        ("path", f"/srv/app/releases/{rng.randrange(10**4)}/static/{_hex(rng, 8)}.js"),
        ("version", f"{rng.randrange(5)}.{rng.randrange(30)}.{rng.randrange(20)}"),
        ("ts", _ts(rng)),
        ("email", f"{rng.choice(_WORDS)}.{rng.choice(_WORDS)}@example.com"),
        ("blob", blob),
        ("cursor", doc),
        ("user_agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"),
        ("order_id", f"ord_{''.join(rng.choices(string.ascii_letters + string.digits, k=14))}"),
        ("pk", f"pk_live_{''.join(rng.choices(string.digits, k=6))}"),
        ("ip", f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}"),
        ("amount", f"{rng.randrange(10**5) / 100:.2f}"),
        ("token_count", str(rng.randrange(4000))),
        ("max_tokens", str(rng.randrange(4000))),
        ("password_reset_url", f"https://example.com/reset/{_hex(rng, 12)}/"),
        ("secret_santa", rng.choice(_WORDS)),
        ("cache_key", f"user:{rng.randrange(10**6)}:profile"),
        ("public_key_id", _hex(rng, 16)),
        ("idempotency_key", str(uuid.UUID(int=rng.getrandbits(128)))),
        ("token_type", "Bearer"),
        ("next_page_token", base64.urlsafe_b64encode(rng.randbytes(9)).decode()),
        ("url", f"https://api.example.com:8443/v2/{rng.choice(_WORDS)}?page={rng.randrange(9)}"),
        ("repo", "git@github.com:acme/app.git"),
        ("db", f"postgres://app@db-{rng.randrange(9)}.internal:5432/app"),
        ("image", f"registry.example.com/acme/app@sha256:{_hex(rng, 64)}"),
        ("ssh_public_key", f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{_hex(rng, 20)} ops@bastion"),
        ("api_key_id", _hex(rng, 20)),
        ("secret_name", f"db-credentials-{rng.randrange(9)}"),
        ("tokens_used", str(rng.randrange(10**5))),
        ("sentry_dsn", f"https://{_hex(rng, 32)}@o{rng.randrange(10**5)}.ingest.sentry.io/42"),
        ("proxy", f"http://squid@proxy-{rng.randrange(9)}:3128"),
        ("scp_target", f"deploy@10.0.0.{rng.randrange(256)}:/srv/releases"),
        (
            "storage",
            "DefaultEndpointsProtocol=https;AccountName=acme;EndpointSuffix=core.windows.net",
        ),
        ("mailto", f"mailto:{rng.choice(_WORDS)}@example.com"),
        ("locale", rng.choice(["en-us", "en-US", "de-de", "pt-br"])),
        ("k8s_uid", str(uuid.UUID(int=rng.getrandbits(128), version=1))),
        ("build", f"build-{_hex(rng, 12)}-{rng.randrange(10**4)}"),
    ]


_SENTENCES = (
    "Authorization failed for user {w}",
    "password reset e-mail sent to {e}",
    "invalid password for user {w}",
    "token expired, refreshing",
    "cache key miss for {w}",
    "secret rotation scheduled in 3 days",
    "monkey-patching {w} for tests",
    "bypass cache for {w}",
    "tokenizer loaded {n} tokens",
    "ASIAN market sync finished",
    "bearer authentication required",
    "set cookie consent for {w}",
    "keyboard interrupt received",
    "passenger {w} boarded",
    "sk-learn model {w} loaded",
    "Authorization header missing on {w}",
    "keyring backend: SecretService",
    "cookie jar cleared for {w}",
    "-----BEGIN CERTIFICATE----- parsed for {w}",
    "https://github.com/acme/app.git@v1.{n} pinned",
    "user {w} logged in with passkey",
    "signature verification ok for {w}",
    "secrets manager returned {n} entries",
    "bearer token missing",
)


def ordinary_cases(seed: int = 7, count: int = 4000) -> list[Case]:
    """``count`` lines with no secret, in the same contexts as the secret half."""
    rng = random.Random(seed)
    cases: list[Case] = []
    while len(cases) < count:
        pairs = rng.sample(_values(rng), k=rng.randint(3, 6))
        sentence = rng.choice(_SENTENCES).format(
            w=rng.choice(_WORDS), e="ops@example.com", n=rng.randrange(10**4)
        )
        style = rng.randrange(5)
        if style == 0:
            line = _prefix(rng) + sentence + " " + " ".join(f"{k}={v}" for k, v in pairs)
            context = "kv"
        elif style == 1:
            record = {"time": _ts(rng), "message": sentence, **dict(pairs)}
            line = json.dumps(record)
            context = "json"
        elif style == 2:
            line = f"{_prefix(rng)}{sentence} extra={dict(pairs)!r}"
            context = "repr"
        elif style == 3:
            query = "&".join(f"{k}={quote(v, safe='')}" for k, v in pairs)
            line = (
                f'10.0.0.{rng.randrange(256)} - - [{_ts(rng)}] "GET /api/v1/x?{query} HTTP/1.1" 200'
            )
            context = "query"
        else:
            line = (
                "Traceback (most recent call last):\n"
                f'  File "/srv/app/{rng.choice(_WORDS)}.py", line {rng.randrange(900)}, in run\n'
                f"KeyError: {pairs[0][1]!r} ({sentence})"
            )
            pairs = pairs[:1]
            context = "traceback"
        keep = tuple(v for _, v in pairs)
        cases.append(Case(line, (), "ordinary", context, keep))
    return cases


def pairs(seed: int = 2026, per_kind: int = 20) -> list[tuple[str, list[str]]]:
    """``(line, secret substrings)`` for the whole corpus: secret lines (each with
    the secret as it appears) and as many ordinary lines (with ``[]``)."""
    secret = secret_cases(seed, per_kind)
    ordinary = ordinary_cases(seed + 1, len(secret))
    return [(c.line, list(c.secrets)) for c in secret] + [(c.line, []) for c in ordinary]


if __name__ == "__main__":
    s = secret_cases(per_kind=1)
    o = ordinary_cases(count=10)
    kinds = {c.kind for c in s}
    print(f"{len(kinds)} kinds, {len(s)} secret lines at per_kind=1; sample:")
    for c in random.Random(1).sample(s, 8):
        print(f"  [{c.kind}/{c.context}] {c.line[:150]!r}")
    print("ordinary sample:")
    for c in o[:6]:
        print(f"  [{c.context}] {c.line[:150]!r}")
