"""The `newsgraph` command line: ingest news, then look at what was found."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from newsgraph.cli_console import error_line, styled, text_console
from newsgraph.cli_group import EXIT_CRASHED, EXIT_FAILED, EXIT_USAGE, NewsgraphGroup
from newsgraph.cli_progress import progress
from newsgraph.cli_query import (
    DEFAULT_DB,
    DateField,
    Db,
    HtmlField,
    MaxDocumentBytes,
    TextField,
    TitleField,
    UrlField,
    shorten,
    shown,
)
from newsgraph.cli_query import register as register_query_commands
from newsgraph.cli_reanalyze import register as register_reanalyze_command
from newsgraph.cli_signals import print_signals
from newsgraph.cli_signals import register as register_signal_commands
from newsgraph.cli_spark import register as register_spark_commands
from newsgraph.engines.inputs import count_documents, supported_extensions, unsupported_files
from newsgraph.engines.local import IngestReport, available_cores, ingest
from newsgraph.engines.pool import PoolError
from newsgraph.engines.report import not_english_line, unlisted_line
from newsgraph.engines.version import pipeline_version
from newsgraph.evaluate.cli import app as eval_app
from newsgraph.records import Analysis, to_dict
from newsgraph.sources.jsonl import JsonlFields
from newsgraph.store import Store, StoreError

app = typer.Typer(
    cls=NewsgraphGroup,
    help="Turn raw news into a structured, queryable record of who did what to whom.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(eval_app, name="eval")
register_query_commands(app)
register_reanalyze_command(app)
register_signal_commands(app)
register_spark_commands(app)
console = text_console()
err = text_console(stderr=True)


def _print_version(value: bool) -> None:
    if value:
        print(pipeline_version())
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", is_eager=True, callback=_print_version, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn raw news into a structured, queryable record of who did what to whom."""


DbOption = Db  # the one --db option (cli_query): default from the settings, $NEWSGRAPH_DB, --db


def _open(db: Path, *, must_exist: bool = True) -> Store:
    if must_exist and not db.exists():
        err.print(error_line(f"no database at {db} (run `newsgraph ingest PATH --db {db}` first)"))
        raise typer.Exit(EXIT_USAGE)
    try:
        return Store(db)
    except StoreError as exc:
        err.print(error_line(str(exc)))
        raise typer.Exit(EXIT_USAGE) from exc


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH", help="Files, folders, globs, or - for stdin.")
    ],
    db: DbOption = DEFAULT_DB,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    max_document_bytes: MaxDocumentBytes = None,
    text_field: TextField = "text",
    html_field: HtmlField = "html",
    title_field: TitleField = "title",
    url_field: UrlField = "url",
    date_field: DateField = "published",
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-w",
            min=0,
            help="Analysis processes: 1 analyses here, N > 1 in a pool of N, 0 one per core.",
        ),
    ] = 1,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Extract and analyse again documents already stored from the same path, replacing them.",
        ),
    ] = False,
) -> None:
    """Read, extract, analyse and store every document under PATH...

    Inputs: .html/.htm, .txt, .jsonl, .warc, and .gz of each; folders are walked. Interrupted,
    what was stored stays stored: the same command resumes. A document already stored is left
    alone; with --force it is extracted and analysed again and replaces the stored article (the
    way to apply a missed option such as --date-field, or a new version's extraction).

    Exit status: 0 every document stored; 1 some failed (each recorded with its stage and reason:
    `newsgraph stats`); 2 a usage or store error; 3 the batch crashed (what was stored stays).
    """
    fields = JsonlFields(
        text=text_field, html=html_field, title=title_field, url=url_field, published=date_field
    )
    options = {
        "max_bytes": max_document_bytes,
        "fields": fields,
        "workers": workers or available_cores(),
        "force": force,
    }
    try:
        with _open(db, must_exist=False) as store:
            report = _run_ingest(paths, store, quiet=quiet, **options)
    except PoolError as exc:
        err.print(error_line(f"the batch stopped: {exc}; what was stored stays stored"))
        raise typer.Exit(EXIT_CRASHED) from exc
    except KeyboardInterrupt:
        err.print("interrupted: what was stored stays stored; run the same command again to resume")
        raise typer.Exit(130) from None
    _print_report(report, db, paths)
    if not report.complete:
        raise typer.Exit(EXIT_FAILED)


