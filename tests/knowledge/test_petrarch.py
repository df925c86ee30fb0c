"""The PETRARCH-format actor and agent dictionary reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.paths import SHARED

from newsgraph.knowledge.petrarch import parse_code, phrase_key, read_actor_dictionary, read_agent_dictionary

PETRARCH = SHARED / "corpora" / "events" / "petrarch2"

# An invented dictionary in the format (no entry from any real dictionary).
ACTORS = """\
# test actors
ALDUS_BRANT_
+A._BRANT
ALDO_BRANT_  # invented politician
+BRANT_
+PRESIDENT_ALDO_BRANT_
\t[FRSELI 900101-041231]
\t[FRSGOV >050101]
\t[FRSELI]
REPUBLIC_OF_FREDONIA_ [FRS]
+FREDONIA_
OLD_FREDONIA_ [FRS <891231]
WIDGET_UNION [IGOWDG]  # on the head's own line
"""

AGENTS = """\
!PERSON! = MAN, WOMAN
FERRY!PERSON! [~TRN]
HARBOUR_MASTER {HARBOUR_MASTERS} [~GOV]
ADMIRAL [MIL~]
"""


def test_codes_and_dates() -> None:
    assert parse_code("RUSGOV 000508-080507").start == "2000-05-08"
    assert parse_code("RUSGOV 000508-080507").end == "2008-05-07"
    assert parse_code("USAGOV > 130701").start == "2013-07-01"
    assert parse_code("XYZ <900823").end == "1990-08-23"
    assert parse_code("UKRGOV > 20140607").start == "2014-06-07"
    assert parse_code("---") is None
    assert (
        phrase_key("PRESIDENT_ALDO_BRANT_") == phrase_key("President Aldo  Brant") == "PRESIDENT ALDO BRANT"
    )


def test_actor_dictionary_with_dated_codes(tmp_path: Path) -> None:
    path = tmp_path / "test.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    book = read_actor_dictionary(path)
    assert [e.name for e in book.entries] == [
        "ALDUS BRANT",
        "ALDO BRANT",
        "REPUBLIC OF FREDONIA",
        "OLD FREDONIA",
        "WIDGET UNION",
    ]
    assert book.code("Aldo Brant", "1995-06-01")[0] == "FRSELI"
    assert book.code("Brant", "2010-06-01")[0] == "FRSGOV"
    assert book.code("President Aldo Brant", "2004-12-31")[0] == "FRSELI"
    assert book.code("Aldo Brant")[0] == "FRSELI"  # no date: the default
    # A head with no codes of its own shares the block below it.
    assert book.code("A. Brant", "2010-01-01")[0] == "FRSGOV"
    assert book.code("Fredonia")[0] == "FRS"
    assert book.code("Old Fredonia", "1980-01-01")[0] == "FRS"
    assert book.code("Old Fredonia", "1995-01-01") is None
    assert book.code("Widget Union")[0] == "IGOWDG"
    _code, rule = book.code("Brant", "2010-06-01")
    assert rule.startswith("dict:ALDO BRANT[FRSGOV 2005-01-01..") and "test.actors.txt:4" in rule
    assert book.code("Nobody") is None


def test_agent_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "test.agents.txt"
    path.write_text(AGENTS, encoding="utf-8")
    book = read_agent_dictionary(path)
    assert book.lookup("ferryman").code == "TRN" and book.lookup("ferrywoman").position == "suffix"
    assert book.lookup("harbour masters").code == "GOV"
    assert book.lookup("admiral").position == "prefix"
    assert book.lookup("admirals").code == "MIL"
    assert book.lookup("poet") is None


def _phoenix(name: str) -> Path:
    path = PETRARCH / name
    if not path.exists():
        pytest.skip(f"../shared not present: {path}")
    return path


def test_phoenix_actor_dictionaries() -> None:
    files = [_phoenix(f"Phoenix.{n}.actors.txt") for n in ("Countries", "International", "MilNonState")]
    book = read_actor_dictionary(files)
    assert len(book.entries) > 25_000 and len(book.index) > len(book.entries)
    # A person whose code changes with the date: government in office, elite before.
    assert book.code("Vladimir Putin", "2005-01-01")[0] == "RUSGOV"
    assert book.code("Putin", "1995-01-01")[0] == "RUSELI"
    assert book.code("President Putin", "2015-01-01")[0] == "RUSGOV"
    assert book.code("Dmitry Medvedev", "2007-01-01")[0] == "RUSGOV"
    assert book.code("Javier Solana", "1997-01-01")[0] == "IGOWSTNAT"
    assert book.code("Javier Solana", "1995-09-01")[0].startswith("IGOEUR")
    assert book.code("NATO")[0] == "IGOWSTNAT"
    assert book.code("North Atlantic Treaty Organization")[0] == "IGOWSTNAT"
    assert book.code("Russia")[0] == "RUS" and book.code("Afghanistan")[0] == "AFG"


def test_phoenix_agent_dictionary() -> None:
    book = read_agent_dictionary(_phoenix("Phoenix.agents.txt"))
    assert len(book.index) > 2_000
    assert book.lookup("minister").code == "GOV"
    assert book.lookup("farmers").code == "AGR"
    assert book.lookup("chambers of commerce").code == "BUS"
