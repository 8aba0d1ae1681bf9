r"""Stages 6-7: the activation and its derivative; Lemma 1 entry by entry (Higham & Higham 2019, eqs. (22)-(25))."""

from __future__ import annotations

import sympy as sp

from symnn import symbols
from symnn.activations import Activation
from symnn.derive.setting import (
    Setting,
    _a,
    _applied,
    _count,
    _delta,
    _f,
    _fits,
    _identity,
    _matrix,
    _n,
    _realize,
    _sigma_prime,
    _tex,
    _w,
    _z,
)
from symnn.document.latex import escape
from symnn.document.model import (
    Block,
    Math,
    Note,
    Prose,
    Section,
)

# ============================================================================ 6. activation


def activation_functions(setting: Setting) -> Section:
    """Each activation used, its derivative as the table writes it, checked against ``sympy.diff``."""
    net = setting.network
    used: dict[Activation, list[int]] = {}
    for layer in net.hidden_and_output:
        if not (layer == net.L and net.loss.softmax_output):
            used.setdefault(net.activations[layer], []).append(layer)
    blocks: list[Block] = []
    for act, layers in used.items():
        (t,) = act.function.variables
        shown = _applied("f", act)(t)
        derivative = act.derivative.expr.xreplace({act.function.expr: shown})
        # tanh(x) = tanh(x) says nothing: a named function is defined through exponentials.
        definition = act.function.expr
        if isinstance(definition, sp.Function) and definition.args == (t,):
            definition = definition.rewrite(sp.exp)
        where = ", ".join(str(layer) for layer in layers)
        blocks.append(
            Prose(
                rf"Layer{'s' if len(layers) > 1 else ''} {where} use{'' if len(layers) > 1 else 's'} "
                rf"${act.latex}$ ({act.name}):"
            )
        )
        blocks.append(
            Math(
                (
                    rf"{_tex(shown)} &= {_tex(definition)}, \qquad "
                    rf"{act.latex}'({_tex(t)}) = {_tex(derivative)}.",
                )
            )
        )
        if act.kink:
            blocks.append(Prose(f"At the kink symnn uses the convention {escape(act.kink)}."))
        blocks.append(
            _identity(
                rf"{act.latex}'({_tex(t)}) = \frac{{d}}{{d{_tex(t)}}} {_tex(shown)}",
                "the derivative as written equals sympy.diff of the function, exactly",
                act.derivative.expr,
                sp.diff(act.function.expr, t),
                f"activation {act.name}",
            )
        )
    if net.loss.softmax_output:
        blocks += _softmax_blocks(setting)
    return Section("The activation and its derivative", tuple(blocks))


def _softmax_blocks(setting: Setting) -> list[Block]:
    net = setting.network
    n = min(_n(setting, net.L), setting.budget.matrix)
    z = net.z_symbols(net.L)[:n, :]
    a = net.activate(net.L, sp.Matrix(z)) if n == z.rows else _softmax_of(z)
    claimed = sp.Matrix(n, n, lambda i, k: a[i] * ((1 if i == k else 0) - a[k]))
    size = (
        ""
        if n == _n(setting, net.L)
        else f" (checked for a softmax of {n} entries; the formula is the same for all sizes)"
    )
    return [
        Prose(
            rf"The output layer is a softmax, $a^{{[{net.L}]}}_j = e^{{z^{{[{net.L}]}}_j}} / "
            rf"\sum_k e^{{z^{{[{net.L}]}}_k}}$, "
            r"whose Jacobian is not diagonal:"
        ),
        Math(
            (
                rf"\frac{{\partial a^{{[{net.L}]}}_i}}{{\partial z^{{[{net.L}]}}_k}} &= a^{{[{net.L}]}}_i "
                rf"\bigl([i = k] - a^{{[{net.L}]}}_k\bigr).",
            )
        ),
        _identity(
            r"\partial a_i / \partial z_k = a_i([i = k] - a_k)",
            "equals sympy.diff of the softmax, exactly" + size,
            claimed,
            a.jacobian(z),
            "softmax",
        ),
    ]


def _softmax_of(z: sp.Matrix) -> sp.Matrix:
    from symnn.losses import softmax

    return softmax(z)


# ============================================================================ 7. Lemma 1


def _output_delta(setting: Setting, j: int | str) -> tuple[str, sp.Expr | None]:
    """δ[L]_j by eq. (22) as LaTeX and as a display expression (None for a symbolic index)."""
    net = setting.network
    L = net.L
    if net.loss.softmax_output:
        if isinstance(j, str):
            return rf"a^{{[{L}]}}_{{{j}}} \sum_{{m}} y_m - y_{{{j}}}", None
        ys = list(net.y)
        tex = rf"{_a(setting, L, j)} \left({' + '.join(_tex(y) for y in ys)}\right) - y_{{{j}}}"
        return tex, net.a_symbols(L)[j - 1] * sp.Add(*ys) - net.y[j - 1]
    prime = _f(setting, L) + "'"
    tex = rf"{prime}({_z(L, j)}) \left({_a(setting, L, j)} - y_{{{j}}}\right)"
    if isinstance(j, str):
        return tex, None
    z = net.z_symbols(L)[j - 1]
    return tex, _sigma_prime(setting, L, z) * (net.a_symbols(L)[j - 1] - net.y[j - 1])


def _hidden_delta(setting: Setting, layer: int, j: int) -> tuple[str, sp.Expr]:
    """δ[l]_j = σ'(z[l]_j) Σ_i w[l+1]_ij δ[l+1]_i, eq. (23), as LaTeX and display expression."""
    net = setting.network
    n_next = _n(setting, layer + 1)
    terms = [rf"{_w(layer + 1, i, j)} {_delta(layer + 1, i)}" for i in range(1, n_next + 1)]
    expr = sp.Add(*[net.W[layer + 1][i - 1, j - 1] * symbols.delta(layer + 1, i) for i in range(1, n_next + 1)])
    prime = _sigma_prime(setting, layer, net.z_symbols(layer)[j - 1])
    return rf"{_tex(prime)} \left({' + '.join(terms)}\right)", prime * expr


