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
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from newsgraph.analyze.events.args import Arg, ArgFinder, actor_code
from newsgraph.analyze.events.modality import (
    Modality,
    cue_lemma,
    modality,
    recode,
    request_code,
    request_governor,
    requested,
)
from newsgraph.analyze.events.transforms import speaker_act
from newsgraph.analyze.extensions import register, required
from newsgraph.knowledge import cameo
from newsgraph.knowledge import petrarch_verbs as pverbs
from newsgraph.knowledge import triggers as trig
from newsgraph.knowledge.petrarch import (
    ActorDictionary,
    AgentDictionary,
    read_actor_dictionary,
    read_agent_dictionary,
)
from newsgraph.records import Event, Quote

register("events", None)

# Dependents whose lemmas count as a trigger's context (entry words beyond the head).
CONTEXT_DEPS = {
    "prt", "prep", "pobj", "pcomp", "dobj", "dative", "xcomp", "aux", "compound", "amod", "acomp",
    "attr", "oprd", "nmod", "advmod", "npadvmod", "det", "nsubjpass", "agent",
}  # fmt: skip
CONTEXT_DEPTH = 3
# Tokens the coder never treats as triggers even when the lexicon has their lemma.
SKIP_POS = {"PROPN", "ADJ", "ADV", "ADP", "DET", "PRON", "NUM", "PUNCT", "SYM", "X", "SPACE"}


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


# -- triggers ---------------------------------------------------------------------------------------


def _context(tok: Token) -> dict[str, list[Token]]:
    """Lemma -> tokens below the trigger in the parse (within CONTEXT_DEPTH, no clause boundaries)."""
    out: dict[str, list[Token]] = {}
    frontier = [(tok, 0)]
    while frontier:
        cur, depth = frontier.pop()
        for c in cur.children:
            if c.dep_ not in CONTEXT_DEPS:
                continue
            # A preposition below another verb belongs to that verb: "agreed to create a channel
            # with X" is not "agree with".
            if c.dep_ in ("prep", "prt", "agent") and cur is not tok and cur.pos_ in ("VERB", "AUX"):
                continue
            for key in {c.lemma_.lower(), c.lower_}:
                out.setdefault(key, []).append(c)
            if depth + 1 < CONTEXT_DEPTH:
                frontier.append((c, depth + 1))
    # Hyphenated words the tokenizer split ("cease-fire", "de-escalation"): neighbours count too.
    for n in (tok.nbor(-1) if tok.i > 0 else None, tok.nbor(-2) if tok.i > 1 else None):
        if n is not None and n.is_alpha:
            out.setdefault(n.lemma_.lower(), []).append(n)
    return out


def _pos(tok: Token) -> str | None:
    if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
        return "VERB"
    if tok.pos_ == "NOUN":
        return "NOUN"
    if tok.pos_ == "ADJ" and any(c.dep_ == "prep" and c.lower_ in ("between", "with") for c in tok.children):
        # An adjective used as a noun, which the tagger does not see: "the bilateral between X and Y".
        return "NOUN"
    return None


@dataclass
class _Match:
    tok: Token
    trigger: trig.Trigger
    consumed: set[int]


# (match, source, target, argument rule, modality, spare): one event before codebook lookup.
_Draft = tuple[_Match, Arg | None, Arg | None, str, Modality, str]


# Verb lemmas the English model gets wrong ("staged" -> "stag"), so entries keyed on the real lemma match.
VERB_LEMMA_FIXES = {"stag": "stage"}


def _match(tok: Token, coder: Coder) -> _Match | None:
    pos = _pos(tok)
    if pos is None or (tok.pos_ in SKIP_POS and pos != "NOUN"):
        return None
    lemma = tok.lemma_.lower()
    if pos == "VERB":
        lemma = VERB_LEMMA_FIXES.get(lemma, lemma)
    if not coder.index.candidates(lemma, pos) and not coder.index.candidates(tok.lower_, pos):
        return None
    ctx = _context(tok)
    found = coder.index.match_all(lemma, pos, ctx) or coder.index.match_all(tok.lower_, pos, ctx)
    if not found:
        return None
    # A user's dictionary wins over ours; then the longest entry; then non-generic (match_all order).
    best = sorted(found, key=lambda t: (not t.id.startswith(coder.user_prefix), -t.specificity))[0]
    consumed = {ctx[w][0].i for w in best.rest if w in ctx}
    if any(_time_object(tok.doc[i]) for i in consumed):
        return None
    return _Match(tok, best, consumed)


