"""Query commands: `articles`, `events`, `actors`, `quotes`, `places`, `search TEXT`, `actor NAME`,
`export`, and the aggregations `timeline [ACTOR]`, `network`, `countries`.

``register(app)`` adds them to the main Typer app. Every command goes through
:class:`newsgraph.query.Query`; a filter it cannot use ends the command with a one-line
``error: ...`` on stderr and exit status 2.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from newsgraph import settings
from newsgraph.cli_console import styled, text_console
from newsgraph.cli_group import EXIT_USAGE
from newsgraph.knowledge import cameo
from newsgraph.query import FORMATS, QUAD_KEYS, Query, QueryError
from newsgraph.query.filters import DEFAULT_SORT, KINDS, MODALITIES, PLOVER_TYPES, QUAD_WORDS, shown
from newsgraph.records import to_dict
from newsgraph.store import Store, StoreError
from newsgraph.store.queries import SORTS

console = text_console()

__all__ = ["shown"]  # for the other commands' error messages

Db = Annotated[
    Path,
    typer.Option("--db", envvar="NEWSGRAPH_DB", metavar="FILE", help="SQLite database file (setting: db)."),
]
# The default is the `db` setting (a newsgraph.toml or [tool.newsgraph] may name one); $NEWSGRAPH_DB
# and --db override it when the command runs.
DEFAULT_DB = Path(settings.current().db)
# What `ingest` and `spark` read: the size cap and the JSON Lines keys.
MaxDocumentBytes = Annotated[
    int | None, typer.Option(min=1, help="Skip (and record) documents larger than this.")
]
TextField = Annotated[str, typer.Option(metavar="KEY", help="JSON Lines key of the plain text.")]
HtmlField = Annotated[str, typer.Option(metavar="KEY", help="JSON Lines key of the HTML.")]
TitleField = Annotated[str, typer.Option(metavar="KEY", help="JSON Lines key of the title.")]
UrlField = Annotated[str, typer.Option(metavar="KEY", help="JSON Lines key of the URL.")]
DateField = Annotated[str, typer.Option(metavar="KEY", help="JSON Lines key of the publication date.")]
Limit = Annotated[str, typer.Option("--limit", metavar="N", help="How many rows (>= 1).")]
Offset = Annotated[str, typer.Option("--offset", metavar="N", help="Rows to skip.")]
Format = Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help=" | ".join(FORMATS) + ".")]
Actor = Annotated[
    str, typer.Option("--actor", metavar="NAME", help="Name, alias, country or CAMEO code (either side).")
]
With = Annotated[
    str, typer.Option("--with", metavar="NAME", help="Counterpart of --actor: the dyad, both directions.")
]
Source = Annotated[
    str, typer.Option("--source", metavar="NAME", help="Source actor (name, alias, country, code).")
]
Target = Annotated[
    str, typer.Option("--target", metavar="NAME", help="Target actor (name, alias, country, code).")
]
SourceCountry = Annotated[
    str,
    typer.Option("--source-country", metavar="COUNTRY", help="Source actor's country (name or ISO code)."),
]
TargetCountry = Annotated[
    str,
    typer.Option("--target-country", metavar="COUNTRY", help="Target actor's country (name or ISO code)."),
]
Cameo = Annotated[
    list[str],
    typer.Option("--cameo", metavar="CODE", help="CAMEO code or root (01-20, 043, 0861); repeat or comma."),
]
Plover = Annotated[
    list[str],
    typer.Option(
        "--plover", metavar="TYPE", help=f"PLOVER event type: {', '.join(PLOVER_TYPES)}; repeat or comma."
    ),
]
Quad = Annotated[
    list[str],
    typer.Option(
        "--quad",
        metavar="CLASS",
        help="Quad class: "
        + ", ".join(f"{n} or {word}" for word, n in QUAD_WORDS.items())
        + "; repeat or comma.",
    ),
]
Modality = Annotated[
    list[str],
    typer.Option("--modality", metavar="MODALITY", help=f"{', '.join(MODALITIES)}; repeat or comma."),
]
Since = Annotated[
    str, typer.Option("--since", metavar="DATE", help="From this date: YYYY, YYYY-MM or YYYY-MM-DD.")
]
Until = Annotated[
    str, typer.Option("--until", metavar="DATE", help="Up to and including this date (or month, year).")
]
PlaceOpt = Annotated[str, typer.Option("--place", metavar="PLACE", help="Place name or id, or a country.")]
Country = Annotated[str, typer.Option("--country", metavar="COUNTRY", help="Country (name or ISO code).")]
Site = Annotated[
    list[str],
    typer.Option(
        "--site", metavar="SITE", help="Source site (cbc.ca, www.cbc.ca or a URL); repeat or comma."
    ),
]
Language = Annotated[
    list[str],
    typer.Option("--language", metavar="LANG", help="Article language (en, ru ...); repeat or comma."),
]
TextOpt = Annotated[str, typer.Option("--text", metavar="QUERY", help="Full-text query over the article.")]


def _kind_option(table: str) -> Any:
    values = ", ".join(KINDS[table])
    return Annotated[
        list[str],
        typer.Option("--kind", metavar="KIND", help=f"Kind of {table[:-1]}: {values}; repeat or comma."),
    ]


def _sort_option(table: str) -> Any:
    fields = ", ".join(SORTS[table])
    default = DEFAULT_SORT[table]
    text = f"Sort by {fields}; prefix - for descending (default {default})."
    return Annotated[str, typer.Option("--sort", metavar="FIELD", help=text)]


QuoteKind, ActorKind, PlaceKind = (_kind_option(t) for t in ("quotes", "actors", "places"))
SortEvents, SortActors, SortQuotes, SortPlaces, SortArticles = (
    _sort_option(t) for t in ("events", "actors", "quotes", "places", "articles")
)
# Complete events are the default; --partial adds the records that lack an actor. --dyadic, the old
# opt-in to complete events, still reads and asks for the default.
Partial = Annotated[
    bool,
    typer.Option(
        "--partial/--dyadic",
        help="Partial records too. Without it, complete events only: a coded source and target, or "
        "a coded source for CAMEO roots 01, 14, 15 (PETRARCH's require_dyad).",
    ),
]
# Real-world events are the default (the merge of the records that report one event); --mentions
# lists and counts the coded records themselves, as GDELT 1.0 did.
Mentions = Annotated[
    bool,
    typer.Option(
        "--mentions",
        help="Each coded record (a mention) instead of real-world events (the mentions of one event "
        "merged: same actors, compatible actions, dates and places).",
    ),
]
AsJson = Annotated[bool, typer.Option("--json", help="Shorthand for --format jsonl.")]


def register(app: typer.Typer) -> None:
    """Add the query commands to ``app``."""
    app.command("articles")(articles_cmd)
    app.command("events")(events_cmd)
    app.command("actors")(actors_cmd)
    app.command("quotes")(quotes_cmd)
    app.command("places")(places_cmd)
    app.command("search")(search_cmd)
    app.command("actor")(actor_cmd)
    app.command("export")(export_cmd)
    app.command("timeline")(timeline_cmd)
    app.command("network")(network_cmd)
    app.command("countries")(countries_cmd)


# -- plumbing -----------------------------------------------------------------------


def _fail(message: str) -> typer.Exit:
    print(f"error: {message}", file=sys.stderr)
    return typer.Exit(EXIT_USAGE)


@contextmanager
def _query(db: Path) -> Iterator[Query]:
    """An open Query; user errors become one line on stderr and exit 2."""
    if not db.exists():
        raise _fail(f"no database at {db} (run `newsgraph ingest PATH --db {db}` first)")
    try:
        store = Store(db)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    try:
        yield Query(store)
    except (QueryError, StoreError) as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()


# Parameters that are not filters: where to read, how to print, and export's own settings.
_NOT_FILTERS = frozenset({"db", "fmt", "as_json", "out", "table", "header"})
# Parameters named apart from their Query keyword: `with` is a Python keyword, `cameo` the module.
_QUERY_NAMES = {"with_": "counterpart", "cameo_": "cameo"}


def _query_args(params: dict[str, Any]) -> dict[str, Any]:
    """A command's parameters (its ``locals()``, taken first thing) -> the keywords of its Query method.

    Each option is passed under its own name, in signature order (so with two bad values the first
    is the one reported), ``--with`` / ``--cameo`` under their Query names, and an empty ``--sort``
    as None: the table's default order. The options themselves stay spelled out in each signature.
    """
    args = {_QUERY_NAMES.get(k, k): v for k, v in params.items() if k not in _NOT_FILTERS}
    if "sort" in args:
        args["sort"] = args["sort"] or None
    return args


def _format(value: str) -> str:
    if value not in FORMATS:
        raise QueryError(f"--format {value!r} is not one of: {', '.join(FORMATS)}")
    return value


def _emit(
    fmt: str, rows: list[dict[str, Any]], columns: Sequence[str], cells: Iterable[Sequence[Any]]
) -> None:
    """Rows as JSON / JSON Lines / CSV, or a rich table of ``columns`` (paged when long and on a
    terminal). ``cells`` is read only for the table, so pass a generator: no formatting otherwise."""
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        names = list(rows[0]) if rows else []
        writer.writerow(names)
        for row in rows:
            writer.writerow(
                [json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for v in row.values()]
            )
    else:
        table = Table(*columns)
        for row in cells:
            table.add_row(*row)
        _page(table, len(rows))


def _page(renderable: Any, n: int) -> None:
    if console.is_terminal and n + 6 > console.height:
        with console.pager(styles=True):
            console.print(renderable)
    else:
        console.print(renderable)


def shorten(text: str, n: int = 90) -> str:
    """One line of at most n characters, for table cells."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _cameo_name(code: str) -> str:
    return cameo.name(code) if cameo.is_code(code) else ""


