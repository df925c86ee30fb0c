"""What a batch's inputs hold, for the console: how many documents (the progress bar's total) and
which files a folder walk passed over (the summary's hint when nothing was read)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from newsgraph.sources import iter_documents
from newsgraph.sources.files import EXTENSIONS, container_kind
from newsgraph.sources.jsonl import JsonlFields


def count_documents(paths: Iterable[str], *, fields: JsonlFields | None = None) -> int | None:
    """How many documents (and unreadable inputs) an ingest of ``paths`` will see, or None when
    that cannot be known beforehand (standard input cannot be read twice).

    Counted by the readers the ingest uses, so the number is theirs: a JSON Lines file is its
    records, a WARC its responses that hold a page. Reading is much faster than analysing, so a
    count run beside the ingest finishes early in it."""
    paths = list(paths)
    if "-" in paths:
        return None
    return sum(1 for _ in iter_documents(paths, fields=fields))


def unsupported_files(paths: Iterable[str]) -> Counter[str]:
    """Files a folder walk passes over because their type is not one we read, by extension
    (``.pdf``; "(none)" for names without one). Hidden files and folders are not counted: they
    are passed over on purpose. A file named on the command line is read whatever its name."""
    found: Counter[str] = Counter()
    for arg in paths:
        folder = Path(arg)
        if arg == "-" or not folder.is_dir():
            continue
        for child in folder.rglob("*"):
            hidden = any(part.startswith(".") for part in child.relative_to(folder).parts)
            if child.is_file() and not hidden and container_kind(child.name) is None:
                found[child.suffix.lower() or "(none)"] += 1
    return found


def supported_extensions() -> str:
    """``.html .htm ... .warc`` (each also gzipped)."""
    return " ".join(EXTENSIONS)
