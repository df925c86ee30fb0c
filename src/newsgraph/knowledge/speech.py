"""Reporting cues (said, told, according to, ...): our lexicon `data/speech_cues.tsv` and its loader."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsgraph.knowledge import tables

KINDS = ("verb", "phrase", "prep")
FRAMES = ("clause", "object", "both")


@dataclass(frozen=True)
class SpeechCue:
    """One lexicon row: how a cue is matched and how its reported content attaches."""

    cue: str  # verb lemma, "lemma particle", or the words of a prepositional marker
    kind: str  # verb | phrase | prep
    frame: str  # clause | object | both
    direct: bool  # may introduce or close a quotation
    note: str = ""

    @property
    def rule(self) -> str:
        """Provenance string naming this lexicon entry."""
        return f"speech_cues:{self.cue}"

    def takes_clause(self) -> bool:
        return self.frame in ("clause", "both")

    def takes_object(self) -> bool:
        return self.frame in ("object", "both")


@dataclass(frozen=True)
class SpeechCues:
    verbs: dict[str, SpeechCue]  # by lemma
    phrases: dict[tuple[str, str], SpeechCue]  # by (verb lemma, particle)
    preps: dict[tuple[str, ...], SpeechCue]  # by lowercased words


def parse_cues(text: str) -> SpeechCues:
    """Parse a table in the format of speech_cues.tsv; a malformed row is a ValueError naming it."""
    verbs: dict[str, SpeechCue] = {}
    phrases: dict[tuple[str, str], SpeechCue] = {}
    preps: dict[tuple[str, ...], SpeechCue] = {}
    data = tables.parse(text, "speech_cues.tsv")
    for i, (cue, kind, frame, direct, note) in enumerate(data.rows):
        if not (cue and kind and frame and direct):
            raise ValueError(f"{data.where(i)}: expected cue, kind, frame, direct")
        if kind not in KINDS or frame not in FRAMES or direct not in ("y", "n"):
            raise ValueError(f"{data.where(i)}: bad kind/frame/direct in {data.rows[i]!r}")
        entry = SpeechCue(cue=cue, kind=kind, frame=frame, direct=direct == "y", note=note)
        words = tuple(cue.lower().split())
        if kind == "verb":
            verbs[words[0]] = entry
        elif kind == "phrase":
            phrases[(words[0], words[-1])] = entry
        else:
            preps[words] = entry
    return SpeechCues(verbs=verbs, phrases=phrases, preps=preps)


@cache
def speech_cues() -> SpeechCues:
    """The packaged lexicon, parsed once per process."""
    text = resources.files("newsgraph.knowledge").joinpath("data/speech_cues.tsv").read_text(encoding="utf-8")
    return parse_cues(text)
