"""Modality of an event trigger, and the CAMEO recoding that modality calls for.

One modality per event, the first that applies in this order (each names its cue in the rule):
- negated: a negation on the trigger or on a verb above it in its xcomp chain ("could not agree",
  "won't try to clash"), "no" on a noun trigger ("no agreement"), or a refusal verb above it
  ("refused to meet", "failed to agree");
- hypothetical: the act is what a request asks for ("urged Israel to withdraw", "called for
  sanctions", "pushed for talks": the cue is the request verb, see `requested`); a conditional
  clause above the trigger ("if ... agreed"), or a modal of possibility (could, would, might, may,
  should) on the trigger or its chain;
- intended: the future ("will", "shall", "be going to", and "would" reported in the past: "said
  Arafat would go") or a verb of intent above the trigger ("try to secure", "want to attack",
  "agreed to create", "pledged to ensure");
- reported: the act is what someone is accused of ("blamed Hamas for the attack"), or the trigger
  lies inside a quotation or reported clause (``doc._.quotes``); negated when
  the clause's speech cue is a denial ("denied that it had attacked");
- asserted: none of these.

CAMEO codes intentions and refusals as events of their own, so (following the CAMEO codebook):
an intended cooperative act (roots 04-08; a bare future only when someone is reported to announce
it, see `recode`) is recoded to the matching "express intent" code (03x),
an intended use of force (18-20) to "threaten to use force" (138x); a negated cooperative act
(03-08) becomes the matching rejection (12x). Other negated events keep their code and their
"negated" modality: they report that something did not happen.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.knowledge import event_words as ew
from newsgraph.knowledge.speech import speech_cues
from newsgraph.records import Quote

# Word lists and recode maps: knowledge/data/event_words.tsv and cameo_recodes.tsv (see their headers).
NEGATION_WORDS = ew.words("negation")
REFUSAL_VERBS = ew.words("refusal_verbs")
POSSIBILITY_MODALS = ew.words("possibility_modals")
FUTURE_MODALS = ew.words("future_modals")
INABILITY_MODALS = ew.words("inability_modals")
INTENT_VERBS = ew.words("intent_verbs")
CONDITION_MARKERS = ew.words("condition_markers")
REQUEST_VERBS = ew.words("request_verbs")
REQUEST_OBJECT_VERBS = ew.words("request_object_verbs")
DEMAND_VERBS = ew.words("demand_verbs")
ACCUSING_VERBS = ew.words("accusing_verbs")
STOPPING_VERBS = ew.words("stopping_verbs")
DENIAL_CUES = ew.words("denial_cues")
FUTURE_CUES = FUTURE_MODALS | ew.words("future_cues")
READINESS_WORDS = ew.words("readiness_words")
INTENT_CODE = ew.recode_map("intent")
APPEAL_CODE = ew.recode_map("appeal")
DEMAND_CODE = ew.recode_map("demand")
REJECT_CODE = ew.recode_map("reject")
REVERSE_CODE = ew.recode_map("reverse")
REVERSAL_VERBS = ew.words("reversal_verbs")


@dataclass(frozen=True)
class Modality:
    kind: str  # asserted | negated | hypothetical | intended | reported
    cue: str  # the word that decided, "" for asserted
    quote_id: str = ""  # the quote the event lies in, if any


def _chain(tok: Token, limit: int = 5) -> list[Token]:
    """The trigger and the verbs above it along xcomp / conj links (where intent and negation sit)."""
    out = [tok]
    cur = tok
    for _ in range(limit):
        if cur.dep_ in ("xcomp", "conj") and cur.head.i != cur.i:
            cur = cur.head
            out.append(cur)
        elif cur.dep_ in ("dobj", "pobj", "prep") and cur.pos_ in ("NOUN", "PROPN", "ADP"):
            cur = cur.head  # a noun trigger: the verb it is the object of ("signed no agreement")
            out.append(cur)
        else:
            break
    return out


def _intent_governor(tok: Token) -> Token | None:
    """The verb of intent the trigger depends on: "try to secure" (xcomp), "agreed to create a
    channel" (the object of the xcomp verb). Not further: in "pledged to ensure the implementation of
    the ceasefire" the ceasefire itself is not what was pledged."""
    verb = tok
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj":
        verb = tok.head
    cur = verb
    for _ in range(3):
        if cur.dep_ == "xcomp" and cur.head.i != cur.i:
            cur = cur.head
            if cur.lemma_ in INTENT_VERBS and cur.pos_ in ("VERB", "AUX"):
                return cur
        elif cur.dep_ == "conj" and cur.head.i != cur.i:
            cur = cur.head
        else:
            return None
    return None


