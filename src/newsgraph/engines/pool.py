"""A pool of analysis worker processes: one model per worker, a small batch per worker at a time.

A worker also extracts: the engine sends it the HTML pages (whose extraction reads nothing but the
page: `BatchExtractor.learns_from`) and gets back each page's Article and MinHash signature, so the
main process, which must de-duplicate and write in input order, keeps little CPU of its own and two
workers can use two cores. A batch is all extraction or all analysis; extraction goes first, since
the main process waits for it to decide what to analyse.

Why not `concurrent.futures.ProcessPoolExecutor` or `multiprocessing.Pool`: when a worker dies (the
OOM killer, a crash in a native library, a `kill`), the executor marks the whole pool broken and
fails every pending future without saying which document was to blame, and `multiprocessing.Pool`
waits forever for the task the dead worker held. Here each worker has its own pipe and holds one
small batch (the model runs over a batch at once: `newsgraph.analyze.analyze_batch`), so the pool
knows exactly which documents a dead worker held: each gets a second try, alone, on a fresh worker,
and a document fails when it takes a worker down alone (its second death). Nothing else in flight
is lost, and a death never hangs the batch (the wait includes each process's sentinel, which
becomes ready when the process ends). A worker that hangs (a pathological input deep in native
code, where no exception can reach it) is killed once its batch has had `time_limit` seconds, the
time one document may take; the documents of a batch are then tried again alone, and one that
hangs alone fails with that reason, without a second try: it would only cost the limit again.

This module stays light to import (no spaCy): a worker loads the pipeline itself, once, when its
first analysis comes; until then it only extracts (all a re-run of stored pages asks of it).
"""

from __future__ import annotations

import contextlib
import heapq
import multiprocessing
import pickle
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from newsgraph.engines.memory import Trim
from newsgraph.records import Analysis, Article
from newsgraph.sources import RawDocument

if TYPE_CHECKING:
    import numpy as np

Analyzer = Callable[[Article], Analysis]

# "spawn", deliberately, on every platform (fork is Linux's default before Python 3.14):
# - a forked child inherits the parent's open SQLite connection, and SQLite documents that a
#   connection must not be carried across fork();
# - the CLI draws its progress bar from a rich refresh thread; fork copies only the forking thread,
#   so a lock that thread held (the console's) stays locked forever in the child;
# - numpy may have started BLAS/OpenMP thread pools, which do not survive fork either.
# Spawn costs each worker a fresh interpreter and its imports (about 1.5 s, once per ingest, while
# the main process goes on reading and extracting); the model is loaded per worker in any case,
# since the main process never loads it in pool mode. It is also what macOS and Windows use, so
# the engine behaves the same everywhere.
START_METHOD = "spawn"

#: A document gets this many workers: a second worker dying on it is the document's doing.
TRIES = 2
#: Documents one worker takes at a time: enough for the model's batched steps to pay (measured by
#: benchmarks/throughput.py), few enough that the last batches keep every worker busy.
WORKER_BATCH = 8
# Workers that die while starting, or while loading the model for their first analysis, are
# retried this many times in a row (each kind counted apart) before the pool gives up (a model that
# crashes its process on loading would otherwise respawn forever).
_START_FAILURES = 3


class PoolError(RuntimeError):
    """The pool cannot analyse at all (a worker cannot load the model)."""


#: The two jobs a worker does, named as the stage an `Error` of theirs records.
EXTRACT, ANALYSE = "extract", "analyze"


@dataclass(frozen=True)
class Failure:
    """A document the pool could not extract or analyse (`stage`): the extractor or the analyzer
    raised, or workers died on it."""

    reason: str
    stage: str = ANALYSE


@dataclass(frozen=True)
class Extracted:
    """A page extracted in a worker: its Article and the MinHash signature of its text."""

    article: Article
    signature: np.ndarray


@dataclass(frozen=True)
class _Extraction:
    """What a worker needs to extract one page as the engine's extractor would."""

    raw: RawDocument
    max_bytes: int | None
    max_seconds: float | None


