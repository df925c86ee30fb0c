"""A few hundred hostile inputs in one batch, through the real engine (sources, extraction, the
real model, the store): no crash, every failure recorded with a reason, every good story stored.
`benchmarks/hostile.py` runs the same generator at 10,000 inputs and full sizes."""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

import pytest
from tests import hostile_inputs as hostile
from tests.hostile_inputs import Input, account, generate

from newsgraph.engines.local import ingest
from newsgraph.store import Store

INPUTS = 240


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile")
    # Small sizes for the heavy kinds (a 50 KB line, 10,000 entities, a 50 MB gzip bomb).
    inputs = generate(root / "in", INPUTS, seed=15, scale=0.01)
    told: list[tuple[str, str]] = []
    with Store(root / "hostile.db") as store:
        report = ingest(
            [str(root / "in")], store, on_document=lambda uri, outcome: told.append((uri, outcome))
        )
        errors: dict[str, list[str]] = defaultdict(list)
        for error in store.errors(limit=1_000_000):
            errors[error.uri].append(error.reason)
        articles = store.stats()["articles"]
    return inputs, told, errors, report, articles


def test_no_input_is_lost_and_every_failure_has_a_reason(batch) -> None:
    inputs, told, errors, report, articles = batch
    tally = account(inputs, told, errors)
    assert tally.lost_inputs == []
    assert tally.lost_stories == []
    assert tally.unrecorded == []
    # The batch is what it claims: many stories stored, many failures, each with its error row.
    assert tally.stored == articles == report.added
    assert tally.stored >= sum(i.good for i in inputs) > INPUTS // 3
    assert tally.failures == report.failed > INPUTS // 4


def test_every_hostile_kind_was_tried(batch) -> None:
    inputs: list[Input] = batch[0]
    kinds = {i.kind for i in inputs}
    for expected in (
        "binary",
        "one-long-line",
        "html-100000-deep",
        "entity-flood",
        "gzip-bomb",
        "warc-truncated",
    ):
        assert expected in kinds
    assert {"warc-length-long", "warc-length-short"} <= kinds
    assert {"text-utf-16-le-nobom", "text-utf-32-le-bom", "text-controls-bidi", "odd-file-name"} <= kinds
    assert {
        "json-100000-deep",
        "undecodable-file-name",
        "symlink-loop",
        "symlink-dangling",
        "empty-jsonl",
    } <= kinds


def test_the_generator_writes_distinct_stories(tmp_path: Path) -> None:
    """Each good story is its own article (no two are near copies), so 'stored' means stored."""
    started = time.monotonic()
    inputs = generate(tmp_path, 30, seed=1, scale=0.001, without=(*hostile.HEAVY,))
    assert time.monotonic() - started < 60  # generating is not the cost of these tests
    texts = [Path(i.path).read_bytes() for i in inputs if i.kind == "text-utf-8"]
    assert len(texts) == len(set(texts)) > 1
