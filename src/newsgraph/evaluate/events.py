"""Score the event coder against gold sentences (``gold_events-*.jsonl``).

Gold rows: ``{id, text, date, events: [{source, target, code, plover?, code_is_cameo?}], origin, lang}``.
Every English row goes through the spaCy pipeline plus "newsgraph_events"; rows in other languages
are skipped (their origins are listed under ``skipped`` with the reason). Rows that name the same
``article`` are coded together, in order, as the article they were drawn from (``code_rows``): names,
titles and the article's country carry from one sentence to the next as in an ingest.

Per origin:
- event-level precision / recall / F1: a predicted event matches a gold one when both have the same
  CAMEO root and the same source and target country, where an actor's country is the first three
  letters of its code ("RUSGOV" -> "RUS", "IGOUNO" -> "IGO"). An empty, null or "---"-prefixed gold
  actor (unknown, or PETRARCH's "---" for a role without a country) is "" and matches only a
  predicted event with no actor in that role, or one whose actor has no code. Gold events without a
  valid CAMEO code (``code`` null, or ``code_is_cameo`` false) are left out of the counts, and a
  record that has any is left out whole so our events there count neither way. Matching is one-to-one
  within a sentence. Negated events that kept a positive code (the coder's "did not attack") are not
  predictions: they say the act did not happen; nor are acts a request asks for ("urged Israel to
  withdraw": the withdrawal has not happened, the appeal is the event and is counted).
  Which of our events count as predictions: the gold suites were coded by PETRARCH-family coders,
  which by default (``require_dyad = true`` in PETRARCH's configuration) emit an event only when both
  its source and its target are found. Our coder also keeps one-sided events (a "condemned" with no
  one condemned), and so does GDELT; scored against a require_dyad gold they are counted as the
  coder would output them under that option: ``dyadic(event)`` (``analyze/events.py``; both actors,
  or a source alone for the roots CAMEO defines as complete without a target, 01 statement, 14
  protest, 15 show of force). The headline P/R/F1 use that rule; ``f1_strict`` (both actors always)
  and ``f1_all`` (every event with at least one actor) are reported beside it, with their P and R,
  so the choice can be seen.
- PLOVER type accuracy, over records whose gold names a PLOVER type: correct when the type of our
  most confident claimed event in the sentence (the same ``claimed`` rule as the predictions) is the
  gold type. The gold uses older PLOVER type names than
  our codebook (CAMEO2PLOVER-2021, where four types were renamed or merged); the names are compared
  as DEMAND = REQUEST, DISAPPROVE = ACCUSE, INVESTIGATE = ACCUSE, FIGHT = ASSAULT. Our types are
  otherwise the 2021 table's, also for the few CAMEO codes the gold's earlier table placed elsewhere
  (163 sanctions, 185 attempted assassination, 1712 destroying property).
  ``plover_any`` counts a record when any of our events has the gold type.
- no-event precision: of the sentences where we code nothing, the share whose gold has no event.
- PETRARCH2 unit tests (origin ``petrarch2:``): run with the suite's own fictional dictionaries
  (``PETR.Validate.actors/agents/verbs.txt`` beside the gold file, in ``petrarch2/``) loaded as user
  dictionaries; a record passes when our events match its gold events one-to-one (root + country
  dyad) with nothing left over on either side. Only records whose gold codes are all valid CAMEO count.

Span-format rows (``{id, text, penta_label, source_spans, target_spans, reciprocal_spans}``, the
Multi-CoPED layout): the 5-way class of our most confident claimed event (01-02 statement, 03-05
verbal cooperation, 06-08 material cooperation, 09-13 and 16 verbal conflict, 14-15 and 17-20
material conflict), scored as ``class_accuracy`` over every sentence (no event = wrong) and
``class_accuracy_covered`` over the sentences where we claim an event, ``macro_f1`` over the five
classes (no event counts as a miss of the gold class), ``coverage`` (share of sentences with a
claimed event); ``source_span_accuracy``: of the sentences whose gold names a source (or reciprocal
parties), the share where our top event's source words overlap a gold source (or reciprocal) span
(no event or no named source = wrong); ``source_span_precision``: the same share among the
sentences where our top event names a source; ``target_span_*`` likewise.

Halves: every gold row belongs to the *read* or the *check* half, fixed by a hash of its id
(``half``). Rules may be written while reading errors of the read half only; the check half is
scored, never read. Every origin is scored whole and per half (``halves``); ``--half`` scores one.

JSON: ``{"by_origin": {ORIGIN: {"precision", "recall", "f1", "plover_accuracy", "sentences", ...,
"halves": {"read": {...}, "check": {...}}}}, "skipped": {ORIGIN: reason}}``.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.evaluate.common import prf, read_jsonl
from newsgraph.records import Event

PLOVER_ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
PETRARCH_ORIGIN = "petrarch2:"
PETRARCH_FILES = ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt", "PETR.Validate.verbs.txt")
DISCARDS = "PETR.Validate.discards.txt"


def country(code: str | None) -> str:
    """The country part of an actor code ("" for none, unknown or "---" codes)."""
    if not code or code.startswith("-") or code.startswith("~"):
        return ""
    return code[:3].upper()


def plover_name(name: str | None) -> str:
    key = (name or "").strip().upper()
    return PLOVER_ALIASES.get(key, key)


def _valid(event: dict[str, Any]) -> bool:
    from newsgraph.knowledge import cameo

    code = event.get("code")
    return bool(code) and event.get("code_is_cameo", True) is not False and cameo.is_code(str(code))


def _key(root: str, source: str | None, target: str | None) -> tuple[str, str, str]:
    return (root, country(source), country(target))


# Which events count as predictions (module docstring): the headline rule and the two beside it.
RULES = ("dyadic", "strict", "all")


def _counted(event: Event, rule: str) -> bool:
    from newsgraph.analyze.events.coder import dyadic

    has_source = bool(event.source_code)
    has_target = bool(event.target_code)
    if rule == "strict":
        return has_source and has_target
    if rule == "all":
        return has_source or has_target
    return dyadic(event)


_MODALITY = re.compile(r"modality:hypothetical\((\w+)\)")


def requested_act(event: Event) -> bool:
    """An act that a request asks for ("urged Israel to withdraw": the withdrawal): the request is
    the event, coded with its own appeal or demand code."""
    from newsgraph.analyze.events.modality import REQUEST_VERBS

    found = _MODALITY.search(event.rule) if event.modality == "hypothetical" else None
    return found is not None and found.group(1) in REQUEST_VERBS


def predicted_keys(events: Iterable[Event], rule: str = "dyadic") -> list[tuple[str, str, str]]:
    """The (root, source country, target country) of the events that assert something happened,
    was intended or was refused, under one of RULES."""
    kept = (e for e in events if claimed(e) and _counted(e, rule))
    return [_key(e.root_code, e.source_code, e.target_code) for e in kept]


def claimed(event: Event) -> bool:
    """Whether the event says an act happened, was intended or was refused: not a negation that kept
    its positive code ("did not attack"), not an act a request only asks for."""
    return not (event.modality == "negated" and "negation:" not in event.rule) and not requested_act(event)


def match(gold: list[tuple[str, str, str]], pred: list[tuple[str, str, str]]) -> int:
    """One-to-one matches between two multisets of keys."""
    left = list(pred)
    hits = 0
    for g in gold:
        if g in left:
            left.remove(g)
            hits += 1
    return hits


def _published(date: str | None) -> tuple[str, str]:
    d = (date or "").strip()
    if len(d) == 8 and d.isdigit():
        return f"{d[:4]}-{d[4:6]}-{d[6:]}", "day"
    return "", ""


def _pipeline(dictionary_dir: Path | None = None):
    """Our pipeline; with ``dictionary_dir``, the PETRARCH validation dictionaries in it (and its
    discard list) loaded as a user's dictionaries, as PETRARCH runs its unit tests."""
    from newsgraph import settings
    from newsgraph.analyze.pipeline import build_nlp

    if dictionary_dir is None:
        return build_nlp(settings.current())
    actors, agents, verbs = (str(dictionary_dir / name) for name in PETRARCH_FILES)
    discards = dictionary_dir / DISCARDS
    return build_nlp(
        settings.Settings(),
        actor_dictionary=actors,
        agent_dictionary=agents,
        verb_dictionary=verbs,
        discard_list=str(discards) if discards.exists() else "",
    )


