"""`newsgraph eval dedup` on the corpus in tests/data/dedup_gold.jsonl: six real-world events, each
reported by three or four differently worded articles from different sites, and look-alikes (the
same dyad a year and a month later, the same act by other countries, one on the same day)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.evaluate.common import GoldError
from newsgraph.evaluate.dedup import main_events, pairwise, read_gold
from newsgraph.export import export
from newsgraph.export.gdelt import GDELT_COLUMNS
from newsgraph.export.gdelt_mentions import MENTION_COLUMNS
from newsgraph.query import Query
from newsgraph.store import Store

GOLD = Path(__file__).resolve().parents[1] / "data" / "dedup_gold.jsonl"


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    gold = read_gold(GOLD)
    path = tmp_path_factory.mktemp("dedup") / "d.db"
    in_order = main_events(gold, keep=path)
    shuffled = main_events(gold, seed=7)
    return {"gold": gold, "in_order": in_order, "shuffled": shuffled, "db": path}


def test_corpus_shape() -> None:
    gold = read_gold(GOLD)
    sizes: dict[str, set[str]] = {}
    for r in gold:
        sizes.setdefault(r["event_cluster"], set()).add(r["site"])
    real = [c for c, sites in sizes.items() if len(sites) >= 3]
    assert len(real) >= 6 and all(3 <= len(sizes[c]) <= 8 for c in real)


def test_reports_merge_and_look_alikes_stay_apart(runs: dict) -> None:
    result = pairwise(runs["gold"], runs["in_order"])
    assert result["pairwise"]["f1"] >= 0.9
    assert result["merged_across"] == 0 and result["pairs"]["false_positive"] == 0


def test_ingest_order_changes_nothing(runs: dict) -> None:
    assert runs["shuffled"] == runs["in_order"]  # the same events, with the same ids


def test_gdelt_files_carry_the_merge(runs: dict, tmp_path: Path) -> None:
    with Store(runs["db"]) as store:
        q = Query(store)
        export(q, "events", "gdelt", tmp_path / "e.tsv")
        n = export(q, "events", "gdelt-mentions", tmp_path / "m.tsv")
        assert n == q.count_events(mentions=True) > q.count_events()
    rows = [
        dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))
        for line in (tmp_path / "e.tsv").read_text().splitlines()
    ]
    expel = [
        r
        for r in rows
        if r["Actor1Code"] == "USA" and r["EventRootCode"] in ("16", "17") and r["SQLDATE"] == "20180326"
    ]
    assert len(expel) == 1 and expel[0]["NumArticles"] == "4" and expel[0]["NumSources"] == "4"
    assert int(expel[0]["NumMentions"]) >= 4 and expel[0]["IsRootEvent"] == "1"
    tones = [float(r["AvgTone"]) for r in rows if r["AvgTone"]]
    assert tones and max(abs(t) for t in tones) > 1  # GDELT's percentage scale, not VADER's [-1, 1]
    mentions = [
        dict(zip(MENTION_COLUMNS, line.split("\t"), strict=True))
        for line in (tmp_path / "m.tsv").read_text().splitlines()
    ]
    ids = {r["GLOBALEVENTID"] for r in rows}
    assert {m["GLOBALEVENTID"] for m in mentions} <= ids | {""}  # every mention names its event
    of_expel = [m for m in mentions if m["GLOBALEVENTID"] == expel[0]["GLOBALEVENTID"]]
    assert len(of_expel) == int(expel[0]["NumMentions"])
    assert len({m["MentionSourceName"] for m in of_expel}) == 4


def test_cli_json_and_bad_gold(tmp_path: Path) -> None:
    from newsgraph.evaluate.cli import app

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": "y"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["dedup", "--gold", str(bad), "--json"])
    assert result.exit_code == 2 and "missing site, published, event_cluster" in result.output
    with pytest.raises(GoldError):
        read_gold(tmp_path / "none.jsonl")
