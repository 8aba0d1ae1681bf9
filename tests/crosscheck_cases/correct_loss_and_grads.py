"""A class in the cs231n style: ``params`` dict W1, b1, W2, b2 (x @ W), ``loss(X, y)`` returning (loss, grads).

Sigmoid hidden layer, ½‖y − a‖² on an identity output, mean over the batch; built as ``Model(sizes)``.
"""

import numpy as np


class Model:
    def __init__(self, sizes):
        n_in, n_hidden, n_out = sizes
        self.params = {"W1": np.zeros((n_in, n_hidden)), "b1": np.zeros(n_hidden)}
        self.params.update({"W2": np.zeros((n_hidden, n_out)), "b2": np.zeros(n_out)})

    def loss(self, X, Y):
        p = self.params
        H = 1 / (1 + np.exp(-(X @ p["W1"] + p["b1"])))
        out = H @ p["W2"] + p["b2"]
        N = X.shape[0]
        loss = 0.5 * np.sum((out - Y) ** 2) / N
        d_out = (out - Y) / N
        d_hidden = d_out @ p["W2"].T * H * (1 - H)
        grads = {"W2": H.T @ d_out, "b2": d_out.sum(axis=0), "W1": X.T @ d_hidden, "b1": d_hidden.sum(axis=0)}
        return loss, grads
