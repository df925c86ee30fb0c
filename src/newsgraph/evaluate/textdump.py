"""Score the plain-text scrape cleaner against line-labelled gold (textdumps JSONL).

Gold rows are ``{id, text, lines: [{n, label}], body, notes}`` where ``n`` indexes
``text.split("\\n")`` and every non-empty line has one label.  We run ``classify_lines`` on
``text`` and compare label by label on the gold lines.

``body_line`` treats "body" as the positive class over all gold lines, so it measures the
main job (keep the article, drop the chrome); ``line_role_accuracy`` and ``by_label`` measure
the finer roles.

Optional inputs, both off by default so the headline numbers use nothing but the page text:
``hints_path`` is a JSONL with ``{id, title}`` rows (a title known from elsewhere, passed as
``title_hint``), and ``boilerplate_path`` is a JSONL of unlabelled pages ``{source_site, text}``
from which ``SiteBoilerplate`` learns each site's repeated lines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.evaluate.common import prf as _prf
from newsgraph.evaluate.common import read_jsonl as _rows
from newsgraph.extract.textscrape import LABELS, SiteBoilerplate, classify_lines


def _site_boilerplate(path: str | Path | None) -> SiteBoilerplate | None:
    if path is None:
        return None
    sb = SiteBoilerplate()
    for row in _rows(path):
        sb.observe(row.get("source_site") or "", row["text"])
    return sb


def _hints(path: str | Path | None) -> dict[str, str]:
    if path is None:
        return {}
    return {row["id"]: row["title"] for row in _rows(path) if row.get("title")}


def predict_pairs(
    gold_path: str | Path,
    *,
    hints_path: str | Path | None = None,
    boilerplate_path: str | Path | None = None,
) -> list[tuple[str, int, str, str, str]]:
    """(doc id, n, gold label, predicted label, reason) for every gold line."""
    sb = _site_boilerplate(boilerplate_path)
    hints = _hints(hints_path)
    pairs = []
    for row in _rows(gold_path):
        bp = sb.lines(row.get("source_site") or "") if sb else frozenset()
        pred = {
            ln.n: ln for ln in classify_lines(row["text"], title_hint=hints.get(row["id"]), boilerplate=bp)
        }
        for item in row["lines"]:
            got = pred.get(item["n"])
            label, reason = (got.label, got.reason) if got else ("<missing>", "")
            pairs.append((row["id"], item["n"], item["label"], label, reason))
    return pairs


def evaluate_textdump(
    gold_path: str | Path,
    *,
    hints_path: str | Path | None = None,
    boilerplate_path: str | Path | None = None,
) -> dict:
    """Body-line P/R/F1, line-role accuracy and per-label P/R/F1 over a gold JSONL."""
    pairs = predict_pairs(gold_path, hints_path=hints_path, boilerplate_path=boilerplate_path)
    by_label = {}
    for lab in LABELS:
        tp = sum(1 for _, _, g, p, _ in pairs if g == lab and p == lab)
        fp = sum(1 for _, _, g, p, _ in pairs if g != lab and p == lab)
        fn = sum(1 for _, _, g, p, _ in pairs if g == lab and p != lab)
        by_label[lab] = {**_prf(tp, fp, fn), "support": tp + fn}
    correct = sum(1 for _, _, g, p, _ in pairs if g == p)
    body = by_label["body"]
    return {
        "body_line": {k: body[k] for k in ("precision", "recall", "f1")},
        "line_role_accuracy": correct / len(pairs) if pairs else 0.0,
        "documents": len({doc for doc, *_ in pairs}),
        "lines": len(pairs),
        "by_label": by_label,
    }


def format_table(result: dict) -> str:
    """Plain-text table of an ``evaluate_textdump`` result."""
    bl = result["body_line"]
    out = [
        f"documents: {result['documents']}   lines: {result.get('lines', '?')}",
        f"body lines: P {bl['precision']:.3f}  R {bl['recall']:.3f}  F1 {bl['f1']:.3f}",
        f"line-role accuracy: {result['line_role_accuracy']:.3f}",
        "",
        f"{'label':<18}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}",
    ]
    for lab, m in result["by_label"].items():
        out.append(f"{lab:<18}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}{m['support']:>9d}")
    return "\n".join(out)


def register(app: typer.Typer) -> None:
    """Add `newsgraph eval textdump` to the eval command group."""

    @app.command("textdump")
    def textdump_cmd(
        gold: Annotated[Path, typer.Option("--gold", help="Line-labelled gold JSONL.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    ) -> None:
        """Line-role accuracy and body-line P/R/F1 of the plain-text scrape cleaner."""
        from newsgraph.evaluate.cli import report

        report(lambda: evaluate_textdump(gold), format_table, as_json)
