"""The time-expression finder and normaliser: regex rules over the text, pure.

Each rule is a named pattern plus a resolver that turns a match into a TIMEX3 value and a
precision, given a `Context` (the anchor, the tense around the match, the last day mentioned).
Spans follow TIMEX3 extent conventions: prepositions ("on", "in", "until") stay outside,
determiners and modifiers ("the", "early", "about", "last") inside.

Values (TIMEX3): dates `2017-06-20`, `2017-06-20T10:35`, `2017-06-20TMO` (part of day), months
`2017-06`, years `2017`, weeks `2017-W27`, weekends `2017-W27-WE`, quarters `2017-Q3`, halves
`2017-H1`, seasons `2017-SU`, decades `199` (the 1990s), centuries `19` (the 20th century);
durations `P3Y`, `P2W`, `PT5H`, `PXY` (unspecified count); sets `P1D` (daily); and the references
`PRESENT_REF`, `PAST_REF`, `FUTURE_REF`. Precision: day, week, month, quarter, half, season, year,
decade, century, duration, set, relative (a reference, or anything relative without an anchor).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import dateparser

from newsgraph.analyze.timexes import calendar as cal
from newsgraph.analyze.timexes.lexicon import (
    alternation,
    lookup,
    number_regex,
    numerals,
    ordinals,
    parse_number,
)
from newsgraph.knowledge.tables import group, pattern

Resolved = tuple[str, str] | None  # (value, precision)


@dataclass
class Context:
    """What a resolver may know beyond its match."""

    anchor: cal.Anchor
    direction: Callable[[int, int], int] = lambda start, end: 0  # -1 past, +1 future, 0 unknown
    sentence_of: Callable[[int], int] = lambda offset: 0
    # Day-precision dates already resolved in this text: (start, sentence, date), in text order.
    days: list[tuple[int, int, date]] = field(default_factory=list)
    capped: bool = False  # set by a resolver when the anchor's precision capped the value
    # Quarters already resolved: (start, sentence, year, quarter), for "a year ago" in earnings news.
    quarters: list[tuple[int, int, int, int]] = field(default_factory=list)

    def ref_day(self, start: int, same_sentence: bool = True) -> date | None:
        """The reference day for "a day before", "that day", times of day: the last explicit day
        before `start` (in the same sentence unless told otherwise), else the anchor."""
        sentence = self.sentence_of(start)
        for s, sent, day in reversed(self.days):
            if s < start and (not same_sentence or sent == sentence):
                return day
        return self.anchor.day if self.anchor.known else None

    def near_day(self, start: int) -> date | None:
        """For a clock time: the explicit day nearest it in its sentence, before or after
        ("10:35 a.m. (0735 GMT) Friday"), else the anchor. Times are resolved after dates."""
        sentence = self.sentence_of(start)
        same = [(abs(s - start), day) for s, sent, day in self.days if sent == sentence]
        if same:
            return min(same, key=lambda item: item[0])[1]
        return self.anchor.day if self.anchor.known else None

    def focus_quarter(self, start: int) -> tuple[int, int] | None:
        """The quarter an earnings story is about: the first one it names (the lead states the
        reported quarter; later ones are comparisons and outlooks), else the last complete quarter
        before the anchor (a report in October is about July-September)."""
        named = [(y, q) for s, _, y, q in self.quarters if s < start]
        if named:
            return named[0]
        if not self.anchor.known:
            return None
        assert self.anchor.day is not None
        year, month = cal.add_months(self.anchor.day.year, (cal.quarter_of(self.anchor.day) - 1) * 3 + 1, -3)
        return year, (month - 1) // 3 + 1

    def anchored(self, day: date, precision: str) -> Resolved:
        """A value computed from the anchor, capped to the anchor's precision."""
        if not self.anchor.known:
            # Computed from an explicit date in the sentence, not from the (missing) anchor.
            return cal.format_value(day, precision), precision
        value, prec, capped = cal.cap_to_anchor(day, precision, self.anchor)
        self.capped = self.capped or capped
        return value, prec


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], Context], Resolved]

    def apply(self, m: re.Match[str], ctx: Context) -> Resolved:
        """``resolve``, except that an expression whose day falls outside the calendar Python
        can write (years 1 to 9999: "10000000 days ago", "tomorrow" on a page dated 9999-12-31)
        gets no value instead of failing the whole article's time expressions."""
        try:
            return self.resolve(m, ctx)
        except OverflowError:
            return None
        except ValueError as exc:
            if "out of range" in str(exc):
                return None
            raise


# ---------------------------------------------------------------- regex pieces
MONTH = alternation("month", abbrev_dot=True)
WEEKDAY = alternation("weekday")
NUM = number_regex()
UNIT = alternation("unit")
SEASON = alternation("season")
PART = alternation("partofday")
DIGIT_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_UNITS = f"(?:{'|'.join(numerals(1, 9))})"
_TEENS = f"(?:{'|'.join(numerals(10, 19))})"
_TENS_W = f"(?:{'|'.join(numerals(20, 90, 10))})"
# Years as broadcast transcripts write them: "nineteen ninety-six", "the year two thousand".
SPELLED_YEAR = (
    rf"(?:(?:eighteen|nineteen)\s+(?:{_TENS_W}(?:[-\s]{_UNITS})?|{_TEENS}|hundred)"
    rf"|(?<=year\s)two\s+thousand(?:\s+and)?(?:\s+{_UNITS})?)"
)
YEAR = rf"(?:{DIGIT_YEAR}|{SPELLED_YEAR})"
DAYNUM = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
B = r"(?<![\w$£€./:-])"  # left boundary: not inside a word, number, amount or path
E = r"(?![\w%]|[.,:/-]\d)"  # right boundary: not followed by more word or number
_WORDS = "timex_words.tsv"
_SPACES = r"\s+"
MOD = rf"(?:{pattern(_WORDS, 'modifier', spaces=_SPACES)}\s+)"
# TimeBank leaves "about", "only" and "just" outside a duration's extent ("spent about [five hours]").
DUR_MOD = rf"(?:{pattern(_WORDS, 'duration_modifier', spaces=_SPACES)}\s+)"
EDGE = rf"(?:{pattern(_WORDS, 'edge', spaces=_SPACES)}[\s-]+)"
# A number an amount word follows ("offered 1002 million dollars", "1500 euros") is no year.
NOT_AMOUNT = rf"(?!\s+{pattern(_WORDS, 'amount_word', spaces=_SPACES)}\b)"
REFWORDS = alternation("ref")
HOLIDAY = (
    "(?:"
    + "|".join(
        re.escape(h).replace(r"\ ", r"\s+").replace("'", "['’]")
        for h in sorted(cal.HOLIDAYS, key=len, reverse=True)
    )
    + ")"
)
SETWORDS = alternation("set")
QUARTER_ORD = "|".join(ordinals(4))
HALF_ORD = "|".join(ordinals(2))
# "the nineties": the tens as decades.
DECADE_WORDS = "|".join(w[:-1] + "ies" for w in numerals(20, 90, 10))
UNIT_LETTER = {"D": "day", "W": "week", "M": "month", "Y": "year", "Q": "quarter", "DE": "decade"}


