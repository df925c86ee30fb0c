"""Resolving the actors of a Doc: corrected entities coded, linked within the article, and turned
into Actor and Mention records (see the package docstring for the whole component)."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from newsgraph.analyze.actors.coding import COLLECTIVE_ROLES, Coding, code_entity
from newsgraph.analyze.actors.coref import Holder, cluster_names, resolve_title, title_mentions
from newsgraph.analyze.extensions import register, required
from newsgraph.knowledge import tables
from newsgraph.knowledge.countries import country_name
from newsgraph.knowledge.demonyms import demonym_code
from newsgraph.knowledge.names import name_key
from newsgraph.knowledge.offices import (
    COMMON_SURNAMES,
    Office,
    holder_in,
    holders_by_key,
    offices,
)
from newsgraph.knowledge.organisations import organisation
from newsgraph.knowledge.people import is_country_code, person
from newsgraph.knowledge.petrarch import ActorDictionary
from newsgraph.knowledge.roles import role
from newsgraph.records import Actor, Mention

ORG_OF_PERSON = tables.group("actor_words.tsv", "body_of_person")  # "the Trump administration"

register("actors", None)  # [Actor]: the article's actors
register("mentions", None)  # [Mention]: their mentions (sentence index, character span, rule)


def actor_id(name: str, kind: str, country: str = "") -> str:
    """Stable across articles, so the store's registry merges the same actor."""
    key = f"{kind}|{' '.join(name.casefold().split())}|{country}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


# -- resolving actors ---------------------------------------------------------------------------


@dataclass
class _Draft:
    name: str
    kind: str
    country: str = ""
    sector: str = ""
    roles: list[str] = field(default_factory=list)
    code: str = ""
    aliases: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    former: bool = False

    def absorb(self, coding: Coding) -> None:
        if coding.country and not self.country:
            self.country = coding.country
        if coding.sector and not self.sector:
            self.sector = coding.sector
        if coding.code and not self.code:
            self.code = coding.code
        self.former = self.former or coding.former
        for r in coding.roles:
            if r not in self.roles:
                self.roles.append(r)
        for r in coding.rules:
            if r not in self.rules:
                self.rules.append(r)
        if coding.name and coding.name != self.name and coding.name not in self.aliases:
            self.aliases.append(coding.name)

    def actor(self) -> Actor:
        code = self.code or (self.country + self.sector if self.country else "")
        rule = "; ".join(self.rules[:6])
        return Actor(
            id=actor_id(self.name, self.kind, self.country),
            name=self.name,
            kind=self.kind,
            country=self.country,
            sector=self.sector,
            roles=list(self.roles),
            code=code,
            aliases=list(self.aliases),
            rule=rule,
        )


def _office_for(
    draft: _Draft, date: str, precision: str, countries: frozenset[str]
) -> tuple[Office | None, bool, str]:
    """Our office table's entry for a person, whether it was held on the date, and how it was
    found (exact name or transliteration key, "unique-surname", or ``holder_in``'s answer).

    A bare surname ("Obama said ...") is taken when one holder in the table has it and the article
    names that holder's country somewhere, else by the publication date alone (``holder_in``: the
    holder in office then, a title in the text picking among namesakes). A surname common in the
    news ("Johnson", ``COMMON_SURNAMES``) needs the country named: in a story about Texas it is
    not a British PM. A name of several words that ends exactly one holder's name is that holder
    (a double surname, "Peña Nieto"; realnews F1 read 0.326 -> 0.350, check 0.206 -> 0.217).
    """
    name = draft.name
    held = offices(name)
    how = "name"
    if not held:
        key = name_key(name)
        one_word = len(key.split()) == 1
        # Same transliteration key; a bare surname only when one holder in the table has it; a
        # name of several words may be the last words of one holder's name (a double surname:
        # "Peña Nieto" for Enrique Peña Nieto).
        matches = holders_by_key(key, surname=one_word, tail=not one_word)
        if len(matches) == 1 and (not one_word or matches[0][0].country in countries):
            held, how = list(matches[0]), ("unique-surname" if one_word else "name-key")
        elif one_word and (date or draft.roles):
            found = holder_in(name, date, precision, tuple(draft.roles))
            if found is not None and (
                name.casefold() not in COMMON_SURNAMES or found[0].country in countries
            ):
                return found
    if not held:
        return None, True, ""
    held.sort(key=lambda o: o.start, reverse=True)
    if not date:
        # No date, no office: which term the text speaks in is unknown ("Trump" in an undated 2016
        # story did not hold the office he took later). Only a country all the person's offices
        # share is known; `_apply_office` reads "undated" as country-only.
        return (held[0], True, "undated") if len({o.country for o in held}) == 1 else (None, True, "")
    for office in held:
        if office.held_on(date[:10]):
            return office, True, how
    before = [o for o in held if o.start <= date[:10]]
    if before:
        return before[0], False, how
    # Before any office: not yet an office holder, but a country all the offices share is known.
    return (held[0], True, "undated") if len({o.country for o in held}) == 1 else (None, True, "")


