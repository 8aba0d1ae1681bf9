r"""The full derivation of backpropagation for a network a user names, as LaTeX or Markdown.

:func:`derive` is a short pipeline of named stages. Each stage reads one frozen
:class:`Setting` (the network, its Lemma 1 program, the size budget) and returns a
:class:`Section` of blocks: prose, displayed equations, tables, a TikZ drawing, notes of
what was left out, and :class:`Check` records. Every identity the document states is
checked by symnn before it is printed (the forward equations against the forward program,
the δ entries against the backward program, the matrix form against the δ recursion, the
layer Jacobians against ``sympy.diff``, each path sum against Lemma 1), and Lemma 1 itself
against direct differentiation with :func:`symnn.backprop.prove_backprop`.

The notation is that of Higham & Higham (2019), Sections 3 and 5: :math:`z^{[l]} =
W^{[l]} a^{[l-1]} + b^{[l]}`, :math:`a^{[l]} = \sigma(z^{[l]})`, :math:`\delta^{[l]} =
\partial C / \partial z^{[l]}`, Lemma 1 eqs. (22)–(25). What would be unreadable (a sum of
784 products) is not printed: the document says what it left out and shows the matrix
form instead, so a 784-30-10 network still gives a sensible document.

Rendering is separate from deriving: :meth:`Derivation.latex`, :meth:`Derivation.markdown`
and :meth:`Derivation.summary` (JSON-ready) read the same sections.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from functools import cache, reduce
from typing import Any, ClassVar

import sympy as sp

from symnn import symbols
from symnn.activations import Activation
from symnn.backprop import Backprop, BackpropProof, prove_backprop
from symnn.document.latex import escape, render_latex
from symnn.document.markdown import render_markdown
from symnn.document.model import (
    Block,
    Document,
    Drawing,
    Items,
    Judged,
    Math,
    Note,
    Prose,
    Section,
    Table,
    Tally,
    identity_result,
    judge,
)
from symnn.document.model import Check as Identity
from symnn.errors import SymnnError
from symnn.exact import exact_vector
from symnn.latex import latex, nested_matrix_form
from symnn.network import Network
from symnn.verify import ClaimResult, check_claim, equal

__all__ = [
    "Budget",
    "Check",
    "DataPoint",
    "Derivation",
    "Section",
    "data_point",
    "derive",
    "parameter",
]

# ============================================================================ records


@dataclass(frozen=True)
class Budget:
    """How much the document writes out before it switches to the matrix form.

    Attributes:
        entry_chars: longest LaTeX source of one printed entry (z[l]_j, δ[l]_j, a path).
        line_chars: longest LaTeX source of one displayed line of a nested F(x).
        nested_chars: longest LaTeX source of one nested output F_j(x).
        entries: most entries of one column written out one by one.
        matrix: most rows or columns of a matrix written out entry by entry.
        paths: most chain-rule paths written out one by one.
        parameters: most parameters listed by name (and gradient entries given as values).
        prove_parameters: largest network that :func:`prove_backprop` checks itself;
            above it, the same-depth network with every width at most 3 is checked.
        exact_chars: longest exact value (LaTeX source) shown beside its decimal.
    """

    entry_chars: int = 600
    line_chars: int = 240
    nested_chars: int = 2400
    entries: int = 12
    matrix: int = 5
    paths: int = 12
    parameters: int = 60
    prove_parameters: int = 120
    exact_chars: int = 90


@dataclass(frozen=True)
class DataPoint:
    """One training point and the parameter values to evaluate at, all exact.

    Attributes:
        x: the input, n_1 exact numbers.
        y: the target, n_L exact numbers.
        theta: the parameter values in ``network.parameters()`` order.
    """

    x: tuple[sp.Expr, ...]
    y: tuple[sp.Expr, ...]
    theta: tuple[sp.Expr, ...]


@dataclass(frozen=True)
class Check:
    """One identity the document states, and symnn's verdict on it (judged after the document was built).

    Attributes:
        statement: the identity, as LaTeX math.
        how: how it was checked, in words.
        result: the :class:`symnn.verify.ClaimResult` (for several claims: the worst, counted).
    """

    statement: str
    how: str
    result: ClaimResult

    @property
    def status(self) -> str:
        """``"verified"``, ``"failed"`` or ``"unchecked"``."""
        return self.result.status


@dataclass(frozen=True)
class Derivation:
    """The derivation for one network: sections, checks, and what was left out.

    Attributes:
        network: the network derived.
        title: the document's title (plain text).
        sections: the sections, in order.
        proof: what :func:`symnn.backprop.prove_backprop` checked.
        proved_on: the network the proof ran on (``network`` itself, or a smaller
            network of the same depth, activations and cost).
        values: with ``--data``, the named quantities at the point: name → exact value.
    """

    network: Network
    title: str
    sections: tuple[Section, ...]
    proof: BackpropProof
    proved_on: Network
    values: tuple[Value, ...] = ()
    results: tuple[ClaimResult, ...] = ()

    @property
    def judged(self) -> Judged:
        """The derivation as a judged document of :mod:`symnn.document.model`."""
        return Judged(Document(self.title, self.sections), self.results)

    @property
    def checks(self) -> tuple[Check, ...]:
        """Every check stated in the document, in order, with its verdict."""
        return tuple(
            Check(block.statement, block.how, identity_result(results))
            for block, results in self.judged.per_block()
            if isinstance(block, Identity)
        )

    @property
    def omitted(self) -> tuple[str, ...]:
        """Every note of what was left out, in order."""
        return tuple(b.text for s in self.sections for b in s.blocks if isinstance(b, Note))

    @property
    def ok(self) -> bool:
        """True when Lemma 1 was proved and no stated identity failed."""
        return self.proof.ok and all(c.status != "failed" for c in self.checks)

    def latex(self) -> str:
        """The whole LaTeX document (the shared preamble of :mod:`symnn.document.latex`)."""
        return render_latex(self.judged)

    def markdown(self) -> str:
        """The derivation as Markdown with ``$$`` display math."""
        return render_markdown(self.judged)

    def summary(self) -> dict[str, Any]:
        """A JSON-ready record: network, checks, proof, what was left out, values."""
        net = self.network
        return {
            "network": repr(net),
            "layers": list(net.layers),
            "activations": [net.activations[layer].name for layer in net.hidden_and_output],
            "cost": net.loss.name,
            "parameters": len(net.parameters()),
            "sections": [s.title for s in self.sections],
            "checks": [
                {"statement": c.statement, "how": c.how, "status": c.status, "reason": c.result.reason}
                for c in self.checks
            ],
            "proof": {"ok": self.proof.ok, "network": repr(self.proved_on), "checks": list(self.proof.checks)},
            "omitted": list(self.omitted),
            "values": {v.name: {"exact": sp.sstr(v.exact), "decimal": v.decimal} for v in self.values},
            "ok": self.ok,
        }

    def _repr_markdown_(self) -> str:
        return self.markdown()


# ============================================================================ the pipeline


@dataclass(frozen=True)
class Setting:
    """What every stage reads: the network, Lemma 1 as a program, the size budget."""

    network: Network
    backprop: Backprop
    budget: Budget
    proof: BackpropProof
    proved_on: Network


def derive(
    network: Network,
    wrt: Sequence[sp.Symbol] = (),
    data: DataPoint | None = None,
    budget: Budget = Budget(),
) -> Derivation:
    r"""The derivation of backpropagation for ``network``, every stated identity checked.

    Args:
        network: the network (any layer sizes, activations, cost).
        wrt: parameters whose derivative is written out through the chain rule.
        data: a point and parameter values for the numbers section, or None.
        budget: how much is written out entry by entry.

    Returns:
        A :class:`Derivation`; ``.latex()`` is the document.

    Examples:
        >>> d = derive(Network([1, 1, 1]))
        >>> d.ok, len(d.checks) > 3
        (True, True)
    """
    proved_on = _proof_network(network, budget)
    proof = prove_backprop(proved_on, real_limit=0 if _piecewise(network) else 40)
    setting = Setting(network, network.backprop(), budget, proof, proved_on)
    stages: list[Callable[[Setting], Section]] = [
        architecture,
        parameter_table,
        forward_equations,
        network_function,
        cost_function,
        activation_functions,
        lemma_one,
        matrix_form,
        layer_jacobians,
    ]
    sections = [stage(setting) for stage in stages]
    sections += [parameter_derivative(setting, theta) for theta in wrt]
    values: tuple[Value, ...] = ()
    if data is not None:
        section, values = values_at(setting, data, wrt)
        sections.append(section)
    sections.append(what_was_checked(setting, sections))
    results = judge(Document(_title(network), tuple(sections))).results
    return Derivation(network, _title(network), tuple(sections), setting.proof, proved_on, values, results)


def _title(network: Network) -> str:
    acts = [network.activations[layer].name for layer in network.hidden_and_output]
    act = acts[0] if len(set(acts)) == 1 else ", ".join(acts)
    if network.loss.softmax_output:
        act = ", ".join(acts[:-1]) + " and softmax output" if len(acts) > 1 else "softmax output"
    layers = "-".join(str(n) for n in network.layers)
    return f"Backpropagation for the {layers} network ({act}, {network.loss.name} cost)"


def _piecewise(network: Network) -> bool:
    """Whether an activation is piecewise (ReLU): direct differentiation of its nested cost takes minutes."""
    return any(act.function.expr.has(sp.Piecewise) for act in network.activations.values())


def _proof_network(network: Network, budget: Budget) -> Network:
    """``network``, or the same depth, activations and cost with every width at most 3."""
    if len(network.parameters()) <= budget.prove_parameters:
        return network
    acts = [network.activations[layer] for layer in network.hidden_and_output]
    return Network([min(n, 3) for n in network.layers], acts, network.loss)


# ============================================================================ display functions


class _Applied(sp.Function):
    """An activation (or its derivative) applied to one argument, printed by its name.

    The document writes :math:`\\sigma(z^{[2]}_1)` and :math:`\\sigma'(z^{[2]}_1)` rather
    than the written-out functions; :func:`_realize` puts the real functions back so that
    every printed formula can be compared with what symnn computes.
    """

    nargs = 1
    tex: ClassVar[str] = ""
    real: ClassVar[sp.Lambda | None] = None

    def _symnn_latex(self, printer: Any, exp: str | None = None) -> str:
        (argument,) = self.args
        inner = printer._print(argument)
        applied = rf"{self.tex}({inner})" if argument.is_Symbol else rf"{self.tex}\left({inner}\right)"
        return applied if exp is None else rf"{applied}^{{{exp}}}"


@cache
def _applied(kind: str, act: Activation) -> type[_Applied]:
    """The display function σ (``kind="f"``) or σ' (``kind="prime"``) of ``act``."""
    tex = act.latex + ("'" if kind == "prime" else "")
    real = act.function if kind == "f" else act.derivative
    # A name fixed by the activation itself (never hash(), which changes from run to run), so
    # that SymPy orders products of display functions the same way in every run.
    digest = hashlib.sha1(sp.srepr(act.function).encode()).hexdigest()[:8]
    name = f"display_{kind}_{re.sub(r'[^A-Za-z0-9]', '', act.name)}_{digest}"
    return type(name, (_Applied,), {"tex": tex, "real": real})


