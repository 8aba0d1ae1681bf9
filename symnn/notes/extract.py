r"""Finding the formulas in notes, with the line each starts on, in one linear pass.

Markdown (and the Markdown cells of notebooks) goes through markdown-it-py, see
:mod:`symnn.notes.blocks`. LaTeX: ``$…$``, ``$$…$$``, ``\(…\)``, ``\[…\]`` and the
``equation``, ``align``, ``gather``, ``multline``, ``eqnarray`` environments (starred too);
comments (``%`` to the end of the line) and ``verbatim`` blocks are skipped. Each formula
keeps at most :data:`~symnn.notes.blocks.PROSE_BEFORE` characters of the prose around it
(never a copy of its whole line), so a checker can read "Let", "at the point", "equals".
"""

from __future__ import annotations

import bisect
import json
import re

from symnn.notes.blocks import PROSE_BEFORE, Formula, Problem, formula, markdown_formulas, notebook_formulas
from symnn.notes.macros import expanded

__all__ = ["Formula", "Problem", "extract", "find", "line_of", "mask"]

_ENVIRONMENTS = "equation|align|gather|multline|eqnarray|displaymath|flalign|alignat"
_DISPLAY_ENV = re.compile(r"\\begin\{(?P<env>(?:" + _ENVIRONMENTS + r")\*?)\}(?:\{\d+\})?")
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_VERBATIM = re.compile(r"\\begin\{(verbatim|lstlisting|minted)\*?\}.*?\\end\{\1\*?\}", re.DOTALL)


def line_of(source: str, offset: int) -> int:
    """The 1-based line number of ``offset`` in ``source`` (counts; use :class:`Lines` in loops)."""
    return source.count("\n", 0, offset) + 1


class Lines:
    """Line numbers of offsets by binary search over the newlines, counted once."""

    def __init__(self, source: str) -> None:
        self.newlines = [i for i, ch in enumerate(source) if ch == "\n"]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_left(self.newlines, offset) + 1


def _blank_spans(source: str, spans: list[tuple[int, int]]) -> str:
    """``source`` with each span replaced by spaces (newlines kept), in one pass."""
    if not spans:
        return source
    pieces, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            start = last
        if start >= end:
            continue
        pieces.append(source[last:start])
        pieces.append(re.sub(r"[^\n]", " ", source[start:end]))
        last = end
    pieces.append(source[last:])
    return "".join(pieces)


def mask(source: str, kind: str = "latex") -> str:
    r"""``source`` with LaTeX comments and verbatim blocks blanked out; offsets unchanged.

    Markdown is read by markdown-it-py, which leaves code alone by itself; for it the
    source is returned as it is.

    Examples:
        >>> mask("a % $x$\n$y$")
        'a      \n$y$'
    """
    if kind != "latex":
        return source
    spans = [m.span() for m in _VERBATIM.finditer(source)]
    masked = _blank_spans(source, spans)
    return _blank_spans(masked, [m.span() for m in _COMMENT.finditer(masked)])


