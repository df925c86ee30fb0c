"""`newsgraph eval time`: TempEval-3 style scores on TimeBank + AQUAINT, ours vs the baseline."""

from __future__ import annotations

import json

import pytest
from tests.paths import SHARED

from newsgraph.evaluate.time import _match, evaluate_time, format_table

TBAQ = SHARED / "corpora" / "time" / "tbaq.jsonl"


def test_matching_is_one_to_one() -> None:
    gold = [{"start": 0, "end": 6, "value": "a"}, {"start": 10, "end": 15, "value": "b"}]
    system = [(0, 6, "a"), (8, 12, "x"), (11, 15, "b")]
    strict, pairs = _match(gold, system)
    assert strict == 1
    assert [(g["value"], s[2]) for g, s in pairs] == [("a", "a"), ("b", "b")]


def test_small_gold_file(tmp_path) -> None:
    text = "The vote was held on Friday. Turnout rose last year."
    row = {
        "id": "t1",
        "dct": "2017-07-07",
        "text": text,
        "timexes": [
            {"start": 21, "end": 27, "type": "DATE", "value": "2017-07-07", "text": "Friday"},
            {"start": 42, "end": 51, "type": "DATE", "value": "2016", "text": "last year"},
        ],
    }
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(row) + "\n")
    result = evaluate_time(gold)
    assert result["strict_f1"] == 1.0
    assert result["value_f1"] == 1.0
    assert set(result["baseline"]) >= {"strict_f1", "relaxed_f1", "value_f1"}
    assert "baseline" in format_table(result)


def test_tbaq() -> None:
    if not TBAQ.exists():
        pytest.skip("../shared not present: TimeBank + AQUAINT gold is evaluation data beside the repo")
    result = evaluate_time(TBAQ)
    # Measured on this dev set: value F1 0.821, strict 0.876, relaxed 0.939 (baseline value F1 0.420).
    assert result["value_f1"] >= 0.81
    assert result["strict_f1"] >= 0.86
    assert result["relaxed_f1"] >= 0.93
    assert result["value_f1"] >= result["baseline"]["value_f1"] + 0.3
