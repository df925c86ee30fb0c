"""Read queries over the store: filtered listings, aggregations, full-text search, export cursors.

All SQL of the query layer lives here; :mod:`newsgraph.query` validates what users type, resolves
names to ids with the helpers below, and hands over a :class:`Criteria`. Every value reaches SQLite
as a bound parameter. The only text formatted into SQL is column names from the fixed allow-lists
(``SORTS``) and ``?`` placeholders.

Actor filters are *sides*: a set of actor ids (a person or organisation found by name or alias) or
a CAMEO actor-code prefix ("RUS" matches RUS, RUSGOV, RUSMIL ...: a country stands for everyone
coded with it, as in GDELT's country dyads). Events that involve an actor on either side are read
as two index range scans joined by UNION ALL (source side; target side minus the rows the first
already had), which the covering indexes of migration 0004 answer without touching the table.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from newsgraph.knowledge.event_words import roots_where
from newsgraph.records import (
    Actor,
    Article,
    CoMention,
    Count,
    Domain,
    Event,
    Mention,
    MergedEvent,
    Place,
    Quote,
    ThemeMention,
    Tone,
)
from newsgraph.store import rows

R = TypeVar("R")

# Above every character: [p, p + TOP) is "starts with p" as an index range.
TOP = "\U0010ffff"
#: Rows fetched per round trip when streaming.
BATCH = 2000
#: A name that matches more actors than this is too vague to filter on.
MAX_ACTOR_IDS = 2000

#: What ``--sort`` may name, per listing: user word -> column (of the listing's main table).
SORTS: dict[str, dict[str, str]] = {
    "events": {
        "date": "date",
        "goldstein": "goldstein",
        "confidence": "confidence",
        "cameo": "cameo_code",
        "quad": "quad_class",
    },
    "actors": {"events": "n_events", "mentions": "n_mentions", "quotes": "n_quotes", "name": "name"},
    "quotes": {"published": "published", "speaker": "speaker", "kind": "kind"},
    "places": {"mentions": "n_mentions", "events": "n_events", "name": "name"},
    "articles": {"ingested": "ingested_at", "published": "published", "title": "title", "site": "site"},
    "mentions": {},
}

#: CAMEO roots that make a complete event with a single actor: 01 make public statement, 14 protest,
#: 15 exhibit force posture (PETRARCH's ``require_dyad`` keeps these without a target); the same
#: table (``knowledge/data/cameo_roots.tsv``) the event coder reads.
ONE_SIDED_ROOTS = tuple(sorted(roots_where("complete_alone")))

#: Record class of each table the query layer lists and exports.
RECORDS: dict[str, type] = {
    "events": Event,
    "actors": Actor,
    "quotes": Quote,
    "articles": Article,
    "mentions": Mention,
    "places": Place,
    "tones": Tone,
    "theme_mentions": ThemeMention,
    "domains": Domain,
    "comentions": CoMention,
    "counts": Count,
}
#: Per-article tables of migration 0008 (tone, themes, domain, co-mentions), streamed by
#: :func:`newsgraph.store.signals.iter_article_records`.
ARTICLE_TABLES = ("tones", "theme_mentions", "domains", "comentions", "counts")


@dataclass(frozen=True)
class Side:
    """Who an actor filter means: actor ids, or a CAMEO actor-code prefix."""

    ids: tuple[str, ...] = ()
    code: str = ""
    label: str = ""  # what the user typed, for messages


@dataclass(frozen=True)
class Criteria:
    """Validated, resolved filters. Empty fields do not filter; lists are ORs; fields AND."""

    actor: Side | None = None  # either side of an event; the speaker of a quote
    counterpart: Side | None = None  # the other side, with ``actor``: a dyad, both directions
    source: Side | None = None
    target: Side | None = None
    source_country: str = ""  # CAMEO/ISO alpha-3 prefix of the source actor code
    target_country: str = ""
    cameo: tuple[str, ...] = ()  # codes or roots; a code matches itself and its sub-codes
    plover: tuple[str, ...] = ()
    quad: tuple[int, ...] = ()
    modality: tuple[str, ...] = ()
    since: str = ""  # inclusive lower bound, ISO prefix
    until: str = ""  # exclusive upper bound, ISO prefix
    place_ids: tuple[str, ...] = ()
    place_country: str = ""  # ISO alpha-3 of the place (events, places) or of the actor (actors)
    sites: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    text: str = ""  # FTS5 expression over article title + text
    kinds: tuple[str, ...] = ()  # quote kind, actor kind or place kind
    article: str = ""  # one article id
    partial: bool = False  # events: partial records too; else complete events only (ONE_SIDED_ROOTS)
    mentions: bool = False  # events: each coded record; else real-world events (merged_events)
    themes: tuple[str, ...] = ()  # articles with a match of one of these themes
    domains: tuple[str, ...] = ()  # articles of one of these domains


# -- small SQL pieces ------------------------------------------------------------


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def _in(column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    return f"{column} IN ({_marks(values)})", list(values)


def _prefix(column: str, prefix: str) -> tuple[str, list[Any]]:
    return f"({column} >= ? AND {column} < ?)", [prefix, prefix + TOP]


def _side_sql(side: Side, id_column: str, code_column: str | None) -> tuple[str, list[Any]]:
    """A side as a condition on an actor-id column (and, when the table has one, its code column)."""
    if side.ids:
        return _in(id_column, side.ids)
    if code_column:
        return _prefix(code_column, side.code)
    inner, params = _prefix('"code"', side.code)
    return f'{id_column} IN (SELECT "id" FROM "actors" WHERE {inner})', params


def _and(parts: list[tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    if not parts:
        return "1", []
    return " AND ".join(sql for sql, _ in parts), [p for _, params in parts for p in params]


def _fts_articles(text: str) -> tuple[str, list[Any]]:
    """Article ids whose title or text match an FTS5 expression."""
    return (
        'SELECT d."article_id" FROM "articles_fts" AS f JOIN "article_docs" AS d ON d."doc" = f.rowid '
        'WHERE "articles_fts" MATCH ?',
        [text],
    )


def _article_conditions(c: Criteria, alias: str, date_column: str | None) -> list[tuple[str, list[Any]]]:
    """Conditions on the articles table (alias ``alias``): site, language, text, id, date range."""
    parts: list[tuple[str, list[Any]]] = []
    if c.sites:
        parts.append(_in(f'{alias}."site"', c.sites))
    if c.languages:
        parts.append(_in(f'{alias}."language"', c.languages))
    if c.article:
        parts.append((f'{alias}."id" = ?', [c.article]))
    if c.text:
        sql, params = _fts_articles(c.text)
        parts.append((f'{alias}."id" IN ({sql})', params))
    if c.themes:
        sql, params = _in('t."theme"', c.themes)
        themed = f'SELECT t."article_id" FROM "theme_mentions" AS t WHERE {sql}'
        parts.append((f'{alias}."id" IN ({themed})', params))
    if c.domains:
        sql, params = _in('d."label"', c.domains)
        parts.append((f'{alias}."id" IN (SELECT d."article_id" FROM "domains" AS d WHERE {sql})', params))
    if date_column:
        parts.extend(_date_range(c, f'{alias}."{date_column}"'))
    return parts


def _date_range(c: Criteria, column: str) -> list[tuple[str, list[Any]]]:
    parts: list[tuple[str, list[Any]]] = []
    if c.since:
        parts.append((f"{column} >= ?", [c.since]))
    if c.until:
        # An unknown date ('') sorts before every bound: keep it out of "until" explicitly.
        parts.append((f"{column} < ? AND {column} <> ''", [c.until]))
    return parts


def _via_articles(c: Criteria, column: str, date_column: str | None) -> list[tuple[str, list[Any]]]:
    """The article-level filters as ``column IN (SELECT id FROM articles ...)``."""
    parts = _article_conditions(c, "a", date_column)
    if not parts:
        return []
    sql, params = _and(parts)
    return [(f'{column} IN (SELECT a."id" FROM "articles" AS a WHERE {sql})', params)]


# -- name resolution -------------------------------------------------------------


def actor_ids_by_name(conn: sqlite3.Connection, name: str) -> list[str]:
    """Actors whose name or an alias is ``name`` (ASCII case folded); else whose name or alias
    contains it as whole words ("Putin" -> "Vladimir Putin")."""
    exact = conn.execute(
        'SELECT DISTINCT "actor_id" FROM "actor_names" WHERE "name" = lower(?) LIMIT ?',
        (name, MAX_ACTOR_IDS + 1),
    ).fetchall()
    if exact:
        return [r[0] for r in exact]
    words = conn.execute(
        'SELECT DISTINCT "actor_id" FROM "actor_names" '
        "WHERE instr(' ' || \"name\" || ' ', ' ' || lower(?) || ' ') > 0 LIMIT ?",
        (name, MAX_ACTOR_IDS + 1),
    ).fetchall()
    return [r[0] for r in words]


def code_in_use(conn: sqlite3.Connection, prefix: str) -> bool:
    """Whether any actor or event carries a CAMEO actor code starting with ``prefix``."""
    for sql in (
        'SELECT 1 FROM "actors" WHERE "code" >= ? AND "code" < ? LIMIT 1',
        'SELECT 1 FROM "events" WHERE "source_code" >= ? AND "source_code" < ? LIMIT 1',
        'SELECT 1 FROM "events" WHERE "target_code" >= ? AND "target_code" < ? LIMIT 1',
    ):
        if conn.execute(sql, (prefix, prefix + TOP)).fetchone():
            return True
    return False


def place_ids_by_name(conn: sqlite3.Connection, name: str) -> list[str]:
    """Places whose id is ``name`` or whose name is ``name`` (case folded)."""
    found = conn.execute(
        'SELECT "id" FROM "places" WHERE "id" = ? UNION SELECT "id" FROM "places" WHERE "name" = ? '
        "COLLATE NOCASE",
        (name, name),
    ).fetchall()
    return [r[0] for r in found]


def distinct_values(conn: sqlite3.Connection, table: str, column: str, limit: int = 30) -> list[str]:
    """Values present in a column (for "allowed: ..." messages). ``table``/``column`` come from code."""
    sql = f'SELECT DISTINCT "{column}" FROM "{table}" WHERE "{column}" <> \'\' ORDER BY 1 LIMIT ?'
    return [str(r[0]) for r in conn.execute(sql, (limit,))]


def actor_names(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    """Display names of actors by id."""
    wanted = sorted({i for i in ids if i})
    found: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        sql = f'SELECT "id", "name" FROM "actors" WHERE "id" IN ({_marks(chunk)})'
        found.update(dict(conn.execute(sql, chunk).fetchall()))
    return found


def place_names(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    wanted = sorted({i for i in ids if i})
    found: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        sql = f'SELECT "id", "name" FROM "places" WHERE "id" IN ({_marks(chunk)})'
        found.update(dict(conn.execute(sql, chunk).fetchall()))
    return found


# -- events ----------------------------------------------------------------------


def _event_common(c: Criteria) -> list[tuple[str, list[Any]]]:
    parts: list[tuple[str, list[Any]]] = []
    if c.source_country:
        parts.append(_prefix('e."source_code"', c.source_country))
    if c.target_country:
        parts.append(_prefix('e."target_code"', c.target_country))
    if c.cameo:
        ors: list[tuple[str, list[Any]]] = []
        for code in c.cameo:
            ors.append(('e."root_code" = ?', [code]) if len(code) == 2 else _prefix('e."cameo_code"', code))
        parts.append(("(" + " OR ".join(s for s, _ in ors) + ")", [p for _, ps in ors for p in ps]))
    if c.plover:
        parts.append(_in('e."plover_type"', c.plover))
    if c.quad:
        parts.append(_in('e."quad_class"', c.quad))
    if c.modality:
        parts.append(_in('e."modality"', c.modality))
    parts.extend(_date_range(c, 'e."date"'))
    if c.place_ids:
        parts.append(_in('e."place_id"', c.place_ids))
    if c.place_country:
        parts.append(('e."place_id" IN (SELECT "id" FROM "places" WHERE "country" = ?)', [c.place_country]))
    parts.extend(_via_articles(c, 'e."article_id"', None))
    return parts


def _source(side: Side) -> tuple[str, list[Any]]:
    return _side_sql(side, 'e."source_actor_id"', 'e."source_code"')


def _target(side: Side) -> tuple[str, list[Any]]:
    return _side_sql(side, 'e."target_actor_id"', 'e."target_code"')


def _not(part: tuple[str, list[Any]]) -> tuple[str, list[Any]]:
    return f"NOT ({part[0]})", part[1]


def _present(role: str, codes_first: bool) -> str:
    """An event side has a coded actor (``analyze.events.dyadic``: an actor without a code leaves
    the event partial). ``codes_first`` is kept for the callers' index reasoning."""
    return f"(e.\"{role}_code\" <> '')"


