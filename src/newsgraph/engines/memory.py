"""Handing freed heap memory back to the system during a long batch.

glibc's allocator keeps the pages of freed memory for reuse: after one large document (a 50 MB
page, a deep tree) the process stays as large as that document made it, and the small
allocations of the documents after it spread over the kept pages. `malloc_trim` returns the
free pages inside the heap, not only at its top. A batch calls `Trim.tick` once per document;
every `EVERY` documents it trims, for about 10 ms on a 500 MB heap.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return getattr(libc, "malloc_trim", None)  # glibc only: musl has none


def release_free_heap() -> bool:
    """Give the heap's free pages back to the system; False where the C library cannot."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


class Trim:
    """Counts finished documents and releases the free heap every `every` of them."""

    EVERY = 1000

    def __init__(self, every: int = EVERY) -> None:
        self.every = every
        self._since = 0

    def tick(self, documents: int = 1) -> None:
        self._since += documents
        if self._since >= self.every:
            self._since = 0
            release_free_heap()
