"""Page parts that are not the article body, found in the HTML tree before body extraction.

Each finder returns what it found and removes it from the (copied) tree it was given, so the
body extractor never sees it:

* image captions: ``<figcaption>`` and elements whose class or id names a caption;
* related-link lists: a list of links under a heading that announces related stories
  ("Related", "More stories", "Read more", "Mehr zum Thema", ...), or a container whose class
  or id says "related" and whose text is mostly links; their link texts become ``related``;
* hidden elements (``display:none``, ``hidden``): hover cards and off-screen widgets a reader
  never sees, which otherwise leak into paragraphs as run-on text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from newsgraph.extract.textscrape import chrome_cue
from newsgraph.knowledge import tables

# Class/id words that name a caption container (ours, from common CMS markup conventions).
_WORDS = "page_words.tsv"
CAPTION_CLASS = re.compile(rf"(?:^|[\s_-]){tables.pattern(_WORDS, 'caption_class')}(?:$|[\s_-])", re.I)
# Tags a caption class may sit on; never a whole section (a class "caption-wrapper" on a <div>
# holding the article would otherwise delete the body).
CAPTION_TAGS = {"figcaption", "p", "span", "div", "small", "em", "cite"}
MAX_CAPTION_WORDS = 80

# Headings that announce a list of other stories, beyond the English cues of chrome_cue.
RELATED_HEADING = re.compile(
    rf"^\W*(?:{tables.pattern(_WORDS, 'related_heading')}\b"
    # "También te puede interesar", "... gustar": the start is enough.
    rf"|{tables.pattern(_WORDS, 'related_heading_start')})",
    re.I,
)
RELATED_CLASS = re.compile(rf"(?:^|[\s_-]){tables.pattern(_WORDS, 'related_class')}(?:$|[\s_-])", re.I)
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
INLINE_TAGS = {"a", "span", "strong", "b", "em", "i"}
TEXT_BLOCKS = {"p", "li", "td", "blockquote", *HEADING_TAGS}
MIN_HEADLINE_WORDS = 3
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass
class PageParts:
    captions: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)


def text_of(node: HtmlElement) -> str:
    return " ".join(node.text_content().split())


def _attrs(node: HtmlElement) -> str:
    return f"{node.get('class', '')} {node.get('id', '')}"


def _remove(node: HtmlElement) -> None:
    """Drop a node but keep its tail text, which belongs to the parent's flow."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail and node.tail.strip():
        prev = node.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def take_hidden(tree: HtmlElement) -> int:
    """Remove hidden elements (inline ``display:none``, ``visibility:hidden``, ``hidden``) that
    sit inside a text block or are mostly links: hover cards and pop-up menus.  Hidden prose
    stays: galleries and tabs hide real article text until a click."""
    hidden = [
        node
        for node in tree.iter()
        if isinstance(node.tag, str)
        and node.tag not in {"html", "body", "head"}
        and (HIDDEN_STYLE.search(node.get("style", "")) or node.get("hidden") is not None)
        and (_inside_text_block(node) or _mostly_links(node))
    ]
    for node in hidden:
        _remove(node)
    return len(hidden)


def _inside_text_block(node: HtmlElement) -> bool:
    return any(a.tag in TEXT_BLOCKS for a in node.iterancestors())


def take_captions(tree: HtmlElement) -> list[str]:
    """Caption texts (figcaption and caption-classed elements), removed from the tree."""
    found: list[HtmlElement] = []
    seen: set[HtmlElement] = set()
    for node in tree.iter(*CAPTION_TAGS):
        is_caption = node.tag == "figcaption" or (CAPTION_CLASS.search(_attrs(node)) and _beside_image(node))
        if is_caption and not any(a in seen for a in node.iterancestors()):
            found.append(node)
            seen.add(node)
    captions = []
    for node in found:
        text = text_of(node)
        if text and len(text.split()) <= MAX_CAPTION_WORDS:
            captions.append(text)
            _remove(node)
    return _unique(captions)


def _beside_image(node: HtmlElement) -> bool:
    """A caption-classed element is a caption only next to a picture: a figure around it, or an
    image within two levels up that is not inside the element itself (a teaser or standfirst
    styled "caption" sits beside no image)."""
    own = set(node.iter())
    ancestor = node.getparent()
    for _ in range(2):
        if ancestor is None:
            return False
        if ancestor.tag == "figure":
            return True
        if any(img not in own for img in ancestor.iter("img", "picture", "video")):
            return True
        ancestor = ancestor.getparent()
    return False


def _is_related_heading(text: str) -> bool:
    if not text or len(text.split()) > 8:
        return False
    if RELATED_HEADING.match(text):
        return True
    cue = chrome_cue(text)
    return cue is not None and cue[0] == "related"


def _link_texts(node: HtmlElement) -> list[str]:
    return [t for t in (text_of(a) for a in node.iter("a")) if t]


def _mostly_links(node: HtmlElement) -> bool:
    total = len(text_of(node))
    linked = sum(len(t) for t in _link_texts(node))
    return total > 0 and linked / total >= 0.6


def _headlines(node: HtmlElement) -> list[str]:
    return [t for t in _link_texts(node) if len(t.split()) >= MIN_HEADLINE_WORDS]


def take_related(tree: HtmlElement) -> list[str]:
    """Headlines of related-story lists, with the lists (and their headings) removed."""
    blocks: list[tuple[HtmlElement | None, HtmlElement]] = []
    for heading in tree.iter(*HEADING_TAGS, "strong", "b", "p", "span", "div"):
        # A container's own text is a label only when it has no block children.
        if heading.tag in {"div", "span", "p", "strong", "b"} and any(
            isinstance(c.tag, str) and c.tag not in INLINE_TAGS for c in heading
        ):
            continue
        if not _is_related_heading(text_of(heading)):
            continue
        block = _following_list(heading)
        if block is not None:
            blocks.append((heading, block))
    for node in tree.iter("div", "section", "aside", "ul", "ol", "nav"):
        if RELATED_CLASS.search(_attrs(node)) and _mostly_links(node) and _headlines(node):
            blocks.append((None, node))
    related: list[str] = []
    removed: set[HtmlElement] = set()
    for heading, block in blocks:
        if block in removed or any(a in removed for a in block.iterancestors()):
            continue
        related.extend(_headlines(block))
        _remove(block)
        removed.add(block)
        if heading is not None and heading.getparent() is not None:
            _remove(heading)
    return _unique(related)


def _following_list(heading: HtmlElement) -> HtmlElement | None:
    """The link list a related heading announces: its next sibling (or its parent's, when the
    heading is wrapped), a list or container made mostly of links with real headlines."""
    node: HtmlElement | None = heading
    for _ in range(3):  # the heading may sit inside a wrapper or two
        if node is None:
            return None
        sibling = node.getnext()
        while sibling is not None and not isinstance(sibling.tag, str):
            sibling = sibling.getnext()
        if sibling is not None:
            if _mostly_links(sibling) and _headlines(sibling):
                return sibling
            return None
        node = node.getparent()
    return None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
