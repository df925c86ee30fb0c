"""Publication date reasoning: each candidate source, the bounds, the weighing, the sample page."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.paths import EXAMPLES

from newsgraph.extract.article import stamp_lines
from newsgraph.extract.dateline import story_dateline
from newsgraph.extract.pubdate import (
    Candidate,
    Partial,
    StampLine,
    dateline_candidates,
    estimate_from_bounds,
    find_dates,
    infer,
    markup_candidates,
    parse_iso,
    parse_loose,
    point_estimate,
    publication_date,
    reference_candidates,
    stamp_candidates,
    url_candidates,
)
from newsgraph.extract.textscrape import parse_scrape

# --------------------------------------------------------------------------- reading dates


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Published 09:10 CEST03.02.2021", "2021-02-03"),  # glued to the zone
        ("11:05 GMT +511 March 2020", "2020-03-11"),  # offset +5, day 11
        ("23:59 EST -505.10.2019", "2019-10-05"),  # offset -5, day 05
        ("Posted on October 4, 2018 by staff", "2018-10-04"),
        ("Tue, 4 Dec 2018", "2018-12-04"),
        ("2020-01-31T23:00:00Z", "2020-01-31"),
        ("in November 2015", "2015-11"),
        ("on Feb. 3", "--02-03"),
        ("12/25/2019", "2019-12-25"),  # month first is the only valid reading
    ],
)
def test_find_dates(text: str, iso: str) -> None:
    assert find_dates(text)[0].partial.iso() == iso


def test_lower_case_month_words_are_not_dates() -> None:
    assert find_dates("thousands march 5 km to the square, and may 3 more follow") == []


def test_a_month_and_year_stays_a_month() -> None:
    # dateparser alone would say the 29th (today's day of month) without PREFER_DAY_OF_MONTH.
    assert parse_loose("In December 2016") == Partial(2016, 12)
    assert parse_loose("Sat, 05 Mar 2022 10:00:00 GMT") == Partial(2022, 3, 5)
    assert parse_loose("the 3rd of May") is None  # no year: not guessed
    assert parse_iso("2023-11-06T09:42:00+08:00") == Partial(2023, 11, 6)  # the page's local date


# --------------------------------------------------------------------------- markup and URL

PAGE = """<html><head>
<meta property="article:published_time" content="2021-05-04T23:30:00-04:00">
<meta property="article:modified_time" content="2021-05-06T08:00:00Z">
<meta name="DC.date.issued" content="2021-05-04">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebPage", "name": "x"},
  {"@type": "NewsArticle", "datePublished": "2021-05-04", "dateModified": "2021-05-07"}]}