# -- commands -----------------------------------------------------------------------


def events_cmd(
    db: Db = DEFAULT_DB,
    actor: Actor = "",
    with_: With = "",
    source: Source = "",
    target: Target = "",
    source_country: SourceCountry = "",
    target_country: TargetCountry = "",
    cameo_: Cameo = [],  # noqa: B006 - typer reads the default
    plover: Plover = [],  # noqa: B006
    quad: Quad = [],  # noqa: B006
    modality: Modality = [],  # noqa: B006
    since: Since = "",
    until: Until = "",
    place: PlaceOpt = "",
    country: Country = "",
    site: Site = [],  # noqa: B006
    language: Language = [],  # noqa: B006
    text: TextOpt = "",
    partial: Partial = False,
    mentions: Mentions = False,
    limit: Limit = "50",
    offset: Offset = "0",
    sort: SortEvents = "",
    fmt: Format = "table",
    as_json: AsJson = False,
) -> None:
    """Events (who did what to whom), newest first; filters combine."""
    args = _query_args(locals())
    with _query(db) as q:
        fmt = _format("jsonl" if as_json else fmt)
        found = q.events(**args)
        names = q.names([x for e in found for x in (e.source_actor_id, e.target_actor_id)])
        places = q.place_names([e.place_id for e in found])
    columns = (
        "date",
        "source",
        "event",
        "target",
        "quad",
        "gold.",
        "modality",
        "place",
        "evidence",
    )
    cells = (
        (
            e.date,
            names.get(e.source_actor_id) or e.source_code,
            f"{e.cameo_code} {_cameo_name(e.cameo_code)}",
            names.get(e.target_actor_id) or e.target_code,
            str(e.quad_class or ""),
            "" if e.goldstein is None else f"{e.goldstein:g}",
            e.modality,
            places.get(e.place_id, e.place_id),
            shorten(e.evidence),
        )
        for e in found
    )
    _emit(fmt, [to_dict(e) for e in found], columns, cells)


