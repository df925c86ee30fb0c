"""The workbench in a real browser: Debian's Chromium, headless, driven by Playwright.

Every page opens on the demo store and on a store of the shared sample page without a console
error; an event's evidence sentence lights up when clicked; the explorer filters and downloads; an
actor opens from the reader; the map pans. Screenshots land in test-artifacts/.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import quote

from tests.web.conftest import Watched

from newsgraph.query import Query
from newsgraph.store import Store

CHARTS = {"/events": ["#timeline"], "/network": ["#network"], "/map": ["#map"]}


def _article_with_events(db: Path) -> str:
    with Store(db) as store:
        return max(store.articles(limit=100), key=lambda a: len(store.analysis(a.id).events)).id


def _busiest(db: Path) -> str:
    with Store(db) as store:
        return Query(store).busiest_actors(limit=1)[0][0].id


def _drawn(w: Watched, selector: str) -> str:
    w.page.wait_for_function(
        "s => document.querySelector(s) && document.querySelector(s).dataset.state", arg=selector
    )
    return w.page.get_attribute(selector, "data-state")


def _visit_all(w: Watched, base: str, db: Path, prefix: str) -> None:
    actor = _busiest(db)
    pages = {
        "home": "/",
        "articles": "/articles",
        "reader": f"/articles/{_article_with_events(db)}",
        "actors": "/actors",
        "actor": f"/actors/{quote(actor, safe='')}",
        "events": "/events",
        "map": "/map",
        "network": "/network",
        "search": "/search?q=president",
        "errors": "/errors",
        "api": "/api",
    }
    for name, path in pages.items():
        response = w.page.goto(base + path)
        assert response is not None and response.status == 200, path
        assert w.page.locator("main h1").count() == 1, path
        for selector in CHARTS.get(path, []) + (["#timeline", "#counterparts"] if name == "actor" else []):
            assert _drawn(w, selector) in ("drawn", "empty"), (path, selector)
        w.shot(f"{prefix}-{name}")
    assert not w.errors, w.errors


def test_every_page_on_the_demo_store(page: Watched, demo_url: str, demo_db: Path) -> None:
    _visit_all(page, demo_url, demo_db, "demo")
    # The charts drew real data, not their empty state.
    for path, selector in (("/events", "#timeline"), ("/network", "#network"), ("/map", "#map")):
        page.page.goto(demo_url + path)
        assert _drawn(page, selector) == "drawn", path


def test_every_page_on_the_sample_page_store(page: Watched, sample_url: str, sample_db: Path) -> None:
    _visit_all(page, sample_url, sample_db, "sample")
    page.page.goto(sample_url + f"/articles/{_article_with_events(sample_db)}")
    assert "Putin" in page.page.inner_text("#text")
    assert page.page.locator(".seg.m-actor").count() > 0


def test_clicking_an_event_highlights_its_evidence_and_says_why(
    page: Watched, demo_url: str, demo_db: Path
) -> None:
    article = _article_with_events(demo_db)
    with Store(demo_db) as store:
        events = store.analysis(article).events
    p = page.page
    p.goto(demo_url + f"/articles/{article}")
    assert p.locator(".seg.evidence").count() == 0
    for index in (0, len(events) - 1):
        # On its code, not its centre: the dyad line in the middle links to the actors' pages.
        p.locator(f'.event-item[data-event="{index}"] .code').click()
        lit = p.locator(".seg.evidence")
        assert lit.count() > 0
        shown = "".join(lit.all_inner_texts())
        assert " ".join(shown.split()) == " ".join(events[index].evidence.split())
        why = p.locator(f"#why-{index}")
        assert why.is_visible() and events[index].cameo_code in why.inner_text()
        assert (events[index].rule or "—") in why.inner_text()
        assert p.locator(".why:visible").count() == 1
    page.shot("reader-event-clicked")
    assert not page.errors, page.errors


def test_an_actor_opens_from_the_reader(page: Watched, demo_url: str, demo_db: Path) -> None:
    p = page.page
    p.goto(demo_url + f"/articles/{_article_with_events(demo_db)}")
    mention = p.locator(".seg.m-actor a").first
    hover = mention.locator("xpath=..").get_attribute("title")
    assert hover and "(" in hover  # resolved name, kind and code
    mention.click()
    p.wait_for_url(re.compile(r"/actors/"))
    assert hover.split(" (")[0] == p.inner_text("#actor-name")
    assert _drawn(page, "#timeline") in ("drawn", "empty") and _drawn(page, "#counterparts") in (
        "drawn",
        "empty",
    )
    page.shot("actor-from-reader")
    assert not page.errors, page.errors


def test_the_explorer_filters_and_downloads_csv(page: Watched, demo_url: str, demo_db: Path) -> None:
    with Store(demo_db) as store:
        expected = Query(store).count_events(quad=[3, 4])  # complete events: the default
    p = page.page
    p.goto(demo_url + "/events")
    everything = int(p.inner_text("#total").replace(",", ""))
    p.check('input[name="quad"][value="3"]')
    p.check('input[name="quad"][value="4"]')
    p.click("#filters button[type=submit]")
    p.wait_for_url(re.compile(r"quad=3"))
    assert int(p.inner_text("#total").replace(",", "")) == expected < everything
    assert p.is_checked('input[name="quad"][value="4"]')  # the form keeps the filter
    assert _drawn(page, "#timeline") == "drawn"
    quads = {int(x) for x in p.locator("table.events tbody td:nth-child(5)").all_inner_texts()}
    assert quads <= {3, 4}
    with p.expect_download() as info:
        p.click("#dl-csv")
    download = info.value
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert download.suggested_filename == "events.csv"
    assert len(rows) == expected and {r["quad_class"] for r in rows} <= {"3", "4"}
    page.shot("explorer-filtered")
    # A bad value: the page says what is wrong and keeps the form.
    p.goto(demo_url + "/events?actor=" + quote("Nobody At All"))
    assert "matches no actor" in p.inner_text("#error")
    assert not [e for e in page.errors if "400" not in e], page.errors


def test_the_map_pans_and_lists_a_points_events(page: Watched, demo_url: str) -> None:
    p = page.page
    p.goto(demo_url + "/map")
    assert _drawn(page, "#map") == "drawn"
    assert int(p.get_attribute("#map", "data-points")) > 0
    before = p.get_attribute("#map", "data-center")
    box = p.locator("#map").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    p.mouse.move(x, y)
    p.mouse.down()
    p.mouse.move(x + 150, y + 60, steps=8)
    p.mouse.up()
    p.wait_for_function("b => document.querySelector('#map').dataset.center !== b", arg=before)
    page.shot("map-panned")
    # Click the busiest event place: its events are listed below the map.
    point = p.evaluate(
        """() => {
            const chart = echarts.getInstanceByDom(document.getElementById('map'));
            const first = chart.getOption().series[0].data[0];
            const [px, py] = chart.convertToPixel({ geoIndex: 0 }, first.value.slice(0, 2));
            return { x: px, y: py, name: first.name };
        }"""
    )
    box = p.locator("#map").bounding_box()
    p.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    p.wait_for_function("() => document.querySelectorAll('#point-events li').length > 0")
    assert p.inner_text("#point-title").startswith(point["name"])
    assert not page.errors, page.errors
