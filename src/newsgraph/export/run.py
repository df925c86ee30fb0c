"""``export(query, table, fmt, out, **filters)``: pick the writer, stream the records, write atomically."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from newsgraph.export import csv as csv_export
from newsgraph.export import gdelt, gdelt_mentions, gkg, jsonl, parquet, target
from newsgraph.export.target import Target
from newsgraph.frames import lookup_from
from newsgraph.query import Query, QueryError
from newsgraph.query.filters import shown
from newsgraph.records import MergedEvent
from newsgraph.store.queries import RECORDS

FORMATS = ("gdelt", "gdelt-mentions", "gkg", "jsonl", "parquet", "csv")


def export(
    query: Query,
    table: str,
    fmt: str,
    out: str | Path,
    *,
    header: bool = False,
    summary: gdelt.Summary | None = None,
    **filters: Any,
) -> int:
    """Write every matching record of ``table`` to ``out`` ("-" = stdout, not for Parquet) in
    ``fmt``; return how many. Only a regular file or a new file is written (see
    `newsgraph.export.target`): through a temporary file beside it, renamed at the end, so a
    failed export never leaves half a file under the asked-for name. A GDELT export to a file also
    writes its dates file (``gdelt_dates_path``); ``summary`` receives what it left out."""
    return export_to(query, table, fmt, out, header=header, summary=summary, **filters)[0]


def export_to(
    query: Query,
    table: str,
    fmt: str,
    out: str | Path,
    *,
    header: bool = False,
    summary: gdelt.Summary | None = None,
    **filters: Any,
) -> tuple[int, Target | None]:
    """`export`, also saying what was written: the Target (None for stdout)."""
    table = _checked(table, fmt, header, filters)
    if str(out) == "-":
        if fmt == "parquet":
            raise QueryError("Parquet cannot go to stdout; give --out FILE.parquet")
        return _write(query, table, fmt, sys.stdout, header, filters, summary=summary), None
    # Validate (and resolve names) before creating anything.
    query.criteria(table, filters)
    destination = target.check(out, query.store.path)
    dates = target.check(gdelt_dates_path(destination.path), query.store.path) if fmt == "gdelt" else None
    with target.writing(destination) as partial:
        if fmt == "parquet":
            records = query.iter_records(table, **filters)
            cls = _record_class(query, table, filters)
            n = parquet.write(records, partial, cls, table, lookup_from(query))
        elif dates is not None:
            with (
                target.writing(dates) as dates_partial,
                partial.open("w", encoding="utf-8", newline="") as handle,
                dates_partial.open("w", encoding="utf-8", newline="") as dates_handle,
            ):
                n = _write(query, table, fmt, handle, header, filters, dates_handle, summary)
        else:
            with partial.open("w", encoding="utf-8", newline="") as handle:
                n = _write(query, table, fmt, handle, header, filters)
    return n, destination


def _checked(table: str, fmt: str, header: bool, filters: dict[str, Any]) -> str:
    """The table to export (gkg means articles), or a QueryError for a combination that makes none."""
    if fmt not in FORMATS:
        raise QueryError(f"--format {shown(fmt)} is not one of: {', '.join(FORMATS)}")
    if table not in RECORDS:
        raise QueryError(f"--table {shown(table)} is not one of: {', '.join(RECORDS)}")
    if fmt == "gdelt" and table != "events":
        raise QueryError("--format gdelt exports the events table only (GDELT's event table)")
    if fmt == "gdelt-mentions" and (table != "events" or filters.get("mentions")):
        raise QueryError("--format gdelt-mentions exports the mentions of events (GDELT's mentions table)")
    if fmt == "gkg":
        # One GKG record per article: the articles table (the default table, events, means it too).
        if table not in ("articles", "events"):
            raise QueryError("--format gkg exports articles (a GKG record per article)")
        table = "articles"
    if header and fmt not in ("gdelt", "gdelt-mentions", "gkg"):
        raise QueryError("--header is for --format gdelt and gkg (the other formats name their columns)")
    return table


def gdelt_dates_path(path: Path) -> Path:
    """Where a GDELT export's dates file goes: ``events.tsv`` -> ``events.dates.tsv``."""
    return path.with_name(path.name.rsplit(".", 1)[0] + ".dates.tsv")


def _write(
    query: Query,
    table: str,
    fmt: str,
    handle: Any,
    header: bool,
    filters: dict[str, Any],
    dates: Any = None,
    summary: gdelt.Summary | None = None,
) -> int:
    if fmt == "gdelt":
        rows = query.iter_gdelt(**filters)
        return gdelt.write(rows, handle, header=header, dates=dates, summary=summary)
    if fmt == "gdelt-mentions":
        return gdelt_mentions.write(query.iter_gdelt_mentions(**filters), handle, header=header)
    if fmt == "gkg":
        return gkg.write(query.iter_gkg(**filters), handle, header=header)
    records = query.iter_records(table, **filters)
    if fmt == "jsonl":
        return jsonl.write(records, handle)
    return csv_export.write(records, handle, _record_class(query, table, filters))


def _record_class(query: Query, table: str, filters: dict[str, Any]) -> type:
    """The records a table streams: real-world events (``MergedEvent``) unless ``mentions``."""
    if table == "events" and not query.criteria(table, filters).mentions:
        return MergedEvent
    return RECORDS[table]
