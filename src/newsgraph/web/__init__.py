"""The analyst's workbench: a local web app over one store (``newsgraph serve``).

FastAPI renders every page on the server with Jinja2 (autoescaped) and answers the same data as JSON
under ``/api``; charts, the network and the map are drawn in the browser by ECharts with Natural Earth
outlines from world-atlas, both served by the app from ``node_modules`` (``make install``), never from
a CDN. The store is opened read-only, every read has a time limit, and every page reads through
:mod:`newsgraph.query`.

>>> from newsgraph.web import create_app
>>> app = create_app("news.db")      # doctest: +SKIP  (an ASGI app: uvicorn, TestClient)
"""

from newsgraph.web.app import create_app, serve

__all__ = ["create_app", "serve"]
