r"""Course notes, "Understanding Jacobian Chain Rule": the Jacobian of (x^2 + y, 2x + 3y)."""

import sympy as sp

from symnn import jacobian
from symnn.report.printer import tex
from symnn.report.steps import calculate, check, prose, section, show
from symnn.verify import holds, order

ORDER = 50
TITLE = "The Jacobian of a vector-valued function of two variables"
SOURCE = "course_notes.md, section 'Understanding Jacobian Chain Rule'"
STATEMENT = (
    r"For $f(x, y) = \begin{bmatrix} x^2 + y \\ 2x + 3y \end{bmatrix}$ take the partial derivatives "
    r"of each component and put them together into the Jacobian matrix."
)

WHERE = "course_notes.md, Jacobian example"


def derive():
    x, y, t = sp.symbols("x y t")
    f1, f2 = x**2 + y, 2 * x + 3 * y
    J = jacobian([f1, f2], [x, y])
    a = sp.Matrix([1, 2])
    h = sp.Matrix([1, 1])
    moved = sp.Matrix([f1, f2]).xreplace({x: a[0] + t * h[0], y: a[1] + t * h[1]})
    base = sp.Matrix([f1, f2]).xreplace({x: a[0], y: a[1]})
    error = moved - base - J.xreplace({x: a[0], y: a[1]}) * t * h
    return [
        section(
            "Partial derivatives, component by component",
            show(r"f_1(x, y)", f1),
            calculate(r"\frac{\partial f_1}{\partial x}", sp.diff(f1, x), printed=2 * x, where=f"{WHERE}, f_1"),
            calculate(r"\frac{\partial f_1}{\partial y}", sp.diff(f1, y), printed=1, where=f"{WHERE}, f_1"),
            show(r"f_2(x, y)", f2),
            calculate(r"\frac{\partial f_2}{\partial x}", sp.diff(f2, x), printed=2, where=f"{WHERE}, f_2"),
            calculate(r"\frac{\partial f_2}{\partial y}", sp.diff(f2, y), printed=3, where=f"{WHERE}, f_2"),
        ),
        section(
            "The Jacobian matrix",
            prose(
                r"\texttt{symnn.jacobian} differentiates every component by every variable, rows in component order:"
            ),
            calculate(r"J(\mathbf{x})", J, printed=sp.Matrix([[2 * x, 1], [2, 3]]), where=f"{WHERE}, Jacobian"),
            prose(
                r"The summary calls $J$ the best linear map approximating $f$ near a point. At $(1, 2)$ along "
                r"$t\,(1, 1)$ the remainder "
                r"$f(\mathbf{a} + t\mathbf{h}) - f(\mathbf{a}) - J(\mathbf{a})\,t\mathbf{h}$ is "
                rf"${tex(error)}$: quadratic in $t$, and zero in the second, linear, component."
            ),
            check(
                order(
                    f"{WHERE}, summary: 'best linear map approximation'",
                    r"f_1(\mathbf{a} + t\mathbf{h}) - f_1(\mathbf{a}) - (J(\mathbf{a})\,t\mathbf{h})_1 = O(t^2)",
                    error[0],
                    t,
                    2,
                )
            ),
            check(
                holds(
                    f"{WHERE}, summary: 'best linear map approximation'",
                    r"f_2(\mathbf{a} + t\mathbf{h}) - f_2(\mathbf{a}) - (J(\mathbf{a})\,t\mathbf{h})_2 = 0",
                    sp.Eq(error[1], 0),
                )
            ),
        ),
    ]
