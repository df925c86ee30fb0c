"""Names -> store keys: which actors an ``--actor`` value means, which places a ``--place`` means.

Order for an actor value (first that applies wins):
0. an actor's exact registry id ("88be3fd67158c46b"), as the web workbench's links carry;
1. a CAMEO actor code written in capitals that the store uses or that is an ISO country code
   ("RUS", "USAGOV", "IGOEUREEC"): every actor whose code starts with it;
2. a country name ("Russia", "the United States"): its ISO alpha-3 as a code prefix, so a
   country stands for its government, ministers and everyone else coded with it, as in GDELT's
   country dyads (ask for a person or body by name for that one actor);
3. an actor's name or alias, ASCII case folded ("EU", "Vladimir Putin");
4. whole words of a name or alias ("Putin" -> "Vladimir Putin").
"""

from __future__ import annotations

import re
import sqlite3

import pycountry

from newsgraph.knowledge.countries import country_code
from newsgraph.query.filters import Filters, QueryError, shown
from newsgraph.store import queries
from newsgraph.store.queries import Criteria, Side

_CODE = re.compile(r"^[A-Z]{3}[A-Z0-9]*$")


def actor_side(conn: sqlite3.Connection, value: str, flag: str = "--actor") -> Side:
    """The store keys an actor value stands for. ``flag`` names the option the value came from
    in error messages; "" for a value that is the subject itself (``newsgraph actor NAME``)."""
    text = value.strip()
    if queries.actor_exists(conn, text):
        return Side(ids=(text,), label=text)
    what = f"{flag} {shown(value)}" if flag else f"actor {shown(value)}"
    if _CODE.match(text) and (
        queries.code_in_use(conn, text) or pycountry.countries.get(alpha_3=text) is not None
    ):
        return Side(code=text, label=text)
    alpha3 = country_code(text)
    if alpha3:
        return Side(code=alpha3, label=text)
    ids = queries.actor_ids_by_name(conn, text)
    if not ids:
        raise QueryError(
            f"{what} matches no actor by name, alias, country or CAMEO code "
            "(list them with `newsgraph actors`)"
        )
    if len(ids) > queries.MAX_ACTOR_IDS:
        raise QueryError(f"{what} matches more than {queries.MAX_ACTOR_IDS} actors; be more specific")
    return Side(ids=tuple(ids), label=text)


def place_keys(conn: sqlite3.Connection, value: str) -> tuple[tuple[str, ...], str]:
    """(place ids, country alpha-3): a country name or code means every place in that country."""
    text = value.strip()
    alpha3 = country_code(text)
    if alpha3 is None and len(text) == 3 and text.isupper():
        found = pycountry.countries.get(alpha_3=text)
        alpha3 = str(found.alpha_3) if found else None
    if alpha3:
        return (), alpha3
    ids = queries.place_ids_by_name(conn, text)
    if not ids:
        raise QueryError(f"--place {shown(value)} matches no stored place by name or id, nor a country")
    return tuple(ids), ""


def criteria(conn: sqlite3.Connection, f: Filters) -> Criteria:
    """Validated filters with their names looked up in the store."""
    place_ids, place_country = place_keys(conn, f.place) if f.place else ((), "")
    if f.country:
        if place_country and place_country != f.country:
            raise QueryError(f"--place {shown(f.place)} is in {place_country}, not in --country {f.country}")
        place_country = f.country
    return Criteria(
        actor=actor_side(conn, f.actor) if f.actor else None,
        counterpart=actor_side(conn, f.counterpart, "--with") if f.counterpart else None,
        source=actor_side(conn, f.source, "--source") if f.source else None,
        target=actor_side(conn, f.target, "--target") if f.target else None,
        source_country=f.source_country,
        target_country=f.target_country,
        cameo=f.cameo,
        plover=f.plover,
        quad=f.quad,
        modality=f.modality,
        since=f.since,
        until=f.until,
        place_ids=place_ids,
        place_country=place_country,
        sites=f.site,
        languages=f.language,
        text=f.text,
        kinds=f.kind,
        article=f.article,
        partial=f.partial,
        mentions=f.mentions,
        themes=f.theme,
        domains=f.domain,
    )
