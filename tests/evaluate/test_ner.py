"""`newsgraph eval ner`: ours vs the raw model, on a small gold file and on the shared dev half."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from tests.paths import SHARED
from typer.testing import CliRunner

from newsgraph.evaluate import ner

TEXT = (
    "BONN 1996-12-06\nGerman Chancellor Helmut Kohl met Boris Yeltsin in Bonn .\n"
    "Kohl said Russia was a friend ."
)


def _gold(tmp_path: Path) -> Path:
    def span(word: str, label: str, nth: int = 0) -> dict:
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(word, start + 1)
        return {"start": start, "end": start + len(word), "label": label}

    ents = [
        span("BONN", "LOC"),
        span("German", "MISC"),
        span("Helmut Kohl", "PER"),
        span("Boris Yeltsin", "PER"),
        span("Bonn", "LOC"),
        span("Kohl", "PER", 1),
        span("Russia", "LOC"),
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "t1", "text": TEXT, "entities": ents}) + "\n", encoding="utf-8")
    return path


def test_evaluate_small_gold(tmp_path: Path) -> None:
    result = ner.evaluate_ner(_gold(tmp_path))
    assert result["documents"] == 1
    assert set(result) >= {"f1", "precision", "recall", "by_label", "baseline"}
    assert set(result["baseline"]) >= {"f1", "precision", "recall", "by_label"}
    assert result["by_label"]["PER"]["support"] == 3 and result["by_label"]["MISC"]["support"] == 1
    assert result["f1"] >= result["baseline"]["f1"]
    assert result["by_label"]["LOC"]["recall"] == 1.0  # the dateline included
    assert "ours P" in ner.format_table(result)


def test_label_mapping_drops_what_conll_does_not_annotate() -> None:
    assert ner.CONLL_BY_SPACY["GPE"] == ner.CONLL_BY_SPACY["FAC"] == "LOC"
    assert ner.CONLL_BY_SPACY["NORP"] == "MISC"
    assert "DATE" not in ner.CONLL_BY_SPACY and "CARDINAL" not in ner.CONLL_BY_SPACY


def test_cli_json(tmp_path: Path) -> None:
    app = typer.Typer()
    ner.register(app)
    app.command("noop")(lambda: None)  # a group needs two commands to take a sub-command name
    out = CliRunner().invoke(app, ["ner", "--gold", str(_gold(tmp_path)), "--json"])
    assert out.exit_code == 0, out.output
    assert set(json.loads(out.output)) >= {"f1", "baseline"}
    missing = CliRunner().invoke(app, ["ner", "--gold", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2


def test_shared_conll_dev_beats_the_raw_model_by_five_points() -> None:
    gold = SHARED / "corpora" / "ner" / "conll2003-dev.jsonl"
    if not gold.exists():
        pytest.skip(f"../shared not present: {gold}")
    result = ner.evaluate_ner(gold)
    assert result["documents"] > 100
    assert result["f1"] >= result["baseline"]["f1"] + 0.05
