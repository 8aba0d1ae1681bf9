r"""Lemma 1 of Higham & Higham (2019) in matrix form over a batch of N columns.

Built from ``MatrixSymbol`` expressions, one line per layer and step, so its size does
not grow with the widths:

.. math::

    Z^{[l]} &= W^{[l]} A^{[l-1]} + b^{[l]} 1^T, \qquad A^{[l]} = \sigma(Z^{[l]}), \qquad A^{[1]} = X \\
    C &= s_N \textstyle\sum_{j,c} c(Y_{jc}, A^{[L]}_{jc}) \\
    \Delta^{[L]} &= \sigma'(Z^{[L]}) \circ \partial C/\partial A^{[L]}
        \quad (\text{softmax cross-entropy: } A^{[L]} \circ (1 1^T Y) - Y) \\
    \Delta^{[l]} &= \sigma'(Z^{[l]}) \circ (W^{[l+1]})^T \Delta^{[l+1]} \\
    \partial C/\partial W^{[l]} &= s_N \Delta^{[l]} (A^{[l-1]})^T, \qquad
    \partial C/\partial b^{[l]} = s_N \Delta^{[l]} 1

with :math:`s_N = 1/N` or 1 (:meth:`symnn.losses.Loss.batch_scale`). Column c of X and Y
is data point c. The program is built from the lemma, never by ``sympy.diff`` (SymPy
1.14's derivative with respect to a ``MatrixSymbol`` returned 0 for ∂/∂W of
tr((σ(Wx + b) − y)ᵀ(σ(Wx + b) − y))/2); :func:`symnn.proof.prove_backprop` proves it
equal to the element-wise program, itself proved equal to direct differentiation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sympy as sp
from sympy.matrices.expressions import MatrixExpr

from symnn.matrix.nodes import Elementwise, EntrySum

if TYPE_CHECKING:
    from symnn.network import Network

__all__ = ["MatrixProgram", "matrix_program"]

Step = tuple[sp.Basic, sp.Basic]

_y, _a, _z = sp.symbols("y a z")

#: the batch size N of a matrix program built without a concrete one
BATCH = sp.Symbol("N", integer=True, positive=True)


@dataclass(frozen=True)
class MatrixProgram:
    r"""The matrix program of a network: named matrix steps over a batch of N columns.

    Attributes:
        network: the network it was built from.
        N: the batch size (a number, or the symbol ``N``).
        parameters: ``(W_2, b_2, W_3, b_3, ...)`` as matrix symbols, in parameter order.
        X: the inputs ``A_1``, n_1 × N (column c is point c).
        Y: the targets, n_L × N.
        forward: ``Z_l := ...``, ``A_l := ...`` for l = 2..L.
        cost: ``C := ...`` the batch cost (a scalar).
        backward: ``Delta_l := ...`` for l = L..2.
        gradients: ``grad_W_l := ...``, ``grad_b_l := ...``, in parameter order.
    """

    network: Network
    N: sp.Expr
    parameters: tuple[sp.MatrixSymbol, ...]
    X: sp.MatrixSymbol
    Y: sp.MatrixSymbol
    forward: tuple[Step, ...]
    cost: Step
    backward: tuple[Step, ...]
    gradients: tuple[Step, ...]

    @property
    def inputs(self) -> tuple[sp.MatrixSymbol, ...]:
        """Every free matrix: the parameters, then X and Y."""
        return (*self.parameters, self.X, self.Y)

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every assignment in execution order: forward, cost, backward, gradients."""
        return (*self.forward, self.cost, *self.backward, *self.gradients)

    def __len__(self) -> int:
        return len(self.steps)

    def __str__(self) -> str:
        return "\n".join(f"{name} := {value}" for name, value in self.steps)

    def evaluate(self, values: Mapping[sp.Basic, object], digits: int | None = None) -> dict[sp.Basic, object]:
        """Run the program at ``values``; see :func:`symnn.matrix.evaluate.evaluate`."""
        from symnn.matrix.evaluate import evaluate

        return evaluate(self, values, digits)