def _year(text: str) -> int:
    """A year in digits or words ("1996", "nineteen ninety-six", "two thousand and one")."""
    t = re.sub(r"[\s-]+", " ", text.lower().strip())
    if t.isdigit():
        return int(t)
    words = t.split(" ")
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + (int(parse_number(rest[0]) or 0) if rest else 0)  # type: ignore[arg-type]
    century = 18 if words[0] == "eighteen" else 19
    tail = " ".join(words[1:])
    n = 0 if tail == "hundred" else parse_number(tail)
    return century * 100 + int(n or 0)  # type: ignore[arg-type]


def _month_num(text: str) -> int:
    return int(lookup("month", text) or 0)


def _weekday_num(text: str) -> int:
    return int(lookup("weekday", text) or 0)


def _capitalised(text: str) -> bool:
    return text[:1].isupper()


def _dir_word(word: str | None) -> int | None:
    """Explicit direction words override tense."""
    if not word:
        return None
    w = word.lower().split()[0]
    if w in group(_WORDS, "past_word"):
        return -1
    if w in group(_WORDS, "future_word"):
        return 1
    return 0 if w in group(_WORDS, "present_word") else None


# ---------------------------------------------------------------- resolvers
@cache
def _dateparser_day(text: str) -> date | None:
    """A fully explicit date ("20 June 2017", "06/20/2017", "2017-06-20") through dateparser, with
    settings that forbid it from filling any part from today (it would fill the day otherwise)."""
    try:
        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PREFER_DAY_OF_MONTH": "first",
                "DATE_ORDER": "MDY",
                "PARSERS": ["absolute-time"],
            },
        )
    except Exception:  # dateparser raises assorted errors on odd input; treat as no date
        return None
    return parsed.date() if parsed else None


def r_full_date(m: re.Match[str], ctx: Context) -> Resolved:
    mon = m.group("mon")
    if mon and not _capitalised(mon):
        return None
    if mon:
        try:
            day = date(_year(m.group("year")), _month_num(mon), int(re.sub(r"\D", "", m.group("day"))))
        except ValueError:
            return None
    else:
        day = _dateparser_day(m.group("date"))
        if day is None:
            return None
    ctx.days.append((m.start(), ctx.sentence_of(m.start()), day))
    return day.isoformat(), "day"


def r_month_day(m: re.Match[str], ctx: Context) -> Resolved:
    mon = m.group("mon")
    if not _capitalised(mon):
        return None
    month, dnum = _month_num(mon), int(re.sub(r"\D", "", m.group("day")))
    if not ctx.anchor.known:
        return f"XXXX-{month:02d}-{dnum:02d}", "relative"
    assert ctx.anchor.day is not None
    direction = ctx.direction(m.start(), m.end())
    # "the quarter ended Sept. 30": a period that ended on the day puts it in the past, however near.
    ended = bool(re.search(r"\bended\s+(?:on\s+)?$", m.string[max(0, m.start() - 10) : m.start()].lower()))
    day = cal.month_day_date(
        ctx.anchor.day, month, dnum, -1 if ended else direction, ctx.anchor.precision, ended
    )
    if day is None:
        day = cal.month_day_date(ctx.anchor.day, month, dnum, 0, ctx.anchor.precision)
    if day is None:
        return None
    if ctx.anchor.precision == "year" and day.year != ctx.anchor.day.year:
        day = date(ctx.anchor.day.year, day.month, day.day)
    ctx.days.append((m.start(), ctx.sentence_of(m.start()), day))
    return day.isoformat(), "day"


def r_month_year(m: re.Match[str], ctx: Context) -> Resolved:
    mon = m.group("mon")
    if not _capitalised(mon):
        return None
    return f"{_year(m.group('year')):04d}-{_month_num(mon):02d}", "month"


_PREP_BEFORE = re.compile(rf"\b{pattern(_WORDS, 'month_preposition')}[\s-]+$")


def r_month(m: re.Match[str], ctx: Context) -> Resolved:
    mon = m.group("mon")
    if not _capitalised(mon):
        return None
    # "May" and "March" are also a modal and a noun/verb: a bare one needs a time-ish word before it.
    before = m.string[max(0, m.start() - 12) : m.start()].lower()
    if mon.lower().rstrip(".") in group(_WORDS, "ambiguous_month") and not (
        m.group("det") or _PREP_BEFORE.search(before)
    ):
        return None
    month = _month_num(mon)
    if not ctx.anchor.known:
        return f"XXXX-{month:02d}", "relative"
    assert ctx.anchor.day is not None
    a = ctx.anchor.day
    word = _dir_word(m.group("det"))
    if word == -1:
        year = a.year if month < a.month else a.year - 1
    elif word == 1:
        year = a.year if month > a.month else a.year + 1
    elif word == 0:
        year = a.year
    else:
        year = cal.month_year(a, month, ctx.direction(m.start(), m.end()))
    if ctx.anchor.precision == "year":
        year = a.year
    return f"{year:04d}-{month:02d}", "month"


