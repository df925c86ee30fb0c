"""What an ingest did, tallied the same way by every engine."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from newsgraph.records import Error
from newsgraph.store import Store

Listener = Callable[[str, str], None]  # (uri, outcome) after each document


@dataclass
class IngestReport:
    seen: int = 0  # documents read (failed ones included)
    added: int = 0  # new articles stored
    duplicates: int = 0  # already stored, or a copy (exact or near) of a stored article
    failed: int = 0
    errors: list[Error] = field(default_factory=list)
    # Records a container held that are not articles (WARC requests, images, 404s), by reason.
    skipped: Counter[str] = field(default_factory=Counter)


def tally(
    report: IngestReport, store: Store, uri: str, outcome: bool | Error, on_document: Listener | None
) -> None:
    """Count one finished document (True: stored, False: a copy or already there, Error: failed),
    record a failure in the store, and tell the listener."""
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
        on_document(uri, label)
