"""End to end on real parts: files -> extract -> spaCy -> a real SQLite file."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from tests.paths import EXAMPLES

from newsgraph.engines.local import ingest
from newsgraph.store import Store

EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store(db) as store:
        report = ingest([str(EXAMPLES)], store)
    assert report.failed == 0, report.errors
    assert report.added == len(EXPECTED)
    return db


def _by_key(store: Store) -> dict[str, object]:
    articles = store.articles(limit=1000)
    keyed = {}
    for article in articles:
        rel = Path(article.uri.split("#")[0]).resolve().relative_to(EXAMPLES.resolve()).as_posix()
        key = rel + ("#" + article.uri.rsplit("#", 1)[1] if "#" in article.uri else "")
        keyed[key] = article
    return keyed


def test_every_example_is_extracted_as_a_reader_would(demo_store: Path) -> None:
    with Store(demo_store) as store:
        articles = _by_key(store)
    assert set(articles) == set(EXPECTED)
    for key, want in EXPECTED.items():
        article = articles[key]
        assert article.title == want["title"], key
        assert article.text.startswith(want["body_starts"]), key
        assert article.text.endswith(want["body_ends"]), key
        for chrome in want["not_in_body"]:
            assert chrome not in article.text, (key, chrome)
        # Every form has its date: page markup, a JSON field, and for text scrapes a
        # "Published" stamp or a page clock that names the dateline's day.
        assert article.published == want["published"], key
        assert article.published_precision == "day", key
        assert article.published_source and article.published_candidates, key


def test_people_in_the_examples_become_person_actors(demo_store: Path) -> None:
    with Store(demo_store) as store:
        articles = _by_key(store)
        found = total = 0
        for key, want in EXPECTED.items():
            analysis = store.analysis(articles[key].id)
            names = {a.name for a in analysis.actors if a.kind == "person"}
            total += len(want["people"])
            found += sum(person in names for person in want["people"])
    # The raw model, before the document-level corrections of the actors issue.
    assert found / total >= 0.8, (found, total)


def test_reingest_is_a_no_op(demo_store: Path) -> None:
    with Store(demo_store) as store:
        before = store.stats()
        report = ingest([str(EXAMPLES)], store)
        after = store.stats()
    assert report.added == 0 and report.failed == 0
    assert report.duplicates == len(EXPECTED)
    assert after == before


def test_a_bad_file_in_the_middle_of_a_batch(tmp_path: Path) -> None:
    corpus = tmp_path / "batch"
    corpus.mkdir()
    good = (EXAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    first, second = json.loads(good[0]), json.loads(good[1])
    (corpus / "a_good.txt").write_text(first["title"] + "\n\n" + first["text"], encoding="utf-8")
    (corpus / "b_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "c_empty.html").write_bytes(b"")
    (corpus / "d_truncated.txt.gz").write_bytes(gzip.compress(b"words " * 5000)[:30])
    (corpus / "e_good.txt").write_text(second["title"] + "\n\n" + second["text"], encoding="utf-8")
    db = tmp_path / "batch.db"
    with Store(db) as store:
        report = ingest([str(corpus)], store)
        errors = {Path(e.uri).name: e for e in store.errors()}
        stats = store.stats()
    assert (report.seen, report.added, report.failed) == (5, 2, 3)
    assert stats["articles"] == 2
    assert "binary" in errors["b_binary.txt"].reason
    assert errors["c_empty.html"].reason == "empty document"
    assert errors["d_truncated.txt.gz"].stage == "source"
    # Running the batch again neither duplicates the articles nor the error rows.
    with Store(db) as store:
        again = ingest([str(corpus)], store)
        assert store.stats() == stats
    assert (again.added, again.duplicates, again.failed) == (0, 2, 3)


def test_the_shared_sample_page(sample_page: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        report = ingest([str(sample_page)], store)
        assert report.added == 1
        (article,) = store.articles()
    assert article.title == "Most Anticipated G20 Meeting Between Putin, Trump Reveals ‘Positive Chemistry’"
    assert article.text.startswith("The first ever and the most anticipated")
    assert article.text.endswith("instead of dwelling on the past.")
    for chrome in (
        "Listen Live",
        "Get short URL",
        "New Syria Ceasefire Deal",
        "Special Representative",
        "The ‘Gift’ That Keeps on Giving",
        "negotiations, meeting",
        "Comment via",
    ):
        assert chrome not in article.text
    assert len(article.related) == 3
    assert any(c.startswith("Russian President Vladimir Putin and") for c in article.captions)
    assert [c.split("/")[0].strip() for c in article.credits] == ["© Sputnik"]
    assert {"negotiations", "meeting", "Russia"} <= set(article.tags)
    # The page clock (07 December 2019) is not a publication date; the text's dated
    # references (a past June 20, a coming July 9, a past December 2016) bound it.
    assert not article.published.startswith("2019")
    assert "2017-06-20" <= article.published <= "2017-07-09"
    assert article.published_source.startswith("inferred:")
    assert any(c["source"] == "page-clock" and c["confidence"] <= 0.1 for c in article.published_candidates)


def test_copies_are_linked_to_the_first_seen_article_not_analysed_twice(tmp_path: Path) -> None:
    record = json.loads((EXAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines()[1])
    paragraphs = record["text"].split("\n\n")
    corpus = tmp_path / "syndicated"
    corpus.mkdir()
    (corpus / "a_original.txt").write_text(record["title"] + "\n\n" + record["text"], encoding="utf-8")
    # The same body under another name: an exact copy.
    (corpus / "b_mirror.txt").write_text(record["title"] + "\n\n" + record["text"], encoding="utf-8")
    # A syndicated version: another agency's sign-off, the last paragraph trimmed.
    near = "\n\n".join([*paragraphs[:-1], "(Reporting by a partner agency; editing by the desk)"])
    (corpus / "c_syndicated.txt").write_text(record["title"] + "\n\n" + near, encoding="utf-8")
    db = tmp_path / "d.db"
    for _ in range(2):  # the second run changes nothing
        with Store(db) as store:
            report = ingest([str(corpus)], store)
            (article,) = store.articles()
            copies = store.duplicates(article.id)
            assert store.stats()["articles"] == 1 and store.stats()["duplicates"] == 2
        assert (report.added + report.duplicates, report.failed) == (3, 0)
    assert Path(article.uri).name == "a_original.txt"
    assert [(Path(c.uri).name, c.kind) for c in copies] == [
        ("b_mirror.txt", "exact"),
        ("c_syndicated.txt", "near"),
    ]
    assert copies[0].similarity == 1.0 and 0.8 <= copies[1].similarity < 1.0


def test_a_batch_learns_a_sites_repeated_lines(tmp_path: Path) -> None:
    """A promo line no cue names, repeated on every page of one site, stays out of the bodies
    once the batch has seen it on three new articles."""
    promo = "Catch the Morning Ledger every weekday at seven on our app"
    corpus = tmp_path / "site"
    corpus.mkdir()
    for n, page in enumerate(sorted((EXAMPLES / "text").glob("*.txt"))):
        paragraphs = page.read_text(encoding="utf-8").split("\n\n")
        middle = len(paragraphs) // 2
        text = "\n\n".join([*paragraphs[:middle], promo, *paragraphs[middle:]])
        (corpus / f"{n}.txt").write_text(text, encoding="utf-8")
    with Store(tmp_path / "b.db") as store:
        report = ingest([str(corpus)], store)
        bodies = [Path(a.uri).name for a in store.articles(limit=10) if promo in a.text]
    assert report.added == 6 and report.failed == 0
    assert sorted(bodies) == ["0.txt", "1.txt", "2.txt"]
