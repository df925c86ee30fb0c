"""Apply a user's PETRARCH2 verb dictionary to parsed sentences, the way PETRARCH2 codes them.

PETRARCH2 codes a sentence from its parse: each verb the dictionary knows is looked up (base form,
the regular forms it generates, the irregular forms in braces, multi-word verbs with their particles);
the verb's block patterns are tried against the words around it, and the best match gives the code,
else the verb's own code, else its block's. The source is the verb's subject, the target the first
actor after the verb in its object, prepositional phrases and complement clauses; a pattern's ``$``
and ``+`` say where the source and target are instead, ``%`` asks for a compound actor, ``^`` skips a
noun phrase, ``&SET`` is any phrase of a synonym set, and ``_`` glues words that must be adjacent
(words joined by a blank may have other words between them). A code ``[X:Y]`` also codes the reversed
dyad with Y; a compound subject with no target codes its members against each other.

Actors come from the user's PETRARCH actor dictionary (longest phrase, code for the sentence date),
agents ("POLICE" -> ~COP) from the agent dictionary; a noun phrase's code is its actor plus its
agents ("Freedonian police" -> FRDCOP, "a Freedonian relief agency" with ``NGO~`` -> NGOFRD), and an
agent without an actor is "---" + agent. Noun phrases come from the spaCy dependency parse: a noun with its
compound / possessive / modifier words and its "of" / "in" / "from" phrases is one unit, and
coordinated units ("Freedonia and Sylvania", "police and ministers in Freedonia") form one compound actor.

Discard phrases (PETRARCH's discard list) stop a sentence from being coded. By default an event needs
both a source and a target (``require_dyad``): the PETRARCH unit tests expect the one-sided "X said"
events only now and then, and score best without them.

This is a matcher for user dictionaries: it never uses our own trigger lexicon. ``merge`` says how its
events combine with the event coder's (see there).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

from spacy.tokens import Doc, Span, Token

from newsgraph.knowledge import cameo
from newsgraph.knowledge import petrarch as pd
from newsgraph.knowledge import petrarch_verbs as pv
from newsgraph.records import Event

MAX_PHRASE = 8  # longest actor / agent phrase looked up, in tokens
MARKERS = {"$", "+", "%", "^"}
# Words that attach a noun phrase to the unit it describes ("the government of X", "police in X").
UNIT_PREPS = {"of", "in", "from"}
# Dependents that stay inside a noun phrase unit.
UNIT_DEPS = {"compound", "poss", "amod", "nmod", "nummod", "det", "case", "flat", "quantmod", "npadvmod"}
# Clauses that are not part of an argument (a relative clause, an adverbial clause...).
PRUNE = {"relcl", "advcl", "parataxis", "punct", "mark", "cc", "preconj"}
# The verb's dependents where its target is looked for, in sentence order.
TARGET_DEPS = {"dobj", "dative", "attr", "oprd", "prep", "ccomp", "xcomp", "acomp", "pobj", "obj", "advmod"}
# Dependencies through which a verb without a subject takes its governor's.
INHERIT_DEPS = {"xcomp", "conj", "acomp", "advmod", "dep", "oprd", "aux", "auxpass"}


@dataclass(frozen=True, slots=True)
class PatternEvent:
    sentence: int  # index of the sentence in doc.sents
    source: str | None  # actor code as the user's dictionaries build it ("GONCOP"), None if none
    target: str | None
    code: str  # the dictionary's code as written ("064", "174K", "1721")
    cameo_code: str  # that code read as CAMEO ("174K" -> "174"), "" when it is not one
    rule: str  # "PETR.verbs.txt:991 pattern '* DIPLOMATIC'" / "...:988 verb RESTORE"
    start: int  # character span of the evidence (the verb and the words its pattern matched)
    end: int
    verb: str  # the verb as it appears
    source_rule: str = ""
    target_rule: str = ""

    @property
    def root(self) -> str:
        return self.cameo_code[:2]


@dataclass
class _Mention:
    start: int  # token indices, end exclusive
    end: int
    actors: tuple[str, ...] = ()  # codes ("ELR/GAL" split)
    agents: tuple[pd.AgentCode, ...] = ()
    rule: str = ""
    unit: int = -1  # token index of the noun phrase unit it belongs to
    depth: int = 0  # how many "of/in/from" phrases away from the unit's head
    group: int = -1  # token index of the compound the unit belongs to


@dataclass
class _Sentence:
    span: Span
    mentions: list[_Mention] = field(default_factory=list)
    at: dict[int, _Mention] = field(default_factory=dict)  # token index -> mention covering it

    def codes(self, group: int) -> tuple[list[str], str]:
        """Actor codes of a compound (one per member and agent), and the rule naming the entries."""
        members = [m for m in self.mentions if m.group == group]
        units: dict[int, list[_Mention]] = {}
        for m in members:
            units.setdefault(m.unit, []).append(m)
        all_actors = [a for m in members for a in m.actors]
        out: list[str] = []
        for unit in units.values():
            with_actor = [m for m in unit if m.actors]
            # The actor nearest the unit's head wins: "Freedonian troops in Sylvania" are Freedonia's.
            best = min((m.depth for m in with_actor), default=0)
            nearest = [m for m in with_actor if m.depth == best]
            doc = self.span.doc
            owners = [m for m in nearest if doc[_phrase_head(doc, m.start, m.end).i].dep_ == "poss"]
            if owners:
                nearest = owners[:1]  # "Freedonia's Firefly" is Freedonia's, as PETRARCH reads it
            elif best > 0:
                nearest = nearest[:1]  # "the envoy of Freedonia in Sylvania": the first phrase
            actors = [a for m in nearest for a in m.actors]
            agents = [a for m in unit for a in m.agents]
            if not actors and agents:
                actors = all_actors  # "Freedonian police and ministers": the ministers are Freedonian too
            # A unit's agents all qualify its actor: "Freedonian state police" is FRD + GOV + COP.
            prefix = "".join(a.code for a in agents if a.position == "prefix")
            suffix = "".join(a.code for a in agents if a.position == "suffix")
            if actors:
                out.extend(prefix + a + suffix for a in actors)
            elif agents:
                out.append(prefix + suffix if prefix else "---" + suffix)
        rules = "+".join(m.rule for m in members if m.rule)
        return list(dict.fromkeys(out)), rules


@dataclass(frozen=True)
class _VerbForm:
    block: pv.VerbBlock
    entry: pv.VerbEntry
    words: tuple[str, ...]  # upper-case words, the verb at `index`
    index: int


@dataclass
class _Binding:
    source: int | None = None  # group ids bound by $ / + / %
    target: int | None = None
    compound: int | None = None
    compound_before: bool = False
    tokens: list[int] = field(default_factory=list)  # token indices the pattern's words matched


class PatternCoder:
    """PETRARCH2-style coding with a user's verb, actor and agent dictionaries (see the module docstring)."""

    def __init__(
        self,
        verbs: pv.VerbDictionary,
        actors: pd.ActorDictionary | None = None,
        agents: pd.AgentDictionary | None = None,
        discards: Sequence[str] = (),
        require_dyad: bool = True,
    ) -> None:
        self.require_dyad = require_dyad
        self.verbs = verbs
        self.actors = actors or pd.ActorDictionary()
        self.agents = agents or pd.AgentDictionary()
        self.discards = tuple(d for d in (_norm_phrase(x) for x in discards) if d)
        self.file = Path(verbs.path).name
        self._forms = _form_index(verbs)
        self._atoms: dict[str, list[tuple[str, object]]] = {}

    @classmethod
    def from_paths(
        cls,
        verb_dictionary: str | Path | Iterable[str | Path],
        actor_dictionary: str | Path | Iterable[str | Path] = (),
        agent_dictionary: str | Path | Iterable[str | Path] = (),
        discard_list: str | Path | None = None,
    ) -> PatternCoder:
        """Read the dictionaries. Several verb files are read as one, in order (synonym sets of the first
        win); rules name the file each pattern came from."""
        paths = [verb_dictionary] if isinstance(verb_dictionary, (str, Path)) else list(verb_dictionary)
        verbs = pv.read(paths[0])
        for path in paths[1:]:
            more = pv.read(path)
            for name, members in more.synsets.items():
                verbs.synsets.setdefault(name, members)
            for block in more.blocks:
                block.source = Path(path).name
            verbs.blocks.extend(more.blocks)
            verbs.problems.extend(f"{Path(path).name}: {p}" for p in more.problems)
        actors = pd.read_actor_dictionary(actor_dictionary) if actor_dictionary else None
        agents = pd.read_agent_dictionary(agent_dictionary) if agent_dictionary else None
        discards = read_discards(discard_list) if discard_list else ()
        return cls(verbs, actors, agents, discards)

    def _file(self, block: pv.VerbBlock) -> str:
        return block.source or self.file

    # -- the public entry point -------------------------------------------------------------
    def code(self, doc: Doc, date: str = "") -> list[PatternEvent]:
        """The events of every sentence of a parsed Doc. ``date`` (ISO) picks dated actor codes;
        by default the Doc's ``published`` extension when it has one."""
        if not date and Doc.has_extension("published"):
            date = doc._.published or ""
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        out: list[PatternEvent] = []
        for i, span in enumerate(sents):
            if self._discarded(span):
                continue
            out.extend(self._code_sentence(i, span, date))
        return out

    # -- actors ---------------------------------------------------------------------------------
    def _discarded(self, span: Span) -> bool:
        text = " " + " ".join(t.text.upper() for t in span) + " "  # tokens: "match." is "MATCH ."
        return any(f" {d} " in text for d in self.discards)

    def _mentions(self, span: Span, date: str) -> _Sentence:
        sent = _Sentence(span)
        toks = list(span)
        i = 0
        while i < len(toks):
            found = self._longest(toks, i, date)
            if found is None:
                i += 1
                continue
            n, mention = found
            sent.mentions.append(mention)
            for k in range(mention.start, mention.end):
                sent.at[k] = mention
            i += n
        for m in sent.mentions:
            head = _phrase_head(span.doc, m.start, m.end)
            m.unit, m.depth = _unit(head)
        for m in sent.mentions:
            m.group, extra = _group(span.doc[m.unit])
            m.depth += extra
        return sent

    def _longest(self, toks: list[Token], i: int, date: str) -> tuple[int, _Mention] | None:
        doc = toks[0].doc
        for n in range(min(MAX_PHRASE, len(toks) - i), 0, -1):
            first, last = toks[i], toks[i + n - 1]
            if (last.is_punct and n > 1) or first.is_punct:
                continue
            text = doc[first.i : last.i + 1].text
            coded = self.actors.code(text, date) if self.actors.index else None
            if coded is not None:
                code, rule = coded
                codes = tuple(c for c in code.split("/") if c)
                return n, _Mention(first.i, last.i + 1, actors=codes, rule=rule)
            agent = self._agent(text)
            if agent is not None:
                return n, _Mention(first.i, last.i + 1, agents=(agent,), rule=f"agent:{agent.source}")
        return None

    def _agent(self, text: str) -> pd.AgentCode | None:
        if not self.agents.index:
            return None
        key = pd.phrase_key(text)
        found = self.agents.lookup(key)
        if found is None and key.endswith("IES"):
            found = self.agents.lookup(key[:-3] + "Y")
        if found is None and key.endswith("ES"):
            found = self.agents.lookup(key[:-2])
        return found

    # -- verbs ------------------------------------------------------------------------------------
    def _verbs(self, span: Span) -> list[tuple[Token, _VerbForm, list[int]]]:
        """The dictionary verbs of a sentence: (verb token, entry, token indices of the whole verb)."""
        doc = span.doc
        found: list[tuple[Token, _VerbForm, list[int]]] = []
        used: set[int] = set()
        for tok in span:
            # Verbs only, as the parser tags them: not modals ("should"), not nouns ("the attack").
            if not (tok.tag_.startswith("VB") or tok.pos_ == "VERB") or tok.i in used:
                continue
            best: tuple[_VerbForm, list[int]] | None = None
            for form in self._forms.get(tok.text.upper(), ()):
                first = tok.i - form.index
                idx = list(range(first, first + len(form.words)))
                if first < span.start or idx[-1] >= span.end:
                    continue
                longer = best is None or len(idx) > len(best[1])
                if longer and all(doc[k].text.upper() == w for k, w in zip(idx, form.words, strict=True)):
                    best = (form, idx)
            if best is not None:
                found.append((tok, best[0], best[1]))
                used.update(best[1])
        return found

    def _code_sentence(self, index: int, span: Span, date: str) -> list[PatternEvent]:
        verbs = self._verbs(span)
        if not verbs:
            return []
        sent = self._mentions(span, date)
        out: list[PatternEvent] = []
        for tok, form, idx in verbs:
            out.extend(self._code_verb(index, sent, tok, form, idx))
        if self.require_dyad:
            out = [e for e in out if e.source and e.target]
        return out

    def _code_verb(
        self, index: int, sent: _Sentence, verb: Token, form: _VerbForm, idx: list[int]
    ) -> list[PatternEvent]:
        doc = sent.span.doc
        chosen: tuple[pv.VerbPattern, _Binding] | None = None
        best_score = -1
        for pattern in form.block.patterns:
            binding = self._match(pattern, sent, verb, idx)
            if binding is None:
                continue
            score = len(binding.tokens) + sum(x is not None for x in (binding.source, binding.target))
            score += binding.compound is not None
            if score > best_score:
                chosen, best_score = (pattern, binding), score
        if chosen is not None:
            pattern, binding = chosen
            spec = pattern.code
            text = " ".join([*pattern.before, "*", *pattern.after])
            rule = f"{self._file(form.block)}:{pattern.line} pattern '{text}'"
        else:
            pattern, binding = None, _Binding()
            spec = form.block.code_for(form.entry)
            rule = f"{self._file(form.block)}:{form.entry.line} verb {form.entry.phrase}"
        if spec is None or spec.is_null:
            return []
        source_group, srule = self._source(sent, verb)
        target_group, trule = self._target(sent, verb, source_group)
        passive_agent = self._agent_of(sent, verb) if _passive(verb) else None
        if passive_agent is not None:
            # "Sylvania was condemned by Freedonia": the subject is the target, the "by" phrase the source.
            # Without a "by" phrase the subject stays the source, as PETRARCH codes it.
            source_group, target_group = passive_agent, source_group
            srule, trule = "source:passive-agent", "target:passive-subject"
        if binding.source is not None:
            source_group, srule = binding.source, "source:pattern-$"
        if binding.target is not None:
            target_group, trule = binding.target, "target:pattern-+"
        if binding.compound is not None:
            if binding.compound_before:
                source_group, srule = binding.compound, "source:pattern-%"
            else:
                target_group, trule = binding.compound, "target:pattern-%"
        if target_group is not None and target_group == source_group:
            target_group = None
        sources, s_entries = sent.codes(source_group) if source_group is not None else ([], "")
        targets, t_entries = sent.codes(target_group) if target_group is not None else ([], "")
        covered = sorted({*idx, *binding.tokens})
        start, end = doc[covered[0]].idx, doc[covered[-1]].idx + len(doc[covered[-1]])
        verb_text = " ".join(doc[k].text for k in idx)

        def event(s: str | None, t: str | None, code: str) -> PatternEvent:
            return PatternEvent(
                sentence=index,
                source=s,
                target=t,
                code=code,
                cameo_code=as_cameo(code),
                rule=rule,
                start=start,
                end=end,
                verb=verb_text,
                source_rule=f"{srule}:{s_entries}" if s else "",
                target_rule=f"{trule}:{t_entries}" if t else "",
            )

        out: list[PatternEvent] = []
        if sources and targets:
            for s in sources:
                for t in targets:
                    if s == t:
                        continue
                    out.append(event(s, t, spec.primary))
                    if spec.reciprocal and spec.reciprocal != pv.NULL_CODE:
                        out.append(event(t, s, spec.reciprocal))
        elif len(sources) > 1:
            # A compound subject with nothing after the verb: its members did it with each other.
            for s in sources:
                out.extend(event(s, t, spec.primary) for t in sources if t != s)
        elif sources:
            out.append(event(sources[0], None, spec.primary))
        elif targets:
            out.extend(event(None, t, spec.primary) for t in targets)
        seen: set[tuple[str | None, str | None, str]] = set()
        unique = []
        for e in out:
            key = (e.source, e.target, e.code)
            if key not in seen:
                seen.add(key)
                unique.append(e)
        return unique

    # -- arguments --------------------------------------------------------------------------------
    def _first_group(self, sent: _Sentence, tokens: Iterable[int], exclude: int | None = None) -> int | None:
        for k in tokens:
            m = sent.at.get(k)
            if m is not None and m.group != exclude:
                return m.group
        return None

    def _source(self, sent: _Sentence, verb: Token) -> tuple[int | None, str]:
        subject = _subject(verb)
        tok = verb
        for _ in range(4):
            if subject is None:
                return None, ""
            found = self._first_group(sent, _region(subject))
            if found is not None:
                return found, f"source:{subject.dep_}"
            # "Freedonia said it had condemned Sylvania": a pronoun subject of a complement clause
            # stands for the subject of the verb that introduces it.
            while tok.dep_ in INHERIT_DEPS and tok.head.i != tok.i:
                tok = tok.head
            if tok.dep_ != "ccomp" or tok.head.i == tok.i:
                return None, ""
            tok = tok.head
            subject = _subject(tok)
        return None, ""

    def _agent_of(self, sent: _Sentence, verb: Token) -> int | None:
        for child in verb.children:
            if child.dep_ == "agent":
                return self._first_group(sent, _region(child))
        return None

    def _target(self, sent: _Sentence, verb: Token, source: int | None) -> tuple[int | None, str]:
        for child in verb.children:
            if child.i < verb.i or child.dep_ not in TARGET_DEPS:
                continue
            found = self._first_group(sent, _region(child, prune_clauses=child.dep_ != "ccomp"), source)
            if found is not None:
                return found, f"target:{child.dep_}"
        return None, ""

    # -- patterns ---------------------------------------------------------------------------------
    def _parts(self, token: str) -> list[tuple[str, object]]:
        """One pattern token as atoms that must be consecutive: ("word", "TIES"), ("set", phrases),
        ("marker", "$")."""
        if token in self._atoms:
            return self._atoms[token]
        atoms: list[tuple[str, object]] = []
        for part in token.split("_"):
            if not part:
                continue
            if part in MARKERS:
                atoms.append(("marker", part))
            elif part.startswith("&"):
                try:
                    members = self.verbs.expand(part)
                except KeyError:
                    atoms.append(("fail", part))
                    continue
                phrases = set()
                for m in members:
                    words = tuple(w for w in re.split(r"[\s_]+", m.upper()) if w)
                    if words:
                        phrases.add(words)
                        if not m.endswith("_") and not part.endswith("_"):
                            phrases.add((*words[:-1], _plural(words[-1])))
                atoms.append(("set", tuple(sorted(phrases, key=len, reverse=True))))
            else:
                atoms.append(("word", part.upper()))
        self._atoms[token] = atoms
        return atoms

    def _match(
        self, pattern: pv.VerbPattern, sent: _Sentence, verb: Token, idx: list[int]
    ) -> _Binding | None:
        span = sent.span
        binding = _Binding()
        after_end = max(verb.right_edge.i, idx[-1]) + 1
        before = list(range(max(span.start, _clause_start(verb)), idx[0]))
        after = list(range(idx[-1] + 1, min(after_end, span.end)))
        before_elems = [self._parts(t) for t in pattern.before]
        after_elems = [self._parts(t) for t in pattern.after]
        if before_elems:
            # Matched right to left from the verb, so the words nearest it are found first.
            rev = [list(reversed(e)) for e in reversed(before_elems)]
            if not self._seq(rev, list(reversed(before)), 0, 0, pattern.before_adjacent, sent, binding, True):
                return None
        if after_elems and not self._seq(
            after_elems, after, 0, 0, pattern.after_adjacent, sent, binding, False
        ):
            return None
        return binding

    def _seq(
        self,
        elems: list[list[tuple[str, object]]],
        window: list[int],
        ei: int,
        wi: int,
        anchored: bool,
        sent: _Sentence,
        binding: _Binding,
        backwards: bool,
    ) -> bool:
        if ei == len(elems):
            return True
        starts = [wi] if anchored else range(wi, len(window))
        for j in starts:
            snapshot = (binding.source, binding.target, binding.compound, len(binding.tokens))
            end = self._atoms_at(elems[ei], window, j, sent, binding, backwards)
            if end is not None and self._seq(elems, window, ei + 1, end, False, sent, binding, backwards):
                return True
            binding.source, binding.target, binding.compound = snapshot[:3]
            del binding.tokens[snapshot[3] :]
        return False

    def _atoms_at(
        self,
        atoms: list[tuple[str, object]],
        window: list[int],
        j: int,
        sent: _Sentence,
        binding: _Binding,
        backwards: bool,
    ) -> int | None:
        """Match consecutive atoms at window[j]; the window position after them, else None."""
        doc = sent.span.doc
        for kind, value in atoms:
            if j >= len(window):
                return None
            if kind == "fail":
                return None
            if kind == "word":
                if doc[window[j]].text.upper() != value:
                    return None
                binding.tokens.append(window[j])
                j += 1
            elif kind == "set":
                for phrase in cast(tuple[tuple[str, ...], ...], value):
                    words = list(reversed(phrase)) if backwards else list(phrase)
                    if j + len(words) <= len(window) and all(
                        doc[window[j + k]].text.upper() == w for k, w in enumerate(words)
                    ):
                        binding.tokens.extend(window[j : j + len(words)])
                        j += len(words)
                        break
                else:
                    return None
            elif value == "^":
                j += 1  # a noun phrase is skipped; further words may follow it anywhere
            else:
                mention = sent.at.get(window[j])
                if mention is None:
                    return None
                group = mention.group
                if value == "$":
                    binding.source = group
                elif value == "+":
                    binding.target = group
                else:
                    codes, _ = sent.codes(group)
                    if len(codes) < 2:
                        return None
                    binding.compound, binding.compound_before = group, backwards
                while j < len(window) and sent.at.get(window[j]) is mention:
                    j += 1
        return j


