"""JSON Lines: one article per line, as `text` or `html`, with optional metadata."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from newsgraph.records import Error
from newsgraph.sources.raw import RawDocument, now_iso


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


def iter_jsonl(uri: str, stream: BinaryIO, fields: JsonlFields) -> Iterator[RawDocument | Error]:
    """Yield one document per non-empty line; a bad line is an Error, the rest go on."""
    for number, raw_line in enumerate(stream, start=1):
        line_uri = f"{uri}#{number}"
        if not raw_line.strip():
            continue
        try:
            record = json.loads(raw_line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Error(uri=line_uri, stage="source", reason=f"invalid JSON: {exc}", at=now_iso())
            continue
        yield _document(line_uri, record, fields)


def _document(uri: str, record: object, fields: JsonlFields) -> RawDocument | Error:
    if not isinstance(record, dict):
        return Error(uri=uri, stage="source", reason="JSON line is not an object", at=now_iso())
    meta = {
        name: str(record[key])
        for name, key in fields.meta_keys().items()
        if record.get(key) not in (None, "")
    }
    for kind, key in (("html", fields.html), ("text", fields.text)):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return RawDocument(uri=uri, kind=kind, content=value.encode("utf-8"), meta=meta)
    return Error(
        uri=uri,
        stage="source",
        reason=f"JSON object has no non-empty '{fields.text}' or '{fields.html}' field",
        at=now_iso(),
    )
