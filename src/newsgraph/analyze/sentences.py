"""Sentence boundaries as token offsets, read from the document's arrays.

``doc.sents`` builds a Token object for every token to find where sentences start, which costs more
than what our light components do with them; ``bounds`` reads the same boundaries as one array."""

from __future__ import annotations

from spacy.tokens import Doc


def bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token offsets of each sentence, in order (the whole document as one sentence
    when it has no sentence boundaries)."""
    if not len(doc):
        return []
    if not doc.has_annotation("SENT_START"):
        return [(0, len(doc))]
    starts = [i for i, flag in enumerate(doc.to_array("SENT_START").tolist()) if flag == 1 or i == 0]
    return list(zip(starts, [*starts[1:], len(doc)], strict=True))
