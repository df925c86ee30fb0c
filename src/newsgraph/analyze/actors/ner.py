"""The model's entities corrected by what the document itself says.

spaCy's small model labels each span from its local context only, so on news it tags a bare surname
as ORG ("Lavrov"), an upper-case dateline as a person ("HAMBURG"), glues an organisation to the
person after it ("NATO Kurt Volker") and reads ALL-CAPS headlines poorly. These passes fix that with
evidence a reader uses, each correction naming its rule:

1. ``caps-line``: lines written in capitals (headlines, datelines, sports tables) are re-tagged from
   a case-restored copy ("HAMBURG" -> "Hamburg"), since the model learnt names from mixed case.
2. ``trim``/``split``: entities are cut at line breaks, brackets, spaced dashes and commas; leading
   determiners, titles and nationality words and trailing numbers or lower-case words are moved out
   (the titles are kept as evidence: "President Trump" is a person).
3. ``split:glued``: an organisation or country glued to a name ("NATO Kurt Volker") is split.
4. ``table:*`` and ``context:*``: country names are places (GPE), international organisations are
   ORG, a name after a person title ("striker", "Foreign Minister", "Mr") or before an apposition
   (", a spokeswoman") is a person, a capitalised dateline word is a place.
5. ``doc:*``: one sense per document: a surname of a person named in full is that person wherever
   it recurs; a name labelled differently in several places takes the label the stronger evidence
   gives; a name the model missed somewhere gets the label it has elsewhere in the document.
6. ``sports:*``: team names in score lines ("Leeds 2 Oldham 1") and league tables are organisations.

Everything here is a pure function of the Doc; the corrected entities are written back to
``doc.ents`` (so later components see them) and each entity's rule to ``doc._.ent_rules``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.analyze.doctext import doc_text
from newsgraph.analyze.extensions import register, required
from newsgraph.extract.dateline import Dateline
from newsgraph.knowledge import tables
from newsgraph.knowledge.capitals import capital
from newsgraph.knowledge.countries import country_code
from newsgraph.knowledge.demonyms import demonym_code
from newsgraph.knowledge.igos import igo
from newsgraph.knowledge.offices import holder_in
from newsgraph.knowledge.roles import institution, max_role_words, role

register("ent_rules", None)  # {(start_char, end_char): rule} for every entity in doc.ents

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
SPLIT_TOKENS = {"(", ")", "[", "]", ",", ";", ":", "|", "/", '"', "“", "”", "«", "»"}
DASHES = {"-", "--", "—", "–"}
# Word lists: knowledge/data/actor_words.tsv and honorifics.tsv (see their headers).
DETERMINERS = tables.group("actor_words.tsv", "determiner")
HONORIFICS = tables.words("honorifics.tsv")
ORG_WORDS = tables.group("actor_words.tsv", "org_word")
PLACE_NOUNS = tables.group("actor_words.tsv", "place_noun")
# The agency of a dateline that is an organisation's name ("Reuters", "Danube Post").
AGENCY = re.compile(r"[A-Z][\w .&-]{1,40}")
SCORE_LINE = re.compile(
    r"^[ \t]*(?P<a>[A-Z][^\d\n]*?)[ \t]+\d+[ \t]+(?P<b>[A-Z][^\d\n]*?)[ \t]+\d+[ \t]*(?:\(.*\))?[ \t]*$", re.M
)
TABLE_LINE = re.compile(r"^[ \t]*(?P<a>[A-Z][^\d\n()]*?)(?:[ \t]+\d+){5,}[ \t]*$", re.M)

# How much a rule's say counts in the document-level label vote.
STRONG_RULES = ("context:", "table:", "dateline", "split:glued", "sports:", "doc:surname")


@dataclass
class Ent:
    start: int  # token indices
    end: int
    label_: str  # named as on spaCy spans
    rule: str
    evidence: list[str] = field(default_factory=list)  # title words moved out of the span

    @property
    def strong(self) -> bool:
        return self.rule.startswith(STRONG_RULES)


def correct_entities(doc: Doc, nlp: Language | None = None) -> Doc:
    """Rewrite ``doc.ents`` with the corrected entities and ``doc._.ent_rules`` with their rules."""
    ents = [Ent(e.start, e.end, e.label_, f"ner:{e.label_}") for e in doc.ents]
    if nlp is not None:
        ents = _caps_lines(doc, ents, nlp)
    ents = [part for ent in ents for part in _trim_and_split(doc, ent)]
    ents = [part for ent in ents for part in _split_glued(doc, ent)]
    for ent in ents:
        _local_label(doc, ent)
    ents = _datelines(doc, ents)
    ents = _place_lists(doc, ents)
    ents = _sports_lines(doc, ents)
    ents = _document_evidence(doc, ents)
    _write_back(doc, ents)
    return doc


# -- 1. capitals ------------------------------------------------------------------------------------


def _caps_line_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of lines written in capitals (at least 4 letters, 80% of them upper case)."""
    spans, pos = [], 0
    for line in text.split("\n"):
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _restore_case(text: str) -> str:
    """ "HAMBURG (SPUTNIK)" -> "Hamburg (Sputnik)"; same length, so offsets carry over.

    Short all-capital words that read as acronyms elsewhere (NATO, USA) stay as they are.
    """
    return re.sub(
        r"[A-Za-z][A-Za-z'’]*",
        lambda m: (
            m.group(0) if len(m.group(0)) <= 4 and igo(m.group(0)) else m.group(0)[0] + m.group(0)[1:].lower()
        ),
        text,
    )


