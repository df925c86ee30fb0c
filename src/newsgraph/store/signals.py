"""Read queries of the Global Knowledge Graph side (migration 0008): theme counts, tone timelines,
co-mention networks, per-article themes, and the per-article records the GKG export reads.

Filters arrive as a :class:`newsgraph.store.queries.Criteria`, as for every other listing; the
pieces of SQL they become are those of :mod:`newsgraph.store.queries`. Periods are the articles'
publication dates: a period of ``size`` characters of the ISO date (4 year, 7 month, 10 day; 0 all
articles, dated or not), and an article counts in a period when its date is at least that precise.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from newsgraph.records import Article, CoMention, ThemeMention, Tone
from newsgraph.store import rows
from newsgraph.store.queries import (
    BATCH,
    Criteria,
    Side,
    _and,
    _article_conditions,
    _in,
    _side_sql,
    _stream,
    _union,
)

#: Criteria fields that are about events (the rest are about articles).
_ARTICLE_FIELDS = dict(since="", until="", sites=(), languages=(), text="", article="", themes=(), domains=())


def _period(size: int) -> tuple[str, list[Any]]:
    """The period column over ``a."published"`` and the condition that the date is that precise."""
    if not size:
        return "''", []
    return f'substr(a."published", 1, {int(size)})', []


def _precise(size: int) -> list[tuple[str, list[Any]]]:
    return [(f'length(a."published") >= {int(size)}', [])] if size else []


def _event_articles(c: Criteria, column: str) -> list[tuple[str, list[Any]]]:
    """``column`` is the id of an article reporting an event that matches the event filters of ``c``
    (none when ``c`` has no event filter)."""
    events = replace(c, **_ARTICLE_FIELDS)  # type: ignore[arg-type]
    if replace(events, partial=False) == Criteria():  # `partial` alone picks no event
        return []
    inner, params = _union('SELECT e."article_id" FROM "events" AS e', events)
    return [(f"{column} IN ({inner})", params)]


def _sides(c: Criteria, a: str, b: str) -> list[tuple[str, list[Any]]]:
    """An actor filter on a pair of actor columns: either is the actor; with a counterpart, the other
    is the counterpart."""
    if c.actor is None:
        return []
    if c.counterpart is None:
        left, right = _side_sql(c.actor, a, None), _side_sql(c.actor, b, None)
        return [(f"({left[0]} OR {right[0]})", left[1] + right[1])]
    pairs = []
    for x, y in ((a, b), (b, a)):
        one, other = _side_sql(c.actor, x, None), _side_sql(c.counterpart, y, None)
        pairs.append((f"({one[0]} AND {other[0]})", one[1] + other[1]))
    return [(f"({pairs[0][0]} OR {pairs[1][0]})", pairs[0][1] + pairs[1][1])]


# -- themes -----------------------------------------------------------------------------


def theme_counts(
    conn: sqlite3.Connection, c: Criteria, size: int, limit: int
) -> list[tuple[str, str, int, int]]:
    """(period, theme, matches, articles) for the matching articles, at most ``limit`` themes per
    period (most matches first). ``c.themes`` keeps the listed themes only (not: articles with them);
    the event filters pick the articles that report a matching event."""
    period, _ = _period(size)
    parts = _article_conditions(replace(c, themes=()), "a", "published")
    if c.themes:
        parts.append(_in('t."theme"', c.themes))
    parts += _event_articles(c, 't."article_id"') + _precise(size)
    where, params = _and(parts)
    sql = (
        "SELECT period, theme, n, articles FROM ("
        f'SELECT {period} AS period, t."theme" AS theme, count(*) AS n, '
        'count(DISTINCT t."article_id") AS articles, '
        "row_number() OVER (PARTITION BY " + period + ' ORDER BY count(*) DESC, t."theme") AS r '
        'FROM "theme_mentions" AS t JOIN "articles" AS a ON a."id" = t."article_id" '
        f'WHERE {where} GROUP BY {period}, t."theme") WHERE r <= ? ORDER BY period, n DESC, theme'
    )
    return [(p, t, int(n), int(k)) for p, t, n, k in conn.execute(sql, [*params, limit])]


def article_themes(conn: sqlite3.Connection, article_id: str) -> list[ThemeMention]:
    sql = rows.select_sql("theme_mentions", ThemeMention) + ' WHERE r."article_id" = ? ORDER BY r.rowid'
    return [rows.from_row(ThemeMention, row) for row in conn.execute(sql, (article_id,))]


# -- tone -----------------------------------------------------------------------------------

#: What a tone timeline row holds after its period: units, mean of each score, pooled tone, words.
TONE_COLUMNS = (
    "units",
    "tone",
    "positive",
    "negative",
    "polarity",
    "activity",
    "self_group",
    "pooled_tone",
    "words",
)


def _country_sql(country: str, unit: str) -> tuple[str, list[Any]]:
    """The article ids (unit article) or (article id, sentence) pairs that name a country: a place in
    it, or an actor of it (its registry country)."""
    keys = (
        ('pm."article_id"', 'm."article_id"')
        if unit == "article"
        else (
            'pm."article_id", pm."sentence"',
            'm."article_id", m."sentence"',
        )
    )
    return (
        f'SELECT {keys[0]} FROM "place_mentions" AS pm JOIN "places" AS p ON p."id" = pm."place_id" '
        'WHERE p."country" = ? '
        f'UNION SELECT {keys[1]} FROM "mentions" AS m JOIN "actors" AS r ON r."id" = m."actor_id" '
        'WHERE r."country" = ?',
        [country, country],
    )


def tone_timeline(conn: sqlite3.Connection, c: Criteria, size: int, unit: str) -> list[tuple[Any, ...]]:
    """(period, *TONE_COLUMNS) of the matching articles' tone (``unit`` "article") or of the sentences
    (``unit`` "sentence") that name the actor, the country or the theme asked for. Scores are means
    over the units; ``pooled_tone`` is the tone of all their words together."""
    period, _ = _period(size)
    key = 't."article_id"' if unit == "article" else '(t."article_id", t."sentence")'
    parts: list[tuple[str, list[Any]]] = [('t."unit" = ?', [unit])]
    parts += _article_conditions(replace(c, themes=() if unit == "sentence" else c.themes), "a", "published")
    if c.actor is not None:
        side = _side_sql(c.actor, 'm."actor_id"', None)
        cols = 'm."article_id"' if unit == "article" else 'm."article_id", m."sentence"'
        parts.append((f'{key} IN (SELECT {cols} FROM "mentions" AS m WHERE {side[0]})', side[1]))
    if c.place_country:
        sql, params = _country_sql(c.place_country, unit)
        parts.append((f"{key} IN ({sql})", params))
    if c.themes and unit == "sentence":
        themed, params = _in('tm."theme"', c.themes)
        inner = f'SELECT tm."article_id", tm."sentence" FROM "theme_mentions" AS tm WHERE {themed}'
        parts.append((f"{key} IN ({inner})", params))
    where, params = _and(parts + _precise(size))
    sql = (
        f'SELECT {period} AS period, count(*), avg(t."tone"), avg(t."positive"), avg(t."negative"), '
        'avg(t."polarity"), avg(t."activity"), avg(t."self_group"), '
        'sum(t."positive_words" - t."negative_words") * 100.0 / nullif(sum(t."words"), 0), sum(t."words") '
        'FROM "tones" AS t JOIN "articles" AS a ON a."id" = t."article_id" '
        f"WHERE {where} GROUP BY period ORDER BY period"
    )
    return [tuple(row) for row in conn.execute(sql, params)]


# -- co-mentions ---------------------------------------------------------------------------


def comention_counts(
    conn: sqlite3.Connection, c: Criteria, size: int, scope: str, limit: int
) -> list[tuple[str, str, str, int, int, int]]:
    """(period, actor a, actor b, sentences, paragraphs, articles) of actor pairs named together in
    the matching articles, at most ``limit`` pairs per period, most often together first. ``scope``
    "sentence" keeps pairs named in one sentence at least once, "paragraph" every pair."""
    period, _ = _period(size)
    parts = _article_conditions(c, "a", "published") + _sides(c, 'k."actor_a"', 'k."actor_b"')
    if scope == "sentence":
        parts.append(('k."sentences" > 0', []))
    where, params = _and(parts + _precise(size))
    order = 'sum(k."sentences") DESC, sum(k."paragraphs") DESC, k."actor_a", k."actor_b"'
    if scope == "paragraph":
        order = 'sum(k."paragraphs") DESC, sum(k."sentences") DESC, k."actor_a", k."actor_b"'
    sql = (
        "SELECT period, x, y, s, p, n FROM ("
        f'SELECT {period} AS period, k."actor_a" AS x, k."actor_b" AS y, sum(k."sentences") AS s, '
        'sum(k."paragraphs") AS p, count(DISTINCT k."article_id") AS n, '
        f"row_number() OVER (PARTITION BY {period} ORDER BY {order}) AS r "
        'FROM "comentions" AS k JOIN "articles" AS a ON a."id" = k."article_id" '
        f'WHERE {where} GROUP BY {period}, k."actor_a", k."actor_b") WHERE r <= ? ORDER BY period, r'
    )
    return [(p, x, y, int(s), int(q), int(n)) for p, x, y, s, q, n in conn.execute(sql, [*params, limit])]


# -- per-article records, streamed (exports) ---------------------------------------------------


def iter_article_records(
    conn: sqlite3.Connection, table: str, cls: type, c: Criteria, batch: int = BATCH
) -> Iterator[Any]:
    """Every matching row of a per-article table of migration 0008 (tones, theme_mentions, domains,
    comentions), in write order; article filters apply, and the actor filter to co-mentions."""
    parts = _article_conditions(c, "a", "published")
    where, params = _and(parts)
    pieces = [f'r."article_id" IN (SELECT a."id" FROM "articles" AS a WHERE {where})'] if parts else []
    if table == "comentions":
        sides = _sides(c, 'r."actor_a"', 'r."actor_b"')
        pieces += [sql for sql, _ in sides]
        params += [p for _, ps in sides for p in ps]
    sql = rows.select_sql(table, cls) + f" WHERE {' AND '.join(pieces) or '1'} ORDER BY r.rowid"
    yield from _stream(conn, cls, sql, params, batch)


def iter_gkg_articles(
    conn: sqlite3.Connection, c: Criteria, batch: int = BATCH
) -> Iterator[tuple[int, Article]]:
    """(ingest sequence, article) of every matching article, in ingest order."""
    from newsgraph.store.queries import _article_where

    where, params = _article_where(c)
    sql = (
        f'SELECT r.rowid, {rows.quoted(rows.columns(Article), "r")} FROM "articles" AS r '
        f"WHERE {where} ORDER BY r.rowid"
    )
    cursor = conn.execute(sql, params)
    while chunk := cursor.fetchmany(batch):
        for row in chunk:
            yield int(row[0]), rows.from_row(Article, row[1:])


__all__ = [
    "TONE_COLUMNS",
    "CoMention",
    "Side",
    "Tone",
    "article_themes",
    "comention_counts",
    "iter_article_records",
    "iter_gkg_articles",
    "theme_counts",
    "tone_timeline",
]
