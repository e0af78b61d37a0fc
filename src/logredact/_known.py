"""Known secret values and the encoded forms under which they reach a log.

A secret rarely appears in a log exactly as it was registered: a ``%r`` of a settings
dict escapes its quotes, a JSON formatter escapes backslashes and non-ASCII, a URL
percent-encodes it, Basic auth base64-encodes it.  :func:`encoded_forms` lists every
form we search for, so one automaton pass finds them all.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Callable, Iterable
from urllib.parse import quote, quote_plus

__all__ = ["B64_CORE", "EXACT", "encoded_forms"]

#: The form is matched as is.
EXACT = 0
#: The form is the stable core of a base64 encoding: the characters on either side of
#: it mix bits of the secret with bits of its neighbours, so a match is widened by one
#: base64 character each side (and the ``=`` padding) before it is masked.
B64_CORE = 1

_URLSAFE = str.maketrans("+/", "-_")
_PCT_HEX = re.compile(r"%[0-9A-F]{2}")
_U_ESCAPE = re.compile(r"\\u[0-9a-f]{4}")


def _json_ascii(s: str) -> str:
    return json.dumps(s, ensure_ascii=True)[1:-1]


def _json_unicode(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)[1:-1]


def _json_upper_hex(s: str) -> str:
    # Python and most encoders write \u00e9; some (Java, .NET) write \u00E9.
    return _U_ESCAPE.sub(lambda m: m.group().upper().replace("\\U", "\\u"), _json_ascii(s))


def _repr(s: str) -> str:
    return repr(s)[1:-1]


def _ascii(s: str) -> str:
    return ascii(s)[1:-1]


def _bytes_repr(s: str) -> str:
    # `%r` of the secret's UTF-8 bytes: b'...' with \x escapes.
    return repr(s.encode("utf-8", "surrogatepass"))[2:-1]


def _html(s: str) -> str:
    return html.escape(s, quote=True)


#: String escapes that nest: a repr inside JSON, JSON inside JSON (a JSON log line
#: whose message is a JSON document), a repr of a repr.
_TEXT_ESCAPES: tuple[Callable[[str], str], ...] = (_json_ascii, _json_unicode, _repr, _ascii)
_OUTER_ESCAPES: tuple[Callable[[str], str], ...] = (_json_ascii, _json_unicode, _repr)


def _url_forms(s: str) -> set[str]:
    forms = {
        quote(s, safe=""),
        quote(s),
        quote_plus(s, safe=""),
        quote_plus(s),
    }
    forms |= {_PCT_HEX.sub(lambda m: m.group().lower(), f) for f in forms}
    return forms


def _shell_forms(s: str) -> set[str]:
    if "'" not in s:
        return set()
    # Inside a POSIX single-quoted word a quote is written '\'' (or '"'"' by shlex.quote).
    return {s.replace("'", "'\\''"), s.replace("'", "'\"'\"'")}


def _b64_cores(data: bytes) -> set[str]:
    """The characters of base64(prefix + data) that depend on ``data`` alone.

    The secret may start at byte offset 0, 1 or 2 of a 3-byte group of the encoded
    stream (``user:password`` puts it wherever the user name ends), which gives three
    different encodings.  Each one's first and last characters also carry bits of the
    neighbouring bytes, so only the middle is stable.
    """
    cores: set[str] = set()
    n = len(data)
    for k in range(3):
        encoded = base64.b64encode(b"\0" * k + data).decode("ascii")
        start = -(-8 * k // 6)
        end = (8 * (k + n)) // 6
        core = encoded[start:end]
        if core:
            cores.add(core)
            cores.add(core.translate(_URLSAFE))
    return cores


def _escaped_forms(s: str) -> set[str]:
    forms = {s, _html(s), _bytes_repr(s), _json_upper_hex(s)}
    for inner in _TEXT_ESCAPES:
        once = inner(s)
        forms.add(once)
        for outer in _OUTER_ESCAPES:
            forms.add(outer(once))
    forms |= _url_forms(s)
    forms |= _shell_forms(s)
    return forms


def encoded_forms(secret: str, min_length: int) -> dict[str, int]:
    """Every form of ``secret`` to search for, mapped to how a match is widened.

    Includes the forms of the stripped value (a secret read from a file often keeps
    its newline) and of each line of a multi-line secret (a PEM key is logged line by
    line as often as whole) when they are at least ``min_length`` long.
    """
    forms: dict[str, int] = {}
    bases: list[str] = [secret]
    stripped = secret.strip()
    if stripped != secret and len(stripped) >= min_length:
        bases.append(stripped)
    if "\n" in secret or "\r" in secret:
        bases.extend(
            line.strip()
            for line in secret.splitlines()
            if len(line.strip()) >= min_length and line.strip() != secret
        )
    for base in _unique(bases):
        for form in _escaped_forms(base):
            if form:
                forms.setdefault(form, EXACT)
        for core in _b64_cores(base.encode("utf-8", "surrogatepass")):
            if len(core) >= min_length:
                forms.setdefault(core, B64_CORE)
    return forms


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
