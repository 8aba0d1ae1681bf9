"""Exact coercion and the exact zero decision."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from symnn import SymnnError, exact, is_zero

e = sp.exp


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0.05", sp.Rational(1, 20)), (3, sp.Integer(3)), (Fraction(2, 3), sp.Rational(2, 3)), ("1/7", sp.Rational(1, 7))],
)
def test_exact_values(value: object, expected: sp.Rational) -> None:
    result = exact(value)
    assert result == expected and result.is_Rational


@pytest.mark.parametrize("value", [0.1, np.float64(0.5), sp.Float("0.1"), True, "zero point one", None, "1/0"])
def test_inexact_or_malformed_values_are_refused(value: object) -> None:
    with pytest.raises(SymnnError):
        exact(value)


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        (sp.sqrt(68) - 2 * sp.sqrt(17), True),
        (10 / sp.sqrt(2) - 5 * sp.sqrt(2), True),
        (sp.Rational(1, 3) - sp.Rational(333, 1000), False),
        (e(sp.Rational(1, 2)) ** 2 - sp.E, True),
        (e(sp.Rational(1, 3)) / (e(sp.Rational(1, 3)) + e(sp.Rational(1, 2))) - 1 / (1 + e(sp.Rational(1, 6))), True),
        (e(1) - sp.Rational(271828, 100000), False),
        (e(sp.Rational(1, 7)) - 1 - sp.Rational(1, 7), False),
    ],
)
def test_is_zero_decides_exactly(expr: sp.Expr, expected: bool) -> None:
    assert is_zero(expr) is expected


def test_is_zero_on_identities_in_symbols() -> None:
    x, y = sp.symbols("x y")
    assert is_zero((x + y) ** 2 - x**2 - 2 * x * y - y**2) is True
    assert is_zero(sp.exp(x) * sp.exp(y) - sp.exp(x + y)) is True
    # exp(-u), exp(2u), exp(u) of one core u: powers of one unknown, so they cancel
    u = x + 2 * y
    assert is_zero(sp.exp(-u) * sp.exp(2 * u) / (1 + sp.exp(u)) - sp.exp(u) / (1 + sp.exp(u))) is True
    # tanh, sinh, cosh are rational in exponentials: tanh a = (e^a - e^{-a})/(e^a + e^{-a}) settles at once
    assert is_zero(sp.tanh(x) - (sp.exp(x) - sp.exp(-x)) / (sp.exp(x) + sp.exp(-x))) is True
    assert is_zero(sp.cosh(x) ** 2 - sp.sinh(x) ** 2 - 1) is True
    assert is_zero(sp.tanh(x) - 1) is not True


def test_is_zero_with_functions_nothing_is_known_of() -> None:
    # (f + g)' - f' - g' is 0 for every f and g; f(x + 1) - f(x) is not (f = e^{u/3} + u²/5 at a point shows it)
    x = sp.Symbol("x")
    f, g = sp.Function("f"), sp.Function("g")
    assert is_zero(sp.diff(f(x) + g(x), x) - sp.diff(f(x), x) - sp.diff(g(x), x)) is True
    assert is_zero(f(x + 1) - f(x)) is False
    assert is_zero(f(x) * g(x) - g(x) * f(x)) is True


@pytest.mark.parametrize(
    ("value", "digits"),
    [
        (sp.sqrt(2), "1.41421356237309"),  # sqrt(2) = 1.41421356237309504...
        (5 * sp.sqrt(2), "7.07106781186547"),  # 7.07106781186547524...
        (sp.sqrt(68), "8.24621125123532"),  # 8.24621125123532109...
        (-sp.pi, "-3.14159265358979"),  # 3.14159265358979323...
        (sp.Rational(2, 3) / 1000, "0.000666666666666666"),
    ],
)
def test_truncated_digits_are_what_a_book_prints_before_an_ellipsis(value: sp.Expr, digits: str) -> None:
    from symnn import approx, check_claim
    from symnn.exact import truncated

    assert truncated(value) == digits
    assert check_claim(approx("t", "t", digits + r"\ldots", value)).status == "verified"
