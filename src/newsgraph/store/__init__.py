"""The embedded store: one SQLite file holding articles, their analyses and errors.

>>> from newsgraph.store import Store
>>> with Store("news.db") as store:          # doctest: +SKIP
...     store.add_analysis(analysis)
"""

from newsgraph.store.db import RECORD_TABLES, Store
from newsgraph.store.exceptions import AmbiguousIdError, QueryTimeout, StoreBusy, StoreError

__all__ = ["RECORD_TABLES", "AmbiguousIdError", "QueryTimeout", "Store", "StoreBusy", "StoreError"]
