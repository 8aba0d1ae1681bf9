"""A batched NumPy backprop in the x @ W layout (rows are points), returning a dict.

    symnn crosscheck examples/batched_rows.py:gradients --layers 3-4-2 --batch 5 --layout rows

``params = [(W2, b2), ...]`` with W of shape (n_{l-1}, n_l), X of shape (N, n_1), Y of shape
(N, n_L); the cost is the mean over the batch of ½‖y − a‖², and the gradient comes back as a
dict ``dW1, db1, dW2, db2`` (numbering the weight layers from 1). ``gradients_summed`` forgets
to divide by N: symnn names it ("summed over the batch where the cost is the mean").
"""

from __future__ import annotations

import numpy as np


def _forward(params, X):
    A, Zs, As = X, [], [X]
    for W, b in params:
        Z = A @ W + b
        A = 1 / (1 + np.exp(-Z))
        Zs.append(Z)
        As.append(A)
    return Zs, As


def gradients(params, X, Y, mean=True):
    """The gradient of (1/N) Σ ½‖y − a‖² over the rows."""
    _, As = _forward(params, X)
    N = X.shape[0] if mean else 1
    delta = (As[-1] - Y) * As[-1] * (1 - As[-1]) / N
    grads = {}
    for i in range(len(params), 0, -1):
        grads[f"dW{i}"] = As[i - 1].T @ delta
        grads[f"db{i}"] = delta.sum(axis=0)
        if i > 1:
            delta = (delta @ params[i - 1][0].T) * As[i - 1] * (1 - As[i - 1])
    return grads


def gradients_summed(params, X, Y):
    """The planted slip: the sum over the batch, not the mean."""
    return gradients(params, X, Y, mean=False)
