"""Tone, themes, domains, counts and co-mentions stored and queryable: the store's round trip, the
demo store (examples/) and the shared sample page through ingest, the query layer, the CLI and the
GKG export (loaded back with pandas)."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from tests.paths import EXAMPLES, SAMPLE_PAGE
from typer.testing import CliRunner

from newsgraph.analyze.comentions import comentions
from newsgraph.cli import app
from newsgraph.engines.local import ingest
from newsgraph.export import export
from newsgraph.export.gkg import GKG_COLUMNS
from newsgraph.query import Query, QueryError
from newsgraph.records import (
    Analysis,
    Article,
    CoMention,
    Count,
    Domain,
    Mention,
    ThemeMention,
    Tone,
)
from newsgraph.store import Store

runner = CliRunner()
SAMPLE_THEMES = {"SANCTIONS", "ELECTION", "CYBER", "CEASEFIRE", "NUCLEAR_WEAPONS", "DIPLOMACY"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus, and the shared sample page when it is there."""
    folder = tmp_path_factory.mktemp("signals")
    inputs = [str(EXAMPLES)]
    if SAMPLE_PAGE.exists():
        inputs.append(str(shutil.copy(SAMPLE_PAGE, folder / SAMPLE_PAGE.name)))
    path = folder / "signals.db"
    with Store(path) as store:
        report = ingest(inputs, store)
    assert report.failed == 0, report.errors
    return path


@pytest.fixture
def sample_id(db: Path) -> str:
    if not SAMPLE_PAGE.exists():
        pytest.skip("../shared not present: the shared sample page is evaluation data beside the repo")
    with Store(db) as store:
        found = [a for a in store.articles(limit=100) if a.uri.endswith(SAMPLE_PAGE.name)]
    assert len(found) == 1
    return found[0].id


# -- records ------------------------------------------------------------------------------------


def test_comentions_by_sentence_and_paragraph() -> None:
    text = "Putin met Trump.\n\nLavrov spoke. Trump agreed.\n\nPutin left."
    mentions = [
        Mention("a", 0, 0, 5, "Putin", "P"),
        Mention("a", 0, 10, 15, "Trump", "T"),
        Mention("a", 1, 18, 24, "Lavrov", "L"),
        Mention("a", 2, 32, 37, "Trump", "T"),
        Mention("a", 3, 47, 52, "Putin", "P"),
        Mention("a", 3, 47, 52, "Putin", ""),  # no actor: left out
    ]
    found = {(c.actor_a, c.actor_b): c for c in comentions(mentions, text, "a")}
    assert set(found) == {("P", "T"), ("L", "T")}
    assert (found["P", "T"].sentences, found["P", "T"].sentence_ids) == (1, [0])
    assert (found["P", "T"].paragraphs, found["P", "T"].paragraph_ids) == (1, [0])
    assert (found["L", "T"].sentences, found["L", "T"].paragraphs, found["L", "T"].paragraph_ids) == (
        0,
        1,
        [1],
    )


def _analysis() -> Analysis:
    article = Article(
        id="art1", uri="a.txt", text="Sanctions were imposed. 41 people were detained.", tone=-2.5
    )
    return Analysis(
        article=article,
        tones=[
            Tone("art1", "article", -1, 0, 48, -2.5, 0.0, 2.5, 2.5, 12.5, 0.0, 8, 0, 1, 1, 0, -0.3),
            Tone("art1", "sentence", 0, 0, 23, 0.0, 0.0, 0.0, 0.0, 33.3, 0.0, 3, 0, 0, 1, 0, 0.0),
        ],
        themes=[ThemeMention("art1", 0, 0, 9, "Sanctions", "SANCTIONS", "trigger:sanction")],
        domain=Domain("politics", 1.0, "themes: politics 1 of 1 matches", "art1"),
        comentions=[CoMention("art1", "x", "y", 1, 1, [0], [0])],
        counts=[Count("art1", 1, 24, 33, "41 people", "ARREST", 41, "people", "count:detain nsubjpass")],
    )


def test_store_round_trip_replace_and_delete(tmp_path: Path) -> None:
    analysis = _analysis()
    with Store(tmp_path / "s.db") as store:
        assert store.add_analysis(analysis)
        assert store.analysis("art1") == analysis
        changed = dataclasses.replace(
            analysis, themes=[], domain=Domain("sport", 1.0, "url-section: /sport/")
        )
        store.replace_analysis(changed)
        back = store.analysis("art1")
        assert back is not None and back.themes == [] and back.domain is not None
        assert back.domain.label == "sport" and back.domain.article_id == "art1"
        assert store.stats()["domains"] == 1
        assert store.delete_article("art1")
        assert {store.stats()[t] for t in ("tones", "theme_mentions", "domains", "comentions", "counts")} == {
            0
        }


