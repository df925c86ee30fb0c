"""Publication date reasoning: every piece of evidence, weighed, with its provenance.

A page says when it was published in many places, and some of them lie.  We gather every
*candidate* with its source and a confidence:

- ``field``: a container's own ``published`` value (a JSON Lines record);
- ``html-meta:*`` / ``json-ld:*`` / ``html-time``: the page's markup (``article:published_time``,
  ``itemprop=datePublished``, Dublin Core, JSON-LD ``datePublished`` ...).  A *modified* date
  is not a publication date, but the page cannot have been published after it: an upper bound;
- ``htmldate``: trafilatura's own pick, a fallback when the markup above says nothing;
- ``url``: ``/2017/07/07/`` or ``-2017-07-07`` in the address;
- ``byline``: a stamp line that says it is one ("Published 14:22 CEST 16.09.2022", "Posted on
  July 7, 2017", a time with an "Updated ..." part);
- ``page-clock``: a bare time-and-date line at the top of a scrape, often beside a radio player
  ("Listen Live").  It is the time the page was *scraped*, not published: it only bounds the
  date from above, unless the article's own dateline names the same day (then it is the
  article's stamp after all);
- ``dateline``: "KYIV, March 3 (Agency) —" (``extract.dateline``): the month and day of the story,
  year unknown;
- ``text:past`` / ``text:future``: dated references in the body.  A dated past event ("On June
  20, the administration announced") bounds the publication from below, a dated plan in the
  future tense ("will have a ceasefire in force ... on July 9", "is scheduled for May 14") from
  above.  A month and day without a year is placed in the publication's own year (news style
  names the year only when it differs), and the year is the one nearest to the dated evidence
  that makes all the references consistent.

The result (:class:`PubDate`) is the best estimate, as precise as the evidence allows (day,
month or year), its provenance (``published_source``), a confidence and the candidate list.
Everything here is pure: strings in, records out.
"""

from __future__ import annotations

import json
import re
from calendar import monthrange
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

import lxml.html
from lxml.etree import ParserError

from newsgraph.extract.dateline import Dateline, story_dateline
from newsgraph.knowledge import tables
from newsgraph.knowledge.time_words import month_names, month_number

# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Candidate:
    """One piece of date evidence.

    ``value`` is ISO 8601 as precise as ``precision`` says; a month and day without a year is
    written ``--MM-DD`` (ISO 8601's reduced form).  ``role`` says how the evidence is used:
    ``published`` (a direct statement), ``month-day`` (a dateline: the day, not the year),
    ``lower-bound`` / ``upper-bound`` (dated references and modified/scrape times), or
    ``ignored`` (kept for the record, e.g. a clock line that contradicts the text).
    """

    source: str
    value: str
    precision: str  # day | month | year
    role: str
    confidence: float
    reason: str = ""
    evidence: str = ""  # the words it was read from, shortened

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PubDate:
    value: str = ""  # ISO 8601, as precise as `precision`
    precision: str = ""  # day | month | year | "" (unknown)
    source: str = ""  # provenance: "json-ld:datePublished", "byline", "inferred:text-bounds" ...
    confidence: float | None = None
    candidates: list[Candidate] = field(default_factory=list)
    lower: date | None = None  # the bounds the text set, when it set any
    upper: date | None = None


# --------------------------------------------------------------------------- partial dates


@dataclass(frozen=True)
class Partial:
    """A date known to day, month or year; ``year`` may be missing (a dateline's "March 3")."""

    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}" if self.day else f"--{self.month:02d}"
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def first(self, year: int | None = None) -> date:
        """The first day the partial date can denote."""
        return date(year or self.year or 1, self.month or 1, self.day or 1)

    def last(self, year: int | None = None) -> date:
        """The last day the partial date can denote."""
        y = year or self.year or 1
        if self.day:
            return date(y, self.month or 1, self.day)
        if self.month:
            return date(y, self.month, monthrange(y, self.month)[1])
        return date(y, 12, 31)

    def with_year(self, year: int) -> Partial:
        return replace(self, year=year)


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if year is not None and not 1900 <= year <= 2100:
        return False
    if day is not None:
        if month is None:
            return False
        return 1 <= day <= monthrange(year or 2000, month)[1]  # 2000: a leap year allows Feb 29
    return True


