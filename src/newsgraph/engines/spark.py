"""The Spark engine: the same readers, extraction and analysis as `ingest`, on Apache Spark.

`newsgraph spark INPUT... --out DIR` reads every file under the inputs (local paths, or any path
Hadoop reads: ``hdfs://``, ``s3a://``, ``file://``), turns each into documents with the
source readers, extracts and analyses them inside ``mapPartitions`` (the model is loaded once per
executor's Python process: PySpark reuses its workers, and ``load_nlp`` caches), and writes the
record tables as Parquet under DIR, partitioned by publication month
(:mod:`newsgraph.engines.tables`): each task writes its partition's files with pyarrow as it goes
(to a local folder, or to any file system pyarrow writes: ``hdfs://``, ``s3://``, ``gs://``), so
writing costs no Spark job of its own. `newsgraph load DIR --db FILE` then merges the tables into a
store in input order (:mod:`newsgraph.engines.load`), deciding copies as `ingest` does.

Why the documents are partitioned as they are: extraction of plain-text scrapes learns each site's
repeated lines from the new articles before it (`BatchExtractor`), so a site's scrapes go to one
partition, in input order; HTML pages learn nothing and are spread evenly. After extraction, the
exact copies of earlier articles are found across the whole input (by article id) and not analysed;
near copies are analysed all the same (nearness is not transitive: only the loader, in input order,
can tell whether the store will hold an original) and found by the loader. The one difference from
`ingest`: a scrape teaches its site's lines when it is new within its partition, not when new within
the whole input (they differ only for a scrape that copies another site's article).

Only this module imports pyspark, so nothing else needs Java. Executors must have newsgraph and
its model installed (in local mode they run this Python).
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph import minhash
from newsgraph.engines.dedup import PendingArticles
from newsgraph.engines.tables import (
    ANALYSED,
    COPY,
    FAILED,
    MONTH,
    Processed,
    iter_tables,
    rows,
    table_schema,
)
from newsgraph.engines.version import pipeline_version
from newsgraph.records import Error
from newsgraph.sources.jsonl import JsonlFields
from newsgraph.sources.raw import RawDocument, now_iso

#: A file's documents are numbered within it; this many fit before the next file's numbers.
PER_FILE = 1 << 32
#: Articles an executor analyses at once (the model's statistical steps run over them together).
BATCH = 16
_SCHEME = "://"


class SparkError(Exception):
    """Spark cannot run (no pyspark, no Java) or an input path cannot be listed."""


@dataclass
class SparkReport:
    seen: int = 0  # documents read (failed ones included)
    analysed: int = 0
    copies: int = 0  # exact copies of an earlier document's article: not analysed, linked at load
    failed: int = 0
    files: int = 0
    partitions: int = 0


@dataclass(frozen=True)
class _Options:
    """What the executors need to read and analyse; picklable."""

    fields: JsonlFields
    max_bytes: int | None
    partitions: int
    out: str
    pipeline: str


def session(master: str = "local[2]", app_name: str = "newsgraph") -> Any:
    """A SparkSession for `master` (``local[N]``, ``spark://host:port``, ``yarn``, ...)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - pyspark is a dependency
        raise SparkError("the Spark engine needs pyspark: pip install pyspark") from exc
    # Executors in local mode run the driver's Python (this environment, with the model).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.python.worker.reuse", "true")  # one model load per executor process
    )
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # Java missing or too old: say so, not a JVM stack trace
        raise SparkError(f"cannot start Spark ({master}): {exc}") from exc
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run(
    spark: Any,
    inputs: Iterable[str],
    out: str,
    *,
    fields: JsonlFields | None = None,
    max_bytes: int | None = None,
    partitions: int | None = None,
) -> SparkReport:
    """Read, extract and analyse every document under `inputs` on `spark`, writing the tables
    under `out` (each table replaced). Returns what happened to the documents."""
    from pyspark import StorageLevel

    sc = spark.sparkContext
    entries = list_inputs(spark, inputs)
    n = partitions or max(2, 2 * sc.defaultParallelism)
    options = _Options(fields or JsonlFields(), max_bytes, n, out, pipeline_version())
    files = {e[0]: (i, e[1], e[2]) for i, e in enumerate(entries) if not isinstance(e, Error)}
    report = SparkReport(files=len(files), partitions=n)
    read = _read_files(sc, files, options)
    missing = [(i * PER_FILE, e) for i, e in enumerate(entries) if isinstance(e, Error)]
    if missing:
        read = read.union(sc.parallelize(missing, 1))
    keyed = read.map(lambda item: ((_bucket(item[1], item[0], n), item[0]), item[1]))
    ordered = keyed.repartitionAndSortWithinPartitions(n, partitionFunc=lambda key: key[0])
    extracted = ordered.mapPartitions(_extract).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        # Exact copies across the whole input, found before analysis (an id's first document is
        # analysed, the later ones are not): the tables then hold one analysis per article id.
        copies = sc.broadcast(_exact_copies(extracted))
        _clear(out)
        # Each task analyses and writes its own files, named by its partition, so a retried task
        # overwrites what its failed attempt wrote.
        counts = (
            extracted.mapPartitionsWithIndex(
                lambda index, items: _analyse_and_write(index, items, copies.value, options)
            )
            .reduceByKey(lambda a, b: a + b)
            .collect()
        )
    finally:
        extracted.unpersist()
    for status, count in counts:
        report.seen += count
        report.analysed += count if status == ANALYSED else 0
        report.copies += count if status == COPY else 0
        report.failed += count if status == FAILED else 0
    return report


