"""Bytes to text: declared charset first, detection second, a clear error last."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
# Control characters other than tab, newline, carriage return and form feed.
CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class DecodeError(ValueError):
    """The bytes are not a text document we can read."""


def decode(content: bytes, *, kind: str) -> str:
    """Decode a document, refusing empty and binary input with a reason."""
    if not content.strip():
        raise DecodeError("empty document")
    if looks_binary(content):
        raise DecodeError("binary content (not text or HTML)")
    for encoding in _candidates(content, kind):
        try:
            return content.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return content.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    raise DecodeError("undecodable: no charset fits the bytes")


def looks_binary(content: bytes) -> bool:
    """NUL bytes or many control characters in the head mean this is not text."""
    head = content[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    return len(CONTROL.findall(head)) > max(8, len(head) // 100)


def _candidates(content: bytes, kind: str) -> list[str]:
    """Encodings to try strictly, in order: BOM, UTF-8, declared (HTML).

    UTF-8 goes before the declared charset because pages lie about their charset
    far more often than non-UTF-8 text happens to be valid UTF-8.
    """
    if content.startswith(codecs.BOM_UTF8):
        return ["utf-8-sig"]
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ["utf-16"]
    found = ["utf-8"]
    if kind == "html":
        match = META_CHARSET.search(content[:4096])
        if match:
            found.append(_normalise(match.group(1).decode("ascii", "ignore")))
    return found


def _normalise(name: str) -> str:
    # Browsers read "iso-8859-1" and "latin1" as windows-1252 (WHATWG), and so do we:
    # pages declaring latin-1 routinely carry cp1252 curly quotes.
    lowered = name.lower()
    if lowered in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
        return "cp1252"
    return lowered
