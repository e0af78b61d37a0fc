"""Command-line throughput: ``logredact scan`` and ``logredact redact`` against GNU
``grep -F -f`` with the same known values on the same file, in the same run.

    .venv/bin/python benchmarks/bench_cli.py [--mb 150] [--values 1000] [--repeats 5]
                                             [--near-miss 0.05] [--keep DIR]

The file is a varied, mostly clean log (lines 80-300 chars from the shared corpus,
one line in ``--dirty`` carrying a known value, ``--near-miss`` of them full of rule
keywords).  Every tool reads the file from the page cache; logredact writes to
/dev/null, ``grep -c`` to a file (GNU grep stops at the first match when its output is
/dev/null).  Times are medians of interleaved runs, wall and CPU (user + system: the
fair measure on a shared machine), start-up and automaton builds included (the
``startup`` row: the same scan of an empty file).  grep does strictly less work: one
encoding of each value, no rules, no rewriting.  ``x grep`` is grep's time divided by
ours (goal >= 2); ``MB/s per core`` is size / CPU seconds (goal >= 100).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _harness import clean_lines, interleaved, random_secrets, table

from logredact.rules import builtin_rules

LOGREDACT = [sys.executable, "-m", "logredact"]
#: CPU seconds (user + system) of every timed command, by command line.
CPU_SECONDS: dict[str, list[float]] = {}


def build_corpus(
    path: Path, megabytes: int, values: list[str], dirty: float, near_miss: float
) -> int:
    """Write ``megabytes`` of log to ``path``; returns the number of dirty lines.
    A ``near_miss`` share of lines comes from the rules' evaluation corpus: ordinary
    lines full of rule keywords (``token_count=``, ``password_reset_url``...)."""
    base = clean_lines(50_000, seed=5)
    rng = random.Random(3)
    if near_miss > 0:
        from corpus import ordinary_cases

        ordinary = [case.line for case in ordinary_cases(count=4000)]
        for i in rng.sample(range(len(base)), int(len(base) * near_miss)):
            base[i] = rng.choice(ordinary)
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


def timed(command: list[str], env: dict[str, str] | None = None, sink: Path | None = None) -> float:
    """Wall seconds of ``command``.  GNU grep stops at the first match when its output
    is /dev/null (even with -c), so grep writes to a real file, ``sink``."""
    with open(sink or os.devnull, "wb") as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(command, stdout=out, env=env, check=False)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    CPU_SECONDS.setdefault(" ".join(command), []).append(cpu)
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
    parser.add_argument(
        "--near-miss",
        type=float,
        default=0.0,
        help="share of lines full of rule keywords without a secret (benchmarks/corpus.py)",
    )
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
        log = workdir / f"app-{args.mb}mb-{args.dirty}-{args.near_miss}.log"
        if not log.exists():
            build_corpus(log, args.mb, values, args.dirty, args.near_miss)
        dirty_lines = int(
            subprocess.run(
                [grep, "-c", "-F", "-f", str(secrets_file), str(log)],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
        )
        empty = workdir / "empty.log"
        empty.write_bytes(b"")
        size = log.stat().st_size
        print(
            f"# {platform.python_implementation()} {platform.python_version()}, "
            f"{platform.machine()}, {os.cpu_count()} CPUs; {version.splitlines()[0]}\n"
            f"# {size / 1e6:.0f} MB log, {args.values} known values, "
            f"{len(builtin_rules())} built-in rules, "
            f"{dirty_lines} lines with a known value, {args.near_miss:.0%} near-miss lines"
        )
        common = ["--secrets-file", str(secrets_file)]
        grep_out = workdir / "grep.out"
        commands = {
            "grep -F -f": ([grep, "-c", "-F", "-f", str(secrets_file), str(log)], None),
            "grep -F -f (LC_ALL=C)": (
                [grep, "-c", "-F", "-f", str(secrets_file), str(log)],
                {**os.environ, "LC_ALL": "C"},
            ),
            "logredact scan": ([*LOGREDACT, "scan", "-q", *common, str(log)], None),
            "logredact scan --no-rules": (
                [*LOGREDACT, "scan", "-q", "--no-rules", *common, str(log)],
                None,
            ),
            "logredact redact": ([*LOGREDACT, "redact", *common, str(log)], None),
            "startup: logredact scan (empty file)": (
                [*LOGREDACT, "scan", "-q", *common, str(empty)],
                None,
            ),
        }

        def candidate(command: list[str], env: dict[str, str] | None) -> Callable[[], float]:
            sink = grep_out if command[0] == grep else None
            return lambda: timed(command, env=env, sink=sink)

        candidates = {name: candidate(*spec) for name, spec in commands.items()}
        # Warm the page cache before timing.
        timed(["cat", str(log)])
        medians = interleaved(candidates, repeats=args.repeats)
        cpu = {
            name: statistics.median(CPU_SECONDS[" ".join(spec[0])])
            for name, spec in commands.items()
        }
        wall_base = min(medians["grep -F -f"], medians["grep -F -f (LC_ALL=C)"])
        cpu_base = min(cpu["grep -F -f"], cpu["grep -F -f (LC_ALL=C)"])
        startup = cpu["startup: logredact scan (empty file)"]
        rows = []
        for name, seconds in medians.items():
            used = cpu[name]
            if name.startswith("startup"):
                rows.append([name, f"{seconds:.3f}", f"{used:.3f}", "", "", "", ""])
                continue
            net = used - startup if name.startswith("logredact") else used
            rows.append(
                [
                    name,
                    f"{seconds:.3f}",
                    f"{used:.3f}",
                    f"{size / used / 1e6:.0f}",
                    f"{size / max(net, 1e-9) / 1e6:.0f}",
                    f"{wall_base / seconds:.2f}",
                    f"{cpu_base / used:.2f}",
                ]
            )
        print(
            table(
                [
                    "command",
                    "wall s",
                    "CPU s",
                    "MB/s per core",
                    "MB/s per core after startup",
                    "x grep (wall)",
                    "x grep (CPU)",
                ],
                rows,
            )
        )
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
