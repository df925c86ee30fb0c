"""The progress display of `ingest` and `reanalyze`: documents done of the total, a bar, elapsed
and remaining time, and the document at hand.

The total of an ingest is counted by a background thread reading the inputs (reading is far
faster than analysing), so the display starts at once and gains its total and ETA when the count
is in. The document name comes last and is shortened to a fixed width, so a long file name can
never squeeze the time columns.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Column
from rich.text import Text

#: Characters of the current document's label and name shown at most (fewer on a narrow terminal).
NAME_WIDTH = 48
#: What the columns before the name take: spinner, "1234/5678 documents", elapsed, "eta",
#: remaining, and the spaces between them (the bar comes on top).
FIXED_WIDTH = 44


def short_name(uri: str, width: int = NAME_WIDTH) -> str:
    """A document's file name (a JSON Lines record keeps its ``#line``), cut to ``width``
    characters with an ellipsis inside, a third before it and the rest after, so its start and
    its end (where names differ: dates, numbers, the extension) stay readable."""
    name = Path(uri.split("#")[0]).name + (f"#{uri.split('#', 1)[1]}" if "#" in uri else "")
    if len(name) <= width:
        return name
    head = (width - 1) // 3
    return name[:head] + "…" + name[len(name) - (width - 1 - head) :]


def widths(console_width: int) -> tuple[int, int]:
    """(bar width, 0 for no bar; width of "outcome: name") on a terminal this wide. The name gets
    what is left, so the line always fits: a line that does not makes rich squeeze every column,
    the times included."""
    bar = 20 if console_width >= 100 else 10 if console_width >= 72 else 0
    rest = console_width - FIXED_WIDTH - (bar + 1 if bar else 0) - 1
    return bar, max(4, min(NAME_WIDTH, rest))


class CountColumn(ProgressColumn):
    """``12/340 documents``, or ``12 documents`` while the total is being counted."""

    def render(self, task: Task) -> Text:
        done = int(task.completed)
        shown = f"{done}/{int(task.total)}" if task.total is not None else f"{done}"
        return Text(f"{shown} {task.fields.get('unit', 'documents')}")


def columns(console_width: int) -> tuple[ProgressColumn, ...]:
    bar, described = widths(console_width)
    return (
        SpinnerColumn(),
        CountColumn(table_column=Column(no_wrap=True)),
        *([BarColumn(bar_width=bar)] if bar else []),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        # The description holds a file name: text, never markup ("[/x].txt" would raise MarkupError).
        TextColumn(
            "{task.description}",
            markup=False,
            table_column=Column(no_wrap=True, overflow="ellipsis", max_width=described),
        ),
    )


Step = Callable[[str, str], None]


@contextmanager
def progress(
    console: Console,
    *,
    total: int | None = None,
    count: Callable[[], int | None] | None = None,
    unit: str = "documents",
) -> Iterator[Step]:
    """A progress display on ``console``; yields ``step(uri, outcome)`` to call after each document.

    ``total`` when known; else ``count`` (if given) is run in a background thread and the total
    set when it returns."""
    described = widths(console.width)[1]
    with Progress(*columns(console.width), console=console, transient=True) as bar:
        task = bar.add_task("", total=total, unit=unit)
        if total is None and count is not None:

            def set_total() -> None:
                try:
                    found = count()
                except Exception:  # the ingest reports unreadable inputs; the bar just has no total
                    return
                if found is not None:
                    bar.update(task, total=found)

            threading.Thread(target=set_total, name="newsgraph-count", daemon=True).start()

        def step(uri: str, outcome: str) -> None:
            label = outcome.split(" ", 1)[0].split("(")[0]
            name = short_name(uri, max(1, described - len(label) - 2))
            bar.update(task, advance=1, description=f"{label}: {name}")

        yield step
