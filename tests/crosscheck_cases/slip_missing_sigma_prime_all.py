"""Slip: the backward loop never multiplies by sigma'(z[l]) in the hidden layers.

Expected: W4, b4 right; delta[3] and delta[2] each lack their sigma' factor: W3, b3, W2, b2 wrong.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def grad(params, x, y):
    zs, acts = [], [x]
    for W, b in params:
        zs.append(W @ acts[-1] + b)
        acts.append(sigmoid(zs[-1]))
    delta = sigmoid(zs[-1]) * (1 - sigmoid(zs[-1])) * (acts[-1] - y)
    result = []
    for i in reversed(range(len(params))):
        result.append((np.outer(delta, acts[i]), delta))
        delta = params[i][0].T @ delta
    return result[::-1]
