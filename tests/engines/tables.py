"""A store's contents, table by table, for comparing two runs of the same ingest."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Columns that differ between two runs of the same ingest only by when they ran; first_seen and
# last_seen of a real-world event are ingest times where an article has no date.
TIMESTAMPS = {"ingested_at", "at", "analysed_at", "first_seen", "last_seen"}


def store_rows(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows without their timestamps, in write order where the table has one."""
    conn = sqlite3.connect(db)
    out = {}
    try:
        tables = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
        ).fetchall()
        for name, sql in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")') if r[1] not in TIMESTAMPS]
            order = "" if "WITHOUT ROWID" in sql.upper() else " ORDER BY rowid"
            listed = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(f'SELECT {listed} FROM "{name}"{order}').fetchall()
            out[name] = rows if order else sorted(rows)
    finally:
        conn.close()
    return out
