r"""A work budget for each claim: a time limit enforced in-process, so no claim can hang a run.

Sizes are refused before evaluation (see :mod:`symnn.notes.evaluate`); what is left is
bounded in time by :func:`time_limit`, which arms ``SIGALRM`` (``signal.setitimer``) in
the main thread. Past the limit, the work in progress is abandoned by raising
:class:`OverBudget`, a ``BaseException`` so that no ``except Exception`` inside SymPy
swallows it, and the claim is reported unchecked ("too large to check").
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["CLAIM_SECONDS", "OverBudget", "time_limit"]

#: Seconds one claim may take by default.
CLAIM_SECONDS = 5.0


class OverBudget(BaseException):
    """The time limit of a claim ran out."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    del signum, frame
    raise OverBudget


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Run the body for at most ``seconds`` (raising :class:`OverBudget`); no limit off the main thread.

    Examples:
        >>> with time_limit(1.0):
        ...     sum(range(10))
        45
    """
    usable = seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
    if not usable or threading.current_thread() is not threading.main_thread():
        yield
        return
    assert seconds is not None
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
