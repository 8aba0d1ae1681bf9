r"""Higham & Higham (2019), Section 6: the stochastic gradient step of netbp.m, and the training figures."""

import sympy as sp

from symnn import Network, direct_gradient
from symnn.report.printer import tex
from symnn.report.steps import check, display, figure, prose, section
from symnn.verify import equal

ORDER = 160
TITLE = "Training the 2-2-3-2 network: the stochastic gradient step of netbp.m"
SOURCE = "Higham & Higham (2019), Section 6, Listing 6.1 (netbp.m); higham2019.md, training protocol"
STATEMENT = (
    r"Each step picks one point $x^{\{k\}}$ uniformly at random, computes all $\delta$'s first, then updates "
    r"$W^{[l]} \leftarrow W^{[l]} - \eta\, \delta^{[l]} (a^{[l-1]})^T$ and $b^{[l]} \leftarrow b^{[l]} - \eta\, "
    r"\delta^{[l]}$, with $\eta = 0.05$, for $10^6$ steps. The paper's scaled cost fell from 5.3 to "
    r"$7.3 \times 10^{-4}$."
)

WHERE = "higham2019.md, training protocol (netbp.m)"
R = sp.Rational
ETA = R("0.05")
#: Figures written by ``symnn train higham`` (default output reports/train), relative to reports/.
FIGURES = (
    ("train/higham-10-cost.pdf", "The scaled cost on a log axis (the paper's Figure 7)."),
    ("train/higham-10-regions.pdf", "The decision regions, shaded where $F_1 > F_2$ (the paper's Figure 8)."),
)


def derive():
    net = Network([2, 2, 3, 2])
    x, y = [R("0.1"), R("0.5")], [1, 0]  # netbp.m's third point, category A
    weights = {w: R(k % 5 - 2, 4) for k, w in enumerate(p for p in net.parameters() if p.name.startswith("w"))}
    theta = net.zero_input_point(x, {l: net.W[l].xreplace(weights) for l in net.hidden_and_output})
    bp = net.backprop(x, y)
    values = bp.evaluate(theta)
    params = net.parameters()
    netbp_step = sp.Matrix([theta[p] for p in params]) - ETA * bp.gradient().xreplace(values)
    direct_step = sp.Matrix([theta[p] for p in params]) - ETA * direct_gradient(net, x, y).xreplace(theta)
    z_values = [values[z] for layer in net.hidden_and_output for z in net.z_symbols(layer)]

    step_section = section(
        "One step of netbp.m is a gradient step on the one-point cost",
        prose(
            r"netbp.m updates with the $\delta$'s of Lemma 1: "
            r"$W^{[l]} \leftarrow W^{[l]} - \eta\, \delta^{[l]} (a^{[l-1]})^T$, "
            r"$b^{[l]} \leftarrow b^{[l]} - \eta\, \delta^{[l]}$, $\eta = 0.05$. By eqs. (24)--(25) this is "
            r"$\theta \leftarrow \theta - \eta \nabla_\theta C_k$ for "
            r"$C_k = \tfrac12\|y^{\{k\}} - F(x^{\{k\}})\|_2^2$. "
            r"symnn checks it at $x^{\{3\}} = (0.1, 0.5)$, $y = (1, 0)$, with weights in $\{-\tfrac12, \dots, "
            r"\tfrac12\}$ and biases chosen so that every $z^{[l]} = 0$; then $a^{[l]} = \tfrac12$, "
            r"$\sigma'(z^{[l]}) = \tfrac14$ and every number is an exact rational."
        ),
        display(r"z^{[l]}_j = " + tex(sp.Matrix(z_values).T) + r"^T = 0"),
        display(
            r"\delta^{[4]} = "
            + tex(bp.delta[4].xreplace(values))
            + r", \quad \delta^{[2]} = "
            + tex(bp.delta[2].xreplace(values))
        ),
        check(
            equal(
                WHERE,
                r"\theta - \eta\,(\delta^{[l]} (a^{[l-1]})^T, \delta^{[l]})_{l} = \theta - \eta \nabla_\theta C_3",
                netbp_step,
                direct_step,
            ),
            r"\text{netbp.m's step (Lemma 1)} = \text{the step with } \nabla_\theta C_3 "
            r"\text{ by \texttt{sympy.diff}, all 23 parameters}",
        ),
    )
    figures = [
        figure(
            path,
            caption,
            missing=rf"\emph{{Figure \texttt{{{path}}} not found: run \texttt{{symnn train higham}} to draw it.}}",
        )
        for path, caption in FIGURES
    ]
    training_section = section(
        "The experiment, compiled and run",
        prose(
            r"\texttt{symnn train higham} compiles the same backprop program into numeric code and runs "
            r"netbp.m's protocol: 10 points, $\eta = 0.05$, $10^6$ single-point steps from weights drawn as "
            r"$0.5\,\mathcal{N}(0, 1)$. MATLAB's random stream cannot be reproduced, so the run lands in the "
            r"paper's range rather than on its digits (seed 5000: scaled cost 5.07 falling to "
            r"$8.0 \times 10^{-4}$, all 10 points classified correctly). Its figures:"
        ),
        *figures,
    )
    return [step_section, training_section]
