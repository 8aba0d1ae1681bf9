r"""A checked derivation as a LaTeX document; the index of all of them. Pure: no I/O.

Layout of one report: title; the source and the statement; one section per source
section, its calculation lines set as "lhs = formula = substitution = value" in an
``align*`` with each claim's mark (✓ ``\verified``, ✗ ``\failed``) and number as the tag;
a failed claim also gets a line with the exact value beside the printed one; last, a
summary table of every claim with its exact value and how it was judged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import sympy as sp

from symnn.exact import truncated
from symnn.report.printer import tex, tuple_form
from symnn.report.steps import Check, Code, Derivation, Display, Item, Prose, Step
from symnn.report.tex import TEX_MARKS, document, escape
from symnn.verify import ClaimResult

__all__ = ["CheckedDerivation", "exact_tex", "render_derivation", "render_index"]

#: Digits shown for the decimal expansion of an irrational exact value.
DIGITS = 15
#: Characters of LaTeX source above which a step is set one side per line.
LINE = 150
#: Characters of LaTeX source above which the summary table refers to the claim instead.
TABLE_CELL = 160


@dataclass(frozen=True)
class CheckedDerivation:
    """A derivation and the judgement of each of its claims, in reading order."""

    derivation: Derivation
    results: tuple[ClaimResult, ...]

    def count(self, status: str) -> int:
        """How many claims have ``status`` (``"verified"``, ``"failed"``, ``"unchecked"``)."""
        return sum(result.status == status for result in self.results)

    @property
    def ok(self) -> bool:
        """True when every claim is verified."""
        return all(result.ok for result in self.results)


def exact_tex(result: ClaimResult, table: bool = False) -> str:
    r"""symnn's exact value of a claim, as LaTeX (math mode, no delimiters); ``table``: for a narrow cell.

    Examples:
        >>> from symnn.verify import approx, check_claim
        >>> exact_tex(check_claim(approx("ex", "s", "8.246211...", sp.sqrt(68))))
        '2 \\sqrt{17} = 8.24621125123532\\ldots'
        >>> exact_tex(check_claim(approx("ex", "s", "1.414", sp.sqrt(2))))  # truncated, not rounded
        '\\sqrt{2} = 1.41421356237309\\ldots'
    """
    claim = result.claim
    value = claim.exact
    if claim.kind == "approx" and isinstance(value, sp.Expr) and not value.free_symbols:
        if value.is_Rational:
            return tex(value)
        return rf"{tex(value)} = {truncated(value, DIGITS)}\ldots"
    if claim.kind == "order":
        return rf"E({tex(claim.variable)}) = {tex(sp.expand(value))}"
    shown = tex(tuple_form(value))
    if table and len(shown) > 24 and isinstance(value, sp.MatrixBase):
        return tex(value)  # a long vector stacks better as a column in a narrow cell
    return shown


# ---------------------------------------------------------------- one report


def render_derivation(checked: CheckedDerivation) -> str:
    """The complete LaTeX document of one checked derivation."""
    derivation = checked.derivation
    numbered = _Numbering(checked.results)
    body = [_front_matter(checked)]
    for section in derivation.sections:
        body.append(rf"\section{{{escape(section.title)}}}")
        body.extend(_items(section.items, numbered))
    body.append(_summary(checked))
    return document(derivation.title, "\n\n".join(body))


class _Numbering:
    """Hands out the claims' results in reading order, numbered from 1."""

    def __init__(self, results: Sequence[ClaimResult]) -> None:
        self._results = iter(enumerate(results, start=1))

    def take(self, count: int) -> list[tuple[int, ClaimResult]]:
        return [next(self._results) for _ in range(count)]


def _plain(text: str) -> str:
    r"""Plain text for the body: escaped, with ``->``, ``<``, ``>`` that the default font lacks.

    Examples:
        >>> _plain("E/h^2 -> 1 < 2")
        'E/h\\textasciicircum{}2 $\\to$ 1 \\textless{} 2'
    """
    text = escape(text).replace("->", "\x00")
    text = text.replace("<", r"\textless{}").replace(">", r"\textgreater{}")
    return text.replace("\x00", r"$\to$")


def _front_matter(checked: CheckedDerivation) -> str:
    derivation = checked.derivation
    total = len(checked.results)
    tally = f"{total} claims: {checked.count('verified')} verified, {checked.count('failed')} failed"
    if checked.count("unchecked"):
        tally += f", {checked.count('unchecked')} unchecked"
    return "\n".join(
        [
            rf"\textbf{{Source.}} {escape(derivation.source)}\par",
            rf"\textbf{{Statement.}} {derivation.statement}\par",
            rf"\textbf{{Result.}} {escape(tally)}. Every value below is computed exactly by symnn; "
            r"\verified{} marks a claim of the source that symnn confirmed, \failed{} one it refuted, "
            r"with the exact value beside the printed one.\par",
        ]
    )