def code_row(nlp, row: dict[str, Any]) -> list[Event]:
    return code_rows(nlp, [row])[0]


# Sentences of one article are joined as paragraphs, so the model never reads two as one.
PARAGRAPH = "\n\n"
OFFSETS = ("start", "end", "source_start", "source_end", "target_start", "target_end")


def code_rows(nlp, rows: list[dict[str, Any]]) -> list[list[Event]]:
    """Every row's events, in row order. Rows that name the same ``article`` (gold drawn from whole
    articles) are coded as that article, in order, as an ingest codes a page: a name introduced in one
    sentence ("Czech President Vaclav Havel") is known in the next ("Havel said"). Each event goes
    back to the row its sentence starts in, offsets made relative to that row's text (-1 for an
    argument named outside it)."""
    out: dict[int, list[Event]] = {i: [] for i in range(len(rows))}
    groups: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        article = str(row.get("article") or "")
        groups[f"article:{article}" if article else f"row:{i}"].append(i)
    for members in groups.values():
        first = rows[members[0]]
        bases, parts, at = [], [], 0
        for i in members:
            bases.append(at)
            parts.append(rows[i]["text"])
            at += len(rows[i]["text"]) + len(PARAGRAPH)
        published, precision = _published(first.get("date"))
        doc = nlp.make_doc(PARAGRAPH.join(parts))
        doc._.article_id = str(first.get("article") or first.get("id", ""))
        doc._.published = published
        doc._.published_precision = precision
        for event in nlp(doc)._.events or []:
            k = max(j for j, base in enumerate(bases) if base <= event.start)
            out[members[k]].append(_relative(event, bases[k], len(parts[k])))
    return [out[i] for i in range(len(rows))]


