"""Interrupt a block of code after some seconds, in whichever thread runs it.

In the main thread, with no other interval timer in use, SIGALRM: its handler raises at the next
bytecode (and breaks a blocking sleep). Anywhere else (a web request's thread, or a timer already
set by someone else) a watchdog thread asks the interpreter to raise in the thread that runs the
block (CPython's ``PyThreadState_SetAsyncExc``), also at its next bytecode; the watchdog is stopped
and joined when the block ends, so no thread outlives it, and an exception it asked for too late to
arrive inside the block is withdrawn. Neither way can cut one long call into C (one regular
expression, one lxml parse): the exception comes when that call returns to Python.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TimeLimitExceeded(Exception):
    """The block ran past its time limit (raised inside it; takes no arguments, since the
    watchdog raises it by class)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded inside the block once it has run ``seconds``."""
    if seconds <= 0:
        raise ValueError(f"a time limit must be positive, not {seconds}")
    if _alarm_usable():
        with _alarm(seconds):
            yield
    elif hasattr(ctypes, "pythonapi"):
        with _watchdog(seconds):
            yield
    else:  # not CPython: no way to interrupt; the block runs to its end
        yield


def _alarm_usable() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    )


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    armed = [True]

    def expire(signum: int, frame: object) -> None:
        if armed[0]:  # once, and never after the block has ended
            armed[0] = False
            raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            yield
        finally:
            # The alarm may still raise just before this line; then the outer block below
            # still cancels the timer and restores the handler.
            armed[0] = False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    armed = [True]

    def expire() -> None:
        with lock:
            if armed[0]:
                armed[0] = False
                _raise_in(target, TimeLimitExceeded)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    try:
        timer.start()
        yield
    finally:
        try:
            with lock:
                armed[0] = False
                _raise_in(target, None)  # withdraw one asked for but not yet raised
        finally:
            # An exception asked for arrives at most once: if it arrived above, this still runs.
            timer.cancel()
            timer.join()


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Ask the interpreter to raise `exception` in that thread (None: withdraw a pending one)."""
    argument = ctypes.py_object(exception) if exception is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), argument)
