r"""The one LaTeX printer: the book's notation and one decimal policy, for every command.

``w_21__3`` prints as ``w^{[3]}_{21}`` (Higham & Higham 2019, Section 3). Customised through a
subclass of SymPy's ``LatexPrinter`` with small ``_print_<Class>`` methods, never by string
surgery on its output. Every string holding LaTeX is raw.

**Decimal policy** (one for every command, documents and notebooks alike): a rational whose
denominator divides a power of ten prints as the exact decimal a book writes,
``Rational("0.05")`` as ``0.05`` and ``Rational(90601, 10000)`` as ``9.0601``; any other
rational stays a fraction (``\frac{1}{3}``); a rational *coefficient* inside a product keeps
SymPy's fraction layout (``x/20`` prints ``\frac{x}{20}``). Pass ``decimals=False`` for
fractions throughout.

Settings beyond SymPy's:

- ``decimals`` (default True): the policy above.
- ``values``: a map symbol -> exact value; each symbol prints as its value, so the formula's own
  tree prints as the *substitution* line of "formula = substitution = value" (in the order the
  formula shows its terms, never re-simplified).

The printer is SymPy only (no document or numeric module), so the core's notebook display
(``_repr_latex_``) can use it: :func:`program_latex` and :func:`network_latex`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

import sympy as sp
from sympy.printing.latex import LatexPrinter

__all__ = [
    "SymnnLatexPrinter",
    "decimal_text",
    "latex",
    "latex_substituted",
    "network_latex",
    "program_latex",
    "tuple_form",
]

# stem _ subscripts [__ layer]; subscripts are digits separated by "_" when multi-digit.
_NAME = re.compile(r"^(?P<stem>[A-Za-z]+)_(?P<sub>\d+(?:_\d+)*)(?:__(?P<layer>\d+))?$")
_GREEK = {"delta": r"\delta", "sigma": r"\sigma", "eta": r"\eta", "lambda": r"\lambda"}


def decimal_text(value: sp.Rational) -> str | None:
    """The exact decimal of ``value`` when it terminates, else None.

    Examples:
        >>> decimal_text(sp.Rational("9.0601")), decimal_text(sp.Rational(-2, 5)), decimal_text(sp.Rational(1, 3))
        ('9.0601', '-0.4', None)
    """
    q, twos, fives = int(value.q), 0, 0
    while q % 2 == 0:
        q, twos = q // 2, twos + 1
    while q % 5 == 0:
        q, fives = q // 5, fives + 1
    if q != 1:
        return None
    digits = max(twos, fives)
    scaled = abs(int(value.p)) * 10**digits // int(value.q)
    sign = "-" if value < 0 else ""
    if digits == 0:
        return f"{sign}{scaled}"
    whole, fraction = divmod(scaled, 10**digits)
    return f"{sign}{whole}.{fraction:0{digits}d}"


def tuple_form(value: Any) -> Any:
    """A column vector as the tuple the notes print, ``(2, 8)``; anything else unchanged."""
    if isinstance(value, sp.MatrixBase) and value.cols == 1 and value.rows > 1:
        return sp.Tuple(*value)
    return value


class SymnnLatexPrinter(LatexPrinter):
    """SymPy's LaTeX printer with the book's names, exact decimals and optional substitution."""

    printmethod = "_symnn_latex"

    _default_settings: ClassVar[dict[str, Any]] = {
        **LatexPrinter._default_settings,
        "decimals": True,
        "values": None,
    }

    _in_power_base = False

    def _print_Symbol(self, expr: sp.Symbol, style: str = "plain") -> str:
        value = self._value_tex(expr)
        if value is not None:
            return value
        match = _NAME.match(expr.name)
        if match is None:
            return super()._print_Symbol(expr, style)
        stem = _GREEK.get(match["stem"], match["stem"])
        sub = match["sub"].replace("_", ",")
        layer = match["layer"]
        return f"{stem}^{{[{layer}]}}_{{{sub}}}" if layer else f"{stem}_{{{sub}}}"

    def _print_Rational(self, expr: sp.Rational) -> str:
        text = decimal_text(expr) if self._settings["decimals"] and not expr.is_Integer else None
        return text if text is not None else super()._print_Rational(expr)

    def _print_Tuple(self, expr: sp.Tuple) -> str:
        return r"\left(" + ", ".join(self._print(item) for item in expr) + r"\right)"

    def _print_sigmaprime(self, expr: sp.Function) -> str:
        # The derivative of an abstract activation, an undefined function named "sigmaprime".
        return rf"\sigma'\left({self._print(expr.args[0])}\right)"

    # SymPy prints these constants through their own ``_latex`` hook, which a printer with its
    # own ``printmethod`` skips (oo would print as \text{Infinity}); call the hook directly.
    def _print_Number(self, expr: sp.Number) -> str:
        return expr._latex(self) if hasattr(expr, "_latex") else super()._print_Number(expr)

    def _print_NumberSymbol(self, expr: sp.NumberSymbol) -> str:
        return expr._latex(self)

    def _print_ComplexInfinity(self, expr: sp.Expr) -> str:
        return expr._latex(self)

    def _value_tex(self, expr: sp.Symbol) -> str | None:
        values = self._settings["values"]
        if not values or expr not in values:
            return None
        value = sp.sympify(values[expr])
        text = self._print(value)
        # A substituted value stands where a letter stood: bracket anything that is not a
        # plain non-negative integer, so 2 x -> 2 \cdot 3 but (x)^2 -> (1.01)^2, 2 (-0.4).
        if (value.is_Integer and value >= 0) or value.is_Symbol:
            return text
        if value.is_Rational and value > 0 and not self._in_power_base:
            return text
        return rf"\left({text}\right)"

    def _print_Pow(self, expr: sp.Pow) -> str:
        if isinstance(expr.base, sp.Symbol) and self._settings["values"]:
            self._in_power_base = True
            try:
                base = self._print(expr.base)
            finally:
                self._in_power_base = False
            if expr.exp.is_Integer and expr.exp > 0:
                return f"{base}^{{{self._print(expr.exp)}}}"
        return super()._print_Pow(expr)


def latex(expr: Any, **settings: Any) -> str:
    r"""``expr`` as LaTeX in the book's notation, terminating rationals as decimals.

    Examples:
        >>> latex(sp.Symbol("w_21__3"))
        'w^{[3]}_{21}'
        >>> latex(sp.Symbol("delta_1__4") * sp.Symbol("a_2__3"))
        'a^{[3]}_{2} \\delta^{[4]}_{1}'
        >>> latex(sp.Rational("0.05") + sp.Symbol("w_21__3")), latex(sp.Rational(1, 20), decimals=False)
        ('w^{[3]}_{21} + 0.05', '\\frac{1}{20}')
        >>> latex(sp.Limit(1 / sp.Symbol("x"), sp.Symbol("x"), sp.oo)), latex(sp.pi), latex(-sp.oo)
        ('\\lim_{x \\to \\infty} \\frac{1}{x}', '\\pi', '-\\infty')
    """
    return SymnnLatexPrinter(settings).doprint(expr)


def latex_substituted(expr: Any, values: dict[sp.Symbol, Any], **settings: Any) -> str:
    r"""``expr`` printed with each symbol replaced by its value, keeping the formula's shape.

    Examples:
        >>> x, y = sp.symbols("x y")
        >>> latex_substituted(x**2 + 4 * y**2, {x: sp.Rational("1.01"), y: sp.Rational("1.005")})
        '\\left(1.01\\right)^{2} + 4 \\left(1.005\\right)^{2}'
        >>> latex_substituted(2 * x, {x: 3})
        '2 \\cdot 3'
    """
    return SymnnLatexPrinter({**settings, "values": dict(values)}).doprint(expr)


# ---------------------------------------------------------------- notebook display


def program_latex(steps: Iterable[tuple[sp.Symbol, sp.Expr]], limit: int = 40) -> str:
    r"""``$$\begin{aligned} name &= value \\ ... \end{aligned}$$`` for the first ``limit`` steps.

    Args:
        steps: ``(name, value)`` pairs of a straight-line program (``Program.steps``).
        limit: most steps written out; the rest are counted.

    Examples:
        >>> z = sp.Symbol("z_1__2")
        >>> print(program_latex([(z, sp.Symbol("w_11__2") * sp.Symbol("x_1"))]))
        $$\begin{aligned}
        z^{[2]}_{1} &= w^{[2]}_{11} x_{1}
        \end{aligned}$$
    """
    steps = list(steps)
    lines = [rf"{latex(name)} &= {latex(value)}" for name, value in steps[:limit]]
    if len(steps) > limit:
        lines.append(rf"&\vdots \quad \text{{({len(steps) - limit} more)}}")
    return "$$\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}$$"


def activation_name(network: Any, layer: int) -> str:
    """The LaTeX name of ``layer``'s activation (softmax for a cross-entropy output)."""
    if layer == network.L and network.loss.softmax_output:
        return r"\operatorname{softmax}"
    return str(network.activations[layer].latex)


def nested_matrix_form(network: Any) -> str:
    r"""F(x) nested in matrix form, ``\sigma\bigl(W^{[3]} \sigma\bigl(W^{[2]} x + b^{[2]}\bigr) + b^{[3]}\bigr)``."""
    inner = "x"
    for layer in network.hidden_and_output:
        inner = rf"{activation_name(network, layer)}\bigl(W^{{[{layer}]}} {inner} + b^{{[{layer}]}}\bigr)"
    return inner


def network_latex(network: Any) -> str:
    r"""``$$F(x) = \sigma(W^{[L]} \cdots)$$`` and the layer sizes, for notebooks.

    Args:
        network: a :class:`symnn.network.Network` (read, never imported here).
    """
    sizes = ", ".join(str(n) for n in network.layers)
    return rf"$$F(x) = {nested_matrix_form(network)}, \qquad (n_1, \dots, n_{{{network.L}}}) = ({sizes})$$"
