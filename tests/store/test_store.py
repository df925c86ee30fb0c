"""The embedded store, exercised on real SQLite files."""

from __future__ import annotations

import dataclasses
import sqlite3
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    MergedEvent,
    Place,
    PlaceMention,
    Quote,
    ThemeMention,
    Timex,
    Tone,
)
from newsgraph.store import RECORD_TABLES, AmbiguousIdError, Store, StoreError
from newsgraph.store.schema import default_source, load_migrations, split_statements

TABLE_RECORDS: dict[str, type] = {
    "articles": Article,
    "actors": Actor,
    "mentions": Mention,
    "places": Place,
    "place_mentions": PlaceMention,
    "timexes": Timex,
    "quotes": Quote,
    "events": Event,
    "merged_events": MergedEvent,
    "duplicates": Duplicate,
    "errors": Error,
    "tones": Tone,
    "theme_mentions": ThemeMention,
    "domains": Domain,
    "comentions": CoMention,
    "counts": Count,
}


# -- builders ------------------------------------------------------------------


def unlinked(analysis: Analysis | None) -> Analysis | None:
    """A read-back analysis without what the store adds: each mention's link to its real-world
    event (``Event.event_id``, store.merge), so it compares with what was written."""
    if analysis is None:
        return None
    events = [dataclasses.replace(e, event_id="") for e in analysis.events]
    return dataclasses.replace(analysis, events=events)


