r"""Sigmoid article: scaling and shifting, sigma(a(x - b)); a is the weight, b the bias."""

import sympy as sp
from sympy import exp

from symnn.report.steps import calculate, check, drawing, prose, section, show
from symnn.verify import equal

ORDER = 120
TITLE = "Scaling and shifting the sigmoid"
SOURCE = "sigmoid_article.md, scaling and shifting the argument, sigma(a(x - b))"
STATEMENT = (
    r"We handle the steepness and the transition of the sigmoid by scaling and shifting its argument, "
    r"$\sigma\bigl(a(x - b)\bigr)$: here $x$ is the input, $a$ the \emph{weight} and $b$ the \emph{bias}."
)

WHERE = "sigmoid_article.md, scaling and shifting"

FIGURE = r"""
\begin{center}
\begin{tikzpicture}[x=0.55cm,y=2cm]
  \draw[->] (-6,0) -- (6.3,0) node[right] {$x$};
  \draw[->] (0,-0.1) -- (0,1.15);
  \draw[thick,blue] plot[domain=-6:6,samples=120] (\x,{1/(1+exp(-\x))}) node[right] {$a=1,b=0$};
  \draw[thick,red] plot[domain=-0.3:6,samples=160] (\x,{1/(1+exp(-4*(\x-2)))});
  \draw[thick,red] (-6,0) -- (-0.3,0);
  \draw[thick,green!50!black] plot[domain=-6:6,samples=120] (\x,{1/(1+exp(0.5*(\x+2)))});
  \node[red] at (4.2,0.55) {$a=4,b=2$};
  \node[green!50!black] at (-4.3,0.55) {$a=-\tfrac12,b=-2$};
\end{tikzpicture}
\end{center}
"""

#: What the picture shows, for formats without TikZ (HTML, Markdown, text).
DESCRIPTION = r"A plot of $\sigma\bigl(a(x - b)\bigr)$ for three choices of $(a, b)$."


def sigmoid(x):
    return 1 / (1 + exp(-x))


def derive():
    x, b = sp.symbols("x b", real=True)
    a = sp.Symbol("a", positive=True)
    w, beta = sp.symbols(r"w beta", real=True)
    scaled = sigmoid(a * (x - b))
    slope = sp.diff(scaled, x)
    return [
        section(
            "Transition and steepness",
            drawing(
                FIGURE,
                DESCRIPTION,
                r"Three choices of $(a, b)$: $b$ moves the transition, $a$ sets its steepness "
                r"(a negative $a$ flips the curve).",
            ),
            calculate(
                r"\sigma\bigl(a(x - b)\bigr)\big|_{x = b}",
                scaled,
                {x: b},
                printed=sp.Rational(1, 2),
                where=f"{WHERE}: the transition sits at x = b",
            ),
            show(r"\frac{d}{dx}\,\sigma\bigl(a(x - b)\bigr)", r"a\,\sigma'\bigl(a(x - b)\bigr)", slope),
            calculate(
                r"\frac{d}{dx}\,\sigma\bigl(a(x - b)\bigr)\big|_{x = b}",
                slope,
                {x: b},
                printed=a / 4,
                where=f"{WHERE}: the steepness grows with a",
            ),
            calculate(
                r"\lim_{a\to\infty} \sigma\bigl(a \cdot 0.1\bigr)",
                sp.Limit(sigmoid(a * sp.Rational(1, 10)), a, sp.oo),
                printed=1,
                where=f"{WHERE}: large a, just right of the transition (x = b + 0.1)",
            ),
            calculate(
                r"\lim_{a\to\infty} \sigma\bigl(a \cdot (-0.1)\bigr)",
                sp.Limit(sigmoid(-a * sp.Rational(1, 10)), a, sp.oo),
                printed=0,
                where=f"{WHERE}: large a, just left of the transition (x = b - 0.1)",
            ),
        ),
        section(
            "Weight and bias",
            prose(
                r"In a network a neuron computes $\sigma(w x + \beta)$. Expanding the article's form shows the "
                r"weight is $w = a$ and the additive bias is $\beta = -ab$ (the article's $b$ is the shift, "
                r"the point where the neuron switches):"
            ),
            check(
                equal(
                    f"{WHERE}: 'a is the weight and b is the bias'",
                    r"\sigma\bigl(a(x - b)\bigr) = \sigma(w x + \beta), \; w = a, \; \beta = -ab",
                    scaled,
                    sigmoid(w * x + beta).xreplace({w: a, beta: -a * b}),
                )
            ),
        ),
    ]