# -- parse helpers -------------------------------------------------------------------------------
def _phrase_head(doc: Doc, start: int, end: int) -> Token:
    """The token of [start, end) whose head lies outside it (the phrase's syntactic head)."""
    for k in range(end - 1, start - 1, -1):
        if not (start <= doc[k].head.i < end) or doc[k].head.i == k:
            return doc[k]
    return doc[end - 1]


def _nounish(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or tok.tag_.startswith("NN")


def _unit(tok: Token) -> tuple[int, int]:
    """The noun phrase unit a word belongs to, and how many "of/in/from" phrases it is below it."""
    depth = 0
    for _ in range(12):
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ in UNIT_DEPS and (_nounish(head) or head.pos_ == "ADJ"):
            tok = head
        elif (
            tok.dep_ == "pobj"
            and head.dep_ == "prep"
            and head.lower_ in UNIT_PREPS
            and _nounish(head.head)
            and head.head.i != tok.i
        ):
            tok = head.head
            depth += 1
        else:
            break
    return tok.i, depth


def _group(tok: Token) -> tuple[int, int]:
    """The compound a unit belongs to: coordinated units ("X and Y", "X, Y and Z") share one."""
    extra = 0
    for _ in range(12):
        if tok.dep_ in ("conj",) and tok.head.i != tok.i and _nounish(tok.head):
            unit, depth = _unit(tok.head)
            extra += depth
            tok = tok.doc[unit]
        else:
            break
    return tok.i, extra


def _region(tok: Token, prune_clauses: bool = True) -> list[int]:
    """The token indices of a dependent's subtree, without the clauses that are not part of it."""
    out: list[int] = []

    def walk(t: Token, top: bool) -> None:
        if not top and prune_clauses and t.dep_ in PRUNE:
            return
        if not top and t.dep_ == "conj" and t.pos_ in ("VERB", "AUX"):
            return
        out.append(t.i)
        for child in t.children:
            walk(child, False)

    walk(tok, True)
    return sorted(out)


def _subject(verb: Token) -> Token | None:
    tok = verb
    for _ in range(6):
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass"):
                return child
        if tok.dep_ in INHERIT_DEPS and tok.head.i != tok.i:
            tok = tok.head
        else:
            return None
    return None


def _clause_start(verb: Token) -> int:
    """Where the words before a verb that its pattern may use begin: the left edge of its clause,
    climbing from an infinitive or participle to the verb that governs it and from a complement
    clause to the verb that introduces it ("indicated it should have acted")."""
    tok = verb
    for _ in range(6):
        if tok.dep_ in INHERIT_DEPS | {"ccomp"} and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return tok.left_edge.i


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "csubjpass") for c in verb.children)


