"""Themes (our taxonomy, matched on lemmas), the article's domain, and GKG-style counts, on sentences
written for these tests: one or more per theme family, and the sport, markets, culture and weather
text the event coder must leave alone."""

from __future__ import annotations

from functools import cache

import pytest

from newsgraph.analyze import analyze
from newsgraph.analyze.themes import url_section
from newsgraph.analyze.themes.domain import decide
from newsgraph.knowledge import domains
from newsgraph.knowledge.themes import FAMILIES, by_family, themes, triggers
from newsgraph.query.signals import theme_summary
from newsgraph.records import Analysis, Article, ThemeMention

#: family -> (sentence, themes it must carry)
FAMILY_EXAMPLES = {
    "politics": (
        "Voters went to the polls on Sunday in a snap parliamentary election after the prime minister "
        "resigned, and the ruling party promised to fight the corruption charges in court.",
        {"ELECTION", "RESIGNATION", "POLITICAL_PARTY", "CORRUPTION", "GOVERNMENT"},
    ),
    "conflict": (
        "Government troops launched a ground offensive against the insurgents after an airstrike killed "
        "nine civilians, and the truce brokered last month collapsed.",
        {"MILITARY", "ARMED_CONFLICT", "INSURGENCY", "AIRSTRIKE", "CASUALTIES", "CEASEFIRE"},
    ),
    "diplomacy": (
        "The two foreign ministers agreed to restore diplomatic relations a year after both capitals "
        "expelled each other's diplomats, and said new sanctions were off the table for now.",
        {"DIPLOMACY", "DIPLOMATIC_RIFT", "SANCTIONS"},
    ),
    "economy": (
        "The central bank raised interest rates by 50 basis points as inflation hit a ten-year high, "
        "while the currency slid against the dollar and unemployment rose.",
        {"MONETARY_POLICY", "INFLATION", "CURRENCY", "EMPLOYMENT"},
    ),
    "society": (
        "Police arrested dozens of protesters outside the courthouse where the trial of the mayor began, "
        "as hundreds of migrants waited at the border crossing.",
        {"ARREST", "PROTEST", "JUSTICE", "MIGRATION"},
    ),
    "environment": (
        "A heatwave and months of drought fuelled wildfires across the region, and researchers said "
        "climate change had made such extremes far more likely.",
        {"WEATHER", "DISASTER", "CLIMATE_CHANGE"},
    ),
    "sport": (
        "Japan began the defence of their Asian Cup title with a lucky 2-1 win against Syria.",
        {"FOOTBALL", "SPORT_RESULT"},
    ),
    "entertainment": (
        "The singer's new album topped the charts, and her first film premiered at the Cannes film "
        "festival to a standing ovation.",
        {"MUSIC", "FILM"},
    ),
    "science": (
        "NASA astronauts boarded the International Space Station, and scientists published a study on "
        "artificial intelligence in a scientific journal.",
        {"SPACE", "RESEARCH", "TECHNOLOGY"},
    ),
}

#: (text, url, domain it must get)
DOMAIN_EXAMPLES = [
    ("Japan began the defence of their Asian Cup title with a lucky 2-1 win against Syria.", "", "sport"),
    (
        "Russia beat Croatia 4-3 on penalties to reach the World Cup semi-final in front of a home crowd.",
        "",
        "sport",
    ),
    (
        "Shares of the carmaker rose 3 percent on Wall Street after quarterly earnings beat forecasts, and "
        "the Nasdaq closed higher as investors cheered.",
        "",
        "markets",
    ),
    (
        "Rain and sleet will spread from the west tomorrow, with temperatures of 2 degrees Celsius and "
        "strong gusts on the coast, forecasters said.",
        "",
        "weather",
    ),
    ("The actress won an Oscar for the film, and the singer's album went to number one.", "", "culture"),
    (
        "The president signed the sanctions bill after the Senate vote, and the foreign ministry "
        "summoned the ambassador.",
        "",
        "politics",
    ),
    ("A quiet day.", "", "general"),
    # The section of the URL decides, unless the text's themes clearly say otherwise.
    ("A quiet day in the park.", "https://www.example.com/sport/football/12345", "sport"),
    ("Stocks were flat.", "https://news.example.com/business/markets/flat-day-2024", "business"),
    (
        "The government imposed sanctions on the ministry after the election; the ambassador was "
        "expelled and parliament voted new sanctions against the regime.",
        "https://news.example.com/business/sanctions-2024",
        "politics",
    ),
]


@cache
def _analysed(text: str, url: str = "") -> Analysis:
    return analyze(Article(id="themes-test", uri="test", text=text, url=url))


def _themes(text: str) -> set[str]:
    return {m.theme for m in _analysed(text).themes}


# -- the taxonomy --------------------------------------------------------------------------


def test_taxonomy_size_and_coverage() -> None:
    assert len(themes()) >= 60
    families = by_family()
    assert set(families) == set(FAMILIES)
    for family in ("politics", "conflict", "diplomacy", "economy", "society", "environment", "sport"):
        assert len(families[family]) >= 3, family
    assert len(families["entertainment"]) >= 3
    per_theme: dict[str, int] = {}
    for trigger in triggers():
        per_theme[trigger.theme] = per_theme.get(trigger.theme, 0) + 1
    assert set(per_theme) == set(themes()), "every theme has triggers"
    assert min(per_theme.values()) >= 5, "general trigger terms, not one phrase"


