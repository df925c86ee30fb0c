"""The time-word table (knowledge/data/time_words.tsv) and the regex pieces built from it."""

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


_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_regex() -> str:
    """Digits, number words, "twenty-five", and vague quantities ("several", "a few")."""
    units = "(?:one|two|three|four|five|six|seven|eight|nine)"
    compound = f"(?:{'|'.join(_TENS)})[-\\s]{units}"
    return rf"(?:\d+(?:\.\d+)?|\d+\s+\d/\d|{compound}|{alternation('number')})"


def parse_number(text: str) -> float | str | None:
    """A number phrase as a number, "X" for vague quantities, None if not a number."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    m = re.fullmatch(r"(\d+) (\d)/(\d)", t)
    if m:
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return float(t) if "." in t else int(t)
    m = re.fullmatch(r"([a-z]+)[- ]([a-z]+)", t)
    if m and m.group(1) in _TENS:
        tens = words()["number"].get(m.group(1))
        ones = words()["number"].get(m.group(2))
        if tens and ones and ones != "X":
            return int(tens) + int(ones)
    value = words()["number"].get(t)
    if value is None:
        return None
    if value == "X":
        return "X"
    return float(value) if "." in value else int(value)
