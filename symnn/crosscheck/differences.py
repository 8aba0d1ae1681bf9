r"""Central differences of the batch cost, in float64, shown beside the exact gradient.

.. math:: \frac{\partial C}{\partial \theta_i} \approx \frac{C(\theta + h e_i) - C(\theta - h e_i)}{2h}

with h = 2^{-17}, so θ ± h is exact in float64; the error h²/6·|C'''| + ε|C|/h is about 1e-11
for these networks. A step in W[l]_{jk} moves only z[l]_j, by h·a[l−1]_k, so all the steps of
one layer are run through the layers above it together, as the rows of one matrix: the cost
of all P differences is a few forward passes of P rows of width n_l, not P passes of the
whole network (784-30-10: 0.2 s instead of minutes).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp
from numpy.typing import NDArray

from symnn.crosscheck.sample import SamplePoint
from symnn.network import Network

__all__ = ["FD_STEP", "central_differences"]

Array = NDArray[np.float64]

#: Central-difference step: a power of two, so θ ± h is exact in float64.
FD_STEP = 2.0**-17
#: Rows run through the upper layers at once (bounds the memory to a few tens of MB).
_CHUNK = 4096


class _Forward:
    """The network's forward pass and point cost in NumPy, from its activation and loss objects."""

    def __init__(self, network: Network) -> None:
        self.network = network
        self.sigma = {}
        for layer in network.hidden_and_output:
            function = network.activations[layer].function
            (t,) = function.variables
            self.sigma[layer] = sp.lambdify(t, function.expr, "numpy")
        n = network.layers[-1]
        y, a = (sp.Matrix(sp.symbols(f"{stem}0:{n}")) for stem in ("y", "a"))
        self.loss: Callable[..., Array] = sp.lambdify([*y, *a], network.loss.value(y, a), "numpy")

    def activate(self, layer: int, Z: Array) -> Array:
        """a[l] for rows Z of z[l], shape (M, n_l)."""
        if layer == self.network.L and self.network.loss.softmax_output:
            E = np.exp(Z - Z.max(axis=1, keepdims=True))
            return E / E.sum(axis=1, keepdims=True)
        return np.broadcast_to(np.asarray(self.sigma[layer](Z), dtype=np.float64), Z.shape)

    def cost(self, y: Array, A: Array) -> Array:
        """The point cost of each row of a[L] against the target y, shape (M,)."""
        value = self.loss(*y, *A.T)
        return np.broadcast_to(np.asarray(value, dtype=np.float64), (A.shape[0],))

    def moved(
        self, layer: int, z: dict[int, Array], a: list[Array], unit: Array, step: Array, params: list, y: Array
    ) -> Array:
        """The cost when z[layer]_unit moves by step, one row per (unit, step).

        Below the output only a[layer]_unit changes, so z[layer+1] moves along column ``unit`` of
        W[layer+1]: rows of width n_{l+1}, not n_l (784-100-10: 10 columns instead of 100).
        """
        if layer == self.network.L:
            Z = np.repeat(z[layer][None, :], unit.size, axis=0)
            Z[np.arange(unit.size), unit] += step
            return self.above(layer, Z, params, y)
        shifted = z[layer][unit] + step
        change = self.activate(layer, shifted[:, None])[:, 0] - a[layer - 1][unit]
        W_next, _ = params[layer - 1]
        Z_next = z[layer + 1][None, :] + change[:, None] * W_next[:, unit].T
        return self.above(layer + 1, Z_next, params, y)

    def above(self, layer: int, Z: Array, params: list[tuple[Array, Array]], y: Array) -> Array:
        """The cost of each row when rows Z are z[layer]: the layers above, then the loss."""
        A = self.activate(layer, Z)
        for upper in range(layer + 1, self.network.L + 1):
            W, b = params[upper - 2]
            A = self.activate(upper, A @ W.T + b)
        return self.cost(y, A)


def central_differences(network: Network, point: SamplePoint, mean: bool = True) -> Array:
    """Central differences (step :data:`FD_STEP`) of the batch cost at ``point``, shape (P,)."""
    forward, params, h = _Forward(network), point.params(network), FD_STEP
    total = np.zeros(sum(W.size + b.size for W, b in params))
    with np.errstate(all="ignore"):
        for x, y in zip(point.X, point.Y, strict=True):
            a, z = [x], {}
            for layer, (W, b) in enumerate(params, start=2):
                z[layer] = W @ a[-1] + b
                a.append(forward.activate(layer, z[layer][None, :])[0])
            parts = []
            for layer, (W, _) in enumerate(params, start=2):
                n_l, n_prev = W.shape
                # Row m of `steps` is how far one parameter's step h moves z[layer]: W entries, then b.
                rows = np.arange(n_l * n_prev + n_l)
                unit = np.where(rows < n_l * n_prev, rows // max(n_prev, 1), rows - n_l * n_prev)
                size = np.where(rows < n_l * n_prev, h * a[layer - 2][rows % n_prev], h)
                out = np.empty(rows.size)
                for start in range(0, rows.size, _CHUNK):
                    part = slice(start, start + _CHUNK)
                    out[part] = (
                        forward.moved(layer, z, a, unit[part], size[part], params, y)
                        - forward.moved(layer, z, a, unit[part], -size[part], params, y)
                    ) / (2 * h)
                parts.append(out)
            total += np.concatenate(parts)
    return total / (point.batch if mean else 1)