def _run_ingest(paths: list[str], store: Store, *, quiet: bool, **options: Any) -> IngestReport:
    if quiet or not console.is_terminal:
        return ingest(paths, store, **options)
    fields = options.get("fields")
    with progress(err, count=lambda: count_documents(paths, fields=fields)) as step:
        return ingest(paths, store, on_document=step, **options)


def _print_report(report: IngestReport, db: Path, paths: Sequence[str] = ()) -> None:
    updated = f"{report.updated} updated, " if report.updated else ""
    console.print(
        styled(
            f"{report.seen} documents: ",
            (f"{report.added} added", "green"),
            f", {updated}{report.duplicates} already stored, ",
            (f"{report.failed} failed", "red" if report.failed else "green"),
            f" -> {db}",
        ),
        soft_wrap=True,
    )
    if report.partial:
        n = report.partial
        console.print(
            styled(
                "  ",
                (f"{n} {'article' if n == 1 else 'articles'} stored", "yellow"),
                f" with part of {'its' if n == 1 else 'their'} analysis failed (recorded below)",
            ),
            soft_wrap=True,
        )
    if report.not_english:
        console.print(f"  {not_english_line(report.not_english)}", soft_wrap=True)
    _print_unread(report, paths)
    if report.skipped:
        what = ", ".join(f"{n} {reason}" for reason, n in report.skipped.most_common())
        console.print(f"  skipped records that are not articles: {what}", soft_wrap=True)
    for error in report.errors:
        console.print(
            styled("  ", ("failed", "red"), f" {error.uri} ({error.stage}): {error.reason}"), soft_wrap=True
        )
    if report.unlisted:
        console.print(unlisted_line(report), soft_wrap=True, markup=False)


def _print_unread(report: IngestReport, paths: Sequence[str]) -> None:
    """What the folders held that was not read, and, when nothing was, what would have been."""
    passed = unsupported_files(paths)
    if passed:
        kinds = ", ".join(f"{n} {ext}" for ext, n in passed.most_common())
        note = "; PDF is not supported: convert it to text first" if ".pdf" in passed else ""
        n = sum(passed.values())
        line = f"  passed over {n} {'file' if n == 1 else 'files'} of other types ({kinds}){note}"
        console.print(line, soft_wrap=True)
    if report.seen == 0:
        console.print(
            f"  no supported files found; newsgraph reads {supported_extensions()} (and .gz of each) "
            "in folders, and any file named on the command line",
            soft_wrap=True,
        )


@app.command("show")
def show_cmd(
    article_id: Annotated[
        str, typer.Argument(metavar="ID", help="Article id or a unique prefix (>= 4 chars).")
    ],
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Everything as one JSON object.")] = False,
) -> None:
    """Everything known about one article."""
    with _open(db) as store:
        try:
            article = store.article(article_id)
        except StoreError as exc:
            err.print(error_line(str(exc)))
            raise typer.Exit(EXIT_USAGE) from exc
        if article is None:
            err.print(error_line(f"no article with id {shown(article_id)}"))
            raise typer.Exit(EXIT_USAGE)
        analysis = store.analysis(article.id)
        copies = store.duplicates(article.id)
    assert analysis is not None  # the article exists, so its analysis does
    if as_json:
        record = {**to_dict(analysis), "duplicates": [to_dict(c) for c in copies]}
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    _print_analysis(analysis)
    for copy in copies:
        console.print(
            styled((f"{copy.kind} copy ({copy.similarity:.2f}):", "dim"), f" {copy.uri}"), soft_wrap=True
        )


