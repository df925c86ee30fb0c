"""The record tables a distributed run writes and `newsgraph load` reads back: rows out of each
document's result, and the result back out of the rows.

One table per record kind, with the columns of `newsgraph export --format parquet` (the record's
fields, then the joined names of :data:`newsgraph.frames.NAMES`), plus:

- ``actors`` and ``places`` hold one row per article that names the entry, with that article's
  ``article_id`` after the record's fields: the store merges registry entries in input order (the
  first writer's fields win), so the loader needs each article's own copy;
- ``documents`` holds one row per input document, in input order (``seq``): its outcome (an
  analysed article, a copy of an earlier one in the same run, or an error), its MinHash signature,
  the analysis notes and the pipeline version, everything the loader needs to decide copies
  against the store as the local engine does.

Every table has a ``month`` column (the article's publication month, ``YYYY-MM``, or ``unknown``)
that the writer partitions by. Pure functions of records: no Spark here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from newsgraph.frames import NAMES, arrow_schema, joined, json_columns
from newsgraph.records import (
    Actor,
    Analysis,
    Article,
    CoMention,
    Count,
    Domain,
    Error,
    Event,
    Mention,
    Place,
    PlaceMention,
    Quote,
    ThemeMention,
    Timex,
    Tone,
    from_dict,
)

#: Record tables: name -> (record class, the Analysis attribute holding them).
RECORD_TABLES: dict[str, tuple[type, str]] = {
    "articles": (Article, "article"),
    "actors": (Actor, "actors"),
    "places": (Place, "places"),
    "mentions": (Mention, "mentions"),
    "place_mentions": (PlaceMention, "place_mentions"),
    "timexes": (Timex, "timexes"),
    "quotes": (Quote, "quotes"),
    "events": (Event, "events"),
    "tones": (Tone, "tones"),
    "theme_mentions": (ThemeMention, "themes"),
    "domains": (Domain, "domain"),
    "comentions": (CoMention, "comentions"),
    "counts": (Count, "counts"),
}
#: Registry tables: their rows carry the naming article's id as an extra column.
REGISTRY = ("actors", "places")
DOCUMENTS = "documents"
MONTH = "month"
UNKNOWN_MONTH = "unknown"

ANALYSED, COPY, FAILED = "analysed", "copy", "error"

_MONTH = re.compile(r"^(\d{4}-\d{2})")


@dataclass
class Processed:
    """What a distributed run made of one input document."""

    seq: int  # position in the input (file order, then order within the file)
    uri: str
    status: str  # ANALYSED | COPY (of an earlier article of its partition, not analysed) | FAILED
    article: Article | None = None  # with COPY: the extracted article, for linking it
    analysis: Analysis | None = None
    signature: np.ndarray | None = None
    error: Error | None = None


def month(article: Article | None) -> str:
    """The partition an article's rows go to: its publication month."""
    found = _MONTH.match(article.published) if article is not None else None
    return found[1] if found else UNKNOWN_MONTH


def table_schema(table: str) -> Any:
    """The Arrow schema of a table of the run, ``month`` last."""
    import pyarrow as pa

    if table == DOCUMENTS:
        columns = [
            ("seq", pa.int64()),
            ("uri", pa.string()),
            ("status", pa.string()),
            ("article_id", pa.string()),
            ("url", pa.string()),
            ("site", pa.string()),
            ("title", pa.string()),
            ("stage", pa.string()),
            ("reason", pa.string()),
            ("at", pa.string()),
            ("signature", pa.binary()),
            ("notes", pa.list_(pa.string())),
            ("pipeline", pa.string()),
        ]
        return pa.schema([*columns, (MONTH, pa.string())])
    cls, _ = RECORD_TABLES[table]
    schema = arrow_schema(cls, table, joined=table in NAMES)
    if table in REGISTRY:
        schema = schema.append(pa.field("article_id", pa.string()))
    return schema.append(pa.field(MONTH, pa.string()))


