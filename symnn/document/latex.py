r"""The LaTeX renderer of the document model: one preamble, one escaper, one table writer.

:func:`render_latex` writes a :class:`~symnn.document.model.Judged` document as a complete
LaTeX document. Calculation steps in a row are set as one ``align*``, each claim's mark
(✓ ``\verified``, ✗ ``\failed``, ? ``\unchecked``) and number as its tag, and a failed claim
gets a line with the exact value beside the printed one. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from symnn.document.model import (
    Block,
    Cell,
    Check,
    Code,
    Drawing,
    Figure,
    Items,
    Judged,
    Link,
    Mark,
    Math,
    Note,
    Prose,
    Step,
    Summary,
    Table,
    Tally,
    identity_result,
)
from symnn.document.values import exact_latex, printed_latex
from symnn.verify import ClaimResult

__all__ = ["PREAMBLE", "TEXT_MARKS", "TEX_MARKS", "document", "escape", "plain", "render_latex"]

PREAMBLE = r"""\documentclass[11pt]{article}
\ifdefined\pdftrailerid \pdftrailerid{} \fi
\ifdefined\pdfsuppressptexinfo \pdfsuppressptexinfo=-1 \fi
\usepackage[utf8]{inputenc}
\usepackage[margin=2.2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{booktabs,longtable,array}
\usepackage{xcolor}
\usepackage{graphicx}
\usepackage{tikz}
\usepackage[hidelinks]{hyperref}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5em}
\allowdisplaybreaks
\newcommand{\verified}{\textcolor{green!50!black}{$\checkmark$}}
\newcommand{\failed}{\textcolor{red!70!black}{$\times$}}
\newcommand{\unchecked}{\textcolor{gray}{?}}
"""

#: A claim's status as the preamble's mark macro, and as a plain-text mark.
TEX_MARKS = {"verified": r"\verified", "failed": r"\failed", "unchecked": r"\unchecked"}
TEXT_MARKS = {"verified": "✓", "failed": "✗", "unchecked": "?"}

#: Characters of LaTeX source above which a step is set one side per line.
LINE = 150
#: Characters of LaTeX source above which the summary table refers to the claim instead.
TABLE_CELL = 160

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def escape(text: str) -> str:
    r"""Escape plain text for LaTeX (not for math): the one escaper.

    Examples:
        >>> escape("50% of x_1 & y")
        '50\\% of x\\_1 \\& y'
    """
    return "".join(_SPECIAL.get(ch, ch) for ch in text)


def plain(text: str) -> str:
    r"""Plain text for the body: escaped, with ``->``, ``<``, ``>`` that the default font lacks.

    Examples:
        >>> plain("E/h^2 -> 1 < 2")
        'E/h\\textasciicircum{}2 $\\to$ 1 \\textless{} 2'
    """
    text = escape(text).replace("->", "\x00")
    text = text.replace("<", r"\textless{}").replace(">", r"\textgreater{}")
    return text.replace("\x00", r"$\to$")


def document(title: str, body: str, preamble_extra: str = "") -> str:
    """A complete LaTeX document: the shared preamble, a title (plain text), the body."""
    return (
        PREAMBLE
        + preamble_extra
        + "\\title{"
        + escape(title)
        + "}\n\\date{}\n\\begin{document}\n\\maketitle\n"
        + body.rstrip()
        + "\n\\end{document}\n"
    )


# ---------------------------------------------------------------- the document


def render_latex(judged: Judged) -> str:
    """The complete LaTeX document of ``judged``."""
    writer = _Writer(judged)
    return document(judged.document.title, writer.body())


class _Writer:
    """Walks the judged document, numbering the claims of the source from 1 in reading order."""

    def __init__(self, judged: Judged) -> None:
        self.judged = judged
        self.numbered: list[tuple[int, ClaimResult]] = []

    def _number(self, results: Sequence[ClaimResult]) -> list[tuple[int, ClaimResult]]:
        start = len(self.numbered) + 1
        taken = list(enumerate(results, start=start))
        self.numbered.extend(taken)
        return taken

    def body(self) -> str:
        pairs = list(self.judged.per_block())
        front = pairs[: len(self.judged.document.front)]
        rest = iter(pairs[len(front) :])
        parts: list[str] = []
        if front:
            parts.append("\n".join(self._blocks(front)))
        for section in self.judged.document.sections:
            star = "" if section.numbered else "*"
            parts.append(rf"\section{star}{{{section.title}}}")
            parts.extend(self._blocks([next(rest) for _ in section.blocks]))
        parts.extend(self._blocks(list(rest)))
        return "\n\n".join(parts)

    def _blocks(self, pairs: Sequence[tuple[Block, tuple[ClaimResult, ...]]]) -> Iterator[str]:
        run: list[tuple[Step, tuple[ClaimResult, ...]]] = []
        for block, results in pairs:
            if isinstance(block, Step):
                run.append((block, results))
                continue
            if run:
                yield self._steps(run)
                run = []
            yield self._block(block, results)
        if run:
            yield self._steps(run)

    def _block(self, block: Block, results: tuple[ClaimResult, ...]) -> str:
        if isinstance(block, Prose):
            return rf"{TEX_MARKS[block.mark]}\ {block.text}" if block.mark else block.text
        if isinstance(block, Math):
            if not block.aligned:
                return rf"\[ {block.lines[0]} \]"
            return "\\begin{align*}\n" + " \\\\\n".join(block.lines) + "\n\\end{align*}"
        if isinstance(block, Check):
            return self._check(block, results)
        if isinstance(block, Code):
            return block.caption + "\n" + rf"\[ {block.latex} \]"
        if isinstance(block, Table):
            return table(block)
        if isinstance(block, Drawing):
            return block.tikz + block.caption
        if isinstance(block, Figure):
            return _figure(block)
        if isinstance(block, Note):
            return rf"\textit{{Left out:}} {block.text}"
        if isinstance(block, Items):
            return "\\begin{itemize}\n" + "\n".join(rf"\item {item}" for item in block.items) + "\n\\end{itemize}"
        if isinstance(block, Tally):
            return block.lead + escape(tally_text(self.judged, block.counting)) + block.tail
        assert isinstance(block, Summary)
        return _summary(block, self.numbered)

    def _check(self, block: Check, results: tuple[ClaimResult, ...]) -> str:
        if not block.numbered:
            result = identity_result(results)
            line = rf"{{\small {TEX_MARKS[result.status]}\ symnn checked ${block.statement}$: {escape(block.how)}"
            if result.status != "verified":
                line += rf" --- {result.status.upper()}: {escape(result.reason)}"
            return line + ".}"
        lines = [rf"\[ {block.shown} \]"] if block.shown else []
        for number, result in self._number(results):
            lines.append(
                rf"{TEX_MARKS[result.status]}~\textbf{{({number})}} ${result.claim.statement}$"
                rf" --- {plain(result.method)}: {plain(result.reason)}.\par"
            )
        return "\n".join(lines)

    def _steps(self, steps: Sequence[tuple[Step, tuple[ClaimResult, ...]]]) -> str:
        rows: list[str] = []
        failures: list[str] = []
        for step, step_results in steps:
            results = self._number(step_results)
            tag = r"\;".join(rf"{TEX_MARKS[result.status]}~({number})" for number, result in results)
            ending = rf" \tag*{{{tag}}}" if tag else r" \notag"
            sides = list(step.sides)
            if step.approx:
                sides[-1] += rf" \approx {step.approx}"
            relations = [step.relation] + ["="] * (len(sides) - 1)
            if len(step.lhs) + sum(len(side) for side in sides) <= LINE:
                right = " ".join(f"{relation} {side}" for relation, side in zip(relations, sides, strict=True))
                rows.append(rf"{step.lhs} &{right}{ending}")
            else:  # one side per line, the claim's mark on the last
                lines = [f"&{relation} {side}" for relation, side in zip(relations, sides, strict=True)]
                rows.append(step.lhs + (r" \notag \\" + "\n").join(lines) + ending)
            failures.extend(_failure(number, result) for number, result in results if not result.ok)
        block = "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"
        return "\n".join([block, *failures])


def tally_text(judged: Judged, counting: str = "claims") -> str:
    """``"12 claims: 11 verified, 1 failed"`` (and unchecked, when any), plain text.

    With ``counting="identities"``: ``"5 verified, 0 failed, 0 undecided"``, each stated identity counted once.
    """
    if counting == "identities":
        statuses = [identity_result(r).status for b, r in judged.per_block() if isinstance(b, Check) and not b.numbered]
        v, f, u = (statuses.count(s) for s in ("verified", "failed", "unchecked"))
        return f"{v} verified, {f} failed, {u} undecided"
    total = len(judged.results)
    text = f"{total} claims: {judged.count('verified')} verified, {judged.count('failed')} failed"
    if judged.count("unchecked"):
        text += f", {judged.count('unchecked')} unchecked"
    return text


def _failure(number: int, result: ClaimResult) -> str:
    return (
        rf"{TEX_MARKS[result.status]}~\textbf{{({number})}} the source printed ${printed_latex(result)}$; "
        rf"the exact value is ${exact_latex(result)}$ ({plain(result.reason)}).\par"
    )


def _figure(figure: Figure) -> str:
    include = (
        rf"\begin{{center}}\includegraphics[width={figure.width:g}\textwidth]{{{figure.path}}}\\ "
        rf"{figure.caption}\end{{center}}"
    )
    return rf"\IfFileExists{{{figure.path}}}{{{include}}}{{{figure.missing}}}" if figure.missing else include


def _cell_math(math: str, number: int) -> str:
    """Math for a table cell, or a pointer to the claim where it is too long to fit."""
    return f"${math}$" if len(math) <= TABLE_CELL else rf"(long expression: see ({number}))"


def _summary(block: Summary, numbered: Sequence[tuple[int, ClaimResult]]) -> str:
    header = (
        rf"\section*{{{block.title}}}" + "\n"
        r"\begin{longtable}{@{}r>{\raggedright}p{3.4cm}>{\raggedright}p{4.6cm}>{\raggedright}p{4.4cm}c@{}}"
        "\n\\toprule\n"
        r"\# & Where & Claim as printed & Exact value (how judged) & \tabularnewline" + "\n\\midrule\n\\endhead\n"
    )
    rows = [
        rf"{number} & {plain(result.claim.where)} & {_cell_math(result.claim.statement, number)} & "
        rf"{_cell_math(exact_latex(result, table=True), number)} ({plain(result.method)}) & {TEX_MARKS[result.status]}"
        r" \tabularnewline"
        for number, result in numbered
    ]
    footer = "\n\\bottomrule\n\\end{longtable}"
    return header + "\n".join(rows) + footer


# ---------------------------------------------------------------- the one table writer


def cell(value: Cell) -> str:
    r"""One table cell as LaTeX: text as is, a mark as its macro, a link as ``\href`` to the PDF."""
    if isinstance(value, Mark):
        return TEX_MARKS[value.status]
    if isinstance(value, Link):
        below = rf"\\\texttt{{{escape(value.below)}}}" if value.below else ""
        return rf"\href{{{value.stem}.pdf}}{{{value.text}}}{below}"
    return value


def table(block: Table) -> str:
    """A table as a ``longtable``: wrapped cells when ``columns`` is given, else one ``l`` column per head."""

    def row(cells: Sequence[Cell], end: str, compact: bool = False) -> str:
        texts = [cell(c) for c in cells]
        if not compact:
            return " & ".join(texts) + end
        # ``a & & b &``: an empty cell adds no space (the committed index's spelling).
        return texts[0] + "".join(f" & {t}" if t else " &" for t in texts[1:]) + end

    if block.columns:
        end = r" \tabularnewline"
        lines = [rf"\begin{{longtable}}{{{block.columns}}}", r"\toprule", row(block.header, end, True)]
        lines += [r"\midrule", r"\endhead"]
        lines += [row(r, end, True) for r in block.rows]
        if block.footer:
            lines += [r"\midrule", *(row(r, end, True) for r in block.footer)]
        lines += [r"\bottomrule", r"\end{longtable}"]
        return "\n".join(lines)
    spec = "l" * len(block.header)
    body = [row(r, r" \\") for r in block.rows]
    if block.footer:
        body += [r"\midrule", *(row(r, r" \\") for r in block.footer)]
    return (
        r"{\renewcommand{\arraystretch}{1.5}"
        + "\n"
        + rf"\begin{{longtable}}{{{spec}}}"
        + "\n\\toprule\n"
        + row(block.header, r" \\")
        + "\n\\midrule\n"
        + "\n".join(body)
        + "\n\\bottomrule\n\\end{longtable}}"
    )
