r"""Course notes, Example B: two exact gradient-descent steps on f = (x - 3)^2 + 2(y + 1)^2."""

import sympy as sp

from symnn import gradient, gradient_descent
from symnn.report.printer import tex
from symnn.report.steps import calculate, check, code, equation, prose, section, show
from symnn.verify import equal, holds

ORDER = 40
TITLE = "Example B: gradient descent in 2D"
SOURCE = "course_notes.md, 'Worked Examples to Understand Gradient', Example B"
STATEMENT = (
    r"Minimize $f(x, y) = (x - 3)^2 + 2(y + 1)^2$ by gradient descent from $(0, 0)$ with learning rate "
    r"$\eta = 0.1$: two steps, with the value of $f$ after each."
)

WHERE = "course_notes.md, Example B"
R = sp.Rational
ETA = R("0.1")


# Gradient descent on (x - 3)^2 + 2 (y + 1)^2; exact when given exact numbers. No docstring:
# latexify would print it into the algorithm.
def descend(x, y, eta, steps):
    for k in range(steps):  # noqa: B007 -- k names the step in the printed algorithm
        x, y = x - eta * 2 * (x - 3), y - eta * 4 * (y + 1)
    return x, y


def derive():
    x, y = sp.symbols("x y")
    f = (x - 3) ** 2 + 2 * (y + 1) ** 2
    book_gradient = sp.Matrix([sp.Mul(2, x - 3, evaluate=False), sp.Mul(4, y + 1, evaluate=False)])
    first, second = gradient_descent(f, [x, y], [0, 0], ETA, 2)
    loop = descend(sp.Integer(0), sp.Integer(0), ETA, 2)

    def point(p):
        return tex(sp.Tuple(*p))

    return [
        section(
            "The gradient",
            show("f(x, y)", f),
            calculate(
                r"\nabla f",
                gradient(f, [x, y]),
                printed=book_gradient,
                where=f"{WHERE}, gradient",
                statement=r"\nabla f = (2(x - 3),\; 4(y + 1))",
            ),
        ),
        section(
            "First step from (0, 0)",
            calculate(r"\nabla f(0, 0)", book_gradient, {x: 0, y: 0}, printed=[-6, 4], where=f"{WHERE}, step 1"),
            equation(
                r"(x_{\mathrm{new}}, y_{\mathrm{new}})",
                r"(x, y) - \eta\,\nabla f(x, y)",
                rf"{point(first.point)} - 0.1 \cdot {point(first.gradient)}",
                r"(0 + 0.6,\; 0 - 0.4)",
                value=first.new_point,
                printed=["0.6", "-0.4"],
                where=f"{WHERE}, step 1 update",
            ),
            calculate(r"f(0, 0)", f, {x: 0, y: 0}, printed=11, where=f"{WHERE}, f(0,0) = 9 + 2 = 11"),
            calculate(
                r"f(0.6, -0.4)", f, {x: R("0.6"), y: R("-0.4")}, printed="6.48", where=f"{WHERE}, value after step 1"
            ),
            equation(r"(-2.4)^2", value=R("-2.4") ** 2, printed="5.76", where=f"{WHERE}, value after step 1"),
            equation(
                r"2 \cdot (0.6)^2",
                r"2 \cdot 0.36",
                value=2 * R("0.6") ** 2,
                printed="0.72",
                where=f"{WHERE}, value after step 1",
            ),
            equation(r"5.76 + 0.72", value=R("5.76") + R("0.72"), printed="6.48", where=f"{WHERE}, value after step 1"),
            check(
                holds(
                    f"{WHERE}, 'big drop from 11 to 6.48'",
                    r"f(0.6, -0.4) < f(0, 0)",
                    sp.StrictLessThan(first.new_value, first.value),
                )
            ),
        ),
        section(
            "Second step",
            calculate(
                r"\nabla f(0.6, -0.4)",
                book_gradient,
                {x: R("0.6"), y: R("-0.4")},
                printed=["-4.8", "2.4"],
                where=f"{WHERE}, step 2",
            ),
            equation(
                r"(x_{\mathrm{new}}, y_{\mathrm{new}})",
                rf"{point(second.point)} - 0.1 \cdot {point(second.gradient)}",
                value=second.new_point,
                printed=["1.08", "-0.64"],
                where=f"{WHERE}, step 2 update",
            ),
            calculate(
                r"f(1.08, -0.64)",
                f,
                {x: R("1.08"), y: R("-0.64")},
                printed="3.9456",
                where=f"{WHERE}, value after step 2",
            ),
            check(
                holds(
                    f"{WHERE}, 'decreasing further'",
                    r"f(1.08, -0.64) < f(0.6, -0.4)",
                    sp.StrictLessThan(second.new_value, second.value),
                )
            ),
        ),
        section(
            "The same two steps as a Python loop",
            code(
                descend,
                r"The update as plain Python (shown through latexify-py); run with exact SymPy numbers "
                r"$x = y = 0$, $\eta = 0.1$ and two steps it returns "
                rf"${point(loop)}$.",
                algorithmic=True,
                use_math_symbols=True,
            ),
            check(
                equal(
                    f"{WHERE}, steps 1 and 2 by the loop",
                    r"\mathrm{descend}(0, 0, 0.1, 2) = (1.08, -0.64)",
                    [R("1.08"), R("-0.64")],
                    list(loop),
                )
            ),
            prose(
                r"The minimum is at $(3, -1)$ where $f = 0$; each step multiplies the distance to it by "
                r"$1 - 2\eta = 0.8$ in $x$ and $1 - 4\eta = 0.6$ in $y$:"
            ),
            show(r"x_k - 3", r"(0.8)^k (0 - 3)", r"-3 (0.8)^k"),
            check(
                equal(f"{WHERE}, the iterates", r"x_2 = 3 - 3 \cdot 0.8^2", 3 - 3 * R("0.8") ** 2, second.new_point[0])
            ),
        ),
    ]
