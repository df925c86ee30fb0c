"""Hostile inputs in one batch: does anything crash it, lose a document, or cost too much?

    .venv/bin/python benchmarks/hostile.py [--n 10000] [--workers 1] [--scale 1.0] [--huge]
                                          [--seed 0] [--without deep_json,symlinks]

Writes `--n` inputs from `tests/hostile_inputs.py` (good stories in every encoding and container,
and binary, wrong and mixed encodings, UTF-16/32 with and without BOM, control and bidi characters,
100,000-deep HTML and JSON, an entity flood, one 5 MB line, truncated and length-lying WARC, a 1 GB
gzip bomb, bad file names, symlink loops; `--huge` adds a 50 MB page) to a temporary folder, loads
the model, ingests them in one batch into a new store, and prints: inputs tried, documents told,
stored, copies, failures recorded (and any without a reason), documents lost (must be 0), peak RSS,
and the worst document's time against the median. With one worker a document's time is the gap between its
outcome and the previous one; with a pool, the gaps overlap and only bound it.
`--scale` shrinks the heavy inputs (0.01: a 50 KB line, 10,000 entities, a 50 MB bomb).
Exits 1 when a document was lost, a failure has no reason, or the batch crashed.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the generator lives with the tests
from tests import hostile_inputs
from tests.hostile_inputs import Input, Tally, account, generate

from newsgraph.engines.local import ingest
from newsgraph.store import Store


def rss_mb() -> float:
    """This process's resident set now (Linux /proc; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * resource.getpagesize() / 2**20


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident set of this process and of its largest finished child (pool workers), MB."""
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 2**20  # KB on Linux, bytes on macOS
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return own, child


class Watch:
    """`on_document` that times each outcome and notes the resident set beside it."""

    def __init__(self) -> None:
        self.told: list[tuple[str, str]] = []
        self.gaps: list[tuple[float, str, str, float]] = []  # seconds, uri, outcome, RSS MB after
        self.last = time.perf_counter()

    def __call__(self, uri: str, outcome: str) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self.last, uri, outcome, rss_mb()))
        self.told.append((uri, outcome))
        self.last = now


def warm(workers: int) -> float:
    """Load the model and the gazetteer first (one process), so no document's time includes them."""
    started = time.perf_counter()
    if workers == 1:
        from newsgraph.analyze import load_nlp
        from newsgraph.knowledge.geo import gazetteer

        load_nlp()
        gazetteer()
    return time.perf_counter() - started


def run(inputs: list[Input], folder: Path, db: Path, workers: int) -> tuple[Watch, dict[str, list[str]], str]:
    watch = Watch()
    crash = ""
    errors: dict[str, list[str]] = defaultdict(list)
    with Store(db) as store:
        try:
            ingest([str(folder)], store, on_document=watch, workers=workers)
        except Exception as exc:  # what this benchmark exists to find: report it, do not hide it
            crash = f"{type(exc).__name__}: {str(exc)[:200]}"
        for error in store.errors(limit=10**9):
            errors[error.uri].append(error.reason)
    return watch, errors, crash


def report(
    console: Console, inputs: list[Input], watch: Watch, tally: Tally, crash: str, seconds: float
) -> None:
    kinds = {i.path: i.kind for i in inputs}
    gaps = sorted(watch.gaps, key=lambda g: g[0])
    median = statistics.median(g[0] for g in gaps) if gaps else 0.0
    worst = gaps[-1] if gaps else (0.0, "", "", 0.0)
    own, child = peak_rss_mb()
    table = Table(title=f"hostile batch: {len(inputs)} inputs in {seconds:.1f} s")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("note")
    table.add_row("inputs tried", str(tally.inputs), "files and links written")
    table.add_row("documents told", str(tally.documents), "a JSON Lines or WARC file holds several")
    table.add_row("stored", str(tally.stored), f"good stories written: {sum(i.good for i in inputs)}")
    table.add_row("copies", str(tally.copies), "")
    table.add_row("failures recorded", str(tally.failures), f"without a reason: {len(tally.unrecorded)}")
    table.add_row("documents lost", str(tally.lost), "must be 0")
    table.add_row("batch crashed", crash or "no", "")
    table.add_row("peak RSS, main process", f"{own:.0f} MB", "")
    table.add_row("peak RSS, largest worker", f"{child:.0f} MB" if child else "-", "finished workers only")
    kind = kinds.get(worst[1].split("#", 1)[0], "?")
    ratio = worst[0] / median if median else 0.0
    table.add_row("worst document", f"{worst[0]:.2f} s", f"{kind}: {worst[2][:60]} ({ratio:.0f}x the median)")
    table.add_row("median document", f"{median:.3f} s", "")
    table.add_row("RSS after the worst document", f"{worst[3]:.0f} MB", "")
    table.add_row("documents/s", f"{tally.documents / seconds:.1f}" if seconds else "-", "")
    console.print(table)
    for line in (tally.lost_inputs + tally.lost_stories)[:20]:
        console.print(f"lost: {line}", markup=False, highlight=False)
    for uri in tally.unrecorded[:20]:
        console.print(f"no reason recorded: {uri!r}", markup=False, highlight=False)


def slowest_kinds(console: Console, inputs: list[Input], watch: Watch) -> None:
    kinds = {i.path: i.kind for i in inputs}
    by_kind: dict[str, list[float]] = defaultdict(list)
    for gap, uri, _, _ in watch.gaps:
        by_kind[kinds.get(uri.split("#", 1)[0], "?")].append(gap)
    table = Table(title="time per document by kind (the five slowest kinds)")
    for column in ("kind", "documents", "median s", "worst s"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    ranked = sorted(by_kind.items(), key=lambda kv: max(kv[1]), reverse=True)[:5]
    for kind, gaps in ranked:
        table.add_row(kind, str(len(gaps)), f"{statistics.median(gaps):.3f}", f"{max(gaps):.2f}")
    console.print(table)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="inputs to write and ingest")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="size of the heavy inputs (1.0: full)")
    parser.add_argument("--huge", action="store_true", help="add a 50 MB page")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--without", default="", help="generator kinds to leave out, by maker name")
    args = parser.parse_args()
    without = [getattr(hostile_inputs, name) for name in args.without.split(",") if name]
    console = Console()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        started = time.perf_counter()
        inputs = generate(folder, args.n, seed=args.seed, scale=args.scale, huge=args.huge, without=without)
        console.print(f"wrote {len(inputs)} inputs in {time.perf_counter() - started:.1f} s")
        console.print(
            f"model and gazetteer loaded in {warm(args.workers):.1f} s (pool workers load their own)"
        )
        started = time.perf_counter()
        watch, errors, crash = run(inputs, folder, Path(tmp) / "hostile.db", args.workers)
        seconds = time.perf_counter() - started
    tally = account(inputs, watch.told, errors)
    report(console, inputs, watch, tally, crash, seconds)
    slowest_kinds(console, inputs, watch)
    return 1 if crash or tally.lost or tally.unrecorded else 0


if __name__ == "__main__":
    sys.exit(main())
