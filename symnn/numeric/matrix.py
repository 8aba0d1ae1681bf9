r"""The matrix program compiled through SymPy's printers: NumPy, JAX and PyTorch.

:func:`lambdify` prints the program of :mod:`symnn.matrix.program` with SymPy's own
``NumPyPrinter``, ``JaxPrinter`` or ``TorchPrinter``, extended by a mixin with one small
``_print_<Class>`` method per node symnn adds (``Elementwise``, ``Softmax``, ``EntrySum``)
and a ``MatMul`` rule that prints products with the all-ones matrix as sums and
broadcasts (:math:`b 1^T` as ``b``, :math:`\Delta 1` as a row sum). The program's own
named steps are handed to lambdify as its common subexpressions, so the function reads
as the lemma, a few lines per layer (``CompiledMatrix.source``)::

    def gradient(W_2, b_2, W_3, b_3, A_1, Y, N):
        Z_2 = W_2 @ A_1 + b_2
        A_2 = sigmoid(Z_2)
        ...
        Delta_2 = A_2*(1 - A_2) * (W_3.T @ Delta_3)
        grad_W_2 = (1/N)*(Delta_2 @ A_1.T)
        ...
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import sympy as sp
from sympy.printing.numpy import JaxPrinter, NumPyPrinter

from symnn.errors import SymnnError
from symnn.matrix.nodes import Elementwise, EntrySum, Softmax
from symnn.matrix.program import MatrixProgram
from symnn.numeric.forms import safe_forms, sigmoid, softplus

__all__ = ["MATRIX_BACKENDS", "Functions", "lambdify_program", "printer_for"]

#: The backends the matrix program is printed for, and the module each needs.
MATRIX_BACKENDS = {"numpy": "numpy", "jax": "jax", "torch": "torch"}


class _MatrixPrinting:
    """``_print_<Class>`` methods for symnn's matrix nodes, shared by the three printers.

    Subclasses set ``_names``: the module's spelling of sum, softmax, sigmoid, softplus,
    where and asarray (each a format string).
    """

    _names: ClassVar[dict[str, str]]

    def _fmt(self, key: str, *args: str) -> str:
        return self._names[key].format(*args)

    def _print_Elementwise(self, expr: Elementwise) -> str:
        bound = {p: sp.Symbol(str(m)) for p, m in zip(expr.placeholders, expr.matrices, strict=True)}
        scalar = safe_forms(expr.expr).xreplace(bound)
        text = self._print(scalar)  # type: ignore[attr-defined]
        if scalar.has(sp.Piecewise) or scalar.is_number:
            # where() of constants has the default float type, not the program's dtype
            text = self._fmt("asarray", text)
        return text

    def _print_Softmax(self, expr: Softmax) -> str:
        return self._fmt("softmax", self._print(expr.arg))  # type: ignore[attr-defined]

    def _print_EntrySum(self, expr: EntrySum) -> str:
        return self._fmt("sum", self._print(expr.arg))  # type: ignore[attr-defined]

    def _print_sigmoid(self, expr: sp.Expr) -> str:
        return self._fmt("sigmoid", self._print(expr.args[0]))  # type: ignore[attr-defined]

    def _print_softplus(self, expr: sp.Expr) -> str:
        return self._fmt("softplus", self._print(expr.args[0]))  # type: ignore[attr-defined]

    def _print_Piecewise(self, expr: sp.Piecewise) -> str:
        *pieces, (last, last_cond) = expr.args
        if last_cond != sp.true:
            raise SymnnError(f"cannot compile {expr}: a Piecewise needs a final 'True' branch")
        text = self._branch(last)
        for value, cond in reversed(pieces):
            text = self._fmt("where", self._print(cond), self._branch(value), text)  # type: ignore[attr-defined]
        return text

    def _branch(self, value: sp.Expr) -> str:
        text = self._print(value)  # type: ignore[attr-defined]
        return self._fmt("constant", text) if value.is_number else text

    def _print_Transpose(self, expr: sp.Transpose) -> str:
        return f"{self._operand(expr.arg)}.T"

    def _operand(self, expr: sp.Basic) -> str:
        text = self._print(expr)  # type: ignore[attr-defined]
        return text if isinstance(expr, sp.MatrixSymbol) else f"({text})"

    def _print_HadamardProduct(self, expr: sp.HadamardProduct) -> str:
        return " * ".join(self._operand(arg) for arg in expr.args)

    def _print_MatAdd(self, expr: sp.MatAdd) -> str:
        return " + ".join(self._print(arg) for arg in expr.args).replace("+ -", "- ")  # type: ignore[attr-defined]

    def _print_MatMul(self, expr: sp.MatMul) -> str:
        coefficient, factors = expr.as_coeff_matrices()
        ones = [isinstance(f, sp.OneMatrix) for f in factors]
        if len(factors) == 2 and ones[1] and factors[1].shape[0] == 1:
            text = self._print(factors[0])  # type: ignore[attr-defined]  # b 1ᵀ: broadcast b over the columns
        elif len(factors) == 2 and ones[1]:
            text = self._fmt("rowsum", self._print(factors[0]))  # type: ignore[attr-defined]  # Δ 1
        elif len(factors) == 2 and ones[0]:
            text = self._fmt("colsum", self._print(factors[1]))  # type: ignore[attr-defined]  # 1 1ᵀ Y
        else:
            text = " @ ".join(self._operand(f) for f in factors)
        if coefficient.is_Pow and coefficient.exp == -1:
            return f"({text})/{self._print(coefficient.base)}"  # type: ignore[attr-defined]
        if coefficient == -1:
            return f"-{text}" if " " not in text else f"-({text})"
        if coefficient != 1:
            return f"({self._print(coefficient)})*({text})"  # type: ignore[attr-defined]
        return text


_NUMPY_NAMES = {
    "sum": "numpy.sum({})",
    "rowsum": "numpy.sum({}, axis=1, keepdims=True)",
    "colsum": "numpy.sum({}, axis=0, keepdims=True)",
    "softmax": "_softmax({})",
    "sigmoid": "_sigmoid({})",
    "softplus": "numpy.logaddexp(0, {})",
    "where": "numpy.where({}, {}, {})",
    "asarray": "numpy.asarray({}, dtype=DTYPE)",
    "constant": "{}",
}


class SymnnNumPyPrinter(_MatrixPrinting, NumPyPrinter):  # type: ignore[misc]
    """SymPy's NumPy printer, with symnn's matrix nodes."""

    _names: ClassVar[dict[str, str]] = _NUMPY_NAMES


class SymnnJaxPrinter(_MatrixPrinting, JaxPrinter):  # type: ignore[misc]
    """SymPy's JAX printer, with symnn's matrix nodes."""

    _names: ClassVar[dict[str, str]] = {
        **{k: v.replace("numpy.", "jax.numpy.") for k, v in _NUMPY_NAMES.items()},
        "softmax": "jax.nn.softmax({}, axis=0)",
        "sigmoid": "jax.nn.sigmoid({})",
    }


def _torch_printer() -> type:
    from sympy.printing.pytorch import TorchPrinter

    class SymnnTorchPrinter(_MatrixPrinting, TorchPrinter):  # type: ignore[misc]
        """SymPy's PyTorch printer, with symnn's matrix nodes."""

        _names: ClassVar[dict[str, str]] = {
            "sum": "torch.sum({})",
            "rowsum": "torch.sum({}, dim=1, keepdim=True)",
            "colsum": "torch.sum({}, dim=0, keepdim=True)",
            "softmax": "torch.softmax({}, dim=0)",
            "sigmoid": "torch.sigmoid({})",
            "softplus": "torch.logaddexp({0}, torch.zeros_like({0}))",
            "where": "torch.where({}, {}, {})",
            "asarray": "torch.as_tensor({}, dtype=DTYPE)",
            "constant": "torch.tensor({}, dtype=DTYPE)",
        }

        def _print_Pow(self, expr: sp.Pow) -> str:
            if expr.exp == 2:
                return f"{self._operand(expr.base)}**2"
            return str(super()._print_Pow(expr))

    return SymnnTorchPrinter


def printer_for(backend: str) -> Any:
    """A printer instance for ``"numpy"``, ``"jax"`` or ``"torch"``."""
    settings = {"fully_qualified_modules": True, "inline": True, "allow_unknown_functions": True}
    if backend == "numpy":
        return SymnnNumPyPrinter(settings)
    if backend == "jax":
        return SymnnJaxPrinter(settings)
    if backend == "torch":
        return _torch_printer()(settings)
    raise SymnnError(f"no matrix printer for backend {backend!r}; known: {', '.join(MATRIX_BACKENDS)}")


_ = (sigmoid, softplus)  # the printed names of these forms are the _print_sigmoid/_print_softplus methods


class Functions:
    """The three lambdified functions of one program and their source.

    Attributes:
        forward: ``forward(W_2, b_2, ..., A_1) -> A_L``.
        cost: ``cost(W_2, b_2, ..., A_1, Y, N) -> C``.
        gradient: ``gradient(W_2, b_2, ..., A_1, Y, N) -> (C, grad_W_2, grad_b_2, ...)``.
        source: the printed source of the three.
    """

    def __init__(
        self, forward: Callable[..., Any], cost: Callable[..., Any], gradient: Callable[..., Any], source: str
    ):
        self.forward, self.cost, self.gradient, self.source = forward, cost, gradient, source


def _lambdify(
    name: str,
    args: list[sp.Basic],
    steps: list[tuple[sp.Basic, sp.Basic]],
    outputs: list[sp.Basic],
    backend: str,
    namespace: dict[str, Any],
) -> tuple[Callable[..., Any], str]:
    def named_steps(expr: object) -> tuple[list[tuple[sp.Basic, sp.Basic]], object]:
        return steps, expr  # the program's own steps are the common subexpressions

    result: object = outputs[0] if len(outputs) == 1 else tuple(outputs)
    function = sp.lambdify(args, result, modules=[namespace, backend], printer=printer_for(backend), cse=named_steps)
    source = function.__doc__ or ""
    text = _source_of(function).replace("def _lambdifygenerated(", f"def {name}(")
    return function, text or source


def _source_of(function: Callable[..., Any]) -> str:
    import inspect

    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def lambdify_program(program: MatrixProgram, backend: str, namespace: dict[str, Any]) -> Functions:
    """Print ``program`` for ``backend`` and execute it in ``namespace`` (helpers, DTYPE)."""
    N = sp.Symbol("N")
    steps = [(name, value.xreplace({program.N: N})) for name, value in program.steps]
    forward = [s for s in steps if str(s[0]).startswith(("Z_", "A_"))]
    cost = [*forward, steps[len(forward)]]
    params = list(program.parameters)
    output = program.forward[-1][0]
    f, f_src = _lambdify("forward", [*params, program.X], forward, [output], backend, namespace)
    c, c_src = _lambdify("cost", [*params, program.X, program.Y, N], cost, [cost[-1][0]], backend, namespace)
    g_out = [program.cost[0], *[name for name, _ in program.gradients]]
    g, g_src = _lambdify("gradient", [*params, program.X, program.Y, N], steps, g_out, backend, namespace)
    return Functions(f, c, g, "\n\n".join([f_src, c_src, g_src]))
