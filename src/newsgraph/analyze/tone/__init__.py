"""Tone: the spaCy component "newsgraph_tone" (``doc._.tones``, a list of Tone records).

One record per sentence with words, one per quote and one for the whole article, each with GDELT's
tone fields (formulas in ``scores``): VADER decides which words are positive or negative, the
tagger which are verbs (activity) and personal or possessive pronouns (self/group reference).
The article's counts are the sum of its sentences'. The component runs after quotes and events
and gives each quote its own tone and each event the tone of its evidence sentence.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy
from spacy.language import Language
from spacy.symbols import VERB
from spacy.tokens import Doc, Span

from newsgraph.analyze.doctext import doc_text
from newsgraph.analyze.extensions import register
from newsgraph.analyze.sentences import bounds
from newsgraph.analyze.tone.scores import (
    ToneCounts,
    ToneScores,
    compound,
    gdelt_tone,
    scores,
    vader_counts,
)
from newsgraph.records import Tone

FACTORY = "newsgraph_tone"
#: Penn tags of personal and possessive pronouns (I, we, they, it, my, our, their ...).
SELF_GROUP_TAGS = frozenset({"PRP", "PRP$"})

__all__ = [
    "FACTORY",
    "TokenClasses",
    "ToneComponent",
    "ToneCounts",
    "ToneScores",
    "compound",
    "doc_tones",
    "gdelt_tone",
    "scores",
    "span_counts",
]

register("tones", None)  # [Tone]: the article first, then its sentences, then its quotes


def span_counts(span: Span | Doc, classes: TokenClasses | None = None) -> tuple[ToneCounts, float | None]:
    """The tone counts of a stretch of parsed text, and VADER's compound score (``classes``: the
    document's verb and pronoun counts, to count a stretch without walking its tokens)."""
    counts, score = vader_counts(span.text)
    if not counts.words:
        return counts, score
    doc = span if isinstance(span, Doc) else span.doc
    start, end = (0, len(doc)) if isinstance(span, Doc) else (span.start, span.end)
    verbs, pronouns = (classes or TokenClasses(doc)).between(start, end)
    return ToneCounts(counts.words, counts.positive, counts.negative, verbs, pronouns), score


class TokenClasses:
    """Running counts of a document's verbs and personal or possessive pronouns, by token (read from
    its arrays: no Token objects)."""

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        values = doc.to_array(["POS", "TAG"])
        verbs = values[:, 0] == VERB
        pronouns = numpy.isin(values[:, 1], [strings.add(tag) for tag in SELF_GROUP_TAGS])
        self.verbs = [0, *numpy.cumsum(verbs).tolist()]
        self.pronouns = [0, *numpy.cumsum(pronouns).tolist()]

    def between(self, start: int, end: int) -> tuple[int, int]:
        """(verbs, pronouns) among tokens ``start`` to ``end`` (exclusive)."""
        return self.verbs[end] - self.verbs[start], self.pronouns[end] - self.pronouns[start]


def record(
    article_id: str, unit: str, sentence: int, start: int, end: int, counts: ToneCounts, score: float | None
) -> Tone:
    s = scores(counts)
    return Tone(
        article_id=article_id,
        unit=unit,
        sentence=sentence,
        start=start,
        end=end,
        tone=s.tone,
        positive=s.positive,
        negative=s.negative,
        polarity=s.polarity,
        activity=s.activity,
        self_group=s.self_group,
        words=s.words,
        positive_words=counts.positive,
        negative_words=counts.negative,
        activity_words=counts.activity,
        self_group_words=counts.self_group,
        compound=score,
    )


def doc_tones(doc: Doc) -> list[Tone]:
    """The article's tone, then each sentence's, then each quote's; sets quote and event tones."""
    article_id = doc._.article_id or ""
    sentences: list[Tone] = []
    total = ToneCounts()
    classes = TokenClasses(doc)
    for i, (start, end) in enumerate(bounds(doc)):
        sent = doc[start:end]
        counts, score = span_counts(sent, classes)
        if not counts.words:
            continue
        total = total + counts
        sentences.append(record(article_id, "sentence", i, sent.start_char, sent.end_char, counts, score))
    # VADER's compound saturates on long texts: the article's is the mean of its sentences'.
    compounds = [t.compound for t in sentences if t.compound is not None]
    mean = round(sum(compounds) / len(compounds), 4) if compounds else None
    article = record(article_id, "article", -1, 0, len(doc_text(doc)), total, mean)
    return [article, *sentences, *_quote_tones(doc, sentences, classes)]


def _quote_tones(doc: Doc, sentences: list[Tone], classes: TokenClasses) -> list[Tone]:
    found = []
    starts = [t.start for t in sentences]
    for quote in doc._.quotes or []:
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            continue
        counts, score = span_counts(span, classes)
        if not counts.words:
            continue
        where = bisect_right(starts, quote.start) - 1
        sentence = sentences[where].sentence if where >= 0 else 0
        tone = record(quote.article_id, "quote", sentence, quote.start, quote.end, counts, score)
        quote.tone = tone.tone
        found.append(tone)
    return found


def _event_tones(doc: Doc, sentences: list[Tone]) -> None:
    """An event's tone is its evidence sentence's (the sentence holding its start)."""
    starts = [t.start for t in sentences]
    for event in doc._.events or []:
        where = bisect_right(starts, event.start) - 1
        if where >= 0 and event.start < sentences[where].end:
            event.tone = sentences[where].tone


class ToneComponent:
    """Sets ``doc._.tones``, each quote's ``tone`` and each event's ``tone``."""

    def __call__(self, doc: Doc) -> Doc:
        tones = doc_tones(doc)
        _event_tones(doc, [t for t in tones if t.unit == "sentence"])
        doc._.tones = tones
        return doc


@Language.factory(
    FACTORY,
    requires=["doc.sents", "token.pos", "token.tag"],
    assigns=["doc._.tones"],
)
def make_tone(nlp: Language, name: str) -> ToneComponent:
    return ToneComponent()
