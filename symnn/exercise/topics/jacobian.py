r"""Topic ``jacobian``: a vector function of two variables, its Jacobian at a point, the
Jacobian's determinant, and the linear prediction :math:`J \Delta\mathbf{x}` of a small move.

.. math:: J_{ij} = \frac{\partial f_i}{\partial x_j}

Checks come from :func:`symnn.calculus.jacobian` (and SymPy's determinant of its value).
"""

from __future__ import annotations

import sympy as sp

from symnn.calculus import at, jacobian
from symnn.exercise.build import SheetBuilder
from symnn.exercise.draw import Draw
from symnn.exercise.model import Exercise
from symnn.latex import latex

TITLE = "The Jacobian of a vector function"
OPTIONS: dict[str, str] = {}

_x, _y = sp.symbols("x y")
#: Monomials a component is built from; each component gets three of them.
_TERMS = [_x**2, _x * _y, _y**2, _x, _y, _x**2 * _y, _x * _y**2]
_POINTS = [sp.Integer(n) for n in (-2, -1, 1, 2, 3)] + [sp.Rational(n) for n in ("0.5", "-0.5")]
_MOVES = [sp.Rational(m) for m in ("0.1", "-0.1", "0.2", "-0.2", "0.05")]


def _component(draw: Draw) -> sp.Expr:
    while True:
        terms = [draw.integer(-3, 3, nonzero=True) * t for t in draw.sample(_TERMS, 3)]
        f = sp.Add(*terms)
        if f.has(_x) and f.has(_y):
            return f


def build(draw: Draw, seed: int, variant: int, options: dict[str, str]) -> Exercise:
    """One sheet of the topic."""
    f1, f2 = _component(draw), _component(draw)
    px, py = draw.choice(_POINTS), draw.choice(_POINTS)
    hx, hy = draw.sample(_MOVES, 2)
    point = [px, py]
    J = jacobian([f1, f2], [_x, _y])
    J_at = at(J, [_x, _y], point)
    givens = {"x": px, "y": py, "Delta_x": hx, "Delta_y": hy}
    s = SheetBuilder(givens)
    s.part("The Jacobian at the point")
    entries = {}
    for i in (1, 2):
        for j, v in enumerate((_x, _y), start=1):
            entries[i, j] = s.ask(
                f"J_{i}{j}",
                rf"J_{{{i}{j}}}",
                rf"$\partial f_{i}/\partial {v}$ at the point",
                J[i - 1, j - 1],
                J_at[i - 1, j - 1],
            )
    s.ask(
        "det_J",
        r"\det J",
        "the determinant of the Jacobian there",
        sp.Add(
            sp.Mul(entries[1, 1], entries[2, 2], evaluate=False),
            -sp.Mul(entries[1, 2], entries[2, 1], evaluate=False),
            evaluate=False,
        ),
        J_at.det(),
    )
    s.part("The linear prediction")
    dx, dy = sp.symbols("Delta_x Delta_y")
    predicted = J_at * sp.Matrix([hx, hy])
    for i in (1, 2):
        s.ask(
            f"df_{i}",
            rf"(J \Delta\mathbf{{x}})_{i}",
            rf"the predicted change of $f_{i}$ for the move",
            sp.Add(
                sp.Mul(entries[i, 1], dx, evaluate=False), sp.Mul(entries[i, 2], dy, evaluate=False), evaluate=False
            ),
            predicted[i - 1],
        )
    shown = (rf"\mathbf{{f}}(x, y) = \begin{{pmatrix}} {latex(f1)} \\ {latex(f2)} \end{{pmatrix}}",)
    statement = (
        rf"Let $f_1(x, y) = {latex(f1)}$ and $f_2(x, y) = {latex(f2)}$, the point "
        rf"$(x, y) = ({latex(px)}, {latex(py)})$ and the move $\Delta\mathbf{{x}} = ({latex(hx)}, {latex(hy)})$."
    )
    return Exercise("jacobian", seed, variant, TITLE, statement, givens, shown, s.parts())
