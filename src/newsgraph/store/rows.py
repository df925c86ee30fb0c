"""Record <-> row mapping: one column per dataclass field, list fields as JSON text.

Everything here derives from the dataclass fields, so a field added to a record
only needs a migration adding the column.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from functools import cache
from typing import Any, TypeVar

R = TypeVar("R")


@cache
def columns(cls: type) -> tuple[str, ...]:
    """The record's field names, which are its table's column names, in order."""
    return tuple(f.name for f in dataclasses.fields(cls))


@cache
def list_columns(cls: type) -> frozenset[str]:
    """Fields typed ``list[...]``: stored as JSON text."""
    hints = typing.get_type_hints(cls)
    return frozenset(name for name, hint in hints.items() if typing.get_origin(hint) is list)


def quoted(names: tuple[str, ...], alias: str = "") -> str:
    """A comma-separated, double-quoted column list (several names are SQL words)."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{name}"' for name in names)


@cache
def select_sql(table: str, cls: type) -> str:
    """``SELECT <record columns> FROM table AS r``, to be followed by JOIN/WHERE/ORDER.

    The alias ``r`` lets callers join link tables without ambiguous column names.
    """
    return f'SELECT {quoted(columns(cls), "r")} FROM "{table}" AS r'


@cache
def update_sql(table: str, cls: type) -> str:
    """A parameterised UPDATE of every column but ``id``, keyed by ``id`` (last parameter)."""
    names = tuple(n for n in columns(cls) if n != "id")
    sets = ", ".join(f'"{name}" = ?' for name in names)
    return f'UPDATE "{table}" SET {sets} WHERE "id" = ?'


@cache
def insert_sql(table: str, cls: type, suffix: str = "") -> str:
    """A parameterised INSERT of every record column; ``suffix`` adds an ON CONFLICT."""
    names = columns(cls)
    marks = ", ".join("?" for _ in names)
    return f'INSERT INTO "{table}" ({quoted(names)}) VALUES ({marks}) {suffix}'.rstrip()


def to_row(record: Any) -> tuple[Any, ...]:
    """The record's values in column order, lists encoded as JSON."""
    cls = type(record)
    lists = list_columns(cls)
    return tuple(
        json.dumps(value, ensure_ascii=False) if name in lists else value
        for name, value in ((n, getattr(record, n)) for n in columns(cls))
    )


def to_update_row(record: Any) -> tuple[Any, ...]:
    """Parameters for :func:`update_sql`: every column but ``id``, then ``id``."""
    row = dict(zip(columns(type(record)), to_row(record), strict=True))
    key = row.pop("id")
    return (*row.values(), key)


def from_row(cls: type[R], row: tuple[Any, ...]) -> R:
    """Build a record from a row selected with :func:`select_sql`."""
    lists = list_columns(cls)
    if not lists:
        # The columns are the fields in order: positional, without a dict per row (exports build
        # tens of thousands of records per request).
        if len(row) != len(columns(cls)):
            raise ValueError(f"{cls.__name__}: {len(row)} values for {len(columns(cls))} columns")
        return cls(*row)
    values = {
        name: json.loads(value) if name in lists else value
        for name, value in zip(columns(cls), row, strict=True)
    }
    return cls(**values)
