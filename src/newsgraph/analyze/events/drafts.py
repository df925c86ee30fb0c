"""What the coder's passes work on: a sentence in context, draft events before the codebook, and
coded events with the trigger token they came from."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from newsgraph.analyze.events.args import Arg, ArgFinder
from newsgraph.analyze.events.modality import Modality
from newsgraph.analyze.events.triggers import Match
from newsgraph.records import Event, Quote


@dataclass(frozen=True)
class Sentence:
    """One sentence and what every pass may read about it."""

    span: Span
    index: int  # the sentence's index in the Doc
    doc: Doc
    finder: ArgFinder
    quotes: list[Quote]
    matches: list[Match]
    earlier_roots: frozenset[str] = frozenset()  # roots already coded in the article
    earlier_acts: frozenset[tuple[str, str]] = frozenset()  # (root, source code) already coded


@dataclass(frozen=True)
class Draft:
    """One event before codebook lookup: a trigger match, its source and target (None = not found)
    and the rules that found them."""

    match: Match
    source: Arg | None
    target: Arg | None
    modality: Modality
    rules: tuple[str, ...] = field(default=())  # "source:nsubj", "target:with", "symmetric-coordinated", ...

    @property
    def trigger(self):
        return self.match.trigger

    @property
    def tok(self) -> Token:
        return self.match.tok

    @property
    def rule(self) -> str:
        return "; ".join(self.rules)

    def with_target(self, target: Arg, rule_from: str, rule_to: str) -> Draft:
        """The draft with a target found by a later pass (its rule replaces ``rule_from``)."""
        rules = tuple(r.replace(rule_from, rule_to) for r in self.rules)
        return replace(self, target=target, rules=rules)


@dataclass(frozen=True)
class Coded:
    """A coded event and the trigger token it came from (the event passes read the parse)."""

    event: Event
    tok: Token
