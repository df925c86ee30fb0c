"""Paragraph breaks are sentence breaks.

The parser decides sentence boundaries itself and, on article text, sometimes runs a
sentence on across a blank line (a lead paragraph into a "HAMBURG (Agency) —" dateline),
which puts a dateline, a place or a date into the wrong sentence for everything after
it. Marking the token after a paragraph break as a sentence start before the parser runs
makes the parser respect it (spaCy keeps preset boundaries).

A run of more than ``max_sentence_tokens`` tokens with no sentence-ending mark is broken there
too: text without sentence breaks (a scraped table, a 500 KB line) would otherwise be one
"sentence", and what the components do per sentence grows with its square (at 10,000 tokens in
one sentence, a document took 50 s; a bounded one takes a second per 10,000 tokens). Real
sentences never come near the bound, so real text is split exactly as before.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "newsgraph_paragraphs"


#: Tokens after which a sentence without a sentence-ending mark is broken (the
#: ``max_sentence_tokens`` setting; news sentences stay far below it).
MAX_SENTENCE_TOKENS = 250
SENTENCE_ENDS = frozenset({".", "!", "?", "…", ";"})


def paragraph_sentences(doc: Doc, max_sentence_tokens: int = MAX_SENTENCE_TOKENS) -> Doc:
    run = 0  # tokens since the last paragraph break or sentence-ending mark
    for token in doc[:-1]:
        run += 1
        # A blank line, not a single newline: wrapped text breaks lines inside sentences.
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
            run = 0
        elif token.text in SENTENCE_ENDS:
            run = 0
        elif run >= max_sentence_tokens:
            doc[token.i + 1].is_sent_start = True
            run = 0
    return doc


class ParagraphSentences:
    def __init__(self, max_sentence_tokens: int) -> None:
        self.max_sentence_tokens = max_sentence_tokens

    def __call__(self, doc: Doc) -> Doc:
        return paragraph_sentences(doc, self.max_sentence_tokens)


@Language.factory(FACTORY, default_config={"max_sentence_tokens": MAX_SENTENCE_TOKENS})
def make_paragraphs(nlp: Language, name: str, max_sentence_tokens: int) -> ParagraphSentences:
    return ParagraphSentences(max_sentence_tokens)
