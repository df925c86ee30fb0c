"""Events: who did what to whom, when and where, coded in CAMEO over the dependency parse.

`events(doc)` is the pure function; the spaCy component "newsgraph_events" stores its result on
``doc._.events`` (a list of Event). It needs the actors component (``doc._.mentions``), and uses
time expressions, quotes and places when the Doc has them.

Per sentence, per token:
1. Trigger: a verb or noun whose lemma heads an entry of the trigger lexicon
   (``knowledge/triggers.py``; plus a user's PETRARCH verb dictionary when given, whose entries win
   over ours). The entry's other words must be among the token's dependents (particles, prepositions
   and their objects, the object and its modifiers, an xcomp verb and its object); the longest entry
   wins. Words an entry used up are not triggers themselves ("agree to meet" is one event).
   "generic" entries (say, statement) are coded only when the sentence has no other event and the
   event has a source and a target; "ambiguous" ones only with at least one actor argument.
2. Arguments (``event_args``): source and target actors; one event per (source, target) pair, so
   "Russia, Turkey and Iran agreed" is three events (our documented choice for compound actors:
   the dyad stays country-to-country, as GDELT and PETRARCH code it). A "symmetric" entry (meet,
   talks between X and Y, an agreement with) is coded in both directions; "X and Y met" with no
   other party gives X->Y and Y->X. An event with neither actor is kept only for non-generic,
   non-ambiguous entries (a ceasefire is an event even when the sentence names no party).
3. Modality and recoding (``event_modality``). Inside a quotation or reported clause, the event is
   "reported"; when the reported event has no source of its own, its source is the quote's speaker
   (rule ``source:quote-speaker``), since a speaker talking about "we" usually means their side.
4. Date: the nearest day/month/year time expression of the sentence (``doc._.timexes``), else the
   article's publication date (``doc._.published``), each with its precision.
5. Place: the nearest place of the sentence (``doc._.places``, when the places component ran), else
   the dateline place, else none.
6. Codebook: root, Goldstein, quad class and PLOVER type from ``knowledge/cameo.py``; an intended
   or hypothetical act takes PLOVER's type for a promise (AGREE) or a threat (THREATEN).
7. A consultation (root 04) with a source and no target goes to the country where it takes place
   (``target:place-of-event``); one event per root and dyad in a sentence (the longest entry stays),
   and a one-sided event is absorbed by a complete event of the same root with the same actor on
   that side ("issued arrest warrants for X": the arrest is the warrant's act; rule ``absorbs:ENTRY``).
8. The speaker's own act (``event_transforms``): a reported act of violence adds the speaker's claim
   of responsibility, accusation or threat (rule ``transform:ID; from:EVENT``).

``rule`` reads "trigger:ENTRY; source:HOW; target:HOW; modality:KIND(cue)[; intent/negation
recoding]" so every code points at the table entry and the argument rules that produced it.
Confidence is a simple additive score (0.3 for the trigger, +0.25 with a source, +0.25 with a
target, +0.1 for a multi-word entry, -0.15 for a generic entry, -0.1 unless asserted, -0.1 for a trigger
in a subordinate clause or a prepositional phrase), in [0, 1].
Ids are ``{article_id}:{sentence}:{n}`` with n counting the sentence's events in order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from newsgraph.analyze.events import passes
from newsgraph.analyze.events.args import Arg, ArgFinder
from newsgraph.analyze.events.complete import ONE_SIDED_ROOTS, dyadic, plover_type
from newsgraph.analyze.events.context import event_context, event_date, event_place, subordinate
from newsgraph.analyze.events.drafts import Coded, Draft, Sentence
from newsgraph.analyze.events.modality import modality, recode, reverse
from newsgraph.analyze.events.speakers import quote_of, quote_speaker, speaker_side
from newsgraph.analyze.events.triggers import Match, sentence_matches
from newsgraph.analyze.extensions import register, required
from newsgraph.knowledge import cameo
from newsgraph.knowledge import event_words as ew
from newsgraph.knowledge import petrarch_verbs as pverbs
from newsgraph.knowledge import triggers as trig
from newsgraph.knowledge.domains import is_political
from newsgraph.knowledge.petrarch import (
    ActorDictionary,
    AgentDictionary,
    read_actor_dictionary,
    read_agent_dictionary,
)
from newsgraph.records import Event

register("events", None)

__all__ = ["ONE_SIDED_ROOTS", "Coder", "dyadic", "event_context", "events", "make_coder", "plover_type"]

# Sector sets for the lexicon's alternative-code conditions and roots of acts aimed at someone:
# knowledge/data/event_sectors.tsv and cameo_roots.tsv.
STATE_SECTORS = ew.sectors("state")
ARMED_SECTORS = ew.sectors("armed")
CIVILIAN_SECTORS = ew.sectors("civilian")
AIMED_ROOTS = ew.roots_where("aimed")
LOCAL_ACTOR_ROOTS = ew.roots_where("local_actors")
REQUEST_ROOTS = ew.roots_where("request")
ANAPHORIC_DETERMINERS = ew.words("anaphoric_determiners")


@dataclass(frozen=True)
class Coder:
    """What the coder needs besides the Doc: the trigger index and a user's dictionaries."""

    index: trig.TriggerIndex
    user_prefix: str = "petrarch:"  # ids of entries from a user's verb dictionary
    actor_dictionary: ActorDictionary | None = None
    agent_dictionary: AgentDictionary | None = None


