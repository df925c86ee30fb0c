"""Trigger matching: which tokens of a sentence express an event, and by which lexicon entry.

A trigger is a verb or noun whose lemma heads an entry of the trigger lexicon
(``knowledge/data/cameo_triggers.tsv``, plus a user's PETRARCH verb dictionary, whose entries win).
The entry's other words (or a word of a class an entry names as "@class", ``trigger_classes.tsv``)
must be among the token's dependents (particles, prepositions and their
objects, the object and its modifiers, an xcomp verb and its object); the longest entry wins, and the
words an entry used up are not triggers themselves ("agree to meet" is one event).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsgraph.analyze.events.naming import naming_trigger, small_clause
from newsgraph.knowledge import event_words as ew
from newsgraph.knowledge import triggers as trig
from newsgraph.knowledge.agents import agent

# Dependents whose lemmas count as a trigger's context (entry words beyond the head).
CONTEXT_DEPS = {
    "prt", "prep", "pobj", "pcomp", "dobj", "dative", "xcomp", "aux", "compound", "amod", "acomp",
    "attr", "oprd", "nmod", "advmod", "npadvmod", "det", "nsubjpass", "agent",
}  # fmt: skip
CONTEXT_DEPTH = 3
# Parts of speech the coder never treats as triggers even when the lexicon has their lemma.
SKIP_POS = {"PROPN", "ADJ", "ADV", "ADP", "DET", "PRON", "NUM", "PUNCT", "SYM", "X", "SPACE"}
# Verb lemmas the English model gets wrong ("staged" -> "stag"): knowledge/data/lemma_fixes.tsv.
VERB_LEMMA_FIXES = ew.lemma_fixes()
# "look into the future": a preposition of the entry that takes a time word is a figure of speech.
TIME_OBJECTS = ew.words("time_objects")
TRIGGER_CLASSES = ew.trigger_classes()


@dataclass
class Match:
    """A trigger token, the lexicon entry it matched, and the dependents the entry used up."""

    tok: Token
    trigger: trig.Trigger
    consumed: set[int]


def context(tok: Token) -> dict[str, list[Token]]:
    """Lemma -> tokens below the trigger in the parse (within CONTEXT_DEPTH, no clause boundaries)."""
    out: dict[str, list[Token]] = {}
    frontier = [(tok, 0)]
    while frontier:
        cur, depth = frontier.pop()
        for c in cur.children:
            if cur is tok and c.dep_ in ("advcl", "ccomp"):
                # "called for the chief to resign": the clause's "for" is the entry's ("call for").
                for mark in (m for m in c.children if m.dep_ == "mark" and m.lower_ == "for"):
                    out.setdefault("for", []).append(mark)
            if c.dep_ not in CONTEXT_DEPS and not (cur is tok and small_clause(c)):
                continue
            # A preposition below another verb belongs to that verb: "agreed to create a channel
            # with X" is not "agree with".
            if c.dep_ in ("prep", "prt", "agent") and cur is not tok and cur.pos_ in ("VERB", "AUX"):
                continue
            for key in {c.lemma_.lower(), c.lower_}:
                out.setdefault(key, []).append(c)
            # An entry may name a class of words ("send @relief"): the class counts as the word.
            for name in TRIGGER_CLASSES.get(c.lemma_.lower(), ()):
                out.setdefault(f"@{name}", []).append(c)
            if depth + 1 < CONTEXT_DEPTH:
                frontier.append((c, depth + 1))
    # Hyphenated words the tokenizer split ("cease-fire", "de-escalation"): neighbours count too.
    for n in (tok.nbor(-1) if tok.i > 0 else None, tok.nbor(-2) if tok.i > 1 else None):
        if n is not None and n.is_alpha:
            out.setdefault(n.lemma_.lower(), []).append(n)
    return out


def part_of_speech(tok: Token) -> str | None:
    """VERB or NOUN as the lexicon keys triggers, None for a token that cannot be one."""
    if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
        return "VERB"
    if tok.pos_ == "NOUN":
        return "NOUN"
    if tok.pos_ == "ADJ" and any(c.dep_ == "prep" and c.lower_ in ("between", "with") for c in tok.children):
        # An adjective used as a noun, which the tagger does not see: "the bilateral between X and Y".
        return "NOUN"
    return None


def match(tok: Token, index: trig.TriggerIndex, user_prefix: str) -> Match | None:
    """The best entry a token matches, or None."""
    pos = part_of_speech(tok)
    if pos is None or (tok.pos_ in SKIP_POS and pos != "NOUN"):
        return None
    if pos == "NOUN" and _names_an_actor(tok):
        return None
    lemma = tok.lemma_.lower()
    if pos == "VERB":
        lemma = VERB_LEMMA_FIXES.get(lemma, lemma)
        named = naming_trigger(tok)
        if named is False:
            return None  # "named him envoy": a neutral name is no event of the verb
        if named is not None:
            entry, said = named
            return Match(tok, entry, {i for h in said for i in (h.i, h.head.i) if i != tok.i})
    if not index.candidates(lemma, pos) and not index.candidates(tok.lower_, pos):
        return None
    ctx = context(tok)
    found = index.match_all(lemma, pos, ctx) or index.match_all(tok.lower_, pos, ctx)
    if not found:
        return None
    # A user's dictionary wins over ours; then the longest entry; then non-generic (match_all order).
    best = sorted(found, key=lambda t: (not t.id.startswith(user_prefix), -t.specificity))[0]
    consumed = {ctx[w][0].i for w in best.rest if w in ctx}
    if any(_time_object(tok.doc[i]) for i in consumed):
        return None
    return Match(tok, best, consumed)


def _names_an_actor(tok: Token) -> bool:
    """ "riot police", "attack helicopters", "ceasefire monitors": an event noun that says what kind
    of actor its head is (a generic agent, ``knowledge/data/agents.tsv``) names no event."""
    head = tok.head
    return (
        tok.dep_ in ("compound", "amod")
        and head.i != tok.i
        and head.pos_ == "NOUN"
        and (agent(f"{tok.text} {head.text}") is not None or agent(head.lemma_) is not None)
    )


def _time_object(word: Token) -> bool:
    return word.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.lemma_.lower() in TIME_OBJECTS for c in word.children
    )


def sentence_matches(sent: Span, index: trig.TriggerIndex, user_prefix: str) -> list[Match]:
    """The sentence's triggers in text order: longest entries first, so "agree to meet" uses up
    "meet" before "meet" is tried alone; a token another entry used up is no trigger."""
    candidates = [m for m in (match(tok, index, user_prefix) for tok in sent) if m is not None]
    chosen: list[Match] = []
    used: set[int] = set()
    for m in sorted(candidates, key=lambda m: (-m.trigger.specificity, m.tok.i)):
        if m.tok.i in used:
            continue
        chosen.append(m)
        used |= m.consumed
    return sorted((m for m in chosen if m.tok.i not in used), key=lambda m: m.tok.i)
