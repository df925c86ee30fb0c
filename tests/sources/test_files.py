import gzip
import io
from pathlib import Path

from newsgraph.records import Error
from newsgraph.sources import RawDocument, iter_documents
from newsgraph.sources.files import container_kind, sniff_kind
from newsgraph.sources.jsonl import JsonlFields


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
