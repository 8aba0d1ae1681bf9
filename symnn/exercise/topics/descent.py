r"""Topic ``descent``: two exact gradient-descent steps with a learning rate (course notes, Example B).

.. math:: f(x, y) = a (x - p)^2 + b (y - q)^2, \qquad \mathbf{x}_{k+1} = \mathbf{x}_k - \eta \nabla f(\mathbf{x}_k)

Checks come from :func:`symnn.calculus.gradient_descent`.
"""

from __future__ import annotations

import sympy as sp

from symnn.calculus import gradient_descent
from symnn.exercise.build import SheetBuilder
from symnn.exercise.draw import Draw
from symnn.exercise.model import Exercise
from symnn.latex import latex

TITLE = "Gradient descent: two steps"
OPTIONS: dict[str, str] = {}

_RATES = [sp.Rational(r) for r in ("0.1", "0.05", "0.2", "0.25")]


def _square(coefficient: sp.Integer, variable: sp.Symbol, centre: sp.Integer) -> sp.Expr:
    """``a (v - c)^2`` as the book writes it, unexpanded."""
    inner = sp.Add(variable, -centre, evaluate=False)
    return sp.Mul(coefficient, sp.Pow(inner, 2, evaluate=False), evaluate=False)


def _slope(coefficient: sp.Integer, variable: sp.Symbol, centre: sp.Integer) -> sp.Expr:
    """``2a (v - c)``, unexpanded."""
    return sp.Mul(2 * coefficient, sp.Add(variable, -centre, evaluate=False), evaluate=False)


def build(draw: Draw, seed: int, variant: int, options: dict[str, str]) -> Exercise:
    """One sheet of the topic."""
    x, y, eta = sp.symbols("x y eta")
    a, b = draw.integer(1, 3), draw.integer(1, 3)
    p, q = draw.integer(-3, 3, nonzero=True), draw.integer(-3, 3, nonzero=True)
    rate = draw.choice([r for r in _RATES if 2 * max(a, b) * r < 1])
    x0, y0 = draw.integer(-2, 2), draw.integer(-2, 2)
    f = sp.Add(_square(a, x, p), _square(b, y, q), evaluate=False)
    path = gradient_descent(f.doit(), [x, y], [x0, y0], rate, 2)
    givens = {"x_0": x0, "y_0": y0, "eta": rate}
    s = SheetBuilder(givens)
    xs, ys = sp.Symbol("x_0"), sp.Symbol("y_0")
    points = [(xs, ys)]
    for k, step in enumerate(path):
        s.part(f"Step {k + 1}")
        xk, yk = points[-1]
        gx = s.ask(
            f"g_x{k}",
            rf"f_x(x_{k}, y_{k})",
            rf"$\partial f/\partial x$ at $(x_{k}, y_{k})$",
            _slope(a, xk, p),
            step.gradient[0],
        )
        gy = s.ask(
            f"g_y{k}",
            rf"f_y(x_{k}, y_{k})",
            rf"$\partial f/\partial y$ at $(x_{k}, y_{k})$",
            _slope(b, yk, q),
            step.gradient[1],
        )
        if k == 0:
            s.ask("f_v0", r"f(x_0, y_0)", r"$f$ at the start", f.xreplace({x: xs, y: ys}), step.value)
        nx = s.ask(
            f"x_{k + 1}",
            rf"x_{k + 1}",
            rf"$x_{k + 1}$ after the step",
            sp.Add(xk, -sp.Mul(eta, gx, evaluate=False), evaluate=False),
            step.new_point[0],
        )
        ny = s.ask(
            f"y_{k + 1}",
            rf"y_{k + 1}",
            rf"$y_{k + 1}$ after the step",
            sp.Add(yk, -sp.Mul(eta, gy, evaluate=False), evaluate=False),
            step.new_point[1],
        )
        s.ask(
            f"f_v{k + 1}",
            rf"f(x_{k + 1}, y_{k + 1})",
            rf"$f$ after step {k + 1}",
            f.xreplace({x: nx, y: ny}),
            step.new_value,
        )
        points.append((nx, ny))
    statement = (
        rf"Minimise $f(x, y) = {latex(f, order='none')}$ by gradient descent from "
        rf"$(x_0, y_0) = ({latex(x0)}, {latex(y0)})$ with learning rate $\eta = {latex(rate)}$: "
        r"$(x_{k+1}, y_{k+1}) = (x_k, y_k) - \eta \nabla f(x_k, y_k)$."
    )
    shown = (rf"f(x, y) = {latex(f, order='none')}",)
    return Exercise("descent", seed, variant, TITLE, statement, givens, shown, s.parts())
