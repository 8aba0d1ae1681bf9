r"""The one document model: what ``report``, ``derive``, ``check``, ``crosscheck`` and ``exercise`` build.

A document is a title, optional front matter, and sections of small frozen blocks. Builders
only *build*: a block that states something checkable holds :class:`symnn.verify.Claim`
records, never verdicts. :func:`judge` judges every claim afterwards, in reading order, and
each renderer (:mod:`symnn.document.latex`, ``markdown``, ``text``, ``html``) reads the
:class:`Judged` document. Text fields are *LaTeX text*: plain words, inline ``$...$`` math and
a few text commands (``\emph``, ``\textbf``, ``\texttt``, ``\_``, ``\%``, ``\&``, ``~``,
``--``); math fields are LaTeX math without delimiters.

Examples:
    >>> import sympy as sp
    >>> from symnn.verify import equal
    >>> doc = Document("Example", (Section("One", (Step("x", ("1 + 1", "2"), (equal("ex", "x = 2", 2, 1 + 1),)),)),))
    >>> judge(doc).results[0].status
    'verified'
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from symnn.verify import Claim, ClaimResult, check_claims

__all__ = [
    "Block",
    "Check",
    "Code",
    "Document",
    "Drawing",
    "Figure",
    "Items",
    "Judged",
    "Link",
    "Mark",
    "Math",
    "Note",
    "Prose",
    "Section",
    "Step",
    "Summary",
    "Table",
    "Tally",
    "identity_result",
    "judge",
    "worst",
]

Status = Literal["verified", "failed", "unchecked"]


@dataclass(frozen=True)
class Prose:
    r"""A paragraph of LaTeX text (inline ``$\nabla f$`` math allowed); ``mark``: a status mark before it."""

    text: str
    mark: str = ""


@dataclass(frozen=True)
class Math:
    """Displayed math: ``lines`` aligned at ``&`` (``aligned=True``), or one unaligned equation."""

    lines: tuple[str, ...]
    aligned: bool = True


@dataclass(frozen=True)
class Step:
    r"""One line "lhs = side = side = ..." and the claims it checks (handcalcs' formula = substitution = value).

    Attributes:
        lhs: the left-hand side, LaTeX math.
        sides: the right-hand sides in order (formula, substitution, value), LaTeX math.
        claims: the claims this line checks (each shown with a mark and a number).
        approx: LaTeX of a printed decimal shown after the value with ``\approx``, or "".
        relation: the first relation, ``"="`` or ``r"\approx"``.
    """

    lhs: str
    sides: tuple[str, ...]
    claims: tuple[Claim, ...] = ()
    approx: str = ""
    relation: str = "="


@dataclass(frozen=True)
class Check:
    """Claims checked without a calculation line.

    Two kinds, as a reader sees them:

    - a claim of the source (``how=""``): numbered, with its mark, method and reason
      (``shown``: optional LaTeX math displayed above it);
    - an identity the document itself states (``how`` given): one line "symnn checked
      ``statement``: how", its mark the worst of its ``claims``.

    Attributes:
        claims: one claim (a claim of the source), or the claims an identity stands for.
        shown: LaTeX math displayed with a claim of the source, or "".
        statement: the identity as LaTeX math ("" for a claim of the source: its own statement).
        how: how the identity was checked, plain words.
    """

    claims: tuple[Claim, ...]
    shown: str = ""
    statement: str = ""
    how: str = ""

    @property
    def numbered(self) -> bool:
        """True for a claim of the source (numbered in reading order), False for a stated identity."""
        return not self.how


@dataclass(frozen=True)
class Code:
    """A Python function shown as LaTeX (latexify-py), with a caption (LaTeX text)."""

    latex: str
    caption: str
    algorithmic: bool = False


@dataclass(frozen=True)
class Mark:
    """A status mark (✓ ✗ ?) standing alone, e.g. as a table cell."""

    status: str


@dataclass(frozen=True)
class Link:
    """A link to another document of the same set by its file stem (``name.pdf`` in LaTeX, ``name.html`` in HTML).

    Attributes:
        stem: the target's file name without suffix.
        text: the link text, LaTeX text.
        below: a second line under the link, shown as code (plain text), or "".
    """

    stem: str
    text: str
    below: str = ""


Cell = str | Mark | Link


@dataclass(frozen=True)
class Table:
    """A table; cells are LaTeX text with inline math, a :class:`Mark` or a :class:`Link`.

    Attributes:
        header: the column heads.
        rows: the body rows.
        columns: a LaTeX ``longtable`` column spec (a wide table with wrapped cells), or "" for
            one left-aligned column per head.
        footer: rows after a rule (totals).
    """

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    columns: str = ""
    footer: tuple[tuple[Cell, ...], ...] = ()


@dataclass(frozen=True)
class Drawing:
    """A TikZ picture (LaTeX and PDF only), the description other formats show instead, and a caption.

    Attributes:
        tikz: the picture, LaTeX (written as is, the caption right after it).
        description: what the picture shows, LaTeX text, for formats without TikZ.
        caption: LaTeX text under the picture in every format.
    """

    tikz: str
    description: str
    caption: str = ""


@dataclass(frozen=True)
class Figure:
    r"""An image file (PNG for HTML, PDF or PNG for LaTeX) and its caption (LaTeX text).

    Attributes:
        path: the image as LaTeX includes it (relative to the document), e.g. ``train/cost.pdf``.
        caption: LaTeX text under the image.
        missing: LaTeX text shown when the file does not exist (LaTeX's ``\IfFileExists``).
        width: the width as a fraction of the text width.
        raster: the PNG beside it for HTML (default: ``path`` with suffix ``.png``).
    """

    path: str
    caption: str
    missing: str = ""
    width: float = 0.62
    raster: str = ""


@dataclass(frozen=True)
class Note:
    """What the document left out, and what it shows instead (LaTeX text)."""

    text: str


@dataclass(frozen=True)
class Items:
    """A bulleted list of LaTeX text items."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Tally:
    """The count of verified, failed and unchecked, from the judgement; ``lead``, ``tail``: LaTeX text around it.

    ``counting="claims"`` counts every claim (``12 claims: 11 verified, 1 failed``); ``"identities"``
    counts each stated identity once (``5 verified, 0 failed, 0 undecided``).
    """

    lead: str = ""
    tail: str = ""
    counting: Literal["claims", "identities"] = "claims"


@dataclass(frozen=True)
class Summary:
    """The table of every numbered claim: where, as printed, exact value (how judged), mark."""

    title: str = "Summary of claims"


Block = Prose | Math | Step | Check | Code | Table | Drawing | Figure | Note | Items | Tally | Summary

BLOCK_TYPES: tuple[type, ...] = (Prose, Math, Step, Check, Code, Table, Drawing, Figure, Note, Items, Tally, Summary)


@dataclass(frozen=True)
class Section:
    """A titled run of blocks; ``numbered``: LaTeX numbers it (``\\section``), else ``\\section*``."""

    title: str
    blocks: tuple[Block, ...]
    numbered: bool = True

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim in the section, in reading order."""
        return tuple(claim for block in self.blocks for claim in block_claims(block))

    @property
    def items(self) -> tuple[Block, ...]:
        """The blocks (the name the report's derivation modules use)."""
        return self.blocks


def block_claims(block: Block) -> tuple[Claim, ...]:
    """The claims a block checks (none for most blocks)."""
    if isinstance(block, (Step, Check)):
        return block.claims
    return ()


@dataclass(frozen=True)
class Document:
    """A whole document.

    Attributes:
        title: plain text.
        sections: in order.
        front: blocks before the first section (source, statement, tally).
        back: blocks after the last section (the summary of claims).
        base: the folder figures are relative to (the output's folder by default).
    """

    title: str
    sections: tuple[Section, ...]
    front: tuple[Block, ...] = ()
    back: tuple[Block, ...] = ()
    base: Path | None = None

    @property
    def blocks(self) -> Iterator[Block]:
        """Every block, front matter first, back matter (a :class:`Summary`) last, in reading order."""
        yield from self.front
        for section in self.sections:
            yield from section.blocks
        yield from self.back

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim, in reading order."""
        return tuple(claim for block in self.blocks for claim in block_claims(block))


@dataclass(frozen=True)
class Judged:
    """A document and the judgement of each of its claims, in reading order (``document.claims``)."""

    document: Document
    results: tuple[ClaimResult, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if len(self.results) != len(self.document.claims):
            raise ValueError(f"{len(self.results)} results for {len(self.document.claims)} claims")

    def count(self, status: str) -> int:
        """How many claims have ``status`` (``"verified"``, ``"failed"``, ``"unchecked"``)."""
        return sum(result.status == status for result in self.results)

    @property
    def ok(self) -> bool:
        """True when no claim failed or stayed unchecked."""
        return all(result.ok for result in self.results)

    def per_block(self) -> Iterator[tuple[Block, tuple[ClaimResult, ...]]]:
        """Each block with the results of its claims."""
        results = iter(self.results)
        for block in self.document.blocks:
            yield block, tuple(next(results) for _ in block_claims(block))


def judge(document: Document, results: Sequence[ClaimResult] | None = None) -> Judged:
    """Judge every claim of ``document`` with :func:`symnn.verify.check_claims` (or take ``results``)."""
    if results is None:
        results = check_claims(document.claims)
    return Judged(document, tuple(results))


def worst(results: Sequence[ClaimResult]) -> ClaimResult | None:
    """The first result that is not verified, else the first; None for no results."""
    return next((r for r in results if r.status != "verified"), results[0] if results else None)


def identity_result(results: Sequence[ClaimResult]) -> ClaimResult:
    """One verdict for an identity that stands for several claims: the worst, its reason counted.

    Raises:
        ValueError: for an identity without claims.
    """
    first = worst(results)
    if first is None:
        raise ValueError("an identity check needs at least one claim")
    if len(results) == 1:
        return first
    return ClaimResult(first.claim, first.status, first.method, f"{len(results)} values: {first.reason}")
