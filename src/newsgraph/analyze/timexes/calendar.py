"""Calendar arithmetic for time expressions: the anchor, shifts, and resolving partial dates.

Everything here is pure and works on `datetime.date`. Values follow TIMEX3 (ISO 8601 where ISO
has a form): day `2017-06-20`, month `2017-06`, year `2017`, ISO week `2017-W27`, quarter
`2017-Q3`, half `2017-H1`, season `2017-SU`, decade `201` (the 2010s), century `20`.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from newsgraph.knowledge import tables

# Precisions from finest to coarsest; the anchor's precision caps how fine a relative value may be.
ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "half": 3, "year": 4, "decade": 5}


@dataclass(frozen=True)
class Anchor:
    """The publication date the relative expressions hang on."""

    day: date | None  # None: no usable publication date
    precision: str  # day | month | year | ""

    @property
    def known(self) -> bool:
        return self.day is not None and self.precision in ("day", "month", "year")


def parse_anchor(published: str, precision: str) -> Anchor:
    """`doc._.published` (ISO, maybe with a time) and its precision as an Anchor.

    A precision of "" with a full ISO date is taken as day precision (the date is there);
    anything unparseable gives an unknown anchor.
    """
    text = (published or "").strip()
    parts = text[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 and parts[1] else 1
        day = int(parts[2][:2]) if len(parts) > 2 and parts[2] else 1
        anchor_day = date(year, month, day)
    except (ValueError, IndexError):
        return Anchor(None, "")
    if precision not in ("day", "month", "year"):
        precision = {1: "year", 2: "month"}.get(len(parts), "day")
    return Anchor(anchor_day, precision)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def shift_day(day: date, months: int = 0, years: int = 0) -> date:
    """`day` moved by whole months/years, clamped to the month's last day (Mar 31 - 1 month = Feb 28)."""
    y, m = add_months(day.year + years, day.month, months)
    return date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def iso_week(day: date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def weekday_date(anchor: date, weekday: int, direction: int) -> date:
    """The date of ISO `weekday` (1 = Monday) nearest the anchor in `direction`.

    Past (-1) or unknown (0): the latest such day on or before the anchor (news mostly reports
    what happened; "Friday" in a Friday paper is that day). Future (+1): the first on or after.
    """
    delta = (anchor.isoweekday() - weekday) % 7
    if direction > 0:
        return anchor + timedelta(days=(weekday - anchor.isoweekday()) % 7)
    return anchor - timedelta(days=delta)


SLACK_DAYS = 3
# A month-day within this many days after the anchor is read as coming even in a past-tense
# sentence, in preference to the same day almost a year before.
NEAR_FUTURE_DAYS = 60


def month_day_date(
    anchor: date, month: int, day: int, direction: int, anchor_precision: str, strict: bool = False
) -> date | None:
    """The year for "June 20" given the anchor: not after it in the past, not before it in the future,
    otherwise the nearest. With a month-precision anchor only the month is compared."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    return pick_date(anchor, candidates, direction, anchor_precision, strict)


def pick_date(
    anchor: date, candidates: list[date], direction: int, anchor_precision: str, strict: bool = False
) -> date | None:
    """Of one calendar day in neighbouring years ("June 20", "Thanksgiving"), the one the tense
    points to: not after the anchor in the past, not before it in the future, else the nearest."""
    if not candidates:
        return None

    def key(d: date) -> tuple[int, int]:
        # Compare at the precision the anchor has (a month anchor knows no day).
        return (d.year, d.month) if anchor_precision == "month" else (d.year, d.toordinal())

    # Slack: a story dated today is often written yesterday, so "June 20" in the past tense may be
    # up to SLACK_DAYS after the anchor (and the future up to SLACK_DAYS before it).
    ref = key(anchor + timedelta(days=SLACK_DAYS if direction < 0 else -SLACK_DAYS))
    if direction < 0:
        past = [d for d in candidates if key(d) <= ref]
        soon = [d for d in candidates if 0 < d.toordinal() - anchor.toordinal() <= NEAR_FUTURE_DAYS]
        far = not past or anchor.toordinal() - max(past).toordinal() > 365 - NEAR_FUTURE_DAYS
        if soon and far and not strict and anchor_precision == "day":
            # A past tense does not make a date a year old: "the offer was extended to Nov. 16" in a
            # late-October story is this November (a date that far back would carry its year).
            # `strict` (a period that "ended" on the day) keeps the past.
            return soon[0]
        return max(past) if past else None
    if direction > 0:
        future = [d for d in candidates if key(d) >= ref]
        return min(future) if future else None
    return min(candidates, key=lambda d: abs(d.toordinal() - anchor.toordinal()))


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th ISO `weekday` (1 = Monday) of a month; n = -1 for the last one."""
    if n < 0:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    return date(year, month, (h + el - 7 * m + 114) % 31 + 1)


def _holiday(month: str, day: str, weekday: str, nth: str, offset: str) -> Callable[[int], date]:
    """A row of our table holidays.tsv as a rule: year -> the day."""
    shift = timedelta(days=int(offset or 0))
    if month == "easter":
        return lambda y: easter(y) + shift
    if weekday:
        return lambda y: nth_weekday(y, int(month), int(weekday), int(nth)) + shift
    return lambda y: date(y, int(month), int(day)) + shift


# Named days: fixed dates, and the movable feasts by rule (US holidays as US wire copy uses them).
HOLIDAYS: dict[str, Callable[[int], date]] = {
    name: _holiday(*rule) for name, *rule in tables.rows("holidays.tsv")
}


def holiday_date(name: str, anchor: date, direction: int, anchor_precision: str) -> date | None:
    """The occurrence of a named day ("Thanksgiving") the tense points to, as for "June 20"."""
    rule = HOLIDAYS.get(" ".join(name.lower().replace("’", "'").split()))
    if rule is None:
        return None
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    return pick_date(anchor, [rule(y) for y in years], direction, anchor_precision)


def month_year(anchor: date, month: int, direction: int) -> int:
    """The year of a bare month name ("in December"), by the same rule as `month_day_date`."""
    # One month of slack either way, as for days: "early March" said in February's past tense.
    if direction < 0:
        return anchor.year if month <= anchor.month + 1 else anchor.year - 1
    if direction > 0:
        return anchor.year if month >= anchor.month - 1 else anchor.year + 1
    # Unknown tense: the occurrence within six months of the anchor.
    diff = month - anchor.month
    if diff > 6:
        return anchor.year - 1
    if diff < -6:
        return anchor.year + 1
    return anchor.year


def format_value(day: date, precision: str) -> str:
    """`day` written at `precision` (the part of the date the expression really fixes)."""
    if precision == "day":
        return day.isoformat()
    if precision == "week":
        return iso_week(day)
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "quarter":
        return f"{day.year:04d}-Q{quarter_of(day)}"
    if precision == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if precision == "decade":
        return f"{day.year // 10:03d}"
    return f"{day.year:04d}"


def cap_to_anchor(day: date, precision: str, anchor: Anchor) -> tuple[str, str, bool]:
    """(value, precision, capped): a value finer than the anchor is known is replaced by the anchor
    at the anchor's own precision ("on Wednesday" with a month-only anchor gives the month), never a
    made-up day."""
    assert anchor.day is not None
    if ORDER.get(precision, 0) < ORDER[anchor.precision]:
        return format_value(anchor.day, anchor.precision), anchor.precision, True
    return format_value(day, precision), precision, False
