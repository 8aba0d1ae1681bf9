r"""A PyTorch ``nn.Module`` as a subject: its ``nn.Linear`` weights set, ``loss.backward()`` read.

The module's ``nn.Linear`` layers, in the order ``module.modules()`` lists them, are the
network's layers 2..L; their ``weight`` (n_l, n_{l−1}) and ``bias`` (n_l,) are set in the
module's own float type. The batch goes in as rows (N, n_1). The loss is the one the
builder returned beside the module (``(model, nn.MSELoss())``) or, without one, the
``--cost`` of symnn's table written in PyTorch. The gradient is whatever autograd
computes, so a custom ``torch.autograd.Function`` with its own ``backward`` is checked too.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np

from symnn.crosscheck.formats import Reading, read_gradient
from symnn.errors import SymnnError

__all__ = ["subject"]


def _cost(name: str, mean: bool) -> Any:
    """``--cost`` in PyTorch, for a module given without its loss function."""
    import torch

    def reduce(per_point: Any) -> Any:
        return per_point.mean() if mean else per_point.sum()

    table = {
        "quadratic": lambda out, y: reduce(0.5 * ((out - y) ** 2).sum(dim=1)),
        "sum-of-squares": lambda out, y: reduce(((out - y) ** 2).sum(dim=1)),
        "mse": lambda out, y: reduce(((out - y) ** 2).mean(dim=1)),
        "binary-cross-entropy": lambda out, y: reduce(-(y * torch.log(out) + (1 - y) * torch.log(1 - out)).sum(dim=1)),
        "cross-entropy": lambda out, y: reduce(
            torch.nn.functional.cross_entropy(out, y, reduction="none")
            if y.dtype == torch.long
            else -(y * torch.log_softmax(out, dim=1)).sum(dim=1)
        ),
    }
    if name not in table:
        raise SymnnError(f"a module without a loss function needs --cost one of {', '.join(table)}")
    return table[name]


def subject(built: Any, job: Any, label: str) -> Any:
    """The module (or ``(module, loss_fn)``) as a :class:`symnn.crosscheck.subjects.Subject`."""
    import torch

    from symnn.crosscheck.subjects import Subject

    model, criterion = (built[0], built[1]) if isinstance(built, tuple) and len(built) >= 2 else (built, None)
    linears = [m for m in model.modules() if isinstance(m, torch.nn.Linear)]
    shapes = [(m.out_features, m.in_features) for m in linears]
    wanted = [(m, n) for n, m in pairwise(job.sizes)]
    if shapes != wanted:
        got = "-".join([str(shapes[0][1]), *(str(s[0]) for s in shapes)]) if shapes else "no nn.Linear layers"
        raise SymnnError(
            f"{label}: the module's nn.Linear layers are {got}; --layers says {'-'.join(map(str, job.sizes))}"
        )
    if any(m.bias is None for m in linears):
        raise SymnnError(f"{label}: an nn.Linear without a bias (bias=False); symnn's layers have b[l]")
    loss_fn = criterion if criterion is not None else _cost(job.cost, job.mean)
    dtype = linears[0].weight.dtype

    def call(params: list[tuple[Any, Any]], X: Any, Y: Any, labels: Any) -> Reading:
        with torch.no_grad():
            for m, (W, b) in zip(linears, params, strict=True):
                m.weight.copy_(torch.from_numpy(np.ascontiguousarray(W)))
                m.bias.copy_(torch.from_numpy(np.ascontiguousarray(b)))
        model.zero_grad(set_to_none=True)
        target = torch.from_numpy(labels).long() if labels is not None else torch.from_numpy(Y).to(dtype)
        loss = loss_fn(model(torch.from_numpy(X).to(dtype)), target)
        loss.backward()
        grads = [(m.weight.grad, m.bias.grad) for m in linears]
        if any(g is None for pair in grads for g in pair):
            return Reading(failure="loss.backward() left a weight without a gradient (detached, or not used)")
        reading = read_gradient(grads, job.sizes, "vector", job.batch)
        loss_name = type(criterion).__name__ if criterion is not None else f"--cost {job.cost}"
        reading.format = f"PyTorch autograd of {loss_name}"
        return reading

    kind = f"PyTorch {type(model).__name__} with {len(linears)} nn.Linear layers, autograd"
    return Subject(call, kind, "rows: nn.Linear computes X @ W.T + b on rows X of (N, n_1)")
