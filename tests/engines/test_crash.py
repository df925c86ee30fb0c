"""kill -9 at random moments of an ingest, then a re-run: the store equals one clean run's, table by
table (timestamps aside), and passes SQLite's integrity check.

Each article is one transaction, so a kill loses at most the document being written; a re-run must
then store exactly what is missing, and store it as the clean run did: a plain-text scrape's body
depends on the site boilerplate learned from the pages before it (see `test_rerun.py`), so scrapes
from one site are part of the corpus. Every killed run is a real process (the CLI's engine, the real
model), killed after a random number of finished documents plus a random delay, so the kill lands
anywhere: starting workers, reading, extracting, analysing, mid-transaction, between documents.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import random
import signal
import sqlite3
import time
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
from tests.engines.scrapes import stories, write_site
from tests.engines.tables import store_rows
from tests.paths import EXAMPLES

from newsgraph.engines.local import ingest
from newsgraph.store import Store

SEED = int(os.environ.get("NEWSGRAPH_CRASH_SEED", time.time_ns() % 100_000))
# Fork, deliberately: the killed ingest starts from this process's loaded model. No SQLite
# connection is open here at the fork (the clean run's store is closed).
FORK = multiprocessing.get_context("fork")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Two pages, one site's scrapes, wire copy in JSON Lines (one record a copy of a scrape),
    and a file that fails."""
    root = tmp_path_factory.mktemp("crash")
    pages = root / "pages"
    pages.mkdir()
    for page in sorted((EXAMPLES / "html").glob("*.html"))[:2]:
        (pages / page.name).write_bytes(page.read_bytes())
    (pages / "z_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    site = write_site(root / "site", 5)
    wire = root / "wire.jsonl"
    copy = {"title": "Copy", "text": (site / "04.txt").read_text(encoding="utf-8")}
    lines = (EXAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    wire.write_text("\n".join(json.dumps(r) for r in [*records[:2], copy]), encoding="utf-8")
    assert len(stories()) > 5  # the site's pages are distinct stories
    return [str(pages), str(site), str(wire)]


@pytest.fixture(scope="module")
def clean(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    with Store(db) as store:
        report = ingest(corpus, store)
    assert (report.added, report.duplicates, report.failed) == (9, 1, 1), report.errors
    return db


def _ingest_and_tell(db: str, corpus: list[str], workers: int, tell: Connection) -> None:
    """The killed process: an ingest that tells the test each document it finishes."""
    os.setsid()  # its own group, with any workers it starts: reaped below, nothing else
    with Store(db) as store:
        ingest(corpus, store, workers=workers, on_document=lambda uri, outcome: tell.send(outcome))
    tell.send("finished")


def _run_until_killed(db: Path, corpus: list[str], workers: int, rng: random.Random) -> str:
    """Start an ingest; kill -9 it after a random number of finished documents and a random delay
    (or let it finish). Returns what happened, for the failure message.

    The process is forked from this one, which has the model loaded already (the clean run), so a
    run costs its documents, not a model load: twenty kills stay affordable. (Pool workers are
    spawned, as always, and load their own.)"""
    listen, tell = FORK.Pipe(duplex=False)
    process = FORK.Process(target=_ingest_and_tell, args=(str(db), corpus, workers, tell), daemon=True)
    process.start()
    tell.close()
    wait_for, delay = rng.randint(0, 6), rng.uniform(0.0, 1.0)
    seen = 0
    try:
        while seen < wait_for:
            try:
                message = listen.recv()
            except EOFError:
                return "ended before the kill"
            if message == "finished":
                return "finished before the kill"
            seen += 1
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)  # the main process only, as `kill -9 PID` does
        return f"killed after {seen} documents + {delay:.2f} s"
    finally:
        listen.close()
        process.join(timeout=120)
        _reap(process.pid)


def _reap(group: int) -> None:
    """Workers orphaned by the kill see their pipe close and exit; give them a moment, then make sure."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)


def _integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


# Twenty kills in all: most on the single-process engine (cheap, forked with the model loaded),
# some on the pool (each run spawns two workers that load the model).
@pytest.mark.parametrize(("workers", "kills"), [(1, 16), (2, 4)])
def test_kill_9_then_rerun_equals_a_clean_run(
    corpus: list[str], clean: Path, tmp_path: Path, workers: int, kills: int
) -> None:
    rng = random.Random(SEED + workers)
    db = tmp_path / "killed.db"
    history = []
    for _ in range(kills):  # each run resumes what the killed one before it left
        history.append(_run_until_killed(db, corpus, workers, rng))
        if db.exists():
            assert _integrity(db) == "ok", history
    with Store(db) as store:
        ingest(corpus, store, workers=workers)
    where = f"seed {SEED} (set NEWSGRAPH_CRASH_SEED to repeat): {history}"
    assert _integrity(db) == "ok", where
    assert store_rows(db) == store_rows(clean), where
