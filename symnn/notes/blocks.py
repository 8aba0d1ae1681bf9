r"""Finding the math blocks of Markdown notes with markdown-it-py, and of Jupyter notebooks.

The Markdown structure (paragraphs, block quotes, lists, code) comes from markdown-it-py
with mdit-py-plugins: ``dollarmath`` (``$…$``, ``$$…$$``), ``amsmath`` (``align``,
``gather``, ``equation`` … outside ``$$``) and ``texmath`` (``\[…\]`` blocks, ``\(…\)``).
Fenced ```` ```math ```` blocks are math; other fences, indented code and code spans are left
alone. Kramdown's ``\\[…\\]`` and ``\\(…\\)`` (and a ``\[…\]`` inside a paragraph, which
markdown-it leaves as prose) are found in the prose that markdown-it returns. A ``$``
left over in the prose is reported as an unclosed delimiter.

Positions: markdown-it gives each block its source lines; a formula's line is found by
locating it in its block, so line numbers are exact without counting newlines from the
start of the file (the whole pass is linear in the size of the file).
"""

from __future__ import annotations

import bisect
import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token as MdToken
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.myst_role import myst_role_plugin
from mdit_py_plugins.texmath import texmath_plugin

from symnn.notes.plaintext import PLAIN_FENCES, not_python, plain_formulas, typed_formula

__all__ = ["Formula", "Problem", "markdown_formulas", "notebook_formulas"]

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
#: How much prose before (and after) a formula is kept: enough for "Let", "at the point".
PROSE_BEFORE = 200


@dataclass(frozen=True)
class Formula:
    """One formula found in a file.

    Attributes:
        text: the LaTeX between the delimiters; positions of its parts are offsets into it.
        start: offset of ``text`` in the file, or -1 when not known (Markdown, notebooks).
        line: the 1-based line on which ``text`` starts (in its cell, for a notebook).
        display: True for display maths (``$$``, ``\\[``, environments, ``math`` fences).
        environment: ``"align"`` and the like, or ``""``.
        before: up to :data:`PROSE_BEFORE` characters of prose just before the formula.
        after: up to :data:`PROSE_BEFORE` characters of prose right after it, on its line.
        cell: the 1-based notebook cell, or None.
    """

    text: str
    start: int
    line: int
    display: bool
    environment: str
    before: str
    after: str
    cell: int | None = None
    newlines: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def line_at(self, pos: int) -> int:
        """The line of offset ``pos`` of :attr:`text` (a binary search over its newlines)."""
        newlines = self.newlines or _newlines(self.text)
        return self.line + bisect.bisect_left(newlines, pos)


@lru_cache(maxsize=4)
def _newlines(text: str) -> tuple[int, ...]:
    return tuple(i for i, ch in enumerate(text) if ch == "\n")


def formula(
    text: str,
    line: int,
    display: bool,
    environment: str = "",
    before: str = "",
    after: str = "",
    cell: int | None = None,
    start: int = -1,
) -> Formula:
    """A :class:`Formula` with its newline table filled in."""
    if "<!--" in text:  # an HTML comment inside Markdown maths is a note to the reader, not maths
        text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    newlines = tuple(i for i, ch in enumerate(text) if ch == "\n")
    return Formula(
        text, start, line, display, environment, before[-PROSE_BEFORE:], after[:PROSE_BEFORE], cell, newlines
    )


@dataclass(frozen=True)
class Problem:
    """A delimiter problem found while looking for math (an unclosed ``$``)."""

    line: int
    text: str
    reason: str
    cell: int | None = None


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.use(texmath_plugin, delimiters="brackets")
    md.use(dollarmath_plugin, allow_space=True, allow_digits=True, double_inline=True)
    md.use(amsmath_plugin)
    md.use(myst_role_plugin)  # MyST (Jupyter Book): {math}`z = Wx + b` inline
    # Backslash escapes would turn kramdown's \\[ into \[ and \[ into [: keep the prose as written.
    # Emphasis and entities only shape prose; without them parsing is faster. (Links and images stay:
    # their targets and alt texts are not math.)
    md.disable(["escape", "emphasis", "entity"])
    return md


_KRAMDOWN = ((r"\\[", r"\\]", True), (r"\\(", r"\\)", False), (r"\[", r"\]", True), (r"\(", r"\)", False))


