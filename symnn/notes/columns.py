r"""Columns of any size, judged by their entry: ``\frac{\partial L}{\partial \mathbf{x}} = \begin{bmatrix} p_1 - y_1 \\
\vdots \\ p_n - y_n \end{bmatrix} = \mathbf{p} - \mathbf{y}``.

A column written with a row of dots (a :class:`~symnn.notes.syntax.Summation` with ``stacked``) holds for every size
exactly when its entry k does, for every k: so a link with such a column on a side is judged as the link of its
entries, ``\frac{\partial L}{\partial x_k} = p_k - y_k``, with k a free index, as a claim about one entry is
(with every rule of sums of any size: the instances n = 1, 2, 3, the entries that sum to one). The other side's
entry is that of a bold name (p_k of ``\mathbf{p}``), of a derivative by a bold vector (∂L/∂x_k of
``\frac{\partial L}{\partial \mathbf{x}}``), or of a sum, difference or multiple of such entries.
"""

from __future__ import annotations

from dataclasses import replace

from symnn.notes.chains import Element
from symnn.notes.sums import BOLD
from symnn.notes.syntax import Derivative, Name, Neg, Node, Num, Op, Summation, Wrap, walk

__all__ = ["entrywise"]

def entrywise(left: Element, right: Element, templates: frozenset[str] = frozenset()) -> tuple[Element, Element] | None:
    r"""The link of the entries of ``left`` and ``right`` when a side is a column of any size, or the gradient of a
    quantity defined for any number of terms (``templates``: L of ``\frac{\partial L}{\partial \mathbf{x}} =
    \mathbf{p} - \mathbf{y}``); None otherwise."""
    if left.node is None or right.node is None:
        return None
    columns = [n for side in (left.node, right.node) for n in _top_columns(side)]
    gradient = isinstance(left.node, Derivative) and left.node.name in templates and _entry(left.node, "k") is not None
    if not columns and not gradient:
        return None
    taken = {n.name for side in (left.node, right.node) for n in walk(side) if isinstance(n, Name)}
    letter = columns[0].index if columns else next(k for k in "kjmpqr" if not any(n.endswith("_" + k) for n in taken))
    if any(c.index != letter for c in columns):
        return None
    if any(name.endswith("_" + letter) and not _in_a_column(name, columns) for name in taken):
        return None  # (the letter is an index of the claim already)
    one, other = _entry(left.node, letter), _entry(right.node, letter)
    if one is None or other is None:
        return None
    return replace(left, node=one), replace(right, node=other)


def _top_columns(node: Node) -> list[Summation]:
    """The columns of any size among the terms of ``node`` (not inside a function or another sum)."""
    if isinstance(node, Summation):
        return [node] if node.stacked else []
    if isinstance(node, Op) and node.op in ("+", "-", "cdot", "implicit", "times"):
        return _top_columns(node.left) + _top_columns(node.right)
    if isinstance(node, (Neg, Wrap)):
        return _top_columns(node.operand)
    return []


def _in_a_column(name: str, columns: list[Summation]) -> bool:
    return any(isinstance(n, Name) and n.name == name for c in columns for n in walk(c.body))


def _entry(node: Node, letter: str) -> Node | None:
    """The entry ``letter`` of a vector-valued ``node``, or None when it is not one of the forms read."""
    if isinstance(node, Summation) and node.stacked:
        if node.lower is not None and not (isinstance(node.lower, Num) and node.lower.value == 1):
            return None
        return node.body if node.index == letter else None
    if isinstance(node, Name) and node.name.startswith(BOLD):
        stem = node.name.split("_", 1)[1]
        return Name(f"{stem}_{letter}") if "_" not in stem else None
    if isinstance(node, Derivative) and node.args is None and len(node.wrt) == 1 and node.wrt[0].startswith(BOLD):
        stem = node.wrt[0].split("_", 1)[1]
        return replace(node, wrt=(f"{stem}_{letter}",)) if "_" not in stem else None
    if isinstance(node, (Neg, Wrap)):
        inner = _entry(node.operand, letter)
        return replace(node, operand=inner) if inner is not None else None
    if isinstance(node, Op) and node.op in ("+", "-"):
        a, b = _entry(node.left, letter), _entry(node.right, letter)
        return replace(node, left=a, right=b) if a is not None and b is not None else None
    if isinstance(node, Op) and node.op in ("cdot", "implicit", "times") and isinstance(node.left, Num):
        inner = _entry(node.right, letter)  # 2\mathbf{x}: twice each entry
        return replace(node, right=inner) if inner is not None else None
    return None