def actors_cmd(
    db: Db = DEFAULT_DB,
    actor: Actor = "",
    country: Country = "",
    kind: ActorKind = [],  # noqa: B006
    partial: Partial = False,
    mentions: Mentions = False,
    since: Since = "",
    until: Until = "",
    site: Site = [],  # noqa: B006
    language: Language = [],  # noqa: B006
    text: TextOpt = "",
    limit: Limit = "50",
    offset: Offset = "0",
    sort: SortActors = "",
    fmt: Format = "table",
    as_json: AsJson = False,
) -> None:
    """Actors with their event, mention and quote counts; most events first (top actors)."""
    args = _query_args(locals())
    with _query(db) as q:
        fmt = _format("jsonl" if as_json else fmt)
        found = q.actors(**args)
    rows = [{**to_dict(a), "events": ev, "mentions": me, "quotes": qu} for a, ev, me, qu in found]
    columns = ("name", "kind", "country", "code", "events", "mentions", "quotes", "aliases")
    cells = (
        (a.name, a.kind, a.country, a.code, str(ev), str(me), str(qu), ", ".join(a.aliases))
        for a, ev, me, qu in found
    )
    _emit(fmt, rows, columns, cells)


def quotes_cmd(
    db: Db = DEFAULT_DB,
    actor: Annotated[
        str, typer.Option("--actor", "--speaker", metavar="NAME", help="Who spoke (name, alias ...).")
    ] = "",
    kind: QuoteKind = [],  # noqa: B006
    since: Since = "",
    until: Until = "",
    site: Site = [],  # noqa: B006
    language: Language = [],  # noqa: B006
    text: TextOpt = "",
    limit: Limit = "50",
    offset: Offset = "0",
    sort: SortQuotes = "",
    fmt: Format = "table",
    as_json: AsJson = False,
) -> None:
    """Quotes and who said them, newest article first."""
    args = _query_args(locals())
    with _query(db) as q:
        fmt = _format("jsonl" if as_json else fmt)
        found = q.quotes(**args)
    cells = ((x.speaker, x.kind, shorten(x.text, 120), x.article_id[:12]) for x in found)
    _emit(fmt, [to_dict(x) for x in found], ("speaker", "kind", "quote", "article"), cells)


