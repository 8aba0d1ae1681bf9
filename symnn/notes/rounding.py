r"""Rounded numbers carried between lines: when a mismatch is only the rounding the notes show.

Worked examples round every intermediate result and carry it on. A link whose right side writes
rounded decimals of its own, or whose left side uses results printed (rounded) earlier, is
right to its printed digits when it holds within that rounding; a value stated far away only
hints; past all that a difference of more than 1 % is a slip.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import cast

import sympy as sp

from symnn.notes.chains import Element
from symnn.notes.claims import NoteClaim
from symnn.notes.digits import free, places, significant, text_of, unchecked
from symnn.notes.scope import Scope, Value
from symnn.notes.syntax import Neg, Node, Num, Op, rebuilt

__all__ = ["FAR_LINES", "carried", "rounded_substitution", "stale", "untraced", "within_rounding"]


def rounded_substitution(
    result: NoteClaim, left: Element, shown: Element, claimed: Value, exact: Value, scope: Scope
) -> NoteClaim:
    """``0.6 × 0.6457 + 0.2 = 0.3874 + 0.2``: the right side writes rounded decimals of its own.

    The link holds to within the rounding of the decimals the right side introduces (half a unit
    in the last place of each: the exact value lies between the values of the right side with each of
    them moved half a unit either way, or, with more than three, within their relative and absolute
    rounding summed), or it stays failed.
    """
    if _a_number(shown.node):
        return result  # "= 0.7" is the result itself, judged to its printed digits, not an input rounded
    before = {sp.Rational(t.text) for t in left.tokens if t.kind == "num" and "." in t.text}
    new = [t.text for t in shown.tokens if t.kind == "num" and "." in t.text and sp.Rational(t.text) not in before]
    new = [d for d in new if sp.Rational(d) != 0]
    if not new:
        return result
    claims = list(claimed) if isinstance(claimed, sp.MatrixBase) else [claimed]
    exacts = list(exact) if isinstance(exact, sp.MatrixBase) else [exact]
    if len(claims) != len(exacts) or any(free(v) for v in claims + exacts):
        return result
    if _term_off(left, shown, scope):
        return result  # w_1 x_1 + w_2 x_2 + b = 0.2 - 0.08 + 0.1 for 0.2 - 0.06 + 0.1: a term is wrong, not rounded
    halves = [sp.Rational(1, 2 * 10 ** places(d)) for d in new]
    relative = sp.Add(*[h / abs(sp.Rational(d)) for h, d in zip(halves, new, strict=True)])
    absolute = sp.Add(*halves)
    # a whole unit either way: the decimals written may be truncated (ŷ = 0.0831 for 0.08316…)
    within = _between_corners(shown, sorted(set(new)), exact, sp.Integer(0), scope, 2) if len(claims) == 1 else None
    if within is False:
        return result  # 1.0 + 2.52 + 4.0 for 1 + 2.25 + 4: no rounding of those three decimals gives 7.25
    for c, e in zip(claims, exacts, strict=True):
        if within is None and abs(sp.N(c - e, 30)) > abs(sp.N(e, 30)) * relative + absolute:
            return result
    shown_exact = ", ".join(str(sp.N(e, 10)) for e in exacts)
    reason = f"agrees within the rounding of the decimals it writes ({', '.join(new[:4])}); exact {shown_exact}"
    return replace(result, status="printed", reason=reason)


#: The most terms a substitution is matched term by term in (every order is tried).
MAX_MATCHED_TERMS = 6


def _term_off(left: Element, shown: Element, scope: Scope) -> bool:
    """Whether ``shown``, a sum of numbers term for term with the sum ``left`` (in some order), has a term that no
    rounding of its own explains: each number may be its term cut off or rounded to the digits printed (a whole
    unit in the last place either way), and some order of the terms must fit them all."""
    from symnn.notes.evaluate import Unchecked, evaluate  # evaluate imports this module's neighbours

    ours, theirs = _terms(left.node), _terms(shown.node)
    if not 2 <= len(ours) <= MAX_MATCHED_TERMS or len(ours) != len(theirs):
        return False
    numbers = []
    for sign, node in theirs:
        if not isinstance(node, Num):
            return False
        numbers.append((sign * node.value, sp.Rational(1, 10 ** places(node.text))))
    values = []
    for sign, node in ours:
        try:
            value = evaluate(node, scope)
        except (Unchecked, ZeroDivisionError):
            return False
        if isinstance(value, sp.MatrixBase) or free(value):
            return False
        values.append(sign * value)
    fits = [[abs(sp.N(v - n, 30)) <= unit for n, unit in numbers] for v in values]  # term i as number j
    orders = itertools.permutations(range(len(values)))
    return not any(all(fits[term][place] for place, term in enumerate(order)) for order in orders)


def _terms(node: Node | None, sign: int = 1) -> list[tuple[int, Node]]:
    """The terms of a sum as (sign, term): ``a - b + c`` is (1, a), (-1, b), (1, c); a minus before a term
    or in its brackets goes into its sign."""
    while node is not None and not isinstance(node, (Op, Num)) and hasattr(node, "operand"):
        if isinstance(node, Neg):
            sign = -sign
        node = node.operand  # type: ignore[attr-defined]  # Neg, Wrap
    if isinstance(node, Op) and node.op in ("+", "-"):
        return [*_terms(node.left, sign), *_terms(node.right, -sign if node.op == "-" else sign)]
    return [(sign, node)] if node is not None else []


def _a_number(node: Node | None) -> bool:
    """Whether ``node`` is one number as written (``0.7``, ``-0.8``, ``(0.5)``)."""
    while node is not None and not isinstance(node, Num) and hasattr(node, "operand"):
        node = node.operand  # type: ignore[attr-defined]  # Neg, Wrap
    return isinstance(node, Num)


def carried(result: NoteClaim, left: Element, claimed: Value, exact: Value, scope: Scope) -> NoteClaim:
    r"""``-0.1774 × 2 ≈ -0.3549``: the left side uses results printed earlier, rounded; the author
    carried more digits. Within the rounding of those carried values the claim is to printed digits.

    A decimal that an earlier line printed as an exact result too (``0.54 + 0.14 = 0.68``, then ``\sigma(0.755)
    = 0.68``) may be either: a claim that holds only with the rounded one is left unchecked, not excused."""
    carried = [
        t.text for t in left.tokens if t.kind == "num" and "." in t.text and sp.Rational(t.text) in scope.results
    ]
    carried = [d for d in carried if sp.Rational(d) != 0]
    if not carried or isinstance(claimed, sp.MatrixBase) or isinstance(exact, sp.MatrixBase):
        return result
    if free(claimed) or free(exact) or not _within_carried(result, left, carried, claimed, exact, scope):
        return result
    both = [d for d in carried if sp.Rational(d) in scope.exact_results]
    if both:
        reason = f"{result.reason}; but {both[0]} is both an exact result and a rounded one of earlier lines, "
        reason += "and the claim holds only if it is the rounded one"
        return unchecked(result.line, result.text, reason, result.claimed, result.exact)
    reason = (
        f"within the rounding of the values carried from earlier lines ({', '.join(carried[:4])}); "
        f"exact from them {sp.N(exact, 10)}"
    )
    return replace(result, status="printed", reason=reason)


def _within_carried(
    result: NoteClaim, left: Element, carried: list[str], claimed: sp.Expr, exact: sp.Expr, scope: Scope
) -> bool:
    """Whether ``claimed`` is ``left`` computed with its ``carried`` decimals as what they were rounded from, or
    anywhere in their rounding (when that is not known)."""
    relative = sp.Add(*[sp.Rational(1, 2 * 10 ** places(d)) / abs(sp.Rational(d)) for d in carried])
    unit = sp.Rational(1, 2 * 10 ** places(result.claimed.lstrip("-"))) if "." in result.claimed else 0
    known = _from_what_was_rounded(left, sorted(set(carried)), claimed, result.claimed, scope)
    if known is False:
        return False  # the values carried were rounded from known ones, and those do not give the claim
    corners = _between_corners(left, sorted(set(carried)), claimed, unit, scope)
    if corners is None:  # more than three carried, or not computable: their relative rounding, summed
        corners = abs(sp.N(claimed - exact, 30)) <= abs(sp.N(exact, 30)) * relative + unit
    return bool(known or corners)


def untraced(result: NoteClaim, left: Element, claimed: Value, exact: Value, scope: Scope) -> NoteClaim:
    """``-0.1774 × 2 ≈ -0.3549`` where -0.1774 was printed nowhere before and is no value the notes state:
    a decimal of three or more significant digits that the notes do not trace is most likely an
    intermediate result rounded, and the author may have carried more digits (-0.17745 × 2). A claim that
    holds with those decimals moved half a unit either way is left unchecked, not failed; a wrong digit
    (several units) is still a slip."""
    if result.status != "failed" or "." not in result.claimed or isinstance(claimed, sp.MatrixBase):
        return result
    if isinstance(exact, sp.MatrixBase) or free(claimed) or free(exact):
        return result
    stated = {b.value for b in scope.values.values() if isinstance(b.value, sp.Rational)}
    decimals = sorted({
        t.text for t in left.tokens
        if t.kind == "num" and "." in t.text and significant(t.text) >= 3
        and not {sp.Rational(t.text), -sp.Rational(t.text)} & (scope.results | stated | set(scope.rounded_from))
    })
    if not decimals:
        return result
    unit = sp.Rational(1, 2 * 10 ** places(result.claimed.lstrip("-")))
    if not _between_corners(left, decimals, claimed, unit, scope):
        return result
    reason = (
        f"{result.reason}; but it holds if {', '.join(decimals[:3])} carried more digits than printed, "
        "and the notes do not say where it comes from"
    )
    return unchecked(result.line, result.text, reason, result.claimed, result.exact)


def _from_what_was_rounded(left: Element, carried: list[str], claimed: Value, text: str, scope: Scope) -> bool | None:
    """Whether ``claimed`` is ``left`` computed with the exact values its carried decimals were rounded
    from, rounded or truncated to the claim's digits; None when one of them is not known, or when
    ``left`` writes other decimals (they may be rounded too).

    ``-\\log(0.659) \\approx 0.418`` after ``1.0/1.517 \\approx 0.659``: -log(0.659196…) = 0.41674…, so
    0.417; 0.418 lies in the rounding box of 0.659, but no value the notes had gives it."""
    exacts = {d: scope.rounded_from.get(sp.Rational(d)) for d in carried}
    if left.node is None or "." not in text or any(v is None for v in exacts.values()):
        return None
    others = {t.text for t in left.tokens if t.kind == "num" and "." in t.text} - set(carried)
    if any(sp.Rational(d) != 0 for d in others):
        return None  # 0.562 \cdot 0.438: 0.438 may be rounded too (1 - 0.562 from the exact value)
    value = _number_with(left, exacts, scope)
    if value is None:
        return None
    scale = 10 ** places(text.lstrip("-"))
    number = sp.N(value * scale, 40)
    truncated = sp.floor(number) if number >= 0 else sp.ceiling(number)
    candidates = {sp.floor(number + sp.Rational(1, 2)), sp.ceiling(number - sp.Rational(1, 2)), truncated}
    return any(sp.Rational(c, scale) == claimed for c in candidates)


def _between_corners(
    left: Element, carried: list[str], claimed: Value, unit: sp.Rational, scope: Scope, moved_by: int = 1
) -> bool | None:
    r"""Whether ``claimed`` lies between the values of ``left`` with each carried decimal moved by half a unit
    in its last place either way (every corner; ``moved_by`` halves): a difference of rounded values,
    ``(16.32 - 16.0)/0.01``, is that uncertain, and ``0.3 - 0.1 \cdot (-0.005)`` only by 0.00005 (not by the
    10 % that 0.005 is uncertain by itself). None when more than three decimals are carried, or a corner is
    not computable."""
    if left.node is None or not 0 < len(carried) <= 3:
        return None
    halves = [sp.Rational(moved_by, 2 * 10 ** places(d)) for d in carried]
    corners = []
    for signs in itertools.product((-1, 1), repeat=len(carried)):
        moved = {d: sp.Rational(d) + sign * half for d, sign, half in zip(carried, signs, halves, strict=True)}
        corner = _number_with(left, moved, scope)
        if corner is None:
            return None
        corners.append(sp.N(corner, 30))
    value = sp.N(claimed, 30)
    return bool(min(corners) - unit <= value <= max(corners) + unit)


def _number_with(left: Element, numbers: dict[str, sp.Expr], scope: Scope) -> sp.Expr | None:
    """The number ``left`` computes with the decimals written as ``numbers``' keys given its values instead,
    or None (not a number, or not computable)."""
    from symnn.notes.evaluate import Unchecked, evaluate  # evaluate imports this module's neighbours

    try:
        value = evaluate(cast(Node, _with_numbers(left.node, numbers)), scope)
    except (Unchecked, ZeroDivisionError):
        return None
    return None if isinstance(value, sp.MatrixBase) or free(value) else value


def _with_numbers(node: object, numbers: dict[str, sp.Rational]) -> object:
    """``node`` with the numbers written as ``numbers``' keys given its values instead."""

    def written(n: object) -> object | None:
        return replace(n, value=numbers[n.text]) if isinstance(n, Num) and n.text in numbers else None

    return rebuilt(node, written)


