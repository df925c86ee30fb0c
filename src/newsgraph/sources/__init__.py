"""Readers that turn paths (files, folders, globs, stdin) into raw documents.

Every reader is a generator: a corpus is never held in memory whole. A reader
yields `RawDocument`s, and an `Error` record for anything it cannot read, so one
bad file never stops a batch.
"""

from newsgraph.sources.files import iter_documents
from newsgraph.sources.raw import RawDocument

__all__ = ["RawDocument", "iter_documents"]
