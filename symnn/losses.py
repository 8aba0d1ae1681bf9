r"""Costs of one training point, and the output error δ[L] each one gives.

- Quadratic, Higham & Higham (2019) eq. (18): :math:`C = \tfrac12 \lVert y - a^{[L]} \rVert_2^2`,
  with eq. (22): :math:`\delta^{[L]} = \sigma'(z^{[L]}) \circ (a^{[L]} - y)`.
- Cross-entropy with a softmax output layer: :math:`a^{[L]} = \operatorname{softmax}(z^{[L]})`,
  :math:`C = -\sum_j y_j \log a^{[L]}_j`, whose output error is
  :math:`\delta^{[L]}_k = a^{[L]}_k \sum_j y_j - y_k` (which is :math:`a^{[L]} - y` when the
  targets sum to one; symnn keeps the general form so the identity is exact for any y).

The cost over N points, eq. (9), and the regularised cost, eq. (33), are built from these
by :class:`symnn.network.Network`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from symnn.errors import SymnnError

__all__ = ["LOSSES", "Loss", "loss", "softmax"]


def softmax(z: sp.Matrix) -> sp.Matrix:
    r"""The softmax column :math:`e^{z_j} / \sum_k e^{z_k}` of a column ``z``.

    Examples:
        >>> import sympy as sp
        >>> softmax(sp.Matrix([0, 0]))
        Matrix([
        [1/2],
        [1/2]])
    """
    exps = [sp.exp(entry) for entry in z]
    total = sp.Add(*exps)
    return sp.Matrix([e / total for e in exps])


def _quadratic(y: sp.Matrix, a: sp.Matrix) -> sp.Expr:
    return sp.Rational(1, 2) * sp.Add(*[(yj - aj) ** 2 for yj, aj in zip(y, a, strict=True)])


def _quadratic_delta(y: sp.Matrix, a: sp.Matrix, sigma_prime: sp.Matrix) -> sp.Matrix:
    # eq. (22): δ[L] = σ'(z[L]) ∘ (a[L] − y)
    return sp.Matrix([sj * (aj - yj) for sj, aj, yj in zip(sigma_prime, a, y, strict=True)])


def _cross_entropy(y: sp.Matrix, a: sp.Matrix) -> sp.Expr:
    return -sp.Add(*[yj * sp.log(aj) for yj, aj in zip(y, a, strict=True)])


def _cross_entropy_delta(y: sp.Matrix, a: sp.Matrix, sigma_prime: sp.Matrix) -> sp.Matrix:
    # ∂C/∂z_k = a_k Σ_j y_j − y_k for a = softmax(z); σ' plays no part.
    total = sp.Add(*y)
    return sp.Matrix([aj * total - yj for aj, yj in zip(a, y, strict=True)])


@dataclass(frozen=True)
class Loss:
    """The cost of one point and the output error it gives.

    Attributes:
        name: ``"quadratic"`` or ``"cross-entropy"``.
        value: ``C(y, a)`` for columns ``y`` (target) and ``a`` (output a[L]).
        output_delta: ``δ[L](y, a, σ'(z[L]))``, the column ∂C/∂z[L].
        softmax_output: whether the output layer is a softmax rather than elementwise.
        latex: the one-point cost in LaTeX, in the book's names.
    """

    name: str
    value: Callable[[sp.Matrix, sp.Matrix], sp.Expr]
    output_delta: Callable[[sp.Matrix, sp.Matrix, sp.Matrix], sp.Matrix]
    softmax_output: bool
    latex: str


LOSSES: dict[str, Loss] = {
    "quadratic": Loss(
        "quadratic",
        _quadratic,
        _quadratic_delta,
        False,
        r"C = \frac{1}{2} \left\lVert y - a^{[L]} \right\rVert_2^2",
    ),
    "cross-entropy": Loss(
        "cross-entropy",
        _cross_entropy,
        _cross_entropy_delta,
        True,
        r"C = -\sum_{j} y_j \log a^{[L]}_j, \quad a^{[L]} = \operatorname{softmax}(z^{[L]})",
    ),
}


def loss(spec: str | Loss) -> Loss:
    """Look up a loss by name (``"quadratic"``, ``"cross-entropy"``)."""
    if isinstance(spec, Loss):
        return spec
    key = spec.lower().replace("_", "-") if isinstance(spec, str) else spec
    if key in LOSSES:
        return LOSSES[key]
    raise SymnnError(f"unknown cost {spec!r}; known: {', '.join(LOSSES)}")
