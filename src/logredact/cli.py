"""The ``logredact`` command: ``scan`` existing logs, ``redact`` a stream or a file, and
``run`` a command with its output masked.

Exit codes: ``scan`` returns 0 when nothing was found, 1 when something was, 2 on a
usage or I/O error; ``redact`` returns 0 or 2; ``run`` returns the command's own exit
code (128 + N when a signal N killed it, as a shell does).  No output of any command
ever contains a secret: findings are named by label and keyed fingerprint.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import IO, Any, BinaryIO

from ._masks import DEFAULT_MASK
from ._redactor import Redactor
from ._stream import (
    DEFAULT_BLOCK_SIZE,
    Located,
    StreamRedactor,
    iter_blocks,
    open_binary,
    redact_stream,
    scan_blocks,
)
from .sources import DEFAULT_ENV_PATTERNS, secrets_from_env, secrets_from_files

__all__ = ["build_parser", "main"]

EXIT_CLEAN = 0
EXIT_FOUND = 1
EXIT_ERROR = 2
#: Input at least this large gets a progress bar (when stderr is a terminal).
PROGRESS_THRESHOLD = 32 * 1024 * 1024
FINGERPRINT_KEY_ENV = "LOGREDACT_FINGERPRINT_KEY"
_FORWARDED_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2")


class CliError(Exception):
    """A usage or I/O error: printed as one line, exit code 2."""


class _Interrupted(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _error(message: str) -> None:
    print(f"logredact: error: {message}", file=sys.stderr)


# -- options shared by every command --------------------------------------------------


def _add_secret_options(parser: argparse.ArgumentParser, *, env_default: bool) -> None:
    group = parser.add_argument_group("known values and rules")
    group.add_argument(
        "--secrets-file",
        metavar="FILE",
        action="append",
        default=[],
        help="known secret values, one per line (repeatable); a directory holds one "
        "secret per file, as a Docker or Kubernetes secrets mount does",
    )
    group.add_argument(
        "--secret-env",
        metavar="NAME",
        action="append",
        default=[],
        help="mask the value of this environment variable (repeatable; glob patterns "
        "such as 'DEPLOY_*' allowed; passwords inside *_URL values are found too)",
    )
    group.add_argument(
        "--default-env",
        action=argparse.BooleanOptionalAction,
        default=env_default,
        help="also mask environment variables named like secrets (*_TOKEN, "
        f"*_PASSWORD, ...) (default: {'on' if env_default else 'off'})",
    )
    group.add_argument(
        "--disable-rule",
        metavar="ID",
        action="append",
        default=[],
        help="leave out a built-in rule, by id or tag (repeatable)",
    )
    group.add_argument(
        "--no-rules",
        action="store_true",
        help="known values only: no credential-shape rules",
    )
    group.add_argument(
        "--min-secret-length",
        metavar="N",
        type=int,
        default=8,
        help="refuse known values shorter than N characters (default: 8)",
    )
    group.add_argument(
        "--fingerprint-key",
        metavar="KEY",
        help="key of the fingerprints (at least 16 bytes), so that runs agree; default: "
        f"${FINGERPRINT_KEY_ENV}, else random per run",
    )
    group.add_argument("--block-size", type=int, default=DEFAULT_BLOCK_SIZE, help=argparse.SUPPRESS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="logredact",
        description="Find and mask credentials in logs and command output.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"logredact {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    scan = commands.add_parser(
        "scan",
        help="report secrets in files, directories or standard input",
        description="Report every secret in the inputs as PATH:LINE:COL RULE FINGERPRINT. "
        "Exit 0 when nothing is found, 1 when something is, 2 on an error.",
    )
    scan.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or directories (searched recursively); '-' or nothing for standard "
        "input; gzip-compressed input is read transparently",
    )
    scan.add_argument(
        "--format",
        choices=("text", "json", "sarif"),
        default="text",
        help="text (default), json (one object per line) or sarif (SARIF 2.1.0)",
    )
    scan.add_argument("-o", "--output", metavar="FILE", help="write findings to FILE")
    scan.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="scan files in N processes (0: one per CPU)",
    )
    scan.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal and the input "
        "is over 32 MiB)",
    )
    scan.add_argument("-q", "--quiet", action="store_true", help="no per-rule summary on stderr")
    _add_secret_options(scan, env_default=False)

    redact = commands.add_parser(
        "redact",
        help="copy a file or standard input with every secret masked",
        description="Write the input with every secret masked.  Lines without a "
        "finding come out byte for byte identical.",
    )
    redact.add_argument("path", nargs="?", metavar="PATH", help="input file (default: stdin)")
    where = redact.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")
    where.add_argument(
        "-i",
        "--in-place",
        action="store_true",
        help="replace PATH atomically; an interrupted run leaves it untouched",
    )
    redact.add_argument(
        "--mask",
        default=DEFAULT_MASK,
        help="what a secret becomes: a literal or a template with {label}, "
        "{fingerprint} and {kind} (default: [REDACTED])",
    )
    redact.add_argument(
        "--line-buffered",
        action="store_true",
        help="write each complete line at once (for live streams)",
    )
    _add_secret_options(redact, env_default=False)

    run = commands.add_parser(
        "run",
        help="run a command with its stdout and stderr masked",
        description="Run CMD with its standard output and error masked as they stream. "
        "Exits with CMD's exit code (128+N when killed by signal N).",
    )
    run.add_argument(
        "--mask",
        default=DEFAULT_MASK,
        help="what a secret becomes (see 'redact --mask')",
    )
    run.add_argument(
        "--flush-timeout",
        type=float,
        default=0.2,
        metavar="SECONDS",
        help="write a partial line (a prompt) after this long without output (default: 0.2)",
    )
    run.add_argument("cmd", nargs=argparse.REMAINDER, metavar="-- CMD [ARGS...]")
    _add_secret_options(run, env_default=True)
    return parser


def _fingerprint_key(args: argparse.Namespace) -> str | None:
    return args.fingerprint_key or os.environ.get(FINGERPRINT_KEY_ENV) or None


def _read_secrets_file(path: str) -> dict[str, str]:
    file = Path(path)
    if file.is_dir():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            found = secrets_from_files(str(file))
        for warning in caught:
            print(f"logredact: warning: {warning.message}", file=sys.stderr)
        return found
    try:
        data = file.read_bytes()
    except OSError as exc:
        msg = f"cannot read secrets file {path!r}: {exc.strerror}"
        raise CliError(msg) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        msg = f"secrets file {path!r} is not UTF-8"
        raise CliError(msg) from None
    found = {}
    for number, line in enumerate(text.split("\n"), 1):
        value = line.rstrip("\r")
        if value.strip():
            found[f"file:{file.name}:{number}"] = value
    return found


def build_redactor(args: argparse.Namespace, *, mask: str = DEFAULT_MASK) -> Redactor:
    """The Redactor the options describe; warnings about refused values on stderr."""
    try:
        redactor = Redactor(
            rules=() if args.no_rules else None,
            disable_rules=args.disable_rule,
            mask=mask,
            fingerprint_key=_fingerprint_key(args),
            min_secret_length=args.min_secret_length,
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None
    explicit: dict[str, str] = {}
    for path in args.secrets_file:
        explicit.update(_read_secrets_file(path))
    for pattern in args.secret_env:
        found = secrets_from_env([pattern])
        if not found:
            # Most likely a typo, or a CI variable not passed to this step.
            print(
                f"logredact: warning: --secret-env {pattern!r} matches no environment "
                "variable with a value",
                file=sys.stderr,
            )
        explicit.update(found)
    defaults = secrets_from_env(DEFAULT_ENV_PATTERNS) if args.default_env else {}
    for name in explicit:
        defaults.pop(name, None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        redactor.add_secrets(explicit)
    for warning in caught:
        print(f"logredact: warning: {warning.message}", file=sys.stderr)
    if defaults:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            redactor.add_secrets(defaults)
        if caught:
            # Environment values like PASS=1 are common and not worth a line each.
            print(
                f"logredact: warning: {len(caught)} environment value(s) named like "
                f"secrets are shorter than {args.min_secret_length} characters or clash "
                "with the mask: not masked",
                file=sys.stderr,
            )
    return redactor


def _check_common(args: argparse.Namespace) -> None:
    if args.block_size < 1:
        msg = f'"--block-size" must be >= 1: {args.block_size}'
        raise CliError(msg)
    if args.min_secret_length < 1:
        msg = f'"--min-secret-length" must be >= 1: {args.min_secret_length}'
        raise CliError(msg)


# -- scan -----------------------------------------------------------------------------


def _expand(paths: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """(path, error) for every file to scan, directories walked in sorted order."""
    for path in paths or ["-"]:
        if path == "-":
            yield path, None
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if os.path.isfile(full):
                        yield full, None
        elif os.path.exists(path):
            yield path, None
        else:
            yield path, "no such file or directory"


class _Progress:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, total: int, stream: IO[str]) -> None:
        self._total = max(total, 1)
        self._done = 0
        self._stream = stream
        self._started = time.monotonic()
        self._drawn = 0.0

    def advance(self, amount: int) -> None:
        self._done += amount
        now = time.monotonic()
        if now - self._drawn >= 0.1:
            self._drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        fraction = min(1.0, self._done / self._total)
        width = 30
        filled = int(fraction * width)
        rate = self._done / max(now - self._started, 1e-9) / 1e6
        bar = "#" * filled + "-" * (width - filled)
        self._stream.write(f"\r[{bar}] {fraction:6.1%} {rate:7.1f} MB/s")
        self._stream.flush()

    def close(self) -> None:
        self._stream.write("\r" + " " * 60 + "\r")
        self._stream.flush()


def _scan_file(
    redactor: Redactor,
    path: str,
    block_size: int,
    advance: Callable[[int], None] | None = None,
) -> list[Located]:
    """Every finding in one input.  Raises OSError (and EOFError for truncated gzip)."""
    if path == "-":
        return list(scan_blocks(redactor, iter_blocks(open_binary(sys.stdin.buffer), block_size)))
    with open(path, "rb") as raw:
        reader = open_binary(raw)
        blocks = iter_blocks(reader, block_size)
        if advance is not None:
            blocks = _measured(blocks, raw, advance)
        return list(scan_blocks(redactor, blocks))


def _measured(
    blocks: Iterator[bytes], raw: BinaryIO, advance: Callable[[int], None]
) -> Iterator[bytes]:
    position = 0
    for block in blocks:
        now = raw.tell()
        advance(now - position)
        position = now
        yield block


_worker_redactor: Redactor | None = None


def _init_worker(redactor: Redactor) -> None:
    global _worker_redactor
    _worker_redactor = redactor
    # The parent handles Ctrl-C; workers must not print tracebacks for it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _scan_worker(job: tuple[str, int]) -> tuple[list[Located], str | None]:
    path, block_size = job
    assert _worker_redactor is not None
    try:
        return _scan_file(_worker_redactor, path, block_size), None
    except (OSError, EOFError) as exc:
        return [], _describe(exc)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    if isinstance(exc, EOFError):
        return "compressed file ended early"
    return type(exc).__name__


def _file_size(path: str) -> int:
    try:
        return os.path.getsize(path) if path != "-" else 0
    except OSError:
        return 0


def _scan_results(
    redactor: Redactor,
    files: list[tuple[str, str | None]],
    args: argparse.Namespace,
    progress: _Progress | None,
) -> Iterator[tuple[str, list[Located], str | None]]:
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    scannable = [path for path, error in files if error is None]
    if jobs > 1 and len(scannable) > 1 and "-" not in scannable:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(
            max_workers=min(jobs, len(scannable)),
            initializer=_init_worker,
            initargs=(redactor,),
        ) as pool:
            futures = {
                path: pool.submit(_scan_worker, (path, args.block_size)) for path in scannable
            }
            for path, error in files:
                if error is not None:
                    yield path, [], error
                    continue
                found, error = futures[path].result()
                if progress is not None:
                    progress.advance(_file_size(path))
                yield path, found, error
        return
    advance = progress.advance if progress is not None else None
    for path, error in files:
        if error is not None:
            yield path, [], error
            continue
        try:
            yield path, _scan_file(redactor, path, args.block_size, advance), None
        except (OSError, EOFError) as exc:
            yield path, [], _describe(exc)


def _display(path: str) -> str:
    return "<stdin>" if path == "-" else path


def cmd_scan(args: argparse.Namespace) -> int:
    _check_common(args)
    if args.jobs < 0:
        msg = f'"--jobs" must be >= 0: {args.jobs}'
        raise CliError(msg)
    redactor = build_redactor(args)
    files = list(_expand(args.paths))
    if sum(1 for path, _ in files if path == "-") > 1:
        msg = "standard input ('-') may be given once"
        raise CliError(msg)

    total = sum(_file_size(path) for path, error in files if error is None)
    show_progress = args.progress
    if show_progress is None:
        show_progress = sys.stderr.isatty() and total >= PROGRESS_THRESHOLD
    progress = _Progress(total, sys.stderr) if show_progress and total else None

    out: IO[str]
    if args.output:
        try:
            out = open(args.output, "w", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            msg = f"cannot write {args.output!r}: {exc.strerror}"
            raise CliError(msg) from None
    else:
        out = sys.stdout

    sarif = None
    if args.format == "sarif":
        from . import __version__
        from ._sarif import SarifLog

        sarif = SarifLog(redactor.rules, __version__)

    counts: Counter[str] = Counter()
    errors = 0
    files_with_findings = 0
    scanned = 0
    try:
        for path, found, error in _scan_results(redactor, files, args, progress):
            if error is not None:
                errors += 1
                if progress is not None:
                    sys.stderr.write("\n")
                _error(f"{_display(path)}: {error}")
                if sarif is not None:
                    sarif.error(path, f"{_display(path)}: {error}")
                continue
            scanned += 1
            if found:
                files_with_findings += 1
            for item in found:
                counts[item.label] += 1
                if sarif is not None:
                    sarif.add(
                        path,
                        line=item.line,
                        column=item.column,
                        end_line=item.end_line,
                        end_column=item.end_column,
                        labels=item.labels,
                        kind=item.kind,
                        fingerprint=item.fingerprint,
                    )
                elif args.format == "json":
                    record = {
                        "path": _display(path),
                        "line": item.line,
                        "column": item.column,
                        "end_line": item.end_line,
                        "end_column": item.end_column,
                        "rule": item.label,
                        "labels": list(item.labels),
                        "kind": item.kind,
                        "fingerprint": item.fingerprint,
                        "length": item.length,
                    }
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    out.write(
                        f"{_display(path)}:{item.line}:{item.column} "
                        f"{item.label} {item.fingerprint}\n"
                    )
            out.flush()
        if sarif is not None:
            json.dump(sarif.render(), out, indent=2, ensure_ascii=False)
            out.write("\n")
    finally:
        if progress is not None:
            progress.close()
        if out is not sys.stdout:
            out.close()

    if not args.quiet:
        _summary(counts, scanned, files_with_findings)
    if errors:
        return EXIT_ERROR
    return EXIT_FOUND if counts else EXIT_CLEAN


def _summary(counts: Counter[str], scanned: int, files_with_findings: int) -> None:
    total = sum(counts.values())
    inputs = "input" if scanned == 1 else "inputs"
    if not total:
        print(f"logredact: no secrets found in {scanned} {inputs}", file=sys.stderr)
        return
    print(
        f"logredact: {total} finding{'s' if total != 1 else ''} in "
        f"{files_with_findings} of {scanned} {inputs}",
        file=sys.stderr,
    )
    width = max(len(label) for label in counts)
    for label, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {label:<{width}}  {count}", file=sys.stderr)


# -- redact ---------------------------------------------------------------------------


def _write_atomically(target: str, produce: Callable[[BinaryIO], None], *, gz: bool) -> None:
    """Write ``target`` through a temporary file in its directory and ``os.replace``:
    readers see the old content or the new, never a mix; an interruption leaves the
    old content and removes the temporary file."""
    directory = os.path.dirname(os.path.abspath(target))
    name = os.path.basename(target)
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".logredact-tmp", dir=directory)
    try:
        try:
            mode = os.stat(target).st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        with os.fdopen(fd, "wb") as raw:
            if gz:
                import gzip

                with gzip.GzipFile(filename=name, fileobj=raw, mode="wb") as zipped:
                    produce(zipped)  # type: ignore[arg-type]
            else:
                produce(raw)
            raw.flush()
            os.fsync(raw.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _is_gzip(path: str) -> bool:
    with open(path, "rb") as raw:
        return raw.read(2) == b"\x1f\x8b"


def cmd_redact(args: argparse.Namespace) -> int:
    _check_common(args)
    if args.in_place and (args.path is None or args.path == "-"):
        msg = '"--in-place" needs a PATH'
        raise CliError(msg)
    redactor = build_redactor(args, mask=args.mask)
    source = args.path if args.path not in (None, "-") else None

    def produce(sink: BinaryIO) -> None:
        line_mode = args.line_buffered
        flush = sink.flush if line_mode else None
        if source is None:
            reader = open_binary(sys.stdin.buffer)
            redact_stream(
                redactor,
                iter_blocks(reader, args.block_size, live=True),
                sink.write,
                line_mode=line_mode,
                flush=flush,
            )
            return
        with open(source, "rb") as raw:
            reader = open_binary(raw)
            redact_stream(
                redactor,
                iter_blocks(reader, args.block_size),
                sink.write,
                line_mode=line_mode,
                flush=flush,
            )

    try:
        if args.in_place:
            _write_atomically(source or "", produce, gz=_is_gzip(source or ""))
        elif args.output:
            _write_atomically(args.output, produce, gz=args.output.endswith(".gz"))
        else:
            produce(sys.stdout.buffer)
            sys.stdout.buffer.flush()
    except (OSError, EOFError) as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        where = getattr(exc, "filename", None) or _display(args.path or "-")
        msg = f"{where}: {_describe(exc)}"
        raise CliError(msg) from None
    return EXIT_CLEAN


# -- run ------------------------------------------------------------------------------


class _Pump:
    """One of the child's output pipes, redacted onto one of ours."""

    def __init__(self, fd: int, sink: BinaryIO, stream: StreamRedactor) -> None:
        self.fd = fd
        self.sink = sink
        self.stream = stream
        self.last = time.monotonic()
        self.broken = False

    def write(self, data: bytes) -> None:
        if not data or self.broken:
            return
        try:
            self.sink.write(data)
            self.sink.flush()
        except BrokenPipeError:
            # Nobody reads our output any more: keep draining the child so it can end.
            self.broken = True


