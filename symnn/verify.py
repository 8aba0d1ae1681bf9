r"""Claims and how they are judged: exactly, or against the precision the book printed.

A :class:`Claim` records what a source printed and the value symnn computes for it.
:func:`check_claim` judges it and returns a :class:`ClaimResult`; a failed claim is
a result with the exact value beside the claimed one, never an exception. Nothing here
does I/O or prints.

Kinds of claim:

- ``equal``: the printed value equals the exact one (numbers, vectors, matrices, or
  expressions; proved by exact arithmetic, see :func:`symnn.exact.is_zero`);
- ``approx``: a printed decimal such as ``8.246211`` agrees with the exact value to half a
  unit in its last printed digit, or, when printed with a trailing ``…``, is the exact
  value truncated to those digits;
- ``order``: an error term E(h) is :math:`O(h^p)` as h → 0 (``limit E/h^p`` is finite);
- ``holds``: a SymPy relation or boolean (orthogonality, an inequality) is true.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import sympy as sp

from symnn.errors import SymnnError
from symnn.exact import differ_at_a_point, is_zero
from symnn.exact import exact as exact_value

__all__ = ["Claim", "ClaimResult", "approx", "check_claim", "check_claims", "equal", "holds", "order"]

Kind = Literal["equal", "approx", "order", "holds"]
Status = Literal["verified", "failed", "unchecked"]

_ELLIPSES = ("\\ldots", "\\dots", "\u2026", "...")
#: Digits used to decide a strict inequality between an irrational and a rational bound.
_DIGITS = 60


@dataclass(frozen=True)
class Claim:
    """One thing a source printed, and symnn's exact value for it.

    Attributes:
        where: the place in the source (``"course_notes.md, Example B, step 1"``).
        statement: what was printed, as LaTeX (``r"\\nabla f(0,0) = (-6, 4)"``).
        claimed: the printed value, exact (SymPy); for ``approx`` the printed digits as a string.
        exact: symnn's exact value (SymPy), or the error term E(h) for ``order``,
            or the relation for ``holds``.
        kind: ``"equal"``, ``"approx"``, ``"order"`` or ``"holds"``.
        variable: for ``order``, the small quantity h.
    """

    where: str
    statement: str
    claimed: object
    exact: object
    kind: Kind = "equal"
    variable: sp.Symbol | None = None


@dataclass(frozen=True)
class ClaimResult:
    """The judgement of one claim.

    Attributes:
        claim: the claim judged.
        status: ``"verified"``, ``"failed"`` or ``"unchecked"`` (could not be decided).
        method: how it was judged (``"exact"``, ``"printed precision ±5e-7"``, ...).
        reason: why, in one sentence; for a failure, the exact value beside the claimed one.
    """

    claim: Claim
    status: Status
    method: str
    reason: str

    @property
    def ok(self) -> bool:
        """True when the claim is verified."""
        return self.status == "verified"

    @property
    def claimed_text(self) -> str:
        """The claimed value as plain text."""
        value = self.claim.claimed
        return value if isinstance(value, str) else sp.sstr(value)

    @property
    def exact_text(self) -> str:
        """symnn's exact value as plain text."""
        return sp.sstr(self.claim.exact)


# ---------------------------------------------------------------- constructors


def equal(where: str, statement: str, claimed: object, exact: object) -> Claim:
    """A claim that the printed value ``claimed`` equals ``exact``, exactly.

    Examples:
        >>> check_claim(equal("ex", "1/3 = 0.333", "0.333", sp.Rational(1, 3))).status
        'failed'
    """
    return Claim(where, statement, _exact_object(claimed, "claimed value"), _exact_object(exact, "exact value"))


def approx(where: str, statement: str, printed: str, exact: object) -> Claim:
    r"""A claim that ``printed`` (e.g. ``"8.246211\ldots"``) approximates ``exact`` as printed.

    Examples:
        >>> check_claim(approx("ex", r"\sqrt{68} \approx 8.246211", "8.246211", sp.sqrt(68))).status
        'verified'
    """
    _parse_printed(printed)
    return Claim(where, statement, printed.strip(), _exact_object(exact, "exact value"), "approx")


