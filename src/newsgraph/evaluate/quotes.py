"""Score quote attribution against gold JSON Lines (PolNeAR-style), with textacy as a baseline.

Gold rows: ``{id, text, quotes: [{spans, speaker_spans, cue, kind, quote_marks}]}``; an
attribution whose content carries quotation marks (``quote_marks`` full or partial) is
"direct", the rest "indirect". Ours: kinds direct and partial count as direct, indirect as
indirect. Each category is scored on its own:

- ``span`` (lenient, the headline ``span_f1``): a prediction is correct when its character
  range overlaps any gold content span of the same category; a gold attribution is found when
  any prediction of that category overlaps it. P = correct / predicted, R = found / gold.
- ``token`` (stricter): micro P/R/F1 over word tokens (``\\w+`` runs): predicted tokens that lie
  inside gold content of the category, over all predicted tokens; gold tokens covered by a
  prediction, over all gold tokens. It punishes spans that are too short or too long.
- ``speaker_accuracy``: over found gold attributions that have a speaker, the prediction
  overlapping the gold content most is right when its speaker span overlaps a gold speaker
  span, or its speaker actor is the actor of our mention over the gold speaker span.

Baseline: textacy's ``extract.triples.direct_quotations`` on the same parsed doc (direct only;
its content span includes the marks). textacy gives up on a doc with an odd number of quote
marks; such docs count as no predictions and their number is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.evaluate.common import GoldError, read_jsonl

WORD = re.compile(r"\w+")
Span = tuple[int, int]


def _category_gold(quote: dict[str, Any]) -> str:
    return "indirect" if quote.get("quote_marks", "none") == "none" else "direct"


def _category_pred(kind: str) -> str:
    return "indirect" if kind == "indirect" else "direct"


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _words(text: str, spans: Iterable[Span]) -> set[int]:
    """Start offsets of the word tokens inside the spans."""
    out: set[int] = set()
    for a, b in spans:
        out.update(m.start() + a for m in WORD.finditer(text[a:b]))
    return out


class _Tally:
    def __init__(self) -> None:
        self.pred = self.pred_ok = self.gold = self.gold_found = 0
        self.tok_pred = self.tok_pred_ok = self.tok_gold = self.tok_gold_found = 0
        self.speaker_n = self.speaker_ok = 0

    def add(
        self,
        text: str,
        gold: list[dict[str, Any]],
        preds: list[dict[str, Any]],
        actor_at: Any,
    ) -> None:
        gold_words = _words(text, (s for g in gold for s in g["spans"]))
        pred_words = _words(text, (p["span"] for p in preds))
        self.tok_pred += len(pred_words)
        self.tok_pred_ok += len(pred_words & gold_words)
        self.tok_gold += len(gold_words)
        self.tok_gold_found += len(gold_words & pred_words)
        self.pred += len(preds)
        self.pred_ok += sum(1 for p in preds if any(_overlap(p["span"], s) for g in gold for s in g["spans"]))
        for g in gold:
            self.gold += 1
            scored = [(sum(_overlap(p["span"], s) for s in g["spans"]), p) for p in preds]
            scored = [x for x in scored if x[0] > 0]
            if not scored:
                continue
            self.gold_found += 1
            if not g.get("speaker_spans"):
                continue
            best = max(scored, key=lambda x: x[0])[1]
            self.speaker_n += 1
            self.speaker_ok += _speaker_right(best, g, actor_at)

    def result(self) -> dict[str, Any]:
        # Predictions and gold are counted apart (several predictions may share one gold item),
        # so this is not prf(tp, fp, fn).
        span = _pr(self.pred_ok, self.pred, self.gold_found, self.gold)
        token = _pr(self.tok_pred_ok, self.tok_pred, self.tok_gold_found, self.tok_gold)
        return {
            "span_precision": span["precision"],
            "span_recall": span["recall"],
            "span_f1": span["f1"],
            "token_precision": token["precision"],
            "token_recall": token["recall"],
            "token_f1": token["f1"],
            "speaker_accuracy": self.speaker_ok / self.speaker_n if self.speaker_n else 0.0,
            "speaker_scored": self.speaker_n,
            "predicted": self.pred,
            "gold": self.gold,
            "gold_found": self.gold_found,
        }


def _pr(pred_ok: int, pred: int, gold_found: int, gold: int) -> dict[str, float]:
    p = pred_ok / pred if pred else 0.0
    r = gold_found / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def _speaker_right(pred: dict[str, Any], gold: dict[str, Any], actor_at: Any) -> int:
    sp = pred.get("speaker_span")
    if sp is not None and any(_overlap(sp, tuple(s)) for s in gold["speaker_spans"]):
        return 1
    actor = pred.get("actor_id")
    if actor and any(actor_at(tuple(s)) == actor for s in gold["speaker_spans"]):
        return 1
    return 0


def _baseline(doc: Any) -> tuple[list[dict[str, Any]], bool]:
    """textacy direct quotations as predictions; (preds, gave_up)."""
    from textacy.extract.triples import direct_quotations

    preds = []
    try:
        for triple in direct_quotations(doc):
            sp = triple.speaker
            speaker = (sp[0].idx, sp[-1].idx + len(sp[-1].text)) if sp else None
            content = (triple.content.start_char, triple.content.end_char)
            preds.append({"span": content, "speaker_span": speaker, "actor_id": ""})
    except ValueError:
        return [], True
    return preds, False


def baseline_status() -> str:
    """ "" when textacy can run, else why not."""
    try:
        from textacy.extract.triples import direct_quotations  # noqa: F401
    except Exception as exc:
        return f"unavailable: textacy not importable ({type(exc).__name__}: {exc})"
    return ""


def evaluate_quotes(gold_path: str | Path, *, baseline: bool = True, limit: int | None = None) -> dict:
    """Direct and indirect span P/R/F1 and speaker accuracy, plus the textacy baseline."""
    from newsgraph.analyze.actors.resolve import actors_and_mentions
    from newsgraph.analyze.pipeline import load_nlp
    from newsgraph.analyze.quotes.attribution import quotes

    nlp = load_nlp()
    status = baseline_status() if baseline else "unavailable: switched off"
    ours = {"direct": _Tally(), "indirect": _Tally()}
    base = _Tally()
    gave_up = docs = 0
    for row in read_jsonl(gold_path):
        if limit is not None and docs >= limit:
            break
        if "text" not in row or "quotes" not in row:
            raise GoldError(f"gold row {row.get('id', '?')!r} lacks text or quotes")
        docs += 1
        text = row["text"]
        doc = nlp.make_doc(text)
        doc._.article_id = str(row.get("id", ""))
        doc = nlp(doc)
        actors, mentions = actors_and_mentions(doc, doc._.article_id)

        def actor_at(span: Span, mentions: list = mentions) -> str:
            hits = [m for m in mentions if _overlap((m.start, m.end), span)]
            return hits[0].actor_id if hits else ""

        found = quotes(doc, mentions, actors)
        gold = [
            {"spans": [tuple(s) for s in q["spans"]], "speaker_spans": q.get("speaker_spans") or [], **q}
            for q in row["quotes"]
        ]
        for cat, tally in ours.items():
            preds = [
                {
                    "span": (q.start, q.end),
                    "speaker_span": (q.speaker_start, q.speaker_end) if q.speaker_start is not None else None,
                    "actor_id": q.speaker_actor_id,
                }
                for q in found
                if _category_pred(q.kind) == cat
            ]
            tally.add(text, [g for g in gold if _category_gold(g) == cat], preds, actor_at)
        if not status:
            preds, bailed = _baseline(doc)
            gave_up += bailed
            base.add(text, [g for g in gold if _category_gold(g) == "direct"], preds, actor_at)
    result: dict[str, Any] = {
        "documents": docs,
        "direct": ours["direct"].result(),
        "indirect": ours["indirect"].result(),
    }
    if status:
        result["baseline"] = {"name": "textacy direct_quotations", "status": status}
    else:
        result["baseline"] = {
            "name": "textacy direct_quotations",
            "status": "ok",
            "documents_given_up": gave_up,
            "direct": base.result(),
        }
    return result


METRICS = ("span_precision", "span_recall", "span_f1", "token_f1", "speaker_accuracy")


def format_table(result: dict) -> str:
    """Ours (direct, indirect) beside the baseline (direct)."""
    base = result.get("baseline", {})
    bdirect = base.get("direct")
    head = f"{'metric':<18}{'direct':>9}{'textacy':>9}{'indirect':>10}"
    out = [f"documents: {result['documents']}", head]
    for key in METRICS:
        b = f"{bdirect[key]:>9.3f}" if bdirect else f"{'n/a':>9}"
        out.append(f"{key:<18}{result['direct'][key]:>9.3f}{b}{result['indirect'][key]:>10.3f}")
    for key in ("predicted", "gold", "gold_found", "speaker_scored"):
        b = f"{bdirect[key]:>9d}" if bdirect else f"{'n/a':>9}"
        out.append(f"{key:<18}{result['direct'][key]:>9d}{b}{result['indirect'][key]:>10d}")
    out.append("span: match = any character overlap; token: micro P/R/F1 over \\w+ tokens")
    if bdirect is None:
        out.append(f"baseline {base.get('status', 'unavailable')}")
    else:
        out.append(f"textacy gave up on {base.get('documents_given_up', 0)} docs (odd number of quote marks)")
    return "\n".join(out)


def register(app: typer.Typer) -> None:
    """Add `newsgraph eval quotes` to the eval command group."""

    @app.command("quotes")
    def quotes_cmd(
        gold: Annotated[Path, typer.Option("--gold", help="Quote-attribution gold JSONL (PolNeAR format).")],
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
        no_baseline: Annotated[bool, typer.Option("--no-baseline", help="Skip the textacy column.")] = False,
    ) -> None:
        """Direct and indirect quote span P/R/F1 and speaker accuracy, beside textacy."""
        from newsgraph.evaluate.cli import report

        report(lambda: evaluate_quotes(gold, baseline=not no_baseline), format_table, as_json)
