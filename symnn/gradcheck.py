r"""A finite-difference gradient checker: central differences, both values in the message.

Outside the exact core: it works on NumPy callables (a user's code, or compiled
symnn functions) in float64. The central difference

.. math:: \frac{\partial f}{\partial \theta_i} \approx \frac{f(\theta + h e_i) - f(\theta - h e_i)}{2h}

has error :math:`O(h^2)`; with h = 1e-6 and float64 it is good to about 1e-9 relative.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from symnn.errors import SymnnError

__all__ = ["GradientCheck", "check_gradient", "finite_difference_gradient"]


def finite_difference_gradient(
    f: Callable[[NDArray[np.float64]], float], theta: ArrayLike, h: float = 1e-6
) -> NDArray[np.float64]:
    """Central-difference gradient of the scalar function ``f`` at ``theta`` (shape (n,))."""
    point = np.asarray(theta, dtype=np.float64).ravel()
    grad = np.empty_like(point)
    for i in range(point.size):
        step = np.zeros_like(point)
        step[i] = h
        grad[i] = (f(point + step) - f(point - step)) / (2 * h)
    return grad


@dataclass(frozen=True)
class GradientCheck:
    """The outcome of :func:`check_gradient`.

    Attributes:
        ok: True when every entry agrees within tolerance.
        analytic: the gradient under test, shape (n,).
        numeric: the central-difference gradient, shape (n,).
        worst: index of the entry with the largest error relative to its tolerance.
        max_abs_error: the largest |analytic − numeric|.
        max_rel_error: the largest |analytic − numeric| / max(|numeric|, atol).
    """

    ok: bool
    analytic: NDArray[np.float64]
    numeric: NDArray[np.float64]
    worst: int
    max_abs_error: float
    max_rel_error: float

    @property
    def message(self) -> str:
        """One line: the verdict and both values at the worst entry."""
        i = self.worst
        verdict = "gradient agrees with central differences" if self.ok else "GRADIENT MISMATCH"
        return (
            f"{verdict}: worst entry {i}: analytic {self.analytic[i]:.12g}, "
            f"central difference {self.numeric[i]:.12g} (abs error {self.max_abs_error:.3g}, "
            f"rel error {self.max_rel_error:.3g})"
        )


def check_gradient(
    f: Callable[[NDArray[np.float64]], float],
    grad: Callable[[NDArray[np.float64]], ArrayLike],
    theta: ArrayLike,
    h: float = 1e-6,
    rtol: float = 1e-5,
    atol: float = 1e-7,
) -> GradientCheck:
    """Compare ``grad(theta)`` with central differences of ``f`` at ``theta``.

    Args:
        f: the scalar function, taking a flat float64 array of shape (n,).
        grad: its claimed gradient, returning shape (n,).
        theta: the point, shape (n,).
        h: the difference step.
        rtol, atol: an entry agrees when |analytic − numeric| <= atol + rtol·|numeric|.

    Examples:
        >>> import numpy as np
        >>> check_gradient(lambda t: t @ t, lambda t: 2 * t, np.array([1.0, 2.0])).ok
        True
    """
    point = np.asarray(theta, dtype=np.float64).ravel()
    analytic = np.asarray(grad(point), dtype=np.float64).ravel()
    if analytic.shape != point.shape:
        raise SymnnError(f"the gradient has shape {analytic.shape}; the point has shape {point.shape}")
    numeric = finite_difference_gradient(f, point, h)
    error = np.abs(analytic - numeric)
    allowed = atol + rtol * np.abs(numeric)
    worst = int(np.argmax(error / allowed))
    rel = error / np.maximum(np.abs(numeric), atol)
    return GradientCheck(bool(np.all(error <= allowed)), analytic, numeric, worst, float(error.max()), float(rel.max()))