class _Block:
    """The source lines of one markdown-it block, to turn offsets in its content into lines."""

    def __init__(self, content: str, first_line: int) -> None:
        self.content = content
        self.first_line = first_line
        self.newlines = [i for i, ch in enumerate(content) if ch == "\n"]

    def line(self, pos: int) -> int:
        return self.first_line + bisect.bisect_left(self.newlines, pos)


def _inline_formulas(
    token: MdToken, line_offset: int, cell: int | None, problems: list[Problem], prose: list[str]
) -> Iterator[Formula]:
    """The formulas of one inline token (a paragraph, heading or table cell)."""
    assert token.map is not None
    block = _Block(token.content, token.map[0] + 1 + line_offset)
    cursor = 0
    children = _lines_joined(token.children or [])
    for index, child in enumerate(children):
        if child.type in ("math_inline", "math_inline_double") or _myst_math(child):
            markup, content = child.markup or "$", child.content
            if _myst_math(child):
                markup = "{math}`"
            if markup == "\\(" and content.endswith("\\"):
                content = content[:-1]  # kramdown's \\( ... \\): texmath read \( ... \)
            found = block.content.find(markup + child.content, cursor)
            pos = found + len(markup) if found >= 0 else cursor
            cursor = pos + len(child.content) if found >= 0 else cursor
            after = _following_text(children, index)
            yield formula(content, block.line(pos), child.type == "math_inline_double", "", prose[0], after, cell)
            prose[0] = ""
        elif child.type == "text":
            found = block.content.find(child.content, cursor)
            pos = found if found >= 0 else cursor
            cursor = pos + len(child.content) if found >= 0 else cursor
            kramdown = block.content.lstrip().startswith("|") and not _GFM_RULE.search(block.content)
            if not re.search(r"[$\\]", child.content) and kramdown:
                # | 4 | 0.2 + 0 - 0.5 - 0.4 = - 0.7 | $$ … $$ |: kramdown's table, rows with no rule under the head
                yield from _typed_cells_in(child.content, pos, block, cell, prose)
                continue
            if not re.search(r"[$\\]", child.content) and any(c.type == "code_inline" for c in children):
                # "- dL/df = d = 4.0, and" beside `dd/dc = 1.0`: a list of steps typed as text, in code or not
                yield from _typed_in_prose(child.content, pos, block, cell, prose)
                continue
            yield from _prose_formulas(child.content, pos, block, cell, problems, prose)
        elif child.type == "softbreak" or child.type == "hardbreak":
            prose[0] = (prose[0] + " ")[-PROSE_BEFORE:]
        elif child.type == "code_inline":
            found = block.content.find(child.content, cursor)
            cursor = found + len(child.content) if found >= 0 else cursor
            typed = typed_formula(child.content)
            if typed is not None:  # `dL/dc = dL/dd * dd/dc = -2.0 * 1.0 = -2.0`: a formula typed as text, as code
                yield formula(typed, block.line(max(found, 0)), False, "", prose[0], "", cell)
                prose[0] = ""


def _typed_cells_in(text: str, base: int, block: _Block, cell: int | None, prose: list[str]) -> Iterator[Formula]:
    """The cells of kramdown table rows in ``text`` that are formulas typed as text, each at its line."""
    for found in re.finditer(r"[^|\n]+", text):
        content = _SIGNED_CELL.sub("-", found.group().strip())
        typed = typed_formula(content)
        if typed is not None and not _NUMBER_CELL.match(content):
            yield formula(typed, block.line(base + found.start()), False, "", prose[0], "", cell)
            prose[0] = ""


def _typed_in_prose(text: str, base: int, block: _Block, cell: int | None, prose: list[str]) -> Iterator[Formula]:
    """The lines of ``text`` (prose beside code spans) that are formulas typed as text (:mod:`plaintext`)."""
    lines = text.split("\n")
    found = dict(plain_formulas(lines, prose_lines=True))
    offset = 0
    for index, line in enumerate(lines):
        if index in found:
            yield formula(found[index], block.line(base + offset), False, "", prose[0], "", cell)
            prose[0] = ""
        else:
            prose[0] = (prose[0] + " " + line)[-PROSE_BEFORE:]
        offset += len(line) + 1


def _myst_math(child: MdToken) -> bool:
    """Whether ``child`` is MyST's inline math role, ``{math}`...```."""
    return child.type == "myst_role" and (child.meta or {}).get("name") == "math"


