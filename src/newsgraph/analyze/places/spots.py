"""Finding toponyms in a Doc: where a place name may be, and what the text says about it.

A spot is a stretch of text that may name a place, with the evidence that came with it:
- ``ner``: a GPE, LOC or FAC entity;
- ``dateline``: the city that opens a paragraph ("HAMBURG (Agency) —", "KYIV, March 3 (Agency) —");
- ``feature``: a name next to a feature word ("Idlib province", "the city of Homs", and lists such as
  "A, B and C provinces");
- ``abbreviation``: a state abbreviation where only a state can stand ("Paris, Mo.", "D-Calif.");
- ``weak``: a capitalised name the model tagged as something else, or did not tag at all. The
  resolver takes a weak spot only with more evidence (a qualifier, the country in context).

"X County" becomes a spot with the kind hint ``admin2`` when the US has a county so named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc

from newsgraph.analyze.doctext import doc_text
from newsgraph.analyze.extensions import required
from newsgraph.extract.dateline import Dateline
from newsgraph.knowledge.countries import country_code
from newsgraph.knowledge.geo import gazetteer, table
from newsgraph.knowledge.tables import listed, pattern

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels whose entities are never places however they are spelt.
_NEVER = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LAW"})
# A capitalised name: words starting upper case, joined by spaces or hyphens ("As-Suwayda", "New York").
_NAME = rf"[A-Z][\w'’‘]*(?:(?:-|[ ]){pattern('place_words.tsv', 'name_prefix')}?[A-Z][\w'’‘]*){{0,3}}"
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_DESCRIPTION_DET = re.compile(r"(?:^|[^\w])(?:the|The)[ ]$")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True)
class Spot:
    start: int
    end: int
    text: str
    evidence: str  # ner | dateline | feature | abbreviation | weak
    label: str = ""  # the NER label, if an entity
    kind_hint: str = ""  # country | admin1 | city, from a feature word
    qualifier: str = ""  # "Texas" in "Paris, Texas" / a dateline's "Lebanon"


def _demonym(word: str) -> bool:
    try:  # the demonym table belongs to the actors work; without it, no nationality is known
        from newsgraph.knowledge.demonyms import demonym_code
    except ImportError:
        return False
    # "US" is both an attributive demonym and the country: a country name is never only a demonym.
    return demonym_code(word) is not None and country_code(word) is None


@cache
def feature_words() -> dict[str, tuple[str, str]]:
    """Feature word (singular, lower case) -> (kind, position) from our table."""
    return {row[0]: (row[1], row[2]) for row in table("place_feature_words.tsv")}


def _singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and word[:-1] in feature_words():
        return word[:-1]
    return word


def _feature_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    after = sorted((w for w, (_, pos) in feature_words().items() if pos in ("after", "both")), key=len)[::-1]
    before = sorted((w for w, (_, pos) in feature_words().items() if pos in ("before", "both")), key=len)[
        ::-1
    ]
    plural = "|".join(
        re.escape(w) + "s?" if not w.endswith("y") else re.escape(w[:-1]) + "(?:y|ies)" for w in after
    )
    # "A, B and C provinces" / "A province" (the feature word may be capitalised: "Idlib Province").
    listed = re.compile(
        rf"(?P<names>{_NAME}(?:(?:,[ ]+|,?[ ]+and[ ]+|,?[ ]+or[ ]+){_NAME})*)[ ]+(?P<word>(?i:{plural}))\b"
    )
    single_before = "|".join(re.escape(w) for w in before)
    # "the province of A", "the city of A", "the port city of A"
    of = re.compile(rf"\b(?P<word>(?i:{single_before}))[ ]+of[ ]+(?P<name>{_NAME})")
    names = re.compile(_NAME)
    return listed, of, names


@cache
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return _feature_regexes()


def _clean(start: int, text: str) -> tuple[int, str]:
    """Drop a leading "the" and a trailing possessive from an entity's text."""
    m = _LEADING.match(text)
    if m:
        start, text = start + m.end(), text[m.end() :]
    stripped = _POSSESSIVE.sub("", text)
    return start, stripped.strip() or text


def dateline_spots(datelines: list[Dateline], text: str) -> list[Spot]:
    """The datelines' places the gazetteer knows, with their qualifiers ("BEIRUT, Lebanon (AP) —")."""
    spots = []
    for line in datelines:
        city = line.place.rstrip(".-")
        if _read_here(line, text) and gazetteer().known(city):
            spots.append(Spot(line.start, line.start + len(city), city, "dateline", qualifier=line.qualifier))
    return spots


