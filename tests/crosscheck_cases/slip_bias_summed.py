"""Slip: the bias gradient summed to a scalar (batch code habit); returns the wrong shapes.

Expected: bad usage (exit 2), one line naming dC/db[4] and its shape.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def grad(params, x, y):
    a = [x]
    for W, b in params:
        a.append(sigmoid(W @ a[-1] + b))
    delta = a[-1] * (1 - a[-1]) * (a[-1] - y)
    grads = []
    for i in range(len(params) - 1, -1, -1):
        grads.append((np.outer(delta, a[i]), np.sum(delta)))
        delta = a[i] * (1 - a[i]) * (params[i][0].T @ delta)
    return grads[::-1]
