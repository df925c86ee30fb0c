"""One configuration: defaults < a TOML file < NEWSGRAPH_* variables < options, each value with its
origin; components get their settings through their spaCy config and save their tables with the
pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph import settings
from newsgraph.cli import app

ACTORS = """GONDOR_  [GON]
+MINAS_TIRITH_
ARAGORN_  [GONGOV]
"""


def test_defaults_then_file_then_environment(tmp_path: Path) -> None:
    assert settings.load(tmp_path, {}).origin == {}
    (tmp_path / "newsgraph.toml").write_text('db = "news.db"\nmax_document_bytes = 1000\n', "utf-8")
    found = settings.load(tmp_path, {"NEWSGRAPH_MAX_DOCUMENT_BYTES": "2000"})
    assert (found.db, found.max_document_bytes) == ("news.db", 2000)
    assert found.origin["db"].endswith("newsgraph.toml")
    assert found.origin["max_document_bytes"] == "$NEWSGRAPH_MAX_DOCUMENT_BYTES"
    assert found.override("--db", db="other.db").origin["db"] == "--db"


def test_pyproject_table_and_named_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.newsgraph]\ngazetteer_cache = false\n", "utf-8")
    assert settings.load(tmp_path, {}).gazetteer_cache is False
    named = tmp_path / "elsewhere.toml"
    named.write_text('verb_dictionary = ["a.txt", "b.txt"]\n', "utf-8")
    found = settings.load(tmp_path, {"NEWSGRAPH_CONFIG": str(named)})
    assert found.verb_dictionary.split(":") == ["a.txt", "b.txt"] and found.gazetteer_cache is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = 1\n", "unknown setting"),
        ("max_document_bytes = 0\n", "at least 1"),
        ("db = [", "cannot read"),
    ],
)
def test_bad_settings_are_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "newsgraph.toml").write_text(text, "utf-8")
    with pytest.raises(settings.SettingsError, match=message):
        settings.load(tmp_path, {})
    with pytest.raises(settings.SettingsError, match="true/false"):
        settings.load(tmp_path.parent, {"NEWSGRAPH_GAZETTEER_CACHE": "perhaps"})


def test_config_command_says_where_each_value_came_from(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(app, ["config", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["cache_dir"] == {
        "value": str(tmp_path / "cache"),
        "from": "$NEWSGRAPH_CACHE_DIR",
        "help": shown["cache_dir"]["help"],
    }
    assert shown["db"]["from"] == "default"


def test_components_record_their_dictionaries_and_save_them(tmp_path: Path) -> None:
    from newsgraph.analyze.pipeline import build_nlp, load_pipeline, save_pipeline

    actors = tmp_path / "my.actors.txt"
    actors.write_text(ACTORS, "utf-8")
    nlp = build_nlp(settings.Settings(), actor_dictionary=str(actors))
    # nlp.config says what runs: the events component names the file it read.
    assert nlp.config["components"]["newsgraph_events"]["actor_dictionary"] == str(actors)
    assert nlp.config["components"]["newsgraph_actors"]["actor_dictionary"] == str(actors)
    save_pipeline(nlp, tmp_path / "pipeline")
    actors.unlink()  # the saved pipeline carries its own copy
    loaded = load_pipeline(tmp_path / "pipeline")
    copy = loaded.config["components"]["newsgraph_actors"]["actor_dictionary"]
    assert copy.startswith(str(tmp_path / "pipeline")) and Path(copy).read_text("utf-8") == ACTORS
    assert loaded.get_pipe("newsgraph_actors").dictionary is not None


def test_a_missing_dictionary_is_an_error_when_the_pipeline_is_built(tmp_path: Path) -> None:
    from newsgraph.analyze.pipeline import build_nlp

    with pytest.raises(FileNotFoundError, match="dictionary file not found"):
        build_nlp(settings.Settings(), verb_dictionary=str(tmp_path / "missing.txt"))
