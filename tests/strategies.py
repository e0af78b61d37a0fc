"""The one home of the test suite's hypothesis strategies.

Secrets are always generated here, at random: no real credential is ever written in a
test.  Strategies for every test layer (engine, stdlib, structlog, CLI) live in this
module so that "a secret" means the same thing everywhere.
"""

from __future__ import annotations

import string

from hypothesis import strategies as st

from logredact import DEFAULT_MIN_SECRET_LENGTH

#: Characters that break naive maskers: quotes, backslashes, percent, braces, newlines,
#: non-ASCII, control characters.
NASTY = "'\"\\%{}\n\r\t$`@:/+=&?# éß€😀\x00\x1b"

#: Any Unicode text (no lone surrogates) of at least the minimum length.
any_secret = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)),
    min_size=DEFAULT_MIN_SECRET_LENGTH,
    max_size=40,
).filter(lambda s: len(s.strip()) >= DEFAULT_MIN_SECRET_LENGTH)

#: Secrets drawn mostly from characters that need escaping somewhere.
nasty_secret = st.text(
    alphabet=st.sampled_from(NASTY + string.ascii_letters + string.digits),
    min_size=DEFAULT_MIN_SECRET_LENGTH,
    max_size=32,
).filter(lambda s: len(s.strip()) >= DEFAULT_MIN_SECRET_LENGTH)

#: Token-like secrets, as generated passwords and API keys look.
token_secret = st.text(
    alphabet=string.ascii_letters + string.digits + "-_",
    min_size=DEFAULT_MIN_SECRET_LENGTH,
    max_size=48,
)

secret = st.one_of(token_secret, nasty_secret, any_secret)

#: Ordinary log text around a secret.
filler = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)),
    max_size=60,
)

#: Text that cannot contain an ASCII-letter secret: no ASCII letters at all.
letterless = st.text(
    alphabet=st.characters(
        exclude_categories=("Cs",),
        exclude_characters=string.ascii_letters,
    ),
    max_size=60,
)

#: Secrets of ASCII letters only (pair with ``letterless`` text).
letter_secret = st.text(
    alphabet=string.ascii_letters, min_size=DEFAULT_MIN_SECRET_LENGTH, max_size=32
)


@st.composite
def overlapping_secrets(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A lower-case base string and 1-4 secrets that are substrings of it: they
    overlap, nest or touch inside the base."""
    base = draw(st.text(alphabet="abcdefgh", min_size=16, max_size=48))
    found = []
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(base) - DEFAULT_MIN_SECRET_LENGTH))
        end = draw(st.integers(start + DEFAULT_MIN_SECRET_LENGTH, len(base)))
        found.append(base[start:end])
    return base, found


def structured(leaf: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Nested dicts, lists, tuples and sets (hashable leaves only in sets and keys)."""
    hashable = st.one_of(leaf, st.integers(), st.none())
    return st.recursive(
        st.one_of(hashable, st.binary(max_size=8)),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.tuples(children, children),
            st.dictionaries(st.one_of(st.text(max_size=12), leaf), children, max_size=4),
            st.frozensets(hashable, max_size=3),
            st.sets(hashable, max_size=3),
        ),
        max_leaves=12,
    )


@st.composite
def log_stream(draw: st.DrawFn) -> tuple[list[str], bytes]:
    """1-3 secrets and a byte stream holding them at random offsets among filler text,
    newlines and stray bytes that are not UTF-8 (for the streaming CLI)."""
    values = draw(st.lists(secret, min_size=1, max_size=3, unique=True))
    pieces = draw(
        st.lists(
            st.one_of(
                filler.map(lambda s: s.encode("utf-8")),
                st.sampled_from([b"\n", b"\r\n", b"\n\n"]),
                st.binary(max_size=3),
                st.sampled_from(values).map(lambda s: s.encode("utf-8")),
            ),
            max_size=48,
        )
    )
    return values, b"".join(pieces)


@st.composite
def credential(draw: st.DrawFn) -> tuple[str, str, str, str | None]:
    """A generated credential of a built-in rule's format (never a real one):
    ``(rule id, secret, secret in its required surroundings, required key name)``."""
    from logredact.rules._samples import SAMPLES

    rule_id = draw(st.sampled_from(sorted(SAMPLES)))
    sample = SAMPLES[rule_id]
    value = sample.make(draw(st.randoms(use_true_random=False)))
    return rule_id, value, sample.embed(value), sample.name
