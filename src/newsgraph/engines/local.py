"""The local engine: one process, one model, one writer; every failure recorded."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from newsgraph import minhash
from newsgraph.analyze import analyze
from newsgraph.extract import BatchExtractor, ExtractError
from newsgraph.records import Article, Duplicate, Error
from newsgraph.sources import RawDocument, iter_documents
from newsgraph.sources.jsonl import JsonlFields
from newsgraph.sources.raw import now_iso
from newsgraph.store import Store


@dataclass
class IngestReport:
    seen: int = 0  # documents read (failed ones included)
    added: int = 0  # new articles stored
    duplicates: int = 0  # already stored, or a copy (exact or near) of a stored article
    failed: int = 0
    errors: list[Error] = field(default_factory=list)
    # Records a container held that are not articles (WARC requests, images, 404s), by reason.
    skipped: Counter[str] = field(default_factory=Counter)


Listener = Callable[[str, str], None]  # (uri, outcome) after each document


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    on_document: Listener | None = None,
    stdin: object | None = None,
    max_bytes: int | None = None,
    fields: JsonlFields | None = None,
) -> IngestReport:
    """Ingest every document under `paths`; one bad document never stops the batch.

    `max_bytes` caps one document (see `newsgraph.sources.raw.max_document_bytes`);
    `fields` names the JSON Lines keys.
    """
    report = IngestReport()
    extractor = BatchExtractor()  # learns each site's repeated lines as the batch goes
    documents = iter_documents(
        paths,
        stdin=stdin,
        max_bytes=max_bytes,
        fields=fields,
        skipped=report.skipped,  # type: ignore[arg-type]
    )
    for item in documents:
        report.seen += 1
        outcome = _one(item, store, extractor) if isinstance(item, RawDocument) else item
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


def _is_copy(article: Article, store: Store) -> bool:
    """Same normalised body as a stored article: a re-run (same uri) or a copy to link."""
    stored = store.article(article.id) if store.has_article(article.id) else None
    if stored is None:
        return False
    if stored.uri != article.uri:
        store.add_duplicate(_duplicate(article, stored.id, "exact", 1.0))
    return True


def _is_near_copy(article: Article, signature: np.ndarray, store: Store) -> bool:
    """A syndicated copy (a changed byline, a trimmed paragraph) of a stored article."""
    hit = store.near_duplicate(signature)
    if hit is None:
        return False
    store.add_duplicate(_duplicate(article, hit[0], "near", round(hit[1], 4)))
    return True


def _duplicate(article: Article, first_id: str, kind: str, similarity: float) -> Duplicate:
    return Duplicate(
        uri=article.uri,
        article_id=first_id,
        kind=kind,
        similarity=similarity,
        url=article.url,
        site=article.site,
        title=article.title,
    )


def _one(raw: RawDocument, store: Store, extractor: BatchExtractor) -> bool | Error:
    """True when stored, False when already there (or a copy of what is), an Error when it failed."""
    stage = "extract"
    try:
        article = extractor.extract(raw)
        stage = "dedup"
        if _is_copy(article, store):
            return False
        signature = minhash.signature(article.text)
        if _is_near_copy(article, signature, store):
            return False
        stage = "analyze"
        analysis = analyze(article)
        stage = "store"
        added = store.add_analysis(analysis, signature)
        if added:
            extractor.learn(raw)
        return added
    except ExtractError as exc:
        return Error(uri=raw.uri, stage=exc.stage, reason=exc.reason, at=now_iso())
    except Exception as exc:
        return Error(uri=raw.uri, stage=stage, reason=f"{type(exc).__name__}: {exc}", at=now_iso())