def _sigma(setting: Setting, layer: int, z: sp.Expr) -> sp.Expr:
    return _applied("f", setting.network.activations[layer])(z)


def _sigma_prime(setting: Setting, layer: int, z: sp.Expr) -> sp.Expr:
    return _applied("prime", setting.network.activations[layer])(z)


def _realize(expr: Any) -> Any:
    """``expr`` with every display σ, σ' replaced by the real function."""
    expr = sp.sympify(expr)
    return expr.replace(lambda e: isinstance(e, _Applied), lambda e: type(e).real(e.args[0]))


# ============================================================================ small LaTeX helpers


def _tex(expr: Any) -> str:
    return latex(expr)


def _z(layer: int, j: int | str) -> str:
    return rf"z^{{[{layer}]}}_{{{j}}}"


def _a(setting: Setting, layer: int, j: int | str) -> str:
    return rf"x_{{{j}}}" if layer == 1 else rf"a^{{[{layer}]}}_{{{j}}}"


def _w(layer: int, j: int | str, k: int | str) -> str:
    if isinstance(j, int) and isinstance(k, int):
        return _tex(symbols.weight(layer, j, k))
    return rf"w^{{[{layer}]}}_{{{j}\,{k}}}"  # letter indices: w^{[l]}_{j\,k}


