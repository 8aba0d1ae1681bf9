"""The calculus of the course notes, exactly (expected values worked by hand in the notes)."""

from __future__ import annotations

import pytest
import sympy as sp

from symnn import (
    SymnnError,
    at,
    descent_step,
    directional_derivative,
    gradient,
    gradient_descent,
    hessian,
    jacobian,
    linear_prediction,
    taylor_prediction,
)

x, y = sp.symbols("x y")
R = sp.Rational


def test_example_a() -> None:
    f = x**2 + 4 * y**2
    assert gradient(f, [x, y]) == sp.Matrix([2 * x, 8 * y])
    assert at(gradient(f, [x, y]), [x, y], [1, 1]) == sp.Matrix([2, 8])
    assert sp.sqrt(at(gradient(f, [x, y]), [x, y], [1, 1]).dot(sp.Matrix([2, 8]))) == sp.sqrt(68)
    assert linear_prediction(f, [x, y], [1, 1], ["0.01", "0.005"]) - 5 == R("0.06")
    assert at(f, [x, y], ["1.01", "1.005"]) == R("5.0602")


def test_example_b_two_descent_steps() -> None:
    f = (x - 3) ** 2 + 2 * (y + 1) ** 2
    first, second = gradient_descent(f, [x, y], [0, 0], "0.1", 2)
    assert first.gradient == sp.Matrix([-6, 4])
    assert first.value == 11
    assert first.new_point == sp.Matrix([R("0.6"), R("-0.4")])
    assert first.new_value == R("6.48")
    assert second.gradient == sp.Matrix([R("-4.8"), R("2.4")])
    assert second.new_point == sp.Matrix([R("1.08"), R("-0.64")])
    assert second.new_value == R("3.9456")
    assert all(v.is_Rational for v in [*second.new_point, second.new_value])
    assert descent_step(f, [x, y], [0, 0], "0.1") == first


def test_jacobian_and_hessian() -> None:
    assert jacobian([x**2 + y, 2 * x + 3 * y], [x, y]) == sp.Matrix([[2 * x, 1], [2, 3]])
    assert hessian(x**2 + 3 * x * y + y**2, [x, y]) == sp.Matrix([[2, 3], [3, 2]])


def test_directional_derivative_along_the_diagonal() -> None:
    f = x**2 + 3 * x * y + y**2
    u = [1 / sp.sqrt(2), 1 / sp.sqrt(2)]
    assert directional_derivative(f, [x, y], u, [1, 1]) == 5 * sp.sqrt(2)
    assert directional_derivative(f, [x, y], [1, 0]) == 2 * x + 3 * y


def test_taylor_predictions_of_the_one_variable_examples() -> None:
    assert taylor_prediction(x**2, [x], [3], ["0.01"]) == R("9.06")
    p = x**3 + 2 * x
    assert linear_prediction(p, [x], [2], ["0.01"]) == R("12.14")
    assert taylor_prediction(p, [x], [2], ["0.01"], order=3) == R("12.140601")  # a cubic: order 3 is exact


def test_bad_input() -> None:
    with pytest.raises(SymnnError, match="2 coordinates; wrt has 1"):
        at(x**2, [x], [1, 2])
    with pytest.raises(SymnnError, match="not exact"):
        descent_step(x**2, [x], [1], 0.1)
    with pytest.raises(SymnnError, match="must be symbols"):
        gradient(x**2, ["x"])  # type: ignore[list-item]
