r"""Assertions for a user's own test suite: ``assert_backprop`` fails with symnn's block table.

    # test_mynet.py, in the user's project
    from symnn.testing import assert_backprop

    def test_backprop():
        assert_backprop("mynet.py:Network.backprop", "2-2-3-2")

It runs :func:`symnn.crosscheck.crosscheck` and, when a block is wrong, raises
``AssertionError`` whose message is the same table and diagnosis ``symnn crosscheck`` prints,
so pytest shows which block is wrong and why.
"""

from __future__ import annotations

from typing import Any

__all__ = ["assert_backprop"]


def assert_backprop(
    code: Any, layers: Any, activation: Any = "sigmoid", cost: str = "quadratic", **options: Any
) -> Any:
    """Assert that the user's backprop agrees with the exact gradient in every block.

    Args:
        code: ``"PATH.py:NAME"`` or a callable, as for :func:`symnn.crosscheck.crosscheck`.
        layers: a :class:`~symnn.network.Network` or layer sizes (``"2-2-3-2"``).
        activation: the activation(s) when ``layers`` are sizes.
        cost: the loss when ``layers`` are sizes.
        **options: passed on: ``points``, ``seed``, ``batch``, ``layout``, ``labels``, ``tolerance``, ...

    Returns:
        The :class:`~symnn.crosscheck.CrossCheck`, when every block agrees.

    Raises:
        AssertionError: with the block table and the diagnoses, when a block is wrong.

    Examples:
        >>> import numpy as np
        >>> def grad(params, x, y):  # C = ½(w x + b − y)², identity activation
        ...     (W, b), = params
        ...     r = W @ x + b - y
        ...     return [(np.outer(r, x), r)]
        >>> assert_backprop(grad, "1-1", activation="identity").ok
        True
    """
    from symnn.crosscheck import crosscheck, format_text

    result = crosscheck(layers, code, activation=activation, cost=cost, **options)
    if not result.ok:
        raise AssertionError("backprop disagrees with the exact gradient\n" + format_text(result))
    return result
