r"""Stages 1-5: architecture, parameters, forward pass, the network function F(x), cost."""

from __future__ import annotations

import sympy as sp

from symnn.derive.setting import (
    Setting,
    _a,
    _continued,
    _count,
    _f,
    _identity,
    _n,
    _parameter_lines,
    _realize,
    _sigma,
    _tex,
    _w,
    _wrap,
    _z,
)
from symnn.document.model import (
    Block,
    Drawing,
    Math,
    Note,
    Prose,
    Section,
    Table,
)
from symnn.latex import nested_matrix_form

# ============================================================================ 1. architecture


def architecture(setting: Setting) -> Section:
    """The layers, their sizes and activations, and a drawing."""
    net = setting.network
    sizes = ", ".join(f"$n_{{{layer}}} = {n}$" for layer, n in enumerate(net.layers, start=1))
    acts = _activation_words(setting)
    text = (
        rf"The network has $L = {net.L}$ layers with {sizes} neurons, in the notation of Higham and Higham "
        rf"(2019), Sections 3 and 5. Layer 1 is the input, $a^{{[1]}} = x \in \mathbb{{R}}^{{{net.layers[0]}}}$; "
        rf"each layer $l = 2, \dots, {net.L}$ applies weights $W^{{[l]}} \in \mathbb{{R}}^{{n_l \times n_{{l-1}}}}$, "
        rf"biases $b^{{[l]}} \in \mathbb{{R}}^{{n_l}}$ and an activation: {acts}. "
        rf"The output is $F(x) = a^{{[{net.L}]}} \in \mathbb{{R}}^{{{net.layers[-1]}}}$."
    )
    arrows = r" \to ".join(str(n) for n in net.layers)
    return Section("Architecture", (Prose(text), Drawing(_tikz(setting), f"Layer sizes: ${arrows}$.")))


def _activation_words(setting: Setting) -> str:
    net = setting.network
    words = []
    for layer in net.hidden_and_output:
        if layer == net.L and net.loss.softmax_output:
            words.append(rf"layer {layer}: softmax")
        else:
            words.append(rf"layer {layer}: ${net.activations[layer].latex}$ ({net.activations[layer].name})")
    return ", ".join(words)


def _shown_neurons(n: int) -> list[int | None]:
    """Which neurons of a layer to draw: all up to 6, else 1, 2, 3, ⋮, n−1, n."""
    return list(range(1, n + 1)) if n <= 6 else [1, 2, 3, None, n - 1, n]


def _tikz(setting: Setting) -> str:
    net = setting.network
    lines = [
        r"\begin{center}",
        r"\begin{tikzpicture}[x=2.7cm, y=1.0cm, >=stealth,",
        r"  neuron/.style={circle, draw, minimum size=0.85cm, inner sep=0pt, font=\scriptsize}]",
    ]
    places: dict[int, list[tuple[int | None, float]]] = {}
    for layer, n in enumerate(net.layers, start=1):
        shown = _shown_neurons(n)
        places[layer] = [(j, (len(shown) + 1) / 2 - position) for position, j in enumerate(shown, start=1)]
        for j, y in places[layer]:
            if j is None:
                lines.append(rf"  \node at ({layer}, {y:.2f}) {{$\vdots$}};")
            else:
                label = rf"$x_{{{j}}}$" if layer == 1 else rf"$a^{{[{layer}]}}_{{{j}}}$"
                lines.append(rf"  \node[neuron] (n{layer}-{j}) at ({layer}, {y:.2f}) {{{label}}};")
    for layer in net.hidden_and_output:
        for k, _ in places[layer - 1]:
            for j, _ in places[layer]:
                if j is not None and k is not None:
                    lines.append(rf"  \draw[->, gray] (n{layer - 1}-{k}) -- (n{layer}-{j});")
    bottom = min(y for spots in places.values() for _, y in spots) - 1.3
    for layer, n in enumerate(net.layers, start=1):
        under = "input" if layer == 1 else rf"${_f(setting, layer)}$"
        lines.append(
            rf"  \node[align=center, font=\small] at ({layer}, {bottom:.2f}) "
            rf"{{layer {layer}\\ $n_{{{layer}}} = {n}$\\ {under}}};"
        )
    lines += [r"\end{tikzpicture}", r"\end{center}"]
    return "\n".join(lines)


