"""A long batch of good and hostile documents: does throughput hold, memory stay flat, and does
every document end stored, linked or failed with a reason?

    .venv/bin/python benchmarks/soak.py [--n 100000] [--workers 1] [--windows 20] [--scale 0.01]
                                        [--without deep_json] [--minutes 0]

Writes `--n` inputs from `tests/hostile_inputs.py` (about half good stories in every encoding and
container, half hostile: binary, wrong encodings, broken WARC and gzip, odd names, links; the heavy
kinds once, at `--scale` of their full size), loads the model, ingests them in one batch, and
prints one row per window of documents: documents/s, CPU seconds per document (this process and
its pool workers, user + system), the load average, the main process's resident set and the
workers' (with `--workers` > 1), each against the second window (the first includes the warm-up).

Then it reads the store back and tallies: inputs and good stories written, documents read, how
many have an article row (stored), a duplicates row (copies), an error row with a reason
(failed), and those with none, lost (named; must be 0). `--minutes` stops the batch after that
long (as Ctrl-C would, past a document's end) and tallies the inputs up to the last one reached.

It flags a leak when the resident set in the last full window is more than 10% above the second
window's, and a slowdown when the median CPU seconds per document of the last third of the
windows is more than 1.25× the second window's. CPU time per document does not change with what
else the machine runs; documents/s does, so it is reported beside, not judged.
Exits 1 on either flag, on a lost document or input, or on a crash.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the generator lives with the tests
from tests import hostile_inputs
from tests.hostile_inputs import StoreTally, generate, tally_store

from newsgraph.engines.local import ingest
from newsgraph.store import Store

LEAK = 1.10  # end RSS over the baseline window's
SLOWDOWN = 1.25  # end CPU seconds per document over the baseline window's
TICKS = os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int | str = "self") -> float:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * resource.getpagesize() / 2**20


def _proc_cpu(pid: int) -> float:
    """A live process's user + system CPU seconds (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14, 15 of stat)


def cpu_seconds() -> float:
    """CPU seconds spent by this process, its finished children, and its live pool workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    done = resource.getrusage(resource.RUSAGE_CHILDREN)
    live = sum(_proc_cpu(p.pid) for p in multiprocessing.active_children() if p.pid)
    return own.ru_utime + own.ru_stime + done.ru_utime + done.ru_stime + live


class TimeUp(Exception):
    """The run's `--minutes` are spent."""


@dataclass
class Window:
    documents: int
    seconds: float
    cpu: float  # CPU seconds, this process and its workers
    load: float  # one-minute load average at the window's end
    rss: float  # main process, MB
    workers_rss: float  # the largest worker's, MB (0 without a pool)

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def cpu_per_doc(self) -> float:
        return self.cpu / self.documents if self.documents else 0.0


class Sampler:
    """`on_document`: closes a window every `size` documents, and writes what it was told to
    `log` (on disk, so the list of 100,000 outcomes does not grow the resident set it measures)."""

    def __init__(self, size: int, log: IO[str], deadline: float = float("inf")) -> None:
        self.size = size
        self.deadline = deadline  # perf_counter time after which the batch is stopped
        self.log = log
        self.windows: list[Window] = []
        self.count = 0
        self.started = time.perf_counter()
        self.cpu = cpu_seconds()

    def __call__(self, uri: str, outcome: str) -> None:
        # json keeps a lone surrogate (an undecodable file name's byte) as its escape.
        self.log.write(json.dumps([uri, outcome[:120]]) + "\n")
        self.count += 1
        if self.count % self.size == 0:
            self.close()
        if time.perf_counter() > self.deadline:
            # Raised past a document's end (it is stored and logged): the ingest stops as on
            # Ctrl-C, keeping what it wrote.
            raise TimeUp(f"stopped at the --minutes limit after {self.count} documents")

    def close(self) -> None:
        now, cpu = time.perf_counter(), cpu_seconds()
        done = self.count - sum(w.documents for w in self.windows)
        if done:
            workers = max((_rss_mb(p.pid) for p in multiprocessing.active_children() if p.pid), default=0.0)
            load = os.getloadavg()[0]
            w = Window(done, now - self.started, cpu - self.cpu, load, _rss_mb(), workers)
            self.windows.append(w)
            # A line as each window closes, so a run cut short still shows its course.
            print(
                f"window {len(self.windows)}: {self.count} documents, {w.rate:.1f}/s, "
                f"{w.cpu_per_doc * 1000:.1f} ms CPU each, load {load:.2f}, RSS {w.rss:.0f} MB",
                flush=True,
            )
        self.started, self.cpu = now, cpu


