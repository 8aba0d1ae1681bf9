r"""The three matrix-expression nodes that SymPy lacks for a network over a batch.

SymPy's ``MatrixSymbol`` algebra (``MatMul``, ``MatAdd``, ``Transpose``,
``HadamardProduct``, ``OneMatrix``) covers Lemma 1 of Higham & Higham (2019) in matrix
form except three things, added here as small ``MatrixExpr`` subclasses:

- :class:`Elementwise`: a scalar expression applied entry by entry to equally shaped named
  matrices, e.g. σ(Z) or σ'(Z) written through A as ``a*(1 - a)``;
- :class:`Softmax`: the softmax of each column;
- :class:`EntrySum`: the sum of every entry (a scalar), for the cost.

Each has ``_entry`` so ``as_explicit()`` works at concrete sizes; printers and
:mod:`symnn.matrix.evaluate` handle them by name.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp
from sympy.matrices.expressions import MatrixExpr

__all__ = ["Elementwise", "EntrySum", "Softmax"]


class Elementwise(MatrixExpr):  # type: ignore[misc]
    r"""``expr`` evaluated entrywise with placeholder ``p_i`` bound to matrix ``M_i`` (all one shape).

    Examples:
        >>> Z = sp.MatrixSymbol("Z", 2, 3)
        >>> x = sp.Symbol("x")
        >>> e = Elementwise(sp.exp(x), [x], [Z])
        >>> e.shape, e[0, 1]
        ((2, 3), exp(Z[0, 1]))
    """

    def __new__(cls, expr: sp.Expr, placeholders: Sequence[sp.Symbol], matrices: Sequence[MatrixExpr]) -> Elementwise:
        return MatrixExpr.__new__(cls, sp.sympify(expr), sp.Tuple(*placeholders), sp.Tuple(*matrices))

    @property
    def expr(self) -> sp.Expr:
        """The scalar expression in the placeholders."""
        return self.args[0]

    @property
    def placeholders(self) -> tuple[sp.Symbol, ...]:
        """The scalar placeholders, one per bound matrix."""
        return tuple(self.args[1])

    @property
    def matrices(self) -> tuple[MatrixExpr, ...]:
        """The bound matrices, in placeholder order."""
        return tuple(self.args[2])

    @property
    def shape(self) -> tuple[sp.Expr, sp.Expr]:
        return self.matrices[0].shape

    def _entry(self, i: object, j: object, **kwargs: object) -> sp.Expr:
        return self.expr.xreplace({p: m[i, j] for p, m in zip(self.placeholders, self.matrices, strict=True)})


class Softmax(MatrixExpr):  # type: ignore[misc]
    r"""Column-wise softmax :math:`A_{jc} = e^{Z_{jc}} / \sum_k e^{Z_{kc}}`.

    Examples:
        >>> Softmax(sp.MatrixSymbol("Z", 2, 1)).as_explicit()[0]
        exp(Z[0, 0])/(exp(Z[0, 0]) + exp(Z[1, 0]))
    """

    def __new__(cls, arg: MatrixExpr) -> Softmax:
        return MatrixExpr.__new__(cls, arg)

    @property
    def arg(self) -> MatrixExpr:
        """The matrix Z."""
        return self.args[0]

    @property
    def shape(self) -> tuple[sp.Expr, sp.Expr]:
        return self.arg.shape

    def _entry(self, i: object, j: object, **kwargs: object) -> sp.Expr:
        rows = self.arg.shape[0]
        return sp.exp(self.arg[i, j]) / sp.Add(*[sp.exp(self.arg[k, j]) for k in range(rows)])


class EntrySum(sp.Expr):  # type: ignore[misc]
    r"""The scalar :math:`\sum_{j,c} M_{jc}` = :math:`1^T M 1`.

    Examples:
        >>> EntrySum(sp.MatrixSymbol("M", 2, 2)).doit()
        M[0, 0] + M[0, 1] + M[1, 0] + M[1, 1]
    """

    def __new__(cls, arg: MatrixExpr) -> EntrySum:
        return sp.Expr.__new__(cls, arg)

    @property
    def arg(self) -> MatrixExpr:
        """The matrix summed."""
        return self.args[0]

    def doit(self, **hints: object) -> sp.Expr:
        explicit = self.arg.as_explicit()
        return sp.Add(*list(explicit))