</script></head><body><article><time datetime="2021-05-01">Saturday</time><p>Text.</p></article>
</body></html>"""


def test_markup_candidates_know_published_from_modified() -> None:
    found = {(c.source, c.value, c.role) for c in markup_candidates(PAGE)}
    assert ("html-meta:article:published_time", "2021-05-04", "published") in found
    assert ("html-meta:article:modified_time", "2021-05-06", "upper-bound") in found
    assert ("html-meta:DC.date.issued", "2021-05-04", "published") in found
    assert ("json-ld:datePublished", "2021-05-04", "published") in found
    assert ("json-ld:dateModified", "2021-05-07", "upper-bound") in found
    assert ("html-time", "2021-05-01", "published") in found


def test_markup_wins_over_a_bare_time_element() -> None:
    result = publication_date(text="Some text.", html=PAGE)
    assert (result.value, result.precision) == ("2021-05-04", "day")
    assert result.source in {"html-meta:article:published_time", "json-ld:datePublished"}
    assert result.confidence and result.confidence >= 0.9


def test_broken_markup_gives_no_candidates() -> None:
    assert markup_candidates("") == []
    bad_json = '<html><head><script type="application/ld+json">{nope</script></head></html>'
    assert markup_candidates(bad_json) == []


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://news.example/world/2019/03/08/talks-resume/", "2019-03-08"),
        ("https://news.example/politics/talks-resume-2019-03-08", "2019-03-08"),
        ("https://news.example/a/20190308/talks/", "2019-03-08"),
        ("https://news.example/2019/03/talks-resume", "2019-03"),
    ],
)
def test_url_dates(url: str, iso: str) -> None:
    (cand,) = url_candidates(url)
    assert cand.value == iso and cand.source == "url"


def test_a_url_without_a_date() -> None:
    assert url_candidates("https://news.example/world/article-12345678") == []


# --------------------------------------------------------------------------- stamps and clocks


def test_a_published_stamp_is_a_publication_date() -> None:
    (cand,) = stamp_candidates([StampLine("Published 09:10 CEST03.02.2021Updated 11:00 CEST03.02.2021", "x")])
    assert (cand.source, cand.value, cand.role) == ("byline", "2021-02-03", "published")
    assert cand.confidence >= 0.9


def test_posted_on_is_a_byline() -> None:
    (cand,) = stamp_candidates([StampLine("Posted on October 4, 2018 by the desk", "credit")])
    assert (cand.source, cand.value, cand.role) == ("byline", "2018-10-04", "published")


def test_a_time_with_an_update_part_is_the_article_stamp() -> None:
    (cand,) = stamp_candidates([StampLine("10:02 (GMT+2)11.04.2020 | updated 13:30", "dateline_clock")])
    assert (cand.value, cand.role) == ("2020-04-11", "published")


def test_a_bare_clock_beside_a_radio_player_is_not_a_publication_date() -> None:
    (cand,) = stamp_candidates([StampLine("11:05 GMT +511 March 2020", "dateline_clock", near_player=True)])
    assert (cand.source, cand.role) == ("page-clock", "upper-bound")
    assert cand.confidence <= 0.1
    assert "scrape" in cand.reason


def test_stamp_lines_of_a_scrape_see_the_player() -> None:
    page = "09:15 GMT +205 May 2021\nListen Live\nHeadline About The Port Strike\n\n" + (
        "ODESA, May 5 (Wire) — Dock workers went on strike on Wednesday, the union said. " * 3
    )
    lines = stamp_lines(parse_scrape(page))
    assert lines and lines[0].near_player and "05 May 2021" in lines[0].text


# --------------------------------------------------------------------------- dateline and references


def test_dateline_gives_month_and_day() -> None:
    (cand,) = dateline_candidates(story_dateline("KYIV, March 3 (Agency) — The council met on Friday."))
    assert (cand.value, cand.role) == ("--03-03", "month-day")
    (full,) = dateline_candidates(story_dateline("LIMA, Peru, Jan. 9, 2020 — Lawmakers voted."))
    assert (full.value, full.role) == ("2020-01-09", "published")
    assert dateline_candidates(story_dateline("The council met on Friday. KYIV, March 3 —")) == []


def _refs(text: str) -> set[tuple[str, str]]:
    return {(c.role, c.value) for c in reference_candidates(text)}


def test_a_dated_past_event_is_a_lower_bound() -> None:
    assert _refs("On March 2, the ministry announced new tariffs on steel.") == {("lower-bound", "--03-02")}
    assert _refs("In October 2014, the parliament approved the treaty.") == {("lower-bound", "2014-10")}


def test_a_dated_plan_is_an_upper_bound() -> None:
    assert _refs("The vote is scheduled for May 14.") == {("upper-bound", "--05-14")}
    assert _refs("The new rules will take effect on January 1, 2022.") == {("upper-bound", "2022-01-01")}


def test_a_quoted_plan_is_not_read_with_the_reporting_verb() -> None:
    text = '"Both sides will stop firing at noon on April 2," the envoy told reporters.'
    assert _refs(text) == {("upper-bound", "--04-02")}


def test_dates_that_bound_nothing_are_left_out() -> None:
    # "starting" introduces a period, not the event of the (past) clause; "until" likewise.
    assert _refs("The two sides agreed to a truce starting April 2.") == set()
    assert _refs("Talks ran until March 9.") == set()


# --------------------------------------------------------------------------- weighing


def _c(source: str, value: str, role: str, conf: float) -> Candidate:
    p = parse_iso(value) if not value.startswith("--") else Partial(None, *map(int, value[2:].split("-")))
    return Candidate(source, value, p.precision if p else "day", role, conf)


def test_yearless_references_take_the_year_of_the_dated_evidence() -> None:
    result = infer(
        [
            _c("text:past", "2013-11", "lower-bound", 0.75),
            _c("text:past", "--04-03", "lower-bound", 0.7),
            _c("text:future", "--04-20", "upper-bound", 0.7),
            _c("page-clock", "2016-01-30", "upper-bound", 0.1),
        ]
    )
    assert (result.lower, result.upper) == (date(2014, 4, 3), date(2014, 4, 20))
    assert (result.value, result.precision, result.source) == ("2014-04", "month", "inferred:text-bounds")


def test_a_clock_the_text_contradicts_is_not_the_date() -> None:
    text = (
        "ROME — Officials said on Tuesday that talks would continue. On May 4, the ministry "
        "announced a new round. In January 2012, the previous government signed the accord. "
        'The minister said: "The next round will open in Geneva on May 30."'
    )
    lines = [StampLine("06:15 GMT +122 August 2016", "dateline_clock", near_player=True)]
    result = publication_date(text=text, stamp_lines=lines)
    assert not result.value.startswith("2016")
    assert result.lower == date(2012, 5, 4) and result.upper == date(2012, 5, 30)
    assert "2012-05-04" <= point_estimate(result.lower, result.upper).isoformat() <= "2012-05-30"
    clock = next(c for c in result.candidates if c.source == "page-clock")
    assert clock.confidence <= 0.1


def test_a_clock_naming_the_datelines_day_is_the_article_stamp() -> None:
    text = "HANOI, Oct 2 (Wire) — Vietnam and Laos signed a rail accord on Monday, officials said."
    lines = [StampLine("18:40 ICT02 October 2017", "dateline_clock", near_player=True)]
    result = publication_date(text=text, stamp_lines=lines)
    assert (result.value, result.source) == ("2017-10-02", "page-clock+dateline")


def test_a_dateline_takes_its_year_from_the_clock_when_the_days_differ() -> None:
    text = "HANOI, Oct 2 (Wire) — Vietnam and Laos signed a rail accord on Monday, officials said."
    lines = [StampLine("18:40 ICT14 March 2018", "dateline_clock", near_player=True)]
    result = publication_date(text=text, stamp_lines=lines)
    assert (result.value, result.source) == ("2017-10-02", "inferred:dateline")
    assert result.confidence is not None and result.confidence < 0.75


def test_a_given_field_wins() -> None:
    result = publication_date(
        text="On March 2, the ministry announced tariffs.", field_value="2020-03-05T10:00Z"
    )
    assert (result.value, result.source, result.confidence) == ("2020-03-05", "field", 1.0)


def test_a_weak_direct_date_outside_the_bounds_loses() -> None:
    text = "In June 2019, the court ruled against the company. The appeal will be heard on July 30, 2019."
    result = publication_date(text=text, htmldate="2021-02-01")
    assert result.source == "inferred:text-bounds" and result.value == "2019-07"
    htmldate = next(c for c in result.candidates if c.source == "htmldate")
    assert "outside" in htmldate.reason


def test_nothing_known_gives_nothing() -> None:
    result = publication_date(text="The council met and agreed.")
    assert (result.value, result.precision, result.confidence) == ("", "", None)


def test_inconsistent_bounds_drop_the_less_confident() -> None:
    result = infer(
        [
            _c("text:past", "2020-05-01", "lower-bound", 0.75),
            _c("page-clock", "2019-01-01", "upper-bound", 0.1),
        ]
    )
    assert result.lower == date(2020, 5, 1) and result.upper is None


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@given(a=dates, b=dates)
def test_the_estimate_lies_within_consistent_bounds(a: date, b: date) -> None:
    lower, upper = min(a, b), max(a, b)
    value, precision, _ = estimate_from_bounds(lower, upper)
    point = point_estimate(lower, upper)
    assert lower <= point <= upper
    assert point.isoformat().startswith(value)
    period = parse_iso(value)
    assert period is not None and period.precision == precision
    assert period.first() <= upper and period.last() >= lower  # the named period overlaps the range


@given(a=dates, b=dates)
def test_infer_stays_within_bounds_from_the_text(a: date, b: date) -> None:
    lower, upper = min(a, b), max(a, b)
    result = infer(
        [
            _c("text:past", lower.isoformat(), "lower-bound", 0.75),
            _c("text:future", upper.isoformat(), "upper-bound", 0.75),
            _c("page-clock", (upper + timedelta(days=900)).isoformat(), "upper-bound", 0.1),
        ]
    )
    assert (result.lower, result.upper) == (lower, upper)
    period = parse_iso(result.value)
    assert period is not None and period.first() <= upper and period.last() >= lower


# --------------------------------------------------------------------------- real pages


def test_the_shared_sample_page(sample_page: Path) -> None:
    scrape = parse_scrape(sample_page.read_text(encoding="utf-8"))
    result = publication_date(text=scrape.body, stamp_lines=stamp_lines(scrape))
    assert not result.value.startswith("2019")
    assert result.lower is not None and result.upper is not None
    assert date(2017, 6, 20) <= result.lower <= result.upper <= date(2017, 7, 9)
    assert "2017-06-20" <= result.value <= "2017-07-09"
    assert result.source.startswith("inferred:")
    clock = next(c for c in result.candidates if c.source == "page-clock")
    assert clock.value == "2019-12-07" and clock.role != "published" and clock.confidence <= 0.1


@pytest.mark.parametrize("name", sorted(p.name for p in (EXAMPLES / "text").glob("*.txt")))
def test_text_scrape_examples(name: str) -> None:
    import json

    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))[f"text/{name}"]
    scrape = parse_scrape((EXAMPLES / "text" / name).read_text(encoding="utf-8"))
    result = publication_date(text=scrape.body, stamp_lines=stamp_lines(scrape))
    assert (result.value, result.precision) == (expected["published"], "day")
    assert result.source in {"byline", "page-clock+dateline"}
