r"""The figures of Higham & Higham (2019), Section 6, from a training run (matplotlib, extra ``plot``).

- :func:`plot_cost`: the scaled cost :math:`\sum_i \lVert y^{\{i\}} - F(x^{\{i\}})\rVert_2^2`
  against the step, on a log axis (their Figure 7);
- :func:`plot_regions`: the decision regions on a fine grid of :math:`[0,1]^2`, shaded
  where :math:`F_1(x) > F_2(x)` (category A), with the data drawn as circles (A) and
  crosses (B) (their Figure 8).

Each writes a PNG and a PDF. The files are deterministic: no creation date in the PDF,
no software stamp in the PNG.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from symnn.errors import SymnnError
from symnn.files import write_atomic
from symnn.numeric import CompiledNetwork
from symnn.train import History

__all__ = [
    "FORMATS",
    "decision_grid",
    "plot_confusion",
    "plot_cost",
    "plot_digits_history",
    "plot_misclassified",
    "plot_regions",
]

#: The formats every figure is written in.
FORMATS = ("png", "pdf")

_METADATA = {"png": {"Software": None}, "pdf": {"CreationDate": None, "Producer": None, "Creator": None}}


def _figure(size: tuple[float, float]) -> tuple[Any, Any]:
    """A new figure and its axes, without pyplot (no global state, no GUI backend)."""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise SymnnError("figures need matplotlib: pip install 'symnn[plot]'") from None
    figure = Figure(figsize=size)
    return figure, figure.add_subplot()


def _save(figure: Any, stem: Path) -> list[Path]:
    """Write ``stem.png`` and ``stem.pdf`` atomically (rendered in memory, then renamed into place)."""
    paths = []
    for fmt in FORMATS:
        path = stem.with_name(f"{stem.name}.{fmt}")
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, dpi=150, metadata=_METADATA[fmt])
        paths.append(write_atomic(path, buffer.getvalue()))
    return paths


def plot_cost(history: History, stem: Path | str, title: str = "") -> list[Path]:
    """The scaled cost against the step, log axis (Higham & Higham 2019, Figure 7).

    Args:
        history: the recorded costs of a training run.
        stem: output path without suffix; writes ``stem.png`` and ``stem.pdf``.
        title: an optional title.

    Returns:
        The paths written.
    """
    figure, axes = _figure((5.5, 4))
    axes.semilogy(history.steps, history.scaled_cost, color="tab:red", linewidth=1.2)
    axes.set_xlabel("Iteration Number")
    axes.set_ylabel(r"scaled cost $\Sigma_i\,\|y^{\{i\}} - F(x^{\{i\}})\|_2^2$")
    axes.set_xlim(0, max(1, int(history.steps[-1])))
    axes.grid(True, which="major", alpha=0.3)
    if title:
        axes.set_title(title)
    figure.tight_layout()
    return _save(figure, Path(stem))


def decision_grid(
    compiled: CompiledNetwork, theta: ArrayLike, grid: int = 501
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_]]:
    r"""Where :math:`F_1(x) > F_2(x)` on a ``grid`` × ``grid`` mesh of [0,1]².

    Returns:
        ``(u, v, category_a)``, each ``grid`` × ``grid``: the mesh coordinates x_1 = u,
        x_2 = v (``numpy.meshgrid`` order: row i has x_2 = i/(grid − 1)) and whether F_1 > F_2 there.
    """
    if compiled.network.layers[0] != 2 or compiled.network.layers[-1] != 2:
        raise SymnnError("decision regions are drawn for networks with 2 inputs and 2 outputs")
    if grid < 2:
        raise SymnnError(f"the grid needs at least 2 points per side, got {grid}")
    axis = np.linspace(0.0, 1.0, grid)
    u, v = np.meshgrid(axis, axis)
    F = compiled.forward(theta, np.column_stack([u.ravel(), v.ravel()]))
    return u, v, (F[:, 0] > F[:, 1]).reshape(u.shape)


def plot_regions(
    compiled: CompiledNetwork,
    theta: ArrayLike,
    X: ArrayLike,
    Y: ArrayLike,
    stem: Path | str,
    grid: int = 501,
    title: str = "",
) -> list[Path]:
    r"""The decision regions on a ``grid`` × ``grid`` mesh of [0,1]² (Higham & Higham 2019, Figure 8).

    Shaded where :math:`F_1(x) > F_2(x)` (category A); the data are drawn as circles
    (category A, target [1, 0]) and crosses (category B, target [0, 1]).

    Args:
        compiled: a compiled network with two inputs and two outputs.
        theta: parameters, shape (P,).
        X: the data, shape (N, 2); Y: its targets, shape (N, 2).
        stem: output path without suffix; writes ``stem.png`` and ``stem.pdf``.
        grid: points per side of the mesh (the paper's 501).
        title: an optional title.

    Returns:
        The paths written.
    """
    figure, axes = _figure((4.5, 4.5))
    from matplotlib.colors import ListedColormap

    X, Y = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)
    _, _, category_a = decision_grid(compiled, theta, grid)
    shades = ListedColormap(["white", "0.82"])
    axes.imshow(category_a, origin="lower", extent=(0, 1, 0, 1), cmap=shades, vmin=0, vmax=1, interpolation="nearest")
    in_a = Y[:, 0] > Y[:, 1]
    axes.plot(X[in_a, 0], X[in_a, 1], "o", color="tab:red", markersize=10, markerfacecolor="none", markeredgewidth=2)
    axes.plot(X[~in_a, 0], X[~in_a, 1], "x", color="tab:blue", markersize=10, markeredgewidth=2)
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    axes.set_aspect("equal")
    axes.set_xlabel(r"$x_1$")
    axes.set_ylabel(r"$x_2$")
    if title:
        axes.set_title(title)
    figure.tight_layout()
    return _save(figure, Path(stem))


def plot_digits_history(result: Any, stem: Path | str) -> list[Path]:
    """Training cost and train/test accuracy per epoch (``symnn train digits``)."""
    figure, ax = _figure((6.4, 3.6))
    epochs = np.arange(len(result.loss))
    ax.plot(epochs, result.loss, color="black", label="training cost")
    ax.set_xlabel("epoch")
    ax.set_ylabel("cross-entropy cost")
    ax.set_yscale("log")
    right = ax.twinx()
    right.plot(epochs, result.train_accuracy, color="tab:blue", label="train accuracy")
    right.plot(epochs, result.test_accuracy, color="tab:orange", label="test accuracy")
    right.set_ylabel("accuracy")
    right.set_ylim(0, 1)
    lines = ax.get_lines() + right.get_lines()
    right.legend(lines, [line.get_label() for line in lines], loc="center right")
    figure.tight_layout()
    return _save(figure, Path(stem))


def plot_confusion(confusion: NDArray[np.int64], stem: Path | str) -> list[Path]:
    """The 10 × 10 confusion matrix of the test set, counts written in the cells."""
    figure, ax = _figure((4.8, 4.4))
    ax.imshow(confusion, cmap="Blues")
    for (i, j), count in np.ndenumerate(confusion):
        if count:
            ax.text(j, i, str(count), ha="center", va="center", fontsize=7, color="white" if i == j else "black")
    ax.set_xticks(range(10))
    ax.set_yticks(range(10))
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    figure.tight_layout()
    return _save(figure, Path(stem))


def plot_misclassified(data: Any, result: Any, compiled: CompiledNetwork, stem: Path | str) -> list[Path]:
    """A grid of the misclassified test digits, each titled true → predicted."""
    wrong = result.misclassified[:40]
    predicted = np.argmax(compiled.forward(result.theta, data.X_test[wrong]), axis=1) if len(wrong) else []
    columns = 8
    rows = max(1, -(-len(wrong) // columns))
    from matplotlib.figure import Figure

    figure = Figure(figsize=(columns * 0.9, rows * 1.05 + 0.2))
    for k, (index, guess) in enumerate(zip(wrong, predicted, strict=True)):
        ax = figure.add_subplot(rows, columns, k + 1)
        ax.imshow(data.images_test[index], cmap="gray_r")
        ax.set_title(f"{data.y_test[index]} \u2192 {guess}", fontsize=8)
        ax.axis("off")
    if not len(wrong):
        figure.text(0.5, 0.5, "no misclassified test digits", ha="center")
    figure.tight_layout()
    return _save(figure, Path(stem))
