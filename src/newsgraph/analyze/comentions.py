"""Co-mentions: pairs of actors named in the same sentence or the same paragraph of an article (the
network GDELT's GKG builds from names found together). Pure: mentions and text in, records out."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import combinations

from newsgraph.records import CoMention, Mention

# A blank line (spaces allowed) ends a paragraph, as in Article.text and the paragraphs component.
_BREAK = re.compile(r"\n[ \t]*\n")


def paragraph_starts(text: str) -> list[int]:
    """Character offsets where the second, third ... paragraph of ``text`` begin."""
    return [m.end() for m in _BREAK.finditer(text)]


def comentions(mentions: Iterable[Mention], text: str, article_id: str) -> list[CoMention]:
    """Every pair of distinct actors named together in a sentence or a paragraph, with how many
    sentences and paragraphs name both and which; ordered by the pair's ids."""
    starts = paragraph_starts(text)
    in_sentence: dict[int, set[str]] = {}
    in_paragraph: dict[int, set[str]] = {}
    for m in mentions:
        if not m.actor_id:
            continue
        in_sentence.setdefault(m.sentence, set()).add(m.actor_id)
        in_paragraph.setdefault(bisect_right(starts, m.start), set()).add(m.actor_id)
    sentences = _pairs(in_sentence)
    paragraphs = _pairs(in_paragraph)
    return [
        CoMention(
            article_id=article_id,
            actor_a=a,
            actor_b=b,
            sentences=len(sentences.get((a, b), [])),
            paragraphs=len(paragraphs.get((a, b), [])),
            sentence_ids=sentences.get((a, b), []),
            paragraph_ids=paragraphs.get((a, b), []),
        )
        for a, b in sorted(set(sentences) | set(paragraphs))
    ]


def _pairs(groups: dict[int, set[str]]) -> dict[tuple[str, str], list[int]]:
    found: dict[tuple[str, str], list[int]] = {}
    for key in sorted(groups):
        for pair in combinations(sorted(groups[key]), 2):
            found.setdefault(pair, []).append(key)
    return found
