"""A hostile article: markup, script and event handlers in every field a page shows."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from newsgraph.analyze import analyze
from newsgraph.extract import extract
from newsgraph.records import Duplicate, Error
from newsgraph.sources.raw import RawDocument
from newsgraph.store import Store

#: Each payload sets window.__pwned (or opens a dialog) if it ever runs.
SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
IMG = '<img src=x onerror="window.__pwned=2;alert(2)">'
LINK = '<a href="javascript:window.__pwned=3">pipeline</a>'
TEXTAREA = "</textarea><svg onload=window.__pwned=4>"
ATTRIBUTE = '" onmouseover="window.__pwned=5" autofocus onfocus="alert(5)" x="'
PAYLOADS = (SCRIPT, IMG, LINK, TEXTAREA, ATTRIBUTE)

TITLE = f"Petrov {SCRIPT} warns Romania {IMG}"
TEXT = f"""SOFIA, March 3 (Test Wire) - Bulgaria's foreign minister Ivo Petrov met Romanian Prime Minister
Ana Ionescu in Brussels on Monday to discuss the stalled gas deal.

"We will not back down {TEXTAREA}," Petrov told reporters after the talks {SCRIPT}. Bulgaria accused
Romania of blocking the {LINK} deal {IMG}.

Romania's government threatened to impose sanctions on Bulgaria over the dispute, Ionescu said {ATTRIBUTE}.
"""


def build(path: Path) -> str:
    """Analyse the hostile article for real, then give its actors, quotes and metadata hostile
    names too (the analysers would not invent those), and store it with a hostile error and copy.
    Returns the article id."""
    document = RawDocument(uri="hostile.txt", kind="text", content=TEXT.encode(), meta={"title": TITLE})
    analysis = analyze(extract(document))
    assert analysis.events and analysis.quotes and analysis.actors, "the hostile article must yield records"
    analysis.actors = [
        dataclasses.replace(a, name=f"{a.name} {PAYLOADS[i % len(PAYLOADS)]}", aliases=[*a.aliases, SCRIPT])
        for i, a in enumerate(analysis.actors)
    ]
    analysis.quotes = [
        dataclasses.replace(q, speaker=f"{q.speaker} {IMG}", cue=TEXTAREA) for q in analysis.quotes
    ]
    analysis.article = dataclasses.replace(
        analysis.article,
        url="javascript:window.__pwned=7",
        site=f"wire {IMG}",
        authors=[ATTRIBUTE],
        captions=[f"Caption {SCRIPT}"],
        tags=[LINK],
        related=[f"Related {TEXTAREA}"],
        credits=[f"© {IMG}"],
        description=ATTRIBUTE,
        published_candidates=[
            {
                "source": "text",
                "value": "2024-03-04",
                "precision": "day",
                "role": "published",
                "confidence": 0.5,
                "reason": SCRIPT,
                "evidence": IMG,
            }
        ],
    )
    with Store(path) as store:
        store.add_analysis(analysis)
        store.add_error(Error(uri=f"bad {SCRIPT}.html", stage="extract", reason=f"no text {IMG}"))
        store.add_duplicate(
            Duplicate(
                uri=f"copy {LINK}", article_id=analysis.article.id, kind="near", similarity=0.9, title=SCRIPT
            )
        )
    return analysis.article.id
