r"""Sigmoid article and Higham & Higham eq. (9): the cost, its 1/2 and 1/N, on the paper's data."""

import sympy as sp
from sympy import sqrt

from symnn import Activation, Network
from symnn.report.printer import tex
from symnn.report.steps import calculate, check, code, equation, prose, section, show
from symnn.train import higham_data
from symnn.verify import equal

ORDER = 140
TITLE = "The cost function with its 1/2 and 1/N"
SOURCE = "sigmoid_article.md, the cost (objective) function; Higham & Higham (2019), eqs. (9) and (18)"
STATEMENT = (
    r"The cost $\mathrm{Cost} = \frac{1}{N}\sum_{i=1}^{N} \frac12 \bigl\|y(x^{\{i\}}) - F(x^{\{i\}})\bigr\|_2^2$ "
    r"($N = 20$ in the article, $N = 10$ in Higham \& Higham's example) uses the data and the network; "
    r"``the other multiples 1/20 is used to normalize the function and 1/2 is used for the differentiation "
    r"point of view. But they do not matter to us from the optimization point of view (why?)''"
)

WHERE = "sigmoid_article.md, cost function"
HIGHAM = "Higham & Higham (2019), eq. (9)"
R = sp.Rational

#: netbp.m's data (higham2019.md): points 1-5 category A (target [1, 0]), 6-10 category B ([0, 1]).
DATA = [(list(x), list(y)) for x, y in higham_data()]

_t = sp.Symbol("t")
sigma = sp.Function("sigma")
NAMED_SIGMA = Activation("sigma", sp.Lambda(_t, sigma(_t)), sp.Lambda(_t, sigma(_t) * (1 - sigma(_t))), r"\sigma")


def norm(v):
    return sqrt(sum(entry**2 for entry in v))


def cost(F, x, y, N):
    return sum(norm(y[i] - F(x[i])) ** 2 / 2 for i in range(1, N + 1)) / N