def _plural(word: str) -> str:
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("S", "X", "CH", "SH")):
        return word + "ES"
    return word + "S"


def _form_index(verbs: pv.VerbDictionary) -> dict[str, list[_VerbForm]]:
    """Every surface form of every verb -> the entries it can be (regular forms generated)."""
    index: dict[str, list[_VerbForm]] = {}

    def add(words: tuple[str, ...], i: int, block: pv.VerbBlock, entry: pv.VerbEntry) -> None:
        words = tuple(w.upper().strip("_") for w in words)
        if not words or not words[i]:
            return
        form = _VerbForm(block, entry, words, i)
        bucket = index.setdefault(words[i], [])
        if form not in bucket:
            bucket.append(form)

    for block in verbs.blocks:
        for entry in block.verbs:
            base = entry.words
            for variant in pv.regular_forms(entry.verb):
                add(
                    (*base[: entry.verb_index], variant, *base[entry.verb_index + 1 :]),
                    entry.verb_index,
                    block,
                    entry,
                )
            for written in entry.forms:
                words, i = pv._split_verb(written)
                if len(words) == 1 and len(base) > 1:
                    # "{BROKE}" for BREAK_DOWN: the irregular verb word with the entry's other words
                    words, i = (
                        (*base[: entry.verb_index], words[0], *base[entry.verb_index + 1 :]),
                        entry.verb_index,
                    )
                add(words, i, block, entry)
    return index