def order(where: str, statement: str, error: object, variable: sp.Symbol, power: int) -> Claim:
    r"""A claim that ``error`` (an expression in ``variable``) is :math:`O(h^{power})` as h → 0.

    Examples:
        >>> h = sp.Symbol("h")
        >>> check_claim(order("ex", "O(h^2)", 6 * h**2 + h**3, h, 2)).status
        'verified'
    """
    return Claim(where, statement, sp.Integer(power), _exact_object(error, "error term"), "order", variable)


def holds(where: str, statement: str, relation: object) -> Claim:
    """A claim that a SymPy relation or boolean is true (``sp.Eq(u.dot(v), 0)``)."""
    return Claim(where, statement, sp.true, _exact_object(relation, "relation"), "holds")


def _exact_object(value: object, what: str) -> object:
    if isinstance(value, (list, tuple)):
        return sp.Matrix([_exact_object(v, what) for v in value])
    if isinstance(value, sp.MatrixBase):
        if any(entry.has(sp.Float) for entry in value):
            raise SymnnError(f"{what} {value} holds a float; use Rational('0.1')")
        return sp.ImmutableMatrix(value)
    if isinstance(value, sp.Basic) and not isinstance(value, sp.Expr):
        return value  # a relation or boolean
    return exact_value(value, what)


# ---------------------------------------------------------------- judging


def check_claims(claims: Iterable[Claim]) -> tuple[ClaimResult, ...]:
    """Judge every claim, in order."""
    return tuple(check_claim(claim) for claim in claims)


def check_claim(claim: Claim) -> ClaimResult:
    """Judge one claim. Pure: no I/O, no exceptions for a wrong claim."""
    judge = {"equal": _judge_equal, "approx": _judge_approx, "order": _judge_order, "holds": _judge_holds}
    status, method, reason = judge[claim.kind](claim)
    return ClaimResult(claim, status, method, reason)


def _judge_equal(claim: Claim) -> tuple[Status, str, str]:
    claimed: Any = claim.claimed
    value: Any = claim.exact
    if isinstance(claimed, sp.MatrixBase) != isinstance(value, sp.MatrixBase):
        return "failed", "exact", f"shape differs: claimed {sp.sstr(claimed)}, exact {sp.sstr(value)}"
    if isinstance(claimed, sp.MatrixBase):
        if claimed.shape != value.shape:
            return "failed", "exact", f"claimed shape {claimed.shape}, exact shape {value.shape}"
        pairs = list(zip(claimed, value, strict=True))
    else:
        pairs = [(claimed, value)]
    verdicts = [_same(c, v) for c, v in pairs]
    for index, (verdict, (c, v)) in enumerate(zip(verdicts, pairs, strict=True)):
        if verdict is False:
            place = f"entry {index + 1}: " if len(pairs) > 1 else ""
            return "failed", "exact", f"{place}claimed {sp.sstr(c)}, exact value {sp.sstr(v)}"
    if all(verdict is True for verdict in verdicts):
        return "verified", "exact", "equal by exact arithmetic"
    return "unchecked", "exact", "could not decide whether the expressions are equal"


def _same(claimed: sp.Expr, value: sp.Expr) -> bool | None:
    claimed, value = sp.sympify(claimed), sp.sympify(value)
    difference = claimed - value
    if difference.free_symbols and differ_at_a_point(claimed, value):
        return False  # settled by one point, before the symbolic zero test (slow on sides that differ)
    verdict = is_zero(difference)
    if verdict is not None or not difference.free_symbols:
        return verdict
    # An identity in symbols that could not be proved: a nonzero value at a random
    # rational point disproves it.
    rng = random.Random(0)
    free = sorted(difference.free_symbols, key=sp.default_sort_key)
    for _ in range(5):
        point = {s: sp.Rational(rng.randint(-50, 50), rng.randint(1, 9)) for s in free}
        try:
            at_point = difference.xreplace(point)
        except ValueError:
            return None  # a Derivative of an unknown function cannot be taken at a number
        if is_zero(at_point) is False:
            return False
    return None


def _parse_printed(printed: str) -> tuple[sp.Rational, sp.Rational, bool]:
    """``(value, unit in the last place, truncated?)`` of a printed decimal."""
    text = printed.strip()
    truncated = False
    for ellipsis in _ELLIPSES:
        if text.endswith(ellipsis):
            text, truncated = text[: -len(ellipsis)].strip(), True
            break
    try:
        decimal = Decimal(text)
    except InvalidOperation:
        raise SymnnError(f"printed value {printed!r} is not a decimal number") from None
    if not decimal.is_finite():
        raise SymnnError(f"printed value {printed!r} is not a finite decimal")
    exponent = decimal.as_tuple().exponent
    assert isinstance(exponent, int)
    return sp.Rational(str(decimal)), sp.Rational(10) ** exponent, truncated


