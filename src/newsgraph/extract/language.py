"""Language identification with py3langid (a maintained fork of langid.py).

The model ships inside the package (``py3langid/data/model.npz.xz``) and is read from there
with ``allow_pickle=False``; nothing is downloaded.  It is loaded once per process, on first
use, with normalised probabilities so the score is a confidence in [0, 1].

Short or unsure texts give ``""`` (unknown) rather than a wrong guess: a headline-sized text
or a run of names is classified almost at random, and an unknown language is passed to the
English analysis, where a wrong "not English" would silently drop the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

MIN_LETTERS = 60  # below this the n-gram evidence is too thin
MIN_WORDS = 8
MIN_CONFIDENCE = 0.6
SAMPLE_CHARS = 5000  # the start of a long article decides; the rest only costs time


@dataclass(frozen=True)
class LanguageGuess:
    code: str  # ISO 639-1 where the language has one ("en", "fr"), else ISO 639-3; "" unknown
    confidence: float
    rule: str  # why: "py3langid", "py3langid:too-short", "py3langid:unsure(fr 0.41)"


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load_identifier() -> None:
    """Load the model now (once per process), so that its load (about 1.5 s) is not counted in
    the time limit of whichever document comes first."""
    _identifier()


def identify(text: str) -> LanguageGuess:
    """The language of ``text`` with a confidence, or ``""`` when the text is too short or the
    model unsure."""
    sample = text[:SAMPLE_CHARS]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < MIN_LETTERS or len(sample.split()) < MIN_WORDS:
        return LanguageGuess("", 0.0, "py3langid:too-short")
    label, score = _identifier().classify(sample)
    code = iso639_1(label)
    if score < MIN_CONFIDENCE:
        return LanguageGuess("", round(float(score), 3), f"py3langid:unsure({code} {score:.2f})")
    return LanguageGuess(code, round(float(score), 3), "py3langid")


def iso639_1(label: str) -> str:
    """py3langid labels are ISO 639-1 where one exists and ISO 639-3 otherwise; map a
    three-letter label to two letters when the language has a two-letter code."""
    label = label.lower()
    if len(label) == 2:
        return label
    import pycountry

    found = pycountry.languages.get(alpha_3=label)
    return getattr(found, "alpha_2", "") or label


def normalise_declared(value: str) -> str:
    """A language a source declared ("en-GB", "EN_us", "de") as its primary subtag."""
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else ""
