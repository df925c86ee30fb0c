"""Re-analysis: run the analysis again over stored articles and replace their records in place.

What it redoes, and what it cannot: the store keeps each article as extracted (text, title, date,
site ...), not the raw document it came from, so re-analysis runs today's pipeline over the stored
article. Extraction is redone only from the inputs: `newsgraph ingest --force PATH...`
(`newsgraph.engines.local.ingest(..., force=True)`).

Each article is replaced in its own transaction (`Store.replace_analysis`), in ingest order, so
an interrupted run keeps what it finished, and the registry entries come out as an ingest in that
order writes them. Replacing is idempotent: the same pipeline over the same article writes the
same rows. An article whose analysis fails keeps its old records, and the failure is recorded.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from newsgraph import settings
from newsgraph.analyze import analyze
from newsgraph.engines.pool import WORKER_BATCH, AnalysisPool, Analyzer, Failure
from newsgraph.engines.report import UPDATED, IngestReport, Listener, Outcome, note_analysis, tally
from newsgraph.engines.version import pipeline_version
from newsgraph.records import Analysis, Article, Error
from newsgraph.sources.raw import now_iso
from newsgraph.store import Store

#: Articles read and not yet written, per worker (as the ingest pool's window).
WINDOW_PER_WORKER = 2 * WORKER_BATCH


def outdated(
    store: Store, article_ids: Sequence[str] | None = None, *, everything: bool = False
) -> list[str]:
    """The ids to re-analyse, in ingest order: those of ``article_ids`` (default: every stored
    article) not analysed by this pipeline version, or all of them with ``everything``."""
    versions = store.article_pipelines()
    wanted = None if article_ids is None else set(article_ids)
    ids = [i for i in versions if wanted is None or i in wanted]
    if everything:
        return ids
    current = pipeline_version()
    return [i for i in ids if versions[i] != current]


def reanalyze(
    store: Store,
    article_ids: Sequence[str],
    *,
    workers: int = 1,
    analyzer: Analyzer = analyze,
    on_document: Listener | None = None,
    in_flight: int | None = None,
) -> IngestReport:
    """Analyse the stored articles ``article_ids`` again and replace their records, in this order.

    ``workers`` > 1 analyses in a pool of processes (``analyzer`` must then be a module-level
    function); writing stays here, in order. ``on_document(uri, outcome)`` follows each article.
    The report counts them as ``seen``, ``updated`` and ``failed``."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    report = IngestReport()
    articles = _articles(store, article_ids)
    if workers == 1:
        for article in articles:
            try:
                result: Analysis | Failure = analyzer(article)
            except Exception as exc:
                result = Failure(f"{type(exc).__name__}: {exc}")
            _write(store, report, article, result, on_document)
        return report
    limit = in_flight or WINDOW_PER_WORKER * workers
    with AnalysisPool(workers, analyzer, time_limit=settings.current().worker_timeout) as pool:
        sent: dict[int, Article] = {}
        done: dict[int, Analysis | Failure] = {}
        written = 0
        for key, article in enumerate(articles):
            sent[key] = article
            pool.submit(key, article)
            while len(sent) >= limit:
                written = _drain(store, report, pool, sent, done, written, on_document)
        while sent:
            written = _drain(store, report, pool, sent, done, written, on_document)
    return report


def _articles(store: Store, article_ids: Sequence[str]) -> Iterator[Article]:
    """The stored articles, read one at a time (an id deleted meanwhile is passed over)."""
    for article_id in article_ids:
        article = store.article(article_id)
        if article is not None:
            yield article


def _drain(
    store: Store,
    report: IngestReport,
    pool: AnalysisPool,
    sent: dict[int, Article],
    done: dict[int, Analysis | Failure],
    written: int,
    on_document: Listener | None,
) -> int:
    """Wait for finished analyses and write those next in order; return the next key to write."""
    done.update(pool.results(block=True))
    while written in done:
        _write(store, report, sent.pop(written), done.pop(written), on_document)
        written += 1
    return written


def _write(
    store: Store,
    report: IngestReport,
    article: Article,
    result: Analysis | Failure,
    on_document: Listener | None,
) -> None:
    report.seen += 1
    outcome: Outcome
    if isinstance(result, Failure):
        outcome = Error(uri=article.uri, stage="analyze", reason=result.reason, at=now_iso())
    else:
        try:
            store.replace_analysis(result, pipeline=pipeline_version())
            note_analysis(report, result)
            outcome = UPDATED
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"
            outcome = Error(uri=article.uri, stage="store", reason=reason, at=now_iso())
    tally(report, store, article.uri, outcome, on_document)
