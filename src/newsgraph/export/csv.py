"""CSV: a header of the record's field names, one row per record; list fields as JSON text, None as
an empty cell (RFC 4180 quoting, UTF-8)."""

from __future__ import annotations

import csv
import json
import operator
from collections.abc import Iterable
from typing import Any, TextIO

from newsgraph.store import rows


def write(records: Iterable[Any], out: TextIO, cls: type) -> int:
    """Write the header for ``cls``, then each record; return how many records."""
    writer = csv.writer(out, lineterminator="\n")
    names = rows.columns(cls)
    lists = rows.list_columns(cls)
    writer.writerow(names)
    if not lists and len(names) > 1:
        # No list fields: the values as they are (the csv module writes None as an empty cell),
        # read in one call per record; the explorer's downloads write tens of thousands of events.
        values = operator.attrgetter(*names)
        n = 0
        for record in records:
            writer.writerow(values(record))
            n += 1
        return n
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
