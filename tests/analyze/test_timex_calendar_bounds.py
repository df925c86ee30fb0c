"""Time expressions whose day would fall outside years 1 to 9999 ("10,000,000 days ago", a page
dated 9999-12-31 saying "tomorrow"): a relative value or none, never an OverflowError that takes
every other time expression of the article with it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.analyze.pipeline import MODEL
from newsgraph.analyze.timexes.resolve import timexes
from newsgraph.records import Timex


@pytest.fixture(scope="module")
def nlp():
    import spacy

    return spacy.load(MODEL)


def found(nlp, text: str, anchor: str) -> list[Timex]:
    doc = nlp.make_doc(text)
    doc._.article_id = "a1"
    doc._.published = anchor
    doc._.published_precision = "day"
    return timexes(nlp(doc))


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("It happened 10000000 days ago.", "10000000 days ago"),
        ("It happened 900000 weeks ago.", "900000 weeks ago"),
        ("The city was founded 4000 years ago.", "4000 years ago"),
        ("It happened 30000 months ago.", "30000 months ago"),
    ],
)
def test_a_shift_before_year_one_is_past_ref(nlp, text: str, expression: str) -> None:
    values = {t.text: t.value for t in found(nlp, text + " The talks resumed on Monday.", "2024-05-01")}
    assert values[expression] == "PAST_REF"
    assert values["Monday"] == "2024-04-29"  # the article's other expressions are still there


@pytest.mark.parametrize("anchor", ["9999-12-31", "0001-01-01"])
def test_an_anchor_at_the_calendars_edge_does_not_fail(nlp, anchor: str) -> None:
    text = (
        "Tomorrow the talks resume. Next year they end. Yesterday he left. Last week it rained. "
        "The following year it ended. Next month and next Friday. Last spring and this weekend."
    )
    got = {t.text: t.value for t in found(nlp, text, anchor)}
    # Those within the calendar keep their values; those past its edge have none.
    if anchor.startswith("9999"):
        assert got["Yesterday"] == "9999-12-30" and "Tomorrow" not in got
    else:
        assert got["Tomorrow"] == "0001-01-02" and "Yesterday" not in got
    assert all(got.values())


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=10**12),
    unit=st.sampled_from(["days", "weeks", "months", "years", "decades"]),
    rel=st.sampled_from(["ago", "earlier", "later"]),
    year=st.integers(min_value=1, max_value=9999),
)
def test_any_count_of_any_unit_from_any_anchor_resolves_or_is_relative(nlp, n, unit, rel, year) -> None:
    got = found(nlp, f"It happened {n} {unit} {rel}.", f"{year:04d}-06-15")
    assert all(t.value for t in got)
