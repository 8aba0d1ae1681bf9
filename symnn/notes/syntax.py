r"""The syntax tree of a parsed formula: small frozen records, one per construct."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass, replace

import sympy as sp

__all__ = [
    "Call",
    "Cases",
    "Condition",
    "Derivative",
    "DiffOp",
    "EvalAt",
    "Func",
    "Matrix",
    "Nabla",
    "Name",
    "Neg",
    "Node",
    "Num",
    "Op",
    "Pow",
    "Summation",
    "Transpose",
    "Wrap",
    "rebuilt",
    "walk",
]


class Node:
    """A node of the syntax tree."""


def walk(node: object) -> Iterator[Node]:
    """Every node of the tree under ``node``, itself first (parents before children, fields in order)."""
    if isinstance(node, Node):
        yield node
        for value in vars(node).values():
            yield from walk(value)
    elif isinstance(node, tuple):
        for item in node:
            yield from walk(item)


def rebuilt(node: object, change: Callable[[object], object | None]) -> object:
    """The tree under ``node`` with each subtree for which ``change`` gives something other than None
    replaced by what it gives (parents first: a replaced subtree is not looked into)."""
    new = change(node)
    if new is not None:
        return new
    if isinstance(node, tuple):
        return tuple(rebuilt(item, change) for item in node)
    if is_dataclass(node) and not isinstance(node, type):
        return replace(node, **{f.name: rebuilt(getattr(node, f.name), change) for f in fields(node)})  # type: ignore[arg-type]
    return node


@dataclass(frozen=True)
class Num(Node):
    """A number as printed; ``value`` is exact. ``truncated`` when followed by ``\\ldots``."""

    value: sp.Rational
    text: str
    truncated: bool = False


@dataclass(frozen=True)
class Name(Node):
    r"""A variable or function name, canonical: ``x``, ``x_1``, ``x_new``, ``eta``, ``mathbf_x``."""

    name: str


@dataclass(frozen=True)
class Neg(Node):
    """Unary minus."""

    operand: Node


@dataclass(frozen=True)
class Op(Node):
    r"""A binary operation: ``+``, ``-``, ``/`` or a product (``cdot``, ``times``, ``implicit``)."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Pow(Node):
    """``base^exponent``."""

    base: Node
    exponent: Node


@dataclass(frozen=True)
class Func(Node):
    r"""An elementary function: ``sqrt``, ``root`` (radicand, index), ``sin``, ``exp``, ``abs``, ``norm``, ..."""

    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Call(Node):
    """``f(args)`` or ``f'(args)`` (``primes`` derivatives); ``args`` None when no parentheses follow."""

    name: str
    args: tuple[Node, ...] | None
    primes: int = 0


@dataclass(frozen=True)
class Nabla(Node):
    r"""``\nabla f`` or ``\nabla f(args)``; ``order`` 2: ``\nabla^2 f``, the Hessian."""

    name: str
    args: tuple[Node, ...] | None
    order: int = 1


@dataclass(frozen=True)
class Derivative(Node):
    r"""``\frac{\partial f}{\partial x}`` (``partial``) or ``\frac{df}{dx}``, optionally at ``args``."""

    name: str
    wrt: tuple[str, ...]
    partial: bool
    args: tuple[Node, ...] | None = None


@dataclass(frozen=True)
class DiffOp(Node):
    r"""``\frac{d}{dx}(expr)`` or ``\frac{\partial}{\partial x} expr``: differentiate ``operand``."""

    operand: Node
    wrt: tuple[str, ...]
    bare: bool = False  # written \frac{\partial}{o_k}, without the second ∂


@dataclass(frozen=True)
class EvalAt(Node):
    r"""``expr\Big|_{(1,1)}`` (``point`` positional) or ``expr|_{x=1}`` (``names`` given)."""

    expr: Node
    point: tuple[Node, ...]
    names: tuple[str, ...] | None


@dataclass(frozen=True)
class Matrix(Node):
    """A matrix by rows; a vector ``(a, b)`` or ``[a, b]`` is a column (``vector`` True)."""

    rows: tuple[tuple[Node, ...], ...]
    vector: bool = False
    listed: bool = False  # written [a, b]: a row on paper, so [a, b]^T is the column
    positions: tuple[int, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Condition(Node):
    r"""``z \geq 0``: the case a value of :class:`Cases` holds in (``op`` one of ``< <= > >= = !=``)."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Cases(Node):
    r"""``\begin{cases} 1 & z \geq 0 \\ 0 & \text{otherwise} \end{cases}``: a value for each case, tried in
    order; a condition None is "otherwise" (every case not listed before it)."""

    values: tuple[Node, ...]
    conditions: tuple[Condition | None, ...]


@dataclass(frozen=True)
class Summation(Node):
    r"""``\sum_{i=1}^{N} body`` (``lower``/``upper`` None when not written: a sum over every index).

    ``\sum_{j \neq i}``: ``excluded`` is ``i``, the one value of the index the sum leaves out. ``product``:
    ``\prod_{i=1}^{N} body``, the terms multiplied. ``stacked``: the column of the terms,
    ``\begin{bmatrix} x_1 \\ x_2 \\ \vdots \\ x_n \end{bmatrix}``, a vector of any size.
    """

    index: str
    lower: Node | None
    upper: Node | None
    body: Node
    excluded: str | None = None
    product: bool = False
    stacked: bool = False


@dataclass(frozen=True)
class Transpose(Node):
    r"""``A^\top``."""

    operand: Node


@dataclass(frozen=True)
class Wrap(Node):
    """A parenthesised group ``(expr)``, kept so ``f(x)(y)``-style products stay readable."""

    operand: Node
