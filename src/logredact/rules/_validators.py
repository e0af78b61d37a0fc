"""Validators: cheap checks that turn a pattern match into a credential (checksums,
decodes-as-JSON, "looks random").  Each takes the matched secret text and returns
whether to mask it.  They never raise on odd input and never keep the text."""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import zlib
from collections import Counter

__all__ = [
    "BASE62",
    "base62",
    "crc32_token",
    "entropy",
    "jwt_header_is_json",
    "not_prose",
    "not_prose_or_path",
    "prefixed_crc32_token",
]

#: GitHub's base62 digit order (0-9, then A-Z, then a-z), also used by npm's tokens.
#: Source: https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
#: and the public write-up at gist.github.com/coolaj86/eb8cddfd3e4251258712dfed03e1f86d
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62(number: int, width: int = 6) -> str:
    """``number`` in base62, left-padded with ``0`` to ``width`` digits."""
    digits = []
    while number:
        number, rest = divmod(number, 62)
        digits.append(BASE62[rest])
    return "".join(reversed(digits)).rjust(width, "0")


def crc32_token(body: str) -> bool:
    """Whether the last six characters of ``body`` are the base62 CRC32 of the rest."""
    if len(body) < 7 or not body.isascii() or not body.isalnum():
        return False
    entropy_part, checksum = body[:-6], body[-6:]
    return base62(zlib.crc32(entropy_part.encode("ascii"))) == checksum


_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")


def prefixed_crc32_token(token: str) -> bool:
    """GitHub ``gh?_`` and npm ``npm_`` tokens: prefix, 30 random base62 characters,
    then a 6-character base62 CRC32 of those 30 (longer bodies: of all but the last
    six, so a longer future variant still validates)."""
    _, sep, rest = token.partition("_")
    if not sep:
        return False
    run = _ALNUM_RUN.match(rest)
    if run is None:
        return False
    body = run.group()
    if len(body) >= 36 and crc32_token(body[:36]):
        return True
    return crc32_token(body)


def _b64url_decode(part: str) -> bytes:
    part = part.strip().rstrip("=")
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def jwt_header_is_json(token: str) -> bool:
    """Whether the first dot-separated part of ``token`` is base64url of a JSON
    object (a JWT/JWS/JWE header)."""
    header = token.split(".", 1)[0]
    try:
        decoded = json.loads(_b64url_decode(header))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return False
    return isinstance(decoded, dict)


def entropy(text: str) -> float:
    """Shannon entropy of ``text`` in bits per character."""
    if not text:
        return 0.0
    total = len(text)
    return -sum(n / total * math.log2(n / total) for n in Counter(text).values())


#: Words that follow "password:" or "token:" in log prose rather than a credential.
_PROSE = frozenset(
    """
    a an and are as at be been being by can cannot changed could did does empty
    enter error expired failed for from given has have if in incorrect invalid is it
    its may missing must mismatch no none not of ok on or ok provided refreshed
    rejected required reset revoked set should the then this to too updated valid
    verified was were will with wrong yes you your accepted denied ignored needed
    optional present absent unknown unset supplied sent received generated
    """.split()
)
_CODE_REFERENCE = re.compile(r"[a-z_]{1,32}(?:\.[A-Za-z_]{1,64}){1,4}(?:\(\)?)?")
_YAML_TAG = re.compile(r"!{1,2}[A-Za-z][A-Za-z0-9:._-]{0,40}")  # password: !vault |
_PATH = re.compile(r"(?:[A-Za-z]:)?[~.]{0,2}[/\\][\w.~/\\-]*")


def not_prose(value: str) -> bool:
    """False for a value that is an English function word ("password: is required")."""
    return value.strip("'\"").lower() not in _PROSE


def not_prose_or_path(value: str) -> bool:
    """False for prose words, file-system paths (``PWD=/home/app``,
    ``client_key=/etc/ssl/client.key``) and code references
    (``password = request.POST.get(...)``): none of them is a credential."""
    stripped = value.strip("'\"")
    if stripped.lower() in _PROSE or _YAML_TAG.fullmatch(stripped):
        return False
    if _CODE_REFERENCE.fullmatch(stripped):
        return False
    return _PATH.fullmatch(stripped) is None


def token_like(value: str) -> bool:
    """A value under a token-, key- or secret-named key: at least 8 characters, not
    a bare number, not a short lower-case word, not a path, not a prose word, not a
    code reference (``os.environ``, ``settings.SECRET_KEY``)."""
    stripped = value.strip("'\"")
    if len(stripped) < 8 or stripped.isdigit():
        return False
    if len(stripped) < 16 and stripped.isalpha() and stripped.islower():
        return False  # a word ("Invalid token: signature has expired"), not a token
    return not_prose_or_path(stripped)


_CLASSES = (re.compile(r"[0-9]"), re.compile(r"[A-Z]"), re.compile(r"[a-z]"))
_OTHER = re.compile(r"[^A-Za-z0-9]")


def random_looking(value: str) -> bool:
    """A credential after a scheme word (``Bearer``, ``Token``): mixes character
    classes or is long, is not a plain lower-case word ("bearer authentication") and
    is not the next ``key=value`` pair ("token_type=Bearer user_id=42")."""
    if len(value) < 8 or "=" in value.rstrip("="):
        # "=" inside is a key=value pair that followed the scheme word, not base64.
        return False
    if len(value) >= 24:
        return True
    head = value[:256]  # enough to judge; keeps a megabyte-long run cheap
    classes = sum(1 for cls in _CLASSES if cls.search(head)) + bool(_OTHER.search(head))
    return classes >= 2


def basic_credentials(value: str) -> bool:
    """HTTP Basic credentials: base64 of ``user:password``."""
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=False)
    except (ValueError, binascii.Error):
        return False
    return b":" in decoded
