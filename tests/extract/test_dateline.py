"""The one dateline parser: its forms, the story's own dateline, and where its result travels."""

from __future__ import annotations

from newsgraph.analyze import analyze
from newsgraph.analyze.pipeline import load_nlp
from newsgraph.extract import extract
from newsgraph.extract.dateline import find_datelines, from_dict, story_dateline
from newsgraph.sources.raw import RawDocument


def _one(text: str):
    (line,) = find_datelines(text)
    return line


def test_agency_dash_date_and_bare_forms() -> None:
    kyiv = _one("KYIV, March 3 (Agency) — The council met on Friday.")
    assert (kyiv.place, kyiv.form, kyiv.date, kyiv.dash) == ("KYIV", "agency", "--03-03", "—")
    assert kyiv.text == "KYIV, March 3 (Agency) —" and (kyiv.agency, kyiv.qualifier) == ("Agency", "")
    assert "KYIV, March 3 (Agency) — The"[kyiv.agency_start : kyiv.agency_start + 6] == "Agency"
    lima = _one("LIMA, Peru, Jan. 9, 2020 — Lawmakers voted.")
    assert (lima.place, lima.qualifier, lima.date, lima.form) == ("LIMA", "Peru", "2020-01-09", "dash")
    alain = _one("AL-AIN , United Arab Emirates 1996-12-06\nJapan began the defence of their title.")
    assert (alain.place, alain.date, alain.form) == ("AL-AIN", "1996-12-06", "date")
    assert alain.qualifier == "United Arab Emirates"
    bare = _one("WASHINGTON Barack Obama pardoned a turkey.")
    assert (bare.place, bare.form, bare.end) == ("WASHINGTON", "bare", 10)


def test_what_is_not_a_dateline() -> None:
    assert find_datelines("The council met in KYIV on Friday.") == []
    assert find_datelines("FRIDAY , December 6\nNEW JERSEY AT BOSTON") == []  # a date line
    assert find_datelines("a lower-case line — with a dash") == []
    # A hyphen inside a name is no dash; an impossible day gives no date.
    assert _one("PARIS, Feb. 30 - Farmers met.").date == ""
    assert find_datelines("NESARA-Restore America") == []


def test_every_line_is_read_and_the_story_dateline_opens_the_text() -> None:
    text = "\n  TORONTO — First story.\n\nTORONTO (Agency) — Second story."
    found = find_datelines(text)
    assert [(d.start, d.form) for d in found] == [(3, "dash"), (27, "agency")]
    assert story_dateline(text) == found[0]
    assert story_dateline("Lead paragraph.\n\nTORONTO — Second.") is None
    assert story_dateline("WASHINGTON Barack Obama spoke.") is None  # a bare one is not trusted here
    assert from_dict(found[1].as_dict()) == found[1]


def test_extraction_keeps_the_dateline_and_the_pipeline_reads_it() -> None:
    body = "BRATISLAVA, March 14 (Danube Post) — Slovakia's interior minister apologised on Tuesday."
    raw = RawDocument(uri="mem://t", content=body.encode(), kind="text", meta={"title": "Apology"})
    article = extract(raw)
    assert (article.dateline, article.dateline_date) == ("BRATISLAVA", "--03-14")
    assert article.datelines and article.datelines[0]["agency"] == "Danube Post"
    analysis = analyze(article)
    assert any(m.text == "BRATISLAVA" and m.rule.startswith("dateline") for m in analysis.place_mentions)
    # Bare text (no Article) gets the same datelines from the pipeline's first component.
    doc = load_nlp()(body)
    assert [d.place for d in doc._.datelines] == ["BRATISLAVA"]