# Entries the coder found missing from knowledge/data/cameo_triggers.tsv, in its format; to be moved
# into that table by its owner (ids are final: events quote them).


def default_index() -> trig.TriggerIndex:
    """Our trigger lexicon."""
    if not _INDEX:
        _INDEX.append(trig.TriggerIndex.build(trig.triggers()))
    return _INDEX[0]


_INDEX: list[trig.TriggerIndex] = []


def build_index(verb_dictionaries: Iterable[str | Path] = ()) -> trig.TriggerIndex:
    """Our trigger lexicon plus the CAMEO verbs of each PETRARCH2 verb dictionary given."""
    entries = list(trig.triggers())
    for path in verb_dictionaries:
        entries.extend(pverbs.to_triggers(pverbs.read(path)))
    return trig.TriggerIndex.build(entries)


def make_coder(
    verbs: Iterable[str | Path] = (), actors: Iterable[str | Path] = (), agents: Iterable[str | Path] = ()
) -> Coder:
    """A Coder from a user's dictionary files (none of a kind: ours alone)."""
    verbs, actors, agents = list(verbs), list(actors), list(agents)
    return Coder(
        index=build_index(verbs) if verbs else default_index(),
        actor_dictionary=read_actor_dictionary(actors) if actors else None,
        agent_dictionary=read_agent_dictionary(agents) if agents else None,
    )


# -- drafts: arguments and modality of each trigger --------------------------------------------------


def _drafts(drafts: list[Draft], sent: Sentence) -> list[Draft]:
    """One draft per (source, target) pair of each trigger of the sentence (the first pass)."""
    out = list(drafts)
    for m in sent.matches:
        out.extend(_drafts_of(m, sent))
    return out


def _drafts_of(m: Match, sent: Sentence) -> list[Draft]:
    t, tok, finder, quotes = m.trigger, m.tok, sent.finder, sent.quotes
    if t.pos == "VERB":
        sources, srule = finder.verb_source(tok)
    else:
        sources, srule = finder.noun_source(tok, t.source)
    targets, trule = finder.targets(tok, t.target, m.consumed) if t.target else ([], "")
    if not targets and t.pos == "VERB" and "dobj" in t.target:
        targets = finder.unresolved_object(tok, m.consumed)
        trule = "target:dobj" if targets else trule
    if not targets and t.code[:2] in REQUEST_ROOTS:
        targets, trule = finder.asked(tok)
    if trule.startswith("target:noun-clause") and t.code[:2] not in AIMED_ROOTS:
        targets, trule = [], ""  # "a trip aimed at pushing for a ceasefire in Gaza" is not a trip to Gaza
    # A city or region is where an event happens ("provinces which will have a ceasefire", "the
    # Minsk agreements"), not its source; it says whose a protest is ("a Calgary rally": Canadians)
    # and whose a body is ("a Beirut military prosecutor"). A capital standing for its government
    # ("Moscow said") is another rule.
    if t.code[:2] not in LOCAL_ACTOR_ROOTS:
        sources = [s for s in sources if not s.rule.endswith("place-country") or finder.names_agent(s)]
    mod = modality(tok, quotes)
    evaluated = srule.startswith(("source:evaluated-by", "source:referenced-by"))
    if not any(s.code for s in sources) and not evaluated and speaker_side(tok, sources, finder):
        speaker = quote_speaker(quote_of(tok, quotes) or mod, quotes, finder)
        if speaker is not None:
            sources, srule = [speaker], "source:quote-speaker"
    # Never the same actor on both sides: drop a target that is also the source.
    if sources and targets:
        targets = [x for x in targets if all(x.code != s.code or x.actor_id != s.actor_id for s in sources)]
    if (t.is_("ambiguous") or t.is_("generic")) and not sources and not targets:
        return []
    if t.is_("generic") and not (sources and targets):
        return []
    if not sources and not targets and _refers_back(tok, t, sent.earlier_roots):
        return []
    both_ways = t.is_("symmetric") or (not targets and reciprocal_object(tok))
    pairs = _pairs(sources, targets, both_ways) or [(None, None, "")]
    if t.pos == "NOUN" and not srule.startswith("source:governing-verb"):
        # "Tillerson said that Putin's denial was seen as ...": an event noun naming an act of its
        # possessor that the article has already coded refers back to it.
        pairs = [p for p in pairs if p[0] is None or (t.code[:2], p[0].code) not in sent.earlier_acts]
        if not pairs:
            return []
    base = (srule or "source:none", trule or "target:none")
    return [Draft(m, s, tg, mod, (*base, note) if note else base) for s, tg, note in pairs]


