"""Real-world events from their mentions: the merge rule, run by the store on every write.

Every coded record of the ``events`` table is a *mention* (GDELT 2.0's word): one sentence's report
of an act. Two mentions are of the same real-world event when a careful analyst would say so:

- **actions**: the same CAMEO root, or codes that are views of one happening (a meeting and the
  agreement signed at it, a statement and the accusation it made: ``knowledge/data/event_views.tsv``);
  and the same modality (asserted and reported are one; negated, intended, hypothetical each apart);
- **actors**, side by side, or swapped for joint acts (the roots marked symmetric in the same
  table: "A met B" is "B met A"): the same actor, or actor codes that agree on the country and the
  sector (a leader, coded as their government, and the government are one side: USAGOV), or a bare
  country code and a code of that country (USA and USAGOV); a side without an actor matches only a
  side without one, except the target of a root complete with one actor (01, 14, 15), which one
  report may name and another not; a mention without any actor joins only mentions without
  one, and another article's only at the same known place (two actorless "clashes" reported on
  one day are not one event for that alone);
- **dates**: their windows overlap, each widened by a day (time zones, "yesterday"): a day is that
  day, a week its seven days, a month or a year all of it; a mention dated by its article's
  publication (no time expression) happened within the three days up to it; a mention without any
  date merges only within its own article;
- **places**: unknown on either side, the same place, a country and a place in it, a first-level
  unit and a place in it; two different towns are two events;
- and one article that codes two acts with different codes reports two acts (sanctions and the
  expulsion of diplomats, both root 16, in one story), while its repeats of one act merge.

An event is a connected component of the graph whose edges are those pairs, so it does not depend on
the order articles arrive in, and a new article only touches the events its mentions join
(:func:`add_article`): its mentions are compared with the stored mentions of compatible roots in a
window of dates, and every event one of them matches is merged. Deleting an article re-splits the
events it held (:func:`rebuild`). The merged row (``MergedEvent``) carries the best-supported fields
(:func:`merged`), the counts, and the first and last report.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from newsgraph.knowledge import tables
from newsgraph.knowledge.event_words import roots_where
from newsgraph.records import MergedEvent
from newsgraph.store import rows

#: Slack around each date window, in days, and how far before its publication an undated report's
#: event may lie.
SLACK_DAYS = 1
PUBLISHED_DAYS = 3
#: Modalities that report one happening alike.
_MODALITY_CLASS = {"asserted": "asserted", "reported": "asserted"}
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_PLACE_RANK = {"site": 0, "city": 0, "admin2": 1, "admin1": 2, "country": 3}
ONE_SIDED = frozenset(roots_where("complete_alone"))


@dataclass(frozen=True)
class Mention:
    """What the merge rule reads of one stored mention (an ``events`` row and its article, place)."""

    rowid: int
    key: str  # "article_id:id", unique in the store
    id: str
    article_id: str
    event_id: str
    cameo_code: str
    root_code: str
    source_actor_id: str
    source_code: str
    target_actor_id: str
    target_code: str
    modality: str
    date: str
    date_precision: str
    dated_by_article: bool  # the coder fell back on the publication date
    place_id: str
    place_country: str
    place_kind: str
    place_admin1: str
    published: str  # the article's publication date, else its ingest time
    site: str
    confidence: float
    start: int
    lead: int | None

    @property
    def window(self) -> tuple[date, date] | None:
        return _window(self.date, self.dated_by_article) or _window(self.published[:10], True)


# -- the tables ------------------------------------------------------------------------------------


@cache
def _views() -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    pairs, symmetric = [], set()
    for row in tables.rows("event_views.tsv"):
        code_a, code_b, kind = row[0], row[1], row[2]
        if kind == "symmetric":
            symmetric.add(code_a)
        else:
            pairs.append((code_a, code_b))
    return tuple(pairs), frozenset(symmetric)


def actions_compatible(a: str, b: str) -> bool:
    """Whether two CAMEO codes can be views of one happening (same root, or a row of the table)."""
    if a[:2] == b[:2]:
        return True
    pairs, _ = _views()
    return any(
        (a.startswith(x) and b.startswith(y)) or (a.startswith(y) and b.startswith(x)) for x, y in pairs
    )


def compatible_roots(code: str) -> tuple[str, ...]:
    """The roots whose codes may be views of the same happening as ``code`` (its own first)."""
    found = [code[:2]]
    pairs, _ = _views()
    for x, y in pairs:
        for mine, other in ((x, y), (y, x)):
            if (code.startswith(mine) or mine.startswith(code[:2])) and other[:2] not in found:
                found.append(other[:2])
    return tuple(found)


def symmetric(code: str) -> bool:
    return any(code.startswith(root) for root in _views()[1])


# -- the pairwise rule -----------------------------------------------------------------------------


def _window(text: str, by_article: bool) -> tuple[date, date] | None:
    """The days an ISO date, week, month or year covers; a publication date: the days up to it."""
    text = text.strip()
    try:
        if len(text) >= 10 and text[4] == "-" and text[7] == "-":
            day = date.fromisoformat(text[:10])
            return (day - timedelta(days=PUBLISHED_DAYS), day) if by_article else (day, day)
        if len(text) >= 8 and text[4:6] == "-W":
            monday = date.fromisocalendar(int(text[:4]), int(text[6:8]), 1)
            return monday, monday + timedelta(days=6)
        if len(text) == 7 and text[4] == "-":
            first = date(int(text[:4]), int(text[5:7]), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        if len(text) == 4 and text.isdigit():
            return date(int(text), 1, 1), date(int(text), 12, 31)
    except ValueError:
        return None
    return None


def dates_compatible(a: Mention, b: Mention) -> bool:
    wa, wb = a.window, b.window
    if wa is None or wb is None:
        return a.article_id == b.article_id
    slack = timedelta(days=SLACK_DAYS)
    return wa[0] - slack <= wb[1] and wb[0] - slack <= wa[1]


def places_compatible(a: Mention, b: Mention) -> bool:
    if not a.place_id or not b.place_id or a.place_id == b.place_id:
        return True
    if a.place_kind in ("region", "continent") or b.place_kind in ("region", "continent"):
        return True  # a region gives no country to disagree with
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return False
    if "country" in (a.place_kind, b.place_kind):
        return True
    same_unit = bool(a.place_admin1) and a.place_admin1 == b.place_admin1
    return "admin1" in (a.place_kind, b.place_kind) and same_unit


def codes_compatible(a: str, b: str) -> bool:
    """Same code (same country and sector: a leader coded as their government is the government),
    or a bare country code and a code of that country."""
    return a == b or (a[:3] == b[:3] and (len(a) == 3 or len(b) == 3))


def side_compatible(a: tuple[str, str], b: tuple[str, str], optional: bool = False) -> bool:
    """Two event sides, (actor id, code) each; ``optional``: a side one report may leave out."""
    a_has, b_has = any(a), any(b)
    if not a_has or not b_has:
        return (not a_has and not b_has) or optional
    if a[0] and a[0] == b[0]:
        return True
    return bool(a[1] and b[1]) and codes_compatible(a[1], b[1])


def sides_compatible(a: Mention, b: Mention) -> bool:
    a_src, a_tgt = (a.source_actor_id, a.source_code), (a.target_actor_id, a.target_code)
    b_src, b_tgt = (b.source_actor_id, b.source_code), (b.target_actor_id, b.target_code)
    optional = a.root_code in ONE_SIDED and b.root_code in ONE_SIDED
    if side_compatible(a_src, b_src) and side_compatible(a_tgt, b_tgt, optional):
        return True
    both_joint = symmetric(a.cameo_code) and symmetric(b.cameo_code)
    return both_joint and side_compatible(a_src, b_tgt) and side_compatible(a_tgt, b_src)


def has_actor(m: Mention) -> bool:
    return bool(m.source_actor_id or m.source_code or m.target_actor_id or m.target_code)


def compatible(a: Mention, b: Mention) -> bool:
    """Whether two mentions report one real-world event (the rule of the module docstring)."""
    if a.key == b.key:
        return True
    if a.article_id == b.article_id and a.cameo_code != b.cameo_code:
        return False  # one report that codes two acts apart reports two acts
    if not (has_actor(a) and has_actor(b)):
        if has_actor(a) or has_actor(b):
            return False
        if a.article_id != b.article_id and (not a.place_id or a.place_id != b.place_id):
            return False  # an actorless report across articles: the place is all that ties it
    return (
        actions_compatible(a.cameo_code, b.cameo_code)
        and _MODALITY_CLASS.get(a.modality, a.modality) == _MODALITY_CLASS.get(b.modality, b.modality)
        and dates_compatible(a, b)
        and places_compatible(a, b)
        and sides_compatible(a, b)
    )


# -- reading mentions ------------------------------------------------------------------------------

_SELECT = (
    'SELECT e.rowid, e."article_id" || \':\' || e."id", e."id", e."article_id", e."event_id", '
    'e."cameo_code", e."root_code", e."source_actor_id", e."source_code", e."target_actor_id", '
    'e."target_code", e."modality", e."date", e."date_precision", '
    'instr(e."rule", \'date:published\') > 0, e."place_id", '
    "coalesce(p.\"country\", ''), coalesce(p.\"kind\", ''), coalesce(p.\"admin1\", ''), "
    'CASE WHEN a."published" <> \'\' THEN a."published" ELSE a."ingested_at" END, a."site", '
    'e."confidence", e."start", length(json_extract(a."paragraphs", \'$[0]\')) '
    'FROM "events" AS e JOIN "articles" AS a ON a."id" = e."article_id" '
    'LEFT JOIN "places" AS p ON p."id" = e."place_id"'
)


def _mentions(conn: sqlite3.Connection, where: str, params: Sequence[object]) -> list[Mention]:
    found = conn.execute(f"{_SELECT} WHERE {where} ORDER BY e.rowid", list(params)).fetchall()
    return [Mention(*row[:14], bool(row[14]), *row[15:]) for row in found]


def _candidates(conn: sqlite3.Connection, m: Mention) -> list[Mention]:
    """Stored, already merged mentions that may match ``m``: compatible roots and dates near (the
    (root, date) index of migration 0004, one range per kind of stored date), or the same article;
    the rule decides among them."""
    roots = list(compatible_roots(m.cameo_code))
    kind_params: list[object] = list(roots)
    same_kind = f'e."root_code" IN ({", ".join("?" for _ in roots)})'
    head = 'SELECT e.rowid FROM "events" AS e'
    parts: list[tuple[str, list[object]]] = [(f'{head} WHERE e."article_id" = ?', [m.article_id])]
    window = m.window
    if not has_actor(m):
        # Only its own place can tie it to another article (the rule): searched by place first
        # (the (place, date) index), since every actorless mention of a root in a busy window
        # cost 10 ms a mention in the 100,000 soak and grew with the store.
        if not m.place_id:
            window = None
        else:
            same_kind = f'e."place_id" = ? AND {same_kind}'
            kind_params = [m.place_id, *kind_params]
    if window is not None:
        margin = timedelta(days=SLACK_DAYS + PUBLISHED_DAYS + 7)
        low, high = (window[0] - margin).isoformat(), (window[1] + margin).isoformat()
        years = sorted({low[:4], window[0].isoformat()[:4], window[1].isoformat()[:4], high[:4]})
        coarse = sorted({*years, low[:7], high[:7], window[0].isoformat()[:7], window[1].isoformat()[:7]})
        parts.append(
            (f'{head} WHERE {same_kind} AND e."date" >= ? AND e."date" <= ?', [*kind_params, low, high + "T"])
        )
        marks = ", ".join("?" for _ in coarse)
        parts.append((f'{head} WHERE {same_kind} AND e."date" IN ({marks})', [*kind_params, *coarse]))
        for year in years:  # ISO weeks ("2017-W28")
            parts.append(
                (
                    f'{head} WHERE {same_kind} AND e."date" >= ? AND e."date" < ?',
                    [*kind_params, f"{year}-W", f"{year}-X"],
                )
            )
        # Undated mentions of articles published near: found from the articles (the published
        # index) first. Searched from the events' (root, date) index instead, this read every
        # undated mention of those roots ever stored, a cost that grew with the store.
        parts.append(
            (
                'SELECT e.rowid FROM "articles" AS a CROSS JOIN "events" AS e ON e."article_id" = a."id" '
                f"WHERE {same_kind} AND e.\"date\" = '' "
                'AND a."published" >= ? AND a."published" <= ?',
                [*kind_params, low, high + "T~"],
            )
        )
    union = " UNION ".join(sql for sql, _ in parts)
    params = [p for _, ps in parts for p in ps]
    actors, actor_params = _actor_filter(m)
    where = f"e.\"event_id\" <> '' AND e.rowid IN ({union}) AND ({actors})"
    return _mentions(conn, where, [*params, *actor_params])


def _actor_filter(m: Mention) -> tuple[str, list[object]]:
    """A side of the candidate holds one of ``m``'s actors (its id, or its code's country), or, for
    a mention without any actor, neither side holds one: what the rule needs, as a cheap filter."""
    ors: list[str] = []
    params: list[object] = []
    for actor_id in sorted({m.source_actor_id, m.target_actor_id} - {""}):
        ors.append('? IN (e."source_actor_id", e."target_actor_id")')
        params.append(actor_id)
    for country in sorted({m.source_code[:3], m.target_code[:3]} - {""}):
        ors.append('substr(e."source_code", 1, 3) = ? OR substr(e."target_code", 1, 3) = ?')
        params += [country, country]
    if not ors:
        # Unary plus: no index on these. Driven by the (target_code, date) index instead, the
        # search read every actorless mention ever stored (10 ms a mention in the 100,000 soak).
        return "+e.\"source_code\" = '' AND +e.\"target_code\" = ''", []
    return " OR ".join(ors), params


# -- writing events --------------------------------------------------------------------------------


def add_article(conn: sqlite3.Connection, article_id: str) -> set[str]:
    """Merge the new mentions of one stored article into the events they report (in the caller's
    transaction); return the ids of the events written."""
    touched: set[str] = set()
    # The store owns the links: whatever a record came with, its event is found here.
    conn.execute('UPDATE "events" SET "event_id" = \'\' WHERE "article_id" = ?', (article_id,))
    for m in _mentions(conn, 'e."article_id" = ? AND e."event_id" = \'\'', [article_id]):
        joined = sorted({c.event_id for c in _candidates(conn, m) if compatible(m, c)})
        new_id = min([m.key, *joined])
        if joined:
            marks = ", ".join("?" for _ in joined)
            sql = f'UPDATE "events" SET "event_id" = ? WHERE "event_id" IN ({marks})'
            conn.execute(sql, [new_id, *joined])
            conn.execute(f'DELETE FROM "merged_events" WHERE "id" IN ({marks})', joined)
            touched -= set(joined)
        conn.execute('UPDATE "events" SET "event_id" = ? WHERE rowid = ?', (new_id, m.rowid))
        touched.add(new_id)
    for event_id in sorted(touched):
        write(conn, event_id)
    return touched


def events_of(conn: sqlite3.Connection, article_id: str) -> set[str]:
    """The events an article's mentions belong to (read before the article is deleted)."""
    sql = 'SELECT DISTINCT "event_id" FROM "events" WHERE "article_id" = ? AND "event_id" <> \'\''
    return {row[0] for row in conn.execute(sql, (article_id,))}


