"""Pieces every evaluator shares: reading gold JSON Lines and precision/recall/F1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class GoldError(ValueError):
    """A gold file that cannot be read as the evaluator expects."""


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Rows of a gold file; a missing file or a bad line is a GoldError naming the line."""
    path = Path(path)
    if not path.is_file():
        raise GoldError(f"no gold file at {path}")
    with path.open(encoding="utf-8") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                yield json.loads(raw)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}
