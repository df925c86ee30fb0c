"""A second body extractor (readability-lxml) for pages trafilatura misreads.

readability scores containers by their text and comma density rather than trafilatura's
element rules, so it fails on different pages: it is used as a witness when trafilatura's
precise and default passes disagree about how much article there is, and as the extractor
of last resort when both come back (nearly) empty.
"""

from __future__ import annotations

import logging

import lxml.html
from lxml.etree import ParserError
from readability import Document
from readability.readability import Unparseable

# Elements whose end is a line break in the text a reader sees.
BLOCK_TAGS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "pre", "div", "td", "th",
    "dd", "dt", "br", "figcaption", "section", "article", "table", "ul", "ol",
}  # fmt: skip

logging.getLogger("readability.readability").setLevel(logging.ERROR)


def readability_paragraphs(html: str) -> list[str]:
    """Paragraphs of readability's main-content summary ([] when it finds none)."""
    try:
        summary = Document(html).summary(html_partial=True)
        tree = lxml.html.fromstring(summary)
    except (Unparseable, ParserError, ValueError, TypeError):
        return []
    for node in tree.iter():
        if isinstance(node.tag, str) and node.tag in BLOCK_TAGS:
            node.text = "\n" + (node.text or "")
            node.tail = "\n" + (node.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
    return [line for line in lines if line]
