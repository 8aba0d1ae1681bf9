r"""How named quantities depend on each other: derivatives by the chain rule, and expansion.

With ``net_{o1} = w_5 out_{h1} + …`` and ``out_{o1} = σ(net_{o1})`` recorded, ∂out_o1/∂w_5 is
∂out_o1/∂net_o1 · ∂net_o1/∂w_5, each factor in the names, so it can be both proved as an
identity (names expanded) and evaluated with the values the notes stated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import sympy as sp

from symnn.notes.scope import Binding, Unchecked, Value, symbol

__all__ = ["LOSSES", "Analogues", "analogue", "chain_rule", "expand_names", "opaque", "reachable", "unknown_parts"]

#: A unit's index: ``o2``, ``h1`` (a letter for the layer, digits for the unit).
_UNIT = re.compile(r"[A-Za-z]+\d+")
#: Names of weights: each feeds the one unit whose net input it appears in.
_WEIGHT = re.compile(r"(w|W|theta|Theta|omega)(_|$)")


#: The names people give the loss: one written for another (``\partial l`` after ``\text{Loss} = …``) is the same.
LOSSES = frozenset({"l", "L", "ell", "mathcal_L", "E", "Loss", "loss", "J", "C", "Cost", "cost", "E_total"})


def loss_alias(name: str, formulas: Mapping[str, Binding]) -> str | None:
    """The one loss the notes define, when ``name`` is another name of a loss that they do not define."""
    if name not in LOSSES or name in formulas:
        return None
    defined = [other for other in formulas if other in LOSSES]
    return defined[0] if len(defined) == 1 else None


def analogue(name: str, formulas: Mapping[str, Binding]) -> tuple[Binding, str] | None:
    r"""A stand-in definition of ``name``, stated only as a number, read like its defined sibling.

    Step-by-step posts define the first unit and state the second by its numbers ("repeating
    the process for o2"): with ``E_{o1} = ½(target_{o1} − out_{o1})²`` defined, ``E_{o2}`` is
    ``½(target_{o2} − out_{o2})²`` (the sibling's own names renamed ``o1`` → ``o2``); with
    ``out_{o1} = σ(net_{o1})``, ``out_{o2} = σ(net_{o2})``. A definition with weights of the
    unit's own (``net_{o1} = w_5 out_{h1} + w_6 out_{h2} + b_2``) gives ``net_{o2}`` as an
    unknown function of the sibling's other names, ``net_{o2}(out_{h1}, out_{h2}, b_2)``: the
    weights of o2 are not stated, and a weight feeds only the unit it is written in, so
    ∂net_o2/∂w_5 = 0, while ∂net_o2/∂out_h1 stays unknown. Returns the stand-in and the sibling.
    """
    if "_" not in name or name in formulas:
        return None
    stem, suffix = name.split("_", 1)
    if not _UNIT.fullmatch(suffix):
        return None
    kind = re.sub(r"\d+", "", suffix)
    for other in sorted(formulas):
        ostem, _, own = other.partition("_")
        if ostem != stem or own == suffix or not _UNIT.fullmatch(own) or re.sub(r"\d+", "", own) != kind:
            continue
        value = formulas[other].value
        if isinstance(value, sp.MatrixBase):
            continue
        rename, weights, shared = {}, [], []
        for s in sorted(value.free_symbols, key=lambda s: s.name):
            head, _, tail = s.name.partition("_")
            if tail == own:
                rename[s] = symbol(f"{head}_{suffix}")
            elif _WEIGHT.match(s.name):
                weights.append(s)
            else:
                shared.append(s)
        if symbol(name) in rename.values():
            continue
        through = set().union(*(reachable(s, formulas) for s in shared)) if shared else set()
        private = [w for w in weights if w not in through]
        if not private:
            return Binding(value.xreplace(rename), formulas[other].line), other
        arguments = sorted({*shared, *(w for w in weights if w in through), *rename.values()}, key=lambda s: s.name)
        return Binding(sp.Function(name, real=True)(*arguments), formulas[other].line), other
    return None


class Analogues(Mapping[str, Binding]):
    """The named quantities, with stand-ins (:func:`analogue`) for those stated only as numbers.

    ``used`` records each stand-in read, with its sibling, for the verdict to say so; a loss written
    under another name (:func:`loss_alias`) is read as the one loss defined.
    """

    def __init__(self, formulas: Mapping[str, Binding]) -> None:
        self.base = formulas
        self.used: dict[str, str] = {}
        self.aliases: dict[str, str] = {}
        self._cache: dict[str, tuple[Binding, str] | None] = {}
        self._reach: dict[str, set[sp.Symbol]] = {}

    def reach(self, name: str) -> set[sp.Symbol]:
        """Every symbol the named quantity ``name`` depends on (remembered: judging asks often)."""
        if name not in self._reach:
            self._reach[name] = set()  # a cycle reaches nothing more
            definition = self.get(name)
            if definition is not None and not isinstance(definition.value, sp.MatrixBase):
                self._reach[name] = reachable(definition.value, self, frozenset({name}))
        return self._reach[name]

    def __getitem__(self, key: str) -> Binding:
        if key in self.base:
            return self.base[key]
        if key not in self._cache:
            alias = loss_alias(key, self.base)
            found = (self.base[alias], alias) if alias is not None else analogue(key, self.base)
            self._cache[key] = found
            if alias is not None:
                self.aliases[key] = alias
        found = self._cache[key]
        if found is None:
            raise KeyError(key)
        self.used[key] = found[1]
        return found[0]

    def __iter__(self) -> Iterator[str]:
        return iter(self.base)

    def __len__(self) -> int:
        return len(self.base)

    def note(self) -> str:
        """The stand-ins used, as a sentence for a verdict (empty when none)."""
        aliases = {n: o for n, o in self.used.items() if n in self.aliases}
        siblings = {n: o for n, o in self.used.items() if n not in self.aliases}
        notes = []
        if aliases:
            read = ", ".join(f"{display(n)} as {display(o)}" for n, o in sorted(aliases.items()))
            notes.append(f" ({read}: the only loss the notes define)")
        if siblings:
            read = ", ".join(f"{display(n)} like {display(o)}" for n, o in sorted(siblings.items()))
            notes.append(f" ({read}: stated only as numbers, read like their siblings)")
        return "".join(notes)


def opaque(derivative: sp.Derivative) -> str:
    """The name of a derivative of a stand-in of unknown dependence, as one quantity."""
    return "partial_" + re.sub(r"\W+", "_", sp.sstr(derivative)).strip("_")


def unknown_parts(value: Value) -> list[str]:
    """The stand-ins whose dependence is unknown that ``value`` still holds (``net_o2`` of :func:`analogue`)."""
    found = value.atoms(sp.core.function.AppliedUndef) if isinstance(value, sp.Basic) else set()
    return sorted(display(f.func.__name__) for f in found)


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
        if isinstance(formulas, Analogues) and not seen:
            found |= formulas.reach(name.name)
            continue
        definition = formulas.get(name.name)
        if definition is not None and name.name not in seen and not isinstance(definition.value, sp.MatrixBase):
            found |= reachable(definition.value, formulas, seen | {name.name})
    return found


def expand_names(value: Value, formulas: Mapping[str, Binding], keep: frozenset[str] = frozenset()) -> Value:
    """``value`` with every named quantity replaced by its definition, recursively (up to 30 levels).

    A derivative of a stand-in of unknown dependence (∂net_o2/∂out_h1) is one opaque quantity.
    """
    if isinstance(value, sp.Basic) and value.has(sp.Derivative):
        value = value.xreplace({d: symbol(opaque(d)) for d in value.atoms(sp.Derivative)})
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


def shown_name(name: str) -> str:
    r"""A canonical name with its decoration as LaTeX (``hat_Y`` -> ``\hat{Y}``), for a reading to be named."""
    return re.sub(r"(hat|bar|tilde)_(\w+?)(?=_|$)", r"\\\1{\2}", display_layers(name))


def display_layers(name: str) -> str:
    """``w_11__2`` -> ``w_11^2``, ``w_11__prime`` -> ``w_11'``."""
    return name.replace("__prime", "'").replace("__", "^")
