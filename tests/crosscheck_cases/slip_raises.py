"""Slip: W[l+1] @ delta without the transpose; for the 2-2-3-2 network the shapes do not fit and it raises.

Expected: bad usage (exit 2), one line with the exception and the line it came from.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def grad(params, x, y):
    (W2, b2), (W3, b3), (W4, b4) = params
    a2 = sigmoid(W2 @ x + b2)
    a3 = sigmoid(W3 @ a2 + b3)
    a4 = sigmoid(W4 @ a3 + b4)
    d4 = a4 * (1 - a4) * (a4 - y)
    d3 = a3 * (1 - a3) * (W4 @ d4)
    d2 = a2 * (1 - a2) * (W3 @ d3)
    return [(np.outer(d2, x), d2), (np.outer(d3, a2), d3), (np.outer(d4, a3), d4)]