# "look into the future", "move towards the past": a preposition of the entry that takes a time word
# is a figure of speech, not an act on anyone.
TIME_OBJECTS = {"future", "past", "history", "tomorrow", "yesterday"}


def _time_object(word: Token) -> bool:
    return word.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.lemma_.lower() in TIME_OBJECTS for c in word.children
    )


# -- events -----------------------------------------------------------------------------------------


SUBORDINATE_DEPS = {"relcl", "acl", "advcl", "pcomp", "csubj", "csubjpass"}


def _subordinate(tok: Token) -> bool:
    """The trigger lies in a relative, adverbial or participial clause, or is a noun inside a
    prepositional phrase ("... in retaliation for an air raid", "nationals suspected of blowing up"):
    background to the sentence's main event, so its event is the less likely main one."""
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj":
        return True
    cur = tok
    for _ in range(12):
        if cur.head is cur:
            return False
        if cur.dep_ in SUBORDINATE_DEPS:
            return True
        cur = cur.head
    return False


def _sentence_of(doc: Doc) -> list[Span]:
    return list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]


PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _modifies_noun(doc: Doc, start: int, end: int) -> bool:
    """A time expression inside a noun phrase ("the 2016 US elections") dates that noun, not the event."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("compound", "nummod", "amod", "poss", "nmod") and root.head.pos_ in ("NOUN", "PROPN")


def _date(sent_index: int, tok: Token, doc: Doc) -> tuple[str, str, str]:
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


LOCATIVE = {"in", "at", "near", "outside", "inside", "into", "across", "throughout", "around"}


def _place_word(span: Span) -> Token:
    """The word that stands for a place name in the parse: its root, up through conjuncts,
    appositions and compounds ("in Daraa, Quneitra and As-Suwayda": Daraa)."""
    tok = span.root
    while tok.dep_ in ("conj", "appos", "compound") and tok.head is not tok:
        tok = tok.head
    return tok


def _locative(doc: Doc, start: int, end: int) -> bool:
    """The place is the object of a locative preposition ("in Hamburg"), or a conjunct of one."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tok = _place_word(span)
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE


def event_context(sent_index: int, tok: Token, doc: Doc) -> tuple[str, str, str, str, str]:
    """(date, precision, date rule, place id, place rule) of an event at a token: the one resolution
    the coder and the PETRARCH pattern events share."""
    date, precision, date_rule = _date(sent_index, tok, doc)
    place, place_rule = _place(sent_index, tok, doc)
    return date, precision, date_rule, place, place_rule


def _place(
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
        key = (not _locative(doc, t.start, t.end), abs(t.start - tok.idx))
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


def _quote_of(tok: Token, quotes: list[Quote]) -> Modality | None:
    for q in quotes:
        if q.start <= tok.idx < q.end:
            return Modality("reported", q.cue or q.kind, q.id)
    return None


# Pronouns through which a reported act can be the speaker's own: "said they had attacked Iraq",
# "the ministry said it had shelled the town", "our strikes".
SPEAKER_PRONOUNS = {"we", "i", "us", "our", "my", "they", "their", "it", "its"}


def _speaker_side(tok: Token, sources: list[Arg], finder: ArgFinder) -> bool:
    """Whether a reported act with no coded source is the speaker's: its sources are "we"/"I", or
    its subject (up its xcomp/conj chain) or possessor is a pronoun that can stand for the speaker.
    Not a third party left unnamed: in "air strikes killed 20 civilians, the UN said" the UN did
    not strike."""
    if sources and all(finder.doc[s.token].lower_ in ("we", "i", "us") for s in sources if s.token >= 0):
        return True
    cur = tok
    for _ in range(4):
        pronouns = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "poss")]
        if any(c.lower_ in SPEAKER_PRONOUNS for c in pronouns):
            return True
        if cur.dep_ not in ("xcomp", "conj") or cur.head is cur:
            return False
        cur = cur.head
    return False


