"""The pooled local engine (workers > 1) against the single-process one, on real parts: spawned
workers with the real model, a real SQLite file. Pool runs cost a few seconds each (every worker
loads the model), so the corpus is small and shared."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest
from tests.engines.analyzers import HANGS, KILLS, RAISES, faulty
from tests.engines.tables import store_rows
from tests.paths import EXAMPLES, REPO

from newsgraph import minhash
from newsgraph.analyze import analyze
from newsgraph.engines.dedup import PendingArticles
from newsgraph.engines.local import IngestReport, ingest
from newsgraph.engines.pool import AnalysisPool, Extracted, Failure, InlinePool, PoolError
from newsgraph.extract import BatchExtractor, ExtractError, extract
from newsgraph.records import Analysis
from newsgraph.sources import RawDocument, iter_documents
from newsgraph.store import Store

_rows = store_rows


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Two folders: pages and scrapes; then wire copy, an exact and a near copy of a story in the
    first folder, and a binary file."""
    root = tmp_path_factory.mktemp("corpus")
    for page in sorted((EXAMPLES / "html").glob("*.html"))[:3]:
        (root / "a" / page.name).parent.mkdir(parents=True, exist_ok=True)
        (root / "a" / page.name).write_bytes(page.read_bytes())
    for page in sorted((EXAMPLES / "text").glob("*.txt"))[:2]:
        _write(root / "a" / page.name, page.read_text(encoding="utf-8"))
    wire = [json.loads(line) for line in (EXAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines()]
    story = wire[1]
    _write(root / "a" / "story.txt", story["title"] + "\n\n" + story["text"])
    _write(root / "b" / "1_mirror.txt", story["title"] + "\n\n" + story["text"])
    paragraphs = story["text"].split("\n\n")
    near = "\n\n".join([*paragraphs[:-1], "(Reporting by a partner agency; editing by the desk)"])
    _write(root / "b" / "2_syndicated.txt", story["title"] + "\n\n" + near)
    (root / "b" / "3_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    _write(root / "b" / "4_wire.jsonl", "\n".join(json.dumps(r) for r in (wire[0], wire[2], wire[3])))
    return [str(root / "a"), str(root / "b")]


def _ingest(db: Path, paths: list[str], **options: object) -> tuple[IngestReport, list[tuple[str, str]]]:
    told: list[tuple[str, str]] = []
    with Store(db) as store:
        report = ingest(paths, store, on_document=lambda uri, outcome: told.append((uri, outcome)), **options)
    return report, told


@pytest.fixture(scope="module")
def one_process(corpus: list[str], tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("one") / "one.db"
    report, told = _ingest(db, corpus)
    # The corpus exercises what the pool must keep: copies of an article read earlier, a failure.
    assert (report.seen, report.added, report.duplicates, report.failed) == (12, 9, 2, 1)
    return db, report, told


def test_a_pool_stores_what_one_process_stores(corpus: list[str], one_process, tmp_path: Path) -> None:
    db, report, told = one_process
    # The whole corpus fits the window and is read while the workers start, so the exact and the
    # near copy are found among the articles in analysis, not in the store.
    pooled, pooled_told = _ingest(tmp_path / "pool.db", corpus, workers=2)
    assert _rows(tmp_path / "pool.db") == _rows(db)
    # Progress: one call per document, in input order, with the same outcomes.
    assert pooled_told == told
    assert (pooled.seen, pooled.added, pooled.duplicates, pooled.failed) == (
        report.seen,
        report.added,
        report.duplicates,
        report.failed,
    )
    assert multiprocessing.active_children() == []  # the workers are gone


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """HTML pages only, then an exact and a near copy of the first and one that cannot be
    extracted: what the workers extract once they are up."""
    root = tmp_path_factory.mktemp("pages")
    originals = sorted((EXAMPLES / "html").glob("*.html"))
    for page in originals:
        (root / "a" / page.name).parent.mkdir(parents=True, exist_ok=True)
        (root / "a" / page.name).write_bytes(page.read_bytes())
    first = originals[0].read_bytes()
    (root / "b").mkdir()
    (root / "b" / "1_copy.html").write_bytes(first)
    closing = first.rindex(b"</p>")
    (root / "b" / "2_near.html").write_bytes(first[:closing] + b" (Editing by the desk.)" + first[closing:])
    (root / "b" / "3_image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return [str(root / "a"), str(root / "b")]


def test_workers_extract_html_pages_as_this_process_does(
    pages: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the first page on, the pages read go to the workers to be extracted (they load the
    model only for their first analysis); the store, the progress and the failures are those of one
    process extracting everything itself."""
    alone, alone_told = _ingest(tmp_path / "one.db", pages)
    assert (alone.seen, alone.added, alone.duplicates, alone.failed) == (9, 6, 2, 1)
    in_parent: list[str] = []
    real = BatchExtractor.extract

    def extract_here(self: BatchExtractor, raw: RawDocument) -> object:
        in_parent.append(Path(raw.uri).name)
        return real(self, raw)

    monkeypatch.setattr(BatchExtractor, "extract", extract_here)
    # A window of two: reading waits for writing.
    pooled, told = _ingest(tmp_path / "pool.db", pages, workers=2, in_flight=2)
    assert in_parent == []  # every page there, its failure (3_image.html) included
    assert told == alone_told
    assert _rows(tmp_path / "pool.db") == _rows(tmp_path / "one.db")
    assert (pooled.seen, pooled.added, pooled.duplicates, pooled.failed) == (9, 6, 2, 1)
    assert multiprocessing.active_children() == []


def test_a_worker_extracts_a_page_and_signs_it_or_says_why_not(pages: list[str]) -> None:
    raws = [r for r in iter_documents(pages) if isinstance(r, RawDocument)]
    good, bad = raws[0], raws[-1]
    with AnalysisPool(1, analyze) as pool:
        pool.submit_extraction(1, good, max_bytes=None, max_seconds=30)
        pool.submit_extraction(2, bad, max_bytes=None, max_seconds=30)
        found: dict[int, object] = {}
        while len(found) < 2:
            found.update(pool.results())
    extracted = found[1]
    assert isinstance(extracted, Extracted)
    assert replace(extracted.article, ingested_at="") == replace(extract(good), ingested_at="")  # when it ran
    assert (extracted.signature == minhash.signature(extracted.article.text)).all()
    with pytest.raises(ExtractError) as refused:
        extract(bad)
    assert found[2] == Failure(refused.value.reason, refused.value.stage)


def test_a_rerun_stores_exactly_the_missing_documents(corpus: list[str], one_process, tmp_path: Path) -> None:
    db, report, _ = one_process
    # A window of two: reading waits for writing, which keeps input order.
    first, _ = _ingest(tmp_path / "half.db", corpus[:1], workers=2, in_flight=2)
    second, told = _ingest(tmp_path / "half.db", corpus, workers=2)
    assert first.added + second.added == report.added
    assert second.duplicates == first.added + report.duplicates  # recognised by content hash
    assert [outcome for _, outcome in told[: first.seen]] == ["duplicate"] * first.seen
    assert _rows(tmp_path / "half.db") == _rows(db)


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[AnalysisPool]:
    """The pools of the test's ingests, one entry per worker each started."""
    started: list[AnalysisPool] = []
    start = AnalysisPool._start

    def counted(self: AnalysisPool) -> None:
        started.append(self)
        start(self)

    monkeypatch.setattr(AnalysisPool, "_start", counted)
    return started


def test_a_rerun_of_a_stored_batch_loads_no_model(
    corpus: list[str], one_process, tmp_path: Path, pools: list[AnalysisPool]
) -> None:
    """Stored documents are recognised by content hash before analysis: nothing to analyse, so no
    worker loads the model (each load costs seconds); workers only extract the pages."""
    db, report, _ = one_process
    copy = tmp_path / "again.db"
    copy.write_bytes(db.read_bytes())
    again, _ = _ingest(copy, corpus, workers=2)
    assert (again.added, again.duplicates, again.failed) == (
        0,
        report.added + report.duplicates,
        report.failed,
    )
    assert _rows(copy) == _rows(db)
    assert pools, "the pages were extracted in this process, not by the workers"
    assert {pool.loaded for pool in pools} == {0}


def test_both_workers_start_with_the_first_pages_and_load_the_model_once_each(
    corpus: list[str], one_process, tmp_path: Path, pools: list[AnalysisPool]
) -> None:
    """No worker waits for another's model: both start as the first pages are read, and each loads
    the model once, for its first analysis."""
    db, _, _ = one_process
    _ingest(tmp_path / "pool.db", corpus, workers=2)
    assert _rows(tmp_path / "pool.db") == _rows(db)
    assert pools[0].started == 2
    assert 1 <= pools[0].loaded <= 2


def test_ctrl_c_keeps_what_was_written_and_a_rerun_resumes(
    corpus: list[str], one_process, tmp_path: Path
) -> None:
    """A real Ctrl-C: SIGINT to the whole process group, workers included, after three documents."""
    db, report, _ = one_process
    script = tmp_path / "interrupted.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import multiprocessing, os, signal, sys
            from newsgraph.engines.local import ingest
            from newsgraph.store import Store

            def main():
                # A shell that started the test suite in the background (`make test &`) hands its
                # children SIGINT ignored; the user at a terminal this test stands for does not.
                signal.signal(signal.SIGINT, signal.default_int_handler)
                done = []
                def step(uri, outcome):
                    done.append(uri)
                    if len(done) == 3:
                        os.killpg(os.getpgrp(), signal.SIGINT)
                with Store({str(tmp_path / "cut.db")!r}) as store:
                    try:
                        ingest({corpus!r}, store, workers=2, on_document=step)
                    except KeyboardInterrupt:
                        left = len(multiprocessing.active_children())
                        print("interrupted after", len(done), "children left:", left)
                        sys.exit(130)
                print("not interrupted")

            if __name__ == "__main__":
                main()
            """
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        start_new_session=True,  # its own process group: the SIGINT reaches nothing else
    )
    assert done.returncode == 130, done.stdout + done.stderr
    assert "children left: 0" in done.stdout
    assert "Traceback" not in done.stderr  # no worker died of the Ctrl-C on its own
    with Store(tmp_path / "cut.db") as store:
        stats = store.stats()
    written = stats["articles"] + stats["duplicates"] + stats["errors"]
    assert 3 <= written < report.seen
    resumed, _ = _ingest(tmp_path / "cut.db", corpus, workers=2)
    assert resumed.added == report.added - stats["articles"]
    assert _rows(tmp_path / "cut.db") == _rows(db)


def test_a_failing_document_and_a_dying_worker_do_not_stop_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    texts = [page.read_text(encoding="utf-8") for page in sorted((EXAMPLES / "text").glob("*.txt"))]
    _write(folder / f"a_{RAISES}.txt", texts[0])
    _write(folder / "b_copy_of_a.txt", texts[0])  # read while a is in analysis; a then fails
    _write(folder / f"c_{KILLS}.txt", texts[1])
    _write(folder / "d_good.txt", texts[2])
    _write(folder / "e_good.txt", texts[3])
    report, told = _ingest(tmp_path / "f.db", [str(folder)], workers=2, analyzer=faulty)
    outcomes = {Path(uri).name: outcome for uri, outcome in told}
    assert outcomes[f"a_{RAISES}.txt"] == "failed (analyze): ValueError: marked to fail in analysis"
    # The original failed, so its copy is a new article, as with one process.
    assert outcomes["b_copy_of_a.txt"] == "added"
    assert outcomes[f"c_{KILLS}.txt"].startswith("failed (analyze): the analysis worker process died")
    assert "SIGKILL" in outcomes[f"c_{KILLS}.txt"] and "2 times" in outcomes[f"c_{KILLS}.txt"]
    assert outcomes["d_good.txt"] == outcomes["e_good.txt"] == "added"
    assert (report.added, report.failed) == (3, 2)
    with Store(tmp_path / "f.db") as store:
        assert {(Path(e.uri).name, e.stage) for e in store.errors()} == {
            (f"a_{RAISES}.txt", "analyze"),
            (f"c_{KILLS}.txt", "analyze"),
        }
    assert multiprocessing.active_children() == []


def test_a_pipeline_that_cannot_load_stops_the_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A configuration error is not a document's failure: every worker would fail every document."""
    monkeypatch.setenv("NEWSGRAPH_ACTOR_DICTIONARY", str(tmp_path / "missing.txt"))
    page = sorted((EXAMPLES / "text").glob("*.txt"))[0]
    with Store(tmp_path / "x.db") as store, pytest.raises(PoolError, match="could not load the pipeline"):
        ingest([str(page)], store, workers=2)
    assert multiprocessing.active_children() == []


def test_pending_articles_answer_as_the_store_would() -> None:
    text = " ".join(f"word{i}" for i in range(300))
    near = text.replace("word299", "other")
    far = " ".join(f"term{i}" for i in range(300))
    pending = PendingArticles()
    pending.add(0, "id-a", minhash.signature(text))
    assert pending.holds("id-a") and not pending.holds("id-b")
    assert pending.near(minhash.signature(near))
    assert not pending.near(minhash.signature(far))
    pending.discard(0)
    assert len(pending) == 0 and not pending.holds("id-a")
    assert not pending.near(minhash.signature(near))
    pending.discard(0)  # twice is harmless


def test_workers_must_be_positive(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store, pytest.raises(ValueError, match="workers"):
        ingest([str(EXAMPLES)], store, workers=0)


def test_a_pool_starts_only_the_workers_its_documents_need() -> None:
    raw = next(iter(iter_documents([str(sorted((EXAMPLES / "text").glob("*.txt"))[0])])))
    assert isinstance(raw, RawDocument)
    article = extract(raw)
    with AnalysisPool(4, analyze) as pool:
        pool.submit(7, article)
        ((key, result),) = pool.results()
    assert key == 7 and isinstance(result, Analysis) and result.article.id == article.id
    assert result.events and result.actors  # the real pipeline ran in the worker
    assert pool.started == 1


def test_a_hanging_worker_is_replaced_and_its_document_fails_with_the_time_limit(tmp_path: Path) -> None:
    """A worker stuck on a document (not dead, not raising) is stopped after the per-document time
    limit; the document fails with that reason and the rest of the batch goes on."""
    folder = tmp_path / "batch"
    texts = [page.read_text(encoding="utf-8") for page in sorted((EXAMPLES / "text").glob("*.txt"))]
    _write(folder / f"a_{HANGS}.txt", texts[0])
    _write(folder / "b_good.txt", texts[1])
    _write(folder / "c_good.txt", texts[2])
    report, told = _ingest(tmp_path / "h.db", [str(folder)], workers=2, analyzer=faulty, worker_timeout=20)
    outcomes = {Path(uri).name: outcome for uri, outcome in told}
    hung = outcomes[f"a_{HANGS}.txt"]
    assert hung.startswith("failed (analyze): analysis took longer than the time limit of 20 s")
    assert outcomes["b_good.txt"] == outcomes["c_good.txt"] == "added"
    assert (report.added, report.failed) == (2, 1)
    with Store(tmp_path / "h.db") as store:
        (error,) = store.errors()
    assert Path(error.uri).name == f"a_{HANGS}.txt" and "worker_timeout" in error.reason
    assert multiprocessing.active_children() == []


def test_a_ctrl_c_while_a_worker_starts_does_not_kill_it() -> None:
    """The cause of a flaky Ctrl-C: a worker importing (before it ignores SIGINT) died of the
    KeyboardInterrupt. SIGINT is blocked while workers start, so one sent to a worker from its first
    moment on is held, then discarded once the worker ignores it."""
    raw = next(iter(iter_documents([str(sorted((EXAMPLES / "text").glob("*.txt"))[0])])))
    assert isinstance(raw, RawDocument)
    article = extract(raw)
    with AnalysisPool(1, analyze) as pool:
        pool.submit(1, article)  # starts the worker
        (worker,) = multiprocessing.active_children()
        deadline = time.monotonic() + 3.0  # well into its imports and model load
        while time.monotonic() < deadline and worker.is_alive():
            os.kill(worker.pid, signal.SIGINT)
            time.sleep(0.005)
        ((key, result),) = pool.results()
    assert key == 1 and isinstance(result, Analysis)
    assert pool.started == 1  # the first worker lived: no replacement was needed


def test_the_in_process_pool_analyses_whole_batches_in_key_order() -> None:
    """One worker's engine: documents wait until a batch is queued (or a caller must wait), and
    each comes back as the one-article analysis, or its failure in its place."""
    raws = [r for r in iter_documents([str(EXAMPLES / "text")]) if isinstance(r, RawDocument)][:3]
    articles = [extract(raw) for raw in raws]
    with InlinePool(analyze, batch=2) as pool:  # the pipeline's own: analyze_batch
        for key, article in zip((5, 3, 4), articles, strict=True):
            pool.submit(key, article)
        first = pool.results(block=False)
        assert [key for key, _ in first] == [3, 4]  # a whole batch, lowest keys first
        assert pool.results(block=False) == []  # one queued: not a batch yet
        last = pool.results(block=True)
        assert [key for key, _ in last] == [5]
    found = dict(first + last)
    assert found[5] == analyze(articles[0]) and found[3] == analyze(articles[1])
    marked = replace(articles[2], uri=f"in/{RAISES}.txt")
    with InlinePool(faulty, batch=2) as pool:
        pool.submit(0, articles[0])
        pool.submit(1, marked)
        (ok, failed) = pool.results(block=True)
    assert ok == (0, found[5]) and failed == (1, Failure("ValueError: marked to fail in analysis"))


def test_a_worker_loading_the_model_is_not_on_the_clock() -> None:
    """The time limit is a document's: a worker loading the model for its first analysis is not
    stopped for the seconds the load takes; once loaded, and for an extraction, its batch is timed."""
    from newsgraph.engines.pool import ANALYSE, EXTRACT, _Task, _timed, _Worker

    def worker(job: str, loaded: bool, busy: bool = True) -> _Worker:
        tasks = {1: _Task(1, 1, None)} if busy else {}  # type: ignore[arg-type]
        return _Worker(process=None, conn=None, ready=True, loaded=loaded, tasks=tasks, job=job)  # type: ignore[arg-type]

    assert not _timed(worker(ANALYSE, loaded=False))
    assert _timed(worker(ANALYSE, loaded=True))
    assert _timed(worker(EXTRACT, loaded=False))
    assert not _timed(worker(ANALYSE, loaded=True, busy=False))


class _Gone:
    """A worker process that was killed, and its closed pipe (for `_bury` without a real process)."""

    exitcode = -9

    def join(self, timeout: float | None = None) -> None:
        pass

    def close(self) -> None:
        pass


def test_workers_dying_while_loading_the_model_stop_the_pool_not_the_documents() -> None:
    """A worker killed while loading the model for its first analysis is the pool's trouble: its
    documents are tried again without a death counted against them, and three such deaths in a row
    stop the pool (a load that crashes would otherwise respawn workers forever)."""
    from newsgraph.engines.pool import ANALYSE, _Task, _Worker

    pool = AnalysisPool(2, analyze)
    task = _Task(1, 7, None, alone=False)  # type: ignore[arg-type]
    for attempt in range(3):
        gone = _Gone()
        worker = _Worker(process=gone, conn=gone, ready=True, tasks={7: task}, job=ANALYSE, sent=1)  # type: ignore[arg-type]
        pool._workers.append(worker)
        if attempt < 2:
            pool._bury(worker, [])
            assert task.deaths == 0 and pool._queue  # queued again, no death of its own
            pool._queue.clear()
        else:
            with pytest.raises(PoolError, match="keep dying while loading the language model"):
                pool._bury(worker, [])
