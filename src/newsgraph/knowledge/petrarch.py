"""Read PETRARCH/TABARI-format actor and agent dictionaries a user brings.

Actor dictionaries (``*.actors.txt``) hold entries like::

    VLADIMIR_PUTIN_  # a comment
    +PUTIN_                        <- synonyms of the entry above
    +PRESIDENT_VLADIMIR_PUTIN_
        [RUSELI 700101-990809]     <- a code for a date range (YYMMDD or YYYYMMDD)
        [RUSGOV >080508]           <- from a date on;  [XXX <900823] up to a date
        [RUSELI]                   <- the code outside every range (the default)
    NATO_ [IGOWSTNAT]              <- a code on the entry's own line

Words are joined by ``_`` (or spaces); a trailing ``_`` marks the end of a phrase. Comments start
with ``#``; ``<!-- ... -->`` lines (the validation-suite format) are skipped. Agent dictionaries
(``*.agents.txt``) map role words to agent codes: ``FARMER [~AGR]`` (``~`` = the code follows the
country code), ``CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]`` (braces: irregular plurals),
``!MINIST! [~GOV]`` with substitution sets ``!MINIST! = MINISTER, MINISTRY, ...``.

Two-digit years follow PETRARCH's reading: 00-29 are 20xx, 30-99 are 19xx.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

CODE = re.compile(r"\[([^\]]*)\]")


def phrase_key(text: str) -> str:
    """ "PRESIDENT_VLADIMIR_PUTIN_" / "President Vladimir Putin" -> "PRESIDENT VLADIMIR PUTIN"."""
    return " ".join(re.sub(r"[_\s]+", " ", text).upper().strip(" .,").split())


def _date(text: str) -> str:
    """ "080507" -> "2008-05-07", "20140607" -> "2014-06-07"; "" if unreadable."""
    digits = text.strip()
    if len(digits) == 6 and digits.isdigit():
        yy = int(digits[:2])
        year = 2000 + yy if yy < 30 else 1900 + yy
        return f"{year:04d}-{digits[2:4]}-{digits[4:6]}"
    if len(digits) == 8 and digits.isdigit():
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"
    return ""


@dataclass(frozen=True)
class DatedCode:
    code: str
    start: str = ""  # ISO date, "" = open
    end: str = ""

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)

    def covers(self, date: str) -> bool:
        day = date[:10]
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


def parse_code(inside: str) -> DatedCode | None:
    """The inside of ``[...]``: "RUSGOV 000508-080507", "RUSGOV >080508", "USRARM <900823", "IGOUNO"."""
    parts = inside.split(None, 1)
    if not parts or not re.fullmatch(r"[A-Z0-9~/]{3,}", parts[0]):
        return None
    code = parts[0]
    if len(parts) == 1:
        return DatedCode(code)
    when = parts[1].replace(" ", "")
    if when.startswith(">"):
        return DatedCode(code, start=_date(when[1:]))
    if when.startswith("<"):
        return DatedCode(code, end=_date(when[1:]))
    if "-" in when:
        a, b = when.split("-", 1)
        return DatedCode(code, start=_date(a), end=_date(b))
    return DatedCode(code)


@dataclass
class ActorEntry:
    name: str  # the entry's head phrase (key form)
    synonyms: list[str] = field(default_factory=list)
    codes: list[DatedCode] = field(default_factory=list)
    comment: str = ""
    source: str = ""  # file:line of the head phrase
    group: str = ""  # file:line of the first head of its group (heads above one code list: one actor)

    def code_on(self, date: str = "") -> DatedCode | None:
        """The code for a date: a dated range covering it first, else the undated default.

        Without a date, the default; with no default, the latest-starting range.
        """
        if date:
            for code in self.codes:
                if code.dated and code.covers(date):
                    return code
        defaults = [c for c in self.codes if not c.dated]
        if defaults:
            return defaults[-1]
        if not date and self.codes:
            return max(self.codes, key=lambda c: c.start)
        return None


@dataclass
class ActorDictionary:
    entries: list[ActorEntry] = field(default_factory=list)
    index: dict[str, ActorEntry] = field(default_factory=dict)  # phrase key -> entry

    def lookup(self, name: str) -> ActorEntry | None:
        return self.index.get(phrase_key(name))

    def code(self, name: str, date: str = "") -> tuple[str, str] | None:
        """(code, rule) for a name on a date, else None."""
        entry = self.lookup(name)
        found = entry.code_on(date) if entry else None
        if entry is None or found is None:
            return None
        span = f" {found.start or '…'}..{found.end or '…'}" if found.dated else ""
        return found.code, f"dict:{entry.name}[{found.code}{span}]@{entry.source}"


def read_actor_dictionary(paths: str | Path | Iterable[str | Path]) -> ActorDictionary:
    """One lookup over one or more actor dictionary files (later files add, earlier entries win)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    book = ActorDictionary()
    for path in paths:
        _read_actor_file(Path(path), book)
    return book