def r_month_rel_year(m: re.Match[str], ctx: Context) -> Resolved:
    """ "June last year", "January this year"."""
    mon = m.group("mon")
    if not _capitalised(mon):
        return None
    if not ctx.anchor.known:
        return f"XXXX-{_month_num(mon):02d}", "relative"
    assert ctx.anchor.day is not None
    year = ctx.anchor.day.year + {"last": -1, "next": 1}.get(m.group("det").lower(), 0)
    return f"{year:04d}-{_month_num(mon):02d}", "month"


def r_weekday(m: re.Match[str], ctx: Context) -> Resolved:
    wd = _weekday_num(m.group("wd"))
    part = m.group("part")
    # "Friday night" stays the day: the night runs past midnight, the day is what a reader asks for.
    code = lookup("partofday", part) if part and part.lower() != "night" else None
    if not ctx.anchor.known:
        return f"XXXX-WXX-{wd}", "relative"
    assert ctx.anchor.day is not None
    det = " ".join((m.group("det") or "").lower().split())
    if det.startswith("the "):
        # "the previous Friday", "the following Monday": counted from the day in focus, not the anchor.
        ref = ctx.ref_day(m.start(), same_sentence=False) or ctx.anchor.day
        if det.endswith("following"):
            day = cal.weekday_date(ref + timedelta(days=1), wd, 1)
        else:
            day = cal.weekday_date(ref - timedelta(days=1), wd, -1)
        ctx.days.append((m.start(), ctx.sentence_of(m.start()), day))
        return ctx.anchored(day, "day")
    word = _dir_word(m.group("det"))
    direction = word if word is not None else ctx.direction(m.start(), m.end())
    if word == -1:
        # "last Friday": the one before the anchor's own (TIMEX3 reads it as the most recent past one).
        day = cal.weekday_date(ctx.anchor.day - timedelta(days=1), wd, -1)
    elif word == 1:
        day = cal.weekday_date(ctx.anchor.day + timedelta(days=1), wd, 1)
    else:
        day = cal.weekday_date(ctx.anchor.day, wd, direction)
    ctx.days.append((m.start(), ctx.sentence_of(m.start()), day))
    value, prec = ctx.anchored(day, "day")  # type: ignore[misc]
    if code and prec == "day":
        value += f"T{code}"
    return value, prec


def r_day_word(m: re.Match[str], ctx: Context) -> Resolved:
    word = m.group("dw").lower()
    part = m.group("part") or (m.group("prepart") if "prepart" in m.re.groupindex else None)
    if not ctx.anchor.known:
        return "XXXX-XX-XX", "relative"
    assert ctx.anchor.day is not None
    offset = int(lookup("dayword", word) or (-1 if word == "last" else 0))
    day = ctx.anchor.day + timedelta(days=offset)
    value, prec = ctx.anchored(day, "day")  # type: ignore[misc]
    code = lookup("partofday", part) if part else ("NI" if word == "tonight" else None)
    if word in ("last", "this"):
        code = lookup("partofday", part or "")
    if code and prec == "day":
        value += f"T{code}"
    return value, prec


def r_same_day(m: re.Match[str], ctx: Context) -> Resolved:
    """ "earlier in the day", "later that day", "the same day": the day being talked about."""
    text = m.group(0).lower()
    same_sentence = "in the day" in text or text.startswith("earlier today") or text.startswith("later today")
    day = ctx.ref_day(m.start(), same_sentence=same_sentence)
    if day is None:
        return "XXXX-XX-XX", "relative"
    return ctx.anchored(day, "day")


#: Days in each unit, at most, for the calendar check (a month at most 31 days, a year 366 ...).
_UNIT_DAYS = {"D": 1, "W": 7, "M": 31, "Q": 92, "Y": 366, "DE": 3653}


def _within_calendar(day: date, n: int, unit: str) -> bool:
    """Whether ``_shift(day, n, unit)`` stays within years 1 to 9999 (checked on the number, so
    a huge count is refused before any date arithmetic)."""
    reach = abs(n) * _UNIT_DAYS.get(unit, 366)
    room = (date.max - day).days if n > 0 else (day - date.min).days
    return reach <= room - 31  # a month's slack: the clamped day of month may land past the bound


def _shift(day: date, n: int, unit: str) -> date:
    if unit == "D":
        return day + timedelta(days=n)
    if unit == "W":
        return day + timedelta(weeks=n)
    if unit == "M":
        return cal.shift_day(day, months=n)
    if unit == "Q":
        return cal.shift_day(day, months=3 * n)
    if unit == "DE":
        return cal.shift_day(day, years=10 * n)
    return cal.shift_day(day, years=n)


def r_offset(m: re.Match[str], ctx: Context) -> Resolved:
    """ "two years ago", "a day before", "a year earlier": a shift from the anchor or reference.
    ("three days later" is left to the duration rule: TimeBank marks "three days" as a DURATION and
    "later" as the signal, never the whole phrase.)"""
    n = parse_number(m.group("num"))
    unit = lookup("unit", m.group("unit"))
    if unit is None or unit.startswith("T") or unit == "CE":
        return None
    granularity = UNIT_LETTER[unit]
    rel = m.group("rel").lower()
    rest = m.string[m.end() : m.end() + 2]
    if rel in ("before", "after", "prior") and re.match(r"\s[\w$]", rest):
        return None  # "a month after the vote": a duration; the event anchors it, not the calendar
    if n == "X" or n is None or not float(n).is_integer():
        return ("PAST_REF" if rel in ("ago", "earlier", "before") else "FUTURE_REF"), "relative"
    sign = -1 if rel in ("ago", "earlier", "before", "previously", "prior") else 1
    # "ago" counts from now (the anchor); "before/earlier/later/after" from the day in focus.
    base = ctx.anchor.day if rel == "ago" or unit not in ("D", "W") else ctx.ref_day(m.start())
    if base is None or not ctx.anchor.known:
        return f"P{int(n)}{unit}", "relative"
    sentence = ctx.sentence_of(m.start())
    recent_q = [(y, q) for s, sent, y, q in ctx.quarters if s < m.start() and sentence - sent <= 1]
    if unit == "Y" and recent_q:
        # Earnings news: "profit rose from $5 million a year earlier" compares quarters.
        y, q = recent_q[-1]
        return f"{y + sign * int(n):04d}-Q{q}", "quarter"
    if not _within_calendar(base, sign * int(n), unit):
        # "4,000 years ago", "10,000,000 days ago": before year 1 or after 9999, where no ISO date
        # can be written; TIMEX3 says past or future all the same.
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "relative"
    day = _shift(base, sign * int(n), unit)
    if granularity == "day":
        ctx.days.append((m.start(), ctx.sentence_of(m.start()), day))
    return ctx.anchored(day, granularity)


