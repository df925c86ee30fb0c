"""Filter validation: typed values out, one-line errors that say what is allowed."""

from __future__ import annotations

import pytest

from newsgraph.query.filters import QueryError, fts_expression, parse, parse_limit, parse_sort


def test_values_are_typed_and_combined() -> None:
    f = parse(
        "events",
        {
            "actor": "Putin",
            "with": "Trump",
            "cameo": ["04,0861", "19"],
            "quad": "material-conflict,1",
            "plover": "consult",
            "modality": ["negated"],
            "since": "2017-02",
            "until": "2017-12",
            "country": "Syria",
            "source_country": "ru",
            "language": "EN",
            "site": "a.example, b.example",
        },
    )
    assert f.counterpart == "Trump" and f.cameo == ("04", "0861", "19")
    assert f.quad == (4, 1) and f.plover == ("CONSULT",) and f.modality == ("negated",)
    assert (f.since, f.until) == ("2017-02", "2018-01")  # until is exclusive: the month after
    assert f.country == "SYR" and f.source_country == "RUS"
    assert f.language == ("en",) and f.site == ("a.example", "www.a.example", "b.example", "www.b.example")


@pytest.mark.parametrize(
    ("until", "bound"), [("2017", "2018"), ("2017-02", "2017-03"), ("2016-02-29", "2016-03-01")]
)
def test_until_includes_the_whole_period(until: str, bound: str) -> None:
    assert parse("events", {"until": until}).until == bound


@pytest.mark.parametrize(
    ("table", "raw", "says"),
    [
        ("events", {"quad": "5"}, "allowed: 1-4"),
        ("events", {"cameo": "99"}, "root 01-20"),
        ("events", {"plover": "HUG"}, "allowed: ACCUSE"),
        ("events", {"modality": "maybe"}, "asserted, negated"),
        ("events", {"since": "2017-13-01"}, "YYYY, YYYY-MM or YYYY-MM-DD"),
        ("events", {"since": "last week"}, "YYYY, YYYY-MM or YYYY-MM-DD"),
        ("events", {"since": "2018", "until": "2017"}, "impossible date range"),
        ("events", {"country": "Atlantis"}, "not a country"),
        ("events", {"kind": "direct"}, "--kind is not a filter of events"),
        ("events", {"with": "Trump"}, "--with needs --actor"),
        ("events", {"actor": "A", "source": "B"}, "either --actor"),
        ("quotes", {"kind": "shouted"}, "direct, partial, indirect"),
        ("quotes", {"quad": "1"}, "allowed: --actor, --kind"),
        ("articles", {"language": "english"}, "ISO 639-1"),
    ],
)
def test_bad_values_get_one_line_errors(table: str, raw: dict, says: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(table, raw)
    message = str(caught.value)
    assert says in message and "\n" not in message


def test_sort_and_limit() -> None:
    assert parse_sort("events", None) == ("date", True)
    assert parse_sort("events", "goldstein") == ("goldstein", False)
    with pytest.raises(QueryError, match="allowed: date, goldstein"):
        parse_sort("events", "-colour")
    assert parse_limit("7") == 7
    for bad in ("0", "-3", "ten"):
        with pytest.raises(QueryError, match="whole number"):
            parse_limit(bad)


def test_plain_words_are_quoted_for_fts_and_syntax_passes_through() -> None:
    assert fts_expression("U.S. sanctions") == '"U.S." "sanctions"'
    assert fts_expression("Putin's") == '"Putin\'s"'
    assert fts_expression('"cyber security" OR truce') == '"cyber security" OR truce'
    with pytest.raises(QueryError):
        fts_expression("  ")


def test_site_values_are_normalised_as_stored_sites_are() -> None:
    from newsgraph.query.filters import site_forms

    stored = "cbc.ca"  # extraction keeps a URL's host, lower case, without "www."
    for typed in ("cbc.ca", "www.cbc.ca", "WWW.CBC.CA", "https://www.cbc.ca/news/world-1.2", "cbc.ca/"):
        assert stored in site_forms(typed), typed
    # A site a JSON Lines record named is stored as written: that spelling still matches.
    assert "CBC News" in site_forms("CBC News")
    assert parse("events", {"site": "www.cbc.ca,bbc.co.uk"}).site == (
        "cbc.ca",
        "www.cbc.ca",
        "bbc.co.uk",
        "www.bbc.co.uk",
    )
