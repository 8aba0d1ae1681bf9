"""Correct: entry by entry, no matrix products, the gradient returned as one flat vector.

The flat order is symnn's: W2 row-major, b2, W3 row-major, b3, W4 row-major, b4.
"""

import math


def sigma(t):
    return 1.0 / (1.0 + math.exp(-t))


def gradient(params, x, y):
    acts = [list(x)]
    pre = []
    for W, b in params:
        z = [sum(W[j][k] * acts[-1][k] for k in range(len(acts[-1]))) + b[j] for j in range(len(b))]
        pre.append(z)
        acts.append([sigma(t) for t in z])
    out = acts[-1]
    deltas = [None] * len(params)
    deltas[-1] = [sigma(pre[-1][j]) * (1 - sigma(pre[-1][j])) * (out[j] - y[j]) for j in range(len(out))]
    for i in range(len(params) - 2, -1, -1):
        W_up = params[i + 1][0]
        deltas[i] = [
            sigma(pre[i][k]) * (1 - sigma(pre[i][k])) * sum(W_up[j][k] * deltas[i + 1][j] for j in range(len(W_up)))
            for k in range(len(pre[i]))
        ]
    flat = []
    for i, delta in enumerate(deltas):
        for j in range(len(delta)):
            for k in range(len(acts[i])):
                flat.append(delta[j] * acts[i][k])
        flat.extend(delta)
    return flat
