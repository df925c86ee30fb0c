"""Questions about how the news talks (the Global Knowledge Graph side): theme counts per period,
tone timelines, co-mention networks. Called through :class:`newsgraph.query.Query` (``themes``,
``tone``, ``comentions``, ``article_themes``); rows are plain dicts, ready for JSON.

Periods are the articles' publication dates: ``by`` "day", "month" or "year" (an article counts in a
period when its date is at least that precise; months and years of a tone timeline are gap-filled
with empty rows), or "all" for one row over every matching article, dated or not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsgraph.knowledge.themes import themes as taxonomy
from newsgraph.query.filters import parse_choice, parse_limit
from newsgraph.records import ThemeMention
from newsgraph.store import signals

if TYPE_CHECKING:
    from newsgraph.query.service import Query

#: Periods and the length of the ISO date prefix each counts by (0: every article, dated or not).
SIZES = {"day": 10, "month": 7, "year": 4, "all": 0}
UNITS = ("article", "sentence")
SCOPES = ("sentence", "paragraph")


def themes(q: Query, *, by: str = "month", limit: Any = 20, **filters: Any) -> list[dict[str, Any]]:
    """Theme matches per period: ``{"month": "2017-07", "theme": "SANCTIONS", "family": "diplomacy",
    "domain": "politics", "mentions": 5, "articles": 1}``, at most ``limit`` themes per period, most
    matches first. Takes every event filter (the articles that report a matching event), the article
    filters, ``theme`` (only those themes; a family stands for its themes) and ``domain``."""
    period = parse_choice(by, SIZES, "--by")
    c = q.criteria("themes", filters)
    found = q._run(signals.theme_counts, c, size=SIZES[period], limit=parse_limit(limit))
    known = taxonomy()
    return [
        {
            period: key or "all",
            "theme": theme,
            "family": known[theme].family if theme in known else "",
            "domain": known[theme].domain if theme in known else "",
            "mentions": n,
            "articles": k,
        }
        for key, theme, n, k in found
    ]


def tone(q: Query, *, by: str = "month", unit: str = "article", **filters: Any) -> list[dict[str, Any]]:
    """Tone per period on GDELT's scale: ``{"month": ..., "units": 3, "tone": -2.1, "positive": ...,
    "negative": ..., "polarity": ..., "activity": ..., "self_group": ..., "pooled_tone": ...,
    "words": ...}``. ``unit`` "article": the tone of the articles that name the actor (``actor``),
    the country (``country``: a place in it or an actor of it) or carry the theme (``theme``);
    "sentence": of the sentences that do. Scores are means over the units (GDELT's tone timelines
    average article tones); ``pooled_tone`` is the tone of all their words together."""
    period = parse_choice(by, SIZES, "--by")
    unit = parse_choice(unit, UNITS, "--unit")
    c = q.criteria("tone", filters)
    found = q._run(signals.tone_timeline, c, size=SIZES[period], unit=unit)
    rows = {key or "all": _tone_row(period, key or "all", values) for key, *values in found}
    return _gap_filled(rows, period)


def comentions(
    q: Query, *, by: str = "all", scope: str = "sentence", limit: Any = 50, **filters: Any
) -> list[dict[str, Any]]:
    """Actor pairs named together, per period: ``{"all": "all", "actor_a": id, "name_a": ...,
    "actor_b": id, "name_b": ..., "sentences": 3, "paragraphs": 4, "articles": 2}``, at most ``limit``
    pairs per period. ``scope`` "sentence": pairs named in one sentence at least once, ranked by such
    sentences; "paragraph": every pair, ranked by paragraphs. ``actor`` keeps pairs with that actor,
    with ``counterpart`` the pair of the two; the article filters apply."""
    period = parse_choice(by, SIZES, "--by")
    scope = parse_choice(scope, SCOPES, "--scope")
    c = q.criteria("comentions", filters)
    found = q._run(signals.comention_counts, c, size=SIZES[period], scope=scope, limit=parse_limit(limit))
    names = q.names([x for _, a, b, *_ in found for x in (a, b)])
    return [
        {
            period: key or "all",
            "actor_a": a,
            "name_a": names.get(a, a),
            "actor_b": b,
            "name_b": names.get(b, b),
            "sentences": s,
            "paragraphs": p,
            "articles": n,
        }
        for key, a, b, s, p, n in found
    ]


def article_themes(q: Query, article_id: str) -> list[dict[str, Any]]:
    """One article's themes: ``{"theme", "count", "offsets"}``, most matches first."""
    return theme_summary(q._run(signals.article_themes, article_id))


def iter_gkg(q: Query, **filters: Any) -> Iterator[tuple[int, Any]]:
    """(ingest sequence, Analysis) of every matching article, in ingest order, for the GKG export
    (the article filters: actor, place, country, dates, site, language, text, theme, domain)."""
    c = q.criteria("articles", filters)
    # The ids first: each analysis is then read in a transaction of its own.
    found = [(n, a.id) for n, a in q._run(lambda conn, c: list(signals.iter_gkg_articles(conn, c)), c)]
    for sequence, article_id in found:
        analysis = q.store.analysis(article_id)
        if analysis is not None:
            yield sequence, analysis


def _tone_row(period: str, key: str, values: list[Any]) -> dict[str, Any]:
    row: dict[str, Any] = {period: key}
    for name, value in zip(signals.TONE_COLUMNS, values, strict=True):
        row[name] = round(float(value), 4) if isinstance(value, float) else value
    row["units"] = int(row["units"] or 0)
    row["words"] = int(row["words"] or 0)
    return row


def _gap_filled(rows: dict[str, dict[str, Any]], period: str) -> list[dict[str, Any]]:
    keys = sorted(rows)
    if period not in ("month", "year") or not keys:
        return [rows[k] for k in keys]
    empty = {name: None for name in signals.TONE_COLUMNS} | {"units": 0, "words": 0}
    return [rows.get(k) or {period: k, **empty} for k in _span(keys[0], keys[-1], period)]


def _span(first: str, last: str, period: str) -> Iterator[str]:
    if period == "year":
        yield from (f"{y:04d}" for y in range(int(first), int(last) + 1))
        return
    year, month = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month:02d}" <= last:
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def theme_summary(mentions: Iterable[ThemeMention]) -> list[dict[str, Any]]:
    """Per theme: how many matches and their character offsets, most matches first."""
    by_theme: dict[str, list[int]] = {}
    for m in mentions:
        by_theme.setdefault(m.theme, []).append(m.start)
    rows = [{"theme": t, "count": len(offsets), "offsets": offsets} for t, offsets in by_theme.items()]
    return sorted(rows, key=lambda r: (-r["count"], r["theme"]))
