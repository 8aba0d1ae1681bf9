r"""Derivatives the notes said the value of, used by name in a later step.

Backpropagation written out with numbers names each local gradient once and then reuses it:
``\frac{\partial L}{\partial \hat{y}} = 2(\hat{y} - y) = -2.6``, then ``\frac{\partial L}{\partial W_2} = h^T
\frac{\partial L}{\partial \hat{y}} = [-1.82; -2.6]``. The second step is arithmetic on the first one's
result: with the derivative read as the numbers it was said to equal, the step is judged as numbers. The
step is judged with the notes' own value, right or wrong (a slip carried on is the earlier line's).
"""

from __future__ import annotations

from dataclasses import replace

from symnn.notes.chains import Element
from symnn.notes.claims import NoteClaim
from symnn.notes.judge import judge_link
from symnn.notes.parser import Derivative
from symnn.notes.rounding import FAR_LINES
from symnn.notes.scope import Scope
from symnn.notes.syntax import Wrap, rebuilt, walk

__all__ = ["with_derivatives_said"]


def with_derivatives_said(judged: NoteClaim, left: Element, op: str, right: Element, scope: Scope) -> NoteClaim:
    r"""An unchecked link whose sides use derivatives said before (not as a whole side: that is a
    restatement), judged with those derivatives as the numbers said; unchecked as it was when that
    settles nothing."""
    if judged.status != "unchecked" or left.node is None or right.node is None:
        return judged
    used: dict[Derivative, Element] = {}
    for side in (left.node, right.node):
        for node in walk(side):
            by_name = isinstance(node, Derivative) and node.args is None and node is not side
            earlier = scope.stated.get(node) if by_name else None  # (the numbers it was said to be: Scope.stated)
            if isinstance(node, Derivative) and earlier is not None and 0 < left.line - earlier.line <= FAR_LINES:
                used[node] = earlier
    if not used:
        return judged
    again = judge_link(_with(left, used), op, _with(right, used), scope)
    if again.status == "unchecked":
        return judged
    said = "; ".join(f"{_shown(node)} = {e.text} as said on line {e.line}" for node, e in used.items())
    return replace(again, line=judged.line, text=judged.text, reason=f"with {said}: {again.reason}")


def _shown(node: Derivative) -> str:
    r"""How the derivative ``node`` reads in a reason (``∂L/∂hat_y``)."""
    mark = "∂" if node.partial else "d"
    return f"{mark}{node.name}/{mark}{','.join(node.wrt)}"


def _with(side: Element, used: dict[Derivative, Element]) -> Element:
    """``side`` with each derivative in ``used`` replaced by the numbers it was said to be (their tokens added,
    for the rounding of the decimals they carry)."""
    def said(node: object) -> Wrap | None:
        number = used[node].node if isinstance(node, Derivative) and node in used else None
        return Wrap(number) if number is not None else None

    node = rebuilt(side.node, said)
    tokens = side.tokens + tuple(t for e in used.values() for t in e.tokens)
    return replace(side, node=node, tokens=tokens)  # type: ignore[arg-type]
