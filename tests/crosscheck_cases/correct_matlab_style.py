"""Correct: column vectors throughout, as in Higham & Higham's netbp.m (b returned as (n, 1))."""

import numpy as np


def activate(z):
    return 1 / (1 + np.exp(-z))


def grad(params, x, y):
    W2, b2 = params[0]
    W3, b3 = params[1]
    W4, b4 = params[2]
    x, y = x.reshape(-1, 1), y.reshape(-1, 1)
    b2, b3, b4 = b2.reshape(-1, 1), b3.reshape(-1, 1), b4.reshape(-1, 1)
    a2 = activate(W2 @ x + b2)
    a3 = activate(W3 @ a2 + b3)
    a4 = activate(W4 @ a3 + b4)
    delta4 = a4 * (1 - a4) * (a4 - y)
    delta3 = a3 * (1 - a3) * (W4.T @ delta4)
    delta2 = a2 * (1 - a2) * (W3.T @ delta3)
    return [(delta2 @ x.T, delta2), (delta3 @ a2.T, delta3), (delta4 @ a3.T, delta4)]
