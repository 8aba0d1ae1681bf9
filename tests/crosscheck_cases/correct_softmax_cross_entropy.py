"""Correct for sigmoid hidden layers, a softmax output and the cross-entropy cost -sum(y log a[L]).

With targets that sum to 1 the output error is delta[L] = a[L] - y.
"""

import numpy as np


def grad(params, x, y):
    a, z = [x], []
    for i, (W, b) in enumerate(params):
        z.append(W @ a[-1] + b)
        if i == len(params) - 1:
            e = np.exp(z[-1] - z[-1].max())
            a.append(e / e.sum())
        else:
            a.append(1 / (1 + np.exp(-z[-1])))
    delta = a[-1] - y
    grads = []
    for i in range(len(params) - 1, -1, -1):
        grads.append((np.outer(delta, a[i]), delta))
        if i:
            delta = a[i] * (1 - a[i]) * (params[i][0].T @ delta)
    return grads[::-1]
