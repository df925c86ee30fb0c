"""The CAMEO codebook: structure, API, and a check against the published GDELT and PLOVER tables."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from newsgraph.knowledge import cameo
from newsgraph.knowledge.cameo import UnknownCameoCode

SHARED_EVENTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "events"
GDELT = SHARED_EVENTS / "gdelt_lookups"
PLOVER_TABLE = SHARED_EVENTS / "plover" / "CAMEO2PLOVER-2021.txt"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"../shared not present: {path.name} is evaluation data beside the repo")
    return path


def _read_gdelt(path: Path) -> dict[str, str]:
    """A two-column GDELT lookup (header line, then code<TAB>value)."""
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            code, value = line.split("\t", 1)
            rows[code.strip()] = value.strip()
    return rows


def _read_plover(path: Path) -> dict[str, set[str]]:
    """code -> the PLOVER types that table gives it (a few codes are listed twice)."""
    types: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*(\d{2,4})\s*:\s*([A-Z]+)", line)
        if m:
            types[m.group(1)].add(m.group(2))
    return types


def test_codebook_shape() -> None:
    book = cameo.codebook()
    assert len(book) > 300
    roots = sorted(c for c in book if len(c) == 2)
    assert roots == [f"{n:02d}" for n in range(1, 21)]
    for code, entry in book.items():
        assert entry.code == code and entry.root == code[:2]
        assert -10.0 <= entry.goldstein <= 10.0
        assert entry.name
        # every sub-code hangs under an existing parent
        if len(code) > 2:
            assert code[:-1] in book, code


def test_api_lookups() -> None:
    assert cameo.root_of("0871") == "08"
    assert cameo.quad_class("0871") == 2
    assert cameo.quad_class("042") == 1
    assert cameo.quad_class("112") == 3
    assert cameo.quad_class("190") == 4
    assert cameo.goldstein("057") == 8.0
    assert cameo.goldstein("190") == -10.0
    assert cameo.plover("161") == "SANCTION"
    assert cameo.plover("173") == "COERCE"
    assert cameo.plover("036") == "AGREE"
    assert cameo.plover("010") == ""
    assert cameo.parent("0871") == "087"
    assert cameo.parent("08") is None
    assert cameo.lookup(57).code == "057"
    assert cameo.lookup(" 173 ").name.startswith("Arrest")


def test_unknown_code_is_a_clear_key_error() -> None:
    with pytest.raises(KeyError) as info:
        cameo.goldstein("999")
    assert isinstance(info.value, UnknownCameoCode)
    assert info.value.code == "999"
    assert "999" in str(info.value)
    with pytest.raises(UnknownCameoCode):
        cameo.root_of("21")


def test_codebook_matches_published_gdelt_tables() -> None:
    names = _read_gdelt(_need(GDELT / "CAMEO.eventcodes.txt"))
    weights = _read_gdelt(_need(GDELT / "CAMEO.goldsteinscale.txt"))
    book = cameo.codebook()
    assert set(book) - set(names) == set(), "codes we have that GDELT does not"
    assert set(names) - set(book) == set(), "GDELT codes we lack"
    assert set(weights) == set(names)
    wrong = {c: (book[c].goldstein, float(v)) for c, v in weights.items() if book[c].goldstein != float(v)}
    assert wrong == {}, "Goldstein values that differ (ours, GDELT's)"
    # Names are our own wording; only count how many read differently, for the record.
    differ = sum(1 for c, n in names.items() if book[c].name.casefold() != n.casefold())
    print(f"codebook: {len(book)} codes; {differ} names worded differently from GDELT's")


def test_plover_types_match_published_mapping() -> None:
    table = _read_plover(_need(PLOVER_TABLE))
    book = cameo.codebook()
    # The PLOVER table lists a few four-digit codes GDELT's code set lacks (1213, 1214 in the 2021
    # version); they must at least hang under a code we have, and are otherwise left out.
    extra = sorted(c for c in table if c not in book)
    assert all(c[:-1] in book for c in extra), extra
    assert len(extra) <= 5, extra
    wrong = {
        c: (book[c].plover, sorted(t)) for c, t in table.items() if c in book and book[c].plover not in t
    }
    assert wrong == {}, "PLOVER types that differ (ours, the table's)"
    # Codes the table does not map: PLOVER dropped roots 01 and 02, so those stay empty with us.
    unmapped = {c for c in book if c not in table}
    assert {c[:2] for c in unmapped} == {"01", "02"}
    assert all(book[c].plover == "" for c in unmapped)
    print(f"plover: {len(table)} codes mapped, {len(extra)} not in GDELT's set: {extra}")


def test_event_fields_are_the_codebook_entry() -> None:
    fields = cameo.event_fields("0871")
    entry = cameo.lookup("0871")
    assert fields == {
        "cameo_code": "0871",
        "root_code": "08",
        "plover_type": entry.plover,
        "quad_class": entry.quad_class,
        "goldstein": entry.goldstein,
    }
