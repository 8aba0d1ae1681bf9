r"""Exercises of a LaTeX sheet: ``\begin{tcolorbox}[solutionbox] … \end{tcolorbox}``, ``\begin{exercise}``.

A solutions sheet reuses names from one exercise to the next (L is ``u^2`` in one box and the loss of a
quiz in the next). A derivative claim that contradicts a definition made in another exercise box is
therefore no slip the notes made: it is left unchecked (:func:`in_another_exercise`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["exercise_spans", "exercises_in", "in_another_exercise", "in_another_section", "section_starts"]

#: The environments that hold one exercise, its solution or its answer.
_BOXES = ("tcolorbox", "exercise", "solution", "answer", "problem", "question", "example")
_MARK = re.compile(rf"\\(?P<kind>begin|end)\{{(?P<name>{'|'.join(_BOXES)})\*?\}}")

#: The line spans (first, last) of the outermost exercise boxes of the notes being read.
EXERCISES: ContextVar[tuple[tuple[int, int], ...]] = ContextVar("symnn_notes_exercises", default=())
#: The lines on which the sections of the notes being read start (headings), in order.
SECTIONS: ContextVar[tuple[int, ...]] = ContextVar("symnn_notes_sections", default=())
_HEADING = {
    "markdown": re.compile(r"^ {0,3}#{1,6}\s"),
    "latex": re.compile(r"^\s*\\(?:chapter|section|subsection|subsubsection)\*?\{"),
}
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def exercise_spans(source: str) -> tuple[tuple[int, int], ...]:
    r"""The 1-based line spans of the outermost exercise environments of a LaTeX ``source``.

    Examples:
        >>> exercise_spans("a\n\\begin{solution}\nx\n\\begin{solution}y\\end{solution}\n\\end{solution}\nb")
        ((2, 5),)
    """
    spans: list[tuple[int, int]] = []
    depth, start, line, read = 0, 0, 1, 0
    for match in _MARK.finditer(source):
        line, read = line + source.count("\n", read, match.start()), match.start()  # (each newline counted once)
        if match["kind"] == "begin":
            depth += 1
            start = line if depth == 1 else start
        elif depth > 0:
            depth -= 1
            if depth == 0:
                spans.append((start, line))
    return tuple(spans)


def section_starts(source: str, kind: str) -> tuple[int, ...]:
    r"""The 1-based lines of the headings of Markdown (``## Example 1``, outside code fences) or LaTeX
    (``\section{…}``) notes; none for a notebook, whose lines count within each cell.

    Examples:
        >>> section_starts("# A\nx = 1\n```\n# not one\n```\n### B\n", "markdown")
        (1, 6)
    """
    heading = _HEADING.get(kind)
    if heading is None:
        return ()
    starts, fenced = [], False
    for number, line in enumerate(source.split("\n"), 1):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and heading.match(line):
            starts.append(number)
    return tuple(starts)


@contextmanager
def exercises_in(spans: tuple[tuple[int, int], ...], sections: tuple[int, ...] = ()) -> Iterator[None]:
    """Read the notes with these exercise boxes and sections while inside."""
    token, section_token = EXERCISES.set(spans), SECTIONS.set(sections)
    try:
        yield
    finally:
        EXERCISES.reset(token)
        SECTIONS.reset(section_token)


def in_another_section(claim: int, definition: int) -> bool:
    """Whether a heading stands between the definition on line ``definition`` and the claim on line ``claim``
    (or they sit in different exercise boxes)."""
    low, high = sorted((claim, definition))
    return in_another_exercise(claim, definition) or any(low < start <= high for start in SECTIONS.get())


def _box(line: int) -> tuple[int, int] | None:
    return next((span for span in EXERCISES.get() if span[0] <= line <= span[1]), None)


def in_another_exercise(claim: int, definition: int) -> bool:
    """Whether the claim on line ``claim`` sits in an exercise box that the definition on line ``definition``
    is not in."""
    box = _box(claim)
    return box is not None and _box(definition) != box
