r"""Course notes: p(x) = x^3 + 2x, the derivative at a point, the tangent line and its prediction."""

import sympy as sp

from symnn import at, linear_prediction, taylor_prediction
from symnn.report.printer import tex
from symnn.report.steps import calculate, check, display, equation, prose, section, show
from symnn.verify import equal, order

ORDER = 70
TITLE = "A polynomial: the derivative at a point and the tangent line"
SOURCE = "course_notes.md, 'If the function is higher order (e.g. a polynomial) ...', worked example"
STATEMENT = (
    r"Let $p(x) = x^3 + 2x$. Then $p'(x) = 3x^2 + 2$ and $p'(2) = 14$; $p(2) = 12$, so the tangent is "
    r"$12 + 14(x - 2)$ and predicts $p(2.01) \approx 12.14$. Exactly, $2.01^2 = 4.0401$, $2.01^3 = 8.120601$ "
    r"and $p(2.01) = 12.140601$: the error $0.000601$ is again $\mathcal{O}(h^2)$."
)

WHERE = "course_notes.md, polynomial example"
R = sp.Rational


def derive():
    x, h = sp.symbols("x h")
    p = x**3 + 2 * x
    p_prime = sp.diff(p, x)
    tangent = linear_prediction(p, [x], [2], [x - 2])
    book_tangent = sp.Add(12, sp.Mul(14, x - 2, evaluate=False), evaluate=False)
    predicted = linear_prediction(p, [x], [2], ["0.01"])
    exact = at(p, [x], ["2.01"])
    error = sp.expand(p.subs(x, 2 + h) - linear_prediction(p, [x], [2], [h]))
    cubic = taylor_prediction(p, [x], [2], [h], order=3)
    return [
        section(
            "Derivative function and derivative at a point",
            show("p(x)", p),
            calculate("p'(x)", p_prime, printed=3 * x**2 + 2, where=f"{WHERE}, derivative"),
            calculate("p'(2)", p_prime, {x: 2}, printed=14, where=f"{WHERE}, p'(2) = 3 x 4 + 2 = 14"),
            equation(r"3 \times 2^2", r"3 \times 4", value=3 * 2**2, printed=12, where=f"{WHERE}, p'(2)"),
            calculate("p(2)", p, {x: 2}, printed=12, where=f"{WHERE}, p(2) = 8 + 4 = 12"),
        ),
        section(
            "The tangent line at x = 2",
            display(r"y - y_1 = m(x - x_1), \qquad y_1 = p(2),\; m = p'(2),\; x_1 = 2"),
            equation(
                r"p(2) + p'(2)(x - 2)",
                tex(book_tangent, order="none"),
                value=tangent,
                printed=book_tangent,
                where=f"{WHERE}, tangent",
                statement=r"\text{tangent} \approx 12 + 14(x - 2)",
            ),
            equation(
                r"p(2 + 0.01)",
                r"12 + 14 \cdot 0.01",
                r"12 + 0.14",
                value=predicted,
                printed="12.14",
                where=f"{WHERE}, prediction for h = 0.01",
            ),
            equation(r"14 \cdot 0.01", value=14 * R("0.01"), printed="0.14", where=f"{WHERE}, prediction"),
        ),
        section(
            "Exact value and error",
            equation(r"2.01^2", value=R("2.01") ** 2, printed="4.0401", where=f"{WHERE}, exact value"),
            equation(
                r"2.01^3",
                r"4.0401 \times 2.01",
                value=R("4.0401") * R("2.01"),
                printed="8.120601",
                where=f"{WHERE}, exact value",
            ),
            equation(r"2 \cdot 2.01", value=2 * R("2.01"), printed="4.02", where=f"{WHERE}, exact value"),
            calculate("p(2.01)", p, {x: R("2.01")}, printed="12.140601", where=f"{WHERE}, exact value"),
            equation(
                r"\text{error}",
                r"12.140601 - 12.14",
                value=exact - predicted,
                printed="0.000601",
                where=f"{WHERE}, error",
            ),
            show(r"E(h)", r"p(2 + h) - \bigl(12 + 14 h\bigr)", error),
            check(
                order(f"{WHERE}, 'again O(h^2)'", r"E(h) = \mathcal{O}(h^2)", error, h, 2),
                shown=rf"\lim_{{h \to 0}} E(h)/h^2 = {tex(sp.limit(error / h**2, h, 0))}",
            ),
        ),
        section(
            "Higher derivatives and the Taylor expansion",
            prose(
                r"The notes continue: $f(a+h) = f(a) + f'(a)h + \tfrac12 f''(a)h^2 + \cdots$. For the cubic "
                r"$p$ the expansion stops at $h^3$ and is exact:"
            ),
            show(r"p(2 + h)", r"p(2) + p'(2)h + \tfrac12 p''(2)h^2 + \tfrac16 p'''(2)h^3", cubic),
            check(
                equal(
                    f"{WHERE}, Taylor expansion with higher derivatives",
                    r"p(2 + h) = p(2) + p'(2)h + \tfrac{1}{2}p''(2)h^2 + \tfrac{1}{6}p'''(2)h^3",
                    cubic,
                    sp.expand(p.subs(x, 2 + h)),
                )
            ),
            prose(
                rf"So the error of the linear prediction is ${tex(error)}$, and $6 \cdot 0.01^2 + 0.01^3 = 0.000601$."
            ),
        ),
    ]
