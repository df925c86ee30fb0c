"""Paragraph breaks are sentence breaks.

The parser decides sentence boundaries itself and, on article text, sometimes runs a
sentence on across a blank line (a lead paragraph into a "HAMBURG (Agency) —" dateline),
which puts a dateline, a place or a date into the wrong sentence for everything after
it. Marking the token after a paragraph break as a sentence start before the parser runs
makes the parser respect it (spaCy keeps preset boundaries).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "newsgraph_paragraphs"


@Language.component(FACTORY)
def paragraph_sentences(doc: Doc) -> Doc:
    for token in doc[:-1]:
        # A blank line, not a single newline: wrapped text breaks lines inside sentences.
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc
