"""The local engine's window: the main process reads, de-duplicates and writes; a pool of worker
processes extracts the HTML pages and analyses, or with one worker this process does all of it,
analysing in batches (`InlinePool`). "The single-process engine" below is the reference both keep
to: each document read, extracted, analysed and stored before the next is read.

Why the split falls there:
- the first-seen copy of a story must win, and the extraction of a plain-text scrape learns its
  site's repeated lines from the new articles before it (`BatchExtractor`), so de-duplication and
  those extractions happen in this process in input order ("sorting" a document: extracted, then
  copy, re-read or new). An HTML page's extraction reads only the page, so a worker does it (with
  its MinHash signature) as soon as the page is read, from the first page on (the workers load the
  model only for their first analysis); the page is sorted when its article is back and every
  document before it is sorted. Extraction is a fifth of the CPU on
  news pages (trafilatura), which in this process would leave a second worker waiting for it;
- SQLite takes one writer at a time, so the store is written by this process alone, one
  transaction per article, as the single-process engine does.

Documents flow through a window of at most `in_flight` unwritten documents, in input order. A new
article is sent to the pool as soon as it is read; the window's head is written as soon as it is
finished, so writing follows input order (the actor and place registry keeps the first writer's
fields, so any other order could store other records than the single-process engine). The window
bounds memory on any corpus, and a slow document holds back writing only until the window is full.

A copy of an article still in the window is not analysed; its duplicate link is decided when its
turn to be written comes, against the store, which then holds exactly what the single-process
engine's store would hold at that point: the same decision, the same link. Were the original to
fail, the copy is analysed then, as the single-process engine would have done.

Two deliberate differences from the single-process engine, both only on failures: a new article
teaches the extractor its site's lines when it is sent for analysis, not once stored (waiting
would serialise extraction behind analysis), so one whose analysis then fails has still taught;
and a copy analysed because its original failed teaches only the documents read after it is
written.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from newsgraph import minhash
from newsgraph.engines.dedup import PendingArticles, is_copy, is_near_copy, is_reread, replacement_target
from newsgraph.engines.pool import WORKER_BATCH, AnalysisPool, Analyzer, Extracted, Failure, InlinePool
from newsgraph.engines.report import UPDATED, IngestReport, Listener, Outcome, note_analysis, tally
from newsgraph.engines.version import pipeline_version
from newsgraph.extract import BatchExtractor, ExtractError
from newsgraph.records import Analysis, Article, Error
from newsgraph.sources import RawDocument
from newsgraph.sources.raw import now_iso
from newsgraph.store import Store

#: Unwritten documents per worker in the window (read, in analysis, or finished and waiting for
#: an earlier one): two of a worker's batches (`WORKER_BATCH`), enough to keep every worker busy
#: while the batch holding the window's head is analysed, few enough to stay small.
WINDOW_PER_WORKER = 2 * WORKER_BATCH


@dataclass(eq=False)
class _Slot:
    """One document of the window, from read to written."""

    key: int  # position in the batch
    uri: str
    # unsorted: read, not yet extracted and sorted; extracting: in the pool;
    # done: `outcome` is known; copy: a copy, to confirm against the store at its turn;
    # analysing: in the pool; analysed: `analysis` back, to store.
    state: str = "done"
    raw: RawDocument | None = None  # kept only while it may still teach the extractor
    article: Article | None = None
    signature: np.ndarray | None = None
    analysis: Analysis | None = None
    outcome: Outcome | None = None
    learn_when_stored: bool = False
    replaces: str | None = None  # the stored article it replaces (`force`)


class _Run:
    """The state of one pooled ingest."""

    def __init__(
        self,
        store: Store,
        extractor: BatchExtractor,
        pool: AnalysisPool | InlinePool,
        report: IngestReport,
        on_document: Listener | None,
        force: bool = False,
    ) -> None:
        self.store, self.extractor, self.pool = store, extractor, pool
        self.report, self.on_document = report, on_document
        self.force = force
        self.window: deque[_Slot] = deque()
        self.unsorted: deque[_Slot] = deque()  # read and not yet sorted, in input order
        self.in_pool: dict[int, _Slot] = {}  # extracting or analysing
        self.pending = PendingArticles()

    def read(self, key: int, item: RawDocument | Error) -> None:
        """Take one document into the window; an HTML page goes to the pool to be extracted."""
        self.report.seen += 1
        if not isinstance(item, RawDocument):
            self.window.append(_Slot(key, item.uri, outcome=item))
            return
        slot = _Slot(key, item.uri, state="unsorted", raw=item)
        self.window.append(slot)
        self.unsorted.append(slot)
        if self.pool.can_extract and not self.extractor.learns_from(item):
            slot.state = "extracting"
            self.in_pool[key] = slot
            self.pool.submit_extraction(
                key, item, max_bytes=self.extractor.max_bytes, max_seconds=self.extractor.max_seconds
            )

    def sort(self) -> None:
        """Sort the read documents, in input order, up to the first still being extracted."""
        while self.unsorted and self.unsorted[0].state != "extracting":
            slot = self.unsorted.popleft()
            if slot.state == "unsorted":
                self._sort(slot)

    def _sort(self, slot: _Slot) -> None:
        """Extract (unless a worker did) and sort one document: failed, a copy, or new (sent for
        analysis)."""
        item = slot.raw
        assert item is not None
        slot.state = "done"
        stage = "extract"
        try:
            if slot.article is None:
                slot.article = self.extractor.extract(item)
            article = slot.article
            stage = "dedup"
            if self.force and not self.pending.holds(article.id):
                slot.replaces = replacement_target(article, self.store)
            if slot.replaces is not None:
                slot.signature = _signature(slot)
            elif is_reread(article, self.store):
                self.extractor.learn(item)  # as the run that stored it did
                slot.outcome, slot.raw = False, None
                return
            elif self.store.has_article(article.id) or self.pending.holds(article.id):
                slot.state = "copy"
                return
            else:
                slot.signature = _signature(slot)
                if self.store.near_duplicate(slot.signature) is not None or self.pending.near(slot.signature):
                    slot.state = "copy"
                    return
            stage = "store"  # where the single-process engine learns
            self.extractor.learn(item)
        except ExtractError as exc:
            slot.outcome = Error(uri=item.uri, stage=exc.stage, reason=exc.reason, at=now_iso())
            return
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"
            slot.outcome = Error(uri=item.uri, stage=stage, reason=reason, at=now_iso())
            return
        slot.raw = None
        self._analyse(slot)

    def _analyse(self, slot: _Slot) -> None:
        assert slot.article is not None and slot.signature is not None
        slot.state = "analysing"
        self.pending.add(slot.key, slot.article.id, slot.signature)
        self.in_pool[slot.key] = slot
        self.pool.submit(slot.key, slot.article)

    def collect(self, *, block: bool) -> None:
        """Take the extractions and analyses the pool has finished (waiting for one with `block`)."""
        if not self.pool.busy:
            return
        for key, result in self.pool.results(block=block):
            slot = self.in_pool.pop(key)
            if isinstance(result, Extracted):
                slot.state, slot.article, slot.signature = "unsorted", result.article, result.signature
            elif isinstance(result, Failure):
                if slot.state == "analysing":
                    # Forget it now: a copy read from here on is a new article, as it would be
                    # for the single-process engine, which never stored this one.
                    self.pending.discard(key)
                slot.state = "done"
                slot.outcome = Error(uri=slot.uri, stage=result.stage, reason=result.reason, at=now_iso())
            else:
                slot.state, slot.analysis = "analysed", result

    def write(self) -> None:
        """Write the finished documents at the head of the window, in input order."""
        while self.window:
            slot = self.window[0]
            if slot.state in ("unsorted", "extracting", "analysing"):
                return
            if slot.state == "copy":
                slot.outcome = self._confirm_copy(slot)
                if slot.outcome is None:  # its original failed: analyse it after all
                    slot.learn_when_stored = True
                    self._analyse(slot)
                    return
            elif slot.state == "analysed":
                slot.outcome = self._store(slot)
                self.pending.discard(slot.key)
            self.window.popleft()
            assert slot.outcome is not None
            tally(self.report, self.store, slot.uri, slot.outcome, self.on_document)

    def _confirm_copy(self, slot: _Slot) -> Outcome | None:
        """False (linked, or already stored) as the single-process engine decides it now; None
        when the store holds no original after all."""
        article = slot.article
        assert article is not None
        try:
            if is_copy(article, self.store):
                return False
            if slot.signature is None:
                slot.signature = _signature(slot)
            if is_near_copy(article, slot.signature, self.store):
                return False
        except Exception as exc:
            return Error(uri=slot.uri, stage="dedup", reason=f"{type(exc).__name__}: {exc}", at=now_iso())
        return None

    def _store(self, slot: _Slot) -> Outcome:
        assert slot.analysis is not None
        try:
            if slot.replaces is not None:
                self.store.replace_analysis(
                    slot.analysis,
                    pipeline=pipeline_version(),
                    signature=slot.signature,
                    replaces=slot.replaces,
                )
                note_analysis(self.report, slot.analysis)
                return UPDATED
            added = self.store.add_analysis(slot.analysis, slot.signature, pipeline=pipeline_version())
            if added:
                note_analysis(self.report, slot.analysis)
            if added and slot.learn_when_stored and slot.raw is not None:
                self.extractor.learn(slot.raw)
            return added
        except Exception as exc:
            return Error(uri=slot.uri, stage="store", reason=f"{type(exc).__name__}: {exc}", at=now_iso())


def _signature(slot: _Slot) -> np.ndarray:
    """The slot's MinHash signature: the one its worker computed with the extraction, or now."""
    if slot.signature is None:
        assert slot.article is not None
        slot.signature = minhash.signature(slot.article.text)
    return slot.signature