def _lines_joined(children: list[MdToken]) -> list[MdToken]:
    r"""The inline children with runs of text over soft line breaks joined into one text: a ``\[ … \]``
    written over several lines of a list item ("- Loss:" then ``\[``, the formula, ``\]``) is one formula."""
    joined: list[MdToken] = []
    for child in children:
        previous = joined[-1] if joined else None
        if child.type == "softbreak" and previous is not None and previous.type == "text":
            joined[-1] = MdToken("text", "", 0, content=previous.content + "\n")
        elif child.type == "text" and previous is not None and previous.type == "text":
            joined[-1] = MdToken("text", "", 0, content=previous.content + child.content)
        else:
            joined.append(child)
    return joined


def _following_text(children: list[MdToken], index: int) -> str:
    after = children[index + 1] if index + 1 < len(children) else None
    if after is not None and after.type == "text":
        return after.content[:PROSE_BEFORE]
    return ""


def _prose_formulas(
    text: str, base: int, block: _Block, cell: int | None, problems: list[Problem], prose: list[str]
) -> Iterator[Formula]:
    r"""Kramdown ``\\[…\\]``, ``\\(…\\)`` and paragraph ``\[…\]`` in prose; stray ``$`` reported."""
    pos = 0
    while pos < len(text):
        starts = [(text.find(opening, pos), opening, closing, display) for opening, closing, display in _KRAMDOWN]
        starts = [s for s in starts if s[0] >= 0]
        if not starts:
            break
        start, opening, closing, display = min(starts, key=lambda s: (s[0], -len(s[1])))
        end = text.find(closing, start + len(opening))
        if end < 0:
            break
        _stray_dollars(text[pos:start], base + pos, block, cell, problems)
        prose[0] = (prose[0] + text[pos:start])[-PROSE_BEFORE:]
        inner = text[start + len(opening) : end]
        after = text[end + len(closing) : end + len(closing) + PROSE_BEFORE]
        yield formula(inner, block.line(base + start + len(opening)), display, "", prose[0], after, cell)
        prose[0] = ""
        pos = end + len(closing)
    _stray_dollars(text[pos:], base + pos, block, cell, problems)
    prose[0] = (prose[0] + text[pos:])[-PROSE_BEFORE:]


def _stray_dollars(text: str, base: int, block: _Block, cell: int | None, problems: list[Problem]) -> None:
    index = text.find("$")
    if index >= 0 and text[index - 1 : index] != "\\":
        snippet = " ".join(text[index : index + 40].split())
        problems.append(
            Problem(block.line(base + index), snippet, "an unclosed $: the math that follows is not read", cell)
        )


#: kramdown's display math ``\\[`` … ``\\]`` over several lines (the escaped backslash of Markdown):
#: read as ``\[`` … ``\]``, one space in front keeping every offset and line where it was. A one-line
#: ``\\[ … \\]`` is left to the parser, which reads it already.
_KRAMDOWN_DISPLAY = re.compile(r"(?m)^([ \t]*)\\\\(\[(?!.*\\\\\])|\])")


#: How far a ``$$`` on a line of its own may be from the one that closes it, for blank lines between them.
DISPLAY_LINES = 30


def _blank_lines_in_displays(source: str) -> str:
    r"""``$$``, a blank line, ``\frac{\partial t}{\partial x} = 1``, ``$$``: a display written with blank lines
    in it (MathJax reads it; Markdown would end the paragraph there). Each blank line between a ``$$`` on a
    line of its own and the closing ``$$`` within :data:`DISPLAY_LINES` lines becomes ``\,`` (a thin space),
    so the display stays one; line numbers do not move. Fenced code is left as it is."""
    if "$$\n\n" not in source and "$$\r\n\r\n" not in source:
        return source
    lines = source.split("\n")
    fence, seen = False, 0  # seen: the $$ outside fences so far (an opening one follows an even count)
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if stripped.startswith(_FENCE):
            fence = not fence
        elif not fence and stripped != "$$":
            seen += lines[index].count("$$")
        elif not fence and seen % 2 == 1:
            seen += 1  # the $$ that closes a display opened on a line with maths after it
        elif not fence:
            close = next(
                (k for k in range(index + 1, min(len(lines), index + DISPLAY_LINES)) if "$$" in lines[k]), None
            )
            if close is None:
                seen += 1
                index += 1
                continue
            for k in range(index + 1, close):
                if not lines[k].strip():
                    lines[k] = "\\," + lines[k][len(lines[k].rstrip("\r")) :]
            seen += 1 + lines[close].count("$$")
            index = close
        index += 1
    return "\n".join(lines)