def _apply_office(draft: _Draft, date: str, precision: str, countries: frozenset[str]) -> None:
    office, current, how = _office_for(draft, date, precision, countries)
    if office is None:
        return
    if how == "undated":
        if not draft.country and office.country:
            draft.country = office.country
            rule = f"table:office-country:{office.name}={office.country}"
            draft.rules.insert(min(len(draft.rules), 2), rule)
        return
    former = not current
    # The row (name, office, term) and the date it was read on: "table:office:Barack
    # Obama=president:2009-01-20..2017-01-20@2015-06-01", then how the name was matched. A known
    # person outside every term is coded by PETRARCH's default for former officials and public
    # figures, country + ELI (unless the text gives a sector), and the rule says so:
    # "table:office-default:Barack Obama=president:2009-01-20..2017-01-20@2018-03-01". Before
    # the first term (not yet a public figure as far as the table knows) only the country is
    # read, above.
    kind = "office-default" if former and office.country else "office"
    rule = f"table:{kind}:{office.row}" + (f"@{date[:10]}" if date else "") + f"({how})"
    if office.name != draft.name:
        if draft.name not in draft.aliases:
            draft.aliases.append(draft.name)
        draft.name = office.name  # the table's spelling: one registry entry across articles
    changed = False
    if not draft.country and office.country:
        draft.country, changed = office.country, True
    if not draft.sector:
        # Former: ELI whatever the office was (a former senator, candidate or FBI director too).
        draft.sector, changed = ("ELI" if former and office.country else office.sector), True
    label = f"former {office.role}" if former else office.role
    # "President Clinton" in 2010: the text's own title stands; no "former president" beside it.
    if (
        label not in draft.roles
        and f"former {office.role}" not in draft.roles
        and office.role not in draft.roles
    ):
        draft.roles.append(label)
        changed = True
    if office.code and not draft.code:
        draft.code, changed = office.code, True
    if changed:
        # Before the text's own rules would crowd it out of the stored rule (first six kept).
        draft.rules.insert(min(len(draft.rules), 2), rule)


def _set_code(draft: _Draft, code: str, rule: str) -> None:
    """Country and sector (or the whole code, for IGO and other non-country codes) from a table."""
    if is_country_code(code[:3]):
        draft.country = draft.country or code[:3]
        if not draft.sector and len(code) >= 6:
            draft.sector = code[3:6]
    elif not draft.code:
        draft.code = code
    draft.rules.insert(min(len(draft.rules), 2), rule)