def request_code(request_code: str, content_code: str) -> str | None:
    """The specific appeal or demand code for a request (its own code, 020 or 100, says which)
    whose content is the act ``content_code``; None when CAMEO has none for that act."""
    table = DEMAND_CODE if request_code.startswith("10") else APPEAL_CODE
    return _by_prefix(table, content_code)


def request_governor(tok: Token) -> Token | None:
    """The request verb whose content the trigger is: its xcomp ("urged Israel to withdraw"), the
    object of its "for" ("called for sanctions", "pushed for talks") or, for demand-like verbs, its
    direct object ("demanded sanctions")."""
    head = tok.head
    if head.i == tok.i:
        return None
    if tok.dep_ == "xcomp" and head.lemma_.lower() in REQUEST_VERBS:
        return head
    if tok.dep_ in ("advcl", "ccomp") and head.lemma_.lower() in REQUEST_VERBS and for_clause(tok):
        return head  # "called for the EPA chief to resign"
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "for":
        verb = head.head
        return verb if verb.lemma_.lower() in REQUEST_VERBS and verb.pos_ in ("VERB", "NOUN") else None
    if tok.dep_ == "dobj" and tok.pos_ == "NOUN" and head.lemma_.lower() in REQUEST_OBJECT_VERBS:
        return head
    return None


def for_clause(clause: Token) -> bool:
    """ "(called) for the chief to resign": a clause introduced by "for"."""
    return any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children)


def _stopping_verb(tok: Token) -> Token | None:
    """The verb that stops the noun trigger's act: its object, also through a compound ("blocked
    the aid package")."""
    if tok.pos_ != "NOUN":
        return None
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
        tok = tok.head
    verb = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in STOPPING_VERBS and verb.pos_ == "VERB":
        return verb
    return None


def accuser(tok: Token) -> Token | None:
    """The accusing verb whose "of"/"for" phrase the trigger is ("blamed Hamas for the attack")."""
    prep = tok.head
    if tok.dep_ not in ("pcomp", "pobj") or prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
        return None
    return prep.head if prep.head.lemma_.lower() in ACCUSING_VERBS else None


def requested(m: Modality) -> bool:
    """Whether the modality says the act is what a request asks for (not something done)."""
    return m.kind == "hypothetical" and m.cue in REQUEST_VERBS


def _clause_verbs(tok: Token, limit: int = 6) -> list[Token]:
    """Every head above the trigger up to the root (for conditional clauses)."""
    out = []
    cur = tok
    for _ in range(limit):
        if cur.head.i == cur.i:
            break
        out.append(cur)
        cur = cur.head
    out.append(cur)
    return out


def modality(tok: Token, quotes: list[Quote]) -> Modality:
    """The modality of the event a trigger token expresses (see the module docstring)."""
    chain = _chain(tok)
    for t in chain:
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no" and t.pos_ == "NOUN"):
                unable = [a.lower_ for a in t.children if a.dep_ == "aux" and a.lower_ in INABILITY_MODALS]
                return Modality("negated", f"{unable[0]} {c.lower_}" if unable else c.lower_)
        if t is not tok and t.lemma_ in REFUSAL_VERBS:
            return Modality("negated", t.lemma_)
    stopper = _stopping_verb(tok)
    if stopper is not None:
        return Modality("negated", stopper.lemma_.lower())
    governor = request_governor(tok)
    if governor is not None:
        return Modality("hypothetical", governor.lemma_.lower())
    for t in _clause_verbs(tok):
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS for c in t.children):
            return Modality("hypothetical", "if")
    for t in chain:
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in POSSIBILITY_MODALS:
                if c.lower_ == "would" and _backshifted(t):
                    return Modality("intended", "would", _quote_id(tok, quotes))
                return Modality("hypothetical", c.lower_)
    for t in chain:
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in FUTURE_MODALS:
                return Modality("intended", c.lower_, _stated_in(t, tok, quotes))
            if c.dep_ == "aux" and c.lower_ == "going":
                return Modality("intended", "going to", _stated_in(t, tok, quotes))
    governor = _intent_governor(tok)
    if governor is not None:
        return Modality("intended", governor.lemma_)
    # "is willing to withdraw", "is ready to talk", "is about to restore"
    if tok.dep_ == "xcomp" and tok.head.pos_ in ("ADJ", "ADV", "ADP") and tok.head.lemma_ in READINESS_WORDS:
        return Modality("intended", tok.head.lemma_)
    accusing = accuser(tok)
    if accusing is not None:
        return Modality("reported", accusing.lemma_.lower())
    for q in quotes:
        # "announced new sanctions": the noun the speech verb takes as its object is the act itself.
        if tok.dep_ == "dobj" and tok.head.idx < q.start and q.cue and tok.head.text in q.cue.split():
            continue
        if q.start <= tok.idx < q.end:
            if cue_lemma(tok, q.cue) in DENIAL_CUES:
                return Modality("negated", q.cue, q.id)  # "denied that it had attacked": not reported as done
            return Modality("reported", q.cue or q.kind, q.id)
    return Modality("asserted", "")


