"""JSON Lines: one record per line, the fields of :mod:`newsgraph.records` (lists as JSON arrays)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from newsgraph.records import to_dict


def write(records: Iterable[Any], out: TextIO) -> int:
    """Write each record as one JSON object per line; return how many."""
    n = 0
    for record in records:
        out.write(json.dumps(to_dict(record), ensure_ascii=False))
        out.write("\n")
        n += 1
    return n
