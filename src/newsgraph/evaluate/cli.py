"""`newsgraph eval <capability> --gold FILE [--json]`: one command per capability.

Each evaluator module exposes `register(app)` adding its own command, so the
capabilities grow without touching each other; this module only lists them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import typer

from newsgraph.evaluate import dedup, events, extraction, geo, ner, quotes, textdump, time
from newsgraph.evaluate.common import GoldError

app = typer.Typer(help="Measure a capability against gold data.", no_args_is_help=True)


def report(run: Callable[[], dict[str, Any]], fmt: Callable[[dict[str, Any]], str], as_json: bool) -> None:
    """Run an evaluation; print one JSON object or the table; a bad gold file is a one-line error."""
    try:
        result = run()
    except GoldError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(json.dumps(result) if as_json else fmt(result))


for module in (extraction, textdump, ner, geo, time, quotes, events, dedup):
    module.register(app)
