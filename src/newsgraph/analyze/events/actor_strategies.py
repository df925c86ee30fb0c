"""How an argument word becomes an actor: an ordered list of small named strategies.

``ACTOR_STRATEGIES`` are tried in order on the argument's token; the first that finds an actor
decides, and its name (with what it read) is the argument's rule. The word itself first: an actor
mention (``doc._.mentions``), a user's PETRARCH dictionary, a capital or named place standing for
its country, a nationality word standing alone. Then, for a word that names no one by itself (not
deeper than ``MAX_DEPTH`` steps into the phrase): the leading country of "a US-led coalition", its
modifiers ("the Russian government", "Sudan's army"), where a national body acts ("police in
Lagos"), its "of"/"from" phrase ("the president of Armenia"), its apposition, a generic agent
("police", "rebels", "five people": ``knowledge/data/agents.tsv``) with the country the clause, the
sentence or the article gives it, and last a pronoun.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsgraph.knowledge import event_words as ew
from newsgraph.knowledge.agents import Agent, agent
from newsgraph.knowledge.demonyms import demonym_code
from newsgraph.knowledge.offices import own_country
from newsgraph.knowledge.roles import role
from newsgraph.records import Mention

if TYPE_CHECKING:
    from newsgraph.analyze.events.args import Arg, ArgFinder

MAX_DEPTH = 2  # how far into a phrase the phrase strategies look for the actor
PERSON_PRONOUNS = ew.pronouns("person")
GROUP_PRONOUNS = ew.pronouns("group")
LOCAL_SECTORS = ew.sectors("local")
QUANTITY_HEADS = ew.words("quantity_heads")
CROWD_SECTORS = ew.crowd_sectors()
MODIFIER_DEPS = ("compound", "amod", "poss", "nmod")
#: The rule of a named actor that took the one country its sentence names (``uncoded_mention``).
BORROWED = "mention:uncoded+country:sentence"


@dataclass
class Lookup:
    """One token being resolved, and what the strategies before have learned about it."""

    finder: ArgFinder
    tok: Token
    depth: int
    mention: Mention | None
    uncoded: Arg | None = None  # an actor mention at the token that has no code


Strategy = Callable[[Lookup], "Arg | None"]


def _arg(code: str, actor_id: str, text: str, tok: Token, rule: str) -> Arg:
    from newsgraph.analyze.events.args import Arg

    return Arg(code, actor_id, text, tok.i, rule)


# -- the word itself -------------------------------------------------------------------------------------


def mention(lk: Lookup) -> Arg | None:
    """The actor mention covering the token; an actor without a code is kept aside (``uncoded``)."""
    m = lk.mention
    if m is None:
        return None
    actor = lk.finder.actors.get(m.actor_id)
    if actor is None:
        return None
    coded = lk.finder.code(actor)
    if coded is not None:
        return _arg(coded[0], actor.id, m.text, lk.tok, coded[1])
    lk.uncoded = _arg("", actor.id, m.text, lk.tok, "mention:uncoded")
    return None


def user_dictionary(lk: Lookup) -> Arg | None:
    """A user's PETRARCH actor or agent dictionary codes the phrase ending at the token."""
    found = lk.finder.user_code(lk.tok)
    if found is None:
        return None
    actor_id = lk.uncoded.actor_id if lk.uncoded else ""
    return _arg(found.code, actor_id, found.text, lk.tok, found.rule)


def capital_of_uncoded(lk: Lookup) -> Arg | None:
    """An uncoded organisation or place mention that is a capital ("bombed Sanaa")."""
    if lk.uncoded is None or lk.finder.actors[lk.uncoded.actor_id].kind == "person":
        return None
    seat = lk.finder.capital(lk.tok)
    if seat is None:
        return None
    return _arg(seat.code, lk.uncoded.actor_id, seat.text, lk.tok, seat.rule)


def uncoded_mention(lk: Lookup) -> Arg | None:
    """An actor without a code (a person the text gives no country for) still fills the role, with
    a country where one is known: a nationality word the model tagged ORG is its country; a person
    of the office table outside their terms keeps that table's country ("Obama" in 2019); else a
    person or organisation takes the country its clause, sentence or article gives it
    (``context_country``), as an unnamed actor does: "Clarke said" in a story about Kenya is Kenyan."""
    found = lk.uncoded
    actor = lk.finder.actors.get(found.actor_id) if found is not None else None
    if actor is None or actor.kind not in ("person", "organisation"):
        return found
    nationality = demonym_code(lk.tok.text)
    if nationality:
        # "the Ugandan claims", "two Ugandan men" with the nationality word tagged ORG: its country.
        return _arg(nationality, found.actor_id, found.text, lk.tok, f"demonym-alone:{lk.tok.text}")
    known = own_country(actor.name) if actor.kind == "person" else ""
    if known:
        # "Obama called Merkel" after his term: the office table's country, not the sentence's.
        return _arg(known, found.actor_id, found.text, lk.tok, f"mention:uncoded+office-country:{actor.name}")
    country, how = lk.finder.context_country(lk.tok)
    if not country:
        return found
    return _arg(country, found.actor_id, found.text, lk.tok, f"mention:uncoded+country:{how}")


