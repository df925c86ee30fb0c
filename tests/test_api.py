"""The Python API: newsgraph.open / newsgraph.process."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import pytest
from tests.query.builder import build_store

import newsgraph
from newsgraph.extract import ExtractError
from newsgraph.extract import article as article_module
from newsgraph.query import QueryError
from newsgraph.records import Analysis, Event, MergedEvent


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("api") / "api.db")


def test_open_and_ask(db: Path) -> None:
    with newsgraph.open(db) as g:
        events = g.events(actor="Putin", since="2017-01-01")
        # Real-world events by default; the coded records (mentions) on request.
        assert events and all(isinstance(e, MergedEvent) for e in events)
        mentions = g.events(actor="Putin", since="2017-01-01", mentions=True)
        assert mentions and all(isinstance(e, Event) and e.event_id for e in mentions)
        assert {e.event_id for e in mentions} == {e.id for e in events}
        assert {e.cameo_code for e in events} == {"040", "112", "057"}
        assert g.timeline(actor="Russia", counterpart="United States")[0]["month"] == "2016-12"
        assert g.counterparts("Lavrov")[0]["name"] == "United States"
        assert g.actor("Putin").actors[0].name == "Vladimir Putin"
        assert g.search("ceasefire")[0].title in {
            "Ceasefire in southwestern Syria",
            "Memorandum signed in Amman",
        }
        assert [a.name for a in g.actors(kind="igo")] == ["European Union"]
        assert {p.name for p in g.places(country="SYR")} == {"Syria", "Daraa"}
        assert len(g.quotes(actor="Lavrov")) == 2 and g.articles(language="ru")
        assert g.top_actors(limit=1)[0]["name"] == "United States"
        assert g.network(limit=1) and g.events_per_country(by="target")
        with pytest.raises(QueryError, match="unknown quad class"):
            g.events(quad="lots")


def test_open_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no newsgraph store"):
        newsgraph.open(tmp_path / "nope.db")
    assert not (tmp_path / "nope.db").exists()


def test_to_pandas(db: Path) -> None:
    pytest.importorskip("pandas")
    with newsgraph.open(db) as g:
        df = g.events(actor="Russia", counterpart="USA").to_pandas()
        assert len(df) == 12 and {"cameo_code", "goldstein", "source_code"} <= set(df.columns)
        months = g.timeline(actor="Russia").to_pandas()
        assert list(months.columns[:2]) == ["month", "verbal_cooperation"]


def test_to_pandas_without_pandas_says_how_to_get_it(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with newsgraph.open(db) as g, pytest.raises(ImportError, match="pip install pandas"):
        g.events().to_pandas()


def test_process_one_document_without_a_store() -> None:
    text = (
        "Ministers Meet in Oslo\n\n"
        "OSLO (Test Wire) — Norwegian Foreign Minister Kari Lunde met her Finnish counterpart "
        "Mikko Salo in Oslo on Tuesday, officials said.\n"
    )
    analysis = newsgraph.process(text)
    assert isinstance(analysis, Analysis)
    assert "Kari Lunde" in analysis.article.text
    assert {"Kari Lunde", "Mikko Salo"} <= {a.name for a in analysis.actors}
    html = (
        "<html><head><title>Talks</title></head><body><article><h1>Talks resume</h1>"
        "<p>Finnish Foreign Minister Mikko Salo said the next round of talks would take place in "
        "Helsinki in May, after a long pause in the negotiations between the two governments.</p>"
        "<p>Norwegian Foreign Minister Kari Lunde welcomed the decision and said both sides were ready.</p>"
        "</article></body></html>"
    )
    from_html = newsgraph.process(html, url="https://news.example/talks")
    assert from_html.article.url == "https://news.example/talks"
    assert "Mikko Salo" in from_html.article.text


def test_frames_carry_names_and_dates(db: Path) -> None:
    pandas = pytest.importorskip("pandas")
    with newsgraph.open(db) as g:
        events = g.events(actor="Putin").to_pandas()
        columns = list(events.columns)
        # Each name right after its id, the precision right after the date.
        for id_column, name in (("source_actor_id", "source_name"), ("target_actor_id", "target_name")):
            assert columns.index(name) == columns.index(id_column) + 1
        assert columns[columns.index("place_id") + 1 : columns.index("place_id") + 5] == [
            "place_name",
            "place_country",
            "lat",
            "lon",
        ]
        assert columns.index("date_precision") == columns.index("date") + 1
        assert "Vladimir Putin" in set(events.source_name) | set(events.target_name)
        assert pandas.api.types.is_datetime64_any_dtype(events["date"])
        hamburg = events[events.place_name == "Hamburg"].iloc[0]
        assert (hamburg.place_country, hamburg.lat, hamburg.lon) == ("DEU", 53.55, 10.0)
        assert hamburg.date == pandas.Timestamp("2017-07-07") and hamburg.date_precision == "day"
        articles = g.articles().to_pandas()
        assert pandas.api.types.is_datetime64_any_dtype(articles["published"])
        assert (
            list(articles.columns).index("published_precision")
            == list(articles.columns).index("published") + 1
        )
        quotes = g.quotes(actor="Lavrov").to_pandas()
        assert set(quotes.speaker_name) == {"Sergei Lavrov"}
        assert list(g.events(since="2030").to_pandas().columns) == []  # nothing found, nothing to name


def test_one_sentence_is_a_document() -> None:
    analysis = newsgraph.process("Obama met Putin in Geneva on Tuesday.")
    assert analysis.article.text == "Obama met Putin in Geneva on Tuesday." and analysis.article.title == ""
    assert {"Obama", "Putin"} <= {a.name.split()[-1] for a in analysis.actors}
    assert [p.name for p in analysis.places] == ["Geneva"]
    assert [e.root_code for e in analysis.events] == ["04"]
    with pytest.raises(ValueError, match="no article text found"):
        newsgraph.process("Summit talks in Geneva")  # a headline alone is still no article


PAGE = (
    "<html><body><article>"
    + "<p>The foreign minister met the president in Paris on Monday to discuss the border talks.</p>" * 3
    + "</article></body></html>"
)


def test_process_is_held_to_the_ingest_size_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_MAX_DOCUMENT_BYTES", "100")
    with pytest.raises(ExtractError) as caught:
        newsgraph.process(PAGE)
    assert (caught.value.stage, caught.value.reason) == (
        "source",
        f"document too large: {len(PAGE)} bytes > 100",
    )
    monkeypatch.delenv("NEWSGRAPH_MAX_DOCUMENT_BYTES")
    monkeypatch.setenv("NEWSGRAPH_MAX_EXTRACT_BYTES", "200")
    with pytest.raises(ExtractError, match=f"too large to extract: {len(PAGE)} bytes > 200"):
        newsgraph.process(PAGE)


def test_process_is_held_to_the_extraction_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    real = article_module.extract_html

    def stalling(html: str, url: str | None = None) -> Any:
        started = time.monotonic()
        while time.monotonic() - started < 30:  # a pathological page, spinning in Python
            pass
        return real(html, url=url)

    monkeypatch.setattr(article_module, "extract_html", stalling)
    monkeypatch.setenv("NEWSGRAPH_MAX_EXTRACT_SECONDS", "1")
    with pytest.raises(ExtractError) as caught:
        newsgraph.process(PAGE)
    assert caught.value.reason == "time limit of 1 s per document reached (setting max_extract_seconds)"
