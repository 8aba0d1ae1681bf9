"""Slip: the output error written y - a[L] instead of a[L] - y (eq. (22)).

Expected: every block wrong, every block -1 x the exact gradient.
"""

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def backprop(params, x, y):
    (W2, b2), (W3, b3), (W4, b4) = params
    z2 = W2 @ x + b2
    a2 = sigmoid(z2)
    z3 = W3 @ a2 + b3
    a3 = sigmoid(z3)
    z4 = W4 @ a3 + b4
    a4 = sigmoid(z4)
    d4 = a4 * (1 - a4) * (y - a4)
    d3 = a3 * (1 - a3) * (W4.T @ d4)
    d2 = a2 * (1 - a2) * (W3.T @ d3)
    return [(np.outer(d2, x), d2), (np.outer(d3, a2), d3), (np.outer(d4, a3), d4)]
