"""Keeping a store up to date from the command line, with the real pipeline: `ingest --force`,
`reanalyze`, the pipeline version per article, and what the ingest summary says about documents
it read but did not analyse or did not read at all."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from tests.engines.test_reanalyze import rows
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.engines.version import pipeline_version

runner = CliRunner()

TALKS = """Ministers Agree to Resume Border Talks

OSLO (Test Wire) — The foreign ministers of Norway and Finland met in Oslo on Tuesday and agreed to
resume talks on the northern border, officials from both governments said.

"We had a frank and useful exchange," Norwegian Foreign Minister Kari Lunde told reporters after the
meeting, which lasted more than three hours.
"""
WIRE = {
    "title": "Finland protests over airspace",
    "text": "Finland summoned the Russian ambassador on Tuesday after a Russian military aircraft "
    "violated Finnish airspace near Porvoo, the foreign ministry in Helsinki said.",
    "dct": "2017-07-04",
}
GERMAN = (
    "Die Regierung in Berlin hat am Dienstag neue Maßnahmen beschlossen. Der Bundeskanzler sagte, man "
    "werde die Gespräche mit Frankreich fortsetzen. Die Opposition kritisierte den Plan scharf.\n"
)


def ingest(*args: str) -> object:
    return runner.invoke(app, ["ingest", *args], prog_name="newsgraph")


def show(db: Path, ref: str) -> dict:
    result = runner.invoke(app, ["show", ref, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def only_article(db: Path) -> dict:
    (line,) = runner.invoke(app, ["articles", "--db", str(db), "--json"]).stdout.splitlines()
    return json.loads(line)


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(WIRE) + "\n", encoding="utf-8")
    return path


def test_force_applies_a_missed_date_field(tmp_path: Path, wire: Path) -> None:
    db = tmp_path / "s.db"
    first = ingest(str(wire), "--db", str(db))
    assert first.exit_code == 0 and "1 added" in first.stdout
    before = show(db, only_article(db)["id"])
    assert before["article"]["published"] == "" and before["pipeline"] == pipeline_version()

    again = ingest(str(wire), "--db", str(db), "--date-field", "dct")
    assert "1 already stored" in again.stdout  # without --force a stored document is left alone

    forced = ingest(str(wire), "--db", str(db), "--date-field", "dct", "--force")
    assert forced.exit_code == 0, forced.output
    assert "1 documents: 0 added, 1 updated, 0 already stored, 0 failed" in forced.stdout
    after = show(db, before["article"]["id"])  # same body, same id
    assert after["article"]["published"] == "2017-07-04"
    assert after["article"]["published_source"] == "field"
    # "on Tuesday" is now anchored on the publication date.
    assert {t["value"] for t in after["timexes"] if t["text"] == "Tuesday"} == {"2017-07-04"}
    assert {e["date"] for e in after["events"]} == {"2017-07-04"}
    once = rows(db)
    ingest(str(wire), "--db", str(db), "--date-field", "dct", "--force")
    assert rows(db) == once  # forcing twice changes nothing
    pooled = ingest(str(wire), "--db", str(db), "--date-field", "dct", "--force", "--workers", "2")
    assert "1 updated" in pooled.stdout and rows(db) == once  # the pool replaces as one process does


def test_force_with_an_edited_file_replaces_its_article(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    talks = tmp_path / "talks.txt"
    talks.write_text(TALKS, encoding="utf-8")
    assert ingest(str(talks), "--db", str(db)).exit_code == 0
    old_id = only_article(db)["id"]
    talks.write_text(TALKS.replace("three hours", "four hours"), encoding="utf-8")
    forced = ingest(str(talks), "--db", str(db), "--force")
    assert "1 updated" in forced.stdout, forced.output
    new = only_article(db)
    assert new["id"] != old_id and "four hours" in new["text"]
    found = runner.invoke(app, ["search", "four", "--db", str(db), "--json"]).stdout.splitlines()
    assert [json.loads(line)["article_id"] for line in found] == [new["id"]]
    assert runner.invoke(app, ["search", "three", "--db", str(db), "--json"]).stdout == ""


def test_reanalyze_brings_other_versions_up_to_date(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "talks.txt").write_text(TALKS, encoding="utf-8")
    (tmp_path / "in" / "wire.jsonl").write_text(json.dumps(WIRE) + "\n", encoding="utf-8")
    assert ingest(str(tmp_path / "in"), "--db", str(db)).exit_code == 0
    fresh = rows(db)
    nothing = runner.invoke(app, ["reanalyze", "--db", str(db)])
    assert nothing.exit_code == 0 and "0 articles to re-analyse" in nothing.stdout

    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE analyses SET pipeline = 'newsgraph 0.0.9 (older)' WHERE rowid = 1")
    stats = json.loads(runner.invoke(app, ["stats", "--db", str(db), "--json"]).stdout)
    assert stats["pipelines"] == {pipeline_version(): 1, "newsgraph 0.0.9 (older)": 1}
    dry = runner.invoke(app, ["reanalyze", "--db", str(db), "--dry-run"])
    assert "1 articles to re-analyse" in dry.stdout and "1 analysed by newsgraph 0.0.9 (older)" in dry.stdout
    done = runner.invoke(app, ["reanalyze", "--db", str(db)])
    assert done.exit_code == 0 and "1 articles: 1 re-analysed, 0 failed" in done.stdout
    assert rows(db) == fresh  # the same pipeline finds the same records
    text = runner.invoke(app, ["show", only_article_id(db, "Finland"), "--db", str(db)]).stdout
    assert "analysed by" in text and pipeline_version() in " ".join(text.split())

    pooled = runner.invoke(app, ["reanalyze", "--db", str(db), "--all", "--workers", "2"])
    assert pooled.exit_code == 0 and "2 articles: 2 re-analysed" in pooled.stdout
    assert rows(db) == fresh
    picked = runner.invoke(app, ["reanalyze", "--db", str(db), "--all", "--site", "nowhere.example"])
    assert "0 articles to re-analyse (matching)" in picked.stdout
    bad = runner.invoke(app, ["reanalyze", "--db", str(db), "--actor", "Nobody Whatsoever"])
    assert bad.exit_code == 2 and bad.stderr.startswith("error: --actor 'Nobody Whatsoever'")


def only_article_id(db: Path, word: str) -> str:
    found = runner.invoke(app, ["search", word, "--db", str(db), "--json"]).stdout.splitlines()
    return json.loads(found[0])["article_id"]


def test_the_summary_says_what_was_not_analysed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "talks.txt").write_text(TALKS, encoding="utf-8")
    (folder / "berlin.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    result = ingest(str(folder), "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "2 documents: 2 added" in lines[0]
    assert "  1 article stored without analysis: not English (1 de); only English text is analysed" in lines
    assert (
        "  passed over 1 file of other types (1 .pdf); PDF is not supported: convert it to text first"
        in lines
    )


def test_a_folder_of_nothing_readable_says_what_is(tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / "b.docx").write_bytes(b"PK\x03\x04")
    (folder / ".hidden.txt").write_text("not counted", encoding="utf-8")
    result = ingest(str(folder), "--db", str(tmp_path / "s.db"))
    out = " ".join(result.stdout.split())
    assert "0 documents: 0 added" in out
    assert "passed over 2 files of other types (1 .pdf, 1 .docx)" in out or (
        "passed over 2 files of other types (1 .docx, 1 .pdf)" in out
    )
    assert "no supported files found; newsgraph reads .html .htm" in out
    named = ingest(str(folder / "a.pdf"), "--db", str(tmp_path / "s.db"))
    assert named.exit_code == 1
    assert "PDF is not supported: convert it to text or HTML first" in " ".join(named.stdout.split())