#: How many lines before a claim a value may be stated and still certainly be the one the claim means.
FAR_LINES = 80


def stale(result: NoteClaim, left: Element, shown: Element, scope: Scope) -> NoteClaim:
    """A failure that rests on a value stated far away (or in another cell) is left unchecked."""
    from symnn.notes.definitions import names_in  # the definitions module imports this one

    used = [(n, scope.values[n]) for n in sorted(names_in(left.node) | names_in(shown.node)) if n in scope.values]
    far = [(n, b) for n, b in used if not 0 <= result.line - b.line <= FAR_LINES]  # (a later line: another cell)
    if not far:
        return result
    name, binding = far[0]
    reason = f"{result.reason}; but it uses {name} = {text_of(binding.value)} from line {binding.line}, "
    reason += f"and the notes may mean another {name} here"
    return unchecked(result.line, result.text, reason, result.claimed, result.exact)


def within_rounding(line: int, text: str, claimed: sp.Expr, exact: sp.Expr, stated: str) -> NoteClaim:
    """Numbers from rounded stated values that differ by more than the rounding shown.

    Failed only when the difference is plain (over 1 % relative); below that the notes may carry
    more digits than they print, and the claim is left unchecked with both values.
    """
    scale = max(abs(sp.N(exact, 20)), sp.Rational(1, 10**6))
    relative = abs(sp.N(claimed - exact, 20)) / scale
    values = f"claimed {sp.N(claimed, 10)}, exact from them {sp.N(exact, 10)}"
    if relative > sp.Rational(1, 100):
        reason = f"{stated}: {values} (relative difference {sp.N(relative, 3)})"
        return NoteClaim(line, text, "failed", text_of(claimed), str(sp.N(exact, 10)), reason)
    reason = f"{stated}: {values}; more than the rounding shown, less than 1 %: the notes may carry more digits"
    return unchecked(line, text, reason, text_of(claimed), str(sp.N(exact, 10)))
