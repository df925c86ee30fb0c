"""Tone on GDELT's scale: the formulas, VADER's words in context, and tone per sentence, quote, event
and article through the pipeline."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from newsgraph.analyze import analyze
from newsgraph.analyze.tone import ToneCounts, compound, gdelt_tone, scores
from newsgraph.analyze.tone.scores import _vader, vader_counts, word_count
from newsgraph.records import Article

CORDIAL = (
    "The two ministers held warm and friendly talks in Vienna on Monday. Both sides praised the "
    '"constructive and successful" meeting and agreed to deepen their cooperation, a spokesman said. '
    '"We are grateful for this opportunity and hopeful about peace," the foreign minister told reporters.'
)
HOSTILE = (
    "The two ministers traded bitter accusations in Vienna on Monday. Each side blamed the other for "
    'the deadly attacks and condemned the "brutal, illegal aggression", a spokesman said. "This is a '
    'disgraceful lie and a threat we will punish," the foreign minister told reporters.'
)


def test_the_formulas() -> None:
    found = scores(ToneCounts(words=50, positive=5, negative=2, activity=10, self_group=3))
    assert (found.tone, found.positive, found.negative, found.polarity) == (6.0, 10.0, 4.0, 14.0)
    assert (found.activity, found.self_group, found.words) == (20.0, 6.0, 50)
    assert scores(ToneCounts()).tone == 0.0


def test_counts_add_up() -> None:
    a, b = ToneCounts(10, 2, 1, 3, 1), ToneCounts(5, 0, 2, 1, 0)
    assert a + b == ToneCounts(15, 2, 3, 4, 1)


def test_sign_follows_the_words() -> None:
    good = gdelt_tone("The talks were a great success and both sides praised the agreement.")
    bad = gdelt_tone("The attack killed twelve people and wounded dozens, officials said.")
    assert good is not None and good > 5
    assert bad is not None and bad < -5
    assert gdelt_tone("1234 --") is not None  # a number is a word, with no feeling
    assert gdelt_tone("-- ...") is None


def test_vader_reads_words_in_context() -> None:
    # "not good": VADER's negation rule makes the word count negative, not positive.
    counts, _ = vader_counts("The outcome was not good.")
    assert (counts.positive, counts.negative) == (0, 1)
    assert word_count("U.S. talks -- in 2017 ...") == 4


def test_compound_is_vader_own_score() -> None:
    score = compound("A warm and friendly meeting.")
    assert score is not None and 0 < score <= 1


@given(st.text())
def test_any_text_scores_within_bounds(text: str) -> None:
    counts, score = vader_counts(text)
    s = scores(counts)
    assert -100.0 <= s.tone <= 100.0
    assert s.polarity == pytest.approx(s.positive + s.negative, abs=1e-3)
    assert s.polarity >= abs(s.tone) - 1e-3
    assert score is None or -1.0 <= score <= 1.0


def _analysed(text: str) -> object:
    return analyze(Article(id="t" + str(abs(hash(text))), uri="test", text=text, paragraphs=[text]))


def test_hostile_paragraph_scores_below_cordial() -> None:
    cordial, hostile = _analysed(CORDIAL), _analysed(HOSTILE)
    assert cordial.article.tone > 0 > hostile.article.tone
    # Sentence by sentence and quote by quote too.
    for units in ("sentence", "quote"):
        warm = [t.tone for t in cordial.tones if t.unit == units]
        cold = [t.tone for t in hostile.tones if t.unit == units]
        assert warm and cold and min(warm) >= 0 and max(cold) < 0 and sum(cold) < sum(warm)
    assert all(q.tone is not None and q.tone < 0 for q in hostile.quotes)


def test_article_tone_pools_its_sentences() -> None:
    found = _analysed(HOSTILE)
    whole = next(t for t in found.tones if t.unit == "article")
    sentences = [t for t in found.tones if t.unit == "sentence"]
    assert whole.words == sum(t.words for t in sentences)
    assert whole.negative_words == sum(t.negative_words for t in sentences)
    assert whole.activity_words == sum(t.activity_words for t in sentences) > 0
    assert whole.self_group_words >= 1  # "we"
    assert found.article.tone == whole.tone
    for t in sentences:
        assert found.article.text[t.start : t.end].strip()


def test_an_event_has_its_sentence_tone() -> None:
    found = _analysed("Russia condemned the brutal attack on its embassy. Later the weather was fine.")
    sentences = {t.sentence: t for t in found.tones if t.unit == "sentence"}
    assert found.events
    for event in found.events:
        sentence = next(t for t in sentences.values() if t.start <= event.start < t.end)
        assert event.tone == sentence.tone < 0


@cache
def _reference() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@given(st.text())
def test_the_fast_path_is_vaders_own_scoring(text: str) -> None:
    theirs = _reference().polarity_scores(text)
    ours = _vader().polarity_scores(text)
    assert {k: ours[k] for k in theirs} == theirs