def read_told(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as lines:
        return [tuple(json.loads(line)) for line in lines]  # type: ignore[misc]


def _warm(workers: int) -> None:
    if workers == 1:
        from newsgraph.analyze import load_nlp
        from newsgraph.knowledge.geo import gazetteer

        load_nlp()
        gazetteer()


def _end(full: list[Window]) -> list[Window]:
    """The last third of the full windows after the baseline (at least one)."""
    return full[1:][-max(1, (len(full) - 1) // 3) :]


def verdict(windows: list[Window], size: int) -> tuple[list[str], Window | None]:
    """The flags: the end of the run against the second window (the first includes the warm-up).
    Slowdown is judged on CPU seconds per document, which other jobs on the machine do not
    change (documents/s they do); the end's figure is the median of the last third of the full
    windows. The resident set is the last full window's."""
    full = [w for w in windows if w.documents == size]
    if len(full) < 3:
        return ["too few windows to judge (raise --n or lower --windows)"], None
    base, last = full[1], full[-1]
    end_cpu = statistics.median(w.cpu_per_doc for w in _end(full))
    end_rate = statistics.median(w.rate for w in _end(full))
    flags = []
    if last.rss > LEAK * base.rss or (base.workers_rss and last.workers_rss > LEAK * base.workers_rss):
        flags.append(f"LEAK? the resident set grew more than {LEAK - 1:.0%} after the second window")
    if end_cpu > SLOWDOWN * base.cpu_per_doc:
        flags.append(
            f"SLOWDOWN? the last third of the windows spent {end_cpu * 1000:.1f} ms of CPU per document, "
            f"over {SLOWDOWN:.2f}x the second window's {base.cpu_per_doc * 1000:.1f} ms"
        )
    flags.append(
        f"note: CPU per document, end/base: {end_cpu / base.cpu_per_doc:.2f}x "
        f"({base.cpu_per_doc * 1000:.1f} -> {end_cpu * 1000:.1f} ms); documents/s, end/base: "
        f"{end_rate / base.rate:.2f}x ({base.rate:.1f} -> {end_rate:.1f}; wall time, load-dependent)"
        if base.cpu_per_doc and base.rate
        else "note: the baseline window spent no measurable time"
    )
    return flags, base


def windows_table(windows: list[Window], base: Window | None, title: str) -> Table:
    table = Table(title=title)
    columns = ("window", "documents", "docs/s", "× base", "CPU ms/doc", "× base", "load 1 min")
    for column in (*columns, "RSS MB", "× base", "worker RSS MB"):
        table.add_column(column, justify="right")
    for i, w in enumerate(windows, 1):
        rate = f"{w.rate / base.rate:.2f}" if base and base.rate else "-"
        cpu = f"{w.cpu_per_doc / base.cpu_per_doc:.2f}" if base and base.cpu_per_doc else "-"
        rss = f"{w.rss / base.rss:.2f}" if base and base.rss else "-"
        worker = f"{w.workers_rss:.0f}" if w.workers_rss else "-"
        table.add_row(
            str(i),
            str(w.documents),
            f"{w.rate:.1f}",
            rate,
            f"{w.cpu_per_doc * 1000:.1f}",
            cpu,
            f"{w.load:.2f}",
            f"{w.rss:.0f}",
            rss,
            worker,
        )
    return table


def tally_table(tally: StoreTally) -> Table:
    table = Table(title="what the store holds for the batch (read back after it)")
    table.add_column("measure")
    table.add_column("count", justify="right")
    table.add_column("note")
    table.add_row("inputs written", str(tally.inputs), "files and links")
    table.add_row("good stories written", str(tally.stories), "each must end stored or a copy")
    table.add_row("documents read", str(tally.documents), "a JSON Lines or WARC file holds several")
    table.add_row("stored", str(tally.stored), f"article rows in the store: {tally.articles}")
    table.add_row("copies", str(tally.copies), "duplicates rows")
    table.add_row("failed with a reason", str(tally.failed), "error rows")
    table.add_row("lost", str(tally.unaccounted), "read - stored - copies - failed; must be 0")
    table.add_row("inputs with no row", str(len(tally.silent_inputs)), "must be 0")
    table.add_row("good stories not stored", str(len(tally.lost_stories)), "must be 0")
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="inputs to write and ingest")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--windows", type=int, default=20, help="rows of the table")
    parser.add_argument("--scale", type=float, default=0.01, help="size of the heavy inputs (1.0: full)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--without", default="", help="generator kinds to leave out, by maker name")
    parser.add_argument(
        "--minutes", type=float, default=0.0, help="stop the batch after this long (0: run to the end)"
    )
    args = parser.parse_args()
    without = [getattr(hostile_inputs, name) for name in args.without.split(",") if name]
    console = Console(width=max(120, Console().width))
    crash = stopped = ""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        started = time.perf_counter()
        inputs = generate(folder, args.n, seed=args.seed, scale=args.scale, without=without)
        console.print(f"wrote {len(inputs)} inputs in {time.perf_counter() - started:.1f} s")
        _warm(args.workers)
        told_path = Path(tmp) / "told.jsonl"
        with told_path.open("w", encoding="utf-8") as log:
            # Windows of documents told; an input may hold several, so size them on the inputs.
            started = time.perf_counter()
            deadline = started + args.minutes * 60 if args.minutes else float("inf")
            sampler = Sampler(max(1, len(inputs) // args.windows), log, deadline)
            with Store(Path(tmp) / "soak.db") as store:
                try:
                    ingest([str(folder)], store, on_document=sampler, workers=args.workers)
                except TimeUp as exc:
                    stopped = str(exc)
                except Exception as exc:  # reported, not hidden: the soak exists to find these
                    crash = f"{type(exc).__name__}: {str(exc)[:200]}"
            sampler.close()
            seconds = time.perf_counter() - started
        with sqlite3.connect(Path(tmp) / "soak.db") as conn:
            tally = tally_store(inputs, read_told(told_path), conn, finished=not stopped)
        conn.close()
    flags, base = verdict(sampler.windows, sampler.size)
    title = f"soak: {sampler.count} documents from {len(inputs)} inputs in {seconds:.0f} s"
    console.print(windows_table(sampler.windows, base, title))
    console.print(tally_table(tally))
    for line in (tally.lost + tally.silent_inputs + tally.lost_stories)[:50]:
        console.print(f"lost: {line}", markup=False, highlight=False)
    if stopped:
        flags.append(f"STOPPED: {stopped} (the tally covers the inputs up to the last one reached)")
    if crash:
        flags.append(f"CRASH: {crash}")
    if not any(f.startswith(("LEAK", "SLOWDOWN")) for f in flags):
        flags.insert(0, "no leak or slowdown flagged")
    for flag in flags:
        console.print(flag, markup=False, highlight=False)
    lost = tally.unaccounted or tally.lost or tally.silent_inputs or tally.lost_stories
    return 1 if crash or lost or any(f.startswith(("LEAK", "SLOWDOWN")) for f in flags) else 0


if __name__ == "__main__":
    sys.exit(main())
