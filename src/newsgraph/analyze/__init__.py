"""Analysis: Article in, Analysis (actors, mentions, ...) out. Pure: no I/O."""

from newsgraph.analyze.pipeline import analyze, analyze_batch, load_nlp

__all__ = ["analyze", "analyze_batch", "load_nlp"]