def _delta(layer: int, j: int | str) -> str:
    return rf"\delta^{{[{layer}]}}_{{{j}}}"


def _f(setting: Setting, layer: int) -> str:
    """The LaTeX name of layer ``layer``'s activation (softmax for a cross-entropy output)."""
    if layer == setting.network.L and setting.network.loss.softmax_output:
        return r"\operatorname{softmax}"
    return setting.network.activations[layer].latex


def _n(setting: Setting, layer: int) -> int:
    return setting.network.layers[layer - 1]


def _index(layer: int) -> str:
    return rf"i_{{{layer}}}"


_SPACING = re.compile(r"\\(?:left|right|[bB]igg?[lr]?|quad|qquad|[,;!]|textstyle|operatorname)(?![A-Za-z])")


def _width(tex: str) -> float:
    """A rough printed width of ``tex`` in characters (commands count one, fractions half)."""
    text = _SPACING.sub("", tex)
    text = re.sub(r"\\[A-Za-z]+", "x", text)
    text = re.sub(r"[{}^_&\s]", "", text)
    return len(text) / 2 if r"\frac" in tex else len(text)


def _wrap(pieces: Sequence[str], limit: int, joiner: str = " ") -> list[str]:
    """Greedy line breaking of ``pieces`` into lines of at most ``limit`` printed characters (:func:`_width`)."""
    limit = limit // 3  # line_chars is a source-character budget; printed width is about a third
    lines: list[str] = []
    current = ""
    for piece in pieces:
        if current and _width(current) + _width(piece) > limit:
            lines.append(current)
            current = piece
        else:
            current = f"{current}{joiner}{piece}" if current else piece
    if current:
        lines.append(current)
    return lines