def _norm_phrase(text: str) -> str:
    text = text.split("#", 1)[0].split(";", 1)[0].strip().lstrip("+")
    return " ".join(re.sub(r"[_\s]+", " ", text).upper().split())


def read_discards(path: str | Path) -> list[str]:
    """A PETRARCH discard list: phrases whose sentences are not coded ("+" = the whole story; here,
    as PETRARCH2 reads single sentences, the sentence)."""
    out = []
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        if line.lstrip().startswith(("<!--", "#")):
            continue
        phrase = _norm_phrase(line)
        if phrase:
            out.append(phrase)
    return out


def as_cameo(code: str) -> str:
    """A dictionary code read as a CAMEO event code: "064" -> "064", "174K" -> "174", "102b" -> "102",
    "025?" -> "025"; "" for codes that are not CAMEO ("+++", "903", "---")."""
    digits = re.match(r"\d+", code or "")
    if digits is None:
        return ""
    for n in (len(digits.group(0)), 3, 2):
        candidate = digits.group(0)[:n]
        if len(candidate) >= 2 and cameo.is_code(candidate):
            return candidate
    return ""


# -- combining with the event coder ------------------------------------------------------------------
# (date, precision, date rule, place id, place rule) of an event at a token of a sentence: the event
# coder's own resolution (newsgraph.analyze.events.event_context), passed in to keep this module free of it.
Locate = Callable[[int, Token], tuple[str, str, str, str, str]]