def named_place(lk: Lookup) -> Arg | None:
    """ "visit Moscow", "meet in Zurich": a named place stands for its country."""
    place = lk.finder.place_at.get(lk.tok.i)
    if place is None or not place[0]:
        return None
    return _arg(place[0], "", place[1], lk.tok, "place-country")


def capital_seat(lk: Lookup) -> Arg | None:
    """A capital or seat of government standing for its country ("Moscow said")."""
    return lk.finder.capital(lk.tok)


def demonym_alone(lk: Lookup) -> Arg | None:
    """ "withdrew from the Syrian (side)": a nationality word standing alone."""
    tok = lk.tok
    if tok.dep_ in ("pobj", "nsubj", "dobj", "conj") and tok.pos_ in ("ADJ", "PROPN", "NOUN"):
        code = demonym_code(tok.text) if tok.text[:1].isupper() else None
        if code:
            return _arg(code, "", tok.text, tok, f"demonym-alone:{tok.text}")
    return None


# -- the phrase around it -----------------------------------------------------------------------------


def led_by(lk: Lookup) -> Arg | None:
    """ "the Saudi-led coalition", "a US-led force": the leading country."""
    for child in lk.tok.lefts:
        if child.dep_ == "amod" and child.lemma_.lower() == "lead":
            for g in child.children:
                if g.dep_ in ("npadvmod", "compound", "nmod"):
                    lead = lk.finder.actor_of(g, lk.depth + 1)
                    code = lead.code if lead is not None and lead.code else demonym_code(g.text)
                    if code:
                        return _arg(code, "", f"{g.text}-led", lk.tok, f"led-by:{g.text}")
    return None


def body_sector(tok: Token) -> tuple[str, str]:
    """(sector, label) of a word naming a body or a crowd: our role table, else the crowd words
    ("police" COP, "protesters" CVL); ("", "") for neither."""
    body = role(tok.text) or role(tok.lemma_)
    if body is not None:
        return body.sector, f"role:{body.role}"
    crowd = CROWD_SECTORS.get(tok.lemma_.lower())
    return (crowd, f"role:{tok.lemma_.lower()}") if crowd else ("", "")


def generic_agent_of(tok: Token) -> Agent | None:
    """The generic agent a noun names, with its compounds ("riot police", "port workers")."""
    if tok.pos_ not in ("NOUN", "PROPN") and not (tok.pos_ == "ADJ" and tok.dep_ in ("compound", "amod")):
        return None  # "rebel positions", "separatist positions": a noun or adjective naming a group
    start = tok.i
    doc = tok.doc
    while start > tok.sent.start and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == tok.i:
        start -= 1
    return agent(doc[start : tok.i + 1].text) or agent(tok.lemma_)


def _sector_of(tok: Token) -> tuple[str, str]:
    """(sector, label) of a word a country modifier may qualify: a body or role of our role table
    ("government"), else a generic agent ("army", "riot police"); ("", "") for neither."""
    office = role(tok.text) or role(tok.lemma_)
    if office is not None:
        return (office.sector, f"role:{office.role}") if office.applies != "person" else ("", "")
    found = generic_agent_of(tok)
    return (found.sector, found.rule) if found is not None else ("", "")


def modifier(lk: Lookup) -> Arg | None:
    """ "the Russian government", "Syria's president", "Sudan's army" (a bare country with the
    word's sector: SDNMIL). Not a city naming something ("the Minsk agreements")."""
    tok, finder = lk.tok, lk.finder
    sector, label = _sector_of(tok)
    for child in tok.lefts:
        if child.dep_ not in MODIFIER_DEPS:
            continue
        arg = finder.actor_of(child, lk.depth + 1)
        code = demonym_code(child.text) if child.dep_ == "amod" or child.pos_ == "PROPN" else None
        if arg is not None and (arg.code or not code):
            if sector and len(arg.code) == 3:
                rule = f"modifier:{child.dep_}>{arg.rule}+{label}"
                return _arg(arg.code + sector, "", arg.text, tok, rule)
            return _arg(arg.code, arg.actor_id, arg.text, tok, f"modifier:{child.dep_}>{arg.rule}")
        # (an uncoded mention that is a nationality word: "two Ugandan men" tagged ORG)
        if code:
            return _arg(code + sector, "", child.text, tok, f"demonym:{child.text}")
    return None