def _quote_speaker(m: Modality, quotes: list[Quote], finder: ArgFinder) -> Arg | None:
    for q in quotes:
        if q.id == m.quote_id and q.speaker_actor_id:
            actor = finder.actors.get(q.speaker_actor_id)
            if actor is not None:
                code = actor_code(actor)
                if code:
                    start = q.speaker_start if q.speaker_start is not None else -1
                    end = q.speaker_end if q.speaker_end is not None else -1
                    return Arg(code, actor.id, q.speaker, -1, "quote-speaker", start, end)
    return None


def _pairs(
    sources: list[Arg], targets: list[Arg], symmetric: bool
) -> list[tuple[Arg | None, Arg | None, str]]:
    """(source, target, note) pairs: one per combination; symmetric events both ways."""
    out: list[tuple[Arg | None, Arg | None, str]] = []
    if sources and targets:
        for s in sources:
            for t in targets:
                if s.code == t.code and s.actor_id == t.actor_id:
                    continue
                out.append((s, t, ""))
                if symmetric:
                    out.append((t, s, "symmetric-reverse"))
    elif symmetric and (len(sources) > 1 or len(targets) > 1):
        # "X and Y met", "the meeting between X and Y": each with each.
        parties = sources or targets
        for s in parties:
            for t in parties:
                if s is not t:
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


