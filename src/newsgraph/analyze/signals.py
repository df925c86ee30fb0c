"""The Global Knowledge Graph side of an analysis: tone, themes, domain, counts and co-mentions, from
the Doc the pipeline produced and put on the Analysis (the article's tone on the Article)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from newsgraph.analyze.comentions import comentions
from newsgraph.analyze.doctext import doc_text
from newsgraph.records import Analysis


def attach(analysis: Analysis, doc: Doc) -> Analysis:
    """Fill ``analysis`` with what the tone and themes components found (their extensions may be
    unset when a pipeline lacks them) and the co-mentions of its actor mentions."""
    article = analysis.article
    analysis.tones = list(getattr(doc._, "tones", None) or [])
    analysis.themes = list(getattr(doc._, "themes", None) or [])
    analysis.domain = getattr(doc._, "domain", None)
    analysis.counts = list(getattr(doc._, "counts", None) or [])
    analysis.comentions = comentions(analysis.mentions, doc_text(doc), article.id)
    whole = next((t for t in analysis.tones if t.unit == "article" and t.words), None)
    analysis.article = replace(article, tone=whole.tone if whole else None)
    return analysis
