"""The query commands on a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from tests.query.builder import build_store
from typer.testing import CliRunner

from newsgraph.cli_query import register

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer(pretty_exceptions_enable=False)
    register(app)
    return app


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(build_store(tmp_path_factory.mktemp("cli") / "c.db"))


def run(app: typer.Typer, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_events_formats(app: typer.Typer, db: str) -> None:
    result = run(
        app, "events", "--db", db, "--actor", "Russia", "--with", "USA", "--since", "2017", "-f", "jsonl"
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 9 and all(r["date"].startswith("2017") for r in rows)
    table = run(app, "events", "--db", db, "--cameo", "04", "--place", "Hamburg")
    assert (
        table.exit_code == 0
        and "Trump" in table.stdout
        and "Putin" in table.stdout
        and "Hamburg" in table.stdout
    )
    as_json = json.loads(run(app, "events", "--db", db, "--quad", "4", "--limit", "2", "-f", "json").stdout)
    assert len(as_json) == 2 and {r["quad_class"] for r in as_json} == {4}
    as_csv = list(
        csv.DictReader(io.StringIO(run(app, "events", "--db", db, "-f", "csv", "--sort", "goldstein").stdout))
    )
    assert float(as_csv[0]["goldstein"]) == min(float(r["goldstein"]) for r in as_csv)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["events", "--quad", "9"], "unknown quad class '9'; allowed: 1-4"),
        (["events", "--since", "2018", "--until", "2017"], "impossible date range"),
        (["events", "--since", "yesterday"], "give YYYY, YYYY-MM or YYYY-MM-DD"),
        (["events", "--limit", "many"], "--limit must be a whole number"),
        (["events", "--sort", "colour"], "cannot sort events by 'colour'; allowed: date"),
        (["events", "--format", "xml"], "--format 'xml' is not one of: table, json, jsonl, csv"),
        (["events", "--actor", "Nobody Whatsoever"], "matches no actor"),
        (["events", "--cameo", "77"], "unknown CAMEO event code"),
        (["quotes", "--kind", "sung"], "not one of: direct, partial, indirect"),
        (["search", '"open'], "bad search text"),
        (["export", "--format", "gdelt", "--table", "actors", "--out", "x.tsv"], "events table only"),
        (["export", "--out", "x.jsonl", "--plover", "NOPE"], "unknown PLOVER type 'NOPE'"),
        (["timeline", "Russia", "--by", "week"], "--by 'week' is not one of: day, month, year"),
        (["timeline", "Nobody Whatsoever"], "matches no actor"),
        (["timeline", "Putin", "--since", "2017-13"], "is not a real date"),
        (["timeline", "--format", "xml"], "--format 'xml' is not one of"),
        (["network", "--min-events", "0"], "--min-events must be a whole number >= 1, not '0'"),
        (["network", "--limit", "lots"], "--limit must be a whole number"),
        (["network", "--with", "USA"], "--with needs --actor"),
        (["countries", "--by", "sky"], "--by 'sky' is not one of: place, source, target"),
        (["countries", "--country", "Atlantis"], "is not a country"),
    ],
)
def test_bad_input_is_one_line_exit_2(app: typer.Typer, db: str, args: list[str], says: str) -> None:
    result = run(app, *args, "--db", db)
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("error: ") and says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_missing_database(app: typer.Typer, tmp_path: Path) -> None:
    result = run(app, "events", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2 and "no database" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_actors_quotes_places(app: typer.Typer, db: str) -> None:
    top = [
        json.loads(x)
        for x in run(app, "actors", "--db", db, "--limit", "2", "-f", "jsonl").stdout.splitlines()
    ]
    assert [r["name"] for r in top] == ["United States", "Russia"] and top[0]["events"] == 8
    quotes = json.loads(run(app, "quotes", "--db", db, "--speaker", "Lavrov", "-f", "json").stdout)
    assert {q["speaker"] for q in quotes} == {"Sergei Lavrov"}
    places = list(
        csv.DictReader(io.StringIO(run(app, "places", "--db", db, "--country", "Syria", "-f", "csv").stdout))
    )
    assert {p["name"] for p in places} == {"Syria", "Daraa"}
    assert "Hamburg" in run(app, "places", "--db", db).stdout


def test_search_highlights(app: typer.Typer, db: str) -> None:
    hits = json.loads(run(app, "search", "sanctions", "--db", db, "-f", "json").stdout)
    assert len(hits) == 3 and all("**sanctions**" in h["snippet"] for h in hits)
    table = run(app, "search", "ceasefire", "--db", db, "--site", "wire.example")
    assert table.exit_code == 0 and "Ceasefire" in table.stdout and "ceasefire" in table.stdout


def test_actor_profile(app: typer.Typer, db: str) -> None:
    shown = run(app, "actor", "Lavrov", "--db", db)
    assert shown.exit_code == 0, shown.output
    for part in (
        "Sergei Lavrov",
        "aliases: Lavrov",
        "roles: minister",
        "Counterparts",
        "United States",
        "2017-01",
    ):
        assert part in shown.stdout
    profile = json.loads(run(app, "actor", "Russia", "--db", db, "-f", "json").stdout)
    assert profile["code"] == "RUS" and profile["counterparts"][0]["name"] == "United States"
    months = {m["month"]: m for m in profile["timeline"]}
    assert months["2017-07"]["verbal_cooperation"] == 3


def test_export_command(app: typer.Typer, db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    result = run(app, "export", "--db", db, "--format", "gdelt", "--out", str(out), "--header")
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("GLOBALEVENTID\tSQLDATE\tMonthYear") and len(lines) == 17
    assert "16 events" in result.stderr
    parquet = tmp_path / "q.parquet"
    assert (
        run(app, "export", "--db", db, "-f", "parquet", "--table", "quotes", "-o", str(parquet)).exit_code
        == 0
    )
    assert parquet.stat().st_size > 0
    stdout = run(app, "export", "--db", db, "--table", "places", "--out", "-")
    assert len(stdout.stdout.splitlines()) == 6


def _jsonl(result) -> list[dict]:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_timeline_command(app: typer.Typer, db: str) -> None:
    months = json.loads(run(app, "timeline", "Russia", "--db", db, "-f", "json").stdout)
    assert months[0]["month"] == "2016-12" and months[-1]["month"] == "2017-08" and len(months) == 9
    assert {m["month"]: m for m in months}["2017-07"]["verbal_cooperation"] == 3
    assert {m["month"]: m["total"] for m in months}["2017-03"] == 0  # gaps as zeros
    years = _jsonl(run(app, "timeline", "--by", "year", "--db", db, "--json"))
    assert [(y["year"], y["total"]) for y in years] == [("2016", 4), ("2017", 12)]
    dyad = list(
        csv.DictReader(
            io.StringIO(
                run(
                    app, "timeline", "Russia", "--with", "USA", "--by", "YEAR", "--db", db, "-f", "csv"
                ).stdout
            )
        )
    )
    assert [(r["year"], r["total"]) for r in dyad] == [("2016", "3"), ("2017", "9")]
    days = run(app, "timeline", "Putin", "--by", "day", "--db", db)
    assert days.exit_code == 0 and "2017-07-07" in days.stdout and "2016-12-16" in days.stdout
    assert "2017-01-01" not in days.stdout  # days: only those with events
    assert "verbal" in days.stdout and "total" in days.stdout
    filtered = _jsonl(run(app, "timeline", "--cameo", "16", "--source", "USA", "--db", db, "--json"))
    # USA -> Russia 163 and 1663 in 2016-12, Trump (USAGOV) -> Russia 163 in 2017-08.
    assert sum(m["total"] for m in filtered) == 3 and filtered[0]["material_conflict"] == 2
    empty = run(app, "timeline", "Russia", "--since", "2030", "--db", db, "--json")
    assert empty.exit_code == 0 and empty.stdout == ""


def test_network_command(app: typer.Typer, db: str) -> None:
    pairs = _jsonl(run(app, "network", "--min-events", "3", "--db", db, "--json"))
    assert {(p["source_name"], p["target_name"]) for p in pairs} == {
        ("Russia", "United States"),
        ("United States", "Russia"),
        ("Donald Trump", "Vladimir Putin"),
    }
    assert all(p["events"] == 3 for p in pairs)
    putin = _jsonl(run(app, "network", "--actor", "Putin", "--db", db, "--json"))
    assert [(p["target_name"], p["events"]) for p in putin] == [("Vladimir Putin", 3), ("Shinzo Abe", 1)]
    assert len(_jsonl(run(app, "network", "--limit", "2", "--db", db, "--json"))) == 2
    table = run(app, "network", "--quad", "4", "--db", db)
    assert table.exit_code == 0 and "United States" in table.stdout and "Goldstein" in table.stdout


def test_countries_command(app: typer.Typer, db: str) -> None:
    by_place = _jsonl(run(app, "countries", "--db", db, "--json"))
    # Syria itself (three events) and Daraa (two) are in Syria; the Abe meeting has no place.
    assert by_place[0] == {"country": "SYR", "name": "Syria", "events": 5}
    assert sum(r["events"] for r in by_place) == 15
    by_target = list(
        csv.DictReader(io.StringIO(run(app, "countries", "--by", "target", "--db", db, "-f", "csv").stdout))
    )
    assert {r["country"]: r["events"] for r in by_target} == {"RUS": "7", "USA": "5", "SYR": "2", "JPN": "1"}
    table = run(app, "countries", "--by", "source", "--since", "2017-05", "--until", "2017-05", "--db", db)
    assert table.exit_code == 0 and "IGO" in table.stdout and "Russia" not in table.stdout


def test_partial_and_dyadic_flags_on_every_event_command(app: typer.Typer, db: str, tmp_path: Path) -> None:
    """The wire stories' one event without a target is a root-01 statement: complete, so --partial
    and --dyadic (the old opt-in, now the default) change nothing here."""
    for command in (["events", "--limit", "100"], ["timeline"], ["network"], ["countries"]):
        plain = run(app, *command, "--db", db, "-f", "jsonl")
        for flag in ("--dyadic", "--partial"):
            flagged = run(app, *command, "--db", db, "-f", "jsonl", flag)
            assert flagged.exit_code == 0 and flagged.stdout == plain.stdout, (command, flag)
    out = tmp_path / "d.jsonl"
    assert run(app, "export", "--db", db, "-o", str(out), "--dyadic").exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 16