def _holds_an_actor(side: Side | None) -> bool:
    """Whether matching ``side`` already means the event side has a code (a code prefix is never
    the empty string; an actor id may belong to an uncoded actor)."""
    return side is not None and bool(side.code)


def _dyadic(c: Criteria, source: Side | None, target: Side | None) -> list[tuple[str, list[Any]]]:
    """Unless ``c.partial``: complete CAMEO events only, the rule of ``newsgraph.analyze.events.dyadic`` (an
    actor id or code on both sides, or on the source side when the root is in ONE_SIDED_ROOTS). ``source``
    and ``target`` are the sides this branch already requires; a side known to hold an actor is not
    tested again, so an actor's branch adds one test on the other side, mostly answered by the
    covering index (migration 0004) that carries the other side's key."""
    if c.partial:
        return []
    source_known = _holds_an_actor(source) or bool(c.source_country)
    target_known = _holds_an_actor(target) or bool(c.target_country)
    roots_sql, roots = _in('e."root_code"', ONE_SIDED_ROOTS)
    if source_known and target_known:
        return []
    if source_known:
        # The source_code index carries target_code, the source_actor_id index target_actor_id.
        by_code = source is None or not source.ids
        return [(f"({_present('target', by_code)} OR {roots_sql})", roots)]
    if target_known:
        # A one-sided root is complete with its source only: the target alone never completes it.
        by_code = target is None or not target.ids
        return [(_present("source", by_code), [])]
    s, t = _present("source", False), _present("target", False)
    return [(f"({s} AND ({t} OR {roots_sql}))", roots)]


def _branches(c: Criteria) -> list[tuple[str, list[Any]]]:
    """WHERE clauses (alias ``e``) whose results, concatenated, are the matching events exactly once."""
    common = _event_common(c)
    # (conditions, the source side they require, the target side they require)
    shapes: list[tuple[list[tuple[str, list[Any]]], Side | None, Side | None]]
    if c.actor and c.counterpart:
        a_to_b = _and([_source(c.actor), _target(c.counterpart)])
        shapes = [
            ([_source(c.actor), _target(c.counterpart)], c.actor, c.counterpart),
            ([_source(c.counterpart), _target(c.actor), _not(a_to_b)], c.counterpart, c.actor),
        ]
    elif c.actor:
        shapes = [
            ([_source(c.actor)], c.actor, None),
            ([_target(c.actor), _not(_source(c.actor))], None, c.actor),
        ]
    else:
        one: list[tuple[str, list[Any]]] = []
        if c.source:
            one.append(_source(c.source))
        if c.target:
            one.append(_target(c.target))
        shapes = [(one, c.source, c.target)]
    return [_and(parts + _dyadic(c, src, tgt) + common) for parts, src, tgt in shapes]


def _union(select: str, c: Criteria, suffix: str = "") -> tuple[str, list[Any]]:
    """``select`` (ending in FROM events AS e) once per branch, UNION ALL."""
    sqls, params = [], []
    for where, ps in _branches(c):
        sqls.append(
            f"SELECT * FROM ({select} WHERE {where}{suffix})" if suffix else f"{select} WHERE {where}"
        )
        params.extend(ps)
    return " UNION ALL ".join(sqls), params


