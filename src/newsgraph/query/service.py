"""The one query module: the CLI, the Python API, the exports and the web UI all ask through here.

``Query(store)`` takes filters as keyword arguments (``actor="Putin", since="2017-01-01",
quad=4``), validates them (:mod:`newsgraph.query.filters`), resolves names
(:mod:`newsgraph.query.resolve`) and runs the store's SQL (:mod:`newsgraph.store.queries`).
Listings return the records of :mod:`newsgraph.records`; aggregations return plain dicts, ready
for JSON.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from newsgraph.knowledge.cameo import QUAD_NAMES
from newsgraph.knowledge.countries import country_name
from newsgraph.query.filters import QueryError, parse, parse_choice, parse_limit, parse_sort, shown
from newsgraph.query.resolve import actor_side, criteria
from newsgraph.records import Actor, Analysis, Article, Duplicate, Error, Event, MergedEvent, Place, Quote
from newsgraph.store import Store, queries
from newsgraph.store.queries import Criteria, Hit

#: Timeline columns, quad class 1..4 in order.
QUAD_KEYS = tuple(name.replace(" ", "_") for _, name in sorted(QUAD_NAMES.items()))
#: Timeline granularities: the length of the ISO date prefix each counts by.
PERIODS = {"day": 10, "month": 7, "year": 4}
#: What ``events_per_country(by=...)`` counts by.
COUNTRY_BY = ("place", "source", "target")


@dataclass
class ActorProfile:
    """Everything the store knows about one actor (or a country / code prefix)."""

    query: str
    code: str  # the CAMEO prefix when the name meant a country or a code, else ""
    actors: list[Actor]  # registry entries the name stands for, the main one first
    counts: dict[str, int]
    counterparts: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    quotes: list[Quote] = field(default_factory=list)


class Query:
    """Read-only questions over a :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self.store.connection

    def criteria(self, table: str, filters: dict[str, Any]) -> Criteria:
        """Validate and resolve filters for a listing (raises :class:`QueryError`)."""
        return criteria(self._conn, parse(table, filters))

    # -- listings -------------------------------------------------------------------

    def events(
        self, *, limit: Any = 50, offset: Any = 0, sort: str | None = None, **filters: Any
    ) -> list[MergedEvent] | list[Event]:
        """Real-world events (``MergedEvent``: the merge of the records that report one event), or
        with ``mentions=True`` the coded records (``Event``); complete ones unless ``partial``."""
        c = self.criteria("events", filters)
        field_, desc = parse_sort("events", sort)
        return self._run(
            queries.events, c, sort=field_, desc=desc, limit=parse_limit(limit), offset=_offset(offset)
        )

    def count_events(self, **filters: Any) -> int:
        return self._run(queries.count_events, self.criteria("events", filters))

    def actors(
        self, *, limit: Any = 50, offset: Any = 0, sort: str | None = None, **filters: Any
    ) -> list[tuple[Actor, int, int, int]]:
        """(actor, events, mentions, quotes), most events first by default."""
        c = self.criteria("actors", filters)
        field_, desc = parse_sort("actors", sort)
        return self._run(
            queries.actors, c, sort=field_, desc=desc, limit=parse_limit(limit), offset=_offset(offset)
        )

    def quotes(
        self, *, limit: Any = 50, offset: Any = 0, sort: str | None = None, **filters: Any
    ) -> list[Quote]:
        c = self.criteria("quotes", filters)
        field_, desc = parse_sort("quotes", sort)
        return self._run(
            queries.quotes, c, sort=field_, desc=desc, limit=parse_limit(limit), offset=_offset(offset)
        )

    def places(
        self, *, limit: Any = 50, offset: Any = 0, sort: str | None = None, **filters: Any
    ) -> list[tuple[Place, int, int]]:
        """(place, mentions, events), most mentioned first by default."""
        c = self.criteria("places", filters)
        field_, desc = parse_sort("places", sort)
        return self._run(
            queries.places, c, sort=field_, desc=desc, limit=parse_limit(limit), offset=_offset(offset)
        )

    def articles(
        self, *, limit: Any = 50, offset: Any = 0, sort: str | None = None, **filters: Any
    ) -> list[Article]:
        """Articles, most recently ingested first by default (what `newsgraph articles` lists)."""
        c = self.criteria("articles", filters)
        field_, desc = parse_sort("articles", sort)
        return self._run(
            queries.articles, c, sort=field_, desc=desc, limit=parse_limit(limit), offset=_offset(offset)
        )

    def article_ids(self, **filters: Any) -> list[str]:
        """The ids of every matching article, in ingest order (filters as for :meth:`articles`)."""
        return [a.id for a in self.iter_records("articles", **filters)]

    def search(self, text: str, *, limit: Any = 20, offset: Any = 0, **filters: Any) -> list[Hit]:
        """Full-text search over article titles and text, best match first, with snippets."""
        from newsgraph.query.filters import fts_expression

        c = self.criteria("search", filters)
        return self._run(
            queries.search, fts_expression(text), c, limit=parse_limit(limit), offset=_offset(offset)
        )

    def iter_records(self, table: str, **filters: Any) -> Iterator[Any]:
        """Every matching record of a table, streamed in write order (for exports)."""
        if table not in queries.RECORDS:
            raise QueryError(f"unknown table {shown(table)}; allowed: {', '.join(queries.RECORDS)}")
        c = self.criteria(table, filters)
        return _guard(queries.iter_records(self._conn, table, c))

    def iter_event_rows(self, **filters: Any) -> tuple[type, Iterator[tuple[Any, ...]]]:
        """The events of ``iter_records("events", ...)`` as (their record class, rows of its field
        values in order), without building a record per row: for writers of tens of thousands."""
        c = self.criteria("events", filters)
        return queries.event_class(c), _guard(queries.iter_event_rows(self._conn, c))

    def iter_gdelt(self, **filters: Any) -> Iterator[tuple[Any, dict[str, Any]]]:
        """(event, joined values) for the GDELT event table: real-world events (``MergedEvent``),
        or with ``mentions=True`` the coded records (``Event``)."""
        return _guard(queries.iter_gdelt(self._conn, self.criteria("events", filters)))

    def event_mentions(self, event_id: str) -> list[Event]:
        """The mentions (coded records, with their sentence and rule) of one real-world event."""
        return self._run(queries.event_mentions, event_id)

    def iter_gdelt_mentions(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Each mention of the matching real-world events, for GDELT 2.0's mentions table."""
        c = self.criteria("events", {**filters, "mentions": False})
        return _guard(queries.iter_gdelt_mentions(self._conn, c))

    # -- aggregations -----------------------------------------------------------------

    def timeline(self, *, by: str = "month", **filters: Any) -> list[dict[str, Any]]:
        """Events per period per quad class, for any event filters: ``actor=`` for one actor,
        ``actor=, counterpart=`` for a dyad (both directions). ``by``: "month" (the default) or
        "year", from the first period to the last with empty ones as zeros, or "day", only the days
        that have events. Each row is keyed by its granularity: ``{"month": "2017-07", ...}``.
        An event counts in a period when its date is at least that precise."""
        period = parse_choice(by, PERIODS, "--by")
        c = self.criteria("events", filters)
        if period == "month":
            # The month has a fast path: trigger-kept counts per actor and per country.
            return monthly(self._run(queries.timeline, c))
        return per_period(self._run(queries.timeline_scan, c, size=PERIODS[period]), period)

    def counterparts(self, actor: str, *, limit: Any = 20, **filters: Any) -> list[dict[str, Any]]:
        """Who ``actor`` dealt with: events each way and mean Goldstein, most events first."""
        c = self.criteria("events", {**filters, "actor": actor})
        return self._run(queries.counterparts, c, limit=parse_limit(limit))

    def network(self, *, limit: Any = 100, min_events: Any = 1, **filters: Any) -> list[dict[str, Any]]:
        """Directed actor pairs with event counts and mean Goldstein, among matching events: pairs
        with at least ``min_events`` events, most events first."""
        c = self.criteria("events", filters)
        least = parse_limit(min_events, name="--min-events")
        return self._run(queries.network, c, limit=parse_limit(limit), min_events=least)

    def events_per_country(self, *, by: str = "place", **filters: Any) -> list[dict[str, Any]]:
        """Events counted by country (``{"country": "SYR", "name": "Syria", "events": 4}``, most
        first): of their place (``by="place"``) or of their source / target actor's CAMEO code, its
        first three letters (``by="source"``, ``by="target"``)."""
        by = parse_choice(by, COUNTRY_BY, "--by")
        rows = self._run(queries.events_per_country, self.criteria("events", filters), by=by)
        return [{"country": cc, "name": _country_name(cc), "events": n} for cc, n in rows]

    def top_actors(self, *, limit: Any = 20, **filters: Any) -> list[dict[str, Any]]:
        """Actors with the most events (in the date range, when one is given)."""
        return [
            {"actor_id": a.id, "name": a.name, "code": a.code, "events": ev, "mentions": me, "quotes": qu}
            for a, ev, me, qu in self.actors(limit=limit, sort="-events", **filters)
        ]

    def actor(
        self,
        name: str,
        *,
        quotes: int = 5,
        counterparts: int = 10,
        partial: bool = False,
        mentions: bool = False,
    ) -> ActorProfile:
        """The profile of an actor: registry entries, counts, counterparts, timeline, recent quotes.
        Its events are complete real-world events, partial ones too with ``partial``, the coded
        records (mentions) with ``mentions``."""
        side = actor_side(self._conn, name, flag="")
        c = Criteria(actor=side, partial=partial, mentions=mentions)
        return ActorProfile(
            query=name,
            code=side.code,
            actors=self._run(queries.actors_of, side),
            counts=self._run(queries.side_counts, side, partial=partial, mentions=mentions),
            counterparts=self._run(queries.counterparts, c, limit=counterparts),
            timeline=monthly(self._run(queries.timeline, c)),
            quotes=self._run(queries.quotes, c, limit=quotes),
        )

    def actor_by_id(
        self, actor_id: str, *, quotes: int = 10, counterparts: int = 30, partial: bool = False
    ) -> ActorProfile | None:
        """The profile of the one registry entry ``actor_id`` (None when no actor has that id)."""
        if not queries.actor_exists(self._conn, actor_id):
            return None
        return self.actor(actor_id, quotes=quotes, counterparts=counterparts, partial=partial)

    # -- how the news talks: themes, tone, co-mentions (newsgraph.query.signals) ----------

    def themes(self, **options: Any) -> list[dict[str, Any]]:
        """Theme matches per period (see :func:`newsgraph.query.signals.themes`)."""
        from newsgraph.query import signals

        return signals.themes(self, **options)

    def tone(self, **options: Any) -> list[dict[str, Any]]:
        """Tone per period of articles or sentences (see :func:`newsgraph.query.signals.tone`)."""
        from newsgraph.query import signals

        return signals.tone(self, **options)

    def comentions(self, **options: Any) -> list[dict[str, Any]]:
        """Actor pairs named together (see :func:`newsgraph.query.signals.comentions`)."""
        from newsgraph.query import signals

        return signals.comentions(self, **options)

    def iter_gkg(self, **filters: Any) -> Iterator[tuple[int, Analysis]]:
        """(ingest sequence, analysis) of each matching article, for the GKG export."""
        from newsgraph.query import signals

        return signals.iter_gkg(self, **filters)

    def article_themes(self, article_id: str) -> list[dict[str, Any]]:
        """One article's themes with counts and offsets."""
        from newsgraph.query import signals

        return signals.article_themes(self, article_id)

    # -- the web workbench --------------------------------------------------------------

    def overview(self, *, complete: bool = True) -> dict[str, Any]:
        """Corpus figures: rows per table, sites, publication-date span, and (unless not
        ``complete``) complete events (the default of every event query) per quad class under
        ``complete_events``."""
        figures = self._run(queries.overview)
        if not complete:
            return figures
        by_quad = self._run(queries.quad_counts, Criteria())
        figures["complete_events"] = {key: by_quad.get(i, 0) for i, key in enumerate(QUAD_KEYS, 1)}
        return figures

    def busiest_actors(self, *, limit: Any = 10, partial: bool = False) -> list[tuple[Actor, int]]:
        """The actors in the most complete events (every record with ``partial``) dated to the
        month or day."""
        return self._run(queries.busiest_actors, limit=parse_limit(limit), partial=partial)

    def quad_counts(self, **filters: Any) -> dict[str, int]:
        """Matching events per quad class (keys of :data:`QUAD_KEYS`)."""
        found = self._run(queries.quad_counts, self.criteria("events", filters))
        return {key: found.get(i, 0) for i, key in enumerate(QUAD_KEYS, 1)}

    def event_places(self, *, limit: Any = 500, **filters: Any) -> list[tuple[Place, int]]:
        """Places (with coordinates) of the matching events and how many events each, most first."""
        return self._run(queries.event_places, self.criteria("events", filters), limit=parse_limit(limit))

    def mention_places(self, *, limit: Any = 500, **filters: Any) -> list[tuple[Place, int]]:
        """Places (with coordinates) named in the matching articles and how often, most first. Takes
        the event filters; those on articles (dates, site, language, text) and places apply."""
        c = self.criteria("events", filters)
        return self._run(queries.mention_places, c, limit=parse_limit(limit))

    def errors(self, *, limit: Any = 50, offset: Any = 0) -> list[Error]:
        """Inputs that failed, with the stage and reason, most recent first."""
        found = self._run(queries.errors, limit=parse_limit(limit), offset=_offset(offset))
        return [Error(uri=u, stage=s, reason=r, at=a) for u, s, r, a in found]

    def article(self, ref: str) -> Article | None:
        """The article with this id or unique id prefix (>= 4 characters); None when none.
        Raises :class:`newsgraph.store.StoreError` for an ambiguous or too short prefix."""
        return self.store.article(ref)

    def analysis(self, article_id: str) -> Analysis | None:
        """An article with every record found in it."""
        return self.store.analysis(article_id)

    def duplicates(self, article_id: str) -> list[Duplicate]:
        """Later copies of an article that were linked to it instead of being analysed again."""
        return self.store.duplicates(article_id)

    def names(self, actor_ids: list[str]) -> dict[str, str]:
        return queries.actor_names(self._conn, actor_ids)

    def place_names(self, place_ids: list[str]) -> dict[str, str]:
        return queries.place_names(self._conn, place_ids)

    def place_records(self, place_ids: list[str]) -> dict[str, Place]:
        """The registry's places by id (those stored)."""
        found = (self.store.place(i) for i in dict.fromkeys(place_ids) if i)
        return {p.id: p for p in found if p is not None}

    def _run(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(self._conn, *args, **kwargs)
        except sqlite3.OperationalError as exc:
            raise _user_error(exc) from exc


def _guard(rows: Iterator[Any]) -> Iterator[Any]:
    try:
        yield from rows
    except sqlite3.OperationalError as exc:
        raise _user_error(exc) from exc


def _user_error(exc: sqlite3.OperationalError) -> Exception:
    message = str(exc)
    search_errors = (
        "fts5",
        "syntax error",
        "unterminated string",
        "malformed MATCH",
        "no such column",
        "unknown special query",
    )
    if any(s in message for s in search_errors):
        return QueryError(
            f'bad search text ({message}); use words, "exact phrases", OR, NOT, NEAR(a b), prefix*'
        )
    return exc


def _country_name(code: str) -> str:
    """The everyday name of an ISO alpha-3 code; "" for the other three-letter CAMEO prefixes of
    actor codes (IGO, regions such as EUR), which name no country."""
    name = country_name(code)
    return "" if name == code else name


def _offset(value: Any) -> int:
    return parse_limit(value, name="--offset", minimum=0)


def monthly(rows: list[tuple[str, int, int]]) -> list[dict[str, Any]]:
    """(month, quad, n) rows -> one dict per month from the first to the last, gaps as zeros."""
    return per_period(rows, "month")


def per_period(rows: list[tuple[str, int, int]], period: str) -> list[dict[str, Any]]:
    """(period, quad, n) rows -> one dict per period (key ``period``: "day", "month" or "year").
    Months and years run from the first to the last with gaps as zeros; days are only those with
    events (a gap-filled span of years would be thousands of empty rows)."""
    size = PERIODS[period]

    def empty(key: str) -> dict[str, Any]:
        return {period: key, **dict.fromkeys(QUAD_KEYS, 0), "total": 0}

    found: dict[str, dict[str, Any]] = {}
    for key, quad, n in rows:
        entry = found.setdefault(key, empty(key))
        entry[QUAD_KEYS[quad - 1]] += n
        entry["total"] += n
    keys = sorted(k for k in found if len(k) == size)
    if not keys:
        return []
    if period == "day":
        return [found[k] for k in keys]
    span = _month_range(keys[0], keys[-1]) if period == "month" else _year_range(keys[0], keys[-1])
    return [found.get(k) or empty(k) for k in span]


def _year_range(first: str, last: str) -> Iterator[str]:
    return (f"{year:04d}" for year in range(int(first), int(last) + 1))


def _month_range(first: str, last: str) -> Iterator[str]:
    year, month = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month:02d}" <= last:
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