def rows(table: str, item: Processed, pipeline: str) -> list[tuple[Any, ...]]:
    """The rows of `table` for one document, in :func:`table_schema` order."""
    if table == DOCUMENTS:
        return [_document_row(item, pipeline)]
    analysis = item.analysis
    if analysis is None:
        return []
    cls, attribute = RECORD_TABLES[table]
    found = getattr(analysis, attribute)
    records = [found] if not isinstance(found, list) else found
    records = [r for r in records if r is not None]
    if not records:
        return []
    article_id = analysis.article.id
    if table == "domains":
        records = [Domain(**{**vars(r), "article_id": article_id}) for r in records]
    as_json = json_columns(cls)
    names = [f.name for f in fields(cls)]
    columns = [
        [json.dumps(getattr(r, n), ensure_ascii=False) if n in as_json else getattr(r, n) for r in records]
        for n in names
    ]
    if table in NAMES:
        columns += list(joined(table, [vars(r) for r in records], _lookup(analysis)).values())
    if table in REGISTRY:
        columns.append([article_id] * len(records))
    columns.append([month(analysis.article)] * len(records))
    return list(zip(*columns, strict=True))


def _document_row(item: Processed, pipeline: str) -> tuple[Any, ...]:
    article = item.analysis.article if item.analysis is not None else item.article
    error = item.error
    signature = item.signature.astype("<u8").tobytes() if item.signature is not None else None
    return (
        item.seq,
        item.uri,
        item.status,
        article.id if article else "",
        article.url if article else "",
        article.site if article else "",
        article.title if article else "",
        error.stage if error else "",
        error.reason if error else "",
        error.at if error else "",
        signature,
        list(item.analysis.notes) if item.analysis is not None else [],
        pipeline if item.analysis is not None else "",
        month(article),
    )


def _lookup(analysis: Analysis) -> Any:
    """The names the export joins, from the article's own actors and places (the store's
    registry merges them the same way, first writer first)."""
    actors = {a.id: a.name for a in analysis.actors}
    places = {p.id: p for p in analysis.places}

    def lookup(kind: str, ids: list[str]) -> dict[str, Any]:
        source: dict[str, Any] = actors if kind == "actor" else places
        return {i: source[i] for i in ids if i in source}

    return lookup


def record(table: str, row: dict[str, Any]) -> Any:
    """A record back out of a table row (joined and extra columns dropped, JSON parsed)."""
    cls, _ = RECORD_TABLES[table]
    as_json = json_columns(cls)
    values = {
        k: (json.loads(v) if k in as_json and v else ([] if k in as_json else v)) for k, v in row.items()
    }
    return from_dict(cls, values)


def assemble(article: Article, found: dict[str, list[Any]], notes: list[str], pipeline: str) -> Analysis:
    """An article's Analysis from its records of every table (each list in written order)."""
    analysis = Analysis(article=article, notes=list(notes), pipeline=pipeline)
    for table, (_, attribute) in RECORD_TABLES.items():
        if table == "articles":
            continue
        records = found.get(table, [])
        if table == "domains":
            analysis.domain = records[0] if records else None
        else:
            setattr(analysis, attribute, list(records))
    return analysis


def document_error(row: dict[str, Any]) -> Error:
    return Error(uri=row["uri"], stage=row["stage"], reason=row["reason"], at=row["at"])


def signature_of(row: dict[str, Any]) -> np.ndarray | None:
    blob = row.get("signature")
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64) if blob else None


def stub_article(row: dict[str, Any]) -> Article:
    """What a copy needs to be linked: its id, where it came from, its url, site and title."""
    return Article(
        id=row["article_id"], uri=row["uri"], text="", url=row["url"], site=row["site"], title=row["title"]
    )


def iter_tables() -> Iterator[str]:
    yield DOCUMENTS
    yield from RECORD_TABLES
