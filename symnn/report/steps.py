r"""What a derivation is made of: prose, calculation steps, checks, code, sections.

A derivation module in ``derivations/`` builds its content from these small frozen records
with the builders below, blocks of :mod:`symnn.document.model`; nothing here prints or judges (see
:mod:`symnn.report.render` and :mod:`symnn.verify`). A calculation step is one handcalcs-style line

.. math:: \text{lhs} = \text{formula} = \text{substitution} = \text{value}

whose value symnn computes exactly, with the claims it checks attached.

Examples:
    >>> import sympy as sp
    >>> x = sp.Symbol("x")
    >>> s = calculate(r"f'(3)", 2 * x, {x: 3}, printed=6, where="notes, 1-D example")
    >>> s.sides, s.claims[0].claimed
    (('2 x', '2 \\cdot 3', '6'), 6)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

import latexify
import sympy as sp

from symnn.document.latex import escape
from symnn.document.model import BLOCK_TYPES, Block, Check, Code, Drawing, Figure, Math, Prose, Section, Step
from symnn.errors import SymnnError
from symnn.exact import exact
from symnn.latex import latex as tex
from symnn.latex import latex_substituted as tex_substituted
from symnn.latex import tuple_form
from symnn.verify import Claim, approx, equal

__all__ = [
    "Check",
    "Code",
    "Derivation",
    "Display",
    "Item",
    "Prose",
    "Section",
    "Step",
    "calculate",
    "check",
    "code",
    "display",
    "drawing",
    "equation",
    "exact_value",
    "figure",
    "prose",
    "section",
    "show",
]

#: The blocks of :mod:`symnn.document.model` under the names derivation modules know.
Item = Block


def Display(latex: str) -> Math:  # the record's old name, kept as its constructor
    """A displayed equation with no claim: an unaligned :class:`~symnn.document.model.Math` (see :func:`display`)."""
    return Math((latex,), aligned=False)


@dataclass(frozen=True)
class Derivation:
    """One derivation module's content.

    Attributes:
        name: the module name (``notes_example_a``), used for file names and on the CLI.
        title: the document title, plain text.
        source: where it comes from (file and section), plain text.
        statement: the problem as the source states it, LaTeX.
        sections: the sections (:class:`symnn.document.model.Section`), in order.
    """

    name: str
    title: str
    source: str
    statement: str
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim of the derivation, in reading order."""
        return tuple(claim for section in self.sections for claim in section.claims)


# ---------------------------------------------------------------- builders


def _side(side: Any, **settings: Any) -> str:
    """A side given as a string is LaTeX already; anything else is printed."""
    return side if isinstance(side, str) else tex(tuple_form(side), **settings)


def exact_value(expr: Any, values: Mapping[sp.Symbol, Any] | None = None) -> Any:
    """``expr`` evaluated exactly at ``values``: unevaluated parts done, radicals simplified.

    Examples:
        >>> x = sp.Symbol("x")
        >>> exact_value(sp.sqrt(x**2 + 64), {x: 2})
        2*sqrt(17)
    """
    value = sp.sympify(expr)
    if values:
        value = value.xreplace({k: sp.sympify(v) for k, v in values.items()})
    value = value.doit()
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value.applyfunc(_tidy))
    return _tidy(value)


def _tidy(value: sp.Expr) -> sp.Expr:
    """A constant simplified (radicals, exp); a rational or an expression in symbols kept as is."""
    if value.is_Rational or value.free_symbols:
        return value
    return sp.simplify(value)


def calculate(
    lhs: str,
    formula: Any,
    values: Mapping[sp.Symbol, Any] | None = None,
    *,
    printed: Any = None,
    approximately: str | None = None,
    where: str = "",
    statement: str = "",
    substitution: str | None = None,
    relation: str = "=",
    keep_order: bool = False,
) -> Step:
    r"""A step "lhs = formula = substitution = value", the value computed exactly from the formula.

    Args:
        lhs: the left-hand side, LaTeX (``r"f(1.01, 1.005)"``).
        formula: the formula as SymPy, in the shape the book writes it (use
            ``evaluate=False`` to keep ``2(x - 3)`` from expanding).
        values: symbol -> exact value; gives the substitution line. None: no substitution.
        printed: the value the book printed (exact: int, ``"0.06"``, a list for a vector);
            adds an ``equal`` claim.
        approximately: a decimal the book printed after ``\approx`` (``"8.246211..."``);
            adds an ``approx`` claim judged to the printed precision.
        where: the place in the source, for the claims.
        statement: the claim as printed, LaTeX; default ``lhs = printed``.
        substitution: LaTeX for the substitution line instead of the printed formula tree.
        relation: the first relation, ``"="`` or ``r"\approx"`` (lhs is predicted by the formula).
        keep_order: print the terms of an ``evaluate=False`` formula in the order given.

    Returns:
        The :class:`Step`.
    """
    value = exact_value(formula, values)
    order = {"order": "none"} if keep_order else {}
    sides = [_side(formula, **order)]
    if substitution is not None:
        sides.append(substitution)
    elif values:
        sides.append(tex_substituted(tuple_form(formula), dict(values), **order))
    return equation(
        lhs,
        *sides,
        value=value,
        printed=printed,
        approximately=approximately,
        where=where,
        statement=statement,
        relation=relation,
    )


