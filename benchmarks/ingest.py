"""Ingest throughput on the bundled examples, against two baselines.

    .venv/bin/python benchmarks/ingest.py [--repeat 3]

Baselines, measured in the same run on the same texts:
- `spacy-only`: the bare model (`nlp.pipe`) over the extracted article texts,
  the floor that analysis can never beat;
- `extract-only`: sources + extraction without analysis or store.
The table prints documents/s, words/s and the ratio of each row to `spacy-only`.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsgraph.analyze import load_nlp
from newsgraph.engines.local import ingest
from newsgraph.extract import ExtractError, extract
from newsgraph.sources import RawDocument, iter_documents
from newsgraph.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _texts() -> list[str]:
    texts = []
    for item in iter_documents([str(EXAMPLES)]):
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


def _full_ingest() -> None:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "b.db") as store:
        ingest([str(EXAMPLES)], store)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    nlp = load_nlp()  # loaded once, outside the timings, as the engine does
    texts = _texts()
    docs, words = len(texts), sum(len(t.split()) for t in texts)
    rows = {
        "spacy-only": _best(lambda: list(nlp.pipe(texts)), args.repeat),
        "extract-only": _best(_texts, args.repeat),
        "newsgraph ingest": _best(_full_ingest, args.repeat),
    }
    table = Table(
        "pipeline",
        "seconds",
        "docs/s",
        "words/s",
        "time vs spacy-only",
        title=f"{docs} example articles, {words} words, best of {args.repeat}",
    )
    for name, seconds in rows.items():
        table.add_row(
            name,
            f"{seconds:.2f}",
            f"{docs / seconds:.1f}",
            f"{words / seconds:,.0f}",
            f"{seconds / rows['spacy-only']:.2f}x",
        )
    Console().print(table)


if __name__ == "__main__":
    main()
