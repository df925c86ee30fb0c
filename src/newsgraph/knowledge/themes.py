"""The theme taxonomy: themes (``data/themes.tsv``) and their trigger terms
(``data/theme_triggers.tsv``); see those files' headers for what each column means."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsgraph.knowledge import domains, tables

FAMILIES = (
    "politics",
    "conflict",
    "diplomacy",
    "economy",
    "society",
    "environment",
    "sport",
    "entertainment",
    "science",
)
#: Placeholders a trigger may use instead of a word.
PLACEHOLDERS = frozenset({"{score}", "{name}", "{num}"})
_PLACEHOLDER = re.compile(r"\{\w+\}")


@dataclass(frozen=True)
class Theme:
    name: str
    family: str
    domain: str
    description: str


@dataclass(frozen=True)
class Trigger:
    theme: str
    text: str  # as written, without a leading "="
    exact: bool  # "=word": this word form only
    pattern: bool  # has a placeholder: matched as a token pattern
    line: int  # line of theme_triggers.tsv, for messages


@cache
def themes() -> dict[str, Theme]:
    """Theme name -> Theme, in the table's order; a bad family or domain is an error."""
    t = tables.table("themes")
    found: dict[str, Theme] = {}
    for i, row in enumerate(t.rows):
        theme = Theme(*row)
        if theme.family not in FAMILIES:
            raise tables.TableError(f"{t.where(i)}: unknown family {theme.family!r}")
        if theme.domain not in domains.labels():
            raise tables.TableError(f"{t.where(i)}: unknown domain {theme.domain!r}")
        if theme.name in found:
            raise tables.TableError(f"{t.where(i)}: theme {theme.name} listed twice")
        found[theme.name] = theme
    return found


@cache
def triggers() -> tuple[Trigger, ...]:
    """Every trigger of every theme; an unknown theme or placeholder is an error."""
    t = tables.table("theme_triggers")
    known = themes()
    found: list[Trigger] = []
    for i, (theme, terms) in enumerate(t.rows):
        if theme not in known:
            raise tables.TableError(f"{t.where(i)}: unknown theme {theme!r}")
        for term in (x.strip() for x in terms.split(";")):
            if not term:
                continue
            exact = term.startswith("=")
            text = term.lstrip("=").strip()
            holders = set(_PLACEHOLDER.findall(text))
            if holders - PLACEHOLDERS:
                raise tables.TableError(f"{t.where(i)}: unknown placeholder in {term!r}")
            found.append(Trigger(theme, text, exact, bool(holders), t.lines[i]))
    return tuple(found)


def theme_names() -> tuple[str, ...]:
    return tuple(themes())


def by_family() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {f: [] for f in FAMILIES}
    for theme in themes().values():
        out[theme.family].append(theme.name)
    return out
