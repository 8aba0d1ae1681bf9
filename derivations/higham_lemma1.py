r"""Higham & Higham (2019), Lemma 1 (backpropagation) for the 2-2-3-2 network: delta form and D[l] form."""

import sympy as sp

from symnn import Activation, Network, direct_gradient, jacobian, prove_backprop
from symnn.report.printer import tex
from symnn.report.steps import check, display, equation, prose, section, show
from symnn.report.tex import escape
from symnn.verify import equal, holds

ORDER = 150
TITLE = "Lemma 1 (backpropagation) for the 2-2-3-2 network"
SOURCE = "Higham & Higham (2019), Section 5, Lemma 1, eqs. (22)-(25); higham2019.md"
STATEMENT = (
    r"For the one-point cost $C = \tfrac12\|y - a^{[L]}\|_2^2$ and $\delta^{[l]}_j = \partial C/\partial z^{[l]}_j$: "
    r"$\delta^{[L]} = \sigma'(z^{[L]}) \circ (a^{[L]} - y)$ (22); "
    r"$\delta^{[l]} = \sigma'(z^{[l]}) \circ (W^{[l+1]})^T \delta^{[l+1]}$ for $2 \le l \le L-1$ (23); "
    r"$\partial C/\partial b^{[l]}_j = \delta^{[l]}_j$ (24); "
    r"$\partial C/\partial w^{[l]}_{jk} = \delta^{[l]}_j a^{[l-1]}_k$ (25). With $D^{[l]} = "
    r"\operatorname{diag}(\sigma'(z^{[l]}))$: "
    r"$\delta^{[l]} = D^{[l]} (W^{[l+1]})^T D^{[l+1]} \cdots D^{[L]} (a^{[L]} - y)$. "
    r"Proved here for $L = 4$, layer sizes $2, 2, 3, 2$."
)

PAPER = "Higham & Higham (2019), Lemma 1"
R = sp.Rational

_t = sp.Symbol("t")
sigmaprime = sp.Function("sigmaprime")


class sigma(sp.Function):
    """An arbitrary differentiable activation: sigma' is an unknown function too."""

    def fdiff(self, argindex=1):
        return sigmaprime(self.args[0])


#: sigma and sigma' left unknown: what holds for ANY differentiable activation.
ANY_SIGMA = Activation("sigma", sp.Lambda(_t, sigma(_t)), sp.Lambda(_t, sigmaprime(_t)), r"\sigma")


def _above(net, layer):
    """C as a function of z[layer]: the layers above it, nested."""
    a = net.z_symbols(layer).applyfunc(net.activations[layer])
    for m in range(layer + 1, net.L + 1):
        a = (net.W[m] * a + net.b[m]).applyfunc(net.activations[m])
    return sp.Rational(1, 2) * sp.Add(*[(yj - aj) ** 2 for yj, aj in zip(net.y, a, strict=True)])


def _in_z(net, layer, expr):
    """``expr`` (in named a[m], z[m] for m >= layer) written in z[layer] only."""
    a = net.z_symbols(layer).applyfunc(net.activations[layer])
    names = dict(zip(net.a_symbols(layer), a, strict=True))
    for m in range(layer + 1, net.L + 1):
        z = net.W[m] * a + net.b[m]
        names.update(zip(net.z_symbols(m), z, strict=True))
        a = z.applyfunc(net.activations[m])
        names.update(zip(net.a_symbols(m), a, strict=True))
    for _ in range(net.L):  # names refer to names: substitute until none is left
        expr = expr.xreplace(names)
    return expr


