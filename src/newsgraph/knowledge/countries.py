"""Country names to ISO 3166-1 alpha-3: our alias table first, then pycountry."""

from __future__ import annotations

from functools import cache

import pycountry

from newsgraph.knowledge import tables


def _rows() -> tuple[tuple[str, ...], ...]:
    """(name, alpha3, note) rows of our alias table."""
    return tables.rows("country_aliases.tsv", 3)


@cache
def _aliases() -> dict[str, str]:
    return {name.casefold(): code for name, code, _ in _rows()}


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
    "Jordan" the surname into countries without any context to say so.
    """
    key = " ".join(name.split()).strip(" ,")
    for candidate in (key, key.removeprefix("the ").removeprefix("The ")):
        code = _aliases().get(candidate.casefold())
        if code:
            return code
        try:
            return pycountry.countries.lookup(candidate).alpha_3
        except LookupError:
            continue
    return None
