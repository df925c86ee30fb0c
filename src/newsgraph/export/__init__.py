"""Exports: the store's records as files other tools read (GDELT 2.0 event TSV, JSONL, Parquet, CSV).

Every writer takes an iterator of records from :mod:`newsgraph.query` and streams it: memory stays
constant however large the store. ``export(query, table, fmt, out, **filters)`` is the one entry
point the CLI uses.
"""

from newsgraph.export.run import FORMATS, export, export_to

__all__ = ["FORMATS", "export", "export_to"]
