r"""Vectors written as rows: ``z_1 = x W_1 + b_1`` with ``x = [1, 2]``, as NumPy computes ``x @ W``.

A vector written as a list, ``[a, b]``, is kept as a column, the convention of most notes (``W x + b``).
Notes written for NumPy put the vector on the left and mean a row: ``h W_2`` is a number for ``W_2`` a
column, ``h^T \frac{\partial L}{\partial \hat{y}}`` a column, ``x^T \delta`` an outer product. A link that
cannot be judged with columns is judged again with every vector written as a list, and every name whose
value was written so, read as a row; only a verdict in which the shapes meet is taken.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from symnn.notes.chains import Chain, Element
from symnn.notes.claims import NoteClaim
from symnn.notes.definitions import bound_names, names_in
from symnn.notes.digits import MISREAD_SHAPES
from symnn.notes.evaluate import lists_as_rows
from symnn.notes.judge import judge_link
from symnn.notes.parser import Derivative, Matrix
from symnn.notes.said import with_derivatives_said
from symnn.notes.scope import Scope
from symnn.notes.syntax import walk

__all__ = ["in_rows", "remember_lists"]

#: Why a link was left unchecked that reading its vectors as rows may settle.
_SHAPES = (
    MISREAD_SHAPES, "a product of shapes", "vectors of shapes", "a number added to a vector", "a transpose of a number"
)


def remember_lists(chain: Chain, scope: Scope) -> None:
    """``h = \\max(0, z_1) = [0.7, 1.0]``: the name's value was written as a list (a row, on paper)."""
    head, last = chain.elements[0], chain.elements[-1]
    if head is None or last is None or len(chain.elements) < 2 or not isinstance(last.node, Matrix):
        return
    names = bound_names(head.node, scope)
    if names is None or len(names) != 1:
        return
    if last.node.listed:
        scope.listed.add(names[0])
    else:
        scope.listed.discard(names[0])


def in_rows(judged: NoteClaim, left: Element, op: str, right: Element, scope: Scope) -> NoteClaim:
    """``judged`` again with vectors written as lists read as rows, when it was unchecked for its shapes."""
    if judged.status != "unchecked" or not any(reason in judged.reason for reason in _SHAPES):
        return judged
    sides = [side.node for side in (left, right) if side.node is not None]
    names = {n for side in sides for n in names_in(side)} & scope.listed
    literal = any(isinstance(n, Matrix) and n.listed for side in sides for n in walk(side))
    if not names and not literal and not _said_as_lists(left, right, scope):
        return judged
    apart = scope.apart()
    for name in names:
        binding = scope.values.get(name)
        if binding is not None and isinstance(binding.value, sp.MatrixBase) and binding.value.shape[1] == 1:
            apart.values[name] = replace(binding, value=binding.value.T)  # type: ignore[index]
    with lists_as_rows():
        again = with_derivatives_said(judge_link(left, op, right, apart), left, op, right, apart)
    if again.status == "unchecked" or any(reason in again.reason for reason in _SHAPES):
        return judged
    return replace(again, reason=f"with the vectors written as lists read as rows (x W, as in NumPy): {again.reason}")


def _said_as_lists(left: Element, right: Element, scope: Scope) -> bool:
    """Whether a derivative the link uses was said to be a list (``∂L/∂z_1 = [-2.6, 2.6]``)."""
    nodes = (n for side in (left.node, right.node) for n in walk(side))
    used = [n for n in nodes if isinstance(n, Derivative) and n in scope.stated]
    return any(isinstance(scope.stated[n].node, Matrix) and scope.stated[n].node.listed for n in used)
