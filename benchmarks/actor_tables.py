"""What the actor tables cost to load and to look up in, against the office table as the baseline.

    .venv/bin/python benchmarks/actor_tables.py [--repeat 5]

Each cold row runs in a fresh interpreter: the import of the lookup module, then its first call
(which reads the table and builds its index), timed inside that interpreter; the median of
``--repeat`` runs is printed. Baseline: ``offices.holder_in`` on ``offices.tsv`` (250 rows), the
dated table the actor tagger used before. Warm rows time many lookups after the first, per call.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from rich.console import Console
from rich.table import Table

COLD = {
    "offices.holder_in (baseline)": (
        "from newsgraph.knowledge.offices import holder_in",
        "holder_in('Putin', '2017-03-01')",
    ),
    "agents.agent": ("from newsgraph.knowledge.agents import agent", "agent('riot police')"),
    "people.person": ("from newsgraph.knowledge.people import person", "person('Putin', '2017-03-01')"),
    "organisations.organisation": (
        "from newsgraph.knowledge.organisations import organisation",
        "organisation('Hamas')",
    ),
}

PROBE = """
import time, json
t0 = time.perf_counter()
{imp}
t1 = time.perf_counter()
{call}
t2 = time.perf_counter()
print(json.dumps([t1 - t0, t2 - t1]))
"""

WARM_NAMES = [
    "Vladimir Putin",
    "Mr Trump",
    "Medvedev",
    "Angela Merkel",
    "John Smith",
    "Kwasniewski",
    "Ban Ki-moon",
]
WARM_AGENTS = ["riot police", "Belgian troops", "the protesters", "gunmen", "opposition lawmakers", "banana"]
WARM_ORGS = ["NATO", "Hamas", "the Taliban", "Free Syrian Army", "Acme Widgets", "WHO"]


def cold(imp: str, call: str) -> tuple[float, float]:
    # The package's own __init__ (newsgraph.api and its imports) is imported first and not timed.
    code = "import newsgraph.knowledge.tables\n" + PROBE.format(imp=imp, call=call)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, second = json.loads(out.stdout.strip().splitlines()[-1])
    return first, second


def warm() -> dict[str, float]:
    from newsgraph.knowledge.agents import agent
    from newsgraph.knowledge.organisations import organisation
    from newsgraph.knowledge.people import person

    dates = ["2005-06-01", "2010", "2017-03-01", ""]
    out = {}
    for label, fn, args in (
        ("people.person", person, [(n, d) for n in WARM_NAMES for d in dates]),
        ("agents.agent", agent, [(a,) for a in WARM_AGENTS]),
        ("organisations.organisation", organisation, [(o,) for o in WARM_ORGS]),
    ):
        fn(*args[0])
        # Distinct strings each round so the functions' caches do not answer.
        rounds = 200
        calls = [(f"{a[0]}{' ' * (i % 3)}", *a[1:]) for i in range(rounds) for a in args]
        t = time.perf_counter()
        for a in calls:
            fn(*a)
        out[label] = (time.perf_counter() - t) / len(calls)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = {}
    for label, (imp, call) in COLD.items():
        runs = [cold(imp, call) for _ in range(args.repeat)]
        rows[label] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
    base = sum(rows["offices.holder_in (baseline)"])
    per_call = warm()
    table = Table(
        title=f"actor tables: cold start (median of {args.repeat} fresh interpreters) and warm calls"
    )
    for col in ("lookup", "import ms", "first call ms", "import+first ms", "× baseline", "warm µs/call"):
        table.add_column(col, justify="right" if col != "lookup" else "left")
    for label, (imp_s, first_s) in rows.items():
        warm_us = per_call.get(label)
        table.add_row(
            label,
            f"{imp_s * 1000:.0f}",
            f"{first_s * 1000:.0f}",
            f"{(imp_s + first_s) * 1000:.0f}",
            f"{(imp_s + first_s) / base:.1f}",
            f"{warm_us * 1e6:.1f}" if warm_us is not None else "–",
        )
    Console(width=130).print(table)


if __name__ == "__main__":
    main()
