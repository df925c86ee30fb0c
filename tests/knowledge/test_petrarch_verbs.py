"""The PETRARCH2 verb-dictionary reader: the format on a dictionary of our own, then the published ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.knowledge import petrarch_verbs as pv
from newsgraph.knowledge.triggers import TriggerIndex

PETRARCH2 = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "events" / "petrarch2"

# A made-up dictionary in the PETRARCH2 format, exercising each construct the reader handles.
OURS = """\
# a comment line
<!-- an XML-style comment line -->
&HARBOUR_
+PORT
+DOCK_
+&SHIPYARD

&SHIPYARD
+SHIPYARD
+DRYDOCK

--- MOOR [040] ---
MOOR {MOORS MOORED MOORING}   # the verb and its irregular forms
+TIE_UP {+TIED_UP +TIES_UP} [041]
RE_+BERTH
- $ * AT &HARBOUR + [042]   # source, verb, synonym set, target
- *_FOR_REPAIRS [---]
- NEVER_* [120:121]
- NO CODE HERE *
--- DRIFT  ###
DRIFT
--- CAST OFF [166] [0874] ---
+CAST_OFF
"""


def test_reads_our_own_dictionary() -> None:
    d = pv.parse(OURS, "ours.txt")
    assert [b.name for b in d.blocks] == ["MOOR", "DRIFT", "CAST OFF"]
    moor, drift, cast = d.blocks
    assert moor.code == pv.CodeSpec("040")
    assert drift.code is None
    assert cast.code == pv.CodeSpec("166") and cast.extra_codes == (pv.CodeSpec("0874"),)
    assert [v.phrase for v in moor.verbs] == ["MOOR", "TIE UP", "RE BERTH"]
    tie, re_berth = moor.verbs[1], moor.verbs[2]
    assert tie.verb == "TIE" and tie.code == pv.CodeSpec("041")
    assert re_berth.verb == "BERTH" and re_berth.verb_index == 1
    # patterns: markers kept, "_"-joined words split off the verb, two-part codes, bad line reported
    assert len(moor.patterns) == 3
    first, null, paired = moor.patterns
    assert first.before == ("$",) and first.after == ("AT", "&HARBOUR", "+")
    assert first.has_source and first.has_target and first.code == pv.CodeSpec("042")
    assert "synonym set" in first.comment
    assert null.code.is_null and null.after == ("FOR_REPAIRS",) and null.words() == ("FOR", "REPAIRS")
    assert paired.code == pv.CodeSpec("120", "121") and paired.before == ("NEVER",)
    assert len(d.problems) == 1 and d.problems[0].startswith("line 19")
    # lookups by base or irregular form, any case; the code of an entry falls back to its block's
    assert d.code_of("moored") == pv.CodeSpec("040")
    assert [e.phrase for _, e in d.lookup("tied")] == ["TIE UP"]
    assert d.code_of("unknown") is None
    assert d.patterns_for("MOOR") == moor.patterns
    # synonym sets: trailing "_" ignored in references, nested sets resolved
    assert d.expand("&HARBOUR") == {"PORT", "DOCK_", "SHIPYARD", "DRYDOCK"}
    with pytest.raises(KeyError):
        d.expand("&NOPE")


def test_user_verbs_become_trigger_entries() -> None:
    d = pv.parse(OURS, "ours.txt")
    entries = pv.to_triggers(d)
    # DRIFT has no code; the rest are CAMEO codes
    assert {t.code for t in entries} == {"040", "041", "166"}
    idx = TriggerIndex.build(entries)
    hit = idx.match("tie", "VERB", ["up", "boat"])
    assert hit is not None and hit.code == "041" and hit.id.startswith("petrarch:ours.txt:")
    assert idx.match("tie", "VERB", ["boat"]) is None


def _need(name: str) -> Path:
    path = PETRARCH2 / name
    if not path.exists():
        pytest.skip(f"../shared not present: {name} is evaluation data beside the repo")
    return path


def _count(path: Path, regex: str) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if re.match(regex, line))


def test_reads_the_cameo_verb_dictionary() -> None:
    path = _need("CAMEO.verbpatterns.150430.txt")
    d = pv.read(path)
    assert len(d.blocks) == _count(path, r"---") > 350
    patterns = _count(path, r"-(?!--)")
    # every pattern line is read, bar the few in the file that lack a '*' or a code
    assert len(d.patterns) + len(d.problems) == patterns
    assert len(d.problems) <= 5
    assert len(d.verbs) > 1500 and len(d.synsets) > 30
    assert pv.cameo_share([p.code for p in d.patterns]) > 0.99
    # a few lookups chosen by reading the file
    assert d.code_of("said") == pv.CodeSpec("010")
    assert d.code_of("host") == pv.CodeSpec("043", "042")
    assert d.code_of("met") == pv.CodeSpec("040")
    assert any(e.phrase == "BLOW UP" for _, e in d.lookup("blew"))
    assert {"TRUCE", "CEASEFIRE"} <= d.expand("&CEASEFIRE")
    blocks = {b.name for b, _ in d.lookup("abandon")}
    assert len(blocks) >= 2  # a verb may sit in more than one block
    assert [b.name for b in d.blocks if b.code is None]  # some headers carry no code
    entries = pv.to_triggers(d)
    assert len(entries) > 1000
    assert TriggerIndex.build(entries).match("attack", "VERB") is not None


def test_reads_the_validation_verb_dictionary() -> None:
    path = _need("PETR.Validate.verbs.txt")
    d = pv.read(path)
    assert len(d.blocks) == _count(path, r"---") > 250
    assert len(d.patterns) + len(d.problems) == _count(path, r"-(?!--)")
    # the validation dictionary keeps WEIS-era codes: most, not all, are CAMEO codes
    assert 0.5 < pv.cameo_share([b.code for b in d.blocks if b.code]) < 1.0
    assert d.code_of("met") == pv.CodeSpec("031", "032")
    delay = next(b for b in d.blocks if b.name == "DELAY")
    assert delay.code == pv.CodeSpec("120") and delay.extra_codes == (pv.CodeSpec("031", "031"),)
    assert any(b.name == "LASH OUT" for b in d.blocks)
    # nested synonym sets: a set whose members include other sets
    nested = [name for name, members in d.synsets.items() if any(m.startswith("&") for m in members)]
    assert nested
    assert len(d.expand(nested[0])) > len(d.synsets[nested[0]])


def test_adjacency_of_words_glued_to_the_verb() -> None:
    d = pv.parse("--- WAVE [010] ---\nWAVE\n- GENTLY_* [011]\n- * _BACK [012]\n- * AWAY [013]\n", "w.txt")
    glued, spaced_glue, loose = d.blocks[0].patterns
    assert glued.before == ("GENTLY",) and glued.before_adjacent and not glued.after_adjacent
    # "* _BACK": the "_" belongs to the word, not to the verb token, so it is not glued to the verb
    assert spaced_glue.after == ("_BACK",) and not spaced_glue.after_adjacent
    assert loose.after == ("AWAY",) and not loose.before_adjacent and not loose.after_adjacent
    assert pv.parse("--- W [010] ---\nW\n- *_OFF [011]\n", "w").blocks[0].patterns[0].after_adjacent


def test_regular_forms() -> None:
    assert pv.regular_forms("depart") == {"DEPART", "DEPARTS", "DEPARTED", "DEPARTING"}
    assert pv.regular_forms("ACCUSE") == {"ACCUSE", "ACCUSES", "ACCUSED", "ACCUSING"}
    assert pv.regular_forms("RATIFY") == {"RATIFY", "RATIFIES", "RATIFIED", "RATIFYING"}
    assert pv.regular_forms("PUSH") == {"PUSH", "PUSHES", "PUSHED", "PUSHING"}
    assert pv.regular_forms("DELAY") == {"DELAY", "DELAYS", "DELAYED", "DELAYING"}
    assert pv.regular_forms("") == set()
