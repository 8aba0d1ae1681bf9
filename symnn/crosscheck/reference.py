r"""The exact gradient at a sample point: Lemma 1 in matrix form, evaluated in mpmath.

Higham & Higham (2019), Lemma 1, eqs. (22)–(25), layer by layer and independent of the
widths' symbols: for l = 2..L

.. math::

    z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}, \quad a^{[l]} = \sigma(z^{[l]}), \quad
    \delta^{[L]} = \partial C / \partial z^{[L]}, \quad
    \delta^{[l]} = \sigma'(z^{[l]}) \circ (W^{[l+1]})^T \delta^{[l+1]},

    \partial C / \partial b^{[l]} = \delta^{[l]}, \qquad
    \partial C / \partial W^{[l]} = \delta^{[l]} (a^{[l-1]})^T.

σ, σ′ and δ[L] come from the network's own activation and loss objects (their SymPy
formulas, lambdified to mpmath once per layer, not per weight), so the reference agrees
with symnn's symbolic backprop by construction of the same objects, and its cost does not
grow with the number of weights beyond the products themselves. z[2] = W[2] x + b[2] is
computed exactly in integers (every entry is k/64). Everything after runs in mpmath at two
working precisions, ``digits + 15`` and ``digits + 35``; the two must agree beyond
``digits`` significant digits, so every digit shown is stable.

The float64 gradient used for judging is δ (rounded once) times a (rounded once): within
two roundings of the exact value, twelve orders inside any tolerance. The digits shown
for an entry are its exact product (and batch sum) recomputed in mpmath.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import mpmath
import numpy as np
import sympy as sp
from numpy.typing import NDArray

from symnn.crosscheck.blocks import Block
from symnn.crosscheck.sample import DENOMINATOR, SamplePoint
from symnn.network import Network

__all__ = ["DIGITS", "ExactPoint", "Reference"]

Array = NDArray[np.float64]
MpVector = list[mpmath.mpf]

#: Significant digits of the exact values shown.
DIGITS = 30


@dataclass(frozen=True, eq=False)
class ExactPoint:
    """The exact gradient of the batch cost at one sample point, and its intermediates.

    Attributes:
        gradient: ∂C/∂θ rounded to float64 in ``network.parameters()`` order, shape (P,); the
            batch cost is the mean (or sum) of the point costs.
        z, a, delta: float64 roundings per layer, each of shape (N, n_l); ``a[1]`` is the input.
        on_kink: some z[l]_j is exactly at the activation's kink (ReLU at 0).
        mp_a, mp_delta: the mpmath values per point and layer (for the digits shown).
        mean: whether the batch cost is the mean of the point costs (else their sum).
    """

    gradient: Array
    z: dict[int, Array]
    a: dict[int, Array]
    delta: dict[int, Array]
    on_kink: bool
    mp_a: list[dict[int, MpVector]]
    mp_delta: list[dict[int, MpVector]]
    mean: bool

    def digits(self, block: Block, i: int, digits: int) -> str:
        """Entry ``i`` of ``block`` to ``digits`` significant digits, from the mpmath values."""
        with mpmath.workdps(digits + 35):
            if block.kind == "b":
                terms = [d[block.layer][i] for d in self.mp_delta]
            else:
                j, k = divmod(i, block.shape[1])
                terms = [
                    d[block.layer][j] * a[block.layer - 1][k] for d, a in zip(self.mp_delta, self.mp_a, strict=True)
                ]
            value = mpmath.fsum(terms) / (len(terms) if self.mean else 1)
            return str(mpmath.nstr(value, digits, strip_zeros=False))


@cache
def _scalar(expr: sp.Lambda, module: str) -> Callable[[object], object]:
    (t,) = expr.variables
    return sp.lambdify(t, expr.expr, module)  # type: ignore[no-any-return]


def _output_delta(network: Network) -> Callable[..., list[object]]:
    """δ[L] = ∂C/∂z[L] as an mpmath function of (y..., a..., σ'(z[L])...): the loss's own formula."""
    n = network.layers[-1]
    y, a, s = (sp.Matrix(sp.symbols(f"{stem}0:{n}")) for stem in ("y", "a", "s"))
    delta = network.loss.output_delta(y, a, s)
    return sp.lambdify([*y, *a, *s], list(delta), "mpmath")  # type: ignore[no-any-return]


class Reference:
    """Lemma 1 in matrix form for one network, evaluated at sample points."""

    def __init__(self, network: Network, digits: int = 30, mean: bool = True) -> None:
        self.network, self.digits, self.mean = network, digits, mean
        self.sigma = {l: _scalar(network.activations[l].function, "mpmath") for l in network.hidden_and_output}
        self.sigma_prime = {l: _scalar(network.activations[l].derivative, "mpmath") for l in network.hidden_and_output}
        self.kinked = {l for l in network.hidden_and_output if network.activations[l].kink}
        self.delta_L = _output_delta(network)

    def _weights(self, point: SamplePoint) -> dict[int, tuple[NDArray[np.int64], NDArray[np.int64]]]:
        sizes, start, out = self.network.layers, 0, {}
        for l in self.network.hidden_and_output:
            rows, cols = sizes[l - 1], sizes[l - 2]
            W = point.theta_k[start : start + rows * cols].reshape(rows, cols)
            start += rows * cols
            out[l] = (W, point.theta_k[start : start + rows])
            start += rows
        return out

    def _activate(self, layer: int, z: MpVector) -> MpVector:
        if layer == self.network.L and self.network.loss.softmax_output:
            top = max(z)
            exps = [mpmath.exp(v - top) for v in z]
            total = mpmath.fsum(exps)
            return [e / total for e in exps]
        return [mpmath.mpf(self.sigma[layer](v)) for v in z]  # type: ignore[arg-type]

    def _one(self, weights: dict, x_k: NDArray[np.int64], y_k: NDArray[np.int64], dps: int) -> tuple:
        """z, a, δ per layer for one point of the batch, at ``dps`` digits; z[2] exact in integers."""
        net, d = self.network, DENOMINATOR
        with mpmath.workdps(dps):
            z: dict[int, MpVector] = {}
            a: dict[int, MpVector] = {1: [mpmath.mpf(int(k)) / d for k in x_k]}
            kink = False
            for l in net.hidden_and_output:
                W, b = weights[l]
                if l == 2:
                    numerators = W @ x_k + d * b  # exact: |entries| < 2^63
                    kink |= l in self.kinked and bool(np.any(numerators == 0))
                    z[l] = [mpmath.mpf(int(v)) / (d * d) for v in numerators]
                else:
                    z[l] = [
                        mpmath.fdot(row.tolist(), a[l - 1]) / d + mpmath.mpf(int(bj)) / d
                        for row, bj in zip(W, b, strict=True)
                    ]
                    kink |= l in self.kinked and any(v == 0 for v in z[l])
                a[l] = self._activate(l, z[l])
            L = net.L
            s = [mpmath.mpf(self.sigma_prime[L](v)) for v in z[L]]  # type: ignore[arg-type]
            y = [mpmath.mpf(int(k)) / d for k in y_k]
            delta = {L: [mpmath.mpf(v) for v in self.delta_L(*y, *a[L], *s)]}  # type: ignore[arg-type]
            for l in range(L - 1, 1, -1):
                W_next = weights[l + 1][0]
                back = [mpmath.fdot(col.tolist(), delta[l + 1]) / d for col in W_next.T]
                delta[l] = [mpmath.mpf(self.sigma_prime[l](zj)) * bj for zj, bj in zip(z[l], back, strict=True)]  # type: ignore[arg-type]
        return z, a, delta, kink

    def at(self, point: SamplePoint) -> ExactPoint:
        """The exact gradient of the batch cost at ``point``; raises if two precisions disagree."""
        weights = self._weights(point)
        layers = self.network.hidden_and_output
        per_point = []
        for x_k, y_k in zip(point.x_k, point.y_k, strict=True):
            coarse = self._one(weights, x_k, y_k, self.digits + 15)
            fine = self._one(weights, x_k, y_k, self.digits + 35)
            limit = mpmath.mpf(10) ** -(self.digits + 5)
            for l in layers:
                for u, v in zip(coarse[2][l], fine[2][l], strict=True):
                    if abs(u - v) > limit * max(abs(v), 1):
                        raise ArithmeticError("the exact gradient is not stable at two working precisions")
            per_point.append(fine)

        def floats(index: int, layer: int) -> Array:
            return np.array([[float(v) for v in p[index][layer]] for p in per_point])

        z = {l: floats(0, l) for l in layers}
        a = {l: floats(1, l) for l in (1, *layers)}
        delta = {l: floats(2, l) for l in layers}
        parts = []
        for l in layers:
            outer = np.einsum("nj,nk->jk", delta[l], a[l - 1])
            bias = delta[l].sum(axis=0)
            parts += [outer.ravel(), bias]
        gradient = np.concatenate(parts) / (point.batch if self.mean else 1)
        return ExactPoint(
            gradient,
            z,
            a,
            delta,
            any(p[3] for p in per_point),
            [p[1] for p in per_point],
            [p[2] for p in per_point],
            self.mean,
        )
