"""Who held which office when (``data/offices.tsv``): codes a name the text gives no title for."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from functools import cache

from newsgraph.knowledge.names import name_key
from newsgraph.knowledge.tables import rows

# Surnames too common in English-language news to stand alone for one office holder: "Johnson"
# in a story about a Texas county board is not a British prime minister. Such a bare surname is
# coded only where the article names the holder's country (see ``entities``). Folded.
COMMON_SURNAMES = frozenset({
    "abbas", "abbott", "abe", "barak", "beckett", "blair", "brown", "cameron", "carter", "castro",
    "chavez", "conte", "fischer", "fox", "gabriel", "gates", "gul", "harper", "harris", "howard",
    "hunt", "hussein", "ii", "ivanov", "johnson", "jonathan", "kan", "kerry", "khan", "may",
    "morrison", "philippe", "powell", "rice", "salman", "sanchez", "sharif", "sharon", "silva",
    "singh", "straw", "un", "yi",
    # English surnames and words of the US and Commonwealth rows added for 1995-2026.
    "barr", "bishop", "burns", "card", "carr", "cohen", "gibbs", "graham", "holder", "jones",
    "kelly", "lynch", "martin", "miller", "paul", "payne", "perry", "power", "reid", "reno",
    "ridge", "rubin", "ryan", "sanders", "smith", "snow", "summers", "walker", "wallace", "warren",
    "wong",
})  # fmt: skip


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

    def overlaps(self, first: str, last: str) -> bool:
        """Whether the office was held on some day from ``first`` to ``last`` (ISO days)."""
        return self.start <= last and (not self.end or first <= self.end)

    def held_through(self, first: str, last: str) -> bool:
        """Whether the office was held on every day from ``first`` to ``last`` (ISO days)."""
        return self.start <= first and (not self.end or last <= self.end)

    @property
    def row(self) -> str:
        """The table row, as a rule names it: "Barack Obama=president:2009-01-20..2017-01-20"."""
        return f"{self.name}={self.role}:{self.start}..{self.end}"


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
    exact = offices(name)
    if exact:
        return [exact]
    key = name_key(name)
    return holders_by_key(key, surname=len(key.split()) == 1)


_Positions = dict[str, list[int]]


@cache
def _key_index() -> tuple[list[list[Office]], _Positions, _Positions, _Positions]:
    """The holders in table order, and their positions by name key, by surname key, and by every
    tail of their name key that is not the whole name ("nieto", "pena nieto")."""
    holders = list(_table().values())
    by_name: dict[str, list[int]] = {}
    by_surname: dict[str, list[int]] = {}
    by_tail: dict[str, list[int]] = {}
    for n, held in enumerate(holders):
        key = name_key(held[0].name)
        by_name.setdefault(key, []).append(n)
        by_surname.setdefault(surname_key(held[0]), []).append(n)
        words = key.split()
        for k in range(1, len(words)):
            by_tail.setdefault(" ".join(words[k:]), []).append(n)
    return holders, by_name, by_surname, by_tail


def holders_by_key(key: str, *, surname: bool = False, tail: bool = False) -> list[list[Office]]:
    """The holders whose name key is ``key``; with ``surname``, also those whose surname key is; with
    ``tail``, also those whose name key ends with its words. In table order, each once (what a scan of
    the table would give, from indexes built once: a scan per name was a twentieth of the analysis)."""
    holders, by_name, by_surname, by_tail = _key_index()
    found = set(by_name.get(key, ()))
    if surname:
        found.update(by_surname.get(key, ()))
    if tail:
        found.update(by_tail.get(key, ()))
    return [holders[n] for n in sorted(found)]


# Countries whose leaders' names English news writes family name first ("Xi Jinping" is "Xi").
FAMILY_NAME_FIRST = {"CHN", "TWN", "KOR", "PRK", "VNM", "SGP", "HKG", "MAC"}


def surname_key(office: Office) -> str:
    """The key of the family name of an office holder: the last word, or the first for the
    countries in FAMILY_NAME_FIRST."""
    words = name_key(office.name).split()
    return words[0] if office.country in FAMILY_NAME_FIRST and len(words) > 1 else words[-1]


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


def own_country(name: str) -> str:
    """The one country every office holder a name can stand for held office in, at any date ("Obama"
    after his term is still American), else "": several countries, nobody, or a surname common in
    the news ("Johnson")."""
    if " ".join(name.split()).casefold() in COMMON_SURNAMES:
        return ""
    countries = {o.country for h in _holders(name) for o in h}
    return next(iter(countries)) if len(countries) == 1 else ""


def period(date: str, precision: str = "") -> tuple[str, str]:
    """The first and last ISO day a date stands for: "2017-07" or month precision is the whole
    month, "2017" or year precision the whole year; a day is itself. Without a precision the
    date's own length says it."""
    d = date[:10]
    if not precision:
        precision = {4: "year", 7: "month"}.get(len(d), "day")
    year = d[:4]
    if precision == "year" or len(d) < 7:
        return f"{year}-01-01", f"{year}-12-31"
    if precision == "month" or len(d) < 10:
        month = d[5:7]
        days = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{days:02d}"
    return d, d


def holder_in(
    name: str, date: str, precision: str = "", roles: tuple[str, ...] = ()
) -> tuple[Office, bool, str] | None:
    """The office a name the text gives no country for means in the period of a publication date,
    whether it was held then, and how that was decided; else None.

    - Title words in the text ("President Clinton") first narrow the holders to those who held an
      office of that name (``role``), when any did.
    - One holder left (the name is unambiguous): the office held on some day of the period
      (``dated``); else, with a title, that title's latest office, as a former one (``role``).
    - No date: a title held by exactly one namesake, its latest term (``role-undated``).
    - Several holders (one surname, several people): only a holder whose office covers the whole
      period counts, and only when exactly one does (``dated-whole-period``): a month-precision
      "Castro" in the month Fidel handed over to Raul is neither.
    Unlike ``holder_on`` this never picks among several people who share a country: the actor
    registry names the person, not only the code.
    """
    holders = _holders(name)
    folded = {r.casefold().removeprefix("former ") for r in roles}
    if folded:
        titled = [h for h in holders if any(o.role in folded for o in h)]
        holders = titled or holders
    people: dict[str, list[Office]] = {}
    for h in holders:  # spelling variants of one person are separate rows: one person, one key
        people.setdefault(name_key(h[0].name), []).extend(h)
    if not date:
        # Undated: only a title held by exactly one namesake ("President Obama"), its latest term;
        # "former" only if the text says so.
        titled_people = [held for held in people.values() if any(o.role in folded for o in held)]
        if len(titled_people) != 1:
            return None
        latest = sorted((o for o in titled_people[0] if o.role in folded), key=lambda o: o.start)[-1]
        return latest, True, "role-undated"
    first, last = period(date, precision)
    if len(people) == 1:
        (held,) = people.values()
        current = sorted((o for o in held if o.overlaps(first, last)), key=lambda o: o.start)
        if current:
            # A title in the text picks that office; else the latest one held then.
            pick = [o for o in current if o.role in folded] or current
            return pick[-1], True, "dated"
        if folded:
            titled_offices = sorted((o for o in held if o.role in folded), key=lambda o: o.start)
            before = [o for o in titled_offices if o.start <= last]
            if before:
                return before[-1], False, "role"
        return None
    whole = [(key, o) for key, held in people.items() for o in held if o.held_through(first, last)]
    if len({key for key, _ in whole}) == 1:
        return sorted((o for _, o in whole), key=lambda o: o.start)[-1], True, "dated-whole-period"
    return None
