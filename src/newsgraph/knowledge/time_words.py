"""The time-word table (``data/time_words.tsv``): month and weekday names, number words, units,
seasons, parts of the day, clock words, reference words and set words, with their values.

The one place month names come from: the time-expression finder (``analyze.timexes``), the
publication-date reasoning (``extract.pubdate``), the dateline parser (``extract.dateline``) and
the scrape cleaner (``extract.textscrape``) all build their month patterns here.
"""

from __future__ import annotations

import re
from functools import cache

from newsgraph.knowledge import tables


@cache
def words() -> dict[str, dict[str, str]]:
    """{kind: {word: value}} from the TSV (a word may have several kinds: "second")."""
    table: dict[str, dict[str, str]] = {}
    for word, kind, value in tables.rows("time_words.tsv", 3):
        table.setdefault(kind, {})[word] = value
    return table


def alternation(kind: str, *, abbrev_dot: bool = False) -> str:
    """A regex alternation of the table's words of one kind, longest first (so "sept" beats "sep")."""
    table = words()[kind]
    items = sorted(table, key=len, reverse=True)
    parts = []
    for w in items:
        part = re.escape(w).replace(r"\ ", r"\s+")
        # An abbreviation is a word whose value a longer word of the same kind also has ("sept").
        if abbrev_dot and any(len(o) > len(w) and table[o] == table[w] for o in table):
            part += r"\.?"
        parts.append(part)
    return "(?:" + "|".join(parts) + ")"


def lookup(kind: str, text: str) -> str | None:
    key = re.sub(r"\s+", " ", text.lower()).rstrip(".")
    return words()[kind].get(key)


def month_number(name: str) -> int | None:
    """1-12 for a month name or abbreviation in any case ("Sept.", "MARCH"), else None."""
    value = lookup("month", name)
    return int(value) if value else None


@cache
def month_names(case: str = "any") -> str:
    """A regex alternation of the month names and abbreviations, longest first, without a dot.

    ``case``: "any" (for a pattern compiled with IGNORECASE); "written", as a name is written,
    capitalised or in capitals ("March", "MARCH", never "march": "march 5 km" is not a date);
    "title", capitalised only."""
    names = sorted(words()["month"], key=len, reverse=True)
    if case == "title":
        names = [n.capitalize() for n in names]
    elif case == "written":
        names = [n.capitalize() for n in names] + [n.upper() for n in names]
    return "(?:" + "|".join(re.escape(n) for n in names) + ")"


@cache
def numerals(low: int, high: int, step: int = 1) -> tuple[str, ...]:
    """The one-word spelt-out numbers from ``low`` to ``high`` (every ``step``), in value order:
    ``numerals(1, 9)`` is ("one", ..., "nine") (the articles "a" and "an" count one, but are no
    numerals)."""
    values = {w: int(v) for w, v in words()["number"].items() if v.isdigit() and w.isalpha() and len(w) > 2}
    wanted = set(range(low, high + 1, step))
    return tuple(sorted((w for w, v in values.items() if v in wanted), key=lambda w: values[w]))


@cache
def ordinals(high: int) -> tuple[str, ...]:
    """The ordinals up to ``high``, words then figures as the table lists them: ``ordinals(2)`` is
    ("first", "second", "1st", "2nd")."""
    return tuple(w for w, v in words()["ordinal"].items() if int(v) <= high)
