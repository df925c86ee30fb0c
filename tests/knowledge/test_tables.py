"""The one table reader, and every packaged table in its format."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from newsgraph.knowledge import tables


def _names() -> list[str]:
    folder = resources.files("newsgraph.knowledge").joinpath("data")
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tsv"))


@pytest.mark.parametrize("name", _names())
def test_every_table_names_its_columns_and_says_what_a_row_means(name: str) -> None:
    text = resources.files("newsgraph.knowledge").joinpath(f"data/{name}").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and "\t" in lines[0]
    assert lines[1].startswith("#"), "a comment after the column line says what a row means"
    t = tables.table(name)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in t.columns), t.columns
    assert t.rows and all(len(r) == len(t.columns) for r in t.rows)


def test_parse_pads_short_rows_and_rejects_wide_ones() -> None:
    t = tables.parse("# a\tb\tc\n# a row is a test\nx\ty\n", "t.tsv")
    assert t.rows == (("x", "y", ""),) and t.where(0) == "t.tsv:3" and t.column("b") == ("y",)
    with pytest.raises(tables.TableError, match=r"t.tsv:2: 3 fields"):
        tables.parse("# a\tb\nx\ty\tz\n", "t.tsv")
    with pytest.raises(tables.TableError, match="first line"):
        tables.parse("x\ty\n", "t.tsv")
    with pytest.raises(tables.TableError, match="no column"):
        t.column("d")


def test_groups_read_word_lists_and_unknown_groups_are_errors() -> None:
    t = tables.parse("# group\tword\n# a word of a list\nverbs\tgo\nverbs\tcome\nnouns\tdog\n", "g.tsv")
    assert {r[0] for r in t.rows} == {"verbs", "nouns"}
    with pytest.raises(tables.TableError, match="no group"):
        tables.group("roles.tsv", "nothing-here")
