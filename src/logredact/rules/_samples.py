"""Random credential generators, and the builder that gives every built-in rule its
own examples.

Every example token is generated here from a seeded :class:`random.Random`: none is a
real credential, and checksummed formats (GitHub, npm) carry a correct checksum so
the validators accept them.  The same generators feed the test suite's property tests
and the evaluation corpus in ``benchmarks/``: :data:`SAMPLES` maps a rule id to how to
make a secret it must mask, and :data:`EXAMPLE_SECRETS` maps a rule id to its
``(example text, secret)`` pairs.
"""

from __future__ import annotations

import base64
import json
import random
import string
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ._rule import Rule
from ._validators import base62

__all__ = [
    "AN",
    "B64",
    "B64U",
    "EXAMPLE_SECRETS",
    "HEX",
    "SAMPLES",
    "Sample",
    "crc32_body",
    "make_rule",
    "rand",
]

AN = string.ascii_letters + string.digits
UPPER_AN = string.ascii_uppercase + string.digits
LOWER_AN = string.ascii_lowercase + string.digits
B64 = AN + "+/"
B64U = AN + "-_"
HEX = "0123456789abcdef"
BASE32 = string.ascii_uppercase + "234567"
BECH32_UPPER = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"
DJANGO_CHARS = string.ascii_lowercase + string.digits + "!@#$%^&*(-_=+)"

Make = Callable[[random.Random], str]


def rand(rng: random.Random, alphabet: str, size: int) -> str:
    """``size`` characters drawn from ``alphabet``."""
    return "".join(rng.choice(alphabet) for _ in range(size))


def crc32_body(rng: random.Random, size: int = 30) -> str:
    """``size`` random base62 characters followed by their base62 CRC32 (the GitHub
    and npm token body)."""
    entropy = rand(rng, AN, size)
    return entropy + base62(zlib.crc32(entropy.encode("ascii")))


def b64json(obj: object, *, urlsafe: bool = False) -> str:
    raw = json.dumps(obj, separators=(",", ":")).encode()
    encoded = base64.urlsafe_b64encode(raw) if urlsafe else base64.b64encode(raw)
    return encoded.decode().rstrip("=") if urlsafe else encoded.decode()


@dataclass(frozen=True)
class Sample:
    """How to make one secret a rule must mask.

    ``make`` returns the secret; ``template`` (``"...{}..."``) is the text the secret
    must sit in to be recognisable (a webhook URL, a connection string); ``name`` is
    the key a context rule needs in front of the value (``AWS_SECRET_ACCESS_KEY``).
    """

    rule_id: str
    make: Make
    name: str | None = None
    template: str | None = None

    def embed(self, secret: str) -> str:
        """The secret in its required surroundings (template only, no key)."""
        return self.template.format(secret) if self.template else secret


SAMPLES: dict[str, Sample] = {}
EXAMPLE_SECRETS: dict[str, tuple[tuple[str, str], ...]] = {}


def _default_examples(sample: Sample, rng: random.Random) -> list[tuple[str, str]]:
    pairs = []
    if sample.name is not None:
        name = sample.name
        for form in (
            "{name}={value}",
            '{{"{name}": "{value}"}}',
            "settings {{'{name}': '{value}', 'debug': False}}",
        ):
            secret = sample.make(rng)
            embedded = sample.embed(secret)
            pairs.append((form.format(name=name, value=embedded), secret))
        return pairs
    for form in (
        "upload failed with credential {value} (retrying)",
        '{{"event": "config", "value": "{value}", "n": 3}}',
        "kwargs={{'value': '{value}'}}",
    ):
        secret = sample.make(rng)
        pairs.append((form.format(value=sample.embed(secret)), secret))
    return pairs


def make_rule(
    rule_id: str,
    *,
    pattern: str,
    keywords: Sequence[str],
    make: Make,
    description: str,
    provider: str,
    name: str | None = None,
    template: str | None = None,
    examples: Sequence[str | Callable[[random.Random], tuple[str, str]]] = (),
    counter_examples: Sequence[str] = (),
    **options: object,
) -> Rule:
    """A rule whose examples are generated from ``make`` (seeded by the rule id, so
    the catalog is the same on every import) and registered in :data:`SAMPLES`.

    ``examples`` may hold extra templates with one ``{}`` for a fresh secret (the
    bare secret: ``template`` is not applied to them), or
    callables returning ``(text, secret)`` for forms a template cannot express (a
    JSON-escaped private key).
    """
    sample = Sample(rule_id, make, name, template)
    rng = random.Random(f"logredact:{rule_id}")
    pairs = _default_examples(sample, rng)
    for form in examples:
        if callable(form):
            pairs.append(form(rng))
        else:
            secret = make(rng)
            pairs.append((form.format(secret), secret))
    rule = Rule(
        id=rule_id,
        pattern=pattern,
        keywords=tuple(keywords),
        description=description,
        provider=provider,
        examples=tuple(text for text, _ in pairs),
        # Every rule also leaves its bare keyword in prose alone.
        counter_examples=(*counter_examples, f"{keywords[0]} alone in a sentence"),
        **options,  # type: ignore[arg-type]
    )
    SAMPLES[rule_id] = sample
    EXAMPLE_SECRETS[rule_id] = tuple(pairs)
    return rule
