r"""The compiled matrix program: ``net.compile(backend, dtype)`` for wide networks, NumPy, JAX or PyTorch.

θ is unpacked into views W[l] (n_l × n_{l−1}, row-major) and b[l] (n_l × 1) in
``network.parameters()`` order; X (N × n_1) enters the program as its transpose A[1],
one column per point; the gradient comes back flat in the same order. For JAX the whole
step (unpacking, program, flattening) is one ``jax.jit`` function.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp
from numpy.typing import ArrayLike, NDArray

from symnn.errors import SymnnError
from symnn.network import Network
from symnn.numeric.compiled import CompiledNetwork
from symnn.numeric.kernels import Kernels
from symnn.numeric.matrix import MATRIX_BACKENDS, Functions, lambdify_program

__all__ = ["DTYPES", "CompiledMatrix", "compile_matrix"]

#: The floating-point types a program is compiled for.
DTYPES = ("float64", "float32")

Array = NDArray[Any]


def _numpy_sigmoid(z: Array) -> Array:
    # e^{-|z|} never overflows; σ(z) = 1/(1+e^{-z}) for z >= 0 and e^{z}/(1+e^{z}) for z < 0.
    e = np.exp(-np.abs(z))
    r = 1.0 / (1.0 + e)
    return np.where(z >= 0, r, e * r)


def _numpy_softmax(z: Array) -> Array:
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def _module(backend: str) -> Any:
    import importlib

    try:
        return importlib.import_module(MATRIX_BACKENDS[backend])
    except ImportError:
        raise SymnnError(
            f"the {backend} backend needs {MATRIX_BACKENDS[backend]}, which is not installed; "
            f"install it with: pip install {MATRIX_BACKENDS[backend]}"
        ) from None


def _namespace(backend: str, dtype: str) -> tuple[dict[str, Any], Any]:
    module = _module(backend)
    if backend == "numpy":
        return {"_sigmoid": _numpy_sigmoid, "_softmax": _numpy_softmax, "DTYPE": getattr(np, dtype)}, module
    if backend == "jax":
        import jax

        if dtype == "float64":
            jax.config.update("jax_enable_x64", True)
        return {"jax": jax, "DTYPE": getattr(jax.numpy, dtype)}, module
    return {"torch": module, "DTYPE": getattr(module, dtype)}, module


def _blocks(network: Network) -> list[tuple[int, int, int]]:
    """(offset, rows, cols) of each W[l] and b[l] (cols = 1) in θ."""
    blocks, at = [], 0
    for layer in network.stack:
        blocks.append((at, layer.n_out, layer.n_in))
        at += layer.n_out * layer.n_in
        blocks.append((at, layer.n_out, 1))
        at += layer.n_out
    return blocks


def _flat_functions(
    functions: Functions, network: Network, backend: str, module: Any
) -> tuple[Callable[..., Any], ...]:
    """forward(θ, A_1), cost(θ, A_1, Y) and value_and_gradient(θ, A_1, Y) -> (C, flat gradient)."""
    blocks = _blocks(network)

    def unpack(theta: Any) -> list[Any]:
        return [theta[at : at + rows * cols].reshape(rows, cols) for at, rows, cols in blocks]

    concat: Any = {"numpy": np.concatenate, "jax": getattr(module, "numpy", None), "torch": module}[backend]
    concat = concat.cat if backend == "torch" else (concat.concatenate if backend == "jax" else concat)

    def forward(theta: Any, A: Any) -> Any:
        return functions.forward(*unpack(theta), A)

    def cost(theta: Any, A: Any, Y: Any) -> Any:
        return functions.cost(*unpack(theta), A, Y, A.shape[1])

    def value_and_gradient(theta: Any, A: Any, Y: Any) -> tuple[Any, Any]:
        C, *grads = functions.gradient(*unpack(theta), A, Y, A.shape[1])
        return C, concat([g.reshape(-1) for g in grads])

    def gradient(theta: Any, A: Any, Y: Any) -> Any:
        return value_and_gradient(theta, A, Y)[1]  # under jax.jit, XLA drops the unused cost

    if backend == "jax":
        import jax

        return jax.jit(forward), jax.jit(cost), jax.jit(value_and_gradient), jax.jit(gradient)
    return forward, cost, value_and_gradient, gradient


@dataclass(frozen=True)
class CompiledMatrix(CompiledNetwork):
    """A network's matrix program compiled for NumPy, JAX or PyTorch (``form == "matrix"``).

    The element-wise fields ``point`` and ``batch`` hold no kernels here; ``descent`` is a
    Python loop over the compiled gradient.
    """

    functions: Any = None
    module: Any = None

    @property
    def _np_dtype(self) -> Any:
        return np.dtype(self.dtype)

    def _to_backend(self, value: Array) -> Any:
        if self.backend == "torch":
            return self.module.from_numpy(np.ascontiguousarray(value, dtype=self._np_dtype))
        return np.asarray(value, dtype=self._np_dtype)  # jax.jit takes NumPy arrays as they are

    def _to_numpy(self, value: Any) -> Array:
        if self.backend == "torch":
            return value.detach().numpy()  # type: ignore[no-any-return]
        return np.asarray(value)

    def forward(self, theta: ArrayLike, X: ArrayLike) -> Array:
        """F(x) for each row of X, shape (N, n_L)."""
        theta, X = self._theta(theta), self._rows(X, self._widths[0], "X")
        out = self.functions[0](self._to_backend(theta), self._to_backend(X.T))
        return self._to_numpy(out).T

    def cost(self, theta: ArrayLike, X: ArrayLike, Y: ArrayLike) -> float:
        """The batch cost: (1/N) Σ C_i for a mean-reduced loss, Σ C_i for a summed one."""
        theta = self._theta(theta)
        X, Y = self._data(X, Y)
        return float(self.functions[1](self._to_backend(theta), self._to_backend(X.T), self._to_backend(Y.T)))

    def value_and_gradient(self, theta: ArrayLike, X: ArrayLike, Y: ArrayLike) -> tuple[float, Array]:
        """The batch cost and its gradient, shape (P,), in ``network.parameters()`` order."""
        theta = self._theta(theta)
        X, Y = self._data(X, Y)
        C, grad = self.functions[2](self._to_backend(theta), self._to_backend(X.T), self._to_backend(Y.T))
        return float(C), self._to_numpy(grad)

    def gradient(self, theta: ArrayLike, X: ArrayLike, Y: ArrayLike) -> Array:
        """∂(batch cost)/∂θ over the N rows, shape (P,), in ``network.parameters()`` order."""
        theta = self._theta(theta)
        X, Y = self._data(X, Y)
        grad = self.functions[3](self._to_backend(theta), self._to_backend(X.T), self._to_backend(Y.T))
        return self._to_numpy(grad)


def _matrix_descent(compiled: CompiledMatrix) -> Callable[..., int]:
    """``numpy_descent``'s loop over the compiled matrix gradient (same arguments and result)."""

    def descent(theta, X, Y, eta, indices, record_every, first_step, history):  # type: ignore[no-untyped-def]
        steps, size = indices.shape
        for s in range(steps):
            rows = indices[s] if size else slice(None)
            theta -= eta * compiled.gradient(theta, X[rows], Y[rows])
            step = first_step + s + 1
            if step % record_every == 0:
                history[step // record_every] = cost = compiled.cost(theta, X, Y)
                if not math.isfinite(cost):
                    return step
        return -1

    return descent


def compile_matrix(network: Network, backend: str = "numpy", dtype: str = "float64") -> CompiledMatrix:
    """Compile ``network``'s matrix program for ``backend`` (numpy, jax, torch) in ``dtype``."""
    if backend not in MATRIX_BACKENDS:
        raise SymnnError(f"unknown backend {backend!r} for the matrix program; known: {', '.join(MATRIX_BACKENDS)}")
    if dtype not in DTYPES:
        raise SymnnError(f"unknown dtype {dtype!r}; known: {', '.join(DTYPES)}")
    start = time.perf_counter()
    namespace, module = _namespace(backend, dtype)
    program = network.matrix_program()
    generated = time.perf_counter()
    functions = lambdify_program(program, backend, namespace)
    flat = _flat_functions(functions, network, backend, module)
    empty = Kernels(_absent, _absent, _absent)
    compiled = CompiledMatrix(
        network,
        backend,
        functions.source,
        empty,
        empty,
        _absent,
        {"generate": generated - start},
        form="matrix",
        dtype=dtype,
        functions=flat,
        module=module,
    )
    object.__setattr__(compiled, "descent", _matrix_descent(compiled))
    theta = np.zeros(compiled.n_parameters)
    compiled.gradient(theta, np.zeros((1, network.layers[0])), np.zeros((1, network.layers[-1])))  # warm up, JIT
    compiled.timings["compile"] = time.perf_counter() - generated
    return compiled


def _absent(*args: object) -> Any:
    raise SymnnError("the matrix form has no element-wise kernels; use forward, cost and gradient")


_ = sp  # sympy is imported for the types of the program only
