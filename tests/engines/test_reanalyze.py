"""Bringing a store up to date: re-analysis in place, idempotent, with the trigger-kept tables
(FTS, monthly counts, actor names) following every replacement.

Most tests run the query-test store (written through Store.add_analysis) and analyzers that
return edited versions of its analyses, so they need no model; one runs the real pipeline in a
pool against one process.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from tests.query.builder import ACTORS, STORIES, analysis_of, build_store
from tests.store.recount import assert_counts

from newsgraph.engines.reanalyze import outdated, reanalyze
from newsgraph.engines.version import pipeline_version
from newsgraph.query import Query
from newsgraph.records import Analysis, Article
from newsgraph.store import Store
from newsgraph.store.schema import load_migrations

#: Columns that hold the time a row was written, which a re-run legitimately moves.
TIMESTAMPS = {"ingested_at", "at", "analysed_at"}
ORIGINAL = {a.article.id: a for a in map(analysis_of, STORIES)}


def rows(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows (FTS shadow tables and timestamps aside), sorted."""
    conn = sqlite3.connect(db)
    out = {}
    names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")
    for (name,) in names.fetchall():
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")') if r[1] not in TIMESTAMPS]
        listed = ", ".join(f'"{c}"' for c in columns)
        out[name] = sorted(conn.execute(f'SELECT {listed} FROM "{name}"').fetchall(), key=repr)
    conn.close()
    return out


def recount(db: Path) -> tuple[set[tuple], set[tuple], set[tuple], set[tuple]]:
    """(actor_months, what the events say it should be, country_months, the same), non-zero rows."""
    conn = sqlite3.connect(db)
    kept_actors = set(conn.execute('SELECT * FROM "actor_months" WHERE "n" > 0'))
    kept_countries = set(conn.execute('SELECT * FROM "country_months" WHERE "n" > 0'))
    dated = 'length("date") >= 7 AND "quad_class" IS NOT NULL'
    actors = set(
        conn.execute(
            f"""SELECT a, substr("date", 1, 7) AS m, "quad_class", count(*) FROM (
                SELECT "source_actor_id" AS a, "date", "quad_class" FROM "events"
                WHERE "source_actor_id" <> '' AND {dated}
                UNION ALL SELECT "target_actor_id", "date", "quad_class" FROM "events"
                WHERE "target_actor_id" <> '' AND "target_actor_id" <> "source_actor_id" AND {dated}
            ) GROUP BY a, m, "quad_class\""""
        )
    )
    countries = set(
        conn.execute(
            f"""SELECT c, substr("date", 1, 7) AS m, "quad_class", count(*) FROM (
                SELECT substr("source_code", 1, 3) AS c, "date", "quad_class" FROM "events"
                WHERE length("source_code") >= 3 AND {dated}
                UNION ALL SELECT substr("target_code", 1, 3), "date", "quad_class" FROM "events"
                WHERE length("target_code") >= 3
                AND substr("target_code", 1, 3) <> substr("source_code", 1, 3) AND {dated}
            ) GROUP BY c, m, "quad_class\""""
        )
    )
    conn.close()
    return kept_actors, actors, kept_countries, countries


def later(article: Article) -> Analysis:
    """A 'new version' of each analysis: events a year later, its first event and quote gone,
    Lavrov coded afresh, Shinzo Abe no longer found at all, and new text in the title."""
    old = ORIGINAL[article.id]
    events = [dataclasses.replace(e, date=_next_year(e.date)) for e in old.events[1:]]
    kept = {e.source_actor_id for e in events} | {e.target_actor_id for e in events}
    kept |= {m.actor_id for m in old.mentions} | {q.speaker_actor_id for q in old.quotes[1:]}
    kept.discard(ACTORS["abe"].id)
    actors = [
        dataclasses.replace(a, code="RUSGOVFM") if a.id == ACTORS["lavrov"].id else a
        for a in old.actors
        if a.id in kept
    ]
    return dataclasses.replace(
        old,
        article=dataclasses.replace(article, title=old.article.title + " (updated)"),
        actors=actors,
        mentions=[m for m in old.mentions if m.actor_id in kept],
        events=events,
        quotes=old.quotes[1:],
    )


