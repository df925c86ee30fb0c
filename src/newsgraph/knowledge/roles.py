"""Title and role words -> sector and canonical role; named national institutions.

Tables: ``data/roles.tsv`` (phrase, sector, role, applies) and ``data/institutions.tsv``
(name, country, sector, kind, role).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsgraph.knowledge.tables import rows


@dataclass(frozen=True)
class Role:
    phrase: str  # the table entry, lower case
    sector: str  # CAMEO sector code, "" when the role does not say
    role: str  # canonical role words
    applies: str  # person | body | any


@dataclass(frozen=True)
class Institution:
    name: str
    country: str  # alpha-3, or "*" = the country the text gives
    sector: str
    kind: str
    role: str


@cache
def roles() -> dict[str, Role]:
    return {p.casefold(): Role(p.casefold(), s, r, a or "any") for p, s, r, a, _ in rows("roles.tsv", 5)}


@cache
def max_role_words() -> int:
    return max(len(p.split()) for p in roles())


def role(phrase: str) -> Role | None:
    """The role a phrase names ("Foreign Minister", "spokeswoman"), else None; plural "-s" tried."""
    key = " ".join(phrase.casefold().replace("-", " ").split())
    table = roles()
    if key in table:
        return table[key]
    if key.endswith("s") and key[:-1] in table:
        return table[key[:-1]]
    return None


@cache
def institutions() -> dict[str, Institution]:
    return {n.casefold(): Institution(n, c, s, k, r) for n, c, s, k, r, _ in rows("institutions.tsv", 6)}


def institution(name: str) -> Institution | None:
    key = " ".join(name.split())
    for candidate in (key, key.removeprefix("the ").removeprefix("The ")):
        found = institutions().get(candidate.casefold())
        if found:
            return found
    return None
