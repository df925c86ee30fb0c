"""Counts of complete real-world events (migration 0011): kept by triggers on merged_events through
every write, equal to a recount from the events and their mentions, and the query layer's fast
paths over them equal to its scans."""

from __future__ import annotations

import dataclasses
import random
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from tests.query.builder import (
    ACTORS,
    STORIES,
    add_shaped_events,
    analysis_of,
    build_store,
    shaped_events,
)
from tests.store.recount import assert_counts, kept
from tests.store.test_merge import STORIES as REPORTS
from tests.store.test_merge import _story

from newsgraph.records import Analysis, Event
from newsgraph.store import Store, queries
from newsgraph.store.queries import ONE_SIDED_ROOTS, Criteria, Side
from newsgraph.store.schema import default_source

#: A report without a place: it links a Hamburg report and a Moscow one into one event (test_merge).
BRIDGE = _story(
    "unplaced", "e.example", "2017-07-07", (0, "putin", "trump", "040", "asserted", "2017-07-07", "")
)


# -- the fast paths against the scans ------------------------------------------------------------


def assert_paths_agree(conn: sqlite3.Connection) -> None:
    """Every question the kept counts answer, asked both ways, for every actor and country."""
    actor_ids = [row[0] for row in conn.execute('SELECT "id" FROM "actors" ORDER BY "id"')] + [
        "no-such-actor"
    ]
    for actor_id in actor_ids:
        side = Side(ids=(actor_id,), label=actor_id)
        c = Criteria(actor=side)
        fast = queries._timeline_from_counts(conn, c)
        assert fast is not None and fast == queries.timeline_scan(conn, c), actor_id
        for limit in (1000, 2):
            assert queries.counterparts(conn, c, limit) == queries.counterparts(conn, c, limit, kept=False)
        assert queries.event_places(conn, c) == queries.event_places(conn, c, kept=False)
        assert queries.side_counts(conn, side) == queries.side_counts(conn, side, kept=False)
        for role in ("actor", "source", "target"):
            one = Criteria(**{role: side})
            for desc, limit, offset in ((True, 100, 0), (False, 100, 0), (True, 2, 1)):
                page = {"desc": desc, "limit": limit, "offset": offset}
                assert queries.events(conn, one, **page) == queries.events(conn, one, **page, kept=False)
    codes = {
        row[0][:3] for row in conn.execute('SELECT "source_code" FROM "events" WHERE "source_code" <> \'\'')
    }
    for country in [*sorted(codes), "ZZZ"]:
        c = Criteria(actor=Side(code=country, label=country))
        assert queries._timeline_from_counts(conn, c) == queries.timeline_scan(conn, c), country
    every = Criteria()
    assert queries.timeline(conn, every) == queries.timeline_scan(conn, every)
    assert queries.quad_counts(conn, every) == queries.quad_counts(conn, every, kept=False)
    assert queries.count_events(conn, every) == queries.count_events(conn, every, kept=False)
    assert queries.event_places(conn, every) == queries.event_places(conn, every, kept=False)
    for limit, least in ((1000, 1), (3, 1), (1000, 2)):
        kept_pairs = queries.network(conn, every, limit, least)
        assert kept_pairs == queries.network(conn, every, limit, least, kept=False)
    assert queries.busiest_actors(conn, 100) == queries.busiest_actors(conn, 100, kept=False)
    for sort, desc in (("events", True), ("events", False), ("name", False)):
        page = {"sort": sort, "desc": desc, "limit": 100}
        assert queries.actors(conn, Criteria(), **page) == queries.actors(
            conn, Criteria(), **page, kept=False
        )


#: Filters on the mentions (a date range, quad classes, a CAMEO root) that the kept counts cannot
#: answer, but whose matching complete events are paged and paired from "complete_events".
MENTION_FILTERS: tuple[dict[str, Any], ...] = (
    {"since": "2017", "until": "2018"},
    {"since": "2017-07", "until": "2017-07-08", "quad": (1, 4)},
    {"since": "2018", "quad": (4,)},
    {"quad": (2,)},
    {"cameo": ("04",)},
)


