"""The batch's heap release: glibc's malloc_trim, called every so many documents."""

from __future__ import annotations

import sys

import pytest

from newsgraph.engines import memory
from newsgraph.engines.memory import Trim, release_free_heap


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_the_free_heap_is_released_on_linux() -> None:
    assert release_free_heap() is True


def test_a_batch_trims_once_every_so_many_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(memory, "release_free_heap", lambda: calls.append(1) or True)
    trim = Trim(every=10)
    for _ in range(25):
        trim.tick()
    assert len(calls) == 2
    trim.tick(5)  # a batch of five finished documents counts five
    assert len(calls) == 3


def test_an_ingest_releases_the_heap_as_it_goes(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from newsgraph.engines import report
    from newsgraph.engines.local import ingest
    from newsgraph.records import Analysis
    from newsgraph.store import Store

    calls: list[int] = []
    monkeypatch.setattr(memory, "release_free_heap", lambda: calls.append(1) or True)
    monkeypatch.setattr(report, "_HEAP", Trim(every=3))
    for i in range(7):
        text = f"Story {'abcdefg'[i]} about the river.\n\nIt rose."
        (tmp_path / f"d{i}.txt").write_text(text, encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        done = ingest([str(tmp_path)], store, analyzer=lambda a: Analysis(article=a))
    assert done.added == 7 and len(calls) == 2
