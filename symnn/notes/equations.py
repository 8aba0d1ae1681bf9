r"""Equations that follow from the one before: a derivation that solves an equation step by step.

Setting a derivative to zero and solving is written as a run of equations, each from the last::

    -\sum_{i=1}^N [y^{(i)} - (w_1 x^{(i)} + w_0)] = 0
    \sum_{i=1}^N y^{(i)} = \sum_{i=1}^N (w_1 x^{(i)} + w_0)

Neither is an identity, but the second holds wherever the first does: its sides differ by the first's sides'
difference times a number (here -1). That is checked exactly, at each size for sums of any number of terms
(n = 1, 2, 3, each term a symbol), and is a ✓ for the step, not for the equation. A step that is not such a
multiple (a rearrangement that uses another result, or a slip) says nothing, and stays unchecked.
"""

from __future__ import annotations

import sympy as sp

from symnn.notes.chains import Element
from symnn.notes.claims import EQUATION, NoteClaim
from symnn.notes.evaluate import Scope, Unchecked, evaluate
from symnn.notes.sums import instances, vectors_of
from symnn.notes.syntax import Node, Summation, walk

__all__ = ["EQUATION_LINES", "from_the_equation_before"]

#: How many lines after an equation the next step of solving it may come.
EQUATION_LINES = 12
#: The ends of the reasons of a link that is an equation in unknowns (to solve, not to verify).
_AN_EQUATION = (EQUATION, "whose values are not stated")


def from_the_equation_before(judged: NoteClaim, left: Element, right: Element, scope: Scope) -> NoteClaim:
    """``judged``, a link that is an equation, verified when it follows from the equation stated just before it
    (its sides' difference a nonzero number times that one's); the link is remembered as the latest equation."""
    if judged.status != "unchecked" or not judged.reason.endswith(_AN_EQUATION):
        return judged
    earlier = scope.equations[-1] if scope.equations else None
    scope.equations[:] = [(left, right)]
    if earlier is None or not 0 <= left.line - earlier[1].line <= EQUATION_LINES or left.line == earlier[0].line:
        return judged
    factors = _factors(left, right, earlier, scope)
    if not factors:
        return judged
    shown = sp.sstr(factors[0]) if len(set(factors)) == 1 else ", ".join(sp.sstr(f) for f in factors)
    at = " at n = 1, 2, 3" if len(set(factors)) > 1 else ""
    times = "the same" if set(factors) == {1} else f"times {shown}{at}"
    reason = f"follows from the equation on line {earlier[0].line}: its sides differ by that one's {times}"
    if len(factors) > 1:
        reason = f"for n = 1, 2, 3 terms (each term a symbol; not a proof for every n): {reason}"
    return NoteClaim(judged.line, judged.text, "verified", judged.claimed, judged.exact, reason)


def _factors(left: Element, right: Element, earlier: tuple[Element, Element], scope: Scope) -> list[sp.Expr]:
    """The nonzero number r with left - right = r (earlier left - earlier right), at each size for sums of any
    number of terms (one a size); empty when there is none."""
    nodes = [e.node for e in (left, right, *earlier) if e.node is not None]
    if len(nodes) != 4:
        return []
    if not any(isinstance(n, Summation) for node in nodes for n in walk(node)):
        ratio = _ratio(nodes, scope)
        return [] if ratio is None else [ratio]
    found = []
    with vectors_of(nodes):
        for _ in instances(nodes, [t.body for t in scope.templates.values()]):
            ratio = _ratio(nodes, scope)
            if ratio is None:
                return []
            found.append(ratio)
    return found


def _ratio(nodes: list[Node], scope: Scope) -> sp.Expr | None:
    try:
        new_left, new_right, old_left, old_right = (evaluate(n, scope) for n in nodes)
    except (Unchecked, ZeroDivisionError, TypeError, ValueError):
        return None
    sides = (new_left, new_right, old_left, old_right)
    if not all(isinstance(s, sp.Expr) for s in sides):
        return None
    new, old = sp.expand(new_left - new_right), sp.expand(old_left - old_right)
    if old == 0 or new == 0 or not old.free_symbols:
        return None
    ratio = sp.cancel(sp.together(new / old))
    return ratio if ratio.is_number and ratio != 0 else None