def ingest_pooled(
    documents: Iterator[RawDocument | Error],
    store: Store,
    report: IngestReport,
    *,
    workers: int,
    analyzer: Analyzer,
    on_document: Listener | None = None,
    in_flight: int | None = None,
    force: bool = False,
    time_limit: float | None = None,
) -> None:
    """Ingest `documents` with `workers` analysis processes (one: in this process, in batches),
    tallying into `report`; `force` as for `newsgraph.engines.local.ingest`; `time_limit` seconds
    per document and worker process.

    On any exception (KeyboardInterrupt included) the workers are terminated and what was written
    stays written: each article is one transaction, so a re-run stores exactly the missing ones.
    """
    limit = in_flight or WINDOW_PER_WORKER * workers
    if limit < 1:
        raise ValueError(f"in_flight must be at least 1, not {limit}")
    pool: AnalysisPool | InlinePool = (
        InlinePool(analyzer) if workers == 1 else AnalysisPool(workers, analyzer, time_limit=time_limit)
    )
    with pool:
        run = _Run(store, BatchExtractor(), pool, report, on_document, force)
        keys = itertools.count()
        exhausted = False
        while True:
            reading = not exhausted and len(run.window) < limit
            if reading:
                item = next(documents, None)
                if item is None:
                    exhausted, reading = True, False
                else:
                    run.read(next(keys), item)
            run.sort()
            # Wait for the pool only when there is nothing to read: then the head is in the pool.
            run.collect(block=not reading and bool(run.window))
            run.sort()
            run.write()
            if exhausted and not run.window:
                return
