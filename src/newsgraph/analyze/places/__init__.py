"""Places: the spaCy component "newsgraph_places" (``doc._.places``, ``doc._.place_demonyms``).

Toponyms are spotted (``spots``: entities, datelines, feature words, abbreviations, counties),
definite descriptions resolved to the place they stand for (``refs``), and every candidate weighed
against the document's context (``resolve``); ``places_and_mentions`` turns them into records.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyze.places.resolve import find_demonyms, places_and_mentions, resolve_all

FACTORY = "newsgraph_places"

__all__ = ["FACTORY", "PlacesComponent", "add_to", "places_and_mentions"]


class PlacesComponent:
    """Sets ``doc._.places`` and ``doc._.place_demonyms``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = resolve_all(doc)
        doc._.place_demonyms = find_demonyms(doc, doc._.places)
        return doc


@Language.factory(
    FACTORY,
    requires=["doc.ents", "doc.sents", "token.dep"],
    assigns=["doc._.places", "doc._.place_demonyms"],
)
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()


def add_to(nlp: Language) -> Language:
    """Add the places component to a pipeline (after everything else) unless it is there."""
    if FACTORY not in nlp.pipe_names:
        nlp.add_pipe(FACTORY, last=True)
    return nlp
