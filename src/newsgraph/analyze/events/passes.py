"""The coder's passes over a sentence: each does one job, in the order of DRAFT_PASSES (on draft
events, before the codebook) and EVENT_PASSES (on coded events). Every pass is a pure function of
the sentence and what the passes before it produced, and names what it did in the events' rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsgraph.analyze.events.actor_strategies import BORROWED
from newsgraph.analyze.events.args import Arg
from newsgraph.analyze.events.context import LOCATIVE, locative, locative_head
from newsgraph.analyze.events.drafts import Coded, Draft, Sentence
from newsgraph.analyze.events.modality import (
    STOPPING_VERBS,
    Modality,
    cue_lemma,
    modality,
    recode,
    request_code,
    request_governor,
    requested,
)
from newsgraph.analyze.events.speakers import quote_of, quote_speaker
from newsgraph.analyze.events.transforms import speaker_act
from newsgraph.analyze.events.triggers import Match
from newsgraph.knowledge import cameo
from newsgraph.knowledge import event_words as ew
from newsgraph.knowledge import triggers as trig
from newsgraph.records import Event

DEONTIC_MODALS = ew.words("deontic_modals")
COGNITION_HEADS = ew.words("cognition_heads")
TOPIC_VERBS = ew.words("topic_verbs")
PURPOSE_ROOTS = ew.roots_where("protest_purpose")
PROTEST_ROOT = "14"
VISIT_ROOT = "04"
PURPOSE_DEPS = {"advcl", "xcomp", "pcomp", "acl", "relcl"}
TRANSFORM_PREFIX = "transform:"  # the rule of a speaker's own act (transforms.speaker_act)

DraftPass = Callable[[list[Draft], Sentence], list[Draft]]
EventPass = Callable[[list[Coded], Sentence], list[Coded]]


# -- draft passes ------------------------------------------------------------------------------------


def generic_only_alone(drafts: list[Draft], sent: Sentence) -> list[Draft]:
    """Generic entries (say, statement) only where nothing more specific was found in the sentence."""
    if any(not d.trigger.is_("generic") and not requested(d.modality) for d in drafts):
        return [d for d in drafts if not d.trigger.is_("generic")]
    return drafts


def stoppers_stop(drafts: list[Draft], sent: Sentence) -> list[Draft]:
    """A verb that stops an act ("Hungary blocked the EU's aid package", "vetoed the sanctions")
    negates that act (``modality``); it is not an act of its own in another sense of the word
    (a road blockade, 144)."""
    events_at = {m.tok.i for m in sent.matches}
    stopped = set()
    for m in sent.matches:
        if m.tok.lemma_.lower() in STOPPING_VERBS:
            objects = [c for c in m.tok.children if c.dep_ in ("dobj", "nsubjpass")]
            objects += [g for c in objects for g in c.children if g.dep_ == "compound"]
            if any(o.i in events_at for o in objects):
                stopped.add(m.tok.i)
    return [d for d in drafts if d.tok.i not in stopped]


def intent_carried(drafts: list[Draft], sent: Sentence) -> list[Draft]:
    """Drop an unspecific intention ("pledged to", "agreed to": 030) whose act is coded: the act
    carries the intention (its modality is "intended", its code the intent code where CAMEO has
    one), so "Qatar pledged to expel ..." is one event, not a bare pledge beside it, and "they
    agreed a memorandum" is the memorandum (057)."""
    # The act under the intention: its xcomp ("pledged to expel") or its object ("agreed a memorandum").
    governed = {d.tok.head.i for d in drafts if d.tok.dep_ in ("xcomp", "dobj") and d.tok.i != d.tok.head.i}
    return [
        d
        for d in drafts
        if not (d.trigger.modal == "intended" and d.trigger.code == "030" and d.tok.i in governed)
    ]


# "X said (declared, reiterated) that Y must do Z", "a reminder to Y that it must": a demand by the
# speaker on Y (CAMEO 10), coded by what is demanded where the complement is itself a trigger.
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


def demands(drafts: list[Draft], sent: Sentence) -> list[Draft]:
    """Add the demands stated as an obligation in a complement clause (see DEONTIC_MODALS)."""
    return drafts + [d for v in sent.span for d in _demand_at(v, sent)]


