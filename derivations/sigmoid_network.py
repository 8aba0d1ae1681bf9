r"""Sigmoid article: layers of sigmoids, the 2-2-3-2 network F(X) and its 23 parameters."""

import sympy as sp
from sympy import exp

from symnn import Activation, Network
from symnn.report.printer import tex
from symnn.report.steps import calculate, check, display, equation, prose, section, show
from symnn.verify import equal

ORDER = 130
TITLE = "From one sigmoid to the 2-2-3-2 network"
SOURCE = "sigmoid_article.md, vector input, layers and F(X); Higham & Higham (2019), Section 3"
STATEMENT = (
    r"With input $X = [x_1, x_2]$, weight matrix $W = [w_{11}\ w_{12};\ w_{21}\ w_{22}]$ and bias $B = [b_1, b_2]$ "
    r"the sigmoid applied componentwise to $WX + B$ creates a new layer of neurons; a $3 \times 2$ weight matrix "
    r"creates three. Repeating this gives four layers and the function "
    r"$F(X) = \sigma\bigl(W^{[4]}\sigma(W^{[3]}\sigma(W^{[2]}X + b^{[2]}) + b^{[3]}) + b^{[4]}\bigr)$ "
    r"with 23 weights and biases to optimise."
)

WHERE = "sigmoid_article.md"
HIGHAM = "Higham & Higham (2019), Section 3"

_t = sp.Symbol("t")
sigma = sp.Function("sigma")
#: sigma kept as a named function, so the program prints as the book writes it.
NAMED_SIGMA = Activation("sigma", sp.Lambda(_t, sigma(_t)), sp.Lambda(_t, sigma(_t) * (1 - sigma(_t))), r"\sigma")


def sigmoid(x):
    return 1 / (1 + exp(-x))


def derive():
    one_layer = Network([2, 2], activation=NAMED_SIGMA)
    W, b, X = one_layer.W[2], one_layer.b[2], one_layer.x
    by_hand = sp.Matrix([sigma(W[0, 0] * X[0] + W[0, 1] * X[1] + b[0]), sigma(W[1, 0] * X[0] + W[1, 1] * X[1] + b[1])])
    three = Network([2, 2, 3], activation=NAMED_SIGMA)
    net = Network([2, 2, 3, 2], activation=NAMED_SIGMA)
    forward = net.forward()
    real = Network([2, 2, 3, 2])

    def layer(M):
        return M.applyfunc(sigmoid)

    nested = layer(real.W[4] * layer(real.W[3] * layer(real.W[2] * real.x + real.b[2]) + real.b[3]) + real.b[4])
    n = sp.symbols("n_1:5")
    count = sp.Add(*[sp.Mul(n[i], n[i - 1], evaluate=False) + n[i] for i in (1, 2, 3)], evaluate=False)
    sizes = dict(zip(n, real.layers, strict=True))
    return [
        section(
            "One layer: the sigmoid of WX + B",
            show(r"W X + B", W * X + b),
            check(
                equal(
                    f"{WHERE}, new layer from X = [x1, x2]",
                    r"\sigma(WX + B) = \begin{bmatrix}\sigma(w_{11}x_1 + w_{12}x_2 + b_1)\\"
                    r"\sigma(w_{21}x_1 + w_{22}x_2 + b_2)\end{bmatrix}",
                    by_hand,
                    one_layer.output,
                ),
                shown=rf"\sigma(W^{{[2]}} X + b^{{[2]}}) = {tex(one_layer.output)}",
            ),
            prose(r"A $3 \times 2$ weight matrix and a bias of length 3 make three neurons in the next layer:"),
            equation(
                r"\dim z^{[3]}",
                r"\text{rows of } W^{[3]}",
                value=three.forward().z[3].rows,
                printed=3,
                where=f"{WHERE}, 'weight matrix of order 3 by 2 ... three new neurons'",
            ),
        ),
        section(
            "The 2-2-3-2 network as a program",
            prose(
                r"The four layers, written as the straight-line program symnn keeps (each name defined once, "
                r"in terms of earlier ones, so nothing swells):"
            ),
            [show(tex(name), value) for name, value in forward.program.steps],
            prose(r"Inlined, the program is the article's nested formula, written out with the real sigmoid:"),
            display(
                r"F(X) = \sigma\Bigl(W^{[4]}\,\sigma\bigl(W^{[3]}\,\sigma(W^{[2]}X + b^{[2]}) + b^{[3]}\bigr)"
                r" + b^{[4]}\Bigr) \in \mathbb{R}^2"
            ),
            check(
                equal(
                    f"{WHERE}, F(X); {HIGHAM}",
                    r"a^{[4]} = \sigma(W^{[4]}\sigma(W^{[3]}\sigma(W^{[2]}X + b^{[2]}) + b^{[3]}) + b^{[4]})",
                    nested,
                    real.output,
                )
            ),
        ),
        section(
            "Counting the parameters",
            calculate(
                r"\#\text{parameters}",
                count,
                sizes,
                keep_order=True,
                printed=23,
                where=f"{WHERE}, 'they are 23 in numbers'",
                statement=r"\sum_{l=2}^{4} (n_l n_{l-1} + n_l) = 23",
            ),
            equation(
                r"\texttt{len(Network([2, 2, 3, 2]).parameters())}",
                value=len(real.parameters()),
                printed=23,
                where=f"{WHERE}, 'all these 23 parameters'",
            ),
            prose(
                r"In symnn's parameter order (layer by layer, $W^{[l]}$ row by row, then $b^{[l]}$): "
                + r",\allowbreak\ ".join(f"${tex(p)}$" for p in real.parameters())
                + "."
            ),
        ),
    ]