def _delta_form(net, bp):
    items = [
        prose(
            r"Let $\sigma$ be \emph{any} differentiable activation, its derivative $\sigma'$ another unknown "
            r"function. Backpropagation is the program"
        ),
        [show(tex(name), value) for name, value in bp.backward.steps],
        prose(
            r"Each $\delta^{[l]}$ must be $\partial C/\partial z^{[l]}$. Writing $C$ as a function of $z^{[l]}$ "
            r"through the layers above and differentiating it directly (\texttt{sympy.diff}, nothing written by "
            r"hand) gives the same column, exactly:"
        ),
    ]
    labels = {4: "(22)", 3: "(23), l = 3", 2: "(23), l = 2"}
    for layer in (4, 3, 2):
        direct = sp.Matrix([sp.diff(_above(net, layer), z) for z in net.z_symbols(layer)])
        recursion = _in_z(net, layer, bp.backward.inline(bp.delta[layer]))
        items.append(
            check(
                equal(
                    f"{PAPER}, eq. {labels[layer]}",
                    rf"\delta^{{[{layer}]}} = \partial C / \partial z^{{[{layer}]}}",
                    recursion,
                    direct,
                )
            )
        )
    items.append(
        prose(
            r"Then (24) and (25): every entry of the gradient of the nested cost (11,698 operations when written "
            r"out) with respect to $b^{[l]}$ and $W^{[l]}$, differentiated directly, equals $\delta^{[l]}$ and "
            r"$\delta^{[l]} (a^{[l-1]})^T$, with the program written out in $x$, $y$ and the parameters:"
        )
    )
    direct = direct_gradient(net)
    backprop = bp.gradient(expand=True)
    start = 0
    for name, block in net.parameter_blocks():
        size = len(block)
        layer = int(name[1:])
        equation_no = "(25)" if name[0] == "W" else "(24)"
        formula = rf"\delta^{{[{layer}]}} (a^{{[{layer - 1}]}})^T" if name[0] == "W" else rf"\delta^{{[{layer}]}}"
        stem = "W" if name[0] == "W" else "b"
        items.append(
            check(
                equal(
                    f"{PAPER}, eq. {equation_no}, layer {layer}",
                    rf"\partial C / \partial {stem}^{{[{layer}]}} = {formula}",
                    backprop[start : start + size, 0],
                    direct[start : start + size, 0],
                )
            )
        )
        start += size
    return items


def _matrix_form(net, bp):
    items = [
        prose(r"With $D^{[l]} = \operatorname{diag}(\sigma'(z^{[l]}))$, e.g."),
        display(rf"D^{{[3]}} = {tex(bp.D[3])}"),
        prose(
            r"the recursion unrolls into a product of matrices. Each product, multiplied out, equals the "
            r"$\delta^{[l]}$ of the program:"
        ),
    ]
    names = {
        4: r"D^{[4]}(a^{[4]} - y)",
        3: r"D^{[3]} (W^{[4]})^T D^{[4]} (a^{[4]} - y)",
        2: r"D^{[2]} (W^{[3]})^T \cdots D^{[4]} (a^{[4]} - y)",
    }
    for layer in (4, 3, 2):
        factors = bp.matrix_form(layer)
        product = factors[0]
        for factor in factors[1:]:
            product = product * factor
        items.append(
            check(
                equal(
                    f"{PAPER}, matrix form",
                    rf"\delta^{{[{layer}]}} = {names[layer]}",
                    product,
                    bp.backward.inline(bp.delta[layer]),
                )
            )
        )
    items.append(
        prose(
            r"Backprop multiplies transposed layer-to-layer Jacobians: $\partial z^{[l+1]}/\partial z^{[l]} = "
            r"W^{[l+1]} D^{[l]}$, and $\delta^{[l]} = (\partial z^{[l+1]}/\partial z^{[l]})^T \delta^{[l+1]}$. "
            r"The Jacobian of $z^{[l+1]} = W^{[l+1]}\sigma(z^{[l]}) + b^{[l+1]}$, by \texttt{symnn.jacobian}:"
        )
    )
    for layer in (2, 3):
        z = net.z_symbols(layer)
        z_next = net.W[layer + 1] * z.applyfunc(net.activations[layer]) + net.b[layer + 1]
        items.append(
            check(
                equal(
                    f"{PAPER}, matrix form: Jacobian of layer {layer + 1}",
                    rf"\partial z^{{[{layer + 1}]}} / \partial z^{{[{layer}]}} = W^{{[{layer + 1}]}} D^{{[{layer}]}}",
                    bp.jacobian_chain(layer)[0],
                    jacobian(z_next, z),
                )
            )
        )
    return items


def _example_point(real):
    """Weights chosen freely, biases so that every z[l] = 0: all values stay rational."""
    W = {
        2: sp.Matrix([[1, -1], [R(1, 2), 2]]),
        3: sp.Matrix([[1, -1], [2, 1], [-1, R(1, 2)]]),
        4: sp.Matrix([[1, -1, 2], [R(1, 2), 1, -1]]),
    }
    x, y = sp.Matrix([R("0.1"), R("0.1")]), sp.Matrix([1, 0])
    values = real.zero_input_point(x, W)
    return W, x, y, values


