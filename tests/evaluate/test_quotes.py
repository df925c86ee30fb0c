"""`eval quotes` on the PolNeAR dev half (skipped without ../shared) and on a tiny gold file."""

from __future__ import annotations

import json

import pytest
from tests.paths import SHARED

from newsgraph.evaluate.common import GoldError
from newsgraph.evaluate.quotes import evaluate_quotes, format_table

POLNEAR = SHARED / "corpora" / "quotes" / "polnear-dev.jsonl"


def test_tiny_gold_file(tmp_path) -> None:
    text = 'Talks went well. "We agreed on a plan," Nora Vik said.'
    start = text.index('"')
    end = text.index(",", start) + 2
    speaker = text.index("Nora")
    gold = {
        "id": "g1",
        "text": text,
        "quotes": [
            {"spans": [[start, end]], "speaker_spans": [[speaker, speaker + 8]], "quote_marks": "full"}
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    result = evaluate_quotes(path, baseline=False)
    assert result["direct"]["span_f1"] == 1.0 and result["direct"]["speaker_accuracy"] == 1.0
    assert result["indirect"]["gold"] == 0
    assert "unavailable" in result["baseline"]["status"]
    assert "speaker_accuracy" in format_table(result)


def test_missing_gold_file_is_a_gold_error(tmp_path) -> None:
    with pytest.raises(GoldError):
        evaluate_quotes(tmp_path / "none.jsonl")


def test_polnear_dev_targets() -> None:
    if not POLNEAR.exists():
        pytest.skip("../shared not present: PolNeAR dev is evaluation data beside the repo")
    result = evaluate_quotes(POLNEAR)
    direct, base = result["direct"], result["baseline"]
    # Measured on the dev half: direct span F1 0.905, speaker accuracy 0.907; textacy 0.592 / 0.768.
    assert direct["span_f1"] >= 0.85 and direct["speaker_accuracy"] >= 0.90
    if base["status"] == "ok":
        assert direct["span_f1"] >= base["direct"]["span_f1"] + 0.10
        assert direct["speaker_accuracy"] >= base["direct"]["speaker_accuracy"] + 0.10
    assert result["indirect"]["span_f1"] > 0.4
