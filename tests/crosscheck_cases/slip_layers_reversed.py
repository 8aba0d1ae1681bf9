"""Slip: a class-based backprop that collects the layers from L down to 2 and forgets to reverse them.

Expected: on 2-2-3-2 the shapes give it away (bad usage, "reverse order"); on 2-2-2-2 W2, b2, W4, b4
are wrong (each holds the other layer's block) and W3, b3 right.
"""

import numpy as np


class Net:
    def __init__(self):
        self.lr = 0.05

    def sigma(self, z):
        return 1 / (1 + np.exp(-z))

    def backward(self, params, x, y):
        self.a = [x]
        for W, b in params:
            self.a.append(self.sigma(W @ self.a[-1] + b))
        err = (self.a[-1] - y) * self.a[-1] * (1 - self.a[-1])
        grads = []
        for l in range(len(params), 0, -1):
            grads.append((np.outer(err, self.a[l - 1]), err))
            err = (params[l - 1][0].T @ err) * self.a[l - 1] * (1 - self.a[l - 1])
        # slip: forgets to reverse
        return grads


net = Net()
grad = net.backward
