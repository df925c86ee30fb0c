"""What the counts of complete real-world events (migration 0011) must hold, recounted in Python
from the events and their mentions, sharing no SQL with the triggers that keep them."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from newsgraph.store.queries import ONE_SIDED_ROOTS

#: Kept table -> columns of its key.
KEPT = {
    "event_months": 2,
    "event_quads": 1,
    "event_places": 1,
    "event_dyads": 2,
    "actor_event_months": 3,
    "country_event_months": 3,
    "actor_event_places": 2,
    "actor_event_totals": 1,
    "actor_counterparts": 3,
}


def _complete(source_code: str, target_code: str, root: str) -> bool:
    return bool(source_code and target_code) or (root in ONE_SIDED_ROOTS and bool(source_code))


def recount(conn: sqlite3.Connection) -> dict[str, dict[tuple, tuple]]:
    """What each kept table must hold: per key, its counts (every count above zero)."""
    merged = {
        row[0]: row[1:]
        for row in conn.execute(
            'SELECT "id", "date", "quad_class", "place_id", "source_actor_id", "source_code", '
            '"target_actor_id", "target_code", "goldstein" FROM "merged_events"'
        )
    }
    sides: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    pairs: dict[tuple[str, str, str, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    countries: set[tuple[str, str]] = set()
    complete: set[str] = set()
    mentions = conn.execute(
        'SELECT "event_id", "source_actor_id", "source_code", "target_actor_id", "target_code", '
        '"root_code", "goldstein" FROM "events"'
    )
    for ev, s_id, s_code, t_id, t_code, root, goldstein in mentions:
        if ev not in merged or not _complete(s_code, t_code, root):
            continue
        complete.add(ev)
        g = None if goldstein is None else round(goldstein * 1000)
        for code in (s_code, t_code):
            if len(code) >= 3:
                countries.add((ev, code[:3]))
        if s_id:
            sides[(ev, s_id)][0] = 1
            _pair(pairs[(ev, s_id, t_id or t_code, int(bool(t_id)))], 0, g)
        if t_id:
            sides[(ev, t_id)][1] = 1
            if s_id != t_id:
                _pair(pairs[(ev, t_id, s_id or s_code, int(bool(s_id)))], 1, g)
    out: dict[str, dict[tuple, Any]] = {table: defaultdict(lambda: [0]) for table in KEPT}
    out["event_dyads"] = defaultdict(lambda: [0, 0, 0])
    for ev in complete:
        date, quad, place, s_id, s_code, t_id, t_code, goldstein = merged[ev]
        out["event_quads"][(quad or 0,)][0] += 1
        if place:
            out["event_places"][(place,)][0] += 1
        if (s_id or s_code) and (t_id or t_code):
            dyad = out["event_dyads"][(s_id or s_code, t_id or t_code)]
            dyad[0] += 1
            if goldstein is not None:
                dyad[1] += round(goldstein * 1000)
                dyad[2] += 1
        if len(date) >= 7 and quad is not None:
            out["event_months"][(date[:7], quad)][0] += 1
    out["actor_event_totals"] = defaultdict(lambda: [0, 0, 0, 0])
    out["actor_counterparts"] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for (ev, actor), (as_source, as_target) in sides.items():
        date, quad, place = merged[ev][:3]
        dated = len(date) >= 7 and quad is not None
        totals = out["actor_event_totals"][(actor,)]
        for i, add in enumerate((1, int(dated), as_source, as_target)):
            totals[i] += add
        if dated:
            out["actor_event_months"][(actor, date[:7], quad)][0] += 1
        if place:
            out["actor_event_places"][(actor, place)][0] += 1
    for ev, country in countries:
        date, quad = merged[ev][:2]
        if len(date) >= 7 and quad is not None:
            out["country_event_months"][(country, date[:7], quad)][0] += 1
    for (_ev, actor, cp, is_actor), (outgoing, incoming, g_sum, g_n) in pairs.items():
        if cp:
            kept = out["actor_counterparts"][(actor, cp, is_actor)]
            for i, add in enumerate((1, outgoing, incoming, g_sum, g_n)):
                kept[i] += add
    return {table: {k: tuple(v) for k, v in found.items()} for table, found in out.items()}


def _pair(counts: list[int], direction: int, g: int | None) -> None:
    counts[direction] = 1
    if g is not None:
        counts[2] += g
        counts[3] += 1


def kept(conn: sqlite3.Connection) -> dict[str, dict[tuple, tuple]]:
    return {
        table: {row[:width]: row[width:] for row in conn.execute(f'SELECT * FROM "{table}"')}
        for table, width in KEPT.items()
    }


def assert_counts(conn: sqlite3.Connection) -> None:
    assert kept(conn) == recount(conn)
    # Each event's row was written with exactly the mentions linked to it (a split writes its
    # parts once all of them are relinked).
    linked = 'SELECT count(*) FROM "events" AS e WHERE e."event_id" = m."id"'
    sql = f'SELECT m."id" FROM "merged_events" AS m WHERE m."num_mentions" <> ({linked})'
    assert conn.execute(sql).fetchall() == []