def _event_ids(c: Criteria) -> tuple[str, list[Any]]:
    """``SELECT event_id`` of the matching mentions: the real-world events that match (an event
    matches when one of its mentions does)."""
    return _union('SELECT e."event_id" FROM "events" AS e', c)


def _has_matching_mention(c: Criteria) -> tuple[str, list[Any]]:
    """A condition on a real-world event ``r``: one of its mentions matches ``c``."""
    clauses, params = [], []
    for where, ps in _branches(c):
        clauses.append(f'EXISTS (SELECT 1 FROM "events" AS e WHERE e."event_id" = r."id" AND {where})')
        params.extend(ps)
    return "(" + " OR ".join(clauses) + ")", params


def _matching(columns: str, c: Criteria) -> tuple[str, list[Any]]:
    """``SELECT columns`` (over alias ``e``) of the matching events: the merged real-world events,
    or with ``c.mentions`` each matching mention. Both tables name their columns alike."""
    if c.mentions:
        return _union(f'SELECT {columns} FROM "events" AS e', c)
    ids, params = _event_ids(c)
    return f'SELECT {columns} FROM "merged_events" AS e WHERE e."id" IN ({ids})', params


def events(
    conn: sqlite3.Connection,
    c: Criteria,
    *,
    sort: str = "date",
    desc: bool = True,
    limit: int = 50,
    offset: int = 0,
    kept: bool = True,
) -> list[Event] | list[MergedEvent]:
    """A page of matching events, sorted (ties: the greater event id, or the later written mention,
    first when descending): real-world events, or with ``c.mentions`` the coded records.
    ``kept=False`` never reads the per-event actor rows of migration 0011 (tests hold the two ways
    to one answer)."""
    column = SORTS["events"][sort]
    order = "DESC" if desc else "ASC"
    kept_side = _kept_side(c) if kept and column == "date" else None
    if kept_side is not None:
        # One actor's events (on a side, or either) by date: its rows of migration 0011's
        # "event_actors" walked in date order, instead of gathering every event of the actor.
        actor_id, flag = kept_side
        sql = rows.select_sql("merged_events", MergedEvent) + (
            ' JOIN "event_actors" AS k ON k."event_id" = r."id" '
            f'WHERE k."actor_id" = ? AND {flag} '
            f'ORDER BY k."date" {order}, k."event_id" {order} LIMIT ? OFFSET ?'
        )
        return _fetch(conn, MergedEvent, sql, [actor_id, limit, offset])
    if not c.mentions:
        if replace(c, partial=False) == Criteria():
            # No filter but completeness: walk the events in sort order and keep those with a
            # matching mention, instead of gathering the ids of every mention of the store first.
            where, params = _has_matching_mention(c)
        elif kept and column == "date" and not c.partial:
            return _complete_events_page(conn, c, order=order, limit=limit, offset=offset)
        else:
            ids, params = _event_ids(c)
            where = f'r."id" IN ({ids})'
        sql = rows.select_sql("merged_events", MergedEvent) + (
            f' WHERE {where} ORDER BY r."{column}" {order}, r."id" {order} LIMIT ? OFFSET ?'
        )
        return _fetch(conn, MergedEvent, sql, [*params, limit, offset])
    # Each branch returns its own first limit+offset rows (index order where it can), so the outer
    # sort sees at most branches x (limit + offset) rows however many events the actor has.
    inner, params = _union(
        f'SELECT e.rowid AS rid, e."{column}" AS k FROM "events" AS e',
        c,
        suffix=f" ORDER BY k {order}, rid {order} LIMIT {int(limit) + int(offset)}",
    )
    sql = (
        rows.select_sql("events", Event)
        + f" JOIN ({inner}) AS u ON u.rid = r.rowid ORDER BY u.k {order}, u.rid {order} LIMIT ? OFFSET ?"
    )
    return _fetch(conn, Event, sql, [*params, limit, offset])


def _complete_events_page(
    conn: sqlite3.Connection, c: Criteria, *, order: str, limit: int, offset: int
) -> list[MergedEvent]:
    """A page of matching complete real-world events by date: the page is chosen among their rows
    of migration 0011's "complete_events" (the event's id, date and little else; every event a
    complete mention matches has one), and only the page's rows of "merged_events" are read,
    instead of reading and sorting the whole row of every matching event."""
    ids, params = _event_ids(c)
    page = (
        f'SELECT k."event_id" AS id, k."date" AS d FROM "complete_events" AS k WHERE k."event_id" IN ({ids}) '
        f'ORDER BY k."date" {order}, k."event_id" {order} LIMIT ? OFFSET ?'
    )
    sql = rows.select_sql("merged_events", MergedEvent) + (
        f' JOIN ({page}) AS p ON r."id" = p.id ORDER BY p.d {order}, p.id {order}'
    )
    return _fetch(conn, MergedEvent, sql, [*params, limit, offset])


def _kept_side(c: Criteria) -> tuple[str, str] | None:
    """(actor id, condition on ``k``) when ``c`` asks for the complete real-world events of one
    registry actor on either side, as source or as target, and nothing else."""
    one = [
        (side, flag)
        for side, flag in ((c.actor, "1"), (c.source, 'k."as_source"'), (c.target, 'k."as_target"'))
        if side
    ]
    if len(one) != 1:
        return None
    side, flag = one[0]
    if len(side.ids) != 1 or replace(c, actor=None, source=None, target=None) != Criteria():
        return None
    return side.ids[0], flag


def count_events(conn: sqlite3.Connection, c: Criteria, *, kept: bool = True) -> int:
    if kept and c == Criteria():
        # Every complete real-world event: the store-wide counts of migration 0011.
        return int(conn.execute('SELECT coalesce(sum("n"), 0) FROM "event_quads"').fetchone()[0])
    if not c.mentions:
        ids, params = _event_ids(c)
        return int(conn.execute(f"SELECT count(DISTINCT event_id) FROM ({ids})", params).fetchone()[0])
    inner, params = _union('SELECT 1 FROM "events" AS e', c)
    return int(conn.execute(f"SELECT count(*) FROM ({inner})", params).fetchone()[0])


def timeline(conn: sqlite3.Connection, c: Criteria) -> list[tuple[str, int, int]]:
    """(month YYYY-MM, quad class, events) for matching events dated to the month or day.

    One actor (or one three-letter country), and every complete event of the store, are read from
    the monthly counts kept by triggers (:func:`_timeline_from_counts`); anything else is counted by
    scanning."""
    fast = _timeline_from_counts(conn, c)
    if c == Criteria():
        sql = 'SELECT "month", "quad_class", "n" FROM "event_months" WHERE "n" > 0 ORDER BY 1, 2'
        fast = [(m, int(q), int(n)) for m, q, n in conn.execute(sql)]
    whole_months = len(c.since) in (0, 4, 7) and len(c.until) in (0, 4, 7)
    every = Criteria(partial=True, mentions=True)
    if fast is None and whole_months and replace(c, since="", until="") == every:
        fast = _timeline_by_ranges(conn, c)
    return fast if fast is not None else timeline_scan(conn, c)


def timeline_scan(conn: sqlite3.Connection, c: Criteria, size: int = 7) -> list[tuple[str, int, int]]:
    """(period, quad class, events) by scanning the matching events. ``size`` is the length of the
    period's ISO prefix: 4 years, 7 months, 10 days; an event counts in a period when its date is at
    least that precise (a year-only date is in its year, not in any month)."""
    inner, params = _matching('e."date" AS d, e."quad_class" AS q', c)
    sql = (
        f"SELECT substr(d, 1, ?) AS period, q, count(*) FROM ({inner}) "
        "WHERE length(d) >= ? AND q IS NOT NULL GROUP BY period, q ORDER BY period, q"
    )
    return [(m, int(q), int(n)) for m, q, n in conn.execute(sql, [size, *params, size])]


