"""Actors: the spaCy component "newsgraph_actors" and the records it leads to.

The component runs after "ner" and does three things, each recorded with the rule that decided:

1. corrects the model's entities with document evidence (``ner``) and writes them back to
   ``doc.ents`` so places, quotes and events see the corrected labels;
2. codes each entity's actor from its words and neighbours (``coding``): kind, country
   (ISO alpha-3), sector (GOV, MIL, LEG, ...), role words and a CAMEO-style code (RUSGOV, IGOUNO);
3. links mentions of one actor within the article (``coref``): surnames, transliterations, titles;
   ``resolve`` turns the result into Actor and Mention records.

Names the text gives no title for are coded from our office table (``knowledge/data/offices.tsv``,
dated) and, when the user brings one, a PETRARCH actor dictionary (the component's
``actor_dictionary`` setting; see ``newsgraph.settings``). The text outranks both tables; our table
outranks the user's dictionary for country and sector, the dictionary gives the code where our rules
give none.

Results: ``doc._.actors`` (list of Actor) and ``doc._.mentions`` (list of Mention, with the
sentence index and ``doc._.article_id``); ``actors_and_mentions`` returns them for an article.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyze import component_files
from newsgraph.analyze.actors.ner import correct_entities
from newsgraph.analyze.actors.resolve import actor_id, actors_and_mentions, resolve_actors
from newsgraph.knowledge.petrarch import ActorDictionary, read_actor_dictionary

FACTORY = "newsgraph_actors"

__all__ = ["FACTORY", "ActorComponent", "actor_id", "actors_and_mentions", "resolve_actors"]


class ActorComponent:
    """Corrects ``doc.ents`` and sets ``doc._.actors`` / ``doc._.mentions``."""

    def __init__(self, nlp: Language, actor_dictionary: str = "") -> None:
        self.nlp = nlp
        self._load(component_files.split_paths(actor_dictionary))

    def _load(self, paths: list[Path]) -> None:
        self.paths = paths
        self.dictionary: ActorDictionary | None = read_actor_dictionary(paths) if paths else None

    def __call__(self, doc: Doc) -> Doc:
        correct_entities(doc, self.nlp)
        resolve_actors(
            doc,
            dictionary=self.dictionary,
            date=doc._.published or "",
            precision=doc._.published_precision or "",
        )
        return doc

    def to_disk(self, path: str | Path, exclude: Any = ()) -> None:
        component_files.save(Path(path), {"actor_dictionary": self.paths})

    def from_disk(self, path: str | Path, exclude: Any = ()) -> ActorComponent:
        self._load(component_files.load(Path(path)).get("actor_dictionary", []))
        return self


@Language.factory(
    FACTORY,
    requires=["doc.ents", "doc.sents", "token.dep", "token.lemma", "doc._.published"],
    assigns=["doc.ents", "doc._.actors", "doc._.mentions"],
    default_config={"actor_dictionary": ""},
)
def make_actor_component(nlp: Language, name: str, actor_dictionary: str) -> ActorComponent:
    """``actor_dictionary``: PETRARCH actor dictionary paths, joined by os.pathsep ("" = none)."""
    return ActorComponent(nlp, actor_dictionary)
