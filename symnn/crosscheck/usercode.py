r"""Loading a user's file and calling its code, with every failure turned into one line.

``PATH.py:NAME`` or ``PATH.py:Class.method``. The file runs as the user would run it: its
folder is on ``sys.path`` while it imports, and its prints go to stderr. Calling it at a
point never raises: an exception (``SystemExit`` and other ``BaseException`` included)
becomes a :class:`~symnn.crosscheck.formats.Reading` whose ``failure`` says what was raised
and where, a wrong gradient rather than an error of symnn's.
"""

from __future__ import annotations

import contextlib
import importlib.util
import sys
import sysconfig
import traceback
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from symnn.crosscheck.formats import Reading
from symnn.crosscheck.subjects import Job, Subject, subject
from symnn.errors import SymnnError

__all__ = ["call", "import_file", "load", "parse_spec", "where"]

_PACKAGE = str(Path(__file__).resolve().parent.parent)


def where(error: BaseException) -> str:
    """`` (at FILE:LINE)`` of the innermost frame in the user's own code, not in symnn or a library."""
    libraries = {sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if not frame.filename.startswith(_PACKAGE)
        and not any(frame.filename.startswith(lib) for lib in libraries)
        and not frame.filename.startswith("<")
    ]
    if not frames:
        return ""
    return f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})"


def describe(error: BaseException) -> str:
    """``raised ValueError: message (at file.py:12)``, or what a ``SystemExit`` did."""
    if isinstance(error, SystemExit):
        return f"called sys.exit({error.code!r}){where(error)}"
    message = str(error).splitlines()[0] if str(error) else ""
    return f"raised {type(error).__name__}: {message}{where(error)}".replace(": (at", " (at")


@contextlib.contextmanager
def user_output() -> Iterator[None]:
    """Run a user's code with its prints sent to stderr, so symnn's own output stays clean."""
    with contextlib.redirect_stdout(sys.stderr):
        yield


def parse_spec(spec: str) -> tuple[Path, str]:
    """``PATH.py:NAME`` as the path and the dotted name; one line when malformed."""
    path_text, sep, name = spec.rpartition(":")
    if not sep or not path_text or not name:
        raise SymnnError(f"give the function as PATH.py:FUNCTION, e.g. examples/higham_backprop.py:grad, not {spec!r}")
    path = Path(path_text)
    if not path.is_file():
        raise SymnnError(f"no such file: {path}")
    return path, name


def import_file(path: Path) -> ModuleType:
    """Import the user's file as its own module; one line for every way it can fail."""
    module_name = f"symnn_user_{abs(hash(str(path.resolve())))}"
    loader_spec = importlib.util.spec_from_file_location(module_name, path)
    if loader_spec is None or loader_spec.loader is None:
        raise SymnnError(f"{path} is not a Python file")
    module = importlib.util.module_from_spec(loader_spec)
    # Registered while it runs, as `import` would: dataclasses and pickling in it look it up.
    sys.modules[module_name] = module
    folder = str(path.resolve().parent)
    sys.path.insert(0, folder)
    try:
        with user_output():
            loader_spec.loader.exec_module(module)
    except SyntaxError as error:
        del sys.modules[module_name]
        raise SymnnError(f"{path} does not parse: {error.msg} (line {error.lineno})") from None
    except BaseException as error:
        del sys.modules[module_name]
        raise SymnnError(f"importing {path} {describe(error)}") from None
    finally:
        sys.path.remove(folder)
    return module


def resolve(module: ModuleType, path: Path, name: str) -> tuple[Any, str | None]:
    """The object ``name`` names in the module, and the method name for ``Class.method``."""
    head, _, method = name.partition(".")
    found = getattr(module, head, None)
    if found is None:
        defined = sorted(k for k, v in vars(module).items() if callable(v) and not k.startswith("_"))
        listing = f"; it defines {', '.join(defined)}" if defined else ""
        raise SymnnError(f"{path} has no function {head!r}{listing}")
    if method:
        return found, method
    return found, None


def load(spec: str, job: Job) -> tuple[Subject, str]:
    """The user's code named by ``spec`` as a :class:`Subject`, and its label."""
    path, name = parse_spec(spec)
    module = import_file(path)
    target, method = resolve(module, path, name)
    label = f"{path}:{name}"
    if method is None and not callable(target):
        raise SymnnError(f"{label} is a {type(target).__name__}, not a function")
    try:
        with user_output():
            return subject(target, job, label, method), label
    except SymnnError:
        raise
    except BaseException as error:
        raise SymnnError(f"{label}: building it {describe(error)}") from None


def call(found: Subject, point: tuple[Any, Any, Any, Any]) -> Reading:
    """The subject at one point; whatever it raises becomes the reading's ``failure``."""
    params, X, Y, labels = point
    try:
        with user_output(), np.errstate(all="ignore"):
            return found.call(params, X, Y, labels)
    except KeyboardInterrupt:
        raise
    except BaseException as error:
        return Reading(failure=describe(error))


def load_function(spec: str) -> tuple[Any, str]:
    """Import ``PATH.py:NAME`` in this process; return the object and its label (``Class.method``: the function)."""
    path, name = parse_spec(spec)
    module = import_file(path)
    target, method = resolve(module, path, name)
    if method is not None:
        target = getattr(target, method, None)
    label = f"{path}:{name}"
    if not callable(target):
        raise SymnnError(f"{label} is a {type(target).__name__}, not a function")
    return target, label
