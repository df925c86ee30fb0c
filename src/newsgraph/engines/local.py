"""The local engine: one process, one model, one writer; every failure recorded."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsgraph.analyze import analyze
from newsgraph.extract import ExtractError, extract
from newsgraph.records import Error
from newsgraph.sources import RawDocument, iter_documents
from newsgraph.sources.raw import now_iso
from newsgraph.store import Store


@dataclass
class IngestReport:
    seen: int = 0  # documents read (failed ones included)
    added: int = 0  # new articles stored
    duplicates: int = 0  # already in the store (same content hash)
    failed: int = 0
    errors: list[Error] = field(default_factory=list)


Listener = Callable[[str, str], None]  # (uri, outcome) after each document


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    on_document: Listener | None = None,
    stdin: object | None = None,
) -> IngestReport:
    """Ingest every document under `paths`; one bad document never stops the batch."""
    report = IngestReport()
    for item in iter_documents(paths, stdin=stdin):  # type: ignore[arg-type]
        report.seen += 1
        outcome = _one(item, store) if isinstance(item, RawDocument) else item
        if isinstance(outcome, Error):
            report.failed += 1
            report.errors.append(outcome)
            store.add_error(outcome)
            label = f"failed ({outcome.stage}): {outcome.reason}"
        elif outcome:
            report.added += 1
            label = "added"
        else:
            report.duplicates += 1
            label = "duplicate"
        if on_document:
            on_document(item.uri, label)
    return report


def _one(raw: RawDocument, store: Store) -> bool | Error:
    """True when stored, False when already there, an Error when it failed."""
    stage = "extract"
    try:
        article = extract(raw)
        if store.has_article(article.id):
            return False
        stage = "analyze"
        analysis = analyze(article)
        stage = "store"
        return store.add_analysis(analysis)
    except ExtractError as exc:
        return Error(uri=raw.uri, stage=exc.stage, reason=exc.reason, at=now_iso())
    except Exception as exc:
        return Error(uri=raw.uri, stage=stage, reason=f"{type(exc).__name__}: {exc}", at=now_iso())
