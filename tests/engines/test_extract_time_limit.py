"""A document whose extraction runs past ``max_extract_seconds`` costs its own limit: it is recorded
as failed at stage ``extract`` with the limit as its reason, and the documents after it are stored."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from newsgraph.engines.local import ingest
from newsgraph.extract import article as article_module
from newsgraph.store import Store

STALL = "<!-- stall -->"
STORIES = {
    "a.html": "The foreign minister met the president in Paris on Monday to discuss the border talks.",
    "b.html": STALL + "The defence minister visited troops in the north on Tuesday after the floods.",
    "c.html": "The central bank raised interest rates on Wednesday, citing rising food prices.",
}


def test_a_stalled_extraction_is_recorded_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = article_module.extract_html

    def extract_html(html: str, url: str | None = None) -> Any:
        if STALL in html:  # spins in Python, as a pathological page does inside trafilatura
            started = time.monotonic()
            while time.monotonic() - started < 60:
                pass
        return real(html, url=url)

    monkeypatch.setattr(article_module, "extract_html", extract_html)
    monkeypatch.setenv("NEWSGRAPH_MAX_EXTRACT_SECONDS", "1")
    folder = tmp_path / "in"
    folder.mkdir()
    for name, story in STORIES.items():
        body = f"<p>{story}</p>" * 3
        (folder / name).write_text(f"<html><body><article>{body}</article></body></html>", "utf-8")
    told: list[tuple[str, str]] = []
    started = time.monotonic()
    with Store(tmp_path / "t.db") as store:
        report = ingest([str(folder)], store, on_document=lambda uri, what: told.append((uri, what)))
        errors = store.errors(limit=10)
        stored = sorted(Path(a.uri).name for a in store.articles(limit=10))
    assert time.monotonic() - started < 50  # the stalled page was cut at its limit, not run out
    reason = "time limit of 1 s per document reached (setting max_extract_seconds)"
    assert [(Path(uri).name, what) for uri, what in told] == [
        ("a.html", "added"),
        ("b.html", f"failed (extract): {reason}"),
        ("c.html", "added"),
    ]
    assert stored == ["a.html", "c.html"]
    assert report.failed == 1
    (error,) = errors
    assert Path(error.uri).name == "b.html"
    assert error.stage == "extract"
    assert error.reason == reason
