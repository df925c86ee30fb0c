"""The workbench over HTTP: every page and API answer on the demo store, security headers, bounded
paging, bound filters, downloads, read-only access, time limits, and serving during an ingest."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from tests.web.http import get
from tests.web.server import running

from newsgraph.export.gdelt import GDELT_COLUMNS
from newsgraph.knowledge import cameo
from newsgraph.query import Query
from newsgraph.records import Article, Event
from newsgraph.store import Store
from newsgraph.web.app import CSP


def _ids(db: Path) -> tuple[str, str]:
    with Store(db) as store:
        q = Query(store)
        busiest = q.busiest_actors(limit=1)[0][0].id
        article = max(store.articles(limit=100), key=lambda a: len(store.analysis(a.id).events)).id
    return article, busiest


def _pages(db: Path) -> list[str]:
    article, actor = _ids(db)
    return [
        "/",
        "/articles",
        f"/articles/{article}",
        f"/articles/{article[:8]}",
        "/actors",
        f"/actors/{quote(actor, safe='')}",
        "/events",
        "/events?quad=4&dyadic=true",
        "/events?actor=Russia",
        "/map",
        "/network",
        "/search?q=ceasefire",
        "/errors",
        "/api",
    ]


def _apis(db: Path) -> list[str]:
    article, actor = _ids(db)
    return [
        "/api/overview",
        "/api/articles?limit=3",
        f"/api/articles/{article}",
        "/api/actors?limit=5",
        f"/api/actors/{actor}",
        "/api/events?limit=5",
        "/api/events/count?quad=4",
        "/api/timeline",
        "/api/timeline?by=year&quad=1,2",
        "/api/network",
        "/api/map",
        "/api/search?q=ceasefire",
        "/api/errors",
        "/api/openapi.json",
    ]


def test_every_page_and_api_answers_with_the_security_headers(demo_url: str, demo_db: Path) -> None:
    for path in _pages(demo_db) + _apis(demo_db):
        reply = get(demo_url + path)
        assert reply.status == 200, (path, reply.text[:300])
        assert reply.headers["Content-Security-Policy"] == CSP
        assert "script-src 'self';" in CSP and "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
        assert reply.headers["X-Content-Type-Options"] == "nosniff"
        assert reply.headers["Server-Timing"].startswith("app;dur=")
        if path.startswith("/api/"):
            reply.json()
        else:
            # No inline script anywhere: every <script> loads a file of ours.
            html = reply.text
            assert html.count("<script") == html.count('<script src="/')


def test_the_pages_show_the_store(demo_url: str, demo_db: Path) -> None:
    with Store(demo_db) as store:
        counts = store.stats()
        q = Query(store)
        complete = q.quad_counts(dyadic=True)
        some = store.articles(limit=1)[0]
    overview = get(demo_url + "/api/overview").json()
    assert overview["articles"] == counts["articles"] and overview["events"] == counts["events"]
    assert overview["complete_events"] == complete
    home = get(demo_url + "/").text
    assert f"<b>{counts['articles']}</b> articles" in home
    assert some.title.replace("'", "&#39;").replace('"', "&#34;") in get(demo_url + "/articles").text
    profile = get(demo_url + f"/api/actors/{_ids(demo_db)[1]}").json()
    assert profile["actors"] and profile["timeline"] and "counterparts" in profile


def test_filters_are_validated_and_bound(demo_url: str) -> None:
    # An injection attempt is just a name that matches no actor: a clear 400, nothing else.
    reply = get(demo_url + "/api/events?actor=" + quote("x' OR 1=1 --"))
    assert reply.status == 400 and "matches no actor" in reply.json()["error"]
    page = get(demo_url + "/events?actor=" + quote("x' OR 1=1 --"))
    assert page.status == 400 and "matches no actor" in page.text and 'id="filters"' in page.text
    assert get(demo_url + "/api/events?quad=9").status == 400
    assert "not a filter" in get(demo_url + "/api/events?colour=red").json()["error"]
    assert get(demo_url + '/api/search?q="unterminated').status == 400
    assert get(demo_url + "/api/articles/zz").status == 400  # a prefix too short to look up
    assert get(demo_url + "/api/articles/ffffffffffff").status == 404
    assert get(demo_url + "/actors/nobody").status == 404


def test_page_sizes_are_bounded(demo_url: str) -> None:
    assert get(demo_url + "/api/events?limit=200").status == 200
    too_many = get(demo_url + "/api/events?limit=201")
    assert too_many.status == 400 and "from 1 to 200" in too_many.json()["error"]
    assert get(demo_url + "/api/events?offset=10001").status == 400
    assert get(demo_url + "/events?limit=100000").status == 400


def test_downloads_of_the_current_filter(demo_url: str, demo_db: Path) -> None:
    with Store(demo_db) as store:
        expected = Query(store).count_events(quad=4)
    assert expected
    reply = get(demo_url + "/events/download.csv?quad=4")
    assert reply.status == 200 and "attachment" in reply.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(reply.text)))
    assert len(rows) == expected and {r["quad_class"] for r in rows} == {"4"}
    lines = get(demo_url + "/events/download.jsonl?quad=4").text.splitlines()
    assert len(lines) == expected and all(json.loads(x)["quad_class"] == 4 for x in lines)
    tsv = get(demo_url + "/events/download.tsv?quad=4").text.splitlines()
    assert len(tsv) == expected + 1 and tsv[0].split("\t") == list(GDELT_COLUMNS)
    assert get(demo_url + "/events/download.csv?quad=banana").status == 400
    assert get(demo_url + "/events/download.xml").status == 404


def test_the_server_never_writes(demo_db: Path) -> None:
    before = hashlib.sha256(demo_db.read_bytes()).hexdigest()
    with running(demo_db) as url:
        for path in _pages(demo_db) + _apis(demo_db):
            assert get(url + path).status == 200
    assert hashlib.sha256(demo_db.read_bytes()).hexdigest() == before
    with Store.open_read_only(demo_db) as store, pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.connection.execute("DELETE FROM errors")


def _busy_store(path: Path, events: int = 40_000) -> Path:
    codes = [c for c in cameo.codebook().values() if len(c.code) >= 3]
    with Store(path) as store:
        store.bulk_add(
            "articles",
            [Article(id=f"a{i}", uri=f"u{i}", text="x", published="2020-01-01") for i in range(100)],
        )
        store.bulk_add(
            "events",
            (
                Event(
                    id=f"e{i}",
                    article_id=f"a{i % 100}",
                    start=0,
                    end=1,
                    evidence="x",
                    cameo_code=codes[i % len(codes)].code,
                    root_code=codes[i % len(codes)].root,
                    source_actor_id=f"s{i % 997}",
                    target_actor_id=f"t{i % 991}",
                    quad_class=1 + i % 4,
                    goldstein=1.0,
                    date=f"20{10 + i % 10}-0{1 + i % 9}-01",
                )
                for i in range(events)
            ),
        )
    return path


def test_a_slow_query_is_a_503_not_a_hang(tmp_path: Path) -> None:
    db = _busy_store(tmp_path / "busy.db")
    # A limit no real query of 40,000 events can meet: SQLite interrupts it at its first check.
    with running(db, timeout=0.0) as url:
        started = time.monotonic()
        # Partial records: scanned (the network of every complete event is read from kept counts).
        reply = get(url + "/api/network?partial=true")
        assert reply.status == 503 and "took longer than" in reply.json()["error"]
        page = get(url + "/events?dyadic=true")
        assert page.status == 503 and "narrow the filters" in page.text
        assert time.monotonic() - started < 10
        assert get(url + "/static/app.css").status == 200  # the server is still there


def test_it_keeps_serving_while_an_ingest_writes(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    db.write_bytes(demo_db.read_bytes())
    with running(db) as url:
        first = get(url + "/api/overview").json()["articles"]
        writer = Store(db)
        # Hold the write lock in an open transaction, as an ingest does while storing an article.
        writer.connection.execute("BEGIN IMMEDIATE")
        writer.connection.execute(
            "INSERT INTO articles (id, uri, text, title) VALUES ('live0001', 'live', 'Live text.', 'Live')"
        )
        try:
            started = time.monotonic()
            for path in ("/", "/api/overview", "/events", "/api/network"):
                assert get(url + path).status == 200
            assert time.monotonic() - started < 5
            assert get(url + "/api/overview").json()["articles"] == first  # uncommitted: not seen
        finally:
            writer.connection.execute("COMMIT")
        # Committed: the next page sees it (the cached figures are dropped when the store changes).
        assert get(url + "/api/overview").json()["articles"] == first + 1
        assert "Live" in get(url + "/articles").text
        writer.close()


def test_serve_binds_to_loopback_unless_told() -> None:
    import inspect

    from newsgraph.web import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_the_serve_command(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    runner = CliRunner()
    shown = runner.invoke(app, ["serve", "--help"])
    assert shown.exit_code == 0 and "127.0.0.1" in shown.output and "--port" in shown.output
    missing = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no database" in missing.output
