r"""Values read from a substitution: ``w_1 i_1 + b_1 = 0.15 \cdot 0.05 + 0.35``.

Worked examples often give their numbers only where they substitute them (the weights sit in a
figure). When the right side has the shape of the left with every unknown name replaced by a
number, those numbers are the names' values from then on. The link itself is not a claim that
can be checked (it states the values); a name that already has a value must be substituted by
that value, to its printed digits, or the substitution is a slip.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from symnn.notes.evaluate import Binding, Scope, implied
from symnn.notes.syntax import Call, Derivative, Func, Name, Neg, Node, Num, Op, Pow, Wrap

__all__ = ["Judge", "Substitution", "agrees", "known_substituted", "substitution", "written_number"]

_PRODUCTS = {"cdot", "times", "implicit"}

#: The values a substitution gives, each with the number as printed.
Found = dict[str, tuple[sp.Rational, str]]


@dataclass(frozen=True)
class Substitution:
    """What a substitution states: new values, and values that contradict earlier ones."""

    new: dict[str, sp.Rational]
    conflicts: dict[str, tuple[sp.Rational, Binding]]
    commuted: tuple[tuple[str, str], ...] = ()  # products of two new names: the order written was read
    slipped: tuple[tuple[Derivative, str, str], ...] = ()  # derivatives given a number not their value: number, value


#: The derivatives a substitution replaced by numbers (``w - \eta \partial E/\partial w = 0.3 - 0.5 \cdot
#: (-0.0676)``), each with its number.
Quantities = list[tuple[Derivative, Node]]

#: Whether a derivative's value agrees with the number substituted for it, and that value; None: not known.
Judge = Callable[[Derivative, Node], tuple[bool, str] | None]


def written_number(node: Node) -> tuple[sp.Rational, str] | None:
    if isinstance(node, Wrap):
        return written_number(node.operand)
    if isinstance(node, Num) and not node.truncated:
        return node.value, node.text
    if isinstance(node, Neg) and isinstance(node.operand, Num):
        return -node.operand.value, "-" + node.operand.text
    return None


def _match(
    pattern: Node, numbers: Node, found: Found, commuted: list[tuple[str, str]], quantities: Quantities | None = None
) -> bool:
    """Whether ``numbers`` is ``pattern`` with names replaced by numbers (recorded in ``found``; the
    products of two names given two different numbers, in ``commuted``; derivatives, where ``quantities``
    is given, in it)."""

    def match(a: Node, b: Node) -> bool:
        return _match(a, b, found, commuted, quantities)

    if isinstance(pattern, Wrap) and not isinstance(numbers, Wrap):
        return match(pattern.operand, numbers)
    if isinstance(numbers, Wrap) and not isinstance(pattern, Wrap):
        return match(pattern, numbers.operand)
    if isinstance(pattern, Op) and pattern.op in _PRODUCTS and isinstance(numbers, Neg):
        product = numbers.operand
        if isinstance(product, Op) and product.op in _PRODUCTS:  # d \cdot i = -0.0406 \cdot 0.68: d = -0.0406
            return match(pattern, Op(product.op, Neg(product.left), product.right))
    if isinstance(pattern, Name) and pattern.name not in ("e", "pi"):
        number = written_number(numbers)
        if number is None:
            return False
        if pattern.name in found and found[pattern.name][0] != number[0]:
            return False
        found[pattern.name] = number
        return True
    if isinstance(pattern, Derivative) and quantities is not None and written_number(numbers) is not None:
        quantities.append((pattern, numbers))
        return True
    if isinstance(pattern, Num):
        number = written_number(numbers)
        return number is not None and number[0] == pattern.value
    if type(pattern) is not type(numbers):
        return False
    if isinstance(pattern, Op):
        assert isinstance(numbers, Op)
        same = pattern.op == numbers.op or {pattern.op, numbers.op} <= _PRODUCTS
        if same and pattern.op in _PRODUCTS and isinstance(pattern.left, Name) and isinstance(pattern.right, Name):
            pair = (written_number(numbers.left), written_number(numbers.right))
            if pair[0] is not None and pair[1] is not None and pair[0][0] != pair[1][0]:
                # w_1 i_1 = 0.05 \cdot 0.15: which factor is which number, the order alone does not say
                commuted.append((pattern.left.name, pattern.right.name))
        return (
            same
            and match(pattern.left, numbers.left)
            and match(pattern.right, numbers.right)
        )
    if isinstance(pattern, (Neg, Wrap)):
        return match(pattern.operand, numbers.operand)  # type: ignore[attr-defined]
    if isinstance(pattern, Pow):
        assert isinstance(numbers, Pow)
        return match(pattern.base, numbers.base) and match(pattern.exponent, numbers.exponent)
    if isinstance(pattern, (Func, Call)):
        args, other = pattern.args or (), numbers.args or ()  # type: ignore[attr-defined]
        if pattern.name != numbers.name or len(args) != len(other):  # type: ignore[attr-defined]
            return False
        return all(match(a, b) for a, b in zip(args, other, strict=True))
    return False


def agrees(value: sp.Expr, number: sp.Rational, text: str) -> bool:
    """Whether ``text`` (``number``) is ``value`` to the digits printed."""
    if value == number:
        return True
    if not value.is_number or "." not in text:
        return False
    unit = sp.Rational(1, 10 ** len(text.split(".")[1]))
    difference = value - number
    if difference.is_Rational:
        return bool(abs(difference) < unit)  # rounded or truncated to the digits printed
    return bool(abs(sp.N(difference, 30)) < unit)


def _resolve_order(found: Found, commuted: list[tuple[str, str]], scope: Scope) -> None:
    r"""Settle each product of two names from the values already known, or keep the order written.

    ``w_1 i_1`` substituted as ``0.05 \cdot 0.15`` gives w_1 = 0.05 only if the factors were written in
    the same order; a known value of either name decides it (the numbers are swapped when only the
    other order agrees with it). With neither known, the order written is read, and the pair is kept
    (:attr:`Substitution.commuted`): a later claim that fails in this order is judged in the other."""
    undecided = []
    for first, second in commuted:
        if first not in found or second not in found:
            continue
        straight = (found[first], found[second])
        known = [scope.values.get(first), scope.values.get(second)]

        def fits(name_number: tuple[sp.Rational, str], binding: Binding | None) -> bool:
            if binding is None or isinstance(binding.value, sp.MatrixBase):
                return True
            return agrees(binding.value, name_number[0], name_number[1])

        if known == [None, None]:
            undecided.append((first, second))
        elif not (fits(straight[0], known[0]) and fits(straight[1], known[1])):
            if fits(straight[1], known[0]) and fits(straight[0], known[1]):
                found[first], found[second] = straight[1], straight[0]
    commuted[:] = undecided


def substitution(left: Node, right: Node, scope: Scope, judge: Judge | None = None) -> Substitution | None:
    """The values ``right`` substitutes into ``left``, or None when it is no substitution of unknowns.

    With ``judge``, a derivative may be substituted too (by the number it was found to be): ``judge`` says
    whether its value agrees; one it cannot judge makes the link no substitution."""
    found: Found = {}
    commuted: list[tuple[str, str]] = []
    quantities: Quantities | None = [] if judge is not None else None
    if not _match(left, right, found, commuted, quantities):
        return None
    _resolve_order(found, commuted, scope)
    if not found:
        return None
    new, conflicts = {}, {}
    for name, (number, text) in found.items():
        known = _stated(name, scope)
        if known is None and name not in scope.functions and name not in scope.point:
            new[name] = number
        elif (
            known is not None and not isinstance(known.value, sp.MatrixBase) and not agrees(known.value, number, text)
        ):
            conflicts[name] = (number, known)
    if not new and not conflicts:
        return None  # every name already known and substituted correctly: an ordinary claim
    slipped = []
    for derivative, number in quantities or ():
        verdict = judge(derivative, number) if judge is not None else None
        if verdict is None:
            return None
        if not verdict[0]:
            slipped.append((derivative, (written_number(number) or (0, ""))[1], verdict[1]))
    pairs = tuple((a, b) for a, b in commuted if a in new and b in new)
    return Substitution(new, conflicts, pairs, tuple(slipped))


def known_substituted(left: Node, right: Node, scope: Scope) -> list[str]:
    """The names ``right`` substitutes into ``left`` when every one has a value stated and is given it,
    to its printed digits (``z = 0.6 \\cdot 5 - 2`` after ``w_1 = 0.6``, ``x_1 = 5``, ``b = -2``); else []."""
    found: Found = {}
    if not _match(left, right, found, []) or not found:
        return []
    for name, (number, text) in found.items():
        known = _stated(name, scope)
        if known is None or isinstance(known.value, sp.MatrixBase) or not agrees(known.value, number, text):
            return []
    return sorted(found)


def _stated(name: str, scope: Scope) -> Binding | None:
    """The value the notes stated for ``name``: its own, or one it holds without a binding (:func:`implied`)."""
    return scope.values.get(name) or implied(name, scope)