def _numbers(real):
    W, x, y, values = _example_point(real)
    bp = real.backprop(x, y)
    known = bp.evaluate(values)
    delta = {layer: bp.delta[layer].xreplace(known) for layer in (2, 3, 4)}
    a4 = bp.forward.a[4].xreplace(known)
    D = {layer: bp.D[layer].xreplace(known) for layer in (2, 3, 4)}
    by_matrices = {4: D[4] * (a4 - y)}
    by_matrices[3] = D[3] * W[4].T * by_matrices[4]
    by_matrices[2] = D[2] * W[3].T * by_matrices[3]
    direct = direct_gradient(real, x, y).xreplace(values)
    return [
        prose(
            r"Numbers, with the real sigmoid: take the first data point $x = (0.1, 0.1)$, $y = (1, 0)$, the weights "
            rf"$W^{{[2]}} = {tex(W[2])}$, $W^{{[3]}} = {tex(W[3])}$, $W^{{[4]}} = {tex(W[4])}$ and the biases that "
            r"make every weighted input zero, $b^{[l]} = -W^{[l]} a^{[l-1]}$. Then every $a^{[l]}_j = \sigma(0) = 0.5$ "
            r"and every $\sigma'(z^{[l]}_j) = 0.25$, so $D^{[l]} = 0.25\,I$ and all values are exact rationals:"
        ),
        equation(
            r"\delta^{[4]}",
            r"D^{[4]}(a^{[4]} - y)",
            rf"0.25\,I\,{tex(a4 - y)}",
            value=delta[4],
            printed=by_matrices[4],
            where=f"{PAPER}, eq. (22) at the example point",
            statement=r"\delta^{[4]} \text{ by (22)} = D^{[4]}(a^{[4]} - y)",
        ),
        equation(
            r"\delta^{[3]}",
            r"D^{[3]} (W^{[4]})^T \delta^{[4]}",
            rf"0.25\,{tex(W[4].T)}{tex(delta[4])}",
            value=delta[3],
            printed=by_matrices[3],
            where=f"{PAPER}, eq. (23) at the example point",
            statement=r"\delta^{[3]} \text{ by (23)} = D^{[3]} (W^{[4]})^T D^{[4]} (a^{[4]} - y)",
        ),
        equation(
            r"\delta^{[2]}",
            r"D^{[2]} (W^{[3]})^T \delta^{[3]}",
            rf"0.25\,{tex(W[3].T)}{tex(delta[3])}",
            value=delta[2],
            printed=by_matrices[2],
            where=f"{PAPER}, eq. (23) at the example point",
            statement=r"\delta^{[2]} \text{ by (23)} = D^{[2]} (W^{[3]})^T \cdots D^{[4]} (a^{[4]} - y)",
        ),
        show(r"\frac{\partial C}{\partial W^{[4]}}", r"\delta^{[4]} (a^{[3]})^T", bp.grad_W[4].xreplace(known)),
        show(r"\frac{\partial C}{\partial W^{[3]}}", r"\delta^{[3]} (a^{[2]})^T", bp.grad_W[3].xreplace(known)),
        show(r"\frac{\partial C}{\partial W^{[2]}}", r"\delta^{[2]} x^T", bp.grad_W[2].xreplace(known)),
        check(
            equal(
                f"{PAPER}: the gradient at the example point",
                r"\nabla_\theta C \text{ (Lemma 1)} = \nabla_\theta C \text{ (direct)}",
                bp.gradient().xreplace(known),
                direct,
            )
        ),
    ]


def derive():
    net = Network([2, 2, 3, 2], activation=ANY_SIGMA)
    bp = net.backprop()
    real = Network([2, 2, 3, 2])
    proof = prove_backprop(real)
    return [
        section(
            "The network",
            prose(r"Layers $n = (2, 2, 3, 2)$, $a^{[1]} = x$, and for $l = 2, 3, 4$:"),
            display(
                r"z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}, \qquad a^{[l]} = \sigma(z^{[l]}), \qquad "
                r"C = \tfrac12 \|y - a^{[4]}\|_2^2"
            ),
        ),
        section("The delta form, for any activation", _delta_form(net, bp)),
        section("The D[l] matrix form", _matrix_form(net, bp)),
        section(
            "The sigmoid network",
            prose(
                r"For the sigmoid itself $\sigma' = \sigma(1 - \sigma)$ (see the report on the sigmoid function), "
                r"so everything above applies. \texttt{symnn.prove\_backprop} checks the sigmoid network "
                r"independently:"
                + "\n\\begin{itemize}\n"
                + "\n".join(r"\item " + escape(line) for line in proof.checks)
                + "\n\\end{itemize}"
            ),
            check(
                holds(
                    f"{PAPER}: prove_backprop on the 2-2-3-2 sigmoid network",
                    r"\text{backprop} = \text{direct differentiation (all checks)}",
                    sp.sympify(proof.ok),
                )
            ),
            _numbers(real),
        ),
    ]
