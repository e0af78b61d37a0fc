"""Command-line throughput: ``logredact scan`` and ``logredact redact`` against GNU
``grep -F -f`` with the same known values on the same file, in the same run.

    .venv/bin/python benchmarks/bench_cli.py [--mb 150] [--values 1000] [--repeats 5]

The file is a varied, mostly clean log (lines 80-300 chars from the shared corpus,
one line in ``--dirty`` carrying a known value).  Every tool reads the file from the
page cache and writes to /dev/null; wall times are medians of interleaved runs and
include interpreter start-up and automaton build (``startup`` row: the same command on
an empty file).  grep does strictly less work: one encoding of each value, no rules,
no output rewriting.  ``x grep`` is grep's time divided by ours (goal >= 2).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _harness import clean_lines, interleaved, random_secrets, table

from logredact.rules import builtin_rules

LOGREDACT = [sys.executable, "-m", "logredact"]


def build_corpus(path: Path, megabytes: int, values: list[str], dirty: float) -> int:
    """Write ``megabytes`` of log to ``path``; returns the number of dirty lines."""
    base = clean_lines(50_000, seed=5)
    rng = random.Random(3)
    target = megabytes * 1_000_000
    written = 0
    dirty_lines = 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            # Shuffled copies with a varying prefix: no two blocks are alike.
            rng.shuffle(base)
            stamp = rng.randrange(10**6)
            chunk = []
            for n, line in enumerate(base):
                if rng.random() < dirty:
                    cut = rng.randrange(len(line))
                    line = line[:cut] + rng.choice(values) + line[cut:]
                    dirty_lines += 1
                chunk.append(f"{stamp + n:07d} {line}\n")
            text = "".join(chunk)
            out.write(text)
            written += len(text.encode("utf-8"))
    return dirty_lines


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        msg = f"{command[:4]} failed with exit code {result.returncode}"
        raise SystemExit(msg)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=150, help="size of the log file in MB")
    parser.add_argument("--values", type=int, default=1000, help="number of known values")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--dirty", type=float, default=0.001, help="share of lines with a secret")
    parser.add_argument("--keep", metavar="DIR", help="build the corpus in DIR and keep it")
    args = parser.parse_args()

    grep = shutil.which("grep")
    if grep is None:
        raise SystemExit("GNU grep is needed for the baseline")
    version = subprocess.run([grep, "--version"], capture_output=True, text=True).stdout
    workdir = Path(args.keep or tempfile.mkdtemp(prefix="logredact-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        values = random_secrets(args.values)
        secrets_file = workdir / "secrets.txt"
        secrets_file.write_text("".join(v + "\n" for v in values), encoding="utf-8")
        log = workdir / "app.log"
        if not log.exists() or log.stat().st_size < args.mb * 1_000_000:
            dirty_lines = build_corpus(log, args.mb, values, args.dirty)
        else:
            dirty_lines = -1
        empty = workdir / "empty.log"
        empty.write_bytes(b"")
        size = log.stat().st_size
        print(
            f"# {platform.python_implementation()} {platform.python_version()}, "
            f"{platform.machine()}, {os.cpu_count()} CPUs; {version.splitlines()[0]}\n"
            f"# {size / 1e6:.0f} MB log, {args.values} known values, "
            f"{len(builtin_rules())} built-in rules, "
            f"{dirty_lines if dirty_lines >= 0 else '?'} lines with a secret"
        )
        common = ["--secrets-file", str(secrets_file)]
        c_env = {**os.environ, "LC_ALL": "C"}
        candidates = {
            "grep -F -f": lambda: timed([grep, "-c", "-F", "-f", str(secrets_file), str(log)]),
            "grep -F -f (LC_ALL=C)": lambda: timed(
                [grep, "-c", "-F", "-f", str(secrets_file), str(log)], env=c_env
            ),
            "logredact scan": lambda: timed([*LOGREDACT, "scan", "-q", *common, str(log)]),
            "logredact scan --no-rules": lambda: timed(
                [*LOGREDACT, "scan", "-q", "--no-rules", *common, str(log)]
            ),
            "logredact redact": lambda: timed([*LOGREDACT, "redact", *common, str(log)]),
            "startup: logredact scan (empty file)": lambda: timed(
                [*LOGREDACT, "scan", "-q", *common, str(empty)]
            ),
        }
        # Warm the page cache before timing.
        timed(["cat", str(log)])
        medians = interleaved(candidates, repeats=args.repeats)
        baseline = min(medians["grep -F -f"], medians["grep -F -f (LC_ALL=C)"])
        startup = medians["startup: logredact scan (empty file)"]
        rows = []
        for name, seconds in medians.items():
            if name.startswith("startup"):
                rows.append([name, f"{seconds:.3f}", "", "", ""])
                continue
            net = seconds - startup if name.startswith("logredact") else seconds
            rows.append(
                [
                    name,
                    f"{seconds:.3f}",
                    f"{size / seconds / 1e6:.0f}",
                    f"{size / max(net, 1e-9) / 1e6:.0f}",
                    f"{baseline / seconds:.2f}",
                ]
            )
        print(
            table(
                ["command", "wall s", "MB/s", "MB/s after startup", "x grep (fastest)"],
                rows,
            )
        )
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
