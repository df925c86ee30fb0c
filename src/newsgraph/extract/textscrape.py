"""Plain-text scrape cleaner: give every line of a scraped news page one role.

A scraped page still carries its site's chrome: clock lines, menu words, share and comment
widgets, photo captions and credits, tag lines, related headlines, author boxes.  We read it
the way a careful analyst would, in three passes:

1. *Local cues.*  Each non-empty line is checked alone: generic UI wording (our lexicon in
   ``knowledge/data/boilerplate_cues.tsv``), a copyright sign, a clock or date, a byline, a
   comma list of short items.  A line with a cue is boilerplate of that kind; the others are
   "unknown" and are described by shape (prose sentence, headline, person's name, list item).
2. *The body.*  The article is the main run of prose.  Prose lines weigh their word count,
   boilerplate lines weigh a penalty, short non-prose lines a little less than nothing, and
   the body is the stretch with the largest total (a maximum-sum segment, as in Body Text
   Extraction).  Short headings and verse lines between paragraphs are absorbed; a block of
   widgets ends the run.  An author box or comment widget past the middle of the prose also
   ends it, since everything after such a box is page furniture.
3. *Position.*  Unknown lines before the body are read for the title (the most headline-like
   line above the body, or the line equal to ``title_hint``), bylines, captions and decks;
   those after it for related headlines, credit rolls and footer prose.  A "body" made of
   dated teasers under one author, or sitting right under a list heading, is an archive or
   index page and goes to ``related``.

Hard-wrapped paragraphs (a sentence broken over physical lines) are judged as the paragraph
they form, and ``parse_scrape`` joins them again.

Every decision carries a short ``reason`` (e.g. ``"body:sentence-run"``), so a wrong label can
be traced to the rule that made it.  Nothing here is keyed to a site: the cue phrases are
generic UI wording, and a batch can add site-specific repeats through ``SiteBoilerplate``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from newsgraph.knowledge import tables
from newsgraph.knowledge.time_words import month_names

LABELS = (
    "body",
    "title",
    "caption",
    "credit",
    "dateline_clock",
    "related",
    "tags",
    "share_or_comment",
    "ad_or_promo",
    "footer",
    "nav_other",
)


@dataclass(frozen=True)
class Line:
    """One non-empty line of the page and the role we gave it."""

    n: int  # index into text.split("\n"), the numbering of the gold files
    text: str  # the line, stripped
    label: str  # one of LABELS
    reason: str  # the rule that decided it


@dataclass
class Scrape:
    """A page split into its roles."""

    title: str
    paragraphs: list[str]
    body: str
    captions: list[str]
    credits: list[str]
    tags: list[str]
    related: list[str]
    clock_lines: list[str]
    lines: list[Line] = field(default_factory=list)


# --------------------------------------------------------------------------- normalising


_WS = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


def normalise_line(s: str) -> str:
    """Key for comparing lines across pages: NFKC, case-folded, digits as 0, spaces collapsed.

    Digits are folded because repeated chrome often differs only by a count or a date
    ("12 comments", "Posted 3 hours ago").
    """
    s = unicodedata.normalize("NFKC", s).casefold()
    return _WS.sub(" ", _DIGIT.sub("0", s)).strip()


# --------------------------------------------------------------------------- cue lexicon


@dataclass(frozen=True)
class _Cue:
    label: str
    kind: str  # exact | prefix | contains | opening
    max_words: int  # 0 = any length
    ends_body: bool
    phrase: str
    # Whole words only: "rate this" must not fire inside "tolerate this".
    pattern: re.Pattern[str]


@cache
def _cues() -> tuple[_Cue, ...]:
    """Rows of our cue lexicon, in file order (earlier rows win)."""
    rows = []
    for label, kind, max_words, ends, phrase in tables.rows("boilerplate_cues.tsv"):
        key = normalise_line(phrase)
        pattern = re.compile(
            rf"(?<!\w){re.escape(key)}(?!\w)" if key[-1:].isalnum() else rf"(?<!\w){re.escape(key)}"
        )
        rows.append(_Cue(label, kind, int(max_words), ends == "y", key, pattern))
    return tuple(rows)


def _cue_matches(cue: _Cue, key: str, words: int) -> bool:
    if cue.max_words and words > cue.max_words:
        return False
    if cue.kind == "exact":
        return key == cue.phrase
    if cue.kind == "prefix":
        return cue.pattern.match(key) is not None
    if cue.kind == "opening":
        return cue.pattern.search(key[:200]) is not None
    return cue.pattern.search(key) is not None


# --------------------------------------------------------------------------- line shapes

_WORDS = "page_words.tsv"


def _alt(which: str) -> str:
    """One word list of our page-furniture table as a regex alternation."""
    return tables.pattern(_WORDS, which)


_MONTH = month_names() + r"\.?"
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?", re.IGNORECASE)
_STAMP_LEAD = re.compile(rf"^(?:this {_alt('stamp_subject')} was )?{_alt('stamp_verb')}\b", re.I)
_BYLINE = re.compile(
    rf"^(?:by|{_alt('byline_verb')} by|posted\b.*\bby|words by)\b[\s:]*(?:[A-Z@].{{0,60}})?$",
    re.IGNORECASE,
)
# "X says..." / "X reports:" as a whole short line introduces a quoted source: an attribution.
_ATTRIBUTION = re.compile(rf"\b{_alt('attribution_verb')}\s*(?:…|\.\.\.|:)\s*$", re.I)
# "from RT", "via Reuters": a leading source attribution on a line of its own.
_FROM_SOURCE = re.compile(rf"^{_alt('source_lead')}\s+[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){{0,3}}\s*:?$")
_URL = re.compile(rf"^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)*\.{_alt('url_ending')}/?$", re.I)
_BULLET = re.compile(r"^[—–\-•*·▪►]\s*\w")  # a list item, not a heading
_NUMBERED = re.compile(r"^(?:\d{1,2}|[ivx]{1,4}|[a-h])[.)]\s+\S", re.IGNORECASE)
_MARKUP = re.compile(r"^(?:<\s*!|<!--|-->|–>|<\w+[^>]*>$)")
_PUNCT_ONLY = re.compile(r"^[\W_]+$")
# Caption wording: positional words between commas ("Smith, left, and Jones") or with a colon,
# and inline photo credits in parentheses.
_CAPTION_CUE = re.compile(
    rf",\s*{_alt('caption_position')}\s*,"
    rf"|(?:^|[.)]\s+){_alt('caption_label')}\s*:"
    rf"|\({_alt('photo_label')}\s*:"
    rf"|\(\s*{_alt('photo_agency')}(?:\s+photo)?\s*/[^)]*\)"
    rf"|\b{_alt('caption_phrase')}\b",
    re.IGNORECASE,
)
# An author box: "<Name> is a writer ...", also when it is not the box's first sentence.
# Present tense only: "X was a major contributor to ..." is reporting, "X is a writer" a bio.
# The subject is a name (not "Here", "This", "It"), and only adjectives stand between the
# article and the role noun ("an award-winning journalist", "a senior fellow").
_BIO = re.compile(
    rf"(?:^|[.!?]\s+)[—–-]?\s*(?!{_alt('bio_not_subject')}\b)"
    r"(?:[A-Z][\w.'’-]*\s+){1,4}is\s+(?:an?|the)\s+(?:(?!the\b|of\b)[\w-]+,?\s+){0,3}?"
    rf"{_alt('bio_role')}s?\b",
)
_FOLLOW = re.compile(rf"^follow\b.{{0,60}}\bon\s+{_alt('social_network')}\b|^follow\s+@\w+", re.I)
# Role lines of a film or video credit roll ("DIRECTED BY", "EXECUTIVE PRODUCERS", "MUSIC BY").
_ROLL_HEAD = re.compile(rf"^[\w &/.'’-]{{0,40}}\b{_alt('roll_role')}\s*:?$", re.IGNORECASE)
_ROLL_LINE = re.compile(rf"^{_alt('roll_verb')}\b[^:]{{0,40}}:\s*\S", re.IGNORECASE)
# "Sponsored: ...", "Headline: ..." - a label word announcing an injected teaser, not a headline.
_TEASER = re.compile(rf"^{_alt('teaser_label')}\s*:\s*\S", re.I)
# A radio or audio player control: "Listen" next to "Live", "Radio", a play sign or a duration.
_PLAYER = re.compile(
    r"\blisten\b.*(?:\blive\b|\bradio\b|▶|\bmin\b)|(?:\blive\b|\bradio\b|▶).*\blisten\b", re.I
)
_POLL = re.compile(rf"^\d*\s*%\s+of\s+{_alt('poll_audience')}\b", re.I)
_CORRECTION = re.compile(rf"\b{_alt('correction_verb')}\b.{{0,30}}\b{_alt('correction_noun')}\b", re.I)
_SMALL_WORDS = tables.group(_WORDS, "small_word")
_NAME_JOINERS = tables.group(_WORDS, "name_joiner")
_CLOSERS = "\"'”’»)]"


def _words(s: str) -> int:
    return len(s.split())


def _end_char(s: str) -> str:
    """Last character after closing quotes: the punctuation a sentence ends with."""
    t = s.rstrip(_CLOSERS.replace(")", "")).rstrip()
    if t.endswith(")") and not s.lstrip().startswith("("):
        t = t.rstrip(")").rstrip()
    if t.endswith(")"):  # a whole parenthetical aside is a sentence of its own
        return "."
    return t[-1:] if t else ""


_SIGN_OFF = re.compile(r"\s*[—–]\s*[^.!?—–]{1,80}$")
_SENTENCE_END = frozenset(".!?;:…")


def _is_terminal(s: str) -> bool:
    """Ends like a sentence; a paragraph signed off ("... said. — Jane Doe") counts too."""
    if _end_char(s) in _SENTENCE_END:
        return True
    unsigned = _SIGN_OFF.sub("", s)
    return unsigned != s and _end_char(unsigned) in _SENTENCE_END


def _title_ratio(s: str) -> float:
    """Share of content words that start with a capital (or digit): how title-cased a line is."""
    toks = [t.strip("\"'“”‘’()[],:;!?—–-") for t in s.split()]
    toks = [t for t in toks if any(c.isalpha() for c in t) or t[:1].isdigit()]
    content = [t for t in toks if t.casefold() not in _SMALL_WORDS] or toks
    if not content:
        return 0.0
    return sum(1 for t in content if t[:1].isupper() or t[:1].isdigit()) / len(content)


def _is_headline(s: str, words: int) -> bool:
    """Looks like a headline: 2-20 words, no closing full stop, title-cased or long enough."""
    if not 2 <= words <= 20 or _NUMBERED.match(s) or _BULLET.match(s) or "http" in s or "www." in s:
        return False
    if sum(1 for t in s.split() if any(c.isalpha() for c in t)) <= 0.6 * words:
        return False  # a row of figures, not a headline
    end = _end_char(s)
    if _title_ratio(s) >= 0.75:
        return end not in {",", ";", ":"}  # some sites end headlines with a full stop
    if end in {".", ",", ";", ":"} and not s.rstrip(_CLOSERS).endswith(("...", "…")):
        return False
    # Sentence-case headlines run 4-16 words; a longer unpunctuated sentence is a deck.
    return 4 <= words <= 16


def _is_name(s: str) -> bool:
    """A person's or outlet's name on its own ("Jane Doe", "Jane DOE", "Jane Doe, Outlet").

    Two or three capitalised words (initials aside); words that names do not contain
    (articles, pronouns, question words, -ing forms) mark a headline instead.
    """
    if len(s) > 60 or any(c.isdigit() for c in s) or s.count(",") > 1:
        return False
    person = s.split(",")[0]
    toks = person.split()
    named = [t for t in toks if t.casefold() not in _NAME_JOINERS and not _is_initial(t)]
    if not 2 <= len(named) <= 3 or len(toks) - len(named) > 2:
        return False
    if any(t.casefold().strip("’'") in _NOT_NAME_WORDS or t.casefold().endswith("ing") for t in named):
        return False
    return all(t[:1].isupper() and not t.endswith((".", "!", "?", ":")) for t in named)


_NOT_NAME_WORDS = tables.group(_WORDS, "not_name_word")


def _is_initial(t: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.){1,3}", t))


def _is_byline_pair(s: str) -> bool:
    """ "Jane Doe / Outlet" - an author and the outlet, split by a slash."""
    left, sep, right = s.partition(" / ")
    return bool(sep) and _words(s) <= 8 and _is_name(left.strip()) and bool(right.strip())


def _caps_surname(s: str) -> bool:
    """Bylines often print the surname in capitals ("Jane DOE"); headlines rarely mix so."""
    toks = [t for t in s.replace(",", " ").split() if t.isalpha()]
    caps = [t for t in toks if len(t) >= 4 and t.isupper()]
    return bool(caps) and len(caps) < len(toks)


def _is_upper_line(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _is_comma_list(s: str, words: int) -> bool:
    """A tag line: four or more short comma-separated items and no sentence ending."""
    items = [i.strip() for i in s.split(",")]
    if len(items) < 4 or words > 40 or _is_terminal(s) or not all(items):
        return False
    if any(i.split()[0].casefold() in _SMALL_WORDS for i in items):
        return False  # "with x, and y" is a sentence fragment, tag items are bare nouns
    return all(_words(i) <= 4 for i in items) and words / len(items) <= 3


def _is_menu_bar(s: str) -> bool:
    items = [i.strip() for i in s.split("|")]
    return len(items) >= 3 and all(0 < _words(i) <= 3 for i in items)


# --------------------------------------------------------------------------- pass 1: cues


@dataclass(frozen=True)
class _Cued:
    label: str
    reason: str
    ends_body: bool = False
    # A weak cue (an author-box sentence) is also plausible article prose ("Smith is a former
    # editor of ..."), so it only counts where it ends the article, never inside the body.
    weak: bool = False


def _shape_cue(s: str, words: int) -> _Cued | None:
    """Cues read from the form of the line rather than from its wording."""
    if _PUNCT_ONLY.match(s):
        return _Cued("nav_other", "nav:separator")
    if _MARKUP.match(s):
        return _Cued("nav_other", "nav:markup-residue")
    if _URL.match(s):
        return _Cued("nav_other", "nav:bare-url")
    if 6 <= words <= 80 and _CAPTION_CUE.search(s):
        return _Cued("caption", "caption:photo-wording")
    if s.startswith("©") or re.match(r"^\(c\)\s*(?:19|20)\d\d\b", s, re.IGNORECASE):
        return _copyright(s, words)
    if words <= 12 and (_CLOCK.search(s) or _DATE.search(s)) and _is_stamp(s):
        return _Cued("dateline_clock", "dateline:clock-or-date")
    return None


def _is_stamp(s: str) -> bool:
    """A time stamp line: the date or clock is most of it ("Mar 3, 2017 - Jane Doe").

    A data line that merely mentions a time ("Price: 12p, at 12:51") is not one.
    """
    if _STAMP_LEAD.match(s) or re.match(r"^by\s", s, re.IGNORECASE):
        return True  # "Posted: <date>", "By Jane Doe: <date>"
    rest = _CLOCK.sub(" ", _DATE.sub(" ", s))
    return not _is_terminal(s) and _words(rest) <= 4


def _copyright(s: str, words: int) -> _Cued:
    """ "© Agency / Photographer" credits a picture; "© 2020 Site. All rights reserved" is a footer."""
    key = normalise_line(s)
    if "rights" in key or re.search(r"\b(?:19|20)\d\d\b", s) or words > 10:
        return _Cued("footer", "footer:copyright-sign", True)
    return _Cued("credit", "credit:copyright-sign")


def _wording_cue(s: str, key: str, words: int) -> _Cued | None:
    if _TEASER.match(s):
        return _Cued("ad_or_promo", "ad:teaser-label")
    if _POLL.match(s):
        return _Cued("share_or_comment", "share:reader-poll")
    if words <= 15 and _CORRECTION.search(s):
        return _Cued("share_or_comment", "share:correction-prompt")
    if words <= 20 and _FOLLOW.match(s):
        return _Cued("share_or_comment", "share:follow-prompt")
    if words <= 8 and _PLAYER.search(s):
        return _Cued("nav_other", "nav:audio-player")
    for cue in _cues():
        if _cue_matches(cue, key, words):
            reason = f"{cue.label}:cue:{cue.phrase}"
            return _Cued(cue.label, reason, cue.ends_body, weak=cue.kind == "opening")
    return None


def _person_cue(s: str, words: int) -> _Cued | None:
    """Bylines, source attributions, author boxes and credit-roll lines."""
    if words <= 8 and _BYLINE.match(s):
        return _Cued("credit", "credit:byline")
    if _is_byline_pair(s):
        return _Cued("credit", "credit:author-slash-outlet")
    if words <= 6 and (_ATTRIBUTION.search(s) or _FROM_SOURCE.match(s)):
        return _Cued("credit", "credit:source-attribution")
    if words <= 80 and _BIO.search(s[:300]):
        return _Cued("footer", "footer:author-bio", True, weak=True)
    if words <= 6 and _ROLL_HEAD.match(s) and (_is_upper_line(s) or s.endswith(":")):
        return _Cued("credit", "credit:roll-heading")
    if words <= 14 and _ROLL_LINE.match(s):
        return _Cued("credit", "credit:roll-line")
    return None


def _local_cue(s: str, boilerplate: frozenset[str]) -> _Cued | None:
    """The label a line earns on its own, or None when only its context can tell."""
    words = _words(s)
    key = normalise_line(s)
    found = _shape_cue(s, words) or _wording_cue(s, key, words) or _person_cue(s, words)
    if found:
        return found
    if _is_comma_list(s, words):
        # Weak: a list sentence inside the article can look the same.
        return _Cued("tags", "tags:comma-list", True, weak=True)
    if _is_menu_bar(s):
        return _Cued("nav_other", "nav:menu-bar")
    if key in boilerplate:
        # Repeated across the site's pages but without a cue of its own: chrome of some kind.
        return _Cued("nav_other", "nav:site-repeated")
    return None


# --------------------------------------------------------------------------- features


@dataclass(frozen=True)
class _Feat:
    n: int
    text: str
    key: str  # normalise_line(text)
    words: int
    cue: _Cued | None
    prose: bool
    headline: bool
    name: bool


def _features(text: str, boilerplate: frozenset[str]) -> list[_Feat]:
    feats = []
    for n, raw in enumerate(text.split("\n")):
        s = raw.strip()
        if not s:
            continue
        words = _words(s)
        headline = _is_headline(s, words)
        cue = _local_cue(s, boilerplate)
        feats.append(_Feat(n, s, normalise_line(s), words, cue, _is_prose(s, words), headline, _is_name(s)))
    return _join_wrapped(feats)


def _join_wrapped(feats: list[_Feat]) -> list[_Feat]:
    """Hard-wrapped paragraphs: judge the pieces of one paragraph as the paragraph.

    A line that stops mid-sentence and runs straight on (no blank line) into a line starting
    in lower case, or after a comma or a small word, is the same paragraph.  Its pieces are
    prose if the paragraph is, and none of them is a headline or a name.
    """
    groups: list[list[int]] = []
    for i, f in enumerate(feats):
        if groups and _continues(feats[i - 1], f):
            groups[-1].append(i)
        else:
            groups.append([i])
    out = list(feats)
    for g in (g for g in groups if len(g) > 1):
        joined = " ".join(feats[i].text for i in g)
        prose = _is_prose(joined, _words(joined))
        for i in g:
            out[i] = replace(feats[i], prose=prose, headline=False, name=False)
    return out


def _continues(prev: _Feat, cur: _Feat) -> bool:
    if cur.n != prev.n + 1 or prev.cue or cur.cue:
        return False
    return _wraps_into(prev.text, cur.text)


def _wraps_into(prev: str, cur: str) -> bool:
    """``cur`` carries on the sentence that ``prev`` broke off (a hard line wrap)."""
    if _words(prev) < 6 or _is_terminal(prev):
        return False
    last = prev.split()[-1].casefold()
    return cur[:1].islower() or prev.endswith((",", "-", "–", "—")) or last in _SMALL_WORDS


def _is_prose(s: str, words: int) -> bool:
    """A sentence, or a very long line.

    Title-cased lines are headlines even when they end in "?" or "!" or run long, because
    article prose is written in sentence case.
    """
    titled = 2 <= words <= 30 and _title_ratio(s) >= 0.75 and not _is_upper_line(s)
    if titled and not _NUMBERED.match(s) and not _BULLET.match(s):
        return False
    return (words >= 3 and _is_terminal(s)) or words >= 50


# --------------------------------------------------------------------------- pass 2: body

# What one boilerplate line costs the body run.  Widgets that close an article cost most;
# separators and menu words, which also sit between paragraphs, cost least.
_PENALTY = {
    "share_or_comment": 15,
    "footer": 15,
    "related": 15,
    "tags": 15,
    "ad_or_promo": 10,
    "credit": 8,
    "dateline_clock": 8,
    "caption": 8,
    "nav_other": 3,
    "title": 10,
}


def _weight(f: _Feat) -> float:
    if f.cue and not f.cue.weak:
        return -(_PENALTY[f.cue.label] + min(f.words, 60) / 2)
    if f.prose:
        # All-capital prose is a legal notice or a shout, rarely the article: it counts less.
        return f.words / 4 if _is_upper_line(f.text) else float(f.words)
    return -3.0 if f.headline else -1.0


def _best_span(weights: Sequence[float]) -> tuple[int, int] | None:
    """Maximum-sum contiguous segment (Kadane); None when no segment is positive."""
    best, best_span = 0.0, None
    run, start = 0.0, 0
    for i, w in enumerate(weights):
        if run <= 0:
            run, start = w, i
        else:
            run += w
        if run > best:
            best, best_span = run, (start, i)
    return best_span


def _prose_words(feats: Sequence[_Feat]) -> int:
    return sum(f.words for f in feats if f.cue is None and f.prose)


def _cut_tail(feats: Sequence[_Feat], s: int, e: int) -> int:
    """End the body at an author box or closing widget that comes after most of the prose.

    An author box past the middle of the prose ends the article; a comment or share widget
    must come later still (after two thirds), since sign-up prompts do get inserted mid-story.
    """
    for i in range(s + 1, e + 1):
        cue = feats[i].cue
        if cue is None or not cue.ends_body:
            continue
        before, after = _prose_words(feats[s:i]), _prose_words(feats[i + 1 : e + 1])
        if cue.weak:
            # An author-box sentence is only trusted with little text after it (the box itself).
            tail = sum(1 for f in feats[i + 1 : e + 1] if f.cue is None and f.prose)
            if tail <= 3 and after < before:
                return i - 1
        elif after < (1.0 if cue.label == "footer" else 0.5) * before:
            return i - 1
    return e


# --------------------------------------------------------------------------- pass 3: roles

_Assign = list[tuple[str, str] | None]


def _hint_index(feats: Sequence[_Feat], hint: str) -> int | None:
    """The line equal to the hint, else a headline-like line holding most of its words."""
    key = normalise_line(hint)
    for i, f in enumerate(feats):
        if f.key == key:
            return i
    want = set(re.findall(r"\w+", key))
    if not want:
        return None
    best, best_i = 0.0, None
    for i, f in enumerate(feats):
        share = len(want & set(re.findall(r"\w+", f.key))) / len(want)
        # The page often decorates the known title ("| Site", "(Video)"): 70% of its words do.
        if f.headline and share >= 0.7 and share > best:
            best, best_i = share, i
    return best_i


def _mark_span(feats: Sequence[_Feat], out: _Assign, s: int, e: int) -> None:
    """Inside the body run: cue lines keep their cue, everything else is body."""
    for i in range(s, e + 1):
        f = feats[i]
        if out[i] is not None:
            continue
        if f.cue and not f.cue.weak:
            out[i] = (f.cue.label, f.cue.reason)
        elif _is_pull_quote(feats, out, i, s, e):
            out[i] = ("nav_other", "nav:pull-quote")
        else:
            out[i] = ("body", "body:sentence-run" if f.prose else "body:inside-run")


def _is_pull_quote(feats: Sequence[_Feat], out: _Assign, i: int, s: int, e: int) -> bool:
    """A short line that repeats a sentence of a neighbouring paragraph is a pull quote."""
    f = feats[i]
    if f.words < 4 or f.words > 40 or not f.prose:
        return False
    for j in (i - 2, i - 1, i + 1, i + 2):
        if s <= j <= e and j != i and feats[j].words > f.words + 3 and f.key in feats[j].key:
            return True
    return False


def _span_start_caption(feats: Sequence[_Feat], out: _Assign, s: int, e: int) -> int:
    """A short sentence right after a credit or date line and before a long paragraph is a caption."""
    if s >= e or s == 0:
        return s
    f, prev, nxt = feats[s], feats[s - 1], feats[s + 1]
    prev_meta = prev.cue is not None and prev.cue.label in {"credit", "dateline_clock"}
    if f.cue is None and prev_meta and f.words <= 10 and nxt.words >= 3 * f.words and nxt.prose:
        out[s] = ("caption", "caption:between-byline-and-body")
        return s + 1
    return s


def _extend_start(feats: Sequence[_Feat], s: int, e: int) -> int:
    """Pull displaced section heads and lists that sit just above the body into it.

    Scrapers sometimes lift an article's first headings or its list to the top.  Two signs:
    the lines share the shape of headings inside the body (all capitals, or numbered), or
    they are a run of three or more short unmarked lines directly above the body.
    """
    inner = [f for f in feats[s : e + 1] if f.cue is None and not f.prose]
    upper_heads = sum(1 for f in inner if _is_upper_line(f.text) and f.words <= 4)
    numbered_heads = sum(1 for f in inner if _NUMBERED.match(f.text))
    i = s
    while i > 0 and feats[i - 1].cue is None and not feats[i - 1].prose and feats[i - 1].words <= 20:
        i -= 1
    run = feats[i:s]
    if not run:
        return s
    for k, f in enumerate(run):
        shaped = (upper_heads >= 2 and _is_upper_line(f.text) and f.words <= 4) or (
            _NUMBERED.match(f.text) and (numbered_heads >= 1 or len(run) >= 2)
        )
        if shaped:
            return i + k
    # A bare list at the very top of the page (or right under a headline): menus sit above
    # the headline, so a list between headline and body is the article's own.
    short = [f for f in run if f.words <= 5 and not f.name and not f.headline]
    top = i == 0 or (feats[i - 1].cue is None and feats[i - 1].headline)
    if top and len(run) >= 3 and len(short) == len(run) and any(f.words >= 2 for f in run):
        return i
    return s


def _mark_pre(feats: Sequence[_Feat], out: _Assign, end: int, has_title: bool) -> None:
    """Lines above the body: title, bylines, captions, decks, menu words."""
    heads = _head_keys(feats, end)
    title = None if has_title else _pick_title(feats, out, end, heads)
    if title is not None:
        out[title] = ("title", "title:best-headline-above-body")
    title = next((i for i in range(end) if out[i] and out[i][0] == "title"), title)
    for i in range(end):
        if out[i] is None:
            out[i] = _pre_role(feats, i, end, title, heads)


def _title_candidate(feats: Sequence[_Feat], out: _Assign, i: int, heads: frozenset[str]) -> bool:
    f = feats[i]
    if out[i] is not None or f.cue is not None or not f.headline:
        return False
    if f.name and ("," in f.text or _caps_surname(f.text)):
        return False
    return not _is_meta_duplicate(f, heads)


def _pick_title(feats: Sequence[_Feat], out: _Assign, end: int, heads: frozenset[str]) -> int | None:
    """The most headline-like line above the body.

    Title case beats sentence case (decks and standfirsts are sentences), mixed case beats
    all capitals (site slogans, kickers), a 4-16 word line beats a fragment ("Part 1"), and a
    bare name is taken only when nothing else is there (it is usually a byline).  Ties go to
    the first line: the headline opens the page and decks follow it.
    """
    cands = [i for i in range(end) if _title_candidate(feats, out, i, heads)]
    plain = [i for i in cands if not feats[i].name] or cands
    # The headline comes before the byline; a line under the byline describes the author.
    byline = next((i for i in range(end) if feats[i].cue and feats[i].cue.label == "credit"), end)
    plain = [i for i in plain if i < byline] or plain
    if not plain:
        return None

    def score(i: int) -> tuple[int, int]:
        f = feats[i]
        cased = 1 if _is_upper_line(f.text) else 2 if _title_ratio(f.text) >= 0.75 else 0
        return cased + (1 if 4 <= f.words <= 16 else 0), -i

    return max(plain, key=score)


def _pre_role(
    feats: Sequence[_Feat], i: int, end: int, title: int | None, heads: frozenset[str]
) -> tuple[str, str]:
    f = feats[i]
    if f.cue:
        return (f.cue.label, f.cue.reason)
    if _is_meta_duplicate(f, heads):
        return ("nav_other", "nav:meta-duplicate")
    below_title = title is not None and i > title
    if f.name and (below_title or "," in f.text or _caps_surname(f.text)):
        return ("credit", "credit:byline-name")
    if f.words >= 4 and _is_caption_above_body(feats, i, end, title):
        return ("caption", "caption:above-title-or-credit")
    if f.words >= 12:
        return ("nav_other", "nav:deck")
    return ("nav_other", "nav:above-body")


def _is_meta_duplicate(f: _Feat, heads: frozenset[str]) -> bool:
    """A meta description: a line that starts with another line's full text and runs on.

    ``heads`` holds the keys of the lines above the body; a strict prefix of this line that
    ends at a word boundary and is one of them means headline + synopsis glued together.
    """
    return any(f.key[:p] in heads for p, c in enumerate(f.key) if c == " ")


def _head_keys(feats: Sequence[_Feat], end: int) -> frozenset[str]:
    return frozenset(f.key for f in feats[:end] if f.words >= 4)


def _is_photo_credit(f: _Feat | None) -> bool:
    return f is not None and f.cue is not None and f.cue.label == "credit" and "byline" not in f.cue.reason


def _is_caption_above_body(feats: Sequence[_Feat], i: int, end: int, title: int | None) -> bool:
    """Captions sit next to the picture's credit line, or just above the headline.

    A descriptive line (a sentence, or six-plus words that are no headline: captions often
    lack the full stop) touching a photo credit is a caption; so is a sentence directly above
    the headline, or any such line above a headline that is itself above a photo credit.
    """
    f = feats[i]
    if not (f.prose or (f.words >= 6 and not f.headline)):
        return False
    near = [feats[j] if 0 <= j < end else None for j in (i - 1, i + 1)]
    if any(_is_photo_credit(x) for x in near):
        return True
    if i + 1 != title:
        return False
    return f.prose or _is_photo_credit(feats[i + 2] if i + 2 < len(feats) else None)


def _mark_post(feats: Sequence[_Feat], out: _Assign, start: int) -> None:
    """Lines below the body: related headlines, credit rolls, footer prose."""
    for i in range(start, len(feats)):
        if out[i] is None:
            out[i] = _post_role(feats, out, i)


def _post_role(feats: Sequence[_Feat], out: _Assign, i: int) -> tuple[str, str]:
    f = feats[i]
    prev = out[i - 1][0] if i > 0 and out[i - 1] else None
    if f.cue and not (prev == "credit" and f.cue.reason == "nav:bare-url"):
        return (f.cue.label, f.cue.reason)
    if prev == "credit" and f.words <= 7 and not f.prose:
        return ("credit", "credit:roll-continues")
    linked = "http://" in f.text or "https://" in f.text
    if prev == "footer" and not linked and not (f.headline and _headline_block(feats, i)):
        return ("footer", "footer:continues")
    if prev == "related" and f.headline:
        return ("related", "related:list-continues")
    if f.headline and not f.prose and _headline_block(feats, i):
        return ("related", "related:headlines-after-body")
    if f.cue:  # a bare URL
        return (f.cue.label, f.cue.reason)
    if ("http://" in f.text or "https://" in f.text) and f.words <= 25:
        return ("nav_other", "nav:link-line")  # source and reference link lists
    if f.prose or f.words >= 12:
        # Running text under the article: author boxes, about-us blurbs, disclaimers.
        return ("footer", "footer:text-after-body")
    return ("nav_other", "nav:below-body")


def _headline_block(feats: Sequence[_Feat], i: int) -> bool:
    """Related headlines come in lists: a neighbour is headline-like too."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(feats) and feats[j].cue is None and feats[j].headline and not feats[j].prose:
            return True
    return False