def articles_cmd(
    db: Db = DEFAULT_DB,
    actor: Actor = "",
    place: PlaceOpt = "",
    country: Country = "",
    since: Since = "",
    until: Until = "",
    site: Site = [],  # noqa: B006
    language: Language = [],  # noqa: B006
    text: TextOpt = "",
    limit: Limit = "50",
    offset: Offset = "0",
    sort: SortArticles = "",
    fmt: Format = "table",
    as_json: Annotated[bool, typer.Option("--json", help="Shorthand for --format jsonl.")] = False,
) -> None:
    """Stored articles, most recently ingested first (filters combine)."""
    args = _query_args(locals())
    with _query(db) as q:
        fmt = _format("jsonl" if as_json else fmt)
        found = q.articles(**args)
    cells = ((a.id[:12], a.published or "?", a.site, a.title, str(len(a.text.split()))) for a in found)
    _emit(fmt, [to_dict(a) for a in found], ("id", "published", "site", "title", "words"), cells)


def places_cmd(
    db: Db = DEFAULT_DB,
    place: PlaceOpt = "",
    country: Country = "",
    kind: PlaceKind = [],  # noqa: B006
    partial: Partial = False,
    mentions: Mentions = False,
    since: Since = "",
    until: Until = "",
    site: Site = [],  # noqa: B006
    language: Language = [],  # noqa: B006
    text: TextOpt = "",
    limit: Limit = "50",
    offset: Offset = "0",
    sort: SortPlaces = "",
    fmt: Format = "table",
    as_json: AsJson = False,
) -> None:
    """Places with how often they are mentioned and how many events happened there."""
    args = _query_args(locals())
    with _query(db) as q:
        fmt = _format("jsonl" if as_json else fmt)
        found = q.places(**args)
    rows = [{**to_dict(p), "mentions": m, "events": e} for p, m, e in found]
    columns = ("name", "kind", "country", "id", "lat", "lon", "mentions", "events")
    cells = (
        (p.name, p.kind, p.country, p.id, _coordinate(p.lat), _coordinate(p.lon), str(m), str(e))
        for p, m, e in found
    )
    _emit(fmt, rows, columns, cells)


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def search_cmd(
    text: Annotated[
        str, typer.Argument(metavar="QUERY", help='Words (all must match), "a phrase", OR, NOT, prefix*.')
    ],
    db: Db = DEFAULT_DB,
    since: Since = "",
    until: Until = "",
    site: Site = [],  # noqa: B006
    language: Language = [],  # noqa: B006
    limit: Limit = "20",
    offset: Offset = "0",
    fmt: Format = "table",
    as_json: AsJson = False,
) -> None:
    """Full-text search over article titles and text, best match first, with the match highlighted."""
    args = _query_args(locals())
    with _query(db) as q:
        fmt = _format("jsonl" if as_json else fmt)
        hits = q.search(**args)
    columns = ("score", "published", "site", "title", "snippet", "id")
    cells = (
        (f"{-h.score:.2f}", h.published, h.site, h.title, _highlight(h.snippet), h.article_id[:12])
        for h in hits
    )
    _emit(fmt, [asdict(h) for h in hits], columns, cells)