def _print_analysis(analysis: Analysis) -> None:
    a = analysis.article
    console.rule(Text(a.title or "(no title)", style="bold"))
    meta = Table.grid(padding=(0, 2))
    for name, value in (
        ("id", a.id),
        ("uri", a.uri),
        ("url", a.url),
        ("site", a.site),
        (
            "published",
            f"{a.published} ({a.published_precision}, from {a.published_source})"
            if a.published
            else "unknown",
        ),
        ("authors", ", ".join(a.authors)),
        ("language", a.language),
        ("extractor", a.extractor),
        ("tags", ", ".join(a.tags)),
        ("analysed by", analysis.pipeline),
    ):
        if value:
            meta.add_row(Text(name, style="dim"), value)
    console.print(meta)
    for error in analysis.errors:  # parts of the analysis that failed: what follows lacks them
        console.print(styled(("analysis failed in part:", "red"), f" {error.reason}"), soft_wrap=True)
    for caption in a.captions:
        console.print(styled(("caption:", "dim"), f" {caption}"))
    console.print()
    for paragraph in a.paragraphs:
        console.print(paragraph, end="\n\n")
    for headline in a.related:
        console.print(styled(("related:", "dim"), f" {headline}"))
    _print_actors(analysis)


def _print_actors(analysis: Analysis) -> None:
    counts: dict[str, int] = {}
    for mention in analysis.mentions:
        counts[mention.actor_id] = counts.get(mention.actor_id, 0) + 1
    table = Table("actor", "kind", "country", "code", "mentions", "aliases", "rule", title="Actors")
    for actor in sorted(analysis.actors, key=lambda x: -counts.get(x.id, 0)):
        table.add_row(
            actor.name,
            actor.kind,
            actor.country,
            actor.code,
            str(counts.get(actor.id, 0)),
            ", ".join(actor.aliases),
            actor.rule,
        )
    console.print(table)
    _print_records(analysis)


def _print_records(analysis: Analysis) -> None:
    """Events, quotes, places and dates of one article, each with what produced it."""
    names = {a.id: a.code or a.name for a in analysis.actors}
    events = Table("code", "source", "target", "date", "modality", "evidence", title="Events")
    for e in analysis.events:
        events.add_row(
            f"{e.cameo_code} ({e.plover_type or '-'})",
            names.get(e.source_actor_id, e.source_code),
            names.get(e.target_actor_id, e.target_code),
            e.date,
            e.modality,
            shorten(e.evidence),
        )
    quotes = Table("speaker", "kind", "cue", "tone", "quote", title="Quotes")
    for q in analysis.quotes:
        tone = "" if q.tone is None else f"{q.tone:+.2f}"
        quotes.add_row(q.speaker, q.kind, q.cue, tone, shorten(q.text))
    places = Table("place", "kind", "country", "lat", "lon", "id", title="Places")
    for p in analysis.places:
        lat, lon = ("" if v is None else f"{v:.2f}" for v in (p.lat, p.lon))
        places.add_row(p.name, p.kind, p.country, lat, lon, p.id)
    dates = Table("text", "value", "precision", "rule", title="Time expressions")
    for t in analysis.timexes:
        dates.add_row(t.text, t.value, t.precision, t.rule)
    for table in (events, quotes, places, dates):
        if table.row_count:
            console.print(table)
    print_signals(console, analysis)


