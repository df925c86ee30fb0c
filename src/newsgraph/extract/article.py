"""Build an Article from a RawDocument: decode, pick the extractor, fill metadata."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from newsgraph import settings
from newsgraph.extract.dateline import Dateline, find_datelines, story_dateline
from newsgraph.extract.decode import DecodeError, decode
from newsgraph.extract.formats import unsupported_format
from newsgraph.extract.html import extract_html, load_date_locales
from newsgraph.extract.language import identify, load_identifier, normalise_declared
from newsgraph.extract.pubdate import PubDate, StampLine, is_player_line, publication_date
from newsgraph.extract.textscrape import Scrape, SiteBoilerplate, parse_scrape
from newsgraph.records import Article
from newsgraph.sources.raw import RawDocument, now_iso
from newsgraph.time_limit import TimeLimitExceeded, time_limit


class ExtractError(ValueError):
    """A document that yields no article; `stage` says where it failed."""

    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(reason)
        self.stage = stage
        self.reason = reason


def extract(
    raw: RawDocument,
    boilerplate: frozenset[str] = frozenset(),
    *,
    max_bytes: int | None = None,
    max_seconds: float | None = None,
) -> Article:
    """The article in one raw document. `boilerplate`: normalised lines known to repeat across
    the site's pages (see `BatchExtractor`), treated as chrome in plain-text scrapes.
    `max_bytes` (the ``max_extract_bytes`` setting): a larger document is refused with that
    reason, since extraction takes about 10 s per MB of text-dense page. `max_seconds` (the
    ``max_extract_seconds`` setting): a document whose decoding and extraction run longer is
    interrupted (`newsgraph.time_limit`) and refused with that reason, whatever made it slow."""
    unsupported = unsupported_format(raw.content)
    if unsupported:
        raise ExtractError("extract", unsupported)
    if max_bytes is not None and len(raw.content) > max_bytes:
        reason = f"too large to extract: {len(raw.content)} bytes > {max_bytes} (setting max_extract_bytes)"
        raise ExtractError("extract", reason)
    if max_seconds is None:
        return _extract(raw, boilerplate)
    load_identifier()  # once per process, outside any document's limit
    if raw.kind == "html":
        load_date_locales()
    try:
        with time_limit(max_seconds):
            return _extract(raw, boilerplate)
    except TimeLimitExceeded:
        reason = f"time limit of {max_seconds:g} s per document reached (setting max_extract_seconds)"
        raise ExtractError("extract", reason) from None


def _extract(raw: RawDocument, boilerplate: frozenset[str]) -> Article:
    text = _decode(raw)
    article = _from_html(raw, text) if raw.kind == "html" else _from_text(raw, text, boilerplate)
    if not article.text.strip():
        raise ExtractError("extract", "no article text found")
    _set_language(article)
    return article


def _set_language(article: Article) -> None:
    """A declared language is kept (as its primary subtag); otherwise it is identified."""
    declared = normalise_declared(article.language)
    if declared:
        article.language = declared
        return
    guess = identify(article.text)
    article.language = guess.code
    article.language_confidence = guess.confidence if guess.code else None


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
    article.related = found.related
    article.language = raw.meta.get("language") or found.language
    _apply_date(
        article,
        publication_date(
            text=article.text,
            html=html,
            url=article.url,
            field_value=str(raw.meta.get("published") or ""),
            htmldate=found.published,
            datelines=_set_datelines(article),
        ),
    )
    return article


class BatchExtractor:
    """Extraction over a batch that learns from it: lines repeated across many plain-text
    scrapes of one site ("Listen Live", a newsletter plug) are boilerplate even where no cue
    in our lexicon names them. Only new articles teach (`learn`), so copies of one story do
    not make its own lines look like chrome; documents are read in order, so a re-run of the
    same batch learns the same, provided the documents an earlier run stored teach again when
    they are re-read (the engines do: `newsgraph.engines.dedup.is_reread`)."""

    def __init__(self) -> None:
        self.sites = SiteBoilerplate()
        given = settings.current()  # read once per batch
        self.max_bytes = given.max_extract_bytes
        self.max_seconds = given.max_extract_seconds
        # Each document teaches once per batch: the same file named twice, or a stored article
        # re-read by a resumed run and then met again, must not count its lines twice. The set
        # holds the URIs' hashes, not the URIs: it lives as long as the batch (a crawl's
        # hundred thousand documents), and a 64-bit collision among them is a 1-in-10^9 chance
        # of one document not teaching.
        self._learned: set[int] = set()

    def extract(self, raw: RawDocument) -> Article:
        boilerplate = self.sites.lines(site_key(raw)) if self.learns_from(raw) else frozenset()
        return extract(raw, boilerplate, max_bytes=self.max_bytes, max_seconds=self.max_seconds)

    @staticmethod
    def learns_from(raw: RawDocument) -> bool:
        """Whether `raw`'s extraction reads (and teaches) the site's repeated lines: plain-text
        scrapes do; an HTML page is read from its own markup, so `extract(raw, max_bytes=...,
        max_seconds=...)` anywhere, in any order, gives what `BatchExtractor.extract` gives."""
        return raw.kind != "html"

    def learn(self, raw: RawDocument) -> None:
        """Count the lines of a document that turned out to be a new article (or is one stored
        by an earlier run: see `newsgraph.engines.dedup.is_reread`)."""
        if self.learns_from(raw) and hash(raw.uri) not in self._learned:
            self._learned.add(hash(raw.uri))
            self.sites.observe(site_key(raw), _decode(raw))


def site_key(raw: RawDocument) -> str:
    """The site a document belongs to: given, else the URL's host, else the folder it lies in
    (a folder of scrapes is usually one site's crawl)."""
    url = str(raw.meta.get("url") or "")
    return str(raw.meta.get("site") or _host(url) or Path(raw.uri.split("#")[0]).parent)


def _decode(raw: RawDocument) -> str:
    try:
        return decode(raw.content, kind=raw.kind, charset=raw.meta.get("charset"))
    except DecodeError as exc:
        raise ExtractError("decode", str(exc)) from exc


def _from_text(raw: RawDocument, text: str, boilerplate: frozenset[str]) -> Article:
    scrape = parse_scrape(text, title_hint=raw.meta.get("title"), boilerplate=boilerplate)
    paragraphs, title = scrape.paragraphs, scrape.title
    if not paragraphs and _SENTENCE_END.search(title):
        # One sentence is a document ("Obama met Putin in Geneva on Tuesday."): the scrape
        # reads a lone line above no body as a headline, but a headline ends without a full stop.
        paragraphs, title = [title], ""
    article = _article(raw, paragraphs, title=title, extractor="textscrape")
    article.url = raw.meta.get("url", "")
    article.site = raw.meta.get("site") or _host(article.url)
    article.captions = scrape.captions
    article.tags = scrape.tags
    article.related = scrape.related
    article.credits = scrape.credits
    article.language = raw.meta.get("language", "")
    _apply_date(
        article,
        publication_date(
            text=article.text,
            url=article.url,
            stamp_lines=stamp_lines(scrape),
            field_value=str(raw.meta.get("published") or ""),
            datelines=_set_datelines(article),
        ),
    )
    return article


# A line that ends as a sentence does: . ! ? or an ellipsis, maybe inside closing quotes.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s*$")

# Stamp lines sit above the article or right under its headline; this many lines before the
# body are read for them.
HEAD_LINES = 12


def stamp_lines(scrape: Scrape) -> list[StampLine]:
    """The scrape's clock and byline lines, each with whether a radio player sits beside it."""
    lines = scrape.lines
    body_at = next((i for i, line in enumerate(lines) if line.label == "body"), len(lines))
    out = []
    for i, line in enumerate(lines):
        in_head = i < min(body_at, HEAD_LINES) and line.label not in {"title", "caption"}
        if line.label not in {"dateline_clock", "credit"} and not in_head:
            continue
        beside = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        player = any(is_player_line(n.text) or "audio-player" in n.reason for n in beside)
        out.append(StampLine(line.text, line.label, near_player=player, at_top=i < 3))
    return out


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
    return article


def _set_datelines(article: Article) -> list[Dateline]:
    """Read the body's datelines, once: the Article keeps them (the story's own as ``dateline`` and
    ``dateline_date``), the date reasoning and the analysis read them from there."""
    found = find_datelines(article.text)
    story = story_dateline(article.text, found)
    article.dateline, article.dateline_date = (story.place, story.date) if story else ("", "")
    article.datelines = [d.as_dict() for d in found]
    return found


def _apply_date(article: Article, found: PubDate) -> None:
    article.published = found.value
    article.published_precision = found.precision
    article.published_source = found.source
    article.published_confidence = found.confidence
    article.published_candidates = [c.as_dict() for c in found.candidates]


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
