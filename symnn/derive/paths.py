r"""Stage 10: one parameter's derivative by the chain rule, as a sum over paths regrouped into the δ's."""

from __future__ import annotations

import re

import sympy as sp

from symnn import symbols
from symnn.derive.lemma import _output_delta
from symnn.derive.setting import (
    Setting,
    _a,
    _continued,
    _count,
    _delta,
    _f,
    _identity,
    _index,
    _n,
    _realize,
    _sigma_prime,
    _tex,
    _w,
    _width,
    _wrap,
    _z,
)
from symnn.document.model import (
    Block,
    Math,
    Note,
    Prose,
    Section,
)
from symnn.errors import SymnnError
from symnn.network import Network

# ============================================================================ 10. one parameter's derivative


def parameter(network: Network, text: str) -> sp.Symbol:
    """The weight or bias that ``text`` names: ``w[2]_11``, ``w[2]_{10,3}``, ``b[3]_1`` or ``w_11__2``.

    Raises:
        SymnnError: if ``text`` names no parameter of ``network``.

    Examples:
        >>> parameter(Network([2, 2, 3, 2]), "w[3]_21")
        w_21__3
        >>> parameter(Network([2, 2, 3, 2]), "b[4]_{2}")
        b_2__4
    """
    spec = text.strip()
    book = re.fullmatch(r"([wWbB])\s*\[\s*(\d+)\s*\]\s*_\s*\{?\s*(\d+)\s*(?:[,_ ]\s*(\d+))?\s*\}?", spec)
    if book is not None:
        stem, layer, j, k = book[1].lower(), int(book[2]), int(book[3]), book[4]
        if stem == "w" and k is None:
            if len(book[3]) != 2:
                raise SymnnError(f"cannot read {text!r}: write a weight as w[l]_jk or w[l]_{{j,k}}")
            j, k = int(book[3][0]), book[3][1]
        if stem == "b" and k is not None:
            raise SymnnError(f"cannot read {text!r}: a bias has one index, b[l]_j")
        name = symbols.indexed_name(stem, (j, int(k)) if stem == "w" else (j,), layer)
    elif re.fullmatch(r"[wb]_\d+(?:_\d+)*__\d+", spec):
        name = spec
    else:
        raise SymnnError(f"cannot read the parameter {text!r}: write it like w[2]_11, w[2]_{{10,3}} or b[3]_1")
    symbol = sp.Symbol(name)
    if symbol not in set(network.parameters()):
        sizes = "-".join(str(n) for n in network.layers)
        raise SymnnError(
            f"the {sizes} network has no parameter {text!r}: w[l]_jk needs 2 <= l <= {network.L}, "
            f"1 <= j <= n_l, 1 <= k <= n_(l-1); b[l]_j needs 1 <= j <= n_l"
        )
    return symbol


def _locate(network: Network, theta: sp.Symbol) -> tuple[str, int, int, int]:
    """``("w", l, j, k)`` or ``("b", l, j, 0)`` for a parameter symbol."""
    for layer in network.hidden_and_output:
        W = network.W[layer]
        for j in range(W.rows):
            if network.b[layer][j] == theta:
                return "b", layer, j + 1, 0
            for k in range(W.cols):
                if W[j, k] == theta:
                    return "w", layer, j + 1, k + 1
    raise SymnnError(f"{theta} is not a parameter of {network}")


def _partial(top: str, bottom: str) -> str:
    return rf"\frac{{\partial {top}}}{{\partial {bottom}}}"


