"""Who is speaking: the speaker span of a cue, and the actor it refers to.

A cue's speaker is its grammatical subject (or the agent of a passive, or the object of
"according to"); the span is the actor mention over it when there is one, else the named
entity, else the pronoun, else the noun phrase. The actor comes from, in order:
- a mention overlapping the span (names; title mentions the actors component resolved,
  e.g. "the state secretary" with rule coref:title) -> "speaker:mention";
- a personal pronoun (he/she) or a definite title noun ("the minister") -> the last person
  who spoke within SPEAKER_WINDOW characters ("...:last-speaker"), else the nearest
  preceding person mention that is a sentence subject, else any nearest preceding person
  ("...:nearest-person"). Gender is not modelled: "she" can pick a man;
- they/it -> the last organisation/country speaker, else the nearest preceding one;
- otherwise no actor: the speaker is the surface text ("speaker:surface"; "sources").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.analyze.doctext import doc_text
from newsgraph.knowledge.roles import roles
from newsgraph.knowledge.tables import group
from newsgraph.records import Actor, Mention

PERSON_PRONOUNS = group("pronouns.tsv", "person")
GROUP_PRONOUNS = group("pronouns.tsv", "group") | group("pronouns.tsv", "thing")
# Heads of a definite noun phrase that stand for a person named earlier: "the minister said".
TITLE_WORDS = (
    frozenset(p for p, r in roles().items() if r.applies != "body" and " " not in p)
    - group("speaker_words.tsv", "not_title")
) | group("speaker_words.tsv", "title")
_TITLE_DETERMINERS = group("speaker_words.tsv", "title_determiner")
_SPEAKING_NOUNS = group("speaker_words.tsv", "speaking_noun")
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
SPEAKER_WINDOW = 600  # chars: how far back "he added" still means the last speaker
PERSONISH_KINDS = frozenset({"person"})
GROUP_KINDS = frozenset({"organisation", "country", "group", "igo"})
NP_DEPS = frozenset({"det", "compound", "amod", "poss", "nummod", "nmod", "case", "quantmod"})


@dataclass
class Speaker:
    start: int
    end: int
    text: str
    name: str  # the actor's name when resolved, else the surface text
    actor_id: str = ""
    actor_kind: str = ""
    rule: str = ""


def subject_of(tok: Token) -> Token | None:
    """The speaker token of a verb cue: nsubj, the agent of a passive, or the subject it shares."""
    for child in tok.children:
        if child.dep_ == "nsubj":
            # "the official who said ...": the relative pronoun stands for the noun it modifies.
            if child.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                return tok.head
            return child
    for child in tok.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    # "X said A and added B", "X tweeted, saying ...": the subject of the verb it hangs on.
    if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX"):
        return subject_of(tok.head)
    return None


class SpeakerResolver:
    """Resolves speakers in document order, remembering who spoke last."""

    def __init__(self, doc: Doc, mentions: list[Mention], actors: list[Actor]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.mentions]
        self.actors = {a.id: a for a in actors}
        self.ent_of: dict[int, tuple[int, int]] = {}
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                for i in range(ent.start, ent.end):
                    self.ent_of[i] = (ent.start_char, ent.end_char)
        self.history: list[tuple[int, Speaker]] = []  # (position, resolved speaker)

    def span_of(self, tok: Token) -> tuple[int, int]:
        """Character span of the speaker phrase headed by tok."""
        mention = self._mention_at(tok.idx, tok.idx + len(tok.text))
        if mention is not None:
            return mention.start, mention.end
        if tok.i in self.ent_of:
            return self.ent_of[tok.i]
        if tok.pos_ == "PRON":
            return tok.idx, tok.idx + len(tok.text)
        left = tok
        for child in tok.lefts:
            if child.dep_ in NP_DEPS:
                left = child
                break
        return left.idx, tok.idx + len(tok.text)

    def resolve(self, tok: Token, position: int) -> Speaker:
        start, end = self.span_of(tok)
        text = self.text[start:end]
        speaker = Speaker(start, end, text, name=text, rule="speaker:surface")
        # Only a mention over the head word: "the Trump administration" is not Trump.
        mention = self._mention_at(tok.idx, tok.idx + len(tok.text))
        lower = tok.lower_
        if mention is not None and mention.actor_id in self.actors:
            self._set(speaker, self.actors[mention.actor_id], f"speaker:mention({mention.rule})")
        elif lower in PERSON_PRONOUNS or (tok.pos_ == "NOUN" and self._is_title(tok)):
            how = "pronoun" if lower in PERSON_PRONOUNS else "title"
            found = self._antecedent(position, PERSONISH_KINDS)
            if found is not None:
                self._set(speaker, found[0], f"speaker:{how}->{found[1]}")
        elif lower in GROUP_PRONOUNS:
            found = self._antecedent(position, GROUP_KINDS)
            if found is not None:
                self._set(speaker, found[0], f"speaker:pronoun->{found[1]}")
        self.history.append((position, speaker))
        return speaker

    def personish(self, tok: Token) -> bool:
        """Can this subject speak? Names, pronouns, titles, mentions - not "the meeting"."""
        start, end = tok.idx, tok.idx + len(tok.text)
        return (
            self._mention_at(start, end) is not None
            or tok.i in self.ent_of
            or tok.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS
            or self._is_title(tok)
            or tok.lemma_.lower() in _SPEAKING_NOUNS
        )

    def _is_title(self, tok: Token) -> bool:
        if tok.lemma_.lower() not in TITLE_WORDS:
            return False
        return any(c.dep_ in ("det", "poss") and c.lower_ in _TITLE_DETERMINERS for c in tok.lefts)

    def _set(self, speaker: Speaker, actor: Actor, rule: str) -> None:
        speaker.name, speaker.actor_id, speaker.actor_kind, speaker.rule = (
            actor.name,
            actor.id,
            actor.kind,
            rule,
        )

    def _mention_at(self, start: int, end: int) -> Mention | None:
        """The longest mention overlapping [start, end)."""
        best, best_len = None, 0
        i = bisect_left(self.starts, start - 200)
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0 and m.end - m.start > best_len:
                best, best_len = m, m.end - m.start
            i += 1
        return best

    def _antecedent(self, position: int, kinds: frozenset[str]) -> tuple[Actor, str] | None:
        for pos, earlier in reversed(self.history):
            if position - pos > SPEAKER_WINDOW:
                break
            if earlier.actor_kind in kinds and earlier.actor_id in self.actors:
                return self.actors[earlier.actor_id], "last-speaker"
        # A subject nearby beats a nearer object ("X met Y. He said ..." -> X); failing one,
        # the nearest person at all.
        fallback = None
        i = bisect_left(self.starts, position) - 1
        while i >= 0:
            m = self.mentions[i]
            i -= 1
            actor = self.actors.get(m.actor_id)
            if actor is None or actor.kind not in kinds or m.end > position:
                continue
            if fallback is None:
                fallback = actor
            if position - m.start > 3 * SPEAKER_WINDOW:
                break
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                return actor, "nearest-subject"
        if fallback is None:
            return None
        return fallback, "nearest-person" if kinds == PERSONISH_KINDS else "nearest"