def cmd_run(args: argparse.Namespace) -> int:
    _check_common(args)
    command = list(args.cmd)
    if command and command[0] == "--":
        command = command[1:]
    if not command:
        msg = "run: no command given (logredact run [OPTIONS] -- CMD [ARGS...])"
        raise CliError(msg)
    if args.flush_timeout <= 0:
        msg = f'"--flush-timeout" must be > 0: {args.flush_timeout}'
        raise CliError(msg)
    redactor = build_redactor(args, mask=args.mask)
    try:
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except FileNotFoundError:
        _error(f"run: command not found: {command[0]!r}")
        return 127
    except PermissionError:
        _error(f"run: permission denied: {command[0]!r}")
        return 126

    def forward(signum: int, frame: FrameType | None) -> None:
        with contextlib.suppress(ProcessLookupError):
            child.send_signal(signum)

    previous: dict[int, Any] = {}
    for name in _FORWARDED_SIGNALS:
        signum = getattr(signal, name, None)
        if signum is not None:
            previous[signum] = signal.signal(signum, forward)
    try:
        assert child.stdout is not None
        assert child.stderr is not None
        pumps = [
            _Pump(
                child.stdout.fileno(),
                sys.stdout.buffer,
                StreamRedactor(redactor, line_mode=True),
            ),
            _Pump(
                child.stderr.fileno(),
                sys.stderr.buffer,
                StreamRedactor(redactor, line_mode=True),
            ),
        ]
        _pump(pumps, args.flush_timeout)
        code = child.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 128 - code if code < 0 else code


