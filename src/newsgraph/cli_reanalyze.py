"""`newsgraph reanalyze`: bring a store up to date with this version's analysis.

The stored articles are analysed again (see :mod:`newsgraph.engines.reanalyze`); by default those
another pipeline version analysed, so after an upgrade the same command, run again, finishes what
an interrupted run left.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from newsgraph.cli_console import styled, text_console
from newsgraph.cli_group import EXIT_CRASHED, EXIT_FAILED
from newsgraph.cli_progress import progress
from newsgraph.cli_query import Actor as ActorOpt
from newsgraph.cli_query import (
    Country,
    Db,
    Language,
    PlaceOpt,
    Since,
    Site,
    TextOpt,
    Until,
    _query,
    shown,
)
from newsgraph.engines.local import IngestReport, available_cores
from newsgraph.engines.pool import PoolError
from newsgraph.engines.reanalyze import outdated, reanalyze
from newsgraph.engines.report import not_english_line, unlisted_line
from newsgraph.engines.version import pipeline_version
from newsgraph.store import Store, StoreError

console = text_console()
err = text_console(stderr=True)
DEFAULT_DB = Path("newsgraph.db")


def register(app: typer.Typer) -> None:
    app.command("reanalyze")(reanalyze_cmd)


def reanalyze_cmd(
    db: Db = DEFAULT_DB,
    every: Annotated[
        bool, typer.Option("--all", help="Every matching article, not only those another version analysed.")
    ] = False,
    article: Annotated[
        list[str], typer.Option("--article", metavar="ID", help="This article (id or prefix); repeat.")
    ] = [],  # noqa: B006 - typer reads the default
    actor: ActorOpt = "",
    place: PlaceOpt = "",
    country: Country = "",
    since: Since = "",
    until: Until = "",
    site: Site = [],  # noqa: B006
    language: Language = [],  # noqa: B006
    text: TextOpt = "",
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=0, metavar="N", help="Analysis processes (0: one per core).")
    ] = 1,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be re-analysed, and stop.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
) -> None:
    """Analyse stored articles again with this version's pipeline, replacing their records in place.

    By default the articles another pipeline version analysed (after an upgrade; `newsgraph stats`
    lists the versions); --all takes every matching article. Filters as for `newsgraph articles`.
    The stored text is analysed again; extraction is not redone, since the raw documents are not
    stored: run `newsgraph ingest --force PATH...` on the inputs for that. Each article is replaced
    in one transaction, so the same command resumes an interrupted run, and running it twice
    changes nothing.
    """
    filters = {k: v for k, v in locals().items() if k in _REANALYSIS_FILTERS}
    with _query(db) as q:
        chosen = None
        if any(filters.values()):
            chosen = q.article_ids(**filters)
        if article:
            ids = [_article_id(q.store, ref) for ref in article]
            chosen = ids if chosen is None else [i for i in chosen if i in set(ids)]
        todo = outdated(q.store, chosen, everything=every)
        if dry_run or not todo:
            _print_todo(q.store, todo, every)
            return
        options = {"workers": workers or available_cores()}
        try:
            if quiet or not console.is_terminal:
                report = reanalyze(q.store, todo, **options)
            else:
                with progress(err, total=len(todo), unit="articles") as step:
                    report = reanalyze(q.store, todo, on_document=step, **options)
        except PoolError as exc:
            print(f"error: the batch stopped: {exc}; what was re-analysed stays so", file=sys.stderr)
            raise typer.Exit(EXIT_CRASHED) from exc
        except KeyboardInterrupt:
            print(
                "interrupted: what was re-analysed stays so; run the same command to finish", file=sys.stderr
            )
            raise typer.Exit(130) from None
    _print_reanalysis(report, db)
    if not report.complete:
        raise typer.Exit(EXIT_FAILED)


_REANALYSIS_FILTERS = ("actor", "place", "country", "since", "until", "site", "language", "text")


def _article_id(store: Store, ref: str) -> str:
    found = store.article(ref)
    if found is None:
        raise StoreError(f"no article with id {shown(ref)}")
    return found.id


def _print_todo(store: Store, todo: list[str], every: bool) -> None:
    which = "matching" if every else f"not analysed by {pipeline_version()}"
    console.print(f"{len(todo)} articles to re-analyse ({which})", soft_wrap=True)
    for version, n in store.pipeline_counts().items():
        console.print(
            f"  {n} analysed by {version or 'an unrecorded version (stored before versions were kept)'}",
            soft_wrap=True,
        )


def _print_reanalysis(report: IngestReport, db: Path) -> None:
    console.print(
        styled(
            f"{report.seen} articles: ",
            (f"{report.updated} re-analysed", "green"),
            ", ",
            (f"{report.failed} failed", "red" if report.failed else "green"),
            f" -> {db} ({pipeline_version()})",
        ),
        soft_wrap=True,
    )
    if report.partial:
        console.print(
            f"  {report.partial} re-analysed with part of the analysis failed (below)", soft_wrap=True
        )
    if report.not_english:
        console.print(f"  {not_english_line(report.not_english)}", soft_wrap=True)
    for error in report.errors:
        # Text, not markup: a uri or a reason may hold [brackets].
        console.print(Text.assemble("  ", ("failed", "red"), f" {error.uri} ({error.stage}): {error.reason}"))
    if report.unlisted:
        console.print(unlisted_line(report), soft_wrap=True, markup=False)
