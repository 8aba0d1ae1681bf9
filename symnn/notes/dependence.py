r"""How named quantities depend on each other: derivatives by the chain rule, and expansion.

With ``net_{o1} = w_5 out_{h1} + …`` and ``out_{o1} = σ(net_{o1})`` recorded, ∂out_o1/∂w_5 is
∂out_o1/∂net_o1 · ∂net_o1/∂w_5, each factor in the names, so it can be both proved as an
identity (names expanded) and evaluated with the values the notes stated.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import sympy as sp

from symnn.notes.scope import Binding, Unchecked, Value

__all__ = ["chain_rule", "expand_names", "reachable"]


def chain_rule(expr: sp.Expr, variable: sp.Symbol, formulas: Mapping[str, Binding], depth: int = 0) -> sp.Expr:
    """The derivative of ``expr`` (in named quantities) with respect to ``variable``, through ``formulas``."""
    if depth > 30:
        raise Unchecked("the named quantities depend on each other too deeply (a cycle?)")
    terms = []
    for name in sorted(expr.free_symbols, key=lambda s: s.name):
        if name == variable:
            terms.append(sp.diff(expr, name))
            continue
        definition = formulas.get(name.name)
        if definition is None and _sibling_depends(name.name, variable, formulas):
            # E_o2 stated only as a number beside a defined E_o1: how it depends on the variable is not known
            raise Unchecked(f"{display(name.name)} has a value but no definition; its dependence is not known")
        if definition is None or isinstance(definition.value, sp.MatrixBase):
            continue
        inner = definition.value
        if variable not in reachable(inner, formulas) and variable not in inner.free_symbols:
            continue
        terms.append(sp.diff(expr, name) * chain_rule(inner, variable, formulas, depth + 1))
    return sp.Add(*terms)


def _sibling_depends(name: str, variable: sp.Symbol, formulas: Mapping[str, Binding]) -> bool:
    """Whether ``name``, stated only as a number, may depend on ``variable`` as its defined sibling does.

    E_o2 beside E_o1 = ½(target_o1 − out_o1)²: E_o1 depends on out_h1 (through out_o1), and so,
    by the same construction, may E_o2; but E_o1's dependence on out_o1 is its own (the ``o1``
    in the name), so E_o2 does not depend on out_o1.
    """
    if "_" not in name:
        return False
    stem, suffix = name.split("_", 1)
    kind = re.sub(r"\d+", "", suffix)  # out_h2 is a sibling of out_h1 (h), not of out_o1 (o)
    for other, binding in formulas.items():
        if other == name or "_" not in other or other.split("_", 1)[0] != stem:
            continue
        own = other.split("_", 1)[1]
        if re.sub(r"\d+", "", own) != kind:
            continue
        value = binding.value
        if isinstance(value, sp.MatrixBase):
            continue
        if variable in reachable(value, formulas) and own not in variable.name:
            return True
    return False


def reachable(expr: sp.Expr, formulas: Mapping[str, Binding], seen: frozenset[str] = frozenset()) -> set[sp.Symbol]:
    """Every symbol that ``expr`` depends on through ``formulas``."""
    found: set[sp.Symbol] = set()
    for name in expr.free_symbols:
        found.add(name)
        definition = formulas.get(name.name)
        if definition is not None and name.name not in seen and not isinstance(definition.value, sp.MatrixBase):
            found |= reachable(definition.value, formulas, seen | {name.name})
    return found


def expand_names(value: Value, formulas: Mapping[str, Binding], keep: frozenset[str] = frozenset()) -> Value:
    """``value`` with every named quantity replaced by its definition, recursively (up to 30 levels)."""
    for _ in range(30):
        mapping = {
            s: formulas[s.name].value
            for s in value.free_symbols
            if s.name in formulas and s.name not in keep and not isinstance(formulas[s.name].value, sp.MatrixBase)
        }
        if not mapping:
            return value
        value = value.xreplace(mapping)
    raise Unchecked("the named quantities depend on each other too deeply (a cycle?)")


def display(name: str) -> str:
    """A canonical name as the reader wrote it, roughly (``mathbf_x`` -> ``x``)."""
    return re.sub(r"(mathbf|boldsymbol|vec|hat|bar|tilde)_", "", name)
