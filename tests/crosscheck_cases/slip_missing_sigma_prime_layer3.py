"""Slip: the hidden error of layer 3 forgets the sigma'(z3) factor of eq. (23); layer 2 is written right.

Expected: W4, b4 right; b3 wrong (missing sigma'(z[3])), W3 wrong (built from it), and W2, b2 wrong
because the error in delta[3] propagates backwards: the first wrong delta is at layer 3.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def dsigmoid(z):
    return sigmoid(z) * (1 - sigmoid(z))


def grad(params, x, y):
    (W2, b2), (W3, b3), (W4, b4) = params
    z2 = W2 @ x + b2
    a2 = sigmoid(z2)
    z3 = W3 @ a2 + b3
    a3 = sigmoid(z3)
    z4 = W4 @ a3 + b4
    a4 = sigmoid(z4)
    delta4 = dsigmoid(z4) * (a4 - y)
    delta3 = W4.T @ delta4
    delta2 = dsigmoid(z2) * (W3.T @ delta3)
    return [(np.outer(delta2, x), delta2), (np.outer(delta3, a2), delta3), (np.outer(delta4, a3), delta4)]
