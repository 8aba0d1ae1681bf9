r"""The element-wise program printed as Python kernels: one line per neuron and per weight.

The generation is a pipeline of named stages::

    assignments(network)      the program: z[l], a[l], delta[l] and the gradient entries
      -> share_activations    sigma'(z[l]) written in the named a[l] (e.g. a(1 - a))
      -> safe_forms           1/(1 + exp(-u)) -> sigmoid(u), log(1 + exp(u)) -> softplus(u)
      -> kernel_source        readable Python source (``CompiledNetwork.source``)

The kernels run in one of three namespaces: *array* (NumPy columns over a batch),
*scalar* (``math``, one point) or numba (:mod:`symnn.numeric.jit`). These win for small
networks and one point at a time (the Higham SGD loop); the matrix program
(:mod:`symnn.numeric.matrix`) wins as soon as the layers are wide.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp
from numpy.typing import ArrayLike, NDArray
from sympy.printing.pycode import PythonCodePrinter

from symnn.errors import SymnnError
from symnn.network import Network
from symnn.numeric.forms import safe_forms

__all__ = ["COMPILABLE_FUNCTIONS", "Assignments", "KernelPrinter", "Kernels", "kernel_source"]

Array = NDArray[np.float64]


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
