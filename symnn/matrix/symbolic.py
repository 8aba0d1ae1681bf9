r"""The matrix program checked entry by entry at SYMBOLIC widths n_1, ..., n_L and batch size N.

SymPy writes entry (j, c) of a product of ``MatrixSymbol`` s with symbolic shapes as an indexed
sum, e.g. :math:`(W^T \Delta)_{jc} = \sum_{i=0}^{n_{l+1}-1} W_{ij} \Delta_{ic}`. Each step of
the matrix program is compared, at symbolic (j, c), with Lemma 1 of Higham & Higham (2019)
written per point c (the element-wise program's own formulas, in the same named entries):

.. math::

    Z^{[l]}_{jc} &= b^{[l]}_j + \textstyle\sum_k W^{[l]}_{jk} A^{[l-1]}_{kc}, \qquad
    \Delta^{[l]}_{jc} = \sigma'(Z^{[l]}_{jc}) \sum_i W^{[l+1]}_{ij} \Delta^{[l+1]}_{ic}  && (23) \\
    \partial C/\partial W^{[l]}_{jk} &= s_N \textstyle\sum_c \Delta^{[l]}_{jc} A^{[l-1]}_{kc}, \qquad
    \partial C/\partial b^{[l]}_j = s_N \sum_c \Delta^{[l]}_{jc}                          && (24), (25)

and for softmax cross-entropy :math:`\Delta^{[L]}_{jc} = A_{jc} \sum_i Y_{ic} - Y_{jc}`. This
holds for every width and batch size at once: it checks the matrix algebra (transposes, the
order of products, the all-ones matrices, the 1/N); the per-point formulas themselves are the
element-wise program, proved against direct differentiation.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symnn.layers import Dense
from symnn.losses import Loss
from symnn.matrix.program import matrix_program

__all__ = ["check_symbolic_widths"]


@dataclass(frozen=True)
class _SymbolicNetwork:
    """Just what :func:`matrix_program` reads of a network, with symbolic widths."""

    layers: tuple[sp.Symbol, ...]
    stack: tuple[Dense, ...]
    loss: Loss

    @property
    def L(self) -> int:
        return len(self.layers)

    def layer(self, index: int) -> Dense:
        return self.stack[index - 2]


def _canonical(expr: sp.Basic) -> sp.Basic:
    """Every summation variable renamed by its nesting depth, so equal sums compare equal."""

    def walk(e: sp.Basic, depth: int) -> sp.Basic:
        if isinstance(e, sp.Sum):
            (var, low, high), body = e.limits[0], e.function
            t = sp.Symbol(f"t{depth}", integer=True)
            return sp.Sum(walk(body.xreplace({var: t}), depth + 1), (t, low, high))
        if not e.args:
            return e
        return e.func(*[walk(arg, depth) for arg in e.args])

    return walk(expr, 0)


def _same(actual: sp.Basic, expected: sp.Basic) -> bool:
    return bool(sp.expand(_canonical(actual) - _canonical(expected)) == 0)


def check_symbolic_widths(stack_of: list[object], loss: Loss) -> tuple[bool, list[str]]:
    """Check every step's entry (j, c) of the matrix program at symbolic widths.

    Args:
        stack_of: the activation of each layer 2..L (as in ``Network.layer(l).activation``).
        loss: the loss.

    Returns:
        (all equal, the names of the steps that differ).

    Examples:
        >>> from symnn import Network
        >>> net = Network([2, 3, 2])
        >>> check_symbolic_widths([layer.activation for layer in net.stack], net.loss)
        (True, [])
    """
    L = len(stack_of) + 1
    n = tuple(sp.Symbol(f"n_{l}", integer=True, positive=True) for l in range(1, L + 1))
    stack = tuple(Dense(l, n[l - 2], n[l - 1], act) for l, act in zip(range(2, L + 1), stack_of, strict=True))  # type: ignore[arg-type]
    try:
        program = matrix_program(_SymbolicNetwork(n, stack, loss))  # type: ignore[arg-type]
    except (sp.matrices.exceptions.ShapeError, NotImplementedError, TypeError) as error:
        return False, [f"the program cannot be built at symbolic widths: {error}"]
    N = program.N
    j, c, k = sp.symbols("j c k", integer=True, nonnegative=True)
    steps = dict(program.steps)
    named = {str(name): name for name, _ in program.steps} | {str(m): m for m in program.inputs}
    s = loss.batch_scale(N)
    wrong: list[str] = []
    i = sp.Symbol("i", integer=True)
    for layer in stack:
        l = layer.index
        W, b, Z, A_prev = named[f"W_{l}"], named[f"b_{l}"], named[f"Z_{l}"], named[f"A_{l - 1}"]
        Delta = named[f"Delta_{l}"]
        expected = {
            f"Z_{l}": (j, c, b[j, 0] + sp.Sum(W[j, i] * A_prev[i, c], (i, 0, n[l - 2] - 1))),
            f"grad_W_{l}": (j, k, s * sp.Sum(Delta[j, i] * A_prev[k, i], (i, 0, N - 1))),
            f"grad_b_{l}": (j, 0, s * sp.Sum(Delta[j, i], (i, 0, N - 1))),
        }
        if l < L:
            W_next, Delta_next = named[f"W_{l + 1}"], named[f"Delta_{l + 1}"]
            prime = steps[Delta].args[0]  # the σ' factor, checked below against the activation table
            back = sp.Sum(W_next[i, j] * Delta_next[i, c], (i, 0, n[l] - 1))
            expected[f"Delta_{l}"] = (j, c, prime[j, c] * back)
            table = layer.activation.prime_through(Z[j, c], named[f"A_{l}"][j, c])  # type: ignore[union-attr]
            if not _same(prime[j, c], table):
                wrong.append(f"sigma'_{l}")
        elif layer.softmax:
            A, Y = named[f"A_{l}"], named["Y"]
            expected[f"Delta_{l}"] = (j, c, A[j, c] * sp.Sum(Y[i, c], (i, 0, n[-1] - 1)) - Y[j, c])
        for name, (row, col, value) in expected.items():
            if not _same(steps[named[name]][row, col], value):
                wrong.append(name)
    return not wrong, wrong
