"""The one reader of the project's own tables (``knowledge/data/*.tsv``).

Format of every table: UTF-8, tab-separated. The first line is a comment naming the columns
(``# phrase<TAB>sector<TAB>role``); the comment lines after it say what a row means and where its
facts come from; then one row per line. Lines starting with ``#`` and blank lines are skipped;
missing trailing fields read as "", fields are stripped.

``table(name)`` gives the columns and rows; ``records(name)`` rows as dicts; ``words(name)`` the
first column as a set; ``groups(name)`` a two-column table (group, word) as sets by group, for the
many small word lists a component reads (verb classes, pronouns, honorifics, ...); ``listed`` one
group in file order and ``pattern`` one group as a regex alternation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path


class TableError(ValueError):
    """A table that does not follow the format (no column line, a row wider than its columns)."""


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...] = ()  # the line number of each row, for error messages

    def where(self, i: int) -> str:
        """ "name:line" of row ``i``."""
        return f"{self.name}:{self.lines[i]}" if self.lines else self.name

    def column(self, name: str) -> tuple[str, ...]:
        i = self.index(name)
        return tuple(row[i] for row in self.rows)

    def index(self, name: str) -> int:
        try:
            return self.columns.index(name)
        except ValueError:
            known = ", ".join(self.columns)
            raise TableError(f"{self.name}: no column {name!r} (columns: {known})") from None


def parse(text: str, name: str = "<table>") -> Table:
    """A table from its text (see the module docstring for the format)."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("#") or "\t" not in lines[0]:
        raise TableError(f"{name}: the first line must be '# ' and the tab-separated column names")
    columns = tuple(c.strip() for c in lines[0].lstrip("#").split("\t"))
    width = len(columns)
    rows, numbers = [], []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) > width and any(fields[width:]):
            raise TableError(f"{name}:{number}: {len(fields)} fields, the table has {width} columns")
        rows.append(tuple((fields + [""] * width)[:width]))
        numbers.append(number)
    return Table(name, columns, tuple(rows), tuple(numbers))


@cache
def table(name: str) -> Table:
    """``data/<name>`` (the ``.tsv`` suffix may be left out)."""
    file = name if name.endswith(".tsv") else f"{name}.tsv"
    text = resources.files("newsgraph.knowledge").joinpath(f"data/{file}").read_text(encoding="utf-8")
    return parse(text, file)


def read(path: str | Path) -> Table:
    """A table in our format from a file of the user's (e.g. a trigger table of their own)."""
    return parse(Path(path).read_text(encoding="utf-8"), str(path))


def rows(name: str, width: int | None = None) -> tuple[tuple[str, ...], ...]:
    """Rows of ``data/<name>``; with ``width``, each padded with "" (or cut) to that many fields."""
    found = table(name).rows
    if width is None:
        return found
    return tuple(tuple((list(r) + [""] * width)[:width]) for r in found)


def records(name: str) -> list[dict[str, str]]:
    t = table(name)
    return [dict(zip(t.columns, r, strict=True)) for r in t.rows]


@cache
def words(name: str, column: str | None = None) -> frozenset[str]:
    """The values of one column (the first by default), case-folded."""
    t = table(name)
    return frozenset(v.casefold() for v in t.column(column or t.columns[0]) if v)


@cache
def groups(name: str, key: str | None = None, value: str | None = None) -> dict[str, frozenset[str]]:
    """A (group, word) table as {group: words}: one table holds a component's small word lists."""
    t = table(name)
    k, v = t.index(key or t.columns[0]), t.index(value or t.columns[1])
    out: dict[str, set[str]] = {}
    for row in t.rows:
        out.setdefault(row[k], set()).add(row[v])
    return {g: frozenset(ws) for g, ws in out.items()}


def group(name: str, which: str) -> frozenset[str]:
    """One group of a (group, word) table; an unknown group is an error, not an empty set."""
    found = groups(name)
    if which not in found:
        raise TableError(f"{name}: no group {which!r} (groups: {', '.join(sorted(found))})")
    return found[which]


def union(name: str, which: Iterable[str]) -> frozenset[str]:
    return frozenset().union(*(group(name, w) for w in which))


def listed(name: str, which: str) -> tuple[str, ...]:
    """One group of a (group, word) table in file order (a regex alternation tries words in order)."""
    group(name, which)  # an unknown group is an error
    return tuple(row[1] for row in table(name).rows if row[0] == which)


def pattern(name: str, which: str, *, spaces: str = r"\ ") -> str:
    """One group as a regex alternation, ``(?:w1|w2|...)``, in file order, each word escaped; the
    spaces inside a phrase match ``spaces`` (a regex: ``r"\\s+"`` for any run of white space)."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", spaces) for w in listed(name, which)) + ")"
