"""Article domains (``data/domains.tsv``): which kinds of news there are, whether political events
are coded in them, and the URL section words that name them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsgraph.knowledge import tables

#: The label of an article nothing tells the domain of.
GENERAL = "general"


@dataclass(frozen=True)
class DomainInfo:
    label: str
    political: bool
    sections: frozenset[str]
    description: str


@cache
def domains() -> tuple[DomainInfo, ...]:
    """Every domain, in the table's order (the order that breaks ties)."""
    found = []
    for row in tables.records("domains"):
        if row["political"] not in ("yes", "no"):
            raise tables.TableError(f"domains.tsv: political must be yes or no, not {row['political']!r}")
        found.append(
            DomainInfo(
                label=row["domain"],
                political=row["political"] == "yes",
                sections=frozenset(row["sections"].split()),
                description=row["description"],
            )
        )
    return tuple(found)


@cache
def labels() -> tuple[str, ...]:
    return tuple(d.label for d in domains())


@cache
def rank(label: str) -> int:
    """The domain's row in the table (ties go to the lower rank)."""
    return labels().index(label) if label in labels() else len(labels())


@cache
def is_political(label: str) -> bool:
    """Whether political events are coded in text of this domain (unknown labels: yes)."""
    return next((d.political for d in domains() if d.label == label), True)


@cache
def section_domains() -> dict[str, str]:
    """URL section word -> domain."""
    return {word: d.label for d in domains() for word in d.sections}


def quiet_domains() -> frozenset[str]:
    """The domains whose text carries no political events (sport, business, culture, weather)."""
    return frozenset(d.label for d in domains() if not d.political)
