r"""The Markdown renderer: headings, ``$...$`` and ``$$...$$`` math, pipe tables, ✓ ✗ ? marks. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from symnn.document.latex import TEXT_MARKS, tally_text
from symnn.document.markup import Node, parse
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

__all__ = ["render_markdown", "text"]


def _nodes(nodes: Sequence[Node]) -> str:
    out: list[str] = []
    for node in nodes:
        kind = node[0]
        if kind == "text":
            out.append(node[1])
        elif kind == "math":
            out.append(f"${node[1]}$")
        elif kind == "display":
            out.append(f"\n$$\n{node[1]}\n$$\n")
        elif kind == "emph":
            out.append(f"*{_nodes(node[1])}*")
        elif kind == "bold":
            out.append(f"**{_nodes(node[1])}**")
        elif kind == "code":
            out.append(f"`{_nodes(node[1])}`")
        elif kind == "mark":
            out.append(TEXT_MARKS[node[1]])
        elif kind == "list":
            out.append("\n" + "\n".join(f"- {_nodes(item)}" for item in node[1]) + "\n")
        elif kind == "break":
            out.append("\n")
    return "".join(out)


def text(latex_text: str, strip: bool = True) -> str:
    r"""LaTeX text as Markdown (math kept between ``$``).

    Examples:
        >>> text(r"\emph{any} $\sigma$, \texttt{symnn.prove\_backprop}")
        '*any* $\\sigma$, `symnn.prove_backprop`'
    """
    converted = _nodes(parse(latex_text))
    return converted.strip() if strip else converted


def _display(latex: str) -> str:
    return f"$$\n{latex}\n$$"


def render_markdown(judged: Judged) -> str:
    """The Markdown of ``judged``."""
    return _Writer(judged).page()


class _Writer:
    def __init__(self, judged: Judged) -> None:
        self.judged = judged
        self.numbered: list[tuple[int, ClaimResult]] = []

    def _number(self, results: Sequence[ClaimResult]) -> list[tuple[int, ClaimResult]]:
        taken = list(enumerate(results, start=len(self.numbered) + 1))
        self.numbered.extend(taken)
        return taken

    def page(self) -> str:
        doc = self.judged.document
        pairs = iter(self.judged.per_block())
        parts = [f"# {doc.title}\n"]
        parts += [self._block(*next(pairs)) + "\n" for _ in doc.front]
        for number, section in enumerate(doc.sections, start=1):
            title = text(section.title)
            heading = f"## {number}. {title}" if section.numbered else f"## {title}"
            blocks = [heading] + [self._block(*next(pairs)) for _ in section.blocks]
            parts.append("\n\n".join(blocks) + "\n")
        parts += [self._block(*pair) + "\n" for pair in pairs]
        return "\n".join(parts).rstrip() + "\n"

    def _block(self, block: Block, results: tuple[ClaimResult, ...]) -> str:
        if isinstance(block, Prose):
            return (TEXT_MARKS[block.mark] + " " if block.mark else "") + text(block.text)
        if isinstance(block, Math):
            if not block.aligned:
                return _display(block.lines[0])
            return "$$\n\\begin{aligned}\n" + " \\\\\n".join(block.lines) + "\n\\end{aligned}\n$$"
        if isinstance(block, Step):
            return self._step(block, results)
        if isinstance(block, Check):
            return self._check(block, results)
        if isinstance(block, Code):
            return text(block.caption) + "\n\n" + _display(block.latex)
        if isinstance(block, Table):
            return table(block)
        if isinstance(block, Drawing):
            return " ".join(part for part in (text(block.description), text(block.caption)) if part)
        if isinstance(block, Figure):
            raster = block.raster or block.path.rsplit(".", 1)[0] + ".png"
            return f"![{text(block.caption)}]({raster})"
        if isinstance(block, Note):
            return f"*Left out:* {text(block.text)}"
        if isinstance(block, Items):
            return "\n".join(f"- {text(item)}" for item in block.items)
        if isinstance(block, Tally):
            return text(block.lead, False) + tally_text(self.judged, block.counting) + text(block.tail, False)
        assert isinstance(block, Summary)
        return self._summary(block)

    def _step(self, step: Step, step_results: tuple[ClaimResult, ...]) -> str:
        results = self._number(step_results)
        sides = list(step.sides)
        if step.approx:
            sides[-1] += rf" \approx {step.approx}"
        relations = [step.relation] + ["="] * (len(sides) - 1)
        latex = step.lhs + " " + " ".join(f"{r} {s}" for r, s in zip(relations, sides, strict=True))
        tag = " ".join(f"{TEXT_MARKS[r.status]} ({n})" for n, r in results)
        lines = [_display(latex) + (f"\n\n{tag}" if tag else "")]
        for number, result in results:
            if not result.ok:
                lines.append(
                    f"{TEXT_MARKS[result.status]} **({number})** the source printed ${printed_latex(result)}$; "
                    f"the exact value is ${exact_latex(result)}$ ({result.reason})."
                )
        return "\n\n".join(lines)

    def _check(self, block: Check, results: tuple[ClaimResult, ...]) -> str:
        if not block.numbered:
            result = identity_result(results)
            line = f"{TEXT_MARKS[result.status]} symnn checked ${block.statement}$: {block.how}"
            if result.status != "verified":
                line += f" — {result.status.upper()}: {result.reason}"
            return line + "."
        lines = [_display(block.shown)] if block.shown else []
        for number, result in self._number(results):
            lines.append(
                f"{TEXT_MARKS[result.status]} **({number})** ${result.claim.statement}$ — "
                f"{result.method}: {result.reason}."
            )
        return "\n\n".join(lines)

    def _summary(self, block: Summary) -> str:
        lines = [
            f"## {block.title}",
            "",
            "| # | Where | Claim as printed | Exact value (how judged) | |",
            "|---|---|---|---|---|",
        ]
        for number, result in self.numbered:
            lines.append(
                f"| {number} | {_pipe(result.claim.where)} | ${_pipe(result.claim.statement)}$ | "
                f"${_pipe(exact_latex(result, table=True))}$ ({_pipe(result.method)}) | {TEXT_MARKS[result.status]} |"
            )
        return "\n".join(lines)


def _pipe(cell: str) -> str:
    return cell.replace("|", r"\|").replace("\n", " ")


def cell(value: Cell) -> str:
    """One table cell as Markdown."""
    if isinstance(value, Mark):
        return TEXT_MARKS[value.status]
    if isinstance(value, Link):
        return f"[{text(value.text)}]({value.stem}.md)" + (f" `{value.below}`" if value.below else "")
    return _pipe(text(value))


def table(block: Table) -> str:
    """A pipe table; footer rows follow the body."""
    lines = ["| " + " | ".join(cell(c) for c in block.header) + " |", "|" + "---|" * len(block.header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in (*block.rows, *block.footer)]
    return "\n".join(lines)