def _pairs(
    sources: list[Arg], targets: list[Arg], symmetric: bool
) -> list[tuple[Arg | None, Arg | None, str]]:
    """(source, target, note) pairs: one per combination. A symmetric act goes both ways only when
    its parties are named together ("X and Y met", "talks between X and Y"); with a source and a
    target ("X met with Y") it is the source's act, as PETRARCH codes it (a reversed dyad only where
    the dictionary says so)."""
    out: list[tuple[Arg | None, Arg | None, str]] = []
    sources, targets = distinct_parties(sources), distinct_parties(targets)
    if sources and targets:
        for s in sources:
            for t in targets:
                if not same_side(s, t):
                    out.append((s, t, ""))
    elif symmetric and (len(sources) > 1 or len(targets) > 1):
        # "X and Y met", "the meeting between X and Y": each with each.
        parties = sources or targets
        for s in parties:
            for t in parties:
                if s is not t and not same_side(s, t):
                    out.append((s, t, "symmetric-coordinated"))
    elif sources:
        out.extend((s, None, "") for s in sources)
    elif targets:
        out.extend((None, t, "") for t in targets)
    # Unique by (source code, target code): a symmetric pair named twice is coded once.
    seen: set[tuple[str, str]] = set()
    unique = []
    for s, t, note in out:
        key = (s.code if s else "", t.code if t else "")
        if key not in seen:
            seen.add(key)
            unique.append((s, t, note))
    return unique


# "each other", "one another": the parser makes one word the object and the other its determiner.
RECIPROCALS = frozenset(frozenset(words.split()) for words in ew.words("reciprocal_pronouns"))


def reciprocal_object(tok: Token) -> bool:
    """Whether the trigger's object is a reciprocal pronoun ("accused each other", "blamed one
    another", "clashed with each other"): its coordinated subjects act on one another."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    objects += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for o in objects:
        words = frozenset({o.lower_} | {c.lower_ for c in o.children if c.dep_ == "det"})
        if words in RECIPROCALS:
            return True
    return False


def same_side(a: Arg, b: Arg) -> bool:
    """The same actor named twice: never each other's party."""
    if a.actor_id and a.actor_id == b.actor_id:
        return True
    # Two actors with one code (Trump and his chief of staff, both USAGOV) are two parties; a
    # country and an actor of its own (Lebanon charging a soldier: LBN, LBNMIL) are too.
    return a.code == b.code and a.actor_id == b.actor_id


def distinct_parties(args: list[Arg]) -> list[Arg]:
    """The parties of a coordination, each once: where one is named twice ("US President Donald
    Trump" read as the US and Trump), the most specific stays (USAGOV over USA)."""
    kept: list[Arg] = []
    for a in sorted(args, key=lambda a: -len(a.code)):
        if len(a.code) == 3 and any(k.code.startswith(a.code) and k.code != a.code for k in kept):
            continue
        kept.append(a)
    return sorted(kept, key=lambda a: a.token)


