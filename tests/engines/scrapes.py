"""Plain-text scrapes of one site, for the re-run and crash tests: the repo's example stories,
each page carrying the same promo line that no cue in our lexicon names, so the batch learns it
(`BatchExtractor`) after three new pages and extracts the later pages without it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.paths import EXAMPLES

#: The site's own promo, in the middle of every page's body.
PROMO = "Catch the Morning Ledger every weekday at seven on our app"


def stories() -> list[str]:
    """The example stories as plain text: the text scrapes, then the wire stories."""
    pages = [page.read_text(encoding="utf-8") for page in sorted((EXAMPLES / "text").glob("*.txt"))]
    for line in (EXAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "text" in record:  # one record is HTML
            pages.append(record["title"] + "\n\n" + record["text"])
    return pages


def write_site(folder: Path, count: int | None = None) -> Path:
    """`count` pages (all the stories by default) as `folder/NN.txt`, in reading order."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, story in enumerate(stories()[:count]):
        paragraphs = story.split("\n\n")
        middle = len(paragraphs) // 2
        text = "\n\n".join([*paragraphs[:middle], PROMO, *paragraphs[middle:]])
        (folder / f"{n:02d}.txt").write_text(text, encoding="utf-8")
    return folder
