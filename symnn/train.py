r"""Training on compiled exact gradients: gradient descent, stochastic gradient, mini-batches.

Higham & Higham (2019), Section 4: gradient descent on the cost (9)

.. math:: \theta \leftarrow \theta - \eta \nabla \mathrm{Cost}(\theta),
          \qquad \mathrm{Cost} = \frac1N \sum_{i=1}^N \tfrac12 \lVert y^{\{i\}} - F(x^{\{i\}}) \rVert_2^2,

and stochastic gradient, eq. (13): each step picks ONE point :math:`x^{\{k\}}` uniformly at
random, with replacement, and steps along :math:`-\nabla C_{x^{\{k\}}}`; a mini-batch step
averages :math:`\nabla C` over b points drawn the same way. The gradients are the exact
program of :mod:`symnn.backprop`, compiled by :mod:`symnn.numeric`.

The experiment of their Section 6 (``netbp.m``) is :func:`higham_data` with
:func:`netbp_initial_parameters`, η = 0.05 and 10⁶ stochastic steps. ``netbp.m`` prints the
*scaled* cost :math:`\sum_i \lVert y^{\{i\}} - F(x^{\{i\}})\rVert_2^2 = 2N \cdot \mathrm{Cost}`;
the history records both.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy as sp
from numpy.typing import ArrayLike, NDArray

from symnn.errors import SymnnError
from symnn.exact import exact
from symnn.network import Network
from symnn.numeric import CompiledNetwork

__all__ = [
    "METHODS",
    "DivergenceError",
    "History",
    "TrainingResult",
    "as_arrays",
    "higham_data",
    "misclassified",
    "netbp_initial_parameters",
    "train",
]

#: Training methods: full-batch gradient descent, stochastic gradient (one point), mini-batches.
METHODS = ("gd", "sgd", "minibatch")

# ---------------------------------------------------------------------------- the data of netbp.m
# Higham & Higham (2019), Section 6 / netbp.m, verbatim; exact decimals.
_X1 = ("0.1", "0.3", "0.1", "0.6", "0.4", "0.6", "0.5", "0.9", "0.4", "0.7")
_X2 = ("0.1", "0.4", "0.5", "0.9", "0.2", "0.3", "0.6", "0.2", "0.4", "0.6")
# The 11-point variant (their Figure 9) adds one category-B point.
_EXTRA_POINT = ("0.3", "0.7")
CATEGORY_A, CATEGORY_B = (1, 0), (0, 1)

ExactData = list[tuple[tuple[sp.Rational, ...], tuple[sp.Integer, ...]]]


def higham_data(points: int = 10) -> ExactData:
    """The training points of ``netbp.m`` as exact (x, y) pairs.

    Points 1–5 are category A (y = [1, 0]), points 6–10 category B (y = [0, 1]); the
    11-point variant adds the category-B point (0.3, 0.7).

    Examples:
        >>> data = higham_data()
        >>> data[0]
        ((1/10, 1/10), (1, 0))
        >>> higham_data(11)[-1]
        ((3/10, 7/10), (0, 1))
    """
    if points not in (10, 11):
        raise SymnnError(f"the Higham data has 10 points or 11 (Figure 9), not {points}")
    inputs = list(zip(_X1, _X2, strict=True)) + ([_EXTRA_POINT] if points == 11 else [])
    targets = [CATEGORY_A] * 5 + [CATEGORY_B] * (points - 5)
    return [(tuple(exact(v) for v in x), tuple(sp.Integer(v) for v in y)) for x, y in zip(inputs, targets, strict=True)]


def as_arrays(data: ExactData) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Exact (x, y) pairs as float64 arrays X (N × n_1) and Y (N × n_L), rounded once."""
    X = np.array([[float(v) for v in x] for x, _ in data], dtype=np.float64)
    Y = np.array([[float(v) for v in y] for _, y in data], dtype=np.float64)
    return X, Y


