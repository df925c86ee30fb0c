"""Downloads of the explorer's current filter: CSV, JSON Lines and GDELT TSV, streamed.

The export writers of :mod:`newsgraph.export` write batches of records (for CSV, of their rows of
values: no record object per event) into a buffer that is sent as
it fills, so memory stays flat however many events match; the time limit restarts with each batch,
so a long download is not cut, but a stalled query still is.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from newsgraph.export import csv as csv_export
from newsgraph.export import gdelt, jsonl
from newsgraph.query import Query
from newsgraph.store.db import Deadline
from newsgraph.web.stores import Stores

#: URL suffix -> (media type, file name).
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "events.csv"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "events.jsonl"),
    "tsv": ("text/tab-separated-values; charset=utf-8", "events-gdelt.tsv"),
}
BATCH = 2000


def stream(stores: Stores, fmt: str, filters: dict[str, Any]) -> Iterator[str]:
    with stores.streaming() as (q, deadline):
        if fmt == "csv":
            yield from _csv(q, filters, deadline)
            return
        rows: Iterable[Any] = q.iter_gdelt(**filters) if fmt == "tsv" else q.iter_records("events", **filters)
        first = True
        for batch in _batches(rows):
            yield _write(fmt, batch, first)
            first = False
            deadline.restart()


def _csv(q: Query, filters: dict[str, Any], deadline: Deadline) -> Iterator[str]:
    """The CSV of the events, written from their rows of values: no record object per event."""
    cls, rows = q.iter_event_rows(**filters)
    first = True
    for batch in _batches(rows):
        yield _write_rows(batch, cls, first)
        first = False
        deadline.restart()
    if first:
        yield _write_rows([], cls, True)  # the header alone: nothing matched


def _write_rows(batch: list[Any], cls: type, header: bool) -> str:
    buffer = io.StringIO()
    csv_export.write_rows(batch, buffer, cls, header=header)
    return buffer.getvalue()


def _batches(rows: Iterable[Any]) -> Iterator[list[Any]]:
    it = iter(rows)
    while batch := list(itertools.islice(it, BATCH)):
        yield batch


def _write(fmt: str, batch: list[Any], first: bool) -> str:
    buffer = io.StringIO()
    if fmt == "tsv":
        gdelt.write(batch, buffer, header=first)
        return buffer.getvalue()
    jsonl.write(batch, buffer)
    return buffer.getvalue()
