"""`newsgraph eval events`: scoring rules on small hand-made rows, and the dev gold (floors we reached)."""

from __future__ import annotations

import json

import pytest
import typer
from tests.paths import SHARED
from typer.testing import CliRunner

from newsgraph.evaluate import events as ev
from newsgraph.records import Event

GOLD = SHARED / "corpora" / "events" / "gold_events-dev.jsonl"


def _event(root: str, source: str, target: str, modality: str = "asserted", rule: str = "") -> Event:
    return Event(
        id="x", article_id="a", start=0, end=1, evidence="x", cameo_code=root + "0", root_code=root,
        source_code=source, target_code=target, modality=modality, rule=rule,
    )  # fmt: skip


def test_country_prefix_and_unknown_codes() -> None:
    assert ev.country("RUSGOV") == "RUS"
    assert ev.country("IGOUNOMIL") == "IGO"
    assert ev.country("---LEG") == "" and ev.country(None) == "" and ev.country("") == ""


def test_plover_names_of_the_older_gold_map_to_the_codebook() -> None:
    assert ev.plover_name("DEMAND") == "REQUEST" and ev.plover_name("FIGHT") == "ASSAULT"
    assert ev.plover_name("AGREE") == "AGREE"


def test_predicted_keys_drop_unrecoded_negations_and_actorless_events() -> None:
    events = [
        _event("19", "DEU", "FRA", "negated", "trigger:attack.v"),
        _event("12", "JPN", "CHN", "negated", "trigger:agree.v; negation:030->120"),
        _event("08", "", ""),
        _event("04", "USAGOV", "RUSGOV"),
    ]
    assert ev.predicted_keys(events) == [("12", "JPN", "CHN"), ("04", "USA", "RUS")]


def test_predicted_keys_keep_one_sided_events_only_for_roots_that_need_no_target() -> None:
    events = [
        _event("14", "RWALEG", ""),  # a protest by a group: complete
        _event("01", "USA", ""),  # a statement to no one: complete
        _event("11", "FRA", ""),  # criticism of no one found: a partial record
        _event("17", "", "FRA"),  # an arrest by no one found: partial
    ]
    assert ev.predicted_keys(events) == [("14", "RWA", ""), ("01", "USA", "")]
    # The two rules reported beside the headline: both actors always, or any actor.
    assert ev.predicted_keys(events, "strict") == []
    assert len(ev.predicted_keys(events, "all")) == 4


def test_acts_asked_for_are_not_predictions() -> None:
    asked = _event("08", "ISR", "PSE", "hypothetical", "trigger:withdraw.v; modality:hypothetical(urge)")
    maybe = _event("08", "ISR", "PSE", "hypothetical", "trigger:withdraw.v; modality:hypothetical(if)")
    assert ev.requested_act(asked) and not ev.requested_act(maybe)
    assert ev.predicted_keys([asked, maybe]) == [("08", "ISR", "PSE")]


def test_match_is_one_to_one() -> None:
    gold = [("04", "USA", "RUS"), ("04", "USA", "RUS")]
    assert ev.match(gold, [("04", "USA", "RUS")]) == 1
    assert ev.match(gold, [("04", "USA", "RUS")] * 3) == 2


def test_command_on_a_small_gold_file(tmp_path) -> None:
    rows = [
        {"id": "1", "text": "France condemned Russia.", "date": "20170707", "origin": "mine", "lang": "en",
         "events": [{"source": "FRA", "target": "RUS", "code": "111"}]},
        {"id": "2", "text": "Es un texto.", "date": None, "origin": "otro", "lang": "es", "events": []},
    ]  # fmt: skip
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    app = typer.Typer()
    ev.register(app)
    app.command("noop")(lambda: None)  # a second command keeps typer's sub-command layout
    result = CliRunner().invoke(app, ["events", "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["by_origin"]["mine"]["f1"] == 1.0
    assert out["by_origin"]["mine"]["f1_strict"] == out["by_origin"]["mine"]["f1_all"] == 1.0
    assert out["by_origin"]["mine"]["sentences"] == 1
    assert "otro" in out["skipped"]
    assert "mine" in ev.format_table(out)


def test_dev_gold_scores() -> None:
    if not GOLD.exists():
        pytest.skip("../shared not present: gold events are evaluation data beside the repo")
    result = ev.evaluate_events(GOLD)
    by = result["by_origin"]
    # What the coder reached on the dev half (see the report); floors guard against regressions.
    # Issue targets: GSR F1 >= 0.65 (reached 0.684; strict 0.667, all 0.591), PLOVER >= 0.75 (0.783),
    # unit tests >= 80% (181/214).
    gsr = by["universalpetrarch:PETR2_GSR_validation"]
    assert gsr["f1"] >= 0.67 and gsr["f1_strict"] >= 0.65 and gsr["f1_all"] >= 0.57
    assert by["plover:PLOVER_GSR_CAMEO"]["plover_accuracy"] >= 0.77
    unit = by["petrarch2:PETR.UnitTest.records"]
    assert unit["unit_tests_counted"] == 214
    assert unit["unit_tests_passed"] >= 172  # 80%
    assert all(origin.startswith("universalpetrarch:spanish") for origin in result["skipped"])
