r"""Course notes, "Why do we find gradients?": the linear prediction of f(3.01) for f(x) = x^2."""

import sympy as sp

from symnn import at, linear_prediction
from symnn.report.printer import tex
from symnn.report.steps import calculate, check, equation, prose, section, show
from symnn.verify import order

ORDER = 60
TITLE = "The derivative as a linear prediction"
SOURCE = "course_notes.md, 'Why do we find gradients? (start from 1-D intuition)'"
STATEMENT = (
    r"Take $f(x) = x^2$, so $f'(x) = 2x$ and $f'(3) = 6$. For $h = 0.01$ the linear prediction is "
    r"$f(3 + 0.01) \approx f(3) + f'(3) \cdot 0.01 = 9 + 6 \cdot 0.01 = 9 + 0.06 = 9.06$; the exact value is "
    r"$f(3.01) = 9.0601$, and the error $0.0001$ is $\mathcal{O}(h^2)$."
)

WHERE = "course_notes.md, 1-D example f(x) = x^2"
R = sp.Rational


def derive():
    x, h = sp.symbols("x h")
    f = x**2
    f_prime = sp.diff(f, x)
    f3, fp3 = sp.symbols(r"f(3) f'(3)")
    prediction = sp.Add(f3, sp.Mul(fp3, h, evaluate=False), evaluate=False)
    known = {f3: at(f, [x], [3]), fp3: at(f_prime, [x], [3]), h: R("0.01")}
    predicted = linear_prediction(f, [x], [3], ["0.01"])
    exact = at(f, [x], ["3.01"])
    error = sp.expand(f.subs(x, 3 + h) - linear_prediction(f, [x], [3], [h]))
    return [
        section(
            "The slope at 3",
            show("f(x)", f),
            calculate("f'(x)", f_prime, printed=2 * x, where=f"{WHERE}, derivative"),
            calculate("f'(3)", f_prime, {x: 3}, printed=6, where=f"{WHERE}, f'(3) = 2 x 3 = 6"),
        ),
        section(
            "Linear prediction for h = 0.01",
            calculate(r"f(3)", f, {x: 3}, printed=9, where=f"{WHERE}, linear prediction"),
            equation(r"6 \cdot 0.01", value=6 * R("0.01"), printed="0.06", where=f"{WHERE}, linear prediction"),
            calculate(
                r"f(3 + 0.01)",
                prediction,
                known,
                relation=r"\approx",
                keep_order=True,
                printed="9.06",
                where=f"{WHERE}, linear prediction",
                statement=r"f(3 + 0.01) \approx 9 + 6 \cdot 0.01 = 9.06",
            ),
            prose(
                rf"\texttt{{symnn.linear\_prediction}} computes $f(a) + f'(a)\,h$ on its own and agrees: "
                rf"${tex(predicted)}$."
            ),
        ),
        section(
            "Exact value and error",
            calculate(r"f(3.01)", f, {x: R("3.01")}, printed="9.0601", where=f"{WHERE}, exact value"),
            equation(
                r"\text{error}", r"9.0601 - 9.06", value=exact - predicted, printed="0.0001", where=f"{WHERE}, error"
            ),
            prose(r"For a general step $h$ the error of the linear prediction is"),
            show(r"E(h)", r"f(3 + h) - \bigl(f(3) + f'(3)\,h\bigr)", r"(3 + h)^2 - 9 - 6h", error),
            check(
                order(f"{WHERE}, 'which is O(h^2)'", r"E(h) = \mathcal{O}(h^2)", error, h, 2),
                shown=rf"E(h) = {tex(error)}, \qquad \lim_{{h \to 0}} E(h)/h^2 = 1",
            ),
            prose(r"At $h = 0.01$ this is $0.01^2 = 0.0001$: the derivative gave the dominant, linear, change."),
        ),
    ]
