r"""The chain rule as written: ``\frac{\partial E}{\partial w} = \frac{\partial E}{\partial out}
\frac{\partial out}{\partial net} \frac{\partial net}{\partial w}``, where the notes do not define
every quantity in it.

A product of derivatives whose factors telescope, each factor's variable the next one's quantity,
from the left side's quantity down to its variable, is the chain rule along one path. It is the
whole derivative when that path is the only one: here, when the variable is a parameter (a weight
or a bias feeds the one unit it is written for) and the quantities between are that unit's own
(``out_{o1}``, ``net_{o1}``), or, in a network of single quantities (``\hat{y}``, ``z``), have no
unit at all. A chain through two units (``out_{o1}`` then ``out_{h1}``) may miss the paths through
the others (``out_{o2}``), and is not judged here.

A chain that telescopes but ends at another parameter (``\partial net_{h2}/\partial w_{11}`` for
∂E/∂w_{12}) is the derivative by that parameter: a slip.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass

import sympy as sp

from symnn.notes.dependence import display_layers, reachable
from symnn.notes.scope import Binding, free, symbol
from symnn.notes.syntax import Call, Derivative, DiffOp, Node, Num, Op, Summation

__all__ = ["Telescope", "chain_rule_verdict", "telescope"]

#: Parameters: a weight or a bias (``w_5``, ``w_{11}^{2}``, ``b_1``, ``\theta_0``), which feeds one unit.
_PARAMETER = re.compile(r"^(w|W|b|theta|Theta|omega)(_\w+)?$")
#: The unit a quantity belongs to: the ``o1`` of ``out_{o1}``, the ``h2`` of ``net_{h2}``.
_UNIT = re.compile(r"_([A-Za-z]+\d+)$")


@dataclass(frozen=True)
class Telescope:
    """A product of derivatives from ``top`` down to ``bottom`` through ``between``; ``single``: the only path."""

    top: str
    bottom: str
    between: tuple[str, ...]
    single: bool


def _factors(node: Node) -> list[Node]:
    """The factors of a product (``\\cdot``, ``\\times`` or written side by side)."""
    if isinstance(node, Op) and node.op in ("cdot", "times", "implicit"):
        return _factors(node.left) + _factors(node.right)
    return [node]


def telescope(node: Node) -> Telescope | None:
    """The chain ``node`` is, when it is a product of two or more derivatives that telescope, else None."""
    factors = _factors(node)
    if len(factors) < 2 or not all(isinstance(f, Derivative) and f.args is None and len(f.wrt) == 1 for f in factors):
        return None
    chain = [f for f in factors if isinstance(f, Derivative)]
    for upper, lower in itertools.pairwise(chain):
        if upper.wrt[0] != lower.name:
            return None
    between = tuple(f.name for f in chain[1:])
    bottom = chain[-1].wrt[0]
    units = {m[1] for m in (_UNIT.search(n) for n in between) if m}
    one_unit = len(units) == 1 and all(_UNIT.search(n) for n in between)
    no_units = not units and not any(re.search(r"_\d+$", n) for n in between)
    single = _PARAMETER.match(bottom.split("__")[0]) is not None and (one_unit or no_units)
    return Telescope(chain[0].name, bottom, between, single)


def _as_derivative(node: Node | None) -> Node | None:
    r"""``\frac{\partial l(f(x), y)}{\partial a_j}``: the derivative of a loss written with its arguments, the
    derivative of the quantity l (as ``\frac{\partial l}{\partial a_j}``); any other node as it is."""
    if isinstance(node, DiffOp) and isinstance(node.operand, Call) and node.operand.primes == 0 and len(node.wrt) == 1:
        return Derivative(node.operand.name, node.wrt, True)
    if isinstance(node, Op) and node.op in ("cdot", "times", "implicit"):
        return Op(node.op, _as_derivative(node.left) or node.left, _as_derivative(node.right) or node.right)
    if isinstance(node, Summation) and not node.stacked:
        return dataclasses.replace(node, body=_as_derivative(node.body) or node.body)
    return node


def _through_every_entry(left: Derivative, right: Node) -> tuple[bool, str] | None:
    r"""``\frac{\partial l}{\partial z_i} = \sum_{j=1}^{K} \frac{\partial l}{\partial a_j}
    \frac{\partial a_j}{\partial z_i}``: the chain rule through every entry a_j of a vector (the sum over all j,
    as written), from the left side's quantity to its variable; None when the sum is no such chain."""
    if not isinstance(right, Summation) or right.excluded is not None or right.product or right.stacked:
        return None
    if right.lower is not None and not (isinstance(right.lower, Num) and right.lower.value in (0, 1)):
        return None
    chain = telescope(right.body)
    if chain is None or chain.top != left.name or chain.bottom != left.wrt[0] or len(chain.between) != 1:
        return None
    match = re.fullmatch(r"(?P<stem>.+?)_(?P<sub>[A-Za-z0-9]+)(?P<layer>__\w+)?", chain.between[0])
    if match is None or right.index not in match["sub"] or right.index in left.wrt[0].split("__")[0]:
        return None
    entry = display_layers(chain.between[0])
    return True, f"the chain rule through every {entry} (the sum over {right.index} as written)"


def chain_rule_verdict(
    left: Node | None, right: Node | None, formulas: Mapping[str, Binding]
) -> tuple[bool, str] | None:
    """``(holds, why)`` for ``left = right`` with ``left`` a derivative and ``right`` a chain of them that
    is the only path (:func:`telescope`), or a sum of such chains through every entry of a vector; None when
    the rule says nothing, or when a quantity of the chain that the notes define in names of their own does
    not depend on the next one (the chain goes through another unit)."""
    left, right = _as_derivative(left), _as_derivative(right)
    if not isinstance(left, Derivative) or left.args is not None or len(left.wrt) != 1 or right is None:
        return None
    through = _through_every_entry(left, right)
    if through is not None:
        return through
    chain = telescope(right)
    if chain is None or not chain.single or chain.top != left.name:
        return None
    steps = zip((chain.top, *chain.between), (*chain.between, chain.bottom), strict=True)
    for quantity, variable in steps:
        definition = formulas.get(quantity)
        if definition is not None and not isinstance(definition.value, sp.MatrixBase):
            reach = reachable(definition.value, formulas) | free(definition.value)
            # E_total = E_o1 + E_o2 with E_o1 stated as a number: a unit's quantity may hide the dependence
            hidden = any(_UNIT.search(s.name) and s.name not in formulas for s in reach)
            if symbol(variable) not in reach and not hidden:
                return None
    path = " → ".join(display_layers(n) for n in (chain.top, *chain.between))
    if chain.bottom == left.wrt[0]:
        return True, f"the chain rule as written ({path}), the one path from {display_layers(chain.bottom)}"
    if _PARAMETER.match(left.wrt[0].split("__")[0]):
        end, meant = display_layers(chain.bottom), display_layers(left.wrt[0])
        return False, f"the chain ends at {end}: it is the derivative by {end}, not by {meant}"
    return None
