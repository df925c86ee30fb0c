"""Complete events by default, ``partial`` for every record: the SQL of the query layer agrees with
``analyze.events.dyadic`` (issue 11 point 3; ``dyadic=True``, the old opt-in, asks for the default).

The store holds one event for every shape an event side can have (actor id and code, id only, code
only, nothing) on each side, for one-actor roots (01, 14, 15) and two-actor roots (04, 19); each
query shape (no actor filter, either side, source, target, a code prefix, a country, a dyad) takes
its own SQL path, and every one must keep exactly the events the Python rule keeps.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from tests.paths import EXAMPLES
from tests.query.builder import SHAPE_CODES, add_shaped_events, build_store, shape_event

from newsgraph.analyze.events.coder import ONE_SIDED_ROOTS as ANALYZE_ONE_SIDED_ROOTS
from newsgraph.analyze.events.coder import dyadic
from newsgraph.query import ONE_SIDED_ROOTS, Query, QueryError
from newsgraph.records import Event
from newsgraph.store import Store


@pytest.fixture(scope="module")
def q(tmp_path_factory: pytest.TempPathFactory) -> Query:
    path = add_shaped_events(tmp_path_factory.mktemp("dyadic") / "d.db")
    store = Store(path)
    yield Query(store)
    store.close()


def _key(e: Event) -> tuple[str, str]:
    return e.article_id, e.id


def test_root_sets_are_the_same() -> None:
    assert set(ONE_SIDED_ROOTS) == set(ANALYZE_ONE_SIDED_ROOTS)


@pytest.mark.parametrize(
    ("source", "target", "code", "kept"),
    [
        (("dy-src", "RUSGOV"), ("dy-tgt", "USAGOV"), "190", True),  # both sides
        (("dy-src", "RUSGOV"), ("", ""), "190", False),  # source only, root 19
        (("dy-src", "RUSGOV"), ("", ""), "140", True),  # source only, root 14
        (("", ""), ("dy-tgt", "USAGOV"), "010", False),  # target only, root 01: no one spoke
        (("", ""), ("", ""), "010", False),  # neither side
        (("", "RUSMIL"), ("dy-tgt", ""), "040", False),  # an uncoded actor on one side: partial
        (("", "RUSMIL"), ("dy-tgt", "USAGOV"), "040", True),  # codes on both sides
    ],
)
def test_named_shapes(
    q: Query, source: tuple[str, str], target: tuple[str, str], code: str, kept: bool
) -> None:
    wanted = shape_event(0, code, source, target)
    assert dyadic(wanted) is kept
    stored = [
        e
        for e in q.events(partial=True, limit=1000)
        if (e.source_actor_id, e.source_code, e.target_actor_id, e.target_code, e.cameo_code)
        == (*source, *target, code)
    ]
    assert len(stored) == 1
    assert (stored[0] in q.events(limit=1000)) is kept
    assert (stored[0] in q.events(dyadic=True, limit=1000)) is kept


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"actor": "Sidorov"},  # either side, by actor id: two branches
        {"actor": "Hollis"},
        {"actor": "RUS"},  # either side, by code prefix
        {"actor": "USA"},
        {"source": "Sidorov"},
        {"target": "Hollis"},
        {"source": "RUS"},
        {"target": "USA"},
        {"source_country": "Russia"},
        {"target_country": "USA"},
        {"actor": "Sidorov", "counterpart": "USA"},  # a dyad: both sides present by construction
        {"cameo": "14"},
    ],
)
def test_sql_agrees_with_python(q: Query, filters: dict[str, str]) -> None:
    every = q.events(partial=True, limit=1000, **filters)
    assert every, filters
    expected = sorted(_key(e) for e in every if dyadic(e))
    found = sorted(_key(e) for e in q.events(limit=1000, **filters))
    assert found == expected
    assert q.count_events(**filters) == q.count_events(dyadic=True, **filters) == len(expected)
    assert q.count_events(partial=True, **filters) == len(every)


def test_the_store_holds_every_shape(q: Query) -> None:
    everything = q.events(partial=True, limit=1000)
    assert len(everything) == len(SHAPE_CODES) * 16
    kept = [e for e in everything if dyadic(e)]
    # A side counts when it has a code (an actor id alone is an uncoded actor). Two-actor roots: the
    # 4 side pairs with a code on both sides; one-actor roots: the 8 pairs with a coded source.
    assert len(kept) == 2 * 4 + 3 * 8
    assert q.count_events() == len(kept)
    assert q.count_events(partial=True) == q.count_events(dyadic="false") == len(everything)


def test_aggregations_count_complete_events_by_default(q: Query) -> None:
    everything = q.events(partial=True, limit=1000)
    kept = [e for e in everything if dyadic(e)]
    months = q.timeline()
    assert sum(m["total"] for m in months) == len(kept)
    assert [m["month"] for m in months] == ["2018-01", "2018-02", "2018-03"]
    assert sum(m["total"] for m in q.timeline(partial=True)) == len(everything)
    # Sidorov's timeline with partial records comes from the monthly counts; complete is a scan.
    sidorov = [e for e in kept if "dy-src" in (e.source_actor_id, e.target_actor_id)]
    every_sidorov = [e for e in everything if "dy-src" in (e.source_actor_id, e.target_actor_id)]
    assert sum(m["total"] for m in q.timeline(actor="Sidorov")) == len(sidorov)
    assert sum(m["total"] for m in q.timeline(actor="Sidorov", partial=True)) == len(every_sidorov)
    by_source = {r["country"]: r["events"] for r in q.events_per_country(by="source")}
    assert by_source == {"RUS": sum(1 for e in kept if e.source_code.startswith("RUS"))}
    pairs = q.network(limit=100)
    assert sum(p["events"] for p in pairs) == sum(
        1 for e in kept if (e.source_actor_id or e.source_code) and (e.target_actor_id or e.target_code)
    )
    counterparts = q.counterparts("Sidorov")
    assert sum(c["events"] for c in counterparts) == sum(
        1 for e in sidorov if (e.target_actor_id or e.target_code) and (e.source_actor_id or e.source_code)
    )


@pytest.mark.parametrize(("value", "on"), [(True, True), ("true", True), ("no", False), (False, False)])
def test_switch_values(q: Query, value: object, on: bool) -> None:
    assert q.count_events(partial=value) == (len(SHAPE_CODES) * 16 if on else 2 * 4 + 3 * 8)
    # The old opt-in: on is the default (complete), "no" asks for partial records; False is unset.
    expected = len(SHAPE_CODES) * 16 if value == "no" else 2 * 4 + 3 * 8
    assert q.count_events(dyadic=value) == expected


def test_actor_profiles_and_listings_count_complete_events(q: Query) -> None:
    everything = q.events(partial=True, limit=1000)
    kept = [e for e in everything if dyadic(e)]
    profile = q.actor("Sidorov")
    assert profile.counts["events_as_source"] == sum(e.source_actor_id == "dy-src" for e in kept)
    assert sum(m["total"] for m in profile.timeline) == sum(
        "dy-src" in (e.source_actor_id, e.target_actor_id) and len(e.date) >= 7 for e in kept
    )
    loose = q.actor("Sidorov", partial=True)
    assert loose.counts["events_as_source"] == sum(e.source_actor_id == "dy-src" for e in everything)
    assert loose.counts["events_as_source"] > profile.counts["events_as_source"]
    listed = {a.id: ev for a, ev, _, _ in q.actors(actor="Sidorov")}
    assert listed["dy-src"] == sum("dy-src" in (e.source_actor_id, e.target_actor_id) for e in kept)
    listed = {a.id: ev for a, ev, _, _ in q.actors(actor="Sidorov", partial=True)}
    assert listed["dy-src"] == sum("dy-src" in (e.source_actor_id, e.target_actor_id) for e in everything)


def test_bad_switch_and_wrong_table(q: Query) -> None:
    with pytest.raises(QueryError, match="--dyadic is a switch: give true or false"):
        q.events(dyadic="maybe")
    with pytest.raises(QueryError, match="--partial is a switch: give true or false"):
        q.events(partial="maybe")
    with pytest.raises(QueryError, match="--dyadic is not a filter of quotes"):
        q.quotes(dyadic=True)
    with pytest.raises(QueryError, match="--partial is not a filter of quotes"):
        q.quotes(partial=True)
    q.quotes(partial=False)  # off is no filter at all, for any listing


def test_builder_store_is_all_dyadic(tmp_path: Path) -> None:
    """The shared test store's one-actor event is a root-01 statement: kept, as PETRARCH would."""
    store = Store(build_store(tmp_path / "b.db"))
    try:
        query = Query(store)
        assert query.count_events(partial=True) == query.count_events() == 16
        assert [e.root_code for e in query.events(actor="Assad")] == ["01"]
    finally:
        store.close()


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled examples/ corpus through the whole pipeline (about 10 s: the spaCy model)."""
    from typer.testing import CliRunner

    from newsgraph.cli import app

    path = tmp_path_factory.mktemp("examples") / "x.db"
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_sql_agrees_with_python_on_the_examples_corpus(examples_db: Path) -> None:
    """Events as the pipeline codes them, whatever shapes it produces today."""
    store = Store(examples_db)
    try:
        query = Query(store)
        every = query.events(partial=True, limit=100_000)
        assert every
        expected = sorted(_key(e) for e in every if dyadic(e))
        assert sorted(_key(e) for e in query.events(limit=100_000)) == expected
        codes = Counter(e.source_code[:3] for e in every if len(e.source_code) >= 3)
        for country, _ in codes.most_common(3):
            mine = [e for e in query.events(actor=country, partial=True, limit=100_000) if dyadic(e)]
            found = query.events(actor=country, limit=100_000)
            assert sorted(map(_key, found)) == sorted(map(_key, mine)), country
            months = query.timeline(actor=country)
            assert sum(m["total"] for m in months) == sum(
                1 for e in mine if len(e.date) >= 7 and e.quad_class is not None
            )
    finally:
        store.close()


def test_the_unfiltered_listing_agrees_with_the_filtered_path(q: Query) -> None:
    """With no filter the listing walks the real-world events in sort order and keeps those with a
    matching mention; any filter gathers the matching mentions' events first. Every root named is
    the same set of events, so both paths must give the same pages in the same order."""
    roots = [f"{n:02d}" for n in range(1, 21)]
    for partial in (False, True):
        plain = [e.id for e in q.events(partial=partial, limit=1000)]
        via_ids = [e.id for e in q.events(partial=partial, cameo=roots, limit=1000)]
        assert plain and plain == via_ids
        assert [e.id for e in q.events(partial=partial, limit=5, offset=3)] == via_ids[3:8]
        oldest = q.events(partial=partial, limit=1000, sort="date", desc=False)
        oldest_via_ids = q.events(partial=partial, cameo=roots, sort="date", desc=False, limit=1000)
        assert [e.id for e in oldest] == [e.id for e in oldest_via_ids]
