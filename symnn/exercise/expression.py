r"""A formula as JSON and back, through a fixed table of SymPy classes: nothing is ever eval'ed.

The answer key stores, per question, the formula that recomputes its answer from earlier
answers (``a_1__3 (1 - a_1__3)(a_1__3 - y_1)``). It is written as a tree of plain JSON
values, ``{"f": "Mul", "a": [...]}``, ``{"s": "a_1__3"}``, ``{"n": "-3/10"}``, and rebuilt only
from the classes in :data:`_CLASSES`; anything else in a key is refused. Unevaluated
shapes (``2 (x - 3)``) survive the round trip, so the marker prints the working as the
key printed it.

Examples:
    >>> x = sp.Symbol("x")
    >>> tree = to_tree(sp.Mul(2, sp.Add(x, -3, evaluate=False), evaluate=False))
    >>> tree
    {'f': 'Mul', 'a': [{'n': '2'}, {'f': 'Add', 'a': [{'s': 'x'}, {'n': '-3'}]}]}
    >>> from_tree(tree)
    2*(x - 3)
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from symnn.errors import SymnnError

__all__ = ["from_tree", "to_tree"]

#: The only classes a formula in a key may use: name -> (class, built unevaluated?).
_CLASSES: dict[str, tuple[Any, bool]] = {
    "Add": (sp.Add, True),
    "Mul": (sp.Mul, True),
    "Pow": (sp.Pow, True),
    "exp": (sp.exp, False),
    "log": (sp.log, False),
    "tanh": (sp.tanh, False),
    "Piecewise": (sp.Piecewise, False),
    "ExprCondPair": (sp.functions.elementary.piecewise.ExprCondPair, False),
    "StrictGreaterThan": (sp.StrictGreaterThan, False),
    "GreaterThan": (sp.GreaterThan, False),
    "StrictLessThan": (sp.StrictLessThan, False),
    "LessThan": (sp.LessThan, False),
}
_CONSTANTS: dict[str, sp.Basic] = {"E": sp.E, "true": sp.true, "false": sp.false}
#: A number in a key formula: an integer or a fraction, as ``str(Rational)`` writes it.
_NUMBER = re.compile(r"^-?\d{1,80}(/[1-9]\d{0,80})?$")
#: Deepest tree accepted (a 2-2-3-2 sheet needs about 12).
MAX_DEPTH = 60


def to_tree(expr: sp.Basic) -> Any:
    """``expr`` as a JSON tree.

    Raises:
        SymnnError: for a class outside the table.
    """
    if isinstance(expr, sp.Symbol):
        return {"s": expr.name}
    if isinstance(expr, sp.Rational):
        return {"n": str(expr)}
    for name, constant in _CONSTANTS.items():
        if expr == constant:
            return {"c": name}
    name = type(expr).__name__
    if name not in _CLASSES:
        raise SymnnError(f"a key formula cannot hold {name}")
    return {"f": name, "a": [to_tree(arg) for arg in expr.args]}


def from_tree(tree: Any, depth: int = 0) -> sp.Basic:
    """The SymPy formula of a JSON tree (see :func:`to_tree`).

    Raises:
        SymnnError: when the tree is malformed or names a class outside the table.
    """
    if depth > MAX_DEPTH:
        raise SymnnError(f"a key formula is nested deeper than {MAX_DEPTH} levels")
    if not isinstance(tree, dict) or len(tree) not in (1, 2):
        raise SymnnError(f"malformed formula in the key: {str(tree)[:60]}")
    if "s" in tree and isinstance(tree["s"], str) and tree["s"].isidentifier():
        return sp.Symbol(tree["s"])
    if "n" in tree and isinstance(tree["n"], str):
        if not _NUMBER.match(tree["n"]):
            raise SymnnError(f"malformed number in a key formula: {tree['n'][:40]!r}")
        return sp.Rational(tree["n"])
    if "c" in tree and tree["c"] in _CONSTANTS:
        return _CONSTANTS[tree["c"]]
    name, args = tree.get("f"), tree.get("a")
    if name not in _CLASSES or not isinstance(args, list):
        raise SymnnError(f"a key formula names {str(name)[:40]!r}, which a key may not use")
    cls, unevaluated = _CLASSES[name]
    built = [from_tree(arg, depth + 1) for arg in args]
    try:
        return cls(*built, evaluate=False) if unevaluated else cls(*built)
    except (TypeError, ValueError) as error:
        raise SymnnError(f"malformed {name} in a key formula: {error}") from None
