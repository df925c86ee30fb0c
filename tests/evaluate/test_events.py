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


def test_halves_are_fixed_by_the_id_and_split_the_rows() -> None:
    ids = [f"row-{n}" for n in range(400)]
    halves = [ev.half(i) for i in ids]
    assert halves == [ev.half(i) for i in ids]  # the same every run
    assert 150 < halves.count("read") < 250 and set(halves) == {"read", "check"}


def test_penta_classes_of_cameo_roots() -> None:
    assert [ev.penta_class(r) for r in ("01", "02", "03", "05", "06", "08", "09", "13", "16")] == [
        0, 0, 1, 1, 2, 2, 3, 3, 3,
    ]  # fmt: skip
    assert [ev.penta_class(r) for r in ("14", "15", "17", "20")] == [4, 4, 4, 4]


def test_gold_spans_are_found_despite_tokenisation() -> None:
    text = "Meanwhile, a Swiss court rejected the Croatian governmentʼs request for revocation."
    start, end = ev.span_offsets(text, "Croatian government 's request")
    assert text[start:end] == "Croatian governmentʼs request"
    assert ev.span_offsets(text, "nowhere to be seen") is None


def test_span_format_scores_class_and_arguments(tmp_path) -> None:
    rows = [
        {"id": "s1", "text": "Troops of Gondor attacked the village of Rohan.", "penta_label": 4,
         "source_spans": ["Troops of Gondor"], "target_spans": ["the village of Rohan"],
         "reciprocal_spans": [], "origin": "spans", "lang": "en"},
        {"id": "s2", "text": "It rained all day.", "penta_label": 0, "source_spans": [],
         "target_spans": [], "reciprocal_spans": [], "origin": "spans", "lang": "en"},
    ]  # fmt: skip
    attack = Event(
        id="e", article_id="s1", start=0, end=47, evidence=rows[0]["text"], cameo_code="190",
        root_code="19", source_code="", source_start=0, source_end=16, target_start=35, target_end=46,
        confidence=0.5,
    )  # fmt: skip
    scores = ev._score_spans([(rows[0], [attack]), (rows[1], [])])
    assert scores["coverage"] == 0.5 and scores["class_accuracy"] == 0.5
    assert scores["class_accuracy_covered"] == 1.0
    assert scores["source_span_accuracy"] == 1.0 and scores["target_span_accuracy"] == 1.0
    assert scores["class_f1"]["material conflict"] == 1.0 and scores["class_f1"]["statement"] == 0.0


@pytest.fixture(scope="module")
def nlp():
    return ev._pipeline()


def test_rows_of_one_article_are_coded_as_that_article(nlp) -> None:
    first = {
        "id": "r1",
        "article": "a1",
        "date": "19961206",
        "text": "Central African Republic President Ange-Felix Patasse met rebel leaders on Friday.",
    }
    second = {"id": "r2", "article": "a1", "date": "19961206", "text": "Rebels accused Patasse of tribalism."}
    alone = {k: v for k, v in second.items() if k != "article"}
    coded = ev.code_rows(nlp, [first, alone, second])
    accusations = [(e.cameo_code, e.source_code, e.target_code) for e in coded[2]]
    assert accusations == [("112", "CAFREB", "CAFGOV")]  # the article names Patasse and his country
    assert ("112", "CAFREB", "CAFGOV") not in [(e.cameo_code, e.source_code, e.target_code) for e in coded[1]]
    (accuse,) = coded[2]
    # Offsets are into the row's own text, as for a row coded alone.
    assert second["text"][accuse.start : accuse.end] == second["text"]
    assert second["text"][accuse.source_start : accuse.source_end] == "Rebels"
    assert [e.root_code for e in coded[0]] == ["04"]
