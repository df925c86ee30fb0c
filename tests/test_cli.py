"""The command line on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()

ARTICLE = """Ministers Agree to Resume Border Talks

OSLO (Test Wire) — The foreign ministers of Norway and Finland met in Oslo on Tuesday and agreed to
resume talks on the northern border, officials from both governments said.

"We had a frank and useful exchange," Norwegian Foreign Minister Kari Lunde told reporters after the
meeting, which lasted more than three hours.

Finnish Foreign Minister Mikko Salo said the next round would take place in Helsinki in May.
"""


@pytest.fixture
def db(tmp_path: Path) -> Path:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "broken.html").write_bytes(b"\x00\x01\x02\x03" * 50)
    path = tmp_path / "t.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(path)])
    assert result.exit_code == 1, result.output  # one document failed
    assert "2 documents: 1 added, 0 already stored, 1 failed" in result.output
    assert "binary content" in result.output
    return path


def test_articles_show_and_stats(db: Path) -> None:
    listing = runner.invoke(app, ["articles", "--db", str(db), "--json"])
    assert listing.exit_code == 0
    (row,) = [json.loads(line) for line in listing.output.splitlines()]
    assert row["title"] == "Ministers Agree to Resume Border Talks"

    shown = runner.invoke(app, ["show", row["id"][:8], "--db", str(db), "--json"])
    assert shown.exit_code == 0, shown.output
    record = json.loads(shown.output)
    assert record["article"]["text"].startswith("OSLO (Test Wire)")
    people = {a["name"] for a in record["actors"] if a["kind"] == "person"}
    assert {"Kari Lunde", "Mikko Salo"} <= people
    assert all(m["text"] for m in record["mentions"])

    readable = runner.invoke(app, ["show", row["id"], "--db", str(db)])
    assert readable.exit_code == 0 and "Kari Lunde" in readable.output

    stats = json.loads(runner.invoke(app, ["stats", "--db", str(db), "--json"]).output)
    assert stats["tables"]["articles"] == 1 and stats["tables"]["errors"] == 1
    assert stats["schema_version"] >= 1


def test_reingest_reports_duplicates(db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "in" / "talks.txt"), "--db", str(db)])
    assert result.exit_code == 0
    assert "1 documents: 0 added, 1 already stored, 0 failed" in result.output


def test_clear_errors(tmp_path: Path, db: Path) -> None:
    missing = runner.invoke(app, ["articles", "--db", str(tmp_path / "nope.db")])
    assert missing.exit_code == 2 and "no database" in missing.output
    unknown = runner.invoke(app, ["show", "ffffffff", "--db", str(db)])
    assert unknown.exit_code == 2 and "no article" in unknown.output


def test_stdin(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    result = runner.invoke(app, ["ingest", "-", "--db", str(path)], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output


def test_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    path = tmp_path / "demo.db"
    result = runner.invoke(app, ["demo", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output and "Where to look next" in result.output


def test_ingest_options_size_cap_and_jsonl_fields(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        json.dumps({"headline": "Border Talks Resume", "body": ARTICLE.split("\n", 2)[2]}) + "\n"
        + json.dumps({"headline": "Too big", "body": "word " * 5000}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    path = tmp_path / "f.db"
    args = ["ingest", str(dump), "--db", str(path), "--text-field", "body", "--title-field", "headline"]
    result = runner.invoke(app, [*args, "--max-document-bytes", "10000"])
    assert result.exit_code == 1, result.output
    assert "1 added" in result.output and "document too large" in result.output
    listing = runner.invoke(app, ["articles", "--db", str(path), "--json"])
    assert json.loads(listing.output.splitlines()[0])["title"] == "Border Talks Resume"


def test_ingest_with_a_pool_of_workers_stores_what_one_process_stores(tmp_path: Path) -> None:
    import sqlite3

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "broken.html").write_bytes(b"\x00\x01\x02\x03" * 50)
    one, pooled = tmp_path / "one.db", tmp_path / "pool.db"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(one), "-q"]).exit_code == 1
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(pooled), "-q", "--workers", "2"])
    assert result.exit_code == 1, result.output
    assert "2 documents: 1 added, 0 already stored, 1 failed" in result.output

    def events(path: Path) -> list[tuple]:
        with sqlite3.connect(path) as conn:
            sql = "select id, cameo_code, source_code, target_code from events order by id"
            return conn.execute(sql).fetchall()

    assert events(one) and events(one) == events(pooled)
    bad = runner.invoke(app, ["ingest", str(corpus), "--db", str(pooled), "--workers", "-1"])
    assert bad.exit_code == 2


def test_a_batch_of_many_failures_lists_the_first_and_counts_the_rest(tmp_path: Path) -> None:
    from newsgraph.engines.report import IngestReport

    corpus = tmp_path / "in"
    corpus.mkdir()
    n = IngestReport.LISTED + 5
    for i in range(n):
        (corpus / f"broken{i:03d}.html").write_bytes(b"\x00\x01\x02\x03" * 50)
    path = tmp_path / "s.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(path), "-q"])
    assert result.exit_code == 1, result.output
    assert f"{n} documents: 0 added, 0 already stored, {n} failed" in result.output
    listed = [line for line in result.output.splitlines() if line.startswith("  failed ")]
    assert len(listed) == IngestReport.LISTED
    assert "broken000.html" in result.output and "broken104.html" not in result.output
    assert "and 5 more errors, not listed here: every error is recorded in the store" in result.output
    import sqlite3

    with sqlite3.connect(path) as conn:
        assert conn.execute("select count(*) from errors").fetchone()[0] == n
