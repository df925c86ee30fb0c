"""``export(query, table, fmt, out, **filters)``: pick the writer, stream the records, write atomically."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from newsgraph.export import csv as csv_export
from newsgraph.export import gdelt, gkg, jsonl, parquet, target
from newsgraph.export.target import Target
from newsgraph.frames import lookup_from
from newsgraph.query import Query, QueryError
from newsgraph.query.filters import shown
from newsgraph.store.queries import RECORDS

FORMATS = ("gdelt", "gkg", "jsonl", "parquet", "csv")


def export(
    query: Query, table: str, fmt: str, out: str | Path, *, header: bool = False, **filters: Any
) -> int:
    """Write every matching record of ``table`` to ``out`` ("-" = stdout, not for Parquet) in
    ``fmt``; return how many. Only a regular file or a new file is written (see
    `newsgraph.export.target`): through a temporary file beside it, renamed at the end, so a
    failed export never leaves half a file under the asked-for name."""
    return export_to(query, table, fmt, out, header=header, **filters)[0]


def export_to(
    query: Query, table: str, fmt: str, out: str | Path, *, header: bool = False, **filters: Any
) -> tuple[int, Target | None]:
    """`export`, also saying what was written: the Target (None for stdout)."""
    if fmt not in FORMATS:
        raise QueryError(f"--format {shown(fmt)} is not one of: {', '.join(FORMATS)}")
    if table not in RECORDS:
        raise QueryError(f"--table {shown(table)} is not one of: {', '.join(RECORDS)}")
    if fmt == "gdelt" and table != "events":
        raise QueryError("--format gdelt exports the events table only (GDELT's event table)")
    if fmt == "gkg":
        # One GKG record per article: the articles table (the default table, events, means it too).
        if table not in ("articles", "events"):
            raise QueryError("--format gkg exports articles (a GKG record per article)")
        table = "articles"
    if header and fmt not in ("gdelt", "gkg"):
        raise QueryError("--header is for --format gdelt and gkg (the other formats name their columns)")
    if str(out) == "-":
        if fmt == "parquet":
            raise QueryError("Parquet cannot go to stdout; give --out FILE.parquet")
        return _write(query, table, fmt, sys.stdout, header, filters), None
    # Validate (and resolve names) before creating anything.
    query.criteria(table, filters)
    destination = target.check(out, query.store.path)
    with target.writing(destination) as partial:
        if fmt == "parquet":
            records = query.iter_records(table, **filters)
            n = parquet.write(records, partial, RECORDS[table], table, lookup_from(query))
        else:
            with partial.open("w", encoding="utf-8", newline="") as handle:
                n = _write(query, table, fmt, handle, header, filters)
    return n, destination


def _write(query: Query, table: str, fmt: str, handle: Any, header: bool, filters: dict[str, Any]) -> int:
    if fmt == "gdelt":
        return gdelt.write(query.iter_gdelt(**filters), handle, header=header)
    if fmt == "gkg":
        return gkg.write(query.iter_gkg(**filters), handle, header=header)
    records = query.iter_records(table, **filters)
    if fmt == "jsonl":
        return jsonl.write(records, handle)
    return csv_export.write(records, handle, RECORDS[table])
