"""The datelines of the text on the Doc, for the components that read them (actors, places).

Extraction parses the datelines once and the Article keeps them; ``pipeline.analyze`` hands them
over as ``doc._.datelines``. A Doc made from bare text (a test, an evaluation over raw text) has
none set: this first component reads them from the text with the same parser
(``extract.dateline``), so every Doc has them either way.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyze.doctext import doc_text
from newsgraph.analyze.extensions import register
from newsgraph.extract.dateline import find_datelines

FACTORY = "newsgraph_datelines"

register("datelines", None)


@Language.component(FACTORY, assigns=["doc._.datelines"])
def datelines(doc: Doc) -> Doc:
    if doc._.datelines is None:
        doc._.datelines = find_datelines(doc_text(doc))
    return doc
