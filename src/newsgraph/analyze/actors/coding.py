"""What the words around an entity say about the actor: country, sector, role words, kind.

"Russian Foreign Minister Sergei Lavrov" -> RUS, GOV, foreign minister (``context:pre``);
"President of the USA Donald Trump" -> USA, GOV, president; "Rex Tillerson, the US secretary of
state," -> USA, GOV (``context:apposition``); "Kurt Volker as special representative" ->
special representative (``context:as``); "the US Senate" -> USA, LEG (``name:demonym+role``);
"NATO" -> IGO (``table:igo``); "the State Department" -> USA, GOV (``table:institution``).
Only the text and our own tables are read here; offices and user dictionaries come later
(see ``entities``), since the text outranks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from newsgraph.knowledge import tables
from newsgraph.knowledge.countries import country_code, country_name
from newsgraph.knowledge.demonyms import demonym_code
from newsgraph.knowledge.igos import igo
from newsgraph.knowledge.roles import institution, max_role_words, role

# Word lists: knowledge/data/actor_words.tsv (see its header).
HEAD_ROLES = tables.union("actor_words.tsv", ["head_role", "leader_role"])
COLLECTIVE_ROLES = tables.group("actor_words.tsv", "collective_role")
QUALIFIERS = tables.group("actor_words.tsv", "qualifier")
DETERMINERS = tables.group("actor_words.tsv", "determiner")


@dataclass
class Coding:
    """What the text says about one mention's actor, each part with the rule that decided it."""

    kind: str = ""
    name: str = ""  # canonical surface (title words and determiners removed)
    country: str = ""
    sector: str = ""
    roles: list[str] = field(default_factory=list)
    code: str = ""
    former: bool = False
    rules: list[str] = field(default_factory=list)

    def add_role(self, words: str, rule: str) -> None:
        found = role(words)
        former = any(w in words.casefold().split() for w in ("former", "ex"))
        canonical = found.role if found else " ".join(words.casefold().split())
        if former and not canonical.startswith("former"):
            canonical = f"former {canonical}"
        if canonical not in self.roles:
            self.roles.append(canonical)
        if found and found.sector and not self.sector:
            self.sector = "ELI" if former and found.sector == "GOV" else found.sector
            self.rules.append(f"{rule}:sector={self.sector}")
        self.former = self.former or former


def _country_of(text: str) -> str:
    return demonym_code(text) or country_code(text) or ""


def _role_at(doc: Doc, i: int, limit: int) -> int:
    """Length of the longest role phrase starting at token i (not past ``limit``), else 0."""
    for n in range(min(max_role_words(), limit - i), 0, -1):
        if role(doc[i : i + n].text):
            return n
    return 0


def _ent_at(doc: Doc, i: int) -> Span | None:
    tok = doc[i]
    if not tok.ent_type_:
        return None
    for ent in doc.ents:
        if ent.start <= i < ent.end:
            return ent
    return None


def pre_context(doc: Doc, start: int, coding: Coding) -> None:
    """Walk left from a name over titles, nationality words, "former", "of the USA", "to NATO"."""
    i = start - 1
    words: list[str] = []
    floor = max(0, start - 10)
    while i >= floor:
        tok = doc[i]
        if "\n" in tok.text or tok.is_space:
            break
        ent = _ent_at(doc, i)
        if ent is not None and ent.start < start:
            country = _country_of(ent.text) if ent.label_ in ("GPE", "NORP") else ""
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if before == "to" and ent.start - 1 >= floor:
                # "envoy to NATO Kurt Volker", "ambassador to Russia": where they serve, not theirs.
                words.insert(0, f"to {ent.text}")
                i = ent.start - 2
                continue
            if country and before in ("of", "the"):
                # "President of the USA Donald Trump"
                j = ent.start - 1
                while j >= floor and doc[j].lower_ in ("of", "the"):
                    j -= 1
                if j >= floor and role(doc[j].text):
                    if not coding.country:
                        coding.country = country
                        coding.rules.append(f"context:pre-of:{ent.text}")
                    i = j
                    continue
            if country and ent.label_ in ("GPE", "NORP"):
                if not coding.country:
                    coding.country = country
                    coding.rules.append(f"context:pre:{ent.text}")
                i = ent.start - 1
                continue
            break
        if tok.text in ("’s", "'s") and i > floor:
            owner = doc[i - 1].text
            if _country_of(owner):
                if not coding.country:
                    coding.country = _country_of(owner)
                    coding.rules.append(f"context:pre-possessive:{owner}")
                i -= 2
                continue
            break
        if tok.lower_ in QUALIFIERS or tok.text in ("-", "–"):
            words.insert(0, tok.text)
            i -= 1
            continue
        if _country_of(tok.text) and tok.text[:1].isupper():
            if not coding.country:
                coding.country = _country_of(tok.text)
                coding.rules.append(f"context:pre:{tok.text}")
            i -= 1
            continue
        matched = 0
        for n in range(min(max_role_words(), i - floor + 1), 0, -1):
            if role(doc[i - n + 1 : i + 1].text):
                matched = n
                break
        if matched:
            words.insert(0, doc[i - matched + 1 : i + 1].text)
            i -= matched
            continue
        break
    _roles_from_words(words, coding, "context:pre")


