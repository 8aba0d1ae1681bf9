r"""Course notes, "Why is the gradient required?": f = x^2 + 3xy + y^2 at (1, 1)."""

import sympy as sp

from symnn import at, directional_derivative, gradient, linear_prediction
from symnn.report.printer import tex
from symnn.report.steps import calculate, check, equation, prose, section, show
from symnn.verify import equal, holds, order

ORDER = 80
TITLE = "The gradient in two variables: directional derivative, steepest ascent, level sets"
SOURCE = "course_notes.md, 'Why is the gradient required? Wasn't the derivative enough?'"
STATEMENT = (
    r"Let $f(x, y) = x^2 + 3xy + y^2$. Then $\partial f/\partial x = 2x + 3y$, $\partial f/\partial y = 3x + 2y$, "
    r"$\nabla f(1, 1) = (5, 5)$, and the directional derivative along $u = \tfrac{1}{\sqrt2}(1, 1)$ is "
    r"$\tfrac{10}{\sqrt2} = 5\sqrt2 \approx 5 \times 1.41421356 = 7.0710678$. The gradient points in the direction "
    r"of steepest increase and is perpendicular to the level sets of $f$."
)

WHERE = "course_notes.md, multivariable example"


def derive():
    x, y, t, theta = sp.symbols("x y t theta", real=True)
    f = x**2 + 3 * x * y + y**2
    grad = gradient(f, [x, y])
    g = at(grad, [x, y], [1, 1])
    u = [1 / sp.sqrt(2), 1 / sp.sqrt(2)]
    rate = directional_derivative(f, [x, y], u, [1, 1])
    along = (g.T * sp.Matrix([sp.cos(theta), sp.sin(theta)]))[0]
    best = sp.calculus.util.maximum(along, theta, sp.Interval(0, 2 * sp.pi))
    slope = sp.idiff(f - at(f, [x, y], [1, 1]), y, x).subs({x: 1, y: 1})
    tangent = sp.Matrix([1, slope])
    error = sp.expand(at(f, [x, y], [1 + t, 1 + t]) - linear_prediction(f, [x, y], [1, 1], [t, t]))
    return [
        section(
            "Partial derivatives and the gradient at (1, 1)",
            show("f(x, y)", f),
            calculate(r"\frac{\partial f}{\partial x}", grad[0], printed=2 * x + 3 * y, where=f"{WHERE}, partials"),
            calculate(r"\frac{\partial f}{\partial y}", grad[1], printed=3 * x + 2 * y, where=f"{WHERE}, partials"),
            calculate(
                r"\frac{\partial f}{\partial x}\Big|_{(1,1)}",
                grad[0],
                {x: 1, y: 1},
                printed=5,
                where=f"{WHERE}, 2 x 1 + 3 x 1 = 5",
            ),
            calculate(
                r"\frac{\partial f}{\partial y}\Big|_{(1,1)}",
                grad[1],
                {x: 1, y: 1},
                printed=5,
                where=f"{WHERE}, 3 x 1 + 2 x 1 = 5",
            ),
            calculate(r"\nabla f(1, 1)", grad, {x: 1, y: 1}, printed=[5, 5], where=f"{WHERE}, gradient at (1,1)"),
        ),
        section(
            "The directional derivative along the diagonal",
            equation(
                r"\nabla f(1,1) \cdot u",
                r"[5, 5] \cdot \Bigl[\tfrac{1}{\sqrt2}, \tfrac{1}{\sqrt2}\Bigr]",
                r"5 \cdot \tfrac{1}{\sqrt2} + 5 \cdot \tfrac{1}{\sqrt2}",
                value=rate,
                printed=10 / sp.sqrt(2),
                where=f"{WHERE}, directional derivative",
                statement=r"\nabla f(1,1)\cdot u = \frac{10}{\sqrt2}",
            ),
            equation(r"\frac{10}{\sqrt2}", value=10 / sp.sqrt(2), printed=5 * sp.sqrt(2), where=f"{WHERE}, simplify"),
            equation(r"\sqrt2", value=sp.sqrt(2), approximately="1.41421356", where=f"{WHERE}, 5 x 1.41421356"),
            equation(r"5\sqrt2", value=rate, approximately="7.0710678", where=f"{WHERE}, = 7.0710678"),
            equation(r"5\sqrt2", value=rate, approximately="7.071", where=f"{WHERE}, 'that number (about 7.071)'"),
        ),
        section(
            "Steepest ascent",
            prose(
                r"Along the unit vector $u_\theta = (\cos\theta, \sin\theta)$ the rate of change at $(1, 1)$ is "
                rf"$\nabla f(1,1) \cdot u_\theta = {tex(along)}$. Its largest value over all directions is "
                r"reached at $\theta = \pi/4$, i.e.\ along $\nabla f / \|\nabla f\|$, and equals $\|\nabla f\|$:"
            ),
            check(
                equal(
                    f"{WHERE}, 'direction of steepest increase: u = grad f / |grad f|'",
                    r"\max_\theta \nabla f(1,1)\cdot u_\theta = \|\nabla f(1,1)\|",
                    g.norm(),
                    best,
                )
            ),
            check(
                equal(
                    f"{WHERE}, 'direction of steepest increase: u = grad f / |grad f|'",
                    r"\nabla f(1,1) \cdot \frac{\nabla f(1,1)}{\|\nabla f(1,1)\|} = \|\nabla f(1,1)\|",
                    g.norm(),
                    directional_derivative(f, [x, y], g / g.norm(), [1, 1]),
                )
            ),
        ),
        section(
            "Orthogonality to the level set",
            prose(
                r"The level set through $(1, 1)$ is $x^2 + 3xy + y^2 = 5$. Implicit differentiation "
                rf"(\texttt{{sympy.idiff}}) gives its slope $dy/dx = {tex(slope)}$ there, so its tangent "
                rf"direction is ${tex(tuple(tangent))}$:"
            ),
            check(
                holds(
                    f"{WHERE}, 'the gradient is perpendicular to level sets'",
                    r"\nabla f(1,1) \cdot (1, dy/dx) = 0",
                    sp.Eq((g.T * tangent)[0], 0),
                )
            ),
        ),
        section(
            "The best linear predictor",
            prose(r"$f(x + h) \approx f(x) + \nabla f(x)\cdot h$: along $h = (t, t)$ from $(1, 1)$ the error is"),
            show(r"E(t)", r"f(1 + t, 1 + t) - \bigl(5 + \nabla f(1,1) \cdot (t, t)\bigr)", error),
            check(order(f"{WHERE}, f(x + h) approx f(x) + grad f(x) . h", r"E(t) = O(t^2)", error, t, 2)),
        ),
    ]
