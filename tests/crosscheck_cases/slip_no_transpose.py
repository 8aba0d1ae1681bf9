"""Slip: the backward step uses W[l+1] instead of its transpose (eq. (23)); it runs only when W is square.

For a 2-2-2-2 network: W4, b4 right; delta[3] uses W[4] not W[4]^T, so W3, b3 wrong and the error
propagates into W2, b2 (delta[2] repeats the slip with W[3]).
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
        grads.append((np.outer(delta, a[i]), delta))
        delta = a[i] * (1 - a[i]) * (params[i][0] @ delta)
    return grads[::-1]