def local_body(lk: Lookup) -> Arg | None:
    """ "a court in Guyana", "Police arrested dozens in Moscow", "hundreds of people protested in
    Tbilisi": a national body or a crowd is the country its phrase or its clause puts it in."""
    tok, finder = lk.tok, lk.finder
    sector, label = body_sector(tok)
    if sector not in LOCAL_SECTORS:
        return None
    clause = [h for h in [clause_of(tok)] if h is not None]
    for where, host in [("in", tok), *(("clause-in", h) for h in clause)]:
        for pobj in prep_objects(host, "in"):
            arg = finder.actor_of(pobj, lk.depth + 1)
            if arg is not None and arg.country and len(arg.code) == 3:
                rule = f"{where}>{arg.rule}+{label}"
                return _arg(arg.country + sector, "", tok.text, tok, rule)
    return None


def of_phrase(lk: Lookup) -> Arg | None:
    """ "experts from Russia", "opponents of Rwanda's Senate", "the president of Armenia"."""
    tok, finder = lk.tok, lk.finder
    for child in tok.rights:
        if child.dep_ != "prep" or child.lower_ not in ("of", "from"):
            continue
        for pobj in child.children:
            if pobj.dep_ != "pobj":
                continue
            arg = finder.actor_of(pobj, lk.depth + 1)
            if arg is None:
                continue
            # "the president of Armenia": the country's government (ARMGOV); "opponents of
            # Rwanda's Senate" oppose it: Rwanda's opposition.
            office = role(tok.text) or role(tok.lemma_)
            sector = office.sector if office is not None else ""
            if sector and arg.country and (len(arg.code) == 3 or sector == "OPP"):
                rule = f"{child.lower_}>{arg.rule}+role:{office.role}"  # type: ignore[union-attr]
                return _arg(arg.country + sector, "", arg.text, tok, rule)
            return _arg(arg.code, arg.actor_id, arg.text, tok, f"{child.lower_}>{arg.rule}")
    return None


def apposition(lk: Lookup) -> Arg | None:
    """ "the envoy, Kurt Volker": whom the apposition names."""
    for child in lk.tok.rights:
        if child.dep_ == "appos":
            arg = lk.finder.actor_of(child, lk.depth + 1)
            if arg is not None:
                return _arg(arg.code, arg.actor_id, arg.text, lk.tok, f"appos>{arg.rule}")
    return None


def generic_agent(lk: Lookup) -> Arg | None:
    """An unnamed actor ("police", "rebels", "five people": the generic agents table) takes the
    country its clause, its sentence or its article gives it (``ArgFinder.context_country``); with
    none, it is not coded."""
    found = generic_agent_of(lk.tok)
    if found is None:
        return None
    country, how = lk.finder.context_country(lk.tok)
    if not country:
        return None
    return _arg(country + found.code, "", lk.tok.text, lk.tok, f"{found.rule}+country:{how}")


def pronoun(lk: Lookup) -> Arg | None:
    """he/she/his/her: the last person named; they/them: the subject of the previous sentence."""
    if lk.depth == 0 and lk.tok.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return lk.finder.pronoun(lk.tok)
    return None


ACTOR_STRATEGIES: tuple[Strategy, ...] = (
    mention,
    user_dictionary,
    capital_of_uncoded,
    uncoded_mention,
    capital_seat,
    named_place,
    demonym_alone,
)
# Tried only up to MAX_DEPTH steps into the phrase.
PHRASE_STRATEGIES: tuple[Strategy, ...] = (
    led_by,
    modifier,
    local_body,
    of_phrase,
    apposition,
    generic_agent,
    pronoun,
)


# -- parse helpers the strategies and the role finders share -------------------------------------------


def clause_of(tok: Token) -> Token | None:
    """The verb whose subject or object the token is, also through a quantity ("hundreds of
    people": the verb of "hundreds")."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in QUANTITY_HEADS:
        tok = tok.head.head
    if tok.dep_ in ("nsubj", "csubj", "nsubjpass", "csubjpass", "dobj") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    return None


def prep_objects(tok: Token, word: str) -> list[Token]:
    """Objects of the token's prepositional children headed by `word` ("with", "against", ...)."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == word:
            objects = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            out.extend(objects or _dangling_objects(c))
    return out


# Where a dangling preposition's noun phrase ends: clause punctuation or a verb.
_PHRASE_END = {"–", "—", ";", ":", ".", "(", ")"}


def _dangling_objects(prep: Token) -> list[Token]:
    """The named entities right after a preposition the parser left without an object
    ("the bilateral - between US President Donald Trump and Russian President Vladimir Putin –",
    where the names were attached elsewhere): the last token of each name, up to the end of the
    phrase. A surface fallback for a broken parse, used only when the parse gives nothing."""
    found: list[Token] = []
    for t in prep.doc[prep.i + 1 : prep.sent.end]:
        if t.text in _PHRASE_END or t.pos_ in ("VERB", "AUX"):
            break
        last = t.i + 1 == len(t.doc) or t.doc[t.i + 1].ent_iob_ != "I"
        if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and last:
            found.append(t)
    return found
