"""Counts of complete real-world events (migration 0011): kept by triggers on merged_events through
every write, equal to a recount from the events and their mentions, and the query layer's fast
paths over them equal to its scans."""

from __future__ import annotations

import dataclasses
import random
import shutil
import sqlite3
from collections import defaultdict
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
from tests.store.test_merge import STORIES as REPORTS
from tests.store.test_merge import _story

from newsgraph.records import Analysis, Event
from newsgraph.store import Store, queries
from newsgraph.store.queries import ONE_SIDED_ROOTS, Criteria, Side
from newsgraph.store.schema import default_source

KEPT = {
    "event_months": 2,
    "event_quads": 1,
    "event_places": 1,
    "event_dyads": 2,
    "actor_event_months": 3,
    "country_event_months": 3,
    "actor_event_places": 2,
    "actor_event_totals": 1,
    "actor_counterparts": 3,
}
#: A report without a place: it links a Hamburg report and a Moscow one into one event (test_merge).
BRIDGE = _story(
    "unplaced", "e.example", "2017-07-07", (0, "putin", "trump", "040", "asserted", "2017-07-07", "")
)


# -- the recount: from the events and their mentions, in Python, sharing no SQL with the triggers --


def _complete(source_code: str, target_code: str, root: str) -> bool:
    return bool(source_code and target_code) or (root in ONE_SIDED_ROOTS and bool(source_code or target_code))


def recount(conn: sqlite3.Connection) -> dict[str, dict[tuple, tuple]]:
    """What each kept table must hold: per key, its counts (every count above zero)."""
    merged = {
        row[0]: row[1:]
        for row in conn.execute(
            'SELECT "id", "date", "quad_class", "place_id", "source_actor_id", "source_code", '
            '"target_actor_id", "target_code", "goldstein" FROM "merged_events"'
        )
    }
    sides: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    pairs: dict[tuple[str, str, str, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    countries: set[tuple[str, str]] = set()
    complete: set[str] = set()
    mentions = conn.execute(
        'SELECT "event_id", "source_actor_id", "source_code", "target_actor_id", "target_code", '
        '"root_code", "goldstein" FROM "events"'
    )
    for ev, s_id, s_code, t_id, t_code, root, goldstein in mentions:
        if ev not in merged or not _complete(s_code, t_code, root):
            continue
        complete.add(ev)
        g = None if goldstein is None else round(goldstein * 1000)
        for code in (s_code, t_code):
            if len(code) >= 3:
                countries.add((ev, code[:3]))
        if s_id:
            sides[(ev, s_id)][0] = 1
            _pair(pairs[(ev, s_id, t_id or t_code, int(bool(t_id)))], 0, g)
        if t_id:
            sides[(ev, t_id)][1] = 1
            if s_id != t_id:
                _pair(pairs[(ev, t_id, s_id or s_code, int(bool(s_id)))], 1, g)
    out: dict[str, dict[tuple, Any]] = {table: defaultdict(lambda: [0]) for table in KEPT}
    out["event_dyads"] = defaultdict(lambda: [0, 0, 0])
    for ev in complete:
        date, quad, place, s_id, s_code, t_id, t_code, goldstein = merged[ev]
        out["event_quads"][(quad or 0,)][0] += 1
        if place:
            out["event_places"][(place,)][0] += 1
        if (s_id or s_code) and (t_id or t_code):
            dyad = out["event_dyads"][(s_id or s_code, t_id or t_code)]
            dyad[0] += 1
            if goldstein is not None:
                dyad[1] += round(goldstein * 1000)
                dyad[2] += 1
        if len(date) >= 7 and quad is not None:
            out["event_months"][(date[:7], quad)][0] += 1
    out["actor_event_totals"] = defaultdict(lambda: [0, 0, 0, 0])
    out["actor_counterparts"] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for (ev, actor), (as_source, as_target) in sides.items():
        date, quad, place = merged[ev][:3]
        dated = len(date) >= 7 and quad is not None
        totals = out["actor_event_totals"][(actor,)]
        for i, add in enumerate((1, int(dated), as_source, as_target)):
            totals[i] += add
        if dated:
            out["actor_event_months"][(actor, date[:7], quad)][0] += 1
        if place:
            out["actor_event_places"][(actor, place)][0] += 1
    for ev, country in countries:
        date, quad = merged[ev][:2]
        if len(date) >= 7 and quad is not None:
            out["country_event_months"][(country, date[:7], quad)][0] += 1
    for (_ev, actor, cp, is_actor), (outgoing, incoming, g_sum, g_n) in pairs.items():
        if cp:
            kept = out["actor_counterparts"][(actor, cp, is_actor)]
            for i, add in enumerate((1, outgoing, incoming, g_sum, g_n)):
                kept[i] += add
    return {table: {k: tuple(v) for k, v in found.items()} for table, found in out.items()}


def _pair(counts: list[int], direction: int, g: int | None) -> None:
    counts[direction] = 1
    if g is not None:
        counts[2] += g
        counts[3] += 1


def kept(conn: sqlite3.Connection) -> dict[str, dict[tuple, tuple]]:
    return {
        table: {row[:width]: row[width:] for row in conn.execute(f'SELECT * FROM "{table}"')}
        for table, width in KEPT.items()
    }


def assert_counts(conn: sqlite3.Connection) -> None:
    assert kept(conn) == recount(conn)
    # Each event's row was written with exactly the mentions linked to it (a split writes its
    # parts once all of them are relinked).
    linked = 'SELECT count(*) FROM "events" AS e WHERE e."event_id" = m."id"'
    sql = f'SELECT m."id" FROM "merged_events" AS m WHERE m."num_mentions" <> ({linked})'
    assert conn.execute(sql).fetchall() == []


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


def check(conn: sqlite3.Connection) -> None:
    assert_counts(conn)
    assert_paths_agree(conn)


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