def _pump(pumps: list[_Pump], timeout: float) -> None:
    selector = selectors.DefaultSelector()
    for pump in pumps:
        os.set_blocking(pump.fd, False)
        selector.register(pump.fd, selectors.EVENT_READ, pump)
    open_pumps = len(pumps)
    while open_pumps:
        now = time.monotonic()
        waits = [pump.last + timeout - now for pump in pumps if pump.stream.pending]
        wait = max(0.0, min(waits)) if waits else None
        events = selector.select(wait)
        now = time.monotonic()
        for key, _ in events:
            pump = key.data
            try:
                data = os.read(pump.fd, 65536)
            except BlockingIOError:
                continue
            if data:
                pump.last = now
                pump.write(pump.stream.feed(data))
            else:
                pump.write(pump.stream.finish())
                selector.unregister(pump.fd)
                open_pumps -= 1
        for pump in pumps:
            if pump.stream.pending and now - pump.last >= timeout:
                # A prompt without a newline: show it rather than wait for more.
                pump.write(pump.stream.flush())
                pump.last = now
    selector.close()


# -- entry point ----------------------------------------------------------------------


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise _Interrupted(signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "scan": cmd_scan,
        "redact": cmd_redact,
        "run": cmd_run,
    }
    previous = None
    if args.command != "run":
        # Turn SIGTERM into an exception so that temporary files are cleaned up.
        previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        return handlers[args.command](args)
    except CliError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    except _Interrupted as exc:
        return 128 + exc.signum
    except BrokenPipeError:
        # The reader went away (`logredact redact big.log | head`): stop quietly.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError:
            pass
        return 128 + signal.SIGPIPE
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
