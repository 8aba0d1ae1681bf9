r"""A hand-written NumPy backpropagation for Higham & Higham's 2-2-3-2 sigmoid network.

This is the kind of code ``symnn crosscheck`` is for: plain NumPy, written from the
paper, with no symnn in it. It is correct; check it with

    symnn crosscheck examples/higham_backprop.py:grad --layers 2-2-3-2

Notation of Higham & Higham (2019), Section 5: for l = 2, ..., L

    z[l] = W[l] a[l-1] + b[l],   a[l] = sigma(z[l]),   a[1] = x,

and for the one-point cost C = 1/2 ||y - a[L]||^2 (eq. (18)), Lemma 1:

    delta[L] = sigma'(z[L]) * (a[L] - y)                 (22)
    delta[l] = sigma'(z[l]) * (W[l+1]^T delta[l+1])      (23)
    dC/db[l] = delta[l]                                  (24)
    dC/dW[l] = delta[l] a[l-1]^T                         (25)

The loops run over however many layers ``params`` has, so the same function works for
any layer sizes (``--layers 3-4-2`` too).
"""

from __future__ import annotations

import itertools

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """sigma(z) = 1 / (1 + exp(-z)), eq. (3)."""
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z: np.ndarray) -> np.ndarray:
    """sigma'(z) = sigma(z) (1 - sigma(z)), eq. (5)."""
    s = sigmoid(z)
    return s * (1.0 - s)


def forward(params: list[tuple[np.ndarray, np.ndarray]], x: np.ndarray) -> tuple[list, list]:
    """The forward pass: the lists z = [z2, ..., zL] and a = [a1 = x, a2, ..., aL]."""
    a = [x]
    z = []
    for W, b in params:
        z.append(W @ a[-1] + b)
        a.append(sigmoid(z[-1]))
    return z, a


def grad(params: list[tuple[np.ndarray, np.ndarray]], x: np.ndarray, y: np.ndarray) -> list:
    """dC/dW[l] and dC/db[l] for l = 2..L, by Lemma 1.

    Args:
        params: [(W2, b2), (W3, b3), ...], W[l] of shape (n_l, n_{l-1}), b[l] of shape (n_l,).
        x: the input, shape (n_1,).
        y: the target, shape (n_L,).

    Returns:
        [(dW2, db2), (dW3, db3), ...] in the shapes of ``params``.
    """
    z, a = forward(params, x)
    delta = sigmoid_prime(z[-1]) * (a[-1] - y)  # (22)
    grads = []
    for i in range(len(params) - 1, -1, -1):  # layers L, L-1, ..., 2
        grads.append((np.outer(delta, a[i]), delta))  # (25), (24); a[i] is a[l-1]
        if i > 0:
            W_next = params[i][0]
            delta = sigmoid_prime(z[i - 1]) * (W_next.T @ delta)  # (23)
    return grads[::-1]


def cost(params: list[tuple[np.ndarray, np.ndarray]], x: np.ndarray, y: np.ndarray) -> float:
    """C = 1/2 ||y - F(x)||^2, eq. (18)."""
    _, a = forward(params, x)
    return 0.5 * float(np.sum((y - a[-1]) ** 2))


if __name__ == "__main__":
    rng = np.random.default_rng(5000)
    sizes = [2, 2, 3, 2]
    params = [(0.5 * rng.standard_normal((m, n)), 0.5 * rng.standard_normal(m)) for n, m in itertools.pairwise(sizes)]
    x, y = np.array([0.1, 0.1]), np.array([1.0, 0.0])
    for layer, (dW, db) in enumerate(grad(params, x, y), start=2):
        print(f"dC/dW{layer} =\n{dW}\ndC/db{layer} = {db}")
