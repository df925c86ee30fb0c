"""How the news talks: the commands `themes`, `tone` and `comentions` (GDELT's Global Knowledge Graph
side). ``register(app)`` adds them; each goes through :class:`newsgraph.query.Query` like the other
query commands, with their options and their one-line errors."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from newsgraph.cli_console import styled
from newsgraph.cli_query import (
    DEFAULT_DB,
    Actor,
    AsJson,
    Cameo,
    Country,
    Db,
    Format,
    Language,
    Limit,
    Modality,
    Partial,
    PlaceOpt,
    Plover,
    Quad,
    Since,
    Site,
    Source,
    SourceCountry,
    Target,
    TargetCountry,
    TextOpt,
    Until,
    With,
    _emit,
    _format,
    _query,
    _query_args,
)
from newsgraph.knowledge import domains
from newsgraph.knowledge.themes import FAMILIES

Theme = Annotated[
    list[str],
    typer.Option(
        "--theme",
        metavar="THEME",
        help=f"Theme (SANCTIONS, ELECTION ...; --list) or family ({', '.join(FAMILIES)}); repeat or comma.",
    ),
]
Domain = Annotated[
    list[str],
    typer.Option("--domain", metavar="DOMAIN", help=f"Article domain: {', '.join(domains.labels())}."),
]
By = Annotated[
    str, typer.Option("--by", metavar="PERIOD", help="day | month | year | all (publication date).")
]


def register(app: typer.Typer) -> None:
    """Add the commands to ``app``."""
    app.command("themes")(themes_cmd)
    app.command("tone")(tone_cmd)
    app.command("comentions")(comentions_cmd)


def _number(value: Any, signed: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:+.2f}" if signed else f"{value:.2f}"
    return str(value)


def themes_cmd(
    db: Db = DEFAULT_DB,
    by: By = "month",
    theme: Theme = [],  # noqa: B006 - typer reads the default
    domain: Domain = [],  # noqa: B006
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
    limit: Annotated[str, typer.Option("--limit", metavar="N", help="Themes per period (>= 1).")] = "20",
    fmt: Format = "table",
    as_json: AsJson = False,
    list_: Annotated[bool, typer.Option("--list", help="Print the theme taxonomy and exit.")] = False,
) -> None:
    """Theme matches per period (publication month by default), most matches first.

    The event filters pick the articles that report a matching event; --theme keeps those themes
    (a family stands for its themes), --domain the articles of that domain. Themes are our taxonomy
    (knowledge/data/themes.tsv), found by their trigger terms on lemmas."""
    args = _query_args(locals())
    args.pop("list_", None)
    if list_:
        _print_taxonomy(_format("jsonl" if as_json else fmt))
        return
    with _query(db) as q:
        fmt = _format("jsonl" if as_json else fmt)
        found = q.themes(**args)
    period = next(iter(found[0])) if found else by
    columns = (period, "theme", "family", "domain", "mentions", "articles")
    cells = (
        (r[period], r["theme"], r["family"], r["domain"], str(r["mentions"]), str(r["articles"]))
        for r in found
    )
    _emit(fmt, found, columns, cells)


def _print_taxonomy(fmt: str) -> None:
    from newsgraph.knowledge.themes import themes, triggers

    counts: dict[str, int] = {}
    for trigger in triggers():
        counts[trigger.theme] = counts.get(trigger.theme, 0) + 1
    rows = [
        {
            "theme": t.name,
            "family": t.family,
            "domain": t.domain,
            "triggers": counts.get(t.name, 0),
            "description": t.description,
        }
        for t in themes().values()
    ]
    cells = ((r["theme"], r["family"], r["domain"], str(r["triggers"]), r["description"]) for r in rows)
    _emit(fmt, rows, ("theme", "family", "domain", "triggers", "description"), cells)


def tone_cmd(
    db: Db = DEFAULT_DB,
    by: By = "month",
    unit: Annotated[
        str,
        typer.Option(
            "--unit", metavar="UNIT", help="article (whole articles) | sentence (the sentences that name it)."
        ),
    ] = "article",
    actor: Actor = "",
    country: Annotated[
        str,
        typer.Option("--country", metavar="COUNTRY", help="Country named: a place in it or an actor of it."),
    ] = "",
    theme: Theme = [],  # noqa: B006
    domain: Domain = [],  # noqa: B006
    since: Since = "",
    until: Until = "",
    site: Site = [],  # noqa: B006
    language: Language = [],  # noqa: B006
    text: TextOpt = "",
    fmt: Format = "table",
    as_json: AsJson = False,
) -> None:
    """Tone per period on GDELT's scale: of the articles (or sentences) naming an actor, a country or a
    theme, or of all articles.

    tone = positive - negative, as percentages of words (VADER decides which words, in context);
    polarity = positive + negative; activity and self/group: % verbs and % personal pronouns. Each
    column is the mean over the articles or sentences; "pooled" is the tone of all their words."""
    args = _query_args(locals())
    with _query(db) as q:
        fmt = _format("jsonl" if as_json else fmt)
        found = q.tone(**args)
    period = next(iter(found[0])) if found else by
    names = ("units", "tone", "positive", "negative", "polarity", "activity", "self_group", "pooled_tone")
    columns = (
        period,
        f"{unit}s",
        "tone",
        "positive",
        "negative",
        "polarity",
        "activity",
        "self/group",
        "pooled",
    )
    cells = ((r[period], *(_number(r[n], signed="tone" in n) for n in names)) for r in found)
    _emit(fmt, found, columns, cells)


def comentions_cmd(
    db: Db = DEFAULT_DB,
    by: Annotated[
        str, typer.Option("--by", metavar="PERIOD", help="all (default) | day | month | year.")
    ] = "all",
    scope: Annotated[
        str,
        typer.Option(
            "--scope", metavar="SCOPE", help="sentence: named in one sentence | paragraph: in one paragraph."
        ),
    ] = "sentence",
    actor: Actor = "",
    with_: With = "",
    theme: Theme = [],  # noqa: B006
    domain: Domain = [],  # noqa: B006
    since: Since = "",
    until: Until = "",
    site: Site = [],  # noqa: B006
    language: Language = [],  # noqa: B006
    text: TextOpt = "",
    limit: Limit = "50",
    fmt: Format = "table",
    as_json: AsJson = False,
) -> None:
    """Who is named with whom: actor pairs mentioned in the same sentence or paragraph, counted per
    period (all articles by default), most often together first."""
    args = _query_args(locals())
    with _query(db) as q:
        fmt = _format("jsonl" if as_json else fmt)
        found = q.comentions(**args)
    period = next(iter(found[0])) if found else by
    columns = (period, "actor", "actor", "sentences", "paragraphs", "articles")
    cells = (
        (r[period], r["name_a"], r["name_b"], str(r["sentences"]), str(r["paragraphs"]), str(r["articles"]))
        for r in found
    )
    _emit(fmt, found, columns, cells)


def print_signals(console: Any, analysis: Any) -> None:
    """For `newsgraph show`: the article's domain, tone and themes."""
    from newsgraph.query.signals import theme_summary

    if analysis.domain is not None:
        d = analysis.domain
        console.print(styled(("domain:", "dim"), f" {d.label} ({d.score:.2f}; {d.rule})"), soft_wrap=True)
    whole = next((t for t in analysis.tones if t.unit == "article"), None)
    if whole is not None:
        console.print(
            styled(
                ("tone:", "dim"),
                f" {whole.tone:+.2f} (positive {whole.positive:.2f}, "
                f"negative {whole.negative:.2f}, polarity {whole.polarity:.2f}, "
                f"activity {whole.activity:.2f}, self/group {whole.self_group:.2f}, {whole.words} words)",
            ),
            soft_wrap=True,
        )
    themes = theme_summary(analysis.themes)
    if themes:
        console.print(
            styled(("themes:", "dim"), " " + ", ".join(f"{t['theme']} {t['count']}" for t in themes)),
            soft_wrap=True,
        )
