"""`benchmarks/soak.py`'s accounting, on a small batch: the tally is read from the store's rows
(articles, duplicates, errors), so a document the store does not hold is counted lost and named,
whatever the ingest said of it; and its slowdown verdict goes by CPU time per document, not by
documents/s, which other jobs on the machine move."""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from tests import hostile_inputs as hostile
from tests.hostile_inputs import generate, tally_store

from newsgraph.engines.local import ingest
from newsgraph.records import Analysis, Article
from newsgraph.store import Store


def bare(article: Article) -> Analysis:
    """No model: what is tallied here is the store's rows, not what analysis found."""
    return Analysis(article=article)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("soak")
    inputs = generate(root / "in", 60, seed=3, scale=0.001, without=(*hostile.HEAVY,))
    told: list[tuple[str, str]] = []
    with Store(root / "soak.db") as store:
        ingest([str(root / "in")], store, analyzer=bare, on_document=lambda u, o: told.append((u, o)))
    return root, inputs, told


def _tally(db: Path, inputs, told, **kw):
    with sqlite3.connect(db) as conn:
        tally = tally_store(inputs, told, conn, **kw)
    conn.close()
    return tally


def test_every_document_read_is_stored_linked_or_failed_with_a_reason(batch) -> None:
    root, inputs, told = batch
    tally = _tally(root / "soak.db", inputs, told)
    assert (tally.lost, tally.silent_inputs, tally.lost_stories) == ([], [], [])
    assert tally.unaccounted == 0
    assert tally.documents == len(told) > tally.inputs == len(inputs)  # JSON Lines and WARC hold several
    assert tally.stored + tally.copies + tally.failed == tally.documents
    # The store's counts, not the ingest's: the articles the store holds are the ones counted.
    assert tally.stored == tally.articles >= tally.stories > 0
    assert tally.failed == sum(outcome.startswith("failed") for _, outcome in told) > 0


def test_a_document_missing_from_the_store_is_lost_and_named(batch, tmp_path: Path) -> None:
    root, inputs, told = batch
    db = tmp_path / "soak.db"
    shutil.copy(root / "soak.db", db)
    stored = next(uri for uri, outcome in told if outcome == "added")
    failed = next(uri for uri, outcome in told if outcome.startswith("failed"))
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute('DELETE FROM "articles" WHERE "uri" = ?', (stored,))
        conn.execute('DELETE FROM "errors" WHERE "uri" = ?', (failed,))
    conn.close()
    tally = _tally(db, inputs, told)
    assert tally.unaccounted == len(tally.lost) == 2
    assert any(repr(stored) in line for line in tally.lost)
    assert any(repr(failed) in line for line in tally.lost)
    assert tally.lost_stories  # the good story in the first file is no longer stored


def test_a_stopped_batch_is_held_to_the_inputs_it_reached(batch) -> None:
    root, inputs, told = batch
    half = told[: len(told) // 2]
    tally = _tally(root / "soak.db", inputs, half, finished=False)
    assert tally.documents == len(half)
    assert 0 < tally.inputs < len(inputs)
    assert (tally.lost, tally.silent_inputs, tally.lost_stories) == ([], [], [])
    # Held to the whole batch, the stories it never read would show as lost.
    assert _tally(root / "soak.db", inputs, half).lost_stories


def test_a_batch_stopped_inside_a_file_does_not_count_its_unread_stories_lost(batch) -> None:
    # What the 100,000-document soak met: stopped by --minutes after the first story of a JSON
    # Lines file holding two, it counted the second, never read, as a good story not stored.
    root, inputs, told = batch
    several = next(i for i in inputs if i.good >= 2)
    key = hostile._key(several.path)
    first = next(n for n, (uri, _) in enumerate(told) if hostile._key(uri).startswith(key + "#"))
    cut = told[: first + 1]
    tally = _tally(root / "soak.db", inputs, cut, finished=False)
    assert tally.partly_read == key
    assert (tally.lost, tally.silent_inputs, tally.lost_stories) == ([], [], [])
    # Every other input it reached is still held to its stories: drop one stored earlier.
    earlier = next(uri for uri, outcome in cut if outcome == "added" and not uri.startswith(several.path))
    db_copy = root / "stopped-inside.db"
    shutil.copy(root / "soak.db", db_copy)
    with sqlite3.connect(db_copy) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute('DELETE FROM "articles" WHERE "uri" = ?', (earlier,))
    conn.close()
    assert _tally(db_copy, inputs, cut, finished=False).lost_stories


def _soak():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "soak.py"
    spec = importlib.util.spec_from_file_location("soak_benchmark", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_slowdown_is_judged_on_cpu_per_document_not_on_documents_per_second() -> None:
    soak = _soak()
    warm = soak.Window(100, 30.0, 9.0, 1.0, 500.0, 0.0)

    def windows(seconds: float, cpu: float) -> list:
        return [warm] + [soak.Window(100, seconds, cpu, 1.0, 500.0, 0.0) for _ in range(6)]

    # A busier machine: the same CPU per document over twice the wall time is no slowdown.
    flags, base = soak.verdict(windows(5.0, 2.0)[:4] + windows(10.0, 2.0)[4:], 100)
    assert base is not None and not any(f.startswith("SLOWDOWN") for f in flags)
    # More CPU per document is, whatever the wall time.
    flags, _ = soak.verdict(windows(5.0, 2.0)[:4] + windows(5.0, 3.0)[4:], 100)
    assert any(f.startswith("SLOWDOWN") for f in flags)
    # A resident set 20% above the baseline window's is a leak.
    grown = [*windows(5.0, 2.0)[:-1], soak.Window(100, 5.0, 2.0, 1.0, 600.0, 0.0)]
    assert any(f.startswith("LEAK") for f in soak.verdict(grown, 100)[0])
