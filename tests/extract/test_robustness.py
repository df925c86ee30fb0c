"""Bad input gets a clear error, never a crash: extraction over arbitrary bytes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.extract import ExtractError, extract
from newsgraph.sources.raw import RawDocument

# Bytes that look like pages and scrapes often enough to reach the extractors, not only the decoder.
fragments = st.sampled_from(
    [b"<html>", b"<body>", b"<p>", b"</p>", b"<meta charset='latin-1'>", b"<script>", b"\n\n", b"\xff",
     b"\xe2\x80\x9c", b"Listen Live\n", b"\xa9 Agency / Photo\n", b"The minister said on Monday. ", b"\x00"]
)  # fmt: skip
documents = st.one_of(st.binary(max_size=2000), st.lists(fragments, max_size=60).map(b"".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from(["html", "text"]))
def test_any_bytes_give_an_article_or_an_extract_error(content: bytes, kind: str) -> None:
    try:
        article = extract(RawDocument(uri="fuzz", kind=kind, content=content))
    except ExtractError as exc:
        assert exc.stage in {"decode", "extract"} and exc.reason
        return
    assert article.text.strip()
    assert article.id and article.text == "\n\n".join(article.paragraphs)
