r"""Running the user's code in its own process, under a time limit.

The child (:mod:`symnn.crosscheck.child`) imports the user's file and calls it at each point.
Its ``sys.exit`` or ``os._exit``, a crash or a hang ends the child, never symnn: while it is
importing, that is one line of bad usage (exit 2); once it is being called, a wrong gradient
at that point, with the reason (exit 1). ``timeout`` bounds the import and each call.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from typing import Any

from symnn.crosscheck.formats import Reading
from symnn.crosscheck.subjects import Job
from symnn.errors import SymnnError

__all__ = ["DEFAULT_TIMEOUT", "Isolated", "run_isolated"]

#: Seconds for the import of the user's file, and for each call of it, by default.
DEFAULT_TIMEOUT = 60.0
#: Seconds for the child to load symnn itself (NumPy, SymPy) before the user's time starts.
STARTUP = 300.0


@dataclass(frozen=True)
class Isolated:
    """What the user's process returned: its kind, layout and one reading per point."""

    kind: str
    layout: str
    readings: list[Reading]


def _reader(stream: Any, messages: queue.Queue[Any]) -> None:
    while True:
        try:
            messages.put(pickle.load(stream))
        except Exception:
            messages.put(None)
            return


def _ended(process: subprocess.Popen[bytes]) -> str:
    code = process.wait()
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"crashed ({name})"
    return f"ended the process with exit status {code} (os._exit, or a crash)"


def run_isolated(spec: str, job: Job, points: list[tuple[Any, ...]], timeout: float = DEFAULT_TIMEOUT) -> Isolated:
    """The user's code named by ``spec``, called at each point in a process of its own.

    Raises:
        SymnnError: when the file cannot be loaded or the object used (exit 2).
    """
    environment = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "symnn.crosscheck.child"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=environment,
    )
    messages: queue.Queue[Any] = queue.Queue()
    assert process.stdin is not None and process.stdout is not None
    threading.Thread(target=_reader, args=(process.stdout, messages), daemon=True).start()
    try:
        process.stdin.write(pickle.dumps((spec, job, points), protocol=pickle.HIGHEST_PROTOCOL))
        process.stdin.close()
    except BrokenPipeError:
        pass
    try:
        started = _next(messages, STARTUP)
        if started is None or started == "timeout":
            raise SymnnError(
                "the process for the user's code did not start ("
                + (_ended(process) if started is None else f"no sign of life in {STARTUP:g} s")
                + ")"
            )
        first = _next(messages, timeout)
        if first is None:
            raise SymnnError(f"importing {spec.rpartition(':')[0]} {_ended(process)}")
        if first == "timeout":
            raise SymnnError(f"importing {spec.rpartition(':')[0]} took longer than --timeout {timeout:g} s")
        if first[0] == "unusable":
            raise SymnnError(first[1])
        _, kind, layout = first
        readings: list[Reading] = []
        for index in range(len(points)):
            message = _next(messages, timeout)
            if message is None or message == "timeout":
                why = f"did not return within --timeout {timeout:g} s" if message == "timeout" else _ended(process)
                readings += [Reading(failure=why)] * (len(points) - index)
                break
            readings.append(message[2])
        return Isolated(kind, layout, readings)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()


def _next(messages: queue.Queue[Any], timeout: float) -> Any:
    try:
        return messages.get(timeout=timeout)
    except queue.Empty:
        return "timeout"