def _timeline_by_ranges(conn: sqlite3.Connection, c: Criteria) -> list[tuple[str, int, int]]:
    """Every event (within the date range) per month and quad class, as one count per month and quad
    class over the (quad class, date) index: index ranges counted in place, where grouping a million
    dates by month would sort them all."""
    since, until = c.since, c.until
    bounds = conn.execute(
        'SELECT min("date"), max("date") FROM "events" WHERE "date" >= ? AND length("date") >= 7'
        + (' AND "date" < ?' if until else ""),
        [since or "0", *([until] if until else [])],
    ).fetchone()
    if bounds[0] is None:
        return []
    months = list(_months(bounds[0][:7], bounds[1][:7]))
    sql = 'SELECT count(*) FROM "events" WHERE "quad_class" = ? AND "date" >= ? AND "date" < ?'
    found = []
    for quad in (1, 2, 3, 4):
        for month in months:
            # [YYYY-MM, YYYY-MM.) holds "YYYY-MM" and "YYYY-MM-..." ("." follows "-"), not "YYYY-W20".
            n = int(conn.execute(sql, (quad, month, month + ".")).fetchone()[0])
            if n:
                found.append((month, quad, n))
    return sorted(found)


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + 1:04d}-01" if number == 12 else f"{year:04d}-{number + 1:02d}"


def _months(first: str, last: str) -> Iterator[str]:
    """YYYY-MM from ``first`` to ``last``; a week ("2017-W20") or other non-month ends the run."""
    month = first
    while month <= last and month[5:7].isdigit():
        yield month
        month = _next_month(month)


def counted_actor(c: Criteria) -> str | None:
    """The one actor id whose kept event counts (migration 0011) answer ``c`` exactly: complete
    real-world events of one registry actor, and no other filter (a date range or any other filter
    applies to the mentions, which the counts no longer see)."""
    side = c.actor
    if side is None or len(side.ids) != 1 or replace(c, actor=None) != Criteria():
        return None
    return side.ids[0]


def _timeline_from_counts(conn: sqlite3.Connection, c: Criteria) -> list[tuple[str, int, int]] | None:
    """The monthly counts kept by triggers, where they answer ``c`` exactly: one actor or one
    three-letter country, nothing else but (for mentions) a month-aligned date range. Mentions,
    partial ones too, from migration 0004; complete real-world events from migration 0011 (an event
    counts once per actor, in the month of its own date, and a date range would filter its
    mentions' dates: not from the counts)."""
    side = c.actor
    if side is None or c.counterpart:
        return None
    if replace(c, actor=None, since="", until="") == Criteria(partial=True, mentions=True):
        if len(c.since) not in (0, 4, 7) or len(c.until) not in (0, 4, 7):
            return None  # a day-precision bound cuts a month: scan
        tables = {"actor": "actor_months", "country": "country_months"}
    elif replace(c, actor=None) == Criteria():
        tables = {"actor": "actor_event_months", "country": "country_event_months"}
    else:
        return None
    if len(side.ids) == 1:
        table, key, value = tables["actor"], "actor_id", side.ids[0]
    elif not side.ids and len(side.code) == 3:
        table, key, value = tables["country"], "country", side.code
    else:
        return None
    where, params = [f'"{key}" = ?'], [value]
    if c.since:
        where.append('"month" >= ?')
        params.append(c.since)
    if c.until:
        where.append('"month" < ?')
        params.append(c.until)
    sql = (
        f'SELECT "month", "quad_class", sum("n") FROM "{table}" WHERE {" AND ".join(where)} '
        'GROUP BY "month", "quad_class" HAVING sum("n") > 0 ORDER BY 1, 2'
    )
    return [(m, int(q), int(n)) for m, q, n in conn.execute(sql, params)]


def counterparts(
    conn: sqlite3.Connection, c: Criteria, limit: int = 20, *, kept: bool = True
) -> list[dict[str, Any]]:
    """The actors ``c.actor`` dealt with: counterpart (an actor id, or the code of an event side
    without one), events in each direction, mean Goldstein of those records, most events first.
    A counterpart's code is its registry code (an actor's code may change over time, so its events
    may carry several). Requires ``c.actor``. One actor's complete real-world events with no other
    filter are read from the counts kept by migration 0011's triggers (``kept=False``: scanned)."""
    assert c.actor is not None
    actor_id = counted_actor(c) if kept else None
    if actor_id is not None:
        counted = (
            'SELECT k."counterpart" AS cp, k."is_actor" AS is_actor, k."outgoing" AS out_n, '
            'k."incoming" AS in_n, k."goldstein_sum" AS g_sum, k."goldstein_n" AS g_n, k."events" AS n '
            'FROM "actor_counterparts" AS k WHERE k."actor_id" = ?'
        )
        params: list[Any] = [actor_id]
    else:
        common = _event_common(c)
        out_where, out_params = _and([_source(c.actor), *_dyadic(c, c.actor, None), *common])
        incoming = [_target(c.actor), _not(_source(c.actor)), *_dyadic(c, None, c.actor)]
        in_where, in_params = _and([*incoming, *common])
        # What one event is: a mention (its row), or the real-world event it reports.
        ev = "e.rowid" if c.mentions else 'e."event_id"'
        # Goldstein in thousandths: integer sums, the same in any order (the kept counts sum them so).
        g = 'CAST(round(e."goldstein" * 1000) AS INTEGER)'
        out_key = 'CASE WHEN e."target_actor_id" <> \'\' THEN e."target_actor_id" ELSE e."target_code" END'
        in_key = 'CASE WHEN e."source_actor_id" <> \'\' THEN e."source_actor_id" ELSE e."source_code" END'
        counted = (
            "SELECT cp, is_actor, count(DISTINCT CASE WHEN outgoing = 1 THEN ev END) AS out_n, "
            "count(DISTINCT CASE WHEN outgoing = 0 THEN ev END) AS in_n, coalesce(sum(g), 0) AS g_sum, "
            "count(g) AS g_n, count(DISTINCT ev) AS n FROM ("
            f"SELECT {out_key} AS cp, e.\"target_actor_id\" <> '' AS is_actor, 1 AS outgoing, "
            f'{g} AS g, {ev} AS ev FROM "events" AS e WHERE {out_where} '
            "UNION ALL "
            f"SELECT {in_key}, e.\"source_actor_id\" <> '', 0, {g}, {ev} "
            f'FROM "events" AS e WHERE {in_where}'
            ") WHERE cp <> '' GROUP BY cp, is_actor"
        )
        params = [*out_params, *in_params]
    sql = (
        "SELECT k.cp, k.is_actor, k.out_n, k.in_n, k.g_sum, k.g_n, k.n, "
        'CASE WHEN k.is_actor THEN coalesce(a."name", k.cp) ELSE k.cp END AS name, '
        "CASE WHEN k.is_actor THEN coalesce(a.\"code\", '') ELSE k.cp END "
        f"FROM ({counted}) AS k "
        'LEFT JOIN "actors" AS a ON k.is_actor AND a."id" = k.cp '
        "WHERE k.n > 0 ORDER BY k.n DESC, name, k.cp, k.is_actor LIMIT ?"
    )
    return [
        {
            "actor_id": cp if is_actor else "",
            "code": code,
            "name": name,
            "outgoing": int(out),
            "incoming": int(inc),
            "events": int(n),
            "mean_goldstein": round(g_sum / g_n / 1000, 3) if g_n else None,
        }
        for cp, is_actor, out, inc, g_sum, g_n, n, name, code in conn.execute(sql, [*params, limit])
    ]


def _actor_key(role: str) -> str:
    """An event side's actor id, or its code when no actor id was resolved."""
    return f'CASE WHEN e."{role}_actor_id" <> \'\' THEN e."{role}_actor_id" ELSE e."{role}_code" END'


