"""Capitals and seats of government standing for their country (``data/capitals.tsv``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsgraph.knowledge.tables import rows


@dataclass(frozen=True)
class Capital:
    name: str
    country: str  # ISO 3166-1 alpha-3 / CAMEO country code
    kind: str  # capital | seat

    @property
    def code(self) -> str:
        """The actor code the name stands for: the country, or its government for a seat."""
        return self.country + ("GOV" if self.kind == "seat" else "")


@cache
def capitals() -> dict[str, Capital]:
    """Every capital and seat of our table, by case-folded name."""
    return {name.casefold(): Capital(name, country, kind) for name, country, kind in rows("capitals.tsv", 3)}


def capital(name: str) -> Capital | None:
    """The capital or seat of government a name is ("Moscow", "the Kremlin"), else None."""
    words = " ".join(name.split())
    if words.casefold().startswith("the "):
        words = words[4:]
    return capitals().get(words.casefold())
