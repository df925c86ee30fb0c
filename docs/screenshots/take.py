"""Take the README's screenshots of the workbench on the demo store (Debian's Chromium, headless).

    make demo && .venv/bin/python docs/screenshots/take.py demo.db
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.web.conftest import LAUNCH_ARGS  # noqa: E402
from tests.web.server import running  # noqa: E402


def main(db: Path) -> None:
    out = Path(__file__).resolve().parent
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        article = con.execute("SELECT article_id FROM events GROUP BY 1 ORDER BY count(*) DESC").fetchone()[0]
        actor = con.execute(
            "SELECT actor_id FROM actor_months GROUP BY 1 ORDER BY sum(n) DESC, actor_id"
        ).fetchone()[0]
    with running(db) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 760})
        page.goto(f"{base}/articles/{article}")
        page.locator('.event-item[data-event="2"]').click()
        page.wait_for_timeout(800)
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(out / "reader.png"))
        page.goto(f"{base}/actors/{actor}")
        page.wait_for_selector("#counterparts[data-state]")
        page.evaluate("() => document.getElementById('actor-charts').scrollIntoView()")
        page.screenshot(path=str(out / "actor.png"))
        page.goto(f"{base}/events?quad=3&quad=4")
        page.wait_for_selector("#timeline[data-state]")
        page.evaluate("() => document.getElementById('summary').scrollIntoView()")
        page.screenshot(path=str(out / "explorer.png"))
        page.goto(f"{base}/map")
        page.wait_for_selector("#map[data-state]")
        page.evaluate("() => document.getElementById('map').scrollIntoView()")
        page.screenshot(path=str(out / "map.png"))
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "demo.db"))