def lemma_one(setting: Setting) -> Section:
    """Lemma 1 in δ form for this architecture, eqs. (22)–(25), entry by entry while small."""
    net, budget, bp = setting.network, setting.budget, setting.backprop
    L = net.L
    output = (
        r"\delta^{[L]} &= a^{[L]} \textstyle\sum_j y_j - y \qquad \text{(softmax output, cross-entropy)}"
        if net.loss.softmax_output
        else r"\delta^{[L]} &= \sigma'(z^{[L]}) \circ (a^{[L]} - y) && \text{(22)}"
    )
    blocks: list[Block] = [
        Prose(
            r"Write $\delta^{[l]}_j = \partial C / \partial z^{[l]}_j$. Lemma 1 of Higham and Higham (2019) states, "
            r"with $\circ$ the componentwise product,"
        ),
        Math(
            (
                output,
                r"\delta^{[l]} &= \sigma'(z^{[l]}) \circ (W^{[l+1]})^T \delta^{[l+1]}, "
                r"\quad 2 \le l \le L-1 && \text{(23)}",
                r"\frac{\partial C}{\partial b^{[l]}_j} &= \delta^{[l]}_j && \text{(24)}",
                r"\frac{\partial C}{\partial w^{[l]}_{jk}} &= \delta^{[l]}_j a^{[l-1]}_k && \text{(25)}",
            )
        ),
        Prose("For this network, layer by layer from the output back:"),
    ]
    vector_lines = [
        rf"\delta^{{[{L}]}} &= "
        + (
            rf"a^{{[{L}]}} \textstyle\sum_j y_j - y"
            if net.loss.softmax_output
            else rf"{_f(setting, L)}'(z^{{[{L}]}}) \circ (a^{{[{L}]}} - y)"
        )
    ]
    for layer in range(L - 1, 1, -1):
        vector_lines.append(
            rf"\delta^{{[{layer}]}} &= {_f(setting, layer)}'(z^{{[{layer}]}}) \circ "
            rf"(W^{{[{layer + 1}]}})^T \delta^{{[{layer + 1}]}}"
        )
    blocks.append(Math(tuple(vector_lines)))
    printed, computed, lines = [], [], []
    for layer in range(L, 1, -1):
        n_l = _n(setting, layer)
        entries = [
            _output_delta(setting, j) if layer == L else _hidden_delta(setting, layer, j) for j in range(1, n_l + 1)
        ]
        if n_l > budget.entries or max(len(tex) for tex, _ in entries) > budget.entry_chars:
            blocks.append(
                Note(
                    f"The {_count(n_l)} entries of $\\delta^{{[{layer}]}}$ are not written out one by one; "
                    "the vector form above stands for them."
                )
            )
            continue
        for j, (tex, expr) in enumerate(entries, start=1):
            lines.append(rf"{_delta(layer, j)} &= {tex}")
            printed.append(_realize(expr))
            computed.append(bp.backward.definition(bp.delta[layer][j - 1]))
    if lines:
        blocks += [Prose("Entry by entry:"), Math(tuple(lines))]
        blocks.append(
            _identity(
                r"\text{the } \delta \text{ entries above} = \text{symnn's backward program}",
                "each printed entry (with the derivative written out) equals the assignment of Lemma 1's program, "
                "exactly",
                sp.Matrix(printed),
                sp.Matrix(computed),
                "Lemma 1",
            )
        )
    blocks += _gradient_blocks(setting)
    return Section("Lemma 1: backpropagation", tuple(blocks))


def _gradient_blocks(setting: Setting) -> list[Block]:
    net, bp = setting.network, setting.backprop
    blocks: list[Block] = [Prose("The gradient then follows from eqs. (24) and (25): for each layer")]
    lines, printed, computed = [], [], []
    for layer in net.hidden_and_output:
        n_l, n_prev = net.W[layer].shape
        head = (
            rf"\frac{{\partial C}}{{\partial b^{{[{layer}]}}}} = \delta^{{[{layer}]}}, \quad "
            rf"\frac{{\partial C}}{{\partial W^{{[{layer}]}}}} &= \delta^{{[{layer}]}} (a^{{[{layer - 1}]}})^T"
        )
        if layer == 2:
            head = head.replace("(a^{[1]})^T", "x^T")
        if _fits(setting, n_l, n_prev):
            cells = [
                [rf"{_delta(layer, j)} {_a(setting, layer - 1, k)}" for k in range(1, n_prev + 1)]
                for j in range(1, n_l + 1)
            ]
            head += " = " + _matrix(cells)
            a_prev = net.a_symbols(layer - 1)
            printed.append(sp.Matrix(n_l, n_prev, lambda j, k, l=layer, a=a_prev: symbols.delta(l, j + 1) * a[k]))
            computed.append(bp.grad_W[layer])
        lines.append(head)
    blocks.append(Math(tuple(lines)))
    if printed:
        blocks.append(
            _identity(
                r"\partial C / \partial W^{[l]} \text{ as written} = \text{symnn's } \delta^{[l]} (a^{[l-1]})^T",
                "the printed outer products equal symnn's gradient blocks, exactly",
                sp.Matrix(sp.BlockDiagMatrix(*printed).as_explicit()),
                sp.Matrix(sp.BlockDiagMatrix(*computed).as_explicit()),
                "gradient",
            )
        )
    return blocks
