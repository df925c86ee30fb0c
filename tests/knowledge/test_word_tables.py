"""Word lists as tables: groups in file order and as regex alternations, the time words every date
pattern is built from, and guards against the same knowledge being written in two places."""

from __future__ import annotations

import re
from datetime import date

import pytest

from newsgraph.analyze.quotes.speakers import TITLE_WORDS
from newsgraph.analyze.timexes.calendar import HOLIDAYS
from newsgraph.knowledge import tables, time_words
from newsgraph.knowledge.roles import roles


def test_listed_keeps_file_order_and_pattern_escapes_words() -> None:
    assert tables.listed("timex_words.tsv", "edge")[:3] == ("early", "late", "mid")
    alternation = tables.pattern("page_words.tsv", "name_joiner")
    assert re.fullmatch(alternation, "&") and not re.fullmatch(alternation, "x")
    spaced = tables.pattern("timex_words.tsv", "modifier", spaces=r"\s+")
    assert re.fullmatch(spaced, "more  than") and not re.fullmatch(
        tables.pattern("timex_words.tsv", "modifier"), "more  than"
    )
    with pytest.raises(tables.TableError, match="no group"):
        tables.listed("timex_words.tsv", "nothing_here")


def test_month_names_numbers_and_ordinals_come_from_the_time_words() -> None:
    written = re.compile(time_words.month_names("written"))
    assert written.fullmatch("Sept") and written.fullmatch("MARCH") and not written.fullmatch("march")
    assert re.fullmatch(time_words.month_names(), "dec", re.I)
    assert [time_words.month_number(m) for m in ("Sept.", "MAY", "june", "Mayo")] == [9, 5, 6, None]
    assert time_words.numerals(1, 9)[0] == "one" and "a" not in time_words.numerals(1, 9)
    assert time_words.numerals(20, 90, 10)[-1] == "ninety"
    assert time_words.ordinals(2) == ("first", "second", "1st", "2nd")


def test_holidays_table_gives_the_days() -> None:
    assert HOLIDAYS["thanksgiving"](2020) == date(2020, 11, 26)
    assert HOLIDAYS["election day"](2020) == date(2020, 11, 3)  # the Tuesday after the first Monday
    assert HOLIDAYS["good friday"](2020) == date(2020, 4, 10)
    assert HOLIDAYS["christmas eve"](2019) == date(2019, 12, 24)


def test_speaker_titles_read_roles_and_no_word_is_written_twice() -> None:
    person_roles = {p for p, r in roles().items() if r.applies != "body" and " " not in p}
    extra = tables.group("speaker_words.tsv", "title")
    excluded = tables.group("speaker_words.tsv", "not_title")
    assert not extra & person_roles, "a title that roles.tsv has is read from there"
    assert excluded <= person_roles, "not_title only takes back roles of roles.tsv"
    assert "minister" in TITLE_WORDS and "aide" in TITLE_WORDS and "businessman" not in TITLE_WORDS
