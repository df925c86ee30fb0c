"""Score HTML article extraction against the shared extraction gold (``gold.jsonl``).

Gold rows are ``{id, source, html_file, url, gold_type, body, with, without, title, author,
date, ...}``; ``html_file`` is gzip HTML relative to the gold file's folder.  Two metrics,
each the one its benchmark defines, so the numbers compare with published ones:

* ``gold_type == "full"`` (aeb = the Zyte article-extraction-benchmark, fundus): the Zyte
  benchmark's shingle metric.  Tokens are ``\\w+`` matches (Unicode, case kept: the benchmark's
  ``re.IGNORECASE`` does not lowercase), shingles are the 4-token windows as a *multiset*
  (a text of fewer than 4 tokens is one shorter shingle, an empty text none).  Per page the
  counts tp = sum of min(gold, predicted) per shingle, fp and fn the excesses, are normalised
  to sum 1 so long pages weigh no more than short ones.  Precision is averaged over the pages
  with tp + fp > 0 (an empty prediction costs recall, not precision), recall over pages with
  tp + fn > 0, and F1 is the harmonic mean of the two averages, not a mean of per-page F1.
* ``gold_type == "snippets"`` (trafilatura_eval): trafilatura's snippet metric.  A ``with``
  snippet found in the output is a TP, else an FN; a ``without`` snippet found is an FP,
  else a TN; P/R/F1 over the counts summed over all pages.  "Found" is a substring test
  after collapsing every run of whitespace to one space on both sides, so a paragraph break
  in the output (``\\n\\n`` for us, ``\\n`` for trafilatura) does not decide the match.  The
  gold does not mark which snippets come from lists, so no with/without-lists split is
  reported.

Metadata accuracy (trafilatura_eval pages that carry the field): title equal after
case-folding and whitespace collapsing; author equal as a set of case-folded names (gold is
a string or a list; ours a list); date equal on ``YYYY-MM-DD``.

Speed: pages per second over the time spent inside each extractor only (gzip reading and
charset decoding are shared and excluded), one process, in the same run for both.  The
baseline is plain ``trafilatura.extract(html, url=url)``, default settings.
"""

from __future__ import annotations

import gzip
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.evaluate.common import GoldError
from newsgraph.evaluate.common import prf as _prf
from newsgraph.evaluate.common import read_jsonl as _rows
from newsgraph.extract.decode import DecodeError, decode

TOKEN = re.compile(r"\w+")
SHINGLE_N = 4
SOURCES = ("aeb", "fundus", "trafilatura_eval")

# (text, title, authors, date) for one page; authors a list.
Extracted = tuple[str, str, list[str], str]
Extractor = Callable[[str, str], Extracted]


# ---------------------------------------------------------------- metrics (pure)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text or "")


def shingles(text: str, n: int = SHINGLE_N) -> Counter[tuple[str, ...]]:
    """Multiset of n-token windows; a text shorter than n tokens is one shorter window."""
    toks = tokens(text)
    if not toks:
        return Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)))


def shingle_counts(gold: str, predicted: str, n: int = SHINGLE_N) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles of one page, normalised to sum 1 (all zero if both empty)."""
    want, got = shingles(gold, n), shingles(predicted, n)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _page_precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fp)


def _page_recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fn)


def zyte_scores(pages: Iterable[tuple[float, float, float]]) -> dict[str, float]:
    """Average per-page precision and recall; F1 of the two averages (0.0 where undefined)."""
    pages = list(pages)
    ps = [_page_precision(*c) for c in pages if c[0] + c[1] > 0]
    rs = [_page_recall(*c) for c in pages if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _squash(text: str) -> str:
    return " ".join(text.split())


def snippet_counts(output: str, with_: Iterable[str], without: Iterable[str]) -> dict[str, int]:
    """trafilatura's snippet counts for one page (whitespace collapsed on both sides)."""
    out = _squash(output or "")
    counts = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
    for snippet in with_:
        counts["tp" if _squash(snippet) in out else "fn"] += 1
    for snippet in without:
        counts["fp" if _squash(snippet) in out else "tn"] += 1
    return counts