def _closing_dollar(masked: str, start: int) -> int:
    """The offset of the ``$`` closing inline maths opened before ``start``, or -1."""
    pos = start
    limit = len(masked)
    while pos < limit:
        char = masked[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "$":
            return pos
        if char == "\n" and masked[pos + 1 : pos + 2] == "\n":
            return -1  # a blank line: inline maths never spans paragraphs
        pos += 1
    return -1


def latex_formulas(source: str) -> tuple[list[Formula], list[Problem]]:
    r"""The formulas of a LaTeX document, and its unclosed delimiters.

    Examples:
        >>> found, problems = latex_formulas("Let $f(x)=x^2$.\n\\[\n1+1=2\n\\]\n% $no$\n$oops\n")
        >>> [(f.line, f.text) for f in found], [p.line for p in problems]
        ([(1, 'f(x)=x^2'), (2, '\n1+1=2\n')], [6])
    """
    masked = mask(source, "latex")
    lines = Lines(masked)
    formulas: list[Formula] = []
    problems: list[Problem] = []
    pos, previous_end = 0, 0
    missing: dict[str, int] = {}  # a closing delimiter not found after an offset is not found after any later one
    while True:
        # jump to the next character that can open maths: linear, no per-character Python loop
        pos = _next_opening(masked, pos)
        if pos < 0:
            break
        found = _opening_at(masked, pos, missing)
        if found is None:
            if masked[pos] == "$" and not masked.startswith("$$", pos):
                problems.append(Problem(lines(pos), masked[pos : pos + 40].split("\n")[0], "an unclosed $"))
            pos += 2 if masked[pos] == "\\" else 1
            continue
        start, end, after_end, display, env = found
        before = masked[max(previous_end, start - PROSE_BEFORE) : pos]
        after = masked[after_end : after_end + PROSE_BEFORE].split("\n")[0]
        formulas.append(formula(masked[start:end], lines(start), display, env, before, after, None, start))
        pos = previous_end = after_end
    return formulas, problems


_OPENING = re.compile(r"[\\$]")


def _next_opening(masked: str, pos: int) -> int:
    match = _OPENING.search(masked, pos)
    return match.start() if match else -1


def _find(masked: str, closing: str, pos: int, missing: dict[str, int]) -> int:
    if missing.get(closing, len(masked) + 1) <= pos:
        return -1
    end = masked.find(closing, pos)
    if end < 0:
        missing[closing] = pos
    return end


def _opening_at(masked: str, pos: int, missing: dict[str, int]) -> tuple[int, int, int, bool, str] | None:
    char = masked[pos]
    if char == "\\" and masked.startswith(("\\[", "\\("), pos):
        closing = "\\]" if masked[pos + 1] == "[" else "\\)"
        end = _find(masked, closing, pos + 2, missing)
        return (pos + 2, end, end + 2, masked[pos + 1] == "[", "") if end >= 0 else None
    if char == "\\" and (match := _DISPLAY_ENV.match(masked, pos)):
        env = match["env"]
        end = _find(masked, f"\\end{{{env}}}", match.end(), missing)
        if end >= 0:
            return (match.end(), end, end + len(f"\\end{{{env}}}"), True, env.rstrip("*"))
        return None
    if char == "\\":
        return None
    if masked.startswith("$$", pos):
        end = _find(masked, "$$", pos + 2, missing)
        return (pos + 2, end, end + 2, True, "") if end >= 0 else None
    end = _closing_dollar(masked, pos + 1)
    return (pos + 1, end, end + 1, False, "") if end >= 0 else None


def find(source: str, kind: str = "markdown") -> tuple[list[Formula], list[Problem]]:
    """The formulas of ``source`` and the delimiter problems, for ``kind`` markdown, latex or notebook."""
    if kind == "latex":
        formulas, problems = latex_formulas(source)
    elif kind == "notebook":
        formulas, problems = notebook_formulas(source)
        source = _markdown_of_cells(source)  # (the definitions in its cells, not in the JSON's escaped strings)
    else:
        formulas, problems = markdown_formulas(source)
    return expanded(formulas, source), problems  # \newcommand{\pd}[2]{…}: the notes' own macros


def _markdown_of_cells(source: str) -> str:
    """The text of a notebook's Markdown cells, one after the other (its JSON as it is, if it is none)."""
    try:
        cells = json.loads(source).get("cells", [])
    except (ValueError, AttributeError):
        return source
    texts = []
    for cell in cells if isinstance(cells, list) else []:
        if isinstance(cell, dict) and cell.get("cell_type") == "markdown":
            text = cell.get("source", "")
            texts.append("".join(text) if isinstance(text, list) else str(text))
    return "\n\n".join(texts)


def extract(source: str, kind: str = "markdown") -> list[Formula]:
    r"""The formulas of ``source``, in order.

    Args:
        source: the text of a notes file.
        kind: ``"markdown"``, ``"latex"`` or ``"notebook"``.

    Examples:
        >>> [(f.line, f.text) for f in extract("Let $f(x)=x^2$.\n\n$$\n1+1=2\n$$\n")]
        [(1, 'f(x)=x^2'), (3, '\n1+1=2\n')]
    """
    return find(source, kind)[0]
