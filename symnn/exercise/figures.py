r"""Comparing a student's number with an answer: exactly, or to the significant figures required.

An answer that has to be given to ``digits`` significant figures is right when the student's
decimal lies within half a unit of the last required place of the exact value (so a correct
rounding is right, and so is any longer decimal that agrees); a value within one unit but
not within a half is a *rounding* slip (truncated, or rounded the wrong way), and so is a
correct rounding to fewer figures than required. References are exact rationals or real
constants, compared through :data:`PRECISION`-digit evaluations.

Examples:
    >>> rounded_text(sp.sqrt(68), 4)
    '8.246'
    >>> judge_number(sp.Rational("0.5933"), sp.Rational("0.59336"), 4)  # truncated, not rounded
    'rounding'
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Literal

import mpmath
import sympy as sp

from symnn.latex import decimal_text

__all__ = ["PRECISION", "as_rational", "judge_number", "rounded_text", "unit"]

#: Digits of the evaluations that stand for an irrational value.
PRECISION = 40

Verdict = Literal["right", "rounding", "wrong"]


def as_rational(value: sp.Expr) -> sp.Rational:
    """``value`` itself when rational, else its :data:`PRECISION`-digit decimal as a rational.

    Examples:
        >>> as_rational(sp.Rational(1, 3))
        1/3
        >>> as_rational(sp.sqrt(2)) - sp.Rational("1.414213562373095048801688724209698078570")
        0
    """
    value = sp.sympify(value)
    if value.is_Rational:
        return value
    with mpmath.workdps(PRECISION + 20):
        number = _mp(value, {})
        if not isinstance(number, mpmath.mpf):
            raise ValueError(f"{value} is not a real number")
        return sp.Rational(mpmath.nstr(number, PRECISION, min_fixed=-mpmath.inf, max_fixed=mpmath.inf))


def _mp(expr: sp.Basic, seen: dict[sp.Basic, object]) -> object:
    """``expr`` in mpmath at the working precision, each distinct subtree evaluated once.

    SymPy's ``evalf`` evaluates a repeated subtree (the a[2] inside every z[3] of a sigmoid
    network) again each time it appears; a sheet's answers share most of theirs.
    """
    if expr in seen:
        return seen[expr]
    if expr.is_Rational:
        result: object = mpmath.mpf(expr.p) / expr.q
    elif isinstance(expr, sp.Add):
        result = mpmath.fsum(_mp(a, seen) for a in expr.args)
    elif isinstance(expr, sp.Mul):
        result = mpmath.fprod(_mp(a, seen) for a in expr.args)
    elif isinstance(expr, sp.Pow):
        result = mpmath.power(_mp(expr.base, seen), _mp(expr.exp, seen))
    elif isinstance(expr, sp.exp):
        result = mpmath.exp(_mp(expr.args[0], seen))
    elif isinstance(expr, sp.tanh):
        result = mpmath.tanh(_mp(expr.args[0], seen))
    elif isinstance(expr, sp.log):
        result = mpmath.log(_mp(expr.args[0], seen))
    else:
        result = sp.N(expr, mpmath.mp.dps)._to_mpmath(mpmath.mp.prec)
    seen[expr] = result
    return result


def _magnitude(value: sp.Rational) -> int:
    """e with 10**e <= |value| < 10**(e+1), for value != 0, exactly."""
    text = Decimal(value.p) / Decimal(value.q) if value.q != 1 else Decimal(value.p)
    exponent = text.adjusted()
    while abs(value) < sp.Integer(10) ** exponent:
        exponent -= 1
    while abs(value) >= sp.Integer(10) ** (exponent + 1):
        exponent += 1
    return exponent


def unit(value: sp.Expr, digits: int) -> sp.Rational:
    """One unit in the last of ``digits`` significant places of ``value``.

    Examples:
        >>> unit(sp.Rational("0.0082840"), 4), unit(sp.Integer(0), 4)
        (1/1000000, 1/10000)
    """
    reference = as_rational(value)
    if reference == 0:
        return sp.Rational(1, 10**digits)
    return sp.Integer(10) ** (_magnitude(reference) - digits + 1)


def rounded_text(value: sp.Expr, digits: int) -> str:
    """``value`` rounded (half away from zero) to ``digits`` significant figures, as a decimal.

    Examples:
        >>> rounded_text(sp.Rational(2, 3), 4), rounded_text(1 / (1 + sp.exp(sp.Rational(9, 100))), 4)
        ('0.6667', '0.4775')
    """
    reference = as_rational(value)
    step = unit(reference, digits)
    exponent = _magnitude(step)
    with localcontext() as context:
        context.prec = PRECISION + 10
        exact = Decimal(reference.p) / Decimal(reference.q)
        text = str(exact.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP))
    return decimal_text(sp.Rational(text)) or text if exponent >= 0 else _plain(text, -exponent)


def _plain(text: str, places: int) -> str:
    """A quantized decimal written out without an exponent."""
    value = Decimal(text)
    return f"{value:.{places}f}"


def judge_number(student: sp.Rational, reference: sp.Expr, digits: int | None, written: str = "") -> Verdict:
    """``"right"``, ``"rounding"`` or ``"wrong"`` for the student's value against ``reference``.

    Args:
        student: the student's number, exact (a decimal as written is a rational).
        reference: the exact value it should have.
        digits: significant figures required, or None for an exact answer.
        written: the student's text, to count the figures given (``"0.59"`` gives 2).
    """
    ref = as_rational(reference)
    if digits is None:
        return "right" if student == ref else "wrong"
    if student == ref:
        return "right"
    step = unit(ref, digits)
    distance = abs(student - ref)
    figures = _figures(written)
    if figures is not None and figures < digits:
        # fewer figures than required: a correct rounding to those is a rounding slip
        coarse = unit(ref, figures)
        return "rounding" if 2 * distance <= coarse else "wrong"
    if 2 * distance <= step:
        return "right"
    if distance < step:
        return "rounding"
    return "wrong"


def _figures(written: str) -> int | None:
    """Significant figures of a written decimal (``"0.0590"`` has 3); None when not a plain decimal."""
    text = written.strip().lstrip("+-")
    if not text or any(ch not in "0123456789." for ch in text) or text.count(".") > 1:
        return None
    digits = text.replace(".", "").lstrip("0")
    if "." not in text:
        digits = digits.rstrip("0") or digits
    return len(digits) or None
