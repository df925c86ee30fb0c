"""Named organisations -> CAMEO codes: ``organisation(name, date)``.

Tables: ``data/igos.tsv`` (ours, checked) first, then ``data/organisations.tsv`` (parties, armed
groups, IGOs, NGOs, companies and national bodies derived from the Phoenix actors dictionaries,
MIT, see ``knowledge/derive/phoenix.py``). Lookups fold case, punctuation, "the" and a possessive;
a short all-capital name ("WHO", "ETA") is matched only when the text writes it in capitals
(four letters and more may be title case: "Nato", "Hamas").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from newsgraph.knowledge.offices import period
from newsgraph.knowledge.people import Term, parse_codes
from newsgraph.knowledge.tables import rows, table, words


@dataclass(frozen=True)
class Organisation:
    name: str
    aliases: tuple[str, ...]
    terms: tuple[Term, ...]  # dated codes (a party in government, then in opposition)
    defaults: tuple[Term, ...]  # undated codes
    kind: str  # igo | ngo | company | armed group | party | opposition group | media | state body | ...
    source: str

    def code(self, date: str = "") -> Term | None:
        """The code on a date: a term covering it, else the undated code. Without a date, the
        undated code, or the one code all its terms share; none where the terms differ."""
        if date:
            first, last = period(date)
            for term in self.terms:
                if term.covers(first, last):
                    return term
        if self.defaults:
            return self.defaults[0]
        if not date and len({t.code for t in self.terms}) == 1:
            return self.terms[-1]
        return None


@dataclass(frozen=True)
class OrganisationMatch:
    organisation: Organisation
    code: str
    matched: str  # the table name or alias the text matched

    @property
    def rule(self) -> str:
        return f"organisation:{self.organisation.name}={self.code}@{self.organisation.source}"


def org_key(text: str) -> str:
    """ "the U.N.'s" -> "un", "Al-Qaeda" -> "al qaeda", "People's" -> "peoples", "Médecins" -> "medecins"."""
    text = text.casefold().replace("’", "'")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"'s?$", "", text.strip()).replace("'", "")
    text = text.replace("&", " and ").replace(".", "")
    tokens = re.sub(r"[^\w\s]", " ", text).split()
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


@cache
def _entries() -> tuple[tuple[str, str, str, str, str], ...]:
    """(name, aliases, codes, kind, source): igos.tsv rows as one-code organisations, then ours."""
    out = []
    for name, aliases, code, _ in rows("igos.tsv", 4):
        kind = "igo" if code.startswith("IGO") else "ngo" if code.startswith("NGO") else "organisation"
        out.append((name, aliases, code, kind, f"igos:{name}"))
    out += table("organisations.tsv").rows
    return tuple(out)


@cache
def _organisation_at(i: int) -> Organisation:
    name, aliases, codes, kind, source = _entries()[i]
    # An organisation keeps its code after the dictionary was last updated (unlike an office).
    terms, defaults = parse_codes(codes, source, horizon=False)
    return Organisation(
        name, tuple(filter(None, aliases.split("|"))), tuple(terms), tuple(defaults), kind, source
    )


@cache
def _index() -> dict[str, list[tuple[int, str]]]:
    """key -> (organisation, the name as the table writes it), in table order."""
    out: dict[str, list[tuple[int, str]]] = {}
    for i, (name, aliases, *_rest) in enumerate(_entries()):
        for text in (name, *filter(None, aliases.split("|"))):
            key = org_key(text)
            if key:
                out.setdefault(key, []).append((i, text))
    return out


def _acronym_ok(written: str, text: str) -> bool:
    """A short all-capital table name is an acronym: "who" and "Who" are not WHO."""
    bare = written.replace(".", "")
    if " " in bare or not bare.isupper() or len(bare) > 5:
        return True
    raw = re.sub(r"^(?i:the)\s+|['’]s?$", "", text.strip()).replace(".", "")
    return raw.isupper() or (len(bare) >= 4 and raw.istitle())


@cache
def organisation(name: str, date: str = "") -> OrganisationMatch | None:
    """The organisation a name stands for and its code on a date, else None (also when the
    organisation has no code for the date: e.g. only dated codes and no date given)."""
    key = org_key(name)
    if not key or key in words("honorifics.tsv"):
        return None
    for i, written in _index().get(key, ()):
        if not _acronym_ok(written, name):
            continue
        org = _organisation_at(i)
        term = org.code(date)
        if term is not None:
            return OrganisationMatch(org, term.code, written)
    return None