def markdown_formulas(source: str, cell: int | None = None) -> tuple[list[Formula], list[Problem]]:
    r"""The formulas of Markdown ``source`` in order, and the delimiter problems found.

    Examples:
        >>> found, problems = markdown_formulas("Let $f(x)=x^2$.\n\n$$\n1+1=2\n$$\n\n`$no$`, and $5 \\(a=1\\)")
        >>> [(f.line, f.text.strip(), f.display) for f in found]
        [(1, 'f(x)=x^2', False), (3, '1+1=2', True), (7, 'a=1', False)]
        >>> [(p.line, p.reason) for p in problems]
        [(7, 'an unclosed $: the math that follows is not read')]
    """
    formulas: list[Formula] = []
    problems: list[Problem] = []
    prose = [""]
    source = _WORDPRESS_LATEX.sub(_wordpress_math, source)
    source = _bare_aligned(source)
    source = _KRAMDOWN_DISPLAY.sub(lambda m: m[1] + " \\" + m[2], source)
    source = _PUNCTUATED_CLOSE.sub(r"\1", source)  # "$$." closing a display: the full stop of the sentence
    source = _blank_lines_in_displays(source)
    for chunk, offset in chunks(source):
        _chunk_formulas(chunk, offset, cell, formulas, problems, prose)
    return formulas, problems


def _bare_aligned(source: str) -> str:
    r"""``\begin{aligned} … \end{aligned}`` opening a paragraph, with no ``$$`` around it, as R Markdown and
    MathJax read it (maths environments need no delimiters there): read as ``align``, which Markdown's amsmath
    reads at a paragraph's start. Lines do not move; an environment inside ``$$`` is left as it is."""
    if r"\begin{aligned}" not in source:
        return source
    lines = source.split("\n")
    for index, line in enumerate(lines):
        if not line.lstrip().startswith(r"\begin{aligned}") or (index and lines[index - 1].strip()):
            continue
        close = next((k for k in range(index, len(lines)) if r"\end{aligned}" in lines[k]), None)
        if close is None:
            continue
        lines[index] = line.replace(r"\begin{aligned}", r"\begin{align}", 1)
        lines[close] = lines[close].replace(r"\end{aligned}", r"\end{align}", 1)
    return "\n".join(lines)


#: WordPress's maths shortcode, ``[latex]\frac{a}{b}[/latex]``, also as exported to Markdown with its marks
#: escaped (``\[latex\] \\frac{x\_i}{2} \[/latex\]``), on one line.
_WORDPRESS_LATEX = re.compile(r"\\?\[latex\\?\](?P<math>[^\n]*?)\\?\[/latex\\?\]")


def _wordpress_math(match: re.Match[str]) -> str:
    r"""``$…$`` for a ``[latex]`` shortcode; Markdown's escapes undone when the export escaped it (``\_``)."""
    math = match["math"]
    if match[0].startswith("\\"):
        math = re.sub(r"\\([\\_*\[\]{}()#+\-.!|])", r"\1", math)
    return "$" + math.strip() + "$"


#: A line closing a display with the sentence's punctuation after it (``$$.``), which no parser takes as a close.
_PUNCTUATED_CLOSE = re.compile(r"^([ \t]*\$\$)[.,;:]+[ \t]*$", re.MULTILINE)
#: Markdown is parsed in pieces of about this many characters (markdown-it holds every token of what it parses).
CHUNK = 1 << 19
_FENCE = ("```", "~~~")


def chunks(source: str, size: int = CHUNK) -> Iterator[tuple[str, int]]:
    r"""``source`` cut at blank lines outside fences, ``$$`` blocks and environments, with each piece's line offset.

    Examples:
        >>> [(text, offset) for text, offset in chunks("a\n\n```\n\nb\n```\n\nc\n", size=1)]
        [('a\n\n', 0), ('```\n\nb\n```\n\n', 2), ('c\n', 7)]
    """
    if len(source) <= size:
        yield source, 0
        return
    start, line, first_line, pos = 0, 0, 0, 0
    fence, dollars, depth = False, False, 0
    while pos < len(source):
        end = source.find("\n", pos)
        end = len(source) if end < 0 else end + 1
        text = source[pos:end]
        stripped = text.strip()
        if stripped.startswith(_FENCE):
            fence = not fence
        elif not fence:
            dollars ^= text.count("$$") % 2 == 1
            depth += text.count("\\begin{") - text.count("\\end{")
        pos, line = end, line + 1
        if not stripped and not fence and not dollars and depth <= 0 and pos - start >= size:
            yield source[start:pos], first_line
            start, first_line, depth = pos, line, 0
    if start < len(source):
        yield source[start:], first_line