# ============================================================================ 2. parameters


def parameter_table(setting: Setting) -> Section:
    """The weights and biases of each layer, their count, and THE parameter order."""
    net = setting.network
    rows = []
    for layer in net.hidden_and_output:
        n_l, n_prev = net.W[layer].shape
        rows.append((f"${layer}$", rf"${n_l} \times {n_prev}$", f"${n_l}$", f"${_count(n_l * n_prev + n_l)}$"))
    total = len(net.parameters())
    rows.append(("total", "", "", f"${_count(total)}$"))
    blocks: list[Block] = [
        Table(("layer $l$", "$W^{[l]}$", "$b^{[l]}$", "parameters"), tuple(rows)),
        Prose(
            r"symnn orders the parameters layer by layer, each $W^{[l]}$ row by row, then $b^{[l]}$; "
            r"this order is used for the gradient $\partial C / \partial \theta$ everywhere below."
        ),
    ]
    if total <= setting.budget.parameters:
        names = [_tex(p) for p in net.parameters()]
        lines = _wrap([name + "," for name in names[:-1]] + [names[-1]], setting.budget.line_chars)
        blocks.append(Math(_continued(r"\theta", lines, r"\bigl(", r"\bigr)")))
    else:
        blocks.append(Note(f"The {_count(total)} parameters are not listed by name; the table gives their shapes."))
    matrices = _parameter_lines(setting)
    if matrices:
        blocks.append(Math(matrices))
    return Section("Parameters", tuple(blocks))


# ============================================================================ 3. forward pass


def _z_terms(setting: Setting, layer: int, j: int) -> tuple[list[str], list[sp.Expr]]:
    """The terms of z[l]_j = Σ_k w[l]_jk a[l−1]_k + b[l]_j in book order: LaTeX and SymPy."""
    net = setting.network
    a_prev = net.a_symbols(layer - 1)
    texs = [rf"{_tex(net.W[layer][j - 1, k])} {_tex(a_prev[k])}" for k in range(a_prev.rows)]
    exprs = [net.W[layer][j - 1, k] * a_prev[k] for k in range(a_prev.rows)]
    return [*texs, _tex(net.b[layer][j - 1])], [*exprs, net.b[layer][j - 1]]


def _activation_entry(setting: Setting, layer: int, j: int) -> tuple[str, sp.Expr]:
    """a[l]_j = σ(z[l]_j), or the softmax entry, as LaTeX and as a (display) expression."""
    net = setting.network
    z = net.z_symbols(layer)
    if layer == net.L and net.loss.softmax_output:
        tex = rf"\frac{{e^{{{_z(layer, j)}}}}}{{\sum_{{k=1}}^{{{z.rows}}} e^{{{_z(layer, 'k')}}}}}"
        return tex, net.activate(layer, z)[j - 1]
    value = _sigma(setting, layer, z[j - 1])
    return _tex(value), value


