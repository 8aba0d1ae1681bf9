r"""The exact gradients compiled into fast numeric code: ``net.compile()``.

The straight-line program of :mod:`symnn.backprop` (forward pass, then Lemma 1 of
Higham & Higham (2019), eqs. (22)–(25)) is printed as Python source, one assignment per
named intermediate, and executed in one of three namespaces:

- *array* (NumPy, vectorised): ``x_1`` is a column of N inputs, every line is a ufunc
  over the batch, and ``total`` sums a per-point gradient entry over the batch;
- *scalar* (``math``): one point at a time, for the NumPy backend's stochastic steps;
- *numba*: the same scalar code under ``numba.njit``, for the JIT backend and its
  whole training loop (:mod:`symnn.train`).

The generation is a pipeline of named stages::

    assignments(network)      the program: z[l], a[l], delta[l] and the gradient entries
      -> share_activations    sigma'(z[l]) written in the named a[l] (e.g. a(1 - a))
      -> safe_forms           1/(1 + exp(-u)) -> sigmoid(u), log(1 + exp(u)) -> softplus(u)
      -> kernel_source        readable Python source (``CompiledNetwork.source``)

The program is already in common-subexpression form: each z[l], a[l], δ[l] is named and
computed once, and ``share_activations`` reuses a[l] inside σ'(z[l]), so each exponential
is computed once per neuron. (A global ``sympy.cse`` would find little more, such as a
softmax's shared denominator, and would rename the book's intermediates ``x0, x1, ...``.)
``safe_forms`` makes the sigmoid and softplus overflow-free for any |z|.

The numba backend writes one module (runtime helpers, the kernels, the loops) to
:func:`cache_dir`, named by the hash of its source, so numba caches the machine code on
disk: the first compile of a network takes seconds, later ones load it.

Conventions: the flat parameter vector θ is in ``network.parameters()`` order
(W[2] row-major, b[2], W[3], b[3], ...); X is N × n_1 and Y is N × n_L, one point per row.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import sympy as sp
from numpy.typing import ArrayLike, NDArray
from sympy.printing.pycode import PythonCodePrinter

from symnn.errors import SymnnError
from symnn.network import Network
from symnn.report.tex import write_atomic

__all__ = [
    "BACKENDS",
    "CompiledNetwork",
    "Kernels",
    "compile_network",
    "kernel_source",
    "numba_available",
    "numpy_descent",
]

#: The backends of :func:`compile_network`.
BACKENDS = ("numpy", "numba")

#: The numba backend unrolls every neuron into straight-line code, and LLVM's compile time
#: grows faster than the program (measured on a loaded 2-core machine: 23 parameters 3 s,
#: 354 parameters 18 s, 4,482 not finished in 10 minutes). Above this, use ``"numpy"``.
NUMBA_PARAMETER_LIMIT = 1500

#: Up to this many rows, the NumPy backend's gradient runs the scalar kernel row by row:
#: NumPy's per-call overhead makes whole-column code slower on a handful of points.
SCALAR_ROWS = 8

Array = NDArray[np.float64]

NUMBA_HINT = "install it with: pip install 'symnn[jit]' (or pip install numba)"


# ---------------------------------------------------------------------------- safe forms
class sigmoid(sp.Function):  # lowercase: the printed name of the numeric function
    r"""The logistic function :math:`1/(1+e^{-u})`, evaluated without overflow."""


class softplus(sp.Function):
    r""":math:`\log(1+e^{u})`, evaluated without overflow."""


def _exp_argument(expr: sp.Expr) -> sp.Expr | None:
    """``u`` when ``expr`` is ``1 + exp(u)``, else None."""
    if expr.is_Add and len(expr.args) == 2 and sp.S.One in expr.args:
        (other,) = [arg for arg in expr.args if arg != sp.S.One]
        if isinstance(other, sp.exp):
            return other.args[0]
    return None


def safe_forms(expr: sp.Expr) -> sp.Expr:
    r"""Rewrite :math:`1/(1+e^{-u})` as ``sigmoid(u)`` and :math:`\log(1+e^{u})` as ``softplus(u)``.

    Both are equal as real functions; the rewritten forms are evaluated without overflow.

    Examples:
        >>> z = sp.Symbol("z")
        >>> safe_forms(1 / (1 + sp.exp(-z)) + sp.log(1 + sp.exp(z)))
        sigmoid(z) + softplus(z)
    """

    def is_logistic(e: sp.Basic) -> bool:
        return bool(e.is_Pow and e.exp == -1 and _exp_argument(e.base) is not None)

    def is_softplus(e: sp.Basic) -> bool:
        return isinstance(e, sp.log) and _exp_argument(e.args[0]) is not None

    def argument(e: sp.Expr) -> sp.Expr:
        u = _exp_argument(e)
        assert u is not None  # the query above matched only 1 + exp(u)
        return u

    expr = expr.replace(is_logistic, lambda e: sigmoid(-argument(e.base)))
    return expr.replace(is_softplus, lambda e: softplus(argument(e.args[0])))


# ---------------------------------------------------------------------------- the program
@dataclass(frozen=True)
class Assignments:
    """The program to print: named steps, the cost of one point, and the gradient entries.

    Attributes:
        forward: ``(name, value)`` for z[l], a[l], l = 2..L.
        backward: ``(name, value)`` for δ[L], ..., δ[2] (eqs. (22), (23)).
        output: the named a[L] column, n_L entries.
        point_cost: C of eq. (18) in the named a[L] and y.
        gradient: ∂C/∂θ in parameter order, each δ[l]_j a[l−1]_k or δ[l]_j (eqs. (24), (25)).
    """

    forward: tuple[tuple[sp.Symbol, sp.Expr], ...]
    backward: tuple[tuple[sp.Symbol, sp.Expr], ...]
    output: tuple[sp.Symbol, ...]
    point_cost: sp.Expr
    gradient: tuple[sp.Expr, ...]


def assignments(network: Network) -> Assignments:
    """The forward and backward programs of ``network`` at symbolic (x, y)."""
    bp = network.backprop()
    output = tuple(bp.forward.output)
    return Assignments(
        forward=bp.forward.program.steps,
        backward=bp.backward.steps,
        output=output,
        point_cost=network.loss.value(network.y, sp.Matrix(output)),
        gradient=tuple(bp.gradient()),
    )


def share_activations(network: Network, program: Assignments) -> Assignments:
    r"""Write σ'(z[l]) in the backward program through the named a[l] = σ(z[l]).

    For the sigmoid, :math:`\sigma'(z) = \sigma(z)(1-\sigma(z))` becomes ``a*(1 - a)``;
    for tanh, :math:`1 - \tanh^2 z` becomes ``1 - a**2``: the exponential is computed
    once per neuron, in the forward pass. The substitution is exact (a[l] is defined
    as σ(z[l])).
    """
    named = {}
    for layer in network.hidden_and_output:
        if layer == network.L and network.loss.softmax_output:
            continue
        for z, a in zip(network.z_symbols(layer), network.a_symbols(layer), strict=True):
            named[network.activations[layer](z)] = a
    backward = tuple((name, value.xreplace(named)) for name, value in program.backward)
    return Assignments(program.forward, backward, program.output, program.point_cost, program.gradient)


def safe_program(program: Assignments) -> Assignments:
    """Apply :func:`safe_forms` to every right-hand side."""
    return Assignments(
        tuple((name, safe_forms(value)) for name, value in program.forward),
        tuple((name, safe_forms(value)) for name, value in program.backward),
        program.output,
        safe_forms(program.point_cost),
        tuple(safe_forms(entry) for entry in program.gradient),
    )


# ---------------------------------------------------------------------------- printing
class KernelPrinter(PythonCodePrinter):
    """Python source for one right-hand side, calling bare names the namespaces provide.

    ``exp``, ``log``, ``tanh``, ... print bare (the namespace binds them to NumPy,
    ``math`` or numba versions); ``Piecewise`` prints as nested ``where(cond, a, b)``.
    """

    def __init__(self) -> None:
        super().__init__({"fully_qualified_modules": False, "standard": "python3"})

    def _print_sigmoid(self, expr: sp.Expr) -> str:
        return f"sigmoid({self._print(expr.args[0])})"

    def _print_softplus(self, expr: sp.Expr) -> str:
        return f"softplus({self._print(expr.args[0])})"

    def _print_Piecewise(self, expr: sp.Piecewise) -> str:
        *pieces, (last_value, last_cond) = expr.args
        if last_cond != sp.true:
            raise SymnnError(f"cannot compile {expr}: a Piecewise needs a final 'True' branch")
        text = self._print(last_value)
        for value, cond in reversed(pieces):
            text = f"where({self._print(cond)}, {self._print(value)}, {text})"
        return text


#: The SymPy functions the kernels can call; every namespace binds these names, and also
#: ``where`` (for Piecewise) and ``total`` (which sums a gradient entry over a batch).
COMPILABLE_FUNCTIONS = frozenset({"exp", "log", "tanh", "sigmoid", "softplus"})


def _check_functions(program: Assignments) -> None:
    """Raise :class:`SymnnError` if the program calls a function no namespace provides."""
    values = [v for _, v in program.forward + program.backward] + [program.point_cost, *program.gradient]
    called = {type(call).__name__ for value in values for call in value.atoms(sp.Function)}
    unknown = sorted(called - COMPILABLE_FUNCTIONS - {"Piecewise"})
    if unknown:
        raise SymnnError(
            f"cannot compile a network that calls {', '.join(unknown)}; "
            f"compiled code supports {', '.join(sorted(COMPILABLE_FUNCTIONS))} and Piecewise"
        )


def kernel_source(network: Network) -> str:
    r"""The generated Python source of the three kernels of ``network``.

    - ``forward_kernel(theta, x, out)``: ``out[j] = a[L]_j``;
    - ``cost_kernel(theta, x, y)``: C of eq. (18), summed over the batch by ``total``;
    - ``gradient_kernel(theta, x, y, grad)``: adds ∂C/∂θ (summed by ``total``) to ``grad``.

    ``x[k]`` and ``y[j]`` are numbers (one point) or columns over a batch.

    Examples:
        >>> print(kernel_source(Network([1, 1], activation="identity")).splitlines()[-1])
            grad[1] += total(delta_1__2)
    """
    program = safe_program(share_activations(network, assignments(network)))
    _check_functions(program)
    printer = KernelPrinter()
    params = network.parameters()
    unpack = [f"    {p} = theta[{i}]" for i, p in enumerate(params)]
    inputs = [f"    {x} = x[{k}]" for k, x in enumerate(network.x)]
    targets = [f"    {y} = y[{j}]" for j, y in enumerate(network.y)]
    forward = _print_steps(printer, program.forward, network)
    backward = [f"    {name} = {printer.doprint(value)}" for name, value in program.backward]
    outputs = [f"    out[{j}] = {a}" for j, a in enumerate(program.output)]
    grads = [f"    grad[{i}] += total({printer.doprint(entry)})" for i, entry in enumerate(program.gradient)]
    header = [
        f"# Generated by symnn from the exact program of {network!r}.",
        "# Higham & Higham (2019): forward pass z[l] = W[l] a[l-1] + b[l], a[l] = sigma(z[l]);",
        "# backward pass, Lemma 1: (22) output error, (23) delta recursion, (24)-(25) gradient.",
        f"# theta holds the {len(params)} parameters in network.parameters() order.",
    ]
    return "\n".join(
        [
            *header,
            "",
            "",
            "def forward_kernel(theta, x, out):",
            '    """F(x) = a[L] into out[0..n_L-1]."""',
            *unpack,
            *inputs,
            *forward,
            *outputs,
            "",
            "",
            "def cost_kernel(theta, x, y):",
            '    """C of eq. (18), summed over the points by total()."""',
            *unpack,
            *inputs,
            *targets,
            *forward,
            f"    return total({printer.doprint(program.point_cost)})",
            "",
            "",
            "def gradient_kernel(theta, x, y, grad):",
            '    """grad += dC/dtheta of eq. (18), summed over the points by total(); Lemma 1."""',
            *unpack,
            *inputs,
            *targets,
            *forward,
            "    # (22) output error, (23) backwards through the hidden layers",
            *backward,
            "    # (24) dC/db[l] = delta[l], (25) dC/dW[l] = delta[l] a[l-1]^T",
            *grads,
            "",
        ]
    )


def _print_steps(printer: KernelPrinter, steps: tuple[tuple[sp.Symbol, sp.Expr], ...], network: Network) -> list[str]:
    lines: list[str] = []
    first_of_layer = {str(network.z_symbols(layer)[0]): layer for layer in network.hidden_and_output}
    for name, value in steps:
        if str(name) in first_of_layer:
            lines.append(f"    # layer {first_of_layer[str(name)]}")
        lines.append(f"    {name} = {printer.doprint(value)}")
    return lines


# ---------------------------------------------------------------------------- namespaces
def _array_sigmoid(z: ArrayLike) -> Array:
    # e^{-|z|} never overflows; σ(z) = 1/(1+e^{-z}) for z >= 0 and e^{z}/(1+e^{z}) for z < 0.
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _array_softplus(z: ArrayLike) -> Array:
    # log(1 + e^z) = max(z, 0) + log1p(e^{-|z|})
    z = np.asarray(z, dtype=np.float64)
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def _scalar_sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _scalar_softplus(z: float) -> float:
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def _scalar_where(cond: bool, a: float, b: float) -> float:
    return a if cond else b


def _identity(value: float) -> float:
    return value


def _array_namespace() -> dict[str, Any]:
    return {
        "exp": np.exp,
        "log": np.log,
        "tanh": np.tanh,
        "sigmoid": _array_sigmoid,
        "softplus": _array_softplus,
        "where": np.where,
        "total": np.sum,
    }


def _scalar_namespace() -> dict[str, Any]:
    return {
        "exp": math.exp,
        "log": math.log,
        "tanh": math.tanh,
        "sigmoid": _scalar_sigmoid,
        "softplus": _scalar_softplus,
        "where": _scalar_where,
        "total": _identity,
    }


def numba_available() -> bool:
    """Whether the numba JIT backend can be used."""
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


def _numba() -> Any:
    try:
        import numba
    except ImportError:
        raise SymnnError(f"the numba backend needs numba, which is not installed; {NUMBA_HINT}") from None
    return numba


@dataclass(frozen=True)
class Kernels:
    """The three generated functions, executed in one namespace.

    Attributes:
        forward: ``forward_kernel(theta, x, out)``.
        cost: ``cost_kernel(theta, x, y) -> float``.
        gradient: ``gradient_kernel(theta, x, y, grad)`` (adds to ``grad``).
    """

    forward: Callable[..., Any]
    cost: Callable[..., Any]
    gradient: Callable[..., Any]


def _execute(source: str, namespace: dict[str, Any], filename: str) -> Kernels:
    """Run the generated (trusted, symnn-printed) source in ``namespace``."""
    code = compile(source, filename, "exec")
    exec(code, namespace)  # the source is symnn's own printer output, never user text
    return Kernels(namespace["forward_kernel"], namespace["cost_kernel"], namespace["gradient_kernel"])


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
    """

    network: Network
    backend: str
    source: str
    point: Kernels
    batch: Kernels
    descent: Callable[..., int]
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        """The parameter symbols, in the order of θ."""
        return self.network.parameters()

    @cached_property
    def n_parameters(self) -> int:
        """The length of θ."""
        return len(self.network.parameters())

    @cached_property
    def _widths(self) -> tuple[int, int]:
        return self.network.layers[0], self.network.layers[-1]

    # ------------------------------------------------------------------ checks
    def _theta(self, theta: ArrayLike) -> Array:
        values = np.ascontiguousarray(theta, dtype=np.float64)
        if values.shape != (self.n_parameters,):
            raise SymnnError(f"theta has shape {values.shape}; the network needs ({self.n_parameters},)")
        return values

    def _rows(self, values: ArrayLike, width: int, what: str) -> Array:
        rows = np.ascontiguousarray(values, dtype=np.float64)
        if rows.ndim == 1 and width == 1:
            rows = rows.reshape(-1, 1)
        if rows.ndim != 2 or rows.shape[1] != width or rows.shape[0] == 0:
            raise SymnnError(f"{what} has shape {rows.shape}; expected (N, {width}) with N >= 1")
        return rows

    def _data(self, X: ArrayLike, Y: ArrayLike) -> tuple[Array, Array]:
        X = self._rows(X, self._widths[0], "X")
        Y = self._rows(Y, self._widths[1], "Y")
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
            return float(self.batch.cost(theta, X, Y)) / X.shape[0]
        return float(self.batch.cost(theta, X.T, Y.T)) / X.shape[0]

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
        return grad / X.shape[0]

    def __repr__(self) -> str:
        return f"CompiledNetwork({self.network!r}, backend={self.backend!r})"


