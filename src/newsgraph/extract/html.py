"""HTML pages: the article body, its metadata, and the page parts that are not the body.

The pipeline, each step measured on the extraction gold (``newsgraph eval extraction``):

1. parse once; metadata (title, authors, site, date, description, tags, language) from
   trafilatura on the whole page, the date being htmldate's (the date *reasoning* is a later
   stage's: ``published_source`` says where this one came from);
2. on a copy of the tree, take out hidden elements, image captions and related-story lists
   (``html_blocks``), keeping the captions and the related headlines as fields;
3. run trafilatura twice on the cleaned tree, precision-first and default; keep the precise
   text unless it holds much less than the default one *and* readability-lxml, a differently
   built extractor, confirms the larger amount (``html_fallback``); when both trafilatura
   passes find (nearly) nothing, readability's text is the body;
4. drop what still is not article inside the chosen text: a repeated headline or byline at the
   top, lines that are captions or related headlines, inline chrome ("Read more: ...", ad
   slots: ``chrome_cue``), and an author's bio line at the end.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field
from functools import cache

import lxml.html
import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsgraph.extract.html_blocks import take_captions, take_hidden, take_related
from newsgraph.extract.html_fallback import readability_paragraphs
from newsgraph.extract.textscrape import chrome_cue
from newsgraph.knowledge import tables

# Below this many characters the body is not an article (a menu, a teaser, an error page).
MIN_BODY_CHARS = 250
MIN_BODY_WORDS = 12
# The precise pass is kept unless it holds less than this share of the default pass's text...
SHORT_SHARE = 0.5
# ...and readability's text reaches this share of the default pass's (a second opinion that the
# page really has that much article, not a comment thread or a list of teasers).
CONFIRM_SHARE = 0.5
_WORDS = "page_words.tsv"
BYLINE = re.compile(rf"^({tables.pattern(_WORDS, 'byline_word')})\s+\S", re.I)
# An author bio closing the article: "<Name> is a reporter/writer/... " in its first words.
BIO = re.compile(
    r"^\W*([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})\s+(?:is|was)\s+(?:an?|the)\s+"
    rf"(?:[\w-]+\s+){{0,6}}?{tables.pattern(_WORDS, 'closing_bio_role')}\b",
)
# How to reach an author: a bio that says so is one whoever it names.
CONTACT = re.compile(rf"@|\b{tables.pattern(_WORDS, 'contact_word')}\b", re.I)


# Short lines that are page furniture in any of the languages news comes in (our own list,
# beyond chrome_cue's English lexicon): "read also" leads, picture credits, promos and
# sign-up prompts, comment counters, ad labels.  Only lines of at most CUE_MAX_WORDS words.
CUE_MAX_WORDS = 14
FURNITURE = re.compile(
    rf"^\W*(?:{tables.pattern(_WORDS, 'read_also')}\b"
    rf"|{tables.pattern(_WORDS, 'picture_label')}\s*[.:]"
    # (a "*" before "Werbung" is one of the non-word characters that may open the line)
    rf"|{tables.pattern(_WORDS, 'ad_label')}\b\W*(?:$|[-:,]|enthält)"
    rf"|(?:{tables.pattern(_WORDS, 'no_comments')}|\d+ {tables.pattern(_WORDS, 'comment_word')})\b"
    rf"|(?:{tables.pattern(_WORDS, 'sign_up')}|follow (?:us|the \w+|\w+) on|download (?:the|our)\b.*\bapp"
    rf"|get (?:the|our) .{{0,40}}{tables.pattern(_WORDS, 'newsletter_word')})"
    r")",
    re.I,
)


@cache
def load_date_locales() -> None:
    """Load, once per process, the dateparser locales that trafilatura's date finder (htmldate)
    loads on the first page it cannot date with its own patterns: every locale's month names and
    compiled translations, about 2 s and 45 MiB. Loaded at once, they are not counted in that
    page's time limit, and a process's memory does not step up half-way through a batch (which
    read as growth with the corpus in benchmarks/throughput.py's memory line). The parser tries
    no previous locales (`try_previous_locales` is off), so a parse here changes no later result."""
    from htmldate.extractors import get_external_parser, month_words

    month_words()
    get_external_parser().get_date_data("0 xx")  # a string no locale reads: each one is tried


@dataclass
class HtmlExtraction:
    title: str
    paragraphs: list[str]
    extractor: str
    authors: list[str] = field(default_factory=list)
    site: str = ""
    url: str = ""
    published: str = ""
    # Where ``published`` came from (htmldate's pick among meta tags, JSON-LD, URL, text).
    published_source: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    language: str = ""
    image: str = ""
    # Rules that removed something from the body, in order ("drop:chrome:ad_or_promo", ...).
    rules: list[str] = field(default_factory=list)


def extract_html(html: str, *, url: str | None = None) -> HtmlExtraction | None:
    """The article in a page, or None when no article text is found."""
    tree = _parse(html)
    if tree is None:
        return None
    meta = trafilatura.extract_metadata(tree, default_url=url)
    work = deepcopy(tree)
    take_hidden(work)
    captions = take_captions(work)
    related = take_related(work)
    lines, extractor = _body(work)
    if not lines:
        return None
    title = ((meta.title if meta else "") or "").strip()
    author = ((meta.author if meta else "") or "").strip()
    paragraphs, rules = clean_lines(lines, title=title, author=author, captions=captions, related=related)
    if sum(len(p.split()) for p in paragraphs) < MIN_BODY_WORDS:
        return None  # a menu or a teaser, not an article
    published = ((meta.date if meta else "") or "").strip()
    return HtmlExtraction(
        title=title,
        paragraphs=paragraphs,
        extractor=extractor,
        authors=split_authors(author),
        site=((meta.sitename or meta.hostname or "") if meta else "").strip(),
        url=((meta.url if meta else "") or url or "").strip(),
        published=published,
        published_source="html:htmldate" if published else "",
        description=((meta.description if meta else "") or "").strip(),
        tags=_tags([*(meta.categories or []), *(meta.tags or [])]) if meta else [],
        captions=captions,
        related=related,
        language=((meta.language if meta else "") or "").strip(),
        image=((meta.image if meta else "") or "").strip(),
        rules=rules,
    )


def _parse(html: str) -> HtmlElement | None:
    try:
        return load_html(html)
    except (ValueError, TypeError):
        return None


def _trafilatura_lines(tree: HtmlElement, **mode: bool) -> list[str]:
    doc = trafilatura.bare_extraction(
        tree,
        include_comments=False,
        include_tables=True,  # tables in the article are part of it (the benchmarks agree)
        with_metadata=False,
        **mode,
    )
    text = (doc.text if doc is not None else "") or ""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _size(lines: list[str]) -> int:
    return sum(len(line) for line in lines)


def _body(tree: HtmlElement) -> tuple[list[str], str]:
    """Body lines and the name of the extractor path that produced them."""
    precise = _trafilatura_lines(tree, favor_precision=True)
    default = _trafilatura_lines(tree)
    p, d = _size(precise), _size(default)
    if p >= MIN_BODY_CHARS and p >= SHORT_SHARE * d:
        return precise, "trafilatura:precision"
    witness = readability_paragraphs(lxml.html.tostring(tree, encoding="unicode"))
    r = _size(witness)
    if p >= MIN_BODY_CHARS:
        if r >= CONFIRM_SHARE * d:
            return default, "trafilatura:default(confirmed-by-readability)"
        return precise, "trafilatura:precision"
    if d >= MIN_BODY_CHARS:
        return default, "trafilatura:default(precision-too-short)"
    if r >= MIN_BODY_CHARS:
        return witness, "readability(fallback)"
    best = max(
        (precise, "trafilatura:precision"), (default, "trafilatura:default"), key=lambda x: _size(x[0])
    )
    return best


def clean_lines(
    lines: list[str],
    *,
    title: str = "",
    author: str = "",
    captions: list[str] = (),  # type: ignore[assignment]
    related: list[str] = (),  # type: ignore[assignment]
) -> tuple[list[str], list[str]]:
    """Body lines minus what is not article; returns (kept lines, rules that fired)."""
    rules: list[str] = []
    lines = [" ".join(line.split()) for line in lines if line.strip()]
    while lines and (_same(lines[0], title) or _is_byline(lines[0], author)):
        rules.append("drop:headline-or-byline-at-top")
        lines.pop(0)
    aside = {_key(c) for c in [*captions, *related]}
    kept = []
    for line in lines:
        if _key(line) in aside:
            rules.append("drop:caption-or-related-line")
            continue
        cue = chrome_cue(line)
        if cue is not None:
            rules.append(f"drop:chrome:{cue[0]}")
            continue
        if len(line.split()) <= CUE_MAX_WORDS and FURNITURE.match(line):
            rules.append("drop:furniture")
            continue
        kept.append(line)
    names = [n.casefold() for n in split_authors(author)]
    while kept and _is_bio(kept[-1], names):
        rules.append("drop:author-bio-at-end")
        kept.pop()
    return kept, rules


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _same(a: str, b: str) -> bool:
    return bool(b) and _key(a) == _key(b)


def _is_byline(line: str, author: str) -> bool:
    if len(line.split()) > 12:
        return False
    return bool(BYLINE.match(line)) or (bool(author) and line.strip() == author.strip())


def _is_bio(line: str, author_names: list[str]) -> bool:
    """An author bio: "<Name> is a reporter ..." where the name is a byline author's, or any
    name when the line also says how to reach them (email, Twitter, "follow")."""
    match = BIO.match(line)
    if not match or len(line.split()) > 80:
        return False
    name = match.group(1).casefold()
    if any(name in n or n in name for n in author_names):
        return True
    return bool(CONTACT.search(line))


def split_authors(raw: str) -> list[str]:
    parts = re.split(r"\s*(?:;|\band\b|&|,)\s*", raw)
    return _unique(p.strip() for p in parts if p.strip())


def figure_captions(html: str) -> list[str]:
    """Photo captions of a page (figcaption and caption-classed elements)."""
    tree = _parse(html)
    return take_captions(tree) if tree is not None else []


def _tags(raw: list[str]) -> list[str]:
    """Categories and tags, one per item (meta keywords arrive comma-joined)."""
    return _unique(t.strip() for item in raw for t in re.split(r"\s*[,;]\s*", item) if t.strip())


def _unique(items: object) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:  # type: ignore[attr-defined]
        seen.setdefault(str(item), None)
    return list(seen)