def r_the_unit_before(m: re.Match[str], ctx: Context) -> Resolved:
    """ "the day before", "the previous week", "the following year"."""
    unit = lookup("unit", m.group("unit"))
    if unit is None or unit not in UNIT_LETTER:
        return None
    sign = -1 if _dir_word(m.group("w1") or m.group("w2")) == -1 else 1
    base = ctx.ref_day(m.start(), same_sentence=False)
    if base is None:
        return "XXXX-XX-XX", "relative"
    return ctx.anchored(_shift(base, sign, unit), UNIT_LETTER[unit])


def r_relative_unit(m: re.Match[str], ctx: Context) -> Resolved:
    """ "last week", "next month", "this year", "earlier this month", "the past year"."""
    det = (m.group("det") or m.group("det2")).lower().split()[-1]
    unit_word = (m.group("unit") or m.group("unit2")).lower()
    sign = _dir_word(det) or 0
    if not ctx.anchor.known:
        return {-1: "PAST_REF", 1: "FUTURE_REF"}.get(sign, "PRESENT_REF"), "relative"
    assert ctx.anchor.day is not None
    a = ctx.anchor.day
    season = lookup("season", unit_word)
    if season:
        year = a.year + sign
        if re.match(r"this\s+(?:past|coming)\b", (m.group("det") or "").lower()):
            # "this past spring" is the latest spring (this year's once it has begun), unlike "last spring".
            start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
            year = a.year if (det == "past") == (start <= a.month) else a.year + sign
        return f"{year:04d}-{season}", "season"
    if unit_word == "weekend":
        if det == "the":
            # "over the weekend": the one just past unless the sentence looks ahead.
            sign = 1 if ctx.direction(m.start(), m.end()) > 0 else (0 if a.isoweekday() >= 6 else -1)
        day = a + timedelta(weeks=sign)
        value, prec = ctx.anchored(day, "week")  # type: ignore[misc]
        return (value + "-WE", prec) if prec == "week" else (value, prec)
    unit = lookup("unit", unit_word)
    if unit is None or unit not in UNIT_LETTER:
        return None
    return ctx.anchored(_shift(a, sign, unit), UNIT_LETTER[unit])


def r_quarter(m: re.Match[str], ctx: Context) -> Resolved:
    """ "the third quarter (of 1989)", "fourth-quarter", "the quarter", "the year-ago quarter"."""
    ordinal = (m.group("ord") or "").lower()
    year_text = m.group("year") or m.group("year0")
    rel_year = (m.group("this") or "").lower().split(" ")[0]  # this / last / next year's
    # "the year-ago third quarter", "the quarter a year ago", "last year's quarter": a year back.
    back = bool(m.group("yearago") or m.group("yearago0") or m.group("ago") or rel_year == "last")
    dem = (m.group("dem") or "").lower()
    if not (ordinal or m.group("latest") or back or rel_year or dem or m.group(0).lower().startswith("the")):
        return None
    if dem == "that" and ctx.quarters:
        _, _, year, q = ctx.quarters[-1]  # "that quarter": the one just named
        return f"{year:04d}-Q{q}", "quarter"
    q = int(lookup("ordinal", ordinal) or 0) if ordinal else None
    if year_text and q:
        return f"{_year(year_text):04d}-Q{q}", "quarter"
    latest = (m.group("latest") or "").lower()
    if not ctx.anchor.known:
        return ("XXXX-Q" + str(q)) if q else "XXXX-QX", "relative"
    assert ctx.anchor.day is not None
    a = ctx.anchor.day
    current = cal.quarter_of(a)
    year = a.year
    if q:
        # The named quarter nearest the anchor in the direction of the sentence (a report in
        # October about "the third quarter" means the one just ended).
        # Tense is not used: "third-quarter results will be..." still means the last third quarter.
        year = a.year if q <= current else a.year - 1
        if rel_year:
            year = a.year + {"last": -1, "next": 1}.get(rel_year, 0)
        elif back:
            year -= 1
    elif year_text:
        year, q = _year(year_text), current - 1 or 4
    elif latest == "current":
        year, q = a.year, current  # "the current quarter": the one the anchor lies in
    elif m.group("emon") and _capitalised(m.group("emon")):
        month = _month_num(m.group("emon"))
        end = cal.month_day_date(
            a, month, int(re.sub(r"\D", "", m.group("eday"))), -1, ctx.anchor.precision, True
        )
        year, q = (end.year if end else a.year), (month - 1) // 3 + 1
        if back:
            year -= 1
    else:
        # "the quarter", "the latest quarter", "the year-ago quarter": the quarter in focus.
        year, q = ctx.focus_quarter(m.start()) or (a.year, current)
        if back:
            return f"{year - 1:04d}-Q{q}", "quarter"
    if not back:
        ctx.quarters.append((m.start(), ctx.sentence_of(m.start()), year, q))
    return f"{year:04d}-Q{q}", "quarter"


