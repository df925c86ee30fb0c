"""Re-runs and resumed runs of plain-text scrapes from one site store what one clean run stores.

The batch learns a site's repeated lines from the new articles before each page (`BatchExtractor`),
so what a page's body is depends on the pages stored before it. A re-run, or a run resumed after a
crash, re-reads the stored pages first: they must teach again, or the later pages are extracted
with less boilerplate known, become other articles, and are linked as near copies of themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.engines.scrapes import PROMO, write_site
from tests.engines.tables import store_rows

from newsgraph.engines.local import ingest
from newsgraph.store import Store


class _Stop(Exception):
    """Stands for a crash after some documents were written."""


#: Pages of the site: three teach the promo, the other three are extracted without it.
PAGES = 6


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("site"), PAGES)


@pytest.fixture(scope="module")
def clean(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    with Store(db) as store:
        report = ingest([str(site)], store)
        bodies = {Path(a.uri).name for a in store.articles(limit=100) if PROMO in a.text}
    assert report.failed == 0 and report.added == PAGES
    # The promo is learned from the first three pages: the later ones are stored without it.
    assert bodies == {"00.txt", "01.txt", "02.txt"}
    return db


def _copy(db: Path, to: Path) -> Path:
    to.write_bytes(db.read_bytes())
    return to


def test_a_rerun_changes_nothing_and_links_nothing_to_itself(site: Path, clean: Path, tmp_path: Path) -> None:
    again = _copy(clean, tmp_path / "again.db")
    with Store(again) as store:
        report = ingest([str(site)], store)
        assert store.stats()["duplicates"] == 0
    assert (report.added, report.failed) == (0, 0)
    assert store_rows(again) == store_rows(clean)


def test_a_resumed_run_stores_what_one_clean_run_stores(site: Path, clean: Path, tmp_path: Path) -> None:
    db = tmp_path / "resumed.db"
    stop_after = 2  # the crash comes before the promo is learned; the resumed run must learn it
    done: list[str] = []

    def crash(uri: str, outcome: object) -> None:
        done.append(uri)
        if len(done) == stop_after:
            raise _Stop

    with Store(db) as store, pytest.raises(_Stop):
        ingest([str(site)], store, on_document=crash)
    with Store(db) as store:
        assert store.stats()["articles"] == stop_after
        ingest([str(site)], store)
    assert store_rows(db) == store_rows(clean)


def test_a_pooled_rerun_of_a_partial_store_matches_too(site: Path, clean: Path, tmp_path: Path) -> None:
    """The pool engine learns when it reads: a stored page re-read teaches there as well."""
    db = tmp_path / "pooled.db"
    pages = sorted(str(p) for p in site.iterdir())
    with Store(db) as store:
        ingest(pages[:2], store)
    with Store(db) as store:
        report = ingest([str(site)], store, workers=2)
    assert report.failed == 0
    assert store_rows(db) == store_rows(clean)