def _quote_id(tok: Token, quotes: list[Quote]) -> str:
    """The quote or reported clause the trigger lies in ("" when none)."""
    return next((q.id for q in quotes if q.start <= tok.idx < q.end), "")


def _stated_in(verb: Token, tok: Token, quotes: list[Quote]) -> str:
    """The quote in which the future of ``verb`` is announced: not one where it only describes a
    thing ("a memorandum ... which will have a ceasefire": what the memorandum provides)."""
    return "" if verb.dep_ in ("relcl", "acl") else _quote_id(tok, quotes)


def _backshifted(verb: Token) -> bool:
    """ "said Arafat would go to Cairo": "would" is "will" reported in the past (the clause is the
    content of a past-tense speech verb), a stated plan, not a possibility."""
    head = verb.head
    return verb.dep_ == "ccomp" and head.tag_ in ("VBD", "VBN") and head.lemma_.lower() in speech_cues().verbs


def reversal_verb(tok: Token) -> Token | None:
    """The verb that takes back the noun trigger's act: its object or passive subject, also through a
    compound ("lifted the boycott", "reduced the aid package", "sanctions were eased", "rolled back
    tariffs")."""
    if tok.pos_ != "NOUN":
        return None
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
        tok = tok.head
    verb = tok.head
    if tok.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB":
        return None
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
    lemma = verb.lemma_.lower()
    return verb if lemma in REVERSAL_VERBS or f"{lemma} {particle}" in REVERSAL_VERBS else None


def reverse(tok: Token, code: str) -> tuple[str, str]:
    """(code, rule): the act a reversal verb takes back, recoded by the "reverse" map; unchanged
    (and no rule) where the verb is none or the map has no code for the act."""
    verb = reversal_verb(tok)
    new = _by_prefix(REVERSE_CODE, code) if verb is not None else None
    if verb is None or new is None:
        return code, ""
    return new, f"reversed({verb.lemma_.lower()}):{code}->{new}"


def cue_lemma(tok: Token, cue: str) -> str:
    """The lemma of a quote's speech cue ("denied" -> "deny"), read from the trigger's sentence."""
    word = cue.split()[0].lower() if cue else ""
    return next((t.lemma_.lower() for t in tok.sent if t.lower_ == word), word)


def _by_prefix(table: dict[str, str], code: str) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def recode(code: str, kind: str, cue: str = "", stated: bool = False) -> tuple[str, str]:
    """(code, rule suffix): the CAMEO code for an event of this modality (module docstring).

    A bare future in the narrative ("the ministers will meet in Zurich") keeps its code: it is a
    scheduled act. A verb of intent ("pledged to", "wants to") recodes, and so does a future someone
    is reported to have announced (``stated``: "Chile and Mexico will start negotiations, the
    minister said", "said Arafat would go to Cairo"): the codebook codes the statement of a plan as
    the intention (036, not 046), not as the act."""
    if kind == "intended" and (cue not in FUTURE_CUES or stated):
        new = _by_prefix(INTENT_CODE, code)
        if new and not code.startswith("03"):
            return new, f"intent:{code}->{new}"
    # "could not agree" is a failure, not a refusal: negated, keeping its code.
    if kind == "negated" and cue not in STOPPING_VERBS and (cue.split() or [""])[0] not in INABILITY_MODALS:
        new = _by_prefix(REJECT_CODE, code)
        if new:
            return new, f"negation:{code}->{new}"
    return code, ""
