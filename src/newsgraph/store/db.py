"""The embedded store: one SQLite file in WAL mode, the only place that writes SQL.

Every value reaches SQLite as a bound parameter; the only names formatted into
SQL are table and column names taken from this module and the record classes.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar
from urllib.parse import quote

import numpy as np

from newsgraph import minhash
from newsgraph.records import (
    Actor,
    Analysis,
    Article,
    CoMention,
    Count,
    Domain,
    Duplicate,
    Error,
    Event,
    Mention,
    Place,
    PlaceMention,
    Quote,
    ThemeMention,
    Timex,
    Tone,
)
from newsgraph.store import merge, registry, rows, schema
from newsgraph.store.exceptions import AmbiguousIdError, QueryTimeout, StoreBusy, StoreError, is_busy

R = TypeVar("R")

#: The record tables, in the order :meth:`Store.stats` reports them.
RECORD_TABLES: tuple[str, ...] = (
    "articles",
    "actors",
    "mentions",
    "places",
    "place_mentions",
    "timexes",
    "quotes",
    "events",
    "merged_events",
    "duplicates",
    "errors",
    "tones",
    "theme_mentions",
    "domains",
    "comentions",
    "counts",
)

#: A failure recorded: the same (uri, stage, reason) only updates ``at``.
_ERROR_SQL = (
    'INSERT INTO "errors" ("uri", "stage", "reason", "at") VALUES (?, ?, ?, ?) '
    'ON CONFLICT ("uri", "stage", "reason") DO UPDATE SET "at" = excluded."at"'
)
#: Per-article child tables: (table, record class, Analysis attribute).
_CHILDREN: tuple[tuple[str, type, str], ...] = (
    ("mentions", Mention, "mentions"),
    ("place_mentions", PlaceMention, "place_mentions"),
    ("timexes", Timex, "timexes"),
    ("quotes", Quote, "quotes"),
    ("events", Event, "events"),
    ("tones", Tone, "tones"),
    ("theme_mentions", ThemeMention, "themes"),
    ("comentions", CoMention, "comentions"),
    ("counts", Count, "counts"),
)

#: Registry table -> (link table, its column), recording which entries an article listed.
_LINKS: dict[str, tuple[str, str]] = {
    "actors": ("article_actors", "actor_id"),
    "places": ("article_places", "place_id"),
}

#: The shortest id prefix :meth:`Store.article` resolves (shorter ones match too much).
MIN_PREFIX = 4
_MAX_CANDIDATES = 10
# Above every character, so [prefix, prefix + _TOP) is exactly "starts with prefix"
# for ids without U+10FFFF, and the range can use the primary-key index.
_TOP = "\U0010ffff"


class Store:
    """A newsgraph database: articles, their analyses, and processing errors.

    Opening applies any pending schema migrations. Use as a context manager, or
    call :meth:`close`. A Store (like its sqlite3 connection) belongs to the
    thread that opened it; open one per process or thread.

    Read-back ordering: an article's records come back in the order they were
    written; :meth:`articles` lists the most recently ingested first. Actors and
    places are a registry shared by all articles, so they read back merged with
    what other articles contributed (see :mod:`newsgraph.store.registry`), and an
    analysis listing the same actor or place twice reads back with it once.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        migrations: schema.MigrationSource | None = None,
        busy_timeout_ms: int = 5000,
    ) -> None:
        """Open or create the database at ``path``.

        ``migrations`` replaces the packaged migrations folder (tests, tools).
        Raises :class:`StoreError` if the file is not a database or its schema is
        newer than the code's.
        """
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: no implicit transactions; the store issues its own
        # BEGIN/COMMIT so one article is exactly one transaction.
        self._conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000, isolation_level=None)
        try:
            self._configure(busy_timeout_ms)
            applied = schema.migrate(self._conn, schema.load_migrations(migrations))
        except sqlite3.Error as exc:  # e.g. "file is not a database"
            self._conn.close()
            if is_busy(exc):
                raise StoreBusy(str(path), busy_timeout_ms / 1000) from exc
            raise StoreError(f"cannot open store {str(path)!r}: {exc}") from exc
        except BaseException:
            self._conn.close()
            raise
        #: Migration versions this open applied (empty when the file was current).
        self.applied_migrations: tuple[int, ...] = tuple(applied)
        if 10 in applied:
            # Mentions stored before migration 0010 get their real-world events now.
            with self._transaction() as conn:
                merge.merge_unmerged(conn)

    @classmethod
    def open_read_only(cls, path: str | Path, *, busy_timeout_ms: int = 5000) -> Store:
        """Open an existing store for reading only (the web server): SQLite's ``mode=ro``, plus
        ``query_only``, so no statement through it can write. No migrations run; a store whose schema
        is older or newer than the code's is refused with a :class:`StoreError` that says what to do.

        WAL lets it read while an ingest writes to the same file. The connection may be used from
        another thread than the one that opened it (a server's worker threads), one at a time.
        """
        if not Path(path).is_file():
            raise StoreError(f"no store at {str(path)!r}")
        store = cls.__new__(cls)
        store.path = Path(path)
        store.applied_migrations = ()
        uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
        try:
            store._conn = sqlite3.connect(
                uri, uri=True, timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {str(path)!r} read-only: {exc}") from exc
        try:
            store._conn.execute("PRAGMA query_only = ON")
            store._conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            _check_current(store._conn, str(path))
        except sqlite3.Error as exc:
            store._conn.close()
            raise StoreError(f"cannot open store {str(path)!r} read-only: {exc}") from exc
        except BaseException:
            store._conn.close()
            raise
        return store

    @contextmanager
    def time_limit(self, seconds: float) -> Iterator[Deadline]:
        """Statements of this connection inside the block stop after ``seconds`` with
        :class:`QueryTimeout` (SQLite's progress handler interrupts them), so a slow read cannot hold
        a server thread. ``Deadline.restart()`` gives a long stream (a download) a fresh allowance
        per row it yields rather than one for the whole stream."""
        deadline = Deadline(seconds)
        self._conn.set_progress_handler(deadline.passed, 20_000)
        try:
            yield deadline
        except sqlite3.OperationalError as exc:
            if "interrupt" not in str(exc):
                raise
            raise QueryTimeout(f"the query took longer than {seconds:g} s and was stopped") from exc
        finally:
            self._conn.set_progress_handler(None, 0)

    def _configure(self, busy_timeout_ms: int) -> None:
        # Pragmas must run outside a transaction; foreign_keys is per connection.
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        self._wal(busy_timeout_ms / 1000)
        # NORMAL is durable across application crashes in WAL mode and much faster.
        self._conn.execute("PRAGMA synchronous = NORMAL")

    def _wal(self, patience_s: float) -> None:
        """Switch to WAL, waiting out another process that holds the file.

        Switching a new file to WAL needs its exclusive lock, and SQLite gives up on that at once
        ("database is locked") instead of calling the busy handler: two ingests creating one new
        store at the same moment failed so in about one try in 30. So wait here, as the busy
        timeout would, and let the caller say the store is busy when the wait runs out.
        """
        deadline = time.monotonic() + patience_s
        pause = 0.005
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or time.monotonic() >= deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.1)

    # -- lifecycle ---------------------------------------------------------------

    def close(self) -> None:
        """Close the connection; safe to call twice."""
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @contextmanager
    def _transaction(self, mode: str = "IMMEDIATE") -> Iterator[sqlite3.Connection]:
        """One transaction; IMMEDIATE for writes (take the lock before reading)."""
        self._conn.execute(f"BEGIN {mode}")
        try:
            yield self._conn
        except BaseException:
            # Some errors (disk full, I/O) make SQLite roll back on its own.
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- schema ------------------------------------------------------------------

    def schema_version(self) -> int:
        """The database's schema version (``PRAGMA user_version``)."""
        return schema.user_version(self._conn)

    # -- writes ------------------------------------------------------------------

    def add_analysis(
        self, analysis: Analysis, signature: np.ndarray | None = None, *, pipeline: str = ""
    ) -> bool:
        """Store an article with all its records, atomically.

        Returns False, writing nothing, when the article id is already stored
        (re-ingesting the same content is a no-op). Raises :class:`StoreError`
        when a record does not belong to the article or violates a constraint;
        then nothing of the article is stored. A MinHash ``signature`` (see
        :mod:`newsgraph.minhash`) is kept for finding later near-copies.
        ``pipeline`` names the version that analysed it (see :meth:`replace_analysis`).
        """
        _check_belongs(analysis)
        try:
            with self._transaction() as conn:
                if not _insert_article(conn, analysis.article):
                    return False
                _write_records(conn, analysis, pipeline)
                merge.add_article(conn, analysis.article.id)
                if signature is not None:
                    _write_signature(conn, analysis.article.id, signature)
        except sqlite3.Error as exc:
            raise StoreError(f"could not store article {analysis.article.id}: {exc}") from exc
        return True

    def replace_analysis(
        self,
        analysis: Analysis,
        *,
        pipeline: str = "",
        signature: np.ndarray | None = None,
        replaces: str | None = None,
    ) -> None:
        """Put ``analysis`` in place of a stored article's analysis, in one transaction.

        The article row is updated (a re-extraction may bring a new date or title; FTS follows by
        trigger), the old records are deleted (the monthly counts follow by trigger) and the new
        ones written, so replacing twice with the same analysis leaves the same rows. ``replaces``
        is the stored article's id when it differs from the new one (a re-extraction changed the
        body): the new article takes its place in ingest order and its copies' links. Registry
        entries only the old analysis listed are removed. Under a ``pipeline`` other than the
        one that last defined a registry entry, this analysis defines it afresh (see migration
        0007). Raises :class:`StoreError` when there is nothing to replace or the new id is
        another stored article's.
        """
        _check_belongs(analysis)
        new_id = analysis.article.id
        old_id = replaces or new_id
        try:
            with self._transaction() as conn:
                old = _read_article(conn, old_id)
                if old is None:
                    raise StoreError(f"no stored article {old_id} to replace")
                listed = _listed(conn, old_id)
                held = merge.events_of(conn, old_id)
                article = dataclasses.replace(analysis.article, ingested_at=old.ingested_at)
                if old_id == new_id:
                    conn.execute(rows.update_sql("articles", Article), rows.to_update_row(article))
                    _delete_records(conn, old_id)
                else:
                    if not _insert_article(conn, article):
                        raise StoreError(f"article {new_id} is already stored (from another document)")
                    _move_duplicates(conn, old_id, new_id)
                    conn.execute('DELETE FROM "articles" WHERE "id" = ?', (old_id,))
                _write_records(conn, dataclasses.replace(analysis, article=article), pipeline)
                merge.rebuild(conn, held)
                merge.add_article(conn, new_id)
                if signature is not None:
                    _delete_signature(conn, new_id)
                    _write_signature(conn, new_id, signature)
                _prune_registry(conn, listed)
        except sqlite3.Error as exc:
            raise StoreError(f"could not replace article {old_id}: {exc}") from exc

    def delete_article(self, article_id: str) -> bool:
        """Remove an article with everything stored for it (its copies' links included) and the
        registry entries no other article lists; False when it is not stored."""
        try:
            with self._transaction() as conn:
                listed = _listed(conn, article_id)
                held = merge.events_of(conn, article_id)
                deleted = conn.execute('DELETE FROM "articles" WHERE "id" = ?', (article_id,)).rowcount
                merge.rebuild(conn, held)
                _prune_registry(conn, listed)
        except sqlite3.Error as exc:
            raise StoreError(f"could not delete article {article_id}: {exc}") from exc
        return deleted == 1

    def bulk_add(self, table: str, records: Iterable[Any], *, batch: int = 50_000) -> int:
        """Insert records of one table as they are, ``batch`` rows per transaction; return the count.

        For bulk loads of trusted, already-merged records (benchmarks, loading exports): no registry
        merge, no article-membership check, no link rows. Triggers still run, so full-text search
        and the actor-name lookup stay in step. A row whose key is already stored is skipped.
        Events are taken as already merged: each one a real-world event of its own (no merge of a
        million mentions one by one; ``store.merge.merge_unmerged`` is the way to merge them).
        A ``merged_events`` row counts (migration 0011's kept counts) the mentions linked to it when
        it is written: bulk-load mentions before the events they link to.
        """
        if table not in RECORD_TABLES:
            raise StoreError(f"unknown table {table!r}; one of {', '.join(RECORD_TABLES)}")
        written = 0
        pending = iter(records)
        while chunk := list(itertools.islice(pending, batch)):
            sql = rows.insert_sql(table, type(chunk[0])).replace("INSERT INTO", "INSERT OR IGNORE INTO", 1)
            try:
                with self._transaction() as conn:
                    last = conn.execute('SELECT coalesce(max(rowid), 0) FROM "events"').fetchone()[0]
                    conn.executemany(sql, [rows.to_row(r) for r in chunk])
                    if table == "events" and "event_id" in rows.columns(type(chunk[0])):
                        merge.singletons(conn, last)
            except sqlite3.Error as exc:
                raise StoreError(f"bulk insert into {table} failed: {exc}") from exc
            written += len(chunk)
        return written

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection, for the store's own read modules (:mod:`newsgraph.store.queries`).

        Code outside ``store/`` goes through :mod:`newsgraph.query`, never through this.
        """
        return self._conn

    def add_error(self, error: Error) -> None:
        """Record a failed document; the same (uri, stage, reason) only updates ``at``.

        An empty ``at`` is stamped with the current UTC time.
        """
        at = error.at or _now()
        self._conn.execute(_ERROR_SQL, (error.uri, error.stage, error.reason, at))

    def add_duplicate(self, duplicate: Duplicate) -> bool:
        """Link a copy to the stored article it copies; False when already linked."""
        duplicate.at = duplicate.at or _now()
        sql = rows.insert_sql("duplicates", Duplicate, 'ON CONFLICT ("uri", "article_id") DO NOTHING')
        return self._conn.execute(sql, rows.to_row(duplicate)).rowcount == 1

    # -- reads -------------------------------------------------------------------

    def near_duplicate(self, signature: np.ndarray) -> tuple[str, float] | None:
        """The first-ingested stored article whose text this signature nearly copies, with
        the estimated similarity; None when no stored article reaches the threshold."""
        keys = minhash.band_keys(signature)
        marks = ", ".join("?" for _ in keys)
        sql = (
            'SELECT DISTINCT m."article_id", m."signature", a."ingested_at" FROM "minhash_bands" AS b '
            'JOIN "minhashes" AS m ON m."article_id" = b."article_id" '
            'JOIN "articles" AS a ON a."id" = b."article_id" '
            f'WHERE b."key" IN ({marks}) ORDER BY a."ingested_at", a."id"'
        )
        for article_id, blob, _ in self._conn.execute(sql, keys):
            score = minhash.similarity(signature, minhash.from_blob(blob))
            if score >= minhash.THRESHOLD:
                return article_id, score
        return None

    def duplicates(self, article_id: str) -> list[Duplicate]:
        """The copies linked to an article, in the order they were seen."""
        sql = rows.select_sql("duplicates", Duplicate) + ' WHERE r."article_id" = ? ORDER BY r.rowid'
        return self._fetch(Duplicate, sql, (article_id,))

    def article_by_uri(self, uri: str) -> Article | None:
        """The first-stored article read from ``uri`` (a document's path, path#line, WARC URI)."""
        sql = rows.select_sql("articles", Article) + ' WHERE r."uri" = ? ORDER BY r.rowid LIMIT 1'
        return self._one(Article, sql, uri)

    def pipeline_counts(self) -> dict[str, int]:
        """Articles per pipeline version that analysed them ("" : before versions were kept)."""
        sql = (
            'SELECT coalesce(n."pipeline", \'\') AS v, count(*) FROM "articles" AS a '
            'LEFT JOIN "analyses" AS n ON n."article_id" = a."id" GROUP BY v ORDER BY 2 DESC, 1'
        )
        return {version: int(n) for version, n in self._conn.execute(sql)}

    def article_pipelines(self) -> dict[str, str]:
        """Every stored article's id -> the pipeline version that analysed it, in ingest order."""
        sql = (
            'SELECT a."id", coalesce(n."pipeline", \'\') FROM "articles" AS a '
            'LEFT JOIN "analyses" AS n ON n."article_id" = a."id" ORDER BY a.rowid'
        )
        return dict(self._conn.execute(sql).fetchall())

    def has_article(self, article_id: str) -> bool:
        """Whether an article with exactly this id is stored."""
        row = self._conn.execute('SELECT 1 FROM "articles" WHERE "id" = ?', (article_id,))
        return row.fetchone() is not None

    def articles(self, limit: int = 50, offset: int = 0) -> list[Article]:
        """A page of articles, most recently ingested first, then by id."""
        sql = rows.select_sql("articles", Article) + ' ORDER BY r."ingested_at" DESC, r."id"'
        return self._fetch(Article, sql + " LIMIT ? OFFSET ?", (limit, offset))

    def article(self, ref: str) -> Article | None:
        """The article whose id is ``ref`` or starts with it (at least 4 characters).

        Returns None when nothing matches; raises :class:`AmbiguousIdError` (a
        StoreError) when the prefix matches several articles, and StoreError when
        a prefix is shorter than 4 characters.
        """
        exact = self._article(ref)
        if exact is not None:
            return exact
        if len(ref) < MIN_PREFIX:
            raise StoreError(f"id prefix {ref!r} is too short; give {MIN_PREFIX}+ characters")
        sql = 'SELECT "id" FROM "articles" WHERE "id" >= ? AND "id" < ? ORDER BY "id" LIMIT ?'
        found = self._conn.execute(sql, (ref, ref + _TOP, _MAX_CANDIDATES + 1)).fetchall()
        ids = [row[0] for row in found]
        if len(ids) > 1:
            raise AmbiguousIdError(ref, ids[:_MAX_CANDIDATES], more=len(ids) > _MAX_CANDIDATES)
        return self._article(ids[0]) if ids else None

    def analysis(self, article_id: str) -> Analysis | None:
        """The article with every record stored for it, or None if it is not stored."""
        # One read transaction, so a concurrent writer cannot show half a picture.
        with self._transaction("DEFERRED"):
            article = self._article(article_id)
            if article is None:
                return None
            return self._read_analysis(article)

    def actor(self, actor_id: str) -> Actor | None:
        """The registry entry for an actor, merged across all articles."""
        return self._one(Actor, rows.select_sql("actors", Actor) + ' WHERE r."id" = ?', actor_id)

    def place(self, place_id: str) -> Place | None:
        """The registry entry for a place, merged across all articles."""
        return self._one(Place, rows.select_sql("places", Place) + ' WHERE r."id" = ?', place_id)

    def errors(self, limit: int = 100) -> list[Error]:
        """Recorded errors, most recent first."""
        sql = rows.select_sql("errors", Error) + ' ORDER BY r."at" DESC, r.rowid DESC LIMIT ?'
        return self._fetch(Error, sql, (limit,))

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the file (SQLite's
        ``data_version``): what a reader's cache checks to know it is still current."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def stats(self) -> dict[str, int]:
        """Row count of each record table (link tables are left out)."""
        return {
            table: int(self._conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
            for table in RECORD_TABLES
        }

    # -- read helpers ------------------------------------------------------------

    def _article(self, article_id: str) -> Article | None:
        sql = rows.select_sql("articles", Article) + ' WHERE r."id" = ?'
        return self._one(Article, sql, article_id)

    def _read_analysis(self, article: Article) -> Analysis:
        key = (article.id,)
        children = {attr: self._fetch(cls, _child_sql(table, cls), key) for table, cls, attr in _CHILDREN}
        sql = 'SELECT "notes", "pipeline", "analysed_at" FROM "analyses" WHERE "article_id" = ?'
        notes, pipeline, analysed_at = self._conn.execute(sql, key).fetchone() or ("[]", "", "")
        domain = self._fetch(Domain, rows.select_sql("domains", Domain) + ' WHERE r."article_id" = ?', key)
        # What failed in this analysis: written with it (so not before it), for its uri.
        failed = self._fetch(
            Error,
            'SELECT r."uri", r."stage", r."reason", r."at" FROM "errors" AS r '
            'WHERE r."uri" = ? AND r."stage" = \'analyze\' AND r."at" >= ? ORDER BY r."at", r.rowid',
            (article.uri, analysed_at or ""),
        )
        return Analysis(
            article=article,
            actors=self._fetch(Actor, _linked_sql("actors", Actor), key),
            places=self._fetch(Place, _linked_sql("places", Place), key),
            notes=json.loads(notes),
            pipeline=pipeline,
            domain=domain[0] if domain else None,
            errors=failed,
            **children,
        )

    def _fetch(self, cls: type[R], sql: str, params: Sequence[Any]) -> list[R]:
        return [rows.from_row(cls, row) for row in self._conn.execute(sql, params)]

    def _one(self, cls: type[R], sql: str, key: str) -> R | None:
        found = self._fetch(cls, sql, (key,))
        return found[0] if found else None


class Deadline:
    """A point in time a read must finish by; see :meth:`Store.time_limit`."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.restart()

    def restart(self) -> None:
        self.at = time.monotonic() + self.seconds

    def passed(self) -> bool:
        return time.monotonic() > self.at


def _check_current(conn: sqlite3.Connection, path: str) -> None:
    """Refuse a store whose schema version is not the code's (read-only opens cannot migrate)."""
    have, want = schema.user_version(conn), schema.load_migrations()[-1].version
    if have < want:
        raise StoreError(
            f"store {path!r} has schema version {have}, older than this newsgraph's ({want}); "
            f"open it once for writing (`newsgraph stats --db {path}`) to migrate it"
        )
    if have > want:
        raise StoreError(
            f"store {path!r} has schema version {have}, newer than this newsgraph knows ({want}); "
            "upgrade newsgraph to open it"
        )


# -- SQL builders and write steps (run inside the caller's transaction) ---------


def _child_sql(table: str, cls: type) -> str:
    # rowid order is write order: records read back as the analysis listed them.
    return rows.select_sql(table, cls) + ' WHERE r."article_id" = ? ORDER BY r.rowid'


def _linked_sql(table: str, cls: type) -> str:
    """Registry entries an article listed, in its order, via the link table."""
    link, column = _LINKS[table]
    return (
        rows.select_sql(table, cls)
        + f' JOIN "{link}" AS l ON l."{column}" = r."id"'
        + ' WHERE l."article_id" = ? ORDER BY l.rowid'
    )


def _check_belongs(analysis: Analysis) -> None:
    """Refuse records that name another article: the FK alone would not catch that
    when the other article is stored, and the record would silently move there."""
    article_id = analysis.article.id
    for _table, _cls, attr in _CHILDREN:
        for record in getattr(analysis, attr):
            if record.article_id != article_id:
                raise StoreError(
                    f"{type(record).__name__} names article {record.article_id!r}, "
                    f"but the analysis is of {article_id!r}"
                )


def _insert_article(conn: sqlite3.Connection, article: Article) -> bool:
    """Insert the article row; False when its id is already stored."""
    sql = rows.insert_sql("articles", Article, 'ON CONFLICT ("id") DO NOTHING')
    return conn.execute(sql, rows.to_row(article)).rowcount == 1


def _write_records(conn: sqlite3.Connection, analysis: Analysis, pipeline: str = "") -> None:
    article_id = analysis.article.id
    _upsert_registry(conn, article_id, "actors", analysis.actors, pipeline)
    _upsert_registry(conn, article_id, "places", analysis.places, pipeline)
    for table, cls, attr in _CHILDREN:
        records = getattr(analysis, attr)
        if records:
            conn.executemany(rows.insert_sql(table, cls), [rows.to_row(r) for r in records])
    if analysis.domain is not None:
        domain = dataclasses.replace(analysis.domain, article_id=article_id)
        conn.execute(rows.insert_sql("domains", Domain), rows.to_row(domain))
    conn.execute(
        'INSERT INTO "analyses" ("article_id", "notes", "pipeline", "analysed_at") VALUES (?, ?, ?, ?)',
        (article_id, json.dumps(analysis.notes, ensure_ascii=False), pipeline, _now()),
    )
    for error in analysis.errors:  # what failed in its analysis, in the same transaction
        conn.execute(_ERROR_SQL, (error.uri, error.stage, error.reason, error.at or _now()))


def _upsert_registry(
    conn: sqlite3.Connection,
    article_id: str,
    table: str,
    records: Sequence[Actor | Place],
    pipeline: str = "",
) -> None:
    """Insert new registry entries, merge into existing ones (never duplicate), and
    link them to the article. The first writer under a new ``pipeline`` starts the entry over."""
    for record in records:
        cls = type(record)
        sql = rows.select_sql(table, cls) + ' WHERE r."id" = ?'
        row = conn.execute(sql, (record.id,)).fetchone()
        if row is None:
            conn.execute(rows.insert_sql(table, cls), rows.to_row(record))
            _mark_registry(conn, table, record.id, pipeline)
            continue
        old = rows.from_row(cls, row)
        if pipeline and _registry_pipeline(conn, table, record.id) != pipeline:
            merged = record
            _mark_registry(conn, table, record.id, pipeline)
        else:
            merged = registry.fill(old, record)
        if merged != old:
            conn.execute(rows.update_sql(table, cls), rows.to_update_row(merged))
    link, column = _LINKS[table]
    sql = f'INSERT INTO "{link}" ("article_id", "{column}") VALUES (?, ?) ON CONFLICT DO NOTHING'
    conn.executemany(sql, [(article_id, record.id) for record in records])


def _registry_pipeline(conn: sqlite3.Connection, table: str, entry_id: str) -> str:
    sql = 'SELECT "pipeline" FROM "registry_pipelines" WHERE "registry" = ? AND "id" = ?'
    row = conn.execute(sql, (table, entry_id)).fetchone()
    return str(row[0]) if row else ""


def _mark_registry(conn: sqlite3.Connection, table: str, entry_id: str, pipeline: str) -> None:
    if pipeline:
        conn.execute(
            'INSERT INTO "registry_pipelines" ("registry", "id", "pipeline") VALUES (?, ?, ?) '
            'ON CONFLICT DO UPDATE SET "pipeline" = excluded."pipeline"',
            (table, entry_id, pipeline),
        )


def _read_article(conn: sqlite3.Connection, article_id: str) -> Article | None:
    row = conn.execute(rows.select_sql("articles", Article) + ' WHERE r."id" = ?', (article_id,)).fetchone()
    return rows.from_row(Article, row) if row else None


def _listed(conn: sqlite3.Connection, article_id: str) -> dict[str, list[str]]:
    """The registry entries an article's analysis lists, per registry table."""
    out: dict[str, list[str]] = {}
    for table, (link, column) in _LINKS.items():
        sql = f'SELECT "{column}" FROM "{link}" WHERE "article_id" = ?'
        out[table] = [row[0] for row in conn.execute(sql, (article_id,))]
    return out


def _delete_records(conn: sqlite3.Connection, article_id: str) -> None:
    """An article's analysis records (not the article, its copies or its signature)."""
    tables = [table for table, _, _ in _CHILDREN] + [link for link, _ in _LINKS.values()]
    tables += ["domains", "analyses"]
    for table in tables:
        conn.execute(f'DELETE FROM "{table}" WHERE "article_id" = ?', (article_id,))


def _move_duplicates(conn: sqlite3.Connection, old_id: str, new_id: str) -> None:
    """Copies linked to ``old_id`` now link to ``new_id`` (a link already there is kept once)."""
    conn.execute(
        'UPDATE OR IGNORE "duplicates" SET "article_id" = ? WHERE "article_id" = ?', (new_id, old_id)
    )


#: What still refers to a registry entry, besides the link tables: (table, column) pairs.
_REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "actors": (
        ("article_actors", "actor_id"),
        ("mentions", "actor_id"),
        ("events", "source_actor_id"),
        ("events", "target_actor_id"),
        ("quotes", "speaker_actor_id"),
    ),
    "places": (("article_places", "place_id"), ("place_mentions", "place_id"), ("events", "place_id")),
}


def _prune_registry(conn: sqlite3.Connection, listed: dict[str, list[str]]) -> None:
    """Delete the entries among ``listed`` that nothing refers to any more."""
    for table, ids in listed.items():
        unused = " AND ".join(
            f'NOT EXISTS (SELECT 1 FROM "{ref}" WHERE "{col}" = ?)' for ref, col in _REFERENCES[table]
        )
        for entry_id in ids:
            params = [entry_id] * (len(_REFERENCES[table]) + 1)
            if conn.execute(f'DELETE FROM "{table}" WHERE "id" = ? AND {unused}', params).rowcount:
                conn.execute(
                    'DELETE FROM "registry_pipelines" WHERE "registry" = ? AND "id" = ?', (table, entry_id)
                )


def _delete_signature(conn: sqlite3.Connection, article_id: str) -> None:
    conn.execute('DELETE FROM "minhashes" WHERE "article_id" = ?', (article_id,))
    conn.execute('DELETE FROM "minhash_bands" WHERE "article_id" = ?', (article_id,))


def _write_signature(conn: sqlite3.Connection, article_id: str, signature: np.ndarray) -> None:
    conn.execute(
        'INSERT INTO "minhashes" ("article_id", "signature") VALUES (?, ?)',
        (article_id, minhash.to_blob(signature)),
    )
    conn.executemany(
        'INSERT INTO "minhash_bands" ("key", "article_id") VALUES (?, ?) ON CONFLICT DO NOTHING',
        [(key, article_id) for key in minhash.band_keys(signature)],
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
