"""The CAMEO event codebook: code -> name, Goldstein weight, GDELT quad class, PLOVER type.

The table is our own data file (knowledge/data/cameo_codebook.tsv), checked against the published
GDELT and PLOVER lookups by tests/knowledge/test_cameo.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsgraph.knowledge import tables

_DATA = "cameo_codebook.tsv"

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


class UnknownCameoCode(KeyError):
    """A code that is not in the CAMEO codebook; `code` holds the offending value."""

    def __init__(self, code: object) -> None:
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return f"unknown CAMEO event code {self.code!r}"


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str  # "0871": two-digit root followed by one or two more digits
    name: str
    goldstein: float
    quad_class: int  # 1..4, see QUAD_NAMES
    plover: str  # PLOVER event type, "" where PLOVER has none
    root: str  # "08"

    @property
    def level(self) -> int:
        """1 for a root ("08"), 2 for a three-digit code ("087"), 3 for a four-digit one ("0871")."""
        return len(self.code) - 1


def _quad_of_root(root: str) -> int:
    # GDELT's QuadClass is a function of the root alone; the data file repeats it per row so the
    # table reads on its own, and _parse checks the two agree.
    n = int(root)
    if n <= 5:
        return 1
    if n <= 8:
        return 2
    if n <= 13:
        return 3
    return 4


def _parse(data: tables.Table) -> dict[str, CameoCode]:
    table: dict[str, CameoCode] = {}
    for i, (code, goldstein, quad, plover, name) in enumerate(data.rows):
        at = data.where(i)
        if not (code.isdigit() and 2 <= len(code) <= 4):
            raise ValueError(f"{at}: bad code {code!r}")
        if code in table:
            raise ValueError(f"{at}: duplicate code {code}")
        root = code[:2]
        if int(quad) != _quad_of_root(root):
            raise ValueError(f"{at}: quad class {quad} does not match root {root}")
        table[code] = CameoCode(code, name, float(goldstein), int(quad), plover, root)
    return table


@cache
def codebook() -> dict[str, CameoCode]:
    """Every CAMEO event code, keyed by its string ("01", "010", "0871")."""
    return _parse(tables.table(_DATA))


def normalize(code: str | int) -> str:
    """A code as the codebook keys it: strips blanks; ints lose their leading zero, so 871 -> "0871"
    only when that is a known code (an int cannot say whether it had one)."""
    if isinstance(code, int):
        text = str(code)
        for candidate in (text, "0" + text):
            if candidate in codebook():
                return candidate
        raise UnknownCameoCode(code)
    return code.strip()


def lookup(code: str | int) -> CameoCode:
    """The codebook entry for a code; UnknownCameoCode (a KeyError) when there is none."""
    key = normalize(code)
    try:
        return codebook()[key]
    except KeyError:
        raise UnknownCameoCode(code) from None


def event_fields(code: str | int) -> dict[str, str | int | float]:
    """The codebook's fields of an Event record for a code: every Event is coded through here."""
    entry = lookup(code)
    return {
        "cameo_code": entry.code,
        "root_code": entry.root,
        "plover_type": entry.plover,
        "quad_class": entry.quad_class,
        "goldstein": entry.goldstein,
    }


def is_code(code: str) -> bool:
    return code.strip() in codebook()


def root_of(code: str | int) -> str:
    return lookup(code).root


def quad_class(code: str | int) -> int:
    return lookup(code).quad_class


def goldstein(code: str | int) -> float:
    return lookup(code).goldstein


def plover(code: str | int) -> str:
    return lookup(code).plover


def name(code: str | int) -> str:
    return lookup(code).name


def parent(code: str | int) -> str | None:
    """The next code up ("0871" -> "087", "087" -> "08", "08" -> None)."""
    key = lookup(code).code
    return key[:-1] if len(key) > 2 else None
