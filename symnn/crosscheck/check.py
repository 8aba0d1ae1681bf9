r"""The pipeline of :func:`crosscheck`, one named stage per line.

1. **sample** random points whose every entry is k/64 (:mod:`~symnn.crosscheck.sample`);
2. **exact**: Lemma 1 in matrix form at each point, in mpmath (:mod:`~symnn.crosscheck.reference`);
3. **central differences** beside it (:mod:`~symnn.crosscheck.differences`);
4. **yours**: the user's code, in its own process when given as ``PATH.py:NAME``
   (:mod:`~symnn.crosscheck.isolation`), read in whatever format it returns
   (:mod:`~symnn.crosscheck.formats`);
5. **compare** each block under the tolerance of the returned float type
   (:mod:`~symnn.crosscheck.tolerance`);
6. **diagnose** each wrong block (:mod:`~symnn.crosscheck.patterns`, :mod:`~symnn.crosscheck.diagnosis`),
   and suggest the ``--activation`` that fits when another one does.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from symnn.activations import ACTIVATIONS
from symnn.crosscheck.blocks import blocks
from symnn.crosscheck.compare import compare_blocks, yours_table
from symnn.crosscheck.diagnosis import diagnose
from symnn.crosscheck.differences import central_differences
from symnn.crosscheck.formats import Reading
from symnn.crosscheck.isolation import DEFAULT_TIMEOUT, run_isolated
from symnn.crosscheck.patterns import Patterns
from symnn.crosscheck.reference import DIGITS, ExactPoint, Reference
from symnn.crosscheck.result import CrossCheck
from symnn.crosscheck.sample import SamplePoint, draw
from symnn.crosscheck.subjects import Job, subject
from symnn.crosscheck.tolerance import Tolerance, for_dtype
from symnn.crosscheck.usercode import call
from symnn.errors import SymnnError
from symnn.network import Network

__all__ = ["crosscheck"]

#: Seconds spent at most looking for an --activation that fits a wrong gradient.
_SUGGESTION_BUDGET = 3.0


def _network(network: Network | str | list[int] | tuple[int, ...], activation: Any, cost: str) -> Network:
    return network if isinstance(network, Network) else Network(network, activation, cost)


def _sample(
    network: Network, reference: Reference, count: int, seed: int, batch: int, labels: bool
) -> list[tuple[SamplePoint, ExactPoint]]:
    """``count`` points with their exact gradients; points on a ReLU kink are redrawn."""
    rng = random.Random(seed)
    sample: list[tuple[SamplePoint, ExactPoint]] = []
    for _ in range(100 * count):
        if len(sample) == count:
            break
        point = draw(network, rng, batch, labels)
        exact = reference.at(point)
        if not exact.on_kink:
            sample.append((point, exact))
    if len(sample) < count:
        raise SymnnError(f"found only {len(sample)} of {count} random points off the activation's kinks")
    return sample


def _yours(
    code: Any, network: Network, job: Job, sample: list[tuple[SamplePoint, ExactPoint]], label: str, timeout: float
) -> tuple[list[Reading], str, str]:
    """The user's readings at each point, and what the code is and its layout."""
    points = [(p.params(network), p.X, p.Y, p.labels) for p, _ in sample]
    if isinstance(code, str):
        isolated = run_isolated(code, job, points, timeout)
        return isolated.readings, isolated.kind, isolated.layout
    found = subject(code, job, label)
    return [call(found, point) for point in points], found.kind, found.layout


def _tolerance(readings: list[Reading], exact: list[ExactPoint]) -> Tolerance:
    dtypes = [np.dtype(r.dtype) for r in readings if r.failure is None and r.blocks]
    least = min(dtypes, key=lambda d: np.finfo(d).eps * -1) if dtypes else np.dtype(np.float64)
    scale = max(float(np.max(np.abs(e.gradient))) for e in exact)
    return for_dtype(least, scale)