def list_inputs(spark: Any, inputs: Iterable[str]) -> list[tuple[str, str, bool] | Error]:
    """The files under `inputs` in `ingest`'s order, as (path, uri, explicit), and an
    error in the place of an input naming nothing. A local path is walked as `ingest` walks it, so
    uris match; a path with a scheme is listed by Hadoop's file system."""
    from newsgraph.sources.files import container_kind, expand

    sc = spark.sparkContext
    entries: list[tuple[str, str, bool] | Error] = []
    for arg in inputs:
        named = [] if _SCHEME in arg else list(expand(arg))
        errors = [p for p, _ in named if isinstance(p, Error)]  # dangling or looping links, as ingest says
        found = (
            list(_hadoop_expand(sc, arg))
            if _SCHEME in arg
            else [(os.path.abspath(p), str(p), ex) for p, ex in named if not isinstance(p, Error)]
        )
        found = [f for f in found if f[2] or container_kind(f[1].rsplit("/", 1)[-1]) is not None]
        entries.extend(errors)
        if not found and not errors:
            entries.append(Error(uri=arg, stage="source", reason="no such file or directory", at=now_iso()))
        entries.extend(found)
    return entries


def _hadoop_expand(sc: Any, arg: str) -> Iterator[tuple[str, str, bool]]:
    """Files named by a Hadoop path or glob: a folder walked recursively, sorted, hidden files
    (a name starting with '.' or '_', as Hadoop's own) passed over."""
    jvm = sc._jvm
    pattern = jvm.org.apache.hadoop.fs.Path(arg)
    try:
        fs = pattern.getFileSystem(sc._jsc.hadoopConfiguration())
        statuses = fs.globStatus(pattern) or []
    except Exception as exc:
        raise SparkError(f"cannot list {arg}: {exc}") from exc
    for status in sorted(statuses, key=lambda s: str(s.getPath().toString())):
        top = str(status.getPath().toString())
        if not status.isDirectory():
            yield top, top, True
            continue
        walk = fs.listFiles(status.getPath(), True)
        names = []
        while walk.hasNext():
            names.append(str(walk.next().getPath().toString()))
        for name in sorted(names, key=lambda name: name.split("/")):  # as pathlib sorts
            relative = name[len(top) :].strip("/").split("/")
            if not any(part.startswith((".", "_")) for part in relative):
                yield name, name, False


