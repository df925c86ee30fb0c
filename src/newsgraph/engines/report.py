"""What an ingest did, tallied the same way by every engine."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from newsgraph.engines.memory import Trim
from newsgraph.records import Analysis, Error
from newsgraph.store import Store

Listener = Callable[[str, str], None]  # (uri, outcome) after each document

#: The main process's heap over a batch: a long batch gives freed memory back as it goes.
_HEAP = Trim()

#: The outcome of a stored article that replaced the stored one (`ingest --force`, `reanalyze`).
UPDATED = "updated"
#: A finished document: True stored, False a copy or already there, UPDATED, or an Error.
Outcome = bool | str | Error


@dataclass
class IngestReport:
    """What a batch did. ``complete``: every document stored, nothing failed in any of them."""

    seen: int = 0  # documents read (failed ones included)
    added: int = 0  # new articles stored
    duplicates: int = 0  # already stored, or a copy (exact or near) of a stored article
    failed: int = 0
    updated: int = 0  # stored articles extracted and analysed again (--force)
    # Stored articles part of whose analysis failed (a component raised or ran out of time, the
    # text was cut to the size bound); their errors are in `errors` and in the store.
    partial: int = 0
    # The first `LISTED` errors, for the summary; every one is in the store. A batch of a
    # hundred thousand broken inputs must not hold all their errors in memory to the end.
    errors: list[Error] = field(default_factory=list)
    unlisted: int = 0  # errors past the first `LISTED`: counted, recorded in the store, not held
    # Records a container held that are not articles (WARC requests, images, 404s), by reason.
    skipped: Counter[str] = field(default_factory=Counter)
    # Articles stored without analysis because they are not in English, by language code.
    not_english: Counter[str] = field(default_factory=Counter)

    #: How many errors a report holds for its summary.
    LISTED = 100

    @property
    def complete(self) -> bool:
        return not self.failed and not self.partial

    def note_error(self, error: Error) -> None:
        """Keep `error` for the summary while fewer than `LISTED` are held, else count it."""
        if len(self.errors) < self.LISTED:
            self.errors.append(error)
        else:
            self.unlisted += 1


def note_analysis(report: IngestReport, analysis: Analysis) -> None:
    """Count a stored article the English pipeline left unanalysed for its language, and one
    part of whose analysis failed (the store has recorded those errors with it)."""
    if analysis.errors:
        report.partial += 1
        for error in analysis.errors:
            report.note_error(error)
    language = analysis.article.language
    found = (analysis.mentions, analysis.events, analysis.quotes, analysis.timexes, analysis.places)
    if language and not language.startswith("en") and not any(found):
        report.not_english[language] += 1


def unlisted_line(report: IngestReport) -> str:
    """The line that says how many errors the summary does not list, or ""."""
    n = report.unlisted
    if not n:
        return ""
    noun = "error" if n == 1 else "errors"
    return (
        f"  ... and {n} more {noun}, not listed here: every error is recorded in the store "
        "(`newsgraph stats` shows the latest; the web UI's /errors page lists them all)"
    )


def not_english_line(counts: Counter[str]) -> str:
    """``2 articles stored without analysis: not English (1 de, 1 ru); only English is analysed``."""
    n = sum(counts.values())
    languages = ", ".join(f"{k} {lang}" for lang, k in counts.most_common())
    noun = "article" if n == 1 else "articles"
    return f"{n} {noun} stored without analysis: not English ({languages}); only English text is analysed"


def tally(
    report: IngestReport, store: Store, uri: str, outcome: Outcome, on_document: Listener | None
) -> None:
    """Count one finished document (True: stored, False: a copy or already there, UPDATED: stored
    again in place, Error: failed), record a failure in the store, and tell the listener."""
    if isinstance(outcome, Error):
        report.failed += 1
        report.note_error(outcome)
        store.add_error(outcome)
        label = f"failed ({outcome.stage}): {outcome.reason}"
    elif outcome == UPDATED:
        report.updated += 1
        label = UPDATED
    elif outcome:
        report.added += 1
        label = "added"
    else:
        report.duplicates += 1
        label = "duplicate"
    _HEAP.tick()
    if on_document:
        on_document(uri, label)