def assert_filtered_paths_agree(conn: sqlite3.Connection) -> None:
    """Complete real-world events under mention filters, with and without an actor: the page by
    date and the network read from "complete_events" equal those read from "merged_events"."""
    actor_ids = [row[0] for row in conn.execute('SELECT "id" FROM "actors" ORDER BY "id"')]
    sides = [None, *(Side(ids=(actor_id,), label=actor_id) for actor_id in actor_ids)]
    found = 0
    for side in sides:
        for filters in MENTION_FILTERS:
            c = Criteria(actor=side, **filters)
            for desc, limit, offset in ((True, 100, 0), (False, 100, 0), (True, 2, 1)):
                page = {"desc": desc, "limit": limit, "offset": offset}
                assert queries.events(conn, c, **page) == queries.events(conn, c, **page, kept=False), c
            for limit, least in ((1000, 1), (2, 1), (1000, 2)):
                pairs = queries.network(conn, c, limit, least)
                assert pairs == queries.network(conn, c, limit, least, kept=False), c
            found += len(queries.events(conn, c, limit=1000))
    assert found  # the filters match something: the comparisons are not of empty pages


def check(conn: sqlite3.Connection) -> None:
    assert_counts(conn)
    assert_paths_agree(conn)
    assert_filtered_paths_agree(conn)


# -- writes ------------------------------------------------------------------------------------


def edited(analysis: Analysis) -> Analysis:
    """A re-analysis: its first event gone, the others a month later, and the target of the
    second one left without a code (an incomplete event now, unless its root is one-sided)."""
    events = [dataclasses.replace(e, date=_month_later(e.date)) for e in analysis.events[1:]]
    if len(events) > 1:
        events[1] = dataclasses.replace(events[1], target_code="")
    return dataclasses.replace(analysis, events=events)


def _month_later(value: str) -> str:
    if len(value) < 7:
        return value
    year, month = int(value[:4]), int(value[5:7])
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}{value[7:]}"


def test_the_roots_table_is_the_codebook_rule(tmp_path: Path) -> None:
    with Store(tmp_path / "r.db") as store:
        roots = {row[0] for row in store.connection.execute('SELECT "root" FROM "complete_alone_roots"')}
    assert roots == set(ONE_SIDED_ROOTS)


def test_counts_follow_ingest_reingest_reanalysis_merges_and_removals(tmp_path: Path) -> None:
    path = add_shaped_events(build_store(tmp_path / "c.db"))
    with Store(path) as store:
        conn = store.connection
        check(conn)
        assert kept(conn)["actor_counterparts"]  # something to compare
        for story in [*REPORTS, BRIDGE]:  # reports that join the events already stored
            assert store.add_analysis(analysis_of(story))
            assert_counts(conn)
        check(conn)
        assert not store.add_analysis(analysis_of(STORIES[0]))  # re-ingest: nothing changes
        check(conn)
        for story in [*STORIES[:4], REPORTS[1]]:  # re-analysis in place
            store.replace_analysis(edited(analysis_of(story)))
            assert_counts(conn)
        check(conn)
        # A re-extraction that changed the article's id.
        old = analysis_of(STORIES[5])
        renamed = dataclasses.replace(old.article, id="renamed-article")
        events = [dataclasses.replace(e, article_id="renamed-article") for e in old.events]
        new = dataclasses.replace(
            old, article=renamed, events=events, mentions=[], place_mentions=[], quotes=[]
        )
        store.replace_analysis(new, replaces=old.article.id)
        check(conn)
        for story in [BRIDGE, REPORTS[0], STORIES[6]]:  # a bridge removed: its event splits
            assert store.delete_article(analysis_of(story).article.id)
            assert_counts(conn)
        check(conn)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counts_do_not_depend_on_order(tmp_path: Path, seed: int) -> None:
    stories = [*STORIES, *REPORTS, BRIDGE]
    rng = random.Random(seed)
    removed = rng.sample(stories, 6)
    results = []
    for name, order in (("ref", stories), ("shuffled", rng.sample(stories, len(stories)))):
        with Store(tmp_path / f"{name}.db") as store:
            for story in order:
                assert store.add_analysis(analysis_of(story))
                assert_counts(store.connection)
            for story in removed if name == "ref" else rng.sample(removed, len(removed)):
                assert store.delete_article(analysis_of(story).article.id)
                assert_counts(store.connection)
            check(store.connection)
            results.append(kept(store.connection))
    assert results[0] == results[1]


