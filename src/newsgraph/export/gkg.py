"""GDELT 2.1 Global Knowledge Graph export: one record per article, the 27 columns of GDELT's GKG
2.1 in its order, tab-separated, no header line unless asked (``--header``; GDELT's files have
none). :data:`GKG_COLUMNS` is the header; pandas loads a file written without it with
``pd.read_csv(path, sep="\\t", header=None, names=GKG_COLUMNS, dtype=str, quoting=csv.QUOTE_NONE,
keep_default_na=False)``.

What we put in each column (delimiters inside values, ``; , # |`` and tabs, become spaces):

- ``GKGRECORDID``: ``V2.1DATE`` + "-" + the article's ingest sequence number in the store.
- ``V2.1DATE``: the publication date as YYYYMMDDHHMMSS (its time when the source gave one, else
  000000; a month or a year is its first day), else when the article was ingested (UTC).
- ``V2SOURCECOLLECTIONIDENTIFIER``: 1 (WEB) when the article has a URL, else 2 (CITATIONONLY: the
  identifier is where it was read from). ``V2SOURCECOMMONNAME``: the site. ``V2DOCUMENTIDENTIFIER``:
  the URL, else the path it was read from.
- ``V1COUNTS``: ``KIND#NUMBER#OBJECT#LOCTYPE#LOCNAME#COUNTRY#ADM1#LAT#LON#FEATUREID`` for each count
  ("41 people were detained" -> ARREST#41#people), located at the first place named in its sentence
  (type 0 and empty fields when none); ``V2.1COUNTS`` the same with ``#OFFSET`` appended.
- ``V1THEMES``: the article's themes (our taxonomy, knowledge/data/themes.tsv), each once, in order
  of first match; ``V2ENHANCEDTHEMES``: ``THEME,OFFSET`` for every match.
- ``V1LOCATIONS``: ``TYPE#FULLNAME#COUNTRY#ADM1#LAT#LON#FEATUREID`` for each place, once;
  ``V2ENHANCEDLOCATIONS``: ``TYPE#FULLNAME#COUNTRY#ADM1#ADM2#LAT#LON#FEATUREID#OFFSET`` for every
  mention. The geographic fields are those of the GDELT event export (FIPS country codes, GDELT's
  location types; see :mod:`newsgraph.export.gdelt`).
- ``V1PERSONS`` / ``V1ORGANIZATIONS``: the names of the person / organisation (organisation, IGO,
  group) actors named in the text, once each; ``V2ENHANCEDPERSONS`` / ``V2ENHANCEDORGANIZATIONS``:
  ``NAME,OFFSET`` for every mention that names them ("Putin", not "he" or "the two leaders"), with
  the registry name ("Vladimir Putin").
- ``V1.5TONE``: ``TONE,POSITIVE,NEGATIVE,POLARITY,ACTIVITY,SELFGROUP,WORDCOUNT`` of the article (see
  :mod:`newsgraph.analyze.tone.scores` for the formulas).
- ``V2.1ENHANCEDDATES``: ``RESOLUTION#MONTH#DAY#YEAR#OFFSET`` for each resolved time expression of
  day (3), month (2) or year (1) precision (GDELT's resolutions; 0 for a part not known).
- ``V2GCAM``: ``wc:WORDCOUNT`` only (GCAM's other dictionaries are not ours to ship).
- ``V2.1SHARINGIMAGE``, ``V2.1RELATEDIMAGES``, ``V2.1SOCIALIMAGEEMBEDS``,
  ``V2.1SOCIALVIDEOEMBEDS``, ``V2.1TRANSLATIONINFO``: empty.
- ``V2.1QUOTATIONS``: ``OFFSET|LENGTH|VERB|QUOTE`` for each quote, separated by ``#``; the verb is
  the attribution cue ("said").
- ``V2.1ALLNAMES``: ``NAME,OFFSET`` for every actor and place mention that is a name, as written.
- ``V2.1AMOUNTS``: ``NUMBER,OBJECT,OFFSET`` for each count.
- ``V2EXTRASXML``: ``<PAGE_TITLE>``, ``<PAGE_AUTHORS>``, and ours: ``<NEWSGRAPH_ARTICLE_ID>`` and
  ``<NEWSGRAPH_DOMAIN score=".." rule="..">`` (the article's domain and the rule that decided).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from newsgraph.export.gdelt import _clean, _place_geo, _stamp
from newsgraph.records import Analysis, Place

#: The GKG 2.1 columns, in GDELT's order.
GKG_COLUMNS: tuple[str, ...] = (
    "GKGRECORDID",
    "V2.1DATE",
    "V2SOURCECOLLECTIONIDENTIFIER",
    "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER",
    "V1COUNTS",
    "V2.1COUNTS",
    "V1THEMES",
    "V2ENHANCEDTHEMES",
    "V1LOCATIONS",
    "V2ENHANCEDLOCATIONS",
    "V1PERSONS",
    "V2ENHANCEDPERSONS",
    "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS",
    "V1.5TONE",
    "V2.1ENHANCEDDATES",
    "V2GCAM",
    "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES",
    "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS",
    "V2.1QUOTATIONS",
    "V2.1ALLNAMES",
    "V2.1AMOUNTS",
    "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
)
assert len(GKG_COLUMNS) == 27

ORGANISATIONS = frozenset({"organisation", "igo", "group"})
_DELIMITERS = re.compile(r"[;,#|\t\r\n]+")
_RESOLUTION = {"day": 3, "month": 2, "year": 1}
_ARTICLES = frozenset({"the", "a", "an"})
_PRONOUN_WORDS = "he she it they we i you him her them us his its their our my your this that these those"
_PRONOUNS = frozenset(_PRONOUN_WORDS.split(" "))


def header_line() -> str:
    return "\t".join(GKG_COLUMNS) + "\n"


def write(records: Iterable[tuple[int, Analysis]], out: TextIO, *, header: bool = False) -> int:
    """Write (ingest sequence, analysis) pairs as GKG records; return how many."""
    if header:
        out.write(header_line())
    n = 0
    for sequence, analysis in records:
        out.write("\t".join(_clean(v) for v in row(sequence, analysis)))
        out.write("\n")
        n += 1
    return n


def row(sequence: int, a: Analysis) -> list[Any]:
    """The 27 values of one article (see the module docstring)."""
    article = a.article
    date = _date(article.published) or _stamp(article.ingested_at)
    places = {p.id: p for p in a.places}
    located = [m for m in a.place_mentions if m.place_id in places]
    counts_v1, counts_v2 = _counts(a, places)
    persons, organisations = _names(a)
    whole = next((t for t in a.tones if t.unit == "article"), None)
    return [
        f"{date}-{sequence}",
        date,
        1 if article.url else 2,
        _part(article.site),
        article.url or article.uri,
        counts_v1,
        counts_v2,
        ";".join(dict.fromkeys(m.theme for m in a.themes)),
        ";".join(f"{m.theme},{m.start}" for m in a.themes),
        ";".join(dict.fromkeys(_location(places[m.place_id], v1=True) for m in located)),
        ";".join(f"{_location(places[m.place_id], v1=False)}#{m.start}" for m in located),
        ";".join(dict.fromkeys(name for name, _ in persons)),
        ";".join(f"{name},{offset}" for name, offset in persons),
        ";".join(dict.fromkeys(name for name, _ in organisations)),
        ";".join(f"{name},{offset}" for name, offset in organisations),
        _tone(whole),
        ";".join(_date_field(t.value, t.precision, t.start) for t in a.timexes if t.precision in _RESOLUTION),
        f"wc:{whole.words}" if whole else "",
        "",
        "",
        "",
        "",
        "#".join(f"{q.start}|{q.end - q.start}|{_part(q.cue, '|#')}|{_part(q.text, '|#')}" for q in a.quotes),
        ";".join(_all_names(a)),
        ";".join(f"{c.number},{_part(c.object or c.kind.lower())},{c.start}" for c in a.counts),
        "",
        _extras(a),
    ]


def _part(text: str, delimiters: str = "") -> str:
    """A value inside a delimited field: GDELT's delimiters (and ``delimiters``) become spaces."""
    cleaned = _DELIMITERS.sub(" ", text or "")
    for d in delimiters:
        cleaned = cleaned.replace(d, " ")
    return " ".join(cleaned.split())


