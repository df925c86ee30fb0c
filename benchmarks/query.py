"""Query latency on a synthetic store of 1,000,000 events (200,000 articles, 20,000 actors).

    .venv/bin/python benchmarks/query.py --db /tmp/newsgraph-bench.db [--runs 200]

The store is built once (a few minutes, bulk inserts through ``Store.bulk_add``) and reused by later
runs with the same --db; delete the file to rebuild. Actors' popularity follows a Zipf law (s=1, so
the most active actor is in ~9% of events, as the United States is in GDELT), and the queries ask
about actors drawn from the same law: the popular ones are asked about most, as users do.

Prints p50/p95 (ms) for: actor timeline (events per month per quad class), dyad timeline, filtered
event list (actor + date range + quad class / CAMEO root, newest 50), country-dyad list and FTS
search. Target: p95 <= 100 ms for the actor timeline and the filtered event list.
"""

from __future__ import annotations

import argparse
import bisect
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from itertools import accumulate
from pathlib import Path

from newsgraph.knowledge import cameo
from newsgraph.query import Query
from newsgraph.records import Actor, Article, Event, Place
from newsgraph.store import Store

ARTICLES, ACTORS, EVENTS = 200_000, 20_000, 1_000_000
COUNTRIES = [
    "USA",
    "RUS",
    "CHN",
    "GBR",
    "FRA",
    "DEU",
    "UKR",
    "SYR",
    "IRN",
    "ISR",
    "TUR",
    "IND",
    "PAK",
    "JPN",
    "KOR",
    "PRK",
    "SAU",
    "EGY",
    "IRQ",
    "AFG",
    "BRA",
    "MEX",
    "CAN",
    "AUS",
    "ITA",
    "ESP",
    "POL",
    "NGA",
    "ZAF",
    "KEN",
    "ETH",
    "VEN",
    "COL",
    "ARG",
    "IDN",
    "PHL",
    "VNM",
    "THA",
    "MYS",
    "LBY",
]
SECTORS = ("GOV", "GOV", "MIL", "LEG", "OPP", "BUS", "MED", "CVL", "REB", "JUD")
FIRST = [
    "Anna",
    "Boris",
    "Carla",
    "David",
    "Elena",
    "Farid",
    "Greta",
    "Hugo",
    "Irina",
    "Jamal",
    "Karin",
    "Li",
    "Maria",
    "Nikolai",
    "Omar",
    "Pavel",
]
LAST = [
    "Petrov",
    "Smith",
    "Garcia",
    "Chen",
    "Kumar",
    "Novak",
    "Haddad",
    "Okafor",
    "Silva",
    "Rossi",
    "Muller",
    "Tanaka",
    "Kim",
    "Ivanov",
    "Cohen",
]
WORDS = [
    "government",
    "minister",
    "talks",
    "sanctions",
    "ceasefire",
    "border",
    "election",
    "summit",
    "agreement",
    "troops",
    "protest",
    "economy",
    "trade",
    "oil",
    "gas",
    "pipeline",
    "nuclear",
    "deal",
    "parliament",
    "court",
    "president",
    "army",
    "rebels",
    "aid",
    "refugees",
    "vote",
    "bill",
    "tariff",
    "embassy",
    "diplomat",
    "meeting",
    "crisis",
    "security",
    "police",
    "strike",
    "attack",
    "negotiations",
]
SITES = [f"site{i}.example" for i in range(60)]
# Article text: topical words plus a Zipf-distributed vocabulary of ~13,000 made-up words, so term
# frequencies look like a language's (a few words everywhere, most words rare).
VOCAB = WORDS + [
    f"{a}{b}{c}"
    for a in "bdfgklmnprstvz"
    for b in "aeiouy"
    for c in (
        "ra",
        "lin",
        "sko",
        "vet",
        "mu",
        "dor",
        "pa",
        "nis",
        "tel",
        "qua",
        "rom",
        "bex",
        "sil",
        "fo",
        "gan",
        "dru",
        "nek",
        "wo",
        "ly",
        "cha",
        "mir",
        "zot",
        "hep",
        "ul",
        "tas",
        "gri",
        "bol",
        "ke",
        "jin",
        "ov",
        "sar",
        "pel",
        "dim",
        "ruk",
        "lo",
        "nav",
        "ter",
        "ix",
        "bru",
        "fen",
    )
    for d in ("", "s", "en", "ka")
]
VOCAB_CUM = list(accumulate(1 / k for k in range(1, len(VOCAB) + 1)))


def zipf_weights(n: int, s: float = 1.0) -> list[float]:
    return list(accumulate(1 / (k**s) for k in range(1, n + 1)))


def pick(rng: random.Random, cum: list[float]) -> int:
    return bisect.bisect_left(cum, rng.random() * cum[-1])


