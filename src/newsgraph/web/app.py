"""The FastAPI application: security headers, error pages, static files and the vendored libraries.

``create_app(db)`` builds it over one store file; ``serve(db, host, port)`` runs it with uvicorn.
"""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from newsgraph.query import QUAD_KEYS, QueryError
from newsgraph.store import QueryTimeout, StoreError
from newsgraph.web import forms, reader
from newsgraph.web.cache import Cache
from newsgraph.web.stores import Stores

HERE = Path(__file__).resolve().parent

#: Every script comes from this origin, as a file: no inline script, no eval, nothing from elsewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

#: The third-party files the pages load, by the name they are served under: (package, path in it).
VENDOR = {
    "echarts.min.js": ("echarts", "dist/echarts.min.js"),
    "topojson-client.min.js": ("topojson-client", "dist/topojson-client.min.js"),
    "countries-110m.json": ("world-atlas", "countries-110m.json"),
}


def vendor_dir() -> Path:
    """Where ``npm ci`` put the libraries: $NEWSGRAPH_WEB_VENDOR, ./node_modules, or the checkout's."""
    given = os.environ.get("NEWSGRAPH_WEB_VENDOR")
    if given:
        return Path(given)
    here = Path.cwd() / "node_modules"
    return here if here.is_dir() else HERE.parents[2] / "node_modules"


def create_app(
    db: str | Path, *, timeout: float = 5.0, vendor: Path | None = None, cache: bool = True
) -> FastAPI:
    """The workbench over the store at ``db``, opened read-only; reads stop after ``timeout`` s (503).
    ``cache``: keep the answers of the slow aggregations while the store is unchanged."""
    from newsgraph.web import api, pages

    stores = Stores(db, timeout=timeout)
    answers = Cache(db, enabled=cache)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()
        answers.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsgraph",
        summary="The record of who did what to whom, read-only, as JSON.",
        docs_url=None,  # Swagger UI and ReDoc load their code from a CDN
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.stores = stores
    app.state.cache = answers
    app.state.templates = _templates()
    app.state.vendor = vendor or vendor_dir()
    app.middleware("http")(_headers)
    app.add_exception_handler(QueryTimeout, _timeout)
    app.add_exception_handler(QueryError, _bad_request)
    app.add_exception_handler(StoreError, _bad_request)
    app.include_router(pages.router)
    app.include_router(api.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_api_route("/vendor/{name}", _vendor, methods=["GET"], include_in_schema=False)
    return app


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8001, timeout: float = 5.0) -> None:
    import uvicorn

    uvicorn.run(create_app(db, timeout=timeout), host=host, port=port, log_level="info")


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every value is escaped; no template marks article data safe
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        actor_url=reader.actor_url,
        article_url=reader.article_url,
        code_name=reader.code_name,
        qs=forms.query_string,
        quad_keys=QUAD_KEYS,
        quad_label=lambda key: key.replace("_", " "),
        safe_link=reader.safe_link,
        max_limit=forms.MAX_LIMIT,
    )
    return env


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    template = request.app.state.templates.get_template(name)
    return HTMLResponse(template.render(request=request, path=request.url.path, **context), status)


async def _headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    started = time.perf_counter()
    response = await call_next(request)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    # How long the server worked on it (for benchmarks/web.py and the browser's dev tools).
    response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
    return response


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, title: str, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    return render(request, "error.html", status, title=title, message=message)


async def _timeout(request: Request, exc: Exception) -> Response:
    message = f"{exc}; narrow the filters (a date range, an actor, a country) and try again"
    return _error(request, 503, "Query too slow", message)


async def _bad_request(request: Request, exc: Exception) -> Response:
    return _error(request, 400, "Cannot answer that", str(exc))


def _vendor(request: Request, name: str) -> Response:
    if name not in VENDOR:
        return _error(request, 404, "Not found", f"no library file {name!r}")
    package, inner = VENDOR[name]
    path = request.app.state.vendor / package / inner
    if not path.is_file():
        message = f"{package} is not installed ({path} is missing); run `make install` (npm ci)"
        return _error(request, 404, "Library missing", message)
    return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})
