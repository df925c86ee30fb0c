"""Records as tables for analysis: the actors' and places' names joined beside their ids, dates as
real dates with their precision beside them.

The records keep ids and codes (an event names ``source_actor_id``, not "Vladimir Putin") and
dates as ISO text of varying precision ("2017", "2017-07", "2017-07-07", "2017-W27"). A table a
person reads needs the names, and one a program filters needs dates it can compare. Pure
functions over rows and lookups; :mod:`newsgraph.api` (``.to_pandas()``) and the Parquet export
use them.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from newsgraph.records import Place

#: Joined columns per table: (id column, new column, what to read from the looked-up entry).
NAMES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "events": (
        ("source_actor_id", "source_name", "actor"),
        ("target_actor_id", "target_name", "actor"),
        ("place_id", "place_name", "place"),
        ("place_id", "place_country", "place.country"),
        ("place_id", "lat", "place.lat"),
        ("place_id", "lon", "place.lon"),
    ),
    "quotes": (("speaker_actor_id", "speaker_name", "actor"),),
    "mentions": (("actor_id", "actor_name", "actor"),),
}

#: Date columns per table, each with the column that says how precise it is ("" when none does).
DATES: dict[str, tuple[tuple[str, str], ...]] = {
    "events": (("date", "date_precision"),),
    "articles": (("published", "published_precision"), ("ingested_at", "")),
}


def _arrow_type(pa: Any, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if origin is list:
        return pa.list_(pa.string()) if args == [str] else pa.string()
    if args and origin is not None:  # X | None
        return _arrow_type(pa, args[0])
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}[hint]


def arrow_schema(cls: type, table: str = "", *, joined: bool = False) -> Any:
    """The Arrow schema of a record class's table (the Parquet export's and the Spark engine's):
    one column per field (``list[dict]`` as JSON text); ``joined`` adds the :data:`NAMES` columns
    of ``table``."""
    import pyarrow as pa

    hints = typing.get_type_hints(cls)
    fields = [pa.field(f.name, _arrow_type(pa, hints[f.name])) for f in dataclasses.fields(cls)]
    if joined:
        fields += [
            pa.field(column, pa.float64() if column in ("lat", "lon") else pa.string())
            for _, column, _ in NAMES.get(table, ())
        ]
    return pa.schema(fields, metadata={"newsgraph.table": table, "newsgraph.record": cls.__name__})


def json_columns(cls: type) -> set[str]:
    """The ``list[dict]`` fields of a record class: tables hold them as JSON text."""
    hints = typing.get_type_hints(cls)
    return {
        name
        for name, hint in hints.items()
        if typing.get_origin(hint) is list and typing.get_args(hint) != (str,)
    }


_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def as_datetime(value: str | None) -> datetime | None:
    """The start of the period an ISO value names ("2017-07" -> 2017-07-01 00:00; a week -> its
    Monday; a timestamp -> itself, made naive UTC); None when the text is no date."""
    text = (value or "").strip()
    if not text:
        return None
    week = _WEEK.match(text)
    if week:
        try:
            return datetime.combine(date.fromisocalendar(int(week[1]), int(week[2]), 1), datetime.min.time())
        except ValueError:
            return None
    if len(text) > 10:
        try:
            stamp = datetime.fromisoformat(text)
        except ValueError:
            stamp = None
        if stamp is not None:
            return stamp if stamp.tzinfo is None else _naive_utc(stamp)
    match = _DAY.match(text)
    if not match:
        return None
    try:
        return datetime(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return None


def _naive_utc(stamp: datetime) -> datetime:
    return stamp.astimezone(UTC).replace(tzinfo=None)


Lookup = Callable[[str, list[str]], Mapping[str, Any]]  # ("actor" | "place", ids) -> id -> entry


def lookup_from(query: Any) -> Lookup:
    """A :data:`Lookup` over a :class:`newsgraph.query.Query`."""

    def lookup(kind: str, ids: list[str]) -> Mapping[str, Any]:
        return query.names(ids) if kind == "actor" else query.place_records(ids)

    return lookup


def joined(table: str, rows: list[dict[str, Any]], lookup: Lookup) -> dict[str, list[Any]]:
    """The columns :data:`NAMES` adds to ``rows`` of ``table``, in that order (empty for a table
    with none). ``lookup("actor", ids)`` gives actor names, ``lookup("place", ids)`` Places."""
    out: dict[str, list[Any]] = {}
    found: dict[tuple[str, str], Mapping[str, Any]] = {}
    for id_column, column, what in NAMES.get(table, ()):
        kind, _, attribute = what.partition(".")
        key = (kind, id_column)
        if key not in found:
            found[key] = lookup(kind, sorted({r[id_column] for r in rows if r.get(id_column)}))
        entries = found[key]
        out[column] = [_value(entries.get(r.get(id_column) or ""), attribute) for r in rows]
    return out


def _value(entry: Any, attribute: str) -> Any:
    if entry is None:
        return None if attribute in ("lat", "lon") else ""
    if isinstance(entry, Place):
        return getattr(entry, attribute or "name")
    return entry  # an actor's name


def frame(table: str, rows: Iterable[dict[str, Any]], lookup: Lookup | None) -> Any:
    """A pandas DataFrame of ``rows``: each joined column right after its id column, date columns
    as ``datetime64`` (NaT where there is no date) with their precision column beside them."""
    import pandas

    rows = list(rows)
    df = pandas.DataFrame(rows)
    if lookup is not None and rows:
        extra = joined(table, rows, lookup)
        for column, values in extra.items():
            df[column] = values
        df = df[_order(list(rows[0]), table, list(extra))]
    for column, precision in DATES.get(table, ()):
        if column not in df.columns:
            continue
        df[column] = pandas.to_datetime([as_datetime(v) for v in df[column]])
        if precision in df.columns:
            values = df.pop(precision)
            df.insert(df.columns.get_loc(column) + 1, precision, values)
    return df


def _order(columns: list[str], table: str, extra: list[str]) -> list[str]:
    """The record's columns, each id column followed by the columns joined on it."""
    after: dict[str, list[str]] = {}
    for id_column, column, _ in NAMES.get(table, ()):
        if column in extra:
            after.setdefault(id_column, []).append(column)
    return [name for column in columns for name in (column, *after.get(column, []))]
