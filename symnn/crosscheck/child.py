r"""The user's own process: ``python -m symnn.crosscheck.child`` (started by :mod:`symnn.crosscheck.isolation`).

It reads one pickled job on stdin (the spec, the :class:`~symnn.crosscheck.subjects.Job` and
the points), writes pickled messages on the stdout it started with, and sends the user's
prints (Python's and C's) to stderr: ``("started",)`` once symnn itself is loaded,
``("ready", kind, layout)`` or ``("unusable", line)``,
then ``("reading", i, reading)`` per point. Whatever the user's code does to this process —
``sys.exit``, ``os._exit``, a crash, a hang — the parent sees and says in one line.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import BinaryIO


def _send(channel: BinaryIO, message: tuple[object, ...]) -> None:
    pickle.dump(message, channel, protocol=pickle.HIGHEST_PROTOCOL)
    channel.flush()


def main() -> None:
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # the user's prints, even from C, go to stderr
    sys.stdout = sys.stderr
    spec, job, points = pickle.load(sys.stdin.buffer)
    from symnn.crosscheck.usercode import call, load
    from symnn.errors import SymnnError

    _send(channel, ("started",))  # symnn's own imports are done: the user's time starts now

    try:
        found, _ = load(spec, job)
    except SymnnError as error:
        _send(channel, ("unusable", str(error)))
        return
    _send(channel, ("ready", found.kind, found.layout))
    for index, point in enumerate(points):
        _send(channel, ("reading", index, call(found, point)))


if __name__ == "__main__":
    main()
