"""Answers of the slow aggregations (corpus figures, timelines, networks, map points, profiles),
kept while the store is unchanged.

On a million events, the network of every event or the counterparts of the busiest actor read
hundreds of thousands of rows; they change only when an ingest commits. A dedicated read-only
connection watches SQLite's ``data_version``, which moves whenever another connection commits, and
the cache empties itself then: an answer is never older than the store.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from newsgraph.store import Store

T = TypeVar("T")


def key(name: str, filters: Mapping[str, Any] | None = None, *more: Hashable) -> tuple[Hashable, ...]:
    """A cache key for ``name`` with these filters (lists as tuples, in name order) and ``more``."""
    given = filters or {}
    items = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in given.items()))
    return (name, items, *more)


class Cache:
    """A least-recently-used map of answers, emptied whenever the store changes."""

    def __init__(self, path: str | Path, *, size: int = 256, enabled: bool = True) -> None:
        self.enabled = enabled
        self.size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._watch = Store.open_read_only(path) if enabled else None
        self._version = self._watch.data_version() if self._watch else 0

    def get(self, cache_key: Hashable, compute: Callable[[], T]) -> T:
        """The kept answer for ``cache_key``, else ``compute()`` (kept unless the store changed
        while it ran)."""
        if not self.enabled:
            return compute()
        with self._lock:
            version = self._current()
            if cache_key in self._entries:
                self._entries.move_to_end(cache_key)
                return self._entries[cache_key]
        value = compute()
        with self._lock:
            if self._current() == version:
                self._entries[cache_key] = value
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return value

    def _current(self) -> int:
        assert self._watch is not None
        version = self._watch.data_version()
        if version != self._version:
            self._entries.clear()
            self._version = version
        return version

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