def make_analysis(article_id: str = "a1b2c3d4e5", **article: Any) -> Analysis:
    """A small but complete analysis: every record kind once."""
    uri = f"file://{article_id}.html"
    art = Article(id=article_id, uri=uri, text="Putin met Biden.", **article)
    return Analysis(
        article=art,
        actors=[
            Actor("putin", "Vladimir Putin", "person", country="RUS", aliases=["Putin"]),
            Actor(id="biden", name="Joe Biden", kind="person", country="USA"),
        ],
        mentions=[
            Mention(article_id, 0, 0, 5, "Putin", "putin", label="PERSON"),
            Mention(article_id, 0, 10, 15, "Biden", "biden", label="PERSON"),
        ],
        places=[Place(id="RU", name="Russia", kind="country", country="RUS", lat=60.0, lon=90.0)],
        place_mentions=[PlaceMention(article_id, 0, 0, 6, "Moscow", "RU")],
        timexes=[Timex(article_id, 0, 0, 9, "yesterday", "2024-05-01", "day")],
        quotes=[Quote(id="q1", article_id=article_id, start=0, end=5, text="hi", kind="direct")],
        events=[
            Event(
                id="e1",
                article_id=article_id,
                start=0,
                end=16,
                evidence="Putin met Biden.",
                cameo_code="040",
                root_code="04",
                source_actor_id="putin",
                target_actor_id="biden",
                quad_class=1,
                goldstein=1.0,
                date="2024-05-01",
            )
        ],
        notes=["ok"],
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "news.db"


@pytest.fixture
def store(db_path: Path) -> typing.Iterator[Store]:
    with Store(db_path) as opened:
        yield opened


def raw(path: Path) -> sqlite3.Connection:
    """A second, independent connection, to inspect the file as SQLite sees it."""
    return sqlite3.connect(path)


def migrations_copy(tmp_path: Path, **extra: str) -> Path:
    """The packaged migrations copied to a folder, plus ``extra`` files (name -> SQL)."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    for migration in load_migrations():
        (folder / migration.name).write_text(migration.sql, "utf-8")
    for name, sql in extra.items():
        (folder / name).write_text(sql, "utf-8")
    return folder


# -- schema --------------------------------------------------------------------


def test_new_file_gets_latest_schema_version(store: Store) -> None:
    latest = load_migrations()[-1].version
    assert store.schema_version() == latest >= 1
    assert store.applied_migrations == tuple(range(1, latest + 1))


def test_wal_mode_and_pragmas(store: Store, db_path: Path) -> None:
    with raw(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


@pytest.mark.parametrize("table", RECORD_TABLES)
def test_table_columns_are_record_fields(store: Store, db_path: Path, table: str) -> None:
    with raw(db_path) as conn:
        info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    fields = [f.name for f in dataclasses.fields(TABLE_RECORDS[table])]
    assert [row[1] for row in info] == fields


def test_keys_and_foreign_keys(store: Store, db_path: Path) -> None:
    with raw(db_path) as conn:
        for table in ("articles", "actors", "places"):
            pk = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")') if row[5]]
            assert pk == ["id"], table
        children = ("mentions", "place_mentions", "timexes", "quotes", "events")
        for table in children:
            refs = conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
            assert [(r[2], r[3], r[4]) for r in refs] == [("articles", "article_id", "id")]


def test_required_indexes(store: Store, db_path: Path) -> None:
    def indexed(conn: sqlite3.Connection, table: str) -> set[str]:
        names = [row[1] for row in conn.execute(f'PRAGMA index_list("{table}")')]
        return {conn.execute(f'PRAGMA index_info("{name}")').fetchone()[2] for name in names}

    with raw(db_path) as conn:
        for table in ("mentions", "place_mentions", "timexes", "quotes", "events"):
            assert "article_id" in indexed(conn, table), table
        assert "actor_id" in indexed(conn, "mentions")
        assert {"cameo_code", "root_code", "date", "source_actor_id", "target_actor_id"} <= (
            indexed(conn, "events")
        )


def test_reopen_applies_no_migration_twice(db_path: Path) -> None:
    with Store(db_path) as first:
        assert first.add_analysis(make_analysis())
        version = first.schema_version()
    with Store(db_path) as second:
        assert second.applied_migrations == ()
        assert second.schema_version() == version
        assert second.stats()["articles"] == 1


def test_newer_database_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    with raw(db_path) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer"):
        Store(db_path)


# The number an extra migration gets after the packaged ones.
NEXT = len(load_migrations()) + 1


def test_extra_migration_is_applied_in_order(tmp_path: Path, db_path: Path) -> None:
    with Store(db_path) as store:
        store.add_analysis(make_analysis())
    folder = migrations_copy(
        tmp_path,
        **{
            f"{NEXT:04d}_watchlist.sql": """
                -- a comment; with a semicolon
                CREATE TABLE "watchlist" ("actor_id" TEXT NOT NULL, "note" TEXT DEFAULT 'a;b');
                CREATE TRIGGER "watch_mentions" AFTER INSERT ON "mentions" BEGIN
                    INSERT INTO "watchlist" ("actor_id") VALUES (new."actor_id");
                END;
            """
        },
    )
    with Store(db_path, migrations=folder) as store:
        assert store.applied_migrations == (NEXT,)
        assert store.schema_version() == NEXT
        assert store.add_analysis(make_analysis("ffff0000"))
    with raw(db_path) as conn:
        assert conn.execute('SELECT count(*) FROM "watchlist"').fetchone()[0] == 2
    # The packaged migrations stop before NEXT: the upgraded file is now too new for them.
    with pytest.raises(StoreError, match="newer"):
        Store(db_path)


def test_fresh_file_gets_every_migration(tmp_path: Path, db_path: Path) -> None:
    folder = migrations_copy(tmp_path, **{f"{NEXT:04d}_x.sql": 'CREATE TABLE "x" ("a" TEXT);'})
    with Store(db_path, migrations=folder) as store:
        assert store.applied_migrations == tuple(range(1, NEXT + 1))


def test_failing_migration_leaves_previous_version(tmp_path: Path, db_path: Path) -> None:
    Store(db_path).close()
    bad = 'CREATE TABLE "half" ("a" TEXT);\nINSERT INTO "no_such_table" VALUES (1);'
    folder = migrations_copy(tmp_path, **{f"{NEXT:04d}_bad.sql": bad})
    with pytest.raises(StoreError, match=rf"{NEXT:04d}_bad\.sql"):
        Store(db_path, migrations=folder)
    with Store(db_path) as store:
        assert store.schema_version() == NEXT - 1
    with raw(db_path) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "half" not in tables


def test_migration_numbering_gap_is_an_error(tmp_path: Path, db_path: Path) -> None:
    folder = migrations_copy(tmp_path, **{f"{NEXT + 1:04d}_skip.sql": "SELECT 1;"})
    with pytest.raises(StoreError, match="without gaps"):
        Store(db_path, migrations=folder)


def test_split_statements() -> None:
    sql = "CREATE TABLE t (a TEXT DEFAULT ';'); -- c;\nINSERT INTO t VALUES ('x;y');\n-- end\n"
    assert split_statements(sql) == [
        "CREATE TABLE t (a TEXT DEFAULT ';');",
        "-- c;\nINSERT INTO t VALUES ('x;y');",
    ]
    assert split_statements("SELECT 1") == ["SELECT 1;"]


def test_default_migrations_ship_with_package() -> None:
    assert (default_source() / "0001_init.sql").is_file()


# -- writes ----------------------------------------------------------------------


def test_add_is_idempotent(store: Store) -> None:
    analysis = make_analysis()
    assert store.add_analysis(analysis) is True
    counts = store.stats()
    assert counts == {
        "articles": 1,
        "actors": 2,
        "mentions": 2,
        "places": 1,
        "place_mentions": 1,
        "timexes": 1,
        "quotes": 1,
        "events": 1,
        "merged_events": 1,
        "duplicates": 0,
        "errors": 0,
        "tones": 0,
        "theme_mentions": 0,
        "domains": 0,
        "comentions": 0,
        "counts": 0,
    }
    assert store.add_analysis(analysis) is False
    changed = dataclasses.replace(analysis, notes=["different"], mentions=[])
    assert store.add_analysis(changed) is False
    assert store.stats() == counts
    assert unlinked(store.analysis(analysis.article.id)) == unlinked(analysis)


def test_actor_registry_merges_across_articles(store: Store) -> None:
    first = make_analysis("aaaa1111")
    second = make_analysis("bbbb2222")
    second.actors = [
        Actor(
            id="putin",
            name="Putin",  # not empty: the first writer's name stays
            kind="person",
            country="",  # empty: never erases what is known
            sector="GOV",  # empty before: filled
            roles=["president"],
            code="RUSGOV",
            aliases=["President Putin", "Putin"],
        )
    ]
    second.mentions = [Mention("bbbb2222", 0, 0, 5, "Putin", "putin")]
    assert store.add_analysis(first)
    assert store.add_analysis(second)
    assert store.stats()["actors"] == 2
    assert store.actor("putin") == Actor(
        id="putin",
        name="Vladimir Putin",
        kind="person",
        country="RUS",
        sector="GOV",
        roles=["president"],
        code="RUSGOV",
        aliases=["Putin", "President Putin"],
    )
    # Each article reads back the actors it listed (in their merged registry form).
    got = store.analysis("bbbb2222")
    assert got is not None
    assert [a.id for a in got.actors] == ["putin"]
    assert store.actor("nobody") is None


def test_place_registry_merges_across_articles(store: Store) -> None:
    first = make_analysis("aaaa1111")
    first.places = [Place(id="RU", name="Russia", kind="country")]
    second = make_analysis("bbbb2222")
    second.places = [Place(id="RU", name="Rossiya", kind="country", country="RUS", lat=60.0)]
    store.add_analysis(first)
    store.add_analysis(second)
    assert store.stats()["places"] == 1
    assert store.place("RU") == Place("RU", "Russia", "country", country="RUS", lat=60.0)


def test_duplicate_registry_entry_within_one_analysis(store: Store) -> None:
    analysis = make_analysis()
    analysis.actors.append(Actor(id="putin", name="Putin", kind="person", roles=["president"]))
    assert store.add_analysis(analysis)
    got = store.analysis(analysis.article.id)
    assert got is not None
    assert [a.id for a in got.actors] == ["putin", "biden"]
    assert got.actors[0].roles == ["president"]


def test_failure_mid_article_rolls_everything_back(store: Store) -> None:
    analysis = make_analysis()
    # Events are written last; a repeated event id breaks UNIQUE(article_id, id)
    # after the article, actors, mentions, ... are already in the transaction.
    analysis.events.append(dataclasses.replace(analysis.events[0], evidence="again"))
    with pytest.raises(StoreError, match="UNIQUE"):
        store.add_analysis(analysis)
    assert not store.has_article(analysis.article.id)
    assert set(store.stats().values()) == {0}
    # The store is usable afterwards, and the fixed analysis goes in whole.
    analysis.events.pop()
    assert store.add_analysis(analysis)
    assert unlinked(store.analysis(analysis.article.id)) == unlinked(analysis)


def test_records_of_another_article_are_refused(store: Store) -> None:
    store.add_analysis(make_analysis("other000"))
    analysis = make_analysis()
    analysis.mentions.append(Mention("other000", 0, 0, 1, "x", "putin"))
    with pytest.raises(StoreError, match="other000"):
        store.add_analysis(analysis)
    assert not store.has_article(analysis.article.id)


def test_errors_are_deduplicated(store: Store) -> None:
    store.add_error(Error("a.html", "extract", "empty body", at="2024-01-01T00:00:00+00:00"))
    store.add_error(Error("a.html", "extract", "empty body", at="2024-02-01T00:00:00+00:00"))
    store.add_error(Error("a.html", "decode", "bad bytes", at="2024-01-15T00:00:00+00:00"))
    assert store.stats()["errors"] == 2
    assert store.errors() == [
        Error("a.html", "extract", "empty body", at="2024-02-01T00:00:00+00:00"),
        Error("a.html", "decode", "bad bytes", at="2024-01-15T00:00:00+00:00"),
    ]
    assert len(store.errors(limit=1)) == 1


def test_error_without_time_is_stamped(store: Store) -> None:
    store.add_error(Error("b.txt", "source", "unreadable"))
    (error,) = store.errors()
    assert error.at.startswith("20") and error.at.endswith("+00:00")


# -- reads ---------------------------------------------------------------------


def test_article_by_id_and_prefix(store: Store) -> None:
    for article_id in ("abcd1111", "abcd2222", "abce3333"):
        store.add_analysis(make_analysis(article_id))
    assert store.has_article("abcd1111")
    assert not store.has_article("abcd")
    exact = store.article("abcd1111")
    assert exact is not None and exact.id == "abcd1111"
    unique = store.article("abce")
    assert unique is not None and unique.id == "abce3333"
    assert store.article("zzzz") is None
    with pytest.raises(AmbiguousIdError) as info:
        store.article("abcd")
    assert info.value.candidates == ["abcd1111", "abcd2222"]
    assert "abcd1111" in str(info.value) and "abcd2222" in str(info.value)
    with pytest.raises(StoreError, match="too short"):
        store.article("abc")


def test_prefix_is_literal_not_a_pattern(store: Store) -> None:
    store.add_analysis(make_analysis("ab%_cdef"))
    store.add_analysis(make_analysis("abXYcdef"))
    found = store.article("ab%_")
    assert found is not None and found.id == "ab%_cdef"


def test_articles_newest_first_then_id(store: Store) -> None:
    store.add_analysis(make_analysis("old00000", ingested_at="2024-01-01T00:00:00+00:00"))
    store.add_analysis(make_analysis("new0000b", ingested_at="2024-03-01T00:00:00+00:00"))
    store.add_analysis(make_analysis("new0000a", ingested_at="2024-03-01T00:00:00+00:00"))
    assert [a.id for a in store.articles()] == ["new0000a", "new0000b", "old00000"]
    assert [a.id for a in store.articles(limit=1, offset=1)] == ["new0000b"]
    assert store.articles(offset=3) == []


def test_missing_analysis_is_none(store: Store) -> None:
    assert store.analysis("nope") is None


def test_closed_twice_is_fine(db_path: Path) -> None:
    store = Store(db_path)
    store.close()
    store.close()


# -- round trip ----------------------------------------------------------------

# Any unicode (NUL and astral characters included; surrogates cannot be encoded).
texts = st.text(max_size=20)
_SCALARS: dict[Any, st.SearchStrategy[Any]] = {
    str: texts,
    int: st.integers(min_value=-(2**63), max_value=2**63 - 1),
    float: st.floats(allow_nan=False),
    int | None: st.none() | st.integers(min_value=-(2**31), max_value=2**31),
    float | None: st.none() | st.floats(allow_nan=False),
    list[str]: st.lists(texts, max_size=4),
    list[dict]: st.lists(
        st.dictionaries(texts, texts | st.floats(allow_nan=False) | st.none(), max_size=3), max_size=3
    ),
}


def records(cls: type, **fixed: Any) -> st.SearchStrategy[Any]:
    """Instances of a record with every field drawn by its type (``fixed`` overrides)."""
    hints = typing.get_type_hints(cls)
    fields = {
        f.name: st.just(fixed[f.name]) if f.name in fixed else _SCALARS[hints[f.name]]
        for f in dataclasses.fields(cls)
    }
    return st.builds(cls, **fields)


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    article = draw(records(Article))
    aid = article.id

    def many(cls: type, unique: bool = False) -> list[Any]:
        owned = "article_id" in {f.name for f in dataclasses.fields(cls)}
        fixed = {"article_id": aid} if owned else {}
        key = (lambda r: r.id) if unique else None
        return draw(st.lists(records(cls, **fixed), max_size=3, unique_by=key))

    return Analysis(
        article=article,
        actors=many(Actor, unique=True),
        mentions=many(Mention),
        places=many(Place, unique=True),
        place_mentions=many(PlaceMention),
        timexes=many(Timex),
        quotes=many(Quote, unique=True),
        events=many(Event, unique=True),
        notes=draw(st.lists(texts, max_size=3)),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(analysis=analyses())
def test_round_trip(tmp_path_factory: pytest.TempPathFactory, analysis: Analysis) -> None:
    path = tmp_path_factory.mktemp("roundtrip") / "news.db"
    with Store(path) as store:
        assert store.add_analysis(analysis)
    with Store(path) as store:  # read back through a fresh connection
        assert unlinked(store.analysis(analysis.article.id)) == unlinked(analysis)
        assert store.article(analysis.article.id) == analysis.article


def test_two_connections_share_the_file(db_path: Path) -> None:
    with Store(db_path) as writer, Store(db_path) as reader:
        assert reader.applied_migrations == ()
        assert writer.add_analysis(make_analysis())
        assert reader.has_article("a1b2c3d4e5")
        assert reader.add_analysis(make_analysis()) is False


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite, just some text long enough to fill a header" * 4)
    with pytest.raises(StoreError, match="cannot open"):
        Store(path)
