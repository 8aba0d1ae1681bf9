"""A PyTorch network with MSELoss, as people write it: symnn checks its autograd gradient.

    symnn crosscheck examples/torch_mse.py:build --layers 2-3-1 --activation sigmoid --cost mse --batch 4

``build`` takes the layer sizes and returns the model and its loss; symnn sets the weights of
the ``nn.Linear`` layers, runs a batch through ``loss(model(X), Y)`` and reads the ``.grad``
that ``loss.backward()`` leaves. The model is float32, PyTorch's default, so the tolerance is
float32's. ``build_float64`` is the same network in float64.
"""

from __future__ import annotations

import itertools

from torch import nn


def build(sizes: list[int]) -> tuple[nn.Module, nn.Module]:
    """nn.Sequential of Linear + Sigmoid layers, with nn.MSELoss (the mean over outputs and batch)."""
    layers: list[nn.Module] = []
    for n_in, n_out in itertools.pairwise(sizes):
        layers += [nn.Linear(n_in, n_out), nn.Sigmoid()]
    return nn.Sequential(*layers), nn.MSELoss()


def build_float64(sizes: list[int]) -> tuple[nn.Module, nn.Module]:
    """The same network in float64."""
    model, loss = build(sizes)
    return model.double(), loss
