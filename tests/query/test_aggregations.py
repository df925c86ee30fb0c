"""Aggregations of the query layer: timelines by day / month / year, the network, events per country."""

from __future__ import annotations

from collections import Counter

import pytest
from tests.query.builder import build_store

from newsgraph.query import PERIODS, QUAD_KEYS, Query, QueryError, per_period
from newsgraph.store import Store


@pytest.fixture(scope="module")
def q(tmp_path_factory: pytest.TempPathFactory) -> Query:
    store = Store(build_store(tmp_path_factory.mktemp("aggregations") / "a.db"))
    yield Query(store)
    store.close()


def test_per_period_fills_months_and_years_not_days() -> None:
    rows = [("2016-11", 1, 2), ("2017-02", 4, 1), ("2017-02", 1, 1)]
    months = per_period(rows, "month")
    assert [m["month"] for m in months] == ["2016-11", "2016-12", "2017-01", "2017-02"]
    assert months[1]["total"] == 0 and months[3] == {
        "month": "2017-02",
        **dict.fromkeys(QUAD_KEYS, 0),
        "verbal_cooperation": 1,
        "material_conflict": 1,
        "total": 2,
    }
    years = per_period([("2014", 2, 1), ("2017", 3, 5)], "year")
    assert [(y["year"], y["total"]) for y in years] == [("2014", 1), ("2015", 0), ("2016", 0), ("2017", 5)]
    days = per_period([("2017-01-01", 1, 1), ("2017-03-09", 2, 4)], "day")
    assert [(d["day"], d["material_cooperation"]) for d in days] == [("2017-01-01", 0), ("2017-03-09", 4)]
    assert per_period([], "year") == []
    assert set(PERIODS) == {"day", "month", "year"}


def test_timelines_agree_across_granularities(q: Query) -> None:
    for filters in ({}, {"actor": "Russia"}, {"actor": "Putin"}, {"actor": "Russia", "counterpart": "USA"}):
        days = q.timeline(by="day", **filters)
        months = q.timeline(by="month", **filters)
        years = q.timeline(by="year", **filters)
        # Every stored event is dated to the day, so each granularity counts all of them.
        assert (
            sum(d["total"] for d in days) == sum(m["total"] for m in months) == sum(y["total"] for y in years)
        )
        by_year = Counter[str]()
        for m in months:
            by_year[m["month"][:4]] += m["total"]
        assert {y["year"]: y["total"] for y in years} == dict(by_year)
    assert q.timeline(actor="Putin") == q.timeline(actor="Putin", by="month")
    assert q.timeline(by=" Year ")[0]["year"] == "2016"


def test_day_timeline_counts_quads(q: Query) -> None:
    hamburg = {d["day"]: d for d in q.timeline(actor="Trump", by="day")}["2017-07-07"]
    assert (hamburg["verbal_cooperation"], hamburg["verbal_conflict"], hamburg["total"]) == (2, 1, 3)


def test_network_min_events_and_limit(q: Query) -> None:
    every = q.network(limit=1000)
    assert sum(p["events"] for p in every) == 15  # all 16 events but the one without a target
    assert [p["events"] for p in every] == sorted((p["events"] for p in every), reverse=True)
    at_least_two = q.network(min_events=2)
    assert at_least_two == [p for p in every if p["events"] >= 2]
    assert q.network(min_events="3", limit=1) == every[:1]
    with pytest.raises(QueryError, match="--min-events must be a whole number >= 1"):
        q.network(min_events="none")


def test_events_per_country_names(q: Query) -> None:
    by_source = q.events_per_country(by="source")
    names = {r["country"]: r["name"] for r in by_source}
    assert names["RUS"] == "Russia" and names["IGO"] == ""  # IGO is a CAMEO prefix, not a country
    with pytest.raises(QueryError, match="--by 'actor' is not one of: place, source, target"):
        q.events_per_country(by="actor")
    with pytest.raises(QueryError, match="--by 'week' is not one of: day, month, year"):
        q.timeline(by="week")