def _read_files(sc: Any, files: dict[str, tuple[int, str, bool]], options: _Options) -> Any:
    """(seq, RawDocument | Error) for every document of every file, read by the executors;
    `files` maps a path to its input position, uri and whether it was named.

    A local file is read by the executor's Python (any name reads, as `ingest` reads it; in a
    cluster the folder must be shared); a Hadoop path by Spark's binaryFiles."""
    local = sorted(((p, v) for p, v in files.items() if _SCHEME not in p), key=lambda kv: kv[1][0])
    remote = {p: v for p, v in files.items() if _SCHEME in p}
    parts = []
    if local:
        listed = sc.parallelize(local, min(len(local), options.partitions))
        parts.append(listed.flatMap(lambda kv: _local_documents(kv[0], kv[1], options)))
    if remote:
        if any("," in path for path in remote):
            raise SparkError("a Hadoop path with a comma cannot be read by Spark's binaryFiles: rename it")
        shared = sc.broadcast(remote)
        contents = sc.binaryFiles(",".join(remote), minPartitions=options.partitions)
        parts.append(contents.flatMap(lambda item: _documents(item, shared.value, options)))
    if not parts:
        return sc.emptyRDD()
    return parts[0] if len(parts) == 1 else sc.union(parts)


def _local_documents(
    path: str, entry: tuple[int, str, bool], options: _Options
) -> Iterator[tuple[int, RawDocument | Error]]:
    position, uri, _ = entry
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = f"cannot open: {exc.strerror or exc}"
        yield position * PER_FILE, Error(uri=uri, stage="source", reason=reason, at=now_iso())
        return
    yield from _documents((path, data), {path: entry}, options)


def _documents(
    item: tuple[str, bytes], index: dict[str, tuple[int, str, bool]], options: _Options
) -> Iterator[tuple[int, RawDocument | Error]]:
    from newsgraph.sources.files import iter_bytes

    path, data = item
    if path not in index:
        raise SparkError(f"Spark read {path}, which was not listed")
    position, uri, explicit = index[path]
    documents = iter_bytes(uri, data, explicit=explicit, fields=options.fields, max_bytes=options.max_bytes)
    for number, document in enumerate(documents):
        yield position * PER_FILE + number, document


