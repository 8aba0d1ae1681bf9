"""Slip: differentiates ||y - F(x)||^2 (no 1/2), so the output error carries a factor 2.

Expected: every block wrong, every block 2 x the exact gradient.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def grad(params, x, y):
    a = [x]
    for W, b in params:
        a.append(sigmoid(W @ a[-1] + b))
    dC_da = 2 * (a[-1] - y)  # d/da of sum((y - a)^2)
    delta = a[-1] * (1 - a[-1]) * dC_da
    grads = []
    for layer in range(len(params), 0, -1):
        grads.append((np.outer(delta, a[layer - 1]), delta))
        if layer > 1:
            delta = a[layer - 1] * (1 - a[layer - 1]) * (params[layer - 1][0].T @ delta)
    return grads[::-1]
