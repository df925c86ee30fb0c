"""Parquet via pyarrow: one column per record field, written in row groups as records stream in.

Schema (derived from the dataclasses of :mod:`newsgraph.records`, so it follows them):

======================  =====================  =========================================
record field type       Parquet (Arrow) type   note
======================  =====================  =========================================
``str``                 ``string``             "" where the record has nothing
``int``                 ``int64``
``int | None``          ``int64`` (nullable)   e.g. ``Event.quad_class``
``float``, ``| None``   ``double`` (nullable)  e.g. ``Event.goldstein``, ``Article.tone``
``list[str]``           ``list<string>``       e.g. ``Actor.aliases``, ``Article.paragraphs``
``list[dict]``          ``string``             JSON text, e.g. ``Article.published_candidates``
======================  =====================  =========================================

Column order is the field order. After the record's fields come the names and coordinates the
ids point at (:data:`newsgraph.frames.NAMES`), so a reader needs no second table: events get
``source_name``, ``target_name``, ``place_name``, ``place_country``, ``lat`` and ``lon`` (``double``,
null when the event has no place), quotes ``speaker_name``, mentions ``actor_name`` ("" when the id
names no stored entry). The file's metadata carries ``newsgraph.table`` and
``newsgraph.record`` so a reader knows what it holds. DuckDB (``SELECT * FROM 'events.parquet'``),
pandas (``pd.read_parquet``) and Spark read it as is.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from newsgraph.frames import Lookup, arrow_schema, joined, json_columns

ROW_GROUP = 50_000


def _pyarrow() -> Any:
    import pyarrow
    import pyarrow.parquet

    return pyarrow


def schema(cls: type, table: str = "", *, joined: bool = False) -> Any:
    """The Arrow schema of a record class (see the module docstring); ``joined`` adds the name
    and coordinate columns of ``table``. Defined in :mod:`newsgraph.frames`, where the Spark
    engine, which writes the same tables, reads it too."""
    return arrow_schema(cls, table, joined=joined)


def write(
    records: Iterable[Any], path: Path, cls: type, table: str = "", lookup: Lookup | None = None
) -> int:
    """Write records to a Parquet file, ``ROW_GROUP`` at a time; return how many. With a
    ``lookup`` (:func:`newsgraph.frames.lookup_from`), the joined names and coordinates too."""
    pa = _pyarrow()
    table_schema = schema(cls, table, joined=lookup is not None)
    names = [f.name for f in dataclasses.fields(cls)]
    as_json = json_columns(cls)
    n = 0
    with pa.parquet.ParquetWriter(str(path), table_schema) as writer:
        for chunk in _chunks(iter(records), ROW_GROUP):
            columns = {
                name: [
                    json.dumps(getattr(r, name), ensure_ascii=False) if name in as_json else getattr(r, name)
                    for r in chunk
                ]
                for name in names
            }
            if lookup is not None:
                columns.update(joined(table, [vars(r) for r in chunk], lookup))
            writer.write_table(pa.Table.from_pydict(columns, schema=table_schema))
            n += len(chunk)
        if n == 0:
            writer.write_table(table_schema.empty_table())
    return n


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(islice(items, size)):
        yield chunk
