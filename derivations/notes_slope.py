r"""Course notes, "Understand the Meaning of Gradients": the slope of f(x) = x^2 at x = 1."""

import sympy as sp

from symnn import gradient
from symnn.report.steps import calculate, check, prose, section, show
from symnn.verify import holds

ORDER = 20
TITLE = "The derivative as a slope"
SOURCE = "course_notes.md, section 'Understand the Meaning of Gradients'"
STATEMENT = (
    r"Let $f(x) = x^2$. The derivative of this function is $f'(x) = 2x$. [...] If we evaluate this at "
    r"$x = 1$, we find that the slope is $2$. This means that the function is increasing at that point."
)

WHERE = "course_notes.md, Understand the Meaning of Gradients"


def derive():
    x, y = sp.symbols("x y")
    f = x**2
    f_prime = sp.diff(f, x)
    g = sp.Function("f")(x, y)
    return [
        section(
            "The slope at x = 1",
            show("f(x)", f),
            calculate("f'(x)", f_prime, printed=2 * x, where=f"{WHERE}, f'(x) = 2x"),
            calculate("f'(1)", f_prime, {x: 1}, printed=2, where=f"{WHERE}, slope at x = 1"),
            prose(r"A positive slope means $f$ increases through $x = 1$: $f(1 + h) > f(1)$ for small $h > 0$."),
            check(holds(f"{WHERE}, increasing at x = 1", r"f'(1) > 0", sp.StrictGreaterThan(f_prime.subs(x, 1), 0))),
        ),
        section(
            "The gradient of f(x, y)",
            prose(
                r"In several variables the gradient collects the partial derivatives, "
                r"$\nabla f = \left(\frac{\partial f}{\partial x}, \frac{\partial f}{\partial y}\right)$; "
                r"\texttt{symnn.gradient} returns exactly that column, in the order of the variables:"
            ),
            calculate(
                r"\nabla f",
                gradient(g, [x, y]),
                printed=[sp.Derivative(g, x), sp.Derivative(g, y)],
                where=f"{WHERE}, definition of the gradient",
                statement=r"\nabla f = \left(\frac{\partial f}{\partial x}, \frac{\partial f}{\partial y}\right)",
            ),
        ),
    ]
