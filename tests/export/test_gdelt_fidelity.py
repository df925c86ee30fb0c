"""The GDELT export as a GDELT user loads it: GDELT's published column types in pandas and DuckDB,
no row without a date or an actor (left out and counted), the precision of each date in the dates
file, FIPS 10-4 ADM1 codes, actor locations and AvgTone on GDELT's scale."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from tests.query.builder import add_shaped_events, build_store, shaped_events

from newsgraph.export import export
from newsgraph.export.gdelt import DATE_COLUMNS, GDELT_COLUMNS, GDELT_TYPES, Summary, event_day, row
from newsgraph.export.run import gdelt_dates_path
from newsgraph.knowledge.places_fips import adm1_fips
from newsgraph.query import Query
from newsgraph.records import Event
from newsgraph.store import Store

PANDAS = {"INTEGER": "Int64", "FLOAT": "Float64", "STRING": "string"}
DUCKDB = {"INTEGER": "BIGINT", "FLOAT": "DOUBLE", "STRING": "VARCHAR"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The wire stories plus an article with every shape of event side, complete and not.
    return add_shaped_events(build_store(tmp_path_factory.mktemp("gdelt") / "g.db"))


@pytest.fixture(scope="module")
def exported(db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Summary]:
    out = tmp_path_factory.mktemp("gdelt-out") / "events.tsv"
    summary = Summary()
    with Store(db) as store:
        export(Query(store), "events", "gdelt", out, partial=True, summary=summary)
    return out, summary


def test_published_types_load_strictly_in_pandas(exported: tuple[Path, Summary]) -> None:
    pandas = pytest.importorskip("pandas")
    out, summary = exported
    dtypes = {c: PANDAS[t] for c, t in GDELT_TYPES.items()}
    df = pandas.read_csv(out, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=dtypes)
    assert len(df) == summary.written > 0
    assert df.SQLDATE.notna().all() and df.Year.notna().all() and df.FractionDate.notna().all()
    assert (df.MonthYear == df.SQLDATE // 100).all() and (df.MonthYear // 100 == df.Year).all()
    assert (df.Actor1Code.notna() | df.Actor2Code.notna()).all()  # GDELT has no actor-less rows
    assert df.EventCode.str.len().ge(3).all()  # "040" keeps its leading zero as a string


def test_published_types_load_strictly_in_duckdb(exported: tuple[Path, Summary]) -> None:
    duckdb = pytest.importorskip("duckdb")
    out, summary = exported
    columns = ", ".join(f"'{c}': '{DUCKDB[t]}'" for c, t in GDELT_TYPES.items())
    found = duckdb.execute(
        f"SELECT count(*), min(SQLDATE), count(DISTINCT EventRootCode) FROM read_csv('{out}', "
        f"delim='\\t', header=false, columns={{{columns}}}, quote='', auto_detect=false)"
    ).fetchone()
    assert found[0] == summary.written and found[1] >= 19000101 and found[2] > 1


def test_undated_and_actorless_events_are_left_out_and_counted(
    db: Path, exported: tuple[Path, Summary]
) -> None:
    out, summary = exported
    with Store(db) as store:
        every = Query(store).events(partial=True, limit=10_000)
    no_actor = [e for e in every if not (e.source_code or e.target_code)]
    assert summary.no_actor == len(no_actor) > 0
    assert summary.written + summary.no_actor + summary.undated == len(every) == 16 + len(shaped_events())
    assert len(out.read_text(encoding="utf-8").splitlines()) == summary.written
    assert "0 undated" in summary.line()
    # An event with neither its own date nor a publication date has no row.
    undated = Event("u1", "a", 0, 1, "x", "040", "04", source_code="USA", target_code="RUS")
    assert event_day(undated, {"article_published": ""}) is None
    week = Event("w1", "a", 0, 1, "x", "040", "04", date="2017-W28", date_precision="week")
    assert event_day(week, {})[:3] == (__import__("datetime").date(2017, 7, 10), "2017-W28", "week")


def test_dates_file_keeps_the_precision(exported: tuple[Path, Summary]) -> None:
    out, summary = exported
    dates = gdelt_dates_path(out)
    assert dates.name == "events.dates.tsv"
    with dates.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert list(rows[0]) == list(DATE_COLUMNS) and len(rows) == summary.written
    ids = [line.split("\t")[0] for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["GLOBALEVENTID"] for r in rows] == ids
    assert {r["DatePrecision"] for r in rows} <= {"day", "week", "month", "year"}
    assert {r["DateSource"] for r in rows} <= {"event", "published"}
    sqldates = {line.split("\t")[0]: line.split("\t")[1] for line in out.read_text().splitlines()}
    for r in rows:
        if r["DatePrecision"] == "day":
            assert sqldates[r["GLOBALEVENTID"]] == r["Date"].replace("-", "")


def test_fips_adm1_codes_are_gdelts() -> None:
    # GDELT's own ADM1 codes for these units (FIPS 10-4), and GDELT's US form.
    assert adm1_fips("RU-MOW") == "RS48"
    assert adm1_fips("DE-HH") == "GM04"
    assert adm1_fips("CN-BJ") == "CH22"
    assert adm1_fips("JP-13") == "JA40"
    assert adm1_fips("US-CA") == "USCA"
    assert adm1_fips("CN.11") == "CH11"  # a unit kept in GeoNames' form
    assert adm1_fips("GB-ENG") == ""  # GeoNames' UK codes are not FIPS: no made-up code


def test_actor_geo_and_adm1_in_rows() -> None:
    event = Event(
        "e1",
        "a",
        0,
        1,
        "x",
        "040",
        "04",
        source_code="RUSGOV",
        target_code="IGOEUREEC",
        date="2017-07-07",
        date_precision="day",
        place_id="p-msk",
    )
    joined = {
        "event_rowid": 7,
        "place_kind": "city",
        "place_country": "RUS",
        "place_admin1": "RU-MOW",
        "place_name": "Moscow",
        "place_lat": 55.75,
        "place_lon": 37.62,
        "article_tone": -3.25,
    }
    values = dict(zip(GDELT_COLUMNS, row(event, joined), strict=True))
    assert values["ActionGeo_ADM1Code"] == "RS48" and values["ActionGeo_CountryCode"] == "RS"
    assert values["Actor1Geo_Type"] == 1 and values["Actor1Geo_CountryCode"] == "RS"
    assert values["Actor1Geo_FullName"] == "Russia" and values["Actor1Geo_Lat"] is not None
    assert values["Actor2Geo_Type"] == 0  # a region (EUR) has no FIPS country
    assert values["AvgTone"] == -3.25 and values["SQLDATE"] == "20170707"