def _chunk_formulas(
    source: str, offset: int, cell: int | None, formulas: list[Formula], problems: list[Problem], prose: list[str]
) -> None:
    line_starts = _LineStarts(source)
    last_line = 1
    start = len(formulas)
    _tokens_formulas(source, offset, cell, formulas, problems, prose, line_starts, last_line)
    if "|" in source:
        rows = list(_table_claims(source, offset, cell))
        restated = {(f.line, f.text.rsplit(" = ", 1)[0]) for f in rows}  # | $z = 0.2 + 0.1$ | 0.3 |: one claim
        formulas[start:] = [f for f in formulas[start:] if (f.line, f.text) not in restated]
        formulas.extend(rows)
        formulas[start:] = sorted(formulas[start:], key=lambda f: f.line)  # a row's claim in its place


def _tokens_formulas(
    source: str,
    offset: int,
    cell: int | None,
    formulas: list[Formula],
    problems: list[Problem],
    prose: list[str],
    line_starts: _LineStarts,
    last_line: int,
) -> None:
    """The formulas of the markdown-it tokens of ``source``, in order."""
    for token in _parser().parse(source):
        if token.map is not None:
            first = token.map[0] + 1
            last_line = token.map[1] + 1
        elif token.type == "math_block":
            first = line_starts.find(token.markup + token.content, last_line)  # texmath gives no map
        else:
            continue
        if token.type == "inline" and not re.search(r"[$\\`]", token.content):
            _plain_paragraph(token.content, first + offset, cell, formulas, prose)  # f(4.0) = e^4.0 / (…) = 0.84
            continue
        if token.type == "inline":
            formulas.extend(_inline_formulas(token, offset, cell, problems, prose))
            continue
        first += offset
        info = token.info.strip().lower() if token.type == "fence" else ""
        if token.type == "math_block" and token.markup == "$$" and _DISPLAYS_BETWEEN.search(token.content):
            # $$a = 1$$ and $$b = 2$$ on one line: the block rule took "a = 1$$ and $$b = 2" for one formula
            for part, words in _displays_on_a_line(token.content):
                line = first + token.content.count("\n", 0, token.content.find(part))
                formulas.append(formula(part, line, True, "", (prose[0] + " " + words).strip(), "", cell))
                prose[0] = ""
        elif token.type in ("math_block", "math_block_label", "math_block_eqno", "amsmath"):
            formulas.append(formula(token.content, first, True, "", prose[0], "", cell))
            prose[0] = ""
        elif (
            token.type in ("fence", "code_block")
            and (info in PLAIN_FENCES or not_python(info, token.content))
            and "\\" not in token.content
        ):
            # ``` ∂L/∂W = 2/3 × (−14.5) ```, or ```math with one formula a line and no LaTeX: typed as text; an
            # indented block too (its first line is the block's own, no fence before it)
            start = first + 1 if token.type == "fence" else first
            for index, text in plain_formulas(token.content.split("\n")):
                formulas.append(formula(text, start + index, True, "", prose[0], "", cell))
                prose[0] = ""
        elif token.type == "fence" and info in ("math", "{math}", "latex", "tex", "katex"):  # ```{math}: MyST
            # (```latex: GitHub shows the source, but the author wrote maths in it, not a program)
            formulas.append(formula(token.content, first + 1, True, "", prose[0], "", cell))
            prose[0] = ""
        elif token.type == "html_block" and _MATHJAX_SCRIPT.search(token.content):
            # <script type="math/tex; mode=display"> … </script>: MathJax 2's math, written by kramdown
            for found in _MATHJAX_SCRIPT.finditer(token.content):
                line = first + token.content.count("\n", 0, found.start("tex"))
                formulas.append(formula(found["tex"], line, bool(found["display"]), "", prose[0], "", cell))
                prose[0] = ""
        elif token.type == "html_block" and "<td" in token.content and "$" not in token.content:
            # <tr><td>**sigmoid(9.2)**</td><td> 0.999898970806 </td></tr>: an expected output, a function's value
            for row_line, text in _html_table_values(token.content):
                formulas.append(formula(text, first + row_line, False, "", prose[0], "", cell))
                prose[0] = ""
        elif token.type == "html_block" and ("\\(" in token.content or "$" in token.content):
            # <details><summary>Given \( u(x, y) = x^2 + y \)</summary>: the math inside HTML is read too
            _chunk_formulas(_without_tags(token.content), first - 1, cell, formulas, problems, prose)


