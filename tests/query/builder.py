"""A small, realistic store for query tests: written through Store.add_analysis, as ingest does.

Nine invented wire stories (2016-12 .. 2017-08) about Russia, the United States, Syria and the EU,
with actors, mentions, places, quotes and CAMEO events whose codes, quad classes, Goldstein values
and PLOVER types come from our codebook. Every record points at its sentence in the article text.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass
from pathlib import Path

from newsgraph.knowledge import cameo
from newsgraph.records import Actor, Analysis, Article, Event, Mention, Place, PlaceMention, Quote
from newsgraph.store import Store

ACTORS = {
    "putin": Actor("act-putin", "Vladimir Putin", "person", "RUS", "GOV", ["president"], "RUSGOV", ["Putin"]),
    "lavrov": Actor(
        "act-lavrov", "Sergei Lavrov", "person", "RUS", "GOV", ["minister"], "RUSGOV", ["Lavrov"]
    ),
    "trump": Actor("act-trump", "Donald Trump", "person", "USA", "GOV", ["president"], "USAGOV", ["Trump"]),
    "tillerson": Actor("act-tillerson", "Rex Tillerson", "person", "USA", "GOV", [], "USAGOV", ["Tillerson"]),
    "russia": Actor("act-rus", "Russia", "country", "RUS", "", [], "RUS", []),
    "usa": Actor("act-usa", "United States", "country", "USA", "", [], "USA", ["US", "U.S."]),
    "syria": Actor("act-syr", "Syria", "country", "SYR", "", [], "SYR", []),
    "assad": Actor("act-assad", "Bashar al-Assad", "person", "SYR", "GOV", [], "SYRGOV", ["Assad"]),
    "eu": Actor("act-eu", "European Union", "igo", "", "", [], "IGOEUREEC", ["EU"]),
    "abe": Actor("act-abe", "Shinzo Abe", "person", "JPN", "GOV", [], "JPNGOV", ["Abe"]),
}
PLACES = {
    "hamburg": Place("2911298", "Hamburg", "city", "DEU", 53.55, 10.0, "DE-HH"),
    "daraa": Place("170903", "Daraa", "city", "SYR", 32.62, 36.1, "SY-DR"),
    "syria": Place("SYR", "Syria", "country", "SYR", 35.0, 38.0, ""),
    "amman": Place("250441", "Amman", "city", "JOR", 31.95, 35.93, "JO-AM"),
    "moscow": Place("524901", "Moscow", "city", "RUS", 55.75, 37.62, "RU-MOW"),
    "washington": Place("4140963", "Washington", "city", "USA", 38.9, -77.04, "US-DC"),
}


@dataclass
class Story:
    key: str
    site: str
    language: str
    published: str
    title: str
    sentences: list[str]
    # (sentence, source, target, cameo code, modality, date, place)
    events: list[tuple[int, str, str, str, str, str, str]]
    # (sentence, speaker, kind)
    quotes: list[tuple[int, str, str]]


STORIES = [
    Story(
        "sanctions-dec",
        "wire.example",
        "en",
        "2016-12-29",
        "Washington expels Russian diplomats over hacking",
        [
            "The United States imposed new sanctions on Russia on Thursday over election hacking.",
            "Washington also expelled 35 Russian diplomats.",
            '"We will respond," Sergei Lavrov said in Moscow.',
        ],
        [
            (0, "usa", "russia", "163", "asserted", "2016-12-29", "washington"),
            (1, "usa", "russia", "1663", "asserted", "2016-12-29", "washington"),
            (2, "lavrov", "usa", "138", "intended", "2016-12-29", "moscow"),
        ],
        [(2, "lavrov", "direct")],
    ),
    Story(
        "lavrov-jan",
        "daily.example",
        "en",
        "2017-01-15",
        "Lavrov criticises Washington",
        [
            "Sergei Lavrov accused the United States of meddling in Syria.",
            '"This cannot go on," Lavrov told reporters.',
        ],
        [(0, "lavrov", "usa", "112", "asserted", "2017-01-15", "moscow")],
        [(1, "lavrov", "direct")],
    ),
    Story(
        "hamburg-meeting",
        "wire.example",
        "en",
        "2017-07-07",
        "Trump and Putin meet in Hamburg",
        [
            "Donald Trump met Vladimir Putin in Hamburg on Friday on the sidelines of the G20 summit.",
            "Trump pressed Putin on election meddling, and Putin denied it.",
            "The two leaders agreed to work on a cyber security framework.",
            '"We had a very robust conversation," Rex Tillerson said.',
        ],
        [
            (0, "trump", "putin", "040", "asserted", "2017-07-07", "hamburg"),
            (1, "trump", "putin", "112", "asserted", "2017-07-07", "hamburg"),
            (2, "trump", "putin", "057", "intended", "2017-07-07", "hamburg"),
        ],
        [(3, "tillerson", "direct")],
    ),
    Story(
        "ceasefire",
        "wire.example",
        "en",
        "2017-07-08",
        "Ceasefire in southwestern Syria",
        [
            "Russia and the United States agreed on a ceasefire in southwestern Syria from July 9.",
            "The truce covers Daraa and two other provinces.",
        ],
        [
            (0, "russia", "usa", "0861", "asserted", "2017-07-09", "daraa"),
            (0, "usa", "russia", "0861", "asserted", "2017-07-09", "daraa"),
        ],
        [],
    ),
    Story(
        "amman",
        "daily.example",
        "en",
        "2017-07-10",
        "Memorandum signed in Amman",
        [
            "Russian, US and Jordanian officials signed a memorandum in Amman on the Syrian ceasefire.",
            "Assad's government did not comment.",
        ],
        [
            (0, "russia", "usa", "057", "asserted", "2017-07-08", "amman"),
            (1, "assad", "", "011", "negated", "2017-07-10", "syria"),
        ],
        [],
    ),
    Story(
        "sanctions-aug",
        "wire.example",
        "en",
        "2017-08-02",
        "Trump signs Russia sanctions bill",
        [
            "Donald Trump signed a bill imposing new sanctions on Russia.",
            "Moscow said it would retaliate against the United States.",
            '"The hope for better relations is gone," the Russian prime minister wrote.',
        ],
        [
            (0, "trump", "russia", "163", "asserted", "2017-08-02", "washington"),
            (1, "russia", "usa", "138", "intended", "2017-08-02", "moscow"),
        ],
        [(2, "russia", "direct")],
    ),
    Story(
        "eu-syria",
        "eu.example",
        "en",
        "2017-05-20",
        "EU extends Syria sanctions",
        [
            "The European Union extended its sanctions against Syria by one year.",
            "The EU said the Syrian government kept repressing civilians.",
        ],
        [
            (0, "eu", "syria", "163", "asserted", "2017-05-20", "syria"),
            (1, "eu", "syria", "112", "reported", "2017-05-20", "syria"),
        ],
        [(1, "eu", "indirect")],
    ),
    Story(
        "abe",
        "asia.example",
        "en",
        "2016-12-16",
        "Putin apologises to Abe for delay",
        ["Vladimir Putin apologised to Shinzo Abe for arriving late to their talks."],
        [(0, "putin", "abe", "055", "asserted", "2016-12-16", "")],
        [],
    ),
    Story(
        "russian-lang",
        "ru.example",
        "ru",
        "2017-03-01",
        "Лавров о санкциях",
        ["Сергей Лавров заявил, что санкции не работают."],
        [],
        [],
    ),
]


def _article_id(story: Story) -> str:
    return hashlib.sha256(story.key.encode()).hexdigest()[:32]


def analysis_of(story: Story) -> Analysis:
    text = " ".join(story.sentences)
    starts = []
    offset = 0
    for sentence in story.sentences:
        starts.append(offset)
        offset += len(sentence) + 1
    aid = _article_id(story)
    article = Article(
        id=aid,
        uri=f"test://{story.key}",
        text=text,
        title=story.title,
        url=f"https://{story.site}/{story.key}",
        site=story.site,
        published=story.published,
        published_precision="day",
        language=story.language,
        paragraphs=[text],
        tone=-1.5,
        ingested_at=f"{story.published}T12:00:00+00:00",
    )
    analysis = Analysis(article=article)
    used_actors: dict[str, Actor] = {}
    used_places: dict[str, Place] = {}
    for i, sentence in enumerate(story.sentences):
        for key, actor in ACTORS.items():
            for name in (actor.name, *actor.aliases):
                at = sentence.find(name)
                if at >= 0:
                    used_actors[key] = actor
                    analysis.mentions.append(
                        Mention(
                            aid,
                            i,
                            starts[i] + at,
                            starts[i] + at + len(name),
                            name,
                            actor.id,
                            "PERSON",
                            "test",
                        )
                    )
                    break
        for key, place in PLACES.items():
            at = sentence.find(place.name)
            if at >= 0:
                used_places[key] = place
                analysis.place_mentions.append(
                    PlaceMention(
                        aid, i, starts[i] + at, starts[i] + at + len(place.name), place.name, place.id
                    )
                )
    for n, (i, src, tgt, code, modality, date, place) in enumerate(story.events):
        entry = cameo.lookup(code)
        source, target = ACTORS.get(src), ACTORS.get(tgt)  # "": a side no actor was found for
        if source:
            used_actors[src] = source
        if target:
            used_actors[tgt] = target
        if place:
            used_places[place] = PLACES[place]
        analysis.events.append(
            Event(
                id=f"e{n}",
                article_id=aid,
                start=starts[i],
                end=starts[i] + len(story.sentences[i]),
                evidence=story.sentences[i],
                cameo_code=code,
                root_code=entry.root,
                source_actor_id=source.id if source else "",
                source_code=source.code if source else "",
                target_actor_id=target.id if target else "",
                target_code=target.code if target else "",
                plover_type=entry.plover,
                quad_class=entry.quad_class,
                goldstein=entry.goldstein,
                date=date,
                date_precision="day",
                place_id=PLACES[place].id if place else "",
                modality=modality,
                confidence=0.8,
                rule=f"test:{code}",
            )
        )
    for n, (i, speaker, kind) in enumerate(story.quotes):
        actor = ACTORS[speaker]
        used_actors[speaker] = actor
        analysis.quotes.append(
            Quote(
                id=f"q{n}",
                article_id=aid,
                start=starts[i],
                end=starts[i] + len(story.sentences[i]),
                text=story.sentences[i],
                kind=kind,
                speaker=actor.name,
                speaker_actor_id=actor.id,
                cue="said",
            )
        )
    analysis.actors = list(used_actors.values())
    analysis.places = list(used_places.values())
    return analysis


def build_store(path: Path) -> Path:
    """Write the stories into a fresh SQLite file at ``path``."""
    with Store(path) as store:
        for story in STORIES:
            assert store.add_analysis(analysis_of(story))
    return path


def article_id(key: str) -> str:
    return _article_id(next(s for s in STORIES if s.key == key))


# -- every shape of event side, for the `dyadic` filter ---------------------------------------

SHAPE_SOURCE = Actor("dy-src", "Ivan Sidorov", "person", "RUS", "GOV", [], "RUSGOV", ["Sidorov"])
SHAPE_TARGET = Actor("dy-tgt", "Jane Hollis", "person", "USA", "GOV", [], "USAGOV", ["Hollis"])
# (actor id, actor code) a side can carry: both, the id alone, the code alone, nothing.
SHAPE_SIDES = {
    "source": [("dy-src", "RUSGOV"), ("dy-src", ""), ("", "RUSMIL"), ("", "")],
    "target": [("dy-tgt", "USAGOV"), ("dy-tgt", ""), ("", "USAMIL"), ("", "")],
}
SHAPE_CODES = ("010", "140", "150", "040", "190")  # roots 01, 14, 15 (one actor enough), 04, 19
SHAPE_ARTICLE = "dyadic-shapes"


def shape_event(n: int, code: str, source: tuple[str, str], target: tuple[str, str]) -> Event:
    """An event of the shapes article with the given sides ((actor id, code) each)."""
    entry = cameo.lookup(code)
    return Event(
        id=f"d{n}",
        article_id=SHAPE_ARTICLE,
        start=0,
        end=19,
        evidence="Something happened.",
        cameo_code=code,
        root_code=entry.root,
        source_actor_id=source[0],
        source_code=source[1],
        target_actor_id=target[0],
        target_code=target[1],
        plover_type=entry.plover,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        date=f"2018-0{1 + n % 3}-1{n % 10}",
        date_precision="day",
        rule=f"test:{code}",
    )


def shaped_events() -> list[Event]:
    """Every (code, source shape, target shape) combination once: 5 x 4 x 4 events."""
    combos = itertools.product(SHAPE_CODES, SHAPE_SIDES["source"], SHAPE_SIDES["target"])
    return [shape_event(n, code, s, t) for n, (code, s, t) in enumerate(combos)]


def add_shaped_events(path: Path) -> Path:
    """Add one article (site shapes.example, 2018) holding :func:`shaped_events` to the store."""
    article = Article(
        id=SHAPE_ARTICLE,
        uri="test://dyadic-shapes",
        text="Something happened.",
        title="Shapes",
        url="https://shapes.example/dyadic",
        site="shapes.example",
        published="2018-01-10",
        published_precision="day",
        language="en",
        paragraphs=["Something happened."],
        ingested_at="2018-01-10T12:00:00+00:00",
    )
    with Store(path) as store:
        assert store.add_analysis(
            Analysis(article=article, actors=[SHAPE_SOURCE, SHAPE_TARGET], events=shaped_events())
        )
    return path
