"""Time expressions as a spaCy component: found by our rules, normalised against the publication date.

`timexes(doc)` is the pure function (Doc in, `Timex` records out); the `newsgraph_timexes`
component (the package's ``__init__``) puts its result on `doc._.timexes`. The finder and
resolvers live in `rules` (values and precisions are documented there), calendar arithmetic in
`calendar`, the words they read in `lexicon`.

The anchor is `doc._.published` with `doc._.published_precision`. Tense, which decides whether
"June 20" or "Wednesday" lies before or after the anchor, comes from the verb that governs the
expression in the dependency parse: past tense or a perfect → not after the anchor; "will",
"would", "shall" or a present progressive → not before; otherwise the nearest
(weekdays default to the past: news reports what happened). Cues beyond the verb's own tense: a
possessive day ("Wednesday's ruling") and a bare participle ("the decision, announced Wednesday")
are past; planning verbs ("scheduled", "postponed until"), an infinitive under a planning word
("planned to leave on Thursday") and "as soon as" / "ahead of" point ahead.
When the anchor is known only to the month (or year), a value that would need the day (a weekday,
"yesterday", "last week") is given at the anchor's precision instead, with `:anchor-month` /
`:anchor-year` on its rule: never a made-up day.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from newsgraph.analyze import extensions
from newsgraph.analyze.doctext import doc_text
from newsgraph.analyze.timexes.calendar import parse_anchor
from newsgraph.analyze.timexes.rules import Context, candidates
from newsgraph.knowledge.tables import group
from newsgraph.records import Timex

extensions.register("timexes", None)

_WORDS = "timex_words.tsv"
FUTURE_AUX = group(_WORDS, "future_aux")
AS_SOON_AS = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|ahead\s+of(?:\s+the)?)\s+$")
# Nouns a bare year may count without being a date ("1,500 people" is not, "2016 elections" is).
TIME_NOUNS = group(_WORDS, "time_noun")
# Words that look ahead: what they govern is planned, so an infinitive under them ("planned to leave
# on Thursday", "is set to resume Monday", "ready to leave") points forward even in the past tense.
PROSPECTIVE = group(_WORDS, "prospective")
# Verbs whose time expression names the day of what is planned, whatever their own tense.
PLAN_VERBS = group(_WORDS, "plan_verb")


def _past_perfect(token: Token) -> bool:
    """ "had been due to expire Friday": the plan itself lies in the past, and so does its day."""
    heads = [token, token.head] if token.pos_ not in ("VERB", "AUX") else [token]
    return any(
        c.lower_ in ("had", "'d") and c.dep_ in ("aux", "auxpass") for t in heads for c in t.children
    ) or any(t.lower_ == "had" for t in heads)


def _verb_direction(verb: Token) -> int | None:
    """-1 past, +1 future, 0 present, None when this verb says nothing (a bare participle)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.lemma_.lower() in PLAN_VERBS and not _past_perfect(verb):
        return 1  # "scheduled a news conference Thursday", "postponed until Tuesday": the day planned for
    for aux in auxes:
        if aux.lower_ in FUTURE_AUX or aux.lemma_.lower() in ("will", "shall"):
            return 1
        if aux.tag_ == "TO":
            # An infinitive takes its time from the verb above it ("agreed Monday to ..."), unless
            # that verb looks ahead: then the infinitive's event is still to come.
            head = verb.head
            if (
                head.i != verb.i
                and head.lemma_.lower() in PROSPECTIVE
                and verb.dep_ in ("xcomp", "acl", "advcl")
                and not _past_perfect(head)
            ):
                return 1
            return None
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("acl", "advcl"):
        # A reduced relative ("the decision, announced Wednesday"): done, unless it plans ahead
        # ("the meeting scheduled for Friday").
        return 1 if verb.lemma_.lower() in PROSPECTIVE - {"be", "agree", "decide"} else -1
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return 1  # "is meeting on Friday"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return -1
    if any(a.lemma_ == "have" for a in auxes) and (verb.tag_ == "VBN" or any(a.tag_ == "VBN" for a in auxes)):
        return -1  # perfect: "have been trying up until Wednesday"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP", "MD") for a in auxes):
        return 0
    if "Past" in verb.morph.get("Tense") and verb.tag_ != "VBN":
        return -1
    return None


def direction_for(doc: Doc) -> Callable[[int, int], int]:
    """A function (start, end) → the tense direction of the verb governing that span."""
    parsed = doc.has_annotation("DEP")

    def direction(start: int, end: int) -> int:
        if not parsed:
            return 0
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return 0
        token = span.root
        if token.dep_ == "poss":
            return -1  # "Wednesday's ruling": a day named as the owner of an event that happened
        before = doc_text(doc)[max(0, start - 16) : start].lower()
        if AS_SOON_AS.search(before):
            return 1  # "as soon as Tuesday", "ahead of the weekend": a possibility or an event ahead
        for _ in range(8):
            if token.pos_ in ("VERB", "AUX"):
                found = _verb_direction(token)
                if found is not None:
                    return found
            if token.head.i == token.i:
                break
            token = token.head
        return 0

    return direction


def sentence_index(doc: Doc) -> Callable[[int], int]:
    starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]

    def index(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    return index


def _vetoed(doc: Doc, rule: str, start: int, end: int) -> bool:
    """Parse-based vetoes for matches the text alone cannot judge."""
    if rule != "year" or not doc.has_annotation("DEP"):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span[-1]
    # A bare four-digit number directly counting things ("1500 troops") is a quantity, not a year; a
    # year names one thing ("the 1996 bombing", "its 1990 invasion", "the 1992 protests").
    if span.text.isdigit() and token.dep_ == "nummod" and token.head.i == token.i + 1:
        head, prev = token.head, doc[token.i - 1] if token.i > 0 else None
        named = prev is not None and prev.tag_ in ("DT", "PRP$", "POS", "JJ")
        return head.tag_ == "NNS" and head.lower_ not in TIME_NOUNS and not named
    return False


def timexes(doc: Doc) -> list[Timex]:
    """The time expressions of a Doc, in text order."""
    text = doc_text(doc)
    sent_of = sentence_index(doc)
    ctx = Context(
        anchor=parse_anchor(doc._.published or "", doc._.published_precision or ""),
        direction=direction_for(doc),
        sentence_of=sent_of,
    )
    out: list[Timex] = []
    found = candidates(text)
    # Clock times last: they take their day from a date anywhere in their sentence.
    ordered = [c for c in found if not c.rule.name.startswith("time")] + [
        c for c in found if c.rule.name.startswith("time")
    ]
    for cand in ordered:
        if _vetoed(doc, cand.rule.name, cand.start, cand.end):
            continue
        ctx.capped = False
        resolved = cand.rule.apply(cand.match, ctx)
        if resolved is None:
            continue
        value, precision = resolved
        rule = cand.rule.name
        if ctx.capped:
            rule += f":anchor-{ctx.anchor.precision}"
        out.append(
            Timex(
                article_id=doc._.article_id or "",
                sentence=sent_of(cand.start),
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                value=value,
                precision=precision,
                rule=rule,
            )
        )
    return sorted(out, key=lambda t: t.start)
