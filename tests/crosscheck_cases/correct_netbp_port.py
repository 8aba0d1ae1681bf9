"""Correct: a straight port of the inner loop of netbp.m (Higham & Higham, Listing 6.1), column vectors."""

import numpy as np


def activate(x, W, b):
    return 1 / (1 + np.exp(-(W @ x + b)))


def step(params, x, y):
    (W2, b2), (W3, b3), (W4, b4) = params
    x = x[:, None]
    y = y[:, None]
    b2, b3, b4 = b2[:, None], b3[:, None], b4[:, None]
    a2 = activate(x, W2, b2)
    a3 = activate(a2, W3, b3)
    a4 = activate(a3, W4, b4)
    delta4 = a4 * (1 - a4) * (a4 - y)
    delta3 = a3 * (1 - a3) * (W4.T @ delta4)
    delta2 = a2 * (1 - a2) * (W3.T @ delta3)
    return [(delta2 @ x.T, delta2[:, 0]), (delta3 @ a2.T, delta3[:, 0]), (delta4 @ a3.T, delta4[:, 0])]
