"""Core benchmark: ``Redactor.redact()`` ns per line on a varied, mostly clean log
corpus (lines 80-300 chars) with 1, 100, 1,000 and 10,000 known values, beside a bare
ahocorasick-rs find over the same values, a loop of ``str.replace`` and one escaped
``re`` alternation — all in the same run.

    .venv/bin/python benchmarks/bench_redact.py [--lines 2000] [--repeats 7]

Columns ``redact/bare`` is the cost of a clean line relative to the bare automaton
find (goal <= 2x); the last row compares per-line cost at 10,000 values with 100
(goal <= 1.5x).  ``+rules`` adds the built-in credential-shape catalog.
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import sys
import time
import warnings

import ahocorasick_rs
from _harness import clean_lines, interleaved, per_item, random_secrets, table

from logredact import Redactor
from logredact.rules import builtin_rules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--sizes", default="1,100,1000,10000")
    parser.add_argument("--dirty", type=float, default=0.01, help="share of lines with a secret")
    args = parser.parse_args()

    sizes = [int(s) for s in args.sizes.split(",")]
    base = clean_lines(args.lines)
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, ahocorasick-rs; {len(base)} lines, "
        f"mean {sum(map(len, base)) / len(base):.0f} chars, {args.dirty:.0%} with a secret"
    )
    rows = []
    per_line_1k: dict[int, float] = {}
    for size in sizes:
        values = random_secrets(size)
        rng = random.Random(size)
        lines = list(base)
        for i in rng.sample(range(len(lines)), int(len(lines) * args.dirty)):
            cut = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:cut] + rng.choice(values) + lines[i][cut:]
        clean = list(base)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            core = Redactor(secrets=values, rules=())
            full = Redactor(secrets=values)
        bare = ahocorasick_rs.AhoCorasick(values)
        alternation = re.compile("|".join(map(re.escape, sorted(values, key=len, reverse=True))))
        few = lines[: max(20, min(len(lines), 200_000 // max(size, 1)))]

        def replace_loop(line: str, values: list[str] = values) -> str:
            for value in values:
                line = line.replace(value, "[REDACTED]")
            return line

        build_start = time.perf_counter()
        Redactor(secrets=values, rules=())
        build = time.perf_counter() - build_start

        results = interleaved(
            {
                "bare": per_item(bare.find_matches_as_indexes, clean),
                "redact-clean": per_item(core.redact, clean),
                "redact-mixed": per_item(core.redact, lines),
                "redact+rules-clean": per_item(full.redact, clean),
                "str.replace": per_item(replace_loop, few),
                "re-alternation": per_item(lambda s, a=alternation: a.sub("[REDACTED]", s), few),
            },
            repeats=args.repeats,
        )
        per_line_1k[size] = results["redact-clean"]
        ns = {k: v * 1e9 for k, v in results.items()}
        rows.append(
            [
                f"{size:,}",
                f"{ns['bare']:.0f}",
                f"{ns['redact-clean']:.0f}",
                f"{ns['redact-clean'] / ns['bare']:.2f}x",
                f"{ns['redact-mixed']:.0f}",
                f"{ns['redact+rules-clean']:.0f}",
                f"{ns['str.replace']:.0f}",
                f"{ns['re-alternation']:.0f}",
                f"{ns['str.replace'] / ns['redact-mixed']:.0f}x",
                f"{build * 1e3:.1f}",
            ]
        )
    print(
        table(
            [
                "known values",
                "bare find ns",
                "redact clean ns",
                "redact/bare",
                f"redact {args.dirty:.0%} dirty ns",
                f"+rules ({len(builtin_rules())}) clean ns",
                "str.replace ns",
                "re alternation ns",
                "replace/redact",
                "build ms",
            ],
            rows,
        )
    )
    if 100 in per_line_1k and 10000 in per_line_1k:
        print(
            f"\nclean-line cost 10,000 vs 100 values: "
            f"{per_line_1k[10000] / per_line_1k[100]:.2f}x (goal <= 1.5x)"
        )


if __name__ == "__main__":
    sys.exit(main())
