r"""Differentials in matrix form: ``d(x \odot y) = (dx) \odot y + x \odot (dy)``, ``d\operatorname{tr}(B) = …``.

Matrix-calculus notes (Edelman and Johnson's *Matrix Calculus*, MIT 18.S096) differentiate by writing the
first-order change: ``dx`` is a small change of the vector x, of x's shape, and ``d(f)`` the part of f(x + dx) -
f(x) linear in the changes. The reader writes ``dx`` as the letter d before a name (``dx``, ``dA``, ``dx^T``)
and ``d(…)`` as d before a bracket. A claim is read with each ``dv`` a new vector or matrix of v's shape and
``d(E)`` the directional derivative of E, Σ_v Σ_e ∂E/∂v_e dv_e, over the names v whose change the claim writes:
exact at the sizes of the instance, as every matrix-form claim is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import cast

import sympy as sp

from symnn.notes.shapes import CHANGE
from symnn.notes.syntax import Call, Name, Node, Op, Transpose, rebuilt, walk

__all__ = ["changes", "differential", "is_differential_call", "varied", "written_as_differentials"]

_PRODUCTS = {"implicit", "hadamard", "cdot", "times"}


def written_as_differentials(node: Node) -> Node:
    r"""``node`` with ``d v`` (the letter d, then a name or its transpose, in a product) as the name ``d·v``,
    and ``d(…)`` kept as the call of d on the bracket: ``A \, dx \, x^T`` → A (d·x) x^T."""

    def merged(inner: object) -> Node | None:
        if not (isinstance(inner, Op) and inner.op == "implicit"):
            return None
        factors = _factors(inner)
        if not any(_ends_in_d(f) for f in factors[:-1]):
            return None
        out: list[Node] = []
        index = 0
        while index < len(factors):
            factor = factors[index]
            following = factors[index + 1] if index + 1 < len(factors) else None
            change = _change_of(following) if _ends_in_d(factor) else None
            if change is not None:  # (x \odot d) x of x \odot dx: the d ends the factor before the name
                out.append(_last_replaced(factor, change))
                index += 2
                continue
            out.append(written_as_differentials(factor))
            index += 1
        product = out[0]
        for factor in out[1:]:
            product = Op("implicit", product, factor)
        return product

    return cast(Node, rebuilt(node, merged))


def _ends_in_d(node: Node) -> bool:
    r"""Whether the last leaf of a product ``node`` is the letter d (``d``, ``x \odot d``, ``2 A d``)."""
    while isinstance(node, Op) and node.op in _PRODUCTS:
        node = node.right
    return isinstance(node, Name) and node.name == "d"


def _last_replaced(node: Node, change: Node) -> Node:
    """``node`` with its last leaf (a d) replaced by ``change``."""
    if isinstance(node, Op):
        return replace(node, left=written_as_differentials(node.left), right=_last_replaced(node.right, change))
    return change


def _factors(node: Node) -> list[Node]:
    """The factors of a chain of implicit products, left to right."""
    if isinstance(node, Op) and node.op == "implicit":
        return [*_factors(node.left), *_factors(node.right)]
    return [node]


def _change_of(node: Node | None) -> Node | None:
    r"""``d·v`` for the name v after a d (``dv^T`` for its transpose), ``d(…)`` of anything else after it
    (``d \operatorname{tr}(B^{-1})``, ``d \|x\|^2``); None at the end."""
    if isinstance(node, Name) and node.name != "d":
        return Name(CHANGE + node.name)
    if isinstance(node, Transpose) and isinstance(node.operand, Name):
        return replace(node, operand=Name(CHANGE + node.operand.name))
    if node is None or (isinstance(node, Name) and node.name == "d"):
        return None
    return Call("d", (written_as_differentials(node),), 0)


def varied(nodes: list[Node]) -> set[str]:
    """The names whose change ``d·v`` (:data:`~symnn.notes.shapes.CHANGE`) the nodes write (after
    :func:`written_as_differentials`)."""
    names = {n.name for node in nodes for n in walk(node) if isinstance(n, Name)}
    return {name[len(CHANGE) :] for name in names if name.startswith(CHANGE)}


def changes(symbols: Mapping[str, sp.ImmutableMatrix]) -> dict[sp.Symbol, sp.Expr]:
    """Each entry of a name whose change the instance holds (``x`` beside ``d·x``), mapped to that change's entry."""
    return {
        entry: change
        for name, matrix in symbols.items()
        if name.startswith(CHANGE) and name[len(CHANGE) :] in symbols
        for entry, change in zip(symbols[name[len(CHANGE) :]], matrix, strict=True)
    }


def differential(value: sp.MatrixBase | sp.Expr, changes: dict[sp.Symbol, sp.Expr]) -> sp.MatrixBase | sp.Expr:
    """The part of ``value`` linear in the changes: Σ ∂value/∂s · ds over the entries s that vary (``changes``
    maps each entry symbol to its change's symbol, as :func:`changes` gives them)."""

    def linear(entry: sp.Expr) -> sp.Expr:
        return sp.Add(*[sp.diff(entry, s) * ds for s, ds in changes.items() if entry.has(s)])

    if isinstance(value, sp.MatrixBase):
        return value.applyfunc(linear)
    return linear(value)


def is_differential_call(node: Node) -> bool:
    """Whether ``node`` is ``d(…)``, the differential of a bracket."""
    return isinstance(node, Call) and node.name == "d" and node.args is not None and len(node.args) == 1
