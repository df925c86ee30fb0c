"""Inputs that used to be lost in silence or stop a batch: each is now an Error with a reason, and
the documents around it are read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.records import Error
from newsgraph.sources import RawDocument, iter_documents
from newsgraph.sources.files import walk

GOOD = "The minister met the president in Paris on Monday.\n"


def _split(items: list) -> tuple[list[RawDocument], list[Error]]:
    return [i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, Error)]


def test_a_file_name_that_is_not_utf8_is_read_and_its_uri_is_storable(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad\xff\xfe.txt")  # what the file system hands Python: surrogate escapes
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    docs, errors = _split(list(iter_documents([str(tmp_path)])))
    assert not errors
    (doc,) = docs
    assert doc.uri.endswith("bad\\xff\\xfe.txt")
    doc.uri.encode("utf-8")  # no surrogate left: SQLite can take it


def test_deeply_nested_json_is_that_lines_error_and_the_next_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    lines = ["[" * 100_000, json.dumps({"text": GOOD}), "{" * 50_000 + "}" * 50_000]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = _split(list(iter_documents([str(path)])))
    assert [d.uri for d in docs] == [f"{path}#2"]
    assert [e.uri for e in errors] == [f"{path}#1", f"{path}#3"]
    assert all(e.stage == "source" and e.reason.startswith("invalid JSON") for e in errors)


@pytest.mark.parametrize("content", [b"", b"\n\n   \n"])
def test_a_jsonl_file_without_records_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    (error,) = list(iter_documents([str(path)]))
    assert isinstance(error, Error)
    assert error.uri == str(path) and "no JSON Lines records" in error.reason


def test_nested_metadata_is_json_text_not_a_python_repr(tmp_path: Path) -> None:
    path = tmp_path / "meta.jsonl"
    record = {"text": GOOD, "title": {"x": [1, 2]}, "site": True, "id": 7}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (doc,) = list(iter_documents([str(path)]))
    assert isinstance(doc, RawDocument)
    assert json.loads(doc.meta["title"]) == {"x": [1, 2]}
    assert (doc.meta["site"], doc.meta["id"]) == ("true", "7")


def test_lone_surrogate_escapes_in_json_become_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "Talks \\ud800 resumed \\ud83d\\ude00.", "title": "A \\udfff b"}\n', "utf-8")
    (doc,) = list(iter_documents([str(path)]))
    assert isinstance(doc, RawDocument)
    assert doc.content.decode("utf-8") == "Talks \ufffd resumed \U0001f600."
    assert doc.meta["title"] == "A \ufffd b"


def test_links_that_lead_nowhere_are_errors_in_a_folder_walk(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "self.html").symlink_to(tmp_path / "self.html")  # a link to itself: a loop
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "inner.txt").write_text(GOOD, encoding="utf-8")
    (sub / "back").symlink_to(tmp_path, target_is_directory=True)  # a folder loop
    (tmp_path / "linked").symlink_to(sub, target_is_directory=True)  # a link to a folder: followed
    (tmp_path / "other.md").symlink_to(tmp_path / "gone.md")  # not a type we read: passed over
    docs, errors = _split(list(iter_documents([str(tmp_path)])))
    assert sorted(Path(d.uri).relative_to(tmp_path).as_posix() for d in docs) == [
        "good.txt",
        "linked/inner.txt",
        "sub/inner.txt",
    ]
    reasons = {Path(e.uri).relative_to(tmp_path).as_posix(): e.reason for e in errors}
    assert "dangling symbolic link" in reasons["dangling.txt"]
    assert "symbolic link loop" in reasons["self.html"]
    assert "symbolic link loop" in reasons["sub/back"] and "symbolic link loop" in reasons["linked/back"]
    assert set(reasons) == {"dangling.txt", "self.html", "sub/back", "linked/back"}


def test_a_dangling_link_named_on_the_command_line_is_an_error(tmp_path: Path) -> None:
    link = tmp_path / "x.txt"
    link.symlink_to(tmp_path / "missing.txt")
    (error,) = list(iter_documents([str(link)]))
    assert isinstance(error, Error) and "dangling symbolic link" in error.reason


def test_the_walk_is_sorted_by_path(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.txt", "a/b.txt", "c.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in walk(tmp_path) if isinstance(p, Path)]
    assert found == ["a/b.txt", "a/z.txt", "b.txt", "c.html"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.binary(max_size=200) | JSON_VALUES.map(json.dumps).map(str.encode), max_size=8))
def test_any_jsonl_content_gives_one_item_per_non_blank_line_and_never_raises(lines: list[bytes]) -> None:
    import io

    from newsgraph.sources.files import _Reader
    from newsgraph.sources.jsonl import JsonlFields

    body = b"\n".join(line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines)
    items = list(_Reader(JsonlFields(), 10_000, None).stream("x.jsonl", io.BytesIO(body), "jsonl"))
    non_blank = [line for line in body.split(b"\n") if line.strip()]
    assert len(items) == max(1, len(non_blank))
    for item in items:
        if isinstance(item, RawDocument):
            item.content.decode("utf-8")
            assert all(isinstance(v, str) for v in item.meta.values())
        else:
            assert item.stage == "source" and item.reason