def _archive_listing(feats: Sequence[_Feat], out: _Assign, s: int, e: int) -> None:
    """An author or topic archive: the "body" is a list of dated story teasers.

    Three or more "date - same author" stamp lines in one run mean a list of stories by that
    author, not one story; the teasers and headlines between the stamps are related entries.
    """
    stamps = Counter(
        _stamp_owner(feats[i].text)
        for i in range(s, e + 1)
        if feats[i].cue is not None and feats[i].cue.label == "dateline_clock"
    )
    owner, count = stamps.most_common(1)[0] if stamps else ("", 0)
    if not owner or count < 3:
        return
    seen_stamp = False
    for i in range(s, e + 1):
        seen_stamp = seen_stamp or (out[i] is not None and out[i][0] == "dateline_clock")
        if out[i] is not None and out[i][0] == "body":
            # Text above the first entry introduces the author: the page's author box.
            intro = ("footer", "footer:archive-intro")
            out[i] = ("related", "related:archive-listing") if seen_stamp else intro


def _listing_page(feats: Sequence[_Feat], out: _Assign, s: int, e: int) -> None:
    """A list heading ("Most Recent Articles", "Recommended") right above the prose.

    Such a page is an index of teasers or blurbs, not an article.
    """
    heading = feats[s - 1].cue if s > 0 else None
    if heading is None or heading.label != "related" or feats[s - 1].words > 6:
        return
    for i in range(s, e + 1):
        if out[i] is not None and out[i][0] == "body":
            out[i] = ("related", "related:listing-under-heading")