def _sign(expr: sp.Expr) -> int:
    """The sign of a real constant, decided exactly for rationals, else to :data:`_DIGITS` digits."""
    if expr.is_Rational or expr.is_Float:
        return int(sp.sign(expr))  # a Float's sign is its sign (nsimplify ran pslq on 60-digit Floats)
    value = sp.N(expr, _DIGITS)
    if not value.is_real:
        raise SymnnError(f"{expr} is not a real number")
    return int(sp.sign(value))


def _judge_approx(claim: Claim) -> tuple[Status, str, str]:
    value = claim.exact
    assert isinstance(claim.claimed, str)
    printed, unit, truncated = _parse_printed(claim.claimed)
    if not isinstance(value, sp.Expr) or value.free_symbols:
        return "unchecked", "printed precision", "the exact value is not a number"
    numeric = sp.N(value, _DIGITS)  # evaluated once: shown, and the distance below
    shown = sp.N(numeric, 15)
    if truncated:
        # Truncation toward zero: the exact value lies in [printed, printed + unit) on its side of 0.
        ok = _truncation_of(value, printed, unit)
        method = f"truncation after the digit of 1e{_exponent(unit)}"
    else:
        distance = value - printed
        ok = (
            _sign(sp.Abs(distance) - unit / 2) <= 0
            if distance.is_Rational
            else _sign(unit / 2 - sp.Abs(numeric - printed)) >= 0
        )
        method = f"printed precision ±5e{_exponent(unit) - 1}"
        if not ok and _truncation_of(value, printed, unit):  # −5.4667 ≈ −5.46: cut off, or a rounding slip?
            method = f"truncated after the digit of 1e{_exponent(unit)}"
            reason = f"exact value {shown} is cut off, not rounded, to {claim.claimed}; write … after a number cut off"
            return "unchecked", method, reason
    if ok:
        return "verified", method, f"exact value {shown} agrees with {claim.claimed} ({method})"
    return "failed", method, f"exact value {shown} does not agree with {claim.claimed} ({method})"


def _truncation_of(value: sp.Expr, printed: sp.Rational, unit: sp.Rational) -> bool:
    """Whether ``printed`` is ``value`` truncated toward zero: it lies in [printed, printed + unit) on its side of 0."""
    direction = 1 if _sign(value) >= 0 else -1
    offset = direction * (value - printed)
    return _sign(offset) >= 0 and _sign(offset - unit) < 0


def _exponent(unit: sp.Rational) -> int:
    """e such that ``unit`` = 10**e."""
    return int(sp.log(unit, 10))


def _judge_order(claim: Claim) -> tuple[Status, str, str]:
    h, power = claim.variable, claim.claimed
    assert isinstance(h, sp.Symbol) and isinstance(claim.exact, sp.Expr)
    ratio = sp.limit(claim.exact / h**power, h, 0)
    method = f"limit of E/{h}^{power} as {h} -> 0"
    if ratio.is_finite:
        return "verified", method, f"E = {sp.sstr(sp.expand(claim.exact))}, E/{h}^{power} -> {sp.sstr(ratio)}"
    if ratio in (sp.oo, -sp.oo, sp.zoo):
        return "failed", method, f"E = {sp.sstr(sp.expand(claim.exact))} is not O({h}^{power})"
    return "unchecked", method, f"could not decide the limit ({sp.sstr(ratio)})"


def _judge_holds(claim: Claim) -> tuple[Status, str, str]:
    relation = claim.exact
    assert isinstance(relation, sp.Basic)
    if isinstance(relation, sp.Eq):
        verdict = is_zero(relation.lhs - relation.rhs)
        truth = None if verdict is None else sp.true if verdict else sp.false
    else:
        truth = sp.simplify(relation)
    if truth is sp.true:
        return "verified", "exact", "holds by exact arithmetic"
    if truth is sp.false:
        return "failed", "exact", f"{sp.sstr(relation)} is false"
    return "unchecked", "exact", f"could not decide {sp.sstr(relation)}"
