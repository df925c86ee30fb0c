"""Rule-based name and title coreference within one article."""

from __future__ import annotations

from newsgraph.analyze import analyze
from newsgraph.analyze.actors.coref import Holder, TitleMention, cluster_names, resolve_title
from newsgraph.records import Article


def test_surnames_join_the_full_name_and_transliterations_merge() -> None:
    canon = cluster_names(["Sergey Lavrov", "Vladimir Putin", "Sergei Lavrov", "Putin", "Lavrov"])
    assert canon["Sergei Lavrov"] == ("Sergey Lavrov", "coref:transliteration")
    assert canon["Putin"] == ("Vladimir Putin", "coref:surname")
    assert canon["Lavrov"][0] == "Sergey Lavrov"


def test_an_ambiguous_surname_stays_apart_and_different_first_names_do_not_merge() -> None:
    canon = cluster_names(["John Smith", "Mary Smith", "Smith", "J. Smith"])
    assert canon["Mary Smith"] == ("Mary Smith", "name:full")
    assert canon["Smith"] == ("Smith", "name:single")
    assert canon["J. Smith"][0] == "John Smith"  # an initial is compatible with the first one named


def test_title_resolves_to_the_latest_holder_with_that_office_and_country() -> None:
    holders = [
        Holder("a", ["secretary of state"], "USA", [10, 200]),
        Holder("b", ["foreign minister"], "RUS", [50]),
        Holder("c", ["president"], "RUS", [5]),
        Holder("d", ["president"], "USA", [120]),
    ]
    assert resolve_title(TitleMention(300, 318, "the state secretary", "secretary of state"), holders) == [
        ("a", "coref:title")
    ]
    assert resolve_title(TitleMention(300, 320, "the Russian President", "president", "RUS"), holders) == [
        ("c", "coref:title")
    ]
    assert resolve_title(TitleMention(300, 320, "the president", "president"), holders) == [
        ("d", "coref:title")
    ]
    both = resolve_title(TitleMention(300, 316, "the two leaders", "leader", plural=True, number=2), holders)
    assert {aid for aid, _ in both} == {"c", "d"} and {r for _, r in both} == {"coref:title-plural"}
    assert resolve_title(TitleMention(300, 316, "the judge", "judge"), holders) == []


def test_title_mentions_in_an_article() -> None:
    text = (
        "US Secretary of State Rex Tillerson met Russian President Vladimir Putin in Moscow. "
        "The state secretary said the talks were useful. Later the Russian President thanked him, "
        "and the two men parted. Tillerson flew home."
    )
    analysis = analyze(Article(id="c1", uri="t", text=text, published="2017-04-12"))
    by_name = {a.name: a for a in analysis.actors}
    tillerson, putin = by_name["Rex Tillerson"], by_name["Vladimir Putin"]
    titles = {m.text.lower(): m for m in analysis.mentions if m.rule.startswith("coref:title")}
    assert titles["the state secretary"].actor_id == tillerson.id
    assert titles["the russian president"].actor_id == putin.id
    assert all(text[m.start : m.end] == m.text for m in analysis.mentions)
    assert len([m for m in analysis.mentions if m.actor_id == tillerson.id]) == 3