def to_event(
    p: PatternEvent, doc: Doc, sent: Span, article_id: str = "", n: int = 0, locate: Locate | None = None
) -> Event | None:
    """A PatternEvent as an Event record (None when its code is not a CAMEO code). With ``locate``,
    its date and place come from the sentence's time expressions and places, as the coder's do;
    without, the date is the publication date and there is no place."""
    if not p.cameo_code:
        return None
    rule = f"petrarch-pattern:{p.rule}; {p.source_rule or 'source:none'}; {p.target_rule or 'target:none'}"
    if locate is not None:
        verb = doc.char_span(p.start, p.end, alignment_mode="expand")
        date, precision, date_rule, place, place_rule = locate(p.sentence, verb.root if verb else sent.root)
    else:
        published = (doc._.published or "") if Doc.has_extension("published") else ""
        precision = (doc._.published_precision or "") if Doc.has_extension("published_precision") else ""
        date, precision = published, precision if published else ""
        date_rule, place, place_rule = ("date:published" if published else "date:none"), "", "place:none"
    return Event(
        id=f"{article_id}:{p.sentence}:p{n}",
        article_id=article_id,
        start=sent.start_char,
        end=sent.end_char,
        evidence=sent.text,
        source_code=p.source or "",
        target_code=p.target or "",
        **cameo.event_fields(p.cameo_code),  # type: ignore[arg-type]
        date=date,
        date_precision=precision,
        place_id=place,
        modality="asserted",
        confidence=0.5 + (0.2 if p.source else 0) + (0.2 if p.target else 0),
        rule=f"{rule}; {date_rule}; {place_rule}",
    )


