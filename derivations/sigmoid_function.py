r"""Sigmoid article, "the sigmoid function": sigma(0), its limits, sigma' = sigma(1 - sigma)."""

import sympy as sp
from sympy import exp

from symnn.report.steps import calculate, check, code, drawing, prose, section, show
from symnn.verify import equal, holds

ORDER = 110
TITLE = "The sigmoid function"
SOURCE = "sigmoid_article.md, the sigmoid function (Figure 1); Higham & Higham (2019), eqs. (3) and (5)"
STATEMENT = (
    r"The sigmoid $\sigma(x) = \frac{1}{1 + e^{-x}}$ is like a step function but continuous and differentiable: "
    r"when there is enough input ($x$ large) it gives output 1, otherwise it remains inactive. Its derivative is "
    r"$\sigma'(x) = \sigma(x)\bigl(1 - \sigma(x)\bigr)$ (Higham \& Higham, eq.~(5))."
)

WHERE = "sigmoid_article.md, the sigmoid function"
HIGHAM = "Higham & Higham (2019), eq. (5)"

FIGURE = r"""
\begin{center}
\begin{tikzpicture}[x=0.5cm,y=2.2cm]
  \draw[->] (-7,0) -- (7.3,0) node[right] {$x$};
  \draw[->] (0,-0.1) -- (0,1.2) node[above] {$\sigma(x)$};
  \draw[dashed,gray] (-7,1) -- (7,1) node[right] {$1$};
  \draw[thick,blue] plot[domain=-7:7,samples=120] (\x,{1/(1+exp(-\x))});
  \draw[gray] (-7,0) -- (0,0) -- (0,1) -- (7,1);
  \fill (0,0.5) circle (1.5pt) node[left] {$\tfrac12$};
\end{tikzpicture}
\end{center}
"""

#: What the picture shows, for formats without TikZ (HTML, Markdown, text).
DESCRIPTION = (
    r"A plot of the sigmoid $\sigma(x)$ for $-7 \le x \le 7$, rising from 0 to 1 through "
    r"$\sigma(0) = \tfrac12$, over the unit step."
)


def sigmoid(x):
    return 1 / (1 + exp(-x))


def derive():
    x = sp.Symbol("x", real=True)
    a = sp.Symbol("a", positive=True)
    s = sigmoid(x)
    s_prime = sp.diff(s, x)
    return [
        section(
            "The function",
            code(
                sigmoid,
                r"The sigmoid as plain Python (shown through latexify-py); called with SymPy numbers "
                r"it computes exactly, and it is the function used in every line below.",
            ),
            drawing(FIGURE, DESCRIPTION, r"The sigmoid (blue) is a smoothed version of the unit step (grey)."),
            calculate(r"\sigma(0)", s, {x: 0}, printed=sp.Rational(1, 2), where=f"{WHERE}, Figure 1: sigma(0) = 1/2"),
            calculate(
                r"\lim_{x \to \infty} \sigma(x)",
                sp.Limit(s, x, sp.oo),
                printed=1,
                where=f"{WHERE}, 'enough input (x is large) gives output 1'",
            ),
            calculate(
                r"\lim_{x \to -\infty} \sigma(x)",
                sp.Limit(s, x, -sp.oo),
                printed=0,
                where=f"{WHERE}, 'otherwise it remains inactive'",
            ),
            check(holds(f"{WHERE}, outputs between 0 and 1", r"\sigma(x) > 0", sp.StrictGreaterThan(s, 0))),
            show(r"1 - \sigma(x)", sp.simplify(1 - s)),
            check(
                holds(
                    f"{WHERE}, outputs between 0 and 1", r"\sigma(x) < 1", sp.StrictGreaterThan(sp.simplify(1 - s), 0)
                )
            ),
        ),
        section(
            "The derivative",
            show(r"\sigma'(x)", s_prime),
            check(
                equal(
                    HIGHAM, r"\sigma'(x) = \sigma(x)\bigl(1 - \sigma(x)\bigr)", sigmoid(x) * (1 - sigmoid(x)), s_prime
                )
            ),
            calculate(
                r"\sigma'(0)",
                s * (1 - s),
                {x: 0},
                printed=sp.Rational(1, 4),
                where=f"{HIGHAM} at x = 0 (the steepest point)",
            ),
            check(
                holds(
                    f"{WHERE}, 'continuous and differentiable': increasing",
                    r"\sigma'(x) > 0",
                    sp.StrictGreaterThan(s_prime, 0),
                )
            ),
        ),
        section(
            "A smoothed step",
            prose(
                r"Steepening the argument, $\sigma(a x)$ with $a \to \infty$, recovers the step: 1 for $x > 0$ "
                r"and 0 for $x < 0$ (checked at $x = \pm 0.1$), while $\sigma(a \cdot 0) = \tfrac12$ for every $a$."
            ),
            calculate(
                r"\lim_{a \to \infty} \sigma(0.1\, a)",
                sp.Limit(sigmoid(a * sp.Rational(1, 10)), a, sp.oo),
                printed=1,
                where=f"{WHERE}, 'like a step function'",
            ),
            calculate(
                r"\lim_{a \to \infty} \sigma(-0.1\, a)",
                sp.Limit(sigmoid(-a * sp.Rational(1, 10)), a, sp.oo),
                printed=0,
                where=f"{WHERE}, 'like a step function'",
            ),
        ),
    ]
