"""The Spark engine against the local one, on real parts: pyspark in local[2] mode (Java), the real
model in Spark's Python workers, Parquet tables, then `load` into a real SQLite file.

Spark takes long to start and each run loads the model in every worker, so the module starts one
session and makes one run, on examples/ plus a folder of copies (exact and near copies of an
example, an unreadable file), and every test reads that run."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.paths import EXAMPLES

from newsgraph.engines.load import LoadError, load
from newsgraph.engines.local import ingest
from newsgraph.engines.tables import DOCUMENTS, RECORD_TABLES, table_schema
from newsgraph.frames import arrow_schema
from newsgraph.records import Error
from newsgraph.store import Store

pytest.importorskip("pyspark", reason="the Spark engine needs pyspark (make install installs it)")
if shutil.which("java") is None:
    pytest.skip("the Spark engine needs Java 17+ (make install installs it)", allow_module_level=True)

# Rows that differ between two runs of the same ingest only by when they ran.
TIMESTAMPS = {"ingested_at", "at", "analysed_at"}


def _rows(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows without their timestamps, in write order where the table has one."""
    conn = sqlite3.connect(db)
    out = {}
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
    )
    for name, sql in tables.fetchall():
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")') if r[1] not in TIMESTAMPS]
        order = "" if "WITHOUT ROWID" in sql.upper() else " ORDER BY rowid"
        listed = ", ".join(f'"{c}"' for c in columns)
        rows = conn.execute(f'SELECT {listed} FROM "{name}"{order}').fetchall()
        out[name] = rows if order else sorted(rows)
    conn.close()
    return out


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """examples/, then a folder of copies (an exact copy of a page and of a scrape, a near copy of
    a page: one word changed), an unreadable file, and a path naming nothing.

    The copies are pages and a site's first scrape: a scrape nearly copying another site's article
    is where the engines may differ (see `newsgraph.engines.spark`: which scrapes teach a site's
    repeated lines)."""
    root = tmp_path_factory.mktemp("copies")
    (root / "1_copy.txt").write_bytes((EXAMPLES / "text" / "danubepost-slovakia-apology.txt").read_bytes())
    (root / "2_copy.html").write_bytes((EXAMPLES / "html" / "meridian-manila-summit.html").read_bytes())
    page = (EXAMPLES / "html" / "ledger-kenya-foreign-minister.html").read_bytes().split(b" the ")
    (root / "3_near.html").write_bytes(b" the ".join(page[:-3]) + b" a " + b" the ".join(page[-3:]))
    (root / "4_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return [str(EXAMPLES), str(root), str(root / "missing.html")]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from newsgraph.engines.spark import session

    started = session("local[2]")
    yield started
    started.stop()


@pytest.fixture(scope="module")
def spark_out(spark: Any, inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from newsgraph.engines.spark import run

    out = tmp_path_factory.mktemp("spark") / "out"
    report = run(spark, inputs, str(out))
    assert report.seen == report.analysed + report.copies + report.failed
    assert report.failed == 2  # the binary file and the missing path
    return out


def test_a_hadoop_uri_lists_the_files_a_local_path_does(spark: Any) -> None:
    from newsgraph.engines.spark import list_inputs

    local = list_inputs(spark, [str(EXAMPLES)])
    hadoop = list_inputs(spark, [EXAMPLES.as_uri()])
    assert len(local) == len(hadoop) > 10
    # The same files in the same order; a Hadoop path is its own uri (ingest never sees one).
    assert [path.removeprefix("file:") for path, _, _ in hadoop] == [path for path, _, _ in local]  # type: ignore[misc]
    assert all(uri == path for path, uri, _ in hadoop)  # type: ignore[misc]
    (missing,) = list_inputs(spark, [EXAMPLES.as_uri() + "/nothing-here"])
    assert isinstance(missing, Error) and missing.stage == "source"


@pytest.fixture(scope="module")
def local_db(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("local") / "local.db"
    with Store(db) as store:
        ingest(inputs, store)
    return db


@pytest.fixture(scope="module")
def loaded_db(spark_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("loaded") / "spark.db"
    with Store(db) as store:
        load(spark_out, store)
    return db


def test_the_loaded_store_equals_the_local_engines_table_by_table(local_db: Path, loaded_db: Path) -> None:
    local, loaded = _rows(local_db), _rows(loaded_db)
    assert sorted(loaded) == sorted(local)
    assert local["articles"], "the local engine stored nothing: the comparison would be empty"
    kinds = sorted(row[2] for row in local["duplicates"])  # uri, article_id, kind, ...
    assert kinds == ["exact", "exact", "near"], "the copies must be found, or dedup goes untested"
    for table in local:
        assert loaded[table] == local[table], table


def test_loading_twice_adds_nothing(spark_out: Path, loaded_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "twice.db"
    shutil.copy(loaded_db, db)
    before = _rows(db)
    with Store(db) as store:
        report = load(spark_out, store)
    assert report.added == 0
    assert report.duplicates == report.seen - report.failed
    assert _rows(db) == before


def test_the_tables_have_the_parquet_exports_columns_partitioned_by_month(spark_out: Path) -> None:
    import pyarrow.dataset as ds

    for table, (cls, _) in RECORD_TABLES.items():
        folder = spark_out / table
        months = {p.name for p in folder.iterdir() if p.is_dir()}
        assert all(m.startswith("month=") for m in months), table
        if not months:
            continue
        export = arrow_schema(cls, table, joined=True).names
        written = ds.dataset(folder, format="parquet", partitioning="hive").schema.names
        assert written[: len(export)] == export, table
        assert written == table_schema(table).names, table
    articles = ds.dataset(spark_out / "articles", format="parquet", partitioning="hive").to_table()
    for published, month in zip(
        articles.column("published").to_pylist(), articles.column("month").to_pylist(), strict=True
    ):
        assert month == (published[:7] if published else "unknown")


def test_a_folder_that_is_no_spark_output_is_refused(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as store, pytest.raises(LoadError, match=DOCUMENTS):
        load(tmp_path, store)


def test_the_load_command_merges_and_reports(spark_out: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["load", str(spark_out), "--db", str(db)])
    assert result.exit_code == 1, result.output  # two documents failed, as with ingest
    assert "16 added" in result.output and "2 failed" in result.output
    assert "no such file or directory" in result.output