def _date(published: str) -> str:
    """YYYYMMDDHHMMSS of an ISO date or timestamp ("" when it is none)."""
    text = published.strip()
    if len(text) > 10:
        return _stamp(text)
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return datetime.strptime(text[:size], fmt).strftime("%Y%m%d%H%M%S")
        except ValueError:
            continue
    return ""


def _location(place: Place, *, v1: bool) -> str:
    joined = {
        "place_kind": place.kind,
        "place_country": place.country,
        "place_admin1": place.admin1,
        "place_name": place.name,
        "place_lat": place.lat,
        "place_lon": place.lon,
    }
    kind, full, country, adm1, adm2, lat, lon, feature = _place_geo(place.id, joined)
    fields = [kind, _part(full), country, adm1] + ([] if v1 else [adm2]) + [lat, lon, feature]
    return "#".join("" if f is None else str(f) for f in fields)


def _counts(a: Analysis, places: dict[str, Place]) -> tuple[str, str]:
    first_place = {}
    for m in a.place_mentions:
        if m.place_id in places:
            first_place.setdefault(m.sentence, places[m.place_id])
    v1, v2 = [], []
    for c in a.counts:
        place = first_place.get(c.sentence)
        where = _location(place, v1=True) if place else "0######"
        value = f"{c.kind}#{c.number}#{_part(c.object)}#{where}"
        v1.append(value)
        v2.append(f"{value}#{c.start}")
    return ";".join(v1), ";".join(v2)