def _stamp_owner(s: str) -> str:
    """What a date stamp says besides the date ("Mar 3, 2017 - Jane Doe" -> "jane doe")."""
    rest = _CLOCK.sub(" ", _DATE.sub(" ", s))
    return normalise_line(re.sub(r"[\W_]+", " ", rest))


def _widget_gaps(feats: Sequence[_Feat], out: _Assign) -> None:
    """A short unmarked word between two share buttons ("More") is one more button."""
    for i in range(1, len(feats) - 1):
        here, before, after = out[i], out[i - 1], out[i + 1]
        gap = here is not None and here[1] in {"nav:below-body", "nav:above-body"}
        between = before is not None and after is not None and before[0] == after[0]
        if gap and between and feats[i].words <= 2 and before[0] == "share_or_comment":
            out[i] = ("share_or_comment", "share:inside-widget")


def _trailing_source(feats: Sequence[_Feat], out: _Assign) -> None:
    """A bare domain as the last line of the page names where the story came from."""
    if feats and out[-1] == ("nav_other", "nav:bare-url") and "/" not in feats[-1].text.rstrip("/"):
        out[-1] = ("footer", "footer:trailing-source")


# --------------------------------------------------------------------------- public API


def classify_lines(
    text: str,
    *,
    title_hint: str | None = None,
    boilerplate: frozenset[str] = frozenset(),
) -> list[Line]:
    """Give every non-empty line of ``text`` exactly one label from LABELS.

    Lines are numbered by their index in ``text.split("\\n")``; blank lines get no entry.
    """
    feats = _features(text, frozenset(normalise_line(b) for b in boilerplate))
    out: _Assign = [None] * len(feats)
    hinted = _hint_index(feats, title_hint) if title_hint else None
    if hinted is not None:
        out[hinted] = ("title", "title:hint")
    span = _body_span(feats, out)
    # A title hint that matches no line means the dump has no headline line: do not guess one.
    has_title = bool(title_hint)
    if span is None:
        _mark_pre(feats, out, len(feats), has_title)
    else:
        s, e = span
        _mark_span(feats, out, s, e)
        _archive_listing(feats, out, s, e)
        _listing_page(feats, out, s, e)
        _mark_pre(feats, out, s, has_title)
        _mark_post(feats, out, e + 1)
    _widget_gaps(feats, out)
    _trailing_source(feats, out)
    return [Line(f.n, f.text, *(out[i] or ("nav_other", "nav:unassigned"))) for i, f in enumerate(feats)]


