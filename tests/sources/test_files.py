import gzip
import io
from pathlib import Path

import pytest

from newsgraph.records import Error
from newsgraph.sources import RawDocument, iter_documents
from newsgraph.sources.files import container_kind, sniff_kind
from newsgraph.sources.jsonl import JsonlFields
from newsgraph.sources.raw import MAX_BYTES_ENV, MAX_DOCUMENT_BYTES


def _docs(items: list) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def _errors(items: list) -> list[Error]:
    return [i for i in items if isinstance(i, Error)]


def test_folder_is_walked_recursively_in_order_skipping_unknown_and_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "b" / "c.txt").write_text("Title\n\nBody.")
    (tmp_path / "b" / "notes.md").write_text("ignored")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("ignored")
    items = list(iter_documents([str(tmp_path)]))
    assert [(Path(d.uri).name, d.kind) for d in _docs(items)] == [("a.html", "html"), ("c.txt", "text")]
    assert not _errors(items)


def test_glob_and_missing_path(tmp_path: Path) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text("Some text.")
    items = list(iter_documents([str(tmp_path / "x*.txt"), str(tmp_path / "nope.txt")]))
    assert [Path(d.uri).name for d in _docs(items)] == ["x1.txt", "x2.txt"]
    (error,) = _errors(items)
    assert error.stage == "source" and "no such file" in error.reason


def test_gzip_files_are_read_by_inner_extension(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<html><body>hi</body></html>"))
    (doc,) = list(iter_documents([str(path)]))
    assert doc.kind == "html" and doc.content.startswith(b"<html>")


def test_truncated_gzip_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt.gz"
    path.write_bytes(gzip.compress(b"A body of text. " * 200)[:40])
    (error,) = list(iter_documents([str(path)]))
    assert isinstance(error, Error) and "unreadable" in error.reason


def test_truncated_gzip_jsonl_keeps_the_records_read_before_the_break(tmp_path: Path) -> None:
    lines = b"".join(b'{"text": "Article number %d with some words."}\n' % i for i in range(2000))
    path = tmp_path / "dump.jsonl.gz"
    data = gzip.compress(lines)
    path.write_bytes(data[: len(data) // 2])
    items = list(iter_documents([str(path)]))
    assert len(_docs(items)) > 10
    assert len(_errors(items)) == 1


def test_jsonl_fields_meta_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"title": "T1", "text": "Body one.", "url": "https://example.org/1"}\n'
        "not json\n"
        "\n"
        '{"html": "<html><body>x</body></html>", "published": "2021-05-04"}\n'
        '{"title": "no body"}\n'
        "[1, 2]\n"
    )
    items = list(iter_documents([str(path)]))
    docs, errors = _docs(items), _errors(items)
    assert [(d.uri.rsplit("#", 1)[1], d.kind) for d in docs] == [("1", "text"), ("4", "html")]
    assert docs[0].meta == {"title": "T1", "url": "https://example.org/1"}
    assert docs[1].meta == {"published": "2021-05-04"}
    assert sorted(e.uri.rsplit("#", 1)[1] for e in errors) == ["2", "5", "6"]


def test_jsonl_field_names_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"headline": "H", "content": "Body."}\n')
    fields = JsonlFields(text="content", title="headline")
    (doc,) = list(iter_documents([str(path)], fields=fields))
    assert doc.content == b"Body." and doc.meta["title"] == "H"


def test_stdin_is_sniffed() -> None:
    (doc,) = list(iter_documents(["-"], stdin=io.BytesIO(b"<!DOCTYPE html><html></html>")))
    assert doc.uri == "<stdin>" and doc.kind == "html"
    items = list(iter_documents(["-"], stdin=io.BytesIO(b'{"text": "a"}\n{"text": "b"}\n')))
    assert [d.uri for d in items] == ["<stdin>#1", "<stdin>#2"]


def test_kinds() -> None:
    assert container_kind("a.HTM") == "html"
    assert container_kind("a.jsonl.gz") == "jsonl"
    assert container_kind("a.pdf") is None
    assert sniff_kind(b"\xef\xbb\xbf  <html>") == "html"
    assert sniff_kind(b"Plain words") == "text"


def test_a_50_mb_page_is_an_error_and_the_next_file_is_read(tmp_path: Path) -> None:
    big = 50 * 1024 * 1024
    huge = tmp_path / "a-huge.html"
    with huge.open("wb") as out:  # sparse: 50 MB on paper, nothing written
        out.write(b"<html><body>")
        out.truncate(big)
    (tmp_path / "b-next.html").write_text("<html><body><p>Next.</p></body></html>")
    items = list(iter_documents([str(tmp_path)]))
    (error,) = _errors(items)
    assert error.uri == str(huge) and error.stage == "source"
    assert error.reason == f"document too large: {big} bytes > {MAX_DOCUMENT_BYTES}"
    assert [Path(d.uri).name for d in _docs(items)] == ["b-next.html"]


def test_a_50_mb_gzipped_page_is_stopped_at_the_cap(tmp_path: Path) -> None:
    huge = tmp_path / "a-huge.txt.gz"
    huge.write_bytes(gzip.compress(b"word " * (10 * 1024 * 1024), compresslevel=1))  # 50 MB inflated
    (tmp_path / "b-next.txt").write_text("Next.")
    items = list(iter_documents([str(tmp_path)]))
    (error,) = _errors(items)
    assert error.reason == f"document too large: more than {MAX_DOCUMENT_BYTES} bytes > {MAX_DOCUMENT_BYTES}"
    assert [Path(d.uri).name for d in _docs(items)] == ["b-next.txt"]


def test_the_cap_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "p.html"
    page.write_bytes(b"<html>" + b"x" * 994)
    (error,) = list(iter_documents([str(page)], max_bytes=999))
    assert isinstance(error, Error) and error.reason == "document too large: 1000 bytes > 999"
    (doc,) = list(iter_documents([str(page)], max_bytes=1000))
    assert isinstance(doc, RawDocument) and len(doc.content) == 1000
    monkeypatch.setenv(MAX_BYTES_ENV, "500")
    (error,) = list(iter_documents([str(page)]))
    assert isinstance(error, Error) and "> 500" in error.reason


def test_gzipped_stdin_is_sniffed_after_inflating() -> None:
    (doc,) = list(iter_documents(["-"], stdin=io.BytesIO(gzip.compress(b"<html><body>x</body></html>"))))
    assert doc.kind == "html" and doc.content.startswith(b"<html>")
    items = list(iter_documents(["-"], stdin=io.BytesIO(gzip.compress(b'{"text": "a"}\n{"text": "b"}\n'))))
    assert [d.uri for d in items] == ["<stdin>#1", "<stdin>#2"]


def test_warc_extension_and_sniffing() -> None:
    assert container_kind("CC-NEWS-20240101000000-00001.warc.gz") == "warc"
    assert container_kind("crawl.WARC") == "warc"
    assert sniff_kind(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n") == "warc"


def test_an_oversized_jsonl_line_is_an_error_and_the_next_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    big = '{"text": "' + "x" * 5000 + '"}\n'
    path.write_text('{"text": "first"}\n' + big + '{"text": "last"}\n')
    items = list(iter_documents([str(path)], max_bytes=1000))
    assert [d.content for d in _docs(items)] == [b"first", b"last"]
    (error,) = _errors(items)
    assert error.uri.endswith("#2") and "too large" in error.reason