def equation(
    lhs: str,
    *sides: Any,
    value: Any,
    printed: Any = None,
    approximately: str | None = None,
    where: str = "",
    statement: str = "",
    relation: str = "=",
) -> Step:
    r"""A step "lhs = sides... = value" whose exact ``value`` the caller computed with the core.

    Use it when the formula and substitution are best written by hand (vectors,
    updates), and the value comes from :mod:`symnn.calculus` or a network. Column
    vectors print as tuples (2, 8), as the notes write them. Claims as in :func:`calculate`.
    """
    if (printed is not None or approximately is not None) and not where:
        raise SymnnError(f"the claim on {lhs!r} needs a place in the source (where=...)")
    texts = [_side(side) for side in sides] + [_side(value)]
    # "6 = 6" says nothing: drop a side that repeats the one before it (or the lhs).
    texts = [t for i, t in enumerate(texts) if t != (texts[i - 1] if i else lhs)] or texts[-1:]
    claims: list[Claim] = []
    if printed is not None:
        claimed = _as_exact(printed)
        shown = tex(tuple_form(claimed))
        claims.append(equal(where, statement or f"{lhs} = {shown}", claimed, value))
    if approximately is not None:
        claims.append(approx(where, statement or f"{lhs} \\approx {_dots(approximately)}", approximately, value))
    return Step(lhs, tuple(texts), tuple(claims), _dots(approximately) if approximately else "", relation)


def _as_exact(value: Any) -> Any:
    """A printed value made exact: ``"0.6"`` is 3/5; a list is a column; never a float."""
    if isinstance(value, (list, tuple)):
        return sp.Matrix([_as_exact(entry) for entry in value])
    if isinstance(value, sp.MatrixBase):
        return value.applyfunc(lambda entry: exact(entry, "printed value"))
    return exact(value, "printed value")


def _dots(printed: str) -> str:
    for ellipsis in ("...", "\u2026"):
        if printed.endswith(ellipsis):
            return printed[: -len(ellipsis)] + r"\ldots"
    return printed


def show(lhs: str, *sides: Any) -> Step:
    """A line with no claim: a definition or a rewriting (sides as SymPy or LaTeX)."""
    return Step(lhs, tuple(_side(side) for side in sides))


def check(claim: Claim, shown: str = "") -> Check:
    """A claim that stands on its own; ``shown`` is optional LaTeX displayed with it."""
    return Check((claim,), shown)


def prose(text: str) -> Prose:
    """A paragraph of LaTeX text."""
    return Prose(text)


def drawing(tikz: str, description: str, caption: str = "") -> Drawing:
    """A TikZ picture (LaTeX only), what it shows in words for other formats, and a caption (LaTeX text)."""
    return Drawing(tikz, description, caption)


def figure(path: str, caption: str, missing: str = "", width: float = 0.62) -> Figure:
    """An image by its path relative to the report (``train/cost.pdf``; HTML embeds the ``.png`` beside it)."""
    return Figure(path, caption, missing, width)


def display(latex: str) -> Math:
    """A displayed equation (LaTeX, no delimiters)."""
    return Math((latex,), aligned=False)


def code(function: Callable[..., Any], caption: str, *, algorithmic: bool = False, **settings: Any) -> Code:
    """``function`` shown through latexify-py (``latexify.get_latex``).

    Args:
        function: a plain Python function (its source is read).
        caption: one sentence saying what it is and where it is used, LaTeX.
        algorithmic: show a loop as an algorithm (latexify's IPython algorithmic style,
            plain LaTeX without extra packages) instead of a one-line formula.
        settings: passed to ``latexify.get_latex`` (``use_math_symbols=True``, ``identifiers``).
    """
    style = latexify.Style.IPYTHON_ALGORITHMIC if algorithmic else latexify.Style.FUNCTION
    return Code(latexify.get_latex(function, style=style, **settings), caption, algorithmic)


def section(title: str, *items: Item | Iterable[Item]) -> Section:
    """A section from items (or iterables of items, flattened); ``title`` is plain text."""
    return Section(escape(title), tuple(_flatten(items)))


def _flatten(items: Iterable[Any]) -> Iterable[Item]:
    for item in items:
        if isinstance(item, BLOCK_TYPES):
            yield cast(Item, item)
        elif isinstance(item, Iterable) and not isinstance(item, str):
            yield from _flatten(item)
        else:
            raise SymnnError(f"a section holds prose, steps, checks and code, not {type(item).__name__}")
