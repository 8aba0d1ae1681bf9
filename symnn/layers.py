r"""Layers, the unit of a network: a dense layer owns its parameters, its steps and their derivatives.

Higham & Higham (2019), Sections 3 and 5, for layer l with :math:`n_l` neurons:

.. math::

    z^{[l]} &= W^{[l]} a^{[l-1]} + b^{[l]},  \qquad a^{[l]} = \sigma(z^{[l]})          && \text{forward, (8)} \\
    \delta^{[l]} &= \sigma'(z^{[l]}) \circ (W^{[l+1]})^T \delta^{[l+1]}                  && (23) \\
    \partial C/\partial b^{[l]} &= \delta^{[l]}, \qquad \partial C/\partial W^{[l]} = \delta^{[l]} (a^{[l-1]})^T
                                                                                          && (24), (25)

Each step is written twice, once per column (the element-wise program of
:mod:`symnn.backprop`) and once over a batch of N columns (the matrix program of
:mod:`symnn.matrix`): :math:`Z = W A + b 1^T`, :math:`\Delta = \sigma'(Z) \circ W^T \Delta'`,
:math:`\partial C/\partial W = \Delta A^T`, :math:`\partial C/\partial b = \Delta 1`.
A softmax layer (a :class:`~symnn.activations.VectorActivation`) has the full Jacobian
:math:`\operatorname{diag}(a) - a a^T` instead of a diagonal one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import sympy as sp
from sympy.matrices.expressions import MatrixExpr

from symnn import symbols
from symnn.activations import Activation, VectorActivation
from symnn.matrix.nodes import Elementwise, Softmax

__all__ = ["Dense", "matvec"]

_z, _a = sp.symbols("z a")


def matvec(W: sp.Matrix, v: sp.Matrix) -> sp.Matrix:
    r"""The column :math:`W v`, each entry built as one ``sympy.Add``.

    SymPy's matrix product goes through ``DomainMatrix`` and accumulates each sum term by
    term; one ``Add`` per row is faster (784-30-10 backprop: 5.2 s with the product, 2.9 s
    this way, on the development machine).

    Examples:
        >>> matvec(sp.Matrix([[1, 2], [3, 4]]), sp.Matrix([5, 6])).T
        Matrix([[17, 39]])
    """
    columns = range(W.cols)
    return sp.Matrix([sp.Add(*[W[j, k] * v[k] for k in columns]) for j in range(W.rows)])


@dataclass(frozen=True, eq=False)
class Dense:
    r"""The fully connected layer l: :math:`z = W a + b`, :math:`a = \sigma(z)`.

    Attributes:
        index: l, the layer's number (2..L; layer 1 is the input).
        n_in: :math:`n_{l-1}`.
        n_out: :math:`n_l`.
        activation: an elementwise :class:`Activation` or the softmax.

    The named weights :attr:`W` and biases :attr:`b` are built on first use: the matrix
    program needs only their shapes (784-300-100-10 has 266,610 of them).

    Examples:
        >>> layer = Dense.named(2, 2, 3, "sigmoid")
        >>> layer.W.shape, layer.parameters()[-1]
        ((3, 2), b_3__2)
    """

    index: int
    n_in: int
    n_out: int
    activation: Activation | VectorActivation

    @cached_property
    def W(self) -> sp.Matrix:
        """The named weights, n_l × n_{l−1} (symbols ``w_jk__l``)."""
        return sp.Matrix(self.n_out, self.n_in, lambda j, k: symbols.weight(self.index, j + 1, k + 1))

    @cached_property
    def b(self) -> sp.Matrix:
        """The named biases, n_l × 1 (symbols ``b_j__l``)."""
        return sp.Matrix([symbols.bias(self.index, j) for j in range(1, self.n_out + 1)])

    @property
    def n_parameters(self) -> int:
        """n_l (n_{l−1} + 1)."""
        return self.n_out * (self.n_in + 1)

    @classmethod
    def named(cls, index: int, n_in: int, n_out: int, activation: Activation | VectorActivation | str) -> Dense:
        """The layer with its weight and bias symbols named as in :mod:`symnn.symbols`."""
        from symnn.activations import activation as lookup

        return cls(index, n_in, n_out, lookup(activation))

    @property
    def softmax(self) -> bool:
        """Whether the activation is the (vector) softmax."""
        return isinstance(self.activation, VectorActivation)

    def parameters(self) -> tuple[sp.Symbol, ...]:
        """The parameter block: W row-major, then b (the order of ``Network.parameters``)."""
        return (*self.W.flat(), *self.b.flat())

    # ------------------------------------------------------------ one column
    def weighted_input(self, a_prev: sp.Matrix) -> sp.Matrix:
        """z = W a[l−1] + b."""
        return matvec(self.W, a_prev) + self.b

    def activate(self, z: sp.Matrix) -> sp.Matrix:
        """a = σ(z), elementwise, or softmax(z)."""
        if isinstance(self.activation, VectorActivation):
            return self.activation(z)
        return z.applyfunc(self.activation)

    def sigma_prime(self, z: sp.Matrix) -> sp.Matrix:
        """σ'(z) elementwise (the activation table's written-out derivative)."""
        if isinstance(self.activation, VectorActivation):
            raise TypeError("softmax has a full Jacobian, not an elementwise derivative")
        return z.applyfunc(self.activation.prime)

    def jacobian(self, z: sp.Matrix, a: sp.Matrix | None = None) -> sp.Matrix:
        r""":math:`\partial a/\partial z`: diag(σ'(z)), or diag(a) − a aᵀ for softmax."""
        if isinstance(self.activation, VectorActivation):
            return self.activation.jacobian(z, a)
        return sp.diag(*self.sigma_prime(z))

    def delta(self, sigma_prime: sp.Matrix, back: sp.Matrix) -> sp.Matrix:
        r"""Eq. (23): :math:`\delta^{[l]} = \sigma'(z^{[l]}) \circ \text{back}`, back = (W[l+1])ᵀ δ[l+1]."""
        return sp.Matrix([s * v for s, v in zip(sigma_prime, back, strict=True)])

    def back(self, delta: sp.Matrix) -> sp.Matrix:
        r""":math:`(W^{[l]})^T \delta^{[l]}`, what layer l − 1's δ step receives."""
        return matvec(self.W.T, delta)

    def grad_W(self, delta: sp.Matrix, a_prev: sp.Matrix) -> sp.Matrix:
        """Eq. (25): ∂C/∂W = δ a[l−1]ᵀ."""
        return delta * a_prev.T

    def grad_b(self, delta: sp.Matrix) -> sp.Matrix:
        """Eq. (24): ∂C/∂b = δ."""
        return delta

    def dz_dW(self, a_prev: sp.Matrix) -> sp.Matrix:
        r""":math:`\partial z/\partial W`, n_l × (n_l n_{l−1}), columns in W's row-major order."""
        n = self.n_in
        return sp.Matrix(self.n_out, self.n_out * n, lambda j, col: a_prev[col % n] if col // n == j else 0)

    # ------------------------------------------------------------ a batch of N columns
    def matrix_parameters(self) -> tuple[sp.MatrixSymbol, sp.MatrixSymbol]:
        """``W_l`` (n_l × n_{l−1}) and ``b_l`` (n_l × 1) as matrix symbols."""
        l = self.index
        return sp.MatrixSymbol(f"W_{l}", self.n_out, self.n_in), sp.MatrixSymbol(f"b_{l}", self.n_out, 1)

    def matrix_weighted_input(self, A_prev: MatrixExpr, N: sp.Expr) -> MatrixExpr:
        r""":math:`Z = W A_{\text{prev}} + b 1^T` over N columns."""
        W, b = self.matrix_parameters()
        return W * A_prev + b * sp.OneMatrix(1, N)

    def matrix_activate(self, Z: sp.MatrixSymbol) -> MatrixExpr:
        """A = σ(Z) entrywise, or the column softmax."""
        if isinstance(self.activation, VectorActivation):
            return Softmax(Z)
        return Elementwise(self.activation(_z), [_z], [Z])

    def matrix_sigma_prime(self, Z: sp.MatrixSymbol, A: sp.MatrixSymbol) -> MatrixExpr:
        """σ'(Z) entrywise, written through A where the table allows (``a*(1 - a)`` for the sigmoid)."""
        if isinstance(self.activation, VectorActivation):
            raise TypeError("softmax has a full Jacobian, not an elementwise derivative")
        return Elementwise(self.activation.prime_through(_z, _a), [_z, _a], [Z, A])

    def matrix_delta(self, Z: sp.MatrixSymbol, A: sp.MatrixSymbol, back: MatrixExpr) -> MatrixExpr:
        r"""Eq. (23) over a batch: :math:`\Delta = \sigma'(Z) \circ \text{back}`, back = Wᵀ Δ of the next layer."""
        return sp.HadamardProduct(self.matrix_sigma_prime(Z, A), back)

    def matrix_back(self, Delta: MatrixExpr) -> MatrixExpr:
        r""":math:`W^T \Delta`."""
        W, _ = self.matrix_parameters()
        return W.T * Delta