def _bucket(item: RawDocument | Error, seq: int, n: int) -> int:
    """The partition of a document: its site's for a plain-text scrape (see the module
    docstring), else by position."""
    if isinstance(item, RawDocument) and item.kind != "html":
        from newsgraph.extract.article import site_key

        return zlib.crc32(site_key(item).encode("utf-8")) % n
    return (seq // PER_FILE + seq % PER_FILE) % n


def _extract(items: Iterator[tuple[tuple[int, int], RawDocument | Error]]) -> Iterator[Processed]:
    """Extract one partition's documents in input order: an article (to analyse) or an error."""
    from newsgraph.extract import BatchExtractor, ExtractError

    extractor = BatchExtractor()
    seen = PendingArticles()  # this partition's new articles: only those teach the extractor
    for (_, seq), item in items:
        if isinstance(item, Error):
            yield Processed(seq, item.uri, FAILED, error=item)
            continue
        stage = "extract"
        try:
            article = extractor.extract(item)
            stage = "dedup"
            signature = minhash.signature(article.text)
            if not (seen.holds(article.id) or seen.near(signature)):
                extractor.learn(item)
                seen.add(seq, article.id, signature)
        except ExtractError as exc:
            yield Processed(seq, item.uri, FAILED, error=Error(item.uri, exc.stage, exc.reason, now_iso()))
            continue
        except Exception as exc:
            error = Error(uri=item.uri, stage=stage, reason=f"{type(exc).__name__}: {exc}", at=now_iso())
            yield Processed(seq, item.uri, FAILED, error=error)
            continue
        yield Processed(seq, item.uri, ANALYSED, article=article, signature=signature)


def _analyse(items: Iterator[Processed], copies: set[int]) -> Iterator[Processed]:
    """Analyse the extracted articles but the exact copies of earlier ones (`copies`, by seq), a
    few at a time (`analyze_batch`), yielding every item in its partition's order."""
    held: list[Processed] = []  # in order: those to analyse, and what came between them
    for item in items:
        if item.status != ANALYSED or item.article is None:
            held.append(item)
        elif item.seq in copies:
            held.append(Processed(item.seq, item.uri, COPY, article=item.article, signature=item.signature))
        else:
            held.append(item)
            if sum(p.status == ANALYSED for p in held) >= BATCH:
                yield from _analyse_held(held)
                held = []
    yield from _analyse_held(held)


def _analyse_held(held: list[Processed]) -> list[Processed]:
    from newsgraph.analyze import analyze_batch

    todo = [p for p in held if p.status == ANALYSED and p.article is not None]
    results = analyze_batch([p.article for p in todo if p.article is not None]) if todo else []
    done: dict[int, Processed] = {}
    for item, result in zip(todo, results, strict=True):
        if isinstance(result, Exception):
            reason = f"{type(result).__name__}: {result}"
            error = Error(uri=item.uri, stage="analyze", reason=reason, at=now_iso())
            done[id(item)] = Processed(item.seq, item.uri, FAILED, error=error)
        else:
            item.analysis = result
    return [done.get(id(item), item) for item in held]


def _exact_copies(extracted: Any) -> set[int]:
    """The seq of every article whose id an earlier document (in input order) already had."""
    ids = extracted.filter(lambda p: p.article is not None).map(lambda p: (p.article.id, [p.seq]))
    repeated = ids.reduceByKey(lambda a, b: a + b).filter(lambda kv: len(kv[1]) > 1)
    return {seq for _, seqs in repeated.collect() for seq in sorted(seqs)[1:]}


def _clear(out: str) -> None:
    """Empty the tables of an earlier run under `out` and create each table's folder (a table
    without rows stays an empty folder)."""
    fs, root = _filesystem(out)
    for table in iter_tables():
        folder = f"{root}/{table}"
        if fs.get_file_info(folder).type != _fs().FileType.NotFound:
            fs.delete_dir(folder)
        fs.create_dir(folder, recursive=True)


def _analyse_and_write(
    index: int, items: Iterator[Processed], copies: set[int], options: _Options
) -> Iterator[tuple[str, int]]:
    """Analyse and write one partition; yield (status, count) per status."""
    writer = _TableWriter(options.out, index, options.pipeline)
    counts: dict[str, int] = {}
    try:
        for processed in _analyse(items, copies):
            writer.add(processed)
            counts[processed.status] = counts.get(processed.status, 0) + 1
    finally:
        writer.close()
    yield from counts.items()


class _TableWriter:
    """Parquet files of one partition: ``TABLE/month=YYYY-MM/part-NNNNN.parquet``, written in row
    groups of `ROWS` as documents come (a partition is never held whole)."""

    ROWS = 2_000

    def __init__(self, out: str, index: int, pipeline: str) -> None:
        self.fs, self.root = _filesystem(out)
        self.name = f"part-{index:05d}.parquet"
        self.pipeline = pipeline
        self.buffers: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
        self.writers: dict[tuple[str, str], Any] = {}

    def add(self, processed: Processed) -> None:
        for table in iter_tables():
            for row in rows(table, processed, self.pipeline):
                key = (table, row[-1])  # the month, last
                self.buffers.setdefault(key, []).append(row[:-1])
                if len(self.buffers[key]) >= self.ROWS:
                    self._flush(key)

    def _flush(self, key: tuple[str, str]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        buffered = self.buffers.pop(key, [])
        if not buffered:
            return
        table, month = key
        schema = table_schema(table)
        schema = schema.remove(schema.get_field_index(MONTH))  # in the folder name, as Hive has it
        if key not in self.writers:
            folder = f"{self.root}/{table}/{MONTH}={month}"
            self.fs.create_dir(folder, recursive=True)
            self.writers[key] = pq.ParquetWriter(f"{folder}/{self.name}", schema, filesystem=self.fs)
        columns = list(zip(*buffered, strict=True))
        batch = pa.Table.from_arrays(
            [pa.array(list(c), type=f.type) for c, f in zip(columns, schema, strict=True)], schema=schema
        )
        self.writers[key].write_table(batch)

    def close(self) -> None:
        for key in list(self.buffers):
            self._flush(key)
        for writer in self.writers.values():
            writer.close()


def _fs() -> Any:
    import pyarrow.fs

    return pyarrow.fs


def _filesystem(out: str) -> tuple[Any, str]:
    """The file system and path of `out`: a local folder, or any URI pyarrow writes (``hdfs://``
    with libhdfs, ``s3://``, ``gs://``)."""
    if _SCHEME in out:
        fs, path = _fs().FileSystem.from_uri(out)
        return fs, path.rstrip("/")
    return _fs().LocalFileSystem(), str(Path(out).resolve())
