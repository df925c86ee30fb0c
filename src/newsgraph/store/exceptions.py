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


class StoreBusy(StoreError):
    """Another process holds the store's lock for longer than this one waits (two ingests creating
    one new store at the same moment, a long write elsewhere); trying again later works."""

    def __init__(self, path: str, waited_s: float) -> None:
        super().__init__(
            f"the store {path!r} is busy: another process is creating or writing it and still held it "
            f"after {waited_s:g} s; try again when that process is done"
        )
        self.path = path


def is_busy(exc: BaseException) -> bool:
    """Whether an SQLite error means another connection holds the lock ("database is locked")."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED and their extended codes
    return "locked" in str(exc) or "busy" in str(exc)
