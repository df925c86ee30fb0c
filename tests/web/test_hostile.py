"""Articles are hostile input: script tags, event handlers, javascript: links and </textarea> in the
title, body, quotes, speakers, actor names and metadata must show as text and never run."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

from tests.web import hostile
from tests.web.conftest import Watched
from tests.web.http import get

from newsgraph.store import Store


def _pages(db: Path, article: str) -> list[str]:
    with Store(db) as store:
        actors = [a.id for a in store.analysis(article).actors]
    return [
        "/",
        "/articles",
        f"/articles/{article}",
        *(f"/actors/{quote(a, safe='')}" for a in actors),
        "/actors",
        "/events",
        "/map",
        "/network",
        "/search?q=textarea",
        "/search?q=" + quote("script"),
        "/errors",
    ]


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's parser would find them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_the_html_carries_the_payloads_escaped(hostile_url: str, hostile_db: tuple[Path, str]) -> None:
    db, article = hostile_db
    for path in _pages(db, article):
        html = get(hostile_url + path).text
        for payload in hostile.PAYLOADS:
            assert payload not in html, (path, payload)
        tags = Elements(html).tags
        assert not [t for t, _ in tags if t in ("img", "svg", "iframe", "textarea", "object", "embed")], path
        assert not [(t, a) for t, a in tags for name in a if name.startswith("on")], path
        assert all(a.get("src", "").startswith(("/static/", "/vendor/")) for t, a in tags if t == "script"), (
            path
        )
        hrefs = [a.get("href") or "" for t, a in tags if t == "a"]
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))], path
    reader = get(hostile_url + f"/articles/{article}").text
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in reader
    assert 'href="javascript:' not in reader


def test_nothing_runs_and_the_text_shows_literally(
    page: Watched, hostile_url: str, hostile_db: tuple[Path, str]
) -> None:
    db, article = hostile_db
    p = page.page
    for path in _pages(db, article):
        p.goto(hostile_url + path)
        p.wait_for_load_state("load")
        # Give charts and injected handlers (onerror, onload, autofocus) time to fire, if they could.
        p.wait_for_timeout(250)
        for element in p.locator("main span[title], main td, main li").all()[:40]:
            element.hover(timeout=2000, force=True)
        assert p.evaluate("() => window.__pwned") is None, path
        injected = p.locator(
            "main img, main svg, main iframe, main textarea, [onerror], [onload], [onmouseover]"
        )
        assert injected.count() == 0, path
        assert p.locator('a[href^="javascript:"]').count() == 0, path
        scripts = p.evaluate("() => Array.from(document.scripts).map(s => s.getAttribute('src'))")
        assert all(src and src.startswith(("/static/", "/vendor/")) for src in scripts), (path, scripts)
    p.goto(hostile_url + f"/articles/{article}")
    assert hostile.TITLE in p.inner_text("#title")
    body = p.inner_text("#text")
    for payload in (hostile.SCRIPT, hostile.IMG, hostile.LINK, hostile.TEXTAREA):
        assert payload in body
    p.locator(".event-item").first.click()
    assert p.locator(".seg.evidence").count() > 0
    meta = p.inner_text("#meta")
    assert "javascript:window.__pwned=7" in meta and f"Caption {hostile.SCRIPT}" in meta
    page.shot("hostile-reader")
    assert not page.dialogs, page.dialogs
    assert not page.errors, page.errors
