"""The local engine: read, extract, de-duplicate, analyse, store; every failure recorded.

With one worker everything runs in this process, one document after another. With more, the
analysis runs in a pool of worker processes, one model each, while this process keeps reading,
extracting, de-duplicating and writing (see `newsgraph.engines.parallel`); the stored records are
the same either way.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import numpy as np

from newsgraph import minhash, settings
from newsgraph.analyze import analyze
from newsgraph.engines.dedup import is_copy, is_near_copy, is_reread, replacement_target
from newsgraph.engines.parallel import ingest_pooled
from newsgraph.engines.pool import Analyzer
from newsgraph.engines.report import UPDATED, IngestReport, Listener, Outcome, note_analysis, tally
from newsgraph.engines.version import pipeline_version
from newsgraph.extract import BatchExtractor, ExtractError
from newsgraph.records import Error
from newsgraph.sources import RawDocument, iter_documents
from newsgraph.sources.jsonl import JsonlFields
from newsgraph.sources.raw import now_iso
from newsgraph.store import Store

__all__ = ["IngestReport", "Listener", "available_cores", "ingest"]


def available_cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    on_document: Listener | None = None,
    stdin: object | None = None,
    max_bytes: int | None = None,
    fields: JsonlFields | None = None,
    workers: int = 1,
    analyzer: Analyzer = analyze,
    in_flight: int | None = None,
    force: bool = False,
    worker_timeout: float | None = None,
) -> IngestReport:
    """Ingest every document under `paths`; one bad document never stops the batch.

    With `force`, a document read from the uri of a stored article is extracted and analysed
    again and replaces that article with its records (`Store.replace_analysis`): the way to
    apply a new extraction option or version to documents already stored, since the store keeps
    the extracted article, not the raw input. Without it, a stored document is left as it is.

    `max_bytes` caps one document (see `newsgraph.sources.raw.max_document_bytes`);
    `fields` names the JSON Lines keys. `workers` > 1 analyses in that many processes, with at
    most `in_flight` documents read and not yet written (default 8 per worker); `analyzer` must
    then be a module-level function (workers import it by name). `on_document(uri, outcome)` is
    called once per document, in input order, whatever the number of workers.
    `worker_timeout`: seconds a worker may spend on one document (default: the setting).
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    report = IngestReport()
    documents = iter_documents(
        paths,
        stdin=stdin,
        max_bytes=max_bytes,
        fields=fields,
        skipped=report.skipped,  # type: ignore[arg-type]
    )
    if workers > 1:
        ingest_pooled(
            documents,
            store,
            report,
            workers=workers,
            analyzer=analyzer,
            on_document=on_document,
            in_flight=in_flight,
            force=force,
            time_limit=worker_timeout or settings.current().worker_timeout,
        )
        return report
    extractor = BatchExtractor()  # learns each site's repeated lines as the batch goes
    for item in documents:
        report.seen += 1
        if isinstance(item, RawDocument):
            outcome = _one(item, store, extractor, analyzer, report, force=force)
        else:
            outcome = item
        tally(report, store, item.uri, outcome, on_document)
    return report


def _one(
    raw: RawDocument,
    store: Store,
    extractor: BatchExtractor,
    analyzer: Analyzer,
    report: IngestReport,
    *,
    force: bool = False,
) -> Outcome:
    """True when stored, False when already there (or a copy of what is), UPDATED when it
    replaced the stored article of its uri (`force`), an Error when it failed."""
    stage = "extract"
    try:
        article = extractor.extract(raw)
        stage = "dedup"
        if force and (target := replacement_target(article, store)) is not None:
            stage = "analyze"
            analysis = analyzer(article)
            stage = "store"
            signature = minhash.signature(article.text)
            store.replace_analysis(
                analysis, pipeline=pipeline_version(), signature=signature, replaces=target
            )
            extractor.learn(raw)
            note_analysis(report, analysis)
            return UPDATED
        if is_reread(article, store):
            extractor.learn(raw)  # as the run that stored it did
            return False
        if is_copy(article, store):
            return False
        signature: np.ndarray = minhash.signature(article.text)
        if is_near_copy(article, signature, store):
            return False
        stage = "analyze"
        analysis = analyzer(article)
        stage = "store"
        added = store.add_analysis(analysis, signature, pipeline=pipeline_version())
        if added:
            extractor.learn(raw)
            note_analysis(report, analysis)
        return added
    except ExtractError as exc:
        return Error(uri=raw.uri, stage=exc.stage, reason=exc.reason, at=now_iso())
    except Exception as exc:
        return Error(uri=raw.uri, stage=stage, reason=f"{type(exc).__name__}: {exc}", at=now_iso())