def parse_iso(value: str) -> Partial | None:
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` with any time and zone after it; the date as the
    page states it (its own local date, not converted to UTC)."""
    match = _ISO.match(value.strip())
    if not match:
        return None
    y, m, d = (int(g) if g else None for g in match.groups())
    return Partial(y, m, d) if _valid(y, m, d) else None


_ISO = re.compile(r"^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?=$|[T\s+Z:_-]|\d{2}:)")


def parse_loose(value: str) -> Partial | None:
    """A date string in any common form: ISO first, then our patterns, then dateparser.

    dateparser is asked for the period it saw (``RETURN_TIME_AS_PERIOD``) so "December 2016"
    stays a month, told to fill a missing day with the first (``PREFER_DAY_OF_MONTH``) rather
    than today's, and made to require a year: a year-less date is not guessed here.
    """
    found = parse_iso(value)
    if found:
        return found
    hits = [h for h in find_dates(value) if h.partial.year is not None]
    if hits:
        return hits[0].partial
    data = _date_parser().get_date_data(value)
    if data.date_obj is None:
        return None
    obj, period = data.date_obj, data.period or "day"
    if period == "year":
        return Partial(obj.year)
    if period == "month":
        return Partial(obj.year, obj.month)
    return Partial(obj.year, obj.month, obj.day)


@cache
def _date_parser() -> Any:
    from dateparser.date import DateDataParser  # imported lazily: it loads locale data

    return DateDataParser(
        languages=["en"],
        settings={
            "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["year"],
            "DATE_ORDER": "DMY",
        },
    )


# --------------------------------------------------------------------------- finding dates in text

# Capitalised or all capitals, never lower case: "march 5 km" is not a date.
_MONTH = "(?P<{g}>" + month_names("written") + r")\.?"
_DAY = r"(?P<{g}>\d{{1,2}})(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d{{2}})"
# Leading digits may be glued to a time zone ("GMT +307 December 2019", "+422.05.2024"):
# a day is read from the last one or two digits of a run, see _split_glued.
_GLUED = r"(?P<{g}>\d{{1,4}})"
_D, _M, _Y = _GLUED.format(g="d"), _MONTH.format(g="mon"), _YEAR.format(g="y")
_PATTERNS = [
    # 16.09.2022, 08/06/2023 (day first for dots; slashes checked below)
    ("dmy-numeric", rf"{_D}(?P<sep>[./])(?P<m>\d{{1,2}})(?P=sep){_Y}(?!\d)"),
    ("iso", rf"(?<!\d){_Y}-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?!\d)"),
    # July 7, 2017 / Jul 7 2017 / July 7th
    ("mdy", rf"(?<![\w]){_M}\s+{_DAY.format(g='d')}(?![\d:])(?:,?\s+{_Y})?(?!\d)"),
    # 7 July 2017 / 07 December 2019 / 21 September (glued: GMT-321 September 2023)
    ("dmy", rf"{_D}(?:st|nd|rd|th)?\s+(?:of\s+)?{_M}(?:,?\s+{_Y})?(?![\w])"),
    # December 2016 (a month)
    ("my", rf"(?<![\w]){_M},?\s+{_Y}(?!\d)"),
]
_FINDERS = [(name, re.compile(p)) for name, p in _PATTERNS]


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    text: str
    partial: Partial
    form: str  # which pattern read it


def _split_glued(digits: str, before: str) -> tuple[int, int] | None:
    """(day, digits used) from a run of digits that may carry a time-zone offset in front.

    "07" -> 7; after "GMT +", "307" -> 7 (offset +3) and "422" -> 22 (+4): an offset is at
    most 14 hours, so the last two digits are the day when what is left is a possible offset.
    """
    if len(digits) <= 2:
        return int(digits), len(digits)
    tail = before.rstrip()[-1:]
    if len(digits) > 4 or not (tail in "+-" or tail.isalpha()):
        return None
    for width in (2, 1):
        head, day = digits[:-width], digits[-width:]
        if int(head) <= 14 and 1 <= int(day) <= 31:
            return int(day), width
    return None


def find_dates(text: str) -> list[DateHit]:
    """Every date in ``text``, longest reading first where two overlap, in text order."""
    hits: list[DateHit] = []
    for form, finder in _FINDERS:
        for match in finder.finditer(text):
            hit = _read(form, match, text)
            if hit:
                hits.append(hit)
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[DateHit] = []
    for hit in hits:
        if any(hit.start < k.end and k.start < hit.end for k in kept):
            continue
        kept.append(hit)
    return kept


def _read(form: str, match: re.Match[str], text: str) -> DateHit | None:
    groups = match.groupdict()
    year = int(groups["y"]) if groups.get("y") else None
    start = match.start()
    if form == "iso":
        month, day = int(groups["m"]), int(groups["d"])
    elif form == "my":
        month, day = month_number(groups["mon"]), None
    elif form == "mdy":
        month, day = month_number(groups["mon"]), int(groups["d"])
    else:
        digits = groups["d"]
        split = _split_glued(digits, text[: match.start()])
        if split is None:
            return None
        day, width = split
        start = match.start("d") + len(digits) - width
        if form == "dmy":
            month = month_number(groups["mon"])
        else:
            month = int(groups["m"])
            if groups["sep"] == "/" and month > 12 >= day:
                day, month = month, day  # 06/21/2023: month first
    if not _valid(year, month, day):
        return None
    return DateHit(start, match.end(), text[start : match.end()], Partial(year, month, day), form)


# --------------------------------------------------------------------------- markup candidates

# (attribute value, lower-cased) -> (role, confidence). Published first, then modified.
_META_KEYS: dict[str, tuple[str, float]] = {
    "article:published_time": ("published", 0.95),
    "og:article:published_time": ("published", 0.9),
    "og:published_time": ("published", 0.9),
    "datepublished": ("published", 0.9),
    "article.published": ("published", 0.85),
    "dc.date.issued": ("published", 0.85),
    "dcterms.issued": ("published", 0.85),
    "dcterms.date": ("published", 0.75),
    "dc.date": ("published", 0.75),
    "dc.date.created": ("published", 0.75),
    "dcterms.created": ("published", 0.75),
    "pubdate": ("published", 0.8),
    "publishdate": ("published", 0.8),
    "publish-date": ("published", 0.8),
    "publish_date": ("published", 0.8),
    "publication_date": ("published", 0.8),
    "published_date": ("published", 0.8),
    "original-publish-date": ("published", 0.8),
    "parsely-pub-date": ("published", 0.8),
    "sailthru.date": ("published", 0.75),
    "date": ("published", 0.6),
    "datecreated": ("published", 0.7),
    "article:modified_time": ("upper-bound", 0.6),
    "og:updated_time": ("upper-bound", 0.6),
    "datemodified": ("upper-bound", 0.6),
    "last-modified": ("upper-bound", 0.5),
    "dcterms.modified": ("upper-bound", 0.6),
}
# JSON-LD keys: datePublished is the statement; dateModified is not a publication date.
_JSONLD_KEYS: dict[str, tuple[str, float]] = {
    "datePublished": ("published", 0.95),
    "dateCreated": ("published", 0.8),
    "uploadDate": ("published", 0.7),
    "dateModified": ("upper-bound", 0.6),
}


def markup_candidates(html: str) -> list[Candidate]:
    """Meta tags, itemprops, ``<time>`` elements and JSON-LD of a page."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return []
    found: list[Candidate] = []
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip()
        spec = _META_KEYS.get(key.lower())
        value = node.get("content") or ""
        if spec and value:
            found.extend(_markup_candidate(f"html-meta:{key}", value, *spec))
    for node in tree.xpath("//*[@itemprop and not(self::meta)]"):
        key = node.get("itemprop", "")
        spec = _META_KEYS.get(key.lower())
        value = node.get("datetime") or node.get("content") or node.text_content()
        if spec and value:
            found.extend(_markup_candidate(f"html-itemprop:{key}", value, *spec))
    for node in tree.iter("time"):
        value = node.get("datetime") or ""
        if value and node.get("itemprop") is None:
            # A <time pubdate> says it is the publication time; a bare <time> is weaker
            # (it may date a related story or a comment).
            conf = 0.75 if node.get("pubdate") is not None else 0.5
            found.extend(_markup_candidate("html-time", value, "published", conf))
            break
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for key, value in _jsonld_dates(data):
            found.extend(_markup_candidate(f"json-ld:{key}", value, *_JSONLD_KEYS[key]))
    return found


def _jsonld_dates(data: Any) -> Iterable[tuple[str, str]]:
    if isinstance(data, list):
        for item in data:
            yield from _jsonld_dates(item)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key in _JSONLD_KEYS and isinstance(value, str):
                yield key, value
            elif isinstance(value, (dict, list)) and key in {"@graph", "mainEntity", "mainEntityOfPage"}:
                yield from _jsonld_dates(value)


def _markup_candidate(source: str, value: str, role: str, conf: float) -> list[Candidate]:
    partial = parse_loose(value)
    if partial is None or partial.year is None:
        return []
    reason = (
        "modified is not published: the page was published on or before it" if role != "published" else ""
    )
    return [Candidate(source, partial.iso(), partial.precision, role, conf, reason, value.strip()[:80])]


# --------------------------------------------------------------------------- URL

_URL_DATE = [
    (re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$)"), 0.85),
    (re.compile(r"(?<![\d])((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d])"), 0.8),
    (re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:/|$|[-_])"), 0.6),
    (re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/"), 0.6),
]


def url_candidates(url: str) -> list[Candidate]:
    """A date in the address: ``/2017/07/07/``, ``...-2017-07-07/``, ``/20170707/``, ``/2017/07/``."""
    for pattern, conf in _URL_DATE:
        match = pattern.search(url)
        if match:
            parts = [int(g) for g in match.groups()]
            partial = Partial(*parts)
            if _valid(partial.year, partial.month, partial.day):
                return [Candidate("url", partial.iso(), partial.precision, "published", conf, "", match[0])]
    return []


# --------------------------------------------------------------------------- stamp lines

_WORDS = "date_words.tsv"
_PUBLISHED_CUE = re.compile(rf"\b{tables.pattern(_WORDS, 'published_cue')}\b", re.IGNORECASE)
_ANY_SPACE = r"\s+"
_UPDATED_CUE = re.compile(rf"\b{tables.pattern(_WORDS, 'updated_cue', spaces=_ANY_SPACE)}\b", re.IGNORECASE)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_PLAYER = re.compile(
    rf"\b{tables.pattern(_WORDS, 'player_word')}\b|▶|\blive\s*{tables.pattern(_WORDS, 'live_word')}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StampLine:
    """A line of a scrape that may carry a date: its text and what surrounds it."""

    text: str
    label: str  # the scrape classifier's label (dateline_clock, credit, ...)
    near_player: bool = False  # a radio or audio player control next to it
    at_top: bool = False  # among the first lines of the page


def stamp_candidates(lines: Sequence[StampLine]) -> list[Candidate]:
    """Bylines and clock lines.

    A line that says "Published" or "Posted" is the article's stamp.  So is a time and date
    followed by an "Updated ..." part: a page clock does not say when it was updated.  A bare
    time-and-date line is a page clock (the scrape's time): it is kept with a low confidence as
    an upper bound, lower still beside a radio player.
    """
    found: list[Candidate] = []
    for line in lines:
        hits = [h for h in find_dates(line.text) if h.partial.year is not None]
        if not hits:
            continue
        first = hits[0]
        evidence = line.text[:80]
        published = _PUBLISHED_CUE.search(line.text)
        updated = _UPDATED_CUE.search(line.text)
        if published and published.start() <= first.start:
            found.append(
                Candidate("byline", first.partial.iso(), first.partial.precision, "published", 0.9,
                          f"stamp line: '{published[0]}' before the date", evidence)
            )  # fmt: skip
        elif updated and updated.start() > first.start:
            found.append(
                Candidate("byline", first.partial.iso(), first.partial.precision, "published", 0.75,
                          "stamp line: a date with an 'updated' part after it", evidence)
            )  # fmt: skip
        elif updated:
            found.append(
                Candidate("byline:updated", first.partial.iso(), first.partial.precision, "upper-bound", 0.6,
                          "an update stamp: published on or before it", evidence)
            )  # fmt: skip
        elif _CLOCK.search(line.text) or line.near_player:
            conf = 0.1 if line.near_player else 0.2
            where = "beside a radio player" if line.near_player else "at the top of the page"
            found.append(
                Candidate("page-clock", first.partial.iso(), first.partial.precision, "upper-bound", conf,
                          f"page clock {where}: the time of the scrape, not of publication", evidence)
            )  # fmt: skip
        else:
            # A date alone on a line above the article, with no clock: a byline date.
            found.append(
                Candidate("byline", first.partial.iso(), first.partial.precision, "published", 0.6,
                          "a date on its own line at the head of the article", evidence)
            )  # fmt: skip
    return found


def is_player_line(text: str) -> bool:
    return bool(_PLAYER.search(text)) and len(text.split()) <= 12


# --------------------------------------------------------------------------- dateline


def dateline_candidates(dateline: Dateline | None) -> list[Candidate]:
    """The story's wire dateline ("KYIV, March 3 (Agency) —", ``extract.dateline``): the month and
    day of the story (and the year, if given). Only a dateline closed by a dash counts."""
    if dateline is None or not dateline.dash or not dateline.date:
        return []
    if not dateline.date.startswith("--"):
        why = "dateline with a year"
        return [Candidate("dateline", dateline.date, "day", "published", 0.85, why, dateline.text)]
    return [
        Candidate("dateline", dateline.date, "day", "month-day", 0.8,
                  "dateline: the day of the story, the year comes from other evidence", dateline.text)
    ]  # fmt: skip


# --------------------------------------------------------------------------- dated references in the text

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(]?[A-Z0-9])|(?<=[.!?][\"'”’)])\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
# Future: the clause speaks of something still to come.
_FUTURE = re.compile(
    rf"\b{tables.pattern(_WORDS, 'future_aux')}\b|'ll\b"
    rf"|\b{tables.pattern(_WORDS, 'be_form')}\s+(?:\w+ly\s+)?{tables.pattern(_WORDS, 'plan_participle')}\b"
    rf"|\bscheduled\s+(?:for|to)\b|\b{tables.pattern(_WORDS, 'intent_verb')}\s+to\b"
    rf"|\b{tables.pattern(_WORDS, 'upcoming_word')}\b",
    re.IGNORECASE,
)
_WOULD = re.compile(r"\bwould\b(?!\s+have\b)", re.IGNORECASE)
# Irregular past forms of verbs news uses; regular ones are caught by their "-ed".
_PAST_WORDS = tables.group(_WORDS, "past_verb")
_ED = re.compile(r"\b[a-z][a-z]{2,}ed\b")
# The word right before the date decides whether it can date an event of the clause.
_LEAD = re.compile(r"(\w+)\W*$")
_PAST_LEADS = tables.group(_WORDS, "past_lead")
_PLAN_LEADS = tables.group(_WORDS, "plan_lead")
_NEVER_PAST_LEADS = tables.group(_WORDS, "never_past_lead")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; a plain splitter is enough to find a date's clause."""
    out: list[tuple[int, str]] = []
    pos = 0
    for piece in _SENTENCE.split(text):
        start = text.find(piece, pos)
        if piece.strip():
            out.append((start, piece))
        pos = start + len(piece)
    return out


def reference_candidates(text: str) -> list[Candidate]:
    """Dated references in the body, read as past events (lower bounds) or plans (upper bounds).

    The tense is that of the marker nearest to the date in its sentence: a future marker
    ("will", "is scheduled", "plans to") or a past-tense verb ("announced", "was", "said").
    Only a date that can date its clause counts: "on/in <date>" for both, "since <date>" for
    the past, "from/by/until <date>" for plans only.  A date with no such reading stays out.
    """
    found: list[Candidate] = []
    for _, sentence in sentences(text):
        for hit in find_dates(sentence):
            lead = _LEAD.search(sentence[: hit.start])
            lead_word = lead[1].lower() if lead else ""
            if hit.start == 0 or sentence[: hit.start].strip() in {"", '"', "“"}:
                lead_word = "on"  # "July 9: ..." or a sentence opening with the date
            tense, conf = _tense(sentence, hit)
            evidence = _around(sentence, hit)
            if tense == "future" and lead_word in _PLAN_LEADS:
                found.append(
                    Candidate("text:future", hit.partial.iso(), hit.partial.precision, "upper-bound", conf,
                              "a dated plan: published on or before it", evidence)
                )  # fmt: skip
            elif tense == "past" and lead_word in _PAST_LEADS and lead_word not in _NEVER_PAST_LEADS:
                found.append(
                    Candidate("text:past", hit.partial.iso(), hit.partial.precision, "lower-bound", conf,
                              "a dated past event: published on or after it", evidence)
                )  # fmt: skip
    return found


def _tense(sentence: str, hit: DateHit) -> tuple[str, float]:
    """The tense of the clause around the date, and how sure we are of it.

    The nearest marker wins, but only one in the same stretch of quotation: in
    '"... a ceasefire will start on July 9," the minister told reporters' the date belongs to
    the quoted "will", not to the reporting verb outside the quote.
    """
    markers: list[tuple[int, str, float]] = []
    future_spans = []
    for m in _FUTURE.finditer(sentence):
        markers.append((m.start(), "future", 0.75))
        future_spans.append((m.start(), m.end()))
    for m in _WOULD.finditer(sentence):
        markers.append((m.start(), "future", 0.5))  # reported plans: "said it would ... on May 3"
    for m in re.finditer(r"\b[A-Za-z]+\b", sentence):
        word = m[0]
        if any(a <= m.start() < b for a, b in future_spans):
            continue  # "is expected", "scheduled for": part of a future marker
        if word.lower() in _PAST_WORDS or (word[0].islower() and _ED.fullmatch(word)):
            markers.append((m.start(), "past", 0.75))
    region = _quote_region(sentence, hit.start)
    usable = [
        (pos, t, c)
        for pos, t, c in markers
        if not hit.start <= pos < hit.end and _quote_region(sentence, pos) == region
    ]
    if not usable:
        return "", 0.0
    _, tense, conf = min(usable, key=lambda mk: min(abs(mk[0] - hit.start), abs(mk[0] - hit.end)))
    return tense, conf if hit.partial.year is not None else conf - 0.05


_QUOTE_MARKS = frozenset('"“”«»')


def _quote_region(sentence: str, pos: int) -> int:
    """How many quotation marks come before ``pos``: two positions with the same count are
    both inside or both outside the same quotation."""
    return sum(1 for ch in sentence[:pos] if ch in _QUOTE_MARKS)


def _around(sentence: str, hit: DateHit, width: int = 40) -> str:
    return sentence[max(0, hit.start - width) : hit.end + width].strip()


# --------------------------------------------------------------------------- weighing

MIN_DIRECT = 0.5  # a direct candidate below this is only evidence, never the answer
# Within a range set by the text, publication is put three quarters of the way up: dated past
# references in news reach far back (background), dated plans are mostly imminent ones.
UPPER_WEIGHT = 0.75


def infer(candidates: Iterable[Candidate]) -> PubDate:
    """The best estimate from the candidates (see the module docstring for the reasoning)."""
    cands = list(candidates)
    lower, upper = _bounds(cands)
    yearless = [c for c in cands if c.value.startswith("--") and c.role in {"lower-bound", "upper-bound"}]
    point_mds = [c for c in cands if c.role == "month-day"]
    direct = sorted(
        (c for c in cands if c.role == "published" and not c.value.startswith("--")),
        key=lambda c: -c.confidence,
    )
    # Direct statements outside the text's bounds lose weight; a strong markup date is still
    # believed over a loose reading of the prose, a weak one is not.
    checked = []
    for c in direct:
        p = parse_iso(c.value)
        if p and _outside(p, lower, upper):
            c = replace(
                c,
                confidence=round(c.confidence * 0.5, 3),
                reason=_join(c.reason, "outside the text's bounds"),
            )
        checked.append(c)
    checked.sort(key=lambda c: -c.confidence)
    best = checked[0] if checked and checked[0].confidence >= MIN_DIRECT else None
    clocks = [c for c in cands if c.source == "page-clock"]
    # A dateline gives the day; a page clock naming the same day is the article's stamp.
    if best is None and point_mds:
        md = parse_iso("2000" + point_mds[0].value[1:])
        for clock in clocks:
            cp = parse_iso(clock.value)
            if md and cp and cp.day and _same_day_or_next(md, cp):
                best = Candidate("page-clock+dateline", cp.iso(), cp.precision, "published", 0.75,
                                 "the page clock names the dateline's day: the article's own stamp",
                                 clock.evidence)  # fmt: skip
                break
    if best is not None:
        return _finish(best, cands, checked, lower, upper)
    # No direct statement: resolve year-less references and the dateline, then use the range.
    year = _resolve_year(yearless + point_mds, lower, upper, cands)
    if year is not None:
        lower, upper = _bounds(cands, year=year)
        if point_mds:
            md = parse_iso(f"{year}" + point_mds[0].value[1:])
            if md and not _outside(md, lower, upper):
                reason = f"dateline day, year {year} from the other evidence"
                best = Candidate("inferred:dateline", md.iso(), "day", "published", 0.55, reason, "")
                return _finish(best, cands, checked, lower, upper)
    if lower is None:
        # Only an upper bound (a scrape time, a plan): not enough to date the article.
        return PubDate(candidates=_with_bounds(cands, lower, upper), lower=lower, upper=upper)
    if upper is None:
        if year is None:
            return PubDate(candidates=_with_bounds(cands, lower, upper), lower=lower, upper=upper)
        upper = date(year, 12, 31)
    value, precision, conf = estimate_from_bounds(lower, upper)
    bounds = f"{lower.isoformat()}/{upper.isoformat()}"
    best = Candidate("inferred:text-bounds", value, precision, "published", conf,
                     f"estimate within the range the text sets ({bounds})", "")  # fmt: skip
    return _finish(best, cands, checked, lower, upper)


def estimate_from_bounds(lower: date, upper: date) -> tuple[str, str, float]:
    """(value, precision, confidence) for a publication known to lie in [lower, upper].

    The point is three quarters of the way up the range; it is reported at the precision the
    range allows: the day when the range is a day, the month when it spans at most two
    months, else the year.  The reported value is always the point truncated, so the period
    it names contains the point and overlaps the range.
    """
    if upper < lower:
        raise ValueError(f"inconsistent bounds {lower} > {upper}")
    point = point_estimate(lower, upper)
    span = (upper - lower).days
    if span == 0:
        return point.isoformat(), "day", 0.6
    if span <= 62:
        conf = 0.45 if (lower.year, lower.month) == (upper.year, upper.month) else 0.35
        return point.isoformat()[:7], "month", conf
    return point.isoformat()[:4], "year", 0.2 if span <= 366 else 0.1


def point_estimate(lower: date, upper: date) -> date:
    return lower + timedelta(days=round((upper - lower).days * UPPER_WEIGHT))


def _finish(
    best: Candidate, cands: list[Candidate], checked: list[Candidate], lower: date | None, upper: date | None
) -> PubDate:
    rescored = {(c.source, c.value, c.evidence): c for c in checked}
    out = [rescored.get((c.source, c.value, c.evidence), c) for c in cands]
    if best.source.startswith("inferred") or best.source == "page-clock+dateline":
        out.append(best)
    return PubDate(
        value=best.value,
        precision=best.precision,
        source=best.source,
        confidence=best.confidence,
        candidates=_with_bounds(out, lower, upper),
        lower=lower,
        upper=upper,
    )


def _with_bounds(cands: list[Candidate], lower: date | None, upper: date | None) -> list[Candidate]:
    """Clock lines that contradict the bounds are marked ignored, with the reason."""
    out = []
    for c in cands:
        p = parse_iso(c.value)
        if c.source == "page-clock" and p and lower and p.last() < lower:
            c = replace(
                c, role="ignored", confidence=0.0, reason=_join(c.reason, "earlier than the text's events")
            )
        out.append(c)
    return out


def _bounds(cands: list[Candidate], year: int | None = None) -> tuple[date | None, date | None]:
    """The tightest consistent bounds: the latest past event, the earliest plan or modified time.

    When a lower and an upper bound contradict, the less confident one is dropped, until
    the range is consistent.  Year-less references count only once ``year`` is known.
    """
    lows: list[tuple[date, float]] = []
    highs: list[tuple[date, float]] = []
    for c in cands:
        if c.role not in {"lower-bound", "upper-bound"}:
            continue
        if c.value.startswith("--"):
            if year is None:
                continue
            p = parse_iso(f"{year}{c.value[1:]}")
        else:
            p = parse_iso(c.value)
        if p is None:
            continue
        if c.role == "lower-bound":
            lows.append((p.first(), c.confidence))
        else:
            # A page clock or a modified time is itself a bound; a plan on a date lies after
            # publication, a plan in a month or year after its first day at the latest.
            highs.append((p.last() if c.source.startswith("text:") else p.first(), c.confidence))
    lows.sort(key=lambda x: x[0], reverse=True)
    highs.sort(key=lambda x: x[0])
    while lows and highs and lows[0][0] > highs[0][0]:
        if lows[0][1] <= highs[0][1]:
            lows.pop(0)
        else:
            highs.pop(0)
    return (lows[0][0] if lows else None, highs[0][0] if highs else None)


def _resolve_year(
    refs: list[Candidate], lower: date | None, upper: date | None, cands: list[Candidate]
) -> int | None:
    """The publication year that makes the year-less references consistent.

    News names a year only when it is not the current one, so a month and day without one is
    placed in the publication's year.  We try the years the dated evidence allows, nearest to
    that evidence first: upwards from a dated past event, else downwards from an upper bound
    (a plan, a modified time, the scrape's clock).
    """
    if not refs:
        return None
    if lower is not None:
        stop = upper.year if upper else lower.year + 3
        years: list[int] = list(range(lower.year, stop + 1))
    elif upper is not None:
        years = list(range(upper.year, upper.year - 4, -1))
    else:
        return None
    for year in years:
        lo, hi = _bounds(cands, year=year)
        lo = max(d for d in (lo, date(year, 1, 1)) if d)
        hi = min(d for d in (hi, date(year, 12, 31)) if d)
        if lo > hi:
            continue
        # Every year-less reference must survive in this year (none dropped as inconsistent).
        if all(_ref_fits(r, year, lo, hi) for r in refs):
            return year
    return None


def _ref_fits(ref: Candidate, year: int, lo: date, hi: date) -> bool:
    p = parse_iso(f"{year}{ref.value[1:]}")
    if p is None:
        return False
    if ref.role == "lower-bound":
        return p.first() <= hi
    if ref.role == "upper-bound":
        return p.last() >= lo
    return lo <= p.first() + timedelta(days=1) and p.first() <= hi  # month-day: the story's day


def _outside(p: Partial, lower: date | None, upper: date | None) -> bool:
    return bool((lower and p.last() < lower) or (upper and p.first() > upper))


def _same_day_or_next(md: Partial, clock: Partial) -> bool:
    """The clock's day is the dateline's or the next (a story filed late, a time zone apart)."""
    for year in (clock.year or 2000, (clock.year or 2000) - 1):
        try:
            story = date(year, md.month or 1, md.day or 1)
        except ValueError:
            continue
        if 0 <= (clock.first() - story).days <= 1:
            return True
    return False


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a else b


# --------------------------------------------------------------------------- entry point


def publication_date(
    *,
    text: str,
    html: str = "",
    url: str = "",
    stamp_lines: Sequence[StampLine] = (),
    field_value: str = "",
    htmldate: str = "",
    datelines: list[Dateline] | None = None,
) -> PubDate:
    """Gather every candidate for an article and weigh them. ``datelines``: the text's, when
    extraction has already read them (``extract.dateline``); otherwise they are read here."""
    cands: list[Candidate] = []
    if field_value:
        p = parse_loose(field_value)
        if p:
            cands.append(
                Candidate("field", p.iso(), p.precision, "published", 1.0, "given by the source", field_value)
            )
    if html:
        cands.extend(markup_candidates(html))
    if htmldate:
        p = parse_loose(htmldate)
        if p:
            # htmldate reads the same markup we do, and more; alone it may have caught a clock.
            cands.append(
                Candidate(
                    "htmldate", p.iso(), p.precision, "published", 0.55, "trafilatura/htmldate", htmldate
                )
            )
    if url:
        cands.extend(url_candidates(url))
    cands.extend(stamp_candidates(stamp_lines))
    cands.extend(dateline_candidates(story_dateline(text, datelines)))
    cands.extend(reference_candidates(text))
    return infer(cands)
