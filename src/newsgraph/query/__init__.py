"""The query layer: validated filters over the store, shared by the CLI, API, exports and web UI.

>>> from newsgraph.store import Store
>>> from newsgraph.query import Query
>>> q = Query(Store("news.db"))                                  # doctest: +SKIP
>>> q.events(actor="Russia", counterpart="United States", since="2017")  # doctest: +SKIP
"""

from newsgraph.query.filters import ALLOWED, FORMATS, TABLES, Filters, QueryError, parse
from newsgraph.query.service import PERIODS, QUAD_KEYS, ActorProfile, Query, monthly, per_period
from newsgraph.store.queries import ONE_SIDED_ROOTS, Hit

__all__ = [
    "ALLOWED",
    "FORMATS",
    "ONE_SIDED_ROOTS",
    "PERIODS",
    "QUAD_KEYS",
    "TABLES",
    "ActorProfile",
    "Filters",
    "Hit",
    "Query",
    "QueryError",
    "list_articles",
    "monthly",
    "parse",
    "per_period",
]


def list_articles(store, **options):  # type: ignore[no-untyped-def]
    """For the `articles` command: ``Query(store).articles(**options)`` (filters: actor, place,
    country, since, until, site, language, text, article; limit, offset, sort)."""
    return Query(store).articles(**options)