def _highlight(snippet: str) -> Text:
    """``**match**`` -> bold yellow."""
    out = Text()
    for i, part in enumerate(snippet.split("**")):
        out.append(part, style="bold yellow" if i % 2 else "")
    return out


def actor_cmd(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Name, alias, country or CAMEO code.")],
    db: Db = DEFAULT_DB,
    quotes: Annotated[str, typer.Option("--quotes", metavar="N", help="How many recent quotes.")] = "5",
    partial: Partial = False,
    mentions: Mentions = False,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table | json.")] = "table",
    as_json: Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")] = False,
) -> None:
    """An actor's profile: aliases, roles, counts, counterparts, monthly timeline, recent quotes."""
    fmt = "json" if as_json else fmt
    with _query(db) as q:
        if fmt not in ("table", "json"):
            raise QueryError(f"--format {fmt!r} is not one of: table, json")
        from newsgraph.query.filters import parse_limit

        n_quotes = parse_limit(quotes, name="--quotes", minimum=0) or 0
        profile = q.actor(name, quotes=n_quotes, partial=partial, mentions=mentions)
    if fmt == "json":
        print(json.dumps(asdict(profile), ensure_ascii=False, indent=2))
        return
    main = profile.actors[0] if profile.actors else None
    title = main.name if main and not profile.code else f"{name} (code {profile.code}*)"
    console.rule(Text(title, style="bold"))
    for a in profile.actors[:10]:
        bits = [a.kind, a.country, a.code, a.sector]
        console.print(
            styled(
                f"{a.name}  ",
                (" · ".join(b for b in bits if b), "dim"),
                (f"  aliases: {', '.join(a.aliases)}" if a.aliases else "")
                + (f"  roles: {', '.join(a.roles)}" if a.roles else ""),
            ),
            soft_wrap=True,
        )
    console.print("  ".join(f"{k.replace('_', ' ')}: {v}" for k, v in profile.counts.items()))
    cps = Table("counterpart", "code", "events", "out", "in", "mean Goldstein", title="Counterparts")
    for c in profile.counterparts:
        g = "" if c["mean_goldstein"] is None else f"{c['mean_goldstein']:+.2f}"
        cps.add_row(c["name"], c["code"], str(c["events"]), str(c["outgoing"]), str(c["incoming"]), g)
    console.print(cps)
    tl = Table("month", *(k.replace("_", " ") for k in QUAD_KEYS), "total", title="Events per month")
    for m in profile.timeline:
        tl.add_row(m["month"], *(str(m[k]) for k in QUAD_KEYS), str(m["total"]))
    _page(tl, len(profile.timeline))
    for x in profile.quotes:
        console.print(styled((f"{x.kind}:", "dim"), f" {shorten(x.text, 200)}"), soft_wrap=True)