def _continued(lhs: str, lines: Sequence[str], opening: str = "", closing: str = "") -> tuple[str, ...]:
    r"""Displayed lines ``lhs &= opening line_1``, ``&\qquad line_2``, ..., ``line_n closing``."""
    out = [rf"{lhs} &= {opening}{lines[0]}"] + [rf"&\qquad {line}" for line in lines[1:]]
    out[-1] += closing
    return tuple(out)


def _count(number: int) -> str:
    return f"{number:,}"


def _identity(statement: str, how: str, printed: object, computed: object, where: str) -> Identity:
    """The stated identity ``printed == computed``, to be judged exactly after the document is built."""
    return Identity((equal(where, statement, printed, computed),), statement=statement, how=how)


def _check(statement: str, how: str, printed: object, computed: object, where: str) -> Check:
    """The identity ``printed == computed`` judged now with :func:`symnn.verify.check_claim` (for tests)."""
    identity = _identity(statement, how, printed, computed, where)
    return Check(statement, how, identity_result([check_claim(c) for c in identity.claims]))


def _matrix(rows: Sequence[Sequence[str]]) -> str:
    body = r" \\ ".join(" & ".join(row) for row in rows)
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"


def _fits(setting: Setting, *shape: int) -> bool:
    return max(shape) <= setting.budget.matrix


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
    matrices = [
        rf"W^{{[{layer}]}} &= {_tex(net.W[layer])}, \quad b^{{[{layer}]}} = {_tex(net.b[layer])}"
        for layer in net.hidden_and_output
        if _fits(setting, *net.W[layer].shape)
    ]
    if matrices:
        blocks.append(Math(tuple(matrices)))
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