def _demand_at(v: Token, sent: Sentence) -> list[Draft]:
    if v.dep_ not in ("ccomp", "acl") or v.pos_ not in ("VERB", "AUX"):
        return []
    if not any(c.dep_ == "aux" and c.lower_ in DEONTIC_MODALS for c in v.children):
        return []
    head = v.head
    if head.lemma_.lower() in COGNITION_HEADS:
        return []
    finder = sent.finder
    if head.pos_ in ("VERB", "AUX"):
        speakers, srule = finder.verb_source(head)
    elif head.pos_ == "NOUN":
        speakers, srule = finder.noun_source(head, ("poss", "compound", "amod", "by"))
    else:
        return []
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
        return []
    inner = next((m for m in sent.matches if m.tok.i == v.i), None)
    code = (request_code("100", inner.trigger.code) if inner else None) or DEMAND_TRIGGER.code
    m = Match(v, replace(DEMAND_TRIGGER, code=code), set())
    mod = modality(head, sent.quotes) if head.pos_ in ("VERB", "AUX") else Modality("asserted", "")
    return [Draft(m, sp, tg, mod, (srule, trule, "demand-of-speaker")) for sp in speakers for tg in targets]


def place_targets(drafts: list[Draft], sent: Sentence) -> list[Draft]:
    """A consultation with a source and no target actor ("will attend a summit in Switzerland",
    "visited the Beijing Olympics") is coded towards the country where it takes place, as CAMEO and
    PETRARCH code a visit to a place: the locative place of the sentence or a place modifying the
    trigger's object. Not when the place is the source's own country."""
    out = []
    for d in drafts:
        s = d.source
        visit = d.trigger.code.startswith(VISIT_ROOT) and not d.trigger.is_("symmetric")
        if d.target is None and s is not None and visit:
            arg = event_place_actor(d.match, {s.country}, sent)
            if arg is not None:
                d = d.with_target(arg, "target:none", "target:place-of-event")
        out.append(d)
    return out


def hosted_meetings(drafts: list[Draft], sent: Sentence) -> list[Draft]:
    """ "X and Y will meet in Zurich": besides X<->Y, each party goes to the host country (a third
    country, neither party's), coded as PETRARCH codes a meeting abroad: party -> host country."""
    out: list[Draft] = []
    by_match: dict[int, list[Draft]] = {}
    for d in drafts:
        if "symmetric-coordinated" in d.rules and d.trigger.code.startswith(VISIT_ROOT):
            by_match.setdefault(d.tok.i, []).append(d)
    for group in by_match.values():
        parties = {d.source.code: d.source for d in group if d.source is not None}
        place = event_place_actor(group[0].match, {p.country for p in parties.values()}, sent)
        if place is None:
            continue
        first = group[0]
        base = first.rules[: first.rules.index("symmetric-coordinated")]
        rules = (*(r.replace("target:none", "target:place-of-event") for r in base), "host-country")
        for p in parties.values():
            out.append(replace(first, source=p, target=place, rules=rules))
    return drafts + out


def own_country_not_the_other_sides(drafts: list[Draft], sent: Sentence) -> list[Draft]:
    """A named person or organisation no table codes took the one country its sentence names
    (``uncoded_mention``); when the other party is that country itself ("Kamau accused Uganda"),
    it is not theirs: the side keeps its words and loses the code (a partial event). A party of that
    country with a sector ("Kamau accused the Kenyan police") leaves it: most such dyads are domestic."""
    out = []
    for d in drafts:
        s, t = d.source, d.target
        if s is not None and t is not None and s.country and s.code == s.country == t.code == t.country:
            if s.rule.endswith(BORROWED) and not t.rule.endswith(BORROWED):
                d = replace(d, source=replace(s, code="", rule=f"{s.rule}(dropped: the target's country)"))
            elif t.rule.endswith(BORROWED) and not s.rule.endswith(BORROWED):
                d = replace(d, target=replace(t, code="", rule=f"{t.rule}(dropped: the source's country)"))
        out.append(d)
    return out


def one_per_dyad(drafts: list[Draft], sent: Sentence) -> list[Draft]:
    """One event per CAMEO root and dyad in a sentence: "held talks ... to discuss" is one
    consultation, not two. The longest entry stays ("agreed to create a channel": the channel),
    else the first; the text order of the rest is kept."""
    best: dict[tuple[str, str, str], int] = {}
    for n, d in enumerate(drafts):
        if d.source is None and d.target is None:
            continue
        key = (
            recode(d.trigger.code, d.modality.kind, d.modality.cue, bool(d.modality.quote_id))[0][:2],
            d.source.code if d.source else "",
            d.target.code if d.target else "",
        )
        if key not in best or d.trigger.specificity > drafts[best[key]].trigger.specificity:
            best[key] = n
    keep = set(best.values())
    return [d for n, d in enumerate(drafts) if n in keep or (d.source is None and d.target is None)]