def _body_span(feats: Sequence[_Feat], out: _Assign) -> tuple[int, int] | None:
    weights = [-_PENALTY["title"] if out[i] else _weight(f) for i, f in enumerate(feats)]
    span = _best_span(weights)
    if span is None:
        return None
    s, e = span
    e = _cut_tail(feats, s, e)
    s = _span_start_caption(feats, out, s, e)
    s = _extend_start(feats, s, e)
    return (s, e) if s <= e else None


def _paragraphs(body: Sequence[Line]) -> list[str]:
    """Body lines as paragraphs: the pieces of a hard-wrapped paragraph are joined again."""
    out: list[str] = []
    prev: Line | None = None
    for ln in body:
        text = " ".join(ln.text.split())
        if out and prev is not None and ln.n == prev.n + 1 and _wraps_into(prev.text, ln.text):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
        prev = ln
    return out


def _split_tags(text: str) -> list[str]:
    body = re.sub(r"^[^:]{1,20}:\s*", "", text) if ":" in text[:21] else text
    return [t.strip() for t in re.split(r"[,;|]", body) if t.strip()]


def parse_scrape(
    text: str,
    *,
    title_hint: str | None = None,
    boilerplate: frozenset[str] = frozenset(),
) -> Scrape:
    """Classify the lines of a scraped page and gather them by role.

    The gathered strings have their runs of whitespace (no-break spaces included) turned
    into single spaces, and the pieces of a hard-wrapped paragraph are joined into one
    paragraph; ``lines`` keeps every line exactly as it appeared, stripped.
    """
    lines = classify_lines(text, title_hint=title_hint, boilerplate=boilerplate)

    def texts(label: str) -> list[str]:
        # Scraped text is full of no-break and thin spaces; downstream readers want plain ones.
        # (Line.text keeps the line as it was, so it still matches the page.)
        return [" ".join(ln.text.split()) for ln in lines if ln.label == label]

    titles = texts("title")
    paragraphs = _paragraphs([ln for ln in lines if ln.label == "body"])
    tags = [t for line in texts("tags") for t in _split_tags(line)]
    return Scrape(
        title=titles[0] if titles else "",
        paragraphs=paragraphs,
        body="\n\n".join(paragraphs),
        captions=texts("caption"),
        credits=texts("credit"),
        tags=tags,
        related=texts("related"),
        clock_lines=texts("dateline_clock"),
        lines=lines,
    )


