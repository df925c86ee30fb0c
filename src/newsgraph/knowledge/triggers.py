"""The event trigger lexicon: verbs, phrasal verbs and event nouns -> CAMEO codes, with argument hints.

The data file (knowledge/data/cameo_triggers.tsv) is our own; its header documents the columns.
`TriggerIndex.match` is the pure lookup an event coder calls once per candidate head word: it is given
the head's lemma and part of speech and the lemmas found below the head in the parse, and returns the
most specific entry whose words are all there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsgraph.knowledge import tables

_DATA = "data/cameo_triggers.tsv"
_COLUMNS = ("id", "pattern", "head", "pos", "code", "target", "source", "notes")
POS = frozenset({"VERB", "NOUN"})
FLAGS = frozenset({"generic", "ambiguous", "symmetric"})
#: An alternative code meaning "no event under this condition" (PETRARCH's null code).
NO_EVENT = "---"
CONDITIONS = frozenset(
    {
        "no-target",
        "state-source",
        "armed-source",
        "labor-source",
        "unarmed-source",
        "person-target",
        "contest",
        "person-source",
    }
)


@dataclass(frozen=True, slots=True)
class Trigger:
    id: str  # stable entry id, e.g. "impose_sanction.v"
    pattern: tuple[str, ...]  # all lemmas of the pattern, in written order
    head: str  # the lemma the parser sees as head
    pos: str  # VERB or NOUN
    code: str  # CAMEO event code
    target: tuple[str, ...]  # dependency labels or prepositions, in order of preference
    source: tuple[str, ...]
    flags: frozenset[str]  # subset of FLAGS
    modal: str | None  # "intended" for pledge/promise/vow-like verbs
    alts: tuple[tuple[str, str], ...]  # (code, condition)

    @property
    def rest(self) -> tuple[str, ...]:
        """The pattern's lemmas other than the head (each occurrence of the head word counts once)."""
        words = list(self.pattern)
        words.remove(self.head)
        return tuple(words)

    @property
    def specificity(self) -> int:
        return len(self.pattern)

    @property
    def rule(self) -> str:
        """The provenance string an event carries: which table and which entry."""
        return f"trigger:{self.id}"

    def is_(self, flag: str) -> bool:
        return flag in self.flags


def _split(field: str) -> tuple[str, ...]:
    return () if field in ("", "-") else tuple(p.strip() for p in field.split(",") if p.strip())


def _parse_notes(field: str, where: str) -> tuple[frozenset[str], str | None, tuple[tuple[str, str], ...]]:
    flags: set[str] = set()
    modal = None
    alts: list[tuple[str, str]] = []
    for note in () if field in ("", "-") else field.split(";"):
        note = note.strip()
        if note in FLAGS:
            flags.add(note)
        elif note.startswith("modal="):
            modal = note.removeprefix("modal=")
        elif note.startswith("alt="):
            code, _, condition = note.removeprefix("alt=").partition(":")
            if condition not in CONDITIONS:
                raise ValueError(f"{where}: unknown alt condition {condition!r}")
            alts.append((code, condition))
        else:
            raise ValueError(f"{where}: unknown note {note!r}")
    return frozenset(flags), modal, tuple(alts)


def parse(text: str, where: str = _DATA) -> list[Trigger]:
    """Rows of a trigger table in the format of cameo_triggers.tsv (``knowledge.tables`` format)."""
    out: list[Trigger] = []
    data = tables.parse(text, where)
    if data.columns != _COLUMNS:
        raise ValueError(f"{where}: columns must be {', '.join(_COLUMNS)}")
    for i, row in enumerate(data.rows):
        at = data.where(i)
        tid, pattern, head, pos, code, target, source, notes = row
        words = tuple(pattern.split())
        if head not in words:
            raise ValueError(f"{at}: head {head!r} is not a word of {pattern!r}")
        if pos not in POS:
            raise ValueError(f"{at}: pos must be VERB or NOUN, not {pos!r}")
        flags, modal, alts = _parse_notes(notes, at)
        out.append(Trigger(tid, words, head, pos, code, _split(target), _split(source), flags, modal, alts))
    return out


@dataclass(frozen=True)
class TriggerIndex:
    """Triggers grouped by (head lemma, pos), most specific first, for one dict lookup per token."""

    by_head: dict[tuple[str, str], tuple[Trigger, ...]]
    by_id: dict[str, Trigger]

    @classmethod
    def build(cls, entries: Iterable[Trigger]) -> TriggerIndex:
        groups: dict[tuple[str, str], list[Trigger]] = {}
        by_id: dict[str, Trigger] = {}
        for t in entries:
            if t.id in by_id:
                raise ValueError(f"duplicate trigger id {t.id!r}")
            by_id[t.id] = t
            groups.setdefault((t.head, t.pos), []).append(t)
        # Longest pattern first; among equals, the non-generic entry first; then by id so the order
        # (and hence which entry a tie resolves to) never depends on the row order of the file.
        ordered = {
            key: tuple(sorted(ts, key=lambda t: (-t.specificity, t.is_("generic"), t.id)))
            for key, ts in groups.items()
        }
        return cls(ordered, by_id)

    def candidates(self, lemma: str, pos: str) -> tuple[Trigger, ...]:
        """Every entry headed by this lemma and part of speech, most specific first."""
        return self.by_head.get((lemma.lower(), pos), ())

    def heads(self) -> set[str]:
        return {lemma for lemma, _ in self.by_head}

    def match(self, lemma: str, pos: str, context: Iterable[str] = ()) -> Trigger | None:
        """The most specific entry for a head whose other words are all in `context`.

        `context` holds the lemmas of the words below the head in the parse (particles, prepositions,
        objects and their modifiers, an xcomp verb and its object); the caller chooses how deep to look.
        """
        found = self.match_all(lemma, pos, context)
        return found[0] if found else None

    def match_all(self, lemma: str, pos: str, context: Iterable[str] = ()) -> list[Trigger]:
        """All entries for the head whose other words are in `context`, most specific first."""
        have = {w.lower() for w in context}
        return [t for t in self.candidates(lemma, pos) if all(w in have for w in t.rest)]


@cache
def triggers() -> list[Trigger]:
    """The project's trigger lexicon, in file order."""
    text = resources.files("newsgraph.knowledge").joinpath(_DATA).read_text(encoding="utf-8")
    return parse(text)


@cache
def index() -> TriggerIndex:
    return TriggerIndex.build(triggers())


def by_id(trigger_id: str) -> Trigger:
    """The entry an event's `rule` names ("trigger:impose_sanction.v" or "impose_sanction.v")."""
    return index().by_id[trigger_id.removeprefix("trigger:")]
