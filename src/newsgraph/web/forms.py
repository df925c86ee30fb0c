"""Query strings -> the keyword filters of :class:`newsgraph.query.Query`, with bounded paging.

Filters keep the names of the command line (``with`` is the counterpart); a filter that takes several
values may be repeated (``quad=3&quad=4``) or comma-separated. Every value goes to the query layer's
own validation, which binds it as a parameter; nothing here builds SQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from newsgraph.query import ALLOWED, QueryError

#: Rows a listing shows at most per page, and how deep paging may go (narrow the filters instead).
MAX_LIMIT = 200
MAX_OFFSET = 10_000
#: Filters that take several values.
MANY = frozenset({"cameo", "plover", "quad", "modality", "site", "language", "kind"})
#: Parameters that are not filters.
PAGING = ("limit", "offset", "sort")
#: The names the pages use for filters whose Python keyword differs.
URL_NAMES = {"counterpart": "with"}


@dataclass(frozen=True)
class Listing:
    """A page request: the filters, and which slice of the results."""

    filters: dict[str, Any]
    limit: int
    offset: int
    sort: str | None

    def page_args(self) -> dict[str, Any]:
        return {"limit": self.limit, "offset": self.offset, "sort": self.sort}


def filter_names(table: str) -> tuple[str, ...]:
    """The URL names of a listing's filters."""
    return tuple(URL_NAMES.get(name, name) for name in ALLOWED[table])


def parse_filters(
    table: str, params: Mapping[str, Sequence[str]], *, extra: Sequence[str] = ()
) -> dict[str, Any]:
    """Filters of ``table`` from a query string (``params``: name -> values). An unknown name is a
    :class:`QueryError`: a misspelt filter must not silently return everything."""
    allowed = set(filter_names(table))
    filters: dict[str, Any] = {}
    for name, values in params.items():
        if name in PAGING or name in extra:
            continue
        if name not in allowed:
            raise QueryError(f"{name!r} is not a filter here; allowed: {', '.join(sorted(allowed))}")
        present = [v for v in values if v.strip()]
        if not present:
            continue
        key = "counterpart" if name == "with" else name
        filters[key] = present if name in MANY else present[-1]
    return filters


def parse_listing(
    table: str,
    params: Mapping[str, Sequence[str]],
    *,
    default_limit: int = 50,
    extra: Sequence[str] = (),
) -> Listing:
    """Filters plus ``limit`` (1..MAX_LIMIT), ``offset`` (0..MAX_OFFSET) and ``sort``."""
    limit = _number(params, "limit", default_limit, 1, MAX_LIMIT)
    offset = _number(params, "offset", 0, 0, MAX_OFFSET)
    sort = (params.get("sort") or [""])[-1].strip() or None
    return Listing(parse_filters(table, params, extra=extra), limit, offset, sort)


def _number(params: Mapping[str, Sequence[str]], name: str, default: int, low: int, high: int) -> int:
    values = params.get(name) or []
    text = values[-1].strip() if values else ""
    if not text:
        return default
    try:
        number = int(text)
    except ValueError:
        raise QueryError(f"{name} must be a whole number from {low} to {high}, not {text!r}") from None
    if not low <= number <= high:
        raise QueryError(f"{name} must be a whole number from {low} to {high}, not {text!r}")
    return number


def query_string(filters: Mapping[str, Any], **more: Any) -> str:
    """Filters (and paging) back into a query string, for links that keep the current filter."""
    pairs: list[tuple[str, str]] = []
    for key, value in {**filters, **more}.items():
        if value is None or value == "" or value is False:
            continue
        name = URL_NAMES.get(key, key)
        for item in value if isinstance(value, list | tuple) else [value]:
            pairs.append((name, "true" if item is True else str(item)))
    return urlencode(pairs)


def multi(request_params: Any) -> dict[str, list[str]]:
    """Starlette's QueryParams -> name -> every value given."""
    return {key: request_params.getlist(key) for key in request_params}
