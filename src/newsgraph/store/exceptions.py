"""The store's exception types."""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot do what was asked: bad schema, ambiguous id, failed write."""


class AmbiguousIdError(StoreError):
    """An id prefix matches more than one article; ``candidates`` lists (some of) them."""

    def __init__(self, prefix: str, candidates: list[str], more: bool) -> None:
        listed = ", ".join(candidates) + (", ..." if more else "")
        super().__init__(f"id prefix {prefix!r} is ambiguous; it matches: {listed}")
        self.prefix = prefix
        self.candidates = candidates


class QueryTimeout(StoreError):
    """A read ran past the time limit it was given (:meth:`newsgraph.store.Store.time_limit`)."""
