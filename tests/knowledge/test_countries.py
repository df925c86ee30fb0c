"""Country names to ISO alpha-3: names and our abbreviations, never a word that happens to be a code."""

from __future__ import annotations

import pytest

from newsgraph.knowledge.countries import country_code


@pytest.mark.parametrize(
    ("name", "code"),
    [("Russia", "RUS"), ("the United States", "USA"), ("US", "USA"), ("U.S.", "USA"), ("UK", "GBR"),
     ("U.S", "USA"), ("U.K", "GBR"), ("DRC", "COD"), ("Laos", "LAO"), ("Chad", "TCD"), ("Peru", "PER")],
)  # fmt: skip
def test_names_and_abbreviations(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize("word", ["Mr", "Dr", "in", "us", "Pak", "Kim", "it", "no", "Me", "usa"])
def test_honorifics_pronouns_and_short_words_are_not_countries(word: str) -> None:
    # pycountry's lookup reads two- and three-letter words as ISO codes (MR = Mauritania, PAK).
    assert country_code(word) is None
