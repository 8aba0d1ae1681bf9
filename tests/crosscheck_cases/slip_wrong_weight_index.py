"""δ[l] = σ'(z[l]) ∘ W[l]ᵀ δ[l+1]: the weights of layer l where eq. (23) has W[l+1] (an index slip). 2-2-2-2.

Wrong: b3 (the first wrong δ), then W3, b2, W2 by propagation.
"""

import numpy as np


def grad(params, x, y):
    a, z = [x], []
    for W, b in params:
        z.append(W @ a[-1] + b)
        a.append(1 / (1 + np.exp(-z[-1])))
    delta = a[-1] * (1 - a[-1]) * (a[-1] - y)
    out = [None] * len(params)
    for i in reversed(range(len(params))):  # params[i] is layer i + 2
        out[i] = (np.outer(delta, a[i]), delta)
        if i:
            delta = a[i] * (1 - a[i]) * (params[i - 1][0].T @ delta)  # slip: params[i] is W[l+1]
    return out