def is_name(text: str) -> bool:
    """Whether a mention names its actor or place ("Putin", "the US Senate"), rather than describing
    it ("the two leaders") or standing for it ("he")."""
    words = text.split()
    if not words:
        return False
    first = words[0].lower()
    if first in _PRONOUNS:
        return False
    if first in _ARTICLES:
        return len(words) > 1 and words[1][:1].isupper()
    return words[0][:1].isupper() or words[0][:1].isdigit()


def _names(a: Analysis) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    actors = {x.id: x for x in a.actors}
    persons, organisations = [], []
    for m in a.mentions:
        actor = actors.get(m.actor_id)
        if actor is None or not is_name(m.text):
            continue
        if actor.kind == "person":
            persons.append((_part(actor.name), m.start))
        elif actor.kind in ORGANISATIONS:
            organisations.append((_part(actor.name), m.start))
    return persons, organisations


def _tone(t: Any) -> str:
    if t is None:
        return ""
    values = (t.tone, t.positive, t.negative, t.polarity, t.activity, t.self_group)
    return ",".join(f"{v:g}" for v in values) + f",{t.words}"


def _date_field(value: str, precision: str, offset: int) -> str:
    parts = value[:10].split("-")
    year = parts[0] if parts and parts[0].isdigit() else "0"
    month = parts[1] if len(parts) > 1 and precision in ("day", "month") else "0"
    day = parts[2] if len(parts) > 2 and precision == "day" else "0"
    return f"{_RESOLUTION[precision]}#{int(month)}#{int(day)}#{int(year)}#{offset}"


def _all_names(a: Analysis) -> list[str]:
    found = [(m.start, m.text) for m in [*a.mentions, *a.place_mentions] if is_name(m.text)]
    return [f"{_part(text)},{start}" for start, text in sorted(dict(found).items())]


def _extras(a: Analysis) -> str:
    article = a.article
    parts = [f"<PAGE_TITLE>{escape(article.title)}</PAGE_TITLE>"] if article.title else []
    if article.authors:
        parts.append(f"<PAGE_AUTHORS>{escape(', '.join(article.authors))}</PAGE_AUTHORS>")
    parts.append(f"<NEWSGRAPH_ARTICLE_ID>{article.id}</NEWSGRAPH_ARTICLE_ID>")
    if a.domain is not None:
        d = a.domain
        parts.append(
            f"<NEWSGRAPH_DOMAIN score={quoteattr(f'{d.score:g}')} rule={quoteattr(d.rule)}>"
            f"{escape(d.label)}</NEWSGRAPH_DOMAIN>"
        )
    return "".join(parts)
