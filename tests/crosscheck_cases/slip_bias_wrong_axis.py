"""A batched x @ W backprop whose db sums over axis 1 (the units) instead of axis 0 (the batch).

Run with --layout rows --batch 3 on 2-3-3: b3 and b2 are wrong ("summed over the wrong axis"), the W blocks
are right, and no δ slip is reported.
"""

import numpy as np


def grad(params, X, Y):
    A, As = X, [X]
    for W, b in params:
        A = 1 / (1 + np.exp(-(A @ W + b)))
        As.append(A)
    N = X.shape[0]
    delta = (As[-1] - Y) * As[-1] * (1 - As[-1]) / N
    out = [None] * len(params)
    for i in reversed(range(len(params))):
        out[i] = (As[i].T @ delta, delta.sum(axis=1))  # slip: axis=0 sums over the batch
        if i:
            delta = (delta @ params[i][0].T) * As[i] * (1 - As[i])
    return out
