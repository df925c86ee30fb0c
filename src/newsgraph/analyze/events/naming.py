"""Verbs of naming: calling someone something is a comment on them.

"Lighthizer called China's move unjustified", "Iran branded the United States a terrorist state",
"the minister described the offensive as a disgrace": what the object is called decides the event,
praise (051) when it is approving, criticism (111) when disapproving, by our own judgement words
(``event_words.tsv``: ``disapproving_words``, ``approving_words``) and else VADER's lexicon. A name
that is neither ("named him envoy", "called it a day") is no event of the verb: not the telephone
call (041) its bare entry would code. The event's rule names the verb and the word or score that
decided.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.analyze.tone.scores import compound
from newsgraph.knowledge import event_words as ew
from newsgraph.knowledge.triggers import Trigger

NAMING_VERBS = ew.words("naming_verbs")
DISAPPROVING = ew.words("disapproving_words")
APPROVING = ew.words("approving_words")
#: VADER's compound score at which a name approves or disapproves ("a disgrace" -0.49, "a strong
#: leader" +0.51, "an act of aggression" -0.30).
THRESHOLD = 0.25
PRAISE, CRITICISM = "051", "111"


def small_clause(tok: Token) -> bool:
    """A clause with no verb of its own under a verb: "found [the men guilty]", "declared [the vote
    void]". The parser calls it a ``ccomp`` headed by the adjective or noun, whose ``nsubj`` is the
    verb's object; its head word is part of the verb's entry ("find guilty")."""
    return (
        tok.dep_ == "ccomp"
        and tok.pos_ in ("ADJ", "NOUN")
        and any(c.dep_ == "nsubj" for c in tok.children)
        and not any(c.dep_ in ("aux", "auxpass", "cop", "mark") for c in tok.children)
    )


def predicates(verb: Token) -> list[Token]:
    """What a naming verb's object is called: "called X [unjustified]" (``oprd``; the parser may
    give several), "described X as [a disgrace]", "branded the US [a terrorist state]" (a second
    object after a ``dative``), "called [China's move unjustified]" (a small clause: its head);
    none when the verb names nothing."""
    children = list(verb.children)
    deps = {c.dep_ for c in children}
    # Something must be called something: an object beside the predicate ("called Merkel" alone,
    # which the parser may label oprd, names no one anything).
    named = bool(deps & {"dobj", "dative"})
    found = [c for c in children if c.dep_ == "oprd" and named]
    found += [c for c in children if c.dep_ == "ccomp" and small_clause(c)]
    found += [c for c in children if c.dep_ == "dobj" and "dative" in deps]
    if "dobj" in deps:
        found += [
            g
            for c in children
            if c.dep_ == "prep" and c.lower_ == "as"
            for g in c.children
            if g.dep_ == "pobj"
        ]
    return found


def _words(heads: list[Token]) -> list[Token]:
    """The predicates' own words: their subtrees less a small clause's subject."""
    skip = {t.i for h in heads for c in h.children if c.dep_ == "nsubj" for t in c.subtree}
    return sorted({t.i: t for h in heads for t in h.subtree if t.i not in skip}.values(), key=lambda t: t.i)


def judgement(heads: list[Token]) -> tuple[str, str]:
    """(CAMEO code, what decided) of what something is called: ("111", "disapproving:baseless"),
    ("051", "vader:+0.51"), or ("", "") for a name that neither approves nor disapproves."""
    words = _words(heads)
    for t in words:
        lemma = t.lemma_.lower()
        if lemma in DISAPPROVING or t.lower_ in DISAPPROVING:
            return CRITICISM, f"disapproving:{t.lower_}"
        if lemma in APPROVING or t.lower_ in APPROVING:
            return PRAISE, f"approving:{t.lower_}"
    score = compound(" ".join(t.text for t in words)) or 0.0
    if score <= -THRESHOLD:
        return CRITICISM, f"vader:{score:+.2f}"
    if score >= THRESHOLD:
        return PRAISE, f"vader:{score:+.2f}"
    return "", ""


def naming_trigger(verb: Token) -> tuple[Trigger, list[Token]] | bool | None:
    """For a naming verb with a predicate: the praise or criticism entry it codes and the predicates
    (used up, never a target); False for a neutral name (the verb codes nothing); None when the
    token is no naming verb with a predicate (the lexicon decides as usual)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in NAMING_VERBS:
        return None
    heads = predicates(verb)
    if not heads:
        return None
    code, why = judgement(heads)
    if not code:
        return False
    lemma = verb.lemma_.lower()
    entry = Trigger(
        id=f"naming:{lemma}.v({why})",
        pattern=(lemma,),
        head=lemma,
        pos="VERB",
        code=code,
        target=("iobj", "dobj"),
        source=("nsubj", "agent"),
        flags=frozenset(),
        modal=None,
        alts=(),
    )
    return entry, heads
