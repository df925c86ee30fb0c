"""Shared fixtures: paths to the repo's examples and to ../shared (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.paths import SAMPLE_PAGE


@pytest.fixture
def sample_page() -> Path:
    if not SAMPLE_PAGE.exists():
        pytest.skip("../shared not present: the shared sample page is evaluation data beside the repo")
    return SAMPLE_PAGE