def _items(items: Sequence[Item], numbered: _Numbering) -> Iterator[str]:
    run: list[Step] = []
    for item in items:
        if isinstance(item, Step):
            run.append(item)
            continue
        if run:
            yield _steps(run, numbered)
            run = []
        yield _item(item, numbered)
    if run:
        yield _steps(run, numbered)


def _item(item: Item, numbered: _Numbering) -> str:
    if isinstance(item, Prose):
        return item.text
    if isinstance(item, Display):
        return rf"\[ {item.latex} \]"
    if isinstance(item, Code):
        return _code(item)
    assert isinstance(item, Check)
    ((number, result),) = numbered.take(1)
    shown = rf"\[ {item.shown} \]" if item.shown else ""
    line = (
        rf"{TEX_MARKS[result.status]}~\textbf{{({number})}} ${result.claim.statement}$"
        rf" --- {_plain(result.method)}: {_plain(result.reason)}.\par"
    )
    return "\n".join(part for part in (shown, line) if part)


def _steps(steps: Sequence[Step], numbered: _Numbering) -> str:
    rows: list[str] = []
    failures: list[str] = []
    for step in steps:
        results = numbered.take(len(step.claims))
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


def _failure(number: int, result: ClaimResult) -> str:
    printed = result.claim.claimed
    printed_tex = printed if isinstance(printed, str) else tex(tuple_form(printed))
    return (
        rf"{TEX_MARKS[result.status]}~\textbf{{({number})}} the source printed ${printed_tex}$; "
        rf"the exact value is ${exact_tex(result)}$ ({_plain(result.reason)}).\par"
    )


def _code(item: Code) -> str:
    return item.caption + "\n" + rf"\[ {item.latex} \]"


def _cell(math: str, number: int) -> str:
    """Math for a table cell, or a pointer to the claim where it is too long to fit."""
    return f"${math}$" if len(math) <= TABLE_CELL else rf"(long expression: see ({number}))"


def _summary(checked: CheckedDerivation) -> str:
    header = (
        r"\section*{Summary of claims}" + "\n"
        r"\begin{longtable}{@{}r>{\raggedright}p{3.4cm}>{\raggedright}p{4.6cm}>{\raggedright}p{4.4cm}c@{}}"
        "\n\\toprule\n"
        r"\# & Where & Claim as printed & Exact value (how judged) & \tabularnewline" + "\n\\midrule\n\\endhead\n"
    )
    rows = [
        rf"{number} & {_plain(result.claim.where)} & {_cell(result.claim.statement, number)} & "
        rf"{_cell(exact_tex(result, table=True), number)} ({_plain(result.method)}) & {TEX_MARKS[result.status]}"
        r" \tabularnewline"
        for number, result in enumerate(checked.results, start=1)
    ]
    footer = "\n\\bottomrule\n\\end{longtable}"
    return header + "\n".join(rows) + footer


# ---------------------------------------------------------------- the index


@dataclass(frozen=True)
class IndexRow:
    """One line of the index: a derivation, or one that could not be run."""

    name: str
    title: str
    source: str
    verified: int
    failed: int
    unchecked: int
    error: str = ""


def render_index(rows: Sequence[IndexRow]) -> str:
    """The index document: one row per derivation with its counts and a link to its PDF."""
    lines = [
        r"Each report below checks the worked examples of one source section exactly. "
        r"Reports are generated by \texttt{symnn report}; never edit them by hand.",
        r"\begin{longtable}{@{}>{\raggedright}p{5.6cm}>{\raggedright}p{6.2cm}rrc@{}}",
        r"\toprule",
        r"Report & Source & \verified & \failed & \tabularnewline",
        r"\midrule",
        r"\endhead",
    ]
    for row in rows:
        link = rf"\href{{{row.name}.pdf}}{{{escape(row.title)}}}\\\texttt{{{escape(row.name)}}}"
        if row.error:
            lines.append(rf"{link} & \textbf{{error:}} {escape(row.error)} & -- & -- & \failed \tabularnewline")
            continue
        mark = r"\verified" if row.failed == 0 and row.unchecked == 0 else r"\failed"
        lines.append(rf"{link} & {escape(row.source)} & {row.verified} & {row.failed} & {mark} \tabularnewline")
    verified = sum(row.verified for row in rows)
    failed = sum(row.failed for row in rows)
    lines += [
        r"\midrule",
        rf"\textbf{{Total}} ({len(rows)} reports) & & {verified} & {failed} & \tabularnewline",
        r"\bottomrule",
        r"\end{longtable}",
    ]
    return document("symnn: verified derivations", "\n".join(lines))
