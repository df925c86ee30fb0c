import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.extract.decode import DecodeError, decode


def test_utf8_and_bom() -> None:
    assert decode("Zürich “quoted”".encode(), kind="text") == "Zürich “quoted”"
    assert decode("\ufeffhello".encode(), kind="text") == "hello"


def test_declared_cp1252_page() -> None:
    html = '<html><head><meta charset="windows-1252"></head><body>“Café”</body></html>'
    assert "“Café”" in decode(html.encode("cp1252"), kind="html")


def test_page_that_lies_about_its_charset() -> None:
    # Declares latin-1 but is UTF-8: the UTF-8 reading wins because it is valid.
    html = '<meta charset="iso-8859-1"><p>Dar‘ā and Kraków</p>'
    assert "Dar‘ā and Kraków" in decode(html.encode("utf-8"), kind="html")


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"  \n\t ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_refusals(content: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode(content, kind="text")


@given(st.text(min_size=1).filter(lambda s: s.strip() and "\x00" not in s))
def test_any_utf8_text_round_trips_or_is_refused_with_a_reason(text: str) -> None:
    try:
        assert decode(text.encode("utf-8"), kind="text") == text.removeprefix("\ufeff")
    except DecodeError as exc:
        assert str(exc)
