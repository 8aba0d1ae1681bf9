r"""``symnn train digits``: a 64-32-10 softmax network on scikit-learn's bundled 8×8 handwritten digits.

The data set (1,797 images of 8×8 pixels, 16 grey levels, UCI's optical digits test set) ships
inside scikit-learn (``sklearn.datasets.load_digits``), so nothing is downloaded. Pixels are
scaled to [0, 1]; a fixed split (seeded permutation, 20 % test) is used for every run.

Training is mini-batch stochastic gradient with momentum on the softmax cross-entropy
(mean over the batch) with integer class labels,

.. math:: v \leftarrow \mu v - \eta \nabla C_{\text{batch}}(\theta), \qquad \theta \leftarrow \theta + v,

the gradient being the compiled matrix program (Lemma 1 over the batch, :mod:`symnn.matrix`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from symnn.errors import SymnnError
from symnn.network import Network
from symnn.numeric import CompiledNetwork

__all__ = ["DIGITS_LAYERS", "DigitsData", "DigitsResult", "digits_network", "load_digits_data", "train_digits"]

#: The architecture: 64 pixels, 32 hidden neurons, 10 classes.
DIGITS_LAYERS = (64, 32, 10)

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


@dataclass(frozen=True)
class DigitsData:
    """The fixed split: images as rows of 64 pixels in [0, 1], labels 0..9.

    Attributes:
        X_train, y_train: 1,437 training images (N × 64) and labels (N,).
        X_test, y_test: 360 test images and labels.
        images_test: the test images as 8 × 8 arrays (for the figure of misclassified digits).
    """

    X_train: Floats
    y_train: Ints
    X_test: Floats
    y_test: Ints
    images_test: Floats


def load_digits_data(seed: int = 0, test_fraction: float = 0.2) -> DigitsData:
    """The digits from scikit-learn's bundled copy, split by a seeded permutation."""
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        raise SymnnError("the digits data set ships with scikit-learn: pip install 'symnn[digits]'") from None
    bunch = load_digits()
    X = np.asarray(bunch.data, dtype=np.float64) / 16.0
    y = np.asarray(bunch.target, dtype=np.int64)
    order = np.random.default_rng(seed).permutation(len(y))
    n_test = round(test_fraction * len(y))
    test, train = order[:n_test], order[n_test:]
    return DigitsData(X[train], y[train], X[test], y[test], np.asarray(bunch.images, dtype=np.float64)[test] / 16.0)


def digits_network(activation: str = "tanh") -> Network:
    """The 64-32-10 network, ``activation`` in the hidden layer, softmax cross-entropy output."""
    return Network(DIGITS_LAYERS, [activation, "softmax"], "cross-entropy")


@dataclass(frozen=True)
class DigitsResult:
    """What :func:`train_digits` did.

    Attributes:
        theta: the final parameters (P,).
        loss: the training cost after each epoch (E,), and before the first at index 0 (E + 1,).
        train_accuracy, test_accuracy: per epoch, (E + 1,), index 0 before training.
        confusion: 10 × 10 counts on the test set, row = true class, column = predicted.
        misclassified: indices of the wrong test images.
        seconds: wall time of the training loop.
    """

    theta: Floats
    loss: Floats
    train_accuracy: Floats
    test_accuracy: Floats
    confusion: Ints
    misclassified: Ints
    seconds: float

    @property
    def final_loss(self) -> float:
        """The training cost after the last epoch."""
        return float(self.loss[-1])


def _accuracy(compiled: CompiledNetwork, theta: Floats, X: Floats, y: Ints) -> float:
    return float(np.mean(np.argmax(compiled.forward(theta, X), axis=1) == y))


def initial_parameters(network: Network, rng: np.random.Generator) -> Floats:
    """W[l] ~ N(0, 1/n_{l−1}) (LeCun), b[l] = 0, in ``network.parameters()`` order."""
    blocks = []
    for layer in network.stack:
        blocks += [rng.standard_normal(layer.n_out * layer.n_in) / np.sqrt(layer.n_in), np.zeros(layer.n_out)]
    return np.concatenate(blocks)


def train_digits(
    compiled: CompiledNetwork,
    data: DigitsData,
    *,
    epochs: int = 30,
    batch_size: int = 32,
    eta: float = 0.1,
    momentum: float = 0.9,
    seed: int = 0,
    progress: Callable[[int], object] | None = None,
) -> DigitsResult:
    """Mini-batch SGD with momentum on the training set; accuracies and cost per epoch."""
    rng = np.random.default_rng(seed)
    theta = initial_parameters(compiled.network, rng)
    velocity = np.zeros_like(theta)
    X, y = data.X_train, data.y_train
    Y = np.eye(10)[y]  # one-hot once, not per step
    loss = [compiled.cost(theta, X, Y)]
    train_acc = [_accuracy(compiled, theta, X, y)]
    test_acc = [_accuracy(compiled, theta, data.X_test, data.y_test)]
    start = time.perf_counter()
    for _ in range(epochs):
        order = rng.permutation(len(y))
        for first in range(0, len(y), batch_size):
            rows = order[first : first + batch_size]
            velocity = momentum * velocity - eta * compiled.gradient(theta, X[rows], Y[rows])
            theta = theta + velocity
        loss.append(compiled.cost(theta, X, Y))
        if not np.isfinite(loss[-1]):
            raise SymnnError(f"training diverged: the cost is {loss[-1]} (try a smaller eta)")
        train_acc.append(_accuracy(compiled, theta, X, y))
        test_acc.append(_accuracy(compiled, theta, data.X_test, data.y_test))
        if progress is not None:
            progress(1)
    seconds = time.perf_counter() - start
    predicted = np.argmax(compiled.forward(theta, data.X_test), axis=1)
    confusion = np.zeros((10, 10), dtype=np.int64)
    np.add.at(confusion, (data.y_test, predicted), 1)
    wrong = np.flatnonzero(predicted != data.y_test)
    return DigitsResult(
        theta, np.array(loss), np.array(train_acc), np.array(test_acc), confusion, wrong.astype(np.int64), seconds
    )
