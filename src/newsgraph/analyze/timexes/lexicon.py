"""The regex pieces the time-expression rules build from the time-word table (``knowledge.time_words``)."""

from __future__ import annotations

import re

from newsgraph.knowledge.time_words import alternation, lookup, numerals, ordinals, words

__all__ = ["alternation", "lookup", "number_regex", "numerals", "ordinals", "parse_number", "words"]


_TENS = numerals(20, 90, 10)


def number_regex() -> str:
    """Digits, number words, "twenty-five", and vague quantities ("several", "a few")."""
    units = f"(?:{'|'.join(numerals(1, 9))})"
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