# ============================================================================ 11. numbers at a data point


def data_point(network: Network, record: object) -> DataPoint:
    """A :class:`DataPoint` from a mapping ``{"x": [...], "y": [...], "parameters": ...}``.

    ``parameters`` is either a flat list in ``network.parameters()`` order, or a mapping of
    blocks ``{"W2": [[...], ...], "b2": [...], ...}`` (every block present). Numbers are
    integers, or strings holding exact decimals or fractions (``"0.05"``, ``"1/3"``).

    Examples:
        >>> point = data_point(Network([1, 1]), {"x": ["0.5"], "y": [1], "parameters": {"W2": [["2"]], "b2": [0]}})
        >>> point.theta
        (2, 0)
    """
    if not isinstance(record, Mapping):
        raise SymnnError('the data must be an object with "x", "y" and "parameters"')
    missing = [key for key in ("x", "y", "parameters") if key not in record]
    if missing:
        raise SymnnError(f'the data has no {", ".join(repr(m) for m in missing)}; it needs "x", "y", "parameters"')
    x = tuple(exact_vector(record["x"], network.layers[0], "input x"))
    y = tuple(exact_vector(record["y"], network.layers[-1], "target y"))
    values = record["parameters"]
    if isinstance(values, Mapping):
        flat: list[object] = []
        for name, block in network.parameter_blocks():
            if name not in values:
                raise SymnnError(
                    f"the parameters have no block {name!r} (blocks: W2, b2, ..., W{network.L}, b{network.L})"
                )
            flat += _block_values(values[name], block, name)
        unknown = sorted(set(values) - {name for name, _ in network.parameter_blocks()})
        if unknown:
            raise SymnnError(
                f"unknown parameter block {unknown[0]!r}; the blocks are W2, b2, ..., W{network.L}, b{network.L}"
            )
    elif isinstance(values, list):
        flat = list(values)
    else:
        raise SymnnError('"parameters" must be a list in parameter order or an object of blocks W2, b2, ...')
    theta = tuple(network.assign(flat).values())
    return DataPoint(x, y, theta)


def _block_values(value: object, block: sp.Matrix, name: str) -> list[object]:
    rows, cols = block.shape
    if name.startswith("b"):
        return list(exact_vector(value, rows, f"block {name}"))
    if not isinstance(value, list) or len(value) != rows or not all(isinstance(r, list) for r in value):
        raise SymnnError(f"block {name} must be a list of {rows} rows of {cols} numbers")
    return [entry for row in value for entry in exact_vector(row, cols, f"block {name}")]


def _decimal(value: sp.Expr, digits: int = 12) -> str:
    """``value`` correctly rounded to ``digits`` significant digits (half to even), fixed format.

    ``sympy.N(value, 12)`` alone can be off by one in the last digit; evaluating with 15
    guard digits and rounding in :mod:`decimal` is not.

    Examples:
        >>> _decimal(sp.Rational(5, 8))
        '0.625000000000'
    """
    approx = sp.N(value, digits + 15)
    if approx == 0:
        return "0"
    with localcontext() as context:
        context.prec = digits
        context.rounding = ROUND_HALF_EVEN
        return str(+Decimal(str(approx)))


@dataclass(frozen=True)
class Value:
    """One named quantity at the data point.

    Attributes:
        name: the SymPy name (``"z_1__2"``), ``"C"``, or ``"dC/dw_11__2"``.
        exact: the exact value (SymPy).
        decimal: 12 significant digits, from the program run step by step with 40 digits.
    """

    name: str
    exact: sp.Expr
    decimal: str


#: Digits used to run the program numerically for the decimals (12 are printed).
_GUARD_DIGITS = 40


