r"""Topic ``gradient``: the gradient at a point, its length, a directional derivative, and the
linear prediction of a small move against the actual change (course notes, Example A).

.. math:: f(x, y) = a x^2 + c x y + b y^2, \qquad \Delta f \approx \nabla f \cdot \Delta\mathbf{x}

Checks come from :mod:`symnn.calculus`: :func:`gradient`, :func:`directional_derivative`,
:func:`at` (the linear prediction as the directional derivative along the move).
"""

from __future__ import annotations

import sympy as sp

from symnn.calculus import at, directional_derivative, gradient
from symnn.exercise.build import SheetBuilder
from symnn.exercise.draw import Draw
from symnn.exercise.model import Exercise
from symnn.latex import latex

TITLE = "The gradient and the linear prediction"
OPTIONS: dict[str, str] = {}

#: Unit directions with short decimal entries (3-4-5 triangles and the axes).
_DIRECTIONS = [
    (sp.Rational(a), sp.Rational(b))
    for a, b in [("0.6", "0.8"), ("0.8", "0.6"), ("0.6", "-0.8"), ("-0.8", "0.6"), ("1", "0"), ("0", "1")]
]
_STEPS = [sp.Rational(s) for s in ("0.01", "0.02", "0.005", "-0.01", "-0.02", "-0.005")]


def build(draw: Draw, seed: int, variant: int, options: dict[str, str]) -> Exercise:
    """One sheet of the topic."""
    x, y = sp.symbols("x y")
    a, b, c = draw.integer(1, 4), draw.integer(1, 5), draw.integer(-3, 3)
    f = a * x**2 + c * x * y + b * y**2
    px, py = draw.integer(-3, 3, nonzero=True), draw.integer(-3, 3, nonzero=True)
    u1, u2 = draw.choice(_DIRECTIONS)
    hx, hy = draw.sample(_STEPS, 2)
    givens = {"x": px, "y": py, "u_1": u1, "u_2": u2, "Delta_x": hx, "Delta_y": hy}
    point, move = [px, py], [hx, hy]
    grad = gradient(f, [x, y])
    # the first-order change along the move: the rate of change in the direction of the move itself
    # (calculus.linear_prediction gives f(a) plus the same, through a Taylor series in t: 0.3 s a sheet)
    change_rate = directional_derivative(f, [x, y], move, point)
    b_ = SheetBuilder(givens)
    b_.part("The gradient")
    fx = b_.ask("f_x", r"f_x(x, y)", r"$\partial f/\partial x$ at the point", grad[0], at(grad[0], [x, y], point))
    fy = b_.ask("f_y", r"f_y(x, y)", r"$\partial f/\partial y$ at the point", grad[1], at(grad[1], [x, y], point))
    b_.ask(
        "norm",
        r"\|\nabla f\|",
        r"the length $\|\nabla f\|$ of the gradient there",
        sp.sqrt(fx**2 + fy**2),
        at(grad, [x, y], point).norm(),
    )
    u1s, u2s = sp.symbols("u_1 u_2")
    b_.ask(
        "D_u",
        r"D_{\mathbf{u}} f",
        r"the directional derivative along $\mathbf{u}$",
        sp.Add(sp.Mul(fx, u1s, evaluate=False), sp.Mul(fy, u2s, evaluate=False), evaluate=False),
        directional_derivative(f, [x, y], [u1, u2], point),
    )
    b_.part("Linear prediction against the actual change")
    dx, dy = sp.symbols("Delta_x Delta_y")
    predicted = b_.ask(
        "df_lin",
        r"\nabla f \cdot \Delta\mathbf{x}",
        r"the linear prediction of the change of $f$",
        sp.Add(sp.Mul(fx, dx, evaluate=False), sp.Mul(fy, dy, evaluate=False), evaluate=False),
        change_rate,
    )
    old = b_.ask("f_at", r"f(x, y)", r"$f$ at the point", f, at(f, [x, y], point))
    shifted = f.xreplace({x: sp.Add(x, dx, evaluate=False), y: sp.Add(y, dy, evaluate=False)})
    new = b_.ask(
        "f_moved",
        r"f(x + \Delta x, y + \Delta y)",
        r"$f$ at the moved point",
        shifted,
        at(f, [x, y], [px + hx, py + hy]),
    )
    change = b_.ask(
        "df",
        r"\Delta f",
        r"the actual change of $f$",
        sp.Add(new, -old, evaluate=False),
        at(f, [x, y], [px + hx, py + hy]) - at(f, [x, y], point),
    )
    b_.ask(
        "err",
        r"\Delta f - \nabla f \cdot \Delta\mathbf{x}",
        "the error of the linear prediction",
        sp.Add(change, -predicted, evaluate=False),
        at(f, [x, y], [px + hx, py + hy]) - at(f, [x, y], point) - change_rate,
    )
    statement = (
        rf"Let $f(x, y) = {latex(f)}$, the point $(x, y) = ({latex(px)}, {latex(py)})$, the unit direction "
        rf"$\mathbf{{u}} = ({latex(u1)}, {latex(u2)})$ and the small move "
        rf"$\Delta\mathbf{{x}} = (\Delta x, \Delta y) = ({latex(hx)}, {latex(hy)})$."
    )
    return Exercise("gradient", seed, variant, TITLE, statement, givens, (rf"f(x, y) = {latex(f)}",), b_.parts())
