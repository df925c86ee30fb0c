from hypothesis import given
from hypothesis import strategies as st

from newsgraph.analyze.tone import article_tone, tone


def test_sign_follows_the_words() -> None:
    assert tone("The talks were a great success and both sides praised the agreement.") > 0.5
    assert tone("The attack killed twelve people and wounded dozens, officials said.") < -0.5
    assert tone("1234 --") is None


def test_article_tone_is_the_mean_of_its_paragraphs() -> None:
    good, bad = "A warm and friendly meeting.", "A brutal and deadly attack."
    assert article_tone([good, bad]) == round((tone(good) + tone(bad)) / 2, 4)
    assert article_tone([]) is None


@given(st.text())
def test_any_text_scores_within_bounds(text: str) -> None:
    score = tone(text)
    assert score is None or -1.0 <= score <= 1.0
