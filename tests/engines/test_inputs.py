"""What the console says about a batch's inputs: the document total, the files passed over."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsgraph.engines.inputs import count_documents, supported_extensions, unsupported_files
from newsgraph.sources import iter_documents


def test_count_is_what_the_readers_yield(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One story.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    lines = "".join(json.dumps({"text": f"story {i}"}) + "\n" for i in range(5)) + "\n"
    (tmp_path / "wire.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    paths = [str(tmp_path), str(tmp_path / "missing.txt")]
    assert count_documents(paths) == 1 + 1 + 5 + 1  # the missing file is one error record
    assert count_documents(paths) == sum(1 for _ in iter_documents(paths))
    assert count_documents(["-"]) is None  # stdin cannot be read twice


def test_files_passed_over_by_extension(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    (tmp_path / "b.PDF").write_bytes(b"%PDF")
    (tmp_path / "c.docx").write_bytes(b"PK")
    (tmp_path / "README").write_text("x", encoding="utf-8")
    (tmp_path / "d.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x", encoding="utf-8")
    found = unsupported_files([str(tmp_path), str(tmp_path / "a.pdf"), "-"])
    assert found == {".pdf": 2, ".docx": 1, "(none)": 1}
    assert ".html" in supported_extensions() and ".jsonl" in supported_extensions()
