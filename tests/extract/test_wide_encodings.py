"""UTF-16 and UTF-32 with and without a byte order mark are text, not binary."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.extract.decode import DecodeError, decode, looks_binary

TEXT = "The minister met the président in Paris on Monday — “talks” resume.\n"


@pytest.mark.parametrize(
    "encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16", "utf-32", "utf-8-sig"]
)
def test_wide_encodings_decode_with_or_without_a_bom(encoding: str) -> None:
    content = TEXT.encode(encoding)
    assert not looks_binary(content)
    assert decode(content, kind="text") == TEXT
    html = f"<html><body><p>{TEXT}</p></body></html>"
    assert decode(html.encode(encoding), kind="html") == html


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=2, max_size=400),
    encoding=st.sampled_from(["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]),
)
def test_any_ascii_text_round_trips_without_a_bom(text: str, encoding: str) -> None:
    if not text.strip():
        return
    assert decode(text.encode(encoding), kind="text") == text


def test_binary_with_nuls_or_a_bom_is_still_refused() -> None:
    noise = bytes(range(256)) * 20
    for content in (
        b"\x00" * 4000,
        noise,
        b"\x00\x01\x02\x03" * 500,
        b"\xff\xfe" + noise,
        b"\xfe\xff" + noise,
    ):
        with pytest.raises(DecodeError, match=r"binary|undecodable"):
            decode(content, kind="text")


def test_a_broken_utf16_document_is_a_decode_error_not_a_crash() -> None:
    content = TEXT.encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate at the end
    with pytest.raises(DecodeError, match="utf-16"):
        decode(content, kind="text")
