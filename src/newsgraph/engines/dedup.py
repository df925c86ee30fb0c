"""Copies: the same body as a stored article (exact) or nearly the same (MinHash), first-seen wins.

The single-process engine asks the store alone. The pool engine also asks `PendingArticles`: the
articles read earlier in the batch that are still being analysed, which the store does not hold yet
but will (they are written in input order), so a copy of one of them is not analysed a second time.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from newsgraph import minhash
from newsgraph.records import Article, Duplicate
from newsgraph.store import Store


def is_copy(article: Article, store: Store) -> bool:
    """Same normalised body as a stored article: a re-run (same uri) or a copy to link."""
    stored = store.article(article.id) if store.has_article(article.id) else None
    if stored is None:
        return False
    if stored.uri != article.uri:
        store.add_duplicate(duplicate(article, stored.id, "exact", 1.0))
    return True


def is_near_copy(article: Article, signature: np.ndarray, store: Store) -> bool:
    """A syndicated copy (a changed byline, a trimmed paragraph) of a stored article. A near
    copy of an article read from the same uri is that article read again: never linked to itself."""
    hit = store.near_duplicate(signature)
    if hit is None:
        return False
    source = store.article(hit[0])
    if source is None or source.uri != article.uri:
        store.add_duplicate(duplicate(article, hit[0], "near", round(hit[1], 4)))
    return True


def is_reread(article: Article, store: Store, signature: np.ndarray | None = None) -> bool:
    """Whether this document's own article is stored: a re-run, or a run resumed after a crash,
    read it again. Such a document must teach the batch's extractor what it taught the run that
    stored it (`BatchExtractor.learn`), or the documents after it are extracted with other site
    boilerplate than before and stored again as other articles.

    The same id from the same uri is the plain case; a near copy of the article stored from this
    uri is the same document extracted a little differently (so never a duplicate of itself)."""
    stored = store.article_by_uri(article.uri)
    if stored is None:
        return False
    if stored.id == article.id:
        return True
    hit = store.near_duplicate(minhash.signature(article.text) if signature is None else signature)
    return hit is not None and hit[0] == stored.id


def replacement_target(article: Article, store: Store) -> str | None:
    """Under `ingest --force`: the id of the stored article a re-read document replaces, the one
    read from the same uri (a changed extraction may have changed its body and so its id); None
    when no stored article came from there (a new document, or a copy of another one's).

    When the re-read body has become another stored article's, the document's own old article is
    removed here, and the caller links the document to that one as a copy, as any copy is."""
    stored = store.article_by_uri(article.uri)
    if stored is None:
        return None
    if stored.id != article.id and store.has_article(article.id):
        store.delete_article(stored.id)
        return None
    return stored.id


def duplicate(article: Article, first_id: str, kind: str, similarity: float) -> Duplicate:
    return Duplicate(
        uri=article.uri,
        article_id=first_id,
        kind=kind,
        similarity=similarity,
        url=article.url,
        site=article.site,
        title=article.title,
    )


class PendingArticles:
    """New articles of this batch that are on their way to the store: ids and MinHash signatures,
    with the band index the store keeps for stored ones, so a lookup compares few signatures."""

    def __init__(self) -> None:
        self._ids: set[str] = set()  # ids of the pending articles
        self._entries: dict[int, tuple[str, np.ndarray, list[str]]] = {}
        self._bands: defaultdict[str, set[int]] = defaultdict(set)

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, key: int, article_id: str, signature: np.ndarray) -> None:
        keys = minhash.band_keys(signature)
        self._ids.add(article_id)
        self._entries[key] = (article_id, signature, keys)
        for band in keys:
            self._bands[band].add(key)

    def discard(self, key: int) -> None:
        """Forget an article once it is stored (the store answers for it) or failed."""
        entry = self._entries.pop(key, None)
        if entry is None:
            return
        article_id, _, keys = entry
        self._ids.discard(article_id)
        for band in keys:
            self._bands[band].discard(key)
            if not self._bands[band]:
                del self._bands[band]

    def holds(self, article_id: str) -> bool:
        return article_id in self._ids

    def near(self, signature: np.ndarray) -> bool:
        """Whether a pending article is a near copy source for this signature (similarity >=
        minhash.THRESHOLD), as `Store.near_duplicate` decides for stored ones."""
        candidates = set().union(*(self._bands.get(band, set()) for band in minhash.band_keys(signature)))
        return any(
            minhash.similarity(signature, self._entries[key][1]) >= minhash.THRESHOLD for key in candidates
        )