@dataclass(order=True)
class _Task:
    rank: int  # 0: extraction, which the main process waits for; 1: analysis
    key: int  # the caller's order: lower keys are sent first (retries keep theirs)
    payload: Article | _Extraction = field(compare=False)
    deaths: int = field(default=0, compare=False)
    # Tried again after its batch's worker died or hung: it goes alone, so it answers for itself.
    alone: bool = field(default=False, compare=False)


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False  # started: takes extractions
    loaded: bool = False  # has the model: analyses without a load first
    tasks: dict[int, _Task] = field(default_factory=dict)  # the batch it holds, by key
    job: str = ANALYSE  # what that batch is for
    since: float = 0.0  # when the batch was sent (time.monotonic)
    sent: int = 0  # documents in that batch


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """SIGINT held back in this thread while a worker starts.

    A spawned worker inherits the signal mask through fork and exec, so a Ctrl-C that arrives
    while it is still starting (importing for a second or more, before `_work` ignores SIGINT)
    stays pending instead of killing it with a KeyboardInterrupt traceback; the worker unblocks
    SIGINT once it ignores it, and the pending one is then discarded. This process gets its own
    Ctrl-C as soon as the mask is restored.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks, no process groups
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _work(conn: Connection, analyzer_blob: bytes) -> None:
    """A worker's life: take what the parent sends until told to stop; load the model only when
    the first analysis comes (a worker that only extracts, on a re-run of stored pages, never does)."""
    # Ctrl-C reaches the whole process group; stopping the workers is the parent's decision (it
    # terminates them), so a worker never dies of it half-way through a result. The analyzer is
    # unpickled only now, so the imports it pulls in (spaCy) already run with SIGINT ignored.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # blocked by the parent while starting us
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        analyzer: Analyzer = pickle.loads(analyzer_blob)
    except Exception as exc:
        conn.send(("init-failed", None, f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None, None))
    loaded = False
    heap = Trim()
    while True:
        try:
            batch = conn.recv()
        except EOFError:  # the parent is gone
            return
        if batch is None:
            return
        job, items = batch
        if job == ANALYSE and not loaded:
            if not _load(conn):
                return
            loaded = True
        keys = [key for key, _ in items]
        payloads = [payload for _, payload in items]
        found = _extract(payloads) if job == EXTRACT else _analyse(analyzer, payloads)
        for key, result in zip(keys, found, strict=True):
            message: tuple[str, int, Any]
            if isinstance(result, Failure):
                message = ("error", key, result)
            elif isinstance(result, Exception):
                message = ("error", key, Failure(f"{type(result).__name__}: {result}", job))
            else:
                message = ("ok", key, result)
            try:
                conn.send(message)  # pickles before writing: a pickling failure writes nothing
            except (pickle.PicklingError, TypeError, AttributeError) as exc:
                why = f"result not picklable: {type(exc).__name__}: {exc}"
                conn.send(("error", key, Failure(why, job)))
        del found, payloads, items, batch  # free before trimming, not at the next batch's arrival
        heap.tick(len(keys))


def _load(conn: Connection) -> bool:
    """Load the model and the gazetteer, once per worker, before its first analysis; tell the
    parent ("loaded": the batch's time limit starts again, a load is not a document's doing, or
    "init-failed"). False when they cannot be loaded."""
    try:
        from newsgraph.analyze import load_nlp

        load_nlp()
        # The gazetteer too (seconds: a million names), which the first document naming a place
        # would otherwise load inside its time limit.
        from newsgraph.knowledge.geo import gazetteer

        gazetteer()
    except Exception as exc:
        conn.send(("init-failed", None, f"{type(exc).__name__}: {exc}"))
        return False
    conn.send(("loaded", None, None))
    return True


def _extract(jobs: list[_Extraction]) -> list[Extracted | Failure]:
    """Each page's Article and signature, or its failure as the engine records it in-process."""
    from newsgraph import minhash
    from newsgraph.extract import ExtractError, extract

    results: list[Extracted | Failure] = []
    for job in jobs:
        try:
            article = extract(job.raw, max_bytes=job.max_bytes, max_seconds=job.max_seconds)
            results.append(Extracted(article, minhash.signature(article.text)))
        except ExtractError as exc:
            results.append(Failure(exc.reason, exc.stage))
        except Exception as exc:
            results.append(Failure(f"{type(exc).__name__}: {exc}", EXTRACT))
    return results


def _analyse(analyzer: Analyzer, articles: list[Article]) -> list[Analysis | Exception]:
    """Each article's Analysis, or the exception its analysis raised: the pipeline's own analyzer
    runs the batch at once, any other one article after another."""
    from newsgraph.analyze import analyze, analyze_batch

    if analyzer is analyze and len(articles) > 1:
        try:
            return analyze_batch(articles)
        except Exception:  # not one article's doing (each one's is in its place): one at a time
            pass
    results: list[Analysis | Exception] = []
    for article in articles:
        try:
            results.append(analyzer(article))
        except Exception as exc:
            results.append(exc)
    return results


