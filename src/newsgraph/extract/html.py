"""HTML pages: trafilatura for the body and metadata, lxml for what it leaves out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml.etree import ParserError

from newsgraph.extract.textscrape import chrome_cue

# Below this many characters a precision-first extraction probably missed the
# article (a short page, unusual markup): retry favouring recall.
MIN_BODY_CHARS = 250
MIN_BODY_WORDS = 12
BYLINE = re.compile(r"^(by|von|par|por)\s+\S", re.I)


@dataclass
class HtmlExtraction:
    title: str
    paragraphs: list[str]
    extractor: str
    authors: list[str] = field(default_factory=list)
    site: str = ""
    url: str = ""
    published: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    language: str = ""


def extract_html(html: str, *, url: str | None = None) -> HtmlExtraction | None:
    """The article in a page, or None when no article text is found."""
    doc = _run(html, url, favor_precision=True)
    extractor = "trafilatura:precision"
    if doc is None or len(doc.text or "") < MIN_BODY_CHARS:
        recall = _run(html, url, favor_recall=True)
        if recall is not None and len(recall.text or "") > len((doc.text if doc else "") or ""):
            doc, extractor = recall, "trafilatura:recall"
    if doc is None or not (doc.text or "").strip():
        return None
    title = (doc.title or "").strip()
    paragraphs = _paragraphs(doc.text or "", title, doc.author or "")
    if sum(len(p.split()) for p in paragraphs) < MIN_BODY_WORDS:
        return None  # a menu or a teaser, not an article
    return HtmlExtraction(
        title=title,
        paragraphs=paragraphs,
        extractor=extractor,
        authors=split_authors(doc.author or ""),
        site=(doc.sitename or doc.hostname or "").strip(),
        url=(doc.url or url or "").strip(),
        published=(doc.date or "").strip(),
        description=(doc.description or "").strip(),
        tags=_unique([*(doc.categories or []), *(doc.tags or [])]),
        captions=figure_captions(html),
        language=(doc.language or "").strip(),
    )


def _run(html: str, url: str | None, **mode: bool) -> trafilatura.settings.Document | None:
    return trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        **mode,
    )


def _paragraphs(text: str, title: str, author: str) -> list[str]:
    """Body lines, minus a repeated headline and byline lines at the top, and minus
    chrome that sits inside the article container (ad slots, "Read more:" links)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    while lines and (_same(lines[0], title) or _is_byline(lines[0], author)):
        lines.pop(0)
    return [line for line in lines if chrome_cue(line) is None]


def _same(a: str, b: str) -> bool:
    return bool(b) and a.casefold().strip(" .") == b.casefold().strip(" .")


def _is_byline(line: str, author: str) -> bool:
    if len(line.split()) > 12:
        return False
    return bool(BYLINE.match(line)) or (bool(author) and line.strip() == author.strip())


def split_authors(raw: str) -> list[str]:
    parts = re.split(r"\s*(?:;|\band\b|&|,)\s*", raw)
    return _unique(p.strip() for p in parts if p.strip())


def figure_captions(html: str) -> list[str]:
    """Photo captions, which precision-first extraction rightly keeps out of the body."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return []
    captions = (" ".join(node.text_content().split()) for node in tree.iter("figcaption"))
    return _unique(c for c in captions if c)


def _unique(items: object) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:  # type: ignore[attr-defined]
        seen.setdefault(str(item), None)
    return list(seen)
