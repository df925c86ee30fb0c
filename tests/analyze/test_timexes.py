"""Time expressions: found, normalised against a fixed anchor, spans exact."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.analyze.pipeline import MODEL
from newsgraph.analyze.timexes import timexes
from newsgraph.records import Timex

ANCHOR = "2017-07-07"  # a Friday


@pytest.fixture(scope="module")
def nlp():
    import spacy

    return spacy.load(MODEL)


def found(nlp, text: str, anchor: str = ANCHOR, precision: str = "day") -> list[Timex]:
    doc = nlp.make_doc(text)
    doc._.article_id = "a1"
    doc._.published = anchor
    doc._.published_precision = precision
    return timexes(nlp(doc))


def values(nlp, text: str, **kw: str) -> dict[str, str]:
    return {t.text: t.value for t in found(nlp, text, **kw)}


@pytest.mark.parametrize(
    ("text", "phrase", "value", "precision"),
    [
        ("On June 20, the ministry announced new rules.", "June 20", "2017-06-20", "day"),
        ("In December 2016, the council approved a budget.", "December 2016", "2016-12", "month"),
        ("The truce will take effect on July 9.", "July 9", "2017-07-09", "day"),
        ("The clubs met on 3 March 2015 in Oslo.", "3 March 2015", "2015-03-03", "day"),
        ("The deal was signed on Aug. 7, 1998.", "Aug. 7, 1998", "1998-08-07", "day"),
        ("Up until Wednesday, the parties have been trying to agree.", "Wednesday", "2017-07-05", "day"),
        ("Earlier in the day, the mayor spoke to reporters.", "Earlier in the day", "2017-07-07", "day"),
        ("The talks wrapped up a day before.", "a day before", "2017-07-06", "day"),
        ("The report came out a day earlier.", "a day earlier", "2017-07-06", "day"),
        ("Prices fell last week.", "last week", "2017-W26", "week"),
        ("Rates will rise next month.", "next month", "2017-08", "month"),
        ("The mayor resigned on Tuesday.", "Tuesday", "2017-07-04", "day"),
        ("Sales grew strongly this year.", "this year", "2017", "year"),
        ("Sales fell in 2016.", "2016", "2016", "year"),
        ("Crime rose sharply in the 1990s.", "the 1990s", "199", "decade"),
        ("Two years ago the plant closed.", "Two years ago", "2015", "year"),
        ("The minister arrived yesterday.", "yesterday", "2017-07-06", "day"),
        ("The minister speaks today.", "today", "2017-07-07", "day"),
        ("The band plays tonight.", "tonight", "2017-07-07TNI", "day"),
        ("Profit rose in the third quarter of 2016.", "the third quarter of 2016", "2016-Q3", "quarter"),
        ("Profit rose in the second quarter.", "the second quarter", "2017-Q2", "quarter"),
        ("The sirens sounded at midday.", "midday", "2017-07-07T12:00", "day"),
        ("The blast came at 10:35 a.m. on the square.", "10:35 a.m.", "2017-07-07T10:35", "day"),
        ("The strike lasted two weeks.", "two weeks", "P2W", "duration"),
        ("The paper is printed daily.", "daily", "P1D", "set"),
        ("The rules apply now.", "now", "PRESENT_REF", "relative"),
        ("Turnout fell last year.", "last year", "2016", "year"),
        ("Visitors came over the weekend.", "the weekend", "2017-W26-WE", "week"),
        ("The law dates from the 19th century.", "the 19th century", "18", "century"),
        ("She stayed for 2 1/2 years.", "2 1/2 years", "P2Y6M", "duration"),
    ],
)
def test_expressions(nlp, text: str, phrase: str, value: str, precision: str) -> None:
    got = {t.text: t for t in found(nlp, text)}
    assert phrase in got, f"{phrase!r} not found in {list(got)}"
    assert (got[phrase].value, got[phrase].precision) == (value, precision)


def test_month_is_not_filled_with_a_day(nlp) -> None:
    # dateparser alone fills the day from its base date; a named month stays a month.
    assert values(nlp, "In December 2016, it snowed.") == {"December 2016": "2016-12"}
    assert values(nlp, "It snowed in December.")["December"] == "2016-12"


def test_tense_decides_the_direction(nlp) -> None:
    assert values(nlp, "The leaders met on Tuesday.")["Tuesday"] == "2017-07-04"
    assert values(nlp, "The leaders will meet on Tuesday.")["Tuesday"] == "2017-07-11"
    assert values(nlp, "The summit opened on September 20.")["September 20"] == "2016-09-20"
    assert values(nlp, "The summit will open on June 20.")["June 20"] == "2018-06-20"


def test_month_precision_anchor_never_invents_a_day(nlp) -> None:
    got = {t.text: t for t in found(nlp, "On Wednesday he left; yesterday he returned.", "2017-07", "month")}
    assert (got["Wednesday"].value, got["Wednesday"].precision) == ("2017-07", "month")
    assert got["Wednesday"].rule.endswith(":anchor-month")
    assert got["yesterday"].value == "2017-07"
    # What needs only the month still resolves.
    assert values(nlp, "Prices rose last month.", anchor="2017-07", precision="month") == {
        "last month": "2017-06"
    }


def test_no_anchor_gives_unresolved_values(nlp) -> None:
    got = {t.text: t for t in found(nlp, "He left on Wednesday, in June 2015.", "", "")}
    assert got["Wednesday"].value == "XXXX-WXX-3"
    assert got["Wednesday"].precision == "relative"
    assert got["June 2015"].value == "2015-06"


def test_not_time_expressions(nlp) -> None:
    text = "It may rain. The 6-year-old boy saw 1500 troops and a second round of talks."
    assert found(nlp, text) == []


def test_records_carry_provenance(nlp) -> None:
    (t,) = found(nlp, "Talks ended. They resume on Friday.")
    assert t.article_id == "a1"
    assert t.sentence == 1
    assert t.rule == "day:weekday"


def test_component_sets_doc_extension() -> None:
    import spacy

    import newsgraph.analyze.timexes  # noqa: F401 - registers the factory

    nlp = spacy.load(MODEL)
    nlp.add_pipe("newsgraph_timexes")
    doc = nlp.make_doc("The vote was held on June 20.")
    doc._.published = ANCHOR
    doc._.published_precision = "day"
    doc = nlp(doc)
    assert [(t.text, t.value) for t in doc._.timexes] == [("June 20", "2017-06-20")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                *"abcdefghijklmnopqrstuvwxyz ABCDEFJMNOSTW0123456789.,:-/'$%\n",
                *(
                    "June ",
                    "May ",
                    "Friday ",
                    "last ",
                    "week",
                    "ago",
                    " 2017",
                    "the ",
                    "a.m.",
                    "quarter",
                    " 1/2 ",
                ),
            ]
        ),
        max_size=60,
    ).map("".join),
    st.sampled_from([("2017-07-07", "day"), ("2017-07", "month"), ("2017", "year"), ("", ""), ("junk", "")]),
)
def test_any_text_never_raises_and_spans_are_exact(nlp, text: str, anchor: tuple[str, str]) -> None:
    for t in found(nlp, text, *anchor):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.value


def test_sample_page(nlp, sample_page: Path) -> None:
    from newsgraph.extract import extract
    from newsgraph.sources.raw import RawDocument

    article = extract(RawDocument(uri=str(sample_page), kind="text", content=sample_page.read_bytes()))
    got = {t.text: t.value for t in found(nlp, article.text, "2017-07-07", "day")}
    assert got["June 20"] == "2017-06-20"
    assert got["December 2016"] == "2016-12"
    assert got["July 9"] == "2017-07-09"
    assert got["Wednesday"] == "2017-07-05"
    assert got["earlier in the day"] == "2017-07-07"
