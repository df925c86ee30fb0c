"""The Doc extensions our pipeline components share (spaCy's `doc._.name`).

Set before the components run (see `pipeline.analyze`):
- `doc._.article_id`: the Article id, so components can build records;
- `doc._.published`, `doc._.published_precision`: the publication date (ISO) and its
  precision (day | month | year | ""), the anchor for relative time expressions;
- `doc._.datelines`: the datelines of the text (``extract.dateline.Dateline``), the ones the
  Article keeps; the first component (`analyze.datelines`) reads them from the text when unset.
- `doc._.url`: the article's URL ("" when unknown), whose site section tells its domain.
Components add their own results as extensions registered in their modules.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc


def register(name: str, default: object = None) -> None:
    """Register a Doc extension once (modules may be imported many times)."""
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=default)


register("article_id", "")
register("published", "")
register("published_precision", "")
register("datelines", None)
register("url", "")


class MissingUpstream(ValueError):
    """A component or records function was given a Doc without what an earlier component sets."""


def required(doc: Doc, name: str, component: str) -> Any:
    """``doc._.<name>``, set by ``component``; a clear error instead of a silent recomputation when
    the Doc did not go through it (components declare this in their factory's ``requires``)."""
    value = getattr(doc._, name) if Doc.has_extension(name) else None
    if value is None:
        raise MissingUpstream(f"doc._.{name} is not set: run the {component!r} component first")
    return value
