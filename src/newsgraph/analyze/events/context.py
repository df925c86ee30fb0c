"""When and where an event happened: its date from the sentence's time expressions (else the
publication date), its place from the sentence's places (else the dateline), each with its rule."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.knowledge import event_words as ew

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
LOCATIVE = ew.words("locative_prepositions")
SUBORDINATE_DEPS = {"relcl", "acl", "advcl", "pcomp", "csubj", "csubjpass"}


def subordinate(tok: Token) -> bool:
    """The trigger lies in a relative, adverbial or participial clause, or is a noun inside a
    prepositional phrase ("... in retaliation for an air raid", "nationals suspected of blowing up"):
    background to the sentence's main event, so its event is the less likely main one."""
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj":
        return True
    cur = tok
    for _ in range(12):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in SUBORDINATE_DEPS:
            return True
        cur = cur.head
    return False


def _modifies_noun(doc: Doc, start: int, end: int) -> bool:
    """A time expression inside a noun phrase ("the 2016 US elections") dates that noun, not the event."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("compound", "nummod", "amod", "poss", "nmod") and root.head.pos_ in ("NOUN", "PROPN")


def event_date(sent_index: int, tok: Token, doc: Doc) -> tuple[str, str, str]:
    """(value, precision, rule) of the event's date: the sentence's adjunct time expressions first,
    the most precise, then the nearest to the trigger."""
    best = None
    for t in doc._.timexes or []:
        if t.sentence != sent_index or t.precision not in PRECISION_RANK:
            continue
        key = (_modifies_noun(doc, t.start, t.end), PRECISION_RANK[t.precision], abs(t.start - tok.idx))
        if best is None or key < best[0]:
            best = (key, t)
    if best is not None:
        t = best[1]
        return t.value, t.precision, f"date:timex({t.text})"
    if doc._.published:
        return doc._.published[:10], doc._.published_precision or "", "date:published"
    return "", "", "date:none"


def place_word(span: Span) -> Token:
    """The word that stands for a place name in the parse: its root, up through conjuncts,
    appositions and compounds ("in Daraa, Quneitra and As-Suwayda": Daraa)."""
    tok = span.root
    while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def locative(doc: Doc, start: int, end: int) -> bool:
    """The place is the object of a locative preposition ("in Hamburg"), or a conjunct of one."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tok = place_word(span)
    if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE:
        return True
    # The words say so where the parse does not ("summit in Hamburg bilateral" parsed as a name).
    return span.start > 0 and doc[span.start - 1].lower_ in LOCATIVE and doc[span.start - 1].dep_ == "prep"


def locative_head(span: Span) -> int:
    """The index of the word a place's locative phrase hangs on ("summit" in "a summit in Bern")."""
    tok = place_word(span)
    return tok.head.head.i if tok.dep_ == "pobj" else -1


def event_place(
    sent_index: int, tok: Token, doc: Doc, actor_starts: frozenset[int] = frozenset()
) -> tuple[str, str]:
    """(place id, rule) of the event's place: a locative place of the sentence (nearest first), else
    another place of the sentence that is not an acting country, else the dateline."""
    toponyms = doc._.places if Doc.has_extension("places") else None
    if not toponyms:
        return "", "place:none"
    best = None
    for t in toponyms:
        if t.sentence != sent_index:
            continue
        key = (not locative(doc, t.start, t.end), abs(t.start - tok.idx))
        if key[0] and t.start in actor_starts:
            continue  # "Russia agreed": a country acting is not where the event took place
        if best is None or key < best[0]:
            best = (key, t)
    if best is not None:
        return best[1].place.id, f"place:sentence({best[1].text})"
    for t in toponyms:
        if "dateline" in (getattr(t, "rule", "") or ""):
            return t.place.id, f"place:dateline({t.text})"
    return "", "place:none"


def event_context(sent_index: int, tok: Token, doc: Doc) -> tuple[str, str, str, str, str]:
    """(date, precision, date rule, place id, place rule) of an event at a token: the one resolution
    the coder and the PETRARCH pattern events share."""
    date, precision, date_rule = event_date(sent_index, tok, doc)
    place, place_rule = event_place(sent_index, tok, doc)
    return date, precision, date_rule, place, place_rule
