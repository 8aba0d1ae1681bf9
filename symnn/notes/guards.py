r"""Work bounded before it is done: exponents, digits of powers, symbolic expansions, matrix powers.

A formula such as ``9^{9^{9}}`` or ``(\sqrt2+\sqrt3)^{9999}`` is refused here at once (unchecked,
"too large"), before SymPy is asked to build it.
"""

from __future__ import annotations

import math

import sympy as sp

from symnn.notes.scope import Unchecked, Value

__all__ = ["MAX_BITS", "MAX_EXPANSION", "MAX_EXPONENT", "MAX_FACTORIAL", "MAX_OPS", "guard", "power"]

#: Largest exponent evaluated, digits (bits) of an exact number, terms of a symbolic expansion.
MAX_EXPONENT = 10_000
MAX_BITS = 200_000
MAX_EXPANSION = 5_000
MAX_FACTORIAL = 1_000
MAX_OPS = 4_000


def guard(value: Value) -> Value:
    """Refuse values that are not finite numbers or are too large to judge quickly."""
    entries = list(value) if isinstance(value, sp.MatrixBase) else [value]
    for entry in entries:
        if entry.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise Unchecked("the value is infinite or undefined (a division by zero?)")
        if entry.has(sp.Float):
            raise Unchecked("a float appeared; refusing an inexact value")
        if entry.is_Rational and int(entry.p).bit_length() + int(entry.q).bit_length() > MAX_BITS:
            raise Unchecked(f"a number with more than {MAX_BITS} bits")
        if not entry.is_Atom and sp.count_ops(entry) > MAX_OPS:
            raise Unchecked(f"an expression with more than {MAX_OPS} operations")
        if entry.free_symbols and _expanded_terms(entry) > MAX_EXPANSION:
            raise Unchecked("an expression too large to expand")
    return value


def _expanded_terms(expr: sp.Expr) -> int:
    """An upper bound on the number of terms of ``expr`` expanded (judging expands it).

    Examples:
        >>> x, y = sp.symbols("x y")
        >>> _expanded_terms((x + y) ** 3 * (x + 1))
        8
    """
    if not expr.free_symbols:
        return 1
    if expr.is_Add:
        return sum(_expanded_terms(term) for term in expr.args)
    if expr.is_Mul:
        return math.prod(_expanded_terms(factor) for factor in expr.args)
    if expr.is_Pow and expr.exp.is_Integer:
        terms = _expanded_terms(expr.base)
        power = int(abs(expr.exp))
        if terms == 1:
            return 1
        if power > MAX_EXPANSION:
            return MAX_EXPANSION + 1
        return math.comb(power + terms - 1, terms - 1)
    return 1


def power(base: Value, exponent: Value) -> Value:
    if isinstance(exponent, sp.MatrixBase):
        raise Unchecked("a power with a vector exponent")
    if isinstance(base, sp.MatrixBase):
        if not base.is_square and not base.free_symbols and exponent.is_Integer and 2 <= exponent <= 4:
            # (y_{out} - y)^2 of a row of numbers, one a sample: no matrix power, so entry by entry (numpy's **)
            return base.applyfunc(lambda entry: entry ** int(exponent))
        if exponent == -1 and base.is_square and not base.free_symbols and base.shape[0] <= 8:
            if base.det() == 0:
                raise Unchecked("the inverse of a singular matrix")
            return sp.ImmutableMatrix(base.inv())  # (A^T A)^{-1} of the normal equations, exactly
        if exponent.is_Integer and -4 <= exponent <= -1 and base.is_square and base.free_symbols and base.rows <= 3:
            # B^{-1}, B^{-2} of a matrix of symbols (matrix-calculus notes assume the inverse exists): adj(B)/det(B)
            determinant = sp.factor(base.det())
            if determinant == 0:
                raise Unchecked("the inverse of a singular matrix")
            return sp.ImmutableMatrix((base.adjugate() / determinant) ** int(-exponent))
        if not (exponent.is_Integer and 0 <= exponent <= 64 and base.is_square):
            raise Unchecked("a power of a matrix other than a small integer power of a square matrix")
        if base.free_symbols and exponent > 8:
            raise Unchecked("too large to check: a symbolic matrix to a power above 8")
        return sp.ImmutableMatrix(base ** int(exponent))
    if (
        not exponent.free_symbols
        and not base.is_Rational
        and base.is_Add
        and exponent.is_Integer
        and abs(exponent) > 64
    ):
        raise Unchecked("too large to check: a power above 64 of a sum that is not a rational number")
    if not exponent.free_symbols:
        size = abs(exponent) if exponent.is_Rational else abs(sp.N(exponent, 15))
        if size > MAX_EXPONENT:
            raise Unchecked(f"an exponent larger than {MAX_EXPONENT}")
        if exponent.is_Integer and base.is_Rational:
            bits = (int(base.p).bit_length() + int(base.q).bit_length()) * int(abs(exponent))
            if bits > MAX_BITS:
                raise Unchecked(f"a power with more than {MAX_BITS} bits")
        if exponent.is_Integer and base.free_symbols:
            terms = len(sp.Add.make_args(sp.expand(base) if sp.count_ops(base) < 50 else base))
            if terms > 1 and math.comb(int(abs(exponent)) + terms - 1, terms - 1) > MAX_EXPANSION:
                raise Unchecked("a symbolic power too large to expand")
    elif base.free_symbols or not base.is_number:
        pass
    return sp.Pow(base, exponent)
