"""`newsgraph.time_limit`: a block is interrupted at its limit in the main thread (SIGALRM) and in
any other thread (a watchdog), leaves no timer, handler or thread behind, and never raises once
the block has ended."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from newsgraph.time_limit import TimeLimitExceeded, time_limit


def _spin(seconds: float) -> float:
    """Python work (no sleep) for up to `seconds`; how long it ran."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        pass
    return time.monotonic() - started


def _in_thread(work: object) -> list[object]:
    """Run `work()` in a new thread; what it returned or raised."""
    result: list[object] = []

    def run() -> None:
        try:
            result.append(work())  # type: ignore[operator]
        except BaseException as exc:  # the test reads it
            result.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()
    return result


def test_the_main_thread_is_interrupted_and_the_alarm_put_back() -> None:
    handler = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded), time_limit(0.2):
        _spin(20)
    assert time.monotonic() - started < 10
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == handler


def test_another_thread_is_interrupted_and_the_watchdog_joined() -> None:
    before = threading.active_count()

    def work() -> float:
        with time_limit(0.2):
            return _spin(20)

    (outcome,) = _in_thread(work)
    assert isinstance(outcome, TimeLimitExceeded)
    assert threading.active_count() == before


def test_an_outer_alarm_is_left_alone() -> None:
    """With a timer already set (a test runner's, the analysis limit's), the watchdog is used."""
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        with pytest.raises(TimeLimitExceeded), time_limit(0.2):
            _spin(20)
        assert 25 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30
        assert not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("where", ["main thread", "other thread"])
def test_a_block_that_ends_in_time_is_never_interrupted_later(where: str) -> None:
    """Limits about as long as the block: whether it fires inside or not, nothing escapes the
    block, and nothing arrives after it."""

    def work() -> int:
        interrupted = 0
        for i in range(300):
            try:
                with time_limit(0.0005 * (1 + i % 4)):
                    # Every 50th block far outlasts its limit, so some limits fire however late
                    # a loaded machine runs the watchdog; the rest end about when theirs do.
                    _spin(0.2 if i % 50 == 0 else 0.001)
            except TimeLimitExceeded:
                interrupted += 1
        _spin(0.05)  # a late exception would land here
        return interrupted

    outcome = work() if where == "main thread" else _in_thread(work)[0]
    assert isinstance(outcome, int) and outcome > 0  # the shortest limits fired
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="must be positive"), time_limit(0):
        pass