def _code_sentence(
    sent: Span,
    sent_index: int,
    doc: Doc,
    coder: Coder,
    finder: ArgFinder,
    quotes: list[Quote],
    earlier_roots: frozenset[str] = frozenset(),
) -> list[Event]:
    matches: list[_Match] = []
    used: set[int] = set()
    candidates = [m for m in (_match(tok, coder) for tok in sent) if m is not None]
    # Longest entries first, so "agree to meet" uses up "meet" before "meet" is tried alone.
    for m in sorted(candidates, key=lambda m: (-m.trigger.specificity, m.tok.i)):
        if m.tok.i in used:
            continue
        matches.append(m)
        used |= m.consumed
    matches = [m for m in matches if m.tok.i not in used]
    matches.sort(key=lambda m: m.tok.i)
    drafts: list[_Draft] = []
    for m in matches:
        t = m.trigger
        tok = m.tok
        if t.pos == "VERB":
            sources, srule = finder.verb_source(tok)
        else:
            sources, srule = finder.noun_source(tok, t.source)
        targets, trule = finder.targets(tok, t.target, m.consumed) if t.target else ([], "")
        if trule == "target:noun-clause" and t.code[:2] not in AIMED_ROOTS:
            targets, trule = [], ""  # "a trip aimed at pushing for a ceasefire in Gaza" is not a trip to Gaza
        mod = modality(tok, quotes)
        evaluated = srule.startswith("source:evaluated-by")
        if not any(s.code for s in sources) and not evaluated and _speaker_side(m.tok, sources, finder):
            speaker = _quote_speaker(_quote_of(tok, quotes) or mod, quotes, finder)
            if speaker is not None:
                sources, srule = [speaker], "source:quote-speaker"
        # Never the same actor on both sides: drop a target that is also the source.
        if sources and targets:
            targets = [
                x for x in targets if all(x.code != s.code or x.actor_id != s.actor_id for s in sources)
            ]
        if (t.is_("ambiguous") or t.is_("generic")) and not sources and not targets:
            continue
        if t.is_("generic") and not (sources and targets):
            continue
        if not sources and not targets and _refers_back(tok, t, earlier_roots):
            continue
        pairs = _pairs(sources, targets, t.is_("symmetric"))
        if not pairs:
            pairs = [(None, None, "")]
        for s, tg, note in pairs:
            rule = f"{srule or 'source:none'}; {trule or 'target:none'}"
            if note:
                rule += f"; {note}"
            drafts.append((m, s, tg, rule, mod, ""))
    # Generic entries only where nothing more specific was found in the sentence.
    if any(not d[0].trigger.is_("generic") and not requested(d[4]) for d in drafts):
        drafts = [d for d in drafts if not d[0].trigger.is_("generic")]
    drafts = _intent_carried(drafts)
    drafts += _demands(sent, matches, finder, quotes)
    drafts = [_place_target(d, sent_index, doc, finder) for d in drafts]
    drafts += _hosted_meetings(drafts, sent_index, doc, finder)
    drafts = _one_per_dyad(drafts)
    events: list[Event] = []
    tokens: list[Token] = []
    article = doc._.article_id or ""
    for m, s, tg, arg_rule, mod, _ in drafts:
        t = m.trigger
        code = t.code
        # Alternative codes the entry names for conditions the parse can test.
        alt_rule = ""
        for alt, condition in t.alts:
            if _alt_applies(condition, m, s, tg, finder):
                code, alt_rule = alt, f"; alt:{condition}->{alt}"
                break
        code, recoded = recode(code, mod.kind, mod.cue)
        if not cameo.is_code(code):
            continue
        entry = cameo.lookup(code)
        (source_start, source_end), (target_start, target_end) = finder.span_of(s), finder.span_of(tg)
        date, precision, date_rule = _date(sent_index, m.tok, doc)
        place, place_rule = _place(sent_index, m.tok, doc, finder.mention_starts)
        confidence = 0.3 + (0.25 if s else 0) + (0.25 if tg else 0) + (0.1 if t.specificity > 1 else 0)
        confidence -= 0.15 if t.is_("generic") else 0
        confidence -= 0.1 if mod.kind != "asserted" else 0
        confidence -= 0.1 if _subordinate(m.tok) else 0
        rule = f"{t.rule}; {arg_rule}; modality:{mod.kind}" + (f"({mod.cue})" if mod.cue else "")
        rule += alt_rule + (f"; {recoded}" if recoded else "")
        rule += f"; {date_rule}; {place_rule}"
        events.append(
            Event(
                id=f"{article}:{sent_index}:{len(events)}",
                article_id=article,
                start=sent.start_char,
                end=sent.end_char,
                evidence=sent.text,
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
        )
        tokens.append(m.tok)
    events = _specific_requests(events, tokens)
    events, tokens = _absorb_partials(events, tokens)
    events = _purpose_below_protest(events, tokens)
    return events + _speaker_acts(events, tokens, finder, quotes, article, sent_index)


def _speaker_acts(
    events: list[Event],
    tokens: list[Token],
    finder: ArgFinder,
    quotes: list[Quote],
    article: str,
    sent_index: int,
) -> list[Event]:
    """The speakers' own acts for the reported acts of violence (``event_transforms``)."""
    out: list[Event] = []
    # Ids continue after the sentence's highest (absorbed partials leave gaps in the numbering).
    first = 1 + max((int(e.id.rsplit(":", 1)[1]) for e in events), default=-1)
    for e, tok in zip(events, tokens, strict=True):
        quoted = _quote_of(tok, quotes)
        if quoted is None:
            continue
        speaker = _quote_speaker(quoted, quotes, finder)
        event_id = f"{article}:{sent_index}:{first + len(out)}"
        act = speaker_act(e, speaker, cue_lemma(tok, quoted.cue), event_id)
        if act is not None and all(
            (x.root_code, x.source_code, x.target_code) != (act.root_code, act.source_code, act.target_code)
            for x in events + out
        ):
            out.append(act)
    return out


# Roots of acts aimed at someone, whose target a clause on the noun can name ("new sanctions targeting
# businesses ... supporting the Russian government"): demand, disapprove, reject, threaten, reduce
# relations, coerce.
AIMED_ROOTS = {"10", "11", "12", "13", "16", "17"}
# Sectors for the lexicon's alternative-code conditions (cameo_triggers.tsv, "alt=CODE:condition").
STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}
ARMED_SECTORS = {"MIL", "REB", "COP", "SPY"}
CIVILIAN_SECTORS = {"CVL", "EDU", "BUS", "MED", "REL", "LAB", "HLH", "NGO", "OPP"}


def _sector(arg: Arg) -> str:
    """The sector part of an actor code ("RUSMIL" -> "MIL"); "" for a bare country."""
    return arg.code[3:6] if len(arg.code) >= 6 else ""


