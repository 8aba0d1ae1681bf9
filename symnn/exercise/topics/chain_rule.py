r"""Topic ``chain-rule``: the multivariable chain rule through two intermediate variables.

.. math::

    u = a x + b y, \quad v = x^2 + c\,y, \quad z = \alpha u^2 + \beta u v + \gamma v, \qquad
    \frac{\partial z}{\partial x} = \frac{\partial z}{\partial u}\frac{\partial u}{\partial x}
    + \frac{\partial z}{\partial v}\frac{\partial v}{\partial x}

The check of each chain-rule answer differentiates the composite z(x, y) directly with
:func:`symnn.calculus.gradient`, a route that never forms the chain rule's products.
"""

from __future__ import annotations

import sympy as sp

from symnn.calculus import at, gradient
from symnn.exercise.build import SheetBuilder
from symnn.exercise.draw import Draw
from symnn.exercise.model import Exercise
from symnn.latex import latex

TITLE = "The chain rule through intermediate variables"
OPTIONS: dict[str, str] = {}

_POINTS = [sp.Integer(n) for n in (-2, -1, 1, 2)] + [sp.Rational(n) for n in ("0.5", "-0.5", "1.5")]


def build(draw: Draw, seed: int, variant: int, options: dict[str, str]) -> Exercise:
    """One sheet of the topic."""
    x, y, u, v = sp.symbols("x y u v")
    a, b, c = draw.integer(-3, 3, nonzero=True), draw.integer(-3, 3, nonzero=True), draw.integer(-3, 3, nonzero=True)
    alpha, beta, gamma = draw.integer(1, 2), draw.integer(-2, 2, nonzero=True), draw.integer(-3, 3)
    inner_u = a * x + b * y
    inner_v = draw.choice([x**2 + c * y, x * y + c * x, c * x + y**2])
    outer = alpha * u**2 + beta * u * v + gamma * v
    px, py = draw.choice(_POINTS), draw.choice(_POINTS)
    point = [px, py]
    composite = outer.xreplace({u: inner_u, v: inner_v})
    direct = at(gradient(composite, [x, y]), [x, y], point)
    s = SheetBuilder({"x": px, "y": py})
    s.part("The inner and outer derivatives")
    u_value, v_value = at(inner_u, [x, y], point), at(inner_v, [x, y], point)
    uu = s.ask("u_P", "u", "$u$ at the point", inner_u, u_value)
    vv = s.ask("v_P", "v", "$v$ at the point", inner_v, v_value)
    at_uv = {u: uu, v: vv}
    z_u, z_v = (
        s.ask(
            f"z_{w}",
            rf"\partial z/\partial {w}",
            rf"$\partial z/\partial {w}$ there",
            sp.diff(outer, w).xreplace(at_uv),
            at(sp.diff(outer, w), [u, v], [u_value, v_value]),
        )
        for w in (u, v)
    )
    inner = {}
    for w in (x, y):
        for name, g in (("u", inner_u), ("v", inner_v)):
            inner[name, w] = s.ask(
                f"{name}_{w}",
                rf"\partial {name}/\partial {w}",
                rf"$\partial {name}/\partial {w}$ at the point",
                sp.diff(g, w),
                at(sp.diff(g, w), [x, y], point),
            )
    s.part("The chain rule")
    for k, w in enumerate((x, y)):
        s.ask(
            f"z_{w}",
            rf"\partial z/\partial {w}",
            rf"$\partial z/\partial {w}$ at the point, by the chain rule",
            sp.Add(
                sp.Mul(z_u, inner["u", w], evaluate=False), sp.Mul(z_v, inner["v", w], evaluate=False), evaluate=False
            ),
            direct[k],
        )
    statement = (
        rf"Let $z = {latex(outer)}$ with $u = {latex(inner_u)}$ and $v = {latex(inner_v)}$. "
        rf"Work at the point $(x, y) = ({latex(px)}, {latex(py)})$."
    )
    shown = (rf"z = {latex(outer)}, \quad u = {latex(inner_u)}, \quad v = {latex(inner_v)}",)
    return Exercise("chain-rule", seed, variant, TITLE, statement, {"x": px, "y": py}, shown, s.parts())
