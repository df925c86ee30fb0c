"""The Phoenix-derived actor tables are what knowledge/derive/phoenix.py makes of the dictionaries."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.paths import SHARED

from newsgraph.knowledge.derive import phoenix
from newsgraph.knowledge.people import AS_OF

PETRARCH = SHARED / "corpora" / "events" / "petrarch2"
DATA = Path(phoenix.__file__).resolve().parent.parent / "data"

needs_dictionaries = pytest.mark.skipif(
    not (PETRARCH / "Phoenix.Countries.actors.txt").exists(),
    reason="../shared/corpora/events/petrarch2 (the Phoenix dictionaries) is not beside the repo",
)


@pytest.fixture(scope="module")
def derivation() -> tuple[dict[str, str], dict[str, str]]:
    texts, _, latest = phoenix.derive(PETRARCH)
    return texts, latest


@needs_dictionaries
@pytest.mark.parametrize("name", ["agents.tsv", "people.tsv", "organisations.tsv"])
def test_the_script_reproduces_the_committed_tables(derivation: tuple, name: str) -> None:
    committed = (DATA / name).read_text(encoding="utf-8")
    assert derivation[0][name] == committed, (
        f"{name} differs from what the script derives: run python -m newsgraph.knowledge.derive.phoenix"
    )


@needs_dictionaries
def test_the_horizon_of_open_ranges_is_the_latest_date_of_each_file(derivation: tuple) -> None:
    assert derivation[1] == AS_OF


def test_derivation_helpers() -> None:
    assert phoenix.natural_case("BASHAR AL-ASSAD") == "Bashar al-Assad"
    assert phoenix.natural_case("VLADIMIR V. PUTIN") == "Vladimir V. Putin"
    assert phoenix.natural_case("DENIS MCDONOUGH") == "Denis McDonough"
    assert phoenix.natural_case("BRENDAN O'CONNOR") == "Brendan O'Connor"
    assert (
        phoenix.natural_case("BASQUE FATHERLAND AND FREEDOM (ETA)") == "Basque Fatherland and Freedom (Eta)"
    )
    assert phoenix._agent_phrases("MINISTRY_OF_THE_INTERIOR") == ["INTERIOR MINISTRY"]
    assert phoenix._agent_phrases("DEFENCE_MINIST") == ["DEFENCE MINISTER", "DEFENCE MINISTRY"]
    assert phoenix._one_slip("chrstian", "christian") and phoenix._one_slip("wlufs", "wulfs")
    assert not phoenix._one_slip("morsi", "mursi")  # a transliteration, not a slip


def test_dates_read_as_the_wrong_century_are_mended() -> None:
    from newsgraph.knowledge.petrarch import DatedCode

    fixed = phoenix._fix_century(DatedCode("XYZELI", "2027-01-01", "1991-05-01"))
    assert (fixed.start, fixed.end) == ("1927-01-01", "1991-05-01")
    kept = phoenix.recent_codes([DatedCode("XYZGOV", "1980-01-01", "1985-01-01"), DatedCode("XYZELI")])
    assert [c.code for c in kept] == ["XYZELI"]  # ranges that ended before 1990 are left out
    assert [c.code for c in phoenix.recent_codes([DatedCode("ANGREB")])] == ["AGOREB"]


def test_tables_carry_the_licence_and_stay_small() -> None:
    for name in ("agents.tsv", "people.tsv", "organisations.tsv"):
        text = (DATA / name).read_text(encoding="utf-8")
        assert "Copyright (c) 2014 Open Event Data Alliance" in text[:6000], name
        assert len(text.encode()) < 1_500_000, f"{name}: the repository refuses files over 2 MB"
