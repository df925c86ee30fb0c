"""The extraction stage's size bound: a document over ``max_extract_bytes`` is refused with that
reason (extraction costs about 10 s per MB of text-dense page), the next one is extracted."""

from __future__ import annotations

import pytest

from newsgraph.extract import BatchExtractor, ExtractError
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