def _named(stem: str, layer: int, rows: sp.Expr, cols: sp.Expr) -> sp.MatrixSymbol:
    return sp.MatrixSymbol(f"{stem}_{layer}", rows, cols)


def _output_delta(network: Network, Y: MatrixExpr, Z: sp.MatrixSymbol, A: sp.MatrixSymbol) -> MatrixExpr:
    """Δ[L] = ∂C/∂Z[L] of the unscaled sum of point costs, from the loss."""
    loss, out = network.loss, network.stack[-1]
    n_out = out.n_out
    if out.softmax:
        # ∂C/∂z_k = a_k Σ_j y_j − y_k, column by column: A ∘ (1 1ᵀ Y) − Y
        return sp.HadamardProduct(A, sp.OneMatrix(n_out, n_out) * Y) - Y
    if loss.entry_delta is None:
        raise NotImplementedError(f"the {loss.name} cost has no matrix form of its output error")
    sigma_prime = out.activation.prime_through(_z, _a)  # type: ignore[union-attr]
    return Elementwise(loss.entry_delta(_y, _a, sigma_prime, n_out), [_y, _a, _z], [Y, A, Z])


def matrix_program(network: Network, N: int | sp.Expr | None = None) -> MatrixProgram:
    r"""The matrix program of ``network`` over a batch of ``N`` columns (default: the symbol N).

    Examples:
        >>> from symnn import Network
        >>> program = matrix_program(Network([784, 30, 10]))
        >>> print(program.forward[0][1])
        W_2*A_1 + b_2*1
        >>> print(program.gradients[0][1])
        1/N*Delta_2*A_1.T
        >>> len(program.steps) == len(matrix_program(Network([2, 3, 2])).steps)
        True
    """
    batch = BATCH if N is None else sp.sympify(N)
    n = network.layers
    X = sp.MatrixSymbol("A_1", n[0], batch)
    Y = sp.MatrixSymbol("Y", n[-1], batch)
    Z: dict[int, sp.MatrixSymbol] = {}
    A: dict[int, sp.MatrixSymbol] = {1: X}
    forward: list[Step] = []
    for layer in network.stack:
        l = layer.index
        Z[l], A[l] = _named("Z", l, layer.n_out, batch), _named("A", l, layer.n_out, batch)
        forward += [(Z[l], layer.matrix_weighted_input(A[l - 1], batch)), (A[l], layer.matrix_activate(Z[l]))]
    loss, L = network.loss, network.L
    scale = loss.batch_scale(batch)
    if loss.entry_cost is None:
        raise NotImplementedError(f"the {loss.name} cost has no matrix form")
    cost = (sp.Symbol("C"), scale * EntrySum(Elementwise(loss.entry_cost(_y, _a, n[-1]), [_y, _a], [Y, A[L]])))
    Delta = {L: _named("Delta", L, n[-1], batch)}
    backward: list[Step] = [(Delta[L], _output_delta(network, Y, Z[L], A[L]))]
    for layer in reversed(network.stack[:-1]):
        l = layer.index
        Delta[l] = _named("Delta", l, layer.n_out, batch)
        back = network.layer(l + 1).matrix_back(Delta[l + 1])
        backward.append((Delta[l], layer.matrix_delta(Z[l], A[l], back)))
    gradients: list[Step] = []
    parameters: list[sp.MatrixSymbol] = []
    for layer in network.stack:
        l = layer.index
        W, b = layer.matrix_parameters()
        parameters += [W, b]
        gradients += [
            (_named("grad_W", l, layer.n_out, layer.n_in), scale * Delta[l] * A[l - 1].T),
            (_named("grad_b", l, layer.n_out, 1), scale * Delta[l] * sp.OneMatrix(batch, 1)),
        ]
    return MatrixProgram(
        network, batch, tuple(parameters), X, Y, tuple(forward), cost, tuple(backward), tuple(gradients)
    )