def snippet_scores(pages: Iterable[dict[str, int]]) -> dict[str, float]:
    total = Counter[str]()
    for counts in pages:
        total.update(counts)
    return _prf(total["tp"], total["fp"], total["fn"])


def _norm(text: str) -> str:
    return " ".join(str(text).casefold().split())


def title_match(gold: str, got: str) -> bool:
    return _norm(gold) == _norm(got)


def author_match(gold: str | list[str], got: list[str]) -> bool:
    names = gold if isinstance(gold, list) else re.split(r"\s*;\s*", gold)
    want = {_norm(n) for n in names if _norm(n)}
    return bool(want) and want == {_norm(n) for n in got if _norm(n)}


def date_match(gold: str, got: str) -> bool:
    return bool(got) and gold.strip()[:10] == got.strip()[:10]


# ---------------------------------------------------------------- extractors


def ours(html: str, url: str) -> Extracted:
    from newsgraph.extract.html import extract_html

    found = extract_html(html, url=url or None)
    if found is None:
        return "", "", [], ""
    return "\n\n".join(found.paragraphs), found.title, found.authors, found.published


def trafilatura_baseline(html: str, url: str) -> Extracted:
    """Plain ``trafilatura.extract`` with its default settings: the text only."""
    import trafilatura

    return trafilatura.extract(html, url=url or None) or "", "", [], ""


def trafilatura_metadata(html: str, url: str) -> tuple[str, list[str], str]:
    """The baseline's title/author/date (trafilatura's default metadata), outside the timer."""
    import trafilatura

    meta = trafilatura.extract_metadata(html, default_url=url or None)
    if meta is None:
        return "", [], ""
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()]
    return meta.title or "", authors, meta.date or ""


BASELINES: dict[str, Extractor] = {"trafilatura": trafilatura_baseline}


# ---------------------------------------------------------------- the run


def load_pages(gold_path: str | Path, *, every: int = 1) -> list[tuple[dict[str, Any], str]]:
    """(gold row, decoded html) pairs; ``every`` > 1 keeps every n-th page of each source
    (a deterministic subset for quick checks)."""
    gold_path = Path(gold_path)
    seen: Counter[str] = Counter()
    pages = []
    for row in _rows(gold_path):
        source = row.get("source", "")
        seen[source] += 1
        if (seen[source] - 1) % every:
            continue
        path = gold_path.parent / row["html_file"]
        try:
            raw = path.read_bytes()
            if row.get("html_compression") == "gzip" or path.suffix == ".gz":
                raw = gzip.decompress(raw)
            html = decode(raw, kind="html")
        except (OSError, EOFError, gzip.BadGzipFile, DecodeError) as exc:
            raise GoldError(f"{path}: {exc}") from exc
        pages.append((row, html))
    return pages


def _score(pages: list[tuple[dict[str, Any], str]], outputs: list[Extracted], seconds: float) -> dict:
    full: dict[str, list[tuple[float, float, float]]] = {}
    snip: dict[str, list[dict[str, int]]] = {}
    for (row, _), (text, *_meta) in zip(pages, outputs, strict=True):
        source = row.get("source", "?")
        if row.get("gold_type") == "full":
            full.setdefault(source, []).append(shingle_counts(row.get("body") or "", text))
        else:
            counts = snippet_counts(text, row.get("with") or [], row.get("without") or [])
            snip.setdefault(source, []).append(counts)
    by_source = {}
    for source, counts in full.items():
        by_source[source] = {**zyte_scores(counts), "pages": len(counts), "metric": "zyte-shingle-4"}
    for source, counts in snip.items():
        by_source[source] = {**snippet_scores(counts), "pages": len(counts), "metric": "snippet"}
    return {
        "by_source": dict(sorted(by_source.items())),
        "pages_per_s": len(pages) / seconds if seconds else 0.0,
        "seconds": seconds,
    }