def _stepwise(bp: Backprop, point: Mapping[sp.Symbol, sp.Expr]) -> dict[sp.Symbol, sp.Expr]:
    """Every name of the program as a 40-digit number, one step at a time.

    Evaluating the exact values with ``evalf`` would walk each nested expression as a tree,
    re-evaluating shared sub-expressions (a minute for a 784-30-10 network); the program
    evaluates each named intermediate once.
    """
    numeric: dict[sp.Symbol, sp.Expr] = {s: sp.Float(v, _GUARD_DIGITS) for s, v in point.items()}
    for name, value in bp.program.steps:
        numeric[name] = value.xreplace(numeric).evalf(_GUARD_DIGITS)
    return numeric


def _small(expr: sp.Expr, nodes: int = 40) -> bool:
    """True when ``expr`` has at most ``nodes`` nodes (stops counting early on big trees)."""
    for count, _ in enumerate(sp.preorder_traversal(expr), start=1):
        if count > nodes:
            return False
    return True


def values_at(setting: Setting, data: DataPoint, wrt: Sequence[sp.Symbol]) -> tuple[Section, tuple[Value, ...]]:
    """The forward pass, cost, δ's and gradient at a point: exact where the inputs are exact, and decimals."""
    net, budget = setting.network, setting.budget
    bp = setting.backprop  # symbolic x, y: the point gives their values too
    point = dict(zip(net.parameters(), data.theta, strict=True))
    point |= dict(zip(net.x, data.x, strict=True)) | dict(zip(net.y, data.y, strict=True))
    known = bp.evaluate(point)
    numeric = _stepwise(bp, point)
    names = [s for layer in net.hidden_and_output for s in (*net.z_symbols(layer), *net.a_symbols(layer))]
    names += [s for layer in range(net.L, 1, -1) for s in bp.delta[layer]]
    quantities: list[tuple[str, sp.Expr, sp.Expr]] = [(str(s), known[s], numeric[s]) for s in names]
    a_L = net.a_symbols(net.L)
    cost = (
        net.loss.value(sp.Matrix(data.y), a_L.xreplace(known)),
        net.loss.value(sp.Matrix(data.y), a_L.xreplace(numeric)),
    )
    quantities.insert(len(names) - sum(_n(setting, l) for l in net.hidden_and_output), ("C", *cost))
    params = list(net.parameters())
    listed = params if len(params) <= budget.parameters else list(wrt)
    named = dict(zip(params, bp.gradient(), strict=True))
    # Only the listed entries: 23,860 exact products would take a minute.
    for p in listed:
        entry = named[p]
        quantities.append((f"dC/d{p}", entry.xreplace(known), entry.xreplace(numeric)))
    values = tuple(Value(name, exact, _decimal(number)) for name, exact, number in quantities)
    x_tex = ", ".join(_tex(v) for v in data.x)
    y_tex = ", ".join(_tex(v) for v in data.y)
    blocks: list[Block] = [
        Prose(
            rf"At the input $x = ({x_tex})^T$ with target $y = ({y_tex})^T$ and the parameter values given, "
            r"running the forward program and then Lemma 1 gives the numbers below: exact where short (the inputs "
            r"are exact), and as decimals of 12 significant digits."
        )
    ]
    shown = [
        rf"W^{{[{l}]}} &= {_tex(net.W[l].xreplace(point))}, \quad b^{{[{l}]}} = {_tex(net.b[l].xreplace(point))}"
        for l in net.hidden_and_output
        if _fits(setting, *net.W[l].shape)
    ]
    if shown:
        blocks.append(Math(tuple(shown)))
    table_rows, long_exact = [], 0
    for value in values:
        exact_tex = _tex(value.exact) if _small(value.exact) else ""
        if not exact_tex or len(exact_tex) > budget.exact_chars:
            long_exact += 1
            exact_tex = ""
        shown_exact = f"${exact_tex}$" if exact_tex else "(long)"
        table_rows.append((f"${_name_tex(value.name)}$", shown_exact, f"${value.decimal}$"))
    blocks.append(Table(("quantity", "exact", "decimal"), tuple(table_rows)))
    if long_exact:
        blocks.append(
            Note(
                f"{long_exact} exact values too long to print (over {budget.exact_chars} characters of LaTeX) are "
                "marked (long); --json gives every exact value."
            )
        )
    if len(params) > budget.parameters:
        blocks.append(Note(f"The gradient has {_count(len(params))} entries; only those named with --wrt are listed."))
    blocks += _value_checks(setting, data, values, listed)
    return Section("Numbers at the data point", tuple(blocks)), values


