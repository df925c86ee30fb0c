"""Score toponym resolution against gold with coordinates (GeoWebNews, TR-News JSONL).

Gold rows are ``{id, text, toponyms: [{start, end, name, lat, lon, type?, ...}]}``; toponyms
without coordinates (GeoWebNews marks non-toponyms and expressions that way) are left out.

A gold toponym is *recalled* when we output a place mention whose span overlaps it (the one with
the largest overlap is taken). Its error is the great-circle distance between our coordinates and
the gold's; a place we output without coordinates counts as infinitely far.

- ``acc161``: share of recalled toponyms within 161 km (100 miles), the classic geocoding score;
- ``acc161_all``: the same over *all* gold toponyms, misses counted as wrong, so recall cannot hide;
- ``mean_km`` / ``median_km``: error over recalled toponyms with coordinates;
- ``recall``: recalled / gold; ``precision``: our mentions overlapping any gold toponym (with or
  without coordinates) / our mentions;
- ``by_type``: recall and acc161 per gold ``type`` where the gold has one (GeoWebNews).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.evaluate.common import read_jsonl

KM = 161.0


def _nlp():
    from newsgraph.analyze.pipeline import load_nlp
    from newsgraph.analyze.places import add_to

    return add_to(load_nlp())


def predict(
    rows: list[dict[str, Any]], nlp=None
) -> list[list[tuple[int, int, float | None, float | None, str]]]:
    """Our (start, end, lat, lon, rule) mentions for each gold row's text."""
    from newsgraph.analyze.places.resolve import places_and_mentions

    nlp = nlp or _nlp()
    docs = []
    for row in rows:
        doc = nlp.make_doc(row["text"])
        doc._.article_id = str(row.get("id", ""))
        docs.append(doc)
    out = []
    for doc in nlp.pipe(docs, batch_size=16):
        places, mentions = places_and_mentions(doc)
        by_id = {p.id: p for p in places}
        out.append([(m.start, m.end, by_id[m.place_id].lat, by_id[m.place_id].lon, m.rule) for m in mentions])
    return out


def evaluate_geo(gold_path: str | Path, nlp=None) -> dict[str, Any]:
    rows = list(read_jsonl(gold_path))
    return score(rows, predict(rows, nlp))


def score(
    rows: list[dict[str, Any]], predictions: list[list[tuple[int, int, float | None, float | None, str]]]
) -> dict[str, Any]:
    """The metrics of `predictions` (as `predict` returns them) against the gold `rows`."""
    from newsgraph.knowledge.geo import haversine_km

    errors: list[float] = []
    gold_n = recalled = within = 0
    ours = ours_on_gold = 0
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # gold, recalled, within
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # matched, within
    for row, pred in zip(rows, predictions, strict=True):
        all_gold = row.get("toponyms") or []
        ours += len(pred)
        ours_on_gold += sum(1 for s, e, *_ in pred if any(s < g["end"] and g["start"] < e for g in all_gold))
        for g in all_gold:
            if g.get("lat") is None or g.get("lon") is None:
                continue
            gold_n += 1
            kind = g.get("type") or "all"
            by_type[kind][0] += 1
            overlaps = [(min(e, g["end"]) - max(s, g["start"]), p) for p in pred for s, e, *_ in [p]]
            overlaps = [(o, p) for o, p in overlaps if o > 0]
            if not overlaps:
                continue
            _, (_, _, lat, lon, rule) = max(overlaps, key=lambda t: t[0])
            recalled += 1
            by_type[kind][1] += 1
            rule_head = rule.split("+")[0].split(":")[0]
            by_rule[rule_head][0] += 1
            if lat is None or lon is None:
                continue
            km = haversine_km(float(g["lat"]), float(g["lon"]), lat, lon)
            errors.append(km)
            if km <= KM:
                within += 1
                by_type[kind][2] += 1
                by_rule[rule_head][1] += 1
    return {
        "acc161": within / recalled if recalled else 0.0,
        "acc161_all": within / gold_n if gold_n else 0.0,
        "mean_km": statistics.fmean(errors) if errors else 0.0,
        "median_km": statistics.median(errors) if errors else 0.0,
        "recall": recalled / gold_n if gold_n else 0.0,
        "precision": ours_on_gold / ours if ours else 0.0,
        "documents": len(rows),
        "gold_toponyms": gold_n,
        "recalled": recalled,
        "within_161km": within,
        "predicted_mentions": ours,
        "by_type": {
            k: {"gold": v[0], "recall": v[1] / v[0], "acc161": v[2] / v[1] if v[1] else 0.0}
            for k, v in sorted(by_type.items(), key=lambda kv: -kv[1][0])
        },
        "by_rule": {k: {"recalled": v[0], "acc161": v[1] / v[0]} for k, v in sorted(by_rule.items())},
    }


def format_table(result: dict[str, Any]) -> str:
    out = [
        f"documents: {result['documents']}   gold toponyms with coordinates: {result['gold_toponyms']}"
        f"   our mentions: {result['predicted_mentions']}",
        f"acc@161km (recalled): {result['acc161']:.3f}   acc@161km (all gold): {result['acc161_all']:.3f}",
        f"mean error: {result['mean_km']:.0f} km   median error: {result['median_km']:.0f} km",
        f"recall: {result['recall']:.3f}   precision (mentions on a gold toponym): {result['precision']:.3f}",
        "",
        f"{'gold type':<22}{'gold':>6}{'recall':>8}{'acc161':>8}",
    ]
    for kind, m in result["by_type"].items():
        out.append(f"{kind:<22}{m['gold']:>6d}{m['recall']:>8.3f}{m['acc161']:>8.3f}")
    out += ["", f"{'rule':<22}{'recalled':>9}{'acc161':>8}"]
    for rule, m in result["by_rule"].items():
        out.append(f"{rule:<22}{m['recalled']:>9d}{m['acc161']:>8.3f}")
    return "\n".join(out)


def register(app: typer.Typer) -> None:
    """Add `newsgraph eval geo` to the eval command group."""

    @app.command("geo")
    def geo_cmd(
        gold: Annotated[Path, typer.Option("--gold", help="Gold JSONL with toponyms and coordinates.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    ) -> None:
        """Toponym resolution: acc@161 km, mean/median error in km, recall."""
        from newsgraph.evaluate.cli import report

        report(lambda: evaluate_geo(gold), format_table, as_json)
