"""Slip (sometimes): differentiates mean((y - a)^2) over the n_L outputs, i.e. (2 / n_L) (a - y).

For n_L = 2 that is exactly a - y, so it is right for the 2-2-3-2 network; for n_L = 3 every block
is 2/3 x the exact gradient.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def grad(params, x, y):
    a = [x]
    for W, b in params:
        a.append(sigmoid(W @ a[-1] + b))
    delta = a[-1] * (1 - a[-1]) * 2 * (a[-1] - y) / len(y)
    grads = []
    for i in range(len(params) - 1, -1, -1):
        grads.append((np.outer(delta, a[i]), delta))
        delta = a[i] * (1 - a[i]) * (params[i][0].T @ delta)
    return grads[::-1]