def network(
    conn: sqlite3.Connection, c: Criteria, limit: int = 100, min_events: int = 1, *, kept: bool = True
) -> list[dict[str, Any]]:
    """Directed actor pairs among matching events: (source, target, events, mean Goldstein), pairs
    with at least ``min_events`` events, most events first. Every complete real-world event: the
    pairs kept by migration 0011; complete ones under a filter: their rows of "complete_events"
    (``kept=False``: both scanned from "merged_events"). Goldstein is summed in thousandths
    (integer sums, the same in any order, as the kept pairs sum it)."""
    if kept and c == Criteria():
        sql = (
            'SELECT "source", "target", "n", "goldstein_sum", "goldstein_n" FROM "event_dyads" '
            'WHERE "n" >= ? ORDER BY "n" DESC, "source", "target" LIMIT ?'
        )
        params: list[Any] = []
    elif kept and not c.mentions and not c.partial:
        # Complete real-world events: their sides and Goldstein (in thousandths) are in their rows
        # of migration 0011's "complete_events", a few bytes each, where "merged_events" holds the
        # evidence sentence and every other field.
        ids, params = _event_ids(c)
        sql = (
            'SELECT k."source" AS s, k."target" AS t, count(*), coalesce(sum(k."goldstein"), 0), '
            'count(k."goldstein") FROM "complete_events" AS k '
            f'WHERE k."event_id" IN ({ids}) AND k."source" <> \'\' AND k."target" <> \'\' '
            "GROUP BY s, t HAVING count(*) >= ? ORDER BY count(*) DESC, s, t LIMIT ?"
        )
    else:
        inner, params = _matching(
            _actor_key("source") + " AS s, " + _actor_key("target") + ' AS t, e."goldstein" AS g', c
        )
        sql = (
            "SELECT s, t, count(*), coalesce(sum(CAST(round(g * 1000) AS INTEGER)), 0), count(g) "
            f"FROM ({inner}) WHERE s <> '' AND t <> '' "
            "GROUP BY s, t HAVING count(*) >= ? ORDER BY count(*) DESC, s, t LIMIT ?"
        )
    found = conn.execute(sql, [*params, min_events, limit]).fetchall()
    names = actor_names(conn, [x for s, t, *_ in found for x in (s, t)])
    return [
        {
            "source": s,
            "source_name": names.get(s, s),
            "target": t,
            "target_name": names.get(t, t),
            "events": int(n),
            "mean_goldstein": round(g_sum / g_n / 1000, 3) if g_n else None,
        }
        for s, t, n, g_sum, g_n in found
    ]


def events_per_country(conn: sqlite3.Connection, c: Criteria, by: str = "place") -> list[tuple[str, int]]:
    """Matching events counted by the country of their place, or of their source/target actor code
    (its first three letters, the CAMEO country)."""
    if by == "place":
        inner, params = _matching('e."place_id" AS pid', c)
        sql = (
            f'SELECT p."country", count(*) FROM ({inner}) JOIN "places" AS p ON p."id" = pid '
            'WHERE p."country" <> \'\' GROUP BY p."country" ORDER BY count(*) DESC, 1'
        )
    else:
        column = {"source": "source_code", "target": "target_code"}[by]
        inner, params = _matching(f'substr(e."{column}", 1, 3) AS cc', c)
        sql = f"SELECT cc, count(*) FROM ({inner}) WHERE cc <> '' GROUP BY cc ORDER BY count(*) DESC, 1"
    return [(cc, int(n)) for cc, n in conn.execute(sql, params)]


def iter_events(conn: sqlite3.Connection, c: Criteria, batch: int = BATCH) -> Iterator[Any]:
    """Every matching event in write order, streamed: real-world events (``MergedEvent``), or with
    ``c.mentions`` the coded records (``Event``)."""
    cls = event_class(c)
    for row in iter_event_rows(conn, c, batch):
        yield rows.from_row(cls, row)


def event_class(c: Criteria) -> type[MergedEvent] | type[Event]:
    """The record an event listing under ``c`` holds: the coded record, or the real-world event."""
    return Event if c.mentions else MergedEvent


def iter_event_rows(conn: sqlite3.Connection, c: Criteria, batch: int = BATCH) -> Iterator[tuple[Any, ...]]:
    """The rows of :func:`iter_events`, each the record's values in field order, without building
    records (a download writes tens of thousands)."""
    if not c.mentions:
        ids, params = _event_ids(c)
        # The matching events' row ids first (from the id index alone), then their rows in row-id
        # order: no sort of whole rows, and the table read front to back.
        inner = f'SELECT m.rowid FROM "merged_events" AS m WHERE m."id" IN ({ids})'
        sql = rows.select_sql("merged_events", MergedEvent) + f" WHERE r.rowid IN ({inner}) ORDER BY r.rowid"
    else:
        inner, params = _union('SELECT e.rowid FROM "events" AS e', c)
        sql = rows.select_sql("events", Event) + f" WHERE r.rowid IN ({inner}) ORDER BY r.rowid"
    cursor = conn.execute(sql, params)
    while chunk := cursor.fetchmany(batch):
        yield from chunk


#: Columns of :func:`iter_gdelt`, after the event's own (see export/gdelt.py for their use).
GDELT_JOINED = (
    "event_rowid",
    "source_name",
    "source_country",
    "target_name",
    "target_country",
    "place_name",
    "place_kind",
    "place_country",
    "place_admin1",
    "place_lat",
    "place_lon",
    "article_url",
    "article_uri",
    "article_tone",
    "article_published",
    "article_ingested_at",
    "lead_chars",
)


def iter_gdelt(conn: sqlite3.Connection, c: Criteria, batch: int = BATCH) -> Iterator[tuple[Any, dict]]:
    """Each matching event in write order (a real-world event, or with ``c.mentions`` a coded
    record), with what a GDELT row needs from its actors, place and (representative) article
    (keys: :data:`GDELT_JOINED`)."""
    cls: type = Event if c.mentions else MergedEvent
    table = "events" if c.mentions else "merged_events"
    if c.mentions:
        inner, params = _union('SELECT e.rowid FROM "events" AS e', c)
    else:
        ids, params = _event_ids(c)
        inner = f'SELECT m.rowid FROM "merged_events" AS m WHERE m."id" IN ({ids})'
    event_columns = rows.quoted(rows.columns(cls), "r")
    sql = (
        f"SELECT {event_columns}, r.rowid, "
        'sa."name", sa."country", ta."name", ta."country", '
        'p."name", p."kind", p."country", p."admin1", p."lat", p."lon", '
        'a."url", a."uri", '
        # GDELT's AvgTone scale: the article's row of the tones table (migration 0009), whatever
        # version wrote "articles"."tone" (VADER's compound score before 0009).
        '(SELECT t."tone" FROM "tones" AS t WHERE t."unit" = \'article\' AND t."article_id" = a."id" '
        'LIMIT 1), a."published", a."ingested_at", '
        "length(json_extract(a.\"paragraphs\", '$[0]')) "
        f'FROM "{table}" AS r'
        ' LEFT JOIN "actors" AS sa ON sa."id" = r."source_actor_id"'
        ' LEFT JOIN "actors" AS ta ON ta."id" = r."target_actor_id"'
        ' LEFT JOIN "places" AS p ON p."id" = r."place_id"'
        ' JOIN "articles" AS a ON a."id" = r."article_id"'
        f" WHERE r.rowid IN ({inner}) ORDER BY r.rowid"
    )
    n = len(rows.columns(cls))
    cursor = conn.execute(sql, params)
    while chunk := cursor.fetchmany(batch):
        for row in chunk:
            yield rows.from_row(cls, row[:n]), dict(zip(GDELT_JOINED, row[n:], strict=True))


def event_mentions(conn: sqlite3.Connection, event_id: str) -> list[Event]:
    """Every mention (coded record) of one real-world event, in write order."""
    sql = rows.select_sql("events", Event) + ' WHERE r."event_id" = ? ORDER BY r.rowid'
    return _fetch(conn, Event, sql, [event_id])


