"""Server time of every workbench page on the synthetic store of benchmarks/query.py (1,000,000 events,
200,000 articles, 20,000 actors).

    .venv/bin/python benchmarks/web.py --db /tmp/newsgraph-bench.db [--runs 60]

Starts the app in this process on a loopback port (uvicorn, as `newsgraph serve` does) and requests
each page ``--runs`` times over one keep-alive connection, with the parameters varied as users vary
them: actors drawn from the same Zipf law as benchmarks/query.py (the busiest actor, in 18% of events,
is asked about most), random articles, years and quad classes. Server time is the app's own
``Server-Timing`` header (routing, queries, template; not the network). The pages that draw a chart,
the network or the map load their data from the API; those calls are timed as rows of their own. A
download is timed on the client until the whole file arrived, and in a row of its own until the
first byte of its content did (what a user waits for before the download starts).

Two columns per row: with the answer cache off (every request computes: what the first visit after
an ingest costs) and on (what a repeated view costs; the cache keeps the slow aggregations until the
store changes). Target: p95 <= 300 ms for every page but full-text search.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import random
import socket
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn

from newsgraph.web import create_app


def _load_synthetic() -> Any:
    """benchmarks/query.py: the synthetic store and its Zipf law, shared rather than copied."""
    spec = importlib.util.spec_from_file_location("bench_query", Path(__file__).with_name("query.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


synthetic = _load_synthetic()

TARGET_MS = 300.0


def start(db: Path, *, cache: bool) -> tuple[uvicorn.Server, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    # A generous limit: the benchmark measures, it does not want 503s.
    app = create_app(db, timeout=60.0, cache=cache)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.02)
    return server, port


def timed(conn: http.client.HTTPConnection, path: str, *, first_byte: bool = False) -> float:
    """Server milliseconds for one GET. A download streams after its headers, so for those it is the
    time until the whole file arrived, or with ``first_byte`` until its first byte of content did,
    measured here (loopback: the server's time all the same)."""
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read(1)
    first = time.perf_counter()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    if "/download." in path:
        return ((first if first_byte else time.perf_counter()) - started) * 1000
    return float(response.getheader("Server-Timing", "app;dur=nan").split("dur=")[1])


def cases(rng: random.Random) -> list[tuple[str, Callable[[int], str]]]:
    cum = synthetic.zipf_weights(synthetic.ACTORS)

    def actor(i: int) -> str:
        return f"a{synthetic.pick(rng, cum)}"

    def article(i: int) -> str:
        return f"art{rng.randrange(synthetic.ARTICLES):07d}"

    def year(i: int) -> int:
        return 2015 + i % 6

    def filtered(i: int) -> str:
        return f"actor={actor(i)}&since={year(i)}&until={year(i)}&quad={1 + i % 4}"

    def words(i: int) -> str:
        return (
            f"{synthetic.WORDS[i % len(synthetic.WORDS)]}+{synthetic.WORDS[(i * 7) % len(synthetic.WORDS)]}"
        )

    return [
        ("home", lambda i: "/"),
        ("articles list", lambda i: f"/articles?offset={(i % 20) * 50}"),
        ("article reader", lambda i: f"/articles/{article(i)}"),
        ("actors list", lambda i: "/actors"),
        ("actor page (Zipf-drawn actor)", lambda i: f"/actors/{actor(i)}"),
        ("event explorer, no filter", lambda i: f"/events?offset={(i % 10) * 50}"),
        ("event explorer, actor+year+quad", lambda i: f"/events?{filtered(i)}"),
        (
            "event explorer, CAMEO root+months",
            lambda i: f"/events?cameo={1 + i % 20:02d}&since={year(i)}-03&until={year(i)}-05",
        ),
        ("  its timeline: /api/timeline, no filter", lambda i: "/api/timeline"),
        ("  its timeline: /api/timeline, actor+year+quad", lambda i: f"/api/timeline?{filtered(i)}"),
        ("download CSV, actor+year+quad (whole file)", lambda i: f"/events/download.csv?{filtered(i)}"),
        ("download CSV, actor+year+quad (first byte)", lambda i: f"/events/download.csv?{filtered(i)}"),
        ("map page", lambda i: "/map"),
        ("  its points: /api/map, no filter", lambda i: "/api/map"),
        ("  its points: /api/map, actor", lambda i: f"/api/map?actor={actor(i)}"),
        (
            "  a point's events: /api/events?place=",
            lambda i: f"/api/events?place=p{rng.randrange(1000)}&limit=50",
        ),
        ("network page", lambda i: "/network"),
        ("  its pairs: /api/network, no filter", lambda i: "/api/network"),
        (
            "  its pairs: /api/network, actor+year",
            lambda i: f"/api/network?actor={actor(i)}&since={year(i)}&until={year(i)}",
        ),
        ("errors", lambda i: "/errors"),
        ("search (FTS, 2 topical words)", lambda i: f"/search?q={words(i)}"),
    ]


def measure(
    port: int, path_of: Callable[[int], str], runs: int, *, first_byte: bool = False
) -> tuple[float, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    times = [timed(conn, path_of(i), first_byte=first_byte) for i in range(runs)]
    conn.close()
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=Path("/tmp/newsgraph-bench.db"))
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    if not args.db.exists():
        print(f"building {args.db} (one time, several minutes) ...", file=sys.stderr)
        synthetic.build(args.db)
    results: dict[str, dict[bool, tuple[float, float]]] = {}
    for cache in (False, True):
        server, port = start(args.db, cache=cache)
        rng = random.Random(11)
        for label, path_of in cases(rng):
            timed(
                http.client.HTTPConnection("127.0.0.1", port, timeout=120), path_of(0)
            )  # warm the page cache
            first_byte = label.endswith("(first byte)")
            results.setdefault(label, {})[cache] = measure(port, path_of, args.runs, first_byte=first_byte)
            print(f"  {'cached' if cache else 'uncached'}: {label}", file=sys.stderr)
        server.should_exit = True
    print(f"\n{args.db}: 1,000,000 events; {args.runs} requests per row; server ms (Server-Timing)\n")
    print("| page | p50 ms, no cache | p95 ms, no cache | p50 ms, cached | p95 ms, cached | p95 <= 300 ms |")
    print("|---|---|---|---|---|---|")
    for label, by in results.items():
        (p50, p95), (c50, c95) = by[False], by[True]
        verdict = (
            "(search: no target)"
            if label.startswith("search")
            else ("ok" if p95 <= TARGET_MS else ("ok when cached" if c95 <= TARGET_MS else "MISSED"))
        )
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {c50:.1f} | {c95:.1f} | {verdict} |")


if __name__ == "__main__":
    main()
