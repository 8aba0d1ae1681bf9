"""Slip: a typo in the derivative helper, s * (1 - z) instead of s * (1 - s), used in every layer.

No simple pattern: expected every block wrong, the error starting at the output layer.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - z)


def grad(params, x, y):
    a, zs = [x], []
    for W, b in params:
        zs.append(W @ a[-1] + b)
        a.append(sigmoid(zs[-1]))
    delta = sigmoid_prime(zs[-1]) * (a[-1] - y)
    out = []
    for i in range(len(params) - 1, -1, -1):
        out.insert(0, (np.outer(delta, a[i]), delta))
        if i:
            delta = sigmoid_prime(zs[i - 1]) * (params[i][0].T @ delta)
    return out