def export_cmd(
    out: Annotated[str, typer.Option("--out", "-o", metavar="FILE", help="Output file, or - for stdout.")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="gdelt | gdelt-mentions | gkg | jsonl | parquet | csv.",
        ),
    ] = "jsonl",
    table: Annotated[
        str,
        typer.Option(
            "--table",
            metavar="TABLE",
            help="events | actors | quotes | articles | mentions | places | tones | theme_mentions | "
            "domains | comentions | counts.",
        ),
    ] = "events",
    header: Annotated[
        bool, typer.Option("--header", help="GDELT and GKG: write the column names first.")
    ] = False,
    db: Db = DEFAULT_DB,
    actor: Actor = "",
    with_: With = "",
    source: Source = "",
    target: Target = "",
    source_country: SourceCountry = "",
    target_country: TargetCountry = "",
    cameo_: Cameo = [],  # noqa: B006
    plover: Plover = [],  # noqa: B006
    quad: Quad = [],  # noqa: B006
    modality: Modality = [],  # noqa: B006
    since: Since = "",
    until: Until = "",
    place: PlaceOpt = "",
    country: Country = "",
    site: Site = [],  # noqa: B006
    language: Language = [],  # noqa: B006
    text: TextOpt = "",
    partial: Partial = False,
    mentions: Mentions = False,
) -> None:
    """Write a table to a file other tools read, streaming (constant memory).

    --out is a new file or a regular file to replace (its mode kept), never a folder, a device,
    a FIFO or the store; the file appears whole when the export ends, or not at all.

    The events table takes every filter of `newsgraph events`; the other tables the filters of their
    own listings. --format gkg writes GDELT's Global Knowledge Graph, one record per article."""
    filters = _query_args(locals())  # first: before the import below adds a local
    from newsgraph.export import export_to
    from newsgraph.export.gdelt import Summary

    summary = Summary()
    with _query(db) as q:
        n, written = export_to(q, table, fmt, out, header=header, summary=summary, **filters)
    if fmt == "gdelt":
        # GDELT has no row without a date or an actor: say what was left out, even for stdout.
        print(f"gdelt: {summary.line()}", file=sys.stderr)
    if written is not None:
        what = "articles" if fmt == "gkg" else table
        print(f"wrote {n} {what} as {fmt} to {written.describe()}", file=sys.stderr)


# -- aggregations ---------------------------------------------------------------------


def timeline_cmd(
    actor: Annotated[
        str,
        typer.Argument(
            metavar="ACTOR", help="Name, alias, country or CAMEO code (either side); none: all events."
        ),
    ] = "",
    db: Db = DEFAULT_DB,
    by: Annotated[str, typer.Option("--by", metavar="PERIOD", help="day | month | year.")] = "month",
    with_: With = "",
    source: Source = "",
    target: Target = "",
    source_country: SourceCountry = "",
    target_country: TargetCountry = "",
    cameo_: Cameo = [],  # noqa: B006
    plover: Plover = [],  # noqa: B006
    quad: Quad = [],  # noqa: B006
    modality: Modality = [],  # noqa: B006
    since: Since = "",
    until: Until = "",
    place: PlaceOpt = "",
    country: Country = "",
    site: Site = [],  # noqa: B006
    language: Language = [],  # noqa: B006
    text: TextOpt = "",
    partial: Partial = False,
    mentions: Mentions = False,
    fmt: Format = "table",
    as_json: AsJson = False,
) -> None:
    """Events per month (day, year) and quad class: of an actor, a dyad, or any events.

    ACTOR --with B is a dyad, both directions; without ACTOR, the events the filters pick. Months and
    years without events show as zeros; --by day lists only the days that have events."""
    args = _query_args(locals())
    with _query(db) as q:
        fmt = _format("jsonl" if as_json else fmt)
        found = q.timeline(**args)
    period = next(iter(found[0])) if found else "month"
    columns = (period, *(k.replace("_", " ") for k in QUAD_KEYS), "total")
    cells = ((row[period], *(str(row[k]) for k in QUAD_KEYS), str(row["total"])) for row in found)
    _emit(fmt, found, columns, cells)


