"""GeoNames admin1 codes to ISO 3166-2: cities get the subdivision they lie in (facts, not guesses)."""

from collections import defaultdict

import pycountry
import pytest

from newsgraph.knowledge.geo import _GEONAMES_WRITES_ISO, gazetteer
from newsgraph.knowledge.geo import table as _table

# (city, country alpha-2, the ISO 3166-2 unit it lies in): general knowledge, codes checked below.
KNOWN = [
    ("Changsha", "CN", "CN-HN"),
    ("Wuhan", "CN", "CN-HB"),
    ("Guangzhou", "CN", "CN-GD"),
    ("Chengdu", "CN", "CN-SC"),
    ("Zhengzhou", "CN", "CN-HA"),
    ("Nanjing", "CN", "CN-JS"),
    ("Xiamen", "CN", "CN-FJ"),
    ("Mumbai", "IN", "IN-MH"),
    ("Kolkata", "IN", "IN-WB"),
    ("Novosibirsk", "RU", "RU-NVS"),
    ("Osaka", "JP", "JP-27"),
    ("Sapporo", "JP", "JP-01"),
    ("São Paulo", "BR", "BR-SP"),
    ("Lagos", "NG", "NG-LA"),
    ("Karachi", "PK", "PK-SD"),
    ("Surabaya", "ID", "ID-JI"),
    ("Monterrey", "MX", "MX-NLE"),
    ("Munich", "DE", "DE-BY"),
    ("Aleppo", "SY", "SY-HL"),
    ("Houston", "US", "US-TX"),
    ("Shiraz", "IR", "IR-07"),
    ("Durban", "ZA", "ZA-KZN"),
    ("Marseille", "FR", "FR-PAC"),
    ("Naples", "IT", "IT-72"),
    ("London", "GB", "GB-ENG"),
    ("Glasgow", "GB", "GB-SCT"),
    ("Zürich", "CH", "CH-ZH"),
    ("Geneva", "CH", "CH-GE"),
    ("Antwerp", "BE", "BE-VLG"),
    ("Cork", "IE", "IE-M"),
    ("Gulu", "UG", "UG-N"),
    ("Lilongwe", "MW", "MW-C"),
]


def _city(name: str, cc2: str):
    gaz = gazetteer()
    row = gaz._seat_row(name, cc2)
    assert row is not None, (name, cc2)
    return gaz.city(row)


@pytest.mark.parametrize(("name", "cc2", "iso"), KNOWN)
def test_cities_lie_in_their_subdivision(name: str, cc2: str, iso: str) -> None:
    assert pycountry.subdivisions.get(code=iso) is not None, iso  # the fact's code is a real one
    assert _city(name, cc2).place.admin1 == iso


def test_lookup_gives_the_city_its_subdivision() -> None:
    (changsha,) = [c for c in gazetteer().lookup("Changsha") if c.population > 1_000_000]
    assert changsha.place.admin1 == "CN-HN"


def test_every_table_row_is_a_real_code_and_its_cities_exist_and_agree() -> None:
    gaz = gazetteer()
    assert gaz.admin1_problems == []  # no city missing, no row whose cities disagree, no shared code
    rows = _table("admin1_seats.tsv")
    assert len(rows) >= 700
    for row in rows:
        sub = pycountry.subdivisions.get(code=row[0])
        assert sub is not None, row[0]
        for name in row[1].split("|"):
            r = gaz._seat_row(name, sub.country_code)
            assert r is not None and gaz._cities.cc[r] == sub.country_code, (row[0], name)


def test_table_covers_the_most_populous_countries() -> None:
    covered = {row[0].split("-")[0] for row in _table("admin1_seats.tsv")} | _GEONAMES_WRITES_ISO
    top25 = [
        "CN",
        "IN",
        "US",
        "ID",
        "PK",
        "NG",
        "BR",
        "BD",
        "RU",
        "MX",
        "JP",
        "ET",
        "PH",
        "EG",
        "VN",
        "CD",
        "DE",
        "TR",
        "IR",
        "TH",
        "GB",
        "FR",
        "IT",
        "ZA",
        "TZ",
    ]
    assert set(top25) <= covered


def test_no_two_geonames_codes_share_an_iso_code_unless_a_merger() -> None:
    mergers = {row[0] for row in _table("admin1_seats.tsv") if len(row) > 2 and row[2].strip() == "merger"}
    by_iso: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, iso in gazetteer()._admin1_iso.items():
        by_iso[iso].append(key)
    shared = {iso: keys for iso, keys in by_iso.items() if len(keys) > 1 and iso not in mergers}
    assert shared == {}


def test_every_mapping_is_a_subdivision_of_its_own_country_with_a_rule() -> None:
    gaz = gazetteer()
    for (cc2, adm), iso in gaz._admin1_iso.items():
        assert iso.startswith(f"{cc2}-") and pycountry.subdivisions.get(code=iso) is not None, (cc2, adm)
        assert gaz.admin1_code(cc2, adm) == (iso, gaz._admin1_rule[(cc2, adm)])


def test_unknown_codes_keep_the_geonames_form_never_a_wrong_iso_code() -> None:
    gaz = gazetteer()
    assert gaz.admin1_code("CN", "99") == ("CN.99", "geonames-code")
    assert gaz.admin1_code("CN", "") == ("", "none")
    # A village sharing a province's name does not make its province that one: the namesake is verified.
    assert gaz.admin1_code("CN", "11")[0] == "CN-HN"
    assert gaz.admin1_code("CN", "11")[1] == "table:admin1_seats:CN-HN"


def test_geonames_letter_codes_equal_iso_only_where_checked() -> None:
    # Japan's numeric GeoNames codes are not ISO's: Nagoya (Aichi, JP-23) carries GeoNames "01".
    assert _city("Nagoya", "JP").place.admin1 == "JP-23"
    assert _city("Bern", "CH").place.admin1 == "CH-BE"
