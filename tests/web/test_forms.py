"""Query strings -> query-layer filters, with bounded paging."""

from __future__ import annotations

import pytest

from newsgraph.query import QueryError
from newsgraph.web.forms import MAX_LIMIT, parse_filters, parse_listing, query_string


def test_filters_keep_the_command_line_names() -> None:
    raw = {"actor": ["Russia"], "with": ["USA"], "quad": ["3", "4"], "since": [""], "partial": ["true"]}
    assert parse_filters("events", raw) == {
        "actor": "Russia",
        "counterpart": "USA",
        "quad": ["3", "4"],
        "partial": "true",
    }


def test_an_unknown_filter_is_an_error_not_everything() -> None:
    with pytest.raises(QueryError, match="'colour' is not a filter here"):
        parse_filters("events", {"colour": ["red"]})
    with pytest.raises(QueryError):
        parse_filters("articles", {"quad": ["4"]})  # events only


def test_paging_is_bounded() -> None:
    listing = parse_listing("events", {"limit": ["20"], "offset": ["40"], "sort": ["-goldstein"]})
    assert (listing.limit, listing.offset, listing.sort) == (20, 40, "-goldstein")
    assert parse_listing("events", {}).limit == 50
    for bad in ({"limit": [str(MAX_LIMIT + 1)]}, {"limit": ["0"]}, {"offset": ["-1"]}, {"limit": ["ten"]}):
        with pytest.raises(QueryError):
            parse_listing("events", bad)


def test_query_strings_round_trip() -> None:
    text = query_string({"counterpart": "USA", "quad": ["3", "4"], "partial": True, "since": ""}, offset=50)
    assert text == "with=USA&quad=3&quad=4&partial=true&offset=50"
