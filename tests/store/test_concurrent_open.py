"""Two processes creating one new store at the same moment: both get it, or one is told clearly
that the store is busy; never SQLite's bare "database is locked"."""

from __future__ import annotations

import multiprocessing
import sqlite3
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from newsgraph.store import Store, StoreBusy
from newsgraph.store.exceptions import is_busy

PAIRS = 40  # the race lost about one pair in 30 before switching to WAL waited


def _open_at_once(path: str, barrier: Barrier, results: multiprocessing.Queue) -> None:
    barrier.wait()
    try:
        with Store(path) as store:
            store.stats()
        results.put("ok")
    except StoreBusy as exc:
        results.put(f"busy: {exc}")
    except Exception as exc:  # what the test is about: report it, do not die silently
        results.put(f"{type(exc).__name__}: {exc}")


def test_two_processes_creating_one_store_both_get_it(tmp_path: Path) -> None:
    # fork: the children start at once from this process's imports (spawn would take seconds each);
    # no SQLite connection is open here to be carried across the fork.
    context = multiprocessing.get_context("fork")
    outcomes: list[str] = []
    for n in range(PAIRS):
        barrier, results = context.Barrier(2), context.Queue()
        path = str(tmp_path / f"new{n}.db")
        processes = [context.Process(target=_open_at_once, args=(path, barrier, results)) for _ in range(2)]
        for process in processes:
            process.start()
        outcomes += [results.get(timeout=60), results.get(timeout=60)]
        for process in processes:
            process.join()
        with Store(path) as store:  # whoever won, the store is whole and current
            assert store.stats()["articles"] == 0
    assert all(o == "ok" or o.startswith("busy: the store") for o in outcomes), sorted(set(outcomes))
    assert not any("database is locked" in o for o in outcomes)


def test_a_store_held_longer_than_the_wait_is_reported_busy(tmp_path: Path) -> None:
    path = tmp_path / "held.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # a new file, locked by another connection mid-creation
    try:
        with pytest.raises(StoreBusy, match=r"is busy: another process .* after 0\.2 s; try again"):
            Store(path, busy_timeout_ms=200)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store(path) as store:  # free again: it opens
        assert store.schema_version() > 0


def test_busy_errors_are_told_from_other_sqlite_errors(tmp_path: Path) -> None:
    assert is_busy(sqlite3.OperationalError("database is locked"))
    conn = sqlite3.connect(tmp_path / "x.db")
    with pytest.raises(sqlite3.OperationalError) as caught:
        conn.execute("SELECT * FROM no_such_table")
    assert not is_busy(caught.value)
