r"""Topic ``backprop``: a small network with given weights, input and target: the forward pass,
the cost, the δ's of Lemma 1, chosen gradient entries and one gradient step.

Higham & Higham (2019), eqs. (18) and (22)–(25):

.. math::

    z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]},\quad a^{[l]} = \sigma(z^{[l]}),\quad
    C = \tfrac12 \|a^{[L]} - y\|^2,\quad
    \delta^{[L]} = \sigma'(z^{[L]}) \circ (a^{[L]} - y),\quad
    \delta^{[l]} = \sigma'(z^{[l]}) \circ (W^{[l+1]})^T \delta^{[l+1]},\quad
    \frac{\partial C}{\partial w^{[l]}_{jk}} = \delta^{[l]}_j a^{[l-1]}_k,\quad
    \frac{\partial C}{\partial b^{[l]}_j} = \delta^{[l]}_j

The working writes σ' as a student does by hand: :math:`a(1 - a)` for the sigmoid and
:math:`1 - a^2` for tanh (in the earlier answer a), else the table's derivative at z.
Checks come from the backprop program (:meth:`symnn.network.Network.backprop`, evaluated
exactly) and the network's own cost, an implementation that never sees these formulas.
"""

from __future__ import annotations

import sympy as sp

from symnn import symbols
from symnn.exercise.build import SheetBuilder
from symnn.exercise.draw import Draw
from symnn.exercise.model import Exercise
from symnn.latex import latex
from symnn.network import Network

TITLE = "Backpropagation by hand"
OPTIONS = {"layers": "2-2-2", "activation": "sigmoid"}

_RATES = [sp.Rational(r) for r in ("0.5", "0.1", "1", "0.25")]


def _sigma_prime(name: str, z: sp.Symbol, a: sp.Symbol, prime: sp.Lambda) -> sp.Expr:
    """σ'(z) in the form worked by hand."""
    if name == "sigmoid":
        return sp.Mul(a, sp.Add(1, -a, evaluate=False), evaluate=False)
    if name == "tanh":
        return sp.Add(1, -(a**2), evaluate=False)
    return prime(z)


def network_of(options: dict[str, str]) -> Network:
    """The network named by the topic options ``layers`` and ``activation``."""
    names = [name.strip() for name in options.get("activation", "sigmoid").split(",")]
    return Network(options.get("layers", "2-2-2"), names[0] if len(names) == 1 else names)


