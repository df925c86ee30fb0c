"""Filters as users type them (CLI options, API keyword arguments) -> validated, typed values.

Pure: no database. Each check fails with a :class:`QueryError` whose message is one line saying
what was wrong and what is allowed. Names (actors, places) are resolved against a store later, in
:mod:`newsgraph.query.resolve`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from newsgraph.knowledge import cameo
from newsgraph.knowledge.countries import country_code
from newsgraph.store.queries import SORTS


class QueryError(ValueError):
    """A filter or option the query layer cannot use; the message is one line for the user."""


#: Characters of a value an error message quotes: a 100,000-character --actor is not echoed whole.
SHOWN_CHARS = 60
#: SQLite's largest integer: a --limit or --offset beyond it cannot be bound to a query.
MAX_ROWS = 2**63 - 1


def shown(value: Any, limit: int = SHOWN_CHARS) -> str:
    """A value as an error message quotes it: its repr, cut to ``limit`` characters with the
    length said (``'aaaa…' (100000 characters)``)."""
    text = str(value) if not isinstance(value, str) else value
    if len(text) <= limit:
        return repr(value)
    return f"{text[: limit - 1] + '…'!r} ({len(text)} characters)"


MODALITIES = ("asserted", "negated", "intended", "hypothetical", "reported")
QUAD_WORDS = {
    "verbal-cooperation": 1,
    "material-cooperation": 2,
    "verbal-conflict": 3,
    "material-conflict": 4,
}
KINDS = {
    "quotes": ("direct", "partial", "indirect"),
    "actors": ("person", "organisation", "country", "group", "igo"),
    "places": ("country", "admin1", "admin2", "city", "site", "region", "continent"),
}
FORMATS = ("table", "json", "jsonl", "csv")
TABLES = ("events", "actors", "quotes", "places", "articles", "mentions")

# --theme and --domain pick articles by their themes and domain (migration 0008), like --site.
_ARTICLE = ("since", "until", "site", "language", "text", "article", "theme", "domain")
# What an event is filtered by (the listings add whether to count mentions).
_EVENT = (
    "actor", "counterpart", "source", "target", "source_country", "target_country",
    "cameo", "plover", "quad", "modality", "place", "country", "partial", "dyadic",
)  # fmt: skip
#: The filters each listing understands.
ALLOWED: dict[str, tuple[str, ...]] = {
    "events": (*_EVENT, "mentions", *_ARTICLE),
    "actors": ("actor", "country", "kind", "partial", "dyadic", "mentions", *_ARTICLE),
    "quotes": ("actor", "kind", *_ARTICLE),
    "places": ("place", "country", "kind", "partial", "dyadic", "mentions", *_ARTICLE),
    "articles": ("actor", "place", "country", *_ARTICLE),
    "mentions": ("actor", *_ARTICLE),
    "search": ("since", "until", "site", "language"),
    # The GKG side (newsgraph.query.service: themes, tone, comentions) and its record tables.
    "themes": (*_EVENT, *_ARTICLE),
    "tone": ("actor", "country", *_ARTICLE),
    "comentions": ("actor", "counterpart", *_ARTICLE),
    "tones": _ARTICLE,
    "theme_mentions": _ARTICLE,
    "domains": _ARTICLE,
    "counts": _ARTICLE,
}
#: Default ``--sort`` per listing ("-" = descending).
DEFAULT_SORT = {
    "events": "-date",
    "actors": "-events",
    "quotes": "-published",
    "places": "-mentions",
    "articles": "-ingested",
    "mentions": "",
}
#: Other spellings accepted for filter names (API keyword arguments, CLI option names).
SYNONYMS = {
    "with": "counterpart",
    "dyad": "counterpart",
    "root": "cameo",
    "quad_class": "quad",
    "lang": "language",
}

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_FTS_SYNTAX = re.compile(r'["*()^:]|\b(?:AND|OR|NOT|NEAR)\b')


@dataclass(frozen=True)
class Filters:
    """Validated filter values, names not yet resolved. Tuples are ORs; fields combine with AND."""

    actor: str = ""
    counterpart: str = ""
    source: str = ""
    target: str = ""
    source_country: str = ""  # ISO alpha-3 (the CAMEO country prefix of actor codes)
    target_country: str = ""
    cameo: tuple[str, ...] = ()
    plover: tuple[str, ...] = ()
    quad: tuple[int, ...] = ()
    modality: tuple[str, ...] = ()
    since: str = ""  # inclusive ISO prefix
    until: str = ""  # exclusive ISO prefix (the start of the period after the one asked for)
    place: str = ""
    country: str = ""  # ISO alpha-3
    site: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    text: str = ""  # an FTS5 expression
    kind: tuple[str, ...] = ()
    article: str = ""
    # Partial records too: without it, events are complete CAMEO events only (a coded source and
    # target, or a coded source for the roots in store.queries.ONE_SIDED_ROOTS). ``dyadic`` (the
    # old opt-in) is read as the opposite of ``partial``.
    partial: bool = False
    # Raw mentions (each coded record) instead of real-world events (their merge: store.merge).
    mentions: bool = False
    theme: tuple[str, ...] = ()  # theme names of knowledge/data/themes.tsv (a family: its themes)
    domain: tuple[str, ...] = ()  # article domains of knowledge/data/domains.tsv


def parse(table: str, raw: Mapping[str, Any]) -> Filters:
    """Validate filters for a listing; empty values (None, "", [], False) are ignored."""
    allowed = ALLOWED[table]
    values: dict[str, Any] = {}
    for given, value in raw.items():
        # `value is False`, not `== False`: 0 is a value (a quad class, say), not an unset switch.
        if value is None or value is False or value == "" or value == [] or value == ():
            continue
        name = SYNONYMS.get(given, given).replace("-", "_")
        if name not in allowed:
            raise QueryError(f"{_flag(given)} is not a filter of {table}; allowed: {_flags(allowed)}")
        if name == "dyadic":
            # Complete events are the default now: dyadic=True asks for it, dyadic=false for partial.
            values["partial"] = values.get("partial", False) or not _PARSERS[name](value, table)
            continue
        values[name] = _PARSERS[name](value, table)
    if values.get("counterpart") and not values.get("actor"):
        raise QueryError("--with needs --actor (the dyad is --actor A --with B)")
    if (values.get("actor") and table == "events") and (values.get("source") or values.get("target")):
        raise QueryError(
            "give either --actor (either side, optionally --with) or --source/--target, not both"
        )
    since, until = values.get("since", ""), values.get("until", "")
    if since and until and since >= until:
        shown = raw.get("until")
        raise QueryError(f"impossible date range: --since {raw.get('since')} is after --until {shown}")
    return Filters(**values)


def parse_sort(table: str, sort: str | None) -> tuple[str, bool]:
    """``field`` (ascending) or ``-field`` (descending) -> (field, descending)."""
    text = (sort or DEFAULT_SORT[table]).strip()
    desc = text.startswith("-")
    field = text.lstrip("-+")
    if field not in SORTS[table]:
        allowed = ", ".join(SORTS[table]) or "nothing (write order)"
        raise QueryError(
            f"cannot sort {table} by {shown(field)}; allowed: {allowed} (prefix - for descending)"
        )
    return field, desc


def parse_limit(value: Any, *, name: str = "--limit", minimum: int = 1) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise QueryError(f"{name} must be a whole number >= {minimum}, not {shown(value)}") from None
    if number < minimum:
        raise QueryError(f"{name} must be a whole number >= {minimum}, not {shown(value)}")
    if number > MAX_ROWS:
        raise QueryError(f"{name} {shown(value)} is too large: at most {MAX_ROWS}")
    return number


def parse_choice(value: str, allowed: Iterable[str], name: str) -> str:
    choices = tuple(allowed)
    text = value.strip().lower()
    if text not in choices:
        raise QueryError(f"{name} {shown(value)} is not one of: {', '.join(choices)}")
    return text


def fts_expression(text: str) -> str:
    """What to hand FTS5: plain words become quoted terms (all must match), so "U.S." or "Putin's"
    cannot be read as syntax; text that already uses FTS5 syntax ("phrases", OR, NOT, NEAR,
    prefix*, parentheses) is passed on as written."""
    stripped = text.strip()
    if not stripped:
        raise QueryError("the search text is empty")
    if _FTS_SYNTAX.search(stripped):
        return stripped
    return " ".join('"' + word.replace('"', '""') + '"' for word in stripped.split())


# -- single-filter parsers ---------------------------------------------------------


def _flag(name: str) -> str:
    canonical = SYNONYMS.get(name, name)
    return "--with" if canonical == "counterpart" else "--" + canonical.replace("_", "-")


def _flags(names: Iterable[str]) -> str:
    return ", ".join(_flag(n) for n in names)


def _many(value: Any) -> list[str]:
    """A comma-separated string or a list of them -> the non-empty items."""
    items = [value] if isinstance(value, str | int) else list(value)
    out: list[str] = []
    for item in items:
        out.extend(part.strip() for part in str(item).split(","))
    return [part for part in out if part]


def _one(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise QueryError(f"--{name} takes one value, not {shown(value)}")
    return value.strip()


def _text(name: str):  # type: ignore[no-untyped-def]
    def parse_one(value: Any, table: str) -> str:
        return _one(value, name)

    return parse_one


def _country(name: str):  # type: ignore[no-untyped-def]
    def parse_country(value: Any, table: str) -> str:
        return country_alpha3(_one(value, name), f"--{name.replace('_', '-')}")

    return parse_country


def country_alpha3(value: str, flag: str = "--country") -> str:
    """A country name, ISO alpha-3 or alpha-2 code -> ISO alpha-3."""
    import pycountry  # a dependency of knowledge.countries already

    text = value.strip()
    if len(text) in (2, 3) and text.isalpha():
        found = pycountry.countries.get(**{f"alpha_{len(text)}": text.upper()})
        if found is not None:
            return str(found.alpha_3)
    code = country_code(text)
    if code:
        return code
    raise QueryError(f"{flag} {shown(value)} is not a country; give a name (Syria) or an ISO code (SYR, SY)")


@cache
def _plover_types() -> tuple[str, ...]:
    return tuple(sorted({c.plover for c in cameo.codebook().values() if c.plover}))


#: PLOVER event types of the codebook, for help texts and error messages.
PLOVER_TYPES = _plover_types()


def _cameo(value: Any, table: str) -> tuple[str, ...]:
    codes = []
    for item in _many(value):
        code = item.zfill(2) if item.isdigit() and len(item) == 1 else item
        if not cameo.is_code(code):
            raise QueryError(
                f"unknown CAMEO event code {shown(item)}; give a root 01-20 or a code from the codebook "
                "(e.g. 04, 043, 0861)"
            )
        codes.append(code)
    return tuple(codes)


def _plover(value: Any, table: str) -> tuple[str, ...]:
    types = []
    for item in _many(value):
        if item.upper() not in _plover_types():
            raise QueryError(f"unknown PLOVER type {shown(item)}; allowed: {', '.join(_plover_types())}")
        types.append(item.upper())
    return tuple(types)


def _quad(value: Any, table: str) -> tuple[int, ...]:
    quads = []
    for item in _many(value):
        key = item.lower().replace("_", "-").replace(" ", "-")
        if key in QUAD_WORDS:
            quads.append(QUAD_WORDS[key])
        elif key in ("1", "2", "3", "4"):
            quads.append(int(key))
        else:
            raise QueryError(f"unknown quad class {shown(item)}; allowed: 1-4 or {', '.join(QUAD_WORDS)}")
    return tuple(quads)


def _modality(value: Any, table: str) -> tuple[str, ...]:
    return tuple(parse_choice(item, MODALITIES, "--modality") for item in _many(value))


def _kind(value: Any, table: str) -> tuple[str, ...]:
    return tuple(parse_choice(item, KINDS[table], f"--kind of {table}") for item in _many(value))


def _language(value: Any, table: str) -> tuple[str, ...]:
    langs = []
    for item in _many(value):
        if not _LANG.match(item.lower()):
            raise QueryError(
                f"--language {shown(item)} is not a language code; give ISO 639-1 codes like en, ru"
            )
        langs.append(item.lower())
    return tuple(langs)


def _site(value: Any, table: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for item in _many(value) for v in site_forms(item)))


def site_forms(value: str) -> tuple[str, ...]:
    """The stored spellings a ``--site`` value may stand for. Extraction stores a page's site as
    its URL's host, lower case, without "www." ("https://www.CBC.ca/news/x" -> "cbc.ca"), so a
    host, a URL or a "www." name is matched in that form; a site a JSON Lines record named is
    stored as written, so the value as given matches too, and so does its "www." form."""
    given = value.strip()
    text = given if "://" in given else "//" + given
    try:
        host = urlsplit(text).hostname or given
    except ValueError:  # e.g. an unbalanced "[" in the value: no host to read
        host = given
    bare = host.lower().rstrip(".").removeprefix("www.")
    return tuple(dict.fromkeys((bare, f"www.{bare}", given)))


_YES = ("true", "yes", "1")
_NO = ("false", "no", "0")


def _switch(name: str):  # type: ignore[no-untyped-def]
    """An on/off filter: a bool (the CLI flag, ``partial=True`` in Python) or true/false as text."""

    def parse_switch(value: Any, table: str) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _YES or text in _NO:
            return text in _YES
        raise QueryError(f"--{name} is a switch: give true or false, not {shown(value)}")

    return parse_switch


def _theme(value: Any, table: str) -> tuple[str, ...]:
    """Theme names (any case), or a family name for all its themes."""
    from newsgraph.knowledge import themes

    names, families = themes.themes(), themes.by_family()
    found: list[str] = []
    for item in _many(value):
        if item.upper() in names:
            found.append(item.upper())
        elif item.lower() in families:
            found.extend(families[item.lower()])
        else:
            raise QueryError(
                f"unknown theme {shown(item)}; give a theme (SANCTIONS, ELECTION ...; "
                f"`newsgraph themes --list`) or a family: {', '.join(families)}"
            )
    return tuple(dict.fromkeys(found))


def _domain(value: Any, table: str) -> tuple[str, ...]:
    from newsgraph.knowledge import domains

    return tuple(parse_choice(item, domains.labels(), "--domain") for item in _many(value))


def _fts(value: Any, table: str) -> str:
    return fts_expression(_one(value, "text"))


def check_date(value: Any, flag: str) -> tuple[int, int | None, int | None]:
    text = str(value).strip()
    match = _DATE.match(text)
    if not match:
        raise QueryError(f"{flag} {shown(value)} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        date(year or 1, month or 1, day or 1)
    except ValueError:
        raise QueryError(
            f"{flag} {shown(value)} is not a real date; give YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None
    assert year is not None
    return year, month, day


def _since(value: Any, table: str) -> str:
    check_date(value, "--since")
    return str(value).strip()


def _until(value: Any, table: str) -> str:
    """The exclusive bound just after the period: 2017 -> 2018, 2017-12 -> 2018-01, a day -> next day."""
    year, month, day = check_date(value, "--until")
    if month is None:
        return f"{year + 1:04d}"
    if day is None:
        return f"{year + (month == 12):04d}-{month % 12 + 1:02d}"
    nxt = date.fromordinal(date(year, month, day).toordinal() + 1)
    return nxt.isoformat()


_PARSERS = {
    "actor": _text("actor"),
    "counterpart": _text("with"),
    "source": _text("source"),
    "target": _text("target"),
    "source_country": _country("source_country"),
    "target_country": _country("target_country"),
    "cameo": _cameo,
    "plover": _plover,
    "quad": _quad,
    "modality": _modality,
    "since": _since,
    "until": _until,
    "place": _text("place"),
    "country": _country("country"),
    "site": _site,
    "language": _language,
    "text": _fts,
    "kind": _kind,
    "article": _text("article"),
    "partial": _switch("partial"),
    "mentions": _switch("mentions"),
    "dyadic": _switch("dyadic"),
    "theme": _theme,
    "domain": _domain,
}