# -- the demo store -------------------------------------------------------------------------------


def test_every_demo_article_has_tone_themes_and_a_domain(db: Path) -> None:
    with Store(db) as store:
        for article in store.articles(limit=100):
            analysis = store.analysis(article.id)
            assert analysis is not None
            whole = [t for t in analysis.tones if t.unit == "article"]
            assert len(whole) == 1 and article.tone == whole[0].tone and -10 < article.tone < 10
            assert analysis.themes, article.title
            assert analysis.domain is not None and analysis.domain.label in ("politics", "conflict")
            assert all(e.tone is not None for e in analysis.events)
            assert all(q.tone is not None for q in analysis.quotes if any(c.isalpha() for c in q.text))


def test_theme_counts_by_period_with_event_filters(db: Path) -> None:
    with Store(db) as store:
        q = Query(store)
        everything = q.themes(by="all", limit=100)
        assert {"SANCTIONS", "CEASEFIRE", "ELECTION", "PROTEST", "TRADE"} <= {r["theme"] for r in everything}
        monthly = q.themes(by="month", limit=100)
        assert sum(r["mentions"] for r in monthly) <= sum(r["mentions"] for r in everything)
        assert all(len(r["month"]) == 7 for r in monthly)
        # Event filters pick the articles that report a matching event.
        violent = q.themes(by="all", limit=100, quad=4)
        assert 0 < sum(r["mentions"] for r in violent) < sum(r["mentions"] for r in everything)
        assert q.themes(by="all", theme="conflict", limit=100)
        assert {r["family"] for r in q.themes(by="all", theme="conflict", limit=100)} == {"conflict"}
        top = q.themes(by="year", limit=2)
        assert max(sum(1 for r in top if r["year"] == y) for y in {r["year"] for r in top}) == 2
        with pytest.raises(QueryError):
            q.themes(theme="NO_SUCH_THEME")
        # Articles and events filtered by theme and domain.
        ceasefire = q.articles(theme="CEASEFIRE", limit=100)
        assert ceasefire and all(
            "ceasefire" in a.text.lower() or "truce" in a.text.lower() for a in ceasefire
        )
        assert q.count_events(domain="sport") == 0 < q.count_events(domain="politics")


def test_tone_timelines_per_actor_country_and_theme(db: Path) -> None:
    with Store(db) as store:
        q = Query(store)
        months = q.tone(by="month")
        assert sum(r["units"] for r in months) == len(store.articles(limit=100))
        assert all(r["tone"] is None for r in months if r["units"] == 0)
        for unit in ("article", "sentence"):
            for filters in ({"actor": "Russia"}, {"country": "Yemen"}, {"theme": "SANCTIONS"}):
                rows = q.tone(by="all", unit=unit, **filters)
                assert len(rows) == 1 and rows[0]["units"] > 0, (unit, filters)
                assert -100 <= rows[0]["tone"] <= 100 and rows[0]["words"] > 0
        sentences = q.tone(by="all", unit="sentence", theme="SANCTIONS")[0]
        articles = q.tone(by="all", unit="article", theme="SANCTIONS")[0]
        assert sentences["words"] < articles["words"]


def test_comentions_are_counted_by_period(db: Path) -> None:
    with Store(db) as store:
        q = Query(store)
        pairs = q.comentions(limit=500)
        assert pairs and all(r["sentences"] > 0 for r in pairs)
        wider = q.comentions(scope="paragraph", limit=500)
        assert len(wider) >= len(pairs)
        by_month = q.comentions(by="month", limit=500)
        assert {len(r["month"]) for r in by_month} == {7}
        first = pairs[0]
        both = q.comentions(actor=first["actor_a"], counterpart=first["actor_b"], limit=5)
        assert [(r["actor_a"], r["actor_b"]) for r in both] == [(first["actor_a"], first["actor_b"])]


def test_the_sample_page_carries_its_themes(db: Path, sample_id: str) -> None:
    with Store(db) as store:
        q = Query(store)
        found = {r["theme"] for r in q.article_themes(sample_id)}
        assert found >= SAMPLE_THEMES
        month = q.themes(by="month", article=sample_id, limit=100)
        assert {r["theme"] for r in month} >= SAMPLE_THEMES
        assert {r["month"] for r in month} == {"2017-07"}
        analysis = store.analysis(sample_id)
        assert analysis is not None and analysis.domain is not None and analysis.domain.label == "politics"
        assert q.tone(by="all", article=sample_id)[0]["units"] == 1


