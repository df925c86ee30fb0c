"""Stores and servers the web tests share, built once per session; the browser is Debian's Chromium.

Playwright drives /usr/bin/chromium (``make test`` installs it from apt when missing); no browser is
ever downloaded. Screenshots go to test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from tests.paths import EXAMPLES, REPO, SAMPLE_PAGE
from tests.web import hostile
from tests.web.server import running

from newsgraph.engines.local import ingest
from newsgraph.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _ingest(paths: list[str], db: Path) -> Path:
    with Store(db) as store:
        report = ingest(paths, store)
    assert report.added, f"nothing ingested from {paths}"
    return db


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _ingest([str(EXAMPLES)], tmp_path_factory.mktemp("web") / "demo.db")


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SAMPLE_PAGE.exists():
        pytest.skip("../shared not present: the shared sample page is evaluation data beside the repo")
    return _ingest([str(SAMPLE_PAGE)], tmp_path_factory.mktemp("web") / "sample.db")


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db = tmp_path_factory.mktemp("web") / "hostile.db"
    return db, hostile.build(db)


@pytest.fixture(scope="session")
def demo_url(demo_db: Path) -> Iterator[str]:
    with running(demo_db) as url:
        yield url


@pytest.fixture(scope="session")
def sample_url(sample_db: Path) -> Iterator[str]:
    with running(sample_db) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_url(hostile_db: tuple[Path, str]) -> Iterator[str]:
    with running(hostile_db[0]) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make test installs it: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@dataclass
class Watched:
    """A page and what it reported: console errors, uncaught exceptions, dialogs opened."""

    page: Any
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def api(self, url: str) -> Any:
        """GET JSON through the page's own context (same origin, same cookies)."""
        response = self.page.request.get(url)
        assert response.ok, f"{url}: {response.status} {response.text()[:200]}"
        return json.loads(response.text())


@pytest.fixture
def page(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    watched = Watched(context.new_page())
    watched.page.on("console", lambda m: m.type == "error" and watched.errors.append(m.text))
    watched.page.on("pageerror", lambda e: watched.errors.append(f"uncaught: {e}"))

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    watched.page.on("dialog", on_dialog)
    yield watched
    context.close()
