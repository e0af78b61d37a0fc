"""Recall and false positives of the built-in credential-shape catalog on the
evaluation corpus (``benchmarks/corpus.py``).

* recall per kind: a secret line counts as masked only when no piece of the secret
  (as it appears in the line: raw, JSON-escaped, repr-escaped or URL-encoded) of 8
  or more characters survives.  Goal: >= 99.9% for every kind.
* false positives: the share of ordinary lines altered, and the share of ordinary
  values (UUIDs, SHAs, digests, paths, e-mails, near-miss keys...) that do not
  survive intact.  Goal: <= 0.1% of values.

    .venv/bin/python benchmarks/eval_rules.py [--per-kind 20] [--seed 2026] [--all]

``--all`` prints every kind, not only those under the goal.  Exit status 1 when a
goal is missed, so CI can run it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict

from _harness import table
from corpus import Case, ordinary_cases, secret_cases

from logredact import Redactor

FRAGMENT = 8


def leaked(line: str, out: str, shown: str) -> bool:
    """Whether ``out`` still holds ``shown`` or a piece of it (``FRAGMENT`` chars) that
    was not also in ``line`` outside the secret."""
    if shown in out:
        return True
    if len(shown) <= FRAGMENT:
        return False
    rest = line.replace(shown, "\x00")
    return any(
        (piece := shown[i : i + FRAGMENT]) in out and piece not in rest
        for i in range(len(shown) - FRAGMENT + 1)
    )


def recall(redact: object, cases: list[Case]) -> tuple[dict[str, list[int]], list[Case]]:
    """Per kind [masked, total] and the missed cases."""
    fn = redact if callable(redact) else None
    assert fn is not None
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed = []
    for case in cases:
        out = fn(case.line)
        ok = not any(leaked(case.line, out, s) for s in case.secrets)
        per_kind[case.kind][0] += ok
        per_kind[case.kind][1] += 1
        if not ok:
            missed.append(case)
    return per_kind, missed


def false_positives(redact: object, cases: list[Case]) -> tuple[int, int, int, list[Case]]:
    """(lines altered, values altered, values total, altered cases)."""
    fn = redact if callable(redact) else None
    assert fn is not None
    lines = values = total = 0
    altered = []
    for case in cases:
        out = fn(case.line)
        if out != case.line:
            lines += 1
            altered.append(case)
        for value in case.keep:
            total += 1
            shown = value
            if shown not in case.line:
                continue
            values += shown not in out
    return lines, values, total, altered


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--all", action="store_true", help="print every kind")
    parser.add_argument("--show", type=int, default=5, help="print this many misses / FPs")
    args = parser.parse_args()

    secret = secret_cases(args.seed, args.per_kind)
    ordinary = ordinary_cases(args.seed + 1, len(secret))
    redactor = Redactor()
    start = time.perf_counter()
    per_kind, missed = recall(redactor.redact, secret)
    lines, values, total, altered = false_positives(redactor.redact, ordinary)
    elapsed = time.perf_counter() - start

    contexts = Counter(c.context for c in secret)
    print(
        f"# {len(per_kind)} kinds, {len(secret)} secret lines "
        f"({len(contexts)} contexts), {len(ordinary)} ordinary lines with {total} values; "
        f"{elapsed:.1f} s"
    )
    rows = []
    worst = 1.0
    for kind, (ok, n) in sorted(per_kind.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0])):
        share = ok / n
        worst = min(worst, share)
        if args.all or share < 0.999:
            rows.append((kind, n, f"{share:.2%}"))
    total_ok = sum(ok for ok, _ in per_kind.values())
    print(
        f"\nrecall: {total_ok}/{len(secret)} = {total_ok / len(secret):.3%} overall; "
        f"worst kind {worst:.2%}; kinds under 99.9%: "
        f"{sum(1 for ok, n in per_kind.values() if ok / n < 0.999)}"
    )
    if rows:
        print(table(("kind", "lines", "recall"), rows))
    by_context = Counter(c.context for c in missed)
    if by_context:
        print("misses by context:", dict(by_context.most_common()))
    for case in missed[: args.show]:
        print(f"  MISS [{case.kind}/{case.context}] {case.line[:160]!r}")
    print(
        f"\nordinary: {lines}/{len(ordinary)} lines altered ({lines / len(ordinary):.3%}); "
        f"{values}/{total} values altered ({values / max(total, 1):.3%})"
    )
    fp_rules: Counter[str] = Counter()
    for case in altered:
        for finding in redactor.find(case.line):
            fp_rules.update(finding.labels)
    if fp_rules:
        print("ordinary lines altered by rule:", dict(fp_rules.most_common()))
    for case in altered[: args.show]:
        # Ordinary lines hold no secret: showing what was masked is safe here.
        masked = [(f.labels, f.text[:60]) for f in redactor.find(case.line)]
        print(f"  FP [{case.context}] {masked}")
    ok = worst >= 0.999 and values / max(total, 1) <= 0.001
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
