"""One component failing on a document costs that component's results, not the article: its
error is recorded (stage "analyze", the component, the reason) and the article is stored with
what the other components found. And the per-document bounds: text size, sentence length, time."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyze.paragraphs import paragraph_sentences
from newsgraph.analyze.pipeline import LIMITS, analyze, build_nlp
from newsgraph.records import Analysis, Article
from newsgraph.store import Store

TEXT = (
    "Ministers Agree to Resume Border Talks\n\n"
    "OSLO (Test Wire) — The foreign ministers of Norway and Finland met in Oslo on Tuesday and agreed "
    "to resume talks on the northern border, officials from both governments said.\n\n"
    '"We had a frank and useful exchange," Norwegian Foreign Minister Kari Lunde told reporters.\n'
)


@Language.component("test_overflowing_timexes", assigns=["doc._.timexes"])
def overflowing_timexes(doc: Doc) -> Doc:
    # What the real timex component did on two article pages before its cause was fixed.
    raise OverflowError("date value out of range")


@Language.component("test_slow_component")
def slow_component(doc: Doc) -> Doc:
    time.sleep(5)
    return doc


@Language.component("test_slow_python_component")
def slow_python_component(doc: Doc) -> Doc:
    # Short sleeps: a watchdog's exception arrives between bytecodes, not inside one long call.
    for _ in range(500):
        time.sleep(0.01)
    return doc


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp()


def _article(text: str = TEXT) -> Article:
    return Article(
        id="a" * 32, uri="in/talks.txt", text=text, language="en", published="2017-03-07",
        published_precision="day",
    )  # fmt: skip


def test_a_failing_component_is_an_error_and_the_rest_is_kept(nlp: Language, tmp_path: Path) -> None:
    whole = analyze(_article(), nlp)
    nlp.replace_pipe("newsgraph_timexes", "test_overflowing_timexes")
    try:
        partial = analyze(_article(), nlp)
    finally:
        nlp.replace_pipe("newsgraph_timexes", "newsgraph_timexes")
    assert whole.timexes and not whole.errors
    (error,) = partial.errors
    assert (error.uri, error.stage) == ("in/talks.txt", "analyze")
    assert error.reason.startswith("newsgraph_timexes: OverflowError: date value out of range")
    # Everything the other components found is there; only the dates are missing.
    assert partial.timexes == []
    assert [a.name for a in partial.actors] == [a.name for a in whole.actors]
    assert [q.text for q in partial.quotes] == [q.text for q in whole.quotes]
    assert [p.name for p in partial.places] == [p.name for p in whole.places]
    assert [e.cameo_code for e in partial.events] == [e.cameo_code for e in whole.events]
    assert partial.events and partial.tones

    with Store(tmp_path / "s.db") as store:
        assert store.add_analysis(partial)
        assert store.has_article(partial.article.id)
        (stored,) = store.errors()
        assert (stored.uri, stored.stage, stored.reason) == (error.uri, error.stage, error.reason)
        read = store.analysis(partial.article.id)
        assert read is not None
        assert [(e.uri, e.stage, e.reason) for e in read.errors] == [(error.uri, error.stage, error.reason)]


def test_a_component_past_the_time_limit_is_stopped_and_the_rest_skipped(nlp: Language) -> None:
    nlp.add_pipe("test_slow_component", after="newsgraph_quotes")
    limits = dict(nlp.meta[LIMITS])
    nlp.meta[LIMITS] = {**limits, "max_analysis_seconds": 1}
    try:
        started = time.monotonic()
        result = analyze(_article(), nlp)
        elapsed = time.monotonic() - started
    finally:
        nlp.remove_pipe("test_slow_component")
        nlp.meta[LIMITS] = limits
    reasons = [e.reason for e in result.errors]
    assert reasons[0].startswith("test_slow_component: time limit of 1 s per document")
    assert reasons[1].endswith(
        "not run: newsgraph_places, newsgraph_themes, newsgraph_events, newsgraph_tone"
    )
    assert elapsed < 5  # interrupted, not waited for
    assert result.actors and result.quotes  # found before the limit
    assert result.places == [] and result.events == []


def test_the_time_limit_holds_off_the_main_thread(nlp: Language) -> None:
    """A web request or any worker thread analyses too; SIGALRM reaches only the main thread,
    so there the limit is kept by `newsgraph.time_limit`'s watchdog."""
    nlp.add_pipe("test_slow_python_component", after="newsgraph_quotes")
    limits = dict(nlp.meta[LIMITS])
    nlp.meta[LIMITS] = {**limits, "max_analysis_seconds": 1}
    results: list[Analysis] = []
    try:
        thread = threading.Thread(target=lambda: results.append(analyze(_article(), nlp)))
        thread.start()
        thread.join(30)
    finally:
        nlp.remove_pipe("test_slow_python_component")
        nlp.meta[LIMITS] = limits
    (result,) = results
    reasons = [e.reason for e in result.errors]
    # Interrupted inside the component (left to finish, it would be stopped only after it).
    assert reasons[0].startswith("test_slow_python_component: time limit of 1 s per document")
    assert reasons[1].endswith(
        "not run: newsgraph_places, newsgraph_themes, newsgraph_events, newsgraph_tone"
    )
    assert result.actors and result.quotes and result.places == []
    assert threading.active_count() == 1  # no watchdog outlives the analysis


def test_text_over_the_size_bound_is_analysed_up_to_it_and_recorded(nlp: Language) -> None:
    limits = dict(nlp.meta[LIMITS])
    nlp.meta[LIMITS] = {**limits, "max_analysis_chars": 120}
    try:
        result = analyze(_article(), nlp)
    finally:
        nlp.meta[LIMITS] = limits
    (error,) = result.errors
    assert f"analysed the first 120 of {len(TEXT)} characters" in error.reason
    assert "max_analysis_chars" in error.reason
    assert result.article.text == TEXT  # the whole text is kept
    assert all(m.end <= 120 for m in result.mentions)


def test_a_run_without_sentence_ends_is_broken_at_the_bound(nlp: Language) -> None:
    words = "officials from France met leaders in Paris and talked with police about protests"
    text = " ".join(words.split()[i % 13] for i in range(2000))
    doc = paragraph_sentences(nlp.make_doc(text), 250)
    starts = [t.i for t in doc if t.is_sent_start]
    assert starts == list(range(0, 2000, 250))
    parsed = nlp(text)  # the parser keeps the breaks: no sentence longer than the bound
    assert max(len(sentence) for sentence in parsed.sents) <= 250


def test_real_sentences_are_split_as_without_the_bound(nlp: Language) -> None:
    bounded = paragraph_sentences(nlp.make_doc(TEXT * 5), 250)
    unbounded = paragraph_sentences(nlp.make_doc(TEXT * 5), 10**9)
    assert [t.is_sent_start for t in bounded] == [t.is_sent_start for t in unbounded]
