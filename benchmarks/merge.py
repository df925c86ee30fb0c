"""What merging mentions into real-world events (store.merge) costs at ingest, by store size.

    .venv/bin/python benchmarks/merge.py [--sizes 1000 20000 100000] [--articles 200]

A store is filled with ``size`` synthetic mentions (``Store.bulk_add``: one event each) spread over
two years, 40 countries and every CAMEO root; then ``--articles`` new articles of three mentions
each are written through ``Store.add_analysis``, once with the merge and once without it (the same
writes with ``store.merge.add_article`` replaced by a no-op), each into its own copy of the store.
The table prints articles/s of both and their ratio.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

from rich.console import Console
from rich.table import Table

from newsgraph.knowledge import cameo
from newsgraph.records import Analysis, Article, Event
from newsgraph.store import Store, merge

COUNTRIES = ["USA", "RUS", "CHN", "GBR", "FRA", "DEU", "IRN", "ISR", "SYR", "TUR"] + [
    f"C{i:02d}" for i in range(30)
]
SECTORS = ["", "GOV", "MIL", "COP", "OPP"]


def _event(rng: random.Random, codes: list[str], article: str, n: int, start: date) -> Event:
    code = rng.choice(codes)
    entry = cameo.lookup(code)
    day = start + timedelta(days=rng.randrange(730))
    src, tgt = rng.sample(COUNTRIES, 2)
    return Event(
        id=f"{article}:{n}",
        article_id=article,
        start=n * 10,
        end=n * 10 + 9,
        evidence="x",
        cameo_code=code,
        root_code=entry.root,
        source_code=src + rng.choice(SECTORS),
        target_code=tgt + rng.choice(SECTORS),
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        date=day.isoformat(),
        date_precision="day",
    )


def _fill(path: Path, size: int, rng: random.Random, codes: list[str]) -> None:
    start = date(2017, 1, 1)
    with Store(path) as store:
        n_articles = max(1, size // 5)
        store.bulk_add(
            "articles",
            [Article(id=f"b{i}", uri=f"b{i}", text="x", published="2018-01-01") for i in range(n_articles)],
        )
        store.bulk_add("events", (_event(rng, codes, f"b{i % n_articles}", i, start) for i in range(size)))


def _new(rng: random.Random, codes: list[str], n: int) -> list[Analysis]:
    out = []
    for i in range(n):
        article = Article(id=f"new{i}", uri=f"new{i}", text="x" * 40, published="2018-01-01")
        events = [_event(rng, codes, article.id, k, date(2017, 1, 1)) for k in range(3)]
        out.append(Analysis(article=article, events=events))
    return out


def _time(path: Path, analyses: list[Analysis], merging: bool) -> float:
    with Store(path) as store:
        began = time.perf_counter()
        if merging:
            for a in analyses:
                store.add_analysis(a)
        else:
            with mock.patch.object(merge, "add_article", lambda conn, article_id: set()):
                for a in analyses:
                    store.add_analysis(a)
        return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000, 100000])
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    codes = [c.code for c in cameo.codebook().values() if len(c.code) >= 3]
    table = Table("stored mentions", "articles", "with merge (art/s)", "without (art/s)", "ratio")
    for size in args.sizes:
        rng = random.Random(size)
        with tempfile.TemporaryDirectory() as folder:
            base = Path(folder) / "base.db"
            _fill(base, size, rng, codes)
            analyses = _new(rng, codes, args.articles)
            runs = {}
            for merging in (False, True):
                copy = Path(folder) / f"run-{merging}.db"
                shutil.copy(base, copy)
                runs[merging] = args.articles / _time(copy, analyses, merging)
        table.add_row(
            f"{size:,}",
            str(args.articles),
            f"{runs[True]:.0f}",
            f"{runs[False]:.0f}",
            f"{runs[True] / runs[False]:.2f}",
        )
    Console().print(table)


if __name__ == "__main__":
    main()