def _apply_person(draft: _Draft, date: str, countries: frozenset[str]) -> None:
    """A person our office table does not code, from the people table (``knowledge.people``): a
    full name whose matches agree on one code; a bare surname only when they agree and the article
    names that country, or the one person of that name holds an office then, or (undated) it names
    one of our office table's people. Codes only for a term covering the date; undated, the country
    alone."""
    if draft.country or draft.code:
        return
    for name in [draft.name, *draft.aliases]:
        found = person(name, date[:10])
        codes = {m.code for m in found}
        if len(codes) != 1:
            continue
        match = found[0]
        # A bare surname: the article names the person's country, or, on a known date, the one
        # person of that name holding an office then, unless the surname is common in the news.
        # Undated, our office table's people (the leaders the news names by surname alone, "Merkel")
        # keep their country; the 17,000 Phoenix people share too many surnames for that.
        known = match.how == "term" or match.source.startswith("offices:")
        in_office = known and name.casefold() not in COMMON_SURNAMES
        if match.matched == "surname" and match.code[:3] not in countries and not in_office:
            continue
        _set_code(draft, match.code, match.rule)
        return


def _apply_organisation(draft: _Draft, date: str) -> None:
    """An organisation the text's own words did not code, from the organisations table."""
    if draft.country or draft.code:
        return
    for name in [draft.name, *draft.aliases]:
        found = organisation(name, date[:10])
        if found is not None:
            _set_code(draft, found.code, found.rule)
            return
    # "United Nations Security Council", "Amnesty International USA": a body named after the known
    # organisation its name begins with (two words at least) is part of it.
    words = draft.name.split()
    for n in range(len(words) - 1, 1, -1):
        found = organisation(" ".join(words[:n]), date[:10])
        if found is not None:
            _set_code(draft, found.code, f"{found.rule}(leading-name)")
            return


def _apply_dictionary(draft: _Draft, dictionary: ActorDictionary | None, date: str) -> None:
    if dictionary is None or (draft.country and draft.sector):
        return
    for name in [draft.name, *draft.aliases]:
        found = dictionary.code(name, date)
        if found:
            code, rule = found
            draft.rules.append(rule)
            if not draft.code and not (draft.country and draft.sector):
                draft.code = code
            if not draft.country and len(code) >= 3 and country_name(code[:3]) != code[:3]:
                draft.country = code[:3]
                if not draft.sector and len(code) >= 6:
                    draft.sector = code[3:6]
            return


#: A reference to an actor draft: the entity span (or a derived body's start, end, text), the
#: draft's (kind, key) and the rules that made it.
_Ref = tuple[Span | tuple[int, int, str], tuple[str, str], str]
#: A resolved reference: start, end, text, actor id, NER label ("TITLE" for title-only), rule.
_RefOut = tuple[int, int, str, str, str, str]


def resolve_actors(
    doc: Doc, *, dictionary: ActorDictionary | None = None, date: str = "", precision: str = ""
) -> None:
    """Fill ``doc._.actors`` and ``doc._.mentions`` from the (corrected) ``doc.ents``; ``date`` and
    ``precision`` are the publication date's (day | month | year | "" = as long as the date)."""
    drafts, refs = _drafts_from_entities(doc)
    _merge_bare_bodies(drafts, refs)
    _apply_tables(doc, drafts, dictionary, date, precision)
    # Bodies named after a person or a nationality: "the Trump administration", "Russian military police".
    for start, end, text, key, draft, rule in _derived_bodies(doc, drafts):
        drafts.setdefault(key, draft)
        refs.append(((start, end, text), key, rule))
    actors = {key: draft.actor() for key, draft in drafts.items()}
    by_id = {a.id: a for a in actors.values()}
    refs_out = [_ref_out(span, actors[key].id, rule) for span, key, rule in refs]
    refs_out += _title_refs(doc, refs_out, by_id)
    refs_out.sort(key=lambda r: (r[0], r[1]))
    doc._.actors = list(by_id.values())
    doc._.mentions = _mentions(doc, refs_out, by_id)


