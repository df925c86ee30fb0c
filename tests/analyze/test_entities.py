from newsgraph.analyze import analyze
from newsgraph.analyze.entities import actor_id
from newsgraph.knowledge.countries import country_code
from newsgraph.records import Article

TEXT = (
    "Russian President Vladimir Putin met German Chancellor Olaf Scholz in Berlin on Monday. "
    "Putin said Russia and Germany would keep talking, and Scholz told reporters that the "
    "European Union was ready to help. The United States welcomed the talks."
)


def _analysis():
    return analyze(Article(id="a1", uri="test", text=TEXT))


def test_people_countries_and_surname_coreference() -> None:
    analysis = _analysis()
    by_name = {a.name: a for a in analysis.actors}
    assert by_name["Vladimir Putin"].kind == "person"
    assert "Putin" in by_name["Vladimir Putin"].aliases
    assert by_name["Russia"].country == "RUS" and by_name["Russia"].kind == "country"
    assert by_name["United States"].code == "USA"
    putin_mentions = [m for m in analysis.mentions if m.actor_id == by_name["Vladimir Putin"].id]
    assert len(putin_mentions) == 2
    # A city is a place, not an actor.
    assert "Berlin" not in by_name


def test_mentions_point_into_the_text_with_sentences() -> None:
    analysis = _analysis()
    for mention in analysis.mentions:
        assert TEXT[mention.start : mention.end] == mention.text
        assert mention.article_id == "a1"
        assert mention.rule
    sentences = {m.text: m.sentence for m in analysis.mentions}
    assert sentences["Vladimir Putin"] == 0 and sentences["The United States"] == 2


def test_non_english_article_is_passed_over_with_a_note() -> None:
    analysis = analyze(Article(id="x", uri="t", text="Le président a parlé.", language="fr"))
    assert analysis.actors == [] and "skipped" in analysis.notes[0]


def test_actor_ids_are_stable_and_country_aware() -> None:
    assert actor_id("Vladimir  Putin", "person") == actor_id("vladimir putin", "person")
    assert actor_id("John Smith", "person", "USA") != actor_id("John Smith", "person", "GBR")


def test_country_table() -> None:
    assert country_code("Russia") == "RUS"
    assert country_code("the United States") == "USA"
    assert country_code("U.S.") == "USA"
    assert country_code("Turkey") == "TUR"
    assert country_code("Springfield") is None
