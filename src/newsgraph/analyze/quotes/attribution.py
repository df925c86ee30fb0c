"""Quotes and their speakers: direct, partial and indirect attributions.

`quotes(doc, mentions, actors)` is the pure function; the spaCy component
"newsgraph_quotes" (the package's ``__init__``) wraps it and stores the result on `doc._.quotes`.

Kinds (Quote.kind):
- direct: a quotation that stands as its own sentence or clause, its attribution outside
  the marks ('"...," Lavrov said.' / 'Trump said: "..."'); span = the words inside the marks;
- partial: quoted words embedded in the writer's own sentence ('X said that the meeting
  revealed "a very clear chemistry"', 'Trump "took note of ...," X said'); span = the quoted
  words only. The reported clause around them is not repeated as an indirect quote, so a
  "mixed" attribution shows up as its partial quotes (no separate "mixed" kind);
- indirect: reported speech without marks ('X said (that) CLAUSE', 'CLAUSE, X said',
  'X characterized Y as Z', 'according to X, CLAUSE'); span = the reported content.

Quote marks are paired on characters (`marks`), sentences come from the parser but are
merged wherever a quotation straddles them. Cues come from our lexicon
`knowledge/data/speech_cues.tsv`. Rules name how each quote was attributed:
direct|partial:trailing-cue, :leading-cue, :governing-cue (the cue the quote hangs on in
the parse), :sentence-cue (another cue in the sentence), :colon ('X: "..."'),
direct:continues-previous (an unattributed quotation right after an attributed one);
indirect:clause, indirect:object, indirect:according-to. The speaker rule
(`speakers`) is appended after "|".
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.analyze.doctext import doc_text
from newsgraph.analyze.extensions import register
from newsgraph.analyze.quotes.marks import MarkedSpan, find_marked_spans
from newsgraph.analyze.quotes.speakers import Speaker, SpeakerResolver, subject_of
from newsgraph.knowledge.speech import SpeechCue, SpeechCues, speech_cues
from newsgraph.knowledge.tables import group
from newsgraph.records import Actor, Mention, Quote

register("quotes", None)

EDGE = " \t\n,;:—–-"
PARAGRAPH_GAP = 2  # a quotation continues the last speaker within this many paragraph breaks


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    cue: str
    cue_tok: Token | None  # None for a continued quotation
    speaker_tok: Token | None
    rule: str
    speaker: Speaker | None = None


def quotes(doc: Doc, mentions: list[Mention], actors: list[Actor]) -> list[Quote]:
    """Every attribution in the doc, in text order, with its speaker resolved."""
    cues = speech_cues()
    text = doc_text(doc)
    marked = find_marked_spans(text)
    inside = _tokens_inside(doc, marked)
    sentences = _sentences(doc, marked)
    found = _quoted(doc, marked, sentences, inside, cues)
    used = {f.cue_tok.i for f in found if f.cue_tok is not None}
    found += _indirect(doc, sentences, inside, used, cues, marked)
    found.sort(key=lambda f: (f.start, f.end))
    resolver = SpeakerResolver(doc, mentions, actors)
    # Resolve in reading order of the speakers, so "he added" sees who spoke before it.
    order = sorted(found, key=lambda f: _position(f))
    last: Speaker | None = None
    for f in order:
        if f.speaker_tok is not None:
            f.speaker = resolver.resolve(f.speaker_tok, _position(f))
            last = f.speaker
        elif f.rule.startswith("direct:continues-previous"):
            f.speaker = _continued_speaker(found, f) or last
    article_id = doc._.article_id or ""
    out = []
    for n, f in enumerate(found):
        sp = f.speaker
        rule = f.rule + (f"|{sp.rule}" if sp is not None and sp.rule else "")
        out.append(
            Quote(
                id=f"{article_id}:q{n}",
                article_id=article_id,
                start=f.start,
                end=f.end,
                text=text[f.start : f.end],
                kind=f.kind,
                speaker=sp.name if sp else "",
                speaker_actor_id=sp.actor_id if sp else "",
                speaker_start=sp.start if sp else None,
                speaker_end=sp.end if sp else None,
                cue=f.cue,
                rule=rule,
            )
        )
    return out


def _position(f: _Found) -> int:
    if f.speaker_tok is not None:
        return f.speaker_tok.idx
    return f.start


def _continued_speaker(found: list[_Found], f: _Found) -> Speaker | None:
    """The speaker of the nearest earlier quotation (what 'continues-previous' refers to)."""
    best = None
    for other in found:
        if other.end <= f.start and other.speaker is not None and other.kind != "indirect":
            best = other.speaker
    return best


def _tokens_inside(doc: Doc, marked: list[MarkedSpan]) -> set[int]:
    inside: set[int] = set()
    for m in marked:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside


def _sentences(doc: Doc, marked: list[MarkedSpan]) -> list[tuple[int, int]]:
    """Parser sentences as char ranges, merged where a quotation straddles a boundary."""
    merged: list[tuple[int, int]] = []
    k = 0
    text = doc_text(doc)
    for sent in doc.sents:
        a, b = sent.start_char, sent.end_char
        while k < len(marked) and marked[k].end <= a:
            k += 1
        straddled = k < len(marked) and marked[k].start < a < marked[k].end
        if merged and (
            straddled or not text[a:b].strip(" \t\n\"'”’»") or _attribution_tail(text, merged[-1], sent)
        ):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _attribution_tail(text: str, previous: tuple[int, int], sent: Span) -> bool:
    """'"...?" he asks.' split after the mark: a short sentence right after a closing quote
    mark, in the same paragraph, starting lowercase or holding a speech verb, belongs to it."""
    before = text[previous[0] : previous[1]]
    if "\n" in before.rstrip(" \t")[-1:] or "\n" in before[len(before.rstrip()) :]:
        return False
    if not before.rstrip() or before.rstrip()[-1] not in '"”»':
        return False
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words or len(words) > 12:
        return False
    return words[0].text[0].islower() or any(t.pos_ == "VERB" and t.lemma_ in _SPEECH_LEMMAS for t in words)


_SPEECH_LEMMAS = group("speaker_words.tsv", "speech_verb")


def cue_of(tok: Token, cues: SpeechCues) -> SpeechCue | None:
    """The lexicon entry a token triggers, if any (verbs by lemma, particles, 'according to')."""
    lower = tok.lower_
    if lower == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return cues.preps.get(("according", "to"))
    if not (tok.pos_ == "VERB" or tok.tag_.startswith("VB")):
        return None
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ == "prt":
            phrase = cues.phrases.get((lemma, child.lower_))
            if phrase is not None:
                return phrase
        # "call for", "call on": demands, not speech about something.
        if lemma == "call" and child.dep_ == "prep" and child.lower_ in ("for", "on"):
            return None
    return cues.verbs.get(lemma)


def _speaker_tok(tok: Token, cue: SpeechCue) -> Token | None:
    if cue.kind == "prep":
        to = tok.doc[tok.i + 1]
        for child in to.children:
            if child.dep_ == "pobj":
                return child
        return None
    return subject_of(tok)


def _cue_text(tok: Token, cue: SpeechCue) -> str:
    if cue.kind == "prep":
        return f"{tok.text} {tok.doc[tok.i + 1].text}"
    if cue.kind == "phrase":
        parts = [tok] + [c for c in tok.children if c.dep_ == "prt"]
        return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
    if tok.lemma_.lower() == "tell":
        # "told reporters", "told NAME": keep the addressee in the cue.
        objs = [c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i == tok.i + 1]
        if objs:
            return f"{tok.text} {objs[0].text}"
    return tok.text


def _quoted(
    doc: Doc,
    marked: list[MarkedSpan],
    sentences: list[tuple[int, int]],
    inside: set[int],
    cues: SpeechCues,
) -> list[_Found]:
    """Direct and partial quotes: every marked span with an attribution."""
    text = doc_text(doc)
    starts = [a for a, _ in sentences]
    found: list[_Found] = []
    last_attributed_end: int | None = None
    for index, m in enumerate(marked):
        s = bisect_right(starts, m.start) - 1
        s_start, s_end = sentences[s] if s >= 0 else (0, len(text))
        prev_end = max([s_start] + [o.end for o in marked[:index] if o.end > s_start])
        next_start = min([s_end] + [o.start for o in marked[index + 1 :] if o.start < s_end])
        sent = doc.char_span(s_start, s_end, alignment_mode="expand")
        candidates = []
        if sent is not None:
            for tok in sent:
                if tok.i in inside:
                    continue
                cue = cue_of(tok, cues)
                if cue is not None and (cue.direct or cue.kind == "prep"):
                    speaker = _speaker_tok(tok, cue)
                    if speaker is not None and speaker.i not in inside:
                        candidates.append((tok, cue, speaker))
        before = text[prev_end : m.start]
        embedded = _embedded(text, prev_end, m, candidates)
        continuing = last_attributed_end is not None and text.count("\n", last_attributed_end, m.start) < 3
        pick = _pick(doc, m, candidates, prev_end, next_start, embedded, continuing)
        kind = "partial" if embedded else "direct"
        if pick is not None:
            tok, cue, speaker, how = pick
            found.append(
                _Found(
                    m.content_start, m.content_end, kind, _cue_text(tok, cue), tok, speaker, f"{kind}:{how}"
                )
            )
            last_attributed_end = m.end
            continue
        colon = _colon_speaker(doc, before, m, inside)
        if colon is not None:
            found.append(_Found(m.content_start, m.content_end, "direct", ":", None, colon, "direct:colon"))
            last_attributed_end = m.end
            continue
        if (
            not embedded
            and last_attributed_end is not None
            and text.count("\n\n", last_attributed_end, m.start) < PARAGRAPH_GAP
            and _word_count(text[m.content_start : m.content_end]) >= 3
        ):
            found.append(
                _Found(m.content_start, m.content_end, "direct", "", None, None, "direct:continues-previous")
            )
            last_attributed_end = m.end
    return found


def _word_count(s: str) -> int:
    return sum(1 for w in s.split() if any(ch.isalnum() for ch in w))


def _embedded(text: str, prev_end: int, m: MarkedSpan, candidates: list) -> bool:
    """Does the writer's own text lead into the quotation (partial), or only an attribution (direct)?"""
    lead = text[prev_end : m.start].rstrip(" \t\n")
    if not lead.strip():
        return False
    capital = text[m.content_start : m.content_start + 1].isupper()
    cue_before = [c for c in candidates if prev_end <= c[0].idx < m.start]
    if lead[-1] in ":,":
        # 'Trump said: "..."', '"...," he said, "..."': an attribution leads in.
        return not (cue_before or capital)
    # 'She said "We are ready."': the cue itself, then a capitalised quotation.
    last_cue_end = max((c[0].idx + len(c[0].text) for c in cue_before), default=-1)
    return not (capital and last_cue_end >= prev_end + len(lead) - 1)


