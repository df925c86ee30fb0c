"""Tone: VADER's compound score (vaderSentiment, a lexicon that ships inside the package).

The score lies in [-1, 1]: below 0 negative, above 0 positive. GDELT's AvgTone is a
different scale (percentage of positive minus negative words, about -10..+10 in
practice); we keep VADER's number and say so rather than pretend to be GDELT's.
"""

from __future__ import annotations

from functools import cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def tone(text: str) -> float | None:
    """VADER compound score of a text, rounded to 4 places; None for text without words."""
    if not any(ch.isalpha() for ch in text):
        return None
    return round(_analyzer().polarity_scores(text)["compound"], 4)


def article_tone(paragraphs: list[str]) -> float | None:
    """Mean paragraph tone: VADER saturates on long texts, paragraphs keep it informative."""
    scores = [s for s in (tone(p) for p in paragraphs) if s is not None]
    return round(sum(scores) / len(scores), 4) if scores else None
