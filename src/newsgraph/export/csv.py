"""CSV: a header of the record's field names, one row per record; list fields as JSON text, None as
an empty cell (RFC 4180 quoting, UTF-8)."""

from __future__ import annotations

import csv
import json
import operator
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from newsgraph.store import rows


def write(records: Iterable[Any], out: TextIO, cls: type) -> int:
    """Write the header for ``cls``, then each record; return how many records."""
    names = rows.columns(cls)
    lists = rows.list_columns(cls)
    if not lists and len(names) > 1:
        # No list fields: each record's values as they are, read in one call per record.
        return write_rows(map(operator.attrgetter(*names), records), out, cls)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    n = 0
    for record in records:
        writer.writerow(
            [
                json.dumps(value, ensure_ascii=False) if name in lists else ("" if value is None else value)
                for name, value in ((name, getattr(record, name)) for name in names)
            ]
        )
        n += 1
    return n


def write_rows(values: Iterable[Sequence[Any]], out: TextIO, cls: type, *, header: bool = True) -> int:
    """Rows of the values of ``cls``'s fields in order, as :func:`write` writes its records (the
    csv module writes None as an empty cell), for records without list fields; the header unless
    ``header`` is false. Returns how many rows."""
    if rows.list_columns(cls):
        raise ValueError(f"{cls.__name__} has list fields: write its records with write()")
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(rows.columns(cls))
    if isinstance(values, list):
        writer.writerows(values)  # a batch: one call
        return len(values)
    n = 0
    for row in values:
        writer.writerow(row)
        n += 1
    return n
