"""Sensitive key names for structured data.

A value stored under a key such as ``password``, ``Authorization`` or ``clientSecret``
is masked whatever it looks like.  Keys are compared by their *normalised* words:
``DB_PASSWORD``, ``db-password``, ``dbPassword`` and ``DbPassword`` all become
``("db", "password")``.  A key is sensitive when its words *end* with one of the
configured names, so ``X-Api-Key`` and ``aws_secret_access_key`` are sensitive while
``token_count``, ``password_reset_url`` and ``secret_santa`` are not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["DEFAULT_SENSITIVE_KEYS", "KeyMatcher", "normalise_key"]

#: The built-in sensitive key names.  Each is compared by its words, so ``api_key``
#: also covers ``apiKey``, ``X-Api-Key`` and ``apikey``.
DEFAULT_SENSITIVE_KEYS: frozenset[str] = frozenset(
    {
        "password",
        "passwords",
        "passwd",
        "pwd",
        "pass",
        "passphrase",
        "secret",
        "secrets",
        "token",
        "tokens",
        "api_key",
        "api_keys",
        "apikey",
        "access_key",
        "secret_key",
        "private_key",
        "signing_key",
        "encryption_key",
        "master_key",
        "authorization",
        "auth",
        "cookie",
        "cookies",
        "session",
        "session_id",
        "session_key",
        "credentials",
        "credential",
        "creds",
        "jwt",
        "dsn",
        "connection_string",
    }
)

#: Names that also count glued to the end of a longer word (``csrftoken``,
#: ``dbpassword``, ``xapikey``): no common English word ends with them.
_GLUED_SUFFIXES = ("password", "passwd", "secret", "token", "apikey", "sessionid")

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+|[^\W\d_]+")


def normalise_key(key: str) -> tuple[str, ...]:
    """Split ``key`` into lower-case words at separators and camelCase boundaries.

    >>> normalise_key("X-Api-Key")
    ('x', 'api', 'key')
    >>> normalise_key("clientSecret")
    ('client', 'secret')
    >>> normalise_key("DBPassword")
    ('db', 'password')
    """
    return tuple(word.lower() for word in _WORD.findall(key))


class _Decisions(dict[str, bool]):
    """``decisions[key]``: a matcher's answer at the cost of a dict lookup."""

    __slots__ = ("_decide",)

    _LIMIT = 4096

    def __init__(self, decide: Callable[[str], bool]) -> None:
        super().__init__()
        self._decide = decide

    def __missing__(self, key: str) -> bool:
        hit = self._decide(key) if type(key) is str else False
        if len(self) >= self._LIMIT:
            self.clear()
        self[key] = hit
        return hit


class KeyMatcher:
    """Decides whether a key names a secret.

    Decisions are cached per key string; hot loops read :attr:`decisions`
    (``matcher.decisions[key]``, a dict lookup once a key has been seen).
    """

    __slots__ = ("_glued", "_names", "decisions")

    def __init__(self, keys: Iterable[str] = DEFAULT_SENSITIVE_KEYS) -> None:
        if isinstance(keys, str):
            msg = f'"keys" must be an iterable of key names, not a string: {keys!r}'
            raise TypeError(msg)
        names = set()
        for key in keys:
            if not isinstance(key, str):
                msg = f'"keys" must hold strings: {key!r}'
                raise TypeError(msg)
            words = normalise_key(key)
            if not words:
                msg = f'"keys" holds a name without letters or digits: {key!r}'
                raise ValueError(msg)
            names.add("".join(words))
        self._names = frozenset(names)
        self._glued = tuple(name for name in _GLUED_SUFFIXES if name in self._names)
        self.decisions: dict[str, bool] = _Decisions(self._decide)

    @property
    def names(self) -> frozenset[str]:
        """The configured names, normalised (words joined)."""
        return self._names

    def __call__(self, key: str) -> bool:
        return self.decisions[key]

    def _decide(self, key: str) -> bool:
        words = normalise_key(key)
        if not words:
            return False
        return any("".join(words[i:]) in self._names for i in range(len(words))) or words[
            -1
        ].endswith(self._glued)

    def __repr__(self) -> str:
        return f"<KeyMatcher: {len(self._names)} names>"