class SiteBoilerplate:
    """Lines a batch sees repeated across many pages of one site (in memory, per site).

    Feed every page with ``observe``; ``lines`` then gives the normalised lines found on at
    least ``min_docs`` pages that are also at least ``min_share`` of the site's pages.  Both
    bounds matter: the count keeps a two-page site from marking its whole text, the share
    keeps a large site from marking a phrase that a few stories happen to repeat.

    Most short lines of a page are its own, so exact counts would grow with every page of a
    long crawl. Counting is exact for a site's first `BUCKET` pages; past them it is lossy
    counting (Manku & Motwani, 2002): after every `BUCKET` pages a line is forgotten when it
    cannot have been on more than one page in `BUCKET` so far. A kept count is never more
    than the true one, and falls short of it by at most one page in `BUCKET`: so every line
    `lines` gives is on its share of the pages, and a line on a share 1/`BUCKET` above the
    bound is always given. What is kept per site grows with the logarithm of its pages.
    """

    #: Pages per bucket: the error of a count is at most one page in this many.
    BUCKET = 100

    def __init__(self) -> None:
        self._docs: Counter[str] = Counter()
        self._seen: defaultdict[str, dict[str, int]] = defaultdict(dict)
        # Per line first counted after a bucket: how many buckets had passed, the most pages
        # it may have been on before (kept only where not 0).
        self._slack: defaultdict[str, dict[str, int]] = defaultdict(dict)
        self._cached: dict[tuple[str, int, float], tuple[int, frozenset[str]]] = {}

    #: Longer lines are prose, not chrome: a quote repeated across follow-up stories stays body.
    MAX_WORDS = 15

    def observe(self, site: str, text: str) -> None:
        keys = {normalise_line(s) for s in text.split("\n") if s.strip() and _words(s) <= self.MAX_WORDS}
        self._docs[site] += 1
        pages = self._docs[site]
        passed = (pages - 1) // self.BUCKET
        seen, slack = self._seen[site], self._slack[site]
        for key in keys:
            if key in seen:
                seen[key] += 1
            else:
                seen[key] = 1
                if passed:
                    slack[key] = passed
        if pages % self.BUCKET == 0:
            self._forget(site, pages // self.BUCKET)

    def _forget(self, site: str, buckets: int) -> None:
        """Drop the lines that cannot have been on more than one page per bucket so far."""
        seen, slack = self._seen[site], self._slack[site]
        for key in [k for k, c in seen.items() if c + slack.get(k, 0) <= buckets]:
            del seen[key]
            slack.pop(key, None)

    def held(self, site: str) -> int:
        """How many distinct lines of `site` are counted now."""
        return len(self._seen[site]) if site in self._seen else 0

    def lines(self, site: str, min_docs: int = 3, min_share: float = 0.3) -> frozenset[str]:
        total = self._docs[site]
        if not total:
            return frozenset()
        # Every document of a batch asks; the answer changes only when the site gains a page.
        cached = self._cached.get((site, min_docs, min_share))
        if cached is not None and cached[0] == total:
            return cached[1]
        found = frozenset(k for k, c in self._seen[site].items() if c >= min_docs and c / total >= min_share)
        self._cached[(site, min_docs, min_share)] = (total, found)
        return found

    def observe_all(self, pages: Iterable[tuple[str, str]]) -> None:
        for site, text in pages:
            self.observe(site, text)


def chrome_cue(line: str) -> tuple[str, str] | None:
    """(label, reason) when a line is page chrome by its own strong evidence, else None.

    For callers that already know where the article is (an HTML extractor's
    paragraphs) and only need to drop chrome lines left inside it, such as an
    inline "Read more: ..." link or an "Advertisement" slot. Weak cues, which
    real prose can also match, are not used.
    """
    found = _local_cue(line.strip(), frozenset())
    if found is None or found.weak or found.label in {"body", "title"}:
        return None
    return found.label, found.reason