def netbp_initial_parameters(network: Network, rng: np.random.Generator, scale: float = 0.5) -> NDArray[np.float64]:
    """Initial θ as ``netbp.m`` draws it: ``0.5*randn`` for W2, W3, ..., then b2, b3, ....

    ``netbp.m`` draws every W[l] first, then every b[l], each filled column by column
    (MATLAB's ``randn(n, m)``); symnn's θ is ordered W[2] row-major, b[2], W[3], b[3], ...
    This draws in ``netbp.m``'s order and places each number at its parameter.

    Returns:
        θ, shape (P,), in ``network.parameters()`` order.
    """
    blocks: dict[str, NDArray[np.float64]] = {}
    for layer in network.hidden_and_output:
        rows, cols = network.W[layer].shape
        blocks[f"W{layer}"] = scale * rng.standard_normal((cols, rows)).T  # column-major fill
    for layer in network.hidden_and_output:
        blocks[f"b{layer}"] = scale * rng.standard_normal(network.b[layer].shape[0])
    return np.concatenate([blocks[name].ravel() for name, _ in network.parameter_blocks()])


def misclassified(compiled: CompiledNetwork, theta: ArrayLike, X: ArrayLike, Y: ArrayLike) -> int:
    """How many points fall on the wrong side of F_1 = F_2 (category A where F_1 > F_2)."""
    F = compiled.forward(theta, X)
    return int(np.sum(np.argmax(F, axis=1) != np.argmax(np.asarray(Y), axis=1)))


# ---------------------------------------------------------------------------- training
class DivergenceError(SymnnError):
    """Training produced a cost that is not a finite number (NaN or infinity)."""


@dataclass(frozen=True)
class History:
    r"""The cost along training, recorded every ``record_every`` steps from step 0.

    Attributes:
        steps: step numbers, shape (K,).
        cost: the cost (9) after each, shape (K,).
        scaled_cost: :math:`\sum_i \lVert y^{\{i\}} - F(x^{\{i\}})\rVert^2 = 2N \cdot` cost,
            what ``netbp.m`` records, shape (K,).
    """

    steps: NDArray[np.int64]
    cost: NDArray[np.float64]
    scaled_cost: NDArray[np.float64]


@dataclass(frozen=True)
class TrainingResult:
    """What :func:`train` did and where it ended.

    Attributes:
        theta0: the initial parameters, shape (P,).
        theta: the final parameters, shape (P,).
        history: the recorded costs.
        initial_cost, final_cost: the cost (9) before and after.
        initial_scaled_cost, final_scaled_cost: the same, scaled as ``netbp.m`` prints it.
        method, steps, eta, batch_size, backend: the settings.
        seconds: wall time of the training loop (compilation excluded).
    """

    theta0: NDArray[np.float64]
    theta: NDArray[np.float64]
    history: History
    initial_cost: float
    final_cost: float
    method: str
    steps: int
    eta: float
    batch_size: int
    backend: str
    seconds: float
    n_points: int

    @property
    def initial_scaled_cost(self) -> float:
        """2N × the initial cost (9)."""
        return 2 * self.n_points * self.initial_cost

    @property
    def final_scaled_cost(self) -> float:
        """2N × the final cost (9)."""
        return 2 * self.n_points * self.final_cost


def _indices(method: str, steps: int, n_points: int, batch_size: int, rng: np.random.Generator) -> NDArray[np.int64]:
    """Row s: the points of step s, drawn uniformly with replacement (shape (steps, b)); b = 0 for full batch."""
    if method == "gd":
        return np.zeros((steps, 0), dtype=np.int64)
    size = 1 if method == "sgd" else batch_size
    return rng.integers(0, n_points, size=(steps, size), dtype=np.int64)


def _check_settings(method: str, steps: int, eta: float, batch_size: int, record_every: int) -> None:
    if method not in METHODS:
        raise SymnnError(f"unknown training method {method!r}; known: {', '.join(METHODS)}")
    if steps < 0:
        raise SymnnError(f"the number of steps must be >= 0, got {steps}")
    if not (math.isfinite(eta) and eta > 0):
        raise SymnnError(f"the learning rate eta must be a positive number, got {eta}")
    if method == "minibatch" and batch_size < 1:
        raise SymnnError(f"a mini-batch needs at least one point, got batch size {batch_size}")
    if record_every < 1:
        raise SymnnError(f"record_every must be >= 1, got {record_every}")


