r"""The exact gradients compiled into fast numeric code: ``net.compile(backend, dtype)``.

Two program forms, chosen by size (``CompiledNetwork.form`` and ``.choice`` say which ran):

- ``"element-wise"`` (:mod:`symnn.numeric.kernels`): the straight-line program of
  :mod:`symnn.backprop`, one line per neuron and per weight, printed as Python kernels and
  run with NumPy columns, ``math`` scalars or under ``numba.njit`` (:mod:`symnn.numeric.jit`),
  whose whole SGD loop is compiled. It wins for small networks and one point per step
  (the Higham & Higham 2019 10⁶-step loop).
- ``"matrix"`` (:mod:`symnn.numeric.matrix`, :mod:`symnn.numeric.batch`): Lemma 1 over a
  batch, printed by SymPy's NumPy, JAX or PyTorch printer, a few lines per layer; its
  work is matrix products, so its cost does not grow with the program's length.

Conventions: the flat parameter vector θ is in ``network.parameters()`` order
(W[2] row-major, b[2], W[3], b[3], ...); X is N × n_1 and Y is N × n_L, one point per row
(or, for softmax cross-entropy, Y may be N integer class labels).
"""

from __future__ import annotations

from symnn.errors import SymnnError
from symnn.network import Network
from symnn.numeric.batch import DTYPES, CompiledMatrix, compile_matrix
from symnn.numeric.compiled import SCALAR_ROWS, CompiledNetwork, compile_elementwise, numpy_descent
from symnn.numeric.forms import safe_forms, sigmoid, softplus
from symnn.numeric.jit import NUMBA_PARAMETER_LIMIT, cache_dir, numba_available, numba_module_source
from symnn.numeric.kernels import COMPILABLE_FUNCTIONS, Assignments, KernelPrinter, Kernels, kernel_source

__all__ = [
    "BACKENDS",
    "COMPILABLE_FUNCTIONS",
    "DTYPES",
    "ELEMENTWISE_LIMIT",
    "FORMS",
    "NUMBA_PARAMETER_LIMIT",
    "SCALAR_ROWS",
    "Assignments",
    "CompiledMatrix",
    "CompiledNetwork",
    "KernelPrinter",
    "Kernels",
    "cache_dir",
    "compile_network",
    "kernel_source",
    "numba_available",
    "numba_module_source",
    "numpy_descent",
    "safe_forms",
    "sigmoid",
    "softplus",
]

#: The backends of :func:`compile_network`.
BACKENDS = ("numpy", "jax", "torch", "numba")

#: The program forms.
FORMS = ("element-wise", "matrix")

#: Up to this many parameters the NumPy backend runs the element-wise kernels by default
#: (fast per call on a handful of points); above it the matrix program.
ELEMENTWISE_LIMIT = 200


def _choose(network: Network, backend: str, dtype: str, form: str | None) -> tuple[str, str]:
    """The form to compile and one line saying why."""
    n = network.n_parameters
    if form is not None:
        if form not in FORMS:
            raise SymnnError(f"unknown program form {form!r}; known: {', '.join(FORMS)}")
        if form == "element-wise" and (backend in ("jax", "torch") or dtype != "float64"):
            raise SymnnError(f"the element-wise kernels run on numpy or numba in float64, not {backend} {dtype}")
        return form, f"{form} form, as asked"
    if backend in ("jax", "torch"):
        return "matrix", f"matrix form: the {backend} backend runs the matrix program"
    if dtype != "float64":
        return "matrix", f"matrix form: the element-wise kernels are float64 only, {dtype} asked"
    if backend == "numba":
        if n <= NUMBA_PARAMETER_LIMIT:
            return "element-wise", f"element-wise form under numba.njit ({n} parameters <= {NUMBA_PARAMETER_LIMIT})"
        return "matrix", (
            f"matrix form with NumPy's BLAS: {n} parameters > {NUMBA_PARAMETER_LIMIT}, past which numba's "
            "unrolled kernels take minutes to compile"
        )
    if n <= ELEMENTWISE_LIMIT:
        return "element-wise", f"element-wise form ({n} parameters <= {ELEMENTWISE_LIMIT})"
    return "matrix", f"matrix form ({n} parameters > {ELEMENTWISE_LIMIT})"


def compile_network(
    network: Network, backend: str = "numpy", dtype: str = "float64", form: str | None = None
) -> CompiledNetwork:
    """Compile ``network``'s exact program into numeric functions (``net.compile()``).

    Args:
        network: the symbolic network.
        backend: ``"numpy"``, ``"jax"``, ``"torch"`` or ``"numba"``.
        dtype: ``"float64"`` (default) or ``"float32"``.
        form: ``"element-wise"`` or ``"matrix"``; default: chosen by size (module docstring).

    Returns:
        A :class:`CompiledNetwork` (a :class:`CompiledMatrix` for the matrix form) whose
        ``form``, ``choice`` and ``source`` say which program runs.

    Raises:
        SymnnError: for an unknown backend, dtype or form, or a backend that is not installed.

    Examples:
        >>> net = Network([1, 1], activation="identity")
        >>> c = net.compile()
        >>> c.gradient([3.0, 0.0], [[2.0]], [[1.0]]).tolist(), c.form
        ([10.0, 5.0], 'element-wise')
    """
    if backend not in BACKENDS:
        raise SymnnError(f"unknown backend {backend!r}; known: {', '.join(BACKENDS)}")
    if dtype not in DTYPES:
        raise SymnnError(f"unknown dtype {dtype!r}; known: {', '.join(DTYPES)}")
    chosen, why = _choose(network, backend, dtype, form)
    if (backend == "numba" and chosen == "element-wise") or (backend == "numba" and not numba_available()):
        compiled = compile_elementwise(network, "numba")
    elif chosen == "element-wise":
        compiled = compile_elementwise(network, "numpy")
    else:
        compiled = compile_matrix(network, "numpy" if backend == "numba" else backend, dtype)
        if backend == "numba":
            object.__setattr__(compiled, "backend", "numba")
    object.__setattr__(compiled, "choice", why)
    return compiled
