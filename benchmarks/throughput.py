"""Throughput and memory, side by side in one run: the naive glue, newsgraph's local engine with 1
and 2 workers, and the Spark engine in local[2] (end to end, the load into a store included).

    .venv/bin/python benchmarks/throughput.py [--limit N] [--corpus DIR]

The corpus: the HTML pages of ../shared/corpora/extraction/dev/ (examples/ when that is absent),
the first --limit of them in path order, copied into one folder that every row reads.

- `naive glue`: what a user would write instead: trafilatura on each page, then the full spaCy
  small pipeline (the model newsgraph pins, every component) over the texts with `nlp.pipe`;
- `newsgraph ingest, N workers`: `ingest` into a fresh SQLite store, everything it does;
- `spark local[2] + load`: `newsgraph spark` then `newsgraph load` into a fresh store.

Each row runs in its own interpreter and is timed end to end (imports, model loads, Spark's start),
as a user pays it. Pages/s counts the pages read; words/s the words of the texts analysed (the
glue's trafilatura texts; the stored articles for newsgraph). Peak RSS per worker is the largest
peak resident size (VmHWM) of the row's Python processes (the one process with 1 worker; the pool
workers with 2, the main process being far smaller; Spark's Python workers, with the JVM's beside).
The memory line compares the RSS of the one-worker ingest after 1/10 of the pages with its RSS
after all of them (10x the pages): the engine must not grow with the corpus.

CPU seconds, per process kind: the row's main process (its own getrusage), and its workers (the
pool's processes, exact from getrusage of the reaped children; Spark's Python workers and JVM,
sampled from /proc every 0.2 s). On a machine shared with other jobs the wall-clock ratios move with
the load; CPU seconds barely do, so the "CPU-bound" line gives what the CPU measured allows on idle
cores: one worker against the glue (their CPU seconds), and two workers against one (one worker's
CPU seconds over the busiest of: the main process, the busiest worker, half the row's CPU seconds on
two cores). It leaves out waiting (workers loading the model while the main process has nothing to
give them): a bound, which the wall-clock ratio meets on an idle machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "corpora" / "extraction" / "dev"
EXAMPLES = REPO / "examples"


def _pages(limit: int | None) -> tuple[list[Path], str]:
    root = DEV if DEV.is_dir() else EXAMPLES
    pages = sorted(
        p for p in root.rglob("*") if p.is_file() and p.name.lower().endswith((".html", ".html.gz"))
    )
    return pages[:limit] if limit else pages, str(root)


def _cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_cpu(pid: int) -> float:
    """User and system CPU seconds of a live process so far (/proc/PID/stat), 0.0 when gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime: the 14th and 15th fields


def _rss_kib(pid: int, field: str = "VmRSS") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


# -- the rows, each run in a child interpreter --------------------------------------------------


def _child_glue(folder: Path) -> dict:
    import spacy
    import trafilatura

    from newsgraph.analyze.pipeline import MODEL

    texts = []
    for page in sorted(folder.iterdir()):
        data = page.read_bytes()
        html = gzip.decompress(data) if page.name.endswith(".gz") else data
        text = trafilatura.extract(html.decode("utf-8", errors="replace"))
        if text:
            texts.append(text)
    nlp = spacy.load(MODEL)
    for _ in nlp.pipe(texts):
        pass
    return {"words": sum(len(t.split()) for t in texts), "failed": 0, **_cpu()}


def _cpu() -> dict[str, float]:
    """This process's CPU seconds, and those of its children that have ended and been reaped."""
    return {
        "cpu_main": _cpu_seconds(resource.RUSAGE_SELF),
        "cpu_children": _cpu_seconds(resource.RUSAGE_CHILDREN),
    }


