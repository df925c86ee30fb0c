"""Formats we do not read say so by name; a lone sentence is an article."""

from __future__ import annotations

import pytest

from newsgraph.extract import ExtractError, extract
from newsgraph.extract.formats import unsupported_format
from newsgraph.sources.raw import RawDocument


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\r\n\r\n%PDF-1.4 after some junk", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "old Microsoft Office file"),
        (b"{\\rtf1\\ansi Hello}", "RTF"),
    ],
)
def test_unsupported_formats_are_named(content: bytes, named: str) -> None:
    for kind in ("text", "html"):
        with pytest.raises(ExtractError, match=f"{named}.* is not supported: convert it to text or HTML"):
            extract(RawDocument(uri="x", kind=kind, content=content))


def test_text_that_mentions_pdf_is_text() -> None:
    assert unsupported_format(b"The report (see %PDF-1 in the appendix) was published on Monday.") is None
    assert unsupported_format(b"<html><body>PK is a sign</body></html>") is None


@pytest.mark.parametrize(
    "text",
    [
        "Obama met Putin in Geneva on Tuesday.",
        '"We will meet again," Putin said.',
        "Did Obama meet Putin in Geneva?",
    ],
)
def test_a_lone_sentence_is_the_body(text: str) -> None:
    article = extract(RawDocument(uri="x", kind="text", content=text.encode()))
    assert article.text == text and article.paragraphs == [text] and article.title == ""


def test_a_lone_headline_is_still_no_article() -> None:
    with pytest.raises(ExtractError, match="no article text found"):
        extract(RawDocument(uri="x", kind="text", content=b"Summit talks in Geneva"))