def _relative(event: Event, base: int, length: int) -> Event:
    if not base:
        return event
    moved = {}
    for name in OFFSETS:
        value = getattr(event, name)
        moved[name] = value - base if value >= base and value - base <= length + 1 else -1
    return replace(event, **moved)


HALVES = ("read", "check")


def half(row_id: str) -> str:
    """The half a gold row belongs to, fixed by its id: "read" (errors may be read) or "check"."""
    return HALVES[hashlib.sha256(str(row_id).encode("utf-8")).digest()[0] % 2]


def evaluate_events(
    gold_path: str | Path, *, origin: str | None = None, which: str | None = None
) -> dict[str, Any]:
    """Per-origin scores over a gold JSONL (see the module docstring); ``which`` = "read" or "check"
    scores that half only, else the whole and each half."""
    gold_path = Path(gold_path)
    rows = [r for r in read_jsonl(gold_path) if not origin or str(r.get("origin", "")).startswith(origin)]
    if which is not None:
        if which not in HALVES:
            raise ValueError(f"half must be one of {', '.join(HALVES)}, not {which!r}")
        rows = [r for r in rows if half(r.get("id", "")) == which]
    skipped: dict[str, str] = {}
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        lang = r.get("lang") or "en"
        if not lang.startswith("en"):
            skipped[r["origin"]] = f"lang {lang}: the coder is English-only"
            continue
        groups[r["origin"]].append(r)
    nlps: dict[str, Any] = {}
    by_origin: dict[str, dict[str, Any]] = {}
    folder = gold_path.parent / "petrarch2"
    for name, group in groups.items():
        petrarch = name.startswith(PETRARCH_ORIGIN)
        if petrarch and not all((folder / f).is_file() for f in PETRARCH_FILES):
            skipped[name] = f"PETRARCH validation dictionaries not found in {folder}"
            continue
        key = "petrarch" if petrarch else "plain"
        if key not in nlps:  # built once per kind: a pipeline takes seconds to load
            nlps[key] = _pipeline(folder if petrarch else None)
        score = _score_spans if all("penta_label" in r for r in group) else _score
        coded = list(zip(group, code_rows(nlps[key], group), strict=True))
        by_origin[name] = score(coded, petrarch)
        if which is None:
            by_origin[name]["halves"] = {
                h: score([(r, e) for r, e in coded if half(r.get("id", "")) == h], petrarch) for h in HALVES
            }
    return {"by_origin": by_origin, "skipped": skipped, "half": which or "both"}


