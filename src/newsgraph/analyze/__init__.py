"""Analysis: Article in, Analysis (actors, mentions, ...) out. Pure: no I/O."""

from newsgraph.analyze.pipeline import analyze, load_nlp

__all__ = ["analyze", "load_nlp"]
