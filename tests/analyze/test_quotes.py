"""Quotes and speakers on sentences written for these tests, plus the shared sample page."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.analyze.actors.resolve import actors_and_mentions
from newsgraph.analyze.pipeline import load_nlp
from newsgraph.analyze.quotes.attribution import quotes
from newsgraph.analyze.quotes.marks import find_marked_spans
from newsgraph.knowledge.speech import parse_cues, speech_cues
from newsgraph.records import Quote


def _quotes(text: str) -> list[Quote]:
    nlp = load_nlp()
    doc = nlp.make_doc(text)
    doc._.article_id = "t1"
    doc = nlp(doc)
    actors, mentions = actors_and_mentions(doc, "t1")
    return quotes(doc, mentions, actors)


def _one(found: list[Quote], fragment: str) -> Quote:
    hits = [q for q in found if fragment in q.text]
    assert len(hits) == 1, (fragment, found)
    return hits[0]


def test_direct_quote_with_trailing_named_speaker() -> None:
    text = (
        'Maria Olsen chairs the committee.\n\n"We will publish the report next week," Olsen told reporters.'
    )
    q = _one(_quotes(text), "publish the report")
    assert q.kind == "direct" and q.speaker.endswith("Olsen") and q.cue == "told reporters"
    assert text[q.speaker_start : q.speaker_end] == "Olsen"
    assert q.text == "We will publish the report next week" and q.id == "t1:q0"
    assert q.rule.startswith("direct:trailing-cue")


def test_leading_cue_with_colon_and_curly_marks() -> None:
    q = _one(_quotes("Finance Minister Karl Brandt said: “The budget is balanced.”"), "budget is balanced")
    assert q.kind == "direct" and q.speaker.endswith("Brandt") and q.cue == "said"


def test_inverted_cue() -> None:
    q = _one(
        _quotes('"The roads are closed until Friday," said Anna Petrova, the city engineer.'), "roads are"
    )
    assert q.speaker.endswith("Petrova")


def test_partial_quote_inside_reported_speech() -> None:
    found = _quotes('Peter Lund said that the talks showed "a genuine will to compromise" on trade.')
    q = _one(found, "genuine will")
    assert q.kind == "partial" and q.speaker.endswith("Lund") and q.text == "a genuine will to compromise"
    # The reported clause is not repeated as an indirect quote.
    assert not [x for x in found if x.kind == "indirect"]


def test_pronoun_takes_the_last_speaker() -> None:
    text = (
        'Helena Marsh met the mayor on Monday. "The port must stay open," Marsh said. '
        'The harbour board should "act before the winter," she added.'
    )
    q = _one(_quotes(text), "act before the winter")
    assert q.speaker.endswith("Marsh") and text[q.speaker_start : q.speaker_end] == "she"
    assert "pronoun->last-speaker" in q.rule


def test_title_falls_back_to_the_last_person_speaker() -> None:
    text = (
        'Defence Secretary Tom Albers visited the base. "Readiness has improved," Albers said.\n\n'
        "The army will recruit more engineers next year, according to the secretary."
    )
    q = _one(_quotes(text), "recruit more engineers")
    assert q.kind == "indirect" and q.cue == "according to" and q.speaker.endswith("Albers")
    assert text[q.speaker_start : q.speaker_end] == "the secretary"
    assert "title->" in q.rule


def test_indirect_clause_object_and_trailing_cue() -> None:
    text = (
        "Rita Gomez said the ceasefire would hold. Omar Haddad characterized the talks as productive. "
        "The negotiations will resume in June, Haddad said."
    )
    found = _quotes(text)
    assert _one(found, "ceasefire would hold").speaker.endswith("Gomez")
    obj = _one(found, "the talks as productive")
    assert (
        obj.kind == "indirect" and obj.speaker.endswith("Haddad") and obj.rule.startswith("indirect:object")
    )
    assert _one(found, "resume in June").speaker.endswith("Haddad")


def test_organisation_speaker() -> None:
    q = _one(_quotes('"No decision has been taken," the World Health Organization said.'), "No decision")
    assert "World Health Organization" in q.speaker and q.speaker_actor_id


def test_quote_over_paragraphs_is_one_span() -> None:
    text = (
        'Lena Ford spoke at length. "We started with nothing.\n\n'
        '"Now we employ three hundred people," Ford said.'
    )
    q = _one(_quotes(text), "started with nothing")
    assert "three hundred people" in q.text and q.speaker.endswith("Ford")


def test_split_quote_continues_the_speaker() -> None:
    text = '"We are ready," Ivan Rusu said. "The rest depends on the weather and on the ministry."'
    found = _quotes(text)
    assert _one(found, "depends on the weather").speaker.endswith("Rusu")


def test_nested_quotes_and_ellipsis_stay_inside() -> None:
    text = "“He told me ‘wait’ … and then left,” Sara Lind said."
    q = _one(_quotes(text), "wait")
    assert q.text == "He told me ‘wait’ … and then left" and q.speaker.endswith("Lind")


def test_scare_quotes_without_a_cue_are_not_attributions() -> None:
    assert _quotes('The summit showed a "new mood" between the two delegations.') == []


def test_marks_straight_and_unclosed() -> None:
    text = 'He said "yes" and "no\n\nNext paragraph.'
    spans = find_marked_spans(text)
    assert [text[s.content_start : s.content_end] for s in spans] == ["yes", "no"]
    assert spans[1].rule == "marks:unclosed"


def test_apostrophes_are_not_quotes() -> None:
    assert find_marked_spans("The leaders’ talks and Russia’s offer were ‘constructive’ today.") != []
    assert find_marked_spans("It’s the leaders’ view.") == []


def test_lexicon_loads_and_rejects_bad_rows() -> None:
    cues = speech_cues()
    assert cues.verbs["say"].direct and cues.preps[("according", "to")].kind == "prep"
    assert cues.verbs["characterize"].takes_object()
    with pytest.raises(ValueError, match=r"speech_cues\.tsv:2"):
        parse_cues("# cue\tkind\tframe\tdirect\tnote\nsay\tverb\tclause\tmaybe\n")


TEXT_PIECES = st.sampled_from(
    [
        '"',
        "“",
        "”",
        "‘",
        "’",
        "'",
        " said ",
        " he added",
        "Anna Lee",
        ", ",
        ".",
        "\n\n",
        " according to ",
        "…",
        "x",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(TEXT_PIECES, st.text(max_size=8)), max_size=25).map("".join))
def test_any_text_gives_spans_inside_the_text(text: str) -> None:
    for q in _quotes(text):
        assert 0 <= q.start < q.end <= len(text)
        assert q.text == text[q.start : q.end]
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)


def test_sample_page_quotes_and_speakers(sample_page) -> None:
    from newsgraph.analyze import analyze  # noqa: F401 - the pipeline module loads the model
    from newsgraph.extract import extract
    from newsgraph.sources.raw import RawDocument

    article = extract(RawDocument(uri=str(sample_page), kind="text", content=sample_page.read_bytes()))
    nlp = load_nlp()
    doc = nlp.make_doc(article.text)
    doc._.article_id = article.id
    doc = nlp(doc)
    actors, mentions = actors_and_mentions(doc, article.id)
    found = [q for q in quotes(doc, mentions, actors) if q.kind in ("direct", "partial")]
    expected = {
        "a very clear, positive chemistry": "Tillerson",
        "It was agreed": "Lavrov",
        "took note of actions": "Tillerson",
        "focus on how we move": "Tillerson",
        "Experts from Russia": "Lavrov",
        "the first show of success": "Tillerson",
        "replicate that elsewhere": "Tillerson",
    }
    for fragment, surname in expected.items():
        q = _one(found, fragment)
        assert q.speaker.split()[-1] == surname, (fragment, q)
    added = _one(found, "focus on how we move")
    assert article.text[added.speaker_start : added.speaker_end] == "he"