# -- the CLI and the GKG export --------------------------------------------------------------------


def test_cli_commands(db: Path) -> None:
    result = runner.invoke(app, ["themes", "--db", str(db), "--by", "all", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and {"all", "theme", "family", "domain", "mentions", "articles"} == set(rows[0])
    result = runner.invoke(app, ["tone", "--db", str(db), "--by", "year", "--actor", "Russia", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("year,units,tone,positive,negative")
    result = runner.invoke(app, ["comentions", "--db", str(db), "--limit", "3", "--json"])
    assert result.exit_code == 0 and len(result.output.splitlines()) == 3
    result = runner.invoke(app, ["themes", "--list", "--json"])
    assert result.exit_code == 0 and len(result.output.splitlines()) >= 60
    result = runner.invoke(app, ["themes", "--db", str(db), "--domain", "nope"])
    assert result.exit_code == 2 and "--domain 'nope' is not one of" in result.output


def _read_gkg(path: Path, header: bool) -> pd.DataFrame:
    options = {"sep": "\t", "dtype": str, "quoting": csv.QUOTE_NONE, "keep_default_na": False}
    if header:
        return pd.read_csv(path, **options)
    return pd.read_csv(path, header=None, names=list(GKG_COLUMNS), **options)


def test_gkg_export_round_trips_through_pandas(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:
        q = Query(store)
        articles = {a.id: a for a in store.articles(limit=100)}
        assert export(q, "events", "gkg", tmp_path / "plain.tsv") == len(articles)
        assert export(q, "articles", "gkg", tmp_path / "named.tsv", header=True) == len(articles)
        with pytest.raises(QueryError):
            export(q, "quotes", "gkg", tmp_path / "x.tsv")
        with pytest.raises(QueryError):
            export(q, "articles", "gkg", tmp_path / "x.tsv", quad=4)  # an event filter
    plain, named = _read_gkg(tmp_path / "plain.tsv", False), _read_gkg(tmp_path / "named.tsv", True)
    assert list(named.columns) == list(GKG_COLUMNS) and plain.shape == named.shape == (len(articles), 27)
    assert plain.equals(named)
    for _, row in named.iterrows():
        article = articles[row["V2EXTRASXML"].split("<NEWSGRAPH_ARTICLE_ID>")[1].split("<")[0]]
        assert row["V2.1DATE"].isdigit() and len(row["V2.1DATE"]) == 14
        assert row["GKGRECORDID"].startswith(row["V2.1DATE"] + "-")
        tone = row["V1.5TONE"].split(",")
        assert len(tone) == 7 and float(tone[0]) == pytest.approx(article.tone, abs=1e-3)
        assert row["V2GCAM"] == f"wc:{tone[6]}"
        for item in row["V2ENHANCEDTHEMES"].split(";"):
            theme, offset = item.split(",")
            assert row["V1THEMES"].split(";").count(theme) == 1 and 0 <= int(offset) < len(article.text)
        for loc in filter(None, row["V2ENHANCEDLOCATIONS"].split(";")):
            assert len(loc.split("#")) == 9
        for quote in filter(None, row["V2.1QUOTATIONS"].split("#")):
            offset, length, _verb, text = quote.split("|")
            quoted = article.text[int(offset) : int(offset) + int(length)]
            assert re.findall(r"\w+", quoted)[:3] == re.findall(r"\w+", text)[:3]
        assert row["V2SOURCECOLLECTIONIDENTIFIER"] in ("1", "2")
    assert (named["V1PERSONS"] != "").sum() >= len(articles) // 2
    assert (named["V1COUNTS"] != "").sum() >= 2  # the Skopje arrests, the Batken dead


def test_the_new_tables_export(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:
        q = Query(store)
        for table in ("tones", "theme_mentions", "domains", "comentions", "counts"):
            n = export(q, table, "csv", tmp_path / f"{table}.csv")
            assert n == store.stats()[table] > 0, table
        assert export(q, "comentions", "parquet", tmp_path / "c.parquet") == store.stats()["comentions"]
        assert export(q, "theme_mentions", "jsonl", tmp_path / "t.jsonl", theme="CEASEFIRE") > 0
    assert len(pd.read_parquet(tmp_path / "c.parquet")) == len(pd.read_csv(tmp_path / "comentions.csv"))