def forward_equations(setting: Setting) -> Section:
    """z[l] = W[l] a[l−1] + b[l] and a[l] = σ(z[l]), entry by entry while readable."""
    net, budget = setting.network, setting.budget
    blocks: list[Block] = [
        Prose(r"For $l = 2, \dots, L$ each layer computes (Higham and Higham 2019, Section 5)"),
        Math((r"z^{[l]} &= W^{[l]} a^{[l-1]} + b^{[l]} \in \mathbb{R}^{n_l}, \qquad a^{[l]} = \sigma(z^{[l]}),",)),
        Prose(r"with $a^{[1]} = x$. Entry by entry, for this network:"),
    ]
    printed: list[sp.Expr] = []
    computed: list[sp.Expr] = []
    program = setting.backprop.forward.program
    for layer in net.hidden_and_output:
        n_l, n_prev = _n(setting, layer), _n(setting, layer - 1)
        terms = [_z_terms(setting, layer, j) for j in range(1, n_l + 1)]
        longest = max(len(" + ".join(texs)) for texs, _ in terms)
        if n_l <= budget.entries and longest <= budget.entry_chars:
            lines = []
            for j, (texs, exprs) in enumerate(terms, start=1):
                tex, value = _activation_entry(setting, layer, j)
                lines.append(rf"{_z(layer, j)} &= {' + '.join(texs)}, \qquad {_a(setting, layer, j)} = {tex}")
                printed += [sp.Add(*exprs), _realize(value)]
                computed += [
                    program.definition(net.z_symbols(layer)[j - 1]),
                    program.definition(net.a_symbols(layer)[j - 1]),
                ]
            blocks.append(Math(tuple(lines)))
        else:
            act = _f(setting, layer)
            blocks.append(
                Math(
                    (
                        rf"{_z(layer, 'j')} &= \sum_{{k=1}}^{{{n_prev}}} {_w(layer, 'j', 'k')} "
                        rf"{_a(setting, layer - 1, 'k')} + b^{{[{layer}]}}_{{j}}, \qquad "
                        rf"a^{{[{layer}]}} = {act}(z^{{[{layer}]}}), \qquad j = 1, \dots, {n_l}.",
                    )
                )
            )
            blocks.append(
                Note(
                    rf"The {_count(n_l)} entries of $z^{{[{layer}]}}$ are not written out one by one: each is a sum "
                    rf"of {_count(n_prev)} products, about {_count(longest)} characters of LaTeX; the sum above "
                    rf"stands for them."
                )
            )
    if printed:
        blocks.append(
            _identity(
                r"\text{the equations above} = \text{symnn's forward program}",
                "each printed right-hand side (with the activation written out) equals the forward program's "
                "assignment, exactly",
                sp.Matrix(printed),
                sp.Matrix(computed),
                "forward equations",
            )
        )
    return Section("The forward pass", tuple(blocks))


# ============================================================================ 4. the network function


def _nested_z(setting: Setting, layer: int, j: int) -> tuple[list[str], sp.Expr]:
    """Top-level terms of z[l]_j written out in x and the parameters: LaTeX pieces, display expression."""
    net = setting.network
    if layer == 2:
        texs, exprs = _z_terms(setting, layer, j)
        return texs, sp.Add(*exprs)
    texs, exprs = [], []
    for k in range(1, _n(setting, layer - 1) + 1):
        inner_texs, inner = _nested_z(setting, layer - 1, k)
        inner_value = _sigma(setting, layer - 1, inner)
        texs.append(rf"{_tex(net.W[layer][j - 1, k - 1])} {_f(setting, layer - 1)}\bigl({' + '.join(inner_texs)}\bigr)")
        exprs.append(net.W[layer][j - 1, k - 1] * inner_value)
    bias = net.b[layer][j - 1]
    return [*texs, _tex(bias)], sp.Add(*exprs, bias)


def _nested_matrix_form(setting: Setting) -> str:
    return nested_matrix_form(setting.network)


def _nested_size(setting: Setting) -> int:
    """Rough LaTeX length of one nested output entry, computed without building it."""
    size = 0
    for layer in setting.network.hidden_and_output:
        size = _n(setting, layer - 1) * (size + 30) + 15
    return size