def _pick(
    doc: Doc,
    m: MarkedSpan,
    candidates: list[tuple[Token, SpeechCue, Token]],
    prev_end: int,
    next_start: int,
    embedded: bool,
    continuing: bool,
) -> tuple[Token, SpeechCue, Token, str] | None:
    """The cue of a marked span: after it, before it, governing it, or anywhere in its sentence."""
    if not candidates:
        return None
    after = [c for c in candidates if m.end <= c[0].idx < next_start]
    before = [c for c in candidates if prev_end <= c[0].idx < m.start]
    governing = _governing(doc, m, candidates)
    if embedded and governing is not None:
        return (*governing, "governing-cue")
    if after and not _sentence_break(doc_text(doc)[m.end : after[0][0].idx]):
        return (*after[0], "trailing-cue")
    if before:
        return (*before[-1], "leading-cue")
    if governing is not None:
        return (*governing, "governing-cue")
    if not embedded and continuing:
        return None  # the caller attributes it to the previous speaker
    preceding = [c for c in candidates if c[0].idx < m.start]
    following = [c for c in candidates if c[0].idx >= m.end]
    nearest = preceding[-1] if preceding else following[0] if following else None
    return (*nearest, "sentence-cue") if nearest else None


def _sentence_break(between: str) -> bool:
    return any(p in between for p in (". ", "? ", "! ", "\n"))


