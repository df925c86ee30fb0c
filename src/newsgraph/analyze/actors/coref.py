"""Rule-based coreference within one article, for names and titles.

No offline coreference package works with the project's spaCy model, so these are rules a reader
applies, each naming itself on the mentions it links:

- ``coref:surname``: "Putin" is the "Vladimir Putin" the article named in full (one candidate only);
- ``coref:transliteration``: "Sergey Lavrov" and "Sergei Lavrov" are one person when the surname
  keys match and the first names match or one is an initial (``knowledge.names.name_key``);
- ``coref:title``: a definite description with no name ("the state secretary", "the Russian
  President") is the person the article introduced with that office (and country, when given),
  the most recent one before it, else the first after it;
- ``coref:title-plural``: "the two leaders", "the presidents" are linked to each person holding
  such an office (heads of state and government for "leaders"); with a number, to the N most
  mentioned. "the Russian and the US presidents" style coordinations are left unlinked: their
  parts would need a parse of the coordination, and a wrong link is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsgraph.knowledge import tables, time_words
from newsgraph.knowledge.demonyms import demonym_code
from newsgraph.knowledge.names import name_key
from newsgraph.knowledge.roles import max_role_words, role

# Word lists: knowledge/data/actor_words.tsv and the number words of time_words.tsv.
NUMBERS = {
    **{w: int(n) for w, n in time_words.words()["number"].items() if " " not in w and n in ("2", "3", "4")},
    **{str(n): n for n in (2, 3, 4)},
    **{w: 2 for w in tables.group("actor_words.tsv", "pair_word")},
}
HEAD_ROLES = tables.group("actor_words.tsv", "head_role")


def _first_last(name: str) -> tuple[str, str]:
    words = name_key(name).split()
    return (words[0] if len(words) > 1 else "", words[-1] if words else "")


def _compatible_first(a: str, b: str) -> bool:
    return not a or not b or a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def cluster_names(names: list[str]) -> dict[str, tuple[str, str]]:
    """Map each person name to (canonical name, rule).

    Full names sharing a surname key and compatible first names are one person; the first full
    name seen is canonical. A one-word name joins the single person with that surname; with two
    candidates it stays on its own (which one the article means is not decidable from the name).
    """
    canon: dict[str, tuple[str, str]] = {}
    people: list[tuple[str, str, str]] = []  # (canonical, first key, last key)
    for name in names:
        if len(name.split()) < 2 or name in canon:
            continue
        first, last = _first_last(name)
        for canonical, f, ln in people:
            if ln == last and _compatible_first(first, f):
                rule = "coref:same-name" if name_key(name) == name_key(canonical) else "coref:transliteration"
                if name_key(name) == name_key(canonical) and name != canonical:
                    rule = "coref:transliteration"
                canon[name] = (canonical, rule)
                break
        else:
            people.append((name, first, last))
            canon[name] = (name, "name:full")
    for name in names:
        if name in canon:
            continue
        key = name_key(name)
        matches = [c for c, f, ln in people if ln == key or f"{f} {ln}" == key]
        if len(matches) == 1:
            canon[name] = (matches[0], "coref:surname")
        else:
            canon[name] = (name, "name:single")
    return canon


@dataclass
class TitleMention:
    start: int  # character offsets
    end: int
    text: str
    role: str  # canonical role
    country: str = ""
    plural: bool = False
    number: int = 0


@dataclass
class Holder:
    """A person the article names, with what is known of their offices."""

    actor_id: str
    roles: list[str]
    country: str
    positions: list[int] = field(default_factory=list)  # character offsets of their mentions


def title_mentions(doc: Doc) -> list[TitleMention]:
    """Definite descriptions of office holders with no name attached ("the state secretary")."""
    out = []
    in_ent = [False] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            in_ent[i] = True
    i = 0
    while i < len(doc):
        if doc[i].lower_ != "the":
            i += 1
            continue
        j = i + 1
        country, number = "", 0
        while j < len(doc) and j < i + 4:
            word = doc[j].text
            if doc[j].lower_ in NUMBERS:
                number = NUMBERS[doc[j].lower_]
            elif word[:1].isupper() and demonym_code(word):
                country = country or (demonym_code(word) or "")
            elif doc[j].lower_ not in ("new", "former"):
                break
            j += 1
        length = 0
        for n in range(min(max_role_words(), len(doc) - j), 0, -1):
            found = role(doc[j : j + n].text)
            if found is not None and found.applies in ("person", "any"):
                length = n
                break
        if not length or any(in_ent[k] for k in range(j, j + length)):
            i += 1
            continue
        after = j + length
        # "the Foreign Minister Sergei Lavrov" names him: the name carries the mention.
        if after < len(doc) and (
            in_ent[after] or (doc[after].text[:1].isupper() and doc[after].pos_ == "PROPN")
        ):
            i = after
            continue
        if (
            after < len(doc)
            and doc[after].lower_ in ("of", "for")
            and after + 1 < len(doc)
            and in_ent[after + 1]
        ):
            i = after  # "the president of Russia": a longer description than we resolve
            continue
        words = doc[j:after].text
        found = role(words)
        if country and i > 0 and doc[i - 1].lower_ in ("and", "or", ","):
            i = after  # "the Russian and the US presidents": a coordination we do not split
            continue
        plural = (
            bool(re.search(r"s$", doc[after - 1].lower_)) and role(doc[after - 1].lower_[:-1]) is not None
        )
        if found is None or (not found.sector and not plural and found.role not in HEAD_ROLES):
            i = after
            continue
        out.append(
            TitleMention(
                doc[i].idx,
                doc[after - 1].idx + len(doc[after - 1].text),
                doc[i:after].text,
                found.role,
                country,
                plural or number > 1,
                number,
            )
        )
        i = after
    return out


def _holds(holder: Holder, mention: TitleMention) -> bool:
    if mention.country and holder.country and holder.country != mention.country:
        return False
    if mention.role == "leader":
        return any(r in HEAD_ROLES for r in holder.roles)
    return mention.role in holder.roles


def resolve_title(mention: TitleMention, holders: list[Holder]) -> list[tuple[str, str]]:
    """(actor id, rule) pairs a title mention refers to; [] when nobody fits."""
    fits = [h for h in holders if _holds(h, mention) and h.positions]
    if not fits:
        return []
    if mention.plural:
        fits = sorted(fits, key=lambda h: len(h.positions), reverse=True)
        if mention.number and len(fits) > mention.number:
            fits = fits[: mention.number]
        elif not mention.number:
            # "the leaders": the principal office holders of the story, not everyone named once.
            fits = [h for h in fits if 2 * len(h.positions) >= len(fits[0].positions)]
        if len(fits) < 2:
            return []
        return [(h.actor_id, "coref:title-plural") for h in fits]
    before = [
        (max(p for p in h.positions if p < mention.start), h)
        for h in fits
        if any(p < mention.start for p in h.positions)
    ]
    if before:
        return [(max(before, key=lambda x: x[0])[1].actor_id, "coref:title")]
    after = [(min(h.positions), h) for h in fits]
    return [(min(after, key=lambda x: x[0])[1].actor_id, "coref:title")]
