r"""What the notes have said so far: functions, bound values, named quantities, the point.

A :class:`Scope` is threaded through the notes in reading order; :class:`Definition` and
:class:`Binding` are its entries, :class:`Unchecked` the one exception a formula without an
exact meaning raises.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeAlias

import sympy as sp

__all__ = ["Binding", "Definition", "Scope", "Template", "Unchecked", "Value", "free", "symbol"]

#: An exact value: a SymPy expression or an immutable matrix.
Value: TypeAlias = sp.Expr | sp.ImmutableMatrix


def free(value: Value) -> set[sp.Symbol]:
    """The symbols ``value`` still holds (of an expression or a matrix)."""
    return set(value.free_symbols)


def symbol(name: str) -> sp.Symbol:
    """The SymPy symbol of a name in the notes: real, as the variables of course notes are."""
    return sp.Symbol(name, real=True)


class Unchecked(Exception):
    """The formula has no exact meaning here; the message says why."""


@dataclass(frozen=True)
class Definition:
    """A function the notes defined: ``name(params) = body`` on ``line``."""

    name: str
    params: tuple[sp.Symbol, ...]
    body: Value
    line: int
    declared: bool = False  # introduced by "Let", "Define": the new meaning is certainly meant
    bare: bool = False  # written as a bare name (f = [x_1^2, x_1 + x_2]): a later f = ... rebinds it
    source: Any = field(default=None, compare=False)  # the body as parsed, for values stated again after it
    order: int = field(default=0, compare=False)  # when it was defined, in reading order


@dataclass(frozen=True)
class Template:
    r"""A quantity defined for any number of terms: ``y_i = e^{x_i} / \sum_k e^{x_k}``, ``L = -\sum_j t_j \log y_j``.

    ``stem`` and ``indices`` split the name written (``y`` and ``("i",)``; ``L`` and ``()``); ``body``
    is the parsed right side, evaluated anew in each instance of a claim with sums of any size. ``params``: the
    variables of a function so defined, ``J(w) = \frac{1}{N} \sum_i (y_i - w x_i)^2`` (J called at them, or at
    other values).
    """

    stem: str
    indices: tuple[str, ...]
    body: Any
    line: int
    params: tuple[str, ...] = ()


#: Reading order: each value or formula stated gets the next number.
_STATED = itertools.count(1)


@dataclass(frozen=True)
class Binding:
    """A value the notes gave a name, and where."""

    value: Value
    line: int
    computed: bool = False  # from arithmetic (0.1 \cdot 0.1 + 0.3), not a number as written
    numbers: bool = False  # from numbers only (``(3000 \cdot 0.001) + 0.1``), no other name
    substituted: bool = False  # only ever substituted (``(y - \hat y)^2 = (0 - 0.96)^2``), never stated
    revealed: bool = False  # read from a derivative written as one of an expression (∂L/∂ŷ = ∂/∂ŷ (y - ŷ)^2)
    order: int = 0  # when it was stated, in reading order (lines restart in each cell of a notebook)
    exact: Value | None = None  # the exact value a printed one was rounded from (\hat{y} = σ(-0.1225) ≈ 0.4694)


@dataclass(frozen=True)
class Scope:
    r"""What the notes have defined so far.

    Attributes:
        functions: defined functions by name.
        values: names bound to values (``\eta = 0.1``); substituted wherever they appear.
        point: values the notes gave the *variables* of functions (``x = 3``, "at the point
            (1,1)"); used only to confirm a claim whose point is left implicit.
        current: the function defined last (what ``J(\mathbf{x})`` refers to).
        results: the decimals the notes printed as results so far (carried, rounded, into later lines).
        rounded_from: for such a decimal, the exact value the notes rounded it from, where it is known
            (``0.659`` printed for 0.659196…): a later line computed with that value, not any in the rounding.
        exact_results: the decimals the notes printed as exact results (``0.54 + 0.14 = 0.68``): one of them
            printed rounded as well (``\sigma(0.755) = 0.68``) is carried with no tolerance where it is met.
        stated: the numbers each derivative was last said to equal (``\partial l/\partial z = (-1.8338)(0.0762)``),
            as the chain element, keyed by the derivative's parse: for a restatement to be judged by, and for the
            steps that use it by name (:mod:`symnn.notes.said`).
        listed: the names whose value the notes last wrote as a list (``h = [0.7, 1.0]``), a row on paper
            (:mod:`symnn.notes.rows`).
        contested: names whose value the notes stated wrongly (the line): the notes go on with their value, the
            checker with the exact one, so a later mismatch that uses them is not a new slip.
        shown: the rounded decimal a name was last shown as (``\hat{y} \approx 0.0831``), when its value
            is exact: later lines compute with the decimal.
        history: every definition each function has had, oldest first (exercises reuse names).
        formulas: named quantities defined by expressions in other names
            (``net_{o1} = w_5 out_{h1} + …``), for derivatives such as ∂E_total/∂out_o1.
        templates: quantities defined with sums of any number of terms (softmax ``y_i``, a loss
            ``L = -\sum_j t_j \log y_j``), by the name written.
        constraints: entries the notes say sum to one (``\sum_j t_j = 1``): the stem ``t``, and the line.
        identities: the lines where a link of a derivation was verified as an identity (a chain continued
            in the next formula, ``= $…$``, goes on from there).
        equations: the equations stated last, as (left, right) chain elements (``-\sum_i [y_i - (w x_i + b)] = 0``,
            set to zero to solve it): the next one may follow from it.
        written: the right side of each name's latest definition, as parsed (``z = Wx + b``), for reading
            it in matrix form, where products do not commute.
        commuted: for a value read from a product of two names substituted (``w_1 i_1 = 0.3 \cdot 0.5``),
            the other name: the factors may have been written in the other order.
        in_matrix_form: the names of the formulas read in matrix form so far (``\partial L/\partial b =
            \delta`` after ``\delta = \partial L/\partial z \odot \sigma'(z)`` is in matrix form too).
        cell_started: the reading order at which the current notebook cell began (0 outside notebooks).
        defaults: values the prose gives a whole kind of parameter ("initialize all the weights to $1$"), by the
            stem its names start with (``w``, ``b``): every such name with no value of its own holds it.
        redefined: functions written more than once as formulas of vectors (``f(x) = \operatorname{tr}(A x x^T)``,
            then ``f(x) = \operatorname{tr}(B^{-1})`` in the next exercise): which one a later ``df`` means is
            not clear.
        nilpotent: the infinitesimals of dual numbers the notes declare (``\epsilon^2 = 0``): every value is read
            to first order in them, as dual-number arithmetic computes (a + bε)(c + dε) = ac + (ad + bc)ε.
        shapes: sizes the notes declare (``W \in \mathbb{R}^{m \times n}``: ``("m", "n")``; None: a number).
    """

    functions: Mapping[str, Definition] = field(default_factory=dict)
    values: Mapping[str, Binding] = field(default_factory=dict)
    point: Mapping[str, Binding] = field(default_factory=dict)
    current: str | None = None
    formulas: Mapping[str, Binding] = field(default_factory=dict)
    history: Mapping[str, tuple[Definition, ...]] = field(default_factory=dict)
    results: set[sp.Rational] = field(default_factory=set)
    rounded_from: dict[sp.Rational, sp.Expr] = field(default_factory=dict)
    exact_results: set[sp.Rational] = field(default_factory=set)
    shown: dict[str, sp.Rational] = field(default_factory=dict)
    stated: dict[Any, Any] = field(default_factory=dict)
    listed: set[str] = field(default_factory=set)
    contested: dict[str, int] = field(default_factory=dict)
    commuted: dict[str, str] = field(default_factory=dict)
    templates: dict[str, Template] = field(default_factory=dict)
    constraints: dict[str, int] = field(default_factory=dict)
    identities: set[int] = field(default_factory=set)
    equations: list[tuple[Any, Any]] = field(default_factory=list)
    written: dict[str, Any] = field(default_factory=dict)
    shapes: dict[str, tuple[str | int, str | int] | None] = field(default_factory=dict)
    in_matrix_form: set[str] = field(default_factory=set)
    cell_started: int = 0
    nilpotent: set[str] = field(default_factory=set)
    redefined: set[str] = field(default_factory=set)
    defaults: dict[str, Binding] = field(default_factory=dict)

    # The mappings are shared and grown in place, and each call returns a new Scope object over
    # them: the notes are read forward, and copying every mapping at every binding made reading
    # quadratic in the number of definitions (20,000 bindings on one line took 24 s).

    def in_new_cell(self) -> Scope:
        """This scope at the start of a notebook cell: values stated before it are not restated in it."""
        return replace(self, cell_started=next(_STATED))

    def formula(self, name: str, binding: Binding) -> Scope:
        """This scope with the named quantity ``name`` defined by an expression in other names."""
        self.functions.pop(name, None)  # type: ignore[attr-defined]
        self.formulas[name] = replace(binding, order=next(_STATED))  # type: ignore[index]
        return replace(self, current=self.current if self.current != name else None)

    def define(self, definition: Definition) -> Scope:
        """This scope with ``definition`` added (a redefinition replaces the old one)."""
        for param in definition.params:
            if param.name in self.values:
                # a value stated for a variable of the new function only hints at a point from now on
                self.point[param.name] = self.values.pop(param.name)  # type: ignore[index, attr-defined]
        self.values.pop(definition.name, None)  # type: ignore[attr-defined]
        self.formulas.pop(definition.name, None)  # type: ignore[attr-defined]
        if definition.name in self.written or self.history.get(definition.name):
            self.redefined.add(definition.name)
        self._defined_in_formulas(definition)
        definition = replace(definition, order=next(_STATED))
        self.functions[definition.name] = definition  # type: ignore[index]
        self.history[definition.name] = (*self.history.get(definition.name, ()), definition)  # type: ignore[index]
        if self._component_of_current(definition):
            return replace(self)  # f_1(x, y) = x^2 + y after f(x, y) = [x^2 + y, 2x + 3y]: J(x) is still f's
        return replace(self, current=definition.name)

    def _component_of_current(self, definition: Definition) -> bool:
        """Whether ``definition`` is ``f_k``, an entry of the vector-valued function defined last, ``f``."""
        current = self.functions.get(self.current) if self.current is not None else None
        if current is None or not isinstance(current.body, sp.MatrixBase):
            return False
        stem, _, index = definition.name.rpartition("_")
        return stem == current.name and index.isdigit() and 1 <= int(index) <= len(current.body)

    def apart(self) -> Scope:
        """This scope for a trial judgment, whose bindings must not last: what binding grows is copied."""
        copies = {"values": dict(self.values), "point": dict(self.point), "shown": dict(self.shown)}
        return replace(self, **copies, contested=dict(self.contested))  # type: ignore[arg-type]

    def _defined_in_formulas(self, definition: Definition) -> None:
        r"""``a \equiv \varphi(z)``, then "where φ is a sigmoid (φ(z) = 1/(1 + e^{-z}))": formulas written with the
        function before it was defined now use its definition."""
        if isinstance(definition.body, sp.MatrixBase) or definition.declared or not definition.params:
            return
        params = definition.params

        def applied(*args: sp.Expr) -> sp.Expr:
            return definition.body.xreplace(dict(zip(params, args, strict=True)))

        for mapping in (self.formulas, self.values):
            for name, binding in list(mapping.items()):
                value = binding.value
                if isinstance(value, sp.MatrixBase) or not isinstance(value, sp.Basic):
                    continue
                calls = [f for f in value.atoms(sp.Function) if type(f).__name__ == definition.name]
                if calls and all(len(f.args) == len(params) for f in calls):
                    value = value.xreplace({f: applied(*f.args) for f in calls})
                    mapping[name] = replace(binding, value=value)  # type: ignore[index]

    def bind(self, name: str, binding: Binding) -> Scope:
        """This scope with ``name`` bound: a variable of a function goes to ``point``."""
        self.shown.pop(name, None)
        self.contested.pop(name, None)  # stated again (and judged right, or a new value): no longer behind a slip
        binding = replace(binding, order=next(_STATED))
        before = self.values.get(name) or self.point.get(name)
        if before is not None and _changed(before.value, binding.value):
            self._stale_after(name)
        vector = isinstance(binding.value, sp.MatrixBase)  # x = [1, 0]^T: the network's input, not a point of f(x)
        if not vector and any(symbol(name) in d.params for d in self.functions.values()):
            self.point[name] = binding  # type: ignore[index]
        else:
            self.values[name] = binding  # type: ignore[index]
        return replace(self)

    def _stale_after(self, name: str) -> None:
        """Forget the values computed from ``name``'s old value: "with w = 3 and x = 1, z = 3·1 + 1" after z = 0 at
        w = 0.5 is the new z, not a slip against the old one (the quantities whose formula reaches ``name``)."""
        for other in list(self.values):
            function = self.functions.get(other)
            if (function is not None and symbol(name) in function.params) or name in self._reached(other):
                self.values.pop(other)  # type: ignore[attr-defined]

    def _reached(self, name: str) -> set[str]:
        """The names ``name``'s formula depends on, through the other formulas."""
        found: set[str] = set()
        todo = [name] if name in self.formulas else []
        while todo:
            formula = self.formulas.get(todo.pop())
            if formula is None or not isinstance(formula.value, sp.Expr):
                continue
            for inner in formula.value.free_symbols:
                if inner.name not in found:
                    found.add(inner.name)
                    todo.append(inner.name)
        return found

    def variables(self) -> set[str]:
        """The names of all variables of the defined functions."""
        return {p.name for d in self.functions.values() for p in d.params}


def _changed(before: Any, after: Any) -> bool:
    """Whether a value stated again differs from the one before (a vector of other entries, another number)."""
    if isinstance(before, sp.MatrixBase) or isinstance(after, sp.MatrixBase):
        return not (isinstance(before, sp.MatrixBase) and isinstance(after, sp.MatrixBase) and before == after)
    try:
        return bool(sp.simplify(before - after) != 0)
    except (TypeError, AttributeError):
        return before != after