def _read_here(line: Dateline, text: str) -> bool:
    """The datelines this component reads: an agency or a dash with a space after it, the comma
    right after the place when a qualifier or a date follows ("PARIS, Mo. —"); a bare one
    ("WASHINGTON Barack Obama ...") of at most three words, the first of four letters or more."""
    if line.form == "bare":
        words = line.place.split(" ")
        return len(words[0]) >= 4 and len(words) <= 3 and all(len(w) >= 2 for w in words)
    if line.form == "date" or len(line.place.rstrip(".-")) < 3 or text[line.end : line.end + 1] != " ":
        return False
    return text[line.place_end] == "," or not (line.qualifier or line.date_text)


def feature_spots(text: str) -> list[Spot]:
    listed, of, names = _regexes()
    spots = []
    for m in listed.finditer(text):
        kind = feature_words()[_singular(m.group("word"))][0]
        if kind not in ("admin1", "city", "country", "admin2"):
            continue
        base = m.start("names")
        if (
            kind == "city"
            and m.group("word").islower()
            and (
                _DESCRIPTION_DET.search(text[max(0, base - 5) : base]) or m.group("names").startswith("The ")
            )
        ):
            # "the Hunan city", "the Texas town": a description of some city in Hunan or Texas
            # (analyze/place_refs.py), not a city named Hunan.
            continue
        for nm in names.finditer(m.group("names")):
            if _demonym(nm.group(0)):
                continue  # "Canadian cities": a nationality, not a list of places
            if kind == "admin2":  # "Monroe and Linn counties"
                spot = _county_tail(base + nm.start(), nm.group(0), "")
                if spot:
                    spots.append(spot)
                continue
            spot = _known_suffix(base + nm.start(), nm.group(0), kind)
            if spot:
                spots.append(spot)
    for m in of.finditer(text):
        kind = feature_words()[m.group("word").lower()][0]
        # "the city of Homs" names the place after "of": its longest known prefix.
        words = m.group("name").split(" ")
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            if gazetteer().known(name):
                spots.append(
                    Spot(m.start("name"), m.start("name") + len(name), name, "feature", kind_hint=kind)
                )
                break
    return spots


def _known_suffix(start: int, name: str, kind: str) -> Spot | None:
    """The longest known tail of a capitalised run: "In Daraa" -> "Daraa", "Syria's Idlib" -> "Idlib".

    Only names the gazetteer knows count: "Foreign Ministry officials" is not a place list.
    """
    words = name.split(" ")
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if gazetteer().known(tail):
            offset = len(name) - len(tail)
            return Spot(start + offset, start + len(name), tail, "feature", kind_hint=kind)
    return None


def entity_spots(doc: Doc) -> list[Spot]:
    spots = []
    for ent in doc.ents:
        if ent.label_ in _NEVER:
            continue
        start, text = _clean(ent.start_char, ent.text)
        evidence = "ner" if ent.label_ in PLACE_LABELS else "weak"
        kind = ""
        words = text.split()
        # "Idlib province", "Homs Governorate": the name, with the feature word as a hint.
        if len(words) > 1 and _singular(words[-1]) in feature_words() and not gazetteer().known(text):
            kind = feature_words()[_singular(words[-1])][0]
            if kind not in ("admin1", "city", "country"):
                continue  # "Tay District": a unit we cannot place, not the town it is named after
            text = text[: text.rstrip().rfind(words[-1])].rstrip()
        if ent.label_ == "GPE" and gazetteer().abbreviation(text) is not None:
            # "Wash." tagged as a place is the state, not a town whose name folds to "wash".
            spots.append(Spot(start, start + len(text), text, "abbreviation", ent.label_, kind_hint="admin1"))
            continue
        if not gazetteer().known(text):
            continue
        spots.append(Spot(start, start + len(text), text, evidence, ent.label_, kind_hint=kind))
    return spots


def capitalised_spots(doc: Doc) -> list[Spot]:
    """Capitalised names outside any entity that the gazetteer knows (evidence: weak)."""
    _, _, names = _regexes()
    covered = [(e.start_char, e.end_char) for e in doc.ents]
    spots = []
    for m in names.finditer(doc_text(doc)):
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in covered):
            continue
        if gazetteer().known(m.group(0)):
            spots.append(Spot(s, e, m.group(0), "weak", ""))
    return spots


_RANK = {"dateline": 0, "abbreviation": 1, "feature": 1, "ner": 2, "weak": 3}


