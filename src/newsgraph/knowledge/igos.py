"""International organisations -> canonical name and CAMEO code (``data/igos.tsv``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsgraph.knowledge.tables import rows


@dataclass(frozen=True)
class Igo:
    name: str
    code: str  # CAMEO actor code: IGOUNO, IGOWSTNAT, NGOHRIAMN ...

    @property
    def kind(self) -> str:
        return "igo" if self.code.startswith("IGO") else "organisation"

    @property
    def sector(self) -> str:
        return self.code[:3]


@cache
def _table() -> dict[str, Igo]:
    out: dict[str, Igo] = {}
    for name, aliases, code, _ in rows("igos.tsv", 4):
        igo = Igo(name, code)
        for alias in [name, *filter(None, aliases.split("|"))]:
            out[alias.casefold()] = igo
            out.setdefault(alias.casefold().removeprefix("the "), igo)
    return out


def igo(name: str) -> Igo | None:
    """The organisation a name or acronym names ("NATO", "the UN"), else None.

    Acronyms are matched case-sensitively ("WHO", not "who"); full names case-insensitively.
    """
    key = " ".join(name.split()).strip(" ,.'’")
    found = _table().get(key.casefold()) or _table().get(key.casefold().removeprefix("the "))
    if found is None:
        return None
    if len(key) <= 5 and not key.isupper() and key.casefold() != found.name.casefold():
        return None
    return found