def _drafts_from_entities(doc: Doc) -> tuple[dict[tuple[str, str], _Draft], list[_Ref]]:
    """One draft per named actor (people's names clustered: "Sergei Lavrov", "Lavrov"), and one
    reference per entity naming it."""
    ent_rules = doc._.ent_rules or {}
    coded: list[tuple[Span, Coding]] = []
    for ent in doc.ents:
        coding = code_entity(doc, ent)
        if coding.kind and coding.name:
            coded.append((ent, coding))
    drafts: dict[tuple[str, str], _Draft] = {}  # (kind, key) -> draft
    refs: list[_Ref] = []
    canon = cluster_names([c.name for _, c in coded if c.kind == "person"])
    for ent, coding in coded:
        if coding.kind == "person":
            canonical, rule = canon[coding.name]
            key = ("person", canonical)
            drafts.setdefault(key, _Draft(canonical, "person")).absorb(coding)
        else:
            key = (coding.kind, coding.name.casefold())
            drafts.setdefault(key, _Draft(coding.name, coding.kind)).absorb(coding)
            rule = coding.rules[0] if coding.rules else f"ner:{ent.label_}"
        ner_rule = ent_rules.get((ent.start_char, ent.end_char), f"ner:{ent.label_}")
        refs.append((ent, key, rule if ner_rule.startswith("ner:") else f"{ner_rule}; {rule}"))
    return drafts, refs


def _apply_tables(
    doc: Doc,
    drafts: dict[tuple[str, str], _Draft],
    dictionary: ActorDictionary | None,
    date: str,
    precision: str,
) -> None:
    """People: the text's evidence, then our office and people tables, then the user's dictionary;
    organisations: our table, then the user's dictionary."""
    countries = frozenset(
        [d.country for d in drafts.values() if d.country]
        + [demonym_code(e.text) or "" for e in doc.ents if e.label_ == "NORP"]
    )
    for (kind, _), draft in drafts.items():
        if kind == "person":
            _apply_office(draft, date, precision, countries)
            _apply_person(draft, date, countries)
        if kind == "organisation":
            _apply_organisation(draft, date)
        if kind in ("person", "organisation"):
            _apply_dictionary(draft, dictionary, date)


def _ref_out(span: Span | tuple[int, int, str], actor_id: str, rule: str) -> _RefOut:
    if isinstance(span, Span):
        return (span.start_char, span.end_char, span.text, actor_id, span.label_, rule)
    start, end, text = span
    return (start, end, text, actor_id, "", rule)


def _title_refs(doc: Doc, refs_out: list[_RefOut], by_id: dict[str, Actor]) -> list[_RefOut]:
    """Title-only mentions: "the state secretary", "the two leaders"."""
    holders: dict[str, Holder] = {}
    for start, _end, _text, aid, _label, _rule in refs_out:
        actor = by_id[aid]
        if actor.kind == "person":
            holders.setdefault(aid, Holder(aid, actor.roles, actor.country)).positions.append(start)
    found: list[_RefOut] = []
    for tm in title_mentions(doc):
        for aid, rule in resolve_title(tm, list(holders.values())):
            found.append((tm.start, tm.end, tm.text, aid, "TITLE", rule))
    return found


def _mentions(doc: Doc, refs_out: list[_RefOut], by_id: dict[str, Actor]) -> list[Mention]:
    """One Mention per reference, in text order; each surface form becomes an alias of its actor."""
    sentence_starts = [sent.start_char for sent in doc.sents] if doc.has_annotation("SENT_START") else [0]
    article = doc._.article_id or ""
    mentions = []
    for start, end, text, aid, label, rule in refs_out:
        surface = _surface(text)
        actor = by_id[aid]
        if surface and label != "TITLE" and surface != actor.name and surface not in actor.aliases:
            actor.aliases.append(surface)
        sentence = max(0, bisect_right(sentence_starts, start) - 1)
        mentions.append(Mention(article, sentence, start, end, text, aid, label, rule))
    return mentions


def _merge_bare_bodies(drafts: dict[tuple[str, str], _Draft], refs: list) -> None:
    """ "the Senate" after "the US Senate": a bare body name is the one the article qualified
    with a country, when only one such body is named (``coref:bare-body``)."""
    orgs = {key: d for key, d in drafts.items() if key[0] == "organisation"}
    for key, bare in list(orgs.items()):
        if bare.country:
            continue
        full = [
            k for k, d in orgs.items() if d.country and k != key and d.name.casefold().endswith(" " + key[1])
        ]
        if len(full) != 1:
            continue
        target = drafts[full[0]]
        if bare.name not in target.aliases:
            target.aliases.append(bare.name)
        del drafts[key]
        for i, (span, ref_key, rule) in enumerate(refs):
            if ref_key == key:
                refs[i] = (span, full[0], f"{rule}; coref:bare-body")


