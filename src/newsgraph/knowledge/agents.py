"""Generic actors ("police", "riot police", "rebels", "the ministry") -> CAMEO agent codes.

Table: ``data/agents.tsv`` (phrase, code, plural, flags, source, note): our own rows (source
``newsgraph``) and rows derived from the Phoenix agents dictionary (source ``phoenix-agents:LINE``,
MIT), see ``knowledge/derive/phoenix.py``. ``agent(text)`` is pure and cached.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache

from newsgraph.knowledge.tables import rows, words

# CAMEO religion codes: an agent coded with one of them is of the religious sector.
RELIGIONS = frozenset({"REL", "CHR", "MUS", "BUD", "HIN", "JEW", "SIK", "JAN", "ATH", "CON", "DOX", "ZRO"})

# Words that open a noun phrase without being part of the actor: "the", "two", "dozens of".
_LEADING = frozenset(
    [
        "the",
        "a",
        "an",
        "some",
        "several",
        "many",
        "few",
        "more",
        "most",
        "other",
        "others",
        "all",
        "both",
        "each",
        "every",
        "any",
        "no",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "those",
        "these",
        "this",
        "that",
        "such",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "dozen",
        "dozens",
        "hundreds",
        "thousands",
        "scores",
        "of",
    ]
)
_OF_HEADS = ("minister", "ministry", "department")


@dataclass(frozen=True)
class Agent:
    phrase: str  # the table entry, lower case and singular ("riot police")
    code: str  # CAMEO agent code(s): "COP", "GOVMIL", "CHRCTH"
    flags: frozenset[str] = frozenset()  # "ambiguous", "place"
    source: str = ""  # "newsgraph" or "phoenix-agents:LINE"
    note: str = ""
    modifiers: tuple[str, ...] = ()  # words of the text before the entry ("belgian" in "Belgian police")

    @property
    def sector(self) -> str:
        """The CAMEO sector: the first code, with every religion as REL."""
        first = self.code[:3]
        return "REL" if first in RELIGIONS else first

    @property
    def ambiguous(self) -> bool:
        """An actor only with a country modifier or as the argument of an event verb."""
        return "ambiguous" in self.flags

    @property
    def place(self) -> bool:
        """Also names a place ("court", "prison"): never an actor from a locative."""
        return "place" in self.flags

    @property
    def rule(self) -> str:
        return f"agent:{self.phrase}[{self.code}]@{self.source}"


def plural_forms(phrase: str, plural: str = "") -> list[str]:
    """The plurals a table phrase is read in: the listed irregular ones, else the regular one.

    The noun that takes the plural is the last word, or the word before "of" ("chief of staff").
    """
    if plural == "-":
        return []
    if plural:
        return [p.strip() for p in plural.split(",") if p.strip()]
    words_ = phrase.split()
    at = words_.index("of") - 1 if "of" in words_[1:] else len(words_) - 1
    words_[at] = _plural(words_[at])
    return [" ".join(words_)]


def _plural(word: str) -> str:
    if word.endswith(("man", "woman")) and word not in ("german", "human", "ottoman", "shaman"):
        return word[:-3] + "men"
    if word.endswith("person"):
        return word[:-6] + "people"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith("f") and word in ("thief", "chief"):
        return word + "s" if word == "chief" else "thieves"
    return word + "s"


@cache
def _table() -> dict[str, Agent]:
    """Every phrase and plural form -> its entry (a singular entry wins over another's plural)."""
    out: dict[str, Agent] = {}
    plurals: dict[str, Agent] = {}
    for phrase, code, plural, flags, source, note in rows("agents.tsv", 6):
        entry = Agent(phrase, code, frozenset(f for f in flags.split(",") if f), source, note)
        out.setdefault(_fold(phrase), entry)
        for form in plural_forms(phrase, plural):
            plurals.setdefault(_fold(form), entry)
    for form, entry in plurals.items():
        out.setdefault(form, entry)
    return out


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace("-", " ").replace("_", " ").split())


@cache
def _honorifics() -> frozenset[str]:
    return words("honorifics.tsv")


def agent_key(text: str) -> str:
    """The lookup form of a phrase: folded, possessive and leading determiners off, "ministry of
    (the) X" as "X ministry". "The Interior Ministry's" -> "interior ministry"."""
    text = _fold(text.replace("’", "'"))
    text = re.sub(r"'s?\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    tokens = text.split()
    while tokens and (tokens[0] in _LEADING or tokens[0].isdigit()):
        tokens.pop(0)
    if len(tokens) > 2 and tokens[0] in _OF_HEADS and tokens[1] in ("of", "for"):
        rest = tokens[3:] if tokens[2] == "the" else tokens[2:]
        tokens = [*rest, tokens[0]]
    return " ".join(tokens)


@cache
def agent(text: str) -> Agent | None:
    """The agent a noun phrase or its lemma names, else None.

    The whole phrase first, then its tails ("Belgian riot police" -> "riot police"), so the longest
    known phrase wins; the words left before it are the agent's ``modifiers``. An honorific alone
    ("Mr") is never an agent.
    """
    tokens = agent_key(text).split()
    if not tokens or (len(tokens) == 1 and tokens[0] in _honorifics()):
        return None
    table = _table()
    for i in range(len(tokens)):
        found = table.get(" ".join(tokens[i:]))
        if found:
            return replace(found, modifiers=tuple(tokens[:i])) if i else found
    return None