def _alt_applies(condition: str, m: _Match, s: Arg | None, tg: Arg | None, finder: ArgFinder) -> bool:
    """Whether a lexicon entry's condition for its alternative code holds for this event:
    no-target ("warned" of nothing in particular: 012), state-source (a state protests or boycotts
    officially: 114, 163), armed-source (a "strike" by an armed force: 190), unarmed-source (killing
    by civilians: 1823), labor-source (a "strike" by workers or students: 143), person-target
    ("welcomed the president": a visit hosted, 043)."""
    if condition == "no-target":
        return tg is None and not any(c.dep_ == "ccomp" for c in m.tok.children)
    if condition == "person-target":
        actor = finder.actors.get(tg.actor_id) if tg is not None and tg.actor_id else None
        return actor is not None and actor.kind == "person"
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


def _intent_carried(drafts: list[_Draft]) -> list[_Draft]:
    """Drop an unspecific intention ("pledged to", "agreed to": 030) whose xcomp act is coded: the
    act carries the intention (its modality is "intended", its code the intent code where CAMEO has
    one), so "Qatar pledged to expel ..." is one event, not a bare pledge beside it."""
    governed = {d[0].tok.head.i for d in drafts if d[0].tok.dep_ == "xcomp"}
    return [
        d
        for d in drafts
        if not (d[0].trigger.modal == "intended" and d[0].trigger.code == "030" and d[0].tok.i in governed)
    ]


def _specific_requests(events: list[Event], tokens: list[Token]) -> list[Event]:
    """An unspecific appeal or demand (020, 100) whose content is a coded act takes the specific
    code for that act ("urged Israel to withdraw its troops": 0256; rule ``request-for:CODE``)."""
    out = []
    for e, tok in zip(events, tokens, strict=True):
        if e.cameo_code in ("020", "100"):
            for act, act_tok in zip(events, tokens, strict=True):
                governor = request_governor(act_tok)
                if act_tok.i == tok.i or governor is None or governor.i != tok.i:
                    continue
                code = request_code(e.cameo_code, act.cameo_code)
                if code is not None:
                    fields = cameo.event_fields(code)
                    e = replace(e, **fields, rule=f"{e.rule}; request-for:{act.cameo_code}")  # type: ignore[arg-type]
                    break
        out.append(e)
    return out


def _absorb_partials(events: list[Event], tokens: list[Token]) -> tuple[list[Event], list[Token]]:
    """Drop a one-sided event that a complete one of the same root and the same actor on that side
    already records: in "issued arrest warrants for two men" the arrest (court -> nobody) is the
    warrant's act (court -> the men); "met ... to discuss" discusses at the meeting. The complete
    event's rule names the trigger it absorbed ("absorbs:ENTRY")."""
    absorbed: dict[int, list[str]] = {}
    drop: set[int] = set()
    for n, e in enumerate(events):
        if bool(e.source_code) == bool(e.target_code):
            continue
        for k, o in enumerate(events):
            if k in drop or not (o.source_code and o.target_code) or o.root_code != e.root_code:
                continue
            if (e.source_code and e.source_code[:3] == o.source_code[:3]) or (
                e.target_code and e.target_code[:3] == o.target_code[:3]
            ):
                drop.add(n)
                absorbed.setdefault(k, []).append(e.rule.split(";")[0].removeprefix("trigger:"))
                break
    if not drop:
        return events, tokens
    kept = [
        (replace(e, rule=e.rule + "".join(f"; absorbs:{a}" for a in absorbed.get(n, []))), tokens[n])
        for n, e in enumerate(events)
        if n not in drop
    ]
    return [e for e, _ in kept], [t for _, t in kept]


# Determiners that make an event noun point back at an event already told ("the talks", "this
# agreement", "their meeting").
ANAPHORIC_DETERMINERS = {"the", "this", "that", "these", "those", "its", "their", "our", "his", "her"}


def _refers_back(tok: Token, trigger: trig.Trigger, earlier_roots: frozenset[str]) -> bool:
    """An event noun with no actor and a definite determiner, of a root the article has already
    coded ("... signed a trade pact. The agreement ..."): a reference to that event, not a new one."""
    if trigger.pos != "NOUN" or trigger.code[:2] not in earlier_roots:
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETERMINERS for c in tok.children)