def test_bulk_loaded_events_are_counted(tmp_path: Path) -> None:
    path = build_store(tmp_path / "b.db")
    with Store(path) as store:
        article = analysis_of(STORIES[0]).article
        loaded = [dataclasses.replace(e, article_id=article.id, id=f"bulk{e.id}") for e in shaped_events()]
        assert store.bulk_add("events", loaded) == len(loaded)
        check(store.connection)


def _migrations_up_to(tmp_path: Path, version: int) -> Path:
    folder = tmp_path / f"migrations-{version}"
    folder.mkdir()
    for entry in default_source().iterdir():
        if entry.name.endswith(".sql") and int(entry.name[:4]) <= version:
            (folder / entry.name).write_text(entry.read_text("utf-8"), "utf-8")
    return folder


@pytest.mark.parametrize("version", [9, 10])
def test_the_migration_counts_stored_events(tmp_path: Path, version: int) -> None:
    """A store written before migration 0011 (and one before 0010, whose events are merged when it
    is opened) gets the same counts as one written with it."""
    stories = [*STORIES, *REPORTS, BRIDGE]
    old = tmp_path / "old.db"
    with Store(old, migrations=_migrations_up_to(tmp_path, version)) as store:
        for story in stories:
            assert store.add_analysis(analysis_of(story)) if version >= 10 else _add_unmerged(store, story)
    copy = tmp_path / "copy.db"
    shutil.copy(old, copy)
    with Store(copy) as store:
        assert 11 in store.applied_migrations
        check(store.connection)
        migrated = kept(store.connection)
    with Store(tmp_path / "new.db") as store:
        for story in stories:
            assert store.add_analysis(analysis_of(story))
        assert kept(store.connection) == migrated


def _add_unmerged(store: Store, story: Any) -> bool:
    """Before migration 0010 the store had no merge: write the article's rows as they are."""
    analysis = analysis_of(story)
    store.bulk_add("articles", [analysis.article])
    store.bulk_add("actors", analysis.actors)
    store.bulk_add("places", analysis.places)
    fields = [f.name for f in dataclasses.fields(Event) if f.name != "event_id"]
    conn = store.connection
    for e in analysis.events:
        values = [getattr(e, name) for name in fields]
        columns = ", ".join(f'"{name}"' for name in fields)
        conn.execute(f'INSERT INTO "events" ({columns}) VALUES ({", ".join("?" for _ in fields)})', values)
    return True


def test_fast_paths_are_taken_for_one_actor_only(tmp_path: Path) -> None:
    path = build_store(tmp_path / "f.db")
    with Store(path) as store:
        conn = store.connection
        putin = Side(ids=(ACTORS["putin"].id,))
        assert queries.counted_actor(Criteria(actor=putin)) == ACTORS["putin"].id
        # A date range, another filter, partial records or mentions: scanned, not counted.
        for c in (
            Criteria(actor=putin, since="2017"),
            Criteria(actor=putin, quad=(1,)),
            Criteria(actor=putin, partial=True),
            Criteria(actor=putin, mentions=True),
            Criteria(actor=Side(ids=(ACTORS["putin"].id, ACTORS["trump"].id))),
        ):
            assert queries.counted_actor(c) is None
            assert queries.counterparts(conn, c, 100) == queries.counterparts(conn, c, 100, kept=False)
        assert queries._timeline_from_counts(conn, Criteria(actor=putin, since="2017")) is None


def test_an_actors_mentions_in_a_range_are_read_from_the_index_alone(tmp_path: Path) -> None:
    """Migration 0012: one actor's complete mentions in a date range and quad class, and their
    events, come from the actor-side indexes without reading the mention rows."""
    path = add_shaped_events(build_store(tmp_path / "i.db"))
    with Store(path) as store:
        conn = store.connection
        putin = Side(ids=(ACTORS["putin"].id,))
        c = Criteria(actor=putin, since="2017", until="2018", quad=(1, 4))
        ids, params = queries._event_ids(c)
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {ids}", params)]
        assert any("COVERING INDEX events_source_date" in step for step in plan), plan
        assert any("COVERING INDEX events_target_date" in step for step in plan), plan
        assert conn.execute(f"SELECT count(*) FROM ({ids})", params).fetchone()[0] > 0
