r"""Backpropagation: Lemma 1 of Higham & Higham (2019), eqs. (22)–(25), as a program.

.. math::

    \delta^{[L]} &= \sigma'(z^{[L]}) \circ (a^{[L]} - y)                        && (22) \\
    \delta^{[l]} &= \sigma'(z^{[l]}) \circ (W^{[l+1]})^T \delta^{[l+1]}          && (23) \\
    \partial C / \partial b^{[l]}_j &= \delta^{[l]}_j                            && (24) \\
    \partial C / \partial w^{[l]}_{jk} &= \delta^{[l]}_j a^{[l-1]}_k             && (25)

With :math:`D^{[l]} = \operatorname{diag}(\sigma'(z^{[l]}))` the recursion unrolls to
:math:`\delta^{[l]} = D^{[l]} (W^{[l+1]})^T D^{[l+1]} \cdots (W^{[L]})^T D^{[L]} (a^{[L]} - y)`,
i.e. backprop multiplies the transposed layer Jacobians
:math:`\partial z^{[l+1]}/\partial z^{[l]} = W^{[l+1]} D^{[l]}`.

This module is an implementation independent of :mod:`symnn.calculus`: it never calls
``sympy.diff`` on the network. :func:`prove_backprop` checks that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import sympy as sp

from symnn import symbols
from symnn.calculus import gradient
from symnn.network import ForwardPass, Network, Point
from symnn.program import Program

if TYPE_CHECKING:
    pass

__all__ = ["Backprop", "backpropagate", "direct_gradient"]  # BackpropProof, prove_backprop: see __getattr__


@dataclass(frozen=True)
class Backprop:
    r"""The result of Lemma 1 at one point (x, y), in named intermediates.

    Attributes:
        network: the network.
        forward: the forward pass (program for z[l], a[l]).
        backward: the program for δ[L], δ[L−1], ..., δ[2] (symbols ``delta_j__l``).
        y: the target column (symbols or exact numbers).
        delta: ``delta[l]``, the named column δ[l], l = 2..L.
        sigma_prime: ``sigma_prime[l]``, the column σ'(z[l]) in named z symbols.
        grad_W: ``grad_W[l]`` = ∂C/∂W[l] = δ[l] a[l−1]ᵀ, eq. (25), n_l × n_{l−1}.
        grad_b: ``grad_b[l]`` = ∂C/∂b[l] = δ[l], eq. (24), n_l × 1.
    """

    network: Network
    forward: ForwardPass
    backward: Program
    y: sp.Matrix
    delta: dict[int, sp.Matrix]
    sigma_prime: dict[int, sp.Matrix]
    grad_W: dict[int, sp.Matrix]
    grad_b: dict[int, sp.Matrix]

    @property
    def program(self) -> Program:
        """Forward then backward: the whole straight-line program."""
        return self.forward.program + self.backward

    @cached_property
    def _inlined(self) -> dict[sp.Symbol, sp.Expr]:
        return self.program.inlined()

    def gradient(self, expand: bool = False) -> sp.Matrix:
        """∂C/∂θ as a column in ``network.parameters()`` order.

        Args:
            expand: if True, written out in the parameters, x and y; otherwise in the
                named intermediates δ[l], a[l] (the readable, non-swelling form).
        """
        entries: list[sp.Expr] = []
        for layer in self.network.hidden_and_output:
            entries.extend(self.grad_W[layer])
            entries.extend(self.grad_b[layer])
        column = sp.Matrix(entries)
        return self.expand(column) if expand else column

    def expand(self, expr: sp.Basic) -> sp.Basic:
        """Substitute the named intermediates in ``expr`` back to parameters, x and y."""
        return sp.sympify(expr).xreplace(self._inlined)

    def evaluate(self, values: dict[sp.Symbol, object]) -> dict[sp.Symbol, sp.Expr]:
        """Run forward and backward programs exactly at ``values`` (parameters, and x, y if symbolic)."""
        return self.program.evaluate(values)

    def gradient_at(self, values: dict[sp.Symbol, object]) -> sp.Matrix:
        """The gradient column at a point, exactly (SymPy numbers; ``evalf`` for decimals).

        Examples:
            >>> net = Network([1, 1], activation="identity")
            >>> bp = net.backprop(x=[2], y=[1])
            >>> bp.gradient_at(net.assign([3, 0])).T
            Matrix([[10, 5]])
        """
        known = self.evaluate(values)
        return self.gradient().xreplace(known)

    def _repr_latex_(self) -> str:
        """The backward program δ[L], ..., δ[2] as typeset math, for notebooks."""
        from symnn.latex import program_latex

        return program_latex(self.backward.steps)

    @property
    def D(self) -> dict[int, sp.Matrix]:
        r"""``D[l]`` = diag(σ'(z[l])), for every layer with an elementwise activation."""
        layers = [layer.index for layer in self.network.stack if not layer.softmax]
        return {layer: sp.diag(*self.sigma_prime[layer]) for layer in layers}

    def output_error(self) -> sp.Matrix:
        """The column that the δ recursion starts from: a[L] − y (quadratic) or δ[L] (softmax)."""
        net = self.network
        if net.loss.softmax_output:
            return sp.Matrix([self.backward.definition(name) for name in self.delta[net.L]])
        return self.forward.output - self.y

    def matrix_form(self, layer: int) -> list[sp.Matrix]:
        r"""The factors of :math:`\delta^{[l]} = D^{[l]} (W^{[l+1]})^T \cdots D^{[L]} (a^{[L]}-y)`.

        The product of the returned list, left to right, equals δ[layer] written in
        named z[l], a[L] symbols. For a softmax output the chain ends at δ[L] itself.
        """
        net = self.network
        factors: list[sp.Matrix] = []
        D = self.D
        for l in range(layer, net.L):
            factors += [D[l], net.W[l + 1].T]
        if net.L in D:
            factors.append(D[net.L])
        factors.append(self.output_error())
        return factors

    def jacobian_chain(self, layer: int) -> list[sp.Matrix]:
        r"""The layer-to-layer Jacobians ``[∂z[l+1]/∂z[l], ..., ∂z[L]/∂z[L−1]]``.

        Each is :math:`\partial z^{[m+1]}/\partial z^{[m]} = W^{[m+1]} D^{[m]}`, and backprop is
        their transposed product: :math:`\delta^{[l]} = (\partial z^{[l+1]}/\partial z^{[l]})^T \delta^{[l+1]}`.
        """
        D = self.D
        return [self.network.W[m + 1] * D[m] for m in range(layer, self.network.L)]


def backpropagate(network: Network, x: Point | None = None, y: Point | None = None) -> Backprop:
    """Lemma 1 of Higham & Higham (2019) for ``network`` at (x, y).

    Args:
        network: the network.
        x: the input (default: the symbols x_k); exact numbers are kept exact.
        y: the target (default: the symbols y_j).

    Returns:
        A :class:`Backprop` whose gradient equals ∂C/∂θ of the one-point cost (18).

    Examples:
        >>> bp = Network([2, 2, 3, 2]).backprop()
        >>> bp.grad_W[3][1, 0]
        a_1__2*delta_2__3
    """
    forward = network.forward(x)
    target = network._target(y)
    L = network.L
    sigma_prime = {layer: network.sigma_prime(layer, forward.z[layer]) for layer in network.hidden_and_output}
    delta = {
        layer: sp.Matrix([symbols.delta(layer, j) for j in range(1, network.layers[layer - 1] + 1)])
        for layer in network.hidden_and_output
    }
    # (22) the output error
    output_delta = network.loss.output_delta(target, forward.a[L], sigma_prime[L])
    steps: list[tuple[sp.Symbol, sp.Expr]] = list(zip(delta[L], output_delta, strict=True))
    # (23) backwards through the hidden layers, each layer's own δ step
    for layer in reversed(network.stack[:-1]):
        l = layer.index
        back = network.layer(l + 1).back(delta[l + 1])
        steps += zip(delta[l], layer.delta(sigma_prime[l], back), strict=True)
    grad_W = {layer.index: layer.grad_W(delta[layer.index], forward.a[layer.index - 1]) for layer in network.stack}
    grad_b = {layer.index: layer.grad_b(delta[layer.index]) for layer in network.stack}  # (24), (25)
    return Backprop(network, forward, Program.of(steps), target, delta, sigma_prime, grad_W, grad_b)


def direct_gradient(network: Network, x: Point | None = None, y: Point | None = None) -> sp.Matrix:
    """∂C/∂θ by ``sympy.diff`` of the nested one-point cost (18): the ground truth.

    It swells (11,698 operations for the 2-2-3-2 network); use it on small networks.
    """
    return gradient(network.point_cost(x, y), network.parameters())


def __getattr__(name: str) -> Any:
    # The proof lives in symnn.proof (it builds the matrix program too); its old home re-exports it.
    if name in ("BackpropProof", "prove_backprop"):
        from symnn import proof

        return getattr(proof, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
