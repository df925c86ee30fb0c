"""Name keys that survive transliteration ("Sergei"/"Sergey", "Dmitry"/"Dmitri", "Zelensky"/"Zelenskyy").

A key is a lossy skeleton: diacritics dropped, case folded, common romanisation variants of the
same Cyrillic/Arabic letters collapsed (y/i, kh/h, ks/x, ph/f, w/v, ou/u, j/y at word start),
double letters single. Two spellings of one name share a key; different names rarely do.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_RULES = (
    (re.compile(r"kh"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ks"), "x"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"w"), "v"),
    (re.compile(r"\bj"), "y"),
    (re.compile(r"(?<=[aeiou])y|y(?=[aeiou])"), "i"),  # Sergey/Sergei, Yuri/Iuri, Andreyev/Andreiev
    (re.compile(r"iy\b|yy\b|ii\b|y\b"), "i"),  # Zelenskiy/Zelenskyy/Zelensky, Dmitriy/Dmitri
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"[^a-z ]"), ""),
)


@cache
def name_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.replace("-", " ").split())
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    return " ".join(text.split())
