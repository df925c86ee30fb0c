"""Merging of registry records (actors, places) that several articles share.

The first writer wins on every non-empty field; later writers only fill gaps and
add aliases/roles. This keeps an actor's identity stable however many articles
name it, and makes re-inserting the same actor a no-op.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from newsgraph.records import Actor, Place

R = TypeVar("R", Actor, Place)


def union(old: list[str], new: list[str]) -> list[str]:
    """Set union that keeps first-seen order (old entries first)."""
    return list(dict.fromkeys([*old, *new]))


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def fill(old: R, new: R) -> R:
    """``old`` with each empty field taken from ``new``; lists are unioned."""
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(old):
        mine, theirs = getattr(old, f.name), getattr(new, f.name)
        if isinstance(mine, list):
            merged = union(mine, theirs)
            if merged != mine:
                changes[f.name] = merged
        elif _empty(mine) and not _empty(theirs):
            changes[f.name] = theirs
    return dataclasses.replace(old, **changes) if changes else old