DRAFT_PASSES: tuple[DraftPass, ...] = (
    generic_only_alone,
    stoppers_stop,
    intent_carried,
    demands,
    place_targets,
    hosted_meetings,
    own_country_not_the_other_sides,
    one_per_dyad,
)


# -- where a meeting takes place -----------------------------------------------------------------------


def event_place_actor(m: Match, exclude: set[str], sent: Sentence) -> Arg | None:
    """The country where the trigger's event takes place, when it is none of ``exclude``."""
    doc, finder = sent.doc, sent.finder
    # Where a locative phrase may hang to say where this event happens: on the trigger, its verb,
    # its object ("attend a summit in Switzerland"), not inside another clause ("a trip aimed at
    # pushing for a ceasefire in Gaza").
    hosts = {m.tok.i, m.tok.head.i, *m.consumed, *(c.i for c in m.tok.children if c.dep_ in ("dobj", "pobj"))}
    topic = m.tok.lemma_.lower() in TOPIC_VERBS
    toponyms = doc._.places if Doc.has_extension("places") else None
    for t in toponyms or []:
        if t.sentence != sent.index or not t.place.country or t.place.country in exclude:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        near_object = any(
            w.head.i == m.tok.i or w.head.head.i == m.tok.i or (w.head.i in m.consumed) for w in span
        )
        if topic and locative_head(span) != m.tok.i:
            continue  # "discussed the war in Ukraine": the topic's place, not the talks'
        if (locative(doc, t.start, t.end) and locative_head(span) in hosts) or near_object:
            return Arg(t.place.country, "", t.text, span.root.i, "place-of-event")
    # Places the places component did not resolve: a capital or country word in the trigger's object
    # ("the Beijing Olympics") or in a locative phrase on it ("a summit in Switzerland").
    near = [] if topic else [c for c in m.tok.children if c.dep_ in ("dobj", "pobj") or c.i in m.consumed]
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


# -- event passes ------------------------------------------------------------------------------------


def specific_requests(coded: list[Coded], sent: Sentence) -> list[Coded]:
    """An unspecific appeal or demand (020, 100) whose content is a coded act takes the specific
    code for that act ("urged Israel to withdraw its troops": 0256; rule ``request-for:CODE``)."""
    out = []
    for c in coded:
        e = c.event
        if e.cameo_code in ("020", "100"):
            for act in coded:
                governor = request_governor(act.tok)
                if act.tok.i == c.tok.i or governor is None or governor.i != c.tok.i:
                    continue
                code = request_code(e.cameo_code, act.event.cameo_code)
                if code is not None:
                    fields = cameo.event_fields(code)
                    rule = f"{e.rule}; request-for:{act.event.cameo_code}"
                    e = replace(e, **fields, rule=rule)  # type: ignore[arg-type]
                    break
        out.append(Coded(e, c.tok))
    return out


def absorb_partials(coded: list[Coded], sent: Sentence) -> list[Coded]:
    """Drop a one-sided event that a complete one of the same root and the same actor on that side
    already records: in "issued arrest warrants for two men" the arrest (court -> nobody) is the
    warrant's act (court -> the men); "met ... to discuss" discusses at the meeting. The complete
    event's rule names the trigger it absorbed ("absorbs:ENTRY")."""
    events = [c.event for c in coded]
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
                absorbed.setdefault(k, []).append(_trigger_entry(e))
                break
    if not drop:
        return coded
    out = []
    for n, c in enumerate(coded):
        if n not in drop:
            notes = "".join(f"; absorbs:{a}" for a in absorbed.get(n, []))
            out.append(Coded(replace(c.event, rule=c.event.rule + notes), c.tok))
    return out


def purpose_below_protest(coded: list[Coded], sent: Sentence) -> list[Coded]:
    """Rank a demand or appeal that is the purpose of a protest in the same sentence ("staged
    demonstrations to demand reforms") below the protest: its confidence drops under the protest's
    where it is not already (rule note "purpose-of-protest" either way)."""
    protests = {c.tok.i: c.event for c in coded if c.event.root_code == PROTEST_ROOT}
    if not protests:
        return coded
    out = []
    for c in coded:
        e = c.event
        if e.root_code in PURPOSE_ROOTS:
            protest = _governing_protest(c.tok, protests)
            if protest is not None:
                below = min(e.confidence, round(max(0.0, protest.confidence - 0.05), 2))
                e = replace(e, confidence=below, rule=e.rule + "; purpose-of-protest")
        out.append(Coded(e, c.tok))
    return out


