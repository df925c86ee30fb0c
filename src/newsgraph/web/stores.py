"""Read-only stores for the server's worker threads, each read under a time limit.

A request takes a store from the pool, runs its reads through a :class:`~newsgraph.query.Query`
under :meth:`~newsgraph.store.Store.time_limit`, and gives the store back. Opening is cheap, but a
warm connection keeps SQLite's page cache, so idle ones are kept (up to ``keep``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsgraph.query import Query
from newsgraph.store import Store
from newsgraph.store.db import Deadline


class Stores:
    """Read-only connections to one store file, handed out one request at a time."""

    def __init__(self, path: str | Path, *, timeout: float = 5.0, keep: int = 8) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.keep = keep
        self._idle: list[Store] = []
        self._lock = threading.Lock()
        # Fail at start-up, not on the first request, when the file is missing or not current.
        self._give(Store.open_read_only(self.path))

    def _take(self) -> Store:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return Store.open_read_only(self.path)

    def _give(self, store: Store) -> None:
        with self._lock:
            if len(self._idle) < self.keep:
                self._idle.append(store)
                return
        store.close()

    @contextmanager
    def query(self, timeout: float | None = None) -> Iterator[Query]:
        """A Query whose reads stop with QueryTimeout past ``timeout`` seconds (default: the pool's)."""
        with self.streaming(timeout) as (q, _deadline):
            yield q

    @contextmanager
    def streaming(self, timeout: float | None = None) -> Iterator[tuple[Query, Deadline]]:
        """A Query and its deadline, which a long stream restarts for each batch it sends."""
        store = self._take()
        try:
            with store.time_limit(self.timeout if timeout is None else timeout) as deadline:
                yield Query(store), deadline
        finally:
            self._give(store)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for store in idle:
            store.close()
