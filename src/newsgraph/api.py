"""The Python API.

>>> import newsgraph
>>> g = newsgraph.open("newsgraph.db")                         # doctest: +SKIP
>>> g.events(actor="Putin", since="2017-01-01")                # list[Event]   doctest: +SKIP
>>> g.events(actor="Russia", counterpart="USA").to_pandas()    # needs pandas  doctest: +SKIP
>>> g.timeline(actor="Russia", counterpart="United States")    # per month, per quad class
>>> newsgraph.process("<html>...</html>")                      # one document, no store

Every method takes the filters of the CLI as keyword arguments (``actor``, ``counterpart``,
``source``, ``target``, ``source_country``, ``target_country``, ``cameo``, ``plover``, ``quad``,
``modality``, ``since``, ``until``, ``place``, ``country``, ``site``, ``language``, ``text``,
``kind``, ``article``, ``partial``, ``theme``, ``domain``; lists or comma-separated strings where
several values make sense) and raises :class:`newsgraph.query.QueryError` for a value it cannot use.
Events are complete CAMEO events unless ``partial=True`` (the old ``dyadic=True`` still reads, and
asks for the default), and real-world events (``MergedEvent``: the mentions of one event merged by
``newsgraph.store.merge``) unless ``mentions=True`` (each coded record, ``Event``).
``timeline`` also takes ``by="day"|"month"|"year"`` and ``network`` ``min_events=N``; ``themes``,
``tone`` and ``comentions`` take ``by=`` (also "all").
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Generic, TypeVar

from newsgraph.frames import Lookup, frame, lookup_from
from newsgraph.query import ActorProfile, Hit, Query
from newsgraph.records import Actor, Analysis, Article, Event, Place, Quote, to_dict
from newsgraph.store import Store

T = TypeVar("T")

__all__ = ["Graph", "Records", "open", "process"]


class Records(list[T], Generic[T]):
    """A list of records (or dict rows) that can become a pandas DataFrame.

    ``table`` and ``lookup`` (set by :class:`Graph`) let the frame carry the names of the actors
    and places the records point at, and real dates (see :mod:`newsgraph.frames`)."""

    def __init__(self, items: Iterable[T] = (), *, table: str = "", lookup: Lookup | None = None) -> None:
        super().__init__(items)
        self.table = table
        self.lookup = lookup

    def to_pandas(self) -> Any:
        """One row per record, one column per field; for events also ``source_name``,
        ``target_name``, ``place_name``, ``place_country``, ``lat``, ``lon``, for quotes
        ``speaker_name``; dates (``Event.date``, ``Article.published``) as ``datetime64``, the start
        of the period they name, with their precision column beside them (pandas must be installed).
        """
        try:
            import pandas  # noqa: F401 - only to say what is missing
        except ImportError:
            raise ImportError(
                "to_pandas() needs pandas, which is not installed: pip install pandas"
            ) from None
        return frame(self.table, [_as_dict(r) for r in self], self.lookup)


def _as_dict(item: Any) -> dict[str, Any]:
    if isinstance(item, dict):
        return item
    if hasattr(item, "__dataclass_fields__"):
        return to_dict(item)
    raise TypeError(f"cannot tabulate {type(item).__name__}")


class Graph:
    """An open newsgraph store. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.store = Store(path)
        self.query = Query(self.store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"newsgraph.open({str(self.store.path)!r})"

    # listings: records of newsgraph.records
    def events(self, **filters: Any) -> Records[Event]:
        return Records(self.query.events(**filters), table="events", lookup=lookup_from(self.query))

    def quotes(self, **filters: Any) -> Records[Quote]:
        return Records(self.query.quotes(**filters), table="quotes", lookup=lookup_from(self.query))

    def articles(self, **filters: Any) -> Records[Article]:
        return Records(self.query.articles(**filters), table="articles")

    def actors(self, **filters: Any) -> Records[Actor]:
        """Actors, most events first (counts: :meth:`top_actors`)."""
        return Records(a for a, *_ in self.query.actors(**filters))

    def places(self, **filters: Any) -> Records[Place]:
        return Records(p for p, *_ in self.query.places(**filters))

    def search(self, text: str, **filters: Any) -> Records[Hit]:
        return Records(self.query.search(text, **filters))

    def actor(self, name: str) -> ActorProfile:
        return self.query.actor(name)

    # aggregations: dict rows
    def timeline(self, **filters: Any) -> Records[dict[str, Any]]:
        return Records(self.query.timeline(**filters))

    def counterparts(self, actor: str, **filters: Any) -> Records[dict[str, Any]]:
        return Records(self.query.counterparts(actor, **filters))

    def network(self, **filters: Any) -> Records[dict[str, Any]]:
        return Records(self.query.network(**filters))

    def events_per_country(self, **filters: Any) -> Records[dict[str, Any]]:
        return Records(self.query.events_per_country(**filters))

    def top_actors(self, **filters: Any) -> Records[dict[str, Any]]:
        return Records(self.query.top_actors(**filters))

    # how the news talks: themes, tone, co-mentions (see newsgraph.query.signals)
    def themes(self, **filters: Any) -> Records[dict[str, Any]]:
        """Theme matches per period (``by=``, ``limit=`` themes per period, every event filter)."""
        return Records(self.query.themes(**filters))

    def tone(self, **filters: Any) -> Records[dict[str, Any]]:
        """Tone per period on GDELT's scale (``by=``, ``unit="article"|"sentence"``, ``actor=``,
        ``country=``, ``theme=``)."""
        return Records(self.query.tone(**filters))

    def comentions(self, **filters: Any) -> Records[dict[str, Any]]:
        """Actor pairs named in one sentence or paragraph (``by=``, ``scope=``, ``actor=``)."""
        return Records(self.query.comentions(**filters))

    def export(self, table: str, fmt: str, out: str | Path, **filters: Any) -> int:
        from newsgraph.export import export

        return export(self.query, table, fmt, out, **filters)


def open(path: str | Path, *, create: bool = False) -> Graph:
    """Open a newsgraph store; a missing file is an error unless ``create``."""
    if not create and str(path) != ":memory:" and not Path(path).exists():
        raise FileNotFoundError(f"no newsgraph store at {path} (newsgraph ingest PATH --db {path})")
    return Graph(path)


def process(text_or_html: str | bytes, *, url: str = "", title: str = "", published: str = "") -> Analysis:
    """Extract and analyse one document without a store: HTML when it looks like HTML, else text.

    Held to the bounds an ingest holds each document to (the settings ``max_document_bytes``,
    ``max_extract_bytes``, ``max_extract_seconds``; analysis keeps ``max_analysis_chars`` and
    ``max_analysis_seconds``): a document past a size or extraction bound raises
    :class:`newsgraph.extract.ExtractError` with the reason an ingest would record."""
    from newsgraph import settings
    from newsgraph.analyze import analyze
    from newsgraph.extract import ExtractError, extract
    from newsgraph.sources.raw import RawDocument, max_document_bytes, sniff_kind, too_large_reason

    content = text_or_html.encode("utf-8") if isinstance(text_or_html, str) else text_or_html
    limit = max_document_bytes()
    if len(content) > limit:
        raise ExtractError("source", too_large_reason(limit, len(content)))
    kind = "html" if sniff_kind(content) == "html" else "text"
    meta = {k: v for k, v in (("url", url), ("title", title), ("published", published)) if v}
    raw = RawDocument(uri=url or "<process>", kind=kind, content=content, meta=meta)
    given = settings.current()
    return analyze(extract(raw, max_bytes=given.max_extract_bytes, max_seconds=given.max_extract_seconds))
