r"""The user's code, whatever its shape, as one call: a sample point in, a :class:`Reading` out.

What ``PATH.py:NAME`` may name (see ``examples/``):

- a function ``grad(params, x, y)`` returning the gradient in any format of
  :mod:`symnn.crosscheck.formats`; ``params`` is ``[(W2, b2), ...]`` in the ``--layout``;
- the same function returning a scalar loss: a JAX loss, differentiated by ``jax.grad``
  (``custom_vjp`` rules included), or a PyTorch loss, differentiated by autograd;
- a method ``Network.backprop``: symnn builds ``Network(sizes)``, sets its weights (see
  :func:`symnn.crosscheck.parameters.find`) and calls ``net.backprop(x, y)``;
- a PyTorch ``nn.Module`` (an instance, a class built from the sizes, or a function of no
  argument or of the sizes that builds one, alone or with its loss ``(model, loss_fn)``):
  its ``nn.Linear`` weights are set and ``loss.backward()`` gives the gradient, custom
  ``autograd.Function`` backward passes included.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from symnn.crosscheck import parameters
from symnn.crosscheck.formats import Reading, read_gradient
from symnn.crosscheck.layouts import detect, hand_inputs, hand_params
from symnn.errors import SymnnError

__all__ = ["Job", "Subject", "subject"]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Job:
    """What to call and how (plain data, so it can travel to the user's own process).

    Attributes:
        sizes: (n_1, ..., n_L).
        layout: ``"vector"``, ``"columns"``, ``"rows"``, or None to detect (classes, modules).
        batch: N, the points of each batch.
        cost: the loss's name (for a module given without its loss function).
        mean: the batch cost is the mean of the point costs (else their sum).
        params: how a function gets the parameters: ``"pairs"`` ``[(W2, b2), ...]`` or ``"dict"``
            ``{"W1": W2, "b1": b2, ...}`` (numbered from 1, the cs231n and Ng style).
    """

    sizes: tuple[int, ...]
    layout: str | None
    batch: int
    cost: str
    mean: bool = True
    params: str = "pairs"


@dataclass
class Subject:
    """The user's code ready to be called at a point.

    Attributes:
        call: ``call(params, X, Y, labels) -> Reading``; params in symnn's layout, X rows.
        kind: what it is, said in the report's header.
        layout: the layout used, and how it was found.
    """

    call: Callable[[list[tuple[Array, Array]], Array, Array, NDArray[np.int64] | None], Reading]
    kind: str
    layout: str


def _required(function: Callable[..., Any]) -> int:
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return 3
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return sum(1 for p in signature.parameters.values() if p.kind in kinds and p.default is p.empty)


def _is_module(value: Any) -> bool:
    torch = _torch()
    return torch is not None and isinstance(value, torch.nn.Module)


def _torch() -> Any:
    import sys

    return sys.modules.get("torch")


def _function_layout(job: Job) -> str:
    if job.layout:
        return job.layout
    if job.batch > 1:
        raise SymnnError(
            f"--batch {job.batch} needs --layout rows (X of shape (N, n_1), X @ W) "
            "or --layout columns (X of shape (n_1, N), W @ X)"
        )
    return "vector"


def _scalar(value: Any) -> bool:
    return not isinstance(value, (list, tuple, dict)) and np.ndim(value) == 0 and hasattr(value, "dtype")


def _handed(params: list[tuple[Array, Array]], layout: str, style: str) -> Any:
    pairs = hand_params(params, layout)
    if style == "dict":
        return {name: value for i, (W, b) in enumerate(pairs, 1) for name, value in ((f"W{i}", W), (f"b{i}", b))}
    return pairs


def _function(function: Callable[..., Any], job: Job) -> Subject:
    layout = _function_layout(job)

    def call(params: list[tuple[Array, Array]], X: Array, Y: Array, labels: NDArray[np.int64] | None) -> Reading:
        x, y = hand_inputs(X, Y, labels, layout)
        returned = function(_handed(params, layout, job.params), x, y)
        if _scalar(returned) and type(returned).__module__.startswith("jax"):
            import jax

            returned = jax.grad(function)(_handed(params, layout, job.params), x, y)
            reading = read_gradient(returned, job.sizes, layout, job.batch)
            reading.format = f"a JAX loss, differentiated by jax.grad; {reading.format}"
            return reading
        if _scalar(returned) and _is_module_tensor(returned):
            return _torch_loss(function, params, x, y, job, layout)
        return read_gradient(returned, job.sizes, layout, job.batch)

    how = "given" if job.layout else "a function's default"
    return Subject(call, f"function {getattr(function, '__name__', 'grad')}(params, x, y)", f"{layout} ({how})")


def _is_module_tensor(value: Any) -> bool:
    torch = _torch()
    return torch is not None and isinstance(value, torch.Tensor)


def _torch_loss(function: Callable[..., Any], params: list, x: Any, y: Any, job: Job, layout: str) -> Reading:
    torch = _torch()
    leaves = [
        (torch.tensor(W, requires_grad=True), torch.tensor(b, requires_grad=True))
        for W, b in hand_params(params, layout)
    ]
    xt = torch.tensor(x)
    yt = torch.tensor(y)
    function(leaves, xt, yt).backward()
    reading = read_gradient([(W.grad, b.grad) for W, b in leaves], job.sizes, layout, job.batch)
    reading.format = f"a PyTorch loss, differentiated by autograd; {reading.format}"
    return reading


def _method(owner: type, method: str, job: Job, label: str) -> Subject:
    instance = parameters.build(owner, job.sizes, label)
    holder = parameters.find(instance, job.sizes, label)
    layout, why = (job.layout, "--layout") if job.layout else detect(job.sizes, *holder.current())
    if layout is None:
        raise SymnnError(f"{label}: cannot tell the layout: {why}; give --layout vector, columns or rows")
    bound = getattr(instance, method, None)
    if not callable(bound):
        raise SymnnError(f"{label}: {owner.__name__} has no method {method!r}")

    def call(params: list[tuple[Array, Array]], X: Array, Y: Array, labels: NDArray[np.int64] | None) -> Reading:
        holder.set(hand_params(params, layout))
        x, y = hand_inputs(X, Y, labels, layout)
        return read_gradient(bound(x, y), job.sizes, layout, job.batch)

    return Subject(
        call,
        f"method {owner.__name__}.{method}(x, y) on {owner.__name__}({list(job.sizes)}), {holder.kind}",
        f"{layout}: {why}",
    )


def _module(built: Any, job: Job, label: str) -> Subject:
    from symnn.crosscheck import torchmodule

    return torchmodule.subject(built, job, label)


def subject(target: Any, job: Job, label: str, method: str | None = None) -> Subject:
    """The user's object (function, class, module, builder) as a :class:`Subject`.

    Raises:
        SymnnError: one line when the object cannot be used (not callable, no weights found,
            a layout the shapes cannot tell): bad usage, exit 2.
    """
    if method is not None:
        if not isinstance(target, type):
            raise SymnnError(f"{label}: {method!r} is looked up on a class, and this is a {type(target).__name__}")
        return _method(target, method, job, label)
    if _is_module(target):
        return _module(target, job, label)
    if isinstance(target, type):
        torch = _torch()
        if torch is not None and issubclass(target, torch.nn.Module):
            return _module(parameters.build(target, job.sizes, label), job, label)
        from symnn.crosscheck import scalar

        built = parameters.build(target, job.sizes, label)
        if scalar.is_scalar_autograd(built):
            return scalar.subject(built, job, label)
        raise SymnnError(f"{label} is a class; name its method, e.g. {label}.backprop")
    if not callable(target):
        raise SymnnError(f"{label} is a {type(target).__name__}, not a function")
    if _required(target) <= 1:
        built = target(list(job.sizes)) if _required(target) == 1 else target()
        model = built[0] if isinstance(built, tuple) and built else built
        if _is_module(model):
            return _module(built, job, label)
        raise SymnnError(
            f"{label} takes {_required(target)} argument(s) and returned a {type(built).__name__}, "
            "not a PyTorch module; a gradient function takes (params, x, y)"
        )
    return _function(target, job)