def test_every_domain_of_a_theme_is_known_and_quiet_domains_are_the_non_political_ones() -> None:
    assert {t.domain for t in themes().values()} <= set(domains.labels())
    assert domains.quiet_domains() == {"markets", "sport", "culture", "weather"}


# -- matching ---------------------------------------------------------------------------------


@pytest.mark.parametrize("family", list(FAMILY_EXAMPLES))
def test_each_family_is_found(family: str) -> None:
    text, expected = FAMILY_EXAMPLES[family]
    found = _themes(text)
    assert expected <= found, (family, expected - found)
    assert any(themes()[t].family == family for t in found)


def test_offsets_point_at_the_words_and_name_the_trigger() -> None:
    text = FAMILY_EXAMPLES["conflict"][0]
    for m in _analysed(text).themes:
        assert text[m.start : m.end] == m.text
        assert m.rule.startswith("trigger:")
        assert m.sentence == 0


def test_lemmas_and_case_fold() -> None:
    found = _analysed(
        "NEW SANCTIONS IMPOSED. The Treasury sanctioned two firms. They imposed economic sanctions."
    )
    sanctions = [m for m in found.themes if m.theme == "SANCTIONS"]
    # "economic sanctions" is one match (the longest), not two.
    assert [m.text for m in sanctions][-1] == "economic sanctions"
    assert len(sanctions) == 3


def test_a_word_inside_a_persons_name_is_no_theme() -> None:
    assert "UNITED_NATIONS" not in _themes("Kim Jong Un inspected a factory on Tuesday.")
    assert "UNITED_NATIONS" in _themes("The UN envoy inspected a factory on Tuesday.")


def test_exact_forms_and_ambiguous_words() -> None:
    # "=talks" is the noun's plural only: "he talked" is no negotiation.
    assert "NEGOTIATIONS" not in _themes("He talked about the weather for an hour.")
    assert "NEGOTIATIONS" in _themes("The talks resumed on Monday.")
    # "according to" is no accord; "asset freeze" is no weather.
    assert "TREATY" not in _themes("According to the report, the asset freeze stays.")
    assert "WEATHER" not in _themes("According to the report, the asset freeze stays.")


def test_a_vote_count_is_no_sport_score() -> None:
    assert _analysed("The Senate passed the bill by a 98-2 vote.").domain.label == "politics"
    assert "SPORT_RESULT" not in _themes("The Senate passed the bill by a 98-2 vote.")


def test_summary_counts_and_offsets() -> None:
    mentions = [
        ThemeMention("a", 0, 0, 4, "war", "ARMED_CONFLICT"),
        ThemeMention("a", 1, 10, 14, "war", "ARMED_CONFLICT"),
        ThemeMention("a", 1, 20, 28, "sanction", "SANCTIONS"),
    ]
    assert theme_summary(mentions) == [
        {"theme": "ARMED_CONFLICT", "count": 2, "offsets": [0, 10]},
        {"theme": "SANCTIONS", "count": 1, "offsets": [20]},
    ]


# -- the article's domain ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "url", "label"), DOMAIN_EXAMPLES)
def test_domain(text: str, url: str, label: str) -> None:
    domain = _analysed(text, url).domain
    assert domain is not None and domain.label == label, domain
    assert domain.rule and 0.0 <= domain.score <= 1.0
    assert domains.is_political(domain.label) == domains.is_political(label)


def test_the_sport_sentence_is_quiet_for_the_event_coder() -> None:
    domain = _analysed(DOMAIN_EXAMPLES[0][0]).domain
    assert domain is not None and not domains.is_political(domain.label) and domain.rule.startswith("themes:")


def test_url_sections() -> None:
    assert url_section("https://www.bbc.example/sport/football/67890") == ("sport", "sport")
    assert url_section("https://x.example/business/markets/stocks-rally-2024") == ("business", "business")
    assert url_section("https://money.example.com/2024/05/01/story") == ("money", "business")
    assert url_section("https://weather.example/today") == ("weather", "weather")
    assert url_section("https://x.example/world/europe/sport-minister-resigns-2024") is None
    assert url_section("") is None
    assert url_section("http://[bad") is None


def test_ties_go_to_the_political_domain() -> None:
    mentions = [
        ThemeMention("a", 0, 0, 5, "match", "SPORT_RESULT"),
        ThemeMention("a", 0, 6, 12, "minister", "GOVERNMENT"),
    ]
    assert decide(mentions).label == "politics"


# -- counts -------------------------------------------------------------------------------------


def test_counts() -> None:
    found = _analysed(
        "At least 12 people were killed and 30 wounded when rebels attacked the town. Police detained 41 "
        "protesters on Tuesday, and two rounds of talks in 2017 failed."
    )
    got = {(c.kind, c.number, c.object) for c in found.counts}
    assert {("KILL", 12, "people"), ("WOUND", 30, ""), ("ARREST", 41, "protester")} <= got
    assert all(c.number != 2017 for c in found.counts)
    for c in found.counts:
        assert found.article.text[c.start : c.end] == c.text and c.rule.startswith("count:")


def test_a_quiet_domain_needs_a_majority_of_the_matches() -> None:
    def mention(theme: str) -> ThemeMention:
        return ThemeMention("a", 0, 0, 1, "x", theme)

    half = [mention("CORPORATE"), mention("MARKETS"), mention("GOVERNMENT"), mention("FOOTBALL")]
    found = decide(half)
    assert found.label == "politics" and "markets 2, too few to silence the coder" in found.rule
    assert decide([*half, mention("CURRENCY")]).label == "markets"