def network_function(setting: Setting) -> Section:
    r"""F(x) = a[L] as the nested expression, entry by entry while readable."""
    net, budget = setting.network, setting.budget
    blocks: list[Block] = [
        Prose(r"Composing the layers gives the network function"),
        Math((rf"F(x) &= a^{{[{net.L}]}} = {_nested_matrix_form(setting)}.",)),
    ]
    readable = _nested_size(setting) <= budget.nested_chars and _n(setting, net.L) <= budget.entries
    if readable:
        entries = [_nested_z(setting, net.L, j) for j in range(1, _n(setting, net.L) + 1)]
        longest_line = max(len(t) for texs, _ in entries for t in texs)
        total = max(sum(len(t) for t in texs) for texs, _ in entries)
        readable = longest_line <= budget.line_chars and total <= budget.nested_chars
    if not readable:
        blocks.append(
            Note(
                "The entries of F(x) are not written out as nested expressions: each would run to more than "
                f"{_count(budget.nested_chars)} characters of LaTeX; the matrix form above stands for them."
            )
        )
        return Section("The network function", tuple(blocks))
    softmax = net.loss.softmax_output
    lines: list[str] = []
    printed, computed = [], []
    for j, (texs, expr) in enumerate(entries, start=1):
        pieces = [texs[0]] + ["+ " + t for t in texs[1:]]
        if softmax:
            lines += _continued(_z(net.L, j), pieces)
            printed.append(_realize(expr))
            computed.append(setting.backprop.forward.expand(net.z_symbols(net.L)[j - 1]))
        else:
            lines += _continued(rf"F_{{{j}}}(x)", pieces, rf"{_f(setting, net.L)}\Bigl(", r"\Bigr)")
            printed.append(_realize(_sigma(setting, net.L, expr)))
            computed.append(net.output[j - 1])
    if softmax:
        blocks.append(Prose(rf"The output is $F(x) = \operatorname{{softmax}}(z^{{[{net.L}]}})$ with"))
    else:
        blocks.append(Prose(r"Written out in the input and the parameters:"))
    blocks.append(Math(tuple(lines)))
    blocks.append(
        _identity(
            r"\text{the nested expressions above} = F(x)",
            "with the activations written out, each equals symnn's forward program inlined, exactly",
            sp.Matrix(printed),
            sp.Matrix(computed),
            "network function",
        )
    )
    return Section("The network function", tuple(blocks))


# ============================================================================ 5. cost


def _output_error_terms(setting: Setting) -> list[tuple[str, sp.Expr]]:
    net = setting.network
    a_L = net.a_symbols(net.L)
    return [
        (rf"\left(y_{{{j}}} - {_a(setting, net.L, j)}\right)^2", (net.y[j - 1] - a_L[j - 1]) ** 2)
        for j in range(1, a_L.rows + 1)
    ]


def cost_function(setting: Setting) -> Section:
    """The cost of one point, eq. (18), and of N points, eq. (9)."""
    net = setting.network
    n_L = _n(setting, net.L)
    a_L = net.a_symbols(net.L)
    blocks: list[Block] = []
    if net.loss.softmax_output:
        blocks.append(Prose(r"The cost of one training point $(x, y)$ is the cross-entropy of the softmax output"))
        lines = [rf"C &= -\sum_{{j=1}}^{{{n_L}}} y_j \log a^{{[{net.L}]}}_j"]
        terms = [
            (rf"y_{{{j}}} \log {_a(setting, net.L, j)}", net.y[j - 1] * sp.log(a_L[j - 1])) for j in range(1, n_L + 1)
        ]
        if n_L <= setting.budget.entries:
            lines += _continued(
                "", _wrap([t for t, _ in terms], setting.budget.line_chars, " + "), r"-\bigl(", r"\bigr)"
            )
        printed = -sp.Add(*[e for _, e in terms])
    else:
        blocks.append(Prose(r"The cost of one training point $(x, y)$ is, eq. (18),"))
        lines = [rf"C &= \frac{{1}}{{2}} \bigl\lVert y - a^{{[{net.L}]}} \bigr\rVert_2^2"]
        terms = _output_error_terms(setting)
        if n_L <= setting.budget.entries:
            lines += _continued(
                "", _wrap([t for t, _ in terms], setting.budget.line_chars, " + "), r"\frac{1}{2}\Bigl(", r"\Bigr)"
            )
        printed = sp.Rational(1, 2) * sp.Add(*[e for _, e in terms])
    blocks.append(Math(tuple(lines)))
    blocks.append(
        Prose(
            r"and over $N$ training points $\{x^{\{i\}}, y^{\{i\}}\}_{i=1}^N$ the cost is the mean, eq. (9), "
            r"$\frac{1}{N}\sum_{i=1}^{N} C(x^{\{i\}}, y^{\{i\}})$; its gradient is the mean of the one-point "
            r"gradients derived below."
        )
    )
    blocks.append(
        _identity(
            r"C \text{ as written out} = \text{symnn's cost of } a^{[L]} \text{ and } y",
            "the written-out cost equals symnn's cost of a[L] and y, exactly",
            printed,
            net.loss.value(net.y, a_L),
            "cost",
        )
    )
    return Section("The cost", tuple(blocks))
