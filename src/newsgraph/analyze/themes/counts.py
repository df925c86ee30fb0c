"""Counts, as GDELT's GKG reports them: how many people were killed, wounded, arrested, kidnapped,
displaced, evacuated, or protested ("at least 12 people were killed", "police detained 41",
"killing two soldiers"). Read from the parse: a number, or the noun it counts, is the subject or
object of a verb of ``knowledge/data/count_verbs.tsv``. Dates, money and percentages are no counts."""

from __future__ import annotations

from functools import cache

import numpy
from spacy.tokens import Doc, Token

from newsgraph.analyze.sentences import bounds
from newsgraph.knowledge import tables
from newsgraph.records import Count

#: Dependency labels that make a noun (or number) the one a verb happens to.
ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "conj"})
#: Entity labels whose numbers are no counts.
NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)
_WORDS = {word: n for n, word in enumerate(_UNITS.split(" "))}
_WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}


@cache
def count_verbs() -> dict[str, str]:
    """Verb lemma -> count kind."""
    return {lemma: kind for lemma, kind in tables.rows("count_verbs", 2)}


def number_of(token: Token) -> int | None:
    """The value of a number token ("41", "3,000", "two", "twenty-five"), times a following scale word
    ("3 million"); None when it is not a whole number."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        value = int(text)
    elif text in _WORDS:
        value = _WORDS[text]
    elif "-" in text and all(part in _WORDS for part in text.split("-")):
        value = sum(_WORDS[part] for part in text.split("-"))
    else:
        return None
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ in _SCALES:
        value *= _SCALES[following.lower_]
    return value


def find_counts(doc: Doc, article_id: str = "") -> list[Count]:
    """Every count in a parsed document, in text order."""
    verbs = count_verbs()
    outside = {i for ent in doc.ents if ent.label_ in NOT_COUNTS for i in range(ent.start, ent.end)}
    sentence_of = {}
    for n, (start, end) in enumerate(bounds(doc)):
        sentence_of.update(dict.fromkeys(range(start, end), n))
    found = []
    # Only the tokens that look like numbers become Token objects.
    for i in numpy.flatnonzero(doc.to_array("LIKE_NUM")).tolist():
        tok = doc[i]
        if tok.i in outside:
            continue
        number = number_of(tok)
        if number is None:
            continue
        counted = tok.head if tok.dep_ == "nummod" else tok
        role, verb = counted.dep_, counted.head
        if role == "conj":  # "killing two soldiers and wounding three": the conjunct's own verb
            verb = counted.head.head
            role = counted.head.dep_
        if role not in ROLES or verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        # "two rounds of heavy fighting killed ...": a measure of something else, not a count.
        if counted is not tok and any(child.lower_ == "of" for child in counted.children):
            continue
        start, end = min(tok.i, counted.i), max(tok.i, counted.i) + 1
        span = doc[start:end]
        found.append(
            Count(
                article_id=article_id,
                sentence=sentence_of.get(tok.i, 0),
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                kind=verbs[verb.lemma_.lower()],
                number=number,
                object=counted.lemma_.lower() if counted is not tok else "",
                rule=f"count:{verb.lemma_.lower()} {role}",
            )
        )
    return found