@cache
def _abbreviation_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(after a comma, in a party-state tag) patterns over our table of state abbreviations."""
    abbrs = sorted({a for row in table("admin1_abbreviations.tsv") for a in row[1].split("|")}, key=len)[::-1]
    alt = "|".join(re.escape(a) for a in abbrs)
    # "Paris, Mo." / "Paris, Mo., on Friday": the abbreviation must end the phrase, not start a word.
    after_comma = re.compile(rf",[ ]+(?P<abbr>{alt})(?=[\s,;:)\]\"'’”]|$)")
    # "(R-Mo.)", "D-Calif.", "Sen. X, R-Texas": a party letter and a hyphen.
    party = re.compile(rf"(?<![\w-])[RDI][-–](?P<abbr>{alt})(?=[\s,;:)\]]|$)")
    return after_comma, party


_DATELINE_TAIL = re.compile(r"[ ]*(?:\([^()\n]{1,40}\)[ ]*)?(?:—|–|--)")


def abbreviation_spots(text: str, spots: list[Spot]) -> list[Spot]:
    """State abbreviations right after a place and a comma, or in a party-state tag."""
    after_comma, party = _abbreviation_regexes()
    ends = {s.end for s in spots}
    out = []
    for m in after_comma.finditer(text):
        # After a place we found, or in a dateline ("CAMP MURRAY, Wash. —") whose town we do not know.
        if m.start() in ends or _DATELINE_TAIL.match(text, m.end()):
            out.append(
                Spot(m.start("abbr"), m.end("abbr"), m.group("abbr"), "abbreviation", kind_hint="admin1")
            )
    for m in party.finditer(text):
        out.append(Spot(m.start("abbr"), m.end("abbr"), m.group("abbr"), "abbreviation", kind_hint="admin1"))
    return out


_COUNTY_WORDS = listed("place_words.tsv", "county_word")
# "Orange County", "LAUREL COUNTY" (never "orange county": lower case is no name).
_COUNTY_WORD = "|".join([w.title() for w in _COUNTY_WORDS] + [w.upper() for w in _COUNTY_WORDS])
_COUNTY = re.compile(rf"(?P<name>{_NAME})[ ]+(?:{_COUNTY_WORD})\b")


def county_spots(text: str) -> list[Spot]:
    """ "Metcalfe County", "LAUREL COUNTY", "Black Hawk County": the longest tail of the capitalised
    run that names a US county, with "County" in the span (the county, not the town it is named after)."""
    spots = []
    for m in _COUNTY.finditer(text):
        spot = _county_tail(m.start("name"), m.group("name"), text[m.end("name") : m.end()])
        if spot:
            spots.append(spot)
    return spots


def _county_tail(start: int, name: str, word: str) -> Spot | None:
    """The longest tail of a capitalised run that names a US county ("In Black Hawk" -> "Black Hawk"),
    as a spot that takes in the feature word that follows (`word`, e.g. " County")."""
    words = name.split(" ")
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if gazetteer().counties(tail):
            at = start + len(name) - len(tail)
            return Spot(at, at + len(tail) + len(word), tail + word, "feature", kind_hint="admin2")
    return None


def find_spots(doc: Doc) -> list[Spot]:
    """All spots, overlaps resolved in favour of stronger evidence, then qualifiers attached."""
    text = doc_text(doc)
    datelines = required(doc, "datelines", "newsgraph_datelines")
    candidates = county_spots(text) + dateline_spots(datelines, text) + feature_spots(text)
    candidates += entity_spots(doc) + capitalised_spots(doc)
    candidates += abbreviation_spots(text, candidates)
    chosen: list[Spot] = []
    for spot in sorted(candidates, key=lambda s: (_RANK[s.evidence], s.start)):
        clash = [c for c in chosen if c.start < spot.end and spot.start < c.end]
        if not clash:
            chosen.append(spot)
        elif spot.evidence == "ner":
            # A feature spot inside a GPE keeps its span; the NER label still counts as evidence.
            for c in clash:
                if c.evidence == "feature" and not c.label:
                    chosen[chosen.index(c)] = replace(c, label=spot.label)
    chosen = [s for s in chosen if not _clock_zone(text, s.end)]
    chosen.sort(key=lambda s: s.start)
    return _attach_qualifiers(chosen, text)


_ZONE = re.compile(rf"\s+{pattern('place_words.tsv', 'clock_zone')}\b", re.IGNORECASE)


def _clock_zone(text: str, end: int) -> bool:
    """ "from midday, Damascus time", "at 9 a.m. Moscow time": a time zone, not where anything is."""
    return _ZONE.match(text, end) is not None


def _attach_qualifiers(spots: list[Spot], text: str) -> list[Spot]:
    """ "Paris, Texas" / "Amman, Jordan": the second name qualifies the first."""
    out = list(spots)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.qualifier or text[a.end : b.start] not in (", ", ","):
            continue
        if a.evidence == b.evidence == "feature":  # "Daraa, Quneitra and As-Suwayda provinces": a list
            continue
        if b.evidence == "abbreviation":
            out[i] = replace(a, qualifier=b.text)
            continue
        kinds = {c.place.kind for c in gazetteer().lookup(b.text)}
        if kinds & {"country", "admin1"}:
            out[i] = replace(a, qualifier=b.text)
    return out
