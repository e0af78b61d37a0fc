"""Where known secret values come from: the environment, files (a Docker or
Kubernetes secrets mount), and passwords inside URLs.

Every function returns a ``dict`` label -> value, ready for ``Redactor(secrets=...)``
or :meth:`Redactor.add_secrets`.  Labels name where the value came from
(``env:DATABASE_URL``, ``file:db-password``), never the value.
"""

from __future__ import annotations

import fnmatch
import os
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = [
    "DEFAULT_ENV_PATTERNS",
    "secrets_from_env",
    "secrets_from_files",
    "url_password",
]

#: Environment variable names whose values are secrets (glob patterns, compared
#: without regard to case).  Variables whose names end in ``_URL``, ``_URI`` or
#: ``_DSN`` are also searched for a password in their userinfo.
DEFAULT_ENV_PATTERNS: tuple[str, ...] = (
    "*_PASSWORD",
    "*_PASSWD",
    "*_PASS",
    "*_SECRET",
    "*_SECRETS",
    "*_TOKEN",
    "*_API_KEY",
    "*_APIKEY",
    "*_ACCESS_KEY",
    "*_ACCESS_KEY_ID",
    "*_SECRET_KEY",
    "*_PRIVATE_KEY",
    "*_CREDENTIALS",
    "*_CONNECTION_STRING",
    "*_DSN",
    "PASSWORD",
    "SECRET_KEY",
    "DATABASE_URL",
)

_URL_SUFFIXES = ("_URL", "_URI", "_DSN", "_ADDR")
_MAX_SECRET_FILE = 64 * 1024


def url_password(url: str) -> str | None:
    """The password in ``url``'s userinfo (``scheme://user:password@host``), decoded,
    or ``None``.  Also finds the password of a redis-style ``scheme://:password@host``.
    """
    if "@" not in url or "://" not in url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    netloc = parts.netloc
    if "@" not in netloc:
        return None
    userinfo = netloc.rpartition("@")[0]
    if ":" not in userinfo:
        return None
    password = userinfo.partition(":")[2]
    return unquote(password) or None


def secrets_from_env(
    patterns: Iterable[str] | str = DEFAULT_ENV_PATTERNS,
    *,
    environ: Mapping[str, str] | None = None,
    urls: bool = True,
) -> dict[str, str]:
    """Secrets from environment variables whose names match ``patterns``.

    ``patterns`` are names or glob patterns (``*_TOKEN``), compared without regard to
    case.  With ``urls``, the password inside any ``*_URL`` / ``*_URI`` / ``*_DSN``
    variable (``REDIS_URL=redis://:pw@host``) is harvested too, labelled
    ``env:NAME:password``.
    """
    if isinstance(patterns, str):
        patterns = [patterns]
    upper = [p.upper() for p in patterns]
    env = os.environ if environ is None else environ
    found: dict[str, str] = {}
    for name, value in env.items():
        if not value:
            continue
        key = name.upper()
        if any(fnmatch.fnmatchcase(key, pattern) for pattern in upper):
            found[f"env:{name}"] = value
        if urls and (key.endswith(_URL_SUFFIXES) or key in upper):
            password = url_password(value)
            if password:
                found[f"env:{name}:password"] = password
    return found


def secrets_from_files(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
) -> dict[str, str]:
    """Secrets from files: each path is a file (its content, stripped of the trailing
    newline) or a directory whose regular files each hold one secret, such as a
    Docker ``/run/secrets`` or a Kubernetes secret volume.  Hidden entries (the
    ``..data`` links of Kubernetes) are skipped; so are files over 64 KiB and files
    that are not UTF-8, with a warning naming the file.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found: dict[str, str] = {}
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if not p.name.startswith(".") and p.is_file())
        elif path.is_file():
            files = [path]
        else:
            warnings.warn(f"secrets path {str(path)!r} does not exist", stacklevel=2)
            continue
        for file in files:
            value = _read_secret_file(file)
            if value:
                found[f"file:{file.name}"] = value
    return found


def _read_secret_file(path: Path) -> str | None:
    try:
        if path.stat().st_size > _MAX_SECRET_FILE:
            warnings.warn(f"secret file {path.name!r} is over 64 KiB: skipped", stacklevel=3)
            return None
        return path.read_bytes().decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        warnings.warn(f"secret file {path.name!r} is not UTF-8: skipped", stacklevel=3)
    except OSError as exc:
        warnings.warn(f"secret file {path.name!r} unreadable: {exc.strerror}", stacklevel=3)
    return None
