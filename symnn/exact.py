"""Exact numbers in, exact decisions out: coercion of user values, and deciding zero.

The symbolic core never creates a float. Values a user passes are made exact here:
integers, fractions, SymPy numbers and decimal *strings* (``"0.05"`` becomes 1/20) are
accepted; a Python or NumPy float is refused, because 0.1 as a float is not 1/10.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from fractions import Fraction
from numbers import Integral

import sympy as sp

from symnn.errors import SymnnError

__all__ = ["clearly_nonzero", "differ_at_a_point", "exact", "exact_vector", "is_zero", "random_rationals", "truncated"]

#: Precision (decimal digits) used to tell a nonzero number from zero.
ZERO_TEST_DIGITS = 60


def exact(value: object, what: str = "value") -> sp.Expr:
    """Return ``value`` as an exact SymPy object, or raise :class:`SymnnError`.

    Args:
        value: an int, ``Fraction``, decimal string, or float-free SymPy object.
        what: how to name the value in an error message.

    Examples:
        >>> exact("0.05")
        1/20
        >>> exact(3)
        3
    """
    if isinstance(value, bool):
        raise SymnnError(f"{what} must be a number, not {value!r}")
    if isinstance(value, sp.Basic):
        if value.has(sp.Float):
            raise SymnnError(f"{what} {value} holds a float; write decimals as Rational('0.1') or '0.1'")
        return value
    if isinstance(value, Integral):
        return sp.Integer(int(value))
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, str):
        try:
            return sp.Rational(value.strip())
        except (TypeError, ValueError):
            raise SymnnError(f"{what} {value!r} is not an exact decimal or fraction") from None
        except ZeroDivisionError:
            raise SymnnError(f"{what} {value!r} divides by zero") from None
    raise SymnnError(
        f"{what} {value!r} is a {type(value).__name__}, not exact; "
        "write decimals as Rational('0.1') or the string '0.1'"
    )


def exact_vector(values: object, length: int, what: str) -> sp.Matrix:
    """Return ``values`` as an exact column of ``length`` entries, or raise :class:`SymnnError`.

    Examples:
        >>> exact_vector(["0.5", 1], 2, "x").T
        Matrix([[1/2, 1]])
    """
    if isinstance(values, sp.MatrixBase):
        entries = list(values)
    elif isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise SymnnError(f"{what} must be a sequence of {length} numbers, got {values!r}")
    else:
        entries = list(values)
    if len(entries) != length:
        raise SymnnError(f"{what} has {len(entries)} entries; the network needs {length}")
    return sp.Matrix([exact(entry, what) for entry in entries])


def random_rationals(count: int, seed: int = 0, denominator: int = 10, bound: int = 2) -> list[sp.Rational]:
    """``count`` reproducible random rationals p/q with |p/q| <= bound and q <= denominator.

    Examples:
        >>> random_rationals(3, seed=1) == random_rationals(3, seed=1)
        True
    """
    rng = random.Random(seed)
    values = []
    for _ in range(count):
        q = rng.randint(1, denominator)
        values.append(sp.Rational(rng.randint(-bound * q, bound * q), q))
    return values


def truncated(value: sp.Expr, significant: int = 15) -> str:
    r"""The real constant ``value`` truncated toward zero to ``significant`` digits, as a decimal.

    These are the digits a book prints before ``\ldots``; every digit is exact (the floor
    is taken of the exact value), never rounded.

    Examples:
        >>> truncated(sp.sqrt(2))
        '1.41421356237309'
        >>> truncated(-5 * sp.sqrt(2), 8)
        '-7.0710678'
        >>> truncated(sp.Rational(1, 8), 3)
        '0.125'
    """
    value = sp.sympify(value)
    if value == 0:
        return "0"
    magnitude = abs(value)
    exponent = int(sp.floor(sp.log(sp.N(magnitude, 30), 10)))
    while magnitude < sp.Integer(10) ** exponent:  # the estimate settled exactly
        exponent -= 1
    while magnitude >= sp.Integer(10) ** (exponent + 1):
        exponent += 1
    places = significant - 1 - exponent
    digits = str(int(sp.floor(magnitude * sp.Integer(10) ** places)))
    if places > 0:
        digits = digits.rjust(places + 1, "0")
        text = f"{digits[:-places]}.{digits[-places:]}".rstrip("0").rstrip(".")
    else:
        text = digits + "0" * -places
    return ("-" if value < 0 else "") + text


def _atoms_as_symbols(expr: sp.Expr) -> sp.Expr:
    """Replace every function application (exp, log, sin, ...) by a fresh symbol."""
    calls = sorted(expr.atoms(sp.Function), key=sp.default_sort_key)
    return expr.xreplace({call: sp.Dummy() for call in calls})


def _exponentials_as_powers(expr: sp.Expr) -> sp.Expr:
    """Write each ``exp(c*u)`` (c a rational) as ``T_u**c``, one unknown T_u per core u.

    ``exp(-u)``, ``exp(2u)`` and ``exp(u)`` then cancel against each other, which they
    cannot do as independent atoms; a 0 after this substitution is still a proof of 0.
    """
    unknowns: dict[sp.Expr, sp.Dummy] = {}
    replacements: dict[sp.Expr, sp.Expr] = {}
    for atom in sorted(expr.atoms(sp.exp), key=sp.default_sort_key):
        coefficient, core = sp.factor_terms(atom.exp).as_coeff_Mul()
        if not coefficient.is_Rational or core.is_number:
            continue
        unknown = unknowns.setdefault(core, sp.Dummy("T", positive=True))
        replacements[atom] = unknown**coefficient
    return expr.xreplace(replacements)


def _exp_of_rationals_is_zero(expr: sp.Expr) -> bool | None:
    """Decide zero for a rational function of exponentials of rationals, exactly.

    Every ``exp(p/q)`` (and ``E`` = exp(1)) is written ``T**(D*p/q)`` with ``T = e**(1/D)``
    and D the least common denominator. T is transcendental (Lindemann), so the number
    is zero exactly when the rational function in T cancels to 0. None when ``expr``
    holds anything else (symbols, other functions, pi, radicals).
    """
    exps = expr.atoms(sp.exp)
    if expr.free_symbols or expr.atoms(sp.Function) - exps or expr.atoms(sp.NumberSymbol) - {sp.E}:
        return None
    exponents = [e.exp for e in exps] + ([sp.Integer(1)] if expr.has(sp.E) else [])
    if not exponents or not all(q.is_Rational for q in exponents):
        return None
    if any(p.exp.is_Rational and not p.exp.is_Integer for p in expr.atoms(sp.Pow)):
        return None  # a radical: not a rational function of T
    denominator = sp.ilcm(1, *[q.q for q in exponents])
    t = sp.Dummy("T", positive=True)
    in_t = expr.xreplace({e: t ** (e.exp * denominator) for e in exps}).xreplace({sp.E: t**denominator})
    return bool(sp.cancel(in_t) == 0)


#: Functions that are rational in exponentials.
_HYPERBOLIC = (sp.tanh, sp.sinh, sp.cosh, sp.coth, sp.sech, sp.csch)


def is_zero(expr: sp.Basic) -> bool | None:
    """Decide exactly whether ``expr`` is zero; ``None`` when it cannot be decided.

    True is only returned on proof: the expression expands to 0, or cancels to 0 with its
    function applications treated as independent unknowns (``exp(c*u)`` as a power of one
    unknown per u), or ``sympy.simplify`` gives 0.
    False is only returned when a :data:`ZERO_TEST_DIGITS`-digit evaluation of a
    constant is clearly away from 0, or a rational cancels to a nonzero number.

    Examples:
        >>> import sympy as sp
        >>> is_zero(sp.sqrt(68) - 2 * sp.sqrt(17))
        True
        >>> is_zero(sp.Rational(1, 3) - sp.Rational(333, 1000))
        False
    """
    expr = sp.sympify(expr)
    if expr.is_Rational:
        return bool(expr == 0)
    # expand first, with function applications as unknowns and then without: it settles
    # most identities at once, where cancel can take minutes (derive's Lemma 1 checks).
    opaque = _atoms_as_symbols(expr)
    if sp.expand(opaque) == 0 or sp.expand(expr) == 0 or sp.cancel(opaque) == 0:
        return True
    decided = _exp_of_rationals_is_zero(expr)
    if decided is not None:
        return decided
    if expr.has(*_HYPERBOLIC):  # tanh(a) = (e^a - e^{-a})/(e^a + e^{-a}): settled in exponentials at once
        rewritten = expr.rewrite(sp.exp)
        if sp.cancel(_atoms_as_symbols(_exponentials_as_powers(rewritten))) == 0:
            return True
    if expr.atoms(sp.exp) and sp.cancel(_atoms_as_symbols(_exponentials_as_powers(expr))) == 0:
        return True
    if not expr.free_symbols and clearly_nonzero(expr):
        return False
    if _nonzero_for_some_function(expr):
        return False
    if any(not power.exp.is_number for power in expr.atoms(sp.Pow)):
        # p^{y}(1 - p)^{1 - y} differentiated: x^a x^b = x^{a + b} (for any x ≠ 0, on the principal branch), then
        # a rational function; in milliseconds, where simplify takes a second
        if sp.cancel(sp.powsimp(sp.together(expr), combine="exp")) == 0:
            return True
    if sp.simplify(expr) == 0:
        return True
    return None


def _nonzero_for_some_function(expr: sp.Expr) -> bool:
    """Whether ``expr``, holding functions nothing is known of (``f(x + h) - f(x)``), is away from 0 once each is one
    function (e^{u/3} + u²/5 of each argument) at a random rational point: then it is zero for no reason that holds
    for every function, found before the slow symbolic test."""
    unknown = {a.func for a in expr.atoms(sp.core.function.AppliedUndef)}
    if not unknown:
        return False
    u = sp.Dummy("u")
    try:
        concrete = expr
        for index, function in enumerate(sorted(unknown, key=str)):
            concrete = concrete.replace(function, sp.Lambda(u, sp.exp(u / (index + 3)) + u**2 / (index + 5)))
        concrete = concrete.doit()
        free = sorted(concrete.free_symbols, key=sp.default_sort_key)
        rng = random.Random(7)
        point = {s: sp.Rational(rng.randint(1, 40), rng.randint(7, 13)) for s in free}
        value = concrete.xreplace(point)
    except (ValueError, TypeError, ZeroDivisionError, AttributeError):
        return False
    return not value.free_symbols and bool(value.is_finite) and clearly_nonzero(value)


def clearly_nonzero(constant: sp.Expr) -> bool:
    """Whether a constant, evaluated to :data:`ZERO_TEST_DIGITS` digits, is clearly away from 0."""
    value = sp.N(constant, ZERO_TEST_DIGITS)
    return bool(value.is_number and value != 0 and abs(value) > sp.Float(10) ** (-(ZERO_TEST_DIGITS - 10)))


def differ_at_a_point(left: sp.Expr, right: sp.Expr, seed: int = 1) -> bool:
    """Whether ``left`` and ``right`` are both finite at one reproducible random rational point and clearly
    differ there: a proof that they differ, found before any slow symbolic test."""
    rng = random.Random(seed)
    free = sorted(left.free_symbols | right.free_symbols, key=sp.default_sort_key)
    point = {s: sp.Rational(rng.randint(-50, 50), rng.randint(1, 9)) for s in free}
    try:
        left, right = left.xreplace(point), right.xreplace(point)
    except (ValueError, TypeError, ZeroDivisionError):
        return False
    if left.free_symbols or right.free_symbols or not (left.is_finite and right.is_finite):
        return False
    return clearly_nonzero(left - right)


def sequence_of_symbols(wrt: Sequence[sp.Symbol] | sp.Symbol, what: str = "wrt") -> tuple[sp.Symbol, ...]:
    """Return ``wrt`` as a tuple of symbols (one symbol is a sequence of one)."""
    items = (wrt,) if isinstance(wrt, sp.Symbol) else tuple(wrt)
    for item in items:
        if not isinstance(item, sp.Symbol):
            raise SymnnError(f"{what} must be symbols, got {item!r}")
    return items
