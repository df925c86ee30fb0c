"""Time expressions: the spaCy component "newsgraph_timexes" (``doc._.timexes``, a list of Timex).

Found by our rules and normalised against the publication date (``doc._.published``); see
``resolve`` for the anchoring and tense reasoning, ``rules`` for values and precisions.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyze.timexes.resolve import timexes

FACTORY = "newsgraph_timexes"

__all__ = ["FACTORY", "TimexComponent", "timexes"]


class TimexComponent:
    """``doc._.timexes = timexes(doc)``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.timexes = timexes(doc)
        return doc


@Language.factory(
    FACTORY,
    requires=["doc.sents", "token.dep", "token.tag", "doc._.published"],
    assigns=["doc._.timexes"],
)
def make_timexes(nlp: Language, name: str) -> TimexComponent:
    return TimexComponent()
