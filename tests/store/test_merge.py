"""Real-world events from their mentions (store.merge): the rule, order independence, deletes."""

from __future__ import annotations

import itertools
import random
import sqlite3
from pathlib import Path

import pytest
from tests.query.builder import Story, analysis_of

from newsgraph.query import Query
from newsgraph.store import Store
from newsgraph.store.merge import actions_compatible, codes_compatible, compatible_roots


def _story(key: str, site: str, published: str, event: tuple[int, str, str, str, str, str, str]) -> Story:
    sentences = ["Putin met Trump in Hamburg.", "Officials gave no details."]
    return Story(key, site, "en", published, key, sentences, [event], [])


# One meeting reported by four sites (one a day late, one coding it as the agreement signed there,
# one with the sides the other way round), and three look-alikes: the same dyad a month later, the
# same act between other parties the same day, and a different town the same day.
STORIES = [
    _story(
        "m1", "a.example", "2017-07-07", (0, "trump", "putin", "040", "asserted", "2017-07-07", "hamburg")
    ),
    _story(
        "m2", "b.example", "2017-07-08", (0, "trump", "putin", "043", "asserted", "2017-07-07", "hamburg")
    ),
    _story(
        "m3", "c.example", "2017-07-07", (0, "putin", "trump", "040", "reported", "2017-07-07", "hamburg")
    ),
    _story(
        "m4", "d.example", "2017-07-07", (0, "trump", "putin", "057", "asserted", "2017-07-07", "hamburg")
    ),
    _story(
        "later", "a.example", "2017-08-09", (0, "trump", "putin", "040", "asserted", "2017-08-09", "hamburg")
    ),
    _story(
        "others", "b.example", "2017-07-07", (0, "abe", "putin", "040", "asserted", "2017-07-07", "hamburg")
    ),
    _story(
        "elsewhere",
        "c.example",
        "2017-07-07",
        (0, "trump", "putin", "040", "asserted", "2017-07-07", "moscow"),
    ),
]
MEETING = {"m1", "m2", "m3", "m4"}


def _partition(path: Path) -> set[frozenset[str]]:
    with sqlite3.connect(path) as conn:
        found = conn.execute(
            'SELECT a."uri", e."event_id" FROM "events" AS e JOIN "articles" AS a ON a."id" = e."article_id"'
        )
        groups: dict[str, set[str]] = {}
        for uri, event_id in found:
            groups.setdefault(event_id, set()).add(uri.removeprefix("test://"))
    return {frozenset(g) for g in groups.values()}


def _build(path: Path, stories: list[Story]) -> Path:
    with Store(path) as store:
        for story in stories:
            assert store.add_analysis(analysis_of(story))
    return path


def test_reports_of_one_event_merge_and_look_alikes_stay_apart(tmp_path: Path) -> None:
    path = _build(tmp_path / "m.db", STORIES)
    assert _partition(path) == {frozenset(MEETING), *(frozenset([s.key]) for s in STORIES[4:])}
    with Store(path) as store:
        q = Query(store)
        events = q.events(limit=100)
        assert len(events) == 4 and q.count_events() == 4 and q.count_events(mentions=True) == 7
        meeting = next(e for e in events if e.num_mentions > 1)
        assert (meeting.num_mentions, meeting.num_articles, meeting.num_sources) == (4, 4, 4)
        assert meeting.cameo_code == "040" and meeting.date == "2017-07-07"
        assert meeting.first_seen.startswith("2017-07-07") and meeting.last_seen.startswith("2017-07-08")
        assert meeting.place_id == "2911298"
        mentions = q.events(mentions=True, limit=100)
        assert {m.event_id for m in mentions if m.article_id in {e.article_id for e in mentions}} >= {
            meeting.id
        }
        assert sum(m.event_id == meeting.id for m in mentions) == 4  # every mention links to its event
        linked = q.event_mentions(meeting.id)
        assert len(linked) == 4 and {m.cameo_code for m in linked} == {"040", "043", "057"}
        # Timelines, networks and per-country counts count events.
        assert sum(row["total"] for row in q.timeline()) == 4
        assert sum(row["total"] for row in q.timeline(mentions=True)) == 7
        assert {r["country"]: r["events"] for r in q.events_per_country(by="source")}["USA"] == 3


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_events_do_not_depend_on_ingest_order(tmp_path: Path, seed: int) -> None:
    reference = _partition(_build(tmp_path / "ref.db", STORIES))
    shuffled = list(STORIES)
    random.Random(seed).shuffle(shuffled)
    path = _build(tmp_path / f"s{seed}.db", shuffled)
    assert _partition(path) == reference
    with sqlite3.connect(path) as a, sqlite3.connect(tmp_path / "ref.db") as b:
        sql = (
            'SELECT "id", "cameo_code", "date", "place_id", "num_mentions" FROM "merged_events" ORDER BY "id"'
        )
        assert a.execute(sql).fetchall() == b.execute(sql).fetchall()  # same ids, same fields


