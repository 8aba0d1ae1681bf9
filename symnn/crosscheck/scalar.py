r"""A scalar-autograd network in the style of karpathy's micrograd: ``MLP(nin, nouts)`` of ``Value`` objects.

symnn builds the class from the sizes (``MLP(n_1, [n_2, ..., n_L])``), sets ``p.data`` of each
object that ``parameters()`` lists, runs each point of the batch through ``model(x)``, builds
the ``--cost`` from the outputs with the objects' own arithmetic (``+ - * **``), calls
``loss.backward()`` and reads each ``p.grad``. ``parameters()`` is read in micrograd's order:
layer by layer, each neuron's weights w_j1, ..., w_jn and then its bias b_j.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np

from symnn.crosscheck.formats import Reading, read_gradient
from symnn.errors import SymnnError

__all__ = ["is_scalar_autograd", "subject"]


def is_scalar_autograd(instance: Any) -> bool:
    """An object with ``parameters()`` listing scalars that have ``.data`` and ``.grad``."""
    listing = getattr(instance, "parameters", None)
    if not callable(listing) or not callable(instance):
        return False
    try:
        found = list(listing())
    except Exception:  # not this protocol
        return False
    return bool(found) and all(hasattr(p, "data") and hasattr(p, "grad") and np.ndim(p.data) == 0 for p in found)


def _cost(name: str, outputs: list[Any], y: Any) -> Any:
    squares = [(o - float(t)) * (o - float(t)) for o, t in zip(outputs, y, strict=True)]
    total = squares[0]
    for term in squares[1:]:
        total = total + term
    if name == "quadratic":
        return total * 0.5
    if name == "sum-of-squares":
        return total
    if name == "mse":
        return total * (1.0 / len(outputs))
    raise SymnnError(f"a scalar-autograd model is checked with --cost quadratic, sum-of-squares or mse, not {name}")


def subject(instance: Any, job: Any, label: str) -> Any:
    """The model as a :class:`symnn.crosscheck.subjects.Subject`."""
    from symnn.crosscheck.subjects import Subject

    parameters = list(instance.parameters())
    total = sum(m * n + m for n, m in pairwise(job.sizes))
    if len(parameters) != total:
        raise SymnnError(f"{label}: parameters() lists {len(parameters)} numbers; --layers needs {total}")
    # parameters() order -> symnn's flat order (W row-major, then b, layer by layer).
    order: list[int] = []
    start = 0
    for n_prev, n_l in pairwise(job.sizes):
        weights = [start + j * (n_prev + 1) + k for j in range(n_l) for k in range(n_prev)]
        biases = [start + j * (n_prev + 1) + n_prev for j in range(n_l)]
        order += weights + biases
        start += n_l * (n_prev + 1)

    def call(params: list[tuple[Any, Any]], X: Any, Y: Any, labels: Any) -> Reading:
        flat = np.concatenate([np.concatenate([W.ravel(), b]) for W, b in params])
        for position, index in enumerate(order):
            parameters[index].data = float(flat[position])
            parameters[index].grad = 0
        loss = None
        for x, y in zip(X, Y, strict=True):
            out = instance([float(v) for v in x])
            outputs = out if isinstance(out, (list, tuple)) else [out]
            point = _cost(job.cost, list(outputs), y)
            loss = point if loss is None else loss + point
        assert loss is not None
        if job.mean:
            loss = loss * (1.0 / len(X))
        loss.backward()
        grads = np.array([float(parameters[index].grad) for index in order])
        reading = read_gradient(grads, job.sizes)
        reading.format = "p.grad after loss.backward(), in micrograd's parameters() order"
        return reading

    return Subject(call, f"scalar-autograd {type(instance).__name__} (micrograd style)", "vector: one point at a time")