# The numba backend is one generated module: this runtime, the kernels, and the loops below,
# each function under @njit(cache=True). It is written to a file named by its hash, so numba
# can cache the machine code on disk and a second run loads it instead of compiling again.
NUMBA_RUNTIME = """\
import numpy as np
from numba import njit

exp, log, tanh = np.exp, np.log, np.tanh


@njit(cache=True)
def sigmoid(z):
    # e^{-|z|} never overflows
    if z >= 0:
        return 1.0 / (1.0 + np.exp(-z))
    e = np.exp(z)
    return e / (1.0 + e)


@njit(cache=True)
def softplus(z):
    return max(z, 0.0) + np.log1p(np.exp(-abs(z)))


@njit(cache=True)
def where(cond, a, b):
    return a if cond else b


@njit(cache=True)
def total(value):
    return value
"""

NUMBA_LOOPS = """\
@njit(cache=True)
def batch_forward(theta, X, out):
    for i in range(X.shape[0]):
        forward_kernel(theta, X[i], out[i])


@njit(cache=True)
def batch_cost(theta, X, Y):
    cost = 0.0
    for i in range(X.shape[0]):
        cost += cost_kernel(theta, X[i], Y[i])
    return cost


@njit(cache=True)
def batch_gradient(theta, X, Y, grad):
    for i in range(X.shape[0]):
        gradient_kernel(theta, X[i], Y[i], grad)


@njit(cache=True)
def descent(theta, X, Y, eta, indices, record_every, first_step, history):
    # numpy_descent, compiled: row s of indices holds the points of step s (none: full batch).
    steps, size = indices.shape
    N = X.shape[0]
    grad = np.zeros(theta.size)
    for s in range(steps):
        grad[:] = 0.0
        if size == 0:
            for i in range(N):
                gradient_kernel(theta, X[i], Y[i], grad)
            scale = eta / N
        else:
            for r in range(size):
                i = indices[s, r]
                gradient_kernel(theta, X[i], Y[i], grad)
            scale = eta / size
        for p in range(theta.size):
            theta[p] -= scale * grad[p]
        step = first_step + s + 1
        if step % record_every == 0:
            cost = 0.0
            for i in range(N):
                cost += cost_kernel(theta, X[i], Y[i])
            history[step // record_every] = cost / N
            if not np.isfinite(cost):
                return step
    return -1
"""


