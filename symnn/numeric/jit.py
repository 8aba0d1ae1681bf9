"""The numba backend of the element-wise kernels: one generated module, cached on disk by its hash."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

from symnn.errors import SymnnError
from symnn.files import write_atomic

__all__ = ["NUMBA_PARAMETER_LIMIT", "cache_dir", "numba_available", "numba_module_source"]

#: The numba backend unrolls every neuron into straight-line code, and LLVM's compile time
#: grows faster than the program (measured on a loaded 2-core machine: 23 parameters 3 s,
#: 354 parameters 18 s, 4,482 not finished in 10 minutes). Above this, use ``"numpy"``.
NUMBA_PARAMETER_LIMIT = 1500

NUMBA_HINT = "install it with: pip install 'symnn[jit]' (or pip install numba)"


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
