"""Descriptive place references ("the German port city") resolved to the place they stand for."""

import pytest

from newsgraph.analyze.pipeline import load_nlp
from newsgraph.analyze.places import add_to, places_and_mentions
from newsgraph.analyze.places.refs import capital_of


@pytest.fixture(scope="module")
def nlp():
    return add_to(load_nlp())


def _descriptions(nlp, text: str):
    """(mention text, place, rule) of the description mentions, and all mentions by text."""
    doc = nlp.make_doc(text)
    doc._.article_id = "refs"
    places, mentions = places_and_mentions(nlp(doc))
    by_id = {p.id: p for p in places}
    found = [(m.text, by_id[m.place_id], m) for m in mentions if m.rule.startswith("description:")]
    for _, _, m in found:
        assert text[m.start : m.end] == m.text  # the span is the text's own
    return found, {m.text: by_id[m.place_id] for m in mentions}


def test_antecedent_city_of_the_right_country(nlp) -> None:
    text = "Leaders met in Hamburg on Friday. At their first meeting in the German port city, they talked."
    found, named = _descriptions(nlp, text)
    ((mention, place, m),) = found
    assert mention == "port city" and place.id == named["Hamburg"].id and place.country == "DEU"
    assert m.rule == "description:antecedent(Hamburg)"
    # The nationality word keeps its own mention of the country.
    assert named["German"].id == "DEU"


def test_capital_needs_no_antecedent(nlp) -> None:
    found, _ = _descriptions(nlp, "Artillery shells hit the Syrian capital on Monday.")
    ((mention, place, m),) = found
    assert mention == "capital" and place.kind == "city" and place.country == "SYR"
    assert place.name == "Damascus" and m.rule == "description:capital-of(SYR)"
    found, _ = _descriptions(nlp, "Experts met in the capital of Jordan on Friday.")
    assert [(t, p.name, m.rule) for t, p, m in found] == [("capital", "Amman", "description:capital-of(JOR)")]


def test_wrong_country_antecedent_is_not_taken(nlp) -> None:
    text = "Talks in Washington and New York ended. At their meeting in the German port city, they agreed."
    found, named = _descriptions(nlp, text)
    assert named["Washington"].country == "USA"
    assert found == []


def test_no_antecedent_no_resolution(nlp) -> None:
    assert _descriptions(nlp, "Residents of the coastal town fled the floods on Sunday.")[0] == []
    # Bare descriptions are left alone even with a city before them: too often generic.
    assert _descriptions(nlp, "Fighting in Aleppo went on. The city council met.")[0] == []


def test_two_candidates_in_one_sentence_are_not_guessed_between(nlp) -> None:
    text = "Syria and Iraq met. Aleppo was shelled. The war-torn country suffered."
    assert _descriptions(nlp, text)[0] == []
    found, _ = _descriptions(nlp, "Shells hit Aleppo in Syria again. The rebel-held city fell on Tuesday.")
    assert [(t, p.name) for t, p, _ in found] == [("rebel-held city", "Aleppo")]


def test_region_and_form_of_state_constrain_the_country(nlp) -> None:
    found, _ = _descriptions(nlp, "Qatar was isolated by its neighbours. Envoys flew to the Gulf state.")
    assert [(t, p.id) for t, p, _ in found] == [("state", "QAT")]
    # A kingdom is never the United States, however recent.
    text = "Trump visited Riyadh and the United States cheered. He said the desert kingdom would pay."
    assert _descriptions(nlp, text)[0] == []
    found, _ = _descriptions(nlp, "Jordan hosted the talks. The desert kingdom said no.")
    assert [(t, p.id) for t, p, _ in found] == [("desert kingdom", "JOR")]


def test_names_and_other_places_are_not_descriptions(nlp) -> None:
    text = "Mosul fell. The Islamic State fled. The neighbouring country closed its border near Mosul."
    assert _descriptions(nlp, text)[0] == []
    # "the town near Aleppo" is some other town.
    assert _descriptions(nlp, "Aleppo was shelled. Rebels fled to the small town near Aleppo.")[0] == []


def test_apposition_names_the_place(nlp) -> None:
    found, named = _descriptions(nlp, "Shots were heard in Ankara, the Turkish capital, on Monday.")
    ((_, place, m),) = found
    assert place.id == named["Ankara"].id and m.rule == "description:apposition(Ankara)"


def test_capital_table() -> None:
    assert capital_of("DEU").name == "Berlin"
    assert capital_of("XXX") is None


def test_sample_page_port_city_is_hamburg(nlp, sample_page) -> None:
    from newsgraph.extract.article import extract
    from newsgraph.sources.files import iter_documents

    (raw,) = list(iter_documents([str(sample_page)]))
    article = extract(raw)
    found, named = _descriptions(nlp, article.text)
    port = [(p, m) for t, p, m in found if t == "port city"]
    assert len(port) == 1
    place, mention = port[0]
    assert place.id == named["Hamburg"].id and mention.rule == "description:antecedent(Hamburg)"
    assert article.text[mention.start - 7 : mention.end] == "German port city"
