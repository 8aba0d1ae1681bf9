"""Checking the mathematics of Markdown, LaTeX and Jupyter notes, line by line (``symnn check``)."""

from symnn.notes.check import check_file, check_notes
from symnn.notes.claims import NoteClaim, NotesReport
from symnn.notes.extract import Formula, extract
from symnn.notes.parser import ParseError, parse

__all__ = ["Formula", "NoteClaim", "NotesReport", "ParseError", "check_file", "check_notes", "extract", "parse"]
