"""Score named entities against CoNLL-style gold: ours (corrected) vs the raw model, one run.

Gold rows are ``{id, text, entities: [{start, end, label}]}`` with CoNLL labels PER, ORG, LOC,
MISC. Each document's text goes through the model once; the raw model's entities are the
baseline column, then our correction component runs on the same Doc and gives our column.

spaCy (OntoNotes) labels map to CoNLL as follows; everything else (DATE, CARDINAL, MONEY, ...) is
dropped, since CoNLL does not annotate it:

    PERSON -> PER        ORG -> ORG        GPE, LOC, FAC -> LOC
    NORP, EVENT, LAW, PRODUCT, WORK_OF_ART, LANGUAGE -> MISC

Matching is exact on (start, end, label). The headline F1/P/R are micro-averaged over PER, ORG
and LOC; MISC is reported apart (the OntoNotes MISC-like labels are a poor fit for CoNLL's MISC).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.evaluate.common import prf, read_jsonl

CONLL_BY_SPACY = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LANGUAGE": "MISC",
}
MAIN = ("PER", "ORG", "LOC")
LABELS = (*MAIN, "MISC")

Triple = tuple[int, int, str]


def conll_entities(doc: Any) -> set[Triple]:
    """A Doc's entities as (start, end, CoNLL label), unmapped labels dropped."""
    return {
        (e.start_char, e.end_char, CONLL_BY_SPACY[e.label_]) for e in doc.ents if e.label_ in CONLL_BY_SPACY
    }


class _Counts:
    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()

    def add(self, gold: set[Triple], pred: set[Triple]) -> None:
        for item in gold:
            (self.tp if item in pred else self.fn)[item[2]] += 1
        for item in pred - gold:
            self.fp[item[2]] += 1

    def result(self) -> dict[str, Any]:
        by_label = {
            lab: {**prf(self.tp[lab], self.fp[lab], self.fn[lab]), "support": self.tp[lab] + self.fn[lab]}
            for lab in LABELS
        }
        main = prf(*(sum(c[lab] for lab in MAIN) for c in (self.tp, self.fp, self.fn)))
        return {**main, "by_label": by_label}


def evaluate_ner(gold_path: str | Path, *, limit: int | None = None) -> dict[str, Any]:
    """Entity-level P/R/F1 (PER/ORG/LOC micro-average; MISC apart) for ours and the raw model."""
    from newsgraph.analyze.actors import FACTORY as COMPONENT
    from newsgraph.analyze.pipeline import load_nlp

    nlp = load_nlp()
    component = nlp.get_pipe(COMPONENT) if COMPONENT in nlp.pipe_names else None
    rows = list(read_jsonl(gold_path))[:limit]
    ours, base = _Counts(), _Counts()
    # The model's own entities for the baseline: none of our components after "ner" runs here.
    ours_after_ner = nlp.pipe_names[nlp.pipe_names.index("ner") + 1 :]
    with nlp.select_pipes(disable=ours_after_ner):
        docs = nlp.pipe(row["text"] for row in rows)
        for row, doc in zip(rows, docs, strict=True):
            gold = {(e["start"], e["end"], e["label"]) for e in row["entities"]}
            base.add(gold, conll_entities(doc))
            if component is not None:
                doc = component(doc)
            ours.add(gold, conll_entities(doc))
    return {**ours.result(), "documents": len(rows), "baseline": {**base.result(), "model": "raw spaCy"}}


def format_table(result: dict[str, Any]) -> str:
    """Ours vs baseline, per label."""
    base = result["baseline"]
    out = [
        f"documents: {result['documents']}   (exact span + label; overall = PER/ORG/LOC micro-average)",
        f"{'label':<9}{'ours P':>8}{'R':>7}{'F1':>7}   {'base P':>7}{'R':>7}{'F1':>7}{'support':>9}",
    ]
    rows = [("overall", result, base)] + [
        (lab, result["by_label"][lab], base["by_label"][lab]) for lab in LABELS
    ]
    for name, o, b in rows:
        support = o.get("support", sum(result["by_label"][lab]["support"] for lab in MAIN))
        out.append(
            f"{name:<9}{o['precision']:>8.3f}{o['recall']:>7.3f}{o['f1']:>7.3f}   "
            f"{b['precision']:>7.3f}{b['recall']:>7.3f}{b['f1']:>7.3f}{support:>9d}"
        )
    return "\n".join(out)


def register(app: typer.Typer) -> None:
    """Add `newsgraph eval ner` to the eval command group."""

    @app.command("ner")
    def ner_cmd(
        gold: Annotated[Path, typer.Option("--gold", help="CoNLL-style entity gold JSONL.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    ) -> None:
        """Entity P/R/F1 (PER/ORG/LOC, MISC apart): our corrected NER vs the raw model."""
        from newsgraph.evaluate.cli import report

        report(lambda: evaluate_ner(gold), format_table, as_json)
