"""structlog benchmark: µs per event for structlog + JSONRenderer (to an in-memory
file) with and without ``RedactProcessor`` (1,000 known values + the built-in rules),
interleaved repetitions, medians, all in the same run.

    .venv/bin/python benchmarks/bench_structlog.py [--events 2000] [--repeats 41]

Events are varied (a message from the synthetic corpus, request/user ids, a path, a
duration, sometimes nested bound data); ``--dirty`` of them carry a known secret.
Goal of the structlog issue: ``ratio`` <= 1.30 (long-run target 1.15).
"""

from __future__ import annotations

import argparse
import io
import logging
import platform
import random
import time
import warnings
from collections.abc import Callable
from typing import Any

import structlog
from _harness import clean_lines, interleaved, random_secrets, table

from logredact import Redactor
from logredact.structlog import RedactProcessor


def make_events(count: int, values: list[str], dirty: float, seed: int = 5) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    lines = clean_lines(count, seed=seed, lo=30, hi=120)
    events = []
    for i, line in enumerate(lines):
        event: dict[str, Any] = {
            "request_id": f"{rng.getrandbits(64):016x}",
            "user_id": rng.randrange(10**7),
            "path": f"/api/v2/orders/{rng.randrange(10**6)}",
            "duration_ms": round(rng.random() * 900, 2),
        }
        if i % 4 == 0:
            event["ctx"] = {"tenant": f"t{rng.randrange(100)}", "flags": ["a", "b"]}
        message = line
        if rng.random() < dirty:
            cut = rng.randrange(len(message))
            message = message[:cut] + rng.choice(values) + message[cut:]
        events.append({"event": message, **event})
    return events


def _identity(logger: Any, name: str, event_dict: Any) -> Any:
    return event_dict


def logger(processors: list[Any], out: io.StringIO) -> Any:
    return structlog.wrap_logger(
        structlog.WriteLogger(out),
        processors=processors,
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
    ).bind()


def candidate(log: Any, out: io.StringIO, events: list[dict[str, Any]]) -> Callable[[], float]:
    def run() -> float:
        out.seek(0)
        out.truncate()
        info = log.info
        start = time.perf_counter()
        for event in events:
            info(**event)
        return (time.perf_counter() - start) / len(events)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=41)
    parser.add_argument("--values", type=int, default=1000)
    parser.add_argument("--dirty", type=float, default=0.01, help="share of events with a secret")
    args = parser.parse_args()

    values = random_secrets(args.values)
    events = make_events(args.events, values, args.dirty)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = Redactor(secrets=values)
        known_only = Redactor(secrets=values, rules=())
    head = [structlog.processors.add_log_level, structlog.processors.TimeStamper(fmt="iso")]
    render = structlog.processors.JSONRenderer()
    chains = {
        "baseline (no redaction)": [*head, render],
        f"RedactProcessor ({args.values} values + rules)": [
            *head,
            RedactProcessor(redactor=full),
            render,
        ],
        f"RedactProcessor ({args.values} values, no rules)": [
            *head,
            RedactProcessor(redactor=known_only),
            render,
        ],
        "identity processor (structlog's per-processor cost)": [*head, _identity, render],
    }
    candidates = {}
    for name, processors in chains.items():
        out = io.StringIO()
        candidates[name] = candidate(logger(processors, out), out, events)
    for _ in range(3):  # warm up: key decisions, structlog's caches, the CPU clock
        for run in candidates.values():
            run()

    medians = interleaved(candidates, repeats=args.repeats)
    baseline = medians["baseline (no redaction)"]
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, "
        f"structlog {structlog.__version__}; {len(events)} events, "
        f"{args.dirty:.0%} with a secret, {len(full.rules)} rules; "
        f"median of {args.repeats} interleaved runs"
    )
    rows = [
        (name, f"{seconds * 1e6:.2f}", f"{seconds / baseline:.2f}x")
        for name, seconds in medians.items()
    ]
    print(table(["chain", "µs/event", "ratio"], rows))


if __name__ == "__main__":
    main()
