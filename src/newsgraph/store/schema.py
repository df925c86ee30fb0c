"""Versioned schema: numbered ``.sql`` migrations tracked by ``PRAGMA user_version``.

A migration is a file ``NNNN_name.sql`` in the migrations source (by default the
package's ``store/migrations`` folder). Version numbers must run 1, 2, 3, ...
without gaps; each file is applied in its own transaction together with the
bump of ``user_version``, so a failing migration leaves the database at the
previous version. Adding ``0002_xxx.sql`` is all a schema change needs.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from newsgraph.store.exceptions import StoreError, is_busy

MigrationSource = Traversable | Path
_NAME = re.compile(r"^(\d+)_[\w-]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def default_source() -> Traversable:
    """The migrations shipped with the package."""
    return resources.files("newsgraph.store") / "migrations"


def load_migrations(source: MigrationSource | None = None) -> list[Migration]:
    """The migrations in ``source``, in version order; gaps and duplicates are errors."""
    folder = default_source() if source is None else source
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match and entry.is_file():
            found.append(Migration(int(match[1]), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"migrations in {folder} must be numbered 1..n without gaps: {versions}")
    return found


def split_statements(sql: str) -> list[str]:
    """Split a script into single statements.

    ``sqlite3.executescript`` would commit any open transaction first, so each
    statement is executed on its own inside the migration's transaction instead.
    ``sqlite3.complete_statement`` decides where a statement ends, so semicolons
    inside strings, comments and trigger bodies are handled.
    """
    statements: list[str] = []
    buffer = ""
    for piece in sql.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    leftover = buffer[:-1]  # drop the ";" the loop appended after the last piece
    if _has_code(leftover):
        raise StoreError(f"incomplete SQL statement at end of migration: {leftover.strip()[:80]!r}")
    return [s for s in statements if _has_code(s)]


def _has_code(sql: str) -> bool:
    """Whether anything but whitespace, ``--`` comments and bare semicolons is left."""
    return any(line.split("--", 1)[0].strip(" \t;") for line in sql.splitlines())


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: list[Migration]) -> list[int]:
    """Bring the database up to the newest migration; return the versions applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``) so the
    transactions here are the only ones.
    """
    latest = migrations[-1].version if migrations else 0
    current = user_version(conn)
    if current > latest:
        raise StoreError(
            f"database schema version {current} is newer than this newsgraph knows "
            f"({latest}); upgrade newsgraph to open it"
        )
    applied: list[int] = []
    for migration in migrations:
        if migration.version > current and _apply(conn, migration):
            applied.append(migration.version)
    return applied


def _apply(conn: sqlite3.Connection, migration: Migration) -> bool:
    """Apply one migration in one transaction; False if another process already did."""
    # IMMEDIATE takes the write lock up front, so two processes opening the same
    # new file serialise here and the second sees the first's user_version.
    conn.execute("BEGIN IMMEDIATE")
    try:
        if user_version(conn) >= migration.version:
            conn.execute("ROLLBACK")
            return False
        for statement in split_statements(migration.sql):
            conn.execute(statement)
        # PRAGMA takes no bound parameters; the version is an int parsed from a file name.
        conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error) and is_busy(exc):
            raise  # the store is busy, the migration is fine: the opener says so
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"migration {migration.name} failed: {exc}") from exc
        raise
    return True