def _caps_lines(doc: Doc, ents: list[Ent], nlp: Language) -> list[Ent]:
    spans = _caps_line_spans(doc_text(doc))
    if not spans or "ner" not in nlp.pipe_names:
        return ents
    kept = [e for e in ents if not any(a <= doc[e.start].idx < b for a, b in spans)]
    body = {_key(doc[e.start : e.end].text): e.label_ for e in kept}
    whole = doc_text(doc)
    texts = [_restore_case(whole[a:b]) for a, b in spans]
    # Only the layers NER needs, on the short case-restored lines; our own component is not re-run.
    layers = [nlp.get_pipe(name) for name in ("tok2vec", "ner") if name in nlp.pipe_names]
    for (a, _b), text in zip(spans, texts, strict=True):
        line_doc = nlp.make_doc(text)
        for layer in layers:
            line_doc = layer(line_doc)
        for ent in line_doc.ents:
            span = doc.char_span(a + ent.start_char, a + ent.end_char, alignment_mode="expand")
            if span is None:
                continue
            label = body.get(_key(span.text))
            if label:  # the body names it in mixed case: trust the body's label
                kept.append(Ent(span.start, span.end, label, f"caps-line:body({label})"))
            elif country_code(span.text) or igo(span.text) or (len(span) <= 2 and "-" not in span.text):
                # Long case-restored guesses in headlines ("Alpine Skiing-Women 's") are mostly wrong.
                kept.append(Ent(span.start, span.end, ent.label_, f"caps-line:{ent.label_}"))
    return sorted(kept, key=lambda e: e.start)


# -- 2. trimming and splitting ------------------------------------------------------------------


def _is_break(tok: Token) -> bool:
    if "\n" in tok.text or tok.is_space or tok.text in SPLIT_TOKENS:
        return True
    if tok.text in DASHES:
        prev_ws = tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)
        return prev_ws or bool(tok.whitespace_)
    return False


def _title_words_at(doc: Doc, start: int, end: int) -> int:
    """How many tokens from ``start`` (before ``end``) form a person title with its nationality
    words, "former" or an honorific ("Russian Foreign Minister", "Defender", "Mr"); 0 if none.

    Only a person title counts: "US Senate" keeps its nationality word (a body, not a title)."""
    i, person = start, False
    while i < end:
        word = doc[i].text.casefold()
        if word.rstrip(".") in HONORIFICS:
            i, person = i + 1, True
            continue
        if word in {"former", "acting", "deputy", "then"}:
            i += 1
            continue
        longest = 0
        for n in range(min(max_role_words(), end - i), 0, -1):
            found = role(doc[i : i + n].text)
            if found is not None and found.applies == "person":
                longest = n
                break
        if longest:
            i, person = i + longest, True
            continue
        if demonym_code(doc[i].text) and i + 1 < end and _title_words_at(doc, i + 1, end):
            i += 1
            continue
        break
    # Never eat the whole span, and a title must be followed by a capitalised name.
    if not person or i >= end or not doc[i].text[:1].isupper():
        return 0
    return i - start


