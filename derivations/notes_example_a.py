r"""Course notes, Example A: linear approximation and directional derivative for f = x^2 + 4y^2."""

import sympy as sp

from symnn import at, directional_derivative, gradient
from symnn.report.printer import tex
from symnn.report.steps import calculate, check, equation, prose, section, show
from symnn.verify import order

ORDER = 30
TITLE = "Example A: linear approximation and the gradient's length"
SOURCE = "course_notes.md, 'Worked Examples to Understand Gradient', Example A"
STATEMENT = (
    r"Let $f(x, y) = x^2 + 4y^2$. Compute $\nabla f$, its value and length at $(1, 1)$, the linear "
    r"prediction of the change of $f$ for a move $\Delta\mathbf{x} = (0.01, 0.005)$, and compare it with "
    r"the actual change."
)

WHERE = "course_notes.md, Example A"
R = sp.Rational


def derive():
    x, y = sp.symbols("x y")
    f = x**2 + 4 * y**2
    grad = gradient(f, [x, y])
    fx, fy = sp.symbols(r"f_x f_y")
    dx, dy = sp.symbols(r"\Delta{x} \Delta{y}")
    grad_11 = at(grad, [x, y], [1, 1])
    norm = sp.sqrt(fx**2 + fy**2)
    at_gradient = {fx: grad_11[0], fy: grad_11[1]}
    move = {fx: grad_11[0], fy: grad_11[1], dx: R("0.01"), dy: R("0.005")}
    new = {x: R("1.01"), y: R("1.005")}
    f_new, f_old = at(f, [x, y], ["1.01", "1.005"]), at(f, [x, y], [1, 1])
    t = sp.Symbol("t")
    error = (
        at(f, [x, y], [1 + R("0.01") * t, 1 + R("0.005") * t])
        - f_old
        - (grad_11.T * sp.Matrix([R("0.01"), R("0.005")]))[0] * t
    )
    steepest = directional_derivative(f, [x, y], grad_11 / grad_11.norm(), [1, 1])
    return [
        section(
            "The gradient at (1, 1)",
            show("f(x, y)", f),
            calculate(r"\nabla f(x, y)", grad, printed=[2 * x, 8 * y], where=f"{WHERE}, gradient"),
            calculate(r"\nabla f(1, 1)", grad, {x: 1, y: 1}, printed=[2, 8], where=f"{WHERE}, gradient at (1,1)"),
            calculate(
                r"\|\nabla f(1,1)\|",
                norm,
                at_gradient,
                printed=sp.sqrt(68),
                approximately="8.246211...",
                where=f"{WHERE}, magnitude",
                statement=r"\|\nabla f\| = \sqrt{2^2 + 8^2} = \sqrt{4 + 64} = \sqrt{68}",
            ),
            calculate(
                r"\|\nabla f(1,1)\|",
                norm,
                at_gradient,
                approximately="8.246",
                where=f"{WHERE}, 'about 8.246 units of f per unit distance'",
            ),
            prose(
                r"The length of the gradient is the rate of increase along the unit vector "
                r"$u = \nabla f / \|\nabla f\|$ (the steepest direction), computed as a directional derivative:"
            ),
            equation(
                r"\nabla f(1,1) \cdot \frac{\nabla f(1,1)}{\|\nabla f(1,1)\|}",
                r"\frac{2 \cdot 2 + 8 \cdot 8}{\sqrt{68}}",
                value=steepest,
                printed=sp.sqrt(68),
                where=f"{WHERE}, 'the steepest rate of increase'",
            ),
        ),
        section(
            "Linear prediction against the actual change",
            calculate(
                r"\Delta f",
                sp.Add(sp.Mul(fx, dx, evaluate=False), sp.Mul(fy, dy, evaluate=False), evaluate=False),
                move,
                keep_order=True,
                relation=r"\approx",
                printed="0.06",
                where=f"{WHERE}, linear prediction",
                statement=r"\Delta f \approx 2 \cdot 0.01 + 8 \cdot 0.005 = 0.02 + 0.04 = 0.06",
            ),
            equation(r"2 \cdot 0.01", value=2 * R("0.01"), printed="0.02", where=f"{WHERE}, linear prediction"),
            equation(r"8 \cdot 0.005", value=8 * R("0.005"), printed="0.04", where=f"{WHERE}, linear prediction"),
            equation(r"(1.01)^2", value=R("1.01") ** 2, printed="1.0201", where=f"{WHERE}, actual value"),
            equation(r"(1.005)^2", value=R("1.005") ** 2, printed="1.010025", where=f"{WHERE}, actual value"),
            equation(r"4 \cdot 1.010025", value=4 * R("1.010025"), printed="4.0401", where=f"{WHERE}, actual value"),
            calculate(r"f(1.01, 1.005)", f, new, printed="5.0602", where=f"{WHERE}, actual value"),
            calculate(r"f(1, 1)", f, {x: 1, y: 1}, printed=5, where=f"{WHERE}, initial value"),
            equation(
                r"f(1.01, 1.005) - f(1, 1)",
                r"5.0602 - 5",
                value=f_new - f_old,
                printed="0.0602",
                where=f"{WHERE}, actual change",
            ),
            prose(
                r"The actual change $0.0602$ is close to the prediction $0.06$: along the move "
                r"$t\,\Delta\mathbf{x}$ the error of the linear prediction is exactly quadratic in $t$ "
                r"(here $t = 1$ gives $0.0002$):"
            ),
            check(
                order(
                    f"{WHERE}, 'a very good first-order prediction'",
                    r"f(\mathbf{x} + t\Delta\mathbf{x}) - "
                    r"f(\mathbf{x}) - t\,\nabla f \cdot \Delta\mathbf{x} = O(t^2)",
                    error,
                    t,
                    2,
                ),
                shown=rf"E(t) = f(\mathbf{{x}} + t\Delta\mathbf{{x}}) - f(\mathbf{{x}}) "
                rf"- t\,\nabla f\cdot\Delta\mathbf{{x}} "
                rf"= {tex(sp.expand(error))}",
            ),
        ),
    ]
