"""Slip: dC/dW[l] built as a[l-1] delta[l]^T, the transpose of eq. (25), in every layer.

Expected: W2, W3, W4 wrong (transposed; W3 and W4 even come back in transposed shapes); b2, b3, b4 right.
"""

import numpy as np


def sig(z):
    return 1 / (1 + np.exp(-z))


def grad(params, x, y):
    acts, zs = [x], []
    for W, b in params:
        zs.append(W @ acts[-1] + b)
        acts.append(sig(zs[-1]))
    delta = sig(zs[-1]) * (1 - sig(zs[-1])) * (acts[-1] - y)
    grads = []
    for i in range(len(params) - 1, -1, -1):
        grads.insert(0, (np.outer(acts[i], delta), delta))
        if i > 0:
            delta = sig(zs[i - 1]) * (1 - sig(zs[i - 1])) * (params[i][0].T @ delta)
    return grads
