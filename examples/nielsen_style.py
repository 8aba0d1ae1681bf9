"""A network class in the style of Nielsen's ``network.py`` (column vectors, (nabla_b, nabla_w)).

    symnn crosscheck examples/nielsen_style.py:Network.backprop --layers 2-2-3-2

symnn builds ``Network(sizes)``, finds its ``weights`` and ``biases`` lists, reads the layout
from their shapes (W of (n_l, n_{l-1}), b of (n_l, 1): column vectors, W @ x) and calls
``net.backprop(x, y)`` with x of shape (n_1, 1). No glue.
"""

from __future__ import annotations

import itertools

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


class Network:
    def __init__(self, sizes):
        self.num_layers = len(sizes)
        self.biases = [np.random.randn(n, 1) for n in sizes[1:]]
        self.weights = [np.random.randn(n, m) for m, n in itertools.pairwise(sizes)]

    def backprop(self, x, y):
        """(nabla_b, nabla_w) of C = ½‖y − a‖² at one point (x, y columns)."""
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        activation, activations, zs = x, [x], []
        for b, w in zip(self.biases, self.weights, strict=True):
            z = w @ activation + b
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)
        delta = (activations[-1] - y) * sigmoid_prime(zs[-1])
        nabla_b[-1], nabla_w[-1] = delta, delta @ activations[-2].T
        for back in range(2, self.num_layers):
            delta = (self.weights[-back + 1].T @ delta) * sigmoid_prime(zs[-back])
            nabla_b[-back], nabla_w[-back] = delta, delta @ activations[-back - 1].T
        return nabla_b, nabla_w