_HTML_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.DOTALL | re.IGNORECASE)
_HTML_CELL = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.DOTALL | re.IGNORECASE)
#: A function at numbers, the label of a row of expected output: ``sigmoid(9.2)``, ``sigmoid([0, 2])``.
_AT_NUMBERS = re.compile(r"[A-Za-z]\w*\(\s*\[?[-\d.,\s]+\]?\s*\)")
#: A number or a vector of numbers as NumPy prints it: ``0.5``, ``[ 0.5  0.88079708]``, ``[[ 1.  1.]]``.
_PRINTED = re.compile(r"\[*\s*-?\d[-\d.e\s,]*\]*")


def _html_table_values(content: str) -> Iterator[tuple[int, str]]:
    """The rows of an HTML table whose first cell is a function at numbers and whose second is a number (or a
    vector), as formulas typed as text, with the row's line offset in ``content``."""
    for row in _HTML_ROW.finditer(content):
        cells = [re.sub(r"<[^>]+>|\*\*", "", c).strip() for c in _HTML_CELL.findall(row[1])]
        if len(cells) != 2 or not _AT_NUMBERS.fullmatch(cells[0]) or not _PRINTED.fullmatch(cells[1]):
            continue
        value = re.sub(r"(?<=\d)\.(?!\d)", "", cells[1])  # [[ 1.  1.]]: NumPy's 1. is 1
        typed = typed_formula(f"{cells[0]} = {value}")
        if typed is not None:
            yield content.count("\n", 0, row.start(1) + row[1].rfind(cells[1])), typed


def _plain_paragraph(content: str, first: int, cell: int | None, formulas: list[Formula], prose: list[str]) -> None:
    """The lines of a paragraph without maths markup that are formulas typed as text (:mod:`plaintext`);
    the other lines are prose, kept for the formula after them."""
    lines = content.split("\n")
    found = dict(plain_formulas(lines, prose_lines=True))
    going_on = {i + k for i, text in found.items() for k in range(1, text.count("\n") + 1)}  # "= …" lines
    for index, line in enumerate(lines):
        if index in found:
            formulas.append(formula(found[index], first + index, True, "", prose[0], "", cell))
            prose[0] = ""
        elif index not in going_on:
            prose[0] = (prose[0] + " " + line)[-PROSE_BEFORE:]


#: Words between two displays on one line: ``$$a = 1$$ and $$b = 2$$``.
_DISPLAYS_BETWEEN = re.compile(r"(?<!\\)\$\$(?P<words>[^$]*)(?<!\\)\$\$")


def _displays_on_a_line(content: str) -> list[tuple[str, str]]:
    """The formulas of a ``$$`` block that holds others closed and opened on its lines, each with the words
    before it."""
    out: list[tuple[str, str]] = []
    words, start = "", 0
    for found in _DISPLAYS_BETWEEN.finditer(content):
        out.append((content[start : found.start()], words))
        words, start = found["words"], found.end()
    out.append((content[start:], words))
    return [(part, said) for part, said in out if part.strip()]


@lru_cache(maxsize=1)
def _table_parser() -> MarkdownIt:
    """The parser that reads GFM tables, for :func:`_table_claims` only: the main parser leaves a table's
    lines as a paragraph, so that a ``|`` inside a formula (``$|x|$``) never splits it."""
    md = MarkdownIt("commonmark").enable("table")
    md.use(dollarmath_plugin, allow_space=True, allow_digits=True, double_inline=True)
    md.disable(["escape", "emphasis", "entity"])
    return md