def rebuild(conn: sqlite3.Connection, event_ids: Iterable[str]) -> None:
    """Re-merge what is left of these events after mentions were deleted: each may split, none can
    join another (removing mentions removes links, never adds one)."""
    for event_id in sorted(set(event_ids)):
        conn.execute('DELETE FROM "merged_events" WHERE "id" = ?', (event_id,))
        members = _mentions(conn, 'e."event_id" = ?', [event_id])
        split = []
        for component in components(members):
            new_id = min(m.key for m in component)
            marks = ", ".join("?" for _ in component)
            sql = f'UPDATE "events" SET "event_id" = ? WHERE rowid IN ({marks})'
            conn.execute(sql, [new_id, *(m.rowid for m in component)])
            split.append(new_id)
        # Written once every part is relinked: a part keeping the old id would otherwise be
        # written with the mentions of the parts not yet relinked.
        for new_id in split:
            write(conn, new_id)


def merge_unmerged(conn: sqlite3.Connection) -> int:
    """Merge every article whose mentions have no event yet (a store written before migration 0010);
    in the articles' ingest order, though the result does not depend on it. Returns the articles."""
    sql = (
        'SELECT a."id" FROM "articles" AS a WHERE a."id" IN '
        '(SELECT "article_id" FROM "events" WHERE "event_id" = \'\') ORDER BY a.rowid'
    )
    ids = [row[0] for row in conn.execute(sql)]
    for article_id in ids:
        add_article(conn, article_id)
    return len(ids)