def derive():
    real = Network([2, 2, 3, 2])
    named = Network([2, 2, 3, 2], activation=NAMED_SIGMA)
    N = len(DATA)
    x = {i: sp.Matrix(p) for i, (p, _) in enumerate(DATA, start=1)}
    y = {i: sp.Matrix(t) for i, (_, t) in enumerate(DATA, start=1)}
    zero = {p: 0 for p in real.parameters()}

    def F_at_zero(point):
        return real.output_at(point).xreplace(zero)

    cost_at_zero = cost(F_at_zero, x, y, N)
    scaled = sp.Add(*[norm(y[i] - F_at_zero(x[i])) ** 2 for i in range(1, N + 1)])

    def F_named(point):
        return named.output_at(point)

    named_cost = cost(F_named, x, y, N)
    named_scaled = sp.Add(*[norm(y[i] - F_named(x[i])) ** 2 for i in range(1, N + 1)])
    a, target, c = sp.symbols("a y c", real=True)
    w = real.W[4][0, 0]
    return [
        section(
            "The cost as code",
            code(
                cost,
                r"The cost as plain Python (shown through latexify-py), with "
                r"$\mathrm{norm}(v) = \sqrt{\sum_j v_j^2}$; the lines below call it with exact numbers.",
                use_math_symbols=True,
            ),
            prose(
                r"Higham \& Higham's ten points, $x^{\{i\}} = (x_1, x_2)$ with targets $(1, 0)$ for $i \le 5$ "
                r"and $(0, 1)$ for $i > 5$: " + r", ".join(f"${tex(sp.Tuple(*p))}$" for p, _ in DATA) + "."
            ),
            check(
                equal(
                    HIGHAM,
                    r"\mathrm{cost}(F, x, y, 10) = \frac{1}{10}\sum_{i=1}^{10} C(x^{\{i\}}, y^{\{i\}})",
                    named.cost(DATA),
                    named_cost,
                ),
                shown=r"\text{the code agrees with symnn's Network.cost, eq. (9), for every parameter value}",
            ),
        ),
        section(
            "The cost at all-zero parameters",
            prose(
                r"With every weight and bias $0$ each neuron outputs $\sigma(0) = \tfrac12$, so $F(x) = (\tfrac12, "
                r"\tfrac12)$ for every input and each point contributes $\tfrac12\|y - F\|^2 = \tfrac14$:"
            ),
            equation(
                r"F(x^{\{1\}})\big|_{\theta = 0}",
                value=F_at_zero(x[1]),
                printed=[R(1, 2), R(1, 2)],
                where=f"{HIGHAM}, F at theta = 0",
            ),
            equation(
                r"\tfrac12 \|y^{\{1\}} - F(x^{\{1\}})\|^2",
                r"\tfrac12\bigl((1 - 0.5)^2 + (0 - 0.5)^2\bigr)",
                value=norm(y[1] - F_at_zero(x[1])) ** 2 / 2,
                printed=R(1, 4),
                where=f"{HIGHAM}, one point",
            ),
            equation(
                r"\mathrm{Cost}\big|_{\theta = 0}",
                r"\mathrm{cost}(F, x, y, 10)",
                value=cost_at_zero,
                printed=R(1, 4),
                where=f"{HIGHAM} at theta = 0",
            ),
            equation(
                r"\sum_{i} \|y^{\{i\}} - F(x^{\{i\}})\|^2\big|_{\theta = 0}",
                value=scaled,
                printed=5,
                where="higham2019.md, netbp.m's scaled cost norm(costvec)^2 at theta = 0",
            ),
            prose(
                r"netbp.m records $\sum_i \|y^{\{i\}} - F(x^{\{i\}})\|^2 = 2N\cdot\mathrm{Cost} = 20\,\mathrm{Cost}$, "
                r"a scaled cost; at $\theta = 0$ it is $5$, the height of the plateau the paper's training "
                r"sits on early (its random start gave 5.3). The factor is $2N$ for every $\theta$:"
            ),
            check(
                equal(
                    "higham2019.md, 'norm(costvec)^2 is 20 x the Cost of eq. (9)'",
                    r"\sum_{i=1}^{10}\|y^{\{i\}} - F(x^{\{i\}})\|^2 = 20\,\mathrm{Cost}",
                    named_scaled,
                    20 * named_cost,
                )
            ),
        ),
        section(
            "Why 1/2, and why the constants do not matter",
            prose(r"For one output $a$ with target $y$ the $\tfrac12$ cancels the 2 of the derivative of the square:"),
            calculate(
                r"\frac{\partial}{\partial a}\,\tfrac12 (y - a)^2",
                sp.diff((target - a) ** 2 / 2, a),
                printed=a - target,
                where=f"{WHERE}, '1/2 is used for the differentiation point of view'",
            ),
            prose(
                r"A positive constant $c$ (such as $\tfrac1{20}$ or $\tfrac12$) scales the gradient, "
                r"$\nabla(c\,\mathrm{Cost}) = c\,\nabla\mathrm{Cost}$, so both costs have the same stationary points "
                r"and the same minimisers: only the effective learning rate $c\eta$ changes. Checked for a weight "
                rf"of the network, ${tex(w)}$, and the ten-point cost:"
            ),
            check(
                equal(
                    f"{WHERE}, 'they do not matter from the optimization point of view'",
                    r"\frac{\partial (c\,\mathrm{Cost})}{\partial w^{[4]}_{11}} = "
                    r"c\,\frac{\partial \mathrm{Cost}}{\partial w^{[4]}_{11}}",
                    sp.diff(c * named_cost, w),
                    c * sp.diff(named_cost, w),
                )
            ),
            show(r"\theta - \eta\,\nabla(c\,\mathrm{Cost})", r"\theta - (c\eta)\,\nabla \mathrm{Cost}"),
        ),
    ]