def r_period(m: re.Match[str], ctx: Context) -> Resolved:
    """Earnings wording for the quarter in focus: "the latest period", "the year-ago period", "the
    1988 period", "the corresponding period last year", and the bare adjectives "year-earlier" /
    "year-ago" ("year-earlier profit"): the quarter being reported, or the same quarter a year back."""
    focus = ctx.focus_quarter(m.start())
    if focus is None:
        return ("PAST_REF" if m.group("back") or m.group("ago") else "PRESENT_REF"), "relative"
    year, q = focus
    if m.group("year"):
        year = _year(m.group("year"))
    elif m.group("back") or m.group("ago"):
        year -= 1
    elif not m.group("latest"):
        return None  # "the comparable period" alone does not say which one
    return f"{year:04d}-Q{q}", "quarter"


def r_half(m: re.Match[str], ctx: Context) -> Resolved:
    h = int(lookup("ordinal", m.group("ord")) or 2)
    if m.group("year"):
        return f"{_year(m.group('year')):04d}-H{h}", "half"
    if not ctx.anchor.known:
        return f"XXXX-H{h}", "relative"
    assert ctx.anchor.day is not None
    return f"{ctx.anchor.day.year:04d}-H{h}", "half"


def r_year(m: re.Match[str], ctx: Context) -> Resolved:
    return f"{_year(m.group('year')):04d}", "year"


def r_season_year(m: re.Match[str], ctx: Context) -> Resolved:
    season = lookup("season", m.group("season"))
    if m.group("year"):
        return f"{_year(m.group('year')):04d}-{season}", "season"
    if not ctx.anchor.known:
        return f"XXXX-{season}", "relative"
    assert ctx.anchor.day is not None
    return f"{ctx.anchor.day.year:04d}-{season}", "season"


def r_holiday(m: re.Match[str], ctx: Context) -> Resolved:
    """ "Thanksgiving Day", "last Christmas", "Easter week": a named day, its year from the tense."""
    name = m.group("name")
    if not _capitalised(name):
        return None
    if not ctx.anchor.known:
        return "XXXX-XX-XX", "relative"
    assert ctx.anchor.day is not None
    word = _dir_word(m.group("det"))
    direction = word if word is not None else ctx.direction(m.start(), m.end())
    day = cal.holiday_date(name, ctx.anchor.day, direction, ctx.anchor.precision)
    if day is None:
        return None
    if m.group("week"):
        return ctx.anchored(day, "week")
    ctx.days.append((m.start(), ctx.sentence_of(m.start()), day))
    return ctx.anchored(day, "day")


def r_this_year_word(m: re.Match[str], ctx: Context) -> Resolved:
    """ "for the year", "the full year", "by year-end", "the end of the year": the anchor's year
    (the year being reported on); "since year-end" and a past-tense January story mean last year's."""
    if not ctx.anchor.known:
        return "XXXX", "relative"
    assert ctx.anchor.day is not None
    year = ctx.anchor.day.year
    before = m.string[max(0, m.start() - 8) : m.start()].lower()
    if m.group("end") and (
        before.rstrip().endswith("since")
        or (ctx.anchor.day.month <= 2 and ctx.direction(m.start(), m.end()) < 0)
    ):
        year -= 1
    return f"{year:04d}", "year"


_YEAR_MENTION = re.compile(rf"(?<![\w$.,]){DIGIT_YEAR}(?![\w%]|[.,]\d)")


def r_that_year(m: re.Match[str], ctx: Context) -> Resolved:
    """ "later that year", "that same year": the last year written out before it."""
    years = _YEAR_MENTION.findall(m.string[max(0, m.start() - 1500) : m.start()])
    if not years:
        return None
    return years[-1], "year"


def r_season_named(m: re.Match[str], ctx: Context) -> Resolved:
    """ "over the summer", "the early summer": the season nearest the anchor in the tense's direction."""
    season = lookup("season", m.group("season"))
    if not season:
        return None
    if not ctx.anchor.known:
        return f"XXXX-{season}", "relative"
    assert ctx.anchor.day is not None
    a = ctx.anchor.day
    # Seasons by the months they start in (northern hemisphere): spring 3, summer 6, fall 9, winter 12.
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    direction = ctx.direction(m.start(), m.end())
    year = a.year
    if direction < 0 and start > a.month:
        year -= 1
    elif direction > 0 and start + 2 < a.month:
        year += 1
    return f"{year:04d}-{season}", "season"


def r_decade(m: re.Match[str], ctx: Context) -> Resolved:
    digits = m.group("dec")
    if len(digits) == 4:
        return digits[:3], "decade"
    if not ctx.anchor.known:
        return f"XX{digits[0]}", "relative"
    assert ctx.anchor.day is not None
    century = ctx.anchor.day.year // 100
    # "the '90s" read in 2017 is the 1990s: a two-digit decade is never in the future.
    if int(f"{century}{digits}") > ctx.anchor.day.year:
        century -= 1
    return f"{century}{digits[0]}", "decade"


def r_century(m: re.Match[str], ctx: Context) -> Resolved:
    n = int(re.sub(r"\D", "", m.group("cent")))
    return f"{n - 1:02d}", "century"


# An amount or count just before "a year" / "a week" makes it a rate ("$2 million a year").
_RATE_BEFORE = re.compile(rf"(?:\d[\d,.]*|{pattern(_WORDS, 'amount_word')})\s+(?:[a-z]+\s+){{0,2}}$", re.I)


