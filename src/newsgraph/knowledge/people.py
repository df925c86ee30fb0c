"""People with dated roles -> CAMEO codes for a date: ``person(name, date)``.

Two tables: ``data/offices.tsv`` (ours: who held which office, with the role, up to today) and
``data/people.tsv`` (derived from the Phoenix actors dictionaries, MIT, see
``knowledge/derive/phoenix.py``: some 17,000 people with code ranges from 1990 on).

A code is given for a date only when one of the person's terms covers it; a Phoenix range with an
open end counts only up to the day its source was last updated (``AS_OF``), since the dictionary
cannot say who is still in office after that. Without a date no office is used: ``person`` gives
the person's country when every code of theirs agrees on it, else nothing. Honorifics and titles
("Mr", "President", "Russian Foreign Minister") are stripped from the name, never coded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pycountry

from newsgraph.knowledge.names import name_key
from newsgraph.knowledge.offices import FAMILY_NAME_FIRST, office_holders, period
from newsgraph.knowledge.tables import rows, table, words

# The latest date in each Phoenix actors file (computed by knowledge/derive/phoenix.py:as_of and
# checked against the files by tests/knowledge/test_actor_derivation.py).
AS_OF = {"countries": "2015-02-17", "international": "2012-08-31", "milnonstate": "2004-03-22"}


@dataclass(frozen=True)
class Term:
    code: str
    start: str = ""  # ISO date, "" = from the start of the record
    end: str = ""  # ISO date, "" = open
    role: str = ""  # "president" (offices.tsv); "" where the source does not say
    source: str = ""
    until: str = ""  # for an open end: the last day the source knows of ("" = still held)

    def covers(self, first: str, last: str = "") -> bool:
        """Whether the term was held on some day from ``first`` to ``last`` (ISO days)."""
        end = self.end or self.until
        return (not self.start or self.start <= (last or first)) and (not end or first <= end)


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    terms: tuple[Term, ...]  # dated code ranges
    defaults: tuple[Term, ...]  # codes outside every range (mostly ELI)
    source: str

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in (*self.terms, *self.defaults))

    @property
    def country(self) -> str:
        """The country every code agrees on, else ""."""
        return stable_country(self.codes)


@dataclass(frozen=True)
class PersonMatch:
    name: str  # the person's name in the table
    code: str
    how: str  # term (a dated term covers the date) | default (the code outside the terms) | country
    matched: str  # name | surname: how the text's name found the person
    start: str = ""
    end: str = ""
    role: str = ""
    source: str = ""

    @property
    def rule(self) -> str:
        span = f"[{self.start or '…'}..{self.end or '…'}]" if self.how == "term" else f"[{self.how}]"
        return f"person:{self.name}={self.code}{span}@{self.source}"


@cache
def cameo_prefixes() -> dict[str, str]:
    """Non-ISO first three letters of CAMEO actor codes -> kind (country, region, international, ...)."""
    return {code: kind for code, kind, _ in rows("cameo_actor_prefixes.tsv", 3)}


@cache
def is_country_code(code: str) -> bool:
    """An ISO alpha-3 code or a CAMEO code of a former or unrecognised state."""
    if len(code) != 3:
        return False
    return cameo_prefixes().get(code) == "country" or pycountry.countries.get(alpha_3=code) is not None


def stable_country(codes: Iterable[str]) -> str:
    firsts = {c[:3] for c in codes if c}
    if len(firsts) != 1:
        return ""
    (first,) = firsts
    return first if is_country_code(first) else ""


def parse_codes(text: str, source: str = "", horizon: bool = True) -> tuple[list[Term], list[Term]]:
    """ "RUSGOV 2008-05-08..; RUSELI" -> (dated terms, defaults). With ``horizon``, an open term
    is known only up to its source's AS_OF date."""
    prefix = source.split(":", 1)[0]
    terms, defaults = [], []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        code, _, span = part.partition(" ")
        if not span:
            defaults.append(Term(code, source=source))
            continue
        start, _, end = span.partition("..")
        until = AS_OF.get(prefix, "") if horizon and not end else ""
        terms.append(Term(code, start, end, source=source, until=until))
    return terms, defaults


@cache
def _office_people() -> tuple[Person, ...]:
    out = []
    for holders in office_holders().values():
        terms = tuple(
            Term(o.code or o.country + o.sector, o.start, o.end, o.role, f"offices:{o.row}") for o in holders
        )
        out.append(Person(holders[0].name, (), terms, (), f"offices:{holders[0].name}"))
    return tuple(out)


def _table_rows() -> tuple[tuple[str, ...], ...]:
    return table("people.tsv").rows  # the reader pads every row to its four columns


@cache
def _person_at(i: int) -> Person:
    """Person ``i``: offices.tsv's first (ours, with roles), then people.tsv's, built when first
    asked for (parsing every row's codes up front would cost more than all lookups of a run)."""
    ours = _office_people()
    if i < len(ours):
        return ours[i]
    name, aliases, codes, source = _table_rows()[i - len(ours)]
    terms, defaults = parse_codes(codes, source)
    return Person(name, tuple(filter(None, aliases.split("|"))), tuple(terms), tuple(defaults), source)


