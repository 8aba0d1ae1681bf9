r"""The LaTeX printer of the reports: the book's notation, exact decimals, handcalcs substitution.

:class:`ReportPrinter` extends :class:`symnn.latex.SymnnLatexPrinter` (``w_21__3`` prints as
``w^{[3]}_{21}``) with two settings:

- ``decimals``: a rational whose denominator divides a power of ten prints as the exact
  decimal the book writes (``9.0601``, not ``\frac{90601}{10000}``); others stay fractions.
- ``values``: a map symbol -> exact value; each symbol prints as its value, so the formula's
  own tree prints as the *substitution* line of "formula = substitution = value" (in the
  order the formula shows its terms, never re-simplified).
"""

from __future__ import annotations

from typing import Any, ClassVar

import sympy as sp

from symnn.latex import SymnnLatexPrinter

__all__ = ["ReportPrinter", "decimal_text", "tex", "tex_substituted", "tuple_form"]


def tuple_form(value: Any) -> Any:
    """A column vector as the tuple the notes print, ``(2, 8)``; anything else unchanged."""
    if isinstance(value, sp.MatrixBase) and value.cols == 1 and value.rows > 1:
        return sp.Tuple(*value)
    return value


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


class ReportPrinter(SymnnLatexPrinter):
    """The book's notation, exact decimals, and optional symbol -> value substitution."""

    _default_settings: ClassVar[dict[str, Any]] = {
        **SymnnLatexPrinter._default_settings,
        "decimals": True,
        "values": None,
    }

    def _print_Rational(self, expr: sp.Rational) -> str:
        text = decimal_text(expr) if self._settings["decimals"] and not expr.is_Integer else None
        return text if text is not None else super()._print_Rational(expr)

    def _print_Tuple(self, expr: sp.Tuple) -> str:
        return r"\left(" + ", ".join(self._print(item) for item in expr) + r"\right)"

    def _print_sigmaprime(self, expr: sp.Function) -> str:
        # The derivative of an abstract activation, an undefined function named "sigmaprime".
        return rf"\sigma'\left({self._print(expr.args[0])}\right)"

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

    _in_power_base = False

    def _print_Symbol(self, expr: sp.Symbol, style: str = "plain") -> str:
        value = self._value_tex(expr)
        return value if value is not None else super()._print_Symbol(expr, style)

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


def tex(expr: Any, **settings: Any) -> str:
    r"""``expr`` as report LaTeX: the book's names, terminating rationals as decimals.

    Examples:
        >>> tex(sp.Rational("0.05") + sp.Symbol("w_21__3"))
        'w^{[3]}_{21} + 0.05'
    """
    return ReportPrinter(settings).doprint(expr)


def tex_substituted(expr: Any, values: dict[sp.Symbol, Any], **settings: Any) -> str:
    r"""``expr`` printed with each symbol replaced by its value, keeping the formula's shape.

    Examples:
        >>> x, y = sp.symbols("x y")
        >>> tex_substituted(x**2 + 4 * y**2, {x: sp.Rational("1.01"), y: sp.Rational("1.005")})
        '\\left(1.01\\right)^{2} + 4 \\left(1.005\\right)^{2}'
        >>> tex_substituted(2 * x, {x: 3})
        '2 \\cdot 3'
    """
    return ReportPrinter({**settings, "values": dict(values)}).doprint(expr)
