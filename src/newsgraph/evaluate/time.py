"""Score time expressions TempEval-3 style against TIMEX3 gold (TimeBank/AQUAINT JSON Lines).

Gold rows are ``{id, dct, text, timexes: [{start, end, text, type, value}]}``; the document
creation time ``dct`` is the anchor (day precision). Measures, as TempEval-3 defines them:

- strict extraction P/R/F1: a system timex counts when its span equals a gold span exactly;
- relaxed extraction P/R/F1: when it overlaps a gold span (pairs are matched one-to-one, gold in
  text order, each taking the overlapping system timex with the largest overlap);
- value F1 (TempEval-3's attribute F1): over the relaxed-matched pairs, a value is correct when it
  equals the gold value; value P = correct / system timexes, value R = correct / gold timexes,
  F1 their harmonic mean. It is the headline: it needs both finding and normalising.

The baseline column, from the same run, is the raw spaCy model's DATE/TIME entities with each
value from ``dateparser`` (relative to the same anchor, its own period as the precision), so the
difference is what our rules add.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import spacy
import typer
from spacy.language import Language

from newsgraph.evaluate.common import GoldError
from newsgraph.evaluate.common import prf as _prf
from newsgraph.evaluate.common import read_jsonl as _rows

Span = tuple[int, int, str]  # start, end, value


def _match(gold: list[dict[str, Any]], system: list[Span]) -> tuple[int, list[tuple[dict[str, Any], Span]]]:
    """(strict matches, relaxed one-to-one pairs)."""
    strict = len({(g["start"], g["end"]) for g in gold} & {(s, e) for s, e, _ in system})
    free = list(system)
    pairs = []
    for g in sorted(gold, key=lambda g: g["start"]):
        best, overlap = None, 0
        for cand in free:
            ov = min(g["end"], cand[1]) - max(g["start"], cand[0])
            if ov > overlap:
                best, overlap = cand, ov
        if best is not None:
            free.remove(best)
            pairs.append((g, best))
    return strict, pairs


class _Scores:
    def __init__(self) -> None:
        self.gold = self.system = self.strict = self.relaxed = self.value = 0
        self.by_type: Counter[str] = Counter()
        self.type_total: Counter[str] = Counter()

    def add(self, gold: list[dict[str, Any]], system: list[Span]) -> None:
        strict, pairs = _match(gold, system)
        self.gold += len(gold)
        self.system += len(system)
        self.strict += strict
        self.relaxed += len(pairs)
        for g in gold:
            self.type_total[g.get("type", "?")] += 1
        for g, s in pairs:
            if s[2] == g["value"]:
                self.value += 1
                self.by_type[g.get("type", "?")] += 1

    def result(self) -> dict[str, Any]:
        strict = _prf(self.strict, self.system - self.strict, self.gold - self.strict)
        relaxed = _prf(self.relaxed, self.system - self.relaxed, self.gold - self.relaxed)
        value = _prf(self.value, self.system - self.value, self.gold - self.value)
        return {
            "strict_f1": strict["f1"],
            "strict_precision": strict["precision"],
            "strict_recall": strict["recall"],
            "relaxed_f1": relaxed["f1"],
            "relaxed_precision": relaxed["precision"],
            "relaxed_recall": relaxed["recall"],
            "value_f1": value["f1"],
            "value_precision": value["precision"],
            "value_recall": value["recall"],
            "value_accuracy": self.value / self.relaxed if self.relaxed else 0.0,
            "gold": self.gold,
            "system": self.system,
            "value_recall_by_type": {t: self.by_type[t] / n for t, n in sorted(self.type_total.items())},
        }


def baseline_value(text: str, anchor: datetime) -> str:
    """dateparser's reading of an entity's text, written at the period it reports."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"], settings={"RELATIVE_BASE": anchor, "RETURN_TIME_AS_PERIOD": True}
    )
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input
        return ""
    if data is None or data.date_obj is None:
        return ""
    d = data.date_obj
    period = data.period or "day"
    if period == "time":
        return d.strftime("%Y-%m-%dT%H:%M")
    if period == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if period == "month":
        return d.strftime("%Y-%m")
    if period == "year":
        return d.strftime("%Y")
    return d.strftime("%Y-%m-%d")