def _score(coded: list[tuple[dict[str, Any], list[Event]]], petrarch: bool) -> dict[str, Any]:
    counts = {rule: [0, 0, 0] for rule in RULES}  # tp, fp, fn
    plover_total = plover_top = plover_any = 0
    empty_pred = empty_right = 0
    passed = counted = 0
    coded_sentences = 0
    for row, events in coded:
        gold_events = row.get("events") or []
        pred = predicted_keys(events)
        valid = all(_valid(g) for g in gold_events)
        if valid:
            coded_sentences += 1
            gold = [_key(str(g["code"])[:2], g.get("source"), g.get("target")) for g in gold_events]
            for rule, c in counts.items():
                keys = pred if rule == "dyadic" else predicted_keys(events, rule)
                found = match(gold, keys)
                c[0] += found
                c[1] += len(keys) - found
                c[2] += len(gold) - found
                if petrarch and rule == "dyadic":
                    counted += 1
                    passed += found == len(gold) == len(keys)
        if not pred:
            empty_pred += 1
            empty_right += not gold_events
        types = {plover_name(g.get("plover")) for g in gold_events if g.get("plover")}
        if types:
            plover_total += 1
            kept = [e for e in events if e.plover_type and claimed(e)]
            top = max(kept, key=lambda e: e.confidence, default=None)
            plover_top += top is not None and plover_name(top.plover_type) in types
            plover_any += any(plover_name(e.plover_type) in types for e in kept)
    scores: dict[str, Any] = {"sentences": len(coded), "coded_sentences": coded_sentences}
    if coded_sentences:
        tp, fp, fn = counts["dyadic"]
        scores.update(prf(tp, fp, fn))
        scores.update({"tp": tp, "fp": fp, "fn": fn})
        for rule in ("strict", "all"):
            for name, value in prf(*counts[rule]).items():
                scores[f"{name}_{rule}"] = value
    else:
        scores.update({"precision": None, "recall": None, "f1": None})
    scores["plover_accuracy"] = plover_top / plover_total if plover_total else None
    scores["plover_any"] = plover_any / plover_total if plover_total else None
    scores["plover_records"] = plover_total
    scores["no_event_precision"] = empty_right / empty_pred if empty_pred else None
    if petrarch:
        scores["unit_tests_passed"] = passed
        scores["unit_tests_counted"] = counted
        scores["unit_test_pass_rate"] = passed / counted if counted else None
    return scores


PENTA_NAMES = (
    "statement", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"
)  # fmt: skip


def penta_class(root: str) -> int:
    """The 5-way class of a CAMEO root (Multi-CoPED's ``penta_label``)."""
    n = int(root[:2])
    if n <= 2:
        return 0
    if n <= 5:
        return 1
    if n <= 8:
        return 2
    if n <= 13 or n == 16:
        return 3
    return 4


def top_event(events: list[Event]) -> Event | None:
    """The most confident event that claims something happened (``claimed``); ties: the first."""
    kept = [e for e in events if claimed(e)]
    return max(kept, key=lambda e: e.confidence, default=None)


def span_offsets(text: str, span: str) -> tuple[int, int] | None:
    """Where a gold span (tokenised: "government 's request") lies in the text, tolerating the
    spaces its tokenisation added and apostrophe variants; None if it cannot be found."""
    words = [re.escape(w) for w in span.split()]
    if not words:
        return None
    pattern = r"\s*".join(words).replace("'", "['’ʼ]")
    found = re.search(pattern, text)
    return (found.start(), found.end()) if found else None


def _overlaps(start: int, end: int, text: str, spans: list[str], offset: int = 0) -> bool:
    for span in spans:
        where = span_offsets(text, span)
        if where is not None and start < where[1] + offset and where[0] + offset < end:
            return True
    return False


def _score_spans(coded: list[tuple[dict[str, Any], list[Event]]], petrarch: bool = False) -> dict[str, Any]:
    """Class and argument-span scores for span-format rows (module docstring)."""
    tp, fp, fn = [0] * 5, [0] * 5, [0] * 5
    covered = right = 0
    arg_counts = {"source": [0, 0, 0], "target": [0, 0, 0]}  # [gold has one, we name one, overlapping]
    for row, events in coded:
        gold = int(row["penta_label"])
        top = top_event(events)
        reciprocal = list(row.get("reciprocal_spans") or [])
        for role in arg_counts:
            arg_counts[role][0] += bool(list(row.get(f"{role}_spans") or []) + reciprocal)
        if top is None:
            fn[gold] += 1
            continue
        covered += 1
        guess = penta_class(top.root_code)
        right += guess == gold
        if guess == gold:
            tp[gold] += 1
        else:
            fp[guess] += 1
            fn[gold] += 1
        roles = (("source", top.source_start, top.source_end), ("target", top.target_start, top.target_end))
        for role, start, end in roles:
            spans = list(row.get(f"{role}_spans") or []) + reciprocal
            if spans and start >= 0:
                # Offsets are into the row's own text (``code_rows``).
                counts = arg_counts[role]
                counts[1] += 1
                counts[2] += _overlaps(start, end, row["text"], spans)
    n = len(coded)
    f1s = [prf(tp[k], fp[k], fn[k])["f1"] for k in range(5)]
    out: dict[str, Any] = {
        "sentences": n,
        "coverage": covered / n if n else None,
        "class_accuracy": right / n if n else None,
        "class_accuracy_covered": right / covered if covered else None,
        "macro_f1": sum(f1s) / 5,
        "class_f1": dict(zip(PENTA_NAMES, f1s, strict=True)),
    }
    for role, (gold_has, named, hits) in arg_counts.items():
        out[f"{role}_span_accuracy"] = hits / gold_has if gold_has else None
        out[f"{role}_span_precision"] = hits / named if named else None
        out[f"{role}_spans_gold"] = gold_has
    return out


