r"""Losses as objects: the cost of one point, its output error δ[L], its batch reduction, its matrix form.

=========================  =====================================================  ============  ==========
name                       cost of one point C(y, a)                              output layer  batch
=========================  =====================================================  ============  ==========
``quadratic``              :math:`\tfrac12 \lVert y - a \rVert_2^2`, eq. (18)     elementwise   mean, eq. (9)
``sum-of-squares``         :math:`\lVert y - a \rVert_2^2`                        elementwise   sum
``mse``                    :math:`\tfrac{1}{n_L} \lVert y - a \rVert_2^2`          elementwise   mean
``binary-cross-entropy``   :math:`-\sum_j y_j \log a_j + (1-y_j)\log(1-a_j)`      sigmoid       mean
``cross-entropy``          :math:`-\sum_j y_j \log a_j`, a = softmax(z)           softmax       mean
=========================  =====================================================  ============  ==========

``mse`` is PyTorch's ``MSELoss()``: the mean over outputs and batch. The output errors
(∂C/∂z[L] of one point) are written out beside each cost:

- elementwise outputs, Higham & Higham (2019) eq. (22):
  :math:`\delta^{[L]} = \sigma'(z^{[L]}) \circ \partial C/\partial a`,
  with :math:`\partial C/\partial a = a - y`, :math:`2(a - y)` and :math:`\tfrac{2}{n_L}(a-y)`;
- binary cross-entropy with a sigmoid output: :math:`\delta^{[L]} = a - y` (σ' cancels);
- softmax cross-entropy: :math:`\delta^{[L]}_k = a_k \sum_j y_j - y_k` (which is a − y when
  the targets sum to one; symnn keeps the general form so the identity is exact for any y).
  Its targets may be one-hot columns or integer class labels 0..n_L−1 (:meth:`Loss.one_hot`).

The batch cost is :math:`s_N \sum_{i=1}^N C(y^{\{i\}}, a^{\{i\}})` with
:math:`s_N = 1/N` (``reduction == "mean"``) or 1 (``"sum"``); :meth:`Loss.batch_scale`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeAlias

import sympy as sp

from symnn.activations import SOFTMAX
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
    return SOFTMAX(z)


Column: TypeAlias = sp.Matrix


def _pairs(y: Column, a: Column) -> list[tuple[sp.Expr, sp.Expr]]:
    return list(zip(y, a, strict=True))


# ---------------------------------------------------------------- the table
# Each cost, then its output error δ[L](y, a, σ'(z[L])) written out by hand.
def _quadratic(y: Column, a: Column) -> sp.Expr:
    return sp.Rational(1, 2) * sp.Add(*[(yj - aj) ** 2 for yj, aj in _pairs(y, a)])


def _quadratic_delta(y: Column, a: Column, sigma_prime: Column) -> Column:
    # eq. (22): δ[L] = σ'(z[L]) ∘ (a[L] − y)
    return sp.Matrix([sj * (aj - yj) for sj, aj, yj in zip(list(sigma_prime), list(a), list(y), strict=True)])


def _sum_of_squares(y: Column, a: Column) -> sp.Expr:
    return sp.Add(*[(yj - aj) ** 2 for yj, aj in _pairs(y, a)])


def _sum_of_squares_delta(y: Column, a: Column, sigma_prime: Column) -> Column:
    return sp.Matrix([2 * sj * (aj - yj) for sj, aj, yj in zip(list(sigma_prime), list(a), list(y), strict=True)])


def _mse(y: Column, a: Column) -> sp.Expr:
    return _sum_of_squares(y, a) / len(a)


def _mse_delta(y: Column, a: Column, sigma_prime: Column) -> Column:
    n = len(a)
    return sp.Matrix([2 * sj * (aj - yj) / n for sj, aj, yj in zip(list(sigma_prime), list(a), list(y), strict=True)])


def _binary_cross_entropy(y: Column, a: Column) -> sp.Expr:
    return -sp.Add(*[yj * sp.log(aj) + (1 - yj) * sp.log(1 - aj) for yj, aj in _pairs(y, a)])


def _binary_cross_entropy_delta(y: Column, a: Column, sigma_prime: Column) -> Column:
    # a = σ(z): ∂C/∂a = (a − y)/(a(1 − a)) and σ'(z) = a(1 − a), so δ[L] = a − y.
    return sp.Matrix([aj - yj for yj, aj in _pairs(y, a)])


def _cross_entropy(y: Column, a: Column) -> sp.Expr:
    return -sp.Add(*[yj * sp.log(aj) for yj, aj in _pairs(y, a)])


def _cross_entropy_delta(y: Column, a: Column, sigma_prime: Column) -> Column:
    # ∂C/∂z_k = a_k Σ_j y_j − y_k for a = softmax(z); σ' plays no part.
    total = sp.Add(*y)
    return sp.Matrix([aj * total - yj for yj, aj in _pairs(y, a)])


@dataclass(frozen=True)
class Loss:
    """The cost of one point, the output error it gives, and how a batch is reduced.

    Attributes:
        name: a key of :data:`LOSSES`.
        value: ``C(y, a)`` for columns ``y`` (target) and ``a`` (output a[L]).
        output_delta: ``δ[L](y, a, σ'(z[L]))``, the column ∂C/∂z[L] of one point.
        softmax_output: whether the output layer is a softmax rather than elementwise.
        latex: the one-point cost in LaTeX, in the book's names.
        reduction: ``"mean"`` (cost = (1/N) Σ C) or ``"sum"`` (cost = Σ C) over a batch.
        output: the activation the output layer must have (``"sigmoid"``, ``"softmax"``),
            or ``""`` for any elementwise one.
        labels: whether targets may be integer class labels (softmax cross-entropy).
        sigma_free: whether δ[L] does not use σ'(z[L]) (the fused cross-entropies).
        entry_cost: ``c(y_j, a_j, n_L)`` with C = Σ_j c(y_j, a_j, n_L), for the matrix program.
        entry_delta: ``d(y_j, a_j, σ'(z_j), n_L)``, entry j of δ[L], for the matrix program;
            None when δ[L]_j depends on the whole column (softmax cross-entropy).
    """

    name: str
    value: Callable[[Column, Column], sp.Expr]
    output_delta: Callable[[Column, Column, Column], Column]
    softmax_output: bool
    latex: str
    reduction: str = "mean"
    output: str = ""
    labels: bool = False
    sigma_free: bool = False
    entry_cost: Callable[[sp.Expr, sp.Expr, int], sp.Expr] | None = None
    entry_delta: Callable[[sp.Expr, sp.Expr, sp.Expr, int], sp.Expr] | None = None

    def batch_scale(self, N: int | sp.Expr) -> sp.Expr:
        """The factor s_N of the batch cost s_N Σ_i C_i: 1/N for ``"mean"``, 1 for ``"sum"``.

        Examples:
            >>> LOSSES["quadratic"].batch_scale(4), LOSSES["sum-of-squares"].batch_scale(4)
            (1/4, 1)
        """
        return sp.S.One / N if self.reduction == "mean" else sp.S.One

    def one_hot(self, label: object, n_out: int) -> list[sp.Integer]:
        """The one-hot target column of integer class ``label`` (0..n_out−1).

        Raises:
            SymnnError: when this loss takes no labels, or the label is out of range.

        Examples:
            >>> LOSSES["cross-entropy"].one_hot(2, 3)
            [0, 0, 1]
        """
        if not self.labels:
            raise SymnnError(f"the {self.name} cost takes target columns, not class labels")
        if isinstance(label, bool) or not isinstance(label, int) or not 0 <= label < n_out:
            raise SymnnError(f"class label {label!r} out of range: labels are integers 0..{n_out - 1}")
        return [sp.Integer(1 if j == label else 0) for j in range(n_out)]

    def fits(self, output_activation: str) -> None:
        """Raise :class:`SymnnError` when this loss does not fit an output layer of ``output_activation``.

        Examples:
            >>> LOSSES["binary-cross-entropy"].fits("tanh")
            Traceback (most recent call last):
            ...
            symnn.errors.SymnnError: the binary-cross-entropy cost needs a sigmoid output layer, not tanh
        """
        if self.output and output_activation != self.output:
            raise SymnnError(f"the {self.name} cost needs a {self.output} output layer, not {output_activation}")
        if not self.output and output_activation == SOFTMAX.name:
            raise SymnnError(f"the {self.name} cost takes an elementwise output layer; with softmax use cross-entropy")


LOSSES: dict[str, Loss] = {
    "quadratic": Loss(
        "quadratic",
        _quadratic,
        _quadratic_delta,
        False,
        r"C = \frac{1}{2} \left\lVert y - a^{[L]} \right\rVert_2^2",
        entry_cost=lambda y, a, n: (y - a) ** 2 / 2,
        entry_delta=lambda y, a, s, n: s * (a - y),
    ),
    "sum-of-squares": Loss(
        "sum-of-squares",
        _sum_of_squares,
        _sum_of_squares_delta,
        False,
        r"C = \left\lVert y - a^{[L]} \right\rVert_2^2",
        reduction="sum",
        entry_cost=lambda y, a, n: (y - a) ** 2,
        entry_delta=lambda y, a, s, n: 2 * s * (a - y),
    ),
    "mse": Loss(
        "mse",
        _mse,
        _mse_delta,
        False,
        r"C = \frac{1}{n_L} \left\lVert y - a^{[L]} \right\rVert_2^2",
        entry_cost=lambda y, a, n: (y - a) ** 2 / n,
        entry_delta=lambda y, a, s, n: 2 * s * (a - y) / n,
    ),
    "binary-cross-entropy": Loss(
        "binary-cross-entropy",
        _binary_cross_entropy,
        _binary_cross_entropy_delta,
        False,
        r"C = -\sum_{j} \left( y_j \log a^{[L]}_j + (1 - y_j) \log (1 - a^{[L]}_j) \right)",
        output="sigmoid",
        sigma_free=True,
        entry_cost=lambda y, a, n: -(y * sp.log(a) + (1 - y) * sp.log(1 - a)),
        entry_delta=lambda y, a, s, n: a - y,
    ),
    "cross-entropy": Loss(
        "cross-entropy",
        _cross_entropy,
        _cross_entropy_delta,
        True,
        r"C = -\sum_{j} y_j \log a^{[L]}_j, \quad a^{[L]} = \operatorname{softmax}(z^{[L]})",
        output="softmax",
        labels=True,
        sigma_free=True,
        entry_cost=lambda y, a, n: -y * sp.log(a),
    ),
}

#: Other spellings of the names above.
ALIASES = {
    "half-squared-error": "quadratic",
    "mean-squared-error": "mse",
    "bce": "binary-cross-entropy",
    "softmax-cross-entropy": "cross-entropy",
    "sse": "sum-of-squares",
}


def loss(spec: str | Loss) -> Loss:
    """Look up a loss by name (``"quadratic"``, ``"mse"``, ``"cross-entropy"``, ...).

    Examples:
        >>> loss("softmax_cross_entropy").name
        'cross-entropy'
    """
    if isinstance(spec, Loss):
        return spec
    if isinstance(spec, str):
        key = spec.strip().lower().replace("_", "-")
        key = ALIASES.get(key, key)
        if key in LOSSES:
            return LOSSES[key]
    raise SymnnError(f"unknown cost {spec!r}; known: {', '.join(LOSSES)}")
