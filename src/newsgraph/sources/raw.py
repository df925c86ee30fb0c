"""The unit that flows from sources into extraction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

KINDS = ("html", "text")


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class RawDocument:
    """Bytes as read, with where they came from and what they claim to be.

    `kind` is "html" or "text". `meta` carries fields a container already knew
    (a JSON Lines record's title, url, published, site, id, language), which
    extraction prefers over what it would guess.
    """

    uri: str
    kind: str
    content: bytes
    fetched_at: str = field(default_factory=now_iso)
    meta: dict[str, Any] = field(default_factory=dict)