def iter_gdelt_mentions(conn: sqlite3.Connection, c: Criteria, batch: int = BATCH) -> Iterator[dict]:
    """Each mention of the matching real-world events, in event order, for GDELT 2.0's mentions
    table: its event's row id (the GLOBALEVENTID) and date, its sentence, offsets and article."""
    ids, params = _event_ids(c)
    names = (
        "event_rowid",
        "event_date",
        "mention_id",
        "start",
        "source_start",
        "target_start",
        "confidence",
        "url",
        "uri",
        "site",
        "published",
        "ingested_at",
        "doc_tone",
        "doc_length",
    )
    sql = (
        'SELECT m.rowid, m."date", e."id", e."start", e."source_start", e."target_start", '
        'e."confidence", a."url", a."uri", a."site", a."published", a."ingested_at", '
        '(SELECT t."tone" FROM "tones" AS t WHERE t."unit" = \'article\' AND t."article_id" = a."id" '
        'LIMIT 1), length(a."text") '
        'FROM "events" AS e JOIN "merged_events" AS m ON m."id" = e."event_id" '
        'JOIN "articles" AS a ON a."id" = e."article_id" '
        f'WHERE e."event_id" IN ({ids}) ORDER BY m.rowid, e.rowid'
    )
    cursor = conn.execute(sql, params)
    while chunk := cursor.fetchmany(batch):
        for row in chunk:
            yield dict(zip(names, row, strict=True))


# -- actors ----------------------------------------------------------------------


def _actor_where(c: Criteria) -> tuple[str, list[Any]]:
    parts: list[tuple[str, list[Any]]] = []
    if c.actor:
        parts.append(_side_sql(c.actor, 'r."id"', 'r."code"'))
    if c.place_country:
        parts.append(('r."country" = ?', [c.place_country]))
    if c.kinds:
        parts.append(_in('r."kind"', c.kinds))
    if c.sites or c.languages or c.text or c.article or c.themes or c.domains:
        sql, params = _and(_article_conditions(c, "a", "published"))
        parts.append(
            (
                'r."id" IN (SELECT l."actor_id" FROM "article_actors" AS l JOIN "articles" AS a '
                f'ON a."id" = l."article_id" WHERE {sql})',
                params,
            )
        )
    return _and(parts)


def actors(
    conn: sqlite3.Connection,
    c: Criteria,
    *,
    sort: str = "events",
    desc: bool = True,
    limit: int = 50,
    offset: int = 0,
    kept: bool = True,
) -> list[tuple[Actor, int, int, int]]:
    """Matching actors with their event, mention and quote counts (events within the date range).
    Complete real-world events without a date range are the totals kept by migration 0011
    (``kept=False``: counted from the mentions)."""
    where, params = _actor_where(c)
    dates = _and(_date_range(c, 'e."date"') + _dyadic(c, None, None))
    column = SORTS["actors"][sort]
    order = "DESC" if desc else "ASC"
    key = f'r."{column}"' if column == "name" else column
    if c.mentions:
        n_events = (
            f'(SELECT count(*) FROM "events" AS e WHERE e."source_actor_id" = r."id" AND {dates[0]}) + '
            '(SELECT count(*) FROM "events" AS e WHERE e."target_actor_id" = r."id" '
            f'AND e."source_actor_id" <> r."id" AND {dates[0]})'
        )
    elif kept and not (c.partial or c.since or c.until):
        # Complete real-world events in all: kept by migration 0011's triggers.
        n_events = (
            'coalesce((SELECT t."events" FROM "actor_event_totals" AS t WHERE t."actor_id" = r."id"), 0)'
        )
        dates = ("1", [])
    else:  # the real-world events its mentions report
        n_events = (
            'SELECT count(DISTINCT ev) FROM (SELECT e."event_id" AS ev FROM "events" AS e '
            f'WHERE e."source_actor_id" = r."id" AND {dates[0]} UNION ALL '
            'SELECT e."event_id" FROM "events" AS e WHERE e."target_actor_id" = r."id" '
            f"AND {dates[0]})"
        )
        n_events = f"({n_events})"
    sql = (
        f"SELECT {rows.quoted(rows.columns(Actor), 'r')}, "
        f"{n_events} AS n_events, "
        '(SELECT count(*) FROM "mentions" AS m WHERE m."actor_id" = r."id") AS n_mentions, '
        '(SELECT count(*) FROM "quotes" AS q WHERE q."speaker_actor_id" = r."id") AS n_quotes '
        f'FROM "actors" AS r WHERE {where} ORDER BY {key} {order}, r."name", r."id" LIMIT ? OFFSET ?'
    )
    n = len(rows.columns(Actor))
    found = conn.execute(sql, [*dates[1], *dates[1], *params, limit, offset]).fetchall()
    return [(rows.from_row(Actor, row[:n]), int(row[n]), int(row[n + 1]), int(row[n + 2])) for row in found]


def actors_of(conn: sqlite3.Connection, side: Side, limit: int = 20) -> list[Actor]:
    """The registry entries a side stands for (most-mentioned first for a code prefix)."""
    where, params = _side_sql(side, 'r."id"', 'r."code"')
    sql = (
        rows.select_sql("actors", Actor)
        + f' WHERE {where} ORDER BY (SELECT count(*) FROM "mentions" AS m WHERE m."actor_id" = r."id") DESC,'
        ' r."name" LIMIT ?'
    )
    return _fetch(conn, Actor, sql, [*params, limit])


def side_counts(
    conn: sqlite3.Connection, side: Side, partial: bool = False, mentions: bool = False, *, kept: bool = True
) -> dict[str, int]:
    """How often a side appears: mentions, articles, events as source / as target (complete
    real-world events; ``partial`` records too; coded records with ``mentions``), quotes."""
    mention = _side_sql(side, 'm."actor_id"', None)
    link = _side_sql(side, 'l."actor_id"', None)
    quote = _side_sql(side, 'q."speaker_actor_id"', None)
    out = {
        "mentions": f'SELECT count(*) FROM "mentions" AS m WHERE {mention[0]}',
        "articles": f'SELECT count(DISTINCT l."article_id") FROM "article_actors" AS l WHERE {link[0]}',
        "quotes": f'SELECT count(*) FROM "quotes" AS q WHERE {quote[0]}',
    }
    counts = {
        k: int(conn.execute(sql, p).fetchone()[0])
        for (k, sql), p in zip(out.items(), (mention[1], link[1], quote[1]), strict=True)
    }
    if kept and len(side.ids) == 1 and not partial and not mentions:
        # One actor's complete real-world events: the totals kept by migration 0011's triggers.
        sql = 'SELECT "as_source", "as_target" FROM "actor_event_totals" WHERE "actor_id" = ?'
        totals = conn.execute(sql, side.ids).fetchone() or (0, 0)
        counts["events_as_source"], counts["events_as_target"] = int(totals[0]), int(totals[1])
        return counts
    complete = _dyadic(Criteria(partial=partial), None, None)
    src, tgt = _and([_source(side), *complete]), _and([_target(side), *complete])
    n = "count(*)" if mentions else 'count(DISTINCT e."event_id")'
    counts["events_as_source"] = int(
        conn.execute(f'SELECT {n} FROM "events" AS e WHERE {src[0]}', src[1]).fetchone()[0]
    )
    counts["events_as_target"] = int(
        conn.execute(f'SELECT {n} FROM "events" AS e WHERE {tgt[0]}', tgt[1]).fetchone()[0]
    )
    return counts


# -- quotes ----------------------------------------------------------------------


def _quote_where(c: Criteria) -> tuple[str, list[Any]]:
    parts: list[tuple[str, list[Any]]] = []
    if c.actor:
        parts.append(_side_sql(c.actor, 'r."speaker_actor_id"', None))
    if c.kinds:
        parts.append(_in('r."kind"', c.kinds))
    parts.extend(_article_conditions(c, "a", "published"))
    return _and(parts)


def quotes(
    conn: sqlite3.Connection,
    c: Criteria,
    *,
    sort: str = "published",
    desc: bool = True,
    limit: int = 50,
    offset: int = 0,
) -> list[Quote]:
    """Matching quotes; dates, site, language and text are the quoting article's."""
    where, params = _quote_where(c)
    column = SORTS["quotes"][sort]
    key = f'a."{column}"' if column == "published" else f'r."{column}"'
    order = "DESC" if desc else "ASC"
    sql = (
        rows.select_sql("quotes", Quote)
        + ' JOIN "articles" AS a ON a."id" = r."article_id"'
        + f" WHERE {where} ORDER BY {key} {order}, r.rowid {order} LIMIT ? OFFSET ?"
    )
    return _fetch(conn, Quote, sql, [*params, limit, offset])


