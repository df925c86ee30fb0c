"""The query functions the workbench added, checked against plain counts on a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.query import QUAD_KEYS, Query, monthly
from newsgraph.store import QueryTimeout, Store, StoreError, queries
from newsgraph.store.queries import ONE_SIDED_ROOTS, Criteria


def test_complete_events_per_quad_class_match_the_dyadic_filter(demo_db: Path) -> None:
    with Store.open_read_only(demo_db) as store:
        q = Query(store)
        fast = q.overview()["complete_events"]
        by_listing = {key: 0 for key in QUAD_KEYS}
        for e in q.events(dyadic=True, limit=10_000):
            if e.quad_class:
                by_listing[QUAD_KEYS[e.quad_class - 1]] += 1
        assert fast == by_listing == q.quad_counts(dyadic=True)
        # Some events are incomplete, so the figure is not just every event.
        assert fast == q.quad_counts()  # complete events are the default
        assert sum(fast.values()) < sum(q.quad_counts(partial=True).values())
        assert set(ONE_SIDED_ROOTS) == {"01", "14", "15"}


def test_the_monthly_timeline_of_every_event_matches_a_scan(demo_db: Path) -> None:
    with Store.open_read_only(demo_db) as store:
        conn = store.connection
        for since, until in (("", ""), ("2022", ""), ("2023-02", "2024-01")):
            # Every record (partial too) is what the counts of migration 0004 hold: the fast path.
            c = Criteria(since=since, until=until, partial=True, mentions=True)
            scanned = [r for r in queries.timeline_scan(conn, c) if r[0][5:7].isdigit()]
            assert queries.timeline(conn, c) == scanned
        assert monthly(queries.timeline(conn, Criteria()))


def test_busiest_actors_and_map_points(demo_db: Path) -> None:
    with Store.open_read_only(demo_db) as store:
        q = Query(store)
        busiest = q.busiest_actors(limit=5)
        assert len(busiest) == 5 and [n for _, n in busiest] == sorted((n for _, n in busiest), reverse=True)
        top, n = busiest[0]
        assert sum(row["total"] for row in q.timeline(actor=top.id)) == n
        # With partial records: read from the monthly counts kept at ingest, which count every
        # record (mention), partial ones too.
        loose, m = q.busiest_actors(limit=1, partial=True)[0]
        assert sum(row["total"] for row in q.timeline(actor=loose.id, partial=True, mentions=True)) == m >= n
        places = q.event_places()
        assert places and all(p.lat is not None for p, _ in places)
        assert sum(n for _, n in places) <= q.count_events()
        mentions = q.mention_places()
        assert mentions and all(n >= 1 for _, n in mentions)
        assert q.actor_by_id("no-such-id") is None
        assert q.actor_by_id(top.id).actors[0].id == top.id


def test_read_only_stores_refuse_writes_and_stop_slow_reads(demo_db: Path, tmp_path: Path) -> None:
    with Store.open_read_only(demo_db) as store:
        slow = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"
        with pytest.raises(QueryTimeout, match=r"took longer than 0\.05 s"), store.time_limit(0.05):
            store.connection.execute(slow).fetchone()
        assert store.stats()["articles"]  # usable afterwards
    with pytest.raises(StoreError, match="no store"):
        Store.open_read_only(tmp_path / "missing.db")


def test_the_csv_download_is_the_csv_export_of_its_records(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The download writes rows of values, not records: byte for byte the records' CSV, across
    batches (the header once), for real-world events, mentions, and nothing matched."""
    import io

    from newsgraph.export import csv as csv_export
    from newsgraph.records import Event, MergedEvent
    from newsgraph.web import downloads, forms
    from newsgraph.web.stores import Stores

    monkeypatch.setattr(downloads, "BATCH", 3)
    stores = Stores(demo_db)
    try:
        with Store.open_read_only(demo_db) as store:
            q = Query(store)
            for params, cls in (
                ({"quad": ["4"]}, MergedEvent),
                ({"quad": ["4"], "mentions": ["true"]}, Event),
                ({"since": ["2090"]}, MergedEvent),
            ):
                filters = forms.parse_filters("events", params)
                expected = io.StringIO()
                n = csv_export.write(q.iter_records("events", **filters), expected, cls)
                assert n > 3 or params.get("since")  # several batches, or the header alone
                assert "".join(downloads.stream(stores, "csv", filters)) == expected.getvalue()
    finally:
        stores.close()