def _strip_comment(line: str) -> tuple[str, str]:
    if "#" in line:
        body, comment = line.split("#", 1)
        return body, comment.strip()
    return line, ""


def _read_actor_file(path: Path, book: ActorDictionary) -> None:
    # Entries whose head and synonyms come without codes share the codes of the block that
    # follows them (the files group spelling variants as separate heads above one code list).
    # "[---]" (a null code) counts as a code line: it closes the group without giving a code.
    group: list[ActorEntry] = []
    group_has_codes = False

    def add_codes(codes: list[DatedCode], found: bool) -> None:
        nonlocal group_has_codes
        for entry in group:
            entry.codes.extend(codes)
        group_has_codes = group_has_codes or found

    def finish_group() -> None:
        nonlocal group_has_codes
        for entry in group:
            book.entries.append(entry)
            for phrase in [entry.name, *entry.synonyms]:
                book.index.setdefault(phrase, entry)
        group.clear()
        group_has_codes = False

    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, raw in enumerate(fh, start=1):
            if raw.lstrip().startswith("<!--") or raw.startswith("#"):
                continue
            body, comment = _strip_comment(raw.rstrip("\n"))
            if not body.strip():
                continue
            found = CODE.findall(body)
            codes = [c for c in (parse_code(m) for m in found) if c]
            phrase_text = CODE.sub(" ", body)
            if body.lstrip().startswith("+"):
                if group:
                    key = phrase_key(phrase_text.lstrip().lstrip("+"))
                    if key:
                        group[-1].synonyms.append(key)
                    add_codes(codes, bool(found))
                continue
            key = phrase_key(phrase_text)
            if not key:
                add_codes(codes, bool(found))  # a code line under the entry
                continue
            if group_has_codes or found:
                finish_group()  # codes on a head's own line belong to that head (and its synonyms)
            where = f"{path.name}:{number}"
            first = group[0].group if group else where
            group.append(ActorEntry(name=key, comment=comment, source=where, group=first))
            add_codes(codes, bool(found))
    finish_group()


@dataclass(frozen=True)
class AgentCode:
    code: str  # e.g. "GOV", "BUSMIL"
    position: str  # "suffix" ([~GOV]: after the country code) or "prefix" ([GOV~])
    source: str = ""


@dataclass
class AgentDictionary:
    index: dict[str, AgentCode] = field(default_factory=dict)

    def lookup(self, words: str) -> AgentCode | None:
        key = phrase_key(words)
        return self.index.get(key) or (self.index.get(key[:-1]) if key.endswith("S") else None)


@dataclass(frozen=True)
class AgentEntry:
    phrase: str  # key form: "RIOT POLICE"
    code: AgentCode
    plural: bool = False  # listed as the irregular plural ({...}) of the line's head
    no_plural: bool = False  # the line has "{}": the head takes no plural (POLICE {})
    comment: str = ""


def agent_entries(path: str | Path) -> list[AgentEntry]:
    """Every phrase of an agents file, substitution sets expanded, in file order."""
    substitutions: dict[str, list[str]] = {}
    out: list[AgentEntry] = []
    with Path(path).open(encoding="utf-8", errors="replace") as fh:
        for number, raw in enumerate(fh, start=1):
            body, comment = _strip_comment(raw.rstrip("\n"))
            if not body.strip() or raw.lstrip().startswith("<!--"):
                continue
            sub = re.fullmatch(r"\s*(![A-Z]+!)\s*=\s*(.+)", body)
            if sub:
                substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
                continue
            found = CODE.search(body)
            if not found:
                continue
            inside = found.group(1).strip()
            position = "prefix" if inside.endswith("~") else "suffix"
            code = AgentCode(inside.strip("~"), position, f"{Path(path).name}:{number}")
            head = body[: found.start()]
            plurals = re.findall(r"\{([^}]*)\}", head)
            no_plural = any(not p.strip() for p in plurals)
            head = re.sub(r"\{[^}]*\}", " ", head)
            for phrase in _expand(head, substitutions):
                key = phrase_key(phrase)
                if key:
                    out.append(AgentEntry(key, code, no_plural=no_plural, comment=comment))
            for phrase in (p for pl in plurals for p in _expand(pl, substitutions)):
                key = phrase_key(phrase)
                if key:
                    out.append(AgentEntry(key, code, plural=True, comment=comment))
    return out


def read_agent_dictionary(paths: str | Path | Iterable[str | Path]) -> AgentDictionary:
    if isinstance(paths, (str, Path)):
        paths = [paths]
    book = AgentDictionary()
    for path in paths:
        for entry in agent_entries(path):
            book.index.setdefault(entry.phrase, entry.code)
    return book


def _expand(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    """ "!PERSON!" and similar set names replaced by each of their members (glued to what follows)."""
    match = re.search(r"![A-Z]+!", phrase)
    if not match or match.group(0) not in substitutions:
        return [phrase]
    out = []
    for word in substitutions[match.group(0)]:
        out.extend(_expand(phrase[: match.start()] + word + phrase[match.end() :], substitutions))
    return out
