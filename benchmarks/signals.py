"""What tone, themes, domain, counts and co-mentions cost per article, against the rest of the
pipeline as the baseline.

    .venv/bin/python benchmarks/signals.py [--repeat 3] [--corpus examples]

The articles of the corpus (examples/ by default: every document newsgraph reads there, extracted
once, outside the timing) go through the pipeline component by component, ``--repeat`` times; each
row is the median over the repeats of the total time a component took over all articles, divided by
the number of articles. The baseline is everything else the pipeline does (the model and the other
newsgraph components). "signals.attach" is the co-mentions and the copying onto the Analysis
(``pipeline.analyze``'s last step). The "before" row is the tone the pipeline computed until
these components replaced it (VADER's compound score per paragraph and per quote). The one-off row
is what the themes component spends once per process compiling its triggers, at its first document.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from functools import cache
from pathlib import Path

from rich.console import Console
from rich.table import Table

OURS = ("newsgraph_themes", "newsgraph_tone")


def articles(corpus: Path) -> list:
    from newsgraph.extract import extract
    from newsgraph.sources import iter_documents
    from newsgraph.sources.raw import RawDocument

    found = []
    for raw in iter_documents([str(corpus)]):
        if not isinstance(raw, RawDocument):
            continue
        article = extract(raw)
        if article.text and (not article.language or article.language.startswith("en")):
            found.append(article)
    return found


def run_once(nlp, batch: list) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from newsgraph.analyze.actors import actors_and_mentions
    from newsgraph.analyze.signals import attach
    from newsgraph.records import Analysis

    spent: dict[str, float] = defaultdict(float)
    for article in batch:
        doc = nlp.make_doc(article.text)
        doc._.article_id, doc._.published, doc._.url = article.id, article.published, article.url
        doc._.published_precision = article.published_precision
        for name, component in nlp.pipeline:
            t0 = time.perf_counter()
            doc = component(doc)
            spent[name] += time.perf_counter() - t0
        analysis = Analysis(article=article)
        analysis.actors, analysis.mentions = actors_and_mentions(doc, article.id)
        t0 = time.perf_counter()
        attach(analysis, doc)
        spent["signals.attach"] += time.perf_counter() - t0
        # What the tone cost before: VADER's compound score of each paragraph and each quote.
        t0 = time.perf_counter()
        for text in [*(article.paragraphs or [article.text]), *(q.text for q in analysis.quotes)]:
            _old_vader().polarity_scores(text)
        spent[OLD_TONE] += time.perf_counter() - t0
    return spent


OLD_TONE = "before: VADER compound per paragraph and quote"


@cache
def _old_vader():  # type: ignore[no-untyped-def]
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=Path("examples"))
    args = parser.parse_args(argv)

    from newsgraph.analyze.pipeline import load_nlp

    batch = articles(args.corpus)
    nlp = load_nlp()
    with nlp.select_pipes(disable=list(OURS)):
        nlp("Warm up the model and the other components' tables once.")
    matcher = nlp.get_pipe("newsgraph_themes").matcher  # type: ignore[attr-defined]
    t0 = time.perf_counter()
    matcher.build()
    build = time.perf_counter() - t0
    runs = [run_once(nlp, batch) for _ in range(args.repeat)]
    names = list(runs[0])
    per_article = {name: statistics.median(r[name] for r in runs) / len(batch) for name in names}
    ours = [n for n in names if n in OURS or n == "signals.attach"]
    baseline = sum(v for n, v in per_article.items() if n not in ours and n != OLD_TONE)
    words = sum(len(a.text.split()) for a in batch) / len(batch)

    table = Table(
        title=f"{len(batch)} articles of {args.corpus} ({words:.0f} words each), median of {args.repeat}"
    )
    table.add_column("part")
    table.add_column("ms / article", justify="right")
    table.add_column("vs baseline", justify="right")
    table.add_row("baseline: the rest of the pipeline", f"{baseline * 1000:.1f}", "1.000")
    for name in ours:
        table.add_row(name, f"{per_article[name] * 1000:.2f}", f"{per_article[name] / baseline:.3f}")
    total = sum(per_article[n] for n in ours)
    table.add_row("all of the above", f"{total * 1000:.2f}", f"{total / baseline:.3f}")
    old = per_article[OLD_TONE]
    table.add_row(OLD_TONE + " (replaced)", f"{old * 1000:.2f}", f"{old / baseline:.3f}")
    table.add_row("themes: compiling the triggers, once per process", f"{build * 1000:.0f}", "")
    Console().print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