def parameter_derivative(setting: Setting, theta: sp.Symbol) -> Section:
    r"""∂C/∂θ through the chain rule: the sum over paths, regrouped into the named δ's."""
    net, budget, bp = setting.network, setting.budget, setting.backprop
    kind, layer, j, k = _locate(net, theta)
    L = net.L
    softmax = net.loss.softmax_output
    name = _tex(theta)
    lhs = _partial("C", name)
    index = {m: _index(m) for m in range(layer + 1, L + 1)} | {layer: str(j)}
    through = rf"{_a(setting, layer - 1, k)}" if kind == "w" else "1"
    # the chain rule along one path, from the cost back to θ
    chain = (
        [_partial("C", _z(L, index[L]))]
        if softmax
        else [_partial("C", _a(setting, L, index[L])), _partial(_a(setting, L, index[L]), _z(L, index[L]))]
    )
    local = [
        rf"\left({_output_delta(setting, index[L])[0]}\right)"
        if softmax
        else rf"\left({_a(setting, L, index[L])} - y_{{{index[L]}}}\right) {_f(setting, L)}'({_z(L, index[L])})"
    ]
    for m in range(L, layer, -1):
        chain += [
            _partial(_z(m, index[m]), _a(setting, m - 1, index[m - 1])),
            _partial(_a(setting, m - 1, index[m - 1]), _z(m - 1, index[m - 1])),
        ]
        local += [_w(m, index[m], index[m - 1]), rf"{_f(setting, m - 1)}'({_z(m - 1, index[m - 1])})"]
    chain.append(_partial(_z(layer, j), name))
    if kind == "w":
        local.append(through)
    sums = " ".join(rf"\sum_{{{index[m]}=1}}^{{{_n(setting, m)}}}" for m in range(layer + 1, L + 1))
    paths = 1
    for m in range(layer + 1, L + 1):
        paths *= _n(setting, m)
    role = "weight" if kind == "w" else "bias"
    enters = (
        rf"${_z(layer, j)} = \dots + {name} {through} + \dots$, so ${_partial(_z(layer, j), name)} = {through}$"
        if kind == "w"
        else rf"${_z(layer, j)} = \dots + {name}$, so ${_partial(_z(layer, j), name)} = 1$"
    )
    route = (
        rf"Every path from ${_z(layer, j)}$ to the cost passes through "
        + (
            rf"one neuron $i_m$ of each later layer $m = {layer + 1}, \dots, {L}$"
            if layer + 1 < L
            else rf"one neuron $i_{{{L}}}$ of layer {L}"
        )
        + (
            rf"; there are {_count(paths)} such paths, and the chain rule adds their products."
            if paths > 1
            else "; there is one such path."
        )
        if layer < L
        else "It reaches the cost along a single path."
    )
    blocks: list[Block] = [
        Prose(rf"The {role} ${name}$ enters the network only through {enters}. {route}"),
        Math(
            _continued(lhs, _wrap([sums, *chain], budget.line_chars))
            + _continued("", _wrap([sums, *local], budget.line_chars))
        ),
    ]
    entry = bp.grad_W[layer][j - 1, k - 1] if kind == "w" else bp.grad_b[layer][j - 1]  # eqs. (25), (24)
    entry_inlined = entry.xreplace(bp.backward.inlined())
    path_sum = _path_sum(setting, kind, layer, j, k) if paths <= 5000 else None
    if path_sum is not None:
        texs, exprs = path_sum
        if paths == 1:
            pass  # the line of local derivatives above is the one path
        elif paths <= budget.paths and max(_width(t) for t in texs) <= budget.line_chars // 3:
            blocks.append(Prose(f"Written out, the {_count(paths)} paths:"))
            blocks.append(Math(_continued(lhs, [texs[0]] + ["+ " + t for t in texs[1:]])))
        else:
            blocks.append(
                Note(
                    f"The {_count(paths)} paths to ${name}$ are not written out one by one; "
                    "the sums above stand for them."
                )
            )
        blocks.append(
            _identity(
                rf"\text{{sum over the {_count(paths)} path{'s' if paths > 1 else ''}}} = \text{{Lemma 1's }} {lhs}",
                "the path sum (derivatives written out) equals symnn's backprop entry with every delta written out, "
                "exactly",
                _realize(sp.Add(*exprs)),
                entry_inlined,
                f"derivative by {theta}",
            )
        )
    blocks += _grouped(setting, kind, layer, j, k, lhs)
    return Section(rf"The derivative by ${name}$", tuple(blocks))


def _output_factor(setting: Setting, i: int) -> tuple[str, sp.Expr]:
    """∂C/∂a[L]_i ∂a[L]_i/∂z[L]_i (or ∂C/∂z[L]_i for a softmax) as LaTeX and display expression."""
    net = setting.network
    L = net.L
    if net.loss.softmax_output:
        tex, expr = _output_delta(setting, i)
        assert expr is not None
        return rf"\left({tex}\right)", expr
    z = net.z_symbols(L)[i - 1]
    prime = _sigma_prime(setting, L, z)
    return (
        rf"\left({_a(setting, L, i)} - y_{{{i}}}\right) {_tex(prime)}",
        (net.a_symbols(L)[i - 1] - net.y[i - 1]) * prime,
    )


