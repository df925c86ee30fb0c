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


# Latin-script English with the characters legacy code pages disagree on.
ENGLISH = (
    "<html><head><title>Café talks</title></head><body><p>The minister said “we will not accept "
    "this” — and left for Zürich.</p><p>It’s a naïve plan, critics said.</p></body></html>"
)
RUSSIAN = (
    "<html><head>{meta}<title>Новости</title></head><body><p>Министр иностранных дел заявил, что "
    "переговоры продолжатся в четверг в Москве. Делегации обсудят условия перемирия.</p></body></html>"
)


def test_http_charset_outranks_a_lying_meta_tag() -> None:
    page = RUSSIAN.format(meta='<meta charset="iso-8859-1">')
    assert decode(page.encode("cp1251"), kind="html", charset="windows-1251") == page
    assert decode(page.encode("koi8-r"), kind="html", charset="koi8-r") == page


def test_utf8_bytes_win_over_both_declarations() -> None:
    page = ENGLISH.replace("<head>", '<head><meta charset="windows-1252">')
    assert decode(page.encode("utf-8"), kind="html", charset="windows-1252") == page


def test_declared_utf8_that_is_really_cp1252() -> None:
    # The header lies; with no other declaration the bytes decide, and Latin text reads as cp1252.
    assert decode(ENGLISH.encode("cp1252"), kind="html", charset="utf-8") == ENGLISH
    with_meta = ENGLISH.replace("<head>", '<head><meta charset="windows-1252">')
    assert decode(with_meta.encode("cp1252"), kind="html", charset="UTF-8") == with_meta


def test_undeclared_cp1252_is_not_read_as_another_latin_code_page() -> None:
    assert decode(ENGLISH.encode("cp1252"), kind="html") == ENGLISH
    assert decode(ENGLISH.encode("cp1252"), kind="text") == ENGLISH


def test_latin1_label_on_cyrillic_bytes_falls_through_to_detection() -> None:
    page = RUSSIAN.format(meta='<meta charset="iso-8859-1">')
    assert decode(page.encode("cp1251"), kind="html") == page


def test_utf8_with_a_stray_cp1252_byte_keeps_both_readings() -> None:
    content = ENGLISH.encode("utf-8").replace("It’s".encode(), b"It\x92s")
    assert decode(content, kind="html", charset="utf-8") == ENGLISH


def test_unknown_or_garbage_charset_names_are_ignored() -> None:
    page = ENGLISH.replace("<head>", '<head><meta charset="no-such-charset">')
    assert decode(page.encode("cp1252"), kind="html", charset="x-bogus") == page
    assert decode("plain “text”".encode(), kind="text", charset="utf-16") == "plain “text”"
