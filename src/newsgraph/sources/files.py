"""Expand command-line paths into raw documents: files, folders, globs, `.gz`, WARC, stdin."""

from __future__ import annotations

import errno
import glob
import gzip
import io
import os
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsgraph.records import Error
from newsgraph.sources.jsonl import JsonlFields, iter_jsonl
from newsgraph.sources.raw import (
    RawDocument,
    max_document_bytes,
    now_iso,
    read_bounded,
    sniff_kind,
    too_large_reason,
)
from newsgraph.sources.warc import iter_warc

# Extension -> container kind. ".gz" is peeled off first, so "x.html.gz" is html.
EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
}
GZIP_MAGIC = b"\x1f\x8b"
GLOB_CHARS = set("*?[")

Item = RawDocument | Error

__all__ = ["container_kind", "expand", "iter_bytes", "iter_documents", "sniff_kind"]


def iter_documents(
    paths: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    fields: JsonlFields | None = None,
    max_bytes: int | None = None,
    skipped: Counter[str] | None = None,
) -> Iterator[Item]:
    """Yield a RawDocument (or an Error) for every document under `paths`.

    A path is a file, a folder (walked recursively, sorted, known extensions
    only), a glob pattern, or "-" for standard input. `max_bytes` caps one
    document (default `MAX_DOCUMENT_BYTES`, or $NEWSGRAPH_MAX_DOCUMENT_BYTES);
    `skipped` counts WARC records passed over as carrying no document.
    """
    reader = _Reader(fields or JsonlFields(), max_document_bytes(max_bytes), skipped)
    for arg in paths:
        if arg == "-":
            yield from _guarded("<stdin>", reader.stream("<stdin>", stdin or sys.stdin.buffer, None))
            continue
        for path, explicit in _expand(arg):
            if isinstance(path, Error):
                yield path
                continue
            yield from reader.guarded(path, explicit)


def iter_bytes(
    uri: str,
    data: bytes,
    *,
    explicit: bool = True,
    fields: JsonlFields | None = None,
    max_bytes: int | None = None,
    skipped: Counter[str] | None = None,
) -> Iterator[Item]:
    """The documents of one file already read into memory (an engine that reads files through
    another file system, such as Spark's), exactly as `iter_documents` reads that file from disk:
    the kind from the name in `uri`, `.gz` peeled off, the same size cap and errors."""
    reader = _Reader(fields or JsonlFields(), max_document_bytes(max_bytes), skipped)
    name = uri.rstrip("/").rsplit("/", 1)[-1]
    kind = container_kind(name)
    if kind is None and not explicit:
        return
    gzipped = name.lower().endswith(".gz")
    handle: BinaryIO = io.BytesIO(data)
    stream: BinaryIO = gzip.GzipFile(fileobj=handle) if gzipped else handle  # type: ignore[assignment]
    yield from reader.stream(uri, stream, kind, None if gzipped else len(data))


def expand(arg: str) -> Iterator[tuple[Path | Error, bool]]:
    """The files one command-line argument names, in the order `iter_documents` reads them, each
    with `explicit` (named, not found by walking a folder); an Error for what cannot be read as named."""
    return _expand(arg)


