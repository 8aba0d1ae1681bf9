r"""The report printer is :mod:`symnn.latex`, the one printer of every command; kept as names.

``ReportPrinter``, ``tex`` and ``tex_substituted`` are the names the derivation modules and
older code use: :class:`symnn.latex.SymnnLatexPrinter`, :func:`symnn.latex.latex` and
:func:`symnn.latex.latex_substituted` (one decimal policy, see :mod:`symnn.latex`).

Examples:
    >>> import sympy as sp
    >>> tex(sp.Rational("0.05") + sp.Symbol("w_21__3"))
    'w^{[3]}_{21} + 0.05'
"""

from __future__ import annotations

from symnn.latex import SymnnLatexPrinter as ReportPrinter
from symnn.latex import decimal_text, tuple_form
from symnn.latex import latex as tex
from symnn.latex import latex_substituted as tex_substituted

__all__ = ["ReportPrinter", "decimal_text", "tex", "tex_substituted", "tuple_form"]
