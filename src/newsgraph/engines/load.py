"""`newsgraph load`: merge the tables of a distributed run (`newsgraph spark`) into a store.

Documents are merged in input order (the ``seq`` of the ``documents`` table), each deciding as
the local engine does: a document whose article the store holds is a copy (linked when it came
from elsewhere), one nearly the same as a stored article is a near copy (linked), anything else is
stored with its records in one transaction; a failed document is recorded as an error. So merging
the same run twice adds nothing, and copies across the run's partitions are found here.

Needs pyarrow only: no Spark, no Java, no model.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.engines.dedup import is_copy, is_near_copy
from newsgraph.engines.report import IngestReport, Listener, Outcome, note_analysis, tally
from newsgraph.engines.tables import (
    ANALYSED,
    DOCUMENTS,
    FAILED,
    MONTH,
    RECORD_TABLES,
    assemble,
    document_error,
    record,
    signature_of,
    stub_article,
)
from newsgraph.records import Error
from newsgraph.sources.raw import now_iso
from newsgraph.store import Store

#: Documents merged per pass over the record tables: bounds the records held in memory.
CHUNK = 20_000


class LoadError(Exception):
    """The folder is not the output of `newsgraph spark`."""


def load(folder: str | Path, store: Store, *, on_document: Listener | None = None) -> IngestReport:
    """Merge the run under `folder` into `store`; the report counts as `ingest`'s does."""
    root = Path(folder)
    documents = _read(root, DOCUMENTS)
    if documents is None:
        raise LoadError(f"{root} holds no {DOCUMENTS}/ table: not the output of `newsgraph spark`")
    order = sorted(range(len(documents)), key=lambda i: documents[i]["seq"])
    report = IngestReport()
    for start in range(0, len(order), CHUNK):
        chunk = [documents[i] for i in order[start : start + CHUNK]]
        wanted = {d["article_id"] for d in chunk if d["status"] == ANALYSED}
        found = _records(root, wanted)
        for document in chunk:
            report.seen += 1
            outcome = _merge(document, found, store, report)
            tally(report, store, document["uri"], outcome, on_document)
    return report


def _merge(
    document: dict[str, Any], found: dict[str, dict[str, list[Any]]], store: Store, report: IngestReport
) -> Outcome:
    if document["status"] == FAILED:
        return document_error(document)
    stage = "dedup"
    try:
        # An exact copy shares its original's id, and so its records: it is linked by its own.
        records = found.get(document["article_id"], {}) if document["status"] == ANALYSED else {}
        articles = records.get("articles", [])
        article = articles[0] if articles else stub_article(document)
        signature = signature_of(document)
        if is_copy(article, store):
            return False
        if signature is not None and is_near_copy(article, signature, store):
            return False
        if document["status"] != ANALYSED or not articles:
            # A copy the run did not analyse, whose original the store does not hold after all.
            reason = "a copy in the Spark run whose original was not stored: ingest it locally"
            return Error(uri=document["uri"], stage="load", reason=reason, at=now_iso())
        stage = "store"
        analysis = assemble(article, records, document["notes"] or [], document["pipeline"])
        added = store.add_analysis(analysis, signature, pipeline=document["pipeline"])
        if added:
            note_analysis(report, analysis)
        return added
    except Exception as exc:
        return Error(uri=document["uri"], stage=stage, reason=f"{type(exc).__name__}: {exc}", at=now_iso())


def _records(root: Path, wanted: set[str]) -> dict[str, dict[str, list[Any]]]:
    """article id -> table -> its records, in the order they were written."""
    found: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    if not wanted:
        return found
    for table in RECORD_TABLES:
        key = "id" if table == "articles" else "article_id"
        for row in _read(root, table, key, wanted) or []:
            found[row[key]][table].append(record(table, row))
    return found


def _read(root: Path, table: str, key: str = "", wanted: set[str] | None = None) -> list[dict] | None:
    """The rows of one table (those whose `key` is in `wanted`, when given); None when the table
    was never written, [] when it was written empty (Spark writes no file for no rows)."""
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    folder = root / table
    if not folder.is_dir():
        return None
    dataset = ds.dataset(folder, format="parquet", partitioning="hive")
    if key and key not in dataset.schema.names:
        return []
    rows = dataset.to_table(filter=pc.field(key).isin(sorted(wanted)) if key and wanted else None)
    # The partition column goes; an actor's or a place's article_id stays for grouping (the
    # record drops it: it is no field of the registry entry).
    return [{k: v for k, v in row.items() if k != MONTH} for row in _iter_rows(rows)]


def _iter_rows(table: Any) -> Iterator[dict[str, Any]]:
    for batch in table.to_batches():
        yield from batch.to_pylist()