def _next_year(value: str) -> str:
    return f"{int(value[:4]) + 1:04d}{value[4:]}" if value else value


def same(article: Article) -> Analysis:
    return ORIGINAL[article.id]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "r.db")


def test_a_store_written_without_versions_is_all_outdated(db: Path) -> None:
    with Store(db) as store:
        assert store.pipeline_counts() == {"": len(STORIES)}
        ids = outdated(store)
        assert len(ids) == len(STORIES) and outdated(store, ids[:2]) == ids[:2]
        seen: list[tuple[str, str]] = []
        report = reanalyze(store, ids, analyzer=same, on_document=lambda uri, what: seen.append((uri, what)))
        # The progress listener hears of each article, in ingest order.
        assert seen == [(store.article(i).uri, "updated") for i in ids]
        assert (report.seen, report.updated, report.failed) == (len(STORIES), len(STORIES), 0)
        assert store.pipeline_counts() == {pipeline_version(): len(STORIES)}
        assert outdated(store) == [] and outdated(store, everything=True) == ids
        assert store.analysis(ids[0]).pipeline == pipeline_version()


def test_unchanged_analysis_leaves_the_same_rows(db: Path) -> None:
    before = rows(db)
    with Store(db) as store:
        reanalyze(store, outdated(store), analyzer=same)
    after = rows(db)
    after.pop("analyses"), before.pop("analyses")  # the pipeline column is now filled
    after.pop("registry_pipelines"), before.pop("registry_pipelines")
    assert after == before


def test_reanalysis_replaces_records_and_is_idempotent(db: Path) -> None:
    with Store(db) as store:
        ids = outdated(store)
        reanalyze(store, ids, analyzer=later)
    once = rows(db)
    with Store(db) as store:
        assert outdated(store) == []  # nothing left to do by default
        report = reanalyze(store, outdated(store, everything=True), analyzer=later)
        assert report.updated == len(STORIES)
    assert rows(db) == once
    events = {(e[1], e[0]) for e in once["events"]}  # (article, event id)
    expected = {(a.article.id, e.id) for a in ORIGINAL.values() for e in a.events[1:]}
    assert events == expected


def test_counts_search_and_names_follow_the_replacement(db: Path) -> None:
    with Store(db) as store:
        reanalyze(store, outdated(store), analyzer=later)
        q = Query(store)
        # Monthly counts: the triggers moved every event to its new month.
        kept_actors, actors, kept_countries, countries = recount(db)
        assert kept_actors == actors and kept_countries == countries
        # The counts of complete real-world events (migration 0011) follow too.
        assert_counts(store.connection)
        fast = q.timeline(actor="Putin")  # read from the kept counts
        assert fast and fast[0]["month"] >= "2017-12"
        # FTS: the new title is found, each article once.
        hits = q.search("updated")
        assert len(hits) == len(STORIES) and all(h.title.endswith("(updated)") for h in hits)
        # The registry: Lavrov's code redefined by the new pipeline, Abe gone with his name.
        assert store.actor(ACTORS["lavrov"].id).code == "RUSGOVFM"
        assert store.actor(ACTORS["abe"].id) is None
        conn = store.connection
        assert not conn.execute(
            "SELECT 1 FROM actor_names WHERE actor_id = ?", (ACTORS["abe"].id,)
        ).fetchall()


def test_the_fast_timeline_matches_a_scan_after_reanalysis(db: Path) -> None:
    with Store(db) as store:
        reanalyze(store, outdated(store), analyzer=later)
        q = Query(store)
        for actor in ("Putin", "Lavrov", "Russia", "United States", "Syria"):
            fast = q.timeline(actor=actor)  # trigger-kept counts
            scanned = q.timeline(actor=actor, by="year")  # counted from the events
            years: dict[str, int] = {}
            for row in fast:
                years[row["month"][:4]] = years.get(row["month"][:4], 0) + row["total"]
            assert {r["year"]: r["total"] for r in scanned if r["total"]} == {
                y: n for y, n in years.items() if n
            }, actor