def _governing_protest(tok: Token, protests: dict[int, object]):
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
        if cur.head.i == cur.i:
            return None
    return None


def speaker_acts(coded: list[Coded], sent: Sentence) -> list[Coded]:
    """Add the speakers' own acts for the reported acts of violence (``transforms``)."""
    out: list[Coded] = []
    article = sent.doc._.article_id or ""
    # Ids continue after the sentence's highest (absorbed partials leave gaps in the numbering).
    first = 1 + max((int(c.event.id.rsplit(":", 1)[1]) for c in coded), default=-1)
    for c in coded:
        quoted = quote_of(c.tok, sent.quotes)
        if quoted is None:
            continue
        speaker = quote_speaker(quoted, sent.quotes, sent.finder)
        event_id = f"{article}:{sent.index}:{first + len(out)}"
        act = speaker_act(c.event, speaker, cue_lemma(c.tok, quoted.cue), event_id)
        if act is not None and all(
            (x.event.root_code, x.event.source_code, x.event.target_code)
            != (act.root_code, act.source_code, act.target_code)
            for x in coded + out
        ):
            out.append(Coded(act, c.tok))
    return coded + out


def one_act_per_dyad(coded: list[Coded], sent: Sentence) -> list[Coded]:
    """One relation told once: where an act of one source on one target lies in the clause of
    another act between the same two ("warned Russia that it would impose sanctions on Russia":
    a warning, and sanctions intended), the more confident stands for both (text order breaks a
    tie), and its rule names the other ("outranks:ENTRY(CODE)"). Coordinated acts are each
    reported ("condemned Israel and threatened to attack it": both stay), and so are one-sided
    events, a speaker's own act (``speaker_acts``: "the US said they had attacked Iraq" claims
    responsibility) and the act it is derived from."""
    derived = {
        part.removeprefix("from:")
        for c in coded
        if c.event.rule.startswith(TRANSFORM_PREFIX)
        for part in c.event.rule.split("; ")
        if part.startswith("from:")
    }
    competing = [n for n, c in enumerate(coded) if _competes(c.event, derived)]

    def rank(n: int) -> tuple[float, int]:
        return coded[n].event.confidence, -n

    def dyad(n: int) -> tuple[str, str]:
        return coded[n].event.source_code, coded[n].event.target_code

    # Each event -> the more confident one of its dyad whose clause it shares (nested either way).
    told_by: dict[int, int] = {}
    for n in competing:
        rivals = [
            k
            for k in competing
            if dyad(k) == dyad(n)
            and rank(k) > rank(n)
            and (_below(coded[k].tok, coded[n].tok) or _below(coded[n].tok, coded[k].tok))
        ]
        if rivals:
            told_by[n] = max(rivals, key=rank)
    if not told_by:
        return coded
    notes: dict[int, str] = {}
    for n in told_by:
        stands = n
        while stands in told_by:  # ranks rise along the way: no cycle
            stands = told_by[stands]
        notes[stands] = (
            notes.get(stands, "")
            + f"; outranks:{_trigger_entry(coded[n].event)}({coded[n].event.cameo_code})"
        )
    return [
        Coded(replace(c.event, rule=c.event.rule + notes[n]), c.tok) if n in notes else c
        for n, c in enumerate(coded)
        if n not in told_by
    ]


def _trigger_entry(e: Event) -> str:
    """The lexicon entry (or the transform) an event's rule starts with: "criticise.v"."""
    return e.rule.split(";")[0].removeprefix("trigger:")


def _competes(e: Event, derived: set[str]) -> bool:
    """A complete event that is no speaker's act and that no speaker's act is derived from."""
    return (
        bool(e.source_code and e.target_code)
        and not e.rule.startswith(TRANSFORM_PREFIX)
        and e.id not in derived
    )


def _below(top: Token, tok: Token) -> bool:
    """Whether ``tok`` lies in ``top``'s clause, reached without a coordination ("and")."""
    cur = tok
    while cur.head.i != cur.i and cur.dep_ != "conj":
        cur = cur.head
        if cur.i == top.i:
            return True
    return False


EVENT_PASSES: tuple[EventPass, ...] = (
    specific_requests,
    absorb_partials,
    purpose_below_protest,
    speaker_acts,
    one_act_per_dyad,
)


def run(passes: tuple[Callable, ...], items: list, sent: Sentence) -> list:
    """Apply the passes in order."""
    for step in passes:
        items = step(items, sent)
    return items
