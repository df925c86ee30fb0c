"""The HTML pages. Each reads through :class:`newsgraph.query.Query` and renders a template; the
charts, the network and the map load their data from :mod:`newsgraph.web.api`."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from newsgraph.query import Query, QueryError
from newsgraph.query.filters import MODALITIES, QUAD_WORDS
from newsgraph.web import downloads, forms, reader
from newsgraph.web.app import render
from newsgraph.web.cache import Cache, key
from newsgraph.web.stores import Stores

router = APIRouter(include_in_schema=False)

EVENT_SORTS = ("-date", "date", "-goldstein", "goldstein", "-confidence", "cameo", "quad")


def stores(request: Request) -> Stores:
    return request.app.state.stores


def cache(request: Request) -> Cache:
    return request.app.state.cache


def params(request: Request) -> dict[str, list[str]]:
    return forms.multi(request.query_params)


def form_values(raw: dict[str, list[str]]) -> dict[str, Any]:
    """What the user typed, to fill the form in again: lists for repeatable filters."""
    return {k: (v if k in forms.MANY else (v[-1] if v else "")) for k, v in raw.items()}


def failed(request: Request, template: str, exc: Exception, **context: Any) -> HTMLResponse:
    """The page with the form as it was and the one-line reason the filters cannot be used."""
    return render(request, template, 400, error=str(exc), **context)


def _event_context(raw: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "form": form_values(raw),
        "quads": list(QUAD_WORDS.items()),
        "modalities": MODALITIES,
        "sorts": EVENT_SORTS,
    }


def _names(q: Query, events: list[Any]) -> tuple[dict[str, str], dict[str, str]]:
    actors = q.names([x for e in events for x in (e.source_actor_id, e.target_actor_id)])
    return actors, q.place_names([e.place_id for e in events])


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    with stores(request).query() as q:
        overview = cache(request).get(key("overview"), q.overview)
        recent = q.articles(limit=10)
        top = cache(request).get(key("busiest", {}, 10), lambda: q.busiest_actors(limit=10))
        errors = q.errors(limit=5)
    return render(request, "home.html", overview=overview, recent=recent, top=top, errors=errors)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request) -> Response:
    raw = params(request)
    context: dict[str, Any] = {"form": form_values(raw), "found": [], "listing": None}
    try:
        listing = forms.parse_listing("articles", raw)
        with stores(request).query() as q:
            found = q.articles(**listing.filters, **listing.page_args())
    except QueryError as exc:
        return failed(request, "articles.html", exc, **context)
    return render(request, "articles.html", **{**context, "found": found, "listing": listing})


@router.get("/articles/{ref}", response_class=HTMLResponse)
def article(request: Request, ref: str) -> Response:
    with stores(request).query() as q:
        found = q.article(ref)
        if found is None:
            return render(request, "error.html", 404, title="No such article", message=f"no article {ref!r}")
        analysis = q.analysis(found.id)
        copies = q.duplicates(found.id)
    assert analysis is not None
    evidence = [(e.start, e.end) for e in analysis.events]
    return render(
        request,
        "article.html",
        a=analysis.article,
        analysis=analysis,
        segments=reader.segments(analysis.article.text, reader.marks(analysis), evidence),
        events=reader.event_views(analysis),
        actors={x.id: x for x in analysis.actors},
        places={p.id: p for p in analysis.places},
        copies=copies,
    )


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request) -> Response:
    raw = params(request)
    context: dict[str, Any] = {"form": form_values(raw), "found": [], "listing": None}
    try:
        listing = forms.parse_listing("actors", raw)
        with stores(request).query() as q:
            # Ranking every actor by events counts them all: kept until the store changes.
            found = cache(request).get(
                key("actors", listing.filters, listing.limit, listing.offset, listing.sort),
                lambda: q.actors(**listing.filters, **listing.page_args()),
            )
    except QueryError as exc:
        return failed(request, "actors.html", exc, **context)
    return render(request, "actors.html", **{**context, "found": found, "listing": listing})


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, actor_id: str) -> Response:
    with stores(request).query() as q:
        profile = actor_profile(request, q, actor_id)
        if profile is None:
            message = f"no actor with id {actor_id!r}"
            return render(request, "error.html", 404, title="No such actor", message=message)
        as_source = q.events(source=actor_id, limit=20)
        as_target = q.events(target=actor_id, limit=20)
        names, places = _names(q, as_source + as_target)
    main = profile.actors[0]
    chart = {"timeline": profile.timeline, "counterparts": profile.counterparts, "name": main.name}
    return render(
        request,
        "actor.html",
        profile=profile,
        actor=main,
        chart_json=json.dumps(chart, ensure_ascii=False),
        as_source=as_source,
        as_target=as_target,
        names=names,
        places=places,
    )


def actor_profile(request: Request, q: Query, actor_id: str) -> Any:
    return cache(request).get(key("actor", {}, actor_id), lambda: q.actor_by_id(actor_id, counterparts=30))


@router.get("/events", response_class=HTMLResponse)
def events(request: Request) -> Response:
    raw = params(request)
    context = {**_event_context(raw), "found": [], "listing": None, "total": 0, "names": {}, "places": {}}
    try:
        listing = forms.parse_listing("events", raw)
        with stores(request).query() as q:
            found = q.events(**listing.filters, **listing.page_args())
            # Counting every event of a big store is slow: kept until the store changes.
            counted = key("count_events", listing.filters)
            total = cache(request).get(counted, lambda: q.count_events(**listing.filters))
            names, places = _names(q, found)
    except QueryError as exc:
        return failed(request, "events.html", exc, **context)
    filters = listing.filters
    return render(
        request,
        "events.html",
        **{**context, "found": found, "listing": listing, "total": total, "names": names, "places": places},
        filters=filters,
    )


@router.get("/events/download.{fmt}")
def download(request: Request, fmt: str) -> Response:
    if fmt not in downloads.FORMATS:
        message = f"no download as {fmt!r}; one of: {', '.join(downloads.FORMATS)}"
        return render(request, "error.html", 404, title="No such download", message=message)
    filters = forms.parse_filters("events", params(request))
    with stores(request).query() as q:
        q.criteria("events", filters)  # a bad filter is a 400 now, not a broken file later
    media, name = downloads.FORMATS[fmt]
    return StreamingResponse(
        downloads.stream(stores(request), fmt, filters),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _filter_page(request: Request, template: str) -> Response:
    raw = params(request)
    context = _event_context(raw)
    try:
        filters = forms.parse_filters("events", raw)
        with stores(request).query() as q:
            q.criteria("events", filters)
    except QueryError as exc:
        return failed(request, template, exc, **context, filters={})
    return render(request, template, **context, filters=filters)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> Response:
    return _filter_page(request, "map.html")


@router.get("/network", response_class=HTMLResponse)
def network(request: Request) -> Response:
    return _filter_page(request, "network.html")


@router.get("/search", response_class=HTMLResponse)
def search(request: Request) -> Response:
    raw = params(request)
    text = (raw.get("q") or [""])[-1].strip()
    context: dict[str, Any] = {"form": form_values(raw), "text": text, "hits": [], "listing": None}
    if not text:
        return render(request, "search.html", **context)
    try:
        listing = forms.parse_listing("search", raw, default_limit=20, extra=("q",))
        with stores(request).query() as q:
            hits = q.search(text, limit=listing.limit, offset=listing.offset, **listing.filters)
    except QueryError as exc:
        return failed(request, "search.html", exc, **context)
    shown = [(h, snippet_parts(h.snippet)) for h in hits]
    return render(request, "search.html", **{**context, "hits": shown, "listing": listing})


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """FTS5's snippet, whose matches are between ``**``, as (text, is_match) pieces to escape."""
    return [(part, i % 2 == 1) for i, part in enumerate(snippet.split("**")) if part]


@router.get("/errors", response_class=HTMLResponse)
def errors(request: Request) -> Response:
    raw = params(request)
    listing = forms.parse_listing("search", {k: v for k, v in raw.items() if k in forms.PAGING})
    with stores(request).query() as q:
        found = q.errors(limit=listing.limit, offset=listing.offset)
        total = q.overview(complete=False)["errors"]
    return render(request, "errors.html", found=found, listing=listing, total=total)


@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request) -> Response:
    schema = request.app.openapi()
    routes = [
        (path, op.get("summary", ""), op.get("description", "").split("\n")[0])
        for path, ops in schema["paths"].items()
        for op in ops.values()
    ]
    return render(request, "api.html", routes=routes, asdict=asdict)
