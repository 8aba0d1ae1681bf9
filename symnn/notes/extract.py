r"""Finding the formulas in Markdown and LaTeX notes, with the line each starts on.

Markdown: ``$…$`` and ``$$…$$`` (display blocks may span lines); code spans and fenced
code blocks are skipped. LaTeX: ``$…$``, ``$$…$$``, ``\(…\)``, ``\[…\]`` and the
``equation``, ``align``, ``gather``, ``multline`` environments (starred too); comments
(``%`` to the end of the line) and ``verbatim`` blocks are skipped. Each formula keeps
the prose just before it, so a checker can read "Let", "at the point", "equals".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Formula", "extract", "line_of", "mask"]

_ENVIRONMENTS = "equation|align|gather|multline|eqnarray|displaymath|flalign|alignat"
_DISPLAY_ENV = re.compile(r"\\begin\{(?P<env>(?:" + _ENVIRONMENTS + r")\*?)\}(?:\{\d+\})?")
_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)
#: How much prose before a formula is kept.
PROSE_BEFORE = 200


@dataclass(frozen=True)
class Formula:
    """One formula found in a file.

    Attributes:
        text: the LaTeX between the delimiters (comments blanked out, offsets kept).
        start: offset of ``text`` in the file (0-based), for line numbers of its parts.
        line: the 1-based line on which ``text`` starts.
        display: True for display maths (``$$``, ``\\[``, environments).
        environment: ``"align"`` and the like, or ``""``.
        before: up to :data:`PROSE_BEFORE` characters of prose just before the formula.
        after: the prose right after it, up to the end of its line.
    """

    text: str
    start: int
    line: int
    display: bool
    environment: str
    before: str
    after: str


def line_of(source: str, offset: int) -> int:
    """The 1-based line number of ``offset`` in ``source``."""
    return source.count("\n", 0, offset) + 1


def _blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` replaced by spaces, newlines kept (offsets stay valid)."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _mask_markdown(source: str) -> str:
    """Blank out fenced code blocks, code spans and HTML comments."""
    masked = source
    fences = list(_FENCE.finditer(masked))
    index = 0
    while index + 1 < len(fences):
        opening, closing = fences[index], fences[index + 1]
        end = masked.find("\n", closing.start())
        masked = _blank(masked, opening.start(), end if end >= 0 else len(masked))
        index += 2
    if index < len(fences):
        masked = _blank(masked, fences[index].start(), len(masked))
    for match in re.finditer(r"<!--.*?-->", masked, re.DOTALL):
        masked = _blank(masked, match.start(), match.end())
    for match in re.finditer(r"(`+)(?!`).+?(?<!`)\1(?!`)", masked, re.DOTALL):
        if "\n\n" not in match.group():
            masked = _blank(masked, match.start(), match.end())
    return masked


def _mask_latex(source: str) -> str:
    """Blank out comments and verbatim blocks."""
    masked = source
    for match in re.finditer(r"(?<!\\)%[^\n]*", masked):
        masked = _blank(masked, match.start(), match.end())
    for match in re.finditer(r"\\begin\{(verbatim|lstlisting|minted)\*?\}.*?\\end\{\1\*?\}", masked, re.DOTALL):
        masked = _blank(masked, match.start(), match.end())
    return masked


def mask(source: str, kind: str = "markdown") -> str:
    """``source`` with code (Markdown) or comments and verbatim blocks (LaTeX) blanked out.

    Offsets and line numbers are unchanged.

    Examples:
        >>> mask("a `$x$` b $y$")
        'a       b $y$'
    """
    return _mask_latex(source) if kind == "latex" else _mask_markdown(source)


def _closing_dollar(masked: str, start: int) -> int:
    """The offset of the ``$`` closing inline maths opened before ``start``, or -1."""
    pos = start
    while pos < len(masked):
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


def extract(source: str, kind: str = "markdown") -> list[Formula]:
    r"""The formulas of ``source``, in order.

    Args:
        source: the text of a notes file.
        kind: ``"markdown"`` or ``"latex"``.

    Examples:
        >>> [(f.line, f.text) for f in extract("Let $f(x)=x^2$.\n$$\n1+1=2\n$$\n")]
        [(1, 'f(x)=x^2'), (2, '\n1+1=2\n')]
    """
    masked = mask(source, kind)
    formulas: list[Formula] = []
    pos, previous_end = 0, 0
    while pos < len(masked):
        char = masked[pos]
        found = None
        if char == "\\" and masked.startswith(("\\[", "\\("), pos):
            closing = "\\]" if masked[pos + 1] == "[" else "\\)"
            end = masked.find(closing, pos + 2)
            if end >= 0:
                found = (pos + 2, end, end + 2, masked[pos + 1] == "[", "")
        elif char == "\\" and (match := _DISPLAY_ENV.match(masked, pos)):
            env = match["env"]
            end = masked.find(f"\\end{{{env}}}", match.end())
            if end >= 0:
                found = (match.end(), end, end + len(f"\\end{{{env}}}"), True, env.rstrip("*"))
        elif char == "\\":
            pos += 2
            continue
        elif masked.startswith("$$", pos):
            end = masked.find("$$", pos + 2)
            if end >= 0:
                found = (pos + 2, end, end + 2, True, "")
        elif char == "$":
            end = _closing_dollar(masked, pos + 1)
            if end >= 0:
                found = (pos + 1, end, end + 1, False, "")
        if found is None:
            pos += 1
            continue
        start, end, after_end, display, env = found
        before = masked[max(previous_end, start - PROSE_BEFORE) : pos]
        line_end = masked.find("\n", after_end)
        after = masked[after_end : line_end if line_end >= 0 else len(masked)]
        formulas.append(Formula(masked[start:end], start, line_of(source, start), display, env, before, after))
        pos = previous_end = after_end
    return formulas