def r_duration(m: re.Match[str], ctx: Context) -> Resolved:
    unit = lookup("unit", m.group("unit"))
    if unit is None:
        return None
    n = parse_number(m.group("num")) if m.group("num") else "X"
    if n is None:
        return None
    if m.group("half") and n != "X":
        n = float(n) + 0.5  # "a minute and a half"
    if unit == "TS" and m.group("num").lower() in ("a", "an"):
        return None  # "a second round" is an ordinal, not a duration
    if m.group("num").lower() in ("a", "an") and _RATE_BEFORE.search(
        m.string[max(0, m.start() - 40) : m.start()]
    ):
        return None  # "$2 million a year", "700 seats a week": a rate, not a stretch of time
    if isinstance(n, int) and n >= 1000:
        return None  # "the 1988 second quarter": a year, not 1988 seconds
    if unit == "Q" and "-" in m.group(0):
        return None  # "three-quarters" is a fraction
    if n != "X" and not float(n).is_integer():
        # "half a day", "2 1/2 hours": write in the next smaller unit when it divides evenly.
        smaller = {
            "Y": (12, "M"),
            "D": (24, "TH"),
            "TH": (60, "TM"),
            "TM": (60, "TS"),
            "W": (7, "D"),
            "M": (30, "D"),
        }
        if unit not in smaller:
            return None
        factor, small = smaller[unit]
        whole, rest = int(float(n)), (float(n) - int(float(n))) * factor
        if not rest.is_integer():
            return None
        if whole == 0:
            n, unit = rest, small
        else:
            big = f"{whole}{unit[-1]}" if not unit.startswith("T") else f"{whole}{unit[1]}"
            tail = f"{int(rest)}{small[-1]}"
            if unit.startswith("T"):
                return f"PT{big}{tail}", "duration"
            return (f"P{big}T{tail}" if small.startswith("T") else f"P{big}{tail}"), "duration"
    count = "X" if n == "X" else str(int(n))
    if unit in ("DE", "CE") and n != "X":
        # TimeBank writes decades and centuries in years ("two decades" = P20Y).
        return f"P{int(n) * (10 if unit == 'DE' else 100)}Y", "duration"
    if unit.startswith("T"):
        return f"PT{count}{unit[1]}", "duration"
    if unit == "CE":
        return f"P{count}CE", "duration"
    return f"P{count}{unit}", "duration"


def r_bare_units(m: re.Match[str], ctx: Context) -> Resolved:
    """ "for years", "recent months": a duration of unspecified length."""
    unit = lookup("unit", m.group("unit") or m.group("unit2"))
    if unit is None:
        return None
    return (f"PTX{unit[1]}" if unit.startswith("T") else f"PX{unit}"), "duration"


def r_set(m: re.Match[str], ctx: Context) -> Resolved:
    word = m.group("set")
    if word:
        value = lookup("set", word)
        return (value, "set") if value else None
    if m.group("wd"):
        return f"XXXX-WXX-{_weekday_num(m.group('wd'))}", "set"  # "each Thursday"
    if m.group("mon"):
        return (f"XXXX-{_month_num(m.group('mon')):02d}", "set") if _capitalised(m.group("mon")) else None
    unit = lookup("unit", m.group("unit"))
    if unit is None:
        return None
    n = parse_number(m.group("num")) if m.group("num") else 1
    if n in (None, "X"):
        return None
    return (f"PT{int(n)}{unit[1]}" if unit.startswith("T") else f"P{int(n)}{unit}"), "set"  # type: ignore[arg-type]


def r_ref(m: re.Match[str], ctx: Context) -> Resolved:
    value = lookup("ref", m.group(0))
    return (value, "relative") if value else None


