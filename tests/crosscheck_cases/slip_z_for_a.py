"""Slip: the weight gradient uses the stored pre-activation z[l-1] instead of a[l-1] (eq. (25)).

The input layer has no z, so layer 2 uses x and is right. Expected: W3, W4 wrong; all else right.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def grad(params, x, y):
    inputs = [x]  # what each layer was fed... or so the author thought
    a = x
    zs = []
    for W, b in params:
        z = W @ a + b
        zs.append(z)
        a = sigmoid(z)
        inputs.append(z)
    delta = a * (1 - a) * (a - y)
    grads = [None] * len(params)
    for i in range(len(params) - 1, -1, -1):
        grads[i] = (np.outer(delta, inputs[i]), delta)
        if i > 0:
            s = sigmoid(zs[i - 1])
            delta = s * (1 - s) * (params[i][0].T @ delta)
    return grads
