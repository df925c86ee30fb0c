"""Named entities to actors and mentions (first cut: the model's labels, surname coreference).

Kinds follow the model's labels: PERSON -> person, ORG -> organisation, a GPE
that names a country -> country. Other GPE/LOC entities are places, not actors.
A bare surname ("Putin") is resolved to the full name introduced in the same
article ("Vladimir Putin") so both mentions point at one actor.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right

from spacy.tokens import Doc, Span

from newsgraph.knowledge.countries import country_code, country_name
from newsgraph.records import Actor, Mention

KIND_BY_LABEL = {"PERSON": "person", "ORG": "organisation"}
STRIP = " \t\n.,;:'\"’‘“”"


def actors_and_mentions(doc: Doc, article_id: str) -> tuple[list[Actor], list[Mention]]:
    sentence_starts = [sent.start_char for sent in doc.sents]
    full_names = _full_person_names(doc)
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    for ent in doc.ents:
        actor = _actor(ent, full_names)
        if actor is None:
            continue
        known = actors.setdefault(actor.id, actor)
        surface = _clean(ent.text)
        if surface != known.name and surface not in known.aliases:
            known.aliases.append(surface)
        mentions.append(
            Mention(
                article_id=article_id,
                sentence=bisect_right(sentence_starts, ent.start_char) - 1,
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                actor_id=actor.id,
                label=ent.label_,
                rule=actor.rule,
            )
        )
    return list(actors.values()), mentions


def _actor(ent: Span, full_names: dict[str, str]) -> Actor | None:
    name = _clean(ent.text)
    if not name:
        return None
    if ent.label_ == "GPE":
        code = country_code(name)
        if code is None:
            return None
        return _make(country_name(code), "country", country=code, code=code, rule="ner:GPE+country-table")
    kind = KIND_BY_LABEL.get(ent.label_)
    if kind is None:
        return None
    if name in full_names and kind == "person":
        return _make(full_names[name], kind, rule="ner:PERSON+surname-coref")
    if name in full_names:
        # The model often tags a bare surname as ORG ("Lavrov"); the article
        # itself introduced that surname as a person, which outweighs it.
        return _make(full_names[name], "person", rule=f"ner:{ent.label_}->PERSON:surname-seen")
    return _make(name, kind, rule=f"ner:{ent.label_}")


def _full_person_names(doc: Doc) -> dict[str, str]:
    """Map a surname to the one multi-word PERSON name ending in it, when unambiguous."""
    by_surname: dict[str, set[str]] = {}
    for ent in doc.ents:
        name = _clean(ent.text)
        parts = name.split()
        if ent.label_ == "PERSON" and len(parts) > 1:
            by_surname.setdefault(parts[-1], set()).add(name)
    return {surname: next(iter(names)) for surname, names in by_surname.items() if len(names) == 1}


def _make(name: str, kind: str, *, country: str = "", code: str = "", rule: str) -> Actor:
    return Actor(
        id=actor_id(name, kind, country), name=name, kind=kind, country=country, code=code, rule=rule
    )


def actor_id(name: str, kind: str, country: str = "") -> str:
    """Stable across articles, so the store's registry merges the same actor."""
    key = f"{kind}|{' '.join(name.casefold().split())}|{country}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def _clean(text: str) -> str:
    cleaned = " ".join(text.split()).strip(STRIP)
    if cleaned.endswith(("'s", "’s")):
        cleaned = cleaned[:-2]
    return cleaned