def _country(code: str) -> str:
    return "" if not code or code[0] in "-~" else code[:3]


def merge(
    doc_events: list[Event],
    pattern_events: list[PatternEvent],
    doc: Doc,
    mode: str = "replace",
    locate: Locate | None = None,
) -> list[Event]:
    """Combine the event coder's events with a user verb dictionary's pattern events.

    Where to call it: in ``newsgraph.analyze.events.EventComponent.__call__``, when the component was
    configured with a ``verb_dictionary``::

        doc._.events = merge(events(doc, self.coder), self.patterns.code(doc), doc)

    with ``self.patterns = PatternCoder.from_paths(verb_dictionary, actor_dictionary, agent_dictionary)``
    built once in ``make_events``.

    ``mode``:

    - ``"replace"`` (default, PETRARCH's behaviour): a user who brings a verb dictionary defines what an
      event is. The result is the pattern events; where the coder found the same event (same sentence,
      CAMEO root and source/target country), the coder's record is kept, with its actor ids, date,
      place and modality, and takes the pattern's code and rule. The coder's other events are dropped.
    - ``"sentence"``: as ``replace`` in sentences where the user's dictionary coded something; in the
      other sentences the coder's events stay.
    - ``"union"``: every coder event, plus the pattern events the coder did not find.

    Pattern events whose code is not CAMEO (a dictionary may use WEIS-era or private codes) are not
    turned into Event records.
    """
    if mode not in ("replace", "sentence", "union"):
        raise ValueError(f"unknown merge mode {mode!r}")
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    starts = [s.start_char for s in sents]

    def sentence_of(e: Event) -> int:
        k = 0
        for i, s in enumerate(starts):
            if s <= e.start:
                k = i
        return k

    article = (doc._.article_id or "") if Doc.has_extension("article_id") else ""
    by_sentence: dict[int, list[Event]] = {}
    for e in doc_events:
        by_sentence.setdefault(sentence_of(e), []).append(e)
    used: set[int] = set()
    out: list[Event] = []
    coded_sentences = set()
    for n, p in enumerate(pattern_events):
        converted = to_event(p, doc, sents[p.sentence], article, n, locate)
        if converted is None:
            continue
        coded_sentences.add(p.sentence)
        key = (converted.root_code, _country(converted.source_code), _country(converted.target_code))
        twin = next(
            (
                e
                for e in by_sentence.get(p.sentence, [])
                if id(e) not in used
                and (e.root_code, _country(e.source_code), _country(e.target_code)) == key
            ),
            None,
        )
        if twin is not None:
            used.add(id(twin))
            out.append(
                replace(
                    twin,
                    cameo_code=converted.cameo_code,
                    plover_type=converted.plover_type,
                    quad_class=converted.quad_class,
                    goldstein=converted.goldstein,
                    rule=f"{converted.rule}; coder:{twin.rule}",
                )
            )
        else:
            out.append(converted)
    for e in doc_events:
        if id(e) in used:
            continue
        if mode == "union" or (mode == "sentence" and sentence_of(e) not in coded_sentences):
            out.append(e)
    out.sort(key=lambda e: e.start)
    return out
