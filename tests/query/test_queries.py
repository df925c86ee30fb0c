"""The query layer on a real SQLite file filled through Store.add_analysis."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.query.builder import ACTORS, article_id, build_store

from newsgraph.query import Query, QueryError
from newsgraph.store import Store


@pytest.fixture(scope="module")
def q(tmp_path_factory: pytest.TempPathFactory) -> Query:
    path = build_store(tmp_path_factory.mktemp("query") / "q.db")
    store = Store(path)
    yield Query(store)
    store.close()


def _dyad(e) -> tuple[str, str]:
    return e.source_actor_id, e.target_actor_id


def test_actor_by_surname_alias_and_full_name(q: Query) -> None:
    for name in ("Putin", "Vladimir Putin", "vladimir putin"):
        found = q.events(actor=name)
        assert len(found) == 4, name
        assert all("act-putin" in _dyad(e) for e in found)
    # Newest first by default, ties by write order.
    assert [e.date for e in q.events(actor="Putin")] == ["2017-07-07"] * 3 + ["2016-12-16"]
    assert q.events(actor="Putin", sort="date")[0].date == "2016-12-16"


def test_country_stands_for_everyone_coded_with_it(q: Query) -> None:
    # "Russia" = the CAMEO prefix RUS: Russia itself, Putin (RUSGOV), Lavrov (RUSGOV).
    russia = q.events(actor="Russia")
    assert {"act-putin", "act-lavrov", "act-rus"} <= {x for e in russia for x in _dyad(e)}
    assert q.events(actor="RUS") == russia
    # The analyst's question: Russia and the US, to each other, in 2017.
    dyad = q.events(actor="Russia", counterpart="United States", since="2017", until="2017")
    assert len(dyad) == 9
    for e in dyad:
        codes = {e.source_code[:3], e.target_code[:3]}
        assert codes == {"RUS", "USA"} and e.date.startswith("2017")
    directed = q.events(source="USA", target="Russia", since="2017")
    assert all(e.source_code.startswith("USA") and e.target_code.startswith("RUS") for e in directed)
    assert len(directed) == 5


def test_event_filters_combine(q: Query) -> None:
    assert {e.cameo_code for e in q.events(cameo="16")} == {"163", "1663"}
    assert {e.cameo_code for e in q.events(cameo="163")} == {"163"}
    assert all(e.quad_class == 4 for e in q.events(quad="material-conflict"))
    assert {e.plover_type for e in q.events(plover="SANCTION")} == {"SANCTION"}
    assert [e.modality for e in q.events(modality="negated")] == ["negated"]
    # Which events happened in Syria: the country means every place in it (Daraa too).
    in_syria = q.events(place="Syria")
    assert {e.place_id for e in in_syria} == {"SYR", "170903"}
    assert q.events(country="SYR") == in_syria
    assert {e.place_id for e in q.events(place="Daraa")} == {"170903"}
    assert len(q.events(site="eu.example")) == 2
    # Typed as a host with "www.", or as a URL: the stored site is matched all the same.
    assert (
        q.events(site="www.eu.example")
        == q.events(site="https://www.EU.example/story")
        == q.events(site="eu.example")
    )
    assert len(q.articles(site="www.eu.example")) == len(q.articles(site="eu.example")) > 0
    assert q.events(site="eu.example", quad=3)[0].cameo_code == "112"
    assert len(q.events(text="ceasefire")) == 4  # articles mentioning it: the truce and Amman
    assert q.events(source_country="Russia", target_country="USA", quad=3, limit=1)[0].date == "2017-08-02"
    assert q.events(actor="Trump", cameo="04", place="Hamburg")[0].evidence.startswith("Donald Trump met")
    assert len(q.events(limit=3)) == 3 and q.events(limit=3, offset=2)[0] == q.events(limit=5)[2]
    assert q.count_events(actor="Russia") == len(q.events(actor="Russia", limit=1000))


def test_unknown_names_are_errors(q: Query) -> None:
    with pytest.raises(QueryError, match="matches no actor"):
        q.events(actor="Nobody In Particular")
    with pytest.raises(QueryError, match="matches no stored place"):
        q.events(place="Atlantis City")


def test_filter_values_are_parameters_not_sql(q: Query) -> None:
    nasty = "x'); DROP TABLE events; --"
    with pytest.raises(QueryError):
        q.events(actor=nasty)
    assert q.events(site=nasty) == []
    assert q.articles(site=nasty) == []
    assert len(q.events(limit=100)) == 16  # nothing was dropped


def test_timelines_split_by_quad_class(q: Query) -> None:
    months = q.timeline(actor="Russia", counterpart="USA")
    assert months[0]["month"] == "2016-12" and months[-1]["month"] == "2017-08"
    assert len(months) == 9  # gaps filled with zero months
    july = next(m for m in months if m["month"] == "2017-07")
    assert july["verbal_cooperation"] == 3 and july["material_cooperation"] == 2
    assert july["verbal_conflict"] == 1 and july["total"] == 6
    assert sum(m["total"] for m in months) == q.count_events(actor="Russia", counterpart="USA")
    lavrov = q.timeline(actor="Lavrov")
    assert [(m["month"], m["verbal_conflict"]) for m in lavrov] == [("2016-12", 1), ("2017-01", 1)]


def test_counterparts_network_countries_top_actors(q: Query) -> None:
    cps = q.counterparts("Russia")
    assert cps[0]["name"] == "United States" and cps[0]["events"] == 8
    assert cps[0]["outgoing"] + cps[0]["incoming"] == 8
    abe = next(c for c in cps if c["name"] == "Shinzo Abe")
    assert abe["mean_goldstein"] == 7.0 and abe["outgoing"] == 1
    pairs = {(p["source_name"], p["target_name"]): p for p in q.network()}
    assert pairs[("European Union", "Syria")]["events"] == 2
    assert pairs[("European Union", "Syria")]["mean_goldstein"] == -5.0
    by_place = {r["country"]: r["events"] for r in q.events_per_country()}
    assert by_place == {"SYR": 5, "DEU": 3, "RUS": 3, "USA": 3, "JOR": 1}
    by_source = {r["country"]: r["events"] for r in q.events_per_country(by="source")}
    assert by_source["RUS"] == 6 and by_source["USA"] == 7
    top = q.top_actors(limit=2)
    assert [t["name"] for t in top] == ["United States", "Russia"]
    assert q.top_actors(since="2017-07", until="2017-07", limit=1)[0]["events"] == 3


def test_actor_profile(q: Query) -> None:
    p = q.actor("Lavrov")
    assert p.actors[0].name == "Sergei Lavrov" and p.actors[0].aliases == ["Lavrov"]
    assert p.counts == {
        "mentions": 3,
        "articles": 2,
        "quotes": 2,
        "events_as_source": 2,
        "events_as_target": 0,
    }
    assert p.counterparts[0]["name"] == "United States"
    assert [x.text[:12] for x in p.quotes] == ['"This cannot', '"We will res']
    country = q.actor("Russia")
    assert country.code == "RUS" and {a.name for a in country.actors} >= {"Russia", "Vladimir Putin"}


def test_listings_of_actors_quotes_places_articles(q: Query) -> None:
    people = q.actors(kind="person", country="RUS")
    assert {a.name for a, *_ in people} == {"Vladimir Putin", "Sergei Lavrov"}
    assert [a.name for a, *_ in q.actors(sort="name", limit=2)] == ["Bashar al-Assad", "Donald Trump"]
    assert {x.speaker for x in q.quotes(actor="Lavrov")} == {"Sergei Lavrov"}
    assert [x.kind for x in q.quotes(kind="indirect")] == ["indirect"]
    assert len(q.quotes(since="2017-07", until="2017-07")) == 1
    places = q.places(country="SYR")
    assert {p.name for p, *_ in places} == {"Syria", "Daraa"}
    assert q.places(place="Hamburg")[0][2] == 3  # three events there
    assert [a.title for a in q.articles(language="ru")] == ["Лавров о санкциях"]
    assert {a.id for a in q.articles(actor="Assad")} == {article_id("amman")}
    assert len(q.articles(country="SYR")) == 4
    assert [a.published for a in q.articles(sort="published", limit=2)] == ["2016-12-16", "2016-12-29"]


def test_full_text_search_ranked_with_snippets(q: Query) -> None:
    hits = q.search("sanctions")
    assert len(hits) == 3
    assert all("**sanctions**" in h.snippet for h in hits)
    assert hits[0].score <= hits[-1].score  # bm25: lower is better
    assert hits[0].title in {"EU extends Syria sanctions", "Trump signs Russia sanctions bill"}
    assert [h.site for h in q.search("sanctions", site="eu.example")] == ["eu.example"]
    assert len(q.search("sanction")) == 3  # porter stemming
    assert [h.title for h in q.search('"robust conversation"')] == ["Trump and Putin meet in Hamburg"]
    assert q.search("лавров")[0].site == "ru.example"  # case folded beyond ASCII
    assert q.search("U.S.") == [] or q.search("U.S.")  # punctuation is not syntax
    with pytest.raises(QueryError, match="bad search text"):
        q.search('"unbalanced')


def test_fts_index_follows_deletes_and_vacuum(tmp_path: Path) -> None:
    path = build_store(tmp_path / "v.db")
    with Store(path) as store:
        conn = store.connection
        conn.execute('DELETE FROM "articles" WHERE "id" = ?', (article_id("eu-syria"),))
        conn.execute("VACUUM")
        q = Query(store)
        assert {h.site for h in q.search("sanctions")} == {"wire.example"}
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('no-such-command')")


def test_actor_names_follow_registry_merges(tmp_path: Path) -> None:
    path = build_store(tmp_path / "m.db")
    from newsgraph.records import Analysis, Article

    with Store(path) as store:
        merged = ACTORS["abe"].__class__(**{**ACTORS["abe"].__dict__, "aliases": ["Abe", "Abe Shinzo"]})
        article = Article(id="extra", uri="test://extra", text="Abe Shinzo spoke.")
        store.add_analysis(Analysis(article=article, actors=[merged]))
        assert Query(store).events(actor="abe shinzo")[0].target_actor_id == "act-abe"


def test_kept_monthly_counts_agree_with_a_scan(q: Query, tmp_path: Path) -> None:
    from newsgraph.store import queries
    from newsgraph.store.queries import Criteria, Side

    conn = q.store.connection
    sides = [Side(ids=(a.id,)) for a in ACTORS.values()] + [
        Side(code=cc) for cc in ("RUS", "USA", "SYR", "IGO")
    ]
    for side in sides:
        for since, until in (("", ""), ("2017", "2018"), ("2017-02", "2017-08")):
            # What the counts hold: every record (mention), partial ones too.
            c = Criteria(actor=side, since=since, until=until, partial=True, mentions=True)
            assert queries._timeline_from_counts(conn, c) == queries.timeline_scan(conn, c), (side, since)
    # Deleting an article takes its events out of the counts.
    path = build_store(tmp_path / "d.db")
    with Store(path) as store:
        store.connection.execute('DELETE FROM "articles" WHERE "id" = ?', (article_id("hamburg-meeting"),))
        c = Criteria(actor=Side(ids=("act-putin",)), partial=True, mentions=True)
        assert queries.timeline(store.connection, c) == queries.timeline_scan(store.connection, c)
        assert queries.timeline(store.connection, c) == [("2016-12", 1, 1)]