@cache
def raw_model() -> Language:
    """The bare spaCy model: the baseline's entities must be the model's own, and our rules need
    only its parse (the project pipeline's other components would only slow the run)."""
    from newsgraph.analyze.pipeline import MODEL

    return spacy.load(MODEL)


def predict(gold_path: str | Path) -> list[tuple[dict[str, Any], list[Span], list[Span]]]:
    """(gold row, our timexes, baseline timexes) per document."""
    from newsgraph.analyze.timexes.resolve import timexes

    nlp = raw_model()
    rows = list(_rows(gold_path))
    out = []
    for row in rows:
        if "text" not in row or "timexes" not in row:
            raise GoldError(f"{gold_path}: row {row.get('id', '?')} lacks text or timexes")
        dct = (row.get("dct") or "")[:10]
        doc = nlp.make_doc(row["text"])
        doc._.article_id = row.get("id", "")
        doc._.published = dct
        doc._.published_precision = "day" if dct else ""
        doc = nlp(doc)
        ours = [(t.start, t.end, t.value) for t in timexes(doc)]
        try:
            anchor = datetime.fromisoformat(dct) if dct else datetime(2000, 1, 1)
        except ValueError:
            anchor = datetime(2000, 1, 1)
        base = [
            (e.start_char, e.end_char, baseline_value(e.text, anchor))
            for e in doc.ents
            if e.label_ in ("DATE", "TIME")
        ]
        out.append((row, ours, base))
    return out


def evaluate_time(gold_path: str | Path) -> dict[str, Any]:
    """Strict/relaxed extraction and value P/R/F1, ours with the baseline beside it."""
    ours, base = _Scores(), _Scores()
    predictions = predict(gold_path)
    for row, mine, theirs in predictions:
        ours.add(row["timexes"], mine)
        base.add(row["timexes"], theirs)
    result = ours.result()
    result["documents"] = len(predictions)
    result["baseline"] = base.result()
    return result


def format_table(result: dict[str, Any]) -> str:
    """Plain-text table of an ``evaluate_time`` result: ours and the baseline side by side."""
    base = result["baseline"]
    out = [
        f"documents: {result['documents']}   gold timexes: {result['gold']}   "
        f"system: {result['system']}   baseline system: {base['system']}",
        "",
        f"{'measure':<20}{'ours':>8}{'baseline':>10}",
    ]
    for kind in ("strict", "relaxed", "value"):
        for part in ("precision", "recall", "f1"):
            key = f"{kind}_{part}"
            out.append(f"{key:<20}{result[key]:>8.3f}{base[key]:>10.3f}")
    out.append(f"{'value_accuracy':<20}{result['value_accuracy']:>8.3f}{base['value_accuracy']:>10.3f}")
    out.append("")
    out.append("value recall by gold type (ours / baseline):")
    for t, v in result["value_recall_by_type"].items():
        out.append(f"  {t:<10}{v:>7.3f}{base['value_recall_by_type'].get(t, 0.0):>10.3f}")
    return "\n".join(out)


def register(app: typer.Typer) -> None:
    """Add `newsgraph eval time` to the eval command group."""

    @app.command("time")
    def time_cmd(
        gold: Annotated[Path, typer.Option("--gold", help="TIMEX3 gold JSONL (id, dct, text, timexes).")],
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    ) -> None:
        """TempEval-3 style strict/relaxed extraction F1 and value F1, with a spaCy+dateparser baseline."""
        from newsgraph.evaluate.cli import report

        report(lambda: evaluate_time(gold), format_table, as_json)