# -- places ----------------------------------------------------------------------


def _place_where(c: Criteria) -> tuple[str, list[Any]]:
    parts: list[tuple[str, list[Any]]] = []
    if c.place_ids:
        parts.append(_in('r."id"', c.place_ids))
    if c.place_country:
        parts.append(('r."country" = ?', [c.place_country]))
    if c.kinds:
        parts.append(_in('r."kind"', c.kinds))
    if c.sites or c.languages or c.text or c.article or c.since or c.until or c.themes or c.domains:
        sql, params = _and(_article_conditions(c, "a", "published"))
        parts.append(
            (
                'r."id" IN (SELECT l."place_id" FROM "article_places" AS l JOIN "articles" AS a '
                f'ON a."id" = l."article_id" WHERE {sql})',
                params,
            )
        )
    return _and(parts)


def places(
    conn: sqlite3.Connection,
    c: Criteria,
    *,
    sort: str = "mentions",
    desc: bool = True,
    limit: int = 50,
    offset: int = 0,
) -> list[tuple[Place, int, int]]:
    """Matching places with their mention and event counts."""
    where, params = _place_where(c)
    complete = _and(_dyadic(c, None, None))
    n_events = "count(*)" if c.mentions else 'count(DISTINCT e."event_id")'
    column = SORTS["places"][sort]
    key = f'r."{column}"' if column == "name" else column
    order = "DESC" if desc else "ASC"
    sql = (
        f"SELECT {rows.quoted(rows.columns(Place), 'r')}, "
        '(SELECT count(*) FROM "place_mentions" AS m WHERE m."place_id" = r."id") AS n_mentions, '
        f'(SELECT {n_events} FROM "events" AS e WHERE e."place_id" = r."id" AND {complete[0]}) AS n_events '
        f'FROM "places" AS r WHERE {where} ORDER BY {key} {order}, r."name", r."id" LIMIT ? OFFSET ?'
    )
    n = len(rows.columns(Place))
    found = conn.execute(sql, [*complete[1], *params, limit, offset]).fetchall()
    return [(rows.from_row(Place, row[:n]), int(row[n]), int(row[n + 1])) for row in found]


# -- articles and search -----------------------------------------------------------


def _article_where(c: Criteria) -> tuple[str, list[Any]]:
    parts = _article_conditions(c, "r", "published")
    if c.actor:
        side = _side_sql(c.actor, 'l."actor_id"', None)
        parts.append(
            (f'r."id" IN (SELECT l."article_id" FROM "article_actors" AS l WHERE {side[0]})', side[1])
        )
    if c.place_ids:
        ids = _in('l."place_id"', c.place_ids)
        parts.append((f'r."id" IN (SELECT l."article_id" FROM "article_places" AS l WHERE {ids[0]})', ids[1]))
    if c.place_country:
        parts.append(
            (
                'r."id" IN (SELECT l."article_id" FROM "article_places" AS l JOIN "places" AS p '
                'ON p."id" = l."place_id" WHERE p."country" = ?)',
                [c.place_country],
            )
        )
    return _and(parts)


def articles(
    conn: sqlite3.Connection,
    c: Criteria,
    *,
    sort: str = "ingested",
    desc: bool = True,
    limit: int = 50,
    offset: int = 0,
) -> list[Article]:
    where, params = _article_where(c)
    column = SORTS["articles"][sort]
    order = "DESC" if desc else "ASC"
    sql = rows.select_sql("articles", Article) + (
        f' WHERE {where} ORDER BY r."{column}" {order}, r."id" LIMIT ? OFFSET ?'
    )
    return _fetch(conn, Article, sql, [*params, limit, offset])


@dataclass(frozen=True)
class Hit:
    """One full-text match: the article, a snippet with the matched words between ``**``, bm25 score
    (lower is better, as SQLite reports it)."""

    article_id: str
    title: str
    site: str
    published: str
    snippet: str
    score: float


def search(
    conn: sqlite3.Connection, text: str, c: Criteria, *, limit: int = 20, offset: int = 0
) -> list[Hit]:
    """Articles matching an FTS5 expression, best first (bm25; a title match weighs 5x a text one)."""
    parts = _article_conditions(c, "a", "published")
    where, params = _and(parts)
    sql = (
        'SELECT a."id", a."title", a."site", a."published", '
        "snippet(\"articles_fts\", 1, '**', '**', '…', 16), bm25(\"articles_fts\", 5.0, 1.0) AS score "
        'FROM "articles_fts" AS f JOIN "article_docs" AS d ON d."doc" = f.rowid '
        'JOIN "articles" AS a ON a."id" = d."article_id" '
        f'WHERE "articles_fts" MATCH ? AND {where} ORDER BY score, a."id" LIMIT ? OFFSET ?'
    )
    return [Hit(*row) for row in conn.execute(sql, [text, *params, limit, offset])]


# -- streaming any table ------------------------------------------------------------


def iter_records(conn: sqlite3.Connection, table: str, c: Criteria, batch: int = BATCH) -> Iterator[Any]:
    """Every matching record of ``table`` in write order, ``batch`` rows per fetch (constant memory)."""
    if table == "events":
        yield from iter_events(conn, c, batch)
        return
    cls = RECORDS[table]
    if table in ARTICLE_TABLES:
        from newsgraph.store.signals import iter_article_records

        yield from iter_article_records(conn, table, cls, c, batch)
        return
    if table == "actors":
        where, params = _actor_where(c)
    elif table == "quotes":
        # The quote filters name the quoting article as "a".
        where, params = _quote_where(c)
        sql = (
            rows.select_sql("quotes", Quote)
            + f' JOIN "articles" AS a ON a."id" = r."article_id" WHERE {where} ORDER BY r.rowid'
        )
        yield from _stream(conn, Quote, sql, params, batch)
        return
    elif table == "places":
        where, params = _place_where(c)
    elif table == "articles":
        where, params = _article_where(c)
    elif table == "mentions":
        parts: list[tuple[str, list[Any]]] = []
        if c.actor:
            parts.append(_side_sql(c.actor, 'r."actor_id"', None))
        parts.extend(_via_articles(c, 'r."article_id"', "published"))
        where, params = _and(parts)
    else:  # pragma: no cover - callers validate the table
        raise ValueError(table)
    sql = rows.select_sql(table, cls) + f" WHERE {where} ORDER BY r.rowid"
    yield from _stream(conn, cls, sql, params, batch)


def _stream(
    conn: sqlite3.Connection, cls: type[R], sql: str, params: Sequence[Any], batch: int
) -> Iterator[R]:
    cursor = conn.execute(sql, list(params))
    while chunk := cursor.fetchmany(batch):
        for row in chunk:
            yield rows.from_row(cls, row)


def _fetch(conn: sqlite3.Connection, cls: type[R], sql: str, params: Sequence[Any]) -> list[R]:
    return [rows.from_row(cls, row) for row in conn.execute(sql, list(params))]


# -- the web workbench: corpus figures, map points, errors ---------------------------


def overview(conn: sqlite3.Connection) -> dict[str, Any]:
    """Corpus figures: rows of the main tables, distinct sites, and the span of publication dates."""
    counts = {
        table: int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
        for table in ("articles", "actors", "events", "quotes", "places", "errors", "duplicates")
    }
    sites = conn.execute('SELECT count(*) FROM (SELECT DISTINCT "site" FROM "articles" WHERE "site" <> \'\')')
    first = conn.execute('SELECT min("published") FROM "articles" WHERE "published" <> \'\'').fetchone()[0]
    last = conn.execute('SELECT max("published") FROM "articles"').fetchone()[0]
    return {
        **counts,
        "sites": int(sites.fetchone()[0]),
        "first_published": first or "",
        "last_published": last or "",
    }