def _roles_from_words(words: list[str], coding: Coding, rule: str) -> None:
    qualifier = ""
    for w in words:
        if w.casefold() in ("former", "ex"):
            qualifier = "former "
            continue
        if w.casefold() in QUALIFIERS or w in ("-", "–") or w.startswith("to "):
            if w.startswith("to ") and coding.roles:
                coding.roles[-1] = f"{coding.roles[-1]} {w}"
            continue
        coding.add_role(qualifier + w, rule)
        qualifier = ""


def post_context(doc: Doc, end: int, coding: Coding) -> None:
    """ ", the US secretary of state," and "as special representative" after a name."""
    if end + 1 >= len(doc):
        return
    i = end
    if doc[i].text == ",":
        rule = "context:apposition"
        i += 1
    elif doc[i].lower_ == "as":
        rule = "context:as"
        i += 1
    else:
        return
    words: list[str] = []
    while i < len(doc) and i < end + 10:
        tok = doc[i]
        if tok.lower_ in DETERMINERS or tok.lower_ in QUALIFIERS:
            if tok.lower_ in ("former", "ex"):
                words.append("former")
            i += 1
            continue
        if tok.text in ("’s", "'s"):
            i += 1
            continue
        country = _country_of(tok.text) if tok.text[:1].isupper() else ""
        if country:
            if not coding.country and rule == "context:apposition":
                coding.country = country
                coding.rules.append(f"{rule}:{tok.text}")
            i += 1
            continue
        n = _role_at(doc, i, len(doc))
        if n:
            words.append(doc[i : i + n].text)
            i += n
            # "special representative for Ukraine talks": keep the remit as part of the role words.
            break
        break
    if any(w != "former" for w in words):
        _roles_from_words(words, coding, rule)


def code_entity(doc: Doc, ent: Span) -> Coding:
    """Everything the entity's own words and its neighbours say about its actor.

    Titles the NER correction moved out of the entity are read here as left context.
    """
    coding = Coding(name=_clean(ent.text))
    label = ent.label_
    if label == "PERSON":
        coding.kind = "person"
        coding.rules.append("ner:PERSON")
        pre_context(doc, ent.start, coding)
        post_context(doc, ent.end, coding)
        return coding
    if label in ("GPE", "LOC", "FAC"):
        code = country_code(coding.name)
        if code:
            coding.kind, coding.country, coding.code = "country", code, code
            coding.name = country_name(code)
            coding.rules.append(f"table:country:{coding.name}")
        return coding
    if label == "NORP":
        return coding  # groups named by nationality are built in entities (they need the noun after)
    if label == "ORG":
        found = igo(coding.name)
        if found:
            coding.kind, coding.name, coding.code, coding.sector = (
                found.kind,
                found.name,
                found.code,
                found.sector,
            )
            coding.rules.append(f"table:igo:{found.name}")
            return coding
        coding.kind = "organisation"
        coding.rules.append("ner:ORG")
        country, rest, rule = _name_country(coding.name)
        if country:
            coding.country = country
            coding.rules.append(rule)
        inst = institution(rest) or institution(coding.name)
        if inst:
            if inst.country != "*" and not coding.country:
                coding.country = inst.country
            coding.sector = inst.sector
            coding.add_role(inst.role, "table:institution")
            coding.rules.append(f"table:institution:{inst.name}")
        else:
            _org_role(rest, coding)
        if not coding.country:
            pre_context(doc, ent.start, coding)
        return coding
    return coding


#: Words a leading country name may run to ("United States", "Democratic Republic of the Congo").
MAX_COUNTRY_WORDS = 6


def _name_country(name: str) -> tuple[str, str, str]:
    """(country, the rest of the name, rule) an organisation's own name gives: a leading country or
    nationality word ("US Senate", "United States Treasury", "South Korean Navy"; the longest that is
    one, the rest of the name being what the body is), else a closing "of" phrase naming a country
    ("Government of Eritrea", "Ministry of Health of Ethiopia"); ("", name, "") for neither."""
    words = name.split()
    for n in range(min(MAX_COUNTRY_WORDS, len(words) - 1), 0, -1):
        lead = " ".join(words[:n])
        country = _country_of(lead)
        if country:
            return country, " ".join(words[n:]), f"name:demonym:{lead}"
    for i in range(len(words) - 2, 0, -1):
        if words[i] == "of":
            tail = " ".join(words[i + 1 :])
            code = country_code(tail)
            if code:
                return code, " ".join(words[:i]), f"name:of-country:{tail}"
            break
    return "", name, ""


def _org_role(name: str, coding: Coding) -> None:
    """The body an organisation's name says it is: its last role word ("... Embassy", "... Army")."""
    words = name.split()
    # "Ministry of Health": the words before "of" say what the body is.
    head = words[: words.index("of", 1)] if "of" in words[1:] else words
    for n in range(min(3, len(head)), 0, -1):
        found = role(" ".join(head[-n:]))
        if found and found.applies in ("body", "any"):
            coding.add_role(" ".join(head[-n:]), "name:role-word")
            if found.sector and not coding.sector:
                coding.sector = found.sector
            return


def is_head_role(roles: list[str]) -> bool:
    return any(r in HEAD_ROLES for r in roles)


def _clean(text: str) -> str:
    cleaned = " ".join(text.split()).strip(" \t\n.,;:'\"’‘“”")
    if cleaned.endswith(("'s", "’s")):
        cleaned = cleaned[:-2]
    words = cleaned.split()
    while words and words[0].casefold() in DETERMINERS:
        words = words[1:]
    return " ".join(words)
