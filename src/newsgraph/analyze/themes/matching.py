"""Theme triggers matched on a document, with spaCy's PhraseMatcher on lemmas and a token Matcher for
the triggers with placeholders (scorelines, names, numbers).

Lemmas are matched case-folded: the matcher runs over a copy of the document whose words are the
lower-cased lemmas the pipeline gave in context ("Imposed Sanctions" -> "impose sanction"), so a
token index there is the same token in the document. A trigger has no context to tag it by, so it is
added in every combination of its words' readings: as written, and each known lemma the model's rule
lemmatizer gives the word read as a noun, a verb or an adjective (a capitalised word is a name and
stays as written): "armed forces" is also "arm force" and "armed force" (as in context, where
"armed" is an adjective), "fled their homes" "flee their home", "closed higher" "close high".
Compiled once per process, at the first document (a pipeline loaded from disk has its lemmatizer's
tables only after its components are built).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import islice, product

import numpy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from newsgraph.analyze.sentences import bounds
from newsgraph.knowledge.themes import Trigger, triggers
from newsgraph.records import ThemeMention

#: The parts of speech a trigger's words are lemmatised as.
LEMMA_POS = ("NOUN", "VERB", "ADJ")
#: At most this many word sequences per trigger (every combination of its words' readings).
MAX_FORMS = 32
#: Entity labels inside which a trigger is no theme ("Un" in "Kim Jong Un" is not the UN).
SKIP_LABELS = frozenset({"PERSON"})
# Scorelines the tokenizer keeps whole ("2–1" with an en dash, "2:1"), by token shape.
_SCORE_SHAPES = sorted(f"{'d' * a}{dash}{'d' * b}" for a in (1, 2) for b in (1, 2) for dash in "–:")


class ThemeMatcher:
    """Finds the theme triggers of ``knowledge/data/theme_triggers.tsv`` in a parsed document."""

    def __init__(self, nlp: Language, found: Iterable[Trigger] | None = None) -> None:
        self.nlp = nlp
        self.triggers = tuple(triggers() if found is None else found)
        self._lemmas: PhraseMatcher | None = None
        self._words = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._tokens = Matcher(nlp.vocab)
        self._gate: set[str] = set()  # the words of the patterns without a scoreline (lemmas)
        self._rules: dict[str, Trigger] = {}

    def build(self) -> None:
        """Compile the triggers (the model's tagger and lemmatizer must be loaded)."""
        vocab = self.nlp.vocab
        lemmas = PhraseMatcher(vocab, attr="ORTH")
        plain = [t for t in self.triggers if not t.exact and not t.pattern]
        for trigger, forms in zip(plain, self._forms([t.text for t in plain]), strict=True):
            lemmas.add(self._key(trigger), [Doc(vocab, words=list(form)) for form in forms])
        for trigger in self.triggers:
            if trigger.exact and not trigger.pattern:
                self._words.add(self._key(trigger), [self.nlp.make_doc(trigger.text)])
            elif trigger.pattern:
                self._tokens.add(self._key(trigger), token_patterns(trigger.text))
                if "{score}" not in trigger.text:
                    self._gate.update(w.lower() for w in trigger.text.split() if not w.startswith("{"))
        self._lemmas = lemmas

    def __call__(self, doc: Doc, article_id: str = "") -> list[ThemeMention]:
        if self._lemmas is None:
            self.build()
        assert self._lemmas is not None
        words = _lemmas(doc)
        lemma_doc = Doc(self.nlp.vocab, words=words)
        found = [*self._lemmas(lemma_doc), *self._words(doc), *self._patterns(doc, words)]
        return self._mentions(doc, found, article_id)

    def _patterns(self, doc: Doc, words: list[str]) -> list[tuple[int, int, int]]:
        """The token patterns' matches, looked for only in sentences that can hold one (a scoreline,
        or a word of a pattern that has none): spaCy's Matcher tries every pattern at every token,
        which on a whole article costs more than all the phrase matching."""
        if not len(self._tokens):
            return []
        if not doc.has_annotation("SENT_START"):
            return list(self._tokens(doc))
        hits = [i for i, w in enumerate(words) if w in self._gate] + _score_tokens(doc)
        if not hits:
            return []
        sents = bounds(doc)
        starts = [start for start, _ in sents]
        found = []
        for n in sorted({bisect_right(starts, i) - 1 for i in hits}):
            start, end = sents[n]
            found += [(key, start + a, start + b) for key, a, b in self._tokens(doc[start:end])]
        return found

    def _key(self, trigger: Trigger) -> str:
        key = f"{trigger.theme}|{trigger.text}"
        self._rules[key] = trigger
        return key

    def _forms(self, texts: list[str]) -> list[set[tuple[str, ...]]]:
        """The word sequences each text is matched as (see the module docstring)."""
        docs = [self.nlp.make_doc(text) for text in texts]
        words = [tok.text for doc in docs for tok in doc]
        candidates = self._readings(words)
        forms, i = [], 0
        for doc in docs:
            choices = candidates[i : i + len(doc)]
            forms.append(set(islice(product(*choices), MAX_FORMS)))
            i += len(doc)
        return forms

    def _readings(self, words: list[str]) -> list[list[str]]:
        """Each word as written (lower-cased) and as each known lemma it has as a noun, a verb or an
        adjective (see :func:`known_lemmas`); a capitalised word is a name ("Celsius", "Cup") and
        stays as written."""
        tables = _lemma_tables(self.nlp)
        readings: dict[str, list[str]] = {}
        for word in dict.fromkeys(words):
            lower = word.lower()
            found = [lower]
            if tables is not None and not word[:1].isupper():
                for pos in LEMMA_POS:
                    found.extend(x for x in known_lemmas(lower, *tables[pos]) if x not in found)
            readings[word] = found
        return [readings[w] for w in words]

    def _mentions(self, doc: Doc, found: list[tuple[int, int, int]], article_id: str) -> list[ThemeMention]:
        strings = self.nlp.vocab.strings
        inside = _entity_tokens(doc)
        starts = [start for start, _ in bounds(doc)] or [0]
        kept: dict[str, list[tuple[int, int]]] = {}
        chosen: list[tuple[int, int, Trigger]] = []
        # Longest first, so an overlapping shorter match of the same theme is dropped.
        for key, start, end in sorted(found, key=lambda m: (m[1] - m[2], m[1])):
            trigger = self._rules[strings[key]]
            if any(i in inside for i in range(start, end)):
                continue
            spans = kept.setdefault(trigger.theme, [])
            if any(start < e and s < end for s, e in spans):
                continue
            spans.append((start, end))
            chosen.append((start, end, trigger))
        mentions = []
        for start, end, trigger in sorted(chosen, key=lambda c: (c[0], c[1], c[2].theme)):
            span = doc[start:end]
            mentions.append(
                ThemeMention(
                    article_id=article_id,
                    sentence=max(0, bisect_right(starts, start) - 1),
                    start=span.start_char,
                    end=span.end_char,
                    text=span.text,
                    theme=trigger.theme,
                    rule=f"trigger:{'=' if trigger.exact else ''}{trigger.text}",
                )
            )
        return mentions


LemmaTables = tuple[list[tuple[str, str]], frozenset[str], dict[str, list[str]]]


def _lemma_tables(nlp: Language) -> dict[str, LemmaTables] | None:
    """Per part of speech: the suffix rules, the known lemmas and the irregular forms of the model's
    rule lemmatizer (None when the pipeline has none)."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    rules, index = lookups.get_table("lemma_rules"), lookups.get_table("lemma_index")
    irregular = lookups.get_table("lemma_exc")
    return {
        pos: (
            [tuple(rule) for rule in rules.get(pos.lower(), [])],
            frozenset(index.get(pos.lower(), ())),
            irregular.get(pos.lower(), {}),
        )
        for pos in LEMMA_POS
    }


def known_lemmas(
    word: str, rules: list[tuple[str, str]], known: frozenset[str], irregular: dict[str, list[str]]
) -> list[str]:
    """The lemmas of a lower-case word as one part of speech, the way spaCy's English rule
    lemmatizer finds them (its table of irregular forms, else its suffix rules), keeping only lemmas
    it knows: "fled" -> ["flee"], "talks" -> ["talk"], "reporter" as an adjective -> []."""
    if word in irregular:
        return list(irregular[word])
    found = []
    for old, new in rules:
        if word.endswith(old):
            form = word[: len(word) - len(old)] + new
            if form and form in known and form not in found:
                found.append(form)
    return found


def _score_tokens(doc: Doc) -> list[int]:
    """Tokens where a scoreline is: number, hyphen, number, or one token shaped like one."""
    strings = doc.vocab.strings
    values = doc.to_array(["SHAPE", "LIKE_NUM", "ORTH"])
    shaped = numpy.isin(values[:, 0], [strings.add(shape) for shape in _SCORE_SHAPES])
    number, hyphen = values[:, 1].astype(bool), values[:, 2] == strings.add("-")
    split = numpy.zeros(len(doc), dtype=bool)
    split[1:-1] = hyphen[1:-1] & number[:-2] & number[2:]
    return numpy.flatnonzero(shaped | split).tolist()


def _lemmas(doc: Doc) -> list[str]:
    """The document's lemmas, lower-cased (its words where it has none), read as arrays: no Token
    objects, which cost more than the matching."""
    strings = doc.vocab.strings
    lemmas, lowers = doc.to_array("LEMMA"), doc.to_array("LOWER")
    pairs = zip(lemmas, lowers, strict=True)
    return [strings[int(lemma)].lower() if lemma else strings[int(lower)] for lemma, lower in pairs]


def _lemma(token: object) -> str:
    lemma = getattr(token, "lemma_", "") or getattr(token, "lower_", "")
    return lemma.lower()


def _entity_tokens(doc: Doc) -> frozenset[int]:
    return frozenset(i for ent in doc.ents if ent.label_ in SKIP_LABELS for i in range(ent.start, ent.end))


def token_patterns(text: str) -> list[list[dict]]:
    """A trigger with placeholders -> Matcher patterns (one per form of its scoreline).

    Words match by lemma ("win" matches "won"); ``{name}`` one or more proper nouns; ``{num}`` a
    number; ``{score}`` "2-1" as number, hyphen, number (the tokenizer splits a hyphen between
    digits) or as one token ("2–1", "2:1"). Every test is an exact value, never a set or a regular
    expression: spaCy's Matcher runs those in Python for every token, exact values in C."""
    patterns: list[list[dict]] = [[]]
    for word in text.split():
        if word == "{score}":
            forms = [[{"LIKE_NUM": True}, {"ORTH": "-"}, {"LIKE_NUM": True}]]
            forms += [[{"SHAPE": shape}] for shape in _SCORE_SHAPES]
            patterns = [p + form for p in patterns for form in forms]
            continue
        if word == "{name}":
            token: dict = {"POS": "PROPN", "OP": "+"}
        elif word == "{num}":
            token = {"LIKE_NUM": True}
        else:
            token = {"LEMMA": word.lower()}
        patterns = [[*p, token] for p in patterns]
    return patterns
