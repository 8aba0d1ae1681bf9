r"""Random sample points whose every entry is a dyadic rational k/64, exact in float64.

Float64 holds k/64 exactly, so the arrays handed to the user's code *are* the rational point
at which the exact gradient is computed, not an approximation of it. Parameters lie in
[−2, 2], inputs and targets in [0, 1]; a softmax output gets a dyadic probability vector, or
a one-hot row with its integer class label when the user's code takes labels.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import sympy as sp
from numpy.typing import NDArray

from symnn.network import Network

__all__ = ["DENOMINATOR", "PARAMETER_BOUND", "SamplePoint", "draw"]

Array = NDArray[np.float64]

#: Every sampled entry is k / DENOMINATOR: a dyadic rational, exact in float64.
DENOMINATOR = 64
#: Parameters lie in [−PARAMETER_BOUND, PARAMETER_BOUND]; x and y in [0, 1].
PARAMETER_BOUND = 2
#: Up to this many parameters each is one ``random.Random.randint``; above, NumPy draws them.
_MANY = 10_000


@dataclass(frozen=True, eq=False)
class SamplePoint:
    """One random point (a batch of N inputs with one set of parameters); every entry k/64.

    Attributes:
        theta_k: the parameters' numerators k in ``network.parameters()`` order, shape (P,).
        x_k: the inputs' numerators, shape (N, n_1): one row per point of the batch.
        y_k: the targets' numerators, shape (N, n_L).
        labels: the class label of each row when the targets are one-hot, else None.
        network: the network (its symbols θ, x, y name :attr:`values`).
    """

    theta_k: NDArray[np.int64]
    x_k: NDArray[np.int64]
    y_k: NDArray[np.int64]
    labels: NDArray[np.int64] | None = None
    network: Network | None = field(default=None, repr=False)

    @property
    def theta(self) -> Array:
        """The parameters as float64 (exact), shape (P,)."""
        return self.theta_k / DENOMINATOR

    @property
    def X(self) -> Array:
        """The batch of inputs, one row per point, shape (N, n_1)."""
        return self.x_k / DENOMINATOR

    @property
    def Y(self) -> Array:
        """The batch of targets, one row per point, shape (N, n_L)."""
        return self.y_k / DENOMINATOR

    @property
    def x(self) -> Array:
        """The first input, shape (n_1,)."""
        return self.X[0]

    @property
    def y(self) -> Array:
        """The first target, shape (n_L,)."""
        return self.Y[0]

    @property
    def batch(self) -> int:
        """N, the number of points in the batch."""
        return int(self.x_k.shape[0])

    @cached_property
    def values(self) -> dict[sp.Symbol, sp.Rational]:
        """The exact first point: each parameter, x_k and y_j as a ``sympy.Rational``."""
        numerators = [*self.theta_k.tolist(), *self.x_k[0].tolist(), *self.y_k[0].tolist()]
        assert self.network is not None
        free = (*self.network.parameters(), *self.network.x, *self.network.y)
        return {s: sp.Rational(k, DENOMINATOR) for s, k in zip(free, numerators, strict=True)}

    def params(self, network: Network) -> list[tuple[Array, Array]]:
        """Fresh copies of ``[(W2, b2), ..., (WL, bL)]``, W[l] of shape (n_l, n_{l−1}), b[l] of shape (n_l,)."""
        theta, start, pairs = self.theta, 0, []
        for n_prev, n_l in itertools.pairwise(network.layers):
            W = theta[start : start + n_l * n_prev].reshape(n_l, n_prev).copy()
            start += n_l * n_prev
            pairs.append((W, theta[start : start + n_l].copy()))
            start += n_l
        return pairs


def _probabilities(rng: random.Random, n: int) -> list[int]:
    """Numerators of a dyadic probability vector (entries k/64 summing to 1)."""
    cuts = sorted(rng.randint(0, DENOMINATOR) for _ in range(n - 1))
    edges = [0, *cuts, DENOMINATOR]
    return [high - low for low, high in itertools.pairwise(edges)]


def draw(network: Network, rng: random.Random, batch: int = 1, labels: bool = False) -> SamplePoint:
    """One random point: parameters in [−2, 2], ``batch`` inputs and targets in [0, 1].

    Args:
        network: the architecture.
        rng: the random source.
        batch: N, the rows of the batch.
        labels: one-hot targets with integer class labels (a softmax or classification output).
    """
    d = DENOMINATOR
    size = sum(n_l * n_prev + n_l for n_prev, n_l in itertools.pairwise(network.layers))
    low, high = -PARAMETER_BOUND * d, PARAMETER_BOUND * d
    if size <= _MANY:
        theta = np.array([rng.randint(low, high) for _ in range(size)], dtype=np.int64)
    else:  # NumPy draws many parameters (78,500 at 784-100-10) from a seed that ``rng`` gives
        theta = np.random.default_rng(rng.getrandbits(64)).integers(low, high, size=size, endpoint=True)
    xs = [[rng.randint(0, d) for _ in range(network.layers[0])] for _ in range(batch)]
    n_out = network.layers[-1]
    classes = None
    if labels:
        classes = [rng.randrange(n_out) for _ in range(batch)]
        ys = [[d if j == c else 0 for j in range(n_out)] for c in classes]
    elif network.loss.softmax_output:
        ys = [_probabilities(rng, n_out) for _ in range(batch)]
    else:
        ys = [[rng.randint(0, d) for _ in range(n_out)] for _ in range(batch)]
    return SamplePoint(
        theta.astype(np.int64),
        np.array(xs, dtype=np.int64).reshape(batch, -1),
        np.array(ys, dtype=np.int64).reshape(batch, -1),
        None if classes is None else np.array(classes, dtype=np.int64),
        network,
    )
