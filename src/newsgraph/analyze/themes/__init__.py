"""Themes: the spaCy component "newsgraph_themes" (``doc._.themes``, a list of ThemeMention,
``doc._.domain``, a Domain, and ``doc._.counts``, GDELT-style counts: see ``counts``).

Themes are our taxonomy (``knowledge/data/themes.tsv``), found by their trigger terms
(``theme_triggers.tsv``) on lemmas (``matching``). The article's domain (politics, sport, business,
...) is decided from those matches and the section its URL names (``domain``): the event coder reads
``doc._.domain`` (``.label``, ``.score``, ``.rule``; ``knowledge.domains.is_political(label)``) to
leave sport, markets, entertainment and weather text without political events.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyze.extensions import register
from newsgraph.analyze.themes.counts import find_counts
from newsgraph.analyze.themes.domain import decide, url_section
from newsgraph.analyze.themes.matching import ThemeMatcher

FACTORY = "newsgraph_themes"

__all__ = ["FACTORY", "ThemeMatcher", "ThemesComponent", "decide", "url_section"]

register("themes", None)  # [ThemeMention], in text order
register("domain", None)  # Domain
register("counts", None)  # [Count]: GDELT's GKG counts ("41 people were detained")


class ThemesComponent:
    """Sets ``doc._.themes`` and ``doc._.domain`` (from ``doc._.url`` and the themes)."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = ThemeMatcher(nlp)

    def __call__(self, doc: Doc) -> Doc:
        article_id = doc._.article_id or ""
        found = self.matcher(doc, article_id)
        doc._.themes = found
        doc._.domain = decide(found, doc._.url or "", article_id)
        doc._.counts = find_counts(doc, article_id)
        return doc


@Language.factory(
    FACTORY,
    requires=["doc.sents", "doc.ents", "token.lemma", "token.pos", "token.dep", "doc._.url"],
    assigns=["doc._.themes", "doc._.domain", "doc._.counts"],
)
def make_themes(nlp: Language, name: str) -> ThemesComponent:
    return ThemesComponent(nlp)