def test_a_late_report_bridges_and_a_delete_splits(tmp_path: Path) -> None:
    # A report without a place links to both m1 (Hamburg) and "elsewhere" (Moscow), which are never
    # linked directly (their places differ): one event while it is there (single linkage: the
    # documented price of merging reports that leave the place out); deleting it splits them again.
    unplaced = _story(
        "unplaced", "e.example", "2017-07-07", (0, "putin", "trump", "040", "asserted", "2017-07-07", "")
    )
    path = _build(tmp_path / "b.db", [STORIES[0], STORIES[6], unplaced])
    assert _partition(path) == {frozenset({"m1", "unplaced", "elsewhere"})}
    with Store(path) as store:
        assert store.delete_article(analysis_of(unplaced).article.id)
        assert store.stats()["merged_events"] == 2
    assert _partition(path) == {frozenset({"m1"}), frozenset({"elsewhere"})}


def test_rule_tables() -> None:
    assert actions_compatible("043", "057") and actions_compatible("161", "174")
    assert not actions_compatible("040", "190")
    assert compatible_roots("043")[0] == "04" and "05" in compatible_roots("043")
    assert codes_compatible("USAGOV", "USAGOV") and codes_compatible("USA", "USAGOV")
    assert not codes_compatible("USAGOV", "USAMIL") and not codes_compatible("USA", "RUS")


def test_permutations_of_a_small_set_agree(tmp_path: Path) -> None:
    """Every order of three reports that link only through the middle one gives one event."""
    unplaced = _story(
        "unplaced", "e.example", "2017-07-07", (0, "putin", "trump", "040", "asserted", "2017-07-07", "")
    )
    trio = [STORIES[0], unplaced, STORIES[6]]
    results = {
        frozenset(_partition(_build(tmp_path / f"p{i}.db", list(order))))
        for i, order in enumerate(itertools.permutations(trio))
    }
    assert len(results) == 1


def test_undated_reports_are_found_by_their_articles_publication(tmp_path: Path) -> None:
    # A report whose event has no date of its own is matched by its article's publication date,
    # found through the articles' published index: never by reading every undated mention
    # stored (a cost that grew with the store: 30 ms per mention at 8,000 articles in the soak).
    undated = _story(
        "undated", "e.example", "2017-07-08", (0, "trump", "putin", "040", "asserted", "", "hamburg")
    )
    months_on = _story(
        "months-on", "f.example", "2017-11-02", (0, "trump", "putin", "040", "asserted", "", "hamburg")
    )
    statements: list[str] = []
    with Store(_build(tmp_path / "u.db", [STORIES[0]])) as store:
        store.connection.set_trace_callback(statements.append)
        for story in (undated, months_on):
            assert store.add_analysis(analysis_of(story))
        store.connection.set_trace_callback(None)
        undated_branch = [s for s in statements if "CROSS JOIN" in s]
        assert undated_branch
        plan = " | ".join(
            row[3] for row in store.connection.execute("EXPLAIN QUERY PLAN " + undated_branch[0])
        )
        assert "articles_published" in plan
    assert _partition(tmp_path / "u.db") == {frozenset({"m1", "undated"}), frozenset({"months-on"})}


def test_actorless_reports_join_other_articles_only_at_the_same_place(tmp_path: Path) -> None:
    # "Clashes erupted" with no actor found: on the same day, two articles' reports are one event
    # only where they name the same place; without a place nothing ties them but the day.
    def clash(key: str, place: str) -> Story:
        return _story(key, "x.example", "2017-07-07", (0, "", "", "190", "asserted", "2017-07-07", place))

    stories = [clash("daraa-1", "daraa"), clash("daraa-2", "daraa"), clash("unplaced-1", "")]
    stories += [clash("unplaced-2", ""), clash("hamburg", "hamburg"), STORIES[0]]
    assert _partition(_build(tmp_path / "a.db", stories)) == {
        frozenset({"daraa-1", "daraa-2"}),
        frozenset({"unplaced-1"}),
        frozenset({"unplaced-2"}),
        frozenset({"hamburg"}),
        frozenset({"m1"}),
    }


def test_the_search_for_an_actorless_reports_matches_is_driven_by_its_place(tmp_path: Path) -> None:
    # Driven by the (target_code, date) index, the search read every actorless mention ever stored:
    # 10 ms a mention in the 100,000 soak, growing with the store; from the candidate rowids, 0.15.
    placed = _story("placed", "x.example", "2017-07-08", (0, "", "", "190", "asserted", "", "daraa"))
    statements: list[str] = []
    with Store(_build(tmp_path / "p.db", [STORIES[0]])) as store:
        store.connection.set_trace_callback(statements.append)
        assert store.add_analysis(analysis_of(placed))
        store.connection.set_trace_callback(None)
        search = next(s for s in statements if "UNION" in s and "source_code" in s)
        plan = [row[3] for row in store.connection.execute("EXPLAIN QUERY PLAN " + search)]
    assert not any("code" in step for step in plan), plan
    assert any("events_place_date" in step for step in plan), plan