def r_clock(m: re.Match[str], ctx: Context) -> Resolved:
    """ "10:35 a.m.", "5 p.m.", "noon", "midday": a time on the day in focus."""
    named = m.group("named")
    if named:
        hhmm = lookup("clock", named) or "12:00"
    else:
        hour = int(m.group("h"))
        minute = int(m.group("min") or 0)
        ampm = (m.group("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
        hhmm = f"{hour:02d}:{minute:02d}"
    day = ctx.near_day(m.start())
    if m.group("wd") and ctx.anchor.known:
        assert ctx.anchor.day is not None
        day = cal.weekday_date(ctx.anchor.day, _weekday_num(m.group("wd")), ctx.direction(m.start(), m.end()))
    elif m.group("mon"):
        if not _capitalised(m.group("mon")):
            return None
        month, dnum = _month_num(m.group("mon")), int(re.sub(r"\D", "", m.group("day")))
        if not ctx.anchor.known:
            return f"XXXX-{month:02d}-{dnum:02d}T{hhmm}", "relative"
        assert ctx.anchor.day is not None
        direction = ctx.direction(m.start(), m.end())
        day = cal.month_day_date(ctx.anchor.day, month, dnum, direction, ctx.anchor.precision)
        day = day or cal.month_day_date(ctx.anchor.day, month, dnum, 0, ctx.anchor.precision)
    if day is None:
        return f"XXXX-XX-XXT{hhmm}", "relative"
    value, prec = ctx.anchored(day, "day")  # type: ignore[misc]
    return (value + "T" + hhmm if prec == "day" else value), prec


def r_part_of_day(m: re.Match[str], ctx: Context) -> Resolved:
    """ "this morning", "in the evening" (the day in focus)."""
    code = lookup("partofday", m.group("part"))
    day = ctx.near_day(m.start())
    if day is None:
        return f"XXXX-XX-XXT{code}", "relative"
    value, prec = ctx.anchored(day, "day")  # type: ignore[misc]
    return (f"{value}T{code}" if prec == "day" else value), prec


# ---------------------------------------------------------------- the rules
def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.VERBOSE)


WD_PREFIX = rf"(?:{WEEKDAY},?\s+)?"
RULES: tuple[Rule, ...] = (
    Rule(
        "date:month-day-year",
        _c(
            rf"{B}{WD_PREFIX}(?:(?P<mon>{MONTH})\s+(?P<day>{DAYNUM}),?\s+(?P<year>{YEAR})"
            rf"|(?P<date>\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/(?:\d\d)?\d\d|{DAYNUM}\s+{MONTH},?\s+{YEAR})){E}"
        ),
        r_full_date,
    ),
    Rule(
        "date:month-day",
        _c(rf"{B}{WD_PREFIX}(?P<mon>{MONTH})\s+(?P<day>{DAYNUM}){E}(?!,?\s+\d)"),
        r_month_day,
    ),
    Rule(
        "date:day-month",
        _c(rf"{B}{WD_PREFIX}(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH}){E}(?!,?\s+\d)"),
        r_month_day,
    ),
    Rule(
        "month:month-year", _c(rf"{B}{EDGE}?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR}){E}"), r_month_year
    ),
    Rule(
        "month:relative-year",
        _c(rf"{B}{EDGE}?(?P<mon>{MONTH})\s+(?P<det>this|last|next)\s+year{E}"),
        lambda m, ctx: r_month_rel_year(m, ctx),
    ),
    Rule(
        "month:named",
        _c(
            rf"{B}(?P<det>(?:early|late|mid|last|next|this|that|earlier\s+this|later\s+this)[\s-]+)?{EDGE}?(?P<mon>{MONTH}){E}(?!\.?\s*\d)"
        ),
        r_month,
    ),
    Rule(
        "day:weekday",
        _c(
            rf"{B}(?P<det>(?:last|next|this|that|coming|past|early|late|the\s+(?:previous|following|preceding))\s+)?(?P<wd>{WEEKDAY})"
            rf"(?:\s+(?P<part>morning|afternoon|evening|night))?{E}"
        ),
        r_weekday,
    ),
    Rule(
        "day:word",
        _c(
            rf"{B}(?:(?:early|late|earlier|later)\s+|(?:mid|early|late)[\s-]*(?P<prepart>morning|afternoon|evening)\s+)?"
            rf"(?P<dw>{alternation('dayword')})(?:\s+(?P<part>morning|afternoon|evening|night))?{E}"
        ),
        r_day_word,
    ),
    Rule(
        "day:last-night",
        _c(rf"{B}(?P<dw>last|this)\s+(?P<part>night|morning|afternoon|evening){E}"),
        r_day_word,
    ),
    Rule(
        "day:same-day",
        _c(
            rf"{B}(?:(?:earlier|later)\s+in\s+the\s+day|(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?day|the\s+same\s+day){E}"
        ),
        r_same_day,
    ),
    Rule(
        "offset",
        _c(
            rf"{B}{MOD}?(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})\s+(?P<rel>ago|earlier|before|after|previously|prior|from\s+now|hence){E}"
        ),
        r_offset,
    ),
    Rule(
        "offset:the-unit",
        _c(
            rf"{B}the\s+(?:(?P<w1>previous|prior|preceding|next|following)\s+(?P<unit>day|week|month|year)"
            rf"|(?P<unit2>day|week|month|year)\s+(?P<w2>before|after|earlier|later)){E}"
        ),
        lambda m, ctx: r_the_unit_before(_Unit2(m), ctx),
    ),
    Rule(
        "relative:unit",
        _c(
            rf"{B}(?:(?P<det>(?:(?:earlier|later|early|late)\s+)?(?:the\s+)?(?:this\s+(?:past|coming)|last|next|this|past|coming|previous|current)|(?:earlier|later)\s+this)"
            rf"\s+(?:fiscal\s+)?(?P<unit>week|weekend|month|year|decade|century|{SEASON})|(?P<det2>the)\s+(?P<unit2>weekend)){E}"
        ),
        r_relative_unit,
    ),
    Rule(
        "quarter",
        _c(
            rf"{B}(?:(?P<this>(?:this|last|next)\s+year's)\s+|the\s+|(?P<dem>this|that)\s+(?=quarter))?(?:(?:comparable|corresponding|same)\s+)?"
            rf"(?:(?P<year0>{YEAR})\s+)?(?:(?P<yearago0>year[\s-](?:ago|earlier))\s+)?(?:fiscal\s+)?(?:(?:(?P<ord>{QUARTER_ORD})|(?P<latest>latest|last|most\s+recent|current|recent)"
            rf"|(?P<yearago>year[\s-]ago|year[\s-]earlier|prior[\s-]year))(?:\s+fiscal)?[\s-]+)?quarter"
            rf"(?:\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR}))?(?P<ago>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?{E}"
            # "the quarter ended Sept. 30": the end date says which quarter (outside the extent).
            rf"(?:(?=\s+ended\s+(?P<emon>{MONTH})\s+(?P<eday>{DAYNUM})))?"
        ),
        r_quarter,
    ),
    Rule(
        "duration:fiscal-year",
        # "for the year ended March 31": TimeBank marks the twelve months as a duration.
        _c(rf"{B}the\s+(?:fiscal\s+)?year(?=\s+end(?:ed|ing)\s+(?:{MONTH}|today|tomorrow|yesterday)){E}"),
        lambda m, ctx: ("P1Y", "duration"),
    ),
    Rule(
        "quarter:period",
        _c(
            rf"{B}(?:(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?:(?P<latest>latest|most\s+recent)"
            rf"|(?P<back>year[\s-](?:ago|earlier))|(?P<year>{DIGIT_YEAR})|(?:comparable|corresponding|same))"
            rf"\s+period(?P<ago>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+(?:the\s+)?(?:previous|prior)\s+year))?"
            rf"|(?P<back2>year[\s-](?:ago|earlier))(?=\s+[a-z]))(?![\w-])"
        ),
        lambda m, ctx: r_period(_Back2(m), ctx),
    ),
    Rule(
        "half",
        _c(rf"{B}(?:the\s+)?(?P<ord>{HALF_ORD})[\s-]+half(?:\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR}))?{E}"),
        r_half,
    ),
    Rule(
        "season",
        _c(rf"{B}{EDGE}?(?:the\s+)?(?P<season>{SEASON})\s+(?:of\s+)?(?P<year>{YEAR}){E}"),
        r_season_year,
    ),
    Rule(
        "decade",
        _c(
            rf"{B}(?:the\s+)?{EDGE}?(?:(?P<dec>1[0-9]{{2}}0|20[0-9]0)s|['’](?P<dec2>[0-9]0)s"
            rf"|(?<=the\s)(?P<decw>{DECADE_WORDS})){E}"
        ),
        lambda m, ctx: r_decade(_Dec2(m), ctx),
    ),
    Rule(
        "day:holiday",
        _c(rf"{B}(?P<det>(?:last|next|this)\s+)?(?P<name>{HOLIDAY})(?P<week>\s+week)?{E}"),
        r_holiday,
    ),
    Rule(
        "year:the-year",
        # "For the year, volume was flat", "a high for the year", "by year-end", "the end of the year".
        _c(
            rf"{B}(?:(?:(?:earlier|later)\s+in\s+)?the\s+(?:full\s+|fiscal\s+|whole\s+|entire\s+)?year(?![\s-]+(?:end|ago|earlier|before|after|later|\d))"
            rf"|(?P<end>(?:the\s+end\s+of\s+the\s+year|year[\s-]end|year's\s+end))){E}"
        ),
        r_this_year_word,
    ),
    Rule("year:that-year", _c(rf"{B}(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?year{E}"), r_that_year),
    Rule(
        "season:named",
        _c(rf"{B}the\s+(?:(?:early|late|mid)[\s-]+)?(?P<season>{SEASON}){E}(?!\s+(?:of|in)\s)"),
        r_season_named,
    ),
    Rule("century", _c(rf"{B}the\s+(?P<cent>\d{{1,2}}(?:st|nd|rd|th))\s+century{E}"), r_century),
    Rule(
        "year",
        _c(rf"{B}{EDGE}?(?:(?:fiscal|calendar|the\s+year|model\s+year)\s+)?(?P<year>{YEAR}){E}{NOT_AMOUNT}"),
        r_year,
    ),
    Rule(
        "duration",
        _c(
            rf"{B}(?:the\s+)?(?:(?:first|last|past|next|coming|previous|final|latest)\s+)?{DUR_MOD}?(?P<num>{NUM})[\s-]+(?:(?:full|more|additional|straight|consecutive)\s+)?(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?P<long>-long)?(?!-old|\s+old|-ago|-earlier){E}"
        ),
        r_duration,
    ),
    Rule(
        "duration:units",
        _c(
            rf"(?:(?<=\bfor\s)|(?<=\bover\s)|(?<=\bwithin\s)|(?<=\bin\s))(?:the\s+(?:past|last|next|coming)\s+)?(?P<unit>years|months|weeks|days|decades|hours|minutes){E}"
            rf"|{B}recent\s+(?P<unit2>years|months|weeks|days|decades){E}"
        ),
        r_bare_units,
    ),
    Rule(
        "set",
        _c(
            rf"{B}(?:(?P<set>{SETWORDS})|(?:every|each|per)\s+(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT})"
            rf"|(?:every|each)\s+(?:(?P<wd>{WEEKDAY})|(?P<mon>{MONTH}))){E}"
        ),
        r_set,
    ),
    Rule("ref", _c(rf"{B}{REFWORDS}{E}"), r_ref),
    Rule(
        "time",
        _c(
            rf"{B}(?:(?P<h>[01]?[0-9]|2[0-4])(?::(?P<min>[0-5][0-9]))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)(?:\s+(?-i:[A-Z]{{3}}))?"
            rf"|(?P<named>noon|midday|midnight))"
            # The day may follow the time in the same extent: "5 p.m. EST Nov. 9", "noon Saturday".
            rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})\s+(?P<day>{DAYNUM})(?!,?\s+\d)))?{E}"
        ),
        r_clock,
    ),
    Rule(
        "time:part-of-day",
        # "in the morning" (the preposition outside the extent), "by mid-afternoon".
        _c(
            rf"(?:(?<=\bin\s)the\s+(?P<part>morning|afternoon|evening)"
            rf"|{B}(?:mid|early|late)[\s-]*(?P<part2>morning|afternoon|evening)){E}"
        ),
        lambda m, ctx: r_part_of_day(_Part2(m), ctx),
    ),
)