def people() -> tuple[Person, ...]:
    """Every person of both tables (offices.tsv first)."""
    return tuple(_person_at(i) for i in range(len(_office_people()) + len(_table_rows())))


@cache
def _index() -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """(name key -> people, family-name key -> people), from the names alone."""
    names: dict[str, list[int]] = {}
    surnames: dict[str, list[int]] = {}
    # The family-name rule needs only the code's first letters: no country lookups here.
    entries = [(p.name, p.aliases, p.codes[0][:3] if p.codes else "") for p in _office_people()]
    entries += [(r[0], r[1].split("|") if r[1] else (), r[2][:3]) for r in _table_rows()]
    for i, (name, aliases, country) in enumerate(entries):
        family_first = country in FAMILY_NAME_FIRST
        for text in (name, *aliases):
            key = name_key(text)
            _add(names, key, i)
            bare = _without_initials(key)
            if bare != key:
                _add(names, bare, i)
            tokens = key.split()
            if len(tokens) > 1:
                _add(surnames, tokens[0] if family_first else tokens[-1], i)
    return names, surnames


def _add(index: dict[str, list[int]], key: str, i: int) -> None:
    found = index.setdefault(key, [])
    if not found or found[-1] != i:
        found.append(i)


_INITIAL = re.compile(r"(?:^| )\w(?= |$)")


def _without_initials(key: str) -> str:
    """ "vladimir v putin" -> "vladimir putin"."""
    return " ".join(_INITIAL.sub(" ", key).split()) if _INITIAL.search(key) else key


@cache
def _leading_titles() -> tuple[tuple[str, ...], ...]:
    """Word sequences that stand before a name and are no part of it: honorifics, titles of office
    (roles.tsv, person roles), demonyms, "former", longest first."""
    phrases = {h for h in words("honorifics.tsv")}
    phrases |= {p.casefold() for p, _, _, applies, _ in rows("roles.tsv", 5) if applies != "body"}
    phrases |= set(words("demonyms.tsv")) | {"former", "ex", "late", "acting", "interim", "the"}
    return tuple(sorted((tuple(p.replace("-", " ").split()) for p in phrases), key=len, reverse=True))


def person_key(text: str) -> str:
    """The name a lookup uses: possessive, punctuation, honorifics and titles off, transliteration
    folded ("Mr. Putin's" -> "putin", "Russian President Vladimir V. Putin" -> "vladimir v putin")."""
    text = re.sub(r"['’]s?$", "", text.strip())
    tokens = [t.rstrip(".,") for t in text.replace("-", " ").split()]
    tokens = [t for t in tokens if t]
    folded = [t.casefold() for t in tokens]
    stripped = True
    while stripped and folded:
        stripped = False
        for title in _leading_titles():
            if len(title) < len(folded) and tuple(folded[: len(title)]) == title:
                tokens, folded, stripped = tokens[len(title) :], folded[len(title) :], True
                break
    if len(folded) == 1 and folded[0] in words("honorifics.tsv"):
        return ""
    return name_key(" ".join(tokens))


def person(name: str, date: str = "") -> list[PersonMatch]:
    """The codes a person's name stands for on a date (ISO, any precision: "2017", "2017-05" stand
    for the whole year or month: a term held on some day of it counts).

    With a date: each term covering it, else (within the sources' record) the person's default
    code. Without a date: the person's country if every code agrees on it, else nothing. A bare
    surname ("Putin") finds every person with that family name; several people are returned as
    several matches, and the caller decides (e.g. only when one person is left).
    """
    return list(_person(name, *(period(date) if date else ("", ""))))


@cache
def _person(name: str, day: str, last: str) -> tuple[PersonMatch, ...]:
    key = person_key(name)
    if not key:
        return ()
    names, surnames = _index()
    # One word is a surname however it matched: "Johnson" is not one person because the table
    # has a one-word name "Johnson".
    one_word = len(key.split()) == 1
    found, matched = names.get(key) or names.get(_without_initials(key)), "surname" if one_word else "name"
    if one_word:
        found = sorted({*(found or ()), *surnames.get(key, ())})
    if not found:
        return ()
    candidates = [_person_at(i) for i in found]
    if not day:
        countries = {p.country for p in candidates}
        if len(countries) != 1 or "" in countries:
            return ()
        (country,) = countries
        return (PersonMatch(candidates[0].name, country, "country", matched, source=candidates[0].source),)
    held = [_match(p, t, "term", matched) for p in candidates for t in p.terms if t.covers(day, last)]
    if held:
        return _unique(held)
    defaults = [
        _match(p, t, "default", matched)
        for p in candidates
        for t in p.defaults
        if day <= (AS_OF.get(p.source.split(":", 1)[0]) or day)
        and any(not x.start or x.start <= last for x in p.terms or (t,))
    ]
    return _unique(defaults)


def _match(p: Person, t: Term, how: str, matched: str) -> PersonMatch:
    return PersonMatch(p.name, t.code, how, matched, t.start, t.end, t.role, t.source)


def _unique(matches: list[PersonMatch]) -> tuple[PersonMatch, ...]:
    """One match per (person, code): the same person from two tables counts once, ours first."""
    seen: set[tuple[str, str]] = set()
    out = []
    for m in matches:
        key = (name_key(m.name), m.code)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return tuple(out)