# A protest's purpose ("staged demonstrations to demand reforms", "a hunger strike to demand the
# resignation", "rioted ... demanding a referendum"): the protest is the event, the demand what it is for.
PROTEST_ROOT = "14"
PURPOSE_ROOTS = {"10", "02"}
PURPOSE_DEPS = {"advcl", "xcomp", "pcomp", "acl", "relcl"}


def _purpose_below_protest(events: list[Event], tokens: list[Token]) -> list[Event]:
    """Rank a demand or appeal that is the purpose of a protest in the same sentence below the
    protest: its confidence drops under the protest's (rule note "purpose-of-protest")."""
    protests = {tok.i: e for e, tok in zip(events, tokens, strict=True) if e.root_code == PROTEST_ROOT}
    if not protests:
        return events
    out = []
    for e, tok in zip(events, tokens, strict=True):
        if e.root_code in PURPOSE_ROOTS:
            protest = _governing_protest(tok, protests)
            if protest is not None and e.confidence >= protest.confidence:
                e = replace(
                    e,
                    confidence=round(max(0.0, protest.confidence - 0.05), 2),
                    rule=e.rule + "; purpose-of-protest",
                )
        out.append(e)
    return out


def _governing_protest(tok: Token, protests: dict[int, Event]) -> Event | None:
    """The protest event whose trigger governs ``tok`` through a purpose clause (or the verb that
    takes the protest noun as its object: "staged demonstrations to demand")."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in PURPOSE_DEPS and cur.dep_ != "prep" and cur.dep_ != "pobj":
            return None
        cur = cur.head
        if cur.i in protests:
            return protests[cur.i]
        for c in cur.children:
            if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i in protests:
                return protests[c.i]
        if cur.head is cur:
            return None
    return None


# "X said (declared, reiterated) that Y must do Z", "a reminder to Y that it must": a demand by the
# speaker on Y (CAMEO 10), coded by what is demanded where the complement is itself a trigger.
DEONTIC_MODALS = {"must", "should"}
COGNITION_HEADS = {"think", "believe", "feel", "know", "hope", "fear", "expect", "understand", "realize"}
DEMAND_TRIGGER = trig.Trigger(
    id="deontic-complement",
    pattern=("must", "complement"),
    head="must",
    pos="VERB",
    code="100",
    target=(),
    source=(),
    flags=frozenset(),
    modal=None,
    alts=(),
)


def _demands(sent: Span, matches: list[_Match], finder: ArgFinder, quotes: list[Quote]) -> list[_Draft]:
    """Demands stated as an obligation in a complement clause (see DEONTIC_MODALS)."""
    by_tok = {m.tok.i: m for m in matches}
    out: list[_Draft] = []
    for v in sent:
        if v.dep_ not in ("ccomp", "acl") or v.pos_ not in ("VERB", "AUX"):
            continue
        if not any(c.dep_ == "aux" and c.lower_ in DEONTIC_MODALS for c in v.children):
            continue
        head = v.head
        if head.lemma_.lower() in COGNITION_HEADS:
            continue
        if head.pos_ in ("VERB", "AUX"):
            speakers, srule = finder.verb_source(head)
        elif head.pos_ == "NOUN":
            speakers, srule = finder.noun_source(head, ("poss", "compound", "amod", "by"))
        else:
            continue
        targets: list[Arg] = []
        trule = ""
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                targets, trule = finder.with_conjuncts(c), "target:complement-subject"
        if not any(t.code for t in targets):
            # "a reminder to Iraq that it must cooperate": the addressee.
            for p in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "to"):
                for o in (g for g in p.children if g.dep_ == "pobj"):
                    targets, trule = finder.with_conjuncts(o), "target:addressee"
        speakers = [a for a in speakers if a.code]
        targets = [t for t in targets if t.code and all(t.code != s.code for s in speakers)]
        if not speakers or not targets:
            continue
        inner = by_tok.get(v.i)
        code = (request_code("100", inner.trigger.code) if inner else None) or DEMAND_TRIGGER.code
        trigger = replace(DEMAND_TRIGGER, code=code)
        m = _Match(v, trigger, set())
        mod = modality(head, quotes) if head.pos_ in ("VERB", "AUX") else Modality("asserted", "")
        for sp in speakers:
            for tg in targets:
                out.append((m, sp, tg, f"{srule}; {trule}; demand-of-speaker", mod, ""))
    return out


VISIT_ROOT = "04"


def _place_target(draft: _Draft, sent_index: int, doc: Doc, finder: ArgFinder) -> _Draft:
    """A consultation with a source and no target actor ("will attend a summit in Switzerland",
    "visited the Beijing Olympics") is coded towards the country where it takes place, as CAMEO and
    PETRARCH code a visit to a place: the locative place of the sentence or a place modifying the
    trigger's object. Not when the place is the source's own country."""
    m, s, tg, rule, mod, extra = draft
    if tg is not None or s is None or not m.trigger.code.startswith(VISIT_ROOT) or m.trigger.is_("symmetric"):
        return draft
    arg = _event_place(m, {s.country}, sent_index, doc, finder)
    if arg is None:
        return draft
    return (m, s, arg, rule.replace("target:none", "target:place-of-event"), mod, extra)


def _hosted_meetings(drafts: list[_Draft], sent_index: int, doc: Doc, finder: ArgFinder) -> list[_Draft]:
    """ "X and Y will meet in Zurich": besides X<->Y, each party goes to the host country (a third
    country, neither party's), coded as PETRARCH codes a meeting abroad: party -> host country."""
    out: list[_Draft] = []
    by_match: dict[int, list[_Draft]] = {}
    for d in drafts:
        if "symmetric-coordinated" in d[3] and d[0].trigger.code.startswith(VISIT_ROOT):
            by_match.setdefault(d[0].tok.i, []).append(d)
    for group in by_match.values():
        parties = {d[1].code: d[1] for d in group if d[1] is not None}
        place = _event_place(group[0][0], {p.country for p in parties.values()}, sent_index, doc, finder)
        if place is None:
            continue
        m, _s, _t, rule, mod, extra = group[0]
        base = rule.split("; symmetric-coordinated")[0].replace("target:none", "target:place-of-event")
        for p in parties.values():
            out.append((m, p, place, f"{base}; host-country", mod, extra))
    return out


def _event_place(m: _Match, exclude: set[str], sent_index: int, doc: Doc, finder: ArgFinder) -> Arg | None:
    """The country where the trigger's event takes place, when it is none of ``exclude``."""
    toponyms = doc._.places if Doc.has_extension("places") else None
    # Where a locative phrase may hang to say where this event happens: on the trigger, its verb,
    # its object ("attend a summit in Switzerland"), not inside another clause ("a trip aimed at
    # pushing for a ceasefire in Gaza").
    hosts = {m.tok.i, m.tok.head.i, *m.consumed, *(c.i for c in m.tok.children if c.dep_ in ("dobj", "pobj"))}
    for t in toponyms or []:
        if t.sentence != sent_index or not t.place.country or t.place.country in exclude:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        near_object = any(
            w.head.i == m.tok.i or w.head.head.i == m.tok.i or (w.head.i in m.consumed) for w in span
        )
        if m.tok.lemma_.lower() in TOPIC_VERBS and _locative_head(span) != m.tok.i:
            continue  # "discussed the war in Ukraine": the topic's place, not the talks'
        if (_locative(doc, t.start, t.end) and _locative_head(span) in hosts) or near_object:
            return Arg(t.place.country, "", t.text, span.root.i, "place-of-event")
    # Places the places component did not resolve: a capital or country word in the trigger's object
    # ("the Beijing Olympics") or in a locative phrase on it ("a summit in Switzerland").
    near = [c for c in m.tok.children if c.dep_ in ("dobj", "pobj") or c.i in m.consumed]
    if m.tok.lemma_.lower() in TOPIC_VERBS:
        near = []
    for host in [m.tok, *near]:
        for c in host.children:
            words = [c] if c.dep_ == "compound" else []
            if c.dep_ == "prep" and c.lower_ in LOCATIVE:
                words = [g for g in c.children if g.dep_ == "pobj"]
            for w in words:
                arg = finder.actor_of(w, depth=3)
                if arg is not None and len(arg.code) == 3 and arg.code not in exclude:
                    return Arg(arg.code, "", arg.text, w.i, f"place-of-event:{arg.rule}")
    return None


# Consultation verbs whose object is a topic: a place inside the object is the topic's.
TOPIC_VERBS = {"discuss", "debate", "review", "consider", "address", "raise", "talk"}


def _locative_head(span: Span) -> int:
    """The index of the word a place's locative phrase hangs on ("summit" in "a summit in Bern")."""
    tok = _place_word(span)
    return tok.head.head.i if tok.dep_ == "pobj" else -1


def _one_per_dyad(drafts: list[_Draft]) -> list[_Draft]:
    """One event per CAMEO root and dyad in a sentence: "held talks ... to discuss" is one
    consultation, not two. The longest entry stays ("agreed to create a channel": the channel),
    else the first; the text order of the rest is kept."""
    best: dict[tuple[str, str, str], int] = {}
    for n, (m, s, tg, *_rest) in enumerate(drafts):
        if s is None and tg is None:
            continue
        key = (
            recode(m.trigger.code, _rest[1].kind, _rest[1].cue)[0][:2],
            s.code if s else "",
            tg.code if tg else "",
        )
        if key not in best or m.trigger.specificity > drafts[best[key]][0].trigger.specificity:
            best[key] = n
    keep = set(best.values())
    return [d for n, d in enumerate(drafts) if n in keep or (d[1] is None and d[2] is None)]


# CAMEO roots whose events are complete with one actor: a public statement made to no one, a
# protest or strike by a group, a show of force (mobilizing, raising alert). Every other root is an
# act on someone; PETRARCH, with its default ``require_dyad = true``, codes it only when both the
# source and the target are found, so a one-sided event of those roots is a partial record (kept,
# for PLOVER, GDELT-style exports and the store, but not a dyadic event: `dyadic` is False). The
# query layer's `dyadic` filter restates this set.
ONE_SIDED_ROOTS = frozenset({"01", "14", "15"})


def dyadic(event: Event) -> bool:
    """Whether an event is a complete CAMEO event: source and target, or one actor for a root that
    needs no other (ONE_SIDED_ROOTS)."""
    has_source = bool(event.source_actor_id or event.source_code)
    has_target = bool(event.target_actor_id or event.target_code)
    if has_source and has_target:
        return True
    return (has_source or has_target) and event.root_code in ONE_SIDED_ROOTS


# PLOVER codes an announced or possible future act by what it would be: cooperation promised is
# AGREE, force or restriction held out is THREATEN (PLOVER manual, AGREE and THREATEN).
PLOVER_COOPERATIVE_ROOTS = {"04", "05", "06", "07", "08"}
PLOVER_COERCIVE_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}


