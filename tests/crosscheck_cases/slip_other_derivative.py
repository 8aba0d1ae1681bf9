"""A class with ReLU hidden layers whose backward pass uses the sigmoid's derivative there (x @ W rows,
``weights``/``bias`` lists, returns (nabla_w, nabla_b)). Run on 3-4-2 with --activation relu,sigmoid:
b2 is wrong ("uses sigmoid′(z[2]) where layer 2 is relu") and W2 follows from it.
"""

import itertools

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


class Net:
    def __init__(self, sizes):
        self.weights = [np.zeros((m, n)) for m, n in itertools.pairwise(sizes)]
        self.bias = [np.zeros(n) for n in sizes[1:]]

    def backprop(self, x, y):
        h_in = x @ self.weights[0] + self.bias[0]
        h = np.maximum(h_in, 0)
        out = sigmoid(h @ self.weights[1] + self.bias[1])
        delta = (out - y) * out * (1 - out)
        grad_w = [None, h.T @ delta]
        grad_b = [None, delta.sum(axis=0)]
        delta = (delta @ self.weights[1].T) * sigmoid(h_in) * (1 - sigmoid(h_in))  # slip: ReLU' is (h_in > 0)
        grad_w[0], grad_b[0] = x.T @ delta, delta.sum(axis=0)
        return grad_w, grad_b