def quad_counts(conn: sqlite3.Connection, c: Criteria, *, kept: bool = True) -> dict[int, int]:
    """Matching events per quad class (events without one are left out). Every complete real-world
    event: the store-wide counts of migration 0011 (``kept=False``: scanned)."""
    if kept and c == Criteria():
        sql = 'SELECT "quad_class", "n" FROM "event_quads" WHERE "quad_class" <> 0 AND "n" > 0'
        return {int(q): int(n) for q, n in conn.execute(sql)}
    if c == Criteria(partial=True, mentions=True):
        # Every record: the quad-class index alone answers it.
        sql = 'SELECT "quad_class", count(*) FROM "events" WHERE "quad_class" IS NOT NULL GROUP BY 1'
        return {int(q): int(n) for q, n in conn.execute(sql)}
    if c == Criteria(mentions=True):
        return _complete_quad_counts(conn)
    inner, params = _matching('e."quad_class" AS q', c)
    sql = f"SELECT q, count(*) FROM ({inner}) WHERE q IS NOT NULL GROUP BY q"
    return {int(q): int(n) for q, n in conn.execute(sql, params)}


def _complete_quad_counts(conn: sqlite3.Connection) -> dict[int, int]:
    """Complete events (the ``dyadic`` rule) per quad class, in the whole store: every event, counted
    from the quad-class index alone, less the incomplete ones. An event with a code on both sides
    is complete, so the incomplete ones are among those with an empty code on a side, which are
    index ranges on the empty code: few rows read from the table, not a million."""
    found = quad_counts(conn, Criteria(partial=True, mentions=True))
    complete, params = _dyadic(Criteria(), None, None)[0]
    incomplete = (
        "SELECT q, count(*) FROM ("
        f'SELECT e."quad_class" AS q FROM "events" AS e WHERE e."source_code" = \'\' AND NOT {complete} '
        'UNION ALL SELECT e."quad_class" FROM "events" AS e WHERE e."target_code" = \'\' '
        f"AND e.\"source_code\" <> '' AND NOT {complete}"
        ") WHERE q IS NOT NULL GROUP BY q"
    )
    for q, n in conn.execute(incomplete, [*params, *params]):
        found[int(q)] = found.get(int(q), 0) - int(n)
    return found


def busiest_actors(
    conn: sqlite3.Connection, limit: int = 10, partial: bool = False, *, kept: bool = True
) -> list[tuple[Actor, int]]:
    """The actors in the most events dated to the month or day, most first: complete real-world
    events (the default of every query), from the totals kept by migration 0011, or, with
    ``partial``, every record, read from the monthly counts kept at ingest (migration 0004), which
    hold partial records too. ``kept=False`` counts complete events by scanning (tests hold the
    two to one answer)."""
    if partial:
        counted = (
            'SELECT "actor_id" AS aid, sum("n") AS n FROM "actor_months" GROUP BY "actor_id" '
            'HAVING sum("n") > 0 ORDER BY n DESC, "actor_id" LIMIT ?'
        )
        params: list[Any] = [limit]
    elif kept:
        # Real-world events dated to the month or day, as the timeline counts them: kept by
        # migration 0011's triggers.
        counted = (
            'SELECT "actor_id" AS aid, "dated" AS n FROM "actor_event_totals" WHERE "dated" > 0 '
            'ORDER BY n DESC, "actor_id" LIMIT ?'
        )
        params = [limit]
    else:  # the same by scanning the mentions and their events
        complete, params = _dyadic(Criteria(), None, None)[0]
        dated = 'length(m."date") >= 7 AND m."quad_class" IS NOT NULL'
        merged = 'JOIN "merged_events" AS m ON m."id" = e."event_id"'
        counted = (
            "SELECT aid, count(DISTINCT ev) AS n FROM ("
            f'SELECT e."source_actor_id" AS aid, e."event_id" AS ev FROM "events" AS e {merged} '
            f"WHERE e.\"source_actor_id\" <> '' AND {dated} AND {complete} UNION ALL "
            f'SELECT e."target_actor_id", e."event_id" FROM "events" AS e {merged} '
            f"WHERE e.\"target_actor_id\" <> '' AND {dated} AND {complete}"
            ") GROUP BY aid ORDER BY n DESC, aid LIMIT ?"
        )
        params = [*params, *params, limit]
    sql = (
        f"SELECT {rows.quoted(rows.columns(Actor), 'r')}, k.n FROM ({counted}) AS k "
        'JOIN "actors" AS r ON r."id" = k.aid ORDER BY k.n DESC, r."name"'
    )
    n = len(rows.columns(Actor))
    return [(rows.from_row(Actor, row[:n]), int(row[n])) for row in conn.execute(sql, params)]


def event_places(
    conn: sqlite3.Connection, c: Criteria, limit: int = 500, *, kept: bool = True
) -> list[tuple[Place, int]]:
    """The places of matching events that have coordinates, with how many events, most first. One
    actor's complete real-world events, or every one, with no other filter: the counts kept by
    migration 0011 (``kept=False``: scanned)."""
    actor_id = counted_actor(c) if kept else None
    if actor_id is not None:
        counted = 'SELECT "place_id" AS pid, "n" AS n FROM "actor_event_places" WHERE "actor_id" = ?'
        params: list[Any] = [actor_id]
    elif kept and c == Criteria():
        counted, params = 'SELECT "place_id" AS pid, "n" AS n FROM "event_places"', []
    else:
        inner, params = _matching('e."place_id" AS pid', c)
        counted = f"SELECT pid, count(*) AS n FROM ({inner}) WHERE pid <> '' GROUP BY pid"
    sql = (
        f"SELECT {rows.quoted(rows.columns(Place), 'r')}, k.n FROM ({counted}) AS k "
        'JOIN "places" AS r ON r."id" = k.pid WHERE r."lat" IS NOT NULL AND r."lon" IS NOT NULL '
        'AND k.n > 0 ORDER BY k.n DESC, r."name", r."id" LIMIT ?'
    )
    n = len(rows.columns(Place))
    return [(rows.from_row(Place, row[:n]), int(row[n])) for row in conn.execute(sql, [*params, limit])]


def errors(conn: sqlite3.Connection, limit: int = 50, offset: int = 0) -> list[tuple[str, str, str, str]]:
    """Recorded failures (uri, stage, reason, at), most recent first."""
    sql = (
        'SELECT "uri", "stage", "reason", "at" FROM "errors" ORDER BY "at" DESC, rowid DESC LIMIT ? OFFSET ?'
    )
    return [tuple(row) for row in conn.execute(sql, (limit, offset))]


def actor_exists(conn: sqlite3.Connection, actor_id: str) -> bool:
    """Whether ``actor_id`` is exactly the id of a registry entry."""
    return conn.execute('SELECT 1 FROM "actors" WHERE "id" = ?', (actor_id,)).fetchone() is not None


def mention_places(conn: sqlite3.Connection, c: Criteria, limit: int = 500) -> list[tuple[Place, int]]:
    """Places named in the matching articles (site, language, text, dates of publication) that have
    coordinates, with how many mentions, most first; ``place_ids`` / ``place_country`` narrow them."""
    parts = _via_articles(c, 'm."article_id"', "published")
    if c.place_ids:
        parts.append(_in('m."place_id"', c.place_ids))
    if c.place_country:
        parts.append(('m."place_id" IN (SELECT "id" FROM "places" WHERE "country" = ?)', [c.place_country]))
    where, params = _and(parts)
    counted = (
        f'SELECT m."place_id" AS pid, count(*) AS n FROM "place_mentions" AS m WHERE {where} GROUP BY pid'
    )
    sql = (
        f"SELECT {rows.quoted(rows.columns(Place), 'r')}, k.n FROM ({counted}) AS k "
        'JOIN "places" AS r ON r."id" = k.pid WHERE r."lat" IS NOT NULL AND r."lon" IS NOT NULL '
        'ORDER BY k.n DESC, r."name" LIMIT ?'
    )
    n = len(rows.columns(Place))
    return [(rows.from_row(Place, row[:n]), int(row[n])) for row in conn.execute(sql, [*params, limit])]
