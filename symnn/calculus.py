r"""Exact multivariable calculus: the operations the course notes work by hand.

Gradient, Jacobian, Hessian, directional derivative, Taylor prediction and exact
gradient-descent steps, for any SymPy expressions. ``wrt`` is always an ordered
sequence of symbols; points are sequences of exact numbers (see :func:`symnn.exact.exact`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

import sympy as sp

from symnn.errors import SymnnError
from symnn.exact import exact, sequence_of_symbols

__all__ = [
    "DescentStep",
    "at",
    "descent_step",
    "directional_derivative",
    "gradient",
    "gradient_descent",
    "hessian",
    "jacobian",
    "linear_prediction",
    "taylor_prediction",
]

Wrt: TypeAlias = "Sequence[sp.Symbol] | sp.Symbol"


def _point(wrt: tuple[sp.Symbol, ...], point: Sequence[object] | sp.Matrix, what: str = "point") -> sp.Matrix:
    values = list(point)
    if len(values) != len(wrt):
        raise SymnnError(f"{what} has {len(values)} coordinates; wrt has {len(wrt)} variables")
    return sp.Matrix([exact(v, what) for v in values])


def at(expr: sp.Basic, wrt: Wrt, point: Sequence[object] | sp.Matrix) -> sp.Basic:
    """``expr`` evaluated exactly at ``point`` (coordinates in ``wrt`` order).

    Examples:
        >>> x, y = sp.symbols("x y")
        >>> at(x**2 + 4*y**2, [x, y], ["1.01", "1.005"])
        25301/5000
    """
    variables = sequence_of_symbols(wrt)
    return sp.sympify(expr).xreplace(dict(zip(variables, _point(variables, point), strict=True)))


def gradient(expr: sp.Expr, wrt: Wrt) -> sp.Matrix:
    r"""The gradient :math:`\nabla f = (\partial f/\partial x_1, \dots, \partial f/\partial x_n)^T`.

    Returns:
        An n × 1 column, in ``wrt`` order.

    Examples:
        >>> x, y = sp.symbols("x y")
        >>> gradient(x**2 + 4*y**2, [x, y]).T
        Matrix([[2*x, 8*y]])
    """
    variables = sequence_of_symbols(wrt)
    return sp.Matrix([sp.diff(expr, v) for v in variables])


def jacobian(exprs: Sequence[sp.Expr] | sp.Matrix, wrt: Wrt) -> sp.Matrix:
    r"""The Jacobian :math:`J_{ij} = \partial f_i / \partial x_j`, an m × n matrix.

    Examples:
        >>> x, y = sp.symbols("x y")
        >>> jacobian([x**2 + y, 2*x + 3*y], [x, y])
        Matrix([
        [2*x, 1],
        [  2, 3]])
    """
    variables = sequence_of_symbols(wrt)
    return sp.Matrix([[sp.diff(f, v) for v in variables] for f in exprs])


def hessian(expr: sp.Expr, wrt: Wrt) -> sp.Matrix:
    r"""The Hessian :math:`H_{ij} = \partial^2 f / \partial x_i \partial x_j`, n × n.

    Examples:
        >>> x, y = sp.symbols("x y")
        >>> hessian(x**2 + 3*x*y + y**2, [x, y])
        Matrix([
        [2, 3],
        [3, 2]])
    """
    variables = sequence_of_symbols(wrt)
    return jacobian(gradient(expr, variables), variables)


def directional_derivative(
    expr: sp.Expr, wrt: Wrt, direction: Sequence[object] | sp.Matrix, point: Sequence[object] | None = None
) -> sp.Expr:
    r"""The rate of change :math:`\nabla f \cdot u` along ``direction`` u (used as given).

    Pass a unit vector for the rate per unit distance; with ``point``, the value there.

    Examples:
        >>> x, y = sp.symbols("x y")
        >>> u = [1 / sp.sqrt(2), 1 / sp.sqrt(2)]
        >>> directional_derivative(x**2 + 3*x*y + y**2, [x, y], u, [1, 1])
        5*sqrt(2)
    """
    variables = sequence_of_symbols(wrt)
    u = _point(variables, direction, "direction")
    rate = (gradient(expr, variables).T * u)[0]
    return sp.simplify(rate if point is None else at(rate, variables, point))


def taylor_prediction(
    expr: sp.Expr, wrt: Wrt, point: Sequence[object], step: Sequence[object], order: int = 1
) -> sp.Expr:
    r"""The Taylor prediction of :math:`f(a + h)` of the given order.

    .. math:: f(a+h) \approx \sum_{k=0}^{\text{order}} \frac{1}{k!} \frac{d^k}{dt^k} f(a + t h)\Big|_{t=0}

    Order 1 is the linear prediction :math:`f(a) + \nabla f(a)\cdot h`.

    Examples:
        >>> x = sp.Symbol("x")
        >>> taylor_prediction(x**2, [x], [3], ["0.01"])
        453/50
    """
    variables = sequence_of_symbols(wrt)
    a, h = _point(variables, point), _point(variables, step, "step")
    t = sp.Dummy("t")
    along = sp.sympify(expr).xreplace({v: a_i + t * h_i for v, a_i, h_i in zip(variables, a, h, strict=True)})
    terms = [sp.diff(along, t, k).subs(t, 0) / sp.factorial(k) for k in range(order + 1)]
    return sp.Add(*terms)


def linear_prediction(expr: sp.Expr, wrt: Wrt, point: Sequence[object], step: Sequence[object]) -> sp.Expr:
    r"""The first-order prediction :math:`f(a) + \nabla f(a) \cdot h` of :math:`f(a+h)`."""
    return taylor_prediction(expr, wrt, point, step, order=1)


@dataclass(frozen=True)
class DescentStep:
    r"""One exact gradient-descent step :math:`x_{new} = x - \eta \nabla f(x)`.

    Attributes:
        point: x, the point before the step (n × 1).
        value: f(x).
        gradient: ∇f(x) (n × 1).
        eta: the learning rate η.
        new_point: x − η∇f(x) (n × 1).
        new_value: f(x_new).
    """

    point: sp.Matrix
    value: sp.Expr
    gradient: sp.Matrix
    eta: sp.Expr
    new_point: sp.Matrix
    new_value: sp.Expr


def descent_step(expr: sp.Expr, wrt: Wrt, point: Sequence[object], eta: object) -> DescentStep:
    r"""One exact gradient-descent step from ``point`` with learning rate ``eta``.

    Examples:
        >>> x, y = sp.symbols("x y")
        >>> s = descent_step((x - 3)**2 + 2*(y + 1)**2, [x, y], [0, 0], "0.1")
        >>> s.gradient.T, s.new_point.T, s.new_value
        (Matrix([[-6, 4]]), Matrix([[3/5, -2/5]]), 162/25)
    """
    variables = sequence_of_symbols(wrt)
    x = _point(variables, point)
    eta_value = exact(eta, "learning rate eta")
    grad = at(gradient(expr, variables), variables, x)
    new_x = x - eta_value * grad
    return DescentStep(x, at(expr, variables, x), grad, eta_value, new_x, at(expr, variables, new_x))


def gradient_descent(
    expr: sp.Expr, wrt: Wrt, start: Sequence[object], eta: object, steps: int
) -> tuple[DescentStep, ...]:
    """``steps`` exact gradient-descent steps from ``start``; each step starts where the last ended.

    Examples:
        >>> x, y = sp.symbols("x y")
        >>> path = gradient_descent((x - 3)**2 + 2*(y + 1)**2, [x, y], [0, 0], "0.1", 2)
        >>> path[-1].new_point.T, path[-1].new_value
        (Matrix([[27/25, -16/25]]), 2466/625)
    """
    if steps < 0:
        raise SymnnError(f"the number of steps must be >= 0, got {steps}")
    path: list[DescentStep] = []
    point: Sequence[object] | sp.Matrix = start
    for _ in range(steps):
        path.append(descent_step(expr, wrt, point, eta))
        point = path[-1].new_point
    return tuple(path)
