"""Expand command-line paths into raw documents: files, folders, globs, `.gz`, stdin."""

from __future__ import annotations

import glob
import gzip
import io
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsgraph.records import Error
from newsgraph.sources.jsonl import JsonlFields, iter_jsonl
from newsgraph.sources.raw import RawDocument, now_iso

# Extension -> container kind. ".gz" is peeled off first, so "x.html.gz" is html.
EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
GLOB_CHARS = set("*?[")

Item = RawDocument | Error


def iter_documents(
    paths: Iterable[str], *, stdin: BinaryIO | None = None, fields: JsonlFields | None = None
) -> Iterator[Item]:
    """Yield a RawDocument (or an Error) for every document under `paths`.

    A path is a file, a folder (walked recursively, sorted, known extensions
    only), a glob pattern, or "-" for standard input.
    """
    fields = fields or JsonlFields()
    for arg in paths:
        if arg == "-":
            yield from _read_stream("<stdin>", stdin or sys.stdin.buffer, None, fields)
            continue
        for path, explicit in _expand(arg):
            if path is None:
                yield Error(uri=arg, stage="source", reason="no such file or directory", at=now_iso())
                continue
            yield from _read_file(path, explicit, fields)


def _expand(arg: str) -> Iterator[tuple[Path | None, bool]]:
    """Paths named by one argument; `explicit` is False for files found by walking."""
    path = Path(arg)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if not _hidden(child.relative_to(path)) and container_kind(child.name) is not None:
                yield child, False
    elif path.exists():
        yield path, True
    elif GLOB_CHARS & set(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            yield None, True
        for match in matches:
            yield from _expand(match)
    else:
        yield None, True


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def container_kind(name: str) -> str | None:
    """The container kind a file name promises, or None when unknown."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return EXTENSIONS.get(Path(lower).suffix)


def _read_file(path: Path, explicit: bool, fields: JsonlFields) -> Iterator[Item]:
    uri = str(path)
    kind = container_kind(path.name)
    if kind is None and not explicit:
        return
    try:
        handle: BinaryIO = path.open("rb")
    except OSError as exc:
        yield Error(uri=uri, stage="source", reason=f"cannot open: {exc.strerror or exc}", at=now_iso())
        return
    with handle:
        stream = gzip.GzipFile(fileobj=handle) if path.name.lower().endswith(".gz") else handle
        yield from _read_stream(uri, stream, kind, fields)


def _read_stream(uri: str, stream: BinaryIO, kind: str | None, fields: JsonlFields) -> Iterator[Item]:
    """Read one stream; a decompression failure keeps what was read before it."""
    if kind == "jsonl":
        yield from _guard(uri, iter_jsonl(uri, stream, fields))
        return
    try:
        content = stream.read()
    except (OSError, EOFError, zlib.error) as exc:
        yield Error(uri=uri, stage="source", reason=f"unreadable: {exc}", at=now_iso())
        return
    if kind is None:
        kind = sniff_kind(content)
        if kind == "jsonl":
            yield from _guard(uri, iter_jsonl(uri, io.BytesIO(content), fields))
            return
    yield RawDocument(uri=uri, kind=kind, content=content)


def _guard(uri: str, items: Iterator[Item]) -> Iterator[Item]:
    """Pass items through; a stream that breaks midway becomes one more Error."""
    try:
        yield from items
    except (OSError, EOFError, zlib.error) as exc:
        yield Error(uri=uri, stage="source", reason=f"unreadable after partial read: {exc}", at=now_iso())


def sniff_kind(content: bytes) -> str:
    """Guess the kind of untyped input (stdin, a file without a known extension)."""
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<article", b"<div")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"
