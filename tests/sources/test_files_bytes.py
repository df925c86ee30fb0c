"""`iter_bytes`: a file read into memory (as the Spark engine reads one) yields what
`iter_documents` yields for it on disk."""

from __future__ import annotations

import gzip
from pathlib import Path

from tests.paths import EXAMPLES

from newsgraph.records import Error
from newsgraph.sources import RawDocument, iter_documents
from newsgraph.sources.files import expand, iter_bytes


def _same(a: RawDocument | Error, b: RawDocument | Error) -> bool:
    if isinstance(a, Error) or isinstance(b, Error):
        return type(a) is type(b) and (a.uri, a.stage, a.reason) == (b.uri, b.stage, b.reason)
    # fetched_at is when it was read: the clock, not the file.
    return (a.uri, a.kind, a.content, a.meta) == (b.uri, b.kind, b.content, b.meta)


def test_every_example_file_reads_the_same_from_bytes() -> None:
    files = [path for path, _ in expand(str(EXAMPLES)) if path is not None]
    assert any(p.suffix == ".jsonl" for p in files) and any(p.suffix == ".html" for p in files)
    for path in files:
        on_disk = list(iter_documents([str(path)]))
        in_memory = list(iter_bytes(str(path), path.read_bytes()))
        assert len(on_disk) == len(in_memory) > 0, path
        assert all(_same(a, b) for a, b in zip(on_disk, in_memory, strict=True)), path


def test_gzip_size_cap_and_unknown_kinds(tmp_path: Path) -> None:
    page = next((EXAMPLES / "html").glob("*.html")).read_bytes()
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(page))
    (document,) = iter_bytes(str(packed), packed.read_bytes())
    assert isinstance(document, RawDocument) and document.kind == "html" and document.content == page
    (error,) = iter_bytes(str(packed.with_suffix("")), page, max_bytes=10)
    assert isinstance(error, Error) and error.stage == "source"
    # Found by walking a folder, a file of no known kind is passed over, as on disk.
    assert list(iter_bytes(str(tmp_path / "notes.doc"), b"x", explicit=False)) == []
