r"""What every stage reads (the :class:`Setting`), display functions σ and σ', and small LaTeX helpers."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

import sympy as sp

from symnn import symbols
from symnn.activations import Activation
from symnn.backprop import Backprop, BackpropProof
from symnn.derive.records import Budget, Check
from symnn.document.model import Check as Identity
from symnn.document.model import (
    identity_result,
)
from symnn.latex import latex
from symnn.network import Network
from symnn.verify import check_claim, equal

# ============================================================================ the pipeline


@dataclass(frozen=True)
class Setting:
    """What every stage reads: the network, Lemma 1 as a program, the size budget."""

    network: Network
    backprop: Backprop
    budget: Budget
    proof: BackpropProof
    proved_on: Network


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


def _parameter_lines(setting: Setting, point: Mapping[sp.Basic, sp.Basic] | None = None) -> tuple[str, ...]:
    """Aligned ``W^{[l]} = ..., b^{[l]} = ...`` lines for the layers whose matrices fit, at ``point`` if given."""
    net = setting.network
    at = dict(point or {})
    return tuple(
        rf"W^{{[{layer}]}} &= {_tex(net.W[layer].xreplace(at))}, "
        rf"\quad b^{{[{layer}]}} = {_tex(net.b[layer].xreplace(at))}"
        for layer in net.hidden_and_output
        if _fits(setting, *net.W[layer].shape)
    )
