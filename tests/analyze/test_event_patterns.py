"""PETRARCH2-style pattern coding with a user's dictionaries: our own tiny made-up dictionaries first,
then the PETRARCH unit-test suite (read from ../shared, skipped when absent) as a regression check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from newsgraph.analyze import pipeline
from newsgraph.analyze.events.patterns import PatternCoder, PatternEvent, as_cameo, merge, read_discards
from newsgraph.knowledge import cameo
from newsgraph.records import Event

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "events"

# Our own dictionaries, in the PETRARCH formats (made-up countries and people).
VERBS = """\
&MONEY
+DOLLARS
+GOLD_COINS

--- CONDEMN [122] ---
CONDEMN
- STRONGLY_* [123]
- * VIOLENCE [---]

--- SEND [---] ---
SEND {SENT SENDING}
- * &MONEY TO + [071]
- * TROOPS [150]

--- RECEIVE [---] ---
RECEIVE
- + * MONEY FROM $ [071]

--- HOST [043:042] ---
HOST

--- AGREE [081] ---
AGREE
- % * [030:030]

--- CLAMP [---] ---
+CLAMP_DOWN [175]

--- SUSPEND [191] ---
SUSPEND
- ^ * TALKS [174K]
"""
ACTORS = """\
FREEDONIA [FRD]
+FREEDONIAN
SYLVANIA [SYL]
+SYLVANIAN
MARSOVIA [MRS]
RUFUS_FIREFLY
\t[FRDELI <19300101]
\t[FRDGOV 19300101-19391231]
\t[FRDELI]
"""
AGENTS = """\
POLICE {} [~COP]
MINISTER [~GOV]
RELIEF_AGENCY [NGO~]
"""


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load(pipeline.MODEL)


@pytest.fixture(scope="module")
def coder(tmp_path_factory: pytest.TempPathFactory) -> PatternCoder:
    d = tmp_path_factory.mktemp("dicts")
    (d / "ours.verbs.txt").write_text(VERBS)
    (d / "ours.actors.txt").write_text(ACTORS)
    (d / "ours.agents.txt").write_text(AGENTS)
    (d / "ours.discards.txt").write_text("# sports\nFOOTBALL MATCH\n+BASEBALL\n")
    return PatternCoder.from_paths(
        d / "ours.verbs.txt", d / "ours.actors.txt", d / "ours.agents.txt", d / "ours.discards.txt"
    )


def run(nlp, coder: PatternCoder, text: str, date: str = "2017-07-07") -> list[PatternEvent]:
    return coder.code(nlp(text), date)


def dyads(events: list[PatternEvent]) -> set[tuple[str | None, str | None, str]]:
    return {(e.source, e.target, e.code) for e in events}


def test_verb_default_code_subject_and_object(nlp, coder) -> None:
    found = run(nlp, coder, "Freedonia condemned Sylvania on Monday.")
    assert dyads(found) == {("FRD", "SYL", "122")}
    e = found[0]
    assert e.rule == "ours.verbs.txt:6 verb CONDEMN" and e.cameo_code == "122" and e.root == "12"
    assert e.verb == "condemned" and e.sentence == 0
    assert "FREEDONIA" in e.source_rule and "ours.actors.txt:1" in e.source_rule


def test_pattern_adjacent_word_before_the_verb(nlp, coder) -> None:
    assert dyads(run(nlp, coder, "Freedonia strongly condemned Sylvania.")) == {("FRD", "SYL", "123")}
    # "strongly" not next to the verb: the glued pattern does not apply
    assert dyads(run(nlp, coder, "Strongly worded, Freedonia quickly condemned Sylvania.")) == {
        ("FRD", "SYL", "122")
    }


def test_null_code_pattern_suppresses_the_event(nlp, coder) -> None:
    assert run(nlp, coder, "Freedonia condemned the violence in Sylvania.") == []


def test_synonym_set_and_target_marker(nlp, coder) -> None:
    found = run(nlp, coder, "Freedonia sent ten million dollars to Sylvania.")
    assert dyads(found) == {("FRD", "SYL", "071")}
    assert "pattern '* &MONEY TO +'" in found[0].rule and found[0].target_rule.startswith("target:pattern-+")
    # a multi-word member, words glued: "gold coins"
    assert dyads(run(nlp, coder, "Freedonia sent gold coins to Sylvania.")) == {("FRD", "SYL", "071")}
    # SEND's own code is null: without a pattern nothing is coded
    assert run(nlp, coder, "Freedonia sent a letter to Sylvania.") == []


def test_source_and_target_markers_override_the_parse(nlp, coder) -> None:
    # "+ * MONEY FROM $": the subject is the target, the "from" phrase the source
    found = run(nlp, coder, "Sylvania received money from Freedonia.")
    assert dyads(found) == {("FRD", "SYL", "071")}


def test_reciprocal_code(nlp, coder) -> None:
    assert dyads(run(nlp, coder, "Freedonia hosted Sylvania.")) == {
        ("FRD", "SYL", "043"),
        ("SYL", "FRD", "042"),
    }


def test_compound_subject_codes_its_members_against_each_other(nlp, coder) -> None:
    found = run(nlp, coder, "Freedonia and Sylvania agreed.")
    assert dyads(found) == {("FRD", "SYL", "030"), ("SYL", "FRD", "030")}
    # a compound target: one event per member
    found = run(nlp, coder, "Freedonia condemned Sylvania and Marsovia.")
    assert dyads(found) == {("FRD", "SYL", "122"), ("FRD", "MRS", "122")}


def test_multi_word_verb_and_skip_marker(nlp, coder) -> None:
    assert dyads(run(nlp, coder, "Freedonia clamped down on Sylvania.")) == {("FRD", "SYL", "175")}
    found = run(nlp, coder, "Freedonia suspended the planned talks with Sylvania.")
    assert dyads(found) == {("FRD", "SYL", "174K")} and found[0].cameo_code == "174"


def test_agents_join_the_country_code(nlp, coder) -> None:
    assert dyads(run(nlp, coder, "Freedonian police condemned Sylvania.")) == {("FRDCOP", "SYL", "122")}
    assert dyads(run(nlp, coder, "The minister of Sylvania condemned Freedonia.")) == {
        ("SYLGOV", "FRD", "122")
    }
    # a prefix agent ("NGO~") goes before the country
    found = run(nlp, coder, "A Freedonian relief agency condemned Marsovia.")
    assert dyads(found) == {("NGOFRD", "MRS", "122")}
    # coordinated agents share the country: "Freedonian police and minister"
    found = run(nlp, coder, "Freedonian police and ministers condemned Marsovia.")
    assert dyads(found) == {("FRDCOP", "MRS", "122"), ("FRDGOV", "MRS", "122")}


def test_nearest_actor_and_pronoun_subjects(nlp, coder) -> None:
    # the actor in the head noun phrase wins over the one in its "in" phrase
    assert dyads(run(nlp, coder, "Freedonian police in Marsovia condemned Sylvania.")) == {
        ("FRDCOP", "SYL", "122")
    }
    # a pronoun subject of a complement clause stands for the subject of the verb introducing it
    assert dyads(run(nlp, coder, "Freedonia said it had condemned Sylvania.")) == {("FRD", "SYL", "122")}


def test_several_verb_files(nlp, coder, tmp_path) -> None:
    first, second = tmp_path / "a.verbs.txt", tmp_path / "b.verbs.txt"
    first.write_text(VERBS)
    second.write_text("--- PRAISE [051] ---\nPRAISE\n")
    actors = tmp_path / "x.actors.txt"
    actors.write_text(ACTORS)
    both = PatternCoder.from_paths([first, second], actors)
    assert both.verbs.blocks[-1].source == "b.verbs.txt" and both.verbs.blocks[0].source == ""
    found = both.code(nlp("Freedonia praised Sylvania."))
    assert dyads(found) == {("FRD", "SYL", "051")} and found[0].rule == "b.verbs.txt:2 verb PRAISE"


def test_dated_actor_codes(nlp, coder) -> None:
    text = "Rufus Firefly condemned Sylvania."
    assert dyads(run(nlp, coder, text, "1933-05-01")) == {("FRDGOV", "SYL", "122")}
    assert dyads(run(nlp, coder, text, "1925-05-01")) == {("FRDELI", "SYL", "122")}
    assert dyads(run(nlp, coder, text, "1950-05-01")) == {("FRDELI", "SYL", "122")}


def test_passive_with_agent(nlp, coder) -> None:
    assert dyads(run(nlp, coder, "Sylvania was condemned by Freedonia.")) == {("FRD", "SYL", "122")}


def test_one_sided_events_and_unknown_verbs(nlp, coder, tmp_path) -> None:
    assert run(nlp, coder, "Freedonia condemned the decision.") == []  # no target: no event by default
    loose = PatternCoder(coder.verbs, coder.actors, coder.agents, require_dyad=False)
    assert dyads(loose.code(nlp("Freedonia condemned the decision."))) == {("FRD", None, "122")}
    assert run(nlp, coder, "Freedonia praised Sylvania.") == []  # not in the user's dictionary
    assert run(nlp, coder, "The condemned building in Sylvania fell.") == []  # no subject actor


def test_discards(nlp, coder, tmp_path) -> None:
    assert run(nlp, coder, "Freedonia condemned Sylvania after the football match.") == []
    assert run(nlp, coder, "Freedonia condemned Sylvania over baseball.") == []
    path = tmp_path / "d.txt"
    path.write_text("<!-- list -->\n+World_Cup  # story-level\nTYPHOON ; legacy comment\n")
    assert read_discards(path) == ["WORLD CUP", "TYPHOON"]


def test_as_cameo() -> None:
    assert as_cameo("064") == "064"
    assert as_cameo("174K") == "174"
    assert as_cameo("102b") == "102"
    assert as_cameo("025?") == "025"
    assert as_cameo("1721") == "1721"
    assert as_cameo("+++") == "" and as_cameo("---") == "" and as_cameo("903") == ""


def _event(start: int, end: int, code: str, source: str, target: str, rule: str) -> Event:
    entry = cameo.lookup(code)
    return Event(
        id=rule,
        article_id="a",
        start=start,
        end=end,
        evidence="",
        cameo_code=code,
        root_code=entry.root,
        source_code=source,
        target_code=target,
        source_actor_id=f"actor:{source}",
        date="2017-07-01",
        rule=rule,
    )


def test_merge_modes(nlp, coder) -> None:
    doc = nlp("Freedonia condemned Sylvania. Marsovia praised Sylvania.")
    patterns = coder.code(doc)
    first, second = list(doc.sents)
    twin = _event(first.start_char, first.end_char, "121", "FRD", "SYL", "coder-a")
    other = _event(second.start_char, second.end_char, "051", "MRS", "SYL", "coder-b")
    replaced = merge([twin, other], patterns, doc)
    # the coder's twin is kept (its actor ids and date) with the dictionary's code and rule
    assert len(replaced) == 1
    assert replaced[0].cameo_code == "122" and replaced[0].source_actor_id == "actor:FRD"
    assert replaced[0].date == "2017-07-01" and replaced[0].rule.startswith(
        "petrarch-pattern:ours.verbs.txt:6"
    )
    assert replaced[0].rule.endswith("coder:coder-a")
    sentence = merge([twin, other], patterns, doc, mode="sentence")
    assert [e.rule.split(";")[-1].strip() for e in sentence] == ["coder:coder-a", "coder-b"]
    union = merge([other], patterns, doc, mode="union")
    assert {e.source_code for e in union} == {"FRD", "MRS"}
    assert union[0].rule.startswith("petrarch-pattern:") and union[0].source_actor_id == ""
    with pytest.raises(ValueError):
        merge([], patterns, doc, mode="both")


def _unit_tests() -> tuple[list[dict], Path]:
    gold = SHARED / "gold_events-dev.jsonl"
    folder = SHARED / "petrarch2"
    if not gold.is_file() or not (folder / "PETR.Validate.verbs.txt").is_file():
        pytest.skip("../shared not present: PETRARCH unit-test records and validation dictionaries")
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [
        r
        for r in rows
        if str(r.get("origin", "")).startswith("petrarch2:")
        and all(
            g.get("code") and g.get("code_is_cameo", True) is not False and cameo.is_code(str(g["code"]))
            for g in r["events"]
        )
    ]
    return rows, folder


def test_petrarch_unit_tests_regression(nlp) -> None:
    """The PETRARCH unit tests whose gold codes are CAMEO, scored as ``newsgraph eval events`` scores
    them (same root, same source and target country, one-to-one, nothing extra)."""
    from newsgraph.evaluate.events import match, predicted_keys

    rows, folder = _unit_tests()
    coder = PatternCoder.from_paths(
        folder / "PETR.Validate.verbs.txt",
        folder / "PETR.Validate.actors.txt",
        folder / "PETR.Validate.agents.txt",
        folder / "PETR.Validate.discards.txt",
    )
    passed = 0
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows), strict=True):
        d = row["date"]
        events = coder.code(doc, f"{d[:4]}-{d[4:6]}-{d[6:]}")
        pred = predicted_keys(merge([], events, doc))
        gold = [
            (str(g["code"])[:2], _country(g.get("source")), _country(g.get("target"))) for g in row["events"]
        ]
        passed += match(gold, pred) == len(gold) == len(pred)
    # measured 180/214 when written; the issue asks for 80%
    assert passed / len(rows) >= 0.80, f"{passed}/{len(rows)}"


def _country(code: str | None) -> str:
    from newsgraph.evaluate.events import country

    return country(code)


def test_pattern_only_events_take_date_and_place_from_the_locator(nlp, coder) -> None:
    doc = nlp("Freedonia condemned Sylvania.")
    calls = []

    def locate(sentence: int, tok) -> tuple[str, str, str, str, str]:
        calls.append((sentence, tok.text))
        return "2017-06-20", "day", "date:timex(On June 20)", "2911298", "place:sentence(Hamburg)"

    (event,) = merge([], coder.code(doc), doc, locate=locate)
    assert calls and calls[0][0] == 0
    assert (event.date, event.date_precision, event.place_id) == ("2017-06-20", "day", "2911298")
    assert event.rule.endswith("date:timex(On June 20); place:sentence(Hamburg)")
    (plain,) = merge([], coder.code(doc), doc)  # no locator: publication date only, no place
    assert plain.place_id == "" and plain.rule.endswith("place:none")
