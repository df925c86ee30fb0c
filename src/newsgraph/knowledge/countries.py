"""Country names to ISO 3166-1 alpha-3: our alias table first, then pycountry."""

from __future__ import annotations

from functools import cache

import pycountry

from newsgraph.knowledge import tables


def _rows() -> tuple[tuple[str, ...], ...]:
    """(name, alpha3, note) rows of our alias table."""
    return tables.rows("country_aliases.tsv", 3)


def _short(name: str) -> bool:
    """An abbreviation ("US", "U.K.", "DPRK"): matched in its own case only ("us" is a pronoun)."""
    return len(name.replace(".", "")) <= 4 and name.replace(".", "").isupper()


@cache
def _aliases() -> dict[str, str]:
    return {name.casefold(): code for name, code, _ in _rows() if not _short(name)}


@cache
def _abbreviations() -> dict[str, str]:
    return {name: code for name, code, _ in _rows() if _short(name)}


@cache
def country_name(code: str) -> str:
    """The everyday name of a country: "Russia", not "Russian Federation"."""
    for name, alpha3, note in _rows():
        if alpha3 == code and note.startswith("ISO:"):
            return name
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


@cache
def country_code(name: str) -> str | None:
    """The alpha-3 code of a country name ("Russia", "the United States"), else None.

    Exact lookups only: a fuzzy match would turn "Georgia" the US state or
    "Jordan" the surname into countries without any context to say so. ISO codes are not names:
    pycountry would read "Mr" as Mauritania's MR and "in" as India's IN, so short words are
    countries only through our alias table ("US", "UK", "UAE").
    """
    key = " ".join(name.split()).strip(" ,")
    for candidate in (key, key.removeprefix("the ").removeprefix("The ")):
        # A dotted abbreviation that lost its last dot to a cleaning step or a sentence end ("U.S").
        dotted = candidate + "." if "." in candidate and not candidate.endswith(".") else candidate
        short = _abbreviations()
        code = short.get(candidate) or _aliases().get(candidate.casefold()) or short.get(dotted)
        if code:
            return code
        if len(candidate.replace(".", "")) <= 3:
            continue
        try:
            return pycountry.countries.lookup(candidate).alpha_3
        except LookupError:
            continue
    return None