def _derived_bodies(
    doc: Doc, drafts: dict[tuple[str, str], _Draft]
) -> Iterator[tuple[int, int, str, tuple[str, str], _Draft, str]]:
    """(start, end, text, key, draft, rule) for bodies the NER does not tag as such."""
    by_surname: dict[str, _Draft] = {}
    for (kind, _), draft in drafts.items():
        if kind == "person":
            by_surname[draft.name.split()[-1].casefold()] = draft
            for alias in draft.aliases:
                by_surname.setdefault(alias.split()[-1].casefold(), draft)
    for ent in doc.ents:
        after = ent.end
        if after < len(doc) and doc[after].text in ("’s", "'s"):
            after += 1
        # "the Trump administration", "Obama's administration"
        if ent.label_ == "PERSON" and after < len(doc) and doc[after].lower_ in ORG_OF_PERSON:
            person = by_surname.get(ent.text.split()[-1].casefold().removesuffix("’s").removesuffix("'s"))
            if person is None:
                continue
            surname = person.name.split()[-1]
            name = f"{surname} {doc[after].lower_}"
            draft = _Draft(
                name, "organisation", country=person.country, sector="GOV", roles=[doc[after].lower_]
            )
            draft.rules.append(f"context:person+{doc[after].lower_}")
            yield (
                ent.start_char,
                doc[after].idx + len(doc[after].text),
                doc[ent.start : after + 1].text,
                ("organisation", name.casefold() + "|" + person.country),
                draft,
                draft.rules[0],
            )
        # "Russian military police", "the Russian government", "the Americans"
        if ent.label_ == "NORP":
            country = demonym_code(ent.text)
            if not country:
                continue
            best = 0
            for n in (3, 2, 1):
                found = role(doc[after : after + n].text) if after + n <= len(doc) else None
                if found and found.applies in ("body", "any") and found.sector:
                    best = n
                    break
            if best:
                found = role(doc[after : after + best].text)
                assert found is not None
                words = doc[after : after + best].text
                kind = "group" if found.role in COLLECTIVE_ROLES else "organisation"
                name = f"{ent.text.strip()} {words.casefold()}"
                draft = _Draft(name, kind, country=country, sector=found.sector, roles=[found.role])
                draft.rules.append(f"context:demonym+{found.role}")
                yield (
                    ent.start_char,
                    doc[after + best - 1].idx + len(doc[after + best - 1].text),
                    (doc[ent.start : after + best].text),
                    (kind, name.casefold()),
                    draft,
                    draft.rules[0],
                )
            elif ent.text.endswith("s") and ent.text[:1].isupper() and len(ent) == 1:
                # "the Americans and Jordanians": the people of a country, coded as that country.
                name = ent.text
                draft = _Draft(name, "group", country=country)
                draft.code = country
                draft.rules.append(f"table:demonym:{name}")
                yield (
                    ent.start_char,
                    ent.end_char,
                    ent.text,
                    ("group", name.casefold()),
                    draft,
                    draft.rules[0],
                )


# -- records ------------------------------------------------------------------------------------


def actors_and_mentions(doc: Doc, article_id: str) -> tuple[list[Actor], list[Mention]]:
    """The article's actors and their mentions as records (set by the actors component)."""
    actors = required(doc, "actors", "newsgraph_actors")
    mentions = [
        m if m.article_id == article_id else replace(m, article_id=article_id)
        for m in required(doc, "mentions", "newsgraph_actors")
    ]
    return list(actors), mentions


def _surface(text: str) -> str:
    cleaned = " ".join(text.split()).strip(" \t\n.,;:'\"’‘“”")
    if cleaned.endswith(("'s", "’s")):
        cleaned = cleaned[:-2]
    for det in ("the ", "The "):
        cleaned = cleaned.removeprefix(det)
    return cleaned
