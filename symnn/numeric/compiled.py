"""The compiled element-wise network: ``CompiledNetwork`` and its gradient-descent loop."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import sympy as sp
from numpy.typing import ArrayLike, NDArray

from symnn.errors import SymnnError
from symnn.network import Network
from symnn.numeric.jit import NUMBA_PARAMETER_LIMIT, _load_numba_module, _numba, numba_module_source
from symnn.numeric.kernels import Kernels, _array_namespace, _execute, _scalar_namespace, kernel_source

__all__ = ["SCALAR_ROWS", "CompiledNetwork", "compile_elementwise", "numpy_descent"]

Array = NDArray[np.float64]

#: Up to this many rows, the NumPy backend's gradient runs the scalar kernel row by row:
#: NumPy's per-call overhead makes whole-column code slower on a handful of points.
SCALAR_ROWS = 8


# ---------------------------------------------------------------------------- compiled network
@dataclass(frozen=True)
class CompiledNetwork:
    r"""A network's exact program as numeric functions of a flat parameter vector θ.

    Attributes:
        network: the symbolic network it was generated from.
        backend: ``"numpy"`` or ``"numba"``.
        source: the generated Python source, readable: the kernels (``"numpy"``), or the
            whole module numba compiles: runtime helpers, the kernels and the loops (``"numba"``).
        point: kernels for one point (scalars; ``math`` or numba).
        batch: kernels for a batch: NumPy columns for ``"numpy"``, njit loops over rows for ``"numba"``.
        descent: the gradient-descent loop ``descent(theta, X, Y, eta, indices, record_every,
            first_step, history) -> int`` (see :func:`numpy_descent`); an njit loop for ``"numba"``.
        timings: seconds spent building the program and source (``"generate"``) and
            compiling (``"compile"``: exec, and the numba JIT for the numba backend).
        form: which program runs: ``"element-wise"`` (one line per neuron and weight, these
            kernels) or ``"matrix"`` (Lemma 1 over a batch, :class:`~symnn.numeric.batch.CompiledMatrix`).
        dtype: ``"float64"`` (the element-wise kernels' only type) or ``"float32"``.
        choice: one line saying why this form was chosen.
    """

    network: Network
    backend: str
    source: str
    point: Kernels
    batch: Kernels
    descent: Callable[..., int]
    timings: dict[str, float] = field(default_factory=dict, compare=False)
    form: str = "element-wise"
    dtype: str = "float64"
    choice: str = ""

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        """The parameter symbols, in the order of θ."""
        return self.network.parameters()

    @cached_property
    def n_parameters(self) -> int:
        """The length of θ."""
        return self.network.n_parameters

    @cached_property
    def _widths(self) -> tuple[int, int]:
        return self.network.layers[0], self.network.layers[-1]

    # ------------------------------------------------------------------ checks
    def _theta(self, theta: ArrayLike) -> Array:
        values = np.ascontiguousarray(theta, dtype=self.dtype)
        if values.shape != (self.n_parameters,):
            raise SymnnError(f"theta has shape {values.shape}; the network needs ({self.n_parameters},)")
        return values

    def _rows(self, values: ArrayLike, width: int, what: str) -> Array:
        rows = np.ascontiguousarray(values, dtype=self.dtype)  # no copy when already so
        if rows.ndim == 1 and width == 1:
            rows = rows.reshape(-1, 1)
        if rows.ndim != 2 or rows.shape[1] != width or rows.shape[0] == 0:
            raise SymnnError(f"{what} has shape {rows.shape}; expected (N, {width}) with N >= 1")
        return rows

    def _labels(self, Y: ArrayLike) -> ArrayLike:
        """Integer class labels 0..n_L−1, shape (N,), as one-hot rows (N, n_L); other Y unchanged."""
        values = np.asarray(Y)
        n_out = self._widths[1]
        if not (self.network.loss.labels and values.ndim == 1 and n_out > 1):
            return Y
        if values.dtype.kind not in "iu":
            raise SymnnError(f"class labels must be integers 0..{n_out - 1}, got values of type {values.dtype}")
        if values.size and (values.min() < 0 or values.max() >= n_out):
            bad = values[(values < 0) | (values >= n_out)][0]
            raise SymnnError(f"class label {bad} out of range: labels are integers 0..{n_out - 1}")
        return np.eye(n_out)[values]

    def _data(self, X: ArrayLike, Y: ArrayLike) -> tuple[Array, Array]:
        X = self._rows(X, self._widths[0], "X")
        Y = self._rows(self._labels(Y), self._widths[1], "Y")
        if X.shape[0] != Y.shape[0]:
            raise SymnnError(f"X has {X.shape[0]} rows but Y has {Y.shape[0]}")
        return X, Y

    # ------------------------------------------------------------------ functions
    def forward(self, theta: ArrayLike, X: ArrayLike) -> Array:
        """F(x) for each row of X.

        Args:
            theta: parameters, shape (P,), in ``network.parameters()`` order.
            X: inputs, shape (N, n_1).

        Returns:
            Outputs a[L], shape (N, n_L).
        """
        theta, X = self._theta(theta), self._rows(X, self._widths[0], "X")
        out = np.empty((X.shape[0], self._widths[1]))
        if self.backend == "numba":
            self.batch.forward(theta, X, out)
            return out
        columns = np.empty((self._widths[1], X.shape[0]))
        self.batch.forward(theta, X.T, columns)
        out[:] = columns.T
        return out

    def cost(self, theta: ArrayLike, X: ArrayLike, Y: ArrayLike) -> float:
        r"""The cost over the N rows, eq. (9): :math:`\frac1N\sum_i C(x^{\{i\}}, y^{\{i\}})`."""
        theta = self._theta(theta)
        X, Y = self._data(X, Y)
        if self.backend == "numba":
            return float(self.batch.cost(theta, X, Y)) * self._scale(X.shape[0])
        return float(self.batch.cost(theta, X.T, Y.T)) * self._scale(X.shape[0])

    def scaled_cost(self, theta: ArrayLike, X: ArrayLike, Y: ArrayLike) -> float:
        r"""What ``netbp.m`` prints: :math:`\sum_i \lVert y^{\{i\}} - F(x^{\{i\}})\rVert_2^2` = 2N × eq. (9).

        Defined for the quadratic cost only.
        """
        if self.network.loss.name != "quadratic":
            raise SymnnError("the scaled cost of netbp.m is defined for the quadratic cost only")
        X, Y = self._data(X, Y)
        return 2 * X.shape[0] * self.cost(theta, X, Y)

    def gradient(self, theta: ArrayLike, X: ArrayLike, Y: ArrayLike) -> Array:
        """∂(cost (9))/∂θ over the N rows, shape (P,), in ``network.parameters()`` order."""
        theta = self._theta(theta)
        X, Y = self._data(X, Y)
        grad = np.zeros(self.n_parameters)
        if self.backend == "numba":
            self.batch.gradient(theta, X, Y, grad)
        elif X.shape[0] <= SCALAR_ROWS:
            for x, y in zip(X, Y, strict=True):
                self.point.gradient(theta, x, y, grad)
        else:
            self.batch.gradient(theta, X.T, Y.T, grad)
        return grad * self._scale(X.shape[0])

    def _scale(self, N: int) -> float:
        """s_N of the batch cost s_N Σ C_i: 1/N (mean) or 1 (sum), :meth:`symnn.losses.Loss.batch_scale`."""
        return float(self.network.loss.batch_scale(N))

    def __repr__(self) -> str:
        name = type(self).__name__
        return f"{name}({self.network!r}, backend={self.backend!r}, form={self.form!r}, dtype={self.dtype!r})"


def numpy_descent(point: Kernels, batch: Kernels) -> Callable[..., int]:
    r"""The gradient-descent loop in Python over the generated kernels.

    Each step :math:`\theta \leftarrow \theta - \eta \frac{1}{b}\sum_{i \in \text{batch}} \nabla C_i(\theta)`,
    Higham & Higham (2019) eq. (11) (full batch) and Section 4 (stochastic gradient).

    The returned ``descent(theta, X, Y, eta, indices, record_every, first_step, history)``
    updates ``theta`` in place for ``len(indices)`` steps; row s of ``indices`` (shape
    (steps, b)) holds the points of step s, and b = 0 means all N points (full batch).
    After every step whose number (counted from ``first_step``) is a multiple of
    ``record_every`` it stores the cost (9) in ``history[step // record_every]``. It returns
    the first step at which that cost is not finite, or −1.
    """

    def descent(theta, X, Y, eta, indices, record_every, first_step, history):  # type: ignore[no-untyped-def]
        steps, size = indices.shape
        N = X.shape[0]
        grad = np.zeros(theta.size)
        columns_X, columns_Y = X.T, Y.T
        for s in range(steps):
            grad[:] = 0.0
            if size == 0:
                batch.gradient(theta, columns_X, columns_Y, grad)
                theta -= (eta / N) * grad
            elif size == 1:
                i = indices[s, 0]
                point.gradient(theta, X[i], Y[i], grad)
                theta -= eta * grad
            else:
                rows = indices[s]
                batch.gradient(theta, X[rows].T, Y[rows].T, grad)
                theta -= (eta / size) * grad
            step = first_step + s + 1
            if step % record_every == 0:
                total = float(batch.cost(theta, columns_X, columns_Y))
                history[step // record_every] = total / N
                if not math.isfinite(total):
                    return step
        return -1

    return descent


def _warm_up(compiled: CompiledNetwork) -> None:
    """Call the batch functions and the descent loop once, so the numba JIT compiles now (and is timed).

    The one-point kernels are compiled with them, as their callees; called from Python on
    their own, numba loads them from its cache on first use.
    """
    n_in, n_out = compiled.network.layers[0], compiled.network.layers[-1]
    theta, X, Y = np.zeros(compiled.n_parameters), np.zeros((1, n_in)), np.zeros((1, n_out))
    compiled.forward(theta, X)
    compiled.cost(theta, X, Y)
    compiled.gradient(theta, X, Y)
    compiled.descent(theta, X, Y, 0.0, np.zeros((0, 1), dtype=np.int64), 1, 0, np.zeros(1))


def compile_elementwise(network: Network, backend: str = "numpy") -> CompiledNetwork:
    """Compile ``network``'s exact program into numeric functions (``net.compile()``).

    Args:
        network: the symbolic network.
        backend: ``"numpy"`` (vectorised NumPy for batches, ``math`` for one point) or
            ``"numba"`` (the same source under ``numba.njit``; needs the ``jit`` extra).

    Returns:
        A :class:`CompiledNetwork`.

    Raises:
        SymnnError: for an unknown backend, or ``"numba"`` without numba installed or for
            more than :data:`NUMBA_PARAMETER_LIMIT` parameters.

    Examples:
        >>> net = Network([1, 1], activation="identity")
        >>> c = net.compile()
        >>> c.gradient([3.0, 0.0], [[2.0]], [[1.0]]).tolist()
        [10.0, 5.0]
    """
    if backend == "numba":
        _numba()
        n = len(network.parameters())
        if n > NUMBA_PARAMETER_LIMIT:
            raise SymnnError(
                f"the numba backend unrolls every neuron and would take many minutes to compile {n} parameters "
                f"(limit {NUMBA_PARAMETER_LIMIT}); use backend='numpy'"
            )
    start = time.perf_counter()
    source = kernel_source(network)
    generated = time.perf_counter()
    filename = f"<symnn kernels {network!r}>"
    if backend == "numba":
        source = numba_module_source(source)
        module = _load_numba_module(source)
        point = Kernels(module.forward_kernel, module.cost_kernel, module.gradient_kernel)
        batch = Kernels(module.batch_forward, module.batch_cost, module.batch_gradient)
        descent = module.descent
    else:
        point = _execute(source, _scalar_namespace(), filename)
        batch = _execute(source, _array_namespace(), filename)
        descent = numpy_descent(point, batch)
    timings = {"generate": generated - start}
    compiled = CompiledNetwork(network, backend, source, point, batch, descent, timings)
    _warm_up(compiled)
    timings["compile"] = time.perf_counter() - generated
    return compiled
