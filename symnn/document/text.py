r"""The plain-text renderer: what a terminal shows; math as its LaTeX, marks ✓ ✗ ?, one table writer. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from symnn.document.latex import TEXT_MARKS, tally_text
from symnn.document.markup import plain_text
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

__all__ = ["columns", "render_text"]


def columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows as aligned plain-text columns (the one plain-text table writer).

    Examples:
        >>> print(columns(["name", "n"], [["a", "1"], ["bbb", "22"]]))
        name  n
        a     1
        bbb   22
    """
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in [header, *rows]]
    return "\n".join(lines)


def _cell(value: Cell) -> str:
    if isinstance(value, Mark):
        return TEXT_MARKS[value.status]
    if isinstance(value, Link):
        return plain_text(value.text) + (f" ({value.below})" if value.below else "")
    return plain_text(value)


def render_text(judged: Judged) -> str:
    """The plain text of ``judged``."""
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
        parts = [doc.title, "=" * len(doc.title)]
        parts += [self._block(*next(pairs)) for _ in doc.front]
        for number, section in enumerate(doc.sections, start=1):
            title = plain_text(section.title)
            heading = f"{number}. {title}" if section.numbered else title
            parts += ["", heading, "-" * len(heading)]
            parts += [self._block(*next(pairs)) for _ in section.blocks]
        parts += [self._block(*pair) for pair in pairs]
        return "\n".join(part for part in parts if part is not None).rstrip() + "\n"

    def _block(self, block: Block, results: tuple[ClaimResult, ...]) -> str:
        if isinstance(block, Prose):
            return (TEXT_MARKS[block.mark] + " " if block.mark else "") + plain_text(block.text)
        if isinstance(block, Math):
            return "\n".join("    " + line.replace("&", "") for line in block.lines)
        if isinstance(block, Step):
            results_n = self._number(results)
            sides = list(block.sides) + ([rf"\approx {block.approx}"] if block.approx else [])
            relations = [block.relation] + ["="] * (len(block.sides) - 1) + ([""] if block.approx else [])
            line = block.lhs + " " + " ".join(f"{r} {s}".strip() for r, s in zip(relations, sides, strict=True))
            tag = " ".join(f"{TEXT_MARKS[r.status]} ({n})" for n, r in results_n)
            lines = [f"    {line}" + (f"    {tag}" if tag else "")]
            lines += [
                f"  {TEXT_MARKS[r.status]} ({n}) the source printed {printed_latex(r)}; the exact value is "
                f"{exact_latex(r)} ({r.reason})"
                for n, r in results_n
                if not r.ok
            ]
            return "\n".join(lines)
        if isinstance(block, Check):
            if not block.numbered:
                result = identity_result(results)
                line = f"{TEXT_MARKS[result.status]} symnn checked {block.statement}: {block.how}"
                return line + (f" — {result.status.upper()}: {result.reason}" if result.status != "verified" else "")
            lines = [f"    {block.shown}"] if block.shown else []
            lines += [
                f"{TEXT_MARKS[r.status]} ({n}) {r.claim.statement} — {r.method}: {r.reason}"
                for n, r in self._number(results)
            ]
            return "\n".join(lines)
        if isinstance(block, Code):
            return plain_text(block.caption) + "\n    " + block.latex
        if isinstance(block, Table):
            rows = [[_cell(c) for c in row] for row in (*block.rows, *block.footer)]
            return columns([_cell(c) for c in block.header], rows)
        if isinstance(block, Drawing):
            return plain_text(block.description + " " + block.caption)
        if isinstance(block, Figure):
            return f"[figure {block.path}] {plain_text(block.caption)}"
        if isinstance(block, Note):
            return f"Left out: {plain_text(block.text)}"
        if isinstance(block, Items):
            return "\n".join(f"- {plain_text(item)}" for item in block.items)
        if isinstance(block, Tally):
            lead, tail = plain_text(block.lead, strip=False), plain_text(block.tail, strip=False)
            return lead + tally_text(self.judged, block.counting) + tail
        assert isinstance(block, Summary)
        rows = [
            [str(n), r.claim.where, r.claim.statement, f"{r.exact_text} ({r.method})", TEXT_MARKS[r.status]]
            for n, r in self.numbered
        ]
        return "\n" + block.title + "\n" + columns(["#", "where", "claim", "exact (how judged)", ""], rows)
