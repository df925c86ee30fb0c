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


def _holders(name: str) -> list[list[Office]]:
    """Holders a name can stand for: the full name (or its transliteration key), else, for a single
    word, every holder with that surname."""
    from newsgraph.knowledge.names import name_key

    exact = offices(name)
    if exact:
        return [exact]
    key = name_key(name)
    one_word = len(key.split()) == 1
    return [
        rows
        for rows in _table().values()
        if name_key(rows[0].name) == key or (one_word and name_key(rows[0].name).split()[-1] == key)
    ]


def holder_on(name: str, date: str = "", roles: tuple[str, ...] = ()) -> tuple[Office, str] | None:
    """The office a name most likely means on an ISO date, and how it was decided ("dated",
    "role", "only-country"), else None.

    Used where the text gives a person no country ("Obama wants to attack ...", "President Michel
    Suleiman"): on a date, exactly one holder of the name in office then; without one (or nobody in
    office then), a full name whose table rows all lie in one country, or a bare surname whose
    title in the text ("President Obama") matches one holder's office.
    """
    holders = _holders(name)
    if not holders:
        return None
    if date:
        current = [(h, o) for h in holders for o in h if o.held_on(date[:10])]
        # Spelling variants of one person are separate rows; one country is one answer.
        if current and len({(o.country, o.code) for _, o in current}) == 1:
            return current[0][1], "dated"
    if roles:
        folded = {r.casefold().removeprefix("former ") for r in roles}
        titled = [o for h in holders for o in h if o.role in folded]
        if titled and len({(o.country, o.code) for o in titled}) == 1:
            titled.sort(key=lambda o: o.start, reverse=True)
            return titled[0], "role"
    full_name = len(name.split()) > 1
    if full_name and len(holders) == 1 and len({o.country for o in holders[0]}) == 1:
        latest = sorted(holders[0], key=lambda o: o.start, reverse=True)[0]
        return latest, "only-country"
    return None
