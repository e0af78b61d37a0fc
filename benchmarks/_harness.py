"""Shared benchmark plumbing: a varied synthetic log corpus, interleaved repetitions
with medians, and a plain-text table.  Timing is never asserted; ratios against a
baseline measured in the same run are what we report (shared machines are noisy)."""

from __future__ import annotations

import random
import statistics
import string
import time
from collections.abc import Callable, Sequence

__all__ = ["clean_lines", "interleaved", "random_secrets", "table"]

_PATHS = [
    "/api/v2/orders",
    "/api/v2/orders/{id}/items",
    "/healthz",
    "/static/css/app.{h}.css",
    "/users/{id}/profile",
    "/search",
    "/admin/login/",
    "/graphql",
]
_AGENTS = [
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "Go-http-client/1.1",
    "kube-probe/1.30",
]
_WORDS = [
    "order",
    "user",
    "cache",
    "miss",
    "hit",
    "retry",
    "queue",
    "worker",
    "task",
    "finished",
    "started",
    "payment",
    "invoice",
    "shipment",
    "region",
    "latency",
    "upstream",
    "database",
    "connection",
    "pool",
    "timeout",
    "session",
    "checkout",
    "cart",
    "item",
    "price",
    "currency",
    "request",
    "response",
    "status",
    "ok",
    "failed",
]


def clean_lines(count: int, seed: int = 7, lo: int = 80, hi: int = 300) -> list[str]:
    """Realistic clean log lines of ``lo``..``hi`` characters: access logs, app
    messages with ids, digests and key=value pairs, JSON lines.  All distinct."""
    rng = random.Random(seed)
    lines: list[str] = []
    while len(lines) < count:
        kind = rng.random()
        ts = f"2026-12-03T{rng.randrange(24):02}:{rng.randrange(60):02}:{rng.randrange(60):02}"
        rid = "".join(rng.choices(string.hexdigits.lower(), k=32))
        if kind < 0.35:
            path = rng.choice(_PATHS).format(id=rng.randrange(10**6), h=rid[:8])
            line = (
                f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)} - - [{ts}] "
                f'"GET {path}?page={rng.randrange(50)} HTTP/1.1" '
                f"{rng.choice([200, 200, 304, 404])} "
                f'{rng.randrange(10**5)} "-" "{rng.choice(_AGENTS)}" rt={rng.random():.3f}'
            )
        elif kind < 0.7:
            words = " ".join(rng.choices(_WORDS, k=rng.randrange(4, 16)))
            line = (
                f"{ts} INFO app.{rng.choice(_WORDS)}: {words} request_id={rid} "
                f"user_id={rng.randrange(10**7)} duration_ms={rng.randrange(2000)}"
            )
        else:
            words = " ".join(rng.choices(_WORDS, k=rng.randrange(3, 10)))
            sha = "".join(rng.choices("0123456789abcdef", k=40))
            line = (
                f'{{"time": "{ts}", "level": "info", "logger": "worker", "message": "{words}", '
                f'"commit": "{sha}", "attempt": {rng.randrange(5)}}}'
            )
        while len(line) < lo:
            line += " " + rng.choice(_WORDS)
        lines.append(line[:hi])
    return lines


def random_secrets(count: int, seed: int = 11) -> list[str]:
    """Random secrets of mixed shapes and lengths (never real ones)."""
    rng = random.Random(seed)
    alphabet = string.ascii_letters + string.digits
    out = []
    for i in range(count):
        size = rng.randrange(12, 48)
        body = "".join(rng.choices(alphabet + "-_!@#%^&*", k=size))
        out.append(f"{body}{i}")
    return out


def interleaved(candidates: dict[str, Callable[[], float]], repeats: int = 7) -> dict[str, float]:
    """Run each candidate once per round, rotating the order each round; each call
    returns its own measured seconds.  Returns the median per candidate."""
    names = list(candidates)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(repeats):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            samples[name].append(candidates[name]())
    return {name: statistics.median(values) for name, values in samples.items()}


def per_item(function: Callable[[str], object], items: Sequence[str]) -> Callable[[], float]:
    """A candidate timing ``function`` over ``items``: seconds per item."""

    def run() -> float:
        start = time.perf_counter()
        for item in items:
            function(item)
        return (time.perf_counter() - start) / len(items)

    return run


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table (pastes into docs and closing notes as is)."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
