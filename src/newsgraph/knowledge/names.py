"""Name keys that survive transliteration ("Sergei"/"Sergey", "Dmitry"/"Dmitri", "Zelensky"/"Zelenskyy").

A key is a lossy skeleton: diacritics dropped, case folded, common romanisation variants of the
same Cyrillic/Arabic letters collapsed (y/i, kh/h, ks/x, ph/f, w/v, ou/u, j/y at word start),
double letters single. Two spellings of one name share a key; different names rarely do.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Plain letter pairs first (str.replace, the same as a left-to-right regex), then the rules that
# need context, then doubled letters collapsed. Kept fast: the people table indexes
# some 19,000 names by this key when first used.
_PAIRS = (("kh", "h"), ("ph", "f"), ("ks", "x"), ("ou", "u"), ("w", "v"))
_RULES = (
    (re.compile(r"\bj"), "y"),
    (re.compile(r"(?<=[aeiou])y|y(?=[aeiou])"), "i"),  # Sergey/Sergei, Yuri/Iuri, Andreyev/Andreiev
    (re.compile(r"iy\b|yy\b|ii\b|y\b"), "i"),  # Zelenskiy/Zelenskyy/Zelensky, Dmitriy/Dmitri
)
_NOT_LETTER = re.compile(r"[^a-z ]")
_DOUBLE = re.compile(r"(.)\1+")


@cache
def name_key(name: str) -> str:
    text = name.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.replace("-", " ").split())
    for pair, repl in _PAIRS:
        text = text.replace(pair, repl)
    if "j" in text or "y" in text:
        for pattern, repl in _RULES:
            text = pattern.sub(repl, text)
    if _DOUBLE.search(text):
        text = _DOUBLE.sub(_first, text)
    if not text.replace(" ", "").isalpha() or not text.isascii():
        text = _NOT_LETTER.sub("", text)
    return " ".join(text.split())


def _first(match: re.Match[str]) -> str:
    return match.group(1)
