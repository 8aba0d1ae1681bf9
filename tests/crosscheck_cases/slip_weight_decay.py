"""Slip: weight decay (lambda = 1e-3) added to the weight gradients, but the cost checked has none.

Expected: W2, W3, W4 wrong; b2, b3, b4 right.
"""

import numpy as np

LAMBDA = 1e-3


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def grad(params, x, y):
    acts = [x]
    for W, b in params:
        acts.append(sigmoid(W @ acts[-1] + b))
    delta = acts[-1] * (1 - acts[-1]) * (acts[-1] - y)
    grads = []
    for i in range(len(params) - 1, -1, -1):
        W = params[i][0]
        grads.append((np.outer(delta, acts[i]) + LAMBDA * W, delta))
        delta = acts[i] * (1 - acts[i]) * (W.T @ delta)
    return grads[::-1]
