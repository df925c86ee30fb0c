"""A document's text, joined once.

``Doc.text`` joins the text of every token each time it is read (a few milliseconds on a news page,
read thousands of times over a batch by our components: a tenth of the analysis, profiled). The text
of a Doc never changes (retokenizing keeps every character), so it is kept in the Doc's user data the
first time it is asked for."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "newsgraph.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per document."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