def _path_sum(setting: Setting, kind: str, layer: int, j: int, k: int) -> tuple[list[str], list[sp.Expr]]:
    """Each path's product of local derivatives, from the cost back to θ: LaTeX and display expression."""
    import itertools

    net = setting.network
    L = net.L
    ranges = [range(1, _n(setting, m) + 1) for m in range(layer + 1, L + 1)]
    texs, exprs = [], []
    for choice in itertools.product(*ranges):
        index = dict(zip(range(layer + 1, L + 1), choice, strict=True)) | {layer: j}
        tex, expr = _output_factor(setting, index[L])
        factors_tex, factors = [tex], [expr]
        for m in range(L, layer, -1):
            prime = _sigma_prime(setting, m - 1, net.z_symbols(m - 1)[index[m - 1] - 1])
            factors_tex += [_w(m, index[m], index[m - 1]), _tex(prime)]
            factors += [net.W[m][index[m] - 1, index[m - 1] - 1], prime]
        if kind == "w":
            a_prev = net.a_symbols(layer - 1)[k - 1]
            factors_tex.append(_tex(a_prev))
            factors.append(a_prev)
        texs.append(" ".join(factors_tex))
        exprs.append(sp.Mul(*factors))
    return texs, exprs


def _grouped(setting: Setting, kind: str, layer: int, j: int, k: int, lhs: str) -> list[Block]:
    """The path sum regrouped from the output back: each innermost sum is a δ, eqs. (22)–(25)."""
    net, bp = setting.network, setting.backprop
    L = net.L
    through = _a(setting, layer - 1, k) if kind == "w" else ""
    head = rf"{_f(setting, layer)}'({_z(layer, j)}) {through}".rstrip()
    index = {m: _index(m) for m in range(layer + 1, L + 1)} | {layer: str(j)}
    final = rf"{_delta(layer, j)} {through}".rstrip()
    lines: list[str] = []
    softmax = net.loss.softmax_output
    if layer < L:
        for top in range(L + 1, layer, -1):
            pieces = [head]
            for m in range(layer + 1, min(top, L) + 1):
                pieces.append(rf"\sum_{{{index[m]}=1}}^{{{_n(setting, m)}}} {_w(m, index[m], index[m - 1])}")
                if m == top:
                    pieces.append(_delta(m, index[m]))
                elif m == L and softmax:
                    pieces.append(rf"\left({_output_delta(setting, index[L])[0]}\right)")
                else:
                    pieces.append(rf"{_f(setting, m)}'({_z(m, index[m])})")
            if top == L + 1 and not softmax:
                pieces.append(rf"\left({_a(setting, L, index[L])} - y_{{{index[L]}}}\right)")
            at_output = r"\text{as } \delta^{[L]} = \partial C / \partial z^{[L]}" if softmax else r"\text{by (22)}"
            why = {L + 1: "", L: at_output}.get(top, r"\text{by (23)}")
            wrapped = _wrap(pieces, setting.budget.line_chars)
            wrapped[-1] += rf" && {why}" if why else ""
            lines += _continued("" if lines else lhs, wrapped)
        n_next = _n(setting, layer + 1)
        terms = [rf"{_w(layer + 1, i, j)} {_delta(layer + 1, i)}" for i in range(1, n_next + 1)]
        if n_next <= setting.budget.entries:
            wrapped = _wrap([head + r" \bigl(" + terms[0], *["+ " + t for t in terms[1:]]], setting.budget.line_chars)
            wrapped[-1] += r"\bigr)"
            lines += _continued("", wrapped)
        lines.append(rf"&= {final} && \text{{by (23), (25)}}")
    else:
        lines.append(rf"{lhs} &= {final} && \text{{by (22), (25)}}")
    blocks: list[Block] = [
        Prose("Grouping the sums from the output back, each innermost sum is an error $\\delta$ of Lemma 1:"),
        Math(tuple(lines)),
    ]
    a_prev = net.a_symbols(layer - 1)[k - 1] if kind == "w" else sp.Integer(1)
    z = net.z_symbols(layer)[j - 1]
    if layer < L:
        grouped = (
            _sigma_prime(setting, layer, z)
            * a_prev
            * sp.Add(
                *[
                    net.W[layer + 1][i - 1, j - 1] * symbols.delta(layer + 1, i)
                    for i in range(1, _n(setting, layer + 1) + 1)
                ]
            )
        )
        blocks.append(
            _identity(
                rf"{lhs} = {final}",
                "the regrouped sum, with delta[l+1] named, equals Lemma 1's delta[l]_j times the input of the weight, "
                "exactly; and Lemma 1 equals direct differentiation (last section)",
                _realize(grouped),
                bp.backward.definition(bp.delta[layer][j - 1]) * a_prev,
                "regrouping",
            )
        )
    return blocks
