"""A long batch of good and hostile documents: does throughput hold and memory stay flat?

    .venv/bin/python benchmarks/soak.py [--n 100000] [--workers 1] [--windows 20] [--scale 0.01]
                                        [--without deep_json]

Writes `--n` inputs from `tests/hostile_inputs.py` (about half good stories in every encoding and
container, half hostile: binary, wrong encodings, broken WARC and gzip, odd names, links; the heavy
kinds once, at `--scale` of their full size), loads the model, ingests them in one batch, and
prints one row per window of documents: documents/s, the main process's resident set and the
workers' (with `--workers` > 1), each against the second window (the first includes the
warm-up). It flags a leak when the resident set in the last full window is more than 10% above
that window's, and a slowdown when the median documents/s of the last third of the windows is
under 80% of it.
Exits 1 on either flag or on a crash.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the generator lives with the tests
from tests import hostile_inputs
from tests.hostile_inputs import generate

from newsgraph.engines.local import ingest
from newsgraph.store import Store

LEAK = 1.10  # end RSS over the baseline window's
SLOWDOWN = 0.80  # last window's documents/s over the baseline window's


def _rss_mb(pid: int | str = "self") -> float:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * resource.getpagesize() / 2**20


@dataclass
class Window:
    documents: int
    seconds: float
    rss: float  # main process, MB
    workers_rss: float  # the largest worker's, MB (0 without a pool)

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


class Sampler:
    """`on_document`: closes a window every `size` documents."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.windows: list[Window] = []
        self.count = 0
        self.started = time.perf_counter()

    def __call__(self, uri: str, outcome: str) -> None:
        self.count += 1
        if self.count % self.size == 0:
            self.close()

    def close(self) -> None:
        now = time.perf_counter()
        done = self.count - sum(w.documents for w in self.windows)
        if done:
            workers = max((_rss_mb(p.pid) for p in multiprocessing.active_children() if p.pid), default=0.0)
            self.windows.append(Window(done, now - self.started, _rss_mb(), workers))
        self.started = now


def _warm(workers: int) -> None:
    if workers == 1:
        from newsgraph.analyze import load_nlp
        from newsgraph.knowledge.geo import gazetteer

        load_nlp()
        gazetteer()


def _verdict(windows: list[Window], size: int) -> tuple[list[str], Window | None]:
    """The flags: the end of the run against the second window (the first includes the warm-up).
    Rates are noisy on a shared machine, so the end's rate is the median of the last third of the
    full windows; the resident set is the last full window's."""
    full = [w for w in windows if w.documents == size]
    if len(full) < 3:
        return ["too few windows to judge (raise --n or lower --windows)"], None
    base, last = full[1], full[-1]
    end_rate = statistics.median(w.rate for w in full[1:][-max(1, (len(full) - 1) // 3) :])
    flags = []
    if last.rss > LEAK * base.rss or (base.workers_rss and last.workers_rss > LEAK * base.workers_rss):
        flags.append(f"LEAK? the resident set grew more than {LEAK - 1:.0%} after the second window")
    if end_rate < SLOWDOWN * base.rate:
        flags.append(
            f"SLOWDOWN? the last third of the windows ran at {end_rate:.1f} documents/s, under "
            f"{SLOWDOWN:.0%} of the second window's {base.rate:.1f}"
        )
    return flags, base


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="inputs to write and ingest")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--windows", type=int, default=20, help="rows of the table")
    parser.add_argument("--scale", type=float, default=0.01, help="size of the heavy inputs (1.0: full)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--without", default="", help="generator kinds to leave out, by maker name")
    args = parser.parse_args()
    without = [getattr(hostile_inputs, name) for name in args.without.split(",") if name]
    console = Console()
    crash = ""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        started = time.perf_counter()
        inputs = generate(folder, args.n, seed=args.seed, scale=args.scale, without=without)
        console.print(f"wrote {len(inputs)} inputs in {time.perf_counter() - started:.1f} s")
        _warm(args.workers)
        # Windows of documents told; an input may hold several, so size them on the inputs.
        sampler = Sampler(max(1, len(inputs) // args.windows))
        started = time.perf_counter()
        with Store(Path(tmp) / "soak.db") as store:
            try:
                ingest([str(folder)], store, on_document=sampler, workers=args.workers)
            except Exception as exc:  # reported, not hidden: the soak exists to find these
                crash = f"{type(exc).__name__}: {str(exc)[:200]}"
        sampler.close()
        seconds = time.perf_counter() - started
    flags, base = _verdict(sampler.windows, sampler.size)
    table = Table(title=f"soak: {sampler.count} documents from {len(inputs)} inputs in {seconds:.0f} s")
    for column in ("window", "documents", "docs/s", "× base", "RSS MB", "× base", "worker RSS MB"):
        table.add_column(column, justify="right")
    for i, w in enumerate(sampler.windows, 1):
        rate = f"{w.rate / base.rate:.2f}" if base and base.rate else "-"
        rss = f"{w.rss / base.rss:.2f}" if base and base.rss else "-"
        worker = f"{w.workers_rss:.0f}" if w.workers_rss else "-"
        table.add_row(str(i), str(w.documents), f"{w.rate:.1f}", rate, f"{w.rss:.0f}", rss, worker)
    console.print(table)
    if crash:
        flags.append(f"CRASH: {crash}")
    for flag in flags or ["no leak or slowdown flagged"]:
        console.print(flag, markup=False, highlight=False)
    return 1 if crash or any(f.startswith(("LEAK", "SLOWDOWN")) for f in flags) else 0


if __name__ == "__main__":
    sys.exit(main())