def _table_claims(source: str, offset: int, cell: int | None) -> Iterator[Formula]:
    """The derivatives stated by the rows of the tables in ``source`` (:func:`_table_derivative`)."""
    row: list[MdToken] | None = None
    head: list[MdToken] | None = None
    for token in _table_parser().parse(source):
        if token.type == "table_open":
            head = None
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            stated = _table_derivative(row) or _table_value(row)
            at_the_variable = _at_the_variable(head, row) if head is not None else []
            if row[0].map is not None:
                line = row[0].map[0] + 1 + offset
                for text in ([stated] if stated is not None else []) + at_the_variable + _typed_cells(row):
                    yield formula(text, line, False, "", "", "", cell)
            head = row if head is None else head
            row = None
        elif token.type == "inline" and row is not None:
            row.append(token)


#: A header cell that names one variable: ``$\theta$``, ``$x$``, ``$w_1$``.
_VARIABLE_CELL = re.compile(r"^\s*(?P<name>\\[A-Za-z]+|[A-Za-z])(?:_\{?[A-Za-z0-9]\}?)?\s*$")


def _at_the_variable(head: list[MdToken], cells: list[MdToken]) -> list[str]:
    r"""``| step | $\theta$ | $J(\theta)$ | $J'(\theta)$ |`` over ``| 1 | 0.6 | 5.76 | -4.8 |``: a table whose head
    names one variable and functions of it states each function at the row's value of the variable
    (``J(0.6) = 5.76``, ``J'(0.6) = -4.8``), as an iteration table of gradient descent does."""
    if len(head) != len(cells):
        return []
    titles = [_only_math(c) for c in head]
    variables = [k for k, t in enumerate(titles) if t is not None and _VARIABLE_CELL.match(t)]
    if len(variables) != 1:
        return []
    variable = (titles[variables[0]] or "").strip()
    value = cells[variables[0]].content.strip().replace("−", "-")
    if not _NUMBER_CELL.match(value):
        return []
    written = re.compile(re.escape(variable) + (r"(?![A-Za-z])" if variable.startswith("\\") else r"(?![A-Za-z_])"))
    found = []
    for title, cell in zip(titles, cells, strict=True):
        stated = cell.content.strip().replace("−", "-")
        if title is None or title.strip() == variable or not _NUMBER_CELL.match(stated):
            continue
        if "(" not in title or not written.search(title) or re.search(r"=|\\approx", title):
            continue  # (a header of another quantity, or with no call of the variable: not read)
        def put(match: re.Match[str], title: str = title) -> str:
            wrapped = title[: match.start()].rstrip().endswith("(") and title[match.end() :].lstrip().startswith(")")
            return value if wrapped or not value.startswith("-") else f"({value})"

        found.append(f"{written.sub(put, title)} = {stated}")
    return found


def _typed_cells(cells: list[MdToken]) -> list[str]:
    """The cells of a table row that are formulas typed as text, without maths markup (``| 0.5*0 + 0.5*1 - 0.7 =
    -0.2 |``), as formulas (:mod:`plaintext`); a cell with maths markup is read with the maths."""
    found = []
    for cell in cells:
        if any(c.type.startswith("math") for c in cell.children or []):
            continue
        found += [text for _, text in plain_formulas([_SIGNED_CELL.sub("-", cell.content.strip())])]
    return found


#: The rule under a GFM table's head (``|----|:---:|``): such a table is read by :func:`_table_claims`.
_GFM_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*\|", re.MULTILINE)
#: The minus sign that opens a table cell, set apart: ``| - 0.3 + 0 + 0.2 = 0.1 |`` (no bullet of a list).
_SIGNED_CELL = re.compile(r"^[-−]\s+(?=[\d(.])")
#: A table cell that is one number: ``| -0.8 |``.
_NUMBER_CELL = re.compile(r"^[-+−]?\d+(?:\.\d+)?$")
#: A table cell's formula that is a derivative: ``\frac{\partial L}{\partial a}``, ``\dfrac{dy}{dx}``.
_DERIVATIVE_CELL = re.compile(r"^\s*(?:\\displaystyle\s*)?\\[dt]?frac\s*\{\s*(?:\\partial|d)\b")


def _table_derivative(cells: list[MdToken]) -> str | None:
    r"""``| $\frac{\partial L}{\partial a}$ | … | -0.8 |``: a row whose first cell is one derivative and
    whose last is one formula or number states that the derivative is that value (``∂L/∂a = -0.8``).

    Only a derivative heads such a claim: a row headed by a name (``| $W_2$ | [0.04, 0.05] |``) may give
    the name's gradient, its shape or anything its header says."""
    if len(cells) < 2:
        return None
    first, last = (_only_math(c) for c in (cells[0], cells[-1]))
    if first is None or not _DERIVATIVE_CELL.match(first):
        return None
    value = last if last is not None else cells[-1].content.strip()
    if last is None and not _NUMBER_CELL.match(value):
        return None
    return f"{first} = {value.replace('−', '-')}"