def _governing(doc: Doc, m: MarkedSpan, candidates: list) -> tuple[Token, SpeechCue, Token] | None:
    """A cue the quoted words depend on in the parse (walking up from their root)."""
    span = doc.char_span(m.content_start, m.content_end, alignment_mode="expand")
    if span is None:
        return None
    by_index = {c[0].i: c for c in candidates}
    tok = span.root
    for _ in range(12):
        if tok.i in by_index:
            return by_index[tok.i]
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None


def _colon_speaker(doc: Doc, before: str, m: MarkedSpan, inside: set[int]) -> Token | None:
    """'Tillerson: "..."' - a bare name and a colon introduce the quotation."""
    lead = before.rstrip(" \t\n")
    if not lead.endswith(":"):
        return None
    colon_at = m.start - (len(before) - len(lead)) - 1
    span = doc.char_span(max(0, colon_at - 60), colon_at, alignment_mode="contract")
    if span is None or not len(span):
        return None
    last = span[-1]
    if last.i in inside or last.ent_type_ not in ("PERSON", "ORG"):
        return None
    return last


def _indirect(
    doc: Doc,
    sentences: list[tuple[int, int]],
    inside: set[int],
    used: set[int],
    cues: SpeechCues,
    marked: list[MarkedSpan],
) -> list[_Found]:
    """Reported speech without quotation marks, one per cue with a speaker and content."""
    found = []
    resolver_probe: SpeakerResolver | None = None
    for s_start, s_end in sentences:
        sent = doc.char_span(s_start, s_end, alignment_mode="expand")
        if sent is None:
            continue
        for tok in sent:
            if tok.i in inside or tok.i in used:
                continue
            cue = cue_of(tok, cues)
            if cue is None:
                continue
            speaker = _speaker_tok(tok, cue)
            if speaker is None or speaker.i in inside:
                continue
            if not cue.direct and cue.kind != "prep":
                resolver_probe = resolver_probe or SpeakerResolver(doc, [], [])
                if not resolver_probe.personish(speaker):
                    continue
            content = _content(tok, cue, speaker)
            if content is None:
                continue
            start, end, how = content
            if any(m.start < end and start < m.end for m in marked):
                continue  # quoted words inside: reported as partial quotes
            found.append(_Found(start, end, "indirect", _cue_text(tok, cue), tok, speaker, f"indirect:{how}"))
    return found


