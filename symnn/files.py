"""Files symnn writes: atomic writes, output paths checked before the work, scratch folders cleaned up.

The lowest layer of symnn's I/O, standard library only, so that numeric code, documents and
commands alike write through it without importing one another:

- :func:`write_atomic` replaces a file only once the new content is complete (a rename in
  the same folder), so a reader or a kill at any moment sees the old file or the new one;
- :func:`check_output` says, before any work starts, why a path cannot be written;
- :func:`scratch_folder` is a temporary folder removed on exit, on an exception, on SIGINT
  and (after :func:`clean_up_on_signals`) on SIGTERM.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from symnn.errors import SymnnError

__all__ = ["check_output", "clean_up_on_signals", "scratch_folder", "write_atomic"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path | str, content: str | bytes) -> Path:
    """Write ``content`` to ``path`` via a temporary file in the same folder and a rename.

    Returns:
        The path written.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     write_atomic(Path(folder) / "a" / "x.txt", "hello").read_text()
        'hello'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".symnn-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def check_output(path: Path | str, *, folder: bool = False) -> Path:
    """``path`` if symnn can write it (a file, or with ``folder`` a folder), else a one-line error.

    Checked before any work starts, so that a run never computes for minutes and then fails
    to write. Missing parent folders are fine when the nearest existing one is writable
    (they are created when the file is written).

    Raises:
        SymnnError: the path is a folder (or, with ``folder``, a file), or its folder is not writable.

    Examples:
        >>> check_output("/proc/x/y.tex")
        Traceback (most recent call last):
        ...
        symnn.errors.SymnnError: cannot write /proc/x/y.tex: /proc is not writable
    """
    target = Path(path)
    if not folder and target.is_dir():
        raise SymnnError(f"cannot write {target}: it is a folder")
    if folder and target.exists() and not target.is_dir():
        raise SymnnError(f"cannot write into {target}: it is a file, not a folder")
    existing = target if folder and target.is_dir() else target.parent
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    existing = existing if str(existing) else Path(".")
    if not existing.is_dir():
        raise SymnnError(f"cannot write {target}: {existing} is not a folder")
    # Try it: os.access says yes to root even on a read-only mount.
    try:
        fd, probe = tempfile.mkstemp(dir=existing, prefix=".symnn-probe-")
    except OSError:
        raise SymnnError(f"cannot write {target}: {existing} is not writable") from None
    os.close(fd)
    os.unlink(probe)
    return target


@contextmanager
def scratch_folder(prefix: str = "symnn-") -> Iterator[Path]:
    """A fresh temporary folder, removed afterwards whatever happens (SIGTERM too, see below)."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        yield Path(folder)


def _terminate(signum: int, frame: FrameType | None) -> None:
    del frame
    # SystemExit unwinds the stack: every ``with scratch_folder()`` and ``finally`` runs, and
    # subprocess.run kills its child, before the interpreter exits with 128 + SIGTERM.
    raise SystemExit(128 + signum)


@contextmanager
def clean_up_on_signals() -> Iterator[None]:
    """While inside, SIGTERM unwinds like SIGINT does (an exception), so scratch folders are removed.

    SIGINT already raises :class:`KeyboardInterrupt`. The previous handler is restored on exit, so
    a caller that runs the CLI in-process (a test suite) keeps its own SIGTERM behaviour. Only the
    main thread can set handlers; elsewhere this does nothing.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