class _Unit2:
    """Let "the day before" and "the previous day" share one resolver (their unit groups differ)."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def group(self, name: str | int = 0) -> str | None:
        if name == "unit":
            return self._m.group("unit") or self._m.group("unit2")
        return self._m.group(name)  # type: ignore[arg-type]

    def start(self) -> int:
        return self._m.start()

    def end(self) -> int:
        return self._m.end()


class _Back2(_Unit2):
    def group(self, name: str | int = 0) -> str | None:
        if name == "back":
            return self._m.group("back") or self._m.group("back2")
        return self._m.group(name)  # type: ignore[arg-type]


class _Part2(_Unit2):
    def group(self, name: str | int = 0) -> str | None:
        if name == "part":
            return self._m.group("part") or self._m.group("part2")
        return self._m.group(name)  # type: ignore[arg-type]


class _Dec2(_Unit2):
    def group(self, name: str | int = 0) -> str | None:
        if name == "dec":
            words = self._m.group("decw")
            if words:  # "the nineties" = '90s
                return str(int(parse_number(words[:-3] + "y") or 0))  # type: ignore[arg-type]
            return self._m.group("dec") or self._m.group("dec2")
        return self._m.group(name)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


def candidates(text: str) -> list[Candidate]:
    """All rule matches, overlaps resolved: the longest span wins, then the earlier rule."""
    found: list[tuple[int, int, int, Candidate]] = []
    for order, rule in enumerate(RULES):
        for m in rule.pattern.finditer(text):
            if m.end() > m.start():
                found.append(
                    (-(m.end() - m.start()), order, m.start(), Candidate(m.start(), m.end(), rule, m))
                )
    found.sort(key=lambda item: item[:3])
    taken: list[Candidate] = []
    # A trial resolution on a fixed anchor rejects matches a resolver refuses ("may" the modal),
    # so that a refused long match does not hide a shorter good one.
    trial = Context(anchor=cal.Anchor(date(2000, 6, 15), "day"))
    for *_, cand in found:
        free = all(cand.end <= t.start or cand.start >= t.end for t in taken)
        if free and cand.rule.apply(cand.match, trial) is not None:
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)