def train(
    compiled: CompiledNetwork,
    X: ArrayLike,
    Y: ArrayLike,
    *,
    steps: int,
    eta: float,
    method: str = "sgd",
    batch_size: int = 1,
    rng: np.random.Generator | None = None,
    theta0: ArrayLike | None = None,
    record_every: int = 1,
    chunks: int = 100,
    progress: Callable[[int], object] | None = None,
) -> TrainingResult:
    r"""Train ``compiled`` on (X, Y) by gradient descent, stochastic gradient or mini-batches.

    Args:
        compiled: the compiled network (``net.compile(backend)``).
        X: inputs, shape (N, n_1); Y: targets, shape (N, n_L).
        steps: number of steps.
        eta: learning rate η.
        method: ``"gd"`` (full batch, eq. (11)), ``"sgd"`` (one point drawn uniformly with
            replacement per step, as ``netbp.m``) or ``"minibatch"`` (``batch_size`` points,
            with replacement, gradient averaged).
        batch_size: points per mini-batch step.
        rng: the seeded generator; default ``numpy.random.default_rng(0)``. It draws the
            initial weights first (when ``theta0`` is None), then every step's points at
            once, ``rng.integers(0, N, size=(steps, b))`` (b = 1 for ``"sgd"``).
        theta0: initial θ, shape (P,); default :func:`netbp_initial_parameters`.
        record_every: record the cost every this many steps (and at step 0).
        chunks: the loop runs in this many pieces, calling ``progress(steps_done)`` after each.
        progress: called with the number of steps just completed (for a progress bar).

    Returns:
        A :class:`TrainingResult`.

    Raises:
        DivergenceError: when the cost becomes NaN or infinite; the message names the step.
    """
    _check_settings(method, steps, eta, batch_size, record_every)
    rng = np.random.default_rng(0) if rng is None else rng
    X, Y = compiled._data(X, Y)
    theta_init = netbp_initial_parameters(compiled.network, rng) if theta0 is None else compiled._theta(theta0).copy()
    indices = _indices(method, steps, X.shape[0], batch_size, rng)
    history = np.full(steps // record_every + 1, np.nan)
    history[0] = compiled.cost(theta_init, X, Y)
    theta = theta_init.copy()
    start = time.perf_counter()
    bounds = np.linspace(0, steps, max(1, min(chunks, steps)) + 1).astype(np.int64)
    for first, last in itertools.pairwise(bounds):
        _run_chunk(compiled, theta, X, Y, eta, indices[first:last], record_every, int(first), history)
        if progress is not None:
            progress(int(last - first))
    seconds = time.perf_counter() - start
    final_cost = compiled.cost(theta, X, Y)
    if not math.isfinite(final_cost):
        raise DivergenceError(f"training diverged: the final cost is {final_cost} (try a smaller eta)")
    recorded = np.arange(0, steps + 1, record_every)
    return TrainingResult(
        theta0=theta_init,
        theta=theta,
        history=History(recorded, history, 2 * X.shape[0] * history),
        initial_cost=float(history[0]),
        final_cost=final_cost,
        method=method,
        steps=steps,
        eta=eta,
        batch_size=0 if method == "gd" else (1 if method == "sgd" else batch_size),
        backend=compiled.backend,
        seconds=seconds,
        n_points=X.shape[0],
    )


def _run_chunk(
    compiled: CompiledNetwork,
    theta: NDArray[np.float64],
    X: NDArray[np.float64],
    Y: NDArray[np.float64],
    eta: float,
    indices: NDArray[np.int64],
    record_every: int,
    first_step: int,
    history: NDArray[np.float64],
) -> None:
    """Run ``len(indices)`` steps in place; raise :class:`DivergenceError` on a non-finite cost."""
    try:
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            failed = compiled.descent(theta, X, Y, eta, indices, record_every, first_step, history)
    except (FloatingPointError, OverflowError, ValueError) as error:
        raise DivergenceError(
            f"training diverged in steps {first_step + 1}..{first_step + len(indices)}: {error} (try a smaller eta)"
        ) from None
    if failed >= 0:
        raise DivergenceError(f"training diverged at step {failed}: the cost is not finite (try a smaller eta)")
    if not np.all(np.isfinite(theta)):
        raise DivergenceError(
            f"training diverged by step {first_step + len(indices)}: a parameter is not finite (try a smaller eta)"
        )
