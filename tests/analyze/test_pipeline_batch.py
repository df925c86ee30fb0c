"""The batch entry point (`analyze_batch`: the model's statistical steps over several articles at
once) finds exactly what the one-article path finds, document by document: the same records, the
same errors when a component raises on one of them, the same bounds when one runs too long or is
too big; and one document's trouble stays that document's."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from tests.paths import EXAMPLES

from newsgraph.analyze import pipeline
from newsgraph.analyze.pipeline import LIMITS, analyze, analyze_batch, build_nlp
from newsgraph.extract import extract
from newsgraph.records import Analysis, Article
from newsgraph.sources import RawDocument, iter_documents

#: A document holding this makes the test components below misbehave on it (and only on it).
MARK = "Oslo"


#: The real components the test ones stand in for, on the documents without the mark.
REAL: dict[str, Callable[[Doc], Doc]] = {}


@Language.component("test_timexes_failing_on_mark", assigns=["doc._.timexes"])
def timexes_failing_on_mark(doc: Doc) -> Doc:
    if MARK in doc.text:
        raise OverflowError("date value out of range")
    return REAL["newsgraph_timexes"](doc)


@Language.component("test_slow_on_mark")
def slow_on_mark(doc: Doc) -> Doc:
    if MARK in doc.text:
        time.sleep(5)
    return doc


MARKED = Article(
    id="m" * 32,
    uri="in/marked.txt",
    text=(
        "Ministers Agree to Resume Border Talks\n\n"
        f"{MARK.upper()} (Test Wire) — The foreign ministers of Norway and Finland met in {MARK} on "
        "Tuesday and agreed to resume talks on the northern border, officials from both governments "
        'said.\n\n"We had a frank and useful exchange," Norwegian Foreign Minister Kari Lunde told '
        "reporters.\n"
    ),
    language="en",
    published="2017-03-07",
    published_precision="day",
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp()


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    """The example texts (real news of several shapes), one not in English, and the marked one."""
    found = [extract(raw) for raw in iter_documents([str(EXAMPLES / "text")]) if isinstance(raw, RawDocument)]
    assert len(found) >= 3
    german = Article(
        id="d" * 32, uri="in/de.txt", text="Die Minister trafen sich am Dienstag.", language="de"
    )
    assert not any(MARK in a.text for a in found)
    return [found[0], german, MARKED, *found[1:]]


def _one_by_one(articles: list[Article], nlp: Language) -> list[Analysis]:
    return [analyze(article, nlp) for article in articles]


def test_a_batch_finds_what_one_article_at_a_time_finds(nlp: Language, articles: list[Article]) -> None:
    alone = _one_by_one(articles, nlp)
    together = analyze_batch(articles, nlp, batch_size=3)
    assert together == alone  # every record, span, code and note, in input order
    assert [a.article.uri for a in together if isinstance(a, Analysis)] == [a.uri for a in articles]
    assert all(isinstance(a, Analysis) and not a.errors for a in together)
    assert sum(len(a.events) for a in alone) > 5 and sum(len(a.mentions) for a in alone) > 20
    assert "English analysis skipped" in alone[1].notes[0]


def test_a_component_raising_on_one_document_is_that_documents_error(
    nlp: Language, articles: list[Article]
) -> None:
    REAL["newsgraph_timexes"] = nlp.get_pipe("newsgraph_timexes")
    nlp.replace_pipe("newsgraph_timexes", "test_timexes_failing_on_mark")
    try:
        alone = _one_by_one(articles, nlp)
        together = analyze_batch(articles, nlp)
    finally:
        nlp.replace_pipe("newsgraph_timexes", "newsgraph_timexes")
    assert together == alone
    marked = together[2]
    assert isinstance(marked, Analysis) and marked.article.uri == MARKED.uri
    (error,) = marked.errors
    assert (error.uri, error.stage) == (MARKED.uri, "analyze")
    assert error.reason == "newsgraph_timexes: OverflowError: date value out of range"
    assert marked.timexes == [] and marked.actors and marked.events  # the rest was found
    others = [a for a in together if isinstance(a, Analysis) and a is not marked]
    assert all(not a.errors for a in others)
    assert any(a.timexes for a in others)  # the component still ran on them


def test_a_document_over_its_time_limit_stops_alone(nlp: Language, articles: list[Article]) -> None:
    nlp.add_pipe("test_slow_on_mark", after="newsgraph_quotes")
    limits = dict(nlp.meta[LIMITS])
    nlp.meta[LIMITS] = {**limits, "max_analysis_seconds": 3}
    try:
        (alone,) = _one_by_one([MARKED], nlp)
        together = analyze_batch(articles, nlp)
    finally:
        nlp.remove_pipe("test_slow_on_mark")
        nlp.meta[LIMITS] = limits
    marked = together[2]
    assert isinstance(marked, Analysis)
    reasons = [e.reason for e in marked.errors]
    assert reasons == [e.reason for e in alone.errors]
    assert reasons[0].startswith("test_slow_on_mark: time limit of 3 s per document")
    assert reasons[1].endswith(
        "not run: newsgraph_places, newsgraph_themes, newsgraph_events, newsgraph_tone"
    )
    assert marked == alone
    assert marked.actors and marked.places == [] and marked.events == []
    whole = _one_by_one([a for a in articles if a is not MARKED], nlp)
    assert [a for a in together if a is not marked] == whole  # the others were not held to its limit


def test_a_document_over_the_size_bound_is_cut_as_alone(nlp: Language, articles: list[Article]) -> None:
    limits = dict(nlp.meta[LIMITS])
    bound = 400
    nlp.meta[LIMITS] = {**limits, "max_analysis_chars": bound}
    try:
        alone = _one_by_one(articles, nlp)
        together = analyze_batch(articles, nlp)
    finally:
        nlp.meta[LIMITS] = limits
    assert together == alone
    cut = [a for a in together if isinstance(a, Analysis) and len(a.article.text) > bound]
    assert cut
    for analysis in cut:
        (error,) = analysis.errors
        assert f"analysed the first {bound} of {len(analysis.article.text)} characters" in error.reason
        assert all(m.end <= bound for m in analysis.mentions)


def test_an_empty_batch_and_a_batch_without_english_load_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_model() -> Language:
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(pipeline, "load_nlp", no_model)
    assert analyze_batch([]) == []
    german = Article(id="d" * 32, uri="in/de.txt", text="Guten Tag.", language="de")
    (skipped,) = analyze_batch([german])
    assert isinstance(skipped, Analysis) and skipped.events == [] and skipped.notes


def test_doc_text_is_the_docs_text_joined_once() -> None:
    from newsgraph.analyze.doctext import doc_text

    nlp = pipeline.load_nlp()
    doc = nlp.make_doc("Putin met  Trump in Hamburg.\n\nThey talked.")
    assert doc_text(doc) == doc.text
    with doc.retokenize() as retokenizer:  # a Doc's text survives retokenizing, so the kept text does
        retokenizer.merge(doc[0:2])
    assert doc_text(doc) == doc.text
    doc.user_data["newsgraph.text"] = "kept"
    assert doc_text(doc) == "kept"  # read from the user data, not joined again
