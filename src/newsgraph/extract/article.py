"""Build an Article from a RawDocument: decode, pick the extractor, fill metadata."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from newsgraph.extract.decode import DecodeError, decode
from newsgraph.extract.html import extract_html
from newsgraph.extract.textscrape import parse_scrape
from newsgraph.records import Article
from newsgraph.sources.raw import RawDocument, now_iso

ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class ExtractError(ValueError):
    """A document that yields no article; `stage` says where it failed."""

    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(reason)
        self.stage = stage
        self.reason = reason


def extract(raw: RawDocument) -> Article:
    try:
        text = decode(raw.content, kind=raw.kind)
    except DecodeError as exc:
        raise ExtractError("decode", str(exc)) from exc
    article = _from_html(raw, text) if raw.kind == "html" else _from_text(raw, text)
    if not article.text.strip():
        raise ExtractError("extract", "no article text found")
    return article


def _from_html(raw: RawDocument, html: str) -> Article:
    found = extract_html(html, url=raw.meta.get("url"))
    if found is None:
        raise ExtractError("extract", "no article text found in HTML")
    article = _article(raw, found.paragraphs, title=found.title, extractor=found.extractor)
    article.url = raw.meta.get("url") or found.url
    article.site = raw.meta.get("site") or found.site or _host(article.url)
    article.authors = found.authors
    article.description = found.description
    article.tags = found.tags
    article.captions = found.captions
    article.language = raw.meta.get("language") or found.language
    if found.published and "published" not in raw.meta:
        _set_published(article, found.published, "html-meta:htmldate")
    return article


def _from_text(raw: RawDocument, text: str) -> Article:
    scrape = parse_scrape(text, title_hint=raw.meta.get("title"))
    article = _article(raw, scrape.paragraphs, title=scrape.title, extractor="textscrape")
    article.url = raw.meta.get("url", "")
    article.site = raw.meta.get("site") or _host(article.url)
    article.captions = scrape.captions
    article.tags = scrape.tags
    article.related = scrape.related
    article.language = raw.meta.get("language", "")
    return article


def _article(raw: RawDocument, paragraphs: list[str], *, title: str, extractor: str) -> Article:
    paragraphs = [clean_paragraph(p) for p in paragraphs if p.strip()]
    body = "\n\n".join(paragraphs)
    article = Article(
        id=content_hash(body),
        uri=raw.uri,
        text=body,
        title=raw.meta.get("title") or title,
        paragraphs=paragraphs,
        source_format=raw.kind,
        extractor=extractor,
        ingested_at=now_iso(),
    )
    if raw.meta.get("published"):
        _set_published(article, raw.meta["published"], "field")
    return article


def _set_published(article: Article, value: str, source: str) -> None:
    match = ISO_DATE.match(value.strip())
    if not match:
        return
    year, month, day = match.groups()
    article.published = "-".join(part for part in (year, month, day) if part)
    article.published_precision = "day" if day else "month" if month else "year"
    article.published_source = source


def clean_paragraph(text: str) -> str:
    """NFC, and every run of Unicode whitespace (no-break spaces included) as one space,
    so offsets, hashes and string matches see the text a reader sees."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(body: str) -> str:
    """Hash of the normalised body: case and whitespace do not make a new article."""
    normalised = " ".join(body.casefold().split())
    return hashlib.blake2b(normalised.encode("utf-8"), digest_size=16).hexdigest()


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
