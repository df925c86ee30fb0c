"""Record dates as datetimes: the start of the period the ISO text names."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsgraph.frames import as_datetime


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-07-07", datetime(2017, 7, 7)),
        ("2017-07", datetime(2017, 7, 1)),
        ("2017", datetime(2017, 1, 1)),
        ("2017-W27", datetime(2017, 7, 3)),  # the Monday of ISO week 27
        ("2017-07-07T10:30:00+02:00", datetime(2017, 7, 7, 8, 30)),  # naive UTC
        ("2017-07-07T10:30:00", datetime(2017, 7, 7, 10, 30)),
        ("", None),
        ("PRESENT_REF", None),
        ("2017-13", None),
        ("2017-W60", None),
    ],
)
def test_as_datetime(text: str, expected: datetime | None) -> None:
    assert as_datetime(text) == expected
