"""The article reader's text: the clean text cut into segments, each with what covers it.

Pure functions over an :class:`~newsgraph.records.Analysis`. Every span the analysis recorded
(actor mentions, place mentions, time expressions, quotes and their speakers, event evidence) is a
:class:`Mark`; the text is cut at every span boundary, so segments never overlap and the template
renders each as one element whose text Jinja escapes. Nothing here produces markup.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from urllib.parse import quote

from newsgraph.knowledge import cameo
from newsgraph.records import Actor, Analysis, Event, Place


@dataclass(frozen=True)
class Mark:
    kind: str  # actor | place | time | quote | speaker
    start: int
    end: int
    title: str  # what a hover shows
    href: str = ""  # where clicking leads (an actor's page)


@dataclass
class Segment:
    text: str
    marks: list[Mark] = field(default_factory=list)
    events: list[int] = field(default_factory=list)  # indexes of events whose evidence covers it

    @property
    def kinds(self) -> list[str]:
        return sorted({m.kind for m in self.marks})

    @property
    def title(self) -> str:
        return " · ".join(dict.fromkeys(m.title for m in self.marks))

    @property
    def href(self) -> str:
        return next((m.href for m in self.marks if m.href), "")


def actor_url(actor_id: str) -> str:
    return "/actors/" + quote(actor_id, safe="")


def article_url(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def actor_title(actor: Actor | None, fallback: str) -> str:
    if actor is None:
        return f"actor {fallback} (not in the registry)"
    bits = [actor.kind, f"code {actor.code}" if actor.code else "no CAMEO code"]
    bits += [
        f"country {actor.country}" if actor.country else "",
        f"sector {actor.sector}" if actor.sector else "",
    ]
    return f"{actor.name} ({', '.join(b for b in bits if b)})"


def place_title(place: Place | None, fallback: str) -> str:
    if place is None:
        return f"place {fallback} (not in the registry)"
    where = (
        f"{place.lat:.4f}, {place.lon:.4f}"
        if place.lat is not None and place.lon is not None
        else "no coordinates"
    )
    return f"{place.name} ({place.kind}{', ' + place.country if place.country else ''}) at {where}"


def marks(analysis: Analysis) -> list[Mark]:
    """Every highlighted span of the article, with its hover text."""
    actors = {a.id: a for a in analysis.actors}
    places = {p.id: p for p in analysis.places}
    found: list[Mark] = []
    for m in analysis.mentions:
        found.append(
            Mark(
                "actor",
                m.start,
                m.end,
                actor_title(actors.get(m.actor_id), m.actor_id),
                actor_url(m.actor_id),
            )
        )
    for p in analysis.place_mentions:
        found.append(Mark("place", p.start, p.end, place_title(places.get(p.place_id), p.place_id)))
    for t in analysis.timexes:
        found.append(Mark("time", t.start, t.end, f"{t.text} = {t.value} ({t.precision})"))
    for q in analysis.quotes:
        who = q.speaker or "speaker unknown"
        found.append(Mark("quote", q.start, q.end, f"{q.kind} quote, said by {who}"))
        if q.speaker_start is not None and q.speaker_end is not None:
            href = actor_url(q.speaker_actor_id) if q.speaker_actor_id else ""
            found.append(
                Mark("speaker", q.speaker_start, q.speaker_end, f"speaker of a {q.kind} quote", href)
            )
    return found


def segments(text: str, spans: list[Mark], evidence: list[tuple[int, int]]) -> list[Segment]:
    """``text`` cut at every boundary of ``spans`` and of the ``evidence`` ranges (event i's evidence
    sentence is ``evidence[i]``). Spans outside the text or empty are left out."""
    n = len(text)
    usable = [m for m in spans if 0 <= m.start < m.end <= n]
    ranges = [(i, s, e) for i, (s, e) in enumerate(evidence) if 0 <= s < e <= n]
    cuts = sorted(
        {
            0,
            n,
            *(m.start for m in usable),
            *(m.end for m in usable),
            *(s for _, s, _ in ranges),
            *(e for _, _, e in ranges),
        }
    )
    out: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        out.append(
            Segment(
                text[start:end],
                [m for m in usable if m.start <= start and end <= m.end],
                [i for i, s, e in ranges if s <= start and end <= e],
            )
        )
    return out


@dataclass(frozen=True)
class EventView:
    """An event as the reader lists it, with the reasons behind it."""

    index: int
    event: Event
    name: str  # the CAMEO code's name
    source: str
    target: str
    source_href: str
    target_href: str
    place: str
    why: list[tuple[str, str]]


def event_views(analysis: Analysis) -> list[EventView]:
    actors = {a.id: a for a in analysis.actors}
    places = {p.id: p for p in analysis.places}
    views = []
    for i, e in enumerate(analysis.events):
        src, tgt = actors.get(e.source_actor_id), actors.get(e.target_actor_id)
        place = places.get(e.place_id)
        why = [
            ("event rule", e.rule or "—"),
            ("CAMEO", f"{e.cameo_code} {code_name(e.cameo_code)} (root {e.root_code})"),
            ("PLOVER", e.plover_type or "—"),
            ("quad class", cameo.QUAD_NAMES.get(e.quad_class or 0, "—")),
            ("Goldstein", "—" if e.goldstein is None else f"{e.goldstein:+g}"),
            ("modality", e.modality),
            ("confidence", f"{e.confidence:.2f}"),
            ("source coded by", src.rule if src and src.rule else "—"),
            ("target coded by", tgt.rule if tgt and tgt.rule else "—"),
            ("date", f"{e.date or 'unknown'} ({e.date_precision or 'no precision'})"),
        ]
        views.append(
            EventView(
                index=i,
                event=e,
                name=code_name(e.cameo_code),
                source=(src.name if src else "") or e.source_code or "—",
                target=(tgt.name if tgt else "") or e.target_code or "—",
                source_href=actor_url(e.source_actor_id) if e.source_actor_id else "",
                target_href=actor_url(e.target_actor_id) if e.target_actor_id else "",
                place=place.name if place else e.place_id,
                why=why,
            )
        )
    return views


def code_name(code: str) -> str:
    return cameo.name(code) if cameo.is_code(code) else ""


def safe_link(url: str) -> str:
    """``url`` when it is an http(s) address, else "": an article's own URL is hostile input, and a
    ``javascript:`` one must never become a link."""
    lowered = url.strip().lower()
    return url.strip() if lowered.startswith(("http://", "https://")) else ""