def _fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def format_table(result: dict[str, Any]) -> str:
    """Plain-text tables of an ``evaluate_events`` result: the event-format origins, then the
    span-format ones, each origin whole and per half."""
    rows = []
    for name, m in result["by_origin"].items():
        rows.append((name, m))
        for h, part in m.get("halves", {}).items():
            rows.append((f"  {h} half", part))
    out = _event_table([(n, m) for n, m in rows if "f1" in m or "precision" in m])
    spans = [(n, m) for n, m in rows if "class_accuracy" in m]
    if spans:
        out.append("")
        out.append(
            f"{'origin':<44}{'sent':>6}{'cover':>7}{'class acc':>10}{'covered':>9}{'macro F1':>9}"
            f"{'source':>8}{'src P':>7}{'target':>8}{'tgt P':>7}"
        )
        for name, m in spans:
            out.append(
                f"{name:<44}{m['sentences']:>6}{_fmt(m['coverage']):>7}{_fmt(m['class_accuracy']):>10}"
                f"{_fmt(m['class_accuracy_covered']):>9}{_fmt(m['macro_f1']):>9}"
                f"{_fmt(m['source_span_accuracy']):>8}{_fmt(m['source_span_precision']):>7}"
                f"{_fmt(m['target_span_accuracy']):>8}{_fmt(m['target_span_precision']):>7}"
            )
        out.append("class acc: 5-way class of the top claimed event, every sentence (none = wrong);")
        out.append("covered: where we claim one. source/target: our top event's argument overlaps the")
        out.append("gold span, of the sentences whose gold has one (none = wrong); P: where we name one.")
    for name, why in result.get("skipped", {}).items():
        out.append(f"skipped {name}: {why}")
    return "\n".join(out)


def _event_table(rows: list[tuple[str, dict[str, Any]]]) -> list[str]:
    if not rows:
        return []
    head = (
        f"{'origin':<44}{'sent':>6}{'P':>7}{'R':>7}{'F1':>7}{'F1 strict':>10}{'F1 all':>8}"
        f"{'PLOVER':>8}{'no-ev P':>9}{'unit tests':>12}"
    )
    out = [head]
    for name, m in rows:
        unit = f"{m['unit_tests_passed']}/{m['unit_tests_counted']}" if "unit_tests_passed" in m else "-"
        out.append(
            f"{name:<44}{m['sentences']:>6}{_fmt(m['precision']):>7}{_fmt(m['recall']):>7}{_fmt(m['f1']):>7}"
            f"{_fmt(m.get('f1_strict')):>10}{_fmt(m.get('f1_all')):>8}{_fmt(m['plover_accuracy']):>8}{_fmt(m['no_event_precision']):>9}{unit:>12}"
        )
    out.append("F1: dyadic events (PETRARCH's require_dyad; 01/14/15 complete with one actor);")
    out.append("F1 strict: both actors always; F1 all: every event with an actor.")
    return out


def register(app: typer.Typer) -> None:
    """Add `newsgraph eval events` to the eval command group."""

    @app.command("events")
    def events_cmd(
        gold: Annotated[Path, typer.Option("--gold", help="Gold events JSONL.")],
        origin: Annotated[str | None, typer.Option("--origin", help="Only origins with this prefix.")] = None,
        half: Annotated[
            str | None, typer.Option("--half", help="Score one half only: read or check (default: both).")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    ) -> None:
        """Event coding: root+dyad P/R/F1, PLOVER type accuracy, no-event precision, PETRARCH unit tests;
        5-way class and argument spans for span-format gold; each origin whole and per half."""
        from newsgraph.evaluate.cli import report

        report(lambda: evaluate_events(gold, origin=origin, which=half), format_table, as_json)
