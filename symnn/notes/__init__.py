"""Checking the mathematics of Markdown, LaTeX and Jupyter notes, line by line (``symnn check``).

Loaded lazily: ``import symnn.notes`` (or one light submodule such as :mod:`symnn.notes.budget`)
does not import SymPy or the Markdown parser until a name below is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from symnn.notes.check import check_file, check_notes
    from symnn.notes.claims import NoteClaim, NotesReport
    from symnn.notes.extract import Formula, extract
    from symnn.notes.parser import ParseError, parse

_EXPORTS = {
    "check_file": "symnn.notes.check",
    "check_notes": "symnn.notes.check",
    "NoteClaim": "symnn.notes.claims",
    "NotesReport": "symnn.notes.claims",
    "Formula": "symnn.notes.extract",
    "extract": "symnn.notes.extract",
    "ParseError": "symnn.notes.parser",
    "parse": "symnn.notes.parser",
}

__all__ = ["Formula", "NoteClaim", "NotesReport", "ParseError", "check_file", "check_notes", "extract", "parse"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'symnn.notes' has no attribute {name!r}")