def _failures(readings: list[Reading], label: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """Blocks not returned usably (first reason each) and one line per distinct failure."""
    problems: dict[str, str] = {}
    points: dict[str, list[int]] = {}
    for index, reading in enumerate(readings, 1):
        if reading.failure:
            points.setdefault(reading.failure, []).append(index)
        for name, why in reading.problems.items():
            problems.setdefault(name, why)
    lines = [
        f"{label} {failure} at point{'s' if len(at) > 1 else ''} {', '.join(map(str, at))}"
        for failure, at in points.items()
    ]
    return problems, tuple(lines)


def _suggest(
    network: Network, sample: list[tuple[SamplePoint, ExactPoint]], readings: list[Reading], tol: Tolerance, mean: bool
) -> str | None:
    """An --activation under which every block agrees, when the given one does not fit."""
    given = [network.activations[l].name for l in network.hidden_and_output]
    names = [n for n in ACTIVATIONS if n not in ("softmax",)]
    candidates = [[n] * len(given) for n in names] + [[n] * (len(given) - 1) + ["identity"] for n in names]
    deadline = time.monotonic() + _SUGGESTION_BUDGET
    all_blocks = blocks(network)
    for candidate in candidates:
        if candidate == given or time.monotonic() > deadline:
            continue
        try:
            other = Network(network.layers, candidate if len(set(candidate)) > 1 else candidate[0], network.loss)
            reference = Reference(other, 15, mean)
            exact = [reference.at(p) for p, _ in sample]
        except (SymnnError, ArithmeticError, ValueError, ZeroDivisionError):
            continue
        if all(
            np.all(tol.agrees(yours_table(b, readings), np.array([e.gradient[b.start : b.stop] for e in exact])))
            for b in all_blocks
        ):
            return ",".join(candidate) if len(set(candidate)) > 1 else candidate[0]
    return None


def crosscheck(
    network: Network | str | list[int] | tuple[int, ...],
    grad_fn: Callable[..., Any] | str,
    points: int = 3,
    seed: int = 0,
    tolerance: Tolerance | None = None,
    digits: int = DIGITS,
    name: str | None = None,
    *,
    activation: Any = "sigmoid",
    cost: str = "quadratic",
    batch: int = 1,
    layout: str | None = None,
    labels: bool = False,
    reduction: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    params: str = "pairs",
) -> CrossCheck:
    r"""Compare a user's backprop with the exact gradient, block by block.

    Args:
        network: the architecture: a :class:`~symnn.network.Network`, or layer sizes
            (``"2-2-3-2"``) with ``activation`` and ``cost``.
        grad_fn: the user's code: a Python callable (a gradient function ``grad(params, x, y)``,
            a JAX loss, a PyTorch module or a function building one), or ``"PATH.py:NAME"``
            (``NAME`` may be ``Class.method``), which runs in a process of its own.
        points: how many random dyadic points (each a batch of ``batch`` inputs).
        seed: the seed of the points.
        tolerance: when an entry agrees; by default derived from the float type returned.
        digits: significant digits of the exact values shown.
        name: how to call the code in messages (default: its ``__name__`` or the spec).
        activation: the activation(s), when ``network`` is given as layer sizes.
        cost: the loss, when ``network`` is given as layer sizes.
        batch: N, the inputs of each batch handed to the code.
        layout: ``"vector"``, ``"columns"`` or ``"rows"`` (:mod:`~symnn.crosscheck.layouts`);
            None reads it from the shapes of a class's or module's own arrays.
        labels: hand integer class labels instead of one-hot targets.
        reduction: ``"mean"`` or ``"sum"`` of the point costs over a batch (default: the loss's).
        timeout: seconds for the import and for each call of a ``PATH.py:NAME``.
        params: how a gradient function gets the parameters: ``"pairs"`` or ``"dict"`` (W1, b1, ...).

    Returns:
        A :class:`CrossCheck` with a :class:`BlockResult` per block and the diagnoses. Code
        that raises, exits, hangs or returns the wrong shapes gives wrong blocks, with why.

    Raises:
        SymnnError: bad usage: the file cannot be loaded, the object cannot be used, the
            layout cannot be told from the shapes.

    Examples:
        >>> import numpy as np
        >>> net = Network([1, 1], activation="identity")
        >>> def grad(params, x, y):  # C = ½(w x + b − y)²
        ...     (W, b), = params
        ...     r = W @ x + b - y
        ...     return [(np.outer(r, x), r)]
        >>> crosscheck(net, grad).ok
        True
        >>> crosscheck(net, lambda p, x, y: [(2 * g, d) for g, d in grad(p, x, y)]).wrong
        ('W2',)
    """
    if points < 1:
        raise SymnnError(f"the number of points must be at least 1, got {points}")
    if batch < 1:
        raise SymnnError(f"the batch must have at least 1 point, got {batch}")
    net = _network(network, activation, cost)
    mean = (reduction or getattr(net.loss, "reduction", "mean")) == "mean"
    label = str(
        name or (grad_fn if isinstance(grad_fn, str) else getattr(grad_fn, "__name__", "the gradient function"))
    )
    if params not in ("pairs", "dict"):
        raise SymnnError(f"params must be 'pairs' or 'dict', not {params!r}")
    job = Job(tuple(net.layers), layout, batch, net.loss.name, mean, params)
    reference = Reference(net, digits, mean)
    sample = _sample(net, reference, points, seed, batch, labels)  # 1, 2
    fd = [central_differences(net, p, mean) for p, _ in sample]  # 3
    readings, kind, used_layout = _yours(grad_fn, net, job, sample, label, timeout)  # 4
    exact = [e for _, e in sample]
    tol = tolerance or _tolerance(readings, exact)
    all_blocks = blocks(net)
    results = compare_blocks(all_blocks, exact, fd, readings, tol, digits)  # 5
    problems, failures = _failures(readings, label)
    if failures and all(r.failure for r in readings):
        problems = {block.name: f"not returned: {failures[0]}" for block in all_blocks}
    yours = {b.name: yours_table(b, readings) for b in all_blocks}
    transposed = {name: text for r in readings for name, text in r.transposed_shape.items()}
    patterns = Patterns(
        net, all_blocks, exact, [_weights(net, p) for p, _ in sample], [p.Y for p, _ in sample], yours, transposed, tol
    )
    diagnosed, diagnoses = diagnose(results, patterns, problems)  # 6
    if failures:
        diagnoses = (*failures, *(d for d in diagnoses if not any(d.endswith(f) for f in failures)))
    unexplained = [r for r in diagnosed if not r.ok and not r.diagnosis]
    if (unexplained or all(not r.ok for r in diagnosed)) and not all(r.failure for r in readings):
        better = _suggest(net, sample, readings, tol, mean)
        if better:
            diagnoses = (*diagnoses, f"with --activation {better} every block agrees: the code is a {better} network")
    formats = dict.fromkeys(r.format for r in readings if r.format)
    dtypes = dict.fromkeys(r.dtype for r in readings if r.failure is None and r.blocks)
    return CrossCheck(
        net,
        label,
        points,
        seed,
        tol,
        digits,
        tuple(diagnosed),
        diagnoses,
        tuple(p for p, _ in sample),
        kind,
        used_layout,
        "; ".join(formats),
        ", ".join(dtypes) or "float64",
        batch,
        mean,
    )


def _weights(network: Network, point: SamplePoint) -> dict[int, np.ndarray]:
    return {layer: W for layer, (W, _) in zip(network.hidden_and_output, point.params(network), strict=True)}
