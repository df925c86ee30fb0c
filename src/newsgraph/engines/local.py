"""The local engine: read, extract, de-duplicate, analyse, store; every failure recorded.

With one worker everything runs in this process; with more, the analysis and the extraction of
HTML pages run in a pool of worker processes, one model each, while this process keeps reading,
de-duplicating (extracting plain-text scrapes, which learn in input order) and writing. Either
way the model takes a few articles at a time (`newsgraph.analyze.analyze_batch`) and the store
is written in input order, so the stored records are those of analysing and storing one document
after another (see `newsgraph.engines.parallel`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from newsgraph import settings
from newsgraph.analyze import analyze
from newsgraph.engines.parallel import ingest_pooled
from newsgraph.engines.pool import Analyzer
from newsgraph.engines.report import IngestReport, Listener
from newsgraph.sources import iter_documents
from newsgraph.sources.jsonl import JsonlFields
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
    `fields` names the JSON Lines keys. `workers` > 1 analyses in that many processes (`analyzer`
    must then be a module-level function: workers import it by name); at most `in_flight`
    documents are read and not yet written (default 16 per worker). `on_document(uri, outcome)` is
    called once per document, in input order, whatever the number of workers.
    `worker_timeout`: seconds a worker may spend on one batch (default: the setting).
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
