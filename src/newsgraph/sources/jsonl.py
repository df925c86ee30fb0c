"""JSON Lines: one article per line, as `text` or `html`, with optional metadata."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from newsgraph.records import Error
from newsgraph.sources.raw import MAX_DOCUMENT_BYTES, RawDocument, now_iso, too_large_reason

# json.loads pairs a high and a low surrogate escape into one character, so any left is alone.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class JsonlFields:
    """Which JSON keys hold what; configurable because every dump names them differently."""

    text: str = "text"
    html: str = "html"
    title: str = "title"
    url: str = "url"
    published: str = "published"
    site: str = "site"
    id: str = "id"
    language: str = "language"

    def meta_keys(self) -> dict[str, str]:
        return {
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "site": self.site,
            "id": self.id,
            "language": self.language,
        }


def iter_jsonl(
    uri: str, stream: BinaryIO, fields: JsonlFields, limit: int = MAX_DOCUMENT_BYTES
) -> Iterator[RawDocument | Error]:
    """Yield one document per non-empty line; a bad or oversized line is an Error, the rest go on.
    A file without a single record (empty, or blank lines only) is one Error too: an input that
    gave nothing is never passed over in silence."""
    records = 0
    for number, raw_line, size in _lines(stream, limit):
        line_uri = f"{uri}#{number}"
        if size > limit:
            records += 1
            yield Error(uri=line_uri, stage="source", reason=too_large_reason(limit, size), at=now_iso())
            continue
        if not raw_line.strip():
            continue
        records += 1
        yield _parsed(line_uri, raw_line, fields)
    if not records:
        yield Error(uri=uri, stage="source", reason="no JSON Lines records: the file is empty", at=now_iso())


def _parsed(uri: str, line: bytes, fields: JsonlFields) -> RawDocument | Error:
    """One line as a document; anything wrong with it (bad JSON, nesting deeper than the parser's
    recursion limit, a value we cannot use) is that line's Error."""
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Error(uri=uri, stage="source", reason=f"invalid JSON: {exc}", at=now_iso())
    except RecursionError:
        return Error(uri=uri, stage="source", reason="invalid JSON: nested too deeply to read", at=now_iso())
    try:
        return _document(uri, record, fields)
    except Exception as exc:  # a document's boundary: its own failure, never the file's
        return Error(uri=uri, stage="source", reason=f"{type(exc).__name__}: {exc}", at=now_iso())


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes, int]]:
    """(number, line, size) per line, reading at most limit + 1 bytes of any line at once:
    an oversized line is drained in chunks and given back empty with its size."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        size = len(line)
        if size > limit and not line.endswith(b"\n"):
            while True:
                chunk = stream.readline(limit + 1)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            line = b""
        yield number, line, size if size > limit else len(line)


def _meta_text(value: object) -> str:
    """A metadata value as text: a string as it is, a number or a flag as JSON writes it
    (``true``, not Python's ``True``), a nested object or list as its JSON text (never a repr)."""
    if isinstance(value, str):
        return _clean(value)
    return _clean(json.dumps(value, ensure_ascii=False, sort_keys=True))


def _clean(text: str) -> str:
    """JSON may spell a lone UTF-16 surrogate (``"\\ud800"``), which no UTF-8 text can hold: each
    becomes U+FFFD, as a decoder does with a broken byte sequence."""
    return LONE_SURROGATE.sub("\ufffd", text)


def _document(uri: str, record: object, fields: JsonlFields) -> RawDocument | Error:
    if not isinstance(record, dict):
        return Error(uri=uri, stage="source", reason="JSON line is not an object", at=now_iso())
    meta = {
        name: _meta_text(record[key])
        for name, key in fields.meta_keys().items()
        if record.get(key) not in (None, "")
    }
    for kind, key in (("html", fields.html), ("text", fields.text)):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return RawDocument(uri=uri, kind=kind, content=_clean(value).encode("utf-8"), meta=meta)
    return Error(
        uri=uri,
        stage="source",
        reason=f"JSON object has no non-empty '{fields.text}' or '{fields.html}' field",
        at=now_iso(),
    )
