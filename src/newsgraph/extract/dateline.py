"""Datelines: the place (often the date and the agency too) a story was filed from, opening a line.

The one dateline parser. The publication-date reasoning takes the story's month and day from it,
the actors component marks its place as a place and its agency as an organisation, the places
component resolves its place. It reads every line that opens with a name in capitals followed by:

- an agency in parentheses, mostly with a dash: ``HAMBURG (Agency) —`` (form ``agency``);
- a dash: ``WASHINGTON —``, ``PARIS, Mo. —``, ``KYIV, March 3 —`` (form ``dash``);
- a date: ``BONN 1996-12-06``, ``AL-AIN , United Arab Emirates 1996-12-06`` (form ``date``);
- the sentence itself: ``WASHINGTON Barack Obama pardoned ...`` (form ``bare``, the weakest: a
  reader takes it only where it knows the place).

A qualifier may follow the place after a comma (``BEIRUT, Lebanon (AP) —``), and a date after
that (``LIMA, Peru, Jan. 9, 2020 —``); the date is kept in ISO 8601 as far as it goes ("--03-03"
for a month and day without a year). A line whose "place" is a weekday or a month ("FRIDAY ,
December 6") is a date line, not a dateline. Each reader decides which forms it trusts.

Extraction runs the parser once and keeps the result on the Article (``dateline`` and
``dateline_date`` for the story's own dateline, ``datelines`` for all of them); the analysis
pipeline hands them to its components as ``doc._.datelines``. Pure functions: text in, records out.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import asdict, dataclass, fields
from functools import cache
from typing import Any

from newsgraph.knowledge.time_words import month_names, month_number, words

FORMS = ("agency", "dash", "date", "bare")
_LONG_DASHES = frozenset({"—", "–", "--"})


@dataclass(frozen=True)
class Dateline:
    """One dateline; offsets are character offsets into the text it was read from."""

    start: int  # where the place starts
    end: int  # just after the dateline: its dash, agency, date or place
    text: str  # the dateline as written: "KYIV, March 3 (Agency) —"
    place: str  # as written: "NEW YORK"
    form: str  # agency | dash | date | bare
    qualifier: str = ""  # "Lebanon" in "BEIRUT, Lebanon (AP) —"
    date: str = ""  # ISO 8601 as far as given: "2020-01-09", "--03-03"; "" when none or unread
    date_text: str = ""  # the date as written: "Jan. 9, 2020"
    agency: str = ""  # "Reuters" in "WASHINGTON (Reuters) —"
    agency_start: int = -1
    dash: str = ""  # the dash that closes it, "" when none

    @property
    def place_end(self) -> int:
        return self.start + len(self.place)

    @property
    def long_dash(self) -> bool:
        """An em or en dash, or two hyphens: a single hyphen also ends a headline's section label."""
        return self.dash in _LONG_DASHES

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def from_dict(data: dict[str, Any]) -> Dateline:
    """A Dateline from ``as_dict`` (the form the Article keeps)."""
    names = {f.name for f in fields(Dateline)}
    return Dateline(**{k: v for k, v in data.items() if k in names})


@cache
def _pattern() -> re.Pattern[str]:
    word = r"[A-ZÀ-Ý][A-ZÀ-Ý.'’\-]*"
    # A month as a dateline writes it ("March 3"; a line in capitals is a headline or a table row),
    # also run on in another language's spelling ("Mayo 18" in Spanish wire copy).
    month = month_names("title") + r"[a-z]*\.?"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    year = r"(?:19|20)\d{2}"
    date = (
        rf"(?:\d{{4}}-\d\d-\d\d|{month}[ \t]+{day}(?:,?[ \t]+{year})?"
        rf"|{day}[ \t]+{month}(?:,?[ \t]+{year})?)(?!\d)"
    )
    return re.compile(
        rf"^[ \t]*(?P<place>{word}(?:[ \t]+{word}){{0,3}})"
        # A qualifier ("Lebanon") is not the date ("March 3") that may stand in its place.
        rf"(?:(?:[ \t]*,[ \t]*(?!{month}[ \t]+\d)(?P<qual>[A-Z](?:[^\W\d_]|[.'’ \t-]){{0,40}}?))?"
        rf"(?:[ \t]*,?[ \t]*(?P<date>{date}))?[ \t]*"
        rf"(?:(?P<open>\()(?P<agency>[^()\n]{{1,40}})\)[ \t]*(?P<adash>—|–|--|-)?(?=[ \t]|$)"
        # A hyphen glued to the next word joins a name ("AL-AIN"); a dash stands apart.
        rf"|(?P<dash>—|–|--|-(?=[ \t]))"
        rf"|(?<=\d)(?!\d))"
        # The bare form: the sentence starts right after the place.
        rf"|(?P<bare>[ \t]+)(?=[A-Z][a-z]))",
        re.MULTILINE,
    )


def find_datelines(text: str) -> list[Dateline]:
    """Every dateline of the text, in order (see the module docstring for the forms)."""
    out = []
    for m in _pattern().finditer(text):
        place = m.group("place")
        if not _calendar_word(place):
            out.append(_dateline(m, text, place))
    return out


def _dateline(m: re.Match[str], text: str, place: str) -> Dateline:
    if m.group("open"):
        form, dash = "agency", m.group("adash") or ""
    elif m.group("dash"):
        form, dash = "dash", m.group("dash")
    else:
        form, dash = ("bare" if m.group("bare") else "date"), ""
    raw_agency = m.group("agency") or ""
    agency = raw_agency.strip()
    end = m.start("bare") if form == "bare" else m.end()
    return Dateline(
        start=m.start("place"),
        end=end,
        text=text[m.start("place") : end],
        place=place,
        form=form,
        qualifier=(m.group("qual") or "").strip(),
        date=_iso(m.group("date") or ""),
        date_text=m.group("date") or "",
        agency=agency,
        agency_start=m.start("agency") + raw_agency.find(agency) if agency else -1,
        dash=dash,
    )


def _calendar_word(place: str) -> bool:
    key = place.casefold().rstrip(".")
    return key in words()["weekday"] or key in words()["month"]


def story_dateline(text: str, datelines: list[Dateline] | None = None) -> Dateline | None:
    """The story's own dateline: the one that opens the text (after white space), if not bare.
    ``datelines``: the text's, when already found."""
    found = find_datelines(text) if datelines is None else datelines
    head = len(text) - len(text.lstrip())
    return next((d for d in found if d.start == head and d.form != "bare"), None)


def _iso(date: str) -> str:
    """ "March 3" -> "--03-03", "Jan. 9, 2020" -> "2020-01-09"; "" for no real day ("Feb 30")."""
    parts = re.findall(r"\d+|[^\W\d_]+", date)
    numbers = [int(p) for p in parts if p.isdigit()]
    if len(numbers) == 3:  # 1996-12-06
        year, month, day = numbers
    else:
        month = next((n for n in (month_number(p) for p in parts if not p.isdigit()) if n), 0)
        day, year = [*numbers, 0, 0][:2]
    if not (1 <= month <= 12 and 1 <= day <= monthrange(year or 2000, month)[1]):
        return ""  # (2000: a leap year, so a year-less Feb 29 stands)
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
