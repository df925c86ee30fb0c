"""The event coder's word lists, recode maps, sector sets and root properties, read from our
tables: ``data/event_words.tsv``, ``cameo_recodes.tsv``, ``event_sectors.tsv``, ``crowd_words.tsv``,
``lemma_fixes.tsv``, ``cameo_roots.tsv``, ``trigger_classes.tsv`` and, shared with the quote
speakers, ``pronouns.tsv`` (each table's header says what a row means)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsgraph.knowledge import tables


def pronouns(*kinds: str) -> frozenset[str]:
    """Pronouns of ``data/pronouns.tsv`` standing for these kinds (person, group, thing,
    first_person), each with its possessives."""
    return tables.union("pronouns.tsv", [g for k in kinds for g in (k, f"{k}_possessive")])


@cache
def trigger_classes() -> dict[str, frozenset[str]]:
    """Lemma -> the word classes of ``trigger_classes.tsv`` it belongs to ("food" -> {"relief"})."""
    out: dict[str, set[str]] = {}
    for name, lemmas in tables.groups("trigger_classes.tsv").items():
        for lemma in lemmas:
            out.setdefault(lemma, set()).add(name)
    return {lemma: frozenset(names) for lemma, names in out.items()}


def words(group: str) -> frozenset[str]:
    """One word list of ``event_words.tsv`` ("request_verbs", "negation", ...)."""
    return tables.group("event_words.tsv", group)


@cache
def ordered(group: str) -> tuple[str, ...]:
    """One word list in table order, for lists tried in order (object prepositions)."""
    found = tuple(w for g, w, _ in tables.rows("event_words.tsv") if g == group)
    if not found:
        raise tables.TableError(f"event_words.tsv: no group {group!r}")
    return found


@cache
def recode_map(name: str) -> dict[str, str]:
    """ "intent", "appeal", "demand" or "reject": code prefix -> recoded code."""
    found = {code: new for map_, code, new in tables.rows("cameo_recodes.tsv") if map_ == name}
    if not found:
        raise tables.TableError(f"cameo_recodes.tsv: no map {name!r}")
    return found


def sectors(group: str) -> frozenset[str]:
    """A set of actor sectors of ``event_sectors.tsv`` ("state", "armed", "civilian", "local")."""
    return tables.group("event_sectors.tsv", group)


@cache
def crowd_sectors() -> dict[str, str]:
    """Lemma of an unnamed group of people -> its sector ("protester" -> CVL)."""
    return dict(tables.rows("crowd_words.tsv"))


@cache
def lemma_fixes() -> dict[str, str]:
    return dict(tables.rows("lemma_fixes.tsv"))


@dataclass(frozen=True)
class Root:
    root: str
    complete_alone: bool
    promised_as: str
    aimed: bool
    protest_purpose: bool
    local_actors: bool
    request: bool


@cache
def roots() -> dict[str, Root]:
    return {
        r: Root(r, alone == "y", promised, aimed == "y", purpose == "y", local == "y", request == "y")
        for r, alone, promised, aimed, purpose, local, request in tables.rows("cameo_roots.tsv")
    }


def roots_where(test: str) -> frozenset[str]:
    """Roots with one property: "complete_alone", "aimed", "protest_purpose", "local_actors",
    "request", "AGREE", "THREATEN"."""
    if test in ("AGREE", "THREATEN"):
        return frozenset(r.root for r in roots().values() if r.promised_as == test)
    return frozenset(r.root for r in roots().values() if getattr(r, test))
