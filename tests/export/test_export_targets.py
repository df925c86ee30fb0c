"""``export --out`` writes a new file or replaces a regular one, and nothing else."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.export import export, export_to
from newsgraph.query import Query, QueryError
from newsgraph.records import Analysis, Article
from newsgraph.store import Store

runner = CliRunner()


@pytest.fixture
def q(tmp_path: Path):
    store = Store(tmp_path / "news.db")
    for i in range(3):
        article = Article(id=f"{i:032x}", uri=f"in/{i}.txt", text=f"Story number {i}.", title=f"T{i}")
        store.add_analysis(Analysis(article=article))
    yield Query(store)
    store.close()


def _refused(q: Query, out: Path | str, why: str) -> None:
    with pytest.raises(QueryError, match=why):
        export(q, "articles", "jsonl", out)


def test_devices_fifos_folders_and_sockets_are_refused(q: Query, tmp_path: Path) -> None:
    _refused(q, "/dev/null", "is a device")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    _refused(q, fifo, "is a FIFO")
    _refused(q, tmp_path, "is a folder")
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # left as it was


def test_the_store_is_refused_by_any_name(q: Query, tmp_path: Path) -> None:
    store = tmp_path / "news.db"
    before = store.read_bytes()
    _refused(q, store, "the open store")
    _refused(q, tmp_path / "." / "news.db", "the open store")
    (tmp_path / "link.jsonl").symlink_to(store)
    _refused(q, tmp_path / "link.jsonl", "the open store")
    os.link(store, tmp_path / "hard.jsonl")
    _refused(q, tmp_path / "hard.jsonl", "the open store")
    _refused(q, tmp_path / "news.db-wal", "the store's wal file")
    _refused(q, tmp_path / "news.db-journal", "the store's journal file")
    assert store.read_bytes() == before


def test_links_to_what_is_refused_or_to_nothing_are_refused(q: Query, tmp_path: Path) -> None:
    (tmp_path / "null.jsonl").symlink_to("/dev/null")
    _refused(q, tmp_path / "null.jsonl", "a symbolic link to /dev/null.* is a device")
    (tmp_path / "gone.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    _refused(q, tmp_path / "gone.jsonl", "does not exist")
    assert not (tmp_path / "nowhere.jsonl").exists()


def test_a_new_file_gets_the_umask_mode_and_a_replaced_one_keeps_its_mode(q: Query, tmp_path: Path) -> None:
    new = tmp_path / "out" / "new.jsonl"
    n, written = export_to(q, "articles", "jsonl", new)
    assert n == 3 and written is not None and not written.replaces
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    new.chmod(0o640)
    n, written = export_to(q, "articles", "csv", new)
    assert written is not None and written.replaces and "replaced the existing file" in written.describe()
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    assert new.read_text(encoding="utf-8").startswith("id,")
    assert sorted(p.name for p in new.parent.iterdir()) == ["new.jsonl"]  # no temporary file left


def test_a_link_to_a_regular_file_replaces_the_target_and_keeps_the_link(q: Query, tmp_path: Path) -> None:
    real = tmp_path / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    _, written = export_to(q, "articles", "jsonl", link)
    assert link.is_symlink() and real.read_text(encoding="utf-8").count("\n") == 3
    assert written is not None and f"through the symbolic link to {real}" in written.describe()


def test_a_failed_export_leaves_the_old_file_and_no_partial_file(q: Query, tmp_path: Path) -> None:
    out = tmp_path / "keep.jsonl"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(QueryError):
        export(q, "articles", "jsonl", out, since="not a date")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []


def test_the_command_says_what_it_wrote_and_refuses_with_status_2(q: Query, tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    out = tmp_path / "a.jsonl"
    first = runner.invoke(app, ["export", "--db", db, "--table", "articles", "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert f"wrote 3 articles as jsonl to {out} (new file)" in " ".join(first.output.split())
    again = runner.invoke(app, ["export", "--db", db, "--table", "articles", "--out", str(out)])
    assert "(replaced the existing file)" in again.output
    refused = runner.invoke(app, ["export", "--db", db, "--table", "articles", "--out", db])
    assert refused.exit_code == 2 and "is the open store" in refused.output