def _name_tex(name: str) -> str:
    if name.startswith("dC/d"):
        return _partial("C", _tex(sp.Symbol(name[4:])))
    return _tex(sp.Symbol(name))


def _value_checks(setting: Setting, data: DataPoint, values: Sequence[Value], listed: list[sp.Symbol]) -> list[Block]:
    """The printed gradient decimals against direct differentiation (small networks) or the exact values."""
    from symnn.calculus import gradient as direct_gradient_of
    from symnn.verify import approx

    net = setting.network
    printed = {v.name: v for v in values if v.name.startswith("dC/d")}
    if not printed:
        return []
    if len(net.parameters()) <= 40:
        direct = direct_gradient_of(net.point_cost(list(data.x), list(data.y)), listed)
        point = dict(zip(net.parameters(), data.theta, strict=True))
        claims = [
            approx("values", str(p), printed[f"dC/d{p}"].decimal, direct[i].xreplace(point))
            for i, p in enumerate(listed)
        ]
        how = (
            "each printed gradient decimal agrees, to its last printed digit, with sympy.diff of the nested cost "
            "evaluated exactly at the point"
        )
        statement = r"\text{printed } \partial C / \partial \theta \approx \text{direct differentiation}"
    else:
        claims = [approx("values", v.name, v.decimal, v.exact) for v in printed.values()]
        how = "each printed gradient decimal agrees, to its last printed digit, with the exact value"
        statement = r"\text{printed } \partial C / \partial \theta \approx \text{exact values}"
    return [Identity(tuple(claims), statement=statement, how=how)]


# ============================================================================ 12. what was checked


def what_was_checked(setting: Setting, sections: Sequence[Section]) -> Section:
    """Lemma 1 against direct differentiation (prove_backprop), and a tally of every check."""
    net, proof = setting.network, setting.proof
    if setting.proved_on is net:
        where = "for this network"
    else:
        sizes = "-".join(str(n) for n in setting.proved_on.layers)
        where = (
            f"for the {sizes} network, which has the depth, activations and cost of this one and at most 3 neurons per "
            f"layer: this network's {_count(len(net.parameters()))} parameters are more than symnn differentiates "
            f"directly in a document ({setting.budget.prove_parameters}). Every entry of Lemma 1 is the same "
            "chain-rule sum for every width; only the lengths of the sums differ"
        )
    verdict = "equal" if proof.ok else "NOT equal"
    blocks: list[Block] = [
        Prose(
            "Lemma 1 itself, that backpropagation gives the same gradient as differentiating the nested cost "
            f"directly, was checked with symnn.backprop.prove\\_backprop {where}. The two gradients are {verdict}:"
        ),
        Items(tuple(escape(line) for line in proof.checks)),
        *(
            [
                Prose(
                    "The activation is piecewise, so the comparison with the real activation written out was not "
                    "run (differentiating the nested piecewise cost directly takes minutes). The identity above "
                    "holds for every differentiable activation, and the derivative symnn uses was checked against "
                    "sympy.diff in the activation section, which together give Lemma 1 for this network."
                )
            ]
            if _piecewise(net)
            else []
        ),
        Tally("Besides, symnn checked each identity stated in this document where it is stated: ", ".", "identities"),
    ]
    omitted = [b.text for s in sections for b in s.blocks if isinstance(b, Note)]
    if omitted:
        blocks += [Prose("Left out of this document for readability:"), Items(tuple(omitted))]
    return Section("What symnn checked", tuple(blocks))


# ============================================================================ notebook display

# Moved to the one printer (the core's notebook display uses it); kept importable here.
from symnn.latex import network_latex, program_latex  # noqa: E402, F401
