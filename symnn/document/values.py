r"""How a claim's values are shown: the exact value (with its truncated decimals) and the printed one.

Every renderer shows a claim's values through these two functions, so a claim's exact value
reads the same in LaTeX, Markdown, plain text and HTML.
"""

from __future__ import annotations

import sympy as sp

from symnn.exact import truncated
from symnn.latex import latex, tuple_form
from symnn.verify import ClaimResult

__all__ = ["DIGITS", "exact_latex", "printed_latex"]

#: Digits shown for the decimal expansion of an irrational exact value.
DIGITS = 15


def exact_latex(result: ClaimResult, table: bool = False) -> str:
    r"""symnn's exact value of a claim, as LaTeX (math mode, no delimiters); ``table``: for a narrow cell.

    Examples:
        >>> from symnn.verify import approx, check_claim
        >>> exact_latex(check_claim(approx("ex", "s", "8.246211...", sp.sqrt(68))))
        '2 \\sqrt{17} = 8.24621125123532\\ldots'
        >>> exact_latex(check_claim(approx("ex", "s", "1.414", sp.sqrt(2))))  # truncated, not rounded
        '\\sqrt{2} = 1.41421356237309\\ldots'
    """
    claim = result.claim
    value = claim.exact
    if claim.kind == "approx" and isinstance(value, sp.Expr) and not value.free_symbols:
        if value.is_Rational:
            return latex(value)
        return rf"{latex(value)} = {truncated(value, DIGITS)}\ldots"
    if claim.kind == "order":
        return rf"E({latex(claim.variable)}) = {latex(sp.expand(value))}"
    shown = latex(tuple_form(value))
    if table and len(shown) > 24 and isinstance(value, sp.MatrixBase):
        return latex(value)  # a long vector stacks better as a column in a narrow cell
    return shown


def printed_latex(result: ClaimResult) -> str:
    """The value the source printed, as LaTeX math."""
    printed = result.claim.claimed
    return printed if isinstance(printed, str) else latex(tuple_form(printed))
