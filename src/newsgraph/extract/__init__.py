"""Extraction: raw bytes in, one clean `Article` out (or an ExtractError saying why)."""

from newsgraph.extract.article import BatchExtractor, ExtractError, extract

__all__ = ["BatchExtractor", "ExtractError", "extract"]
