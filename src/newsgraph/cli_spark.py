"""`newsgraph spark` (ingest on Apache Spark, writing Parquet tables) and `newsgraph load` (merge
those tables into a store). pyspark is imported only when `spark` runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli_console import text_console
from newsgraph.cli_query import DateField, Db, HtmlField, MaxDocumentBytes, TextField, TitleField, UrlField
from newsgraph.engines.load import LoadError, load
from newsgraph.engines.report import not_english_line, unlisted_line
from newsgraph.sources.jsonl import JsonlFields
from newsgraph.store import Store, StoreError

console = text_console()
err = text_console(stderr=True)
DEFAULT_DB = Path("newsgraph.db")


def register(app: typer.Typer) -> None:
    app.command("spark")(spark_cmd)
    app.command("load")(load_cmd)


def spark_cmd(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT", help="Files or folders: local paths or any Hadoop path (hdfs://, s3a://)."
        ),
    ],
    out: Annotated[str, typer.Option("--out", metavar="DIR", help="Where to write the Parquet tables.")],
    master: Annotated[
        str, typer.Option(metavar="URL", help="Spark master: local[N], spark://HOST:PORT, yarn, ...")
    ] = "local[2]",
    partitions: Annotated[
        int, typer.Option(min=0, metavar="N", help="Partitions to analyse in (0: twice Spark's parallelism).")
    ] = 0,
    max_document_bytes: MaxDocumentBytes = None,
    text_field: TextField = "text",
    html_field: HtmlField = "html",
    title_field: TitleField = "title",
    url_field: UrlField = "url",
    date_field: DateField = "published",
) -> None:
    """Read, extract and analyse every document under INPUT... on Apache Spark; write the record
    tables as Parquet under DIR, partitioned by publication month.

    The same readers, extraction and analysis as `ingest`, inside Spark tasks (the model loaded
    once per executor process); executors need newsgraph installed. Each table under DIR has the
    columns of `export --format parquet`; `newsgraph load DIR --db FILE` merges them into a store.
    """
    from newsgraph.engines.spark import SparkError, run, session

    fields = JsonlFields(
        text=text_field, html=html_field, title=title_field, url=url_field, published=date_field
    )
    try:
        spark = session(master)
        try:
            report = run(
                spark, inputs, out, fields=fields, max_bytes=max_document_bytes, partitions=partitions or None
            )
        finally:
            spark.stop()
    except SparkError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    console.print(
        f"{report.seen} documents from {report.files} files in {report.partitions} partitions: "
        f"[green]{report.analysed} analysed[/], {report.copies} copies of an earlier one, "
        f"[{'red' if report.failed else 'green'}]{report.failed} failed[/] -> {out} "
        f"(next: newsgraph load {out} --db FILE)",
        soft_wrap=True,
    )


def load_cmd(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The --out folder of `newsgraph spark`.")],
    db: Db = DEFAULT_DB,
) -> None:
    """Merge the tables `newsgraph spark` wrote under DIR into the store, in input order.

    Copies are decided against the store as `ingest` decides them, so loading the same folder twice
    adds nothing, and copies found in different Spark partitions are linked here.
    """
    try:
        with Store(db) as store:
            report = load(folder, store)
    except (LoadError, StoreError) as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    console.print(
        f"{report.seen} documents: [green]{report.added} added[/], {report.duplicates} already stored, "
        f"[{'red' if report.failed else 'green'}]{report.failed} failed[/] -> {db}",
        soft_wrap=True,
    )
    if report.not_english:
        console.print(f"  {not_english_line(report.not_english)}", soft_wrap=True)
    for error in report.errors:
        console.print(f"  {error.uri}: {error.stage}: {error.reason}", soft_wrap=True, markup=False)
    if report.unlisted:
        console.print(unlisted_line(report), soft_wrap=True, markup=False)
    if report.failed:
        raise typer.Exit(1)
