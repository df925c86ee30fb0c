"""GDELT 2.0 mentions table export: one row per mention (coded record) of each exported real-world
event, the 16 columns in GDELT's published order, tab-separated, no header line (``--header``
writes :data:`MENTION_COLUMNS` first). Rows follow the events of the GDELT event export
(``GLOBALEVENTID`` is the same merged event's row id), so the two files join as GDELT's do.

- ``EventTimeDate``: the event's date, YYYYMMDDHHMMSS (its first day at 00:00:00; empty when
  undated). ``MentionTimeDate``: the article's publication time, else its ingest time.
- ``MentionType``: 1 (WEB: a document with a URL) when the article has a URL, else 6 (a document
  without one, GDELT's "JSTOR"-style non-web type).
- ``MentionSourceName``: the article's site; ``MentionIdentifier``: its URL, else where it was read.
- ``SentenceID``: the sentence's number in the article (1-based, as GDELT counts).
- ``Actor1CharOffset``, ``Actor2CharOffset``, ``ActionCharOffset``: where the source, target and
  evidence sentence start in the article text (-1 where there is none).
- ``InRawText``: 1 (newsgraph reads the article text as written; nothing is translated).
- ``Confidence``: the coder's confidence as a percentage (0-100).
- ``MentionDocLen``: the article's length in characters; ``MentionDocTone``: its GDELT tone.
- ``MentionDocTranslationInfo``, ``Extras``: empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO

MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
)


def write(rows: Iterable[dict[str, Any]], out: TextIO, *, header: bool = False) -> int:
    """Write rows of :meth:`newsgraph.query.Query.iter_gdelt_mentions`; return the count."""
    if header:
        out.write("\t".join(MENTION_COLUMNS) + "\n")
    n = 0
    for r in rows:
        out.write("\t".join(_clean(v) for v in row(r)) + "\n")
        n += 1
    return n


def row(r: dict[str, Any]) -> list[Any]:
    sentence = r["mention_id"].rsplit(":", 2)[-2] if r["mention_id"].count(":") >= 2 else ""
    tone = r.get("doc_tone")
    return [
        r["event_rowid"],
        _stamp(r.get("event_date") or ""),
        _stamp(r.get("published") or r.get("ingested_at") or ""),
        1 if r.get("url") else 6,
        r.get("site") or "",
        r.get("url") or r.get("uri") or "",
        int(sentence) + 1 if sentence.isdigit() else "",
        r.get("source_start", -1),
        r.get("target_start", -1),
        r["start"],
        1,
        round(100 * float(r.get("confidence") or 0)),
        r.get("doc_length") or 0,
        None if tone is None else round(float(tone), 4),
        "",
        "",
    ]


def _stamp(text: str) -> str:
    """An ISO date or time -> YYYYMMDDHHMMSS ("" when it is no day: a week, month or year is its
    first day)."""
    text = text.strip()
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = datetime.fromisoformat((text + "-01-01")[:10]) if len(text) in (4, 7) else None
        except ValueError:
            return ""
        if moment is None:
            return ""
    if moment.tzinfo is not None:
        from datetime import UTC

        moment = moment.astimezone(UTC)
    return moment.strftime("%Y%m%d%H%M%S")


def _clean(value: Any) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")
