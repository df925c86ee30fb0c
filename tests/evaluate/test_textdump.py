"""Scoring the scrape cleaner against line-labelled gold (textdumps JSONL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate.textdump import evaluate_textdump, format_table
from newsgraph.extract.textscrape import LABELS

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
DEV = SHARED / "corpora" / "textdumps" / "dev.jsonl"

PARA = (
    "The harbour authority said on Friday that the northern pier will close for repairs in May, "
    "and that ferries will use the southern terminal until the work is finished in the autumn."
)
PARA2 = (
    "Passengers were told to allow extra time for the walk from the station, which the authority "
    "admitted is longer than it would like, and to check the timetable before travelling."
)


def _write_gold(path: Path) -> Path:
    text = "Harbour Pier to Close for Repairs\n\n" + PARA + "\n\n" + PARA2 + "\n\nShare this"
    row = {
        "id": "toy-1",
        "text": text,
        "lines": [
            {"n": 0, "label": "title"},
            {"n": 2, "label": "body"},
            {"n": 4, "label": "body"},
            {"n": 6, "label": "footer"},  # deliberately "wrong" gold to exercise the counts
        ],
        "body": PARA + "\n\n" + PARA2,
    }
    path.write_text(json.dumps(row) + "\n\n", encoding="utf-8")
    return path


def test_evaluate_on_a_toy_gold(tmp_path: Path) -> None:
    result = evaluate_textdump(_write_gold(tmp_path / "gold.jsonl"))
    assert result["documents"] == 1
    assert result["body_line"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["line_role_accuracy"] == pytest.approx(3 / 4)
    assert set(result["by_label"]) == set(LABELS)
    assert result["by_label"]["footer"]["support"] == 1
    assert result["by_label"]["footer"]["recall"] == 0.0
    assert result["by_label"]["share_or_comment"]["precision"] == 0.0
    assert result["by_label"]["title"]["f1"] == 1.0


def test_format_table(tmp_path: Path) -> None:
    table = format_table(evaluate_textdump(_write_gold(tmp_path / "gold.jsonl")))
    assert "body lines: P 1.000  R 1.000  F1 1.000" in table
    assert "line-role accuracy: 0.750" in table
    for label in LABELS:
        assert label in table


def test_dev_gold_body_f1() -> None:
    if not (SHARED / "corpora").exists() or not DEV.exists():
        pytest.skip("../shared not present")
    result = evaluate_textdump(DEV)
    assert result["documents"] == 31
    assert result["body_line"]["f1"] >= 0.97
    assert result["line_role_accuracy"] >= 0.9
