"""The command line against hostile data: exit codes that tell outcomes apart, stored text printed
as text (never read as rich markup or emoji codes), and query values that are usage errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.cli_console import text_console
from newsgraph.records import Actor, Analysis, Article, Error, Mention
from newsgraph.store import Store

runner = CliRunner()

GOOD = (
    "Ministers Agree to Resume Border Talks\n\n"
    "OSLO (Test Wire) — The foreign ministers of Norway and Finland met in Oslo on Tuesday and agreed "
    "to resume talks on the northern border, officials from both governments said.\n"
)
MARKUP = "[/x] [bold]Talks[/bold] :office: [link=file:///etc]"
RULE = "table:office:Kari Lunde|NOR|GOV@2017-03-07(surname)"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    """A folder of good and hostile inputs, ingested once."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(GOOD.replace("Oslo", "Bergen"), encoding="utf-8")
    (folder / "t[").mkdir()  # the path ".../t[/x].txt": a closing markup tag in a file name
    (folder / "t[" / "x].txt").write_text(GOOD.replace("Oslo", "Kotka"), encoding="utf-8")
    (folder / "t[" / "x] :office:.html").write_bytes(b"\x00\x01" * 100)
    (folder / "deep.jsonl").write_text("[" * 100_000 + "\n", encoding="utf-8")
    (folder / "empty.jsonl").write_bytes(b"")
    (folder / "gone.html").symlink_to(folder / "nowhere.html")
    record = {"text": GOOD.replace("Oslo", "Tromsø"), "title": MARKUP, "site": {"x": [1, 2]}}
    (folder / "dump.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / "wide.txt").write_bytes(GOOD.replace("Oslo", "Turku").encode("utf-16-le"))
    (folder / "binary.html").write_bytes(bytes(range(256)) * 8)
    db = tmp_path_factory.mktemp("db") / "h.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    return folder, db, result


def test_a_hostile_batch_stores_every_good_document_and_records_every_failure(hostile) -> None:
    folder, db, result = hostile
    assert result.exit_code == 1, result.output  # some failed, each recorded
    out = " ".join(result.output.split())
    assert "10 documents: 5 added, 0 already stored, 5 failed" in out
    assert f"failed {folder}/t[/x] :office:.html (decode): binary content" in out  # printed verbatim
    for name, reason in [
        ("deep.jsonl#1", "invalid JSON: nested too deeply"),
        ("empty.jsonl", "no JSON Lines records"),
        ("gone.html", "dangling symbolic link"),
        ("binary.html", "binary content"),
    ]:
        assert f"{folder / name} (" in out and reason in out
    with Store(db) as store:
        errors = store.errors()
        uris = {a.uri for a in store.articles()}
    assert len(errors) == 5 and all(e.stage and e.reason for e in errors)
    assert str(folder / "caf\\xe9.txt") in uris  # the undecodable byte kept as an escape
    assert str(folder / "t[" / "x].txt") in uris
    assert str(folder / "wide.txt") in uris  # UTF-16 without a byte order mark is text


def test_exit_0_when_every_document_is_stored(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output


def test_exit_2_for_usage_and_store_errors(tmp_path: Path) -> None:
    assert runner.invoke(app, ["ingest", "x", "--workers", "-3"]).exit_code == 2
    assert runner.invoke(app, ["stats", "--db", str(tmp_path / "none.db")]).exit_code == 2
    not_a_store = tmp_path / "text.db"
    not_a_store.write_text("not SQLite " * 100, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(not_a_store)])
    assert result.exit_code == 2, result.output


def test_exit_3_when_the_batch_cannot_go_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Workers that cannot load the pipeline (a configured dictionary is missing): the pool stops.
    monkeypatch.setenv("NEWSGRAPH_ACTOR_DICTIONARY", str(tmp_path / "missing.txt"))
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.db"), "-w", "2"]
    )
    assert result.exit_code == 3, result.output
    assert "the batch stopped" in " ".join(result.output.split())


def test_stored_markup_prints_as_text_in_every_listing(hostile) -> None:
    _, db, _ = hostile
    for args in (["articles"], ["search", "Tromsø"], ["stats"]):
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert "MarkupError" not in result.output
    listing = runner.invoke(app, ["articles", "--db", str(db), "--limit", "1", "--sort", "-title"])
    for part in ("[/x]", "[bold]Talks[/bold]", ":office:", "[link=file:///etc]"):  # wrapped in the cell
        assert part in listing.output
    assert "🏢" not in listing.output


@pytest.fixture
def marked(tmp_path: Path) -> Path:
    """A store whose title, uri, actor rule and error hold markup and emoji codes."""
    db = tmp_path / "m.db"
    text = "Kari Lunde [/x] met :office: officials."
    article = Article(id="b" * 32, uri="in/[/x] :office:.txt", text=text, title=MARKUP, language="en")
    actor = Actor(id="act1", name="Kari Lunde", kind="person", country="NOR", code="NORGOV", rule=RULE)
    mention = Mention(article_id=article.id, sentence=0, start=0, end=10, text="Kari Lunde", actor_id="act1")
    failed = Error(uri=article.uri, stage="analyze", reason="newsgraph_timexes: OverflowError: [/z]")
    with Store(db) as store:
        store.add_analysis(Analysis(article=article, actors=[actor], mentions=[mention], errors=[failed]))
        store.add_error(Error(uri="in/[red]bad[/]:smile:.txt", stage="source", reason="broken [/y]"))
    return db


def test_show_and_stats_print_markup_and_rule_text_verbatim(marked: Path) -> None:
    shown = runner.invoke(app, ["show", "b" * 12, "--db", str(marked)], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    out = shown.output
    assert "[/x] [bold]Talks[/bold] :office: [link=file:///etc]" in out
    assert "in/[/x] :office:.txt" in out and "table:office:Kari" in out
    assert "🏢" not in out
    assert "analysis failed in part: newsgraph_timexes: OverflowError: [/z]" in " ".join(out.split())
    stats = runner.invoke(app, ["stats", "--db", str(marked)])
    assert stats.exit_code == 0 and "in/[red]bad[/]:smile:.txt (source): broken [/y]" in stats.output
    assert "😄" not in stats.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["search", "*"], "bad search text"),
        (["search", "AND OR"], "bad search text"),
        (["events", "--text", "*"], "bad search text"),
        (["articles", "--text", '"unclosed'], "bad search text"),
        (["events", "--limit", "9" * 20], "--limit '99999999999999999999' is too large"),
        (["events", "--offset", "9" * 20], "--offset '99999999999999999999' is too large"),
        (["articles", "--limit", "-" + "9" * 20], "--limit must be a whole number >= 1"),
        (["events", "--actor", "x" * 100_000], "(100000 characters) matches no actor"),
        (["events", "--since", "1" * 100_000], "(100000 characters) is not a date"),
    ],
)
def test_hostile_query_values_are_short_usage_errors(marked: Path, args: list[str], says: str) -> None:
    result = runner.invoke(app, [*args, "--db", str(marked)])
    assert result.exit_code == 2, result.output
    line = " ".join(result.stderr.split())
    assert line.startswith("error: ") and says in line and "Traceback" not in result.output
    assert len(line) < 300


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=6)
        | st.sampled_from(["[", "]", "[/", ":", "[/x]", "[bold]", "[link=x]", ":office:", ":smile:", "\\"]),
        max_size=12,
    ).map("".join)
)
def test_any_stored_text_prints_as_it_is(text: str) -> None:
    console = text_console()
    with console.capture() as captured:
        console.print(text, soft_wrap=True)
    assert captured.get() == text + "\n"