def build(draw: Draw, seed: int, variant: int, options: dict[str, str]) -> Exercise:
    """One sheet of the topic."""
    net = network_of(options)
    L, n = net.L, dict(enumerate(net.layers, start=1))
    theta = {p: draw.decimal(-5, 5, places=1, nonzero=True) for p in net.parameters()}
    x = [draw.decimal(1, 9, places=1) for _ in range(n[1])]
    y = [draw.integer(0, 1) for _ in range(n[L])]
    eta = draw.choice(_RATES)
    bp = net.backprop(x=x, y=y)
    known = bp.evaluate(theta)
    # the network's own loss (eq. 18) on the output of the evaluated forward program
    output = sp.Matrix([known[a] for a in bp.forward.output])
    cost = net.loss.value(sp.Matrix(y), output)
    gradient = dict(zip(net.parameters(), bp.gradient_at(theta), strict=True))
    givens: dict[str, sp.Expr] = {p.name: v for p, v in theta.items()}
    givens.update({f"x_{k}": v for k, v in enumerate(x, start=1)})
    givens.update({f"y_{j}": v for j, v in enumerate(y, start=1)})
    givens["eta"] = eta
    s = SheetBuilder(givens)
    a_prev = [symbols.input_symbol(k) for k in range(1, n[1] + 1)]
    s.part("Forward pass")
    for layer in net.hidden_and_output:
        act = net.activations[layer]
        zs = []
        for j in range(1, n[layer] + 1):
            terms = [
                sp.Mul(symbols.weight(layer, j, k), a_prev[k - 1], evaluate=False) for k in range(1, n[layer - 1] + 1)
            ]
            z = symbols.intermediate("z", layer, j)
            zs.append(
                s.ask(
                    z.name,
                    latex(z),
                    rf"$z^{{[{layer}]}}_{{{j}}}$",
                    sp.Add(*terms, symbols.bias(layer, j), evaluate=False),
                    known[z],
                )
            )
        a_prev = []
        for j, z in enumerate(zs, start=1):
            a = symbols.intermediate("a", layer, j)
            a_prev.append(
                s.ask(
                    a.name,
                    latex(a),
                    rf"$a^{{[{layer}]}}_{{{j}}} = {act.latex}(z^{{[{layer}]}}_{{{j}}})$",
                    act.function(z),
                    known[a],
                )
            )
    residuals = [sp.Add(a, -symbols.target(j), evaluate=False) for j, a in enumerate(a_prev, start=1)]
    s.ask(
        "C",
        "C",
        r"the cost $C = \frac12 \|a^{[L]} - y\|^2$",
        sp.Mul(
            sp.Rational(1, 2),
            sp.Add(*[sp.Pow(r, 2, evaluate=False) for r in residuals], evaluate=False),
            evaluate=False,
        ),
        cost,
    )
    s.part("Backward pass (Lemma 1)")
    deltas: dict[int, list[sp.Symbol]] = {}
    for layer in range(L, 1, -1):
        act = net.activations[layer]
        deltas[layer] = []
        for j in range(1, n[layer] + 1):
            z, a, d = symbols.intermediate("z", layer, j), symbols.intermediate("a", layer, j), symbols.delta(layer, j)
            slope = _sigma_prime(act.name, z, a, act.derivative)
            if layer == L:
                back: sp.Expr = sp.Add(a, -symbols.target(j), evaluate=False)
            else:
                back = sp.Add(
                    *[
                        sp.Mul(symbols.weight(layer + 1, k, j), deltas[layer + 1][k - 1], evaluate=False)
                        for k in range(1, n[layer + 1] + 1)
                    ],
                    evaluate=False,
                )
            deltas[layer].append(
                s.ask(
                    d.name, latex(d), rf"$\delta^{{[{layer}]}}_{{{j}}}$", sp.Mul(slope, back, evaluate=False), known[d]
                )
            )
    s.part("Gradient entries and one gradient step")
    chosen = _chosen(draw, net)
    grads = []
    for p, (layer, j, k) in chosen:
        d = symbols.delta(layer, j)
        formula = d if k is None else sp.Mul(d, _activation_symbol(layer - 1, k), evaluate=False)
        grads.append(
            s.ask(
                f"dC_d{p.name}",
                rf"\partial C / \partial {latex(p)}",
                rf"$\partial C/\partial {latex(p)}$",
                formula,
                gradient[p],
            )
        )
    for (p, _), g in zip(chosen, grads, strict=True):
        s.ask(
            f"new_{p.name}",
            rf"\text{{new }} {latex(p)}",
            rf"the new value of ${latex(p)}$ after one gradient step with $\eta$",
            sp.Add(p, -sp.Mul(sp.Symbol("eta"), g, evaluate=False), evaluate=False),
            theta[p] - eta * gradient[p],
        )
    statement = (
        f"The {'-'.join(map(str, net.layers))} network with activation "
        + ", ".join(sorted({f"${a.latex}$ ({a.name})" for a in net.activations.values()}))
        + r" and quadratic cost $C = \frac12 \|a^{[L]} - y\|^2$, at the input $x$ and target $y$ below, "
        r"with the weights and biases given. The learning rate is $\eta$."
    )
    names = [net.activations[layer].name for layer in net.hidden_and_output]
    activations = names[0] if len(set(names)) == 1 else ",".join(names)
    options = {"layers": "-".join(map(str, net.layers)), "activation": activations}
    return Exercise(
        "backprop", seed, variant, TITLE, statement, givens, _shown(net, theta, x, y, eta), s.parts(), options
    )


def _chosen(draw: Draw, net: Network) -> list[tuple[sp.Symbol, tuple[int, int, int | None]]]:
    """One weight of the output layer, one of the first layer, and one bias, with (layer, j, k)."""
    L, n = net.L, dict(enumerate(net.layers, start=1))
    weights = {
        layer: [(net.W[layer][j, k], (layer, j + 1, k + 1)) for j in range(n[layer]) for k in range(n[layer - 1])]
        for layer in net.hidden_and_output
    }
    output = draw.choice(weights[L])
    first = draw.choice(weights[2] if L > 2 else [w for w in weights[L] if w != output] or [output])
    biases = [(net.b[layer][j], (layer, j + 1, None)) for layer in net.hidden_and_output for j in range(n[layer])]
    return [output, first, draw.choice(biases)]


def _activation_symbol(layer: int, k: int) -> sp.Symbol:
    return symbols.input_symbol(k) if layer == 1 else symbols.intermediate("a", layer, k)


def _shown(net: Network, theta: dict[sp.Symbol, sp.Expr], x: list, y: list, eta: sp.Expr) -> tuple[str, ...]:
    """The network's equations, then its weights, biases, input, target and rate as matrices."""
    lines = [r"z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}, \quad a^{[l]} = \sigma(z^{[l]}), \quad a^{[1]} = x"]
    for layer in net.hidden_and_output:
        W, b = net.W[layer].xreplace(theta), net.b[layer].xreplace(theta)
        lines.append(rf"W^{{[{layer}]}} = {latex(W)}, \quad b^{{[{layer}]}} = {latex(b)}")
    lines.append(rf"x = {latex(sp.Matrix(x))}, \quad y = {latex(sp.Matrix(y))}, \quad \eta = {latex(eta)}")
    return tuple(lines)
