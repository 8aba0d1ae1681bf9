r"""Reading what a user's backprop returns, in the formats people write, as symnn's blocks.

Accepted, for layers 2..L (``sizes`` = (n_1, ..., n_L)):

- Nielsen's ``(nabla_b, nabla_w)``: two lists, biases first (or ``(nabla_w, nabla_b)``);
- a list of ``(dW, db)`` pairs, one per layer;
- a dict keyed ``W1, b1, W2, ...`` or ``dW1, db1, ...`` (or ``W2, b2, ...``; numbering from
  1 counts weight layers, from 2 counts the book's layers);
- the flat vector of ``net.parameters()`` order: W2 row-major, b2, W3, ...;
- any of these holding NumPy, PyTorch or JAX arrays, in any float type;
- any of these after the loss, ``(loss, grads)`` (the cs231n style): the loss is set aside.

Each W comes back as (n_l, n_{l−1}) (the ``W @ x`` layout) or, with the ``rows`` layout
(``x @ W``), as (n_{l−1}, n_l); a bias as (n_l,), (n_l, 1) or (1, n_l). What does not fit
is not an error of symnn's: it is a wrong gradient, and the block says what was returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["Reading", "read_gradient"]

Array = NDArray[np.float64]


@dataclass
class Reading:
    """The user's gradient at one point, as symnn's blocks.

    Attributes:
        blocks: ``"W3"`` -> the block flattened row-major in symnn's (n_l, n_{l−1}) orientation;
            absent when the block could not be read (see ``problems``).
        problems: ``"b2"`` -> why the block could not be read (a wrong shape, not numbers).
        failure: why nothing could be read (an exception, None, the wrong structure), or None.
        dtype: the least precise float type among the returned arrays (``"float32"``).
        format: how the return value was read (``"Nielsen's (nabla_b, nabla_w)"``).
        transposed_shape: the W blocks returned with the other orientation's shape, and how
            to say it in the user's own layout (``"returned as 2 × 18 where W[3] is 18 × 2"``).
    """

    blocks: dict[str, Array] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    failure: str | None = None
    dtype: str = "float64"
    format: str = ""
    transposed_shape: dict[str, str] = field(default_factory=dict)


def _numbers(value: Any) -> tuple[Array | None, str | None, str]:
    """``value`` as a float64 array, with its own float type; or None and why not."""
    if value is None:
        return None, "None (a missing return?)", ""
    if hasattr(value, "detach"):  # a PyTorch tensor
        value = value.detach().cpu().numpy()
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError) as error:
        return None, f"not an array of real numbers ({type(error).__name__})", ""
    if raw.dtype == object or not (np.issubdtype(raw.dtype, np.number) or raw.dtype == bool):
        return None, f"not an array of real numbers: {type(value).__name__}", ""
    if np.iscomplexobj(raw):
        return None, "complex numbers", ""
    dtype = raw.dtype.name if np.issubdtype(raw.dtype, np.floating) else "float64"
    with np.errstate(all="ignore"):
        return raw.astype(np.float64), None, dtype


def _sequence(value: Any) -> bool:
    return isinstance(value, (list, tuple))


def _shape(value: Any) -> tuple[int, ...]:
    try:
        return tuple(np.shape(value.detach() if hasattr(value, "detach") else value))
    except (TypeError, ValueError):
        return ()


def _size(value: Any) -> int:
    return int(np.prod(_shape(value))) if _shape(value) or np.ndim(value) == 0 else 0


class _Reader:
    def __init__(self, sizes: tuple[int, ...], layout: str, batch: int) -> None:
        self.sizes, self.layout, self.batch = sizes, layout, batch
        self.layers = range(2, len(sizes) + 1)
        self.reading = Reading()
        self.dtypes: set[str] = set()

    def shape(self, layer: int) -> tuple[int, int]:
        return self.sizes[layer - 1], self.sizes[layer - 2]

    def _array(self, name: str, what: str, value: Any) -> Array | None:
        """The returned block as an array, its dtype noted; None, with the problem said, when it is not numbers."""
        array, why, dtype = _numbers(value)
        if array is None:
            self.reading.problems[name] = f"{what} is {why}"
            return None
        self.dtypes.add(dtype)
        return array

    def weight(self, layer: int, value: Any) -> None:
        name = f"W{layer}"
        array = self._array(name, f"∂C/∂W[{layer}]", value)
        if array is None:
            return
        canonical = self.shape(layer)
        expected = canonical[::-1] if self.layout == "rows" else canonical
        if array.shape == expected:
            self.reading.blocks[name] = (array.T if self.layout == "rows" else array).ravel()
        elif array.shape == expected[::-1] and expected[0] != expected[1]:
            rows, cols = expected
            self.reading.transposed_shape[name] = f"returned as {cols} × {rows} where W[{layer}] is {rows} × {cols}"
            self.reading.blocks[name] = (array.T if self.layout == "rows" else array).ravel()
        else:
            rows, cols = expected
            self.reading.problems[name] = (
                f"∂C/∂W[{layer}] returned with shape {array.shape}, where W[{layer}] is {rows} × {cols}"
            )

    def bias(self, layer: int, value: Any) -> None:
        name = f"b{layer}"
        array = self._array(name, f"∂C/∂b[{layer}]", value)
        if array is None:
            return
        n = self.sizes[layer - 1]
        if array.size == n and (array.ndim <= 1 or (array.ndim == 2 and 1 in array.shape)) and array.ndim > 0:
            self.reading.blocks[name] = array.ravel()
            return
        entries = "1 entry" if n == 1 else f"{n} entries"
        text = f"∂C/∂b[{layer}] returned with shape {array.shape}, where b[{layer}] has {entries}"
        if self.batch > 1 and array.ndim >= 1 and array.size == self.batch:
            text += f": one per point of the batch of {self.batch}, summed over the units instead of over the batch"
        elif self.batch > 1 and array.size == n * self.batch:
            text += f": one per point and unit, not summed over the batch of {self.batch}"
        elif array.ndim == 0:
            text += ": a single number (summed over every axis?)"
        self.reading.problems[name] = text

    def done(self, format_: str) -> Reading:
        order = ["float16", "bfloat16", "float32", "float64", "float128", "longdouble"]
        known = [d for d in order if d in self.dtypes]
        self.reading.dtype = known[0] if known else "float64"
        self.reading.format = format_
        return self.reading

    # ------------------------------------------------------------------ the formats
    def pairs(self, returned: Any) -> Reading:
        for layer, (dW, db) in zip(self.layers, returned, strict=True):
            self.weight(layer, dW)
            self.bias(layer, db)
        return self.done("a list of (dW, db) pairs")

    def nielsen(self, biases: Any, weights: Any, text: str) -> Reading:
        for layer, db, dW in zip(self.layers, biases, weights, strict=True):
            self.weight(layer, dW)
            self.bias(layer, db)
        return self.done(text)

    def mapping(self, returned: dict[Any, Any]) -> Reading | None:
        found: dict[tuple[str, int], Any] = {}
        for key, value in returned.items():
            match = re.fullmatch(r"(?:d_?|grad_?|grad)?([wb])_?(\d+)", str(key), flags=re.IGNORECASE)
            if not match:
                return None
            found[(match.group(1).upper(), int(match.group(2)))] = value
        numbers = sorted({number for _, number in found})
        first = numbers[0] if numbers else 1
        shift = 2 - first if first in (0, 1, 2) else 0
        for layer in self.layers:
            number = layer - shift
            for kind, read in (("W", self.weight), ("B", self.bias)):
                if (kind, number) not in found:
                    self.reading.problems[f"{kind[0].replace('B', 'b')}{layer}"] = (
                        f"no key {kind.replace('B', 'b')}{number} (or d{kind.replace('B', 'b')}{number}) "
                        "in the returned dict"
                    )
                else:
                    read(layer, found[(kind, number)])
        return self.done(f"a dict keyed W{first}, b{first}, ...")

    def flat(self, returned: Any) -> Reading:
        array, why, dtype = _numbers(returned)
        total = sum(m * n + m for n, m in pairwise(self.sizes))
        if array is None:
            self.reading.failure = f"returned {why}"
            return self.done("")
        if array.size != total or array.ndim > 2 or (array.ndim == 2 and 1 not in array.shape):
            pairs = len(self.sizes) - 1
            self.reading.failure = (
                f"returned an array of shape {array.shape}; expected a list of {pairs} (dW, db) pairs for "
                f"layers 2..{len(self.sizes)}, Nielsen's (nabla_b, nabla_w), a dict W1, b1, ..., or a flat "
                f"vector of {total} numbers in net.parameters() order"
            )
            return self.done("")
        self.dtypes.add(dtype)
        flat, start = array.ravel(), 0
        for layer in self.layers:
            rows, cols = self.shape(layer)
            self.reading.blocks[f"W{layer}"] = flat[start : start + rows * cols]
            start += rows * cols
            self.reading.blocks[f"b{layer}"] = flat[start : start + rows]
            start += rows
        return self.done("a flat vector in net.parameters() order")

    def fit(self, candidate: list[tuple[Any, Any]]) -> int:
        """How many entries of (dW, db) per layer have the right number of numbers."""
        score = 0
        for layer, (dW, db) in zip(self.layers, candidate, strict=True):
            rows, cols = self.shape(layer)
            score += (_size(dW) == rows * cols) + (_size(db) == rows)
        return score


def _is_number(value: Any) -> bool:
    """A single number (a Python float, a NumPy scalar, a 0-d array or tensor): a loss, not a gradient."""
    if isinstance(value, (bool, list, tuple, dict, str)):
        return False
    if isinstance(value, (int, float, np.number)):
        return True
    return hasattr(value, "dtype") and hasattr(value, "shape") and tuple(value.shape) == ()


def _reversed(reader: _Reader, returned: Any) -> bool:
    """Whether the pairs fit only when read from layer L down to 2."""
    forward = [tuple(p) for p in returned]
    return reader.fit(forward) < 2 * len(forward) and reader.fit(forward[::-1]) == 2 * len(forward)


def read_gradient(returned: Any, sizes: tuple[int, ...], layout: str = "vector", batch: int = 1) -> Reading:
    """Read a user's gradient at one point into symnn's blocks (see the module docstring).

    Examples:
        >>> import numpy as np
        >>> nabla_b, nabla_w = [np.zeros((2, 1))], [np.ones((2, 3))]
        >>> r = read_gradient((nabla_b, nabla_w), (3, 2))
        >>> r.format, r.blocks["W2"].shape, r.blocks["b2"].shape
        ("Nielsen's (nabla_b, nabla_w)", (6,), (2,))
    """
    if (
        isinstance(returned, (list, tuple))
        and len(returned) == 2
        and _is_number(returned[0])
        and isinstance(returned[1], (dict, list, tuple))
    ):
        inner = read_gradient(returned[1], sizes, layout, batch)
        inner.format = f"(loss, grads), grads as {inner.format}" if inner.format else ""
        return inner
    reader = _Reader(tuple(sizes), layout, batch)
    pairs = len(sizes) - 1
    if isinstance(returned, dict):
        mapped = reader.mapping(returned)
        if mapped is not None:
            return mapped
        keys = ", ".join(map(str, list(returned)[:6]))
        return Reading(failure=f"returned a dict with keys {keys}; symnn reads W1, b1, ... or dW1, db1, ...")
    if _sequence(returned) and returned and all(_sequence(item) for item in returned):
        candidates: list[tuple[int, int, str, list[tuple[Any, Any]]]] = []
        if len(returned) == pairs and all(len(item) == 2 for item in returned):
            if pairs > 1 and _reversed(reader, returned):
                return Reading(
                    failure=f"returned the layers in reverse order ({len(sizes)}..2); "
                    f"symnn expects layers 2..{len(sizes)}"
                )
            order = 1 if isinstance(returned, list) else 0
            candidates.append((reader.fit([tuple(p) for p in returned]), order, "pairs", [tuple(p) for p in returned]))
        if len(returned) == 2 and all(len(item) == pairs for item in returned):
            order = 1 if isinstance(returned, tuple) else 0
            b_first = list(zip(returned[1], returned[0], strict=True))
            w_first = list(zip(returned[0], returned[1], strict=True))
            candidates.append((reader.fit(b_first), order, "nielsen", b_first))
            candidates.append((reader.fit(w_first), -1, "w-first", w_first))
        if candidates:
            _, _, kind, chosen = max(candidates, key=lambda c: (c[0], c[1]))
            if kind == "pairs":
                return reader.pairs(chosen)
            if kind == "nielsen":
                return reader.nielsen(
                    [db for _, db in chosen], [dW for dW, _ in chosen], "Nielsen's (nabla_b, nabla_w)"
                )
            return reader.nielsen([db for _, db in chosen], [dW for dW, _ in chosen], "(nabla_w, nabla_b)")
        if all(len(item) == 2 for item in returned):
            return Reading(
                failure=f"returned {len(returned)} (dW, db) pairs; the network has {pairs} (layers 2..{len(sizes)})"
            )
    if _sequence(returned) and len(returned) == 2 * pairs and pairs > 1 and np.ndim(returned[0]) == 2:
        if reader.fit(list(zip(returned[::2], returned[1::2], strict=True))) == 2 * pairs:
            return reader.nielsen(returned[1::2], returned[::2], "alternating dW2, db2, dW3, ...")
        return Reading(
            failure=f"returned {len(returned)} separate arrays; "
            f"pair them as [(dW2, db2), ..., (dW{len(sizes)}, db{len(sizes)})]"
        )
    return reader.flat(returned)