def network_cmd(
    db: Db = DEFAULT_DB,
    actor: Actor = "",
    with_: With = "",
    source: Source = "",
    target: Target = "",
    source_country: SourceCountry = "",
    target_country: TargetCountry = "",
    cameo_: Cameo = [],  # noqa: B006
    plover: Plover = [],  # noqa: B006
    quad: Quad = [],  # noqa: B006
    modality: Modality = [],  # noqa: B006
    since: Since = "",
    until: Until = "",
    place: PlaceOpt = "",
    country: Country = "",
    site: Site = [],  # noqa: B006
    language: Language = [],  # noqa: B006
    text: TextOpt = "",
    partial: Partial = False,
    mentions: Mentions = False,
    min_events: Annotated[
        str, typer.Option("--min-events", metavar="N", help="Only pairs with this many events.")
    ] = "1",
    limit: Limit = "50",
    fmt: Format = "table",
    as_json: AsJson = False,
) -> None:
    """Who acts on whom: directed actor pairs with event count and mean Goldstein, most first.

    A side without a resolved actor counts under its CAMEO actor code."""
    args = _query_args(locals())
    with _query(db) as q:
        fmt = _format("jsonl" if as_json else fmt)
        found = q.network(**args)
    columns = ("source", "target", "events", "mean Goldstein", "source id", "target id")
    cells = (
        (
            p["source_name"],
            p["target_name"],
            str(p["events"]),
            "" if p["mean_goldstein"] is None else f"{p['mean_goldstein']:+.2f}",
            p["source"],
            p["target"],
        )
        for p in found
    )
    _emit(fmt, found, columns, cells)


def countries_cmd(
    db: Db = DEFAULT_DB,
    by: Annotated[
        str,
        typer.Option(
            "--by", metavar="SIDE", help="place (where it happened) | source | target (actor's country)."
        ),
    ] = "place",
    actor: Actor = "",
    with_: With = "",
    source: Source = "",
    target: Target = "",
    source_country: SourceCountry = "",
    target_country: TargetCountry = "",
    cameo_: Cameo = [],  # noqa: B006
    plover: Plover = [],  # noqa: B006
    quad: Quad = [],  # noqa: B006
    modality: Modality = [],  # noqa: B006
    since: Since = "",
    until: Until = "",
    place: PlaceOpt = "",
    country: Country = "",
    site: Site = [],  # noqa: B006
    language: Language = [],  # noqa: B006
    text: TextOpt = "",
    partial: Partial = False,
    mentions: Mentions = False,
    fmt: Format = "table",
    as_json: AsJson = False,
) -> None:
    """Events per country, most first: where they happened, or whose actors acted.

    --by place: the country of the event's place; --by source / --by target: the CAMEO country (the
    first three letters of the actor code) of its source or target actor."""
    args = _query_args(locals())
    with _query(db) as q:
        fmt = _format("jsonl" if as_json else fmt)
        found = q.events_per_country(**args)
    cells = ((r["country"], r["name"], str(r["events"])) for r in found)
    _emit(fmt, found, ("country", "name", "events"), cells)
