"""Demonyms and nationality adjectives ("Russian", "Americans", "US") -> ISO alpha-3."""

from __future__ import annotations

from functools import cache

from newsgraph.knowledge.tables import rows


@cache
def _table() -> dict[str, str]:
    return {name.casefold(): code for name, code, _ in rows("demonyms.tsv", 3)}


def demonym_code(word: str) -> str | None:
    """The country a demonym points at, else None; a plural noun ("Americans") is tried singular.

    Case matters for the short attributive forms: "us" the pronoun is not "US".
    """
    raw = " ".join(word.split()).strip(" ,'’")
    key = raw.strip(".")
    if not key:
        return None
    if key.islower() and len(key) <= 3:
        return None
    table = _table()
    plurals = (key[:-1] if key.endswith("s") else "", key[:-2] if key.endswith("es") else "")
    for candidate in (raw, key, *plurals):
        if candidate and candidate.casefold() in table:
            return table[candidate.casefold()]
    return None
