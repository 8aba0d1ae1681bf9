"""Slip: the bias gradient of layer 2 taken from delta[3] (an index slip); runs when n_2 = n_3.

Expected on 2-2-2-2: only b2 wrong, holding dC/db3.
"""

import numpy as np


def sig(t):
    return 1 / (1 + np.exp(-t))


def grad(params, x, y):
    a = [x]
    for W, b in params:
        a.append(sig(W @ a[-1] + b))
    ds = [None] * len(params)
    ds[-1] = a[-1] * (1 - a[-1]) * (a[-1] - y)
    for i in range(len(params) - 2, -1, -1):
        ds[i] = a[i + 1] * (1 - a[i + 1]) * (params[i + 1][0].T @ ds[i + 1])
    # bias of layer 2 taken from the next layer's delta (an index slip)
    return [(np.outer(ds[i], a[i]), ds[i + 1] if i == 0 else ds[i]) for i in range(len(params))]
