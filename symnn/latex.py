r"""LaTeX in the book's notation: ``w_21__3`` prints as ``w^{[3]}_{21}``.

Customised through a subclass of SymPy's ``LatexPrinter`` with small ``_print_<Class>``
methods, never by string surgery on its output. Every string holding LaTeX is raw.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter

__all__ = ["SymnnLatexPrinter", "latex"]

# stem _ subscripts [__ layer]; subscripts are digits separated by "_" when multi-digit.
_NAME = re.compile(r"^(?P<stem>[A-Za-z]+)_(?P<sub>\d+(?:_\d+)*)(?:__(?P<layer>\d+))?$")
_GREEK = {"delta": r"\delta", "sigma": r"\sigma", "eta": r"\eta", "lambda": r"\lambda"}


class SymnnLatexPrinter(LatexPrinter):
    """SymPy's LaTeX printer with the layer index as a bracketed superscript."""

    printmethod = "_symnn_latex"

    def _print_Symbol(self, expr: sp.Symbol, style: str = "plain") -> str:
        match = _NAME.match(expr.name)
        if match is None:
            return super()._print_Symbol(expr, style)
        stem = _GREEK.get(match["stem"], match["stem"])
        sub = match["sub"].replace("_", ",")
        layer = match["layer"]
        return f"{stem}^{{[{layer}]}}_{{{sub}}}" if layer else f"{stem}_{{{sub}}}"

    # SymPy prints these constants through their own ``_latex`` hook, which a printer with its
    # own ``printmethod`` skips (oo would print as \text{Infinity}); call the hook directly.
    def _print_Number(self, expr: sp.Number) -> str:
        return expr._latex(self) if hasattr(expr, "_latex") else super()._print_Number(expr)

    def _print_NumberSymbol(self, expr: sp.NumberSymbol) -> str:
        return expr._latex(self)

    def _print_ComplexInfinity(self, expr: sp.Expr) -> str:
        return expr._latex(self)


def latex(expr: Any, **settings: Any) -> str:
    r"""``expr`` as LaTeX in the book's notation.

    Examples:
        >>> import sympy as sp
        >>> latex(sp.Symbol("w_21__3"))
        'w^{[3]}_{21}'
        >>> latex(sp.Symbol("delta_1__4") * sp.Symbol("a_2__3"))
        'a^{[3]}_{2} \\delta^{[4]}_{1}'
        >>> latex(sp.Limit(1 / sp.Symbol("x"), sp.Symbol("x"), sp.oo)), latex(sp.pi), latex(-sp.oo)
        ('\\lim_{x \\to \\infty} \\frac{1}{x}', '\\pi', '-\\infty')
    """
    return SymnnLatexPrinter(settings).doprint(expr)
