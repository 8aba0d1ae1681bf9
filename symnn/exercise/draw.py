"""Drawing the numbers of a sheet: reproducible, short, and exact.

Each sheet has its own :class:`random.Random`, seeded by the text ``"topic:seed:variant"``
(string seeds are hashed with SHA-512 by :mod:`random`, the same on every run and
machine), so a seed gives the same sheet every time and variants differ. Numbers are
drawn as integers or short decimals and returned as exact SymPy rationals: a decimal
enters as ``Rational("0.3")``, never a float.

Examples:
    >>> d = Draw.for_sheet("gradient", 1, 1)
    >>> d.decimal(-5, 5, places=1) == Draw.for_sheet("gradient", 1, 1).decimal(-5, 5, places=1)
    True
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

import sympy as sp

__all__ = ["Draw"]

T = TypeVar("T")


class Draw:
    """Exact numbers drawn from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    @classmethod
    def for_sheet(cls, topic: str, seed: int, variant: int) -> Draw:
        """The generator of sheet ``variant`` of ``topic`` drawn with ``seed``."""
        return cls(random.Random(f"{topic}:{seed}:{variant}"))

    def integer(self, low: int, high: int, *, nonzero: bool = False) -> sp.Integer:
        """An integer in [low, high] (not 0 when ``nonzero``)."""
        choices = [n for n in range(low, high + 1) if n or not nonzero]
        return sp.Integer(self.rng.choice(choices))

    def decimal(self, low: int, high: int, *, places: int = 1, nonzero: bool = False) -> sp.Rational:
        """A decimal ``k / 10**places`` with k in [low, high] (not 0 when ``nonzero``).

        Examples:
            >>> Draw(random.Random(0)).decimal(1, 9, places=2)
            7/100
        """
        return self.integer(low, high, nonzero=nonzero) / sp.Integer(10) ** places

    def choice(self, options: Sequence[T]) -> T:
        """One of ``options``."""
        return self.rng.choice(list(options))

    def sample(self, options: Sequence[T], count: int) -> list[T]:
        """``count`` different items of ``options``, in drawn order."""
        return self.rng.sample(list(options), count)