def _trim_and_split(doc: Doc, ent: Ent) -> list[Ent]:
    parts, run = [], []
    for i in range(ent.start, ent.end):
        if _is_break(doc[i]):
            if run:
                parts.append((run[0], run[-1] + 1))
            run = []
        else:
            run.append(i)
    if run:
        parts.append((run[0], run[-1] + 1))
    out = []
    for start, end in parts:
        rule = ent.rule if (start, end) == (ent.start, ent.end) else f"split:{ent.label_}"
        evidence: list[str] = []
        while start < end and doc[start].lower_ in DETERMINERS:
            start += 1
        if ent.label_ in ("PERSON", "ORG", "GPE", "LOC", "NORP"):
            n = _title_words_at(doc, start, end)
            if n:
                title = doc[start : start + n].text
                if (
                    start > 0
                    and doc[start - 1].lower_ in ("former", "ex")
                    and "former" not in title.casefold()
                ):
                    title = f"{doc[start - 1].text} {title}"  # "former [US President Barack Obama]"
                evidence.append(title)
                start += n
        while end > start and _trailing_junk(doc[end - 1]):
            end -= 1
        if end > start and any(c.isupper() for c in doc[start:end].text):
            if evidence:
                rule = f"trim:title->{ent.label_}"
            out.append(Ent(start, end, ent.label_, rule, evidence))
    return out


def _trailing_junk(tok: Token) -> bool:
    return tok.is_punct or tok.like_num or tok.text in ("'s", "’s", "'", "’") or tok.text.islower()


def _split_glued(doc: Doc, ent: Ent) -> list[Ent]:
    """ "NATO Kurt Volker" -> NATO (ORG) + Kurt Volker (PERSON): a known organisation or country
    name followed by two or more capitalised words that are not part of the organisation's name."""
    if ent.label_ not in ("ORG", "PERSON", "GPE") or ent.end - ent.start < 3:
        return [ent]
    for k in range(1, ent.end - ent.start - 1):
        head = doc[ent.start : ent.start + k].text
        rest = doc[ent.start + k : ent.end]
        known = igo(head) or institution(head)
        label = "ORG" if known else ("GPE" if country_code(head) else "")
        if not label:
            continue
        if len(rest) >= 2 and all(t.text[:1].isupper() and t.is_alpha for t in rest):
            if any(t.lower_ in ORG_WORDS for t in rest) or igo(rest.text) or institution(rest.text):
                continue
            return [
                Ent(ent.start, ent.start + k, label, "split:glued"),
                Ent(ent.start + k, ent.end, "PERSON", "split:glued", ent.evidence),
            ]
    return [ent]


# -- 4. local evidence --------------------------------------------------------------------------


def _person_title_before(doc: Doc, start: int) -> str:
    """The title or honorific directly before a name ("Foreign Minister", "striker", "Mr"), else ""."""
    for n in range(min(max_role_words(), start), 0, -1):
        words = doc[start - n : start]
        if any(_is_break(t) for t in words):
            continue
        found = role(words.text)
        if found is not None and found.applies == "person":
            return words.text
    if start > 0 and doc[start - 1].lower_.rstrip(".") in HONORIFICS:
        return doc[start - 1].text
    return ""


def _apposition_role_after(doc: Doc, end: int) -> str:
    """ ", a spokeswoman for" / ", the Russian foreign minister" after a name -> the role words."""
    if end + 2 >= len(doc) or doc[end].text != ",":
        return ""
    i = end + 1
    if doc[i].lower_ in DETERMINERS:
        i += 1
    while i < len(doc) and (demonym_code(doc[i].text) or doc[i].lower_ in {"former", "deputy", "senior"}):
        i += 1
    for n in range(min(max_role_words(), len(doc) - i), 0, -1):
        found = role(doc[i : i + n].text)
        if found is not None and found.applies == "person":
            return doc[i : i + n].text
    return ""


def _looks_like_name(span: Span) -> bool:
    return (
        1 <= len(span) <= 4
        and all(t.text[:1].isupper() or t.text in ("-", "'") for t in span)
        and not any(t.lower_ in ORG_WORDS for t in span)
    )