def test_a_failed_analysis_keeps_the_old_records(db: Path) -> None:
    failing = next(iter(ORIGINAL))

    def flaky(article: Article) -> Analysis:
        if article.id == failing:
            raise RuntimeError("model fell over")
        return later(article)

    before = {k: v for k, v in rows(db).items() if k == "events"}
    with Store(db) as store:
        report = reanalyze(store, outdated(store), analyzer=flaky)
        assert report.failed == 1 and report.updated == len(STORIES) - 1
        assert "model fell over" in report.errors[0].reason and report.errors[0].stage == "analyze"
        assert [e.reason for e in store.errors()] == [report.errors[0].reason]
        assert outdated(store) == [failing]  # the next run picks it up
        kept = [e for e in before["events"] if e[1] == failing]
        assert [e for e in rows(db)["events"] if e[1] == failing] == kept


def _as_then(store: Store, table: str, records: list) -> list:  # type: ignore[type-arg]
    """The records with only the fields the store's table has columns for."""
    if not records:
        return []
    have = {row[1] for row in store.connection.execute(f'PRAGMA table_info("{table}")')}
    cls = type(records[0])
    fields = [(f.name, f.type) for f in dataclasses.fields(cls) if f.name in have]
    then = dataclasses.make_dataclass(cls.__name__, fields)
    return [then(**{name: getattr(r, name) for name, _ in fields}) for r in records]


def test_a_store_from_before_the_migration_is_reanalysed(tmp_path: Path) -> None:
    ours = next(m.version for m in load_migrations() if m.name.endswith("_pipeline_version.sql"))
    folder = tmp_path / "before"
    folder.mkdir()
    for migration in load_migrations()[: ours - 1]:
        (folder / migration.name).write_text(migration.sql, "utf-8")
    db = tmp_path / "old.db"
    with Store(db, migrations=folder) as old:
        # Rows as that version wrote them: the columns its schema has (later migrations add more).
        for analysis in ORIGINAL.values():
            old.bulk_add("articles", _as_then(old, "articles", [analysis.article]))
            old.bulk_add("actors", _as_then(old, "actors", analysis.actors))
            old.bulk_add("events", _as_then(old, "events", analysis.events))
        assert old.schema_version() == ours - 1
    with Store(db) as store:
        assert ours in store.applied_migrations
        assert store.pipeline_counts() == {"": len(STORIES)}
        reanalyze(store, outdated(store), analyzer=same)
        assert outdated(store) == []


def test_replacing_with_a_new_body_moves_copies_and_search(db: Path) -> None:
    from newsgraph.records import Duplicate

    old_id = next(iter(ORIGINAL))
    old = ORIGINAL[old_id]
    with Store(db) as store:
        store.add_duplicate(Duplicate(uri="test://copy", article_id=old_id, kind="exact", similarity=1.0))
        text = old.article.text.replace("sanctions", "penalties")
        article = dataclasses.replace(old.article, id="new-body-id", text=text, paragraphs=[text])
        moved = dataclasses.replace(
            old,
            article=article,
            mentions=[dataclasses.replace(m, article_id="new-body-id") for m in old.mentions],
            place_mentions=[dataclasses.replace(m, article_id="new-body-id") for m in old.place_mentions],
            events=[dataclasses.replace(e, article_id="new-body-id") for e in old.events],
            quotes=[dataclasses.replace(x, article_id="new-body-id") for x in old.quotes],
        )
        store.replace_analysis(moved, pipeline="test", replaces=old_id)
        assert not store.has_article(old_id) and store.has_article("new-body-id")
        assert store.article("new-body-id").ingested_at == old.article.ingested_at
        assert [d.uri for d in store.duplicates("new-body-id")] == ["test://copy"]
        q = Query(store)
        assert [h.article_id for h in q.search("penalties")] == ["new-body-id"]
        assert old_id not in {h.article_id for h in q.search("sanctions")}
        kept_actors, actors, kept_countries, countries = recount(db)
        assert kept_actors == actors and kept_countries == countries
        # The counts of complete real-world events (migration 0011) follow too.
        assert_counts(store.connection)
