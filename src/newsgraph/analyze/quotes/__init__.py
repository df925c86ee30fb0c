"""Quotes: the spaCy component "newsgraph_quotes" (``doc._.quotes``, a list of Quote).

Direct, partial and indirect attributions (``attribution``), quote marks paired on characters
(``marks``), speakers resolved through the actors' mentions, pronouns and titles (``speakers``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyze.extensions import required
from newsgraph.analyze.quotes.attribution import quotes

FACTORY = "newsgraph_quotes"

__all__ = ["FACTORY", "QuotesComponent", "quotes"]


class QuotesComponent:
    """``doc._.quotes`` from the actors the actors component found on the doc."""

    def __call__(self, doc: Doc) -> Doc:
        mentions = required(doc, "mentions", "newsgraph_actors")
        actors = required(doc, "actors", "newsgraph_actors")
        doc._.quotes = quotes(doc, mentions, actors)
        return doc


@Language.factory(
    FACTORY,
    requires=["doc.sents", "token.dep", "token.lemma", "doc._.actors", "doc._.mentions"],
    assigns=["doc._.quotes"],
)
def make_quotes_component(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent()
