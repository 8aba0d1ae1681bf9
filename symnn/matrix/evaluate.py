r"""One evaluator of a matrix program: exactly (SymPy numbers) or at N digits (mpmath).

The evaluator walks each step's matrix expression: ``MatrixSymbol`` (a value given or
computed), ``MatMul`` (with its scalar coefficient), ``MatAdd``, ``Transpose``,
``HadamardProduct``, ``OneMatrix``, and symnn's :class:`~symnn.matrix.nodes.Elementwise`,
:class:`~symnn.matrix.nodes.Softmax` and :class:`~symnn.matrix.nodes.EntrySum`. A matrix
value is a list of rows. Products use ``mpmath.fdot`` at N digits (784-30-10 over 10
columns: about 0.5 s) and one ``sympy.Add`` per entry when exact.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import mpmath
import sympy as sp

from symnn.errors import SymnnError
from symnn.matrix.nodes import Elementwise, EntrySum, Softmax

if TYPE_CHECKING:
    from symnn.matrix.program import MatrixProgram

__all__ = ["Rows", "evaluate", "gradient_at"]

Rows = list[list[Any]]


class _Evaluator:
    """Evaluation of matrix and scalar expressions exactly (``digits=None``) or in mpmath."""

    def __init__(self, digits: int | None, N: int, batch: sp.Expr) -> None:
        self.digits = digits
        self.sizes = {batch: sp.Integer(N)} if isinstance(batch, sp.Symbol) else {}
        self.functions: dict[Elementwise, Callable[..., Any]] = {}

    # -------------------------------------------------------------- numbers
    def number(self, value: object) -> Any:
        if self.digits is None:
            return sp.sympify(value).xreplace(self.sizes)
        if isinstance(value, sp.Rational):
            return mpmath.mpf(int(value.p)) / int(value.q)
        if isinstance(value, sp.Basic):
            return mpmath.mpf(sp.N(value.xreplace(self.sizes), self.digits + 5))
        return mpmath.mpf(value)  # type: ignore[arg-type]

    def rows(self, value: object) -> Rows:
        """A matrix value given by the caller (sp.Matrix or nested sequences) as rows of numbers."""
        if isinstance(value, sp.MatrixBase):
            return [[self.number(value[i, j]) for j in range(value.cols)] for i in range(value.rows)]
        return [[self.number(entry) for entry in row] for row in value]  # type: ignore[attr-defined]

    def size(self, dim: sp.Expr) -> int:
        return int(sp.sympify(dim).xreplace(self.sizes))

    # -------------------------------------------------------------- matrices
    def matmul(self, left: Rows, right: Rows) -> Rows:
        columns = list(zip(*right, strict=True))
        if self.digits is None:
            return [[sp.Add(*[a * b for a, b in zip(row, col, strict=True)]) for col in columns] for row in left]
        return [[mpmath.fdot(row, col) for col in columns] for row in left]

    def matrix(self, expr: sp.Basic, known: Mapping[sp.Basic, Any]) -> Rows:
        if expr in known:
            return known[expr]  # type: ignore[no-any-return]
        if isinstance(expr, sp.MatMul):
            coefficient, factors = expr.as_coeff_matrices()
            value = self.matrix(factors[0], known)
            for factor in factors[1:]:
                value = self.matmul(value, self.matrix(factor, known))
            if coefficient != 1:
                c = self.number(coefficient)
                value = [[c * entry for entry in row] for row in value]
            return value
        if isinstance(expr, sp.MatAdd):
            terms = [self.matrix(term, known) for term in expr.args]
            rows_of = zip(*terms, strict=True)
            return [[sum(entries[1:], entries[0]) for entries in zip(*rows, strict=True)] for rows in rows_of]
        if isinstance(expr, sp.Transpose):
            return [list(col) for col in zip(*self.matrix(expr.arg, known), strict=True)]
        if isinstance(expr, sp.HadamardProduct):
            factors = [self.matrix(arg, known) for arg in expr.args]
            return [[_product(entries) for entries in zip(*rows, strict=True)] for rows in zip(*factors, strict=True)]
        if isinstance(expr, sp.OneMatrix):
            one = self.number(1)
            return [[one] * self.size(expr.shape[1]) for _ in range(self.size(expr.shape[0]))]
        if isinstance(expr, Elementwise):
            function = self.elementwise(expr)
            bound = [self.matrix(m, known) for m in expr.matrices]
            return [[function(*entries) for entries in zip(*rows, strict=True)] for rows in zip(*bound, strict=True)]
        if isinstance(expr, Softmax):
            return self.softmax(self.matrix(expr.arg, known))
        raise SymnnError(f"cannot evaluate the matrix expression {type(expr).__name__}")

    def elementwise(self, expr: Elementwise) -> Callable[..., Any]:
        if expr not in self.functions:
            if self.digits is None:
                placeholders, body = expr.placeholders, expr.expr
                self.functions[expr] = lambda *v: body.xreplace(dict(zip(placeholders, v, strict=True)))
            else:
                self.functions[expr] = sp.lambdify(expr.placeholders, expr.expr, modules="mpmath")
        return self.functions[expr]

    def softmax(self, Z: Rows) -> Rows:
        exp = sp.exp if self.digits is None else mpmath.exp
        columns = []
        for col in zip(*Z, strict=True):
            exps = [exp(z) for z in col]
            total = sp.Add(*exps) if self.digits is None else mpmath.fsum(exps)
            columns.append([e / total for e in exps])
        return [list(row) for row in zip(*columns, strict=True)]

    # -------------------------------------------------------------- scalars
    def scalar(self, expr: sp.Basic, known: Mapping[sp.Basic, Any]) -> Any:
        if isinstance(expr, EntrySum):
            entries = [entry for row in self.matrix(expr.arg, known) for entry in row]
            return sp.Add(*entries) if self.digits is None else mpmath.fsum(entries)
        if isinstance(expr, sp.Mul):
            return _product([self.scalar(arg, known) for arg in expr.args])
        if isinstance(expr, sp.Add):
            terms = [self.scalar(arg, known) for arg in expr.args]
            return sum(terms[1:], terms[0])
        return self.number(expr.xreplace(self.sizes))


def _product(values: Sequence[Any]) -> Any:
    result = values[0]
    for value in values[1:]:
        result = result * value
    return result


def evaluate(
    program: MatrixProgram, values: Mapping[sp.Basic, object], digits: int | None = None
) -> dict[sp.Basic, Any]:
    r"""Run a matrix program exactly (``digits=None``) or with ``digits`` significant digits.

    Args:
        program: the program (:func:`symnn.matrix.program.matrix_program`).
        values: a value for every input matrix symbol (``W_l``, ``b_l``, ``A_1`` = X, ``Y``),
            as a ``sympy.Matrix`` or rows of exact numbers; X and Y have one column per point.
        digits: None for exact SymPy arithmetic; else mpmath at this many digits.

    Returns:
        Every input and every step's name mapped to its value: a list of rows (matrices)
        or a number (the cost ``C``), SymPy numbers or ``mpmath.mpf``.

    Examples:
        >>> from symnn import Network
        >>> program = Network([1, 1], activation="identity").matrix_program()
        >>> W, b, X, Y = program.inputs
        >>> out = evaluate(program, {W: [[3]], b: [[0]], X: [[2, 1]], Y: [[1, 0]]})
        >>> out[program.gradients[0][0]], out[program.cost[0]]
        ([[13/2]], 17/2)
    """
    missing = [str(m) for m in program.inputs if m not in values]
    if missing:
        raise SymnnError(f"the matrix program needs values for {', '.join(missing)}")
    N = _columns(values[program.X])
    context = mpmath.workdps(digits + 5) if digits is not None else _Nothing()
    with context:
        evaluator = _Evaluator(digits, N, program.N)
        known: dict[sp.Basic, Any] = {m: evaluator.rows(values[m]) for m in program.inputs}
        for m in program.inputs:
            rows, cols = (evaluator.size(d) for d in m.shape)
            value = known[m]
            if len(value) != rows or any(len(row) != cols for row in value):
                raise SymnnError(f"{m} must be {rows} x {cols}")
        for name, expr in program.steps:
            known[name] = (
                evaluator.matrix(expr, known) if isinstance(name, sp.MatrixSymbol) else evaluator.scalar(expr, known)
            )
    return known


def gradient_at(program: MatrixProgram, values: Mapping[sp.Basic, object], digits: int | None = None) -> list[Any]:
    """The gradient of the batch cost, flat in ``network.parameters()`` order (W row-major, then b)."""
    known = evaluate(program, values, digits)
    return [entry for name, _ in program.gradients for row in known[name] for entry in row]


def _columns(value: object) -> int:
    if isinstance(value, sp.MatrixBase):
        return int(value.cols)
    first = next(iter(value))  # type: ignore[call-overload]
    return len(first)


class _Nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