#: A formula that computes from numbers: ``z_1 = 0.5 \cdot 0.4 + 0.1``, ``a_1 = \sigma(0.3)`` (one ``=``, then
#: numbers, commands and ``e`` only).
_COMPUTED_CELL = re.compile(r"^[^=<>!]+=(?P<right>[^=]*\d[^=]*)$")


def _table_value(cells: list[MdToken]) -> str | None:
    r"""``| $z_1 = 0.5 \cdot 0.4 + 0.1$ | $0.3$ |``: a row ending in two cells, a formula computed from numbers and
    one number, states the formula's value (``z_1 = 0.5 \cdot 0.4 + 0.1 = 0.3``); cells before them label the row.

    A row headed by maths, a formula in names (``| $f(x) = x^2$ | $4$ |``: a value at a point the header
    may give) or a second cell that is no number (a shape, a range) states nothing read here."""
    if len(cells) < 2 or (len(cells) > 2 and _only_math(cells[0]) is not None):
        return None  # (| 2.0 | $\frac{e^{2.0}}{…}$ | 0.087492 |: the first cells may label the row)
    first, last = (_only_math(c) for c in cells[-2:])
    computed = _COMPUTED_CELL.match(first or "")
    if computed is None or re.search(r"[a-df-zA-Z]", re.sub(r"\\[A-Za-z]+|\b(?:exp|log|ln)\b", "", computed["right"])):
        return None
    if len(cells) > 2 and _NUMBER_CELL.match(computed["right"].strip().replace("−", "-")):
        return None  # | 0 | 1 | $0.5 \cdot 1 - 0.7 = -0.2$ | 0 |: the formula has its result; the last cell is another
    value = (last if last is not None else cells[-1].content).strip().replace("−", "-")
    if not _NUMBER_CELL.match(value):
        return None
    return f"{first} = {value}"


def _only_math(cell: MdToken) -> str | None:
    """The formula of a table cell that holds one inline formula and nothing else, or None."""
    children = [c for c in cell.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) == 1 and children[0].type in ("math_inline", "math_inline_double"):
        return children[0].content
    return None


def _without_tags(html: str) -> str:
    """``html`` with its tags taken out and each line unindented; the lines stay where they were."""
    text = _TAG.sub(lambda m: "\n" * m[0].count("\n"), html)
    return "\n".join(line.strip() for line in text.split("\n"))


_TAG = re.compile(r"<[^<>]*>")
_MATHJAX_SCRIPT = re.compile(
    r'<script\s+type="math/tex(?P<display>;\s*mode=display)?"\s*>(?P<tex>.*?)</script>', re.DOTALL | re.IGNORECASE
)


class _LineStarts:
    """Offsets of the starts of the lines of a text, to find a block markdown-it gave no lines for."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]

    def find(self, text: str, line: int) -> int:
        """The line on which ``text`` first occurs at or after ``line`` (``line`` when absent)."""
        offset = self.source.find(text, self.starts[min(line, len(self.starts)) - 1])
        return line if offset < 0 else bisect.bisect_right(self.starts, offset)


def notebook_formulas(source: str) -> tuple[list[Formula], list[Problem]]:
    """The formulas of the Markdown cells of a Jupyter notebook (``.ipynb``), with their cells.

    Raises:
        ValueError: when ``source`` is not a notebook.
    """
    import nbformat

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbformat warns about missing cell ids: not the reader's business
            notebook = nbformat.reads(source, as_version=4)
    except (json.JSONDecodeError, nbformat.reader.NotJSONError) as problem:
        raise ValueError(f"not a Jupyter notebook ({problem})") from None
    except Exception as problem:  # nbformat raises several validation errors of its own
        raise ValueError(f"not a Jupyter notebook ({type(problem).__name__})") from None
    formulas: list[Formula] = []
    problems: list[Problem] = []
    for number, notebook_cell in enumerate(notebook.cells, 1):
        if notebook_cell.get("cell_type") != "markdown":
            continue
        found, trouble = markdown_formulas(str(notebook_cell.get("source", "")), number)
        formulas.extend(found)
        problems.extend(trouble)
    return formulas, problems
