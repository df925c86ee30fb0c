"""The public data model: the records every stage produces and the store keeps.

Plain dataclasses so they pickle across processes, serialise to JSON and map
one-to-one onto the store's tables (field name = column name).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


#: Most characters of a failure's reason kept: an exception's message may quote a whole document.
MAX_REASON_CHARS = 2000


def storable(text: str, limit: int | None = MAX_REASON_CHARS) -> str:
    """``text`` as UTF-8 can hold it: the undecodable bytes of a file name (Python's surrogate
    escapes, U+DC80..U+DCFF) as ``\\xNN``, any other lone surrogate as ``\\udNNN``; cut to ``limit``
    characters with an ellipsis. Valid text comes back unchanged (so a name that is valid UTF-8
    keeps its exact spelling, and an escaped one names the same bytes the same way every run)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join(_escaped(ch) for ch in text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _escaped(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return ch


def to_dict(record: Any) -> dict[str, Any]:
    """A record as a plain dict (nested records and lists included)."""
    return dataclasses.asdict(record)


def to_json(record: Any, **kwargs: Any) -> str:
    return json.dumps(to_dict(record), ensure_ascii=False, **kwargs)


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build a record from a dict, ignoring keys the record does not have."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Article:
    """One news article: clean text and what is known about it."""

    id: str  # content hash of the normalised body
    uri: str  # where the raw document came from (file path, path#line, stdin)
    text: str
    title: str = ""
    url: str = ""
    site: str = ""
    published: str = ""  # ISO 8601, as precise as published_precision says
    published_precision: str = ""  # day | month | year | "" (unknown)
    published_source: str = ""  # html-meta | json-ld | url | byline | text | field | ...
    authors: list[str] = field(default_factory=list)
    language: str = ""
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)  # related-link headlines, kept out of text
    description: str = ""
    source_format: str = ""  # html | text | jsonl
    extractor: str = ""  # which extractor produced text (provenance)
    tone: float | None = None  # GDELT's average tone of the text (see Tone); VADER's compound before 0008
    ingested_at: str = ""
    # Appended after the first schema (columns are added at the end by migration 0002).
    published_confidence: float | None = None  # 0..1, how sure the date reasoning is
    # Every date candidate weighed: {source, value, precision, role, confidence, reason, evidence}
    published_candidates: list[dict] = field(default_factory=list)
    language_confidence: float | None = None  # py3langid's probability; None when the source said
    # Photo and agency credit lines of a scrape ("© Agency / Photographer"), kept out of text (0005).
    credits: list[str] = field(default_factory=list)
    # The story's dateline (extract.dateline; 0008): its place as written ("KYIV") and the date it
    # gives, ISO 8601 as far as given ("--03-03": month and day); "" when the story has none.
    dateline: str = ""
    dateline_date: str = ""
    # Every dateline of the text: {start, end, text, place, form, qualifier, date, date_text, agency,
    # agency_start, dash}, offsets into text (a digest has one a story).
    datelines: list[dict] = field(default_factory=list)


@dataclass
class Actor:
    """Someone or something that acts: a person, organisation, country or group.

    Shared across articles: the id is derived from the canonical name and kind.
    """

    id: str
    name: str
    kind: str  # person | organisation | country | group | igo
    country: str = ""  # ISO 3166-1 alpha-3
    sector: str = ""  # GOV, MIL, LEG, ... (CAMEO-style role code)
    roles: list[str] = field(default_factory=list)
    code: str = ""  # CAMEO actor code, e.g. RUSGOV
    aliases: list[str] = field(default_factory=list)
    rule: str = ""  # what produced kind/country/code (provenance)


@dataclass
class Mention:
    """One occurrence of an actor in an article's text."""

    article_id: str
    sentence: int  # index of the sentence in the article
    start: int  # character offsets into Article.text
    end: int
    text: str
    actor_id: str
    label: str = ""  # the NER label the mention came from
    rule: str = ""


@dataclass
class Place:
    id: str  # GeoNames id or ISO 3166-2 code
    name: str
    kind: str  # country | admin1 | admin2 | city | site | region | continent
    country: str = ""
    lat: float | None = None
    lon: float | None = None
    admin1: str = ""


@dataclass
class PlaceMention:
    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    place_id: str
    rule: str = ""


@dataclass
class Timex:
    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    value: str  # ISO 8601 (date, month, year, week) or a relative marker
    precision: str  # day | month | year | week | relative
    rule: str = ""


@dataclass
class Quote:
    id: str
    article_id: str
    start: int
    end: int
    text: str
    kind: str  # direct | partial | indirect
    speaker: str = ""
    speaker_actor_id: str = ""
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str = ""
    tone: float | None = None
    rule: str = ""


@dataclass
class Event:
    id: str
    article_id: str
    start: int  # the evidence sentence
    end: int
    evidence: str
    cameo_code: str
    root_code: str
    source_actor_id: str = ""
    source_code: str = ""
    target_actor_id: str = ""
    target_code: str = ""
    plover_type: str = ""
    quad_class: int | None = None
    goldstein: float | None = None
    date: str = ""
    date_precision: str = ""
    place_id: str = ""
    modality: str = "asserted"  # asserted | negated | intended | hypothetical | reported
    confidence: float = 0.0
    rule: str = ""
    # Character spans of the words that name the source and the target (-1 where the event has none,
    # or the actor is not named in the sentence, e.g. the country where a visit took place).
    source_start: int = -1
    source_end: int = -1
    target_start: int = -1
    target_end: int = -1
    # The tone of the evidence sentence on GDELT's scale (see ``Tone``); appended by migration 0008.
    tone: float | None = None
    # The real-world event this coded record is a mention of (``MergedEvent.id``; migration 0010),
    # set by the store when it merges the mentions of one event (``store.merge``).
    event_id: str = ""


@dataclass
class MergedEvent:
    """One real-world event: the merge of every coded record (``Event``, a *mention*, as GDELT 2.0
    calls it) that reports it, by the rule of ``newsgraph.store.merge``. The coded fields are the
    best-supported ones among its mentions (most articles; the most precise date the most articles
    agree with; the most specific place); ``mention_id`` and the evidence are its representative
    mention's. Every mention links here through ``Event.event_id``."""

    id: str  # the smallest "article_id:event id" key among its mentions (independent of ingest order)
    article_id: str  # the representative mention's article
    start: int
    end: int
    evidence: str
    cameo_code: str
    root_code: str
    source_actor_id: str = ""
    source_code: str = ""
    target_actor_id: str = ""
    target_code: str = ""
    plover_type: str = ""
    quad_class: int | None = None
    goldstein: float | None = None
    date: str = ""
    date_precision: str = ""
    place_id: str = ""
    modality: str = "asserted"
    confidence: float = 0.0
    rule: str = ""  # the merge: how many mentions, and why the representative fields won
    mention_id: str = ""  # the representative mention's Event.id
    first_seen: str = ""  # publication (else ingest) time of the first report
    last_seen: str = ""  # and of the last
    num_mentions: int = 1  # coded records
    num_articles: int = 1  # distinct articles (near-copies are never stored twice: engines.dedup)
    num_sources: int = 1  # distinct sites among them (an article without a site counts alone)
    is_root: int = 0  # 1 when a mention is in its article's lead paragraph (GDELT's IsRootEvent)
    tone: float | None = None  # mean GDELT tone of its articles


@dataclass
class Tone:
    """GDELT's tone fields (the GKG's V1.5TONE) for one stretch of an article: the whole article,
    a sentence or a quote. Formulas in ``newsgraph.analyze.tone.scores`` and README.

    Scores are percentages of the stretch's words; the word counts they come from are kept, so
    stretches can be pooled exactly (a sum of counts, then the formulas)."""

    article_id: str
    unit: str  # article | sentence | quote
    sentence: int  # the sentence index (where the quote starts); -1 for the article
    start: int  # character span in Article.text
    end: int
    tone: float  # positive - negative (GDELT's average tone, -100..+100, mostly -10..+10)
    positive: float  # % of words VADER scores positive in context
    negative: float  # % of words VADER scores negative in context
    polarity: float  # positive + negative: % of words with emotional charge
    activity: float  # % of words that are verbs (GDELT's activity reference density)
    self_group: float  # % of words that are personal or possessive pronouns
    words: int
    positive_words: int = 0
    negative_words: int = 0
    activity_words: int = 0
    self_group_words: int = 0
    compound: float | None = None  # VADER's own compound score in [-1, 1]


@dataclass
class ThemeMention:
    """One occurrence of a theme of our taxonomy (``knowledge/data/themes.tsv``) in an article."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    theme: str  # e.g. SANCTIONS
    rule: str = ""  # the trigger that matched ("trigger:economic sanction")


@dataclass
class Count:
    """A number of people (or things) something happened to, as GDELT's GKG counts them ("41 people
    were detained" -> ARREST 41 people), with the words it was read from."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    kind: str  # KILL | WOUND | ARREST | KIDNAP | DISPLACED | EVACUATION | PROTEST | AFFECT
    number: int
    object: str = ""  # the noun counted ("people", "soldiers"), "" when the number stands alone
    rule: str = ""  # e.g. "count:detain nsubjpass"


@dataclass
class Domain:
    """What kind of news an article is (politics, conflict, business, sport, culture, weather,
    science, society, or general when nothing tells), how sure, and the rule that decided."""

    label: str
    score: float = 0.0  # 0..1: the share of theme matches for the label, 1.0 from the URL section
    rule: str = ""  # e.g. "url-section:/sport/" or "themes: sport 2 of 2 matches"
    article_id: str = ""


@dataclass
class CoMention:
    """Two actors named in the same sentence or paragraph of one article (ids in order)."""

    article_id: str
    actor_a: str
    actor_b: str
    sentences: int  # how many sentences name both
    paragraphs: int  # how many paragraphs name both
    sentence_ids: list[int] = field(default_factory=list)  # which sentences (indices)
    paragraph_ids: list[int] = field(default_factory=list)  # which paragraphs (indices)


@dataclass
class Duplicate:
    """A later copy of a stored article: linked to the first-seen one, not analysed again."""

    uri: str
    article_id: str  # the first-seen article it copies
    kind: str  # exact | near
    similarity: float  # 1.0 for exact; the estimated Jaccard of word shingles for near
    url: str = ""
    site: str = ""
    title: str = ""
    at: str = ""


@dataclass
class Error:
    """A document that could not be processed (or a part of its analysis that failed), and why.

    ``uri`` and ``reason`` are made storable (see `storable`) as the record is made, so recording
    a failure can never fail on the text that describes it (a file name that is not UTF-8)."""

    uri: str
    stage: str  # source | decode | extract | analyze | analyze:<component> | store
    reason: str
    at: str = ""

    def __post_init__(self) -> None:
        self.uri = storable(self.uri, None)
        self.reason = storable(self.reason)


@dataclass
class Analysis:
    """Everything the analysis stage found in one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    place_mentions: list[PlaceMention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The pipeline version that produced it, as the store recorded it ("" before that was kept).
    pipeline: str = ""
    # The Global Knowledge Graph side (migration 0008): tone per article, sentence and quote,
    # theme matches, the article's domain, and the actors named together.
    tones: list[Tone] = field(default_factory=list)
    themes: list[ThemeMention] = field(default_factory=list)
    domain: Domain | None = None
    comentions: list[CoMention] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    # Parts of the analysis that failed (a component that raised or ran out of time, a text cut
    # to the size bound): stored as error rows beside the article, which keeps everything else.
    errors: list[Error] = field(default_factory=list)