def _metadata(pages: list[tuple[dict[str, Any], str]], found: list[tuple[str, list[str], str]]) -> dict:
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for (row, _), (title, authors, date) in zip(pages, found, strict=True):
        checks = (
            ("title", row.get("title"), title_match, title),
            ("author", row.get("author"), author_match, authors),
            ("date", row.get("date"), date_match, date),
        )
        for name, gold, same, got in checks:
            if gold:
                totals[name] += 1
                hits[name] += bool(same(gold, got))
    return {
        f"{name}_accuracy": {"accuracy": hits[name] / totals[name], "pages": totals[name]}
        for name in ("title", "author", "date")
        if totals[name]
    }


def _run(pages: list[tuple[dict[str, Any], str]], extractor: Extractor) -> tuple[list[Extracted], float]:
    outputs, seconds = [], 0.0
    for row, html in pages:
        start = time.perf_counter()
        outputs.append(extractor(html, row.get("url") or ""))
        seconds += time.perf_counter() - start
    return outputs, seconds


def evaluate_extraction(
    gold_path: str | Path,
    *,
    baseline: str | None = "trafilatura",
    every: int = 1,
    extractor: Extractor = ours,
) -> dict:
    """Per-source P/R/F1, metadata accuracy and pages/s for ours and (optionally) the baseline."""
    if baseline is not None and baseline not in BASELINES:
        raise GoldError(f"unknown baseline {baseline!r} (known: {', '.join(BASELINES)})")
    pages = load_pages(gold_path, every=every)
    if not pages:
        raise GoldError(f"no pages in {gold_path}")
    outputs, seconds = _run(pages, extractor)
    result = _score(pages, outputs, seconds)
    result.update(_metadata(pages, [(title, authors, date) for _, title, authors, date in outputs]))
    result["pages"] = len(pages)
    if baseline is not None:
        base_out, base_seconds = _run(pages, BASELINES[baseline])
        base = _score(pages, base_out, base_seconds)
        base.update(
            _metadata(pages, [trafilatura_metadata(html, row.get("url") or "") for row, html in pages])
        )
        base["name"] = baseline
        result["baseline"] = base
    return result


# ---------------------------------------------------------------- output


def format_table(result: dict) -> str:
    """Plain-text table: one row per source, ours and the baseline side by side."""
    base = result.get("baseline")
    head = f"{'source':<18}{'metric':<16}{'pages':>6}{'P':>8}{'R':>8}{'F1':>8}"
    if base:
        head += f"   | {base.get('name', 'baseline')}:{'P':>6}{'R':>8}{'F1':>8}"
    out = [head]
    for source, m in result["by_source"].items():
        line = f"{source:<18}{m.get('metric', ''):<16}{m['pages']:>6}"
        line += f"{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}"
        if base and source in base["by_source"]:
            b = base["by_source"][source]
            line += f"   | {'':>{len(base.get('name', 'baseline'))}} {b['precision']:>6.3f}"
            line += f"{b['recall']:>8.3f}{b['f1']:>8.3f}"
        out.append(line)
    out.append("")
    for name in ("title", "author", "date"):
        key = f"{name}_accuracy"
        if key in result:
            line = f"{name} accuracy: {result[key]['accuracy']:.3f} ({result[key]['pages']} pages)"
            if base and key in base:
                line += f"   baseline {base[key]['accuracy']:.3f}"
            out.append(line)
    line = f"pages/s: {result['pages_per_s']:.1f}"
    if base:
        line += f"   baseline {base['pages_per_s']:.1f}"
    out.append(line)
    return "\n".join(out)


def register(app: typer.Typer) -> None:
    """Add `newsgraph eval extraction` to the eval command group."""

    @app.command("extraction")
    def extraction_cmd(
        gold: Annotated[Path, typer.Option("--gold", help="Extraction gold JSONL (html files beside it).")],
        baseline: Annotated[
            str | None, typer.Option("--baseline", help="Baseline to run in the same pass: trafilatura.")
        ] = None,
        every: Annotated[int, typer.Option("--every", help="Score every n-th page per source.")] = 1,
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    ) -> None:
        """Per-source Zyte shingle / snippet P/R/F1, metadata accuracy and pages/s."""
        from newsgraph.evaluate.cli import report

        report(lambda: evaluate_extraction(gold, baseline=baseline, every=every), format_table, as_json)
