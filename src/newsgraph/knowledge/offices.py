"""Who held which office when (``data/offices.tsv``): codes a name the text gives no title for."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsgraph.knowledge.tables import rows


@dataclass(frozen=True)
class Office:
    name: str
    country: str
    sector: str
    role: str
    start: str  # ISO date
    end: str  # ISO date, "" = still in office
    code: str  # CAMEO code when not country + sector

    def held_on(self, date: str) -> bool:
        """Whether the office was held on an ISO date (prefix compare works for YYYY-MM-DD)."""
        return self.start[: len(date)] <= date and (not self.end or date <= self.end[: len(date)])


@cache
def _table() -> dict[str, list[Office]]:
    out: dict[str, list[Office]] = {}
    for name, country, sector, role, start, end, code in rows("offices.tsv", 7):
        out.setdefault(name.casefold(), []).append(Office(name, country, sector, role, start, end, code))
    return out


def office_holders() -> dict[str, list[Office]]:
    """Every holder's offices, keyed by the folded name."""
    return _table()


def offices(name: str) -> list[Office]:
    return list(_table().get(" ".join(name.split()).casefold(), []))
