"""The JSON API under ``/api``: the data of the pages, described by ``/api/openapi.json``.

Filters are the query-string parameters of the pages (the names of the command line, ``with`` for
the counterpart; repeat a parameter or separate values by commas for several). Listings take
``limit`` (at most 200), ``offset`` (at most 10,000) and ``sort``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from newsgraph.query import QueryError
from newsgraph.query.filters import parse_choice
from newsgraph.records import to_dict
from newsgraph.web import forms
from newsgraph.web.cache import key
from newsgraph.web.pages import actor_profile, cache, params, stores

router = APIRouter(prefix="/api", tags=["newsgraph"])

PAGING = ("limit", "offset", "sort")


def _doc(table: str | None, *extra: str, paging: bool = True) -> dict[str, Any]:
    """OpenAPI parameters of an endpoint: the listing's filters, paging, and ``extra``."""
    names = [*extra, *(forms.filter_names(table) if table else ()), *(PAGING if paging else ())]
    return {
        "parameters": [
            {"name": name, "in": "query", "required": name == "q", "schema": {"type": "string"}}
            for name in names
        ]
    }


def _listing(request: Request, table: str, **kwargs: Any) -> forms.Listing:
    return forms.parse_listing(table, params(request), **kwargs)


def _not_found(message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=404)


@router.get("/overview", summary="Corpus figures")
def overview(request: Request) -> dict[str, Any]:
    """Articles, sites, publication-date span, actors, complete events per quad class, errors."""
    with stores(request).query() as q:
        return cache(request).get(key("overview"), q.overview)


@router.get("/articles", summary="Articles", openapi_extra=_doc("articles"))
def articles(request: Request) -> dict[str, Any]:
    """Articles, most recently ingested first (``sort``: ingested, published, title, site)."""
    listing = _listing(request, "articles")
    with stores(request).query() as q:
        found = q.articles(**listing.filters, **listing.page_args())
    return {"articles": [to_dict(a) for a in found], "limit": listing.limit, "offset": listing.offset}


@router.get("/articles/{ref}", summary="One article with everything found in it", response_model=None)
def article(request: Request, ref: str) -> dict[str, Any] | JSONResponse:
    """The article (id or unique prefix) with its actors, mentions, places, time expressions,
    quotes, events, notes, and the copies linked to it."""
    with stores(request).query() as q:
        found = q.article(ref)
        if found is None:
            return _not_found(f"no article {ref!r}")
        analysis = q.analysis(found.id)
        copies = q.duplicates(found.id)
    return {**to_dict(analysis), "duplicates": [to_dict(c) for c in copies]}


@router.get("/actors", summary="Actors with their counts", openapi_extra=_doc("actors"))
def actors(request: Request) -> dict[str, Any]:
    listing = _listing(request, "actors")
    with stores(request).query() as q:
        found = q.actors(**listing.filters, **listing.page_args())
    rows = [{**to_dict(a), "events": ev, "mentions": me, "quotes": qu} for a, ev, me, qu in found]
    return {"actors": rows, "limit": listing.limit, "offset": listing.offset}


@router.get("/actors/{actor_id}", summary="An actor's profile", response_model=None)
def actor(request: Request, actor_id: str) -> dict[str, Any] | JSONResponse:
    """Registry entry, counts, counterparts (events each way, mean Goldstein), monthly timeline by
    quad class, recent quotes."""
    with stores(request).query() as q:
        profile = actor_profile(request, q, actor_id)
    if profile is None:
        return _not_found(f"no actor with id {actor_id!r}")
    return asdict(profile)


@router.get("/events", summary="Events", openapi_extra=_doc("events"))
def events(request: Request) -> dict[str, Any]:
    """Matching events, newest first by default, with the names of their actors and places."""
    listing = _listing(request, "events")
    with stores(request).query() as q:
        found = q.events(**listing.filters, **listing.page_args())
        names = q.names([x for e in found for x in (e.source_actor_id, e.target_actor_id)])
        places = q.place_names([e.place_id for e in found])
    return {
        "events": [to_dict(e) for e in found],
        "actors": names,
        "places": places,
        "limit": listing.limit,
        "offset": listing.offset,
    }


@router.get("/events/count", summary="How many events match", openapi_extra=_doc("events", paging=False))
def count(request: Request) -> dict[str, Any]:
    filters = forms.parse_filters("events", params(request))
    with stores(request).query() as q:
        return {"events": q.count_events(**filters), "by_quad": q.quad_counts(**filters)}


@router.get("/timeline", summary="Events per period and quad class", openapi_extra=_doc("events", "by"))
def timeline(request: Request) -> dict[str, Any]:
    """``by``: day, month (default) or year."""
    raw = params(request)
    by = parse_choice((raw.get("by") or ["month"])[-1], ("day", "month", "year"), "by")
    filters = forms.parse_filters("events", raw, extra=("by",))
    with stores(request).query() as q:
        found = cache(request).get(key("timeline", filters, by), lambda: q.timeline(by=by, **filters))
    return {"by": by, "timeline": found}


@router.get("/network", summary="Directed actor pairs", openapi_extra=_doc("events", "min_events"))
def network(request: Request) -> dict[str, Any]:
    """Pairs (source, target) among the matching events with event counts and mean Goldstein, most
    events first (``limit`` pairs, at most 200)."""
    raw = params(request)
    listing = forms.parse_listing("events", raw, default_limit=100, extra=("min_events",))
    least = (raw.get("min_events") or ["1"])[-1]
    with stores(request).query() as q:
        pairs = cache(request).get(
            key("network", listing.filters, listing.limit, least),
            lambda: q.network(limit=listing.limit, min_events=least, **listing.filters),
        )
    return {"pairs": pairs}


@router.get("/map", summary="Points for the map", openapi_extra=_doc("events", paging=False))
def map_points(request: Request) -> dict[str, Any]:
    """Places of the matching events, and places named in the matching articles, with coordinates
    and counts (500 of each at most, most first)."""
    filters = forms.parse_filters("events", params(request))
    with stores(request).query() as q:
        return cache(request).get(key("map", filters), lambda: _points(q, filters))


def _points(q: Any, filters: dict[str, Any]) -> dict[str, Any]:
    events = q.event_places(limit=500, **filters)
    mentions = q.mention_places(limit=500, **filters)
    return {
        "event_places": [{**to_dict(p), "events": n} for p, n in events],
        "mention_places": [{**to_dict(p), "mentions": n} for p, n in mentions],
    }


@router.get("/search", summary="Full-text search", openapi_extra=_doc("search", "q"))
def search(request: Request) -> dict[str, Any]:
    """Articles matching ``q`` (words, "phrases", OR, NOT, prefix*), best first, with snippets whose
    matches are between ``**``."""
    listing = _listing(request, "search", default_limit=20, extra=("q",))
    text = (params(request).get("q") or [""])[-1]
    if not text.strip():
        raise QueryError("give the search text as q=...")
    with stores(request).query() as q:
        hits = q.search(text, limit=listing.limit, offset=listing.offset, **listing.filters)
    return {"hits": [asdict(h) for h in hits]}


@router.get("/errors", summary="Inputs that failed, and why", openapi_extra=_doc(None))
def errors(request: Request) -> dict[str, Any]:
    listing = forms.parse_listing("search", {k: v for k, v in params(request).items() if k in PAGING})
    with stores(request).query() as q:
        found = q.errors(limit=listing.limit, offset=listing.offset)
    return {"errors": [to_dict(e) for e in found]}