def plover_type(root: str, plover: str, mod: Modality) -> str:
    """The PLOVER type of an event of this CAMEO root, codebook type and modality (an act asked for
    by someone else is neither promised nor threatened: it keeps its own type)."""
    if mod.kind in ("intended", "hypothetical") and plover and not requested(mod):
        if root in PLOVER_COOPERATIVE_ROOTS:
            return "AGREE"
        if root in PLOVER_COERCIVE_ROOTS:
            return "THREATEN"
    return plover


def events(doc: Doc, coder: Coder | None = None) -> list[Event]:
    """The events of a Doc that went through the actors component (see the module docstring)."""
    coder = coder or _default_coder()
    required(doc, "mentions", "newsgraph_actors")
    finder = ArgFinder(doc, coder.actor_dictionary, coder.agent_dictionary, doc._.published or "")
    quotes = list(doc._.quotes or []) if Doc.has_extension("quotes") else []
    out: list[Event] = []
    roots: frozenset[str] = frozenset()  # roots coded so far: what a definite event noun can refer to
    for i, sent in enumerate(_sentence_of(doc)):
        coded = _code_sentence(sent, i, doc, coder, finder, quotes, roots)
        roots |= {e.root_code for e in coded}
        out.extend(coded)
    return out


_DEFAULT: list[Coder] = []


def _default_coder() -> Coder:
    if not _DEFAULT:
        _DEFAULT.append(Coder(index=default_index()))
    return _DEFAULT[0]
