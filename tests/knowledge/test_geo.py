from newsgraph.knowledge.geo import gazetteer, haversine_km, name_key


def test_name_key_folds_case_diacritics_apostrophes_and_hyphens() -> None:
    assert name_key("Dar‘ā") == name_key("Dar'a") == "dara"
    assert name_key("As-Suwayda") == "as suwayda"
    assert name_key("  HAMBURG ") == "hamburg"


def test_lookup_is_exact_never_a_substring() -> None:
    found = gazetteer().lookup("Amman")
    assert [c.place.country for c in found] == ["JOR"]
    assert all("Copenhagen" not in c.place.name for c in found)


def test_countries_have_centroids_and_alpha3_ids() -> None:
    (syria,) = [c for c in gazetteer().lookup("Syria") if c.place.kind == "country"]
    assert syria.place.id == "SYR" and syria.place.lat is not None and syria.coords.startswith("table")


def test_subdivision_takes_coordinates_and_spellings_from_its_namesake_city() -> None:
    sub = gazetteer().subdivisions["SY-QU"]
    assert sub.place.kind == "admin1" and sub.place.country == "SYR"
    assert sub.coords.startswith("namesake-city:")
    assert any(c.place.id == "SY-QU" for c in gazetteer().lookup("Quneitra"))


def test_well_known_subdivision_from_our_table() -> None:
    texas = gazetteer().subdivisions["US-TX"]
    assert texas.well_known and texas.coords == "table:admin1-centroid"


def test_short_codes_are_not_places_but_us_is() -> None:
    assert gazetteer().lookup("KY") == []
    assert gazetteer().lookup("US")[0].place.id == "USA"


def test_constituent_country_is_a_subdivision() -> None:
    kinds = {c.place.id: c.place.kind for c in gazetteer().lookup("Wales")}
    assert kinds.get("GB-WLS") == "admin1" and "GBR" not in kinds


def test_haversine() -> None:
    assert haversine_km(0, 0, 0, 1) == __import__("pytest").approx(111.2, abs=0.2)


def test_a_country_name_is_the_country_not_a_subdivision_so_named() -> None:
    found = gazetteer().lookup("Mexico")
    assert found[0].place.id == "MEX"


def test_admin1_table_gives_points_to_large_subdivisions() -> None:
    for code in ("CA-AB", "CN-SC", "IR-07", "ZA-EC", "IN-RJ"):
        sub = gazetteer().subdivisions[code]
        assert sub.place.lat is not None and sub.coords == "table:admin1-centroid", code
    assert any(c.place.id == "IR-07" for c in gazetteer().lookup("Fars"))


def test_weak_table_rows_lend_points_but_are_not_well_known() -> None:
    delta = gazetteer().subdivisions["NG-DE"]
    assert delta.place.lat is not None and not delta.well_known


def test_state_abbreviations_only_with_their_full_stops() -> None:
    gaz = gazetteer()
    assert gaz.abbreviation("Calif.").place.id == "US-CA"
    assert gaz.abbreviation("N.M.").place.id == "US-NM"
    assert gaz.abbreviation("Mo") is None and gaz.lookup("Mo.") == []


def test_us_counties_by_name() -> None:
    found = gazetteer().counties("Orange County")
    assert ("06059", "US-CA") in found and gazetteer().counties("Orange") == found


def test_regions_with_their_countries() -> None:
    kinds = {c.place.id: c for c in gazetteer().lookup("Gulf")}
    assert "IRN" in kinds["region:persian-gulf"].context and "USA" in kinds["region:gulf-of-mexico"].context
    assert gazetteer().lookup("Middle East")[0].place.kind == "region"


def test_capitals_are_marked() -> None:
    capitals = [c for c in gazetteer().lookup("Washington") if c.capital]
    assert [c.place.admin1 for c in capitals] == ["US-DC"]


def test_city_index_cache_round_trip(tmp_path, monkeypatch) -> None:
    import json

    from newsgraph.knowledge.geo import Gazetteer

    cities = {
        "1": {
            "geonameid": 1,
            "name": "Qarya",
            "latitude": 33.5,
            "longitude": 36.3,
            "countrycode": "SY",
            "population": 1200,
            "timezone": "",
            "admin1code": "13",
            "alternatenames": ["Karia", "Карья"],
        },
    }
    source = tmp_path / "cities.json"
    source.write_text(json.dumps(cities), encoding="utf-8")
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    built = Gazetteer(str(source))
    assert list((tmp_path / "cache").glob("gazetteer-cities-*.marshal"))
    loaded = Gazetteer(str(source))
    for gaz in (built, loaded):
        (city,) = [c for c in gaz.lookup("Karia") if c.place.kind == "city"]
        assert (city.place.id, city.place.lat, city.population, city.alternate) == ("1", 33.5, 1200, True)
        assert gaz.lookup("Карья") == []  # non-Latin spellings are not keys
