"""Ingest throughput on the bundled examples, against two baselines.

    .venv/bin/python benchmarks/ingest.py [--repeat 3] [--corpus PATH ...] [--workers N ...]

Baselines, measured in the same run on the same texts:
- `spacy-only`: the bare model (`nlp.pipe`) over the extracted article texts,
  the floor that analysis can never beat;
- `extract-only`: sources + extraction without analysis or store.
Then the whole ingest in one process, and with a pool of 2 analysis workers (and of one per core
when there are more than 2 cores; `--workers` names other counts). A pooled run includes starting
its workers (each loads the model and warms its tables, a few seconds), so on the 16 bundled
examples a pool cannot win; `--corpus` measures a bigger one (files, folders, JSON Lines).
The table prints documents/s, words/s, the ratio of each row to `spacy-only`, and of each
pooled ingest to the single-process one.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from pathlib import Path

import spacy
from rich.console import Console
from rich.table import Table

from newsgraph.analyze import load_nlp
from newsgraph.analyze.pipeline import MODEL
from newsgraph.engines.local import available_cores, ingest
from newsgraph.extract import ExtractError, extract
from newsgraph.sources import RawDocument, iter_documents
from newsgraph.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _texts(corpus: list[str]) -> list[str]:
    texts = []
    for item in iter_documents(corpus):
        if isinstance(item, RawDocument):
            with contextlib.suppress(ExtractError):
                texts.append(extract(item).text)
    return texts


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _full_ingest(corpus: list[str], workers: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "b.db") as store:
        ingest(corpus, store, workers=workers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", nargs="+", default=[str(EXAMPLES)], help="default: examples/")
    parser.add_argument("--workers", type=int, nargs="+", help="pool sizes (default: 2, and the cores)")
    args = parser.parse_args()
    cores = available_cores()
    pools = args.workers or sorted({2, cores} if cores > 2 else {2})
    load_nlp()  # our pipeline and the gazetteer load once, outside the timings, as the engine does
    bare = spacy.load(MODEL)  # the baseline: the model alone, every one of its components
    texts = _texts(args.corpus)
    docs, words = len(texts), sum(len(t.split()) for t in texts)
    rows = {
        "spacy-only": _best(lambda: list(bare.pipe(texts)), args.repeat),
        "extract-only": _best(lambda: _texts(args.corpus), args.repeat),
        "newsgraph ingest": _best(lambda: _full_ingest(args.corpus, 1), args.repeat),
    }
    for n in pools:
        rows[f"newsgraph ingest, {n} workers"] = _best(lambda n=n: _full_ingest(args.corpus, n), args.repeat)
    what = "example articles" if args.corpus == [str(EXAMPLES)] else "articles"
    table = Table(
        "pipeline",
        "seconds",
        "docs/s",
        "words/s",
        "time vs spacy-only",
        "time vs 1 process",
        title=f"{docs} {what}, {words} words, {cores} cores, best of {args.repeat}",
    )
    single = rows["newsgraph ingest"]
    for name, seconds in rows.items():
        table.add_row(
            name,
            f"{seconds:.2f}",
            f"{docs / seconds:.1f}",
            f"{words / seconds:,.0f}",
            f"{seconds / rows['spacy-only']:.2f}x",
            f"{seconds / single:.2f}x" if name.startswith("newsgraph ingest") else "",
        )
    Console().print(table)


if __name__ == "__main__":
    main()