def singletons(conn: sqlite3.Connection, after_rowid: int) -> None:
    """Each mention stored after ``after_rowid`` without an event becomes an event of its own
    (``Store.bulk_add``: trusted, already-merged records), in SQL."""
    conn.execute(
        'UPDATE "events" SET "event_id" = "article_id" || \':\' || "id" '
        "WHERE rowid > ? AND \"event_id\" = ''",
        (after_rowid,),
    )
    shared = (
        '"article_id", "start", "end", "evidence", "cameo_code", "root_code", "source_actor_id", '
        '"source_code", "target_actor_id", "target_code", "plover_type", "quad_class", "goldstein", '
        '"date", "date_precision", "place_id", "modality", "confidence"'
    )
    conn.execute(
        f'INSERT OR IGNORE INTO "merged_events" ("id", {shared}, "rule", "mention_id", "tone") '
        f'SELECT "event_id", {shared}, \'merge: one mention (bulk load)\', "id", NULL '
        'FROM "events" WHERE rowid > ?',
        (after_rowid,),
    )


def components(members: Sequence[Mention]) -> list[list[Mention]]:
    """The connected components of ``members`` under :func:`compatible`."""
    parent = list(range(len(members)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            if find(i) != find(j) and compatible(members[i], members[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Mention]] = defaultdict(list)
    for i, m in enumerate(members):
        groups[find(i)].append(m)
    return list(groups.values())


def write(conn: sqlite3.Connection, event_id: str) -> None:
    members = _mentions(conn, 'e."event_id" = ?', [event_id])
    if not members:
        conn.execute('DELETE FROM "merged_events" WHERE "id" = ?', (event_id,))
        return
    record = merged(conn, event_id, members)
    sql = rows.insert_sql("merged_events", MergedEvent).replace("INSERT INTO", "INSERT OR REPLACE INTO", 1)
    conn.execute(sql, rows.to_row(record))


def _articles(ms: Iterable[Mention]) -> int:
    return len({m.article_id for m in ms})


def merged(conn: sqlite3.Connection, event_id: str, members: Sequence[Mention]) -> MergedEvent:
    """The event of these mentions: the best-supported fields (each by the number of articles that
    give it), the counts, the first and last report."""
    coded = [m for m in members if m.source_code or m.target_code] or list(members)
    # The sides the most articles give, then the code the most of those give (ties: the more
    # specific codes, then the first in code order, so the choice never depends on ingest order).
    by_sides: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in coded:
        by_sides[(m.source_code, m.target_code)].append(m)
    sides = min(by_sides, key=lambda k: (-_articles(by_sides[k]), -len("".join(k)), k))
    by_combo: dict[tuple[str, str, str], list[Mention]] = defaultdict(list)
    for m in by_sides[sides]:
        by_combo[(m.source_code, m.target_code, m.cameo_code)].append(m)
    combo = min(by_combo, key=lambda k: (-_articles(by_combo[k]), -len(k[2]), k))
    rep = min(by_combo[combo], key=lambda m: (-m.confidence, m.key))
    date_value, precision, date_support = _best_date(members)
    place, place_support = _best_place(members)
    row = conn.execute(
        'SELECT "evidence", "end", "plover_type", "quad_class", "goldstein" FROM "events" WHERE rowid = ?',
        (rep.rowid,),
    ).fetchone()
    seen = sorted(m.published for m in members if m.published)
    sources = {m.site or m.article_id for m in members}
    n_articles = _articles(members)
    rule = (
        f"merge: {len(members)} mentions, {n_articles} articles, {len(sources)} sources; "
        f"codes {'/'.join(combo)} in {_articles(by_combo[combo])} articles (mention {rep.key}); "
        f"date {date_value or '?'} in {date_support}; place {place or '?'} in {place_support}"
    )
    return MergedEvent(
        id=event_id,
        article_id=rep.article_id,
        start=rep.start,
        end=row[1],
        evidence=row[0],
        cameo_code=rep.cameo_code,
        root_code=rep.root_code,
        source_actor_id=rep.source_actor_id or _most(m.source_actor_id for m in by_combo[combo]),
        source_code=rep.source_code,
        target_actor_id=rep.target_actor_id or _most(m.target_actor_id for m in by_combo[combo]),
        target_code=rep.target_code,
        plover_type=row[2],
        quad_class=row[3],
        goldstein=row[4],
        date=date_value,
        date_precision=precision,
        place_id=place,
        modality=rep.modality,
        confidence=max(m.confidence for m in members),
        rule=rule,
        mention_id=rep.id,
        first_seen=seen[0] if seen else "",
        last_seen=seen[-1] if seen else "",
        num_mentions=len(members),
        num_articles=n_articles,
        num_sources=len(sources),
        is_root=int(any(m.lead is not None and m.start < m.lead for m in members)),
        tone=_tone(conn, sorted({m.article_id for m in members})),
    )


def _most(values: Iterable[str]) -> str:
    counted = Counter(v for v in values if v)
    return min(counted, key=lambda v: (-counted[v], v)) if counted else ""


def _best_date(members: Sequence[Mention]) -> tuple[str, str, int]:
    """(date, precision, articles) of the date the most articles give: a time expression of the
    sentence before a publication date, then the more precise, then the earlier."""
    support: dict[tuple[str, str, bool], set[str]] = defaultdict(set)
    for m in members:
        if m.date:
            support[(m.date, m.date_precision, m.dated_by_article)].add(m.article_id)
    if not support:
        return "", "", 0
    best = min(
        support,
        key=lambda k: (-len(support[k]), k[2], _PRECISION_RANK.get(k[1], 4), k[0]),
    )
    return best[0], best[1], len(support[best])


def _best_place(members: Sequence[Mention]) -> tuple[str, int]:
    support: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, str] = {}
    for m in members:
        if m.place_id:
            support[m.place_id].add(m.article_id)
            kinds[m.place_id] = m.place_kind
    if not support:
        return "", 0
    best = min(support, key=lambda p: (-len(support[p]), _PLACE_RANK.get(kinds[p], 4), p))
    return best, len(support[best])


def _tone(conn: sqlite3.Connection, article_ids: Sequence[str]) -> float | None:
    marks = ", ".join("?" for _ in article_ids)
    sql = f'SELECT avg("tone") FROM "tones" WHERE "unit" = \'article\' AND "article_id" IN ({marks})'
    value = conn.execute(sql, list(article_ids)).fetchone()[0]
    return None if value is None else round(float(value), 4)
