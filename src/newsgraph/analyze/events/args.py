"""Event arguments: the source and target actors of a trigger, read off the dependency parse.

Who an argument is comes from the actors component (``doc._.mentions`` / ``doc._.actors``): a
token inside a mention is that mention's actor. Where the argument word itself is not a mention,
we look at its modifiers ("Russian police", "the US president's visit"), its "of"/"from" phrase
("experts from Russia", "opponents of Rwanda's Senate") and its apposition, in that order. A user's
PETRARCH actor and agent dictionaries, when given, code phrases our actors do not cover.

Where an argument is found (each step is named in the argument's rule):
- verbs: the subject (``nsubj``), the passive agent ("was demolished by X": ``agent``), a subject
  inherited down ``xcomp``/``conj`` chains ("agreed to create": the subject of "agreed");
  the passive subject stands for the object; a present participle on a noun is done by what the
  noun names ("soldiers firing on"), on a text (``document_nouns``) by its author ("issued a
  statement condemning X": the issuer);
- nouns: possessive, compound and adjective modifiers ("Russia's", "US sanctions", "Russian
  proposals"), "by X", else the subject of the verb that governs the noun ("announced new sanctions");
- targets: the trigger entry's list, in order: ``dobj``/``iobj`` or a preposition word, looked for on
  the trigger, on its object and on the trigger's xcomp;
- coordination: every conjunct of an argument is an argument ("Russia, Turkey and Iran").
- pronouns: he/she/his/her is the nearest person named before in the last two sentences;
  they/them/their is the subject of the previous sentence (``pronoun:...`` rules).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.analyze.events.actor_strategies import (
    ACTOR_STRATEGIES,
    MAX_DEPTH,
    PHRASE_STRATEGIES,
    Lookup,
    clause_of,
    generic_agent_of,
    prep_objects,
)
from newsgraph.analyze.events.modality import STOPPING_VERBS, accuser, for_clause, reversal_verb
from newsgraph.analyze.events.naming import small_clause
from newsgraph.knowledge import event_words as ew
from newsgraph.knowledge.capitals import capital
from newsgraph.knowledge.offices import holder_on, offices
from newsgraph.knowledge.people import is_country_code
from newsgraph.knowledge.petrarch import ActorDictionary, AgentDictionary
from newsgraph.records import Actor, Mention

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
OBJECT_DEPS = {"dobj": ("dobj", "obj"), "iobj": ("dative", "iobj"), "poss": ("poss",)}
NOUN_SOURCE_DEPS = ("poss", "compound", "amod", "nmod")
# Word lists: knowledge/data/event_words.tsv, event_sectors.tsv, crowd_words.tsv (see their headers).
PERSON_PRONOUNS = ew.pronouns("person")
GROUP_PRONOUNS = ew.pronouns("group")
THING_PRONOUNS = ew.pronouns("thing")
OBJECT_PREPOSITIONS = ew.ordered("object_prepositions")
CIRCUMSTANCE_PREPOSITIONS = ew.words("circumstance_prepositions")
GERUND_ADJUNCT_PREPOSITIONS = ew.words("gerund_adjunct_prepositions")
OBJECT_CONTROL_VERBS = ew.words("object_control_verbs")
RELATIVE_PRONOUNS = ew.words("relative_pronouns")
NON_AGENT_VERBS = ew.words("non_agent_verbs") | STOPPING_VERBS
SUPPORT_VERBS = ew.words("support_verbs")
DOCUMENT_NOUNS = ew.words("document_nouns")
# Light verbs whose object noun carries the event and whose subject is its source ("held talks").
MAX_CHAIN = 6


@dataclass(frozen=True)
class Arg:
    """One actor filling a role: its code (RUSGOV, USA, IGOUNO, or a user code) and provenance."""

    code: str
    actor_id: str
    text: str
    token: int  # index of the argument token in the Doc
    rule: str
    start: int = -1  # character span of the words naming it, where no token does (a quote's speaker)
    end: int = -1

    @property
    def country(self) -> str:
        """The country part of the code (first three letters), "" for codes without one."""
        return self.code[:3] if len(self.code) >= 3 else ""


def actor_code(actor: Actor) -> str:
    """The CAMEO-style code an event uses for an actor: its own code, else country + sector."""
    if actor.code:
        return actor.code
    if actor.country:
        return actor.country + actor.sector
    return ""


class ArgFinder:
    """Resolves argument tokens of one Doc to actors; build once per Doc."""

    def __init__(
        self,
        doc: Doc,
        actor_dictionary: ActorDictionary | None = None,
        agent_dictionary: AgentDictionary | None = None,
        date: str = "",
    ) -> None:
        self.doc = doc
        self.actor_dictionary = actor_dictionary
        self.agent_dictionary = agent_dictionary
        self.date = date
        actors = {a.id: a for a in (doc._.actors or [])}
        self.actors = actors
        self.mention_at: dict[int, Mention] = {}  # token index -> mention covering it
        # "the two presidents": one title mention per holder, all on the same span.
        self.also_at: dict[int, list[Mention]] = {}
        mentions: list[Mention] = list(doc._.mentions or [])
        self.mention_starts = frozenset(m.start for m in mentions)
        self.place_at: dict[int, tuple[str, str]] = {}  # token index -> (country, text) of a place
        self.toponyms = list(doc._.places or []) if Doc.has_extension("places") else []
        self._countries_by_sentence: dict[int, frozenset[str]] = {}
        self._article: tuple[str, str] | None = None
        self._doc_counts: Counter[str] | None = None  # country mentions of the whole document
        for t in self.toponyms:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None and t.place.kind != "continent":
                for tok in span:
                    self.place_at.setdefault(tok.i, (t.place.country or "", t.text))
        for m in sorted(mentions, key=lambda m: m.end - m.start):  # shortest first: the most precise wins
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                first = self.mention_at.setdefault(tok.i, m)
                if first is not m and (first.start, first.end) == (m.start, m.end):
                    self.also_at.setdefault(tok.i, []).append(m)

    # -- one token ------------------------------------------------------------------------------

    def span_of(self, arg: Arg | None) -> tuple[int, int]:
        """Character span of the words that name an argument: its own span, else the mention covering
        its token, else the noun phrase its token heads; (-1, -1) for none (a place's country)."""
        if arg is None:
            return -1, -1
        if arg.start >= 0:
            return arg.start, arg.end
        if arg.token < 0 or arg.rule.startswith("place-of-event"):
            return -1, -1
        m = self.mention_at.get(arg.token)
        if m is not None:
            return m.start, m.end
        tok = self.doc[arg.token]
        lefts = [t for t in tok.lefts if t.dep_ not in ("punct", "cc", "prep")]
        start = min(lefts, key=lambda t: t.i).left_edge.idx if lefts else tok.idx
        return start, tok.idx + len(tok)

    def actor_of(self, tok: Token, depth: int = 0) -> Arg | None:
        """The actor an argument token stands for (``actor_strategies``), else None."""
        lookup = Lookup(self, tok, depth, self.mention_at.get(tok.i))
        strategies = ACTOR_STRATEGIES + (PHRASE_STRATEGIES if depth <= MAX_DEPTH else ())
        for strategy in strategies:
            found = strategy(lookup)
            if found is not None:
                return found
        return None

    def names_agent(self, arg: Arg) -> bool:
        """Whether the argument's head word names an actor (a body, a role, a group of people)."""
        return arg.token >= 0 and generic_agent_of(self.doc[arg.token]) is not None

    def context_country(self, tok: Token) -> tuple[str, str]:
        """(country, how) an unnamed actor in the token's sentence belongs to when its own phrase
        says nothing: the one country its clause's locative names ("arrested in Lagos"), else the
        one country the sentence names; a sentence naming none: the dateline's, else the article's
        main country (at least half of its country mentions); naming several: the dateline's or
        the other sentences' main country when it is one of them; ("", "") when it stays open."""
        clause = clause_of(tok)
        for host in (tok, clause) if clause is not None else (tok,):
            for pobj in prep_objects(host, "in"):
                place = self.place_at.get(pobj.i)
                if place is not None and place[0]:
                    return place[0], f"clause-in({place[1]})"
        sentence = self._sentence_countries(tok.sent.start)
        if len(sentence) == 1:
            return next(iter(sentence)), "sentence"
        if not sentence:
            return self._article_country()
        return self._others_country(tok.sent, sentence)

    def _others_country(self, sent: Span, named: frozenset[str]) -> tuple[str, str]:
        """Of several countries a sentence names, the one the article's other sentences are about
        (at least half of their country mentions, at least two), or the dateline's: "Rebels accuse
        Patasse of arming fighters from Sudan and Chad" in a story about Bangui. One sentence alone
        decides nothing."""
        article = self._article_country()
        if article[1] == "dateline":
            return (article[0], "sentence+dateline") if article[0] in named else ("", "")
        counts = self._country_counts() - Counter(
            c for i in range(sent.start, sent.end) for c in self._countries_at(i)
        )
        if not counts:
            return "", ""
        (top, n), total = counts.most_common(1)[0], sum(counts.values())
        if top in named and n >= 2 and n * 2 >= total:
            return top, "sentence+article"
        return "", ""

    def _sentence_countries(self, start: int) -> frozenset[str]:
        if start not in self._countries_by_sentence:
            sent = self.doc[start].sent
            found = {c for i in range(sent.start, sent.end) for c in self._countries_at(i)}
            self._countries_by_sentence[start] = frozenset(found)
        return self._countries_by_sentence[start]

    def _countries_at(self, i: int) -> set[str]:
        out: set[str] = set()
        m = self.mention_at.get(i)
        actor = self.actors.get(m.actor_id) if m is not None else None
        if actor is not None and actor.country:
            out.add(actor.country)
        place = self.place_at.get(i)
        if place is not None and place[0]:
            out.add(place[0])
        return out

    def _country_counts(self) -> Counter[str]:
        """Country mentions of the whole document (actors with a country and places), counted once."""
        if self._doc_counts is None:
            self._doc_counts = Counter(c for i in range(len(self.doc)) for c in self._countries_at(i))
        return self._doc_counts

    def _article_country(self) -> tuple[str, str]:
        if self._article is None:
            self._article = ("", "")
            dateline = [t for t in self.toponyms if "dateline" in (t.rule or "") and t.place.country]
            if dateline:
                self._article = (dateline[0].place.country, "dateline")
            else:
                counts = self._country_counts()
                if counts:
                    (top, n), total = counts.most_common(1)[0], sum(counts.values())
                    if n * 2 >= total:
                        self._article = (top, "article")
        return self._article

    def capital(self, tok: Token) -> Arg | None:
        """A capital or seat of government standing for its country ("Moscow said", "talks in
        Beijing", "the Beijing Olympics"); multi-word names by their compound words."""
        if tok.pos_ != "PROPN":
            return None
        start = tok.i
        while (
            start > 0
            and self.doc[start - 1].dep_ == "compound"
            and self.doc[start - 1].head.i in range(start, tok.i + 1)
        ):
            start -= 1
        for i in range(start, tok.i + 1):
            found = capital(self.doc[i : tok.i + 1].text)
            if found is not None:
                return Arg(found.code, "", found.name, tok.i, f"capital:{found.name}")
        return None

    def code(self, actor: Actor) -> tuple[str, str] | None:
        """(code, rule) of an actor: the registry's own code ("mention"), which for a person the
        text gives no country for the actors component has already read off the dated office table
        (``table:office:...`` in the actor's rule). Only a person it left uncoded is looked up here."""
        if actor_code(actor):
            return actor_code(actor), "mention"
        return self._office_code(actor) if actor.kind == "person" else None

    def _office_code(self, actor: Actor) -> tuple[str, str] | None:
        """The fallback for a person the registry left uncoded, with the looser ``holder_on``: a
        surname common in the news without its country named ("Johnson"), namesakes who share a
        country (Fidel and Raul Castro on the handover day), a full name dated before its first
        office. Rare: on the dev gold set it codes no argument."""
        found = holder_on(actor.name, self.date, tuple(actor.roles))
        if found is None:
            return None
        office, how = found
        code = office.code or office.country + office.sector
        day = self.date[:10]
        if day and office.country and not office.held_on(day):
            # Outside the term: PETRARCH's default for a former official, country + ELI; before
            # the person's first known office only the country (as the actors component does).
            firsts = [o.start for o in offices(office.name)]
            code = office.country + ("ELI" if min(firsts, default=day) <= day else "")
            how = "default" if code.endswith("ELI") else "country"
        return (code, f"office-{how}:{office.name}={office.role}") if code else None

    def user_code(self, tok: Token) -> Arg | None:
        """A PETRARCH dictionary code for the noun phrase ending at the token (longest phrase first)."""
        if self.actor_dictionary is None:
            return None
        left = tok.left_edge.i
        # Only the words up to the token: "Gondor's main opposition group" -> try longest first.
        for start in range(left, tok.i + 1):
            words = self.doc[start : tok.i + 1]
            if words[0].lower_ in ("the", "a", "an"):
                continue
            found = self.actor_dictionary.code(words.text, self.date)
            if found:
                code, rule = found
                return Arg(code, "", words.text, tok.i, f"user-actor:{rule}")
        # "Gondor's main opposition group": a coded owner plus an agent word.
        if self.agent_dictionary is not None:
            agent = self.agent_dictionary.lookup(tok.text) or self.agent_dictionary.lookup(tok.lemma_)
            if agent is not None:
                for child in tok.lefts:
                    owner = self.actor_dictionary.code(child.text, self.date)
                    if owner is None and child.dep_ in ("poss", "compound", "amod"):
                        owner = self.actor_dictionary.code(self.doc[child.left_edge.i : child.i + 1].text)
                    if owner:
                        code = owner[0] + agent.code if agent.position == "suffix" else agent.code + owner[0]
                        return Arg(code, "", tok.text, tok.i, f"user-agent:{agent.source}+{owner[1]}")
        return None

    def pronoun(self, tok: Token) -> Arg | None:
        sent = tok.sent
        if tok.lower_ in PERSON_PRONOUNS:
            lower = self.doc[max(0, sent.start - 1)].sent.start if sent.start > 0 else sent.start
            for i in range(tok.i - 1, lower - 1, -1):
                m = self.mention_at.get(i)
                if m is None:
                    continue
                actor = self.actors.get(m.actor_id)
                if actor is not None and actor.kind == "person":
                    code = (self.code(actor) or ("", ""))[0]
                    if code:
                        # Named in the same sentence: the name is the argument's words ("Trump said
                        # he would call on ..."); named before it, the pronoun is.
                        start, end = (m.start, m.end) if m.start >= sent.start_char else (-1, -1)
                        return Arg(code, actor.id, m.text, tok.i, "pronoun:last-person", start, end)
            return None
        found = self._group_pronoun(tok)
        return found[0] if found else None

    def with_conjuncts(self, tok: Token, allow_pronoun: bool = True) -> list[Arg]:
        """The token's actor and its conjuncts' ("Russia, Turkey and Iran"), in text order, unique."""
        out: list[Arg] = []
        for t in sorted([tok, *self._conjuncts(tok)], key=lambda t: t.i):
            if t.lower_ in RELATIVE_PRONOUNS:
                continue
            if t.lower_ in GROUP_PRONOUNS | THING_PRONOUNS:
                found = self._group_pronoun(t) if allow_pronoun else []
            else:
                arg = self.actor_of(t) if allow_pronoun or t.lower_ not in PERSON_PRONOUNS else None
                found = [arg] if arg is not None else []
                if arg is not None and arg.rule == "mention":
                    for m in self.also_at.get(t.i, []):
                        actor = self.actors.get(m.actor_id)
                        if actor is not None:
                            found.append(
                                Arg(actor_code(actor), actor.id, m.text, t.i, "mention:shared-title")
                            )
            if len(found) == 1:
                found += self._of_conjuncts(t, found[0])
            for arg in found:
                if all(a.code != arg.code or a.actor_id != arg.actor_id for a in out):
                    out.append(
                        arg if t is tok else Arg(arg.code, arg.actor_id, arg.text, t.i, f"conj>{arg.rule}")
                    )
        return out

    def _of_conjuncts(self, tok: Token, arg: Arg) -> list[Arg]:
        """ "the foreign ministers of Japan and South Korea": an actor found through its "of"/"from"
        phrase is one per country named there, each with the role's sector."""
        out: list[Arg] = []
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from")):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                base = self.actor_of(pobj, 1)
                if base is None or not base.code or not arg.code.startswith(base.code):
                    continue
                suffix = arg.code[len(base.code) :]
                for conj in pobj.conjuncts:
                    other = self.actor_of(conj, 1)
                    if other is not None and other.code:
                        code = other.code + suffix if len(other.code) == 3 else other.code
                        # With a role's sector the actor is the role's holders, not the country.
                        actor = other.actor_id if code == other.code else ""
                        out.append(Arg(code, actor, other.text, tok.i, f"of-conj>{other.rule}"))
        return out

    def _conjuncts(self, tok: Token) -> list[Token]:
        """The token's conjuncts, and those of the other words of its mention: the parser may hang
        "and Vladimir Putin" on "Obama" while the subject is "Barack"."""
        found = {t.i: t for t in tok.conjuncts}
        m = self.mention_at.get(tok.i)
        if m is not None:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            for word in span if span is not None else ():
                for c in word.conjuncts:
                    if c.i < span.start or c.i >= span.end:
                        found.setdefault(c.i, c)
        found.pop(tok.i, None)
        return list(found.values())

    def _reporting_subject(self, tok: Token) -> list[Arg]:
        """ "Police said they arrested", "Russia said it would": a pronoun in a clause that a verb
        reports stands for that verb's subject (when the subject is not a pronoun itself)."""
        verb = tok.head
        for _ in range(4):
            if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
                verb = verb.head
            else:
                break
        if verb.dep_ != "ccomp" or verb.head.i == verb.i:
            return []
        for c in verb.head.children:
            # The subject comes first ("They agreed ..., Lavrov said" is not Lavrov) and can be what
            # the pronoun stands for: not one person for "they" or "it".
            if c.dep_ in SUBJECT_DEPS and c.pos_ != "PRON" and c.i < tok.i and not self._one_person(c):
                args = self.with_conjuncts(c, allow_pronoun=False)
                # Its span is the antecedent's: the words in the sentence that name the actor.
                return [
                    Arg(a.code, a.actor_id, a.text, tok.i, "pronoun:reporting-subject", *self.span_of(a))
                    for a in args
                ]
        return []

    def _one_person(self, tok: Token) -> bool:
        """A subject naming one person (not coordinated): not what "they" or "it" stands for."""
        m = self.mention_at.get(tok.i)
        actor = self.actors.get(m.actor_id) if m is not None else None
        return actor is not None and actor.kind == "person" and not list(tok.conjuncts)

    def _group_pronoun(self, tok: Token) -> list[Arg]:
        """they/them/their (and it/its): the subject of the verb that reports their clause; else
        (they/them/their only) the subject actors of the previous sentence."""
        reporting = self._reporting_subject(tok)
        if reporting or tok.lower_ in THING_PRONOUNS:
            return reporting
        sent = tok.sent
        if sent.start == 0:
            return []
        previous = self.doc[sent.start - 1].sent
        for t in previous:
            if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT":
                args = self.with_conjuncts(t, allow_pronoun=False)
                return [Arg(a.code, a.actor_id, a.text, tok.i, "pronoun:previous-subject") for a in args]
        return []

    # -- roles ----------------------------------------------------------------------------------

    def verb_source(self, verb: Token) -> tuple[list[Arg], str]:
        """Source actors of a verb trigger and the rule that found them."""
        passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)
        if passive:
            for c in verb.children:
                if c.dep_ == "agent":
                    for pobj in c.children:
                        if pobj.dep_ == "pobj":
                            args = self.with_conjuncts(pobj) or self.unresolved(pobj)
                            if args:
                                return args, "source:agent"
        accused = self._accused(verb)
        if accused:
            return accused, "source:accused"
        tok = verb
        came_by, came_from = "", verb.i
        for step in range(MAX_CHAIN):
            if step > 0 and came_by == "xcomp" and tok.lemma_ in OBJECT_CONTROL_VERBS:
                # "Congress is asking Obama to help Iran", "urged Israel to withdraw": the object of
                # the control verb is who would act, not its subject.
                addressees = [c for c in tok.children if c.dep_ == "dobj" and c.i < came_from]
                addressees += [o for o in prep_objects(tok, "on") if o.i < came_from]  # "called on X to"
                for c in addressees:
                    args = self.with_conjuncts(c)
                    if args:
                        return args, f"source:{'dobj' if c.dep_ == 'dobj' else 'on'}-of-{tok.lemma_}"
            for c in tok.children:
                if c.dep_ in SUBJECT_DEPS and c.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                    return self.with_conjuncts(tok.head), "source:relcl-head"
                if c.dep_ in SUBJECT_DEPS:
                    args = self.with_conjuncts(c) or self.unresolved(c)
                    return args, "source:nsubj" if step == 0 else f"source:nsubj-of-{tok.lemma_}"
            if step > 0 and came_by == "xcomp":
                for c in tok.children:
                    # "Obama is scheduled to attend": the raised passive subject attends.
                    if c.dep_ in PASSIVE_SUBJECT_DEPS:
                        args = self.with_conjuncts(c)
                        if args:
                            return args, f"source:nsubjpass-of-{tok.lemma_}"
            # No subject here: inherit it up an xcomp / conj / participle chain.
            came_by, came_from = tok.dep_, tok.i
            if tok.dep_ in ("xcomp", "conj", "advcl") and tok.head.i != tok.i:
                # Not up a ccomp: in "X said eight people were killed" X is not the killer.
                tok = tok.head
                if tok.pos_ in ("ADJ", "ADV", "ADP") and tok.dep_ in ("acomp", "advmod", "prep", "xcomp"):
                    tok = tok.head  # "is about to restore", "is willing to withdraw"
                if tok.pos_ not in ("VERB", "AUX"):
                    break
            elif tok.dep_ == "relcl":
                args = self.with_conjuncts(tok.head)
                return args, "source:relcl-head"
            elif _gerund_adjunct(tok):
                # "Obama said after meeting Putin": the gerund's unexpressed subject is the clause's.
                tok = tok.head.head
            elif tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
                return self._participle_source(tok)
            else:
                break
        return [], ""

    def _participle_source(self, verb: Token) -> tuple[list[Arg], str]:
        """A present participle modifying a noun is done by what the noun names: "soldiers firing on
        protesters"; a text ("a statement condemning the strikes") by its author: the noun's
        possessor or by-agent, else the subject of the verb it is the object of ("the ministry
        issued a statement condemning ...")."""
        noun = verb.head
        if noun.lemma_.lower() not in DOCUMENT_NOUNS:
            args = self.with_conjuncts(noun, allow_pronoun=False)
            return (args, "source:participle-head") if args else ([], "")
        for c in noun.lefts:
            if c.dep_ in ("poss", "compound", "amod") and c.pos_ != "PRON":
                args = self.with_conjuncts(c)
                if args:
                    return args, f"source:author-{c.dep_}"
        for pobj in prep_objects(noun, "by"):
            args = self.with_conjuncts(pobj)
            if args:
                return args, "source:author-by"
        if noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
            args, rule = self.verb_source(noun.head)
            if args:
                return args, f"source:author-of-{noun.head.lemma_}>{rule}"
        return [], ""

    def asked(self, verb: Token) -> tuple[list[Arg], str]:
        """Whom a request asks to act where it names no addressee: the possessor of the act it
        calls for ("called for Beijing's cooperation", "called for Israel's withdrawal"), the
        subject of "for X to V" ("called for the EPA chief to resign")."""
        for pobj in prep_objects(verb, "for"):
            for c in pobj.children:
                if c.dep_ == "poss":
                    args = self.with_conjuncts(c)
                    if args:
                        return args, "target:asked(possessor)"
        for clause in verb.children:
            if clause.dep_ in ("advcl", "ccomp") and for_clause(clause):
                for c in clause.children:
                    if c.dep_ == "nsubj":
                        args = self.with_conjuncts(c)
                        if args:
                            return args, "target:asked(subject)"
        return [], ""

    def unresolved(self, tok: Token) -> list[Arg]:
        """A named or described party no table codes ("the ELN", "The finance minister", a name the
        model missed): kept with its words and no code, so the event says who acted (a partial
        event until someone codes them). Not a pronoun, a number or a bare place word."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ in GROUP_PRONOUNS | THING_PRONOUNS:
            return []
        if tok.i in self.place_at or tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"):
            return []
        return [Arg("", "", tok.text, tok.i, "unresolved-phrase")]

    def unresolved_object(self, verb: Token, consumed: set[int]) -> list[Arg]:
        """The direct object of a verb trigger that names a party no table codes: a proper name or a
        generic agent word ("attacked the ELN", "arrested the finance minister"), never a thing."""
        for c in verb.children:
            party = c.pos_ == "PROPN" or (c.pos_ == "NOUN" and generic_agent_of(c) is not None)
            if c.dep_ == "dobj" and c.i not in consumed and party:
                return self.unresolved(c)
        return []

    def _accused(self, verb: Token) -> list[Arg]:
        """ "accused Russia of shelling", "blamed Israel for the strike": the act's source is the
        accused (the object of the accusing verb), not its subject nor the speaker."""
        accusing = accuser(verb)
        if accusing is None:
            return []
        for c in accusing.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                return self.with_conjuncts(c)
        return []

    def noun_source(self, noun: Token, allowed: tuple[str, ...]) -> tuple[list[Arg], str]:
        """Source actors of a noun trigger: its modifiers, "by X", else the governing verb's subject."""
        for c in noun.lefts:
            if c.dep_ == "poss" and c.pos_ == "PRON":
                continue  # "their meeting": the clause's subject says who (below), else the pronoun
            if c.dep_ in allowed and c.dep_ in NOUN_SOURCE_DEPS:
                args = self.with_conjuncts(c)
                if args:
                    return args, f"source:{c.dep_}"
        accused = self._accused(noun)
        if accused:
            return accused, "source:accused"
        if "by" in allowed:
            for pobj in prep_objects(noun, "by"):
                args = self.with_conjuncts(pobj)
                if args:
                    return args, "source:by"
        # "announced new sanctions", "pledged to ensure the implementation of the ceasefire".
        tok = noun
        nouns_between = 0
        for _ in range(MAX_CHAIN):
            if tok.dep_ == "prep" and tok.lower_ in CIRCUMSTANCE_PREPOSITIONS:
                break  # "advised against travel after the shooting": the shooting is not the advisers'
            if tok.dep_ in ("dobj", "pobj", "prep", "attr", "nsubjpass", "appos", "compound", "conj"):
                tok = tok.head
                # Up through one noun at most ("the implementation of the ceasefire"); deeper, as in
                # "one of the conditions of an agreement", the verb is not about the trigger's act.
                nouns_between += tok.pos_ in ("NOUN", "PROPN", "NUM", "PRON") and tok.dep_ != "conj"
                if nouns_between > 1:
                    break
                if tok.pos_ in ("VERB", "AUX"):
                    if tok.lemma_.lower() in NON_AGENT_VERBS:
                        # "condemned the attack": the condemner did not attack; the rule says so,
                        # so that no one (not a quote's speaker either) is made its source.
                        return [], f"source:evaluated-by({tok.lemma_})"
                    # "lifted the boycott": who takes an act back is who had done it (as a support verb).
                    reversing = reversal_verb(noun)
                    taken_back = reversing is not None and reversing.i == tok.i
                    supports = tok.lemma_.lower() in SUPPORT_VERBS or taken_back
                    if not supports:
                        # "broadened their trade agreement": the noun names an event the clause is
                        # about, not one its subject carries out (as "held talks", "imposed sanctions").
                        return [], f"source:referenced-by({tok.lemma_})"
                    args, rule = self.verb_source(tok)
                    if args:
                        return args, f"source:governing-verb({tok.lemma_})>{rule}"
                    break
            else:
                break
        for c in noun.lefts:
            if c.dep_ == "poss" and c.pos_ == "PRON":
                args = self.with_conjuncts(c)
                if args:
                    return args, "source:poss-pronoun"
        return [], ""

    def targets(
        self, trigger_tok: Token, where: tuple[str, ...], consumed: set[int]
    ) -> tuple[list[Arg], str]:
        """Target actors from the trigger entry's list (dependency labels or prepositions), in order."""
        hosts = [trigger_tok]
        if trigger_tok.dep_ == "compound" and trigger_tok.head.pos_ in ("NOUN", "PROPN"):
            hosts.append(trigger_tok.head)  # "a sanctions package against Russia"
        for c in trigger_tok.children:
            if c.dep_ in ("dobj", "xcomp", "attr", "acomp", "prt") or (c.i in consumed and c.dep_ != "prep"):
                hosts.append(c)
                hosts.extend(g for g in c.children if g.dep_ in ("dobj",) or g.i in consumed)
            elif c.dep_ == "prep" and c.i in consumed:
                hosts.extend(g for g in c.children if g.i in consumed and g.dep_ == "pobj")
        passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in trigger_tok.children)
        for place in where:
            if place in OBJECT_DEPS:
                if place == "dobj" and passive:
                    for c in trigger_tok.children:
                        if c.dep_ in PASSIVE_SUBJECT_DEPS:
                            args = self.with_conjuncts(c)
                            if args:
                                return args, "target:nsubjpass"
                if place == "dobj":
                    # "found the two men guilty": the small clause's subject is the object.
                    for clause in (c for c in trigger_tok.children if small_clause(c)):
                        for c in clause.children:
                            if c.dep_ == "nsubj" and c.i not in consumed:
                                args = self.with_conjuncts(c)
                                if args:
                                    return args, "target:small-clause-subject"
                for host in hosts:
                    for c in host.children:
                        if c.dep_ in OBJECT_DEPS[place] and c.i not in consumed:
                            args = self.with_conjuncts(c)
                            if args:
                                return args, f"target:{place}"
                            # "condemned allegations by Rwanda": whose act the object is.
                            args = [a for pobj in _by_phrase(c) for a in self.with_conjuncts(pobj)]
                            if args:
                                return args, f"target:{place}-by"
                        # "rejected the accusations by Saudi Arabia": the object is the entry's own
                        # word; whose it is, is the target.
                        if c.dep_ in OBJECT_DEPS[place] and c.i in consumed:
                            args = [a for pobj in _by_phrase(c) for a in self.with_conjuncts(pobj)]
                            if args:
                                return args, f"target:{place}-by"
            else:
                for host in hosts:
                    # Every object of the preposition: a parsed one brings its conjuncts, and a
                    # dangling "between" gives each name after it (see _dangling_objects).
                    args = [a for pobj in prep_objects(host, place) for a in self.with_conjuncts(pobj)]
                    if args:
                        return args, f"target:{place}"
        # "expelled two Russian diplomats": the entry's own object word names whose they are.
        for c in trigger_tok.children:
            if c.i in consumed and c.dep_ in ("dobj", "dative") and "poss" in where:
                arg = self.actor_of(c)
                if arg is not None and arg.code:
                    return [arg], "target:object-modifier"
                # "rejected the accusations by Saudi Arabia"
                args = [a for pobj in prep_objects(c, "by") for a in self.with_conjuncts(pobj)]
                if args:
                    return args, "target:object-by"
        # "restore ties with Gondor", "impose sanctions on Russia": the object's own preposition.
        for host in hosts[1:] if len(hosts) > 1 else []:
            if host.dep_ in ("dobj", "attr") or host.i in consumed:
                for word in OBJECT_PREPOSITIONS:
                    for pobj in prep_objects(host, word):
                        args = self.with_conjuncts(pobj)
                        if args:
                            return args, f"target:object-{word}"
        if where and where != ("-",):
            # The trigger noun's own clause, or its object word's ("imposed sanctions targeting X").
            nouns = [trigger_tok] if trigger_tok.pos_ == "NOUN" else []
            nouns += [h for h in hosts[1:] if h.i in consumed and h.pos_ == "NOUN"]
            for noun in nouns:
                args, rule = self._clause_target(noun)
                if args:
                    return args, rule
        return [], ""

    def _clause_target(self, noun: Token) -> tuple[list[Arg], str]:
        """ "new sanctions targeting the Russian government": the first actor inside the noun
        phrase's modifying clause (a weaker rule, named as such). Deeper in the clause, the targets
        are described by whom they deal with ("businesses alleged to be supporting the Russian
        government"): they are of that country, not that body."""
        for c in noun.rights:
            if c.dep_ not in ("acl", "relcl"):
                continue
            for t in c.children:  # what the clause's verb acts on: its target as it is named
                arg = self.actor_of(t, depth=3) if t.dep_ != "nsubj" else None
                if arg is not None and arg.code:
                    return [arg], "target:noun-clause"
            for t in c.subtree:
                if t.i == noun.i or t.dep_ == "nsubj" or t.head.i == c.i:
                    continue
                arg = self.actor_of(t, depth=3)
                if arg is None or not arg.code:
                    continue
                if not is_country_code(arg.country):
                    return [arg], "target:noun-clause"
                country = Arg(arg.country, "", arg.text, arg.token, arg.rule, arg.start, arg.end)
                return [country], "target:noun-clause(country)"
        return [], ""


def _by_phrase(noun: Token) -> list[Token]:
    """Whose act a noun is, by its "by" phrase: "allegations by Rwanda", "the efforts made by Seoul"
    (the agent of the participle that modifies it)."""
    found = list(prep_objects(noun, "by"))
    for c in noun.rights:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            found += [p for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    return found


def _gerund_adjunct(tok: Token) -> bool:
    """A subjectless gerund under a time or manner preposition of a verb ("after meeting X")."""
    prep = tok.head
    return (
        tok.dep_ == "pcomp"
        and tok.tag_ == "VBG"
        and prep.dep_ == "prep"
        and prep.lower_ in GERUND_ADJUNCT_PREPOSITIONS
        and prep.head.pos_ in ("VERB", "AUX")
    )
