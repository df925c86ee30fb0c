"""Bytes to text: what the bytes prove first, what the page declares second, detection last.

Order: BOM; strict UTF-8; mostly-UTF-8 with a few stray Windows-1252 bytes; the transport's
charset (HTTP Content-Type, `RawDocument.meta["charset"]`); the page's own `<meta charset>`;
charset-normalizer. A declared charset is tried strictly and passed over when it does not fit the
bytes, and a declared Latin single-byte charset is passed over when the text it gives is mostly
non-ASCII (that is a Cyrillic or Greek page mislabelled as Latin-1).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
# Control characters other than tab, newline, carriage return and form feed.
CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
CONTROL_TEXT = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")
HIGH_BYTES = bytes(range(0x80, 0x100))
# A well-formed multi-byte UTF-8 sequence (no overlongs, no surrogates), per RFC 3629.
UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# Latin-script single-byte code pages (Python codec names). Between them detection on short
# English text is a coin toss (charset-normalizer calls Windows-1252 text "cp1250"); browsers fall
# back to Windows-1252 for unlabelled Western pages (WHATWG), and so do we.
LATIN_SINGLE_BYTE = {
    "cp1250", "cp1252", "cp1254", "cp1257", "iso8859_1", "iso8859_2", "iso8859_3", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "mac_roman", "mac_latin2", "mac_iceland", "mac_turkish", "cp437", "cp850", "cp858",
}  # fmt: skip
# Latin-script text in a Latin code page has few bytes above 0x7F (accents, quotes, dashes);
# a "Latin" decoding that is mostly high bytes is some other script mislabelled.
MAX_LATIN_HIGH_SHARE = 0.3
# Share of the high bytes that must sit in well-formed UTF-8 sequences for a document that fails
# strict UTF-8 to be read as UTF-8 with a few stray bytes rather than as a legacy code page.
MIN_UTF8_SHARE = 0.5
DETECT_BYTES = 200_000
# UTF-16/32 without a byte order mark: bytes looked at, and the share of a byte column that must
# be NUL (and of the character column that must not be) for mostly-ASCII text in that form.
WIDE_SAMPLE = 8192
WIDE_NUL_SHARE = 0.9


class DecodeError(ValueError):
    """The bytes are not a text document we can read."""


def _cp1252_stray_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read bytes that break UTF-8 as Windows-1252 (a pasted curly quote)."""
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("newsgraph-cp1252", _cp1252_stray_bytes)