def _expand(arg: str) -> Iterator[tuple[Path | Error, bool]]:
    """Paths named by one argument; `explicit` is False for files found by walking. What cannot
    be read as named (nothing there, a dangling or looping link) comes back as an Error."""
    path = Path(arg)
    if path.is_dir():
        for child in walk(path):
            yield child, False
    elif path.exists():
        yield path, True
    elif path.is_symlink():
        yield _link_error(path), True
    elif GLOB_CHARS & set(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            yield _missing(arg), True
        for match in matches:
            yield from _expand(match)
    else:
        yield _missing(arg), True


def _missing(arg: str) -> Error:
    return Error(uri=arg, stage="source", reason="no such file or directory", at=now_iso())


def walk(folder: Path) -> list[Path | Error]:
    """The files of a folder we read (known extensions, hidden ones left out), sorted by path,
    following links to folders; a link that leads nowhere (dangling, a loop, a folder already
    walked) is an Error in its place, so nothing under the folder is passed over in silence."""
    found: list[tuple[str, Path | Error]] = []
    _walk(folder, {_identity(folder)}, found)
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _walk(folder: Path, seen: set[tuple[int, int]], found: list[tuple[str, Path | Error]]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        found.append((str(folder), _unreadable(folder, exc)))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:  # a link loop: the file system will not say what it is
            found.append((str(path), _unreadable(path, exc)))
            continue
        if is_dir:
            identity = _identity(path)
            if identity in seen:
                reason = "symbolic link loop: leads back to a folder that holds it"
                found.append((str(path), Error(uri=str(path), stage="source", reason=reason, at=now_iso())))
                continue
            _walk(path, seen | {identity}, found)
        elif is_file:
            if container_kind(entry.name) is not None:
                found.append((str(path), path))
        elif entry.is_symlink() and container_kind(entry.name) is not None:
            found.append((str(path), _link_error(path)))


def _identity(folder: Path) -> tuple[int, int]:
    info = folder.stat()
    return info.st_dev, info.st_ino


def _link_error(path: Path) -> Error:
    """Why a symbolic link cannot be read: it loops, or its target does not exist."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Error(uri=str(path), stage="source", reason="symbolic link loop", at=now_iso())
        target = os.readlink(path)
        reason = f"dangling symbolic link: its target {target} does not exist"
        return Error(uri=str(path), stage="source", reason=reason, at=now_iso())
    return Error(uri=str(path), stage="source", reason="not a regular file", at=now_iso())


def _unreadable(path: Path, exc: OSError) -> Error:
    if exc.errno == errno.ELOOP:
        return Error(uri=str(path), stage="source", reason="symbolic link loop", at=now_iso())
    return Error(uri=str(path), stage="source", reason=f"cannot open: {exc.strerror or exc}", at=now_iso())


def container_kind(name: str) -> str | None:
    """The container kind a file name promises, or None when unknown."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return EXTENSIONS.get(Path(lower).suffix)


class _Reader:
    """Reads files and streams with one configuration (JSON fields, size cap, skip counter)."""

    def __init__(self, fields: JsonlFields, limit: int, skipped: Counter[str] | None) -> None:
        self.fields = fields
        self.limit = limit
        self.skipped = skipped

    def guarded(self, path: Path, explicit: bool) -> Iterator[Item]:
        return _guarded(str(path), self.file(path, explicit))

    def file(self, path: Path, explicit: bool) -> Iterator[Item]:
        uri = str(path)
        kind = container_kind(path.name)
        if kind is None and not explicit:
            return
        gzipped = path.name.lower().endswith(".gz")
        try:
            handle: BinaryIO = path.open("rb")
            size = None if gzipped else path.stat().st_size
        except OSError as exc:
            yield Error(uri=uri, stage="source", reason=f"cannot open: {exc.strerror or exc}", at=now_iso())
            return
        with handle:
            stream: BinaryIO = gzip.GzipFile(fileobj=handle) if gzipped else handle  # type: ignore[assignment]
            yield from self.stream(uri, stream, kind, size)

    def stream(self, uri: str, stream: BinaryIO, kind: str | None, size: int | None = None) -> Iterator[Item]:
        """Read one stream; a decompression failure keeps what was read before it."""
        if kind is None:
            try:
                stream, kind = _sniff_stream(stream)
            except (OSError, EOFError, zlib.error) as exc:
                yield Error(uri=uri, stage="source", reason=f"unreadable: {exc}", at=now_iso())
                return
        if kind == "jsonl":
            yield from _guard(uri, iter_jsonl(uri, stream, self.fields, self.limit))
            return
        if kind == "warc":
            yield from iter_warc(uri, stream, limit=self.limit, skipped=self.skipped)
            return
        if size is not None and size > self.limit:  # known from the file system: nothing is read
            yield Error(uri=uri, stage="source", reason=too_large_reason(self.limit, size), at=now_iso())
            return
        try:
            content = read_bounded(stream, self.limit)
        except (OSError, EOFError, zlib.error) as exc:
            yield Error(uri=uri, stage="source", reason=f"unreadable: {exc}", at=now_iso())
            return
        if len(content) > self.limit:
            yield Error(uri=uri, stage="source", reason=too_large_reason(self.limit, size), at=now_iso())
            return
        yield RawDocument(uri=uri, kind=kind, content=content)


def _guarded(uri: str, items: Iterator[Item]) -> Iterator[Item]:
    """A reader's items, with any failure reading the input (a reader's bug, a decompressor's
    surprise) one more Error for that input: the batch goes on with the next one."""
    try:
        yield from items
    except Exception as exc:
        yield Error(uri=uri, stage="source", reason=f"unreadable: {type(exc).__name__}: {exc}", at=now_iso())


def _sniff_stream(stream: BinaryIO) -> tuple[BinaryIO, str]:
    """Peek at an untyped stream (stdin, an unknown extension): gunzip it if gzipped, then sniff.

    Peeking, not reading, keeps a WARC or JSON Lines stream streamable after the sniff.
    """
    buffered: BinaryIO = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]
    head = buffered.peek(4096)[:4096]  # type: ignore[attr-defined]
    if head.startswith(GZIP_MAGIC):
        buffered = gzip.GzipFile(fileobj=buffered)  # type: ignore[assignment]
        head = buffered.peek(4096)[:4096]  # type: ignore[attr-defined]
    return buffered, sniff_kind(head)


def _guard(uri: str, items: Iterator[Item]) -> Iterator[Item]:
    """Pass items through; a stream that breaks midway becomes one more Error."""
    try:
        yield from items
    except (OSError, EOFError, zlib.error) as exc:
        yield Error(uri=uri, stage="source", reason=f"unreadable after partial read: {exc}", at=now_iso())
