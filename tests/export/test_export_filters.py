"""`newsgraph export` takes every filter of `newsgraph events`, and writes exactly the events that the
same `events` query lists, in each format (GDELT TSV, JSON Lines, Parquet, CSV)."""

from __future__ import annotations

import csv
import inspect
import json
import sqlite3
from pathlib import Path

import pytest
import typer
from tests.query.builder import add_shaped_events, build_store, shaped_events
from typer.testing import CliRunner

from newsgraph.cli_query import events_cmd, export_cmd, register

runner = CliRunner()
TOTAL = 16 + len(shaped_events())  # events in the store below
# events options that are not filters: paging, order and output.
NOT_FILTERS = {"db", "limit", "offset", "sort", "fmt", "as_json"}

FILTER_SETS = [
    ["--actor", "Russia", "--with", "USA", "--since", "2017"],
    ["--source", "USA", "--target", "Russia"],
    ["--source-country", "Russia", "--target-country", "USA", "--quad", "verbal-conflict"],
    ["--cameo", "16", "--plover", "SANCTION"],
    ["--modality", "intended,negated"],
    ["--place", "Syria"],
    ["--country", "SYR", "--cameo", "11"],
    ["--site", "wire.example", "--language", "en", "--until", "2017-07"],
    ["--text", "ceasefire"],
    [],  # complete events only: the default
    ["--dyadic"],  # the old opt-in asks for the default
    ["--partial", "--site", "shapes.example", "--source-country", "RUS"],
    ["--target", "Hollis", "--partial", "--cameo", "19"],
    ["--actor", "Putin", "--since", "2017-07-07", "--until", "2017-07-07"],
]


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer(pretty_exceptions_enable=False)
    register(app)
    return app


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    # The wire stories plus an article with every shape of event side, complete and not.
    return str(add_shaped_events(build_store(tmp_path_factory.mktemp("export-filters") / "f.db")))


def test_export_has_every_events_filter() -> None:
    events = set(inspect.signature(events_cmd).parameters) - NOT_FILTERS
    export = set(inspect.signature(export_cmd).parameters)
    assert events <= export, events - export


def _listed(app: typer.Typer, db: str, filters: list[str], gdelt: bool = False) -> list[tuple[str, str]]:
    """The listed events; ``gdelt``: those GDELT can have (a coded actor; every event here is dated)."""
    result = runner.invoke(app, ["events", "--db", db, "--limit", "1000", "-f", "jsonl", *filters])
    assert result.exit_code == 0, result.output
    found = list(map(json.loads, result.stdout.splitlines()))
    if gdelt:
        found = [r for r in found if r["source_code"] or r["target_code"]]
    return sorted((r["article_id"], r["id"]) for r in found)


def _exported(app: typer.Typer, db: str, fmt: str, out: Path, filters: list[str]) -> list[tuple[str, str]]:
    result = runner.invoke(app, ["export", "--db", db, "-f", fmt, "-o", str(out), *filters])
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    elif fmt == "csv":
        with out.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        rows = pq.read_table(out).to_pylist()
    else:  # gdelt: GLOBALEVENTID is the real-world event's row id in the store
        ids = [line.split("\t")[0] for line in out.read_text(encoding="utf-8").splitlines()]
        with sqlite3.connect(db) as conn:
            rows = [
                dict(
                    zip(
                        ("article_id", "id"),
                        conn.execute(
                            'SELECT "article_id", "id" FROM "merged_events" WHERE rowid = ?', (int(i),)
                        ).fetchone(),
                        strict=True,
                    )
                )
                for i in ids
            ]
    return sorted((r["article_id"], r["id"]) for r in rows)


@pytest.mark.parametrize("filters", FILTER_SETS, ids=lambda f: " ".join(f) or "(none)")
def test_filtered_export_is_the_filtered_listing(
    app: typer.Typer, db: str, tmp_path: Path, filters: list[str]
) -> None:
    listed = _listed(app, db, filters)
    assert 0 < len(listed) < TOTAL, "each filter set should pick some events, not all"
    for fmt, suffix in (("jsonl", "jsonl"), ("parquet", "parquet"), ("csv", "csv")):
        assert _exported(app, db, fmt, tmp_path / f"out.{suffix}", filters) == listed, fmt
    # GDELT leaves out the --partial records without a coded actor (tests/export/test_gdelt_fidelity.py).
    assert _exported(app, db, "gdelt", tmp_path / "out.tsv", filters) == _listed(app, db, filters, True)


@pytest.mark.parametrize(
    "bad",
    [
        ["--plover", "NOPE"],
        ["--source-country", "Atlantis"],
        ["--modality", "sung"],
        ["--place", "Atlantis City"],
        ["--actor", "Putin", "--source", "Trump"],
    ],
)
def test_export_rejects_what_events_rejects(
    app: typer.Typer, db: str, tmp_path: Path, bad: list[str]
) -> None:
    listed = runner.invoke(app, ["events", "--db", db, *bad])
    out = tmp_path / "x.jsonl"
    exported = runner.invoke(app, ["export", "--db", db, "-o", str(out), *bad])
    assert listed.exit_code == exported.exit_code == 2
    assert exported.stderr == listed.stderr and exported.stderr.startswith("error: ")
    assert not out.exists()


def test_event_filters_on_other_tables_say_so(app: typer.Typer, db: str, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["export", "--db", db, "--table", "quotes", "-o", str(tmp_path / "q.jsonl"), "--partial"]
    )
    assert result.exit_code == 2 and "--partial is not a filter of quotes" in result.stderr
    ok = runner.invoke(app, ["export", "--db", db, "--table", "articles", "-o", "-", "--text", "ceasefire"])
    assert ok.exit_code == 0 and len(ok.stdout.splitlines()) == 2
