"""The Doc extensions our pipeline components share (spaCy's `doc._.name`).

Set before the components run (see `pipeline.analyze`):
- `doc._.article_id`: the Article id, so components can build records;
- `doc._.published`, `doc._.published_precision`: the publication date (ISO) and its
  precision (day | month | year | ""), the anchor for relative time expressions.
Components add their own results as extensions registered in their modules.
"""

from __future__ import annotations

from spacy.tokens import Doc


def register(name: str, default: object = None) -> None:
    """Register a Doc extension once (modules may be imported many times)."""
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=default)


register("article_id", "")
register("published", "")
register("published_precision", "")