def decode(content: bytes, *, kind: str, charset: str | None = None) -> str:
    """Decode a document, refusing empty and binary input with a reason.

    `charset` is what the transport declared (the HTTP Content-Type header); it outranks the
    page's own `<meta charset>` but not bytes that are valid UTF-8.
    """
    if not content.strip():
        raise DecodeError("empty document")
    bom = _bom(content) or _wide_without_bom(content)
    if bom:
        try:
            text = content.decode(bom)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"undecodable: not valid {bom} ({exc.reason} at byte {exc.start})") from None
        head = text[:4096]
        if len(CONTROL_TEXT.findall(head)) > max(8, len(head) // 100):  # a byte order mark on binary data
            raise DecodeError("binary content (not text or HTML)")
        return text
    if looks_binary(content):
        raise DecodeError("binary content (not text or HTML)")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(content):
        return content.decode("utf-8", errors="newsgraph-cp1252")
    for encoding in _declared(content, kind, charset):
        try:
            text = content.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(content, encoding):
            return text
    detected = _detect(content)
    if detected is not None:
        return detected
    raise DecodeError("undecodable: no charset fits the bytes")


def looks_binary(content: bytes) -> bool:
    """NUL bytes or many control characters in the head mean this is not text (UTF-16 and UTF-32,
    whose NULs are their characters' high bytes, are recognised before this is asked)."""
    head = content[:8192]
    if _bom(head) or _wide_without_bom(head):
        return False
    if b"\x00" in head:
        return True
    return len(CONTROL.findall(head)) > max(8, len(head) // 100)


def _bom(content: bytes) -> str:
    if content.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    # UTF-32's little-endian mark begins with UTF-16's, so it is asked first.
    if content.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return ""


def _wide_without_bom(content: bytes) -> str:
    """ "utf-16-le", "utf-16-be", "utf-32-le" or "utf-32-be" for mostly-ASCII text written in one
    of them without a byte order mark (Windows tools write it so), "" otherwise.

    The sign is where the NULs fall: ASCII in UTF-16 LE has one after every character byte, so
    (almost) every odd byte is NUL and (almost) no even one. Text in other scripts has few NULs
    and is left to the checks that follow (binary data's NULs fall anywhere)."""
    head = content[:WIDE_SAMPLE]
    for width, names in ((4, ("utf-32-le", "utf-32-be")), (2, ("utf-16-le", "utf-16-be"))):
        n = len(head) - len(head) % width
        if n < 2 * width:
            continue
        columns = [head[i:n:width].count(0) / (n // width) for i in range(width)]
        zero_columns = [c >= WIDE_NUL_SHARE for c in columns]
        text_columns = [c <= 1 - WIDE_NUL_SHARE for c in columns]
        # LE: the first byte carries the character, the others are NUL; BE: the last one.
        if text_columns[0] and all(zero_columns[1:]):
            return names[0]
        if text_columns[-1] and all(zero_columns[:-1]):
            return names[1]
    return ""


def _mostly_utf8(content: bytes) -> bool:
    """Invalid as UTF-8, but most of its non-ASCII bytes form well-formed UTF-8 sequences.

    UTF-8 text with a stray Windows-1252 byte or two (a pasted quote, a legacy template) is
    common; a legacy-encoded page forming valid UTF-8 pairs by chance is not.
    """
    sample = content[:DETECT_BYTES]
    high = _high_bytes(sample)
    in_sequences = sum(len(m) for m in UTF8_SEQUENCE.findall(sample))
    return high > 0 and in_sequences >= MIN_UTF8_SHARE * high


def _declared(content: bytes, kind: str, charset: str | None) -> list[str]:
    """Declared encodings, transport first: the HTTP header, then (HTML) the page's meta tag.

    UTF-8 is tried before any of them because pages lie about their charset far more often
    than non-UTF-8 text happens to be valid UTF-8.
    """
    found: list[str] = []
    if charset:
        found.append(_normalise(charset))
    if kind == "html":
        match = META_CHARSET.search(content[:4096])
        if match:
            found.append(_normalise(match.group(1).decode("ascii", "ignore")))
    return [name for name in dict.fromkeys(found) if name and name not in {"utf-8", "utf8"}]


def _plausible(content: bytes, encoding: str) -> bool:
    """A declared Latin code page must give mostly ASCII; other scripts are judged by detection."""
    if _codec_name(encoding) not in LATIN_SINGLE_BYTE:
        return True
    sample = content[:DETECT_BYTES]
    return _high_bytes(sample) <= MAX_LATIN_HIGH_SHARE * len(sample)


def _high_bytes(data: bytes) -> int:
    return len(data) - len(data.translate(None, HIGH_BYTES))


def _detect(content: bytes) -> str | None:
    """charset-normalizer's reading, with Windows-1252 preferred among Latin code pages."""
    best = from_bytes(content[:DETECT_BYTES]).best()
    candidates: list[str] = []
    if best is not None and best.encoding:
        if _codec_name(best.encoding) in LATIN_SINGLE_BYTE:
            candidates.append("cp1252")
        candidates.append(best.encoding)
    for encoding in candidates:
        try:
            return content.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name.replace("-", "_")
    except LookupError:
        return encoding


def _normalise(name: str) -> str:
    # Browsers read "iso-8859-1" and "latin1" as windows-1252 (WHATWG), and so do we:
    # pages declaring latin-1 routinely carry cp1252 curly quotes.
    lowered = name.strip().strip("'\"").lower()
    if lowered in {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
        return "cp1252"
    return lowered