def _refers_back(tok: Token, trigger: trig.Trigger, earlier_roots: frozenset[str]) -> bool:
    """An event noun with no actor and a definite determiner, of a root the article has already
    coded ("... signed a trade pact. The agreement ..."): a reference to that event, not a new one."""
    if trigger.pos != "NOUN" or trigger.code[:2] not in earlier_roots:
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETERMINERS for c in tok.children)


# -- coding: the codebook over the drafts ---------------------------------------------------------------


def _sector(arg: Arg) -> str:
    """The sector part of an actor code ("RUSMIL" -> "MIL"); "" for a bare country."""
    return arg.code[3:6] if len(arg.code) >= 6 else ""


def _alt_applies(condition: str, m: Match, s: Arg | None, tg: Arg | None, finder: ArgFinder) -> bool:
    """Whether a lexicon entry's condition for its alternative code holds for this event:
    no-target ("warned" of nothing in particular: 012), state-source (a state protests or boycotts
    officially: 114, 163), armed-source (a "strike" by an armed force: 190), unarmed-source (killing
    by civilians: 1823), labor-source (a "strike" by workers or students: 143), person-target
    ("welcomed the president": a visit hosted, 043), contest ("Trump beat Clinton": no event),
    person-source (a named, unarmed person attacking a person or a group: "Warren attacked Trump", 111)."""
    if condition == "no-target":
        return tg is None and not any(c.dep_ == "ccomp" for c in m.tok.children)
    if condition == "person-target":
        return _kind(tg, finder) == "person"
    if condition == "contest":
        return _contest(s, tg, finder)
    if condition == "person-source":
        # A person's attack on a state is a leader's order to its forces ("Putin attacked Ukraine").
        if s is None or tg is None or _kind(s, finder) != "person" or _sector(s) in ARMED_SECTORS:
            return False
        return _kind(tg, finder) == "person" or bool(_sector(tg))
    if s is None or not s.code:
        return False
    sector = _sector(s)
    if condition == "state-source":
        # A bare country code is the state only when the word is the country itself ("Pakistan",
        # "Moscow"), not a group a nationality word qualifies ("Kenyan teachers" -> KEN).
        named_state = len(s.code) == 3 and (s.rule == "mention" or s.rule.startswith("capital:"))
        return s.code.startswith("IGO") or named_state or sector in STATE_SECTORS
    if condition == "armed-source":
        return sector in ARMED_SECTORS
    if condition in ("unarmed-source", "labor-source"):
        return sector in CIVILIAN_SECTORS
    return False


def _contest(s: Arg | None, tg: Arg | None, finder: ArgFinder) -> bool:
    """Two named parties, the first no armed body ("Trump narrowly beat Clinton", "Russia beat
    Croatia"): a contest won, an election or a match, not a beating. Named: each side is an actor
    mention (a person, a country, a party), not a group a noun describes ("police beat protesters")."""
    if s is None or tg is None:
        return False
    kinds = {_kind(s, finder), _kind(tg, finder)}
    return kinds <= {"person", "country", "organisation"} and _sector(s) not in ARMED_SECTORS


def _kind(arg: Arg | None, finder: ArgFinder) -> str:
    """The kind of actor an argument names ("person", "country", "organisation", ...); "" for an
    argument that names no actor (a group a noun describes, a bare code)."""
    actor = finder.actors.get(arg.actor_id) if arg is not None and arg.actor_id else None
    return actor.kind if actor is not None else ""


