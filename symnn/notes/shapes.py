r"""Vectors and matrices of any size: ``\frac{\partial L}{\partial W} = \frac{\partial L}{\partial z} x^T``,
``\delta_3 = (W_4^T \delta_4) \odot \phi_3'(u_3)``, judged at concrete sizes.

Matrix-form derivations name whole vectors and matrices (``z = Wx + b``, ``a = \sigma(z)``) and
never their sizes, or declare them (``W \in \mathbb{R}^{m \times n}``). The sizes are inferred
from the formulas, as a reader does: a product needs the inner sizes to agree, a sum and ``\odot``
equal shapes, a transpose swaps them, σ acts entry by entry, and a derivative of a number by a
matrix (∂L/∂W) has the matrix's shape (the layout of machine-learning notes). Every size left free
gets its own small number (2, 3, 4, …, so that a transpose slipped in shows), each entry is a
symbol of its own, and a claim is judged entry by entry in that instance: exact there, but not a
proof for every size, and the verdict says so.

A loss the notes write as an unknown function of a vector (``L = L(a)``) is read to first order,
L = Σ_k g_k a_k with each g_k = ∂L/∂a_k a symbol: every derivative of L by a quantity before a
goes through a, by the chain rule, so the first derivatives are exactly those of L.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import sympy as sp

from symnn.notes.dependence import display_layers
from symnn.notes.syntax import Call, Derivative, DiffOp, Func, Name, Neg, Node, Num, Op, Pow, Transpose, Wrap

__all__ = ["MAX_SIZES", "Instance", "Refused", "current", "infer", "shaped"]

#: The most free sizes one claim may have (each gets its own number, 2, 3, …).
MAX_SIZES = 5
_PRODUCTS = {"cdot", "implicit", "times"}
#: The prefix of the name of a change (``d·x`` of ``dx``; see :mod:`symnn.notes.differentials`).
CHANGE = "d·"
#: Functions of a matrix: its trace and determinant (numbers), diag (a vector's square matrix, a matrix's diagonal).
_OF_A_MATRIX = {"trace", "tr", "Tr", "det", "diag"}
#: Functions applied entry by entry.
_ENTRYWISE = {"exp", "log", "ln", "tanh", "sinh", "cosh", "sin", "cos", "sqrt", "abs", "max", "min"}

Dim = str | int


class Refused(Exception):
    """The formulas do not fix a consistent shape for each name (or use what this reading does not)."""


@dataclass
class _Sizes:
    """A union-find over sizes: keys are ``"W.r"``, ``"W.c"`` or a declared letter; an int pins a class."""

    parent: dict[str, str] = field(default_factory=dict)
    pinned: dict[str, int] = field(default_factory=dict)
    small: bool = False  # free sizes 2, 3, 2, 3, … (a deep network), not 2, 3, 4, …

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def unify(self, a: Dim, b: Dim) -> None:
        if isinstance(a, int) and isinstance(b, int):
            if a != b:
                raise Refused(f"sizes {a} and {b} must agree")
            return
        if isinstance(a, int):
            a, b = b, a
        assert isinstance(a, str)
        root = self.find(a)
        if isinstance(b, int):
            if self.pinned.get(root, b) != b:
                raise Refused(f"sizes {self.pinned[root]} and {b} must agree")
            self.pinned[root] = b
            return
        other = self.find(b)
        if other == root:
            return
        if root in self.pinned and other in self.pinned and self.pinned[root] != self.pinned[other]:
            raise Refused(f"sizes {self.pinned[root]} and {self.pinned[other]} must agree")
        self.parent[other] = root
        if other in self.pinned:
            self.pinned[root] = self.pinned.pop(other)

    def size(self, dim: Dim, free: dict[str, int]) -> int:
        if isinstance(dim, int):
            return dim
        root = self.find(dim)
        if root in self.pinned:
            return self.pinned[root]
        if root not in free:
            free[root] = 2 + (len(free) % 2 if self.small else len(free))
        return free[root]


Shape = tuple[Dim, Dim] | None  # None: a number


@dataclass
class _Inference:
    written: Mapping[str, Node]
    declared: Mapping[str, tuple[Dim, Dim]]
    scalars: frozenset[str]
    sizes: _Sizes = field(default_factory=_Sizes)
    shapes: dict[str, Shape] = field(default_factory=dict)
    visiting: set[str] = field(default_factory=set)

    def _named_product(self, node: Node, transposed: bool) -> Node | None:
        """``δ (a)``, ``δ (a)^T`` (``transposed``) with δ a quantity the notes define by a formula: the product of δ
        and the bracket (transposed), or None for any other node."""
        if not isinstance(node, Call) or node.primes or not node.args or len(node.args) != 1:
            return None
        if (node.name not in self.written and node.name not in self.declared) or node.name in self.scalars:
            return None  # (A(x \odot y) with A \in \mathbb{R}^{n \times n} declared: A times the bracket)
        argument = Transpose(node.args[0]) if transposed else node.args[0]
        return Op("implicit", Name(node.name), argument)

    def name(self, name: str) -> Shape:
        if name in self.shapes:
            return self.shapes[name]
        if name.startswith(CHANGE):  # d·x, the change of x: x's shape
            self.shapes[name] = self.name(name[len(CHANGE) :])
            return self.shapes[name]
        if name in self.scalars:
            self.shapes[name] = None
            return None
        declared = self.declared.get(name)
        shape: Shape = declared if declared is not None else (f"{name}.r", f"{name}.c")
        self.shapes[name] = shape
        if name in self.written and name not in self.visiting:
            self.visiting.add(name)
            defined = self.of(self.written[name])
            self.visiting.discard(name)
            self.same(shape, defined, f"{name} and its definition")
            if self._inner_product(name):
                self.same(shape, (1, 1), f"{name}, an inner product")  # z = w^T x + b: a number
        return shape

    def _of_a_matrix(self, name: str, inner: Shape) -> Shape:
        """The shape of ``trace(M)``, ``det(M)`` (a number, of a square M) and ``diag(x)`` (the square matrix of a
        column x; the column of the diagonal of a square matrix, when x is known to be one)."""
        if inner is None:
            raise Refused(f"{name} of a number")
        if name != "diag":
            self.same(inner, (inner[1], inner[0]), f"the matrix of {name}")  # square
            return 1, 1
        columns = self.sizes.pinned.get(self.sizes.find(inner[1])) if isinstance(inner[1], str) else inner[1]
        if columns is not None and columns != 1:
            self.same(inner, (inner[1], inner[0]), "the matrix of diag")
            return inner[0], 1  # diag(Y) of a square Y: its diagonal
        self.sizes.unify(inner[1], 1)
        return inner[0], inner[0]

    def _unit(self, shape: tuple[Dim, Dim]) -> bool:
        """Whether ``shape`` is fixed to 1 × 1 already (a number, such as an inner product)."""
        return all(d == 1 if isinstance(d, int) else self.sizes.pinned.get(self.sizes.find(d)) == 1 for d in shape)

    def _inner_product(self, name: str) -> bool:
        """Whether ``name`` is written as an inner product ``w^T x (+ b)``: a number, though its factors
        are vectors (its gradient ∂z/∂w has w's shape)."""
        node = self.written.get(name)
        while isinstance(node, Op) and node.op in ("+", "-"):
            node = node.left
        if not (isinstance(node, Op) and node.op in _PRODUCTS and isinstance(node.left, Transpose)):
            return False
        factor = node.left.operand
        if not isinstance(factor, Name):
            return False
        stem = factor.name
        for decoration in ("mathbf_", "boldsymbol_", "bm_", "vec_"):
            stem = stem.removeprefix(decoration)
        return stem[:1].islower()  # w^T x, \theta^T x: a vector; W^T \delta is a matrix product

    def _alike(self, a: tuple[Dim, Dim], b: tuple[Dim, Dim]) -> bool:
        """Whether two shapes are one square shape of a size no formula or declaration fixes."""
        keys = [k for k in (*a, *b) if isinstance(k, str)]
        if len(keys) != 4:
            return False
        roots = {self.sizes.find(k) for k in keys}
        letters = {self.sizes.find(d) for shape in self.declared.values() for d in shape if isinstance(d, str)}
        # (A \operatorname{diag}(x) with A \in \mathbb{R}^{n \times n} declared: a product of square matrices)
        return len(roots) == 1 and not (roots & set(self.sizes.pinned)) and not roots & letters

    def same(self, a: Shape, b: Shape, what: str) -> None:
        if a is None or b is None:
            if a is not b:
                raise Refused(f"{what}: a number and a vector")
            return
        self.sizes.unify(a[0], b[0])
        self.sizes.unify(a[1], b[1])

    def of(self, node: Node) -> Shape:
        if isinstance(node, Num):
            return None
        if isinstance(node, Name):
            return self.name(node.name)
        if isinstance(node, (Neg, Wrap)):
            return self.of(node.operand)
        transposed = isinstance(node, Transpose)
        product = self._named_product(node.operand if isinstance(node, Transpose) else node, transposed)
        if product is not None:
            return self.of(product)  # δ^{(L)} (a^{(L-1)})^T: the quantity δ times the transposed bracket
        if isinstance(node, Transpose):
            inner = self.of(node.operand)
            if inner is None:
                raise Refused("a transpose of a number")
            return inner[1], inner[0]
        if isinstance(node, Op):
            left, right = self.of(node.left), self.of(node.right)
            if node.op in ("+", "-"):
                if left is None or right is None:
                    return left if right is None else right  # 1 - σ(z): the number with every entry
                self.same(left, right, "the sides of a sum")
                return left
            if node.op == "/":
                if right is not None and not self._unit(right):
                    raise Refused("a division by a vector")
                return left if left is not None else right  # 1/(1 + e^{-z}), z a number 1 × 1
            if node.op == "hadamard":
                self.same(left, right, r"the factors of \odot")
                return left
            if node.op in _PRODUCTS:
                if left is None or right is None:
                    return left if right is None else right
                if self._unit(left) or self._unit(right):
                    return right if self._unit(left) else left  # (ŷ - y) x with ŷ = σ(w^T x + b): a number times x
                self.sizes.unify(left[1], right[0])
                if self._alike(left, right):
                    # ∂L/∂z \cdot φ'(u) for ∂L/∂z ⊙ φ'(u): two vectors of one shape made square by the product
                    raise Refused(r"a product of two factors of one shape (\odot, or a matrix product?)")
                return left[0], right[1]
            raise Refused(f"the operation {node.op}")
        if isinstance(node, Pow) and _matrix_power(node.exponent):
            base = self.of(node.base)
            if base is not None and not self._unit(base):  # B^{-1}, B^{-2}, A^{-T}, A^2: a square matrix
                self.same(base, (base[1], base[0]), "a matrix to a power")
                return base
        if isinstance(node, Pow):
            euler = isinstance(node.base, Name) and node.base.name == "e"  # e^{-z}: Euler's number
            base, exponent = None if euler else self.of(node.base), self.of(node.exponent)
            if any(s is not None and not self._unit(s) for s in (base, exponent)):
                raise Refused("a power of a vector")
            unit = next((s for s in (base, exponent) if s is not None), None)
            return unit  # e^{-z} with z = w^T x + b: a number, 1 × 1 as z is
        if isinstance(node, Func) and node.name.rstrip("'") in _ENTRYWISE and len(node.args) == 1:
            return self.of(node.args[0])
        if isinstance(node, Func) and node.name == "inner" and len(node.args) == 2:
            self.same(self.of(node.args[0]), self.of(node.args[1]), "the two sides of an inner product")
            return 1, 1  # \langle a, b \rangle: a number
        if isinstance(node, Func) and node.name in ("total", "norm"):
            self.of(node.args[0])
            return None  # \sum of a vector's entries, \|Xw - y\|: a number
        if isinstance(node, Call) and node.name in _OF_A_MATRIX and node.name not in self.written:
            if node.args is not None and len(node.args) == 1 and not node.primes:
                return self._of_a_matrix(node.name, self.of(node.args[0]))
        if isinstance(node, Call) and node.args is not None and len(node.args) == 1:
            inner = self.of(node.args[0])
            return None if node.name in self.scalars else inner  # σ(z), φ'(u): entry by entry; L(a): a number
        if isinstance(node, Call) and node.args is not None and node.name in self.scalars and node.primes == 0:
            shapes = [self.of(argument) for argument in node.args]
            for other in shapes[1:]:
                self.same(shapes[0], other, f"the arguments of {node.name}")  # L(z, y): y, the target, as z
            return None  # L(z, y): a loss, a number
        if isinstance(node, Derivative) and node.args is None and len(node.wrt) == 1:
            shape = self.name(node.name)
            if shape is not None and not self._inner_product(node.name):
                raise Refused(f"a derivative of the vector {node.name} (a Jacobian)")
            return self.name(node.wrt[0])
        if isinstance(node, DiffOp) and len(node.wrt) == 1:
            # \frac{\partial}{\partial w} w^T A w: a number differentiated by a vector, a vector of w's shape
            inner = self.of(node.operand)
            variable = self.name(node.wrt[0])
            rows = inner[0] if inner is not None else None
            fixed = rows if isinstance(rows, int) else self.sizes.pinned.get(self.sizes.find(rows)) if rows else None
            if inner is not None and variable is not None and fixed is not None and fixed > 1:
                # \frac{d}{dx}(Ax) with A \in \mathbb{R}^{3 \times 2}: a column by a column, the Jacobian (numerator
                # layout: a row for each entry of the column, a column for each entry of the variable)
                self.sizes.unify(inner[1], 1)
                self.sizes.unify(variable[1], 1)
                return inner[0], variable[0]
            if inner is not None:
                self.same(inner, (1, 1), "what is differentiated by a vector (a number)")
            return variable
        raise Refused(f"{type(node).__name__} in a matrix-form formula")


def _matrix_power(exponent: Node) -> bool:
    """Whether ``exponent`` is a power only a square matrix has: -1 to -4 (an inverse), or -T (its transpose)."""
    if not isinstance(exponent, Neg):
        return False  # (x^2 of a vector stays refused: no reading makes a vector square)
    exponent = exponent.operand
    if isinstance(exponent, Name) and exponent.name == "T":
        return True
    return isinstance(exponent, Num) and exponent.value.is_Integer and 1 <= exponent.value <= 4


def infer(
    nodes: list[Node],
    written: Mapping[str, Node],
    declared: Mapping[str, tuple[Dim, Dim]],
    scalars: frozenset[str],
    small: bool = False,
    numbers: tuple[Node, ...] = (),
) -> dict[str, tuple[int, int]]:
    """The size of every vector or matrix name ``nodes`` use (through ``written`` definitions), at one instance
    (with ``small``, the free sizes alternate 2 and 3, so that the entries of a deep network stay few).

    Raises:
        Refused: when no consistent shapes exist, or more than :data:`MAX_SIZES` sizes are free.
    """
    inference = _Inference(written, declared, scalars)
    inference.sizes.small = small
    for node in nodes:
        inference.of(node)
    for node in numbers:
        shape = inference.of(node)  # a loss written out: a number, 1 × 1 if its terms are vectors' products
        if shape is not None:
            inference.same(shape, (1, 1), "a loss")
    for samples in (False, True):
        if samples:
            # too many sizes: one sample (a column vector), where a size is only ever a number of columns
            keys = list(inference.sizes.parent)
            rows = {inference.sizes.find(k) for k in keys if not k.endswith(".c")}
            for root in {inference.sizes.find(k) for k in keys if k.endswith(".c")} - rows:
                inference.sizes.pinned[root] = 1
        free: dict[str, int] = {}
        sizes = {}
        for name, shape in inference.shapes.items():
            if shape is not None:
                sizes[name] = (inference.sizes.size(shape[0], free), inference.sizes.size(shape[1], free))
        if len(free) <= MAX_SIZES:
            return sizes
    raise Refused(f"more than {MAX_SIZES} sizes are free")


def entries(name: str, rows: int, columns: int) -> sp.ImmutableMatrix:
    """A matrix of symbols, one an entry: ``W⟨1,2⟩`` (a name that notes never write)."""
    places = itertools.product(range(1, rows + 1), range(1, columns + 1))
    return sp.ImmutableMatrix(rows, columns, [sp.Symbol(f"{name}⟨{i},{j}⟩", real=True) for i, j in places])


@dataclass
class Instance:
    """One instance: each vector or matrix name a matrix of symbols, with what the definitions make of them.

    ``values`` holds the entries of each defined name in other names' entries; ``losses`` each
    number (a loss) in them. :meth:`gradient` is ∂N/∂V in V's shape; :meth:`expanded` writes an
    expression in the entries of the names no definition gives.
    """

    sizes: dict[str, tuple[int, int]]
    symbols: dict[str, sp.ImmutableMatrix]
    values: dict[str, sp.ImmutableMatrix] = field(default_factory=dict)
    losses: dict[str, sp.Expr] = field(default_factory=dict)

    def describe(self) -> str:
        shown = [(display_layers(n).replace(CHANGE, "d"), r, c) for n, (r, c) in sorted(self.sizes.items())]
        return ", ".join(f"{n}: {r}×{c}" for n, r, c in shown)  # (d·x, the change of x: dx, as written)

    def _mapping(self, skip: str | frozenset[str] | None) -> dict[sp.Symbol, sp.Expr]:
        skipped = {skip} if isinstance(skip, str) else set(skip or ())
        mapping: dict[sp.Symbol, sp.Expr] = {}
        for name, value in self.values.items():
            if name not in skipped:
                mapping.update(dict(zip(self.symbols[name], value, strict=True)))
        return mapping

    def expanded(
        self, value: sp.Expr | sp.MatrixBase, skip: str | frozenset[str] | None = None
    ) -> sp.Expr | sp.MatrixBase:
        """``value`` with the entries of every defined name (but ``skip``, a name or several) replaced by their
        definitions."""
        mapping = self._mapping(skip)
        for _ in range(30):
            if not (value.free_symbols & set(mapping)):
                return value
            value = value.xreplace(mapping)
        raise Refused("the definitions depend on each other in a cycle")

    def gradient(self, number: str, wrt: str) -> sp.ImmutableMatrix:
        """∂number/∂wrt, in the shape of wrt: each entry the derivative by that entry, through the definitions."""
        value = self.values.get(number)
        if number in self.losses:
            loss = self.losses[number]
        elif value is not None and value.shape == (1, 1):
            loss = value[0]  # z = w^T x + b: a number defined by vectors
        else:
            raise Refused(f"{number} is not defined as a number of these vectors")
        return self.gradient_of(loss, wrt)

    def gradient_of(self, value: sp.Expr, wrt: str) -> sp.ImmutableMatrix:
        """∂value/∂wrt, in the shape of wrt: ``value`` (a number) written out through the definitions but wrt's,
        differentiated by each of wrt's entries."""
        loss = self.expanded(value, skip=wrt)
        symbols = self.symbols[wrt]
        return sp.ImmutableMatrix(symbols.rows, symbols.cols, [sp.diff(loss, s) for s in symbols])


_CURRENT: ContextVar[Instance | None] = ContextVar("symnn_notes_shaped_instance", default=None)


def current() -> Instance | None:
    """The instance being judged, or None outside :func:`shaped`."""
    return _CURRENT.get()


@contextmanager
def shaped(instance: Instance) -> Iterator[Instance]:
    """Judge with ``instance`` current."""
    token = _CURRENT.set(instance)
    try:
        yield instance
    finally:
        _CURRENT.reset(token)
