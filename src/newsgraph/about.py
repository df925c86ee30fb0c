"""The package's version, in a module of its own so that any stage can read it without importing
the package's public API (``newsgraph/__init__.py`` imports the whole query side)."""

__version__ = "0.1.0"
