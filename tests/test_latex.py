"""The book's notation in LaTeX: golden fragments."""

from __future__ import annotations

import pytest
import sympy as sp

from symnn import Network, latex


@pytest.mark.parametrize(
    ("expr", "golden"),
    [
        (sp.Symbol("w_21__3"), r"w^{[3]}_{21}"),
        (sp.Symbol("w_10_2__3"), r"w^{[3]}_{10,2}"),
        (sp.Symbol("b_1__2"), r"b^{[2]}_{1}"),
        (sp.Symbol("delta_2__4"), r"\delta^{[4]}_{2}"),
        (sp.Symbol("x_1"), r"x_{1}"),
        (sp.Symbol("eta"), r"\eta"),
    ],
)
def test_symbols(expr: sp.Expr, golden: str) -> None:
    assert latex(expr) == golden


def test_gradient_entry_of_eq25() -> None:
    bp = Network([2, 2, 3, 2]).backprop()
    assert latex(bp.grad_W[3][1, 0]) == r"a^{[2]}_{1} \delta^{[3]}_{2}"