def _child_ingest(folder: Path, workers: int, db: Path) -> dict:
    from newsgraph.engines.local import ingest
    from newsgraph.store import Store

    total = sum(1 for _ in folder.iterdir())
    tenth = max(1, total // 10)
    seen = 0
    rss: dict[str, int] = {}

    def step(uri: str, outcome: str) -> None:
        nonlocal seen
        seen += 1
        if seen in (tenth, total):  # 1x and 10x the pages
            rss["1x" if seen == tenth else "10x"] = _rss_kib(os.getpid())

    with Store(db) as store:
        report = ingest([str(folder)], store, workers=workers, on_document=step)
    cpu = _cpu()  # the pool's workers are joined by now: their CPU is in cpu_children
    return {"words": _stored_words(db), "failed": report.failed, "rss": rss, "tenth": tenth, **cpu}


def _child_spark(folder: Path, out: Path, db: Path) -> dict:
    from newsgraph.engines.load import load
    from newsgraph.engines.spark import run, session
    from newsgraph.store import Store

    spark = session("local[2]")
    try:
        run(spark, [str(folder)], str(out))
    finally:
        spark.stop()
    with Store(db) as store:
        report = load(out, store)
    return {"words": _stored_words(db), "failed": report.failed, **_cpu()}


def _stored_words(db: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(db)
    words = sum(len(text.split()) for (text,) in conn.execute("SELECT text FROM articles"))
    conn.close()
    return words


def _child(args: argparse.Namespace) -> None:
    folder, scratch = Path(args.folder), Path(args.scratch)
    if args.child == "glue":
        result = _child_glue(folder)
    elif args.child.startswith("ingest"):
        result = _child_ingest(folder, int(args.child[len("ingest") :]), scratch / f"{args.child}.db")
    else:
        result = _child_spark(folder, scratch / "spark-out", scratch / "spark.db")
    print("RESULT " + json.dumps(result), flush=True)


# -- the parent: run each row, watch its processes ---------------------------------------------


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _run_row(name: str, folder: Path, scratch: Path) -> dict:
    """Run one row in a child interpreter; sample its process tree's peak RSS until it ends."""
    command = [sys.executable, __file__, "--child", name, "--folder", str(folder), "--scratch", str(scratch)]
    start = time.perf_counter()
    log = scratch / f"{name}.stderr"
    with log.open("w") as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True)
        return _watch(name, process, start, log)


def _watch(name: str, process: subprocess.Popen, start: float, log: Path) -> dict:
    peaks: dict[int, tuple[int, str]] = {}
    cpu: dict[int, float] = {}  # the last CPU seconds seen of each process
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for pid in _descendants(process.pid):
                hwm = _rss_kib(pid, "VmHWM")
                if hwm:  # the command read each time: a launcher script may exec the JVM
                    known = peaks.get(pid, (0, ""))
                    peaks[pid] = (max(hwm, known[0]), _command(pid) or known[1])
                    cpu[pid] = max(cpu.get(pid, 0.0), _proc_cpu(pid))
            stop.wait(0.2)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    watcher.join()
    lines = [line for line in output.splitlines() if line.startswith("RESULT ")]
    if process.returncode != 0 or not lines:
        tail = log.read_text(errors="replace").strip().splitlines()[-1:] or ["no message"]
        print(f"{name} failed (exit {process.returncode}): {tail[0]}", file=sys.stderr)
        return {"failed_run": True, "seconds": seconds}
    result = json.loads(lines[-1][len("RESULT ") :])
    result["seconds"] = seconds
    jvm = [kib for kib, cmd in peaks.values() if "/java " in cmd or cmd.startswith("java ")]
    python = [kib for pid, (kib, cmd) in peaks.items() if "python" in cmd and pid != process.pid]
    if name in ("glue", "ingest1") or not python:  # one process does all the work
        python = [peaks.get(process.pid, (0, ""))[0]]
    result["worker_rss"] = max(python)
    result["jvm_rss"] = max(jvm, default=0)
    workers = {pid: cpu.get(pid, 0.0) for pid, (_, cmd) in peaks.items() if pid != process.pid}
    # The pool's workers are reaped by the row's process: exact. Spark's JVM (and the Python workers
    # it forks) may outlive the driver's wait: sampled.
    result["cpu_workers"] = max(result.get("cpu_children", 0.0), sum(workers.values()))
    result["cpu_busiest_worker"] = max(workers.values(), default=0.0)
    return result


ROWS = {
    "glue": "naive glue (trafilatura + spaCy nlp.pipe)",
    "ingest1": "newsgraph ingest, 1 worker",
    "ingest2": "newsgraph ingest, 2 workers",
    "spark": "newsgraph spark local[2] + load",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="the first N pages only")
    parser.add_argument("--rows", nargs="+", choices=list(ROWS), default=list(ROWS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--scratch", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return
    pages, source = _pages(args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        folder, scratch = Path(tmp) / "pages", Path(tmp) / "scratch"
        folder.mkdir()
        scratch.mkdir()
        for i, page in enumerate(pages):  # flat, numbered: the same order for every row
            shutil.copyfile(page, folder / f"{i:05d}-{page.name}")
        results = {}
        for name in args.rows:
            results[name] = _run_row(name, folder, scratch)
            print(f"{name}: {json.dumps(results[name])}", file=sys.stderr, flush=True)  # as it goes
    _print(results, len(pages), source)


def _print(results: dict[str, dict], pages: int, source: str) -> None:
    glue = results.get("glue")
    single = results.get("ingest1")
    glue = None if glue is None or glue.get("failed_run") else glue
    single = None if single is None or single.get("failed_run") else single
    table = Table(
        "pipeline",
        "seconds",
        "pages/s",
        "words/s",
        "vs glue",
        "vs 1 worker",
        "peak RSS / worker",
        "pages lost",
        "CPU s main",
        "CPU s workers",
        title=f"{pages} HTML pages of {source}, {os.cpu_count()} cores, end to end",
    )
    for name, r in results.items():
        if r.get("failed_run"):
            table.add_row(ROWS[name], f"{r['seconds']:.1f}", "failed", "", "", "", "", "", "", "")
            continue
        rate = pages / r["seconds"]
        rss = f"{r['worker_rss'] / 1024:,.0f} MiB"
        if r.get("jvm_rss"):
            rss += f" (JVM {r['jvm_rss'] / 1024:,.0f} MiB)"
        table.add_row(
            ROWS[name],
            f"{r['seconds']:.1f}",
            f"{rate:.2f}",
            f"{r['words'] / r['seconds']:,.0f}",
            f"{glue['seconds'] / r['seconds']:.2f}x" if glue else "",
            f"{single['seconds'] / r['seconds']:.2f}x"
            if single and name.startswith(("ingest", "spark"))
            else "",
            rss,
            str(r["failed"]),
            f"{r['cpu_main']:.1f}",
            f"{r['cpu_workers']:.1f}" if r["cpu_workers"] else "",
        )
    console = Console(width=220)
    console.print(table)
    load = os.getloadavg()
    console.print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    _print_cpu_bound(console, glue, single, results.get("ingest2"))
    if single and "1x" in single.get("rss", {}) and "10x" in single["rss"]:
        one, ten = single["rss"]["1x"], single["rss"]["10x"]
        console.print(
            f"memory: ingest with 1 worker, RSS after {single['tenth']} pages {one / 1024:,.0f} MiB, "
            f"after {pages} (10x) {ten / 1024:,.0f} MiB: {ten / one:.2f}x "
            f"({'within' if ten <= one * 1.1 else 'NOT within'} 10%)"
        )


def _print_cpu_bound(console: Console, glue: dict | None, single: dict | None, pooled: dict | None) -> None:
    """The ratios the measured CPU seconds allow on idle cores (see the module docstring)."""
    parts = []
    if glue and single:
        glue_cpu, single_cpu = _total_cpu(glue), _total_cpu(single)
        ratio = glue_cpu / single_cpu
        parts.append(f"1 worker {ratio:.2f}x the glue ({glue_cpu:.0f} / {single_cpu:.0f} CPU s)")
    if single and pooled and not pooled.get("failed_run"):
        single_cpu, total = _total_cpu(single), _total_cpu(pooled)
        bound = max(pooled["cpu_main"], pooled["cpu_busiest_worker"], total / 2)
        parts.append(
            f"2 workers {single_cpu / bound:.2f}x 1 worker ({single_cpu:.0f} CPU s against the busiest of: "
            f"main {pooled['cpu_main']:.0f}, busiest worker {pooled['cpu_busiest_worker']:.0f}, "
            f"all {total:.0f} over 2 cores {total / 2:.0f})"
        )
    if parts:
        console.print("CPU-bound: " + "; ".join(parts))


def _total_cpu(result: dict) -> float:
    return result["cpu_main"] + result["cpu_workers"]


if __name__ == "__main__":
    main()
