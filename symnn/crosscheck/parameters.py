r"""Building a user's network class from the layer sizes, and setting its weights.

symnn builds the class as ``Network(sizes)`` (Nielsen), else ``Network(*sizes)``, else
``Network()``, and looks for its weights in this order — the small protocol a class can
follow if its layout is different:

1. a method ``set_parameters(params)``: symnn calls it with ``[(W2, b2), ..., (WL, bL)]``
   in the ``W @ x`` layout (W of (n_l, n_{l−1}), b of (n_l,)); with ``get_parameters()``
   returning the same, symnn can read the layout too;
2. lists ``weights`` and ``biases`` (Nielsen's ``network.py``; ``bias`` is read too);
3. a dict ``params`` keyed ``W1, b1, W2, b2, ...`` (the cs231n style);
4. attributes ``W1, b1, W2, b2, ...`` (or ``w1``; numbering from 1 or 2).

New arrays get the shape and float type of the ones the class created, so its code runs
as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from symnn.errors import SymnnError

__all__ = ["Holder", "build", "find"]


def build(owner: type, sizes: tuple[int, ...], label: str) -> Any:
    """``owner(sizes)``, ``owner(*sizes)`` or ``owner()``, the first that works."""
    attempts: list[tuple[tuple[Any, ...], str]] = [
        ((list(sizes),), "sizes"),
        (tuple(sizes), "*sizes"),
        ((sizes[0], list(sizes[1:])), "n_1, [n_2, ..., n_L]"),
        ((), ""),
    ]
    failure = ""
    for args, text in attempts:
        try:
            return owner(*args)
        except TypeError as error:
            failure = f"{owner.__name__}({text}) raised TypeError: {error}"
    raise SymnnError(f"{label}: cannot build the class from the layer sizes: {failure}")


@dataclass
class Holder:
    """Where a user's instance keeps its weights.

    Attributes:
        kind: how they were found (``"weights/biases lists"``).
        current: the instance's own arrays ``(weights, biases)``, layer 2 first.
        set: puts ``[(W, b), ...]`` (already in the instance's layout) in their place.
    """

    kind: str
    current: Callable[[], tuple[list[Any], list[Any]]]
    set: Callable[[list[tuple[Any, Any]]], None]


def _like(new: Any, old: Any) -> Any:
    """``new`` in the shape and float type of the user's own ``old`` array."""
    old_array = np.asarray(old)
    dtype = old_array.dtype if np.issubdtype(old_array.dtype, np.floating) else np.float64
    return (
        np.asarray(new, dtype=dtype).reshape(old_array.shape)
        if old_array.size == np.size(new)
        else np.asarray(new, dtype=dtype)
    )


def _numbered(names: list[str], count: int) -> dict[str, tuple[str, str]] | None:
    """Layer -> (weight name, bias name) from names like W1, b1 (or w2, b2)."""
    found: dict[tuple[str, int], str] = {}
    for name in names:
        match = re.fullmatch(r"([WwBb])_?(\d+)", name)
        if match:
            found[(match.group(1).upper(), int(match.group(2)))] = name
    for first in (1, 2, 0):
        wanted = [(("W", first + i), ("B", first + i)) for i in range(count)]
        if all(w in found and b in found for w, b in wanted):
            return {str(i): (found[w], found[b]) for i, (w, b) in enumerate(wanted)}
    return None


def find(instance: Any, sizes: tuple[int, ...], label: str) -> Holder:
    """The :class:`Holder` of ``instance``'s weights, by the protocol of the module docstring."""
    count = len(sizes) - 1
    setter = getattr(instance, "set_parameters", None)
    if callable(setter):
        getter = getattr(instance, "get_parameters", None)

        def current_protocol() -> tuple[list[Any], list[Any]]:
            if callable(getter):
                pairs = getter()
                return [w for w, _ in pairs], [b for _, b in pairs]
            return [np.zeros((m, n)) for n, m in pairwise(sizes)], [np.zeros(m) for m in sizes[1:]]

        return Holder("weights set by set_parameters", current_protocol, lambda p: setter([(w, b) for w, b in p]))
    bias_name = "biases" if hasattr(instance, "biases") else "bias"
    weights, biases = getattr(instance, "weights", None), getattr(instance, bias_name, None)
    if isinstance(weights, list) and isinstance(biases, list) and len(weights) == len(biases) == count:

        def set_lists(pairs: list[tuple[Any, Any]]) -> None:
            old_biases = getattr(instance, bias_name)
            instance.weights = [_like(w, old) for (w, _), old in zip(pairs, instance.weights, strict=True)]
            setattr(instance, bias_name, [_like(b, old) for (_, b), old in zip(pairs, old_biases, strict=True)])

        return Holder(
            f"weights/{bias_name} lists",
            lambda: (list(instance.weights), list(getattr(instance, bias_name))),
            set_lists,
        )
    params = getattr(instance, "params", None)
    keyed = _numbered(list(params), count) if isinstance(params, dict) else None
    if isinstance(params, dict) and keyed:
        names = keyed

        def set_dict(pairs: list[tuple[Any, Any]]) -> None:
            for i, (w, b) in enumerate(pairs):
                wn, bn = names[str(i)]
                params[wn], params[bn] = _like(w, params[wn]), _like(b, params[bn])

        def current_dict() -> tuple[list[Any], list[Any]]:
            return [params[names[str(i)][0]] for i in range(count)], [params[names[str(i)][1]] for i in range(count)]

        return Holder(
            "params dict " + ", ".join(n for i in range(count) for n in names[str(i)]), current_dict, set_dict
        )
    attributes = _numbered(list(vars(instance)) if hasattr(instance, "__dict__") else [], count)
    if attributes:
        names = attributes

        def set_attributes(pairs: list[tuple[Any, Any]]) -> None:
            for i, (w, b) in enumerate(pairs):
                wn, bn = names[str(i)]
                setattr(instance, wn, _like(w, getattr(instance, wn)))
                setattr(instance, bn, _like(b, getattr(instance, bn)))

        def current_attributes() -> tuple[list[Any], list[Any]]:
            return [getattr(instance, names[str(i)][0]) for i in range(count)], [
                getattr(instance, names[str(i)][1]) for i in range(count)
            ]

        return Holder(
            "attributes " + ", ".join(n for i in range(count) for n in names[str(i)]),
            current_attributes,
            set_attributes,
        )
    raise SymnnError(
        f"{label}: found no weights on the instance: symnn looks for set_parameters(params), lists weights and "
        f"biases, a dict params keyed W1, b1, ..., or attributes W1, b1, ... for {count} layers"
    )
