"""Reader for PETRARCH2 verb-pattern dictionaries, so users can bring their own CAMEO verb dictionaries.

The format (PETRARCH2's ``read_verb_dictionary``), as far as a reader needs it:

- ``#`` starts a comment to the end of the line; ``<!-- ... -->`` lines are comments too.
- Synonym sets: a line ``&NAME`` followed by ``+WORD`` lines (``+&OTHER`` nests another set); a
  blank line or any other line ends the set. A trailing ``_`` on a name or word means "this exact
  word, no suffix"; references may omit it (``&PREPOSIT1`` names ``&PREPOSIT1_``).
- Verb blocks: ``--- NAME [code] ---`` (``[---]`` is the null code: recognised, not an event; some
  headers carry no code, ``--- NAME ###``). Then the block's verbs, one a line:
  ``SAY {SAYS SAID SAYING}`` (irregular forms in braces), ``+CLEAR_UP`` / ``RE_+ADMIT`` (multi-word
  verbs: words joined by ``_``, ``+`` before the verb word), optionally with their own ``[code]``.
- Patterns: ``- words * words [code] # comment``. ``*`` is the verb; ``$`` the source, ``+`` the
  target, ``%`` a compound actor, ``^`` skips a noun phrase, ``&NAME`` any word of a synonym set;
  ``_`` joins words that must be adjacent (``*_UP``, ``IN_AND_*_OUT``).
- Codes are ``[X]`` or ``[X:Y]``: with two, Y is the code of the reversed dyad (``HOST [043:042]``:
  A hosts B is 043 from A to B and 042 from B to A).

Nothing is checked against CAMEO here: a dictionary may use other codes (the PETRARCH validation
dictionary carries WEIS-era ones). ``to_triggers`` keeps the CAMEO ones for our trigger index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.knowledge import cameo
from newsgraph.knowledge.triggers import Trigger

NULL_CODE = "---"
_CODE = re.compile(r"\[([^\[\]]*)\]")
_HEADER = re.compile(r"^---\s*(?P<name>[^\[#]*?)\s*(?P<codes>(\[[^\]]*\]\s*)*)(---|###)?\s*$")


@dataclass(frozen=True, slots=True)
class CodeSpec:
    primary: str  # "043", or NULL_CODE for "recognise but do not code"
    reciprocal: str | None = None  # code for the reversed dyad, from "[043:042]"

    @property
    def is_null(self) -> bool:
        return self.primary == NULL_CODE

    @classmethod
    def parse(cls, text: str) -> CodeSpec:
        first, _, second = text.strip().partition(":")
        return cls(first.strip(), second.strip() or None)


@dataclass(frozen=True, slots=True)
class VerbEntry:
    words: tuple[str, ...]  # ("CLEAR", "UP"), upper case as written
    verb_index: int  # which word is the verb
    code: CodeSpec | None  # the entry's own code, else the block's applies
    forms: tuple[str, ...]  # irregular forms as written ("SAID", "+FOUGHT_BACK")
    line: int

    @property
    def verb(self) -> str:
        return self.words[self.verb_index]

    @property
    def phrase(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True, slots=True)
class VerbPattern:
    before: tuple[str, ...]  # tokens left of the verb, as written ("$", "+", "&NAME", "SAID", ...)
    after: tuple[str, ...]  # tokens right of the verb
    code: CodeSpec
    comment: str
    line: int
    # "_" touching "*" ("RECENTLY_*", "*_OUT"): the word next to the verb must be adjacent to it.
    before_adjacent: bool = False
    after_adjacent: bool = False

    @property
    def has_source(self) -> bool:
        return "$" in self.before + self.after

    @property
    def has_target(self) -> bool:
        return "+" in self.before + self.after

    def words(self) -> tuple[str, ...]:
        """The literal words (no markers, no synonym sets), "_"-joined tokens split apart."""
        out = []
        for token in self.before + self.after:
            for w in token.split("_"):
                if w and w not in "$+%^" and not w.startswith("&"):
                    out.append(w)
        return tuple(out)


@dataclass
class VerbBlock:
    name: str
    code: CodeSpec | None
    line: int
    extra_codes: tuple[CodeSpec, ...] = ()
    verbs: list[VerbEntry] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)
    source: str = ""  # file name, when blocks of several files are combined ("" = the dictionary's)

    def code_for(self, entry: VerbEntry) -> CodeSpec | None:
        return entry.code or self.code


@dataclass
class VerbDictionary:
    path: str
    synsets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "line N: why", for lines we could not read

    def __post_init__(self) -> None:
        self._by_word: dict[str, list[tuple[VerbBlock, VerbEntry]]] | None = None

    @property
    def verbs(self) -> list[VerbEntry]:
        return [v for b in self.blocks for v in b.verbs]

    @property
    def patterns(self) -> list[VerbPattern]:
        return [p for b in self.blocks for p in b.patterns]

    def _index(self) -> dict[str, list[tuple[VerbBlock, VerbEntry]]]:
        if self._by_word is None:
            index: dict[str, list[tuple[VerbBlock, VerbEntry]]] = {}
            for block in self.blocks:
                for entry in block.verbs:
                    keys = {_key(entry.verb)}
                    keys.update(_key(_form_verb(f, entry.verb_index)) for f in entry.forms)
                    for key in keys - {""}:
                        index.setdefault(key, []).append((block, entry))
            self._by_word = index
        return self._by_word

    def lookup(self, word: str) -> list[tuple[VerbBlock, VerbEntry]]:
        """The (block, entry) pairs whose verb is `word` (base or irregular form, any case)."""
        return list(self._index().get(_key(word), []))

    def code_of(self, word: str) -> CodeSpec | None:
        """The code of the first single-word entry for this verb (multi-word ones need their particle)."""
        pairs = self.lookup(word)
        for block, entry in sorted(pairs, key=lambda p: len(p[1].words)):
            return block.code_for(entry)
        return None

    def patterns_for(self, word: str) -> list[VerbPattern]:
        """Every pattern of every block the verb belongs to."""
        seen: list[VerbPattern] = []
        for block, _ in self.lookup(word):
            seen.extend(p for p in block.patterns if p not in seen)
        return seen

    def expand(self, name: str, _depth: int = 0) -> set[str]:
        """The words of a synonym set, nested sets resolved ("&CEASEFIRE" -> {"TRUCE", ...})."""
        members = self.synsets.get(_synset_key(name))
        if members is None:
            raise KeyError(f"no synonym set {name!r} in {self.path}")
        out: set[str] = set()
        for m in members:
            if m.startswith("&") and _depth < 10:
                out |= self.expand(m, _depth + 1)
            else:
                out.add(m)
        return out


def _key(word: str) -> str:
    return word.strip("_+").replace("_", " ").lower()


def _synset_key(name: str) -> str:
    return name.strip().lstrip("&").rstrip("_").upper()


def _form_verb(form: str, verb_index: int) -> str:
    """The verb word of an irregular form: "+FOUGHT_BACK" -> "FOUGHT", "WIRE_+TAPPED" -> "TAPPED"."""
    words, index = _split_verb(form)
    return words[index] if words else ""


def _split_verb(text: str) -> tuple[tuple[str, ...], int]:
    """Words of a (multi-word) verb and the index of the verb word (the one after "+")."""
    parts = [p for p in text.split("_") if p != ""]
    index = 0
    for i, p in enumerate(parts):
        if p.startswith("+"):
            index = i
            break
    return tuple(p.strip("+") for p in parts if p.strip("+")), index


def _strip_comment(line: str) -> tuple[str, str]:
    body, _, comment = line.partition("#")
    return body.rstrip(), comment.strip()


def _parse_codes(text: str) -> list[CodeSpec]:
    return [CodeSpec.parse(m.group(1)) for m in _CODE.finditer(text)]


def _parse_pattern(body: str, comment: str, lineno: int) -> VerbPattern | None:
    codes = _parse_codes(body)
    if not codes:
        return None
    text = _CODE.sub(" ", body).strip()
    text = text.lstrip("-").strip()  # "- words", and the odd "-- words"
    before: list[str] = []
    after: list[str] = []
    seen_verb = False
    before_adjacent = after_adjacent = False
    for token in text.split():
        if "*" in token and not seen_verb:
            left, _, right = token.partition("*")
            if left.strip("_"):
                before.append(left.strip("_"))
                before_adjacent = left.endswith("_")
            if right.strip("_"):
                after.append(right.strip("_"))
                after_adjacent = right.startswith("_")
            seen_verb = True
        elif seen_verb:
            after.append(token)
        else:
            before.append(token)
    if not seen_verb:
        return None
    return VerbPattern(
        tuple(before), tuple(after), codes[0], comment, lineno, before_adjacent, after_adjacent
    )


def _parse_verb(body: str, lineno: int) -> VerbEntry | None:
    forms: tuple[str, ...] = ()
    brace = re.search(r"\{([^}]*)\}", body)
    if brace:
        forms = tuple(brace.group(1).split())
        body = body[: brace.start()] + body[brace.end() :]
    codes = _parse_codes(body)
    head = _CODE.sub(" ", body).split()
    if not head:
        return None
    # A name with a space ("LASH OUT") is written as one multi-word verb.
    words, index = _split_verb("_".join(head))
    if not words:
        return None
    return VerbEntry(words, index, codes[0] if codes else None, forms, lineno)


def parse(text: str, path: str = "<string>") -> VerbDictionary:
    """A PETRARCH2 verb dictionary from its text."""
    result = VerbDictionary(path)
    block: VerbBlock | None = None
    synset: str | None = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("<!--"):
            continue
        body, comment = _strip_comment(line)
        if not body:
            if not line:  # a blank line ends a synonym set; a comment-only line does not
                synset = None
            continue
        if body.startswith("---"):
            m = _HEADER.match(body)
            if m is None or not m.group("name"):
                result.problems.append(f"line {lineno}: unreadable block header")
                block = None
                continue
            codes = _parse_codes(m.group("codes") or "")
            block = VerbBlock(m.group("name").strip(), codes[0] if codes else None, lineno, tuple(codes[1:]))
            result.blocks.append(block)
            synset = None
        elif body.startswith("&"):
            synset = _synset_key(body.split()[0])
            result.synsets.setdefault(synset, ())
        elif body.startswith("+") and synset is not None:
            result.synsets[synset] += (body[1:].strip(),)
        elif body.startswith("-"):
            if block is None:
                result.problems.append(f"line {lineno}: pattern outside a verb block")
                continue
            pattern = _parse_pattern(body, comment, lineno)
            if pattern is None:
                result.problems.append(f"line {lineno}: pattern without '*' or code")
            else:
                block.patterns.append(pattern)
        elif block is not None:
            entry = _parse_verb(body, lineno)
            if entry is None:
                result.problems.append(f"line {lineno}: unreadable verb line")
            else:
                block.verbs.append(entry)
        else:
            result.problems.append(f"line {lineno}: text outside any block or synonym set")
    return result


def read(path: str | Path) -> VerbDictionary:
    """Read a PETRARCH2 verb dictionary file (UTF-8, undecodable bytes replaced)."""
    p = Path(path)
    return parse(p.read_text(encoding="utf-8", errors="replace"), str(p))


def to_triggers(dictionary: VerbDictionary) -> list[Trigger]:
    """The dictionary's verbs with a CAMEO code as trigger entries, for `TriggerIndex.build`.

    Only the verb lists are converted (head = the verb word, the other words of a multi-word verb
    must be present); patterns are sequence rules over the sentence and stay for a pattern matcher.
    Null codes, and codes that are not in our CAMEO codebook, are skipped. Entry ids name the file's
    block and line so an event can say which user entry produced it.
    """
    out: list[Trigger] = []
    stem = Path(dictionary.path).name
    for block in dictionary.blocks:
        for entry in block.verbs:
            spec = block.code_for(entry)
            if spec is None or spec.is_null or not cameo.is_code(spec.primary):
                continue
            words = tuple(w.lower() for w in entry.words)
            out.append(
                Trigger(
                    id=f"petrarch:{stem}:{entry.line}:{'_'.join(words)}",
                    pattern=words,
                    head=words[entry.verb_index],
                    pos="VERB",
                    code=spec.primary,
                    target=("dobj",),
                    source=("nsubj", "agent"),
                    flags=frozenset(),
                    modal=None,
                    alts=(),
                )
            )
    return out


def cameo_share(codes: Iterable[CodeSpec]) -> float:
    """Share of non-null codes that are CAMEO event codes (a quick check of a user's dictionary)."""
    real = [c for c in codes if not c.is_null]
    return sum(cameo.is_code(c.primary) for c in real) / len(real) if real else 0.0


def regular_forms(base: str) -> set[str]:
    """The forms PETRARCH2 generates for a regular verb: base, 3rd person, past, gerund.

    "DEPART" -> DEPART, DEPARTS, DEPARTED, DEPARTING; "HOST" -> ... ; "ACCUSE" -> ACCUSES, ACCUSED,
    ACCUSING; "RATIFY" -> RATIFIES, RATIFIED; "PUSH" -> PUSHES. Consonants are not doubled: a verb
    that doubles ("REGRET" -> "REGRETTED") lists its forms in braces, as the format expects.
    """
    b = base.upper()
    if not b:
        return set()
    if b.endswith("E"):
        return {b, b + "S", b + "D", b[:-1] + "ING"}
    if b.endswith("Y") and len(b) > 1 and b[-2] not in "AEIOU":
        return {b, b[:-1] + "IES", b[:-1] + "IED", b + "ING"}
    if b.endswith(("S", "X", "Z", "CH", "SH")):
        return {b, b + "ES", b + "ED", b + "ING"}
    return {b, b + "S", b + "ED", b + "ING"}
