import pytest

from newsgraph.analyze.pipeline import load_nlp
from newsgraph.analyze.places import FACTORY, add_to, places_and_mentions


@pytest.fixture(scope="module")
def nlp():
    return add_to(load_nlp())


def _places(nlp, text: str, article_id: str = "t1"):
    doc = nlp.make_doc(text)
    doc._.article_id = article_id
    doc = nlp(doc)
    places, mentions = places_and_mentions(doc)
    by_id = {p.id: p for p in places}
    return {m.text: (by_id[m.place_id], m) for m in mentions}


def test_component_is_registered_once(nlp) -> None:
    assert FACTORY in nlp.pipe_names
    add_to(nlp)
    assert nlp.pipe_names.count(FACTORY) == 1


def test_paris_france_and_paris_texas_by_context(nlp) -> None:
    france = _places(nlp, "Tourists crowded Paris as France prepared for the national holiday.")
    assert france["Paris"][0].country == "FRA"
    texas = _places(nlp, "A tornado hit Paris, Texas, on Sunday, and Dallas sent help.")
    paris, mention = texas["Paris"]
    assert paris.country == "USA" and paris.admin1 == "US-TX"
    assert "qualifier" in mention.rule


def test_a_facility_is_no_small_town_elsewhere_without_context(nlp) -> None:
    # "Heathrow" tagged FAC: the airport, not Heathrow, Florida (a town of a few thousand).
    crew = _places(nlp, "On Friday, BA cabin crew based at Heathrow said they would strike on Christmas Day.")
    assert "Heathrow" not in crew
    florida = _places(nlp, "Police in Florida said a man was arrested at Heathrow near Orlando.")
    assert florida["Heathrow"][0].country == "USA" and florida["Heathrow"][0].admin1 == "US-FL"


def test_dateline_is_a_place_even_when_mistagged(nlp) -> None:
    text = "HAMBURG (Agency) — Ministers met on Friday.\n\nKYIV, March 3 (Agency) — Talks resumed."
    found = _places(nlp, text)
    assert found["HAMBURG"][0].country == "DEU" and found["HAMBURG"][1].rule.startswith("dateline")
    assert found["KYIV"][0].country == "UKR"


def test_province_list_resolves_to_subdivisions(nlp) -> None:
    text = "Shelling was reported in Idlib, Hama and Homs provinces, the Syrian army said."
    found = _places(nlp, text)
    for name, code in (("Idlib", "SY-ID"), ("Hama", "SY-HM"), ("Homs", "SY-HI")):
        place, mention = found[name]
        assert place.id == code and place.kind == "admin1" and place.lat is not None
        assert "feature-word" in mention.rule and mention.text == name


def test_country_and_offsets(nlp) -> None:
    text = "Officials in Jordan said Amman would host the talks."
    found = _places(nlp, text)
    jordan, mention = found["Jordan"]
    assert jordan.id == "JOR" and jordan.kind == "country" and jordan.lat is not None
    assert text[mention.start : mention.end] == "Jordan" and mention.article_id == "t1"
    assert found["Amman"][0].country == "JOR"


def test_a_persons_surname_is_not_a_country(nlp) -> None:
    found = _places(nlp, "Michael Jordan spoke to reporters. Jordan said he was happy.")
    assert "Jordan" not in found


def test_state_abbreviation_qualifies_and_is_a_place(nlp) -> None:
    found = _places(nlp, "PARIS, Mo. — Farmers near Paris, Mo., and in Texas met on Friday.")
    paris, mention = found["PARIS"]
    assert paris.admin1 == "US-MO" and "qualifier" in mention.rule
    state, mention = found["Mo."]
    assert state.id == "US-MO" and mention.rule.startswith("iso3166-2:abbreviation")
    senator = _places(nlp, "Sen. Jane Roe (D-Calif.) voted against the bill.")
    assert senator["Calif."][0].id == "US-CA"


def test_dateline_without_a_dash_names_the_capital(nlp) -> None:
    text = "WASHINGTON Congress met again on Tuesday. A farmer from Iowa spoke."
    place, mention = _places(nlp, text)["WASHINGTON"]
    assert place.admin1 == "US-DC" and mention.rule.startswith("dateline")


def test_county_is_placed_at_its_namesake_town(nlp) -> None:
    found = _places(nlp, "Fires burned in Orange County, California, on Monday.")
    county, mention = found["Orange County"]
    assert county.kind == "admin2" and county.id == "fips:06059" and county.admin1 == "US-CA"
    assert abs(county.lat - 33.8) < 0.3 and "namesake-town" in mention.rule


def test_region_beats_a_small_town_and_follows_the_countries(nlp) -> None:
    found = _places(nlp, "Tensions in the Middle East rose as Iran moved ships into the Gulf.")
    assert found["Middle East"][0].kind == "region"
    assert found["Gulf"][0].id == "region:persian-gulf"
    texas = _places(
        nlp, "Oil rigs off Texas in the Gulf shut down as the United States braced for the storm."
    )
    assert texas["Gulf"][0].id == "region:gulf-of-mexico"


def test_demonyms_are_mentions_of_their_country_but_not_doc_places(nlp) -> None:
    doc = nlp.make_doc("Syrian troops entered the town, a Canadian official said.")
    doc._.article_id = "t2"
    doc = nlp(doc)
    assert all(t.text not in ("Syrian", "Canadian") for t in doc._.places)
    _, mentions = places_and_mentions(doc)
    by_text = {m.text: m for m in mentions}
    assert by_text["Syrian"].place_id == "SYR" and by_text["Syrian"].rule == "demonym:Syrian"
    assert by_text["Canadian"].place_id == "CAN"


def test_sample_page(nlp, sample_page) -> None:
    from newsgraph.extract.article import extract
    from newsgraph.sources.files import iter_documents

    (raw,) = list(iter_documents([str(sample_page)]))
    article = extract(raw)
    doc = nlp.make_doc(article.text)
    doc._.article_id = article.id
    places, mentions = places_and_mentions(nlp(doc))
    by_id = {p.id: p for p in places}
    assert all(p.lat is not None and p.lon is not None for p in places)
    named = {m.text: by_id[m.place_id] for m in mentions}
    assert named["Hamburg"].country == "DEU" and named["HAMBURG"].id == named["Hamburg"].id
    assert named["Amman"].country == "JOR"
    assert named["Moscow"].country == "RUS"
    assert named["Washington"].country == "USA" and named["New York"].country == "USA"
    assert (named["Syria"].id, named["Jordan"].id) == ("SYR", "JOR")
    for name, code in (("Daraa", "SY-DR"), ("Quneitra", "SY-QU"), ("As-Suwayda", "SY-SU")):
        assert named[name].id == code and named[name].kind == "admin1" and named[name].lat is not None


def test_a_time_zone_is_not_a_place() -> None:
    from newsgraph.analyze.places.spots import _clock_zone

    text = "The truce takes effect at midday, Damascus time, in Idlib province."
    end = text.index("Damascus") + len("Damascus")
    assert _clock_zone(text, end)
    assert not _clock_zone(text, text.index("Idlib") + len("Idlib"))
