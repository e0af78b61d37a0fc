"""stdlib logging benchmark: µs per record for a logger -> StreamHandler (to an
in-memory stream) with python-json-logger's JsonFormatter, without and with
``RedactingFilter`` (1,000 known values + the built-in rules), and with
``RedactingJsonFormatter`` in place of the filter; interleaved repetitions, medians,
all in the same run.

    .venv/bin/python benchmarks/bench_stdlib.py [--records 2000] [--repeats 9]

A "minimal message-only filter" row (merge + redact the message, nothing else) shows
how much of the cost is the engine's scan rather than the filter's own work.

Records are varied: a message from the synthetic corpus with %-arguments (an id, a
path, a duration), a quarter of them with ``extra`` (a dict and a string);
``--dirty`` of them carry a known secret.  Goal of the stdlib issue: ``ratio`` <= 1.25
(long-run target 1.10).
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
from importlib.metadata import version
from typing import Any

from _harness import clean_lines, interleaved, random_secrets, table
from pythonjsonlogger.json import JsonFormatter

from logredact import Redactor
from logredact.jsonlogger import RedactingJsonFormatter
from logredact.stdlib import RedactingFilter

Call = tuple[str, tuple[Any, ...], dict[str, Any] | None]


def make_calls(count: int, values: list[str], dirty: float, seed: int = 5) -> list[Call]:
    rng = random.Random(seed)
    lines = clean_lines(count, seed=seed, lo=40, hi=140)
    calls: list[Call] = []
    for i, line in enumerate(lines):
        message = line.replace("%", "%%")
        if rng.random() < dirty:
            cut = rng.randrange(len(message))
            message = message[:cut] + rng.choice(values).replace("%", "%%") + message[cut:]
        args = (rng.randrange(10**7), f"/api/v2/orders/{rng.randrange(10**6)}", rng.random())
        extra = None
        if i % 4 == 0:
            extra = {"ctx": {"tenant": f"t{rng.randrange(100)}", "flags": ["a", "b"]}, "step": "x"}
        calls.append((message + " user=%d path=%s took=%.3f", args, extra))
    return calls


class MinimalFilter(logging.Filter):
    """The floor: merge and redact the message, nothing else (no extra, no
    traceback, no fail-closed handling).  Not safe; here to show the engine's share."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self.redact = redactor.redact

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.redact(record.getMessage())
        record.args = ()
        return True


def make_logger(name: str, out: io.StringIO, formatter: logging.Formatter, *filters: Any) -> Any:
    handler = logging.StreamHandler(out)
    handler.setFormatter(formatter)
    for flt in filters:
        handler.addFilter(flt)
    logger = logging.getLogger(f"bench.{name}")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger


def candidate(logger: logging.Logger, out: io.StringIO, calls: list[Call]) -> Callable[[], float]:
    def run() -> float:
        out.seek(0)
        out.truncate()
        info = logger.info
        start = time.perf_counter()
        for msg, args, extra in calls:
            info(msg, *args, extra=extra)
        return (time.perf_counter() - start) / len(calls)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--values", type=int, default=1000)
    parser.add_argument("--dirty", type=float, default=0.01, help="share of records with a secret")
    args = parser.parse_args()

    values = random_secrets(args.values)
    calls = make_calls(args.records, values, args.dirty)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = Redactor(secrets=values)
        known_only = Redactor(secrets=values, rules=())
    fmt = "%(asctime)s %(levelname)s %(name)s %(message)s"
    setups: dict[str, tuple[logging.Formatter, list[Any]]] = {
        "baseline: JsonFormatter": (JsonFormatter(fmt), []),
        f"+ minimal message-only filter ({args.values} values + rules)": (
            JsonFormatter(fmt),
            [MinimalFilter(full)],
        ),
        f"+ RedactingFilter ({args.values} values + rules)": (
            JsonFormatter(fmt),
            [RedactingFilter(redactor=full)],
        ),
        f"+ RedactingFilter ({args.values} values, no rules)": (
            JsonFormatter(fmt),
            [RedactingFilter(redactor=known_only)],
        ),
        f"RedactingJsonFormatter ({args.values} values + rules)": (
            RedactingJsonFormatter(fmt, redactor=full),
            [],
        ),
    }
    candidates = {}
    outputs = {}
    for index, (name, (formatter, filters)) in enumerate(setups.items()):
        out = io.StringIO()
        outputs[name] = out
        candidates[name] = candidate(make_logger(str(index), out, formatter, *filters), out, calls)
        candidates[name]()  # warm up caches

    medians = interleaved(candidates, repeats=args.repeats)
    baseline = medians["baseline: JsonFormatter"]
    leaked = {
        name: sum(value in out.getvalue() for value in values) for name, out in outputs.items()
    }
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, "
        f"python-json-logger {version('python-json-logger')}; {len(calls)} records, "
        f"{args.dirty:.0%} with a secret, {len(full.rules)} rules; "
        f"median of {args.repeats} interleaved runs"
    )
    rows = [
        (name, f"{seconds * 1e6:.2f}", f"{seconds / baseline:.2f}x", leaked[name])
        for name, seconds in medians.items()
    ]
    print(table(["pipeline", "µs/record", "ratio", "secrets in output"], rows))


if __name__ == "__main__":
    main()