def _local_label(doc: Doc, ent: Ent) -> None:
    span = doc[ent.start : ent.end]
    text = span.text
    if ent.label_ not in ACTOR_LABELS:
        return
    if ent.label_ != "NORP" and country_code(text):
        if ent.label_ != "GPE":
            ent.label_, ent.rule = "GPE", f"table:country({ent.label_}->GPE)"
        return
    if igo(text) or institution(text):
        if ent.label_ != "ORG":
            ent.label_, ent.rule = "ORG", f"table:igo({ent.label_}->ORG)"
        return
    if not _looks_like_name(span):
        return
    title = ent.evidence[0] if ent.evidence else _person_title_before(doc, ent.start)
    title = title or _apposition_role_after(doc, ent.end)
    if title and ent.label_ in ("ORG", "GPE", "LOC", "NORP", "PERSON"):
        if ent.label_ != "PERSON":
            ent.rule = f"context:title({ent.label_}->PERSON)"
        elif not ent.rule.startswith(("split:", "trim:")):
            ent.rule = "context:title(PERSON)"
        ent.label_ = "PERSON"


def _datelines(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """A capitalised word opening a line before "(Agency) —", a dash or a date (the datelines of
    ``extract.dateline``) is the place the story was filed from; an agency right after it, an
    organisation."""
    out = list(ents)
    for line in required(doc, "datelines", "newsgraph_datelines"):
        place = line.place
        if not _names_place(line) or len(place) < 3 or igo(place) or not any(c.isalpha() for c in place):
            continue
        span = doc.char_span(line.start, line.place_end, alignment_mode="contract")
        if span is None or len(span) == 0:
            continue
        out = [e for e in out if e.end <= span.start or e.start >= span.end]
        out.append(Ent(span.start, span.end, "GPE", "dateline"))
        if AGENCY.fullmatch(line.agency) and not (line.qualifier or line.date_text):
            at = line.agency_start
            name = doc.char_span(at, at + len(line.agency), alignment_mode="contract")
            if name is not None and len(name):
                out = [e for e in out if e.end <= name.start or e.start >= name.end]
                out.append(Ent(name.start, name.end, "ORG", "dateline:agency"))
    return sorted(out, key=lambda e: e.start)


def _names_place(line: Dateline) -> bool:
    """A date, or an agency and a dash or a long dash right after the place ("SOCCER - JAPAN GET
    LUCKY WIN" is a headline; "BEIRUT, Lebanon —" is left to the model)."""
    if line.date_text:
        return True
    if line.qualifier:
        return False
    return (line.form == "agency" and bool(line.dash) and line.agency[:1].isalpha()) or (
        line.form == "dash" and line.long_dash
    )


def _place_lists(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """ "in Daraa, Quneitra and As-Suwayda provinces", "Idlib province": names before a place noun
    (one or a coordinated list of them) are places."""
    out = list(ents)
    for tok in doc:
        if tok.lower_ not in PLACE_NOUNS or tok.i == 0:
            continue
        plural = tok.lower_.endswith("s") or tok.lower_ == "cities"
        groups: list[tuple[int, int]] = []
        i = tok.i - 1
        while i >= 0:
            end = i + 1
            while i >= 0 and (doc[i].text[:1].isupper() or (doc[i].text in ("-", "'") and i > 0)):
                i -= 1
            if end - (i + 1) == 0 or doc[i + 1].text in ("-", "'"):
                break
            groups.append((i + 1, end))
            if not plural or i < 0 or doc[i].lower_ not in (",", "and", "or"):
                break
            i -= 1
            if i >= 0 and doc[i].text == "," and i + 1 < len(doc) and doc[i + 1].lower_ in ("and", "or"):
                i -= 1
        if plural and len(groups) < 2 and groups and doc[groups[0][0] - 1].lower_ not in ("and", "or", ","):
            pass
        for start, end in groups:
            if start > 0 and doc[start - 1].lower_ == "the" and end - start > 3:
                continue
            overlapping = [e for e in out if e.start < end and start < e.end]
            if any(e.strong and e.label_ != "GPE" for e in overlapping):
                continue
            out = [e for e in out if e not in overlapping]
            out.append(Ent(start, end, "GPE", f"context:place-noun:{tok.lower_}"))
    return sorted(out, key=lambda e: e.start)


def _sports_lines(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """Score lines ("Leeds 2 Oldham 1") and league-table rows name teams: organisations."""
    out = list(ents)
    for pattern, groups, rule in (
        (SCORE_LINE, ("a", "b"), "sports:score-line"),
        (TABLE_LINE, ("a",), "sports:table-row"),
    ):
        for match in pattern.finditer(doc_text(doc)):
            for group in groups:
                name = match.group(group).strip()
                start = match.start(group)
                span = doc.char_span(start, start + len(name), alignment_mode="contract")
                if span is None or len(span) == 0 or len(span) > 5:
                    continue
                if not all(t.text[:1].isupper() or t.is_punct for t in span):
                    continue
                if any(_is_break(t) for t in span) or country_code(span.text):
                    continue  # national teams: the country, as the place they stand for
                overlapping = [e for e in out if e.start < span.end and span.start < e.end]
                if any(e.label_ == "PERSON" and e.strong for e in overlapping):
                    continue
                out = [e for e in out if e not in overlapping]
                out.append(Ent(span.start, span.end, "ORG", rule))
    return sorted(out, key=lambda e: e.start)


# -- 5. one sense per document ------------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _office_holder_surname(span: Span, ent: Ent, published: str) -> bool:
    """A one-word ORG/GPE/LOC that is no country's name but the name of exactly one office holder in
    office on the publication date (``knowledge/data/offices.tsv``)."""
    if ent.strong or not published or len(span) != 1 or ent.label_ not in ("ORG", "GPE", "LOC"):
        return False
    text = span.text
    if not text[:1].isupper() or text.isupper() or country_code(text) or capital(text):
        return False
    found = holder_in(text, published, "day")
    return found is not None and found[1]


@dataclass
class _Evidence:
    """What the whole document says about its names, shared by the steps below."""

    doc: Doc
    caps: list[tuple[int, int]]
    published: str
    surnames: dict[str, str] = field(default_factory=dict)  # surname key -> full name
    votes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def in_caps(self, ent: Ent) -> bool:
        return any(a <= self.doc[ent.start].idx < b for a, b in self.caps)

    def text(self, ent: Ent) -> str:
        return self.doc[ent.start : ent.end].text


def _collect_surnames(ev: _Evidence, ents: list[Ent]) -> list[Ent]:
    """Surnames of people named in full are those people ("Lavrov" after "Sergei Lavrov")."""
    for ent in ents:
        span = ev.doc[ent.start : ent.end]
        if ent.label_ == "PERSON" and len(span) >= 2 and _looks_like_name(span) and not ev.in_caps(ent):
            ev.surnames.setdefault(_key(span[-1].text), span.text)
    return ents


def _split_surname_pairs(ev: _Evidence, ents: list[Ent]) -> list[Ent]:
    """ "Trump-Putin meeting": two people the article named, joined by a hyphen."""
    split: list[Ent] = []
    for ent in ents:
        parts = [t for t in ev.doc[ent.start : ent.end] if t.text != "-"]
        named = all(_key(t.text) in ev.surnames for t in parts)
        if len(parts) >= 2 and len(parts) < ent.end - ent.start and named:
            split.extend(Ent(t.i, t.i + 1, "PERSON", "doc:surname-pair") for t in parts)
        else:
            split.append(ent)
    return split


def _relabel_from_tables(ev: _Evidence, ents: list[Ent]) -> list[Ent]:
    """Surnames, capitals and office holders the model gave the wrong label."""
    for ent in ents:
        span = ev.doc[ent.start : ent.end]
        surname = _key(span.text) in ev.surnames
        if ent.label_ in ("ORG", "GPE", "LOC", "NORP", "FAC") and surname and not ent.strong:
            ent.rule = f"doc:surname({ent.label_}->PERSON)"
            ent.label_ = "PERSON"
        elif ent.label_ == "PERSON" and len(span) == 1 and not ent.strong and capital(span.text):
            # "bombed Sanaa" (tagged PERSON): a capital no one in the article bears as a surname.
            ent.rule = "table:capital(PERSON->GPE)"
            ent.label_ = "GPE"
        elif _office_holder_surname(span, ent, ev.published):
            # "Biden threatened Russia" (tagged GPE): the one holder of that name in office then.
            ent.rule = f"table:office-holder({ent.label_}->PERSON)"
            ent.label_ = "PERSON"
    return ents


def _vote_one_label(ev: _Evidence, ents: list[Ent]) -> list[Ent]:
    """One label per name: the strongest-supported label wins where they disagree."""
    for ent in ents:
        if ent.label_ in ACTOR_LABELS:
            weight = 3 if ent.strong else (1 if not ev.in_caps(ent) else 0.5)
            ev.votes[_key(ev.text(ent))][ent.label_] += weight
    for ent in ents:
        if ent.label_ not in ACTOR_LABELS or ent.strong or len(ev.votes[_key(ev.text(ent))]) < 2:
            continue
        (best, best_n), (_, second_n) = ev.votes[_key(ev.text(ent))].most_common(2)
        if best != ent.label_ and best_n > second_n:
            ent.rule = f"doc:label-vote({ent.label_}->{best})"
            ent.label_ = best
    return ents


def _label_missed_names(ev: _Evidence, ents: list[Ent]) -> list[Ent]:
    """A name the model missed somewhere takes the label it has elsewhere."""
    doc = ev.doc
    labels = {key: counter.most_common(1)[0][0] for key, counter in ev.votes.items()}
    labels.update({_key(s): "PERSON" for s in ev.surnames})
    taken = [False] * (len(doc) + 1)
    for ent in ents:
        for i in range(ent.start, ent.end):
            taken[i] = True
    by_first: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key, label in labels.items():
        words = key.split()
        if len(key) >= 3 and words:
            by_first[words[0]].append((len(words), label))
    added = []
    for tok in doc:
        if taken[tok.i] or not tok.text[:1].isupper() or tok.lower_ not in by_first:
            continue
        for n, label in sorted(by_first[tok.lower_], reverse=True):
            span = doc[tok.i : tok.i + n]
            if _missed_name_at(span, n, label, labels, taken):
                added.append(Ent(span.start, span.end, label, "doc:same-name"))
                for i in range(span.start, span.end):
                    taken[i] = True
                break
    return sorted(ents + added, key=lambda e: e.start)


def _missed_name_at(span: Span, n: int, label: str, labels: dict[str, str], taken: list[bool]) -> bool:
    doc, tok = span.doc, span.doc[span.start]
    if len(span) != n or any(taken[i] for i in range(span.start, span.end)):
        return False
    if labels.get(_key(span.text)) != label:
        return False
    if span.end < len(doc) and doc[span.end].text[:1].isupper() and not _is_break(doc[span.end]):
        return False  # part of a longer name ("Lavrov" in "Lavrov Street")
    sentence_initial = tok.is_sent_start or (tok.i > 0 and "\n" in doc[tok.i - 1].text)
    return not (sentence_initial and tok.pos_ != "PROPN" and not tok.is_upper)


#: One sense per document, in order: each step reads and extends the shared evidence.
DOCUMENT_STEPS: tuple[Callable[[_Evidence, list[Ent]], list[Ent]], ...] = (
    _collect_surnames,
    _split_surname_pairs,
    _relabel_from_tables,
    _vote_one_label,
    _label_missed_names,
)


def _document_evidence(doc: Doc, ents: list[Ent]) -> list[Ent]:
    published = (doc._.published or "") if Doc.has_extension("published") else ""
    ev = _Evidence(doc, _caps_line_spans(doc_text(doc)), published)
    for step in DOCUMENT_STEPS:
        ents = step(ev, ents)
    return ents


def _write_back(doc: Doc, ents: list[Ent]) -> None:
    chosen: list[Ent] = []
    last_end = -1
    # Longest first among overlaps, then left to right.
    for ent in sorted(ents, key=lambda e: (e.start, -(e.end - e.start))):
        if ent.start >= last_end and ent.end > ent.start:
            chosen.append(ent)
            last_end = ent.end
    spans = [Span(doc, e.start, e.end, label=e.label_) for e in chosen]
    doc.ents = spans
    doc._.ent_rules = {(s.start_char, s.end_char): e.rule for s, e in zip(spans, chosen, strict=True)}
    doc._.ent_titles = {
        (s.start_char, s.end_char): list(e.evidence) for s, e in zip(spans, chosen, strict=True) if e.evidence
    }


register("ent_titles", None)  # {(start_char, end_char): [title words moved out of the entity]}
