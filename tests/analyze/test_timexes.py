"""Time expressions: found, normalised against a fixed anchor, spans exact."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.analyze.pipeline import MODEL
from newsgraph.analyze.timexes.resolve import timexes
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


# ---------------------------------------------------------------- tense cues beyond the verb's own tense
@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # A weekday owning an event ("Wednesday's ruling") happened; the "'s" stays outside the extent.
        ("Lawyers will study Wednesday's ruling next week.", "Wednesday", "2017-07-05"),
        # A reduced relative clause is done, even under a future verb.
        ("They will appeal the decision, announced Wednesday by the court.", "Wednesday", "2017-07-05"),
        # An infinitive under a planning word points ahead, even in the past tense ...
        ("The team planned to leave on Tuesday for the coast.", "Tuesday", "2017-07-11"),
        ("The talks are set to resume Monday in the capital.", "Monday", "2017-07-10"),
        # ... unless the plan itself lies in the past (past perfect).
        ("The offer had been due to expire Thursday.", "Thursday", "2017-07-06"),
        # Planning verbs name the day planned for.
        ("Officials postponed the vote until Monday.", "Monday", "2017-07-10"),
        ("The mayor scheduled a news conference Tuesday.", "Tuesday", "2017-07-11"),
        ("He said the delegation could arrive as soon as Tuesday.", "Tuesday", "2017-07-11"),
    ],
)
def test_tense_cues(nlp, text: str, phrase: str, value: str) -> None:
    assert values(nlp, text).get(phrase) == value


def test_near_month_day_in_past_tense_is_the_coming_one(nlp) -> None:
    # Past tense, but a date within two months ahead is this year's, not almost a year old ...
    assert values(nlp, "The board said the offer was extended to Aug. 31.")["Aug. 31"] == "2017-08-31"
    # ... unless a period "ended" on it.
    assert values(nlp, "Sales fell in the year ended Aug. 31.")["Aug. 31"] == "2016-08-31"
    # Far-off dates keep the past tense.
    assert values(nlp, "The summit was held on November 20.")["November 20"] == "2016-11-20"


def test_spelled_out_years(nlp) -> None:
    assert values(nlp, "The plant closed in nineteen ninety-six.")["nineteen ninety-six"] == "1996"
    assert values(nlp, "Unemployment is to be halved by the year two thousand.") == {
        "the year two thousand": "2000"
    }
    assert (
        values(nlp, "It snowed in January nineteen eighty-two.")["January nineteen eighty-two"] == "1982-01"
    )


def test_year_naming_an_event_is_a_year(nlp) -> None:
    assert values(nlp, "Police linked him to the 1996 bombing.") == {"1996": "1996"}
    assert values(nlp, "The group recalled its 1990 invasion of the valley.") == {"1990": "1990"}


def test_duration_extents_and_units(nlp) -> None:
    got = {t.text: t.value for t in found(nlp, "The envoy spent about five hours in the city.")}
    assert got == {"five hours": "PT5H"}
    assert values(nlp, "Prices were the lowest for two decades.")["two decades"] == "P20Y"
    assert values(nlp, "The pilot called a minute and a half later.") == {"a minute and a half": "PT1M30S"}
    # "later" is TimeBank's signal, outside the duration.
    assert values(nlp, "Three days later, the talks resumed.") == {"Three days": "P3D"}
    # A rate is not a stretch of time.
    assert values(nlp, "The deal saves the firm $2 million a year.") == {}


EARNINGS_ANCHOR = "2017-10-20"


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        (
            "Profit rose in the third quarter. The latest period had no one-time gains.",
            "The latest period",
            "2017-Q3",
        ),
        (
            "Profit rose in the third quarter, compared with year-earlier profit of $3 million.",
            "year-earlier",
            "2016-Q3",
        ),
        (
            "Profit rose in the third quarter. In the year-ago period it fell.",
            "the year-ago period",
            "2016-Q3",
        ),
        ("Profit rose in the third quarter. The 2016 period had a charge.", "The 2016 period", "2016-Q3"),
        (
            "Net was $5 million, against $4 million for the corresponding period last year.",
            "the corresponding period last year",
            "2016-Q3",
        ),
        ("Net income in the year-ago third quarter was $2 million.", "the year-ago third quarter", "2016-Q3"),
        ("Revenue for the quarter ended Sept. 30 rose.", "the quarter", "2017-Q3"),
        ("Bookings in the current quarter began well.", "the current quarter", "2017-Q4"),
        ("The spin-off may be done by next year's first quarter.", "next year's first quarter", "2018-Q1"),
        ("Net income for the year ended March 31 rose.", "the year", "P1Y"),
        ("For the year, volume was flat.", "the year", "2017"),
        ("The deal should close by year-end.", "year-end", "2017"),
        ("Sales were hurt by current market conditions.", "current", "PRESENT_REF"),
        ("Sales will rise in the current fiscal year.", "the current fiscal year", "2017"),
    ],
)
def test_earnings_wording(nlp, text: str, phrase: str, value: str) -> None:
    assert values(nlp, text, anchor=EARNINGS_ANCHOR).get(phrase) == value


def test_that_year_holidays_and_seasons(nlp) -> None:
    assert values(nlp, "He fled in 1998 and returned later that year.")["later that year"] == "1998"
    assert values(nlp, "The boy was found on Thanksgiving Day.")["Thanksgiving Day"] == "2016-11-24"
    assert values(nlp, "Pilgrims prayed as Easter week began.")["Easter week"] == "2017-W15"
    assert values(nlp, "Sales slowed over the summer.", anchor=EARNINGS_ANCHOR)["the summer"] == "2017-SU"
    assert (
        values(nlp, "It shut the unit this past spring.", anchor=EARNINGS_ANCHOR)["this past spring"]
        == "2017-SP"
    )
    assert values(nlp, "Groups grew through the nineties.")["the nineties"] == "199"


def test_clock_time_with_its_day(nlp) -> None:
    got = values(nlp, "The offer was extended until 5 p.m. EST Nov. 9.", anchor=EARNINGS_ANCHOR)
    assert got == {"5 p.m. EST Nov. 9": "2017-11-09T17:00"}
    # A lowercase word after the time is not a time zone.
    assert values(nlp, "They met at 5 p.m. and left.") == {"5 p.m.": "2017-07-07T17:00"}
    assert values(nlp, "Shares were up at mid-afternoon yesterday.") == {
        "mid-afternoon yesterday": "2017-07-06TAF"
    }
    assert values(nlp, "Buyers came in the morning.") == {"the morning": "2017-07-07TMO"}


def test_sets_and_previous_weekday(nlp) -> None:
    got = values(nlp, "Flights leave each Thursday, and the fair opens each July.")
    assert got == {"each Thursday": "XXXX-WXX-4", "each July": "XXXX-07"}
    got = values(nlp, "The index fell Friday, down from the previous Friday.", anchor="2017-07-10")
    assert got == {"Friday": "2017-07-07", "the previous Friday": "2017-06-30"}


def test_an_amount_is_never_a_year(nlp) -> None:
    # The 100,000-document soak dated events to the year 1002 from "offered 1002 million dollars".
    for text in (
        "Poland had offered 1002 million dollars towards a water treaty.",
        "The fund paid 1500 euros to each family.",
        "Turnout rose 2016 per cent, the joke went.",
    ):
        assert values(nlp, text) == {}, text
    paid = "Poland signed the treaty in 1999 after paying 1500 million dollars."
    assert values(nlp, paid) == {"1999": "1999"}
