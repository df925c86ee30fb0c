"""Events: the spaCy component "newsgraph_events" (``doc._.events``, a list of Event).

Who did what to whom, when and where, coded in CAMEO over the dependency parse (``coder``), with
arguments (``args``), modality and recoding (``modality``), the speaker's own act in reported
violence (``transforms``) and, when the user brings PETRARCH2 verb dictionaries, their patterns
(``patterns``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyze import component_files
from newsgraph.analyze.events.coder import Coder, dyadic, event_context, events, make_coder
from newsgraph.analyze.events.patterns import PatternCoder, merge

FACTORY = "newsgraph_events"
SETTINGS = ("verb_dictionary", "actor_dictionary", "agent_dictionary", "discard_list")

__all__ = ["FACTORY", "EventComponent", "dyadic", "events"]


class EventComponent:
    """``doc._.events = events(doc, coder)``, merged with a user's PETRARCH2 verb patterns."""

    def __init__(self, nlp: Language, files: dict[str, list[Path]]) -> None:
        self.nlp = nlp
        self._load(files)

    def _load(self, files: dict[str, list[Path]]) -> None:
        self.files = {setting: list(files.get(setting, [])) for setting in SETTINGS}
        verbs, actors = self.files["verb_dictionary"], self.files["actor_dictionary"]
        agents, discards = self.files["agent_dictionary"], self.files["discard_list"]
        coder = make_coder(verbs, actors, agents)
        if coder.actor_dictionary is None and "newsgraph_actors" in self.nlp.pipe_names:
            # No dictionary of its own: the one the actors component was given codes argument phrases.
            shared = getattr(self.nlp.get_pipe("newsgraph_actors"), "dictionary", None)
            if shared is not None:
                coder = Coder(coder.index, coder.user_prefix, shared, coder.agent_dictionary)
        self.coder = coder
        # A user's PETRARCH2 verb dictionary: its patterns decide what counts as an event,
        # as in PETRARCH; our coder's record of the same event keeps its ids, date and place.
        discard = discards[0] if discards else None
        self.patterns = PatternCoder.from_paths(verbs, actors, agents, discard) if verbs else None

    def __call__(self, doc: Doc) -> Doc:
        found = events(doc, self.coder)
        if self.patterns is not None:
            patterns = self.patterns.code(doc, date=doc._.published or "")
            found = merge(found, patterns, doc, locate=lambda i, tok: event_context(i, tok, doc))
        doc._.events = found
        return doc

    def to_disk(self, path: str | Path, exclude: Any = ()) -> None:
        component_files.save(Path(path), self.files)

    def from_disk(self, path: str | Path, exclude: Any = ()) -> EventComponent:
        self._load(component_files.load(Path(path)))
        return self


@Language.factory(
    FACTORY,
    requires=["doc.sents", "token.dep", "token.lemma", "doc._.actors", "doc._.mentions"],
    assigns=["doc._.events"],
    default_config={setting: "" for setting in SETTINGS},
)
def make_events(
    nlp: Language,
    name: str,
    verb_dictionary: str,
    actor_dictionary: str,
    agent_dictionary: str,
    discard_list: str,
) -> EventComponent:
    """Paths are os.pathsep-joined ("" = none). ``verb_dictionary``: PETRARCH2 verb dictionaries whose
    CAMEO verbs join the trigger index and whose patterns are matched; ``actor_dictionary`` (default:
    the one the actors component was given) and ``agent_dictionary``: PETRARCH dictionaries that code
    argument phrases no actor mention covers; ``discard_list``: PETRARCH's discard phrases."""
    given = dict(
        verb_dictionary=verb_dictionary,
        actor_dictionary=actor_dictionary,
        agent_dictionary=agent_dictionary,
        discard_list=discard_list,
    )
    return EventComponent(nlp, {k: component_files.split_paths(v) for k, v in given.items()})
