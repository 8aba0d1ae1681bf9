"""Slip: a flat gradient vector in the order W2, W3, W4, b2, b3, b4 instead of W2, b2, W3, b3, W4, b4.

Expected: W2 right (first either way) and b4 right (last either way); b2, W3, b3, W4 wrong,
holding entries of other blocks.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def flat_grad(params, x, y):
    acts, zs = [x], []
    for W, b in params:
        zs.append(W @ acts[-1] + b)
        acts.append(sigmoid(zs[-1]))
    deltas = [None] * len(params)
    deltas[-1] = acts[-1] * (1 - acts[-1]) * (acts[-1] - y)
    for i in range(len(params) - 2, -1, -1):
        deltas[i] = acts[i + 1] * (1 - acts[i + 1]) * (params[i + 1][0].T @ deltas[i + 1])
    weights = [np.outer(d, a).ravel() for d, a in zip(deltas, acts[:-1], strict=True)]
    return np.concatenate(weights + deltas)
