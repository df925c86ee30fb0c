"""Quotation marks paired on character offsets, independent of the sentence splitter.

The parser often puts a closing mark into the next sentence ('... elsewhere.' + '"'), so
quotes are found on the raw characters first and sentences are fitted around them later.

Rules (each span carries the one that produced it):
- double marks, straight (") or curly (“ ” „ « »), pair at the top level; inside a quote,
  single marks (‘ ’ ') are nested quotes and stay part of the content ("marks:double");
- a quote still open at a paragraph end continues when the next paragraph opens with a
  mark (the newspaper convention for a quotation over several paragraphs): one span
  over both ("marks:double+paragraphs"); otherwise it is closed at the paragraph end
  ("marks:unclosed");
- curly single marks ‘...’ at the top level are a quote only when the ’ closing it is not
  an apostrophe (not followed by a letter) in the same paragraph ("marks:single");
  straight single marks at the top level are not quotes (too often apostrophes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
STRAIGHT = '"'
DOUBLE = DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
OPENING_CONTEXT = " \t\n([{—–-/:;,"  # characters after which a mark opens a quote
PARAGRAPH = re.compile(r"\n\s*\n|\n")
# Trimmed off the content's end: the comma of '"...," X said' belongs to the attribution.
CONTENT_TRAIL = " \t\n,"


@dataclass(frozen=True)
class MarkedSpan:
    """A stretch of text between quotation marks."""

    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph end when unclosed)
    content_start: int  # the quoted words, marks and edge whitespace excluded
    content_end: int
    closed: bool
    rule: str


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for match in PARAGRAPH.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _looks_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in OPENING_CONTEXT or before in DOUBLE_OPEN) and not after.isspace()


def _looks_closing(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _first_mark(text: str, start: int, end: int) -> int | None:
    """Offset of a double mark opening the paragraph (after leading whitespace), else None."""
    i = start
    while i < end and text[i].isspace():
        i += 1
    if i < end and text[i] in DOUBLE_OPEN + STRAIGHT:
        return i
    return None


def _content(text: str, start: int, end: int, close: int, closed: bool) -> tuple[int, int]:
    a = start + 1
    b = close if closed else end
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in CONTENT_TRAIL:
        b -= 1
    return a, b


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """All top-level quoted spans of the text, in order, never overlapping."""
    paragraphs = _paragraphs(text)
    spans: list[MarkedSpan] = []
    open_at: int | None = None  # offset of the opening mark of the current quote
    depth = 0  # curly nesting inside the current quote
    crossed = False
    skip_until = -1  # the opening mark of a continued paragraph is not a new quote
    for index, (p_start, p_end) in enumerate(paragraphs):
        i = p_start
        while i < p_end:
            ch = text[i]
            if i <= skip_until or ch not in DOUBLE + SINGLE_OPEN:
                i += 1
                continue
            if open_at is None:
                if ch in DOUBLE_OPEN or ch == STRAIGHT or (ch in DOUBLE_CLOSE and _looks_opening(text, i)):
                    open_at, depth = i, 0
                elif ch == SINGLE_OPEN and _looks_opening(text, i):
                    single = _single_close(text, i, p_end)
                    if single is not None:
                        a, b = _content(text, i, single + 1, single, True)
                        spans.append(MarkedSpan(i, single + 1, a, b, True, "marks:single"))
                        i = single + 1
                        continue
                i += 1
                continue
            # Inside a quote: find its close.
            if ch == SINGLE_OPEN:
                i += 1
                continue
            opener_style = text[open_at]
            if ch in DOUBLE_OPEN and opener_style != STRAIGHT and _looks_opening(text, i):
                depth += 1  # a nested curly quote (rare: most nest with single marks)
            elif (
                ch == STRAIGHT
                and opener_style == STRAIGHT
                and _looks_opening(text, i)
                and not (_looks_closing(text, i))
            ):
                # '"A "B' - an opener-looking straight mark inside a straight quote: the earlier
                # quote was never closed; close it here and open a new one.
                a, b = _content(text, open_at, i, i, False)
                spans.append(MarkedSpan(open_at, i, a, b, False, "marks:unclosed"))
                open_at, depth, crossed = i, 0, False
            elif depth > 0 and ch in DOUBLE_CLOSE:
                depth -= 1
            else:
                a, b = _content(text, open_at, i + 1, i, True)
                rule = "marks:double+paragraphs" if crossed else "marks:double"
                spans.append(MarkedSpan(open_at, i + 1, a, b, True, rule))
                open_at, depth, crossed = None, 0, False
            i += 1
        if open_at is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            mark = _first_mark(text, *following) if following else None
            if mark is not None:
                crossed, skip_until = True, mark
                continue
            a, b = _content(text, open_at, p_end, p_end, False)
            spans.append(MarkedSpan(open_at, p_end, a, b, False, "marks:unclosed"))
            open_at, depth, crossed = None, 0, False
    return [s for s in spans if s.content_end > s.content_start]


def _single_close(text: str, i: int, p_end: int) -> int | None:
    """The ’ closing a top-level ‘ in the same paragraph: not an apostrophe (letters on both sides)."""
    j = i + 1
    while j < p_end:
        if text[j] == SINGLE_CLOSE and _looks_closing(text, j):
            return j
        if text[j] in DOUBLE:
            return None
        j += 1
    return None
