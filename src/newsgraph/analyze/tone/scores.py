"""Tone on GDELT's scale, from vaderSentiment's lexicon and rules. Pure: text and counts in,
numbers out (no spaCy), so exports and other tools can use the same formulas.

GDELT's Global Knowledge Graph reports tone as percentages of an article's words (its V1.5TONE
field). We count the same way, with VADER deciding which words are emotional:

- a *word* is a whitespace-separated token with a letter or a digit in it (VADER's own split);
- a word is *positive* (*negative*) when VADER's valence for it, in context, is above (below)
  zero: VADER's lexicon value after its rules for negation ("not good"), boosters ("very"),
  capitals, "but" and idioms, so "not a success" counts a negative word, not a positive one;
- ``Positive`` = 100 * positive words / words; ``Negative`` = 100 * negative words / words;
- ``Tone`` = Positive - Negative (GDELT's "average tone": -100..+100, in practice about -10..+10);
- ``Polarity`` = Positive + Negative (how emotionally charged the text is, whatever the sign);
- ``Activity`` = 100 * verbs / words and ``Self/Group`` = 100 * personal and possessive pronouns
  / words (GDELT's activity and self/group reference densities; the verbs and pronouns are counted
  by the tone component on the parsed text, see ``newsgraph.analyze.tone``).

Counts add up, so a paragraph's or an article's scores are the formulas over the sum of its
sentences' counts (pooled, i.e. weighted by words), never a mean of percentages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText

#: Decimal places kept for percentages and the compound score.
PLACES = 4


@dataclass(frozen=True)
class ToneCounts:
    """Word counts a tone is computed from; they add up over sentences."""

    words: int = 0
    positive: int = 0
    negative: int = 0
    activity: int = 0
    self_group: int = 0

    def __add__(self, other: ToneCounts) -> ToneCounts:
        return ToneCounts(
            self.words + other.words,
            self.positive + other.positive,
            self.negative + other.negative,
            self.activity + other.activity,
            self.self_group + other.self_group,
        )


@dataclass(frozen=True)
class ToneScores:
    """GDELT's V1.5TONE fields, in its order: tone, positive, negative, polarity, activity
    reference density, self/group reference density, word count."""

    tone: float
    positive: float
    negative: float
    polarity: float
    activity: float
    self_group: float
    words: int


class _Vader(SentimentIntensityAnalyzer):
    """VADER that also reports how many words it scored positive and negative: its per-word
    valences (after its context rules) are at hand only inside ``score_valence``."""

    def __init__(self) -> None:
        super().__init__()
        self._emoji_chars = frozenset(self.emojis)

    def polarity_scores(self, text: str) -> dict[str, float]:
        # VADER first rewrites emojis as words, one character at a time: half its time on news text,
        # which rarely has any. Without emojis that step leaves the text as it is (stripped).
        if not self._emoji_chars.isdisjoint(text):
            return super().polarity_scores(text)
        return self._scores(text.strip())

    def _scores(self, text: str) -> dict[str, float]:
        """VADER's own ``polarity_scores`` (vaderSentiment 3.3.2) after its emoji step."""
        sentitext = SentiText(text)
        words = sentitext.words_and_emoticons
        sentiments: list[float] = []
        for i, item in enumerate(words):
            lower = item.lower()
            if lower in BOOSTER_DICT or (
                lower == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of"
            ):
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        sentiments = self._but_check(words, sentiments)
        return self.score_valence(sentiments, text)

    def score_valence(self, sentiments: list[float], text: str) -> dict[str, float]:
        scores = super().score_valence(sentiments, text)
        scores["n_positive"] = sum(1 for s in sentiments if s > 0)
        scores["n_negative"] = sum(1 for s in sentiments if s < 0)
        return scores


@cache
def _vader() -> _Vader:
    return _Vader()


def word_count(text: str) -> int:
    """Whitespace-separated tokens with a letter or a digit (the words VADER scores)."""
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def vader_counts(text: str) -> tuple[ToneCounts, float | None]:
    """(words, positive and negative words) of a text and VADER's compound score (None when the
    text has no words). Activity and self/group counts are left at 0: they need the parse."""
    words = word_count(text)
    if not words:
        return ToneCounts(), None
    found = _vader().polarity_scores(text)
    counts = ToneCounts(words=words, positive=int(found["n_positive"]), negative=int(found["n_negative"]))
    return counts, round(found["compound"], PLACES)


def scores(counts: ToneCounts) -> ToneScores:
    """The GDELT tone fields of some counts (all 0 for no words)."""
    n = counts.words
    if not n:
        return ToneScores(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0)

    def share(k: int) -> float:
        return 100.0 * k / n

    positive, negative = share(counts.positive), share(counts.negative)
    return ToneScores(
        tone=round(positive - negative, PLACES),
        positive=round(positive, PLACES),
        negative=round(negative, PLACES),
        polarity=round(positive + negative, PLACES),
        activity=round(share(counts.activity), PLACES),
        self_group=round(share(counts.self_group), PLACES),
        words=n,
    )


def gdelt_tone(text: str) -> float | None:
    """GDELT's average tone of a text: 100 * (positive words - negative words) / words, with VADER
    deciding which words are positive or negative in context; None for a text without words.

    The one formula for AvgTone wherever newsgraph reports it (an article's stored ``tone`` is this
    over its body, summed sentence by sentence)."""
    counts, _ = vader_counts(text)
    return scores(counts).tone if counts.words else None


def compound(text: str) -> float | None:
    """VADER's compound score in [-1, 1] (None for a text without words)."""
    return vader_counts(text)[1]
