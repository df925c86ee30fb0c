"""Document formats we do not read, known by their first bytes, so the error says what the file is.

Without this a PDF named on the command line is read as a text scrape and fails as "no article
text found" (or "binary content"), which sends a user looking for a bug instead of a converter.
"""

from __future__ import annotations

import re

# The PDF spec lets the header start anywhere in the first 1024 bytes; junk before it is not
# words, so "%PDF-1.4" quoted in a text does not make the text a PDF.
_PDF = re.compile(rb"[^A-Za-z]{0,1024}?%PDF-\d\.\d")
# (magic bytes at the start, what to call the format)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (Word .docx, OpenDocument, EPUB ...)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls, .ppt)"),
    (b"{\\rtf", "RTF"),
)
_ADVICE = "is not supported: convert it to text or HTML first (e.g. pdftotext, pandoc)"


def unsupported_format(content: bytes) -> str | None:
    """The error reason for a document in a format we cannot read, or None when it may be ours."""
    if _PDF.match(content):
        return f"PDF {_ADVICE}"
    for magic, name in _SIGNATURES:
        if content.startswith(magic):
            return f"{name} {_ADVICE}"
    return None
