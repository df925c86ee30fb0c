"""Modality of an event trigger, and the CAMEO recoding that modality calls for.

One modality per event, the first that applies in this order (each names its cue in the rule):
- negated: a negation on the trigger or on a verb above it in its xcomp chain ("could not agree",
  "won't try to clash"), "no" on a noun trigger ("no agreement"), or a refusal verb above it
  ("refused to meet", "failed to agree");
- hypothetical: the act is what a request asks for ("urged Israel to withdraw", "called for
  sanctions", "pushed for talks": the cue is the request verb, see `requested`); a conditional
  clause above the trigger ("if ... agreed"), or a modal of possibility (could, would, might, may,
  should) on the trigger or its chain;
- intended: the future ("will", "shall", "be going to") or a verb of intent above the trigger
  ("try to secure", "want to attack", "agreed to create", "pledged to ensure");
- reported: the act is what someone is accused of ("blamed Hamas for the attack"), or the trigger
  lies inside a quotation or reported clause (``doc._.quotes``); negated when
  the clause's speech cue is a denial ("denied that it had attacked");
- asserted: none of these.

CAMEO codes intentions and refusals as events of their own, so (following the CAMEO codebook):
an intended cooperative act (roots 04-08) is recoded to the matching "express intent" code (03x),
an intended use of force (18-20) to "threaten to use force" (138x); a negated cooperative act
(03-08) becomes the matching rejection (12x). Other negated events keep their code and their
"negated" modality: they report that something did not happen.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.records import Quote

NEGATION_WORDS = {"not", "n't", "never", "no"}
REFUSAL_VERBS = {"refuse", "fail", "decline", "reject"}
POSSIBILITY_MODALS = {"could", "would", "might", "may", "should", "can", "must"}  # "must": owed, not done
FUTURE_MODALS = {"will", "shall", "'ll", "wo"}  # "wo" is "won't" split by the tokenizer
INTENT_VERBS = {
    "try", "plan", "intend", "want", "seek", "hope", "aim", "prepare", "expect", "pledge", "promise",
    "vow", "agree", "decide", "offer", "threaten", "attempt", "wish", "propose", "undertake", "commit",
    "consider", "mean", "resolve", "strive", "move",
}  # fmt: skip
CONDITION_MARKERS = {"if", "unless", "whether"}
# Verbs of request: what they ask for ("urged X to withdraw", "called for talks", "demanded sanctions")
# is requested, not done. The request itself is the event (CAMEO 02 appeal, 10 demand).
REQUEST_VERBS = {
    "urge", "ask", "call", "appeal", "press", "push", "request", "demand", "encourage", "implore",
    "plead", "lobby", "beg", "petition", "campaign", "invite",
}  # fmt: skip
# Verbs whose object is charged with the act in their "of"/"for" phrase ("accused X of shelling",
# "blamed Hamas for the attack"): the act is alleged, i.e. reported by the accuser.
ACCUSING_VERBS = {"accuse", "blame", "charge", "suspect", "convict", "indict", "condemn", "criticize"}
# Verbs that stop an act from happening: their object's act is negated ("blocked the aid package",
# "vetoed the sanctions", "called off the talks") and keeps its code (it is no one's rejection).
STOPPING_VERBS = {
    "block", "veto", "halt", "suspend", "freeze", "cancel", "scrap", "abandon", "prevent", "foil",
    "thwart", "avert", "postpone", "delay", "withhold", "stop",
}  # fmt: skip
# Request verbs whose direct object is the act asked for ("demanded sanctions", "urged restraint").
REQUEST_OBJECT_VERBS = {"demand", "request", "urge", "seek"}
# Speech cues whose clause the speaker denies: the act in it is negated, not reported.
DENIAL_CUES = {"deny", "refute", "dismiss", "reject"}
# "is about to restore", "prepared to attend": imminent or scheduled, not a stated intention.
FUTURE_CUES = FUTURE_MODALS | {"going to", "about", "prepare"}

# Express-intent codes for cooperative acts (CAMEO 03x), by the most specific prefix of the code.
INTENT_CODE = {
    "04": "036", "045": "039",
    "05": "032", "055": "030", "057": "030",
    "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "08": "035", "081": "0351", "082": "0352", "083": "034", "084": "0353", "085": "0354",
    "086": "0355", "087": "0356",
    "18": "1383", "19": "1384", "20": "1385", "195": "1384",
}  # fmt: skip
# Appeal (02x) and demand (10x) codes for a request whose content is a cooperative act or a yielding,
# by the most specific prefix of the content's code: "urged Israel to withdraw" is an appeal for
# de-escalation (0256), "demanded talks" a demand for negotiation (106).
APPEAL_CODE = {
    "04": "026", "045": "028", "05": "022",
    "06": "021", "061": "0211", "062": "0212", "063": "0213", "064": "0214",
    "07": "023", "071": "0231", "072": "0232", "073": "0233", "074": "0234",
    "08": "025", "081": "0251", "082": "0252", "083": "024", "0831": "0241", "0832": "0242",
    "0833": "0243", "0834": "0244", "084": "0253", "085": "0254", "086": "0255", "087": "0256",
}  # fmt: skip
DEMAND_CODE = {
    "04": "106", "045": "108", "05": "102",
    "06": "101", "061": "1011", "062": "1012", "063": "1013", "064": "1014",
    "07": "103", "071": "1031", "072": "1032", "073": "1033", "074": "1034",
    "08": "105", "081": "1051", "082": "1052", "083": "104", "0831": "1041", "0832": "1042",
    "0833": "1043", "0834": "1044", "084": "1053", "085": "1054", "086": "1055", "087": "1056",
}  # fmt: skip
DEMAND_VERBS = {"demand", "insist"}
# Rejection codes for negated cooperative acts (CAMEO 12x).
REJECT_CODE = {
    "03": "120", "036": "125", "037": "127",
    "04": "125", "045": "126", "046": "125",
    "05": "120", "057": "127",
    "06": "121", "061": "1211", "062": "1212",
    "07": "121",
    "08": "124", "081": "1241", "082": "1242", "084": "1243", "085": "1244", "086": "1245", "087": "1246",
}  # fmt: skip


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
        if cur.dep_ in ("xcomp", "conj") and cur.head is not cur:
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
        if cur.dep_ == "xcomp" and cur.head is not cur:
            cur = cur.head
            if cur.lemma_ in INTENT_VERBS and cur.pos_ in ("VERB", "AUX"):
                return cur
        elif cur.dep_ == "conj" and cur.head is not cur:
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
    if head is tok:
        return None
    if tok.dep_ == "xcomp" and head.lemma_.lower() in REQUEST_VERBS:
        return head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "for":
        verb = head.head
        return verb if verb.lemma_.lower() in REQUEST_VERBS and verb.pos_ in ("VERB", "NOUN") else None
    if tok.dep_ == "dobj" and tok.pos_ == "NOUN" and head.lemma_.lower() in REQUEST_OBJECT_VERBS:
        return head
    return None


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
        if cur.head is cur:
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
                return Modality("negated", c.lower_)
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
                return Modality("hypothetical", c.lower_)
    for t in chain:
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in FUTURE_MODALS:
                return Modality("intended", c.lower_)
            if c.dep_ == "aux" and c.lower_ == "going":
                return Modality("intended", "going to")
    governor = _intent_governor(tok)
    if governor is not None:
        return Modality("intended", governor.lemma_)
    # "is willing to withdraw", "is ready to talk", "is about to restore"
    if (
        tok.dep_ == "xcomp"
        and tok.head.pos_ in ("ADJ", "ADV", "ADP")
        and tok.head.lemma_
        in (
            "ready",
            "willing",
            "prepared",
            "about",
            "eager",
        )
    ):
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


def cue_lemma(tok: Token, cue: str) -> str:
    """The lemma of a quote's speech cue ("denied" -> "deny"), read from the trigger's sentence."""
    word = cue.split()[0].lower() if cue else ""
    return next((t.lemma_.lower() for t in tok.sent if t.lower_ == word), word)


def _by_prefix(table: dict[str, str], code: str) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def recode(code: str, kind: str, cue: str = "") -> tuple[str, str]:
    """(code, rule suffix): the CAMEO code for an event of this modality (module docstring).

    A bare future ("will supply arms", "will have a ceasefire") keeps its code: it is a scheduled
    act, not a stated intention; only a verb of intent ("pledged to", "wants to") recodes."""
    if kind == "intended" and cue not in FUTURE_CUES:
        new = _by_prefix(INTENT_CODE, code)
        if new and not code.startswith("03"):
            return new, f"intent:{code}->{new}"
    if kind == "negated" and cue not in STOPPING_VERBS:
        new = _by_prefix(REJECT_CODE, code)
        if new:
            return new, f"negation:{code}->{new}"
    return code, ""
