r"""When an entry of the user's gradient counts as equal to the exact one.

An entry agrees when :math:`|g_\text{yours} - g_\text{exact}| \le \text{atol} + \text{rtol}\,|g_\text{exact}|`.
The tolerance is derived from the floating-point type the user's code returns (float64,
float32, float16) and from the size of the gradient, unless the user gives one:

- ``rtol = 8 √ε`` of that type, rounded to one digit: 1e-7 for float64, 3e-3 for float32.
  A correct backprop rounds each entry a few dozen times, an error of a few ε per entry
  (``tests/test_crosscheck.py`` measures 1e-15 for float64, 1e-7 for float32), far below √ε;
  every slip symnn names changes entries by an O(1) factor, far above it.
- ``atol = rtol · 1e-2 · max |∂C/∂θ|``: entries much smaller than the gradient's scale carry
  the rounding of the larger terms they were summed from, not a relative accuracy of their own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["TOLERANCE", "Tolerance", "for_dtype"]


@dataclass(frozen=True)
class Tolerance:
    r"""Per-entry tolerance: ``|yours − exact| ≤ atol + rtol·|exact|``.

    Attributes:
        rtol: relative tolerance.
        atol: absolute tolerance.
        reason: how it was chosen (``"float32: rtol = 8√ε"``), or ``""`` when given.
    """

    rtol: float = 1e-7
    atol: float = 1e-9
    reason: str = ""

    def agrees(self, yours: NDArray[np.float64], exact: NDArray[np.float64]) -> NDArray[np.bool_]:
        """Entrywise verdict (NaN and inf never agree)."""
        return np.abs(yours - exact) <= self.atol + self.rtol * np.abs(exact)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tolerance) and (self.rtol, self.atol) == (other.rtol, other.atol)

    def __hash__(self) -> int:
        return hash((self.rtol, self.atol))

    def __str__(self) -> str:
        text = f"|yours - exact| <= {self.atol:.3g} + {self.rtol:.3g}*|exact|"
        return f"{text} ({self.reason})" if self.reason else text


#: The float64 tolerance for a gradient of scale 1; ``for_dtype`` derives the one used.
TOLERANCE = Tolerance()


def _one_digit(value: float) -> float:
    exponent = math.floor(math.log10(value))
    return round(value / 10**exponent) * 10.0**exponent


def for_dtype(dtype: np.dtype, scale: float) -> Tolerance:
    """The tolerance for code computing in ``dtype`` on a gradient whose largest entry is ``scale``.

    Examples:
        >>> t = for_dtype(np.dtype("float64"), 1.0)
        >>> t.rtol, t.atol
        (1e-07, 1e-09)
        >>> for_dtype(np.dtype("float32"), 1.0).rtol
        0.003
    """
    kind = np.dtype(dtype) if np.issubdtype(dtype, np.floating) else np.dtype(np.float64)
    rtol = _one_digit(8 * math.sqrt(float(np.finfo(kind).eps)))
    atol = _one_digit(rtol * 1e-2 * scale) if scale > 0 else rtol * 1e-2
    return Tolerance(rtol, atol, f"{kind.name}: rtol = 8√ε, atol = rtol · 1e-2 · max|∂C/∂θ|")
