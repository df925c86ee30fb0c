"""Reading the project's own TSV tables (comment lines start with '#')."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def rows(name: str, width: int) -> tuple[tuple[str, ...], ...]:
    """Rows of ``data/<name>``, each padded with "" (or cut) to ``width`` stripped fields."""
    text = resources.files("newsgraph.knowledge").joinpath(f"data/{name}").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        out.append(tuple((fields + [""] * width)[:width]))
    return tuple(out)