def _to_event(d: Draft, n: int, sent: Sentence) -> Event | None:
    """The Event a draft codes (None when its code is not a CAMEO code)."""
    t, s, tg, mod, finder, doc = d.trigger, d.source, d.target, d.modality, sent.finder, sent.doc
    code = t.code
    # Alternative codes the entry names for conditions the parse can test.
    alt_rule = ""
    for alt, condition in t.alts:
        if _alt_applies(condition, d.match, s, tg, finder):
            code, alt_rule = alt, f"; alt:{condition}->{alt}"
            break
    code, reversed_ = reverse(d.tok, code)
    code, recoded = recode(code, mod.kind, mod.cue, bool(mod.quote_id))
    recoded = "; ".join(r for r in (reversed_, recoded) if r)
    if not cameo.is_code(code):
        return None
    entry = cameo.lookup(code)
    (source_start, source_end), (target_start, target_end) = finder.span_of(s), finder.span_of(tg)
    date, precision, date_rule = event_date(sent.index, d.tok, doc)
    place, place_rule = event_place(sent.index, d.tok, doc, finder.mention_starts)
    confidence = 0.3 + (0.25 if s else 0) + (0.25 if tg else 0) + (0.1 if t.specificity > 1 else 0)
    confidence -= 0.15 if t.is_("generic") else 0
    confidence -= 0.1 if mod.kind != "asserted" else 0
    # Background (a relative, adverbial or participial clause, a noun in a prepositional phrase)
    # weighs more than one named side: a main-clause event with its source outranks a subordinate
    # one with both, so the sentence's main event is its top event ("declared a ceasefire after
    # militants attacked troops": the ceasefire).
    confidence -= 0.3 if subordinate(d.tok) else 0
    rule = f"{t.rule}; {d.rule}"
    # How each actor was resolved (the strategy and the table row): the "why" of its code.
    for side, arg in (("source", s), ("target", tg)):
        rule += f"; {side}-actor:{arg.rule}" if arg is not None else ""
    rule += f"; modality:{mod.kind}" + (f"({mod.cue})" if mod.cue else "")
    rule += alt_rule + (f"; {recoded}" if recoded else "")
    rule += f"; {date_rule}; {place_rule}"
    article = doc._.article_id or ""
    span = sent.span
    return Event(
        id=f"{article}:{sent.index}:{n}",
        article_id=article,
        start=span.start_char,
        end=span.end_char,
        evidence=span.text,
        source_actor_id=s.actor_id if s else "",
        source_code=s.code if s else "",
        target_actor_id=tg.actor_id if tg else "",
        target_code=tg.code if tg else "",
        source_start=source_start,
        source_end=source_end,
        target_start=target_start,
        target_end=target_end,
        **{  # type: ignore[arg-type]
            **cameo.event_fields(code),
            "plover_type": plover_type(entry.root, entry.plover, mod),
        },
        date=date,
        date_precision=precision,
        place_id=place,
        modality=mod.kind,
        confidence=round(max(0.0, min(1.0, confidence)), 2),
        rule=rule,
    )


def code_sentence(sent: Sentence) -> list[Event]:
    """Triggers -> drafts -> draft passes -> codebook -> event passes (see the module docstring)."""
    drafts = passes.run((_drafts, *passes.DRAFT_PASSES), [], sent)
    coded: list[Coded] = []
    for d in drafts:
        event = _to_event(d, len(coded), sent)
        if event is not None:
            coded.append(Coded(event, d.tok))
    return [c.event for c in passes.run(passes.EVENT_PASSES, coded, sent)]


def _sentences(doc: Doc) -> list[Span]:
    return list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]


def events(doc: Doc, coder: Coder | None = None) -> list[Event]:
    """The events of a Doc that went through the actors component (see the module docstring)."""
    coder = coder or _default_coder()
    required(doc, "mentions", "newsgraph_actors")
    domain = doc._.domain if Doc.has_extension("domain") else None
    if domain is not None and not is_political(domain.label):
        # Sport, markets, culture and weather text: "Russia beat Croatia", "shares rallied" are no
        # political events. The article's domain record keeps the rule that decided.
        return []
    finder = ArgFinder(doc, coder.actor_dictionary, coder.agent_dictionary, doc._.published or "")
    quotes = list(doc._.quotes or []) if Doc.has_extension("quotes") else []
    out: list[Event] = []
    roots: frozenset[str] = frozenset()  # roots coded so far: what a definite event noun can refer to
    acts: frozenset[tuple[str, str]] = frozenset()  # (root, source) coded so far: what a possessor's noun can
    for i, span in enumerate(_sentences(doc)):
        matches = sentence_matches(span, coder.index, coder.user_prefix)
        coded = code_sentence(Sentence(span, i, doc, finder, quotes, matches, roots, acts))
        roots |= {e.root_code for e in coded}
        acts |= {(e.root_code, e.source_code) for e in coded if e.source_code}
        out.extend(coded)
    return out


_DEFAULT: list[Coder] = []


def _default_coder() -> Coder:
    if not _DEFAULT:
        _DEFAULT.append(Coder(index=default_index()))
    return _DEFAULT[0]