def _content(tok: Token, cue: SpeechCue, speaker: Token) -> tuple[int, int, str] | None:
    """The reported content of a cue as a char span, and the frame that found it."""
    doc = tok.doc
    if cue.kind == "prep":
        head = tok.head
        if head.i == tok.i:
            return None
        phrase = set(range(tok.left_edge.i, tok.right_edge.i + 1))
        clause = [t for t in head.subtree if t.i not in phrase]
        left = [t for t in clause if t.i < tok.i]
        right = [t for t in clause if t.i > tok.right_edge.i]
        part = left if len(left) >= len(right) else right
        return _trim(doc, part, "according-to")
    if cue.takes_clause():
        for child in tok.children:
            # 'CLAUSE, X said' only for real speech verbs: "Taking ..., they agreed" is no report.
            if child.dep_ == "ccomp" and child.i != speaker.i and (child.i > tok.i or cue.direct):
                return _trim(doc, list(child.subtree), "clause")
    if cue.takes_object():
        objs = [c for c in tok.children if c.dep_ in ("dobj", "oprd") and c.i > tok.i]
        if objs:
            # The object and what follows it ("as constructive"), not a coordinated verb.
            rights = [c for c in tok.rights if c.i >= objs[0].i and c.dep_ not in ("cc", "conj", "punct")]
            end = max(c.right_edge.i for c in rights)
            return _trim(doc, list(doc[objs[0].left_edge.i : end + 1]), "object")
    return None


def _trim(doc: Doc, toks: list[Token], how: str) -> tuple[int, int, str] | None:
    toks = sorted(toks, key=lambda t: t.i)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    if sum(1 for t in toks if not t.is_punct) < 2:
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    # The span's own text, not Doc.text (which joins every token of the document on each read).
    text, offset = doc[toks[0].i : toks[-1].i + 1].text, start
    while end > start and text[end - 1 - offset] in EDGE:
        end -= 1
    while start < end and text[start - offset] in EDGE:
        start += 1
    return (start, end, how) if end > start else None
