"""`newsgraph eval dedup --gold FILE [--json]`: do the reports of one real-world event merge into one
event, and do look-alikes stay apart?

Gold: JSON Lines, one article per line: ``{"id", "text" or "html", "site", "published",
"event_cluster"}`` (more keys are read as the ingest reads them: title, url). The articles are
ingested into a fresh store, in the file's order (``order`` shuffles it, for the test that the
result does not depend on it), through the whole pipeline; each article's *main event* is the
complete real-world event (``MergedEvent``) most of its mentions belong to (ties: the one it reports
first). Two articles are a predicted pair when they share a main event, a gold pair when they share
an ``event_cluster``; precision, recall and F1 are over pairs. ``merged_across`` counts predicted
events whose articles come from more than one gold cluster (a look-alike merged in); ``unassigned``
the articles that produced no complete event.
"""

from __future__ import annotations

import itertools
import json
import random
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.evaluate.common import GoldError

REQUIRED = ("id", "site", "published", "event_cluster")


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The gold articles, checked: one JSON object per line with the required keys."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldError(f"cannot read {path}: {exc}") from exc
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{number}: invalid JSON ({exc})") from exc
        missing = [k for k in REQUIRED if not record.get(k)]
        if not (record.get("text") or record.get("html")):
            missing.append("text or html")
        if missing:
            raise GoldError(f"{path}:{number}: missing {', '.join(missing)}")
        out.append(record)
    if not out:
        raise GoldError(f"{path}: no articles")
    return out


def main_events(
    gold: list[dict[str, Any]], seed: int | None = None, keep: Path | None = None
) -> dict[str, str]:
    """Gold id -> the id of its main real-world event ("" when it has none), after ingesting the
    articles (shuffled by ``seed`` when given) into a fresh store (at ``keep`` when given, else
    a temporary one)."""
    from newsgraph.engines.local import ingest
    from newsgraph.store import Store

    order = list(gold)
    if seed is not None:
        random.Random(seed).shuffle(order)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "gold.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in order), encoding="utf-8")
        with Store(keep or Path(folder) / "dedup.db") as store:
            ingest([str(source)], store)
            by_uri = {f"{source}#{i}": r["id"] for i, r in enumerate(order, 1)}
            return _main_events(store, by_uri)


def _main_events(store: Any, by_uri: dict[str, str]) -> dict[str, str]:
    from newsgraph.analyze.events.complete import dyadic

    conn = store.connection
    article_of = {uri: a_id for a_id, uri in conn.execute('SELECT "id", "uri" FROM "articles"')}
    for uri, original in conn.execute('SELECT "uri", "article_id" FROM "duplicates"'):
        article_of.setdefault(uri, original)  # a near-copy reports what its original reports
    found: dict[str, str] = {}
    for uri, gold_id in by_uri.items():
        analysis = store.analysis(article_of[uri]) if uri in article_of else None
        events = [e for e in (analysis.events if analysis else []) if dyadic(e) and e.event_id]
        counts = Counter(e.event_id for e in events)
        first: dict[str, int] = {}
        for e in events:
            first.setdefault(e.event_id, e.start)
        found[gold_id] = min(counts, key=lambda k: (-counts[k], first[k])) if counts else ""
    return found


def pairwise(gold: list[dict[str, Any]], predicted: dict[str, str]) -> dict[str, Any]:
    """Pairwise precision, recall and F1 of predicted events against gold clusters."""
    cluster = {r["id"]: r["event_cluster"] for r in gold}
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(cluster), 2):
        same_gold = cluster[a] == cluster[b]
        same_pred = bool(predicted.get(a)) and predicted.get(a) == predicted.get(b)
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    members: dict[str, set[str]] = defaultdict(set)
    for gold_id, event_id in predicted.items():
        if event_id:
            members[event_id].add(cluster[gold_id])
    return {
        "pairwise": {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)},
        "pairs": {"true_positive": tp, "false_positive": fp, "false_negative": fn},
        "articles": len(cluster),
        "gold_events": len(set(cluster.values())),
        "predicted_events": len(members),
        "merged_across": sum(len(clusters) > 1 for clusters in members.values()),
        "unassigned": sorted(g for g, e in predicted.items() if not e),
    }


def evaluate_dedup(path: Path, seed: int | None = None) -> dict[str, Any]:
    gold = read_gold(path)
    return pairwise(gold, main_events(gold, seed))


def format_table(result: dict[str, Any]) -> str:
    p = result["pairwise"]
    lines = [
        f"articles {result['articles']}  gold events {result['gold_events']}  "
        f"predicted events {result['predicted_events']}",
        f"pairwise precision {p['precision']:.3f}  recall {p['recall']:.3f}  F1 {p['f1']:.3f}",
        f"pairs: {result['pairs']['true_positive']} true, {result['pairs']['false_positive']} false, "
        f"{result['pairs']['false_negative']} missed",
        f"events merging articles of different gold events: {result['merged_across']}",
    ]
    if result["unassigned"]:
        lines.append(f"articles without a complete event: {', '.join(result['unassigned'])}")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add `newsgraph eval dedup` to the eval command group."""

    @app.command("dedup")
    def dedup_cmd(
        gold: Annotated[Path, typer.Option("--gold", help="Articles with their event_cluster (JSON Lines).")],
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
        shuffle: Annotated[
            int | None, typer.Option("--shuffle", metavar="SEED", help="Ingest in a shuffled order.")
        ] = None,
    ) -> None:
        """Pairwise precision/recall/F1 of articles merged into one real-world event."""
        from newsgraph.evaluate.cli import report

        report(lambda: evaluate_dedup(gold, shuffle), format_table, as_json)
