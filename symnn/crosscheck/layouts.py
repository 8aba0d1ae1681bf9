r"""How symnn hands a point to the user's code: the array layouts people write.

=========  ===================  ======================  ==================  =============
layout     the layer is         W[l]                    b[l]                inputs X
=========  ===================  ======================  ==================  =============
vector     ``W @ x + b``        (n_l, n_{l−1})          (n_l,)              x of (n_1,)
columns    ``W @ X + b``        (n_l, n_{l−1})          (n_l, 1)            (n_1, N)
rows       ``X @ W + b``        (n_{l−1}, n_l)          (n_l,)              (N, n_1)
=========  ===================  ======================  ==================  =============

Nielsen's ``network.py`` is ``columns`` with N = 1 (x of shape (784, 1)). For a class or a
module symnn reads the layout from the shapes of the arrays the user's own code created, and
says which it found; where the shapes cannot tell (every W square and b of shape (n_l,)) it
asks for ``--layout`` rather than guessing.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["LAYOUTS", "detect", "hand_inputs", "hand_params"]

Array = NDArray[np.float64]

LAYOUTS = ("vector", "columns", "rows")


def hand_params(params: list[tuple[Array, Array]], layout: str) -> list[tuple[Array, Array]]:
    """symnn's ``[(W, b), ...]`` (W of (n_l, n_{l−1}), b of (n_l,)) as the layout has them."""
    if layout == "rows":
        return [(W.T.copy(), b.copy()) for W, b in params]
    if layout == "columns":
        return [(W.copy(), b.reshape(-1, 1).copy()) for W, b in params]
    return [(W.copy(), b.copy()) for W, b in params]


def hand_inputs(X: Array, Y: Array, labels: NDArray[np.int64] | None, layout: str) -> tuple[Any, Any]:
    """The batch (rows X of (N, n_1), Y of (N, n_L)) as the layout has it; integer labels when given."""
    if layout == "rows":
        return X.copy(), (labels.copy() if labels is not None else Y.copy())
    if layout == "columns":
        return X.T.copy(), (labels.copy() if labels is not None else Y.T.copy())
    return X[0].copy(), (int(labels[0]) if labels is not None else Y[0].copy())


def detect(sizes: tuple[int, ...], weights: list[Any], biases: list[Any]) -> tuple[str | None, str]:
    """The layout of arrays a user's code created (None when the shapes cannot tell), and why.

    Examples:
        >>> import numpy as np
        >>> detect((3, 2), [np.zeros((2, 3))], [np.zeros((2, 1))])[0]
        'columns'
        >>> detect((3, 2), [np.zeros((3, 2))], [np.zeros(2)])[0]
        'rows'
        >>> detect((2, 2), [np.zeros((2, 2))], [np.zeros(2)])[0] is None
        True
    """
    w_shapes = [tuple(np.shape(w)) for w in weights]
    b_shapes = [tuple(np.shape(b)) for b in biases]
    canonical = [(m, n) for n, m in pairwise(sizes)]
    w_at_x = all(s == c for s, c in zip(w_shapes, canonical, strict=True))
    x_at_w = all(s == c[::-1] for s, c in zip(w_shapes, canonical, strict=True))
    column_b = all(len(s) == 2 and s[1] == 1 and s[0] > 1 for s in b_shapes)
    row_b = all(len(s) == 2 and s[0] == 1 and s[1] > 1 for s in b_shapes)
    shown = f"W shapes {w_shapes}, b shapes {b_shapes}"
    if w_at_x and not x_at_w:
        return ("columns" if column_b else "vector"), f"W @ x from the shapes ({shown})"
    if x_at_w and not w_at_x:
        return "rows", f"x @ W from the shapes ({shown})"
    if w_at_x and x_at_w:
        if column_b:
            return "columns", f"W @ x, from the (n, 1) biases (every W is square: {shown})"
        if row_b:
            return "rows", f"x @ W, from the (1, n) biases (every W is square: {shown})"
        return None, f"every W is square and the biases are flat ({shown}): W @ x and x @ W look the same"
    return None, f"the shapes fit neither W @ x nor x @ W for layers {'-'.join(map(str, sizes))} ({shown})"
