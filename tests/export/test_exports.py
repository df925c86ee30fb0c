"""Exports round-trip: GDELT TSV with the published header, Parquet (DuckDB, pandas), JSONL, CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from tests.query.builder import build_store

from newsgraph.export import export
from newsgraph.export.gdelt import GDELT_COLUMNS, split_actor_code
from newsgraph.export.parquet import schema
from newsgraph.query import Query, QueryError
from newsgraph.records import Actor, Article, Event, MergedEvent, from_dict
from newsgraph.store import Store


@pytest.fixture(scope="module")
def q(tmp_path_factory: pytest.TempPathFactory) -> Query:
    store = Store(build_store(tmp_path_factory.mktemp("export") / "e.db"))
    yield Query(store)
    store.close()


def test_gdelt_columns_are_the_published_61() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:6] == (
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "FractionDate",
        "Actor1Code",
    )
    assert GDELT_COLUMNS[25:35] == (
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    )
    assert GDELT_COLUMNS[35:43] == tuple(
        f"Actor1Geo_{x}"
        for x in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    )
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert split_actor_code("IGOEUREEC") == ("EUR", "EEC", ["IGO"])
    assert split_actor_code("RUSGOVMIL") == ("RUS", "", ["GOV", "MIL"])


def test_gdelt_tsv_round_trip_with_pandas(q: Query, tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "events.tsv"
    assert export(q, "events", "gdelt", out) == 16
    first = out.read_text(encoding="utf-8").splitlines()[0]
    assert not first.startswith("GLOBALEVENTID")  # no header line, as GDELT ships it
    assert all(len(line.split("\t")) == 61 for line in out.read_text(encoding="utf-8").splitlines())
    df = pandas.read_csv(
        out, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=str, keep_default_na=False
    )
    assert len(df) == 16
    hamburg = df[(df.EventCode == "040")].iloc[0]
    assert hamburg.Actor1Code == "USAGOV" and hamburg.Actor1Name == "DONALD TRUMP"
    assert hamburg.Actor1CountryCode == "USA" and hamburg.Actor1Type1Code == "GOV"
    assert hamburg.Actor2Code == "RUSGOV" and hamburg.EventRootCode == "04" and hamburg.QuadClass == "1"
    assert hamburg.SQLDATE == "20170707" and hamburg.MonthYear == "201707" and hamburg.Year == "2017"
    assert hamburg.ActionGeo_Type == "4" and hamburg.ActionGeo_CountryCode == "GM"  # FIPS for Germany
    assert hamburg.ActionGeo_FullName == "Hamburg, Germany" and hamburg.ActionGeo_FeatureID == "2911298"
    assert float(hamburg.ActionGeo_Lat) == pytest.approx(53.55)
    assert hamburg.IsRootEvent == "1" and hamburg.NumArticles == "1"
    assert hamburg.SOURCEURL == "https://wire.example/hamburg-meeting"
    assert hamburg.DATEADDED == "20170707120000"
    washington = df[df.ActionGeo_FeatureID == "4140963"].iloc[0]
    assert washington.ActionGeo_Type == "3" and washington.ActionGeo_ADM1Code == "USDC"
    syria = df[df.ActionGeo_FullName == "Syria"].iloc[0]
    assert syria.ActionGeo_Type == "1" and syria.ActionGeo_CountryCode == "SY"
    eu = df[df.Actor1Code == "IGOEUREEC"].iloc[0]
    assert (eu.Actor1Type1Code, eu.Actor1KnownGroupCode, eu.Actor1CountryCode) == ("IGO", "EEC", "EUR")
    assert sorted(df.GLOBALEVENTID.astype(int)) == list(range(1, 17))


def test_gdelt_header_flag_and_csv_module_reader(q: Query, tmp_path: Path) -> None:
    out = tmp_path / "h.tsv"
    export(q, "events", "gdelt", out, header=True, actor="Lavrov")
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert list(rows[0]) == list(GDELT_COLUMNS)
    assert {r["Actor1Name"] for r in rows} == {"SERGEI LAVROV"}
    assert {r["ActionGeo_CountryCode"] for r in rows} == {"RS"}


def test_parquet_opens_in_duckdb_and_pandas(q: Query, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    pandas = pytest.importorskip("pandas")
    for table in ("events", "actors", "quotes", "articles", "mentions", "places"):
        out = tmp_path / f"{table}.parquet"
        n = export(q, table, "parquet", out)
        assert duckdb.execute(f"SELECT count(*) FROM read_parquet('{out}')").fetchone()[0] == n > 0
        assert len(pandas.read_parquet(out)) == n
    events = pandas.read_parquet(tmp_path / "events.parquet")
    # Real-world events (MergedEvent) by default; the coded records with mentions=True.
    assert list(events.columns) == [f.name for f in schema(MergedEvent, "events", joined=True)]
    export(q, "events", "parquet", tmp_path / "mentions-of-events.parquet", mentions=True)
    raw = pandas.read_parquet(tmp_path / "mentions-of-events.parquet")
    assert list(raw.columns) == [f.name for f in schema(Event, "events", joined=True)]
    assert events.goldstein.dtype == "float64" and events.quad_class.dtype == "int64"
    # Names and coordinates beside the ids: no second table needed to read an event.
    hamburg = events[events.place_name == "Hamburg"]
    assert len(hamburg) and set(hamburg.place_country) == {"DEU"} and set(hamburg.lat) == {53.55}
    putin = events[events.source_actor_id == "act-putin"]
    assert set(putin.source_name) == {"Vladimir Putin"}
    unplaced = events[events.place_id == ""]
    assert unplaced.lat.isna().all() and (unplaced.place_name == "").all()
    quotes = pandas.read_parquet(tmp_path / "quotes.parquet")
    assert set(quotes[quotes.speaker_actor_id == "act-lavrov"].speaker_name) == {"Sergei Lavrov"}
    mentions = pandas.read_parquet(tmp_path / "mentions.parquet")
    assert (mentions.actor_name != "").all()
    agg = duckdb.execute(
        f"SELECT root_code, count(*) FROM read_parquet('{tmp_path / 'events.parquet'}') "
        "GROUP BY root_code ORDER BY 2 DESC, 1 LIMIT 1"
    ).fetchone()
    assert agg == ("16", 4)
    actors = pandas.read_parquet(tmp_path / "actors.parquet")
    assert list(actors[actors.name == "United States"].aliases.iloc[0]) == ["US", "U.S."]
    articles = duckdb.execute(
        "SELECT title, len(paragraphs), published_candidates "
        f"FROM read_parquet('{tmp_path / 'articles.parquet'}') WHERE language = 'ru'"
    ).fetchone()
    assert articles == ("Лавров о санкциях", 1, "[]")
    import pyarrow.parquet as pq

    assert pq.read_schema(tmp_path / "actors.parquet").metadata[b"newsgraph.record"] == b"Actor"


def test_empty_parquet_still_has_the_schema(q: Query, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "none.parquet"
    assert export(q, "events", "parquet", out, since="2030") == 0
    assert duckdb.execute(f"SELECT count(*) FROM read_parquet('{out}')").fetchone()[0] == 0


def test_jsonl_and_csv_round_trip_to_records(q: Query, tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    export(q, "articles", "jsonl", out)
    back = [from_dict(Article, json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    assert back == list(q.iter_records("articles"))
    out = tmp_path / "actors.csv"
    export(q, "actors", "csv", out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    usa = next(r for r in rows if r["name"] == "United States")
    assert json.loads(usa["aliases"]) == ["US", "U.S."]
    assert len(rows) == len(list(q.iter_records("actors"))) == 10
    stored = {a.id: a for a in q.iter_records("actors")}
    assert from_dict(Actor, {**usa, "aliases": ["US", "U.S."], "roles": []}) == stored["act-usa"]


def test_filtered_exports_and_bad_options(q: Query, tmp_path: Path) -> None:
    out = tmp_path / "dyad.jsonl"
    assert export(q, "events", "jsonl", out, actor="Russia", counterpart="USA", since="2017") == 9
    assert export(q, "quotes", "jsonl", tmp_path / "q.jsonl", actor="Lavrov") == 2
    assert export(q, "mentions", "jsonl", tmp_path / "m.jsonl", actor="Putin") == 3
    with pytest.raises(QueryError, match="events table only"):
        export(q, "actors", "gdelt", tmp_path / "x.tsv")
    with pytest.raises(QueryError, match="one of: gdelt, gdelt-mentions, gkg, jsonl, parquet, csv"):
        export(q, "events", "xml", tmp_path / "x.xml")
    with pytest.raises(QueryError, match="unknown CAMEO"):
        export(q, "events", "jsonl", tmp_path / "bad.jsonl", cameo="77")
    assert not (tmp_path / "bad.jsonl").exists() and not list(tmp_path.glob("*.part"))


def test_export_streams_in_constant_memory(tmp_path: Path) -> None:
    """The writers pull records one batch at a time: the iterator is never materialised."""
    from newsgraph.export import jsonl

    pulled = []

    def records():
        for i in range(5000):
            pulled.append(i)
            yield Actor(f"a{i}", f"Actor {i}", "person")

    class Probe:
        def __init__(self) -> None:
            self.lines = 0
            self.max_ahead = 0

        def write(self, text: str) -> None:
            self.lines += text.count("\n")
            self.max_ahead = max(self.max_ahead, len(pulled) - self.lines)

    probe = Probe()
    assert jsonl.write(records(), probe) == 5000
    assert probe.max_ahead <= 1


def test_csv_of_records_without_list_fields_writes_each_value_as_it_is() -> None:
    """A record without list fields is written from its values in one read per record: the cells
    are what the field-by-field writing gives (None empty, text quoted where CSV needs it)."""
    import dataclasses
    import io

    from newsgraph.export import csv as csv_export
    from newsgraph.store import rows

    hostile = ['He said, "no"', "two\nlines", " spaced ", "", "naïve — ok", "a,b"]
    records = [
        MergedEvent(
            id=f"ev{i}",
            article_id="art",
            start=i,
            end=i + 10,
            evidence=text,
            cameo_code="040",
            root_code="04",
            goldstein=None if i % 2 else 1.0 / 3,
            quad_class=None if i % 3 else 1,
            confidence=0.1 + 0.2,
            tone=None,
        )
        for i, text in enumerate(hostile)
    ]
    assert not rows.list_columns(MergedEvent)
    out = io.StringIO()
    assert csv_export.write(records, out, MergedEvent) == len(records)
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(rows.columns(MergedEvent))
    for record in records:
        writer.writerow(["" if v is None else v for v in dataclasses.astuple(record)])
    assert out.getvalue() == expected.getvalue()
    back = list(csv.reader(io.StringIO(out.getvalue())))
    assert [row[4] for row in back[1:]] == hostile
    assert back[1][13] == repr(1.0 / 3) and back[2][13] == "" and back[1][18] == repr(0.1 + 0.2)