def build(path: Path) -> None:
    rng = random.Random(7)
    codes = [c for c in cameo.codebook().values() if len(c.code) >= 3]
    actor_rows = []
    for i in range(ACTORS):
        country = COUNTRIES[i % len(COUNTRIES)]
        if i < len(COUNTRIES):  # the countries themselves are the most active actors
            actor_rows.append(Actor(f"a{i}", f"Country {country}", "country", country, "", [], country))
            continue
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}"
        sector = rng.choice(SECTORS)
        actor_rows.append(
            Actor(f"a{i}", name, "person", country, sector, [], country + sector, [name.split()[1]])
        )
    cum = zipf_weights(ACTORS)

    def articles() -> Iterator[Article]:
        for i in range(ARTICLES):
            day = f"{2015 + i * 6 // ARTICLES}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            text = " ".join(VOCAB[pick(rng, VOCAB_CUM)] for _ in range(120))
            yield Article(
                id=f"art{i:07d}",
                uri=f"bench://{i}",
                text=text,
                title=" ".join(rng.choice(WORDS) for _ in range(6)),
                site=rng.choice(SITES),
                published=day,
                language="en" if i % 10 else "fr",
                paragraphs=[text],
                ingested_at=f"2021-01-01T00:00:{i % 60:02d}+00:00",
            )

    def events() -> Iterator[Event]:
        for i in range(EVENTS):
            a = i // (EVENTS // ARTICLES)
            src, tgt = pick(rng, cum), pick(rng, cum)
            code = rng.choice(codes)
            day = f"{2015 + a * 6 // ARTICLES}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            yield Event(
                id=f"e{i % 5}",
                article_id=f"art{a:07d}",
                start=0,
                end=40,
                evidence="synthetic evidence sentence for the benchmark",
                cameo_code=code.code,
                root_code=code.root,
                source_actor_id=f"a{src}",
                source_code=actor_rows[src].code,
                target_actor_id=f"a{tgt}",
                target_code=actor_rows[tgt].code,
                plover_type=code.plover,
                quad_class=code.quad_class,
                goldstein=code.goldstein,
                date=day,
                date_precision="day",
                place_id=f"p{rng.randint(0, 999)}",
                confidence=0.5,
                rule="bench",
            )

    places = (
        Place(f"p{i}", f"Town {i}", "city", COUNTRIES[i % len(COUNTRIES)], 0.0, 0.0) for i in range(1000)
    )
    start = time.perf_counter()
    with Store(path) as store:
        store.bulk_add("actors", actor_rows)
        store.bulk_add("places", places)
        store.bulk_add("articles", articles())
        print(f"  articles stored ({time.perf_counter() - start:.0f} s)", file=sys.stderr)
        store.bulk_add("events", events(), batch=100_000)
        store.connection.execute("ANALYZE")
    print(f"built {path} in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def measure(fn: Callable[[int], object], runs: int) -> tuple[float, float]:
    fn(0)  # warm the page cache for this query shape
    times = []
    for i in range(runs):
        t = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=Path("/tmp/newsgraph-bench.db"))
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    if not args.db.exists():
        print(f"building {args.db} (one time) ...", file=sys.stderr)
        build(args.db)
    rng = random.Random(11)
    cum = zipf_weights(ACTORS)
    store = Store(args.db)
    q = Query(store)
    names = dict(store.connection.execute('SELECT "id", "name" FROM "actors"').fetchall())

    def actor(i: int) -> str:
        return names[f"a{pick(rng, cum)}"]

    roots = [f"{r:02d}" for r in range(1, 21)]

    def mid(i: int) -> str:
        return VOCAB[100 + (i * 7919) % 1900]

    cases: list[tuple[str, Callable[[int], object]]] = [
        ("actor timeline", lambda i: q.timeline(actor=actor(i))),
        ("dyad timeline", lambda i: q.timeline(actor=actor(i), counterpart=actor(i + 1))),
        (
            "filtered event list (actor, year, quad)",
            lambda i: q.events(
                actor=actor(i), since=str(2015 + i % 6), until=str(2015 + i % 6), quad=1 + i % 4
            ),
        ),
        (
            "filtered event list (root, month)",
            lambda i: q.events(cameo=roots[i % 20], since=f"{2015 + i % 6}-03", until=f"{2015 + i % 6}-05"),
        ),
        (
            "country dyad list",
            lambda i: q.events(actor=COUNTRIES[i % 10], counterpart=COUNTRIES[(i + 3) % 10], since="2019"),
        ),
        # Two words of middling frequency (vocabulary ranks 100-2000); two topical words (ranks 1-38,
        # each in a large share of articles); one of the ten commonest (in most articles: ranking has
        # to weigh nearly all of them).
        ("FTS search (2 mid-frequency words)", lambda i: q.search(f"{mid(i)} {mid(i + 1)}")),
        (
            "FTS search (2 topical words)",
            lambda i: q.search(f"{WORDS[i % len(WORDS)]} {WORDS[(i * 7) % len(WORDS)]}"),
        ),
        ("FTS search (1 very common word)", lambda i: q.search(VOCAB[i % 10])),
    ]
    counts = store.stats()
    print(
        f"\n{counts['events']:,} events, {counts['articles']:,} articles, {counts['actors']:,} actors; "
        f"{args.runs} runs each\n"
    )
    print("| query | p50 ms | p95 ms | target |")
    print("|---|---|---|---|")
    for label, fn in cases:
        p50, p95 = measure(fn, args.runs)
        target = "p95 <= 100 ms" if label.startswith(("actor timeline", "filtered")) else ""
        ok = " ok" if target and p95 <= 100 else (" MISSED" if target else "")
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {target}{ok} |")
    store.close()


if __name__ == "__main__":
    main()
