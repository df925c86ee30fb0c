"""Reported speech around a trigger: the quote it lies in, and the quote's speaker as an argument."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.analyze.events.args import Arg, ArgFinder, actor_code
from newsgraph.analyze.events.modality import Modality
from newsgraph.knowledge import event_words as ew
from newsgraph.records import Quote

# Pronouns through which a reported act can be the speaker's own: "said they had attacked Iraq",
# "the ministry said it had shelled the town", "our strikes".
SPEAKER_PRONOUNS = ew.pronouns("first_person", "group", "thing")


def quote_of(tok: Token, quotes: list[Quote]) -> Modality | None:
    """The reported-speech modality of a token inside a quote or reported clause."""
    for q in quotes:
        if q.start <= tok.idx < q.end:
            return Modality("reported", q.cue or q.kind, q.id)
    return None


def speaker_side(tok: Token, sources: list[Arg], finder: ArgFinder) -> bool:
    """Whether a reported act with no coded source is the speaker's: its sources are "we"/"I", or
    its subject (up its xcomp/conj chain) or possessor is a pronoun that can stand for the speaker.
    Not a third party left unnamed: in "air strikes killed 20 civilians, the UN said" the UN did
    not strike."""
    if sources and all(finder.doc[s.token].lower_ in ("we", "i", "us") for s in sources if s.token >= 0):
        return True
    cur = tok
    for _ in range(4):
        pronouns = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "poss")]
        if any(c.lower_ in SPEAKER_PRONOUNS for c in pronouns):
            return True
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def quote_speaker(m: Modality, quotes: list[Quote], finder: ArgFinder) -> Arg | None:
    """The speaker of the quote a modality points at, as a coded argument (None if uncoded)."""
    for q in quotes:
        if q.id == m.quote_id and q.speaker_actor_id:
            actor = finder.actors.get(q.speaker_actor_id)
            if actor is not None:
                code = actor_code(actor)
                if code:
                    start = q.speaker_start if q.speaker_start is not None else -1
                    end = q.speaker_end if q.speaker_end is not None else -1
                    return Arg(code, actor.id, q.speaker, -1, "quote-speaker", start, end)
    return None
