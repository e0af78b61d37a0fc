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
