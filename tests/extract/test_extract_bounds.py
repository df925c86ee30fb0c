"""The extraction stage's bounds: a document over ``max_extract_bytes`` is refused with that
reason (extraction costs about 10 s per MB of text-dense page), one that runs past
``max_extract_seconds`` is interrupted and refused with that reason; the next one is extracted."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from newsgraph.extract import BatchExtractor, ExtractError
from newsgraph.extract import article as article_module
from newsgraph.extract.article import extract
from newsgraph.sources import RawDocument

PARAGRAPH = "<p>The foreign minister met the president in Paris on Monday to discuss the border talks.</p>"
PAGE = f"<html><body><article>{PARAGRAPH * 3}</article></body></html>"


def test_a_document_over_the_bound_is_an_extract_error_with_the_reason() -> None:
    raw = RawDocument(uri="big.html", kind="html", content=PAGE.encode())
    with pytest.raises(ExtractError) as caught:
        extract(raw, max_bytes=len(PAGE) - 1)
    assert caught.value.stage == "extract"
    assert caught.value.reason == (
        f"too large to extract: {len(PAGE)} bytes > {len(PAGE) - 1} (setting max_extract_bytes)"
    )
    assert "minister" in extract(raw, max_bytes=len(PAGE)).text  # at the bound: extracted


def test_the_batch_extractor_reads_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_MAX_EXTRACT_BYTES", "200")
    extractor = BatchExtractor()
    big = RawDocument(uri="a.txt", kind="text", content=b"The minister spoke. " * 20)
    with pytest.raises(ExtractError, match="too large to extract: 400 bytes > 200"):
        extractor.extract(big)
    small = RawDocument(uri="b.txt", kind="text", content=b"The minister met the president on Monday.")
    assert "minister" in extractor.extract(small).text


def _stalling(real: Callable[..., Any]) -> Callable[..., Any]:
    """`extract_html`, except that a page holding STALL spins in Python for up to 30 s first (what
    a pathological page does inside trafilatura or the fallback parser)."""

    def extract_html(html: str, url: str | None = None) -> Any:
        if STALL in html:
            started = time.monotonic()
            while time.monotonic() - started < 30:
                pass
        return real(html, url=url)

    return extract_html


STALL = "<!-- stall -->"


def test_a_document_over_the_time_limit_is_an_extract_error_and_the_next_is_extracted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(article_module, "extract_html", _stalling(article_module.extract_html))
    slow = RawDocument(uri="slow.html", kind="html", content=(STALL + PAGE).encode())
    started = time.monotonic()
    with pytest.raises(ExtractError) as caught:
        extract(slow, max_seconds=0.3)
    assert time.monotonic() - started < 20  # interrupted, not run to its end
    assert caught.value.stage == "extract"
    assert caught.value.reason == "time limit of 0.3 s per document reached (setting max_extract_seconds)"
    fine = RawDocument(uri="fine.html", kind="html", content=PAGE.encode())
    assert "minister" in extract(fine, max_seconds=0.3).text


def test_the_batch_extractor_reads_the_time_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_MAX_EXTRACT_SECONDS", "1")
    monkeypatch.setattr(article_module, "extract_html", _stalling(article_module.extract_html))
    extractor = BatchExtractor()
    slow = RawDocument(uri="slow.html", kind="html", content=(STALL + PAGE).encode())
    with pytest.raises(ExtractError, match=r"time limit of 1 s per document reached"):
        extractor.extract(slow)
    assert "minister" in extractor.extract(RawDocument(uri="b.html", kind="html", content=PAGE.encode())).text
