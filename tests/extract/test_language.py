"""Language identification: py3langid's bundled model, ISO 639-1 codes, unknown when unsure."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import py3langid
import pytest

from newsgraph.engines.local import ingest
from newsgraph.extract import language
from newsgraph.extract.language import identify, iso639_1, normalise_declared
from newsgraph.store import Store

ENGLISH = (
    "The finance ministers of the two countries met in the capital on Thursday and agreed to "
    "extend a currency swap line for another three years, officials said after the talks."
)
FRENCH = (
    "Les ministres des finances des deux pays se sont réunis jeudi dans la capitale et ont "
    "convenu de prolonger pour trois ans un accord d'échange de devises, selon des responsables."
)
GERMAN = (
    "Die Finanzminister der beiden Länder trafen sich am Donnerstag in der Hauptstadt und "
    "einigten sich darauf, eine Devisentauschvereinbarung um drei weitere Jahre zu verlängern."
)


@pytest.mark.parametrize(("text", "code"), [(ENGLISH, "en"), (FRENCH, "fr"), (GERMAN, "de")])
def test_identifies_the_language(text: str, code: str) -> None:
    guess = identify(text)
    assert guess.code == code and guess.confidence >= 0.9 and guess.rule == "py3langid"


@pytest.mark.parametrize("text", ["", "Breaking news", "Putin Trump Merkel", "12:30 GMT 07.03.2021"])
def test_short_texts_are_unknown(text: str) -> None:
    assert identify(text).code == ""


def test_codes_are_iso_639_1_where_one_exists() -> None:
    assert iso639_1("en") == "en"
    assert iso639_1("deu") == "de"  # a three-letter label of a language with two letters
    assert iso639_1("pcm") == "pcm"  # Nigerian Pidgin has no ISO 639-1 code
    assert normalise_declared("en-GB") == "en" and normalise_declared("DE_at") == "de"
    assert normalise_declared("") == "" and normalise_declared("??") == ""


def test_the_model_ships_with_the_package_and_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    model = Path(py3langid.__file__).parent / "data" / "model.npz.xz"
    assert model.is_file() and model.stat().st_size > 1_000_000

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("language identification tried to open a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    language._identifier.cache_clear()
    try:
        assert identify(GERMAN).code == "de"
    finally:
        language._identifier.cache_clear()


def test_non_english_articles_are_stored_and_passed_over(tmp_path: Path) -> None:
    corpus = tmp_path / "wire.jsonl"
    rows = [
        {
            "id": "fr",
            "title": "Accord de change prolongé",
            "text": FRENCH + "\n\n" + FRENCH.replace("jeudi", "mardi"),
        },
        {
            "id": "de",
            "title": "Devisentausch verlängert",
            "text": GERMAN + "\n\n" + GERMAN.replace("Donnerstag", "Montag"),
        },
        {
            "id": "en",
            "title": "Swap line extended",
            "text": ENGLISH + "\n\nThe central bank welcomed the decision.",
        },
    ]
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    with Store(tmp_path / "lang.db") as store:
        report = ingest([str(corpus)], store)
        assert report.failed == 0 and report.added == 3
        stored = {a.title: a for a in store.articles()}
        analyses = {title: store.analysis(a.id) for title, a in stored.items()}
    assert stored["Accord de change prolongé"].language == "fr"
    assert stored["Devisentausch verlängert"].language == "de"
    assert stored["Swap line extended"].language == "en"
    for title in ("Accord de change prolongé", "Devisentausch verlängert"):
        analysis = analyses[title]
        assert analysis is not None and not analysis.mentions
        assert any("English analysis skipped" in note for note in analysis.notes)
        assert (stored[title].language_confidence or 0) >= 0.9
    english = analyses["Swap line extended"]
    assert english is not None and not any("skipped" in n for n in english.notes)