def _death(process: BaseProcess) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with code {code}"


def _timed(worker: _Worker) -> bool:
    """Whether the worker's batch is on the clock: not while it loads the model for its first
    analysis (a load, as a start, is no document's time; its batch's clock starts once loaded)."""
    return bool(worker.tasks) and (worker.loaded or worker.job == EXTRACT)


class AnalysisPool:
    """`size` worker processes that analyse articles, started on the first `submit`.

    `submit(key, article)` queues a document; `submit_extraction(key, raw, ...)` queues an HTML
    page to extract; `results()` returns finished ones as `(key, Analysis | Extracted | Failure)`.
    Queued documents go out extractions first, then lowest key first, a batch of at most `batch`
    (a fair share of the queue) per idle worker.
    Use as a context manager: leaving it stops the workers (at once when leaving on an exception,
    Ctrl-C included). `time_limit`: seconds a worker may spend on one batch before it is killed
    and replaced, its documents tried again alone, and one that runs past it alone failing with that
    reason (None: no limit).
    """

    def __init__(
        self, size: int, analyzer: Analyzer, *, time_limit: float | None = None, batch: int = WORKER_BATCH
    ) -> None:
        if size < 1:
            raise ValueError(f"a pool needs at least one worker, not {size}")
        if batch < 1:
            raise ValueError(f"a batch needs at least one document, not {batch}")
        if time_limit is not None and time_limit <= 0:
            raise ValueError(f"a time limit must be positive, not {time_limit}")
        self.size = size
        self.time_limit = time_limit
        self.batch = batch
        self._analyzer = pickle.dumps(analyzer)  # by reference: a module-level function
        self._context = multiprocessing.get_context(START_METHOD)
        self._queue: list[_Task] = []  # a heap on key
        self._workers: list[_Worker] = []
        self._start_failures = 0  # in a row: reset when a worker is ready
        self._load_failures = 0  # in a row: reset when a worker has loaded the model
        #: Workers started over the pool's life (replacements included); for tests and reports.
        self.started = 0
        #: Workers that loaded the model (only those that analysed); for tests and reports.
        self.loaded = 0

    # -- lifecycle ---------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(force=exc_type is not None)

    def close(self, *, force: bool = False) -> None:
        """Stop every worker: ask them to finish (or, with `force`, terminate them) and reap them."""
        for worker in self._workers:
            if not force:
                with contextlib.suppress(OSError):  # already gone
                    worker.conn.send(None)
            else:
                worker.process.terminate()
        for worker in self._workers:
            worker.process.join(timeout=None if force else 10)
            if worker.process.is_alive():  # stuck in a document: do not wait for it
                worker.process.terminate()
                worker.process.join()
            worker.conn.close()
        self._workers = []
        self._queue = []

    # -- work --------------------------------------------------------------------

    @property
    def busy(self) -> int:
        """Documents submitted and not yet returned by `results`."""
        return len(self._queue) + sum(len(w.tasks) for w in self._workers)

    #: The workers extract HTML pages from the first on: they start at once and load the model
    #: only for their first analysis, so the caller never waits for a model to extract.
    can_extract = True

    def submit(self, key: int, article: Article) -> None:
        heapq.heappush(self._queue, _Task(1, key, article))
        self._dispatch()

    def submit_extraction(
        self, key: int, raw: RawDocument, *, max_bytes: int | None, max_seconds: float | None
    ) -> None:
        """Queue an HTML page (`BatchExtractor.learns_from` false) for extraction under those bounds."""
        heapq.heappush(self._queue, _Task(0, key, _Extraction(raw, max_bytes, max_seconds)))
        self._dispatch()

    def results(self, *, block: bool = True) -> list[tuple[int, Analysis | Extracted | Failure]]:
        """Finished documents; with `block`, waits until there is at least one (there must be
        work submitted). Without, returns at once, possibly nothing."""
        out: list[tuple[int, Analysis | Extracted | Failure]] = []
        while True:
            self._dispatch()
            if not self._workers:
                return out
            self._collect(out, timeout=None if block and not out else 0)
            if out or not block:
                return out
            if not self.busy:
                raise RuntimeError("AnalysisPool.results(block=True) with nothing submitted")

    # -- internals ---------------------------------------------------------------

    def _start(self) -> None:
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_work, args=(child, self._analyzer), name="newsgraph-analyze", daemon=True
        )
        with _sigint_blocked():
            process.start()
        child.close()  # the worker holds its end; EOF on ours then means it is gone
        self._workers.append(_Worker(process, parent))
        self.started += 1

    def _dispatch(self) -> None:
        """Start workers while there is work for them, and give each idle ready worker a task."""
        # Only as many workers as queued documents need (one still starting counts as idle): each
        # costs seconds of CPU to start, wasted on a batch of one or two new documents.
        idle = sum(not w.tasks for w in self._workers)
        while len(self._queue) > idle and len(self._workers) < self.size:
            self._start()
            idle += 1
        for worker in self._workers:
            if not self._queue:
                return
            if worker.ready and not worker.tasks:
                tasks = self._next_batch()
                worker.tasks, worker.since = {t.key: t for t in tasks}, time.monotonic()
                worker.sent, worker.job = len(tasks), EXTRACT if tasks[0].rank == 0 else ANALYSE
                # If it died, its sentinel says so and the tasks are retried.
                with contextlib.suppress(OSError):
                    worker.conn.send((worker.job, [(t.key, t.payload) for t in tasks]))

    def _next_batch(self) -> list[_Task]:
        """The next documents for one worker, of one job, lowest keys first: a task tried again
        goes alone; others a fair share of the queue among the workers, at most `batch`."""
        first = heapq.heappop(self._queue)
        if first.alone:
            return [first]
        share = min(self.batch, -(-(len(self._queue) + 1) // self.size))
        tasks = [first]
        while (
            self._queue
            and len(tasks) < share
            and not self._queue[0].alone
            and self._queue[0].rank == first.rank
        ):
            tasks.append(heapq.heappop(self._queue))
        return tasks

    def _collect(self, out: list[tuple[int, Analysis | Extracted | Failure]], timeout: float | None) -> None:
        by_handle: dict[Any, _Worker] = {}
        for worker in self._workers:
            by_handle[worker.conn] = worker
            by_handle[worker.process.sentinel] = worker
        dead: list[_Worker] = []
        for handle in wait(list(by_handle), timeout=self._until_deadline(timeout)):
            worker = by_handle[handle]
            if worker in dead:
                continue
            if handle is worker.conn:
                if not self._receive(worker, out):
                    dead.append(worker)
            else:
                # Ended: take what it finished before it went, then count it dead.
                while worker.conn.poll() and self._receive(worker, out):
                    pass
                dead.append(worker)
        for worker in dead:
            self._bury(worker, out)
        self._stop_overdue(out)

    def _until_deadline(self, timeout: float | None) -> float | None:
        """`timeout`, shortened to when the earliest document in analysis runs out of time."""
        if self.time_limit is None:
            return timeout
        starts = [w.since for w in self._workers if _timed(w)]
        if not starts:
            return timeout
        left = max(0.0, min(starts) + self.time_limit - time.monotonic())
        return left if timeout is None else min(timeout, left)

    def _stop_overdue(self, out: list[tuple[int, Analysis | Extracted | Failure]]) -> None:
        """Kill each worker whose batch ran past the time limit: a document alone fails, the
        documents of a larger batch are each tried again alone."""
        if self.time_limit is None:
            return
        now = time.monotonic()
        for worker in [w for w in self._workers if _timed(w)]:
            if now - worker.since < self.time_limit:
                continue
            worker.process.kill()  # SIGKILL: a worker stuck in native code ignores SIGTERM's handler
            worker.process.join()
            # It may have finished some just as the limit passed: take those rather than fail them.
            while worker.tasks and worker.conn.poll() and self._receive(worker, out):
                pass
            if worker.sent == 1:
                for task in worker.tasks.values():
                    what = "extraction" if worker.job == EXTRACT else "analysis"
                    reason = (
                        f"{what} took longer than the time limit of {self.time_limit:g} s per "
                        "document (setting worker_timeout); its worker was stopped and replaced"
                    )
                    out.append((task.key, Failure(reason, worker.job)))
            else:
                for task in worker.tasks.values():
                    task.alone = True
                    heapq.heappush(self._queue, task)
            worker.tasks = {}
            worker.conn.close()
            self._workers.remove(worker)

    def _receive(self, worker: _Worker, out: list[tuple[int, Analysis | Extracted | Failure]]) -> bool:
        """Read one message; False when the worker is gone (end of its pipe)."""
        try:
            kind, key, payload = worker.conn.recv()
        except (EOFError, OSError):
            return False
        except Exception as exc:  # a whole message that does not unpickle here: that document's failure
            # Results come back in the order sent, so the unreadable one is the first unanswered.
            if worker.tasks:
                key = next(iter(worker.tasks))
                del worker.tasks[key]
                out.append((key, Failure(f"result unreadable: {type(exc).__name__}: {exc}", worker.job)))
            return True
        if kind == "ready":
            worker.ready = True
            self._start_failures = 0
        elif kind == "loaded":
            # The model is up: loading it was not the batch's time.
            worker.since, worker.loaded = time.monotonic(), True
            self._load_failures = 0
            self.loaded += 1
        elif kind == "init-failed":
            self.close(force=True)
            raise PoolError(f"an analysis worker could not load the pipeline: {payload}")
        else:
            worker.tasks.pop(key, None)
            out.append((key, payload))  # the result, or its Failure
        return True

    def _bury(self, worker: _Worker, out: list[tuple[int, Analysis | Extracted | Failure]]) -> None:
        """A worker died: its documents get a fresh worker each, alone; one that was alone already
        fails when it was its second death."""
        worker.process.join()
        worker.conn.close()
        self._workers.remove(worker)
        how = _death(worker.process)
        # Died while starting, or while loading the model for its first analysis: the pool's
        # trouble, not its documents'.
        loading = worker.ready and worker.job == ANALYSE and bool(worker.tasks) and not worker.loaded
        if not worker.ready or loading:
            self._start_failures += not worker.ready
            self._load_failures += loading
            if max(self._start_failures, self._load_failures) >= _START_FAILURES:
                self.close(force=True)
                if loading:
                    raise PoolError(
                        f"analysis workers keep dying while loading the language model ({how}); "
                        "check that the model package loads in a plain Python process, and the "
                        "memory each worker has"
                    )
                raise PoolError(
                    f"analysis workers keep dying while starting ({how}); a script that ingests with "
                    "workers > 1 must guard its entry point with `if __name__ == '__main__':` "
                    "(workers are started with multiprocessing's spawn method, which imports it)"
                )
        for task in worker.tasks.values():
            # Only a death alone is the document's doing; a batch's is one of its documents'.
            task.deaths += 1 if worker.sent == 1 and not loading else 0
            if task.deaths >= TRIES:
                what = "extraction" if worker.job == EXTRACT else "analysis"
                reason = f"the {what} worker process died on this document ({how}), {task.deaths} times"
                out.append((task.key, Failure(reason, worker.job)))
            else:
                task.alone = True
                heapq.heappush(self._queue, task)  # its old key: first in line for the next worker
        worker.tasks = {}


class InlinePool:
    """`AnalysisPool`'s interface, analysing in this process: the one-worker engine's batches.

    Queued documents are analysed `batch` at a time once that many are queued, or all of them
    when a caller must wait (`results(block=True)`). Per-document bounds are the analysis's own
    (``max_analysis_seconds``): there is no process to replace."""

    def __init__(self, analyzer: Analyzer, *, batch: int = WORKER_BATCH) -> None:
        if batch < 1:
            raise ValueError(f"a batch needs at least one document, not {batch}")
        self.analyzer = analyzer
        self.batch = batch
        self._queue: list[_Task] = []  # a heap on key
        self.started = 0  # no worker process, ever
        #: The caller extracts: there is no other process to take it.
        self.can_extract = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._queue = []

    @property
    def busy(self) -> int:
        return len(self._queue)

    def submit(self, key: int, article: Article) -> None:
        heapq.heappush(self._queue, _Task(1, key, article))

    def results(self, *, block: bool = True) -> list[tuple[int, Analysis | Extracted | Failure]]:
        if not self._queue or (not block and len(self._queue) < self.batch):
            return []
        tasks = [heapq.heappop(self._queue) for _ in range(min(self.batch, len(self._queue)))]
        found = _analyse(self.analyzer, [task.payload for task in tasks])  # type: ignore[misc]
        return [(task.key, _outcome(result)) for task, result in zip(tasks, found, strict=True)]


def _outcome(result: Analysis | Exception) -> Analysis | Failure:
    return Failure(f"{type(result).__name__}: {result}") if isinstance(result, Exception) else result
