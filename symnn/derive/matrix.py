r"""Stages 8-9: Lemma 1 in matrix form; layer Jacobians and backprop as their product."""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce

import sympy as sp

from symnn.derive.setting import (
    Setting,
    _continued,
    _f,
    _fits,
    _identity,
    _matrix,
    _n,
    _realize,
    _sigma_prime,
    _tex,
    _w,
    _width,
    _z,
)
from symnn.document.model import (
    Block,
    Math,
    Note,
    Prose,
    Section,
)

# ============================================================================ 8. matrix form


def _D_display(setting: Setting, layer: int) -> sp.Matrix:
    z = setting.network.z_symbols(layer)
    return sp.diag(*[_sigma_prime(setting, layer, zj) for zj in z])


def _product_right_to_left(factors: Sequence[sp.Matrix]) -> sp.Matrix:
    """The product of ``factors`` evaluated right to left (matrix–vector products only)."""
    return reduce(lambda acc, factor: factor * acc, reversed(factors[:-1]), factors[-1])


def _delta_inlined(setting: Setting, layer: int) -> sp.Matrix:
    bp = setting.backprop
    return bp.delta[layer].xreplace(bp.backward.inlined())


def matrix_form(setting: Setting) -> Section:
    r"""δ[l] = D[l] (W[l+1])ᵀ D[l+1] ⋯ (W[L])ᵀ D[L] (a[L] − y), with D[l] = diag(σ'(z[l]))."""
    net, budget = setting.network, setting.budget
    L = net.L
    softmax = net.loss.softmax_output
    blocks: list[Block] = [
        Prose(
            r"With the diagonal matrices $D^{[l]} = \operatorname{diag}\bigl(\sigma'(z^{[l]})\bigr)$ the componentwise "
            r"products become matrix products, and the recursion unrolls (Higham and Higham 2019, Section 5):"
        )
    ]
    d_lines = []
    for layer in net.hidden_and_output:
        if layer == L and softmax:
            continue
        n_l = _n(setting, layer)
        prime = _f(setting, layer) + "'"
        if n_l <= budget.matrix:
            entries = ", ".join(rf"{prime}({_z(layer, j)})" for j in range(1, n_l + 1))
        else:
            entries = rf"{prime}({_z(layer, 1)}), \dots, {prime}({_z(layer, n_l)})"
        d_lines.append(rf"D^{{[{layer}]}} &= \operatorname{{diag}}\bigl({entries}\bigr)")
    last = rf"\delta^{{[{L}]}}" if softmax else rf"D^{{[{L}]}} (a^{{[{L}]}} - y)"
    for layer in range(L, 1, -1):
        factors = [rf"D^{{[{m}]}} (W^{{[{m + 1}]}})^T" for m in range(layer, L)]
        if layer == L and softmax:
            continue
        d_lines.append(rf"\delta^{{[{layer}]}} &= {' '.join([*factors, last])}")
    blocks.append(Math(tuple(d_lines)))
    explicit: list[str] = []
    printed: list[sp.Matrix] = []
    computed: list[sp.Matrix] = []
    small = len(net.parameters()) <= budget.prove_parameters
    for layer in range(L - 1, 1, -1):
        display = _display_factors(setting, layer)
        product = _realize(_product_right_to_left(display))
        if small:
            printed.append(product)
            computed.append(_delta_inlined(setting, layer))
        if all(_fits(setting, *f.shape) for f in display):
            explicit += _continued(rf"\delta^{{[{layer}]}}", _wrap_matrices(display, budget.line_chars // 3))
    if explicit:
        blocks += [Prose("Written out with the matrices of this network:"), Math(tuple(explicit))]
    if L == 2:
        blocks.append(Prose("With a single layer of weights the recursion has no step: $\\delta^{[2]}$ is eq. (22)."))
    elif small:
        blocks.append(
            _identity(
                r"D^{[l]} (W^{[l+1]})^T \cdots (a^{[L]} - y) = \delta^{[l]} \text{ for every } l",
                "the matrix product equals the delta recursion written out (named z, a[L], y), exactly",
                sp.Matrix.vstack(*printed),
                sp.Matrix.vstack(*computed),
                "matrix form",
            )
        )
    else:
        steps = [
            (
                _realize(_D_display(setting, layer) * net.W[layer + 1].T * setting.backprop.delta[layer + 1]),
                _definitions(setting, layer),
            )
            for layer in range(L - 1, 1, -1)
        ]
        blocks.append(
            _identity(
                r"D^{[l]} (W^{[l+1]})^T \delta^{[l+1]} = \delta^{[l]} \text{ for every } l",
                "one step of the unrolled product at a time (so by induction the whole product), exactly",
                sp.Matrix.vstack(*[p for p, _ in steps]),
                sp.Matrix.vstack(*[c for _, c in steps]),
                "matrix form",
            )
        )
    return Section("Lemma 1 in matrix form", tuple(blocks))


def _wrap_matrices(factors: Sequence[sp.Matrix], limit: int) -> list[str]:
    """The factors of a matrix product as LaTeX, broken into lines of at most ``limit`` printed characters."""
    lines: list[str] = []
    current, width = "", 0.0
    for factor in factors:
        wide = max(sum(_width(_tex(entry)) + 2 for entry in factor.row(i)) for i in range(factor.rows)) + 2
        if current and width + wide > limit:
            lines.append(current)
            current, width = "", 0.0
        current, width = f"{current} {_tex(factor)}".strip(), width + wide
    return [*lines, current]


def _definitions(setting: Setting, layer: int) -> sp.Matrix:
    bp = setting.backprop
    return sp.Matrix([bp.backward.definition(d) for d in bp.delta[layer]])


def _display_factors(setting: Setting, layer: int) -> list[sp.Matrix]:
    """The factors D[l], W[l+1]ᵀ, ..., D[L], a[L] − y with σ' left unevaluated."""
    net = setting.network
    factors: list[sp.Matrix] = []
    for m in range(layer, net.L):
        factors += [_D_display(setting, m), net.W[m + 1].T]
    if net.loss.softmax_output:
        factors.append(net.a_symbols(net.L) * sp.Add(*net.y) - net.y)
    else:
        factors += [_D_display(setting, net.L), net.a_symbols(net.L) - net.y]
    return factors


# ============================================================================ 9. layer Jacobians


def layer_jacobians(setting: Setting) -> Section:
    r"""The Jacobians of each layer, and backprop as the product of transposed Jacobians."""
    net, bp = setting.network, setting.backprop
    L = net.L
    blocks: list[Block] = [
        Prose(r"Each layer is a map $a^{[l-1]} \mapsto z^{[l]} \mapsto a^{[l]}$ with the Jacobians"),
        Math(
            (
                r"\frac{\partial a^{[l]}}{\partial z^{[l]}} &= D^{[l]}, \qquad "
                r"\frac{\partial z^{[l]}}{\partial a^{[l-1]}} = W^{[l]}, \qquad "
                r"\frac{\partial z^{[l]}}{\partial b^{[l]}} = I_{n_l}, \qquad "
                r"\frac{\partial z^{[l]}_j}{\partial w^{[l]}_{pk}} = [j = p]\, a^{[l-1]}_k,",
                r"\frac{\partial z^{[l+1]}}{\partial z^{[l]}} &= \frac{\partial z^{[l+1]}}{\partial a^{[l]}} "
                r"\frac{\partial a^{[l]}}{\partial z^{[l]}} = W^{[l+1]} D^{[l]}.",
            )
        ),
    ]
    if L == 2:
        blocks.append(Prose(r"This network has one layer of weights, so no Jacobian links two layers."))
        return Section("Layer Jacobians and backprop as their product", tuple(blocks))
    lines, printed, computed, skipped = [], [], [], []
    for layer in range(2, L):
        n_next, n_l = _n(setting, layer + 1), _n(setting, layer)
        display = net.W[layer + 1] * _D_display(setting, layer)
        lhs = rf"\frac{{\partial z^{{[{layer + 1}]}}}}{{\partial z^{{[{layer}]}}}}"
        line = rf"{lhs} &= W^{{[{layer + 1}]}} D^{{[{layer}]}}"
        if _fits(setting, n_next, n_l):
            cells = [
                [rf"{_w(layer + 1, j, k)} {_f(setting, layer)}'({_z(layer, k)})" for k in range(1, n_l + 1)]
                for j in range(1, n_next + 1)
            ]
            line += " = " + _matrix(cells)
        lines.append(line)
        if n_next * n_l <= 2500:
            z = net.z_symbols(layer)
            z_next = net.W[layer + 1] * net.activate(layer, z) + net.b[layer + 1]
            printed.append(_realize(display))
            computed.append(z_next.jacobian(z))
        else:
            skipped.append(layer)
    blocks.append(Prose("For this network:"))
    blocks.append(Math(tuple(lines)))
    if printed:
        blocks.append(
            _identity(
                r"W^{[l+1]} D^{[l]} = \partial z^{[l+1]} / \partial z^{[l]} \text{ by differentiation}",
                "each entry equals sympy.diff of z[l+1] (as a function of z[l]), exactly",
                sp.Matrix(sp.BlockDiagMatrix(*printed).as_explicit()),
                sp.Matrix(sp.BlockDiagMatrix(*computed).as_explicit()),
                "Jacobians",
            )
        )
    for layer in skipped:
        blocks.append(
            Note(
                f"The Jacobian of layer {layer + 1} by layer {layer} has more than 2,500 entries; "
                "it was not differentiated entry by entry."
            )
        )
    transposes = " ".join(
        rf"\Bigl(\frac{{\partial z^{{[{m + 1}]}}}}{{\partial z^{{[{m}]}}}}\Bigr)^T" for m in range(2, L)
    )
    blocks.append(
        Prose(
            r"By the chain rule $\partial C / \partial z^{[l]} = (\partial C / \partial z^{[L]}) "
            r"(\partial z^{[L]} / \partial z^{[L-1]}) \cdots (\partial z^{[l+1]} / \partial z^{[l]})$, a product of "
            r"Jacobians; as columns, backpropagation multiplies the transposed Jacobians from the output back, "
            r"one matrix-vector product per layer:"
        )
    )
    blocks.append(
        Math(
            (
                rf"\delta^{{[2]}} &= {transposes} \, \delta^{{[{L}]}},",
                r"\Bigl(\frac{\partial z^{[l+1]}}{\partial z^{[l]}}\Bigr)^T &= D^{[l]} (W^{[l+1]})^T,",
            )
        )
    )
    blocks.append(Prose("which is the matrix form of Lemma 1 above."))
    steps = []
    for layer in range(L - 1, 1, -1):
        (jacobian, *_) = bp.jacobian_chain(layer)
        steps.append((jacobian.T * bp.delta[layer + 1], _definitions(setting, layer)))
    blocks.append(
        _identity(
            r"(\partial z^{[l+1]} / \partial z^{[l]})^T \delta^{[l+1]} = \delta^{[l]} \text{ for every } l",
            "symnn's layer Jacobians, transposed and applied to delta[l+1], give Lemma 1's delta[l], exactly",
            sp.Matrix.vstack(*[p for p, _ in steps]),
            sp.Matrix.vstack(*[c for _, c in steps]),
            "Jacobian product",
        )
    )
    return Section("Layer Jacobians and backprop as their product", tuple(blocks))
