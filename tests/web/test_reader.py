"""The reader's segmentation and link safety: pure functions, no server."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.web.pages import snippet_parts
from newsgraph.web.reader import Mark, safe_link, segments

TEXT = "Putin met Trump in Hamburg on Friday."


def test_segments_cut_at_every_boundary_and_keep_what_covers_them() -> None:
    marks = [
        Mark("actor", 0, 5, "Vladimir Putin"),
        Mark("actor", 10, 15, "Donald Trump"),
        Mark("place", 19, 26, "Hamburg"),
        Mark("quote", 0, 15, "quote"),
    ]
    segs = segments(TEXT, marks, [(0, len(TEXT))])
    assert "".join(s.text for s in segs) == TEXT
    putin = next(s for s in segs if s.text == "Putin")
    assert putin.kinds == ["actor", "quote"] and putin.title == "Vladimir Putin · quote"
    assert next(s for s in segs if s.text == "Hamburg").kinds == ["place"]
    assert all(s.events == [0] for s in segs)


def test_spans_outside_the_text_are_left_out() -> None:
    segs = segments(TEXT, [Mark("actor", 30, 99, "x"), Mark("time", 5, 5, "empty")], [(-1, 3), (40, 50)])
    assert [s.text for s in segs] == [TEXT] and not segs[0].marks and not segs[0].events


@given(
    st.text(max_size=60),
    st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=8),
)
def test_segments_always_rebuild_the_text(text: str, spans: list[tuple[int, int]]) -> None:
    marks = [Mark("actor", a, b, "t") for a, b in spans]
    segs = segments(text, marks, spans)
    assert "".join(s.text for s in segs) == text
    assert all(s.text for s in segs)


def test_only_http_links_become_links() -> None:
    assert safe_link("https://example.org/a") == "https://example.org/a"
    for hostile in (
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,<script>",
        "vbscript:x",
        "//x",
    ):
        assert safe_link(hostile) == ""


def test_search_snippets_become_pieces_to_escape() -> None:
    assert snippet_parts("a **ceasefire** in <b>**Luanda**</b>") == [
        ("a ", False),
        ("ceasefire", True),
        (" in <b>", False),
        ("Luanda", True),
        ("</b>", False),
    ]
