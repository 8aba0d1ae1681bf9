"""Slip: dC/dW[l] uses a[l] instead of a[l-1] (eq. (25)) for l >= 3; it only runs when the sizes agree.

Expected on 2-2-2-2: W3, W4 wrong; all else right.
"""

import numpy as np


def sig(t):
    return 1 / (1 + np.exp(-t))


def grad(params, x, y):
    acts = {1: x}
    zs = {}
    L = len(params) + 1
    for l in range(2, L + 1):
        W, b = params[l - 2]
        zs[l] = W @ acts[l - 1] + b
        acts[l] = sig(zs[l])
    d = {L: acts[L] * (1 - acts[L]) * (acts[L] - y)}
    for l in range(L - 1, 1, -1):
        d[l] = acts[l] * (1 - acts[l]) * (params[l - 1][0].T @ d[l + 1])
    # dW uses acts[l] rather than acts[l-1] -- only runs when sizes agree
    return [(np.outer(d[l], acts[l] if l > 2 else acts[l - 1]), d[l]) for l in range(2, L + 1)]
