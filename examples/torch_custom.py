"""A PyTorch module class with a hand-written backward pass (``torch.autograd.Function``).

    symnn crosscheck examples/torch_custom.py:Net --layers 3-5-4 --activation leaky_relu,softmax \\
        --cost cross-entropy --labels --batch 6

symnn builds ``Net(sizes)``, sets its ``nn.Linear`` weights, and checks what autograd returns:
here the hidden layer's backward is the hand-written ``LeakyReLU.backward``, so a slip in it
is a wrong δ[2]. ``Net`` outputs logits and is trained with ``nn.CrossEntropyLoss`` on integer
class labels: symnn's softmax cross-entropy. ``SlipNet`` forgets the slope for z < 0 in backward.
"""

from __future__ import annotations

import torch
from torch import nn


class LeakyReLU(torch.autograd.Function):
    """max(z, z/100) with its derivative written by hand."""

    @staticmethod
    def forward(ctx, z):
        ctx.save_for_backward(z)
        return torch.where(z > 0, z, 0.01 * z)

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return grad * torch.where(z > 0, torch.ones_like(z), torch.full_like(z, 0.01))


class SlipLeakyReLU(LeakyReLU):
    """The planted slip: the backward pass of a plain ReLU (slope 0 for z < 0)."""

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return grad * (z > 0).to(grad.dtype)


class Net(nn.Module):
    activation = LeakyReLU

    def __init__(self, sizes):
        super().__init__()
        self.hidden = nn.Linear(sizes[0], sizes[1])
        self.out = nn.Linear(sizes[1], sizes[2])

    def forward(self, x):
        return self.out(self.activation.apply(self.hidden(x)))


class SlipNet(Net):
    activation = SlipLeakyReLU


def build(sizes):
    """The module with its loss, for integer class labels."""
    return Net(sizes), nn.CrossEntropyLoss()


def build_slip(sizes):
    return SlipNet(sizes), nn.CrossEntropyLoss()
