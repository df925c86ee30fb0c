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