@app.command("stats")
def stats_cmd(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Row counts per table, and the latest errors."""
    with _open(db) as store:
        counts = store.stats()
        errors = store.errors(limit=20)
        version = store.schema_version()
        pipelines = store.pipeline_counts()
    if as_json:
        print(json.dumps({"schema_version": version, "tables": counts, "pipelines": pipelines}))
        return
    table = Table("table", "rows", title=f"{db} (schema v{version})")
    for name, count in counts.items():
        table.add_row(name, str(count))
    console.print(table)
    for pipeline, n in pipelines.items():
        current = " (this version)" if pipeline == pipeline_version() else ""
        console.print(
            f"{n} articles analysed by {pipeline or 'an unrecorded version'}{current}", soft_wrap=True
        )
    for error in errors:
        console.print(
            styled(("error", "red"), f" {error.uri} ({error.stage}): {error.reason}"), soft_wrap=True
        )


def examples_dir() -> Path:
    """The bundled demo corpus: ./examples, else the one beside the source tree."""
    here = Path.cwd() / "examples"
    return here if here.is_dir() else Path(__file__).resolve().parents[2] / "examples"


@app.command("demo")
def demo_cmd(db: DbOption = Path("demo.db")) -> None:
    """Ingest the bundled example articles and show where to look next."""
    corpus = examples_dir()
    if not corpus.is_dir():
        err.print(error_line(f"no examples folder at {corpus}"))
        raise typer.Exit(EXIT_USAGE)
    console.print(f"Ingesting the demo corpus in {corpus} ...")
    with _open(db, must_exist=False) as store:
        report = _run_ingest([str(corpus)], store, quiet=False)
        _print_report(report, db)
        rows = store.articles(limit=100)
        counts = store.stats()
    table = Table("id", "published", "site", "title")
    for a in rows:
        table.add_row(a.id[:12], a.published or "?", a.site, a.title)
    console.print(table)
    found = ("actors", "mentions", "quotes", "events", "places", "timexes", "duplicates", "errors")
    console.print("In the store: " + ", ".join(f"{counts[name]} {name}" for name in found), soft_wrap=True)
    # As the user invoked it (".venv/bin/newsgraph" under make), so the hints run as printed.
    exe = sys.argv[0] if sys.argv[0] and not Path(sys.argv[0]).is_absolute() else "newsgraph"
    first = rows[0].id[:12] if rows else "ID"
    console.print(
        "\nWhere to look next:\n"
        f"  {exe} stats --db {db}\n"
        f"  {exe} show {first} --db {db}\n"
        f"  {exe} events --db {db} --quad 4\n"
        f"  {exe} quotes --db {db} --limit 10\n"
        f"  {exe} actors --db {db} --sort -events\n"
        f"  {exe} search ceasefire --db {db}\n"
        f"  {exe} themes --db {db} --by all\n"
        f"  {exe} tone --db {db} --by year --actor Russia\n"
        f"  {exe} export --db {db} --format gdelt --table events --out events.tsv\n"
        f"  {exe} export --db {db} --format gkg --out gkg.tsv"
    )
    if not report.complete:
        raise typer.Exit(EXIT_FAILED)


@app.command("serve")
def serve_cmd(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 opens it to the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8001,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds a page's queries may run before it answers 503.")
    ] = 5.0,
) -> None:
    """Open the workbench in the browser: every page over the store, read-only, working offline."""
    from newsgraph.web import serve

    if not db.exists():
        err.print(error_line(f"no database at {db} (run `newsgraph ingest PATH --db {db}` first)"))
        raise typer.Exit(EXIT_USAGE)
    try:
        serve(db, host=host, port=port, timeout=timeout)
    except StoreError as exc:
        err.print(error_line(str(exc)))
        raise typer.Exit(EXIT_USAGE) from exc


@app.command("config")
def config_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """The settings in force and where each came from (default, a config file, a NEWSGRAPH_* variable).

    Sources, later ones winning: the defaults; $NEWSGRAPH_CONFIG or ./newsgraph.toml or the
    [tool.newsgraph] table of ./pyproject.toml; NEWSGRAPH_<NAME> variables; command-line options."""
    from newsgraph import settings

    try:
        rows = settings.current().rows()
    except settings.SettingsError as exc:
        err.print(error_line(str(exc)))
        raise typer.Exit(EXIT_USAGE) from exc
    if as_json:
        console.print_json(json.dumps({n: {"value": v, "from": o, "help": h} for n, v, o, h in rows}))
        return
    table = Table("setting", "value", "from", "what it is", box=None)
    for name, value, origin, help_text in rows:
        table.add_row(name, value or "-", origin, help_text)
    console.print(table)


if __name__ == "__main__":  # pragma: no cover
    app()
