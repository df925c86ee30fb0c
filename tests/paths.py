"""Paths tests share: the repo's examples and the evaluation data beside the repo."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"
SAMPLE_PAGE = SHARED / "corpora" / "samples" / "sputnik-g20-hamburg.txt"
