"""Slip: in layer 2 the derivative is taken at the activation, dsigmoid(a2), not at z2.

Expected: W2, b2 wrong (delta[2] uses sigma'(a[2])); W3, b3, W4, b4 right.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def dsigmoid(z):
    s = sigmoid(z)
    return s * (1 - s)


def grad(params, x, y):
    (W2, b2), (W3, b3), (W4, b4) = params
    z2 = W2 @ x + b2
    a2 = sigmoid(z2)
    z3 = W3 @ a2 + b3
    a3 = sigmoid(z3)
    z4 = W4 @ a3 + b4
    a4 = sigmoid(z4)
    d4 = dsigmoid(z4) * (a4 - y)
    d3 = dsigmoid(z3) * (W4.T @ d4)
    d2 = dsigmoid(a2) * (W3.T @ d3)
    return [(np.outer(d2, x), d2), (np.outer(d3, a2), d3), (np.outer(d4, a3), d4)]
