"""Analyzers for the pool tests. Workers are spawned processes that import their analyzer by name,
so a test cannot monkeypatch `analyze` there; it passes one of these (module-level, importable as
`tests.engines.analyzers`) to `ingest(..., analyzer=...)` instead."""

from __future__ import annotations

import os
import signal
import time

from newsgraph.analyze import analyze
from newsgraph.records import Analysis, Article

#: A document whose file name holds this fails in analysis.
RAISES = "must-raise"
#: A document whose file name holds this kills the worker process analysing it.
KILLS = "must-kill"
#: A document whose file name holds this hangs the worker analysing it (an hour's sleep).
HANGS = "must-hang"


def faulty(article: Article) -> Analysis:
    """`analyze`, except for the documents the markers above name."""
    if RAISES in article.uri:
        raise ValueError("marked to fail in analysis")
    if KILLS in article.uri:
        os.kill(os.getpid(), signal.SIGKILL)
    if HANGS in article.uri:
        time.sleep(3600)
    return analyze(article)
