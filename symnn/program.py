r"""Straight-line programs: ordered assignments to named intermediates.

A network's forward pass and its backpropagation are kept as programs such as

    z_1__2 := w_11__2*x_1 + w_12__2*x_2 + b_1__2
    a_1__2 := sigma(z_1__2)
    ...

so that no expression ever swells: each right-hand side refers to earlier names only,
and the program grows linearly with the number of parameters. :meth:`Program.inline`
substitutes the names back to the inputs and parameters when a user wants the
expression written out; :meth:`Program.evaluate` runs the program exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

import sympy as sp

__all__ = ["Program"]


@dataclass(frozen=True)
class Program:
    """An ordered tuple of assignments ``(name, expression)``; each names a new symbol.

    Attributes:
        steps: the assignments, in execution order.
    """

    steps: tuple[tuple[sp.Symbol, sp.Expr], ...]

    @classmethod
    def of(cls, steps: Iterable[tuple[sp.Symbol, sp.Expr]]) -> Program:
        """Build a program from an iterable of ``(name, expression)`` pairs."""
        return cls(tuple((name, sp.sympify(value)) for name, value in steps))

    def __add__(self, other: Program) -> Program:
        return Program(self.steps + other.steps)

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def names(self) -> tuple[sp.Symbol, ...]:
        """The assigned names, in order."""
        return tuple(name for name, _ in self.steps)

    @cached_property
    def _definitions(self) -> dict[sp.Symbol, sp.Expr]:
        return dict(self.steps)

    def definition(self, name: sp.Symbol) -> sp.Expr:
        """The right-hand side assigned to ``name`` (KeyError when the program does not assign it)."""
        return self._definitions[name]

    def count_ops(self) -> int:
        """Total operation count of all right-hand sides (``sympy.count_ops``)."""
        return sum(int(sp.count_ops(value)) for _, value in self.steps)

    def inlined(self) -> dict[sp.Symbol, sp.Expr]:
        """Every name written out in the program's free inputs (parameters, x, y).

        Built step by step with ``xreplace``, so shared sub-expressions stay shared
        in memory and the work is linear in the program's length.
        """
        written: dict[sp.Symbol, sp.Expr] = {}
        for name, value in self.steps:
            written[name] = value.xreplace(written)
        return written

    def inline(self, expr: sp.Basic) -> sp.Basic:
        """Substitute the program's names in ``expr`` back to its free inputs.

        Examples:
            >>> import sympy as sp
            >>> x, u, v = sp.symbols("x u v")
            >>> Program.of([(u, x + 1), (v, u**2)]).inline(v)
            (x + 1)**2
        """
        return sp.sympify(expr).xreplace(self.inlined())

    def evaluate(self, values: Mapping[sp.Symbol, sp.Expr]) -> dict[sp.Symbol, sp.Expr]:
        """Run the program at ``values`` (a point for its free inputs), exactly.

        Returns:
            The given values together with the value of every name.

        Examples:
            >>> import sympy as sp
            >>> x, u, v = sp.symbols("x u v")
            >>> Program.of([(u, x + 1), (v, u**2)]).evaluate({x: sp.Rational(1, 2)})[v]
            9/4
        """
        known: dict[sp.Symbol, sp.Expr] = {symbol: sp.sympify(value) for symbol, value in values.items()}
        for name, value in self.steps:
            known[name] = value.xreplace(known)
        return known
