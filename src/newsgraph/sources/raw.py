"""The unit that flows from sources into extraction, and the size cap every reader applies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from newsgraph import settings
from newsgraph.records import storable

KINDS = ("html", "text")

# No news article is anywhere near this; a document this big is a dump, a binary or an attack, and
# extracting it would hold the whole batch up. Readers never read more than limit + 1 bytes of one.
MAX_DOCUMENT_BYTES = settings.Settings().max_document_bytes
MAX_BYTES_ENV = settings.ENV_PREFIX + "MAX_DOCUMENT_BYTES"
READ_BLOCK = 1 << 20


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class RawDocument:
    """Bytes as read, with where they came from and what they claim to be.

    `kind` is "html" or "text". `meta` carries fields a container already knew
    (a JSON Lines record's title, url, published, site, id, language; a WARC
    record's url, fetched_at, http_status, charset), which extraction prefers
    over what it would guess. `meta["charset"]` is the charset a transport
    (an HTTP header) declared; decoding weighs it against the bytes.
    """

    uri: str
    kind: str
    content: bytes
    fetched_at: str = field(default_factory=now_iso)
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A file name that is not UTF-8 keeps its bytes as escapes (``bad\xff.txt``): the store
        # can hold it, and the same file gets the same uri every run (resuming finds it).
        self.uri = storable(self.uri, None)


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def max_document_bytes(limit: int | None = None) -> int:
    """The size cap: an explicit limit, else the ``max_document_bytes`` setting
    (``$NEWSGRAPH_MAX_DOCUMENT_BYTES``, a config file, or the default)."""
    if limit is not None:
        return limit
    return settings.current().max_document_bytes


def read_bounded(stream: Readable, limit: int) -> bytes:
    """Read to the end of `stream`, but never more than limit + 1 bytes.

    Getting limit + 1 bytes back means "too large" without having read (or, for a
    compressed stream, inflated) the rest.
    """
    parts: list[bytes] = []
    remaining = limit + 1
    while remaining > 0:
        block = stream.read(min(READ_BLOCK, remaining))
        if not block:
            break
        parts.append(block)
        remaining -= len(block)
    return b"".join(parts)


def too_large_reason(limit: int, size: int | None = None) -> str:
    """The error reason for an oversized document; `size` when known, else "more than limit"."""
    shown = f"{size}" if size is not None else f"more than {limit}"
    return f"document too large: {shown} bytes > {limit}"


def sniff_kind(content: bytes) -> str:
    """Guess the kind of untyped input (stdin, a file without a known extension) from its head."""
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<article", b"<div")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"