def numba_module_source(kernels: str) -> str:
    """The whole numba module: runtime helpers, the generated kernels, the loops."""
    decorated = kernels.replace("\ndef ", "\n@njit(cache=True)\ndef ")
    return "\n\n".join([NUMBA_RUNTIME, decorated, NUMBA_LOOPS])


def cache_dir() -> Path:
    """Where generated numba modules (and numba's machine-code cache) live.

    ``$SYMNN_CACHE_DIR``, else ``$XDG_CACHE_HOME/symnn``, else ``~/.cache/symnn``.
    """
    if os.environ.get("SYMNN_CACHE_DIR"):
        return Path(os.environ["SYMNN_CACHE_DIR"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "symnn"


def _load_numba_module(source: str) -> Any:
    """Write ``source`` to a file named by its hash (once) and import it."""
    _numba()
    digest = hashlib.sha256(source.encode()).hexdigest()[:20]
    name = f"symnn_kernels_{digest}"
    if name in sys.modules:
        return sys.modules[name]
    folder = cache_dir()
    path = folder / f"{name}.py"
    try:
        if not path.exists() or path.read_text(encoding="utf-8") != source:
            write_atomic(path, source)
    except OSError as error:
        raise SymnnError(f"cannot write the numba kernels to {folder}: {error}; set SYMNN_CACHE_DIR") from None
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # numba's cache re-imports the module by name when it loads
    spec.loader.exec_module(module)
    return module


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


def compile_network(network: Network, backend: str = "numpy") -> CompiledNetwork:
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
    if backend not in BACKENDS:
        raise SymnnError(f"unknown backend {backend!r}; known: {', '.join(BACKENDS)}")
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
