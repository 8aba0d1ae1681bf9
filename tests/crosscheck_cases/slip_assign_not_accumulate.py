"""Nielsen-style accumulation over a batch with `=` where `+=` is needed: only the last point counts.

Batch in rows (--layout rows --batch 4); every block is wrong, "only the last point of the batch counts".
"""

import numpy as np


def grad(params, X, Y):
    sums = [(np.zeros_like(W), np.zeros_like(b)) for W, b in params]
    for x, y in zip(X, Y, strict=True):
        a, z = [x], []
        for W, b in params:  # rows layout: W is (n_{l-1}, n_l)
            z.append(a[-1] @ W + b)
            a.append(1 / (1 + np.exp(-z[-1])))
        delta = a[-1] * (1 - a[-1]) * (a[-1] - y)
        for i in reversed(range(len(params))):
            sums[i] = (np.outer(a[i], delta), delta)  # slip: = where the sum needs +=
            if i:
                delta = a[i] * (1 - a[i]) * (params[i][0] @ delta)
    return [(dW / len(X), db / len(X)) for dW, db in sums]
