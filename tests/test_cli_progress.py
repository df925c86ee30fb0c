"""The progress display: a total and an ETA, and the time columns intact however long the name."""

from __future__ import annotations

import io
import re
import time

import pytest
from rich.console import Console

from newsgraph.cli_progress import progress, short_name

LONG = "/data/crawl/" + "very-long-name-" * 12 + "final.warc.gz"


def _last_frame(width: int, steps: int, *, total: int | None = None, count=None) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=width, color_system=None)
    with progress(console, total=total, count=count) as step:
        for _ in range(steps):
            step(f"{LONG}#7", "duplicate")
            time.sleep(0.01)
        if count is not None:
            time.sleep(0.3)  # let the counting thread report
        step("/data/short.txt", "failed (extract): no article text found")
        console.file.flush()
    frames = [f for f in out.getvalue().split("\r\x1b[2K") if "documents" in f]
    return frames[-1].replace("\x1b[?25h", "")


@pytest.mark.parametrize("width", [50, 60, 80, 120, 200])
def test_times_are_never_squeezed(width: int) -> None:
    frame = _last_frame(width, 30, total=1000)
    line = frame.splitlines()[0]
    assert len(line.rstrip()) <= width, line
    assert re.search(r"\b\d+:\d\d:\d\d eta (\d+:\d\d:\d\d|-:--:--)", line), line
    assert re.search(r"\b31/1000 documents\b", line), line


def test_the_total_arrives_from_the_count() -> None:
    frame = _last_frame(100, 3, count=lambda: 40)
    assert "4/40 documents" in frame


def test_without_a_total_it_counts_alone() -> None:
    frame = _last_frame(100, 3, count=lambda: None)
    assert re.search(r"\b4 documents\b", frame) and "/" not in frame.split("documents")[0]


def test_short_names_keep_both_ends() -> None:
    assert short_name("/a/b/wire.jsonl#12") == "wire.jsonl#12"
    cut = short_name(LONG, 24)
    assert len(cut) == 24 and cut.startswith("very-lo") and cut.endswith("final.warc.gz")


def test_a_file_name_holding_markup_is_shown_as_text() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120, color_system=None)
    with progress(console, total=2) as step:
        step("/data/[bold]a[red] :office:.txt#3", "added")  # markup would hide the tags
        time.sleep(0.2)
        console.file.flush()
    assert "added: [bold]a[red] :office:.txt#3" in out.getvalue()
