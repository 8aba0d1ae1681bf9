r"""From a parsed formula to an exact SymPy value, under the document's definitions.

A :class:`Scope` holds what the notes have said so far: functions (``f(x,y) = x^2 + 4y^2``),
bound names (``\eta = 0.1``) and the point last named for the variables
(``at the point $(1,1)$``, ``$x=3$``). :func:`evaluate` turns a syntax tree into a SymPy
number, expression or matrix, exactly; gradients and Jacobians come from
:mod:`symnn.calculus`. Anything it cannot give a meaning to raises :class:`Unchecked`.

Work is bounded before it is done: exponents, the digits of powers, the size of symbolic
expansions and factorials are checked first, so a formula such as ``9^{9^{9}}`` is
reported unchecked at once instead of hanging.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import cast

import sympy as sp

from symnn.calculus import gradient, jacobian
from symnn.notes import shapes
from symnn.notes.dependence import LOSSES, chain_rule, display, expand_names, reachable
from symnn.notes.differentials import changes, differential, is_differential_call
from symnn.notes.guards import MAX_FACTORIAL, guard, power
from symnn.notes.parser import (
    Call,
    Derivative,
    DiffOp,
    EvalAt,
    Func,
    Matrix,
    Nabla,
    Name,
    Neg,
    Node,
    Num,
    Op,
    Pow,
    Transpose,
    Wrap,
)
from symnn.notes.scope import Binding, Definition, Scope, Template, Unchecked, Value, free, symbol
from symnn.notes.sums import (
    BOLD,
    GENERIC_SUM,
    INDEX_LETTERS,
    INDEXED,
    entry_vector,
    generic,
    layered,
    renamed,
    term,
    terms,
)
from symnn.notes.syntax import Cases, Summation, walk

#: The base ``\log`` is read in while a claim is judged under one reading ("e" or 10; None: refused).
LOG_BASE: ContextVar[str | int | None] = ContextVar("symnn_notes_log_base", default=None)
LOG_AMBIGUOUS = r"\log without a base is ambiguous (natural or base 10?)"


#: Whether the notes differentiate by a variable named e (``dd/de``, ``\frac{\partial L}{\partial e}``): then e alone
#: is that variable, not Euler's number (which ``e^{x}`` still is).
E_IS_A_VARIABLE: ContextVar[bool] = ContextVar("symnn_notes_e_is_a_variable", default=False)
_BY_E = re.compile(r"/\s*de(?![A-Za-z])|\\partial\s*e\s*\}|\{\s*de\s*\}")


def differentiated_by_e(source: str) -> bool:
    r"""Whether ``source`` differentiates by a variable e: ``dd/de``, ``\frac{dL}{de}``, ``\partial e}``."""
    return bool(_BY_E.search(source))


@contextmanager
def e_read_as_a_variable(variable: bool) -> Iterator[None]:
    """Judge with a bare ``e`` read as a variable (``variable``) or as Euler's number."""
    token = E_IS_A_VARIABLE.set(variable)
    try:
        yield
    finally:
        E_IS_A_VARIABLE.reset(token)


#: Whether logarithms of products and powers are split while a claim is judged (``ln ab = ln a + ln b``: true
#: where the logarithms are real, the domain notes mean).
LOGS_SPLIT: ContextVar[bool] = ContextVar("symnn_notes_logs_split", default=False)


@contextmanager
def logs_split() -> Iterator[None]:
    r"""Judge with the logarithm of a product split into a sum of logarithms, of a power into a multiple."""
    token = LOGS_SPLIT.set(True)
    try:
        yield
    finally:
        LOGS_SPLIT.reset(token)


#: Whether vectors written as lists (``[1, 2]``) are rows while a claim is judged (NumPy's ``x @ W``), not columns.
LISTS_AS_ROWS: ContextVar[bool] = ContextVar("symnn_notes_lists_as_rows", default=False)


@contextmanager
def lists_as_rows() -> Iterator[None]:
    r"""Judge with a vector written ``[a, b]`` read as the row it is on paper (``x W + b`` with ``x`` a row)."""
    token = LISTS_AS_ROWS.set(True)
    try:
        yield
    finally:
        LISTS_AS_ROWS.reset(token)


@contextmanager
def log_read_in(base: str | int) -> Iterator[None]:
    r"""Judge with ``\log`` read in ``base`` ("e" or 10)."""
    token = LOG_BASE.set(base)
    try:
        yield
    finally:
        LOG_BASE.reset(token)


#: The most terms a sum with numbers for bounds is expanded into.
MAX_TERMS = 100

__all__ = [
    "Binding",
    "Definition",
    "Scope",
    "Unchecked",
    "Value",
    "entry_of_a_vector",
    "evaluate",
    "expand_names",
    "functions_in",
    "implied",
    "in_other_type",
    "kept_names",
    "logistic_activations",
    "loss_template",
    "parameters_of",
    "primed_variables",
    "stated_for_all",
    "symbol",
]

_FUNCTIONS = {
    "sin": sp.sin,
    "cos": sp.cos,
    "tan": sp.tan,
    "exp": sp.exp,
    "ln": sp.log,
    "log": sp.log,
    "sinh": sp.sinh,
    "cosh": sp.cosh,
    "tanh": sp.tanh,
    "arcsin": sp.asin,
    "arccos": sp.acos,
    "arctan": sp.atan,
}
_COMPONENT = re.compile(r"^(?P<base>.+)_(?P<index>[1-9]\d*)$")


# ---------------------------------------------------------------- quantities defined for any number of terms

_ENTRY_NUMBERED = re.compile(r"^(?P<stem>.+)_(?P<k>[1-9]\d?)$")


def entry_of_a_vector(name: str, scope: Scope) -> sp.Expr | None:
    """``z_2`` where the notes stated the vector ``z`` as a whole (``z = [1, 2, 3]``), ``W_{12}`` of a matrix ``W``
    stated whole (row 1, column 2; both sizes under 10), either in bold or not: its entry, or None."""
    found = _whole_stated(name, scope)
    return found[0] if found is not None else None


def _whole_stated(name: str, scope: Scope) -> tuple[sp.Expr, int] | None:
    """The entry ``name`` names of a vector or matrix stated whole, and the line it was stated on."""
    found = _ENTRY_NUMBERED.match(name)
    if found is None:
        return None
    stem, k = found["stem"], found["k"]
    binding = scope.values.get(stem)
    if binding is None and stem not in scope.formulas and stem not in scope.functions:
        bold = [scope.values[b + stem] for b in _BOLD if b + stem in scope.values]  # x_1 of \mathbf{x} = [5, 3]
        binding = bold[0] if len(bold) == 1 else None
    if binding is None or not isinstance(binding.value, sp.MatrixBase):
        return None
    whole = binding.value
    if 1 in whole.shape:
        return (whole[int(k) - 1], binding.line) if int(k) <= len(whole) else None
    if len(k) != 2 or max(whole.shape) > 9 or "0" in k:
        return None
    row, column = int(k[0]), int(k[1])  # W_{12}: row 1, column 2
    return (whole[row - 1, column - 1], binding.line) if row <= whole.rows and column <= whole.cols else None


_BOLD = ("mathbf_", "boldsymbol_", "bm_")


def stated_for_all(name: str, scope: Scope) -> Binding | None:
    """The value the prose gave every parameter of ``name``'s kind ("all the weights to $1$": w_3 is 1), when
    ``name`` has no value, formula or definition of its own."""
    if not scope.defaults or name in scope.values or name in scope.formulas or name in scope.functions:
        return None
    if name in scope.point or "_" not in name:
        return None  # (w alone is no numbered weight)
    return scope.defaults.get(name.split("_", 1)[0])


def implied(name: str, scope: Scope) -> Binding | None:
    """The value ``name`` holds without a binding of its own: what the prose gave all parameters of its kind ("all
    the biases to $0$"), or its entry of a vector stated whole (``w_1`` of ``w = [0, 1]``, at the vector's line)."""
    default = stated_for_all(name, scope)
    if default is not None:
        return default
    found = _whole_stated(name, scope)
    return Binding(found[0], found[1]) if found is not None else None


def in_other_type(name: str, scope: Scope) -> sp.MatrixBase | None:
    r"""The vector or matrix the notes stated for ``name`` set in the other type: ``\mathbf{y}`` when only ``y``
    was stated (as a vector or matrix), ``y`` when only ``\mathbf{y}`` was."""
    if name in scope.functions or name in scope.formulas or name in scope.point or name in scope.values:
        return None  # (x = 3, then \mathbf{x} = (2, 1): two quantities)
    if any(symbol(name) in d.params for d in scope.functions.values()):
        return None
    bold = next((prefix for prefix in _BOLD if name.startswith(prefix)), None)
    others = [name[len(bold) :]] if bold else [prefix + name for prefix in _BOLD]
    stated = [scope.values[n].value for n in others if n in scope.values]
    matrices = [v for v in stated if isinstance(v, sp.MatrixBase)]
    return matrices[0] if len(matrices) == 1 and len(stated) == 1 else None


def _wholes(entry: str) -> set[str]:
    """The names of the vector or matrix ``entry`` is an entry of, written whole (``b_ji__2``: ``b__2``; ``w_1``:
    ``w``, bold or not)."""
    stem, _, layer = entry.partition("__")
    base, underscore, index = stem.rpartition("_")
    if not underscore or not base or not index:
        return set()
    plain = base.split("_", 1)[1] if base.startswith(_BOLD) else base
    suffix = f"__{layer}" if layer else ""
    return {f"{name}{suffix}" for name in (plain, *(prefix + plain for prefix in _BOLD))}


def _length_summed(node: Summation, scope: Scope) -> int | None:
    r"""The number of entries of the vectors a sum without bounds adds (``\sum_i e^{z_i}`` after ``z = [1, 2, 3]``:
    3), when every name of its body indexed by the sum's letter is an entry of one stated vector, all of one
    length; None otherwise."""
    lengths = set()
    for found in walk(node.body):
        if not isinstance(found, Name) or not found.name.endswith("_" + node.index) or found.name in scope.templates:
            continue  # (p_i of p_i = e^{z_i} / \sum_j e^{z_j}: an entry of any size, at the vectors it is written in)
        binding = scope.values.get(found.name[: -len(node.index) - 1])
        if binding is None or not isinstance(binding.value, sp.MatrixBase) or 1 not in binding.value.shape:
            return None
        lengths.add(len(binding.value))
    return lengths.pop() if len(lengths) == 1 else None


#: The numbers of a square matrix written as calls: ``\det(H)``, ``\operatorname{tr}(H)``, ``\text{tr}(A)``.
_OF_MATRICES = {"det", "tr", "trace", "Tr", "diag"}

#: ``\delta_{ij}``: Kronecker's delta, where the notes give δ no other meaning.
_KRONECKER = re.compile(r"^delta_([i-n]{2})$")
#: The templates being expanded (one defined in terms of itself is refused, not looped).
_EXPANDING: ContextVar[frozenset[str]] = ContextVar("symnn_notes_templates", default=frozenset())
#: Templates kept as their entries' symbols: the quantity a derivative is taken by (∂L/∂p_i of L = -Σ y_i log p_i).
_KEPT: ContextVar[frozenset[str]] = ContextVar("symnn_notes_kept_templates", default=frozenset())


def _indexed(names: tuple[str, ...]) -> bool:
    """Whether a name of ``names`` has index letters (x_i of ∂L/∂x_i, a_j^L of ∂C/∂a_j^L: a layer after it)."""
    return any((m := INDEXED.match(n)) and set(m["letters"]) <= INDEX_LETTERS for n in names)


def _subscripted(name: str) -> re.Match[str] | None:
    """``y_i``, ``w_{jk}`` (the written stem, the letters), with nothing after the subscript."""
    match = INDEXED.match(name)
    return match if match is not None and match["rest"] is None else None


def at_size(formulas: Mapping[str, Binding], size: int) -> dict[str, Binding]:
    """``formulas`` with each one of an index (``ŷ_i = W x_i + B``) written out for the entries 1..``size``
    (``ŷ_1 = W x_1 + B``, …), unless an entry has a formula of its own."""
    out = dict(formulas)
    for name, binding in formulas.items():
        match = _subscripted(name)
        if match is None or len(match["letters"]) != 1 or match["letters"] not in INDEX_LETTERS:
            continue
        if isinstance(binding.value, sp.MatrixBase):
            continue
        for k in range(1, size + 1):
            indices = {match["letters"]: k}
            entry = renamed(name, indices)
            if entry not in out:
                value = binding.value.xreplace({s: symbol(renamed(s.name, indices)) for s in free(binding.value)})
                out[entry] = replace(binding, value=value)
    return out


#: The name of a sum the notes defined: ``\sum_K = \sum_{j=1}^{K} \exp(\theta_j)``, read as Sigma_K.
_SUM_NAME = re.compile(r"Sigma(?:_[A-Za-z])?")


def _template_stem(written: str, scope: Scope) -> str | None:
    """The stem of the template an entry ``p_2`` belongs to, or None."""
    found = _template(written, scope, False)
    return found[0].stem if found is not None else None


def _template(written: str, scope: Scope, derivative: bool) -> tuple[Template, str] | None:
    """The template a written name refers to, with the index letters written (``y_j`` → y_i's, ``"j"``)."""
    if not scope.templates:
        return None
    match = _subscripted(written)
    current = generic()
    bound = set(current.indices) if current is not None else set()
    if match is not None and not set(match["letters"]) <= INDEX_LETTERS | bound:
        match = None  # y_t, x_{in}: not an index, unless a sum around it binds it (y_c of \sum_c)
    if match is not None:
        for template in scope.templates.values():
            same = template.indices == tuple(match["letters"]) if layered() else True  # a_i is no a_j, by layer
            if template.stem == match["stem"] and len(template.indices) == len(match["letters"]) and same:
                return template, match["letters"]
        return None
    whole = scope.templates.get(written)
    if whole is not None and not whole.indices and (derivative or whole.params or _SUM_NAME.fullmatch(written)):
        # (\sum_K defined as \sum_{j=1}^K e^{θ_j}: the sum it names, wherever written; L of L(p) = \prod_i …,
        # the function at its own variables)
        return whole, ""
    return None


# ---------------------------------------------------------------- which functions a formula uses


def _of_sibling_entries(value: sp.Expr, variable: str) -> bool:
    """Whether ``value`` is written only in other entries of the vector ``variable`` is an entry of (x_1 and
    x_3 for x_2): its derivative by that entry is 0, no dependence left unsaid."""
    entry = re.fullmatch(r"(?P<stem>.+)_(?P<index>\d+)", variable)
    if entry is None or not value.free_symbols:
        return False
    sibling = re.compile(rf"{re.escape(entry['stem'])}_\d+")
    return all(sibling.fullmatch(s.name) and s.name != variable for s in value.free_symbols)


def _function(name: str, scope: Scope) -> Definition | None:
    """The definition ``name`` refers to: a function, a component ``f_1`` of a vector function, or J."""
    if name in scope.functions:
        return scope.functions[name]
    match = _COMPONENT.match(name)
    if match and match["base"] in scope.functions:
        parent = scope.functions[match["base"]]
        index = int(match["index"])
        if isinstance(parent.body, sp.MatrixBase) and 1 in parent.body.shape and index <= len(parent.body):
            return Definition(name, parent.params, list(parent.body)[index - 1], parent.line)
    return None


def _jacobian_target(name: str, scope: Scope) -> Definition | None:
    """For ``J`` or ``J_f`` (not themselves defined): the function whose Jacobian is meant."""
    if name in scope.functions:
        return None
    if name == "J" and scope.current is not None:
        return scope.functions[scope.current]
    if name.startswith("J_"):
        target = name[2:].removeprefix("mathbf_").removeprefix("boldsymbol_")
        return scope.functions.get(target)
    return None


def functions_in(node: Node, scope: Scope) -> list[Definition]:
    """The definitions that ``node`` refers to (their variables stay symbolic in it)."""
    found: list[Definition] = []
    for n in walk(node):
        if isinstance(n, (Call, Nabla, Derivative, Name)):
            name = n.name
            definition = _function(name, scope) or (_jacobian_target(name, scope) if isinstance(n, Call) else None)
            if definition is not None:
                found.append(definition)
    return found


def parameters_of(definitions: list[Definition]) -> set[str]:
    """The names of the variables of ``definitions``."""
    return {p.name for d in definitions for p in d.params}


def kept_names(node: Node, scope: Scope) -> set[str]:
    r"""Names that stay symbols in ``node``: variables of the functions it uses, and of ``\frac{d}{dx}``."""
    names = parameters_of(functions_in(node, scope))
    for n in walk(node):
        if isinstance(n, DiffOp):
            names.update(n.wrt)
    return names


def loss_template(name: str, scope: Scope) -> str | None:
    """The one loss the notes define for any number of terms, when ``name`` is another loss name that they do not
    define (as :func:`symnn.notes.dependence.loss_alias` finds among formulas), or None."""
    if name not in LOSSES or name in scope.templates or name in scope.formulas or name in scope.functions:
        return None
    if any(other in LOSSES for other in scope.formulas):
        return None
    defined = [other for other in scope.templates if other in LOSSES and not scope.templates[other].indices]
    return defined[0] if len(defined) == 1 else None


def primed_variables(node: Node, scope: Scope) -> set[str]:
    r"""The variables of the derivatives of standard functions in ``node``: x of ``\tanh'(x)``, z of ``\sigma'(z)``."""
    found: set[str] = set()
    for n in walk(node):
        primed = (isinstance(n, Func) and n.name.endswith("'") and n.name.rstrip("'") in _FUNCTIONS) or (
            isinstance(n, Call) and n.primes and n.name == "sigma" and "sigma" not in scope.functions
        )
        args: tuple[Node, ...] = getattr(n, "args", None) or ()
        variable = args[0] if len(args) == 1 else None
        if primed and isinstance(variable, Name) and variable.name not in scope.values:
            found.add(variable.name)
    return found


# ---------------------------------------------------------------- evaluation


#: Functions read as standard when the notes do not define them: sgn and the unit (Heaviside) step.
_SIGN_AND_STEP = {"sign": "sign", "sgn": "sign", "step": "step", "heaviside": "step", "unitstep": "step"}
#: Greek letters that name rates and constants, never functions, unless the notes define them as functions:
#: ``\eta (t - o) x_i`` is η times the bracket.
_RATES = frozenset({"eta", "alpha", "lambda", "gamma", "epsilon", "varepsilon", "mu", "beta", "rho", "tau"})
#: The names of activations a derivation leaves generic: ``g_k(z_k)``, ``g_j'(z_j)``, ``\phi(u)``.
_ACTIVATION_NAME = re.compile(r"(?:g|phi|varphi|psi)(?:_[A-Za-z0-9]{1,3})?")
#: How a generic activation is read: "generic" (a function nothing is known of) or "logistic" (σ).
ACTIVATION_READ_AS: ContextVar[str] = ContextVar("symnn_notes_activation_read_as", default="generic")
#: Set when a claim's evaluation read a generic activation (reset by the judge before each link).
GENERIC_ACTIVATION_USED: ContextVar[bool] = ContextVar("symnn_notes_generic_activation_used", default=False)
#: Why a derivative by a name that no definition holds is not 0.
DEPENDENCE_UNSTATED = "the notes do not say how it depends on it"


def _names_of(node: object) -> set[str]:
    """The names a syntax tree mentions."""
    return {n.name for n in walk(node) if isinstance(n, Name)}


#: Set while a claim is judged again with each function the notes never define an unknown one (``f(x + h)``,
#: ``\frac{df}{dx}(x)``, ``\nabla f(\mathbf{x}_k)``): only a ✓ is taken from that reading.
GENERIC_FUNCTIONS: ContextVar[bool] = ContextVar("symnn_notes_generic_functions", default=False)
#: The names such a function may have: a letter of a function (f, g, h, F, G, H, T), with a subscript;
#: never o or O, the Landau symbols, for which o(h) - o(h) = 0 would be read as true.
GENERIC_FUNCTION_NAME = re.compile(r"[fghFGHT](?:_[A-Za-z0-9]{1,3})?")
#: The reason of a claim about such a function (``f(x + h)``, ``\frac{df}{dx}``), outside that reading.
UNDEFINED_FUNCTION = re.compile(
    r"(?:^|: )(?:[fghFGHT](?:_\w{1,3})?\(\.\.\.\) is neither a defined function|[fghFGHT](?:_\w{1,3})? is not defined)"
)


def generic_functions_in(*values: object) -> bool:
    """Whether a value holds a function the notes leave unknown, read by :data:`GENERIC_FUNCTIONS`."""
    return any(
        isinstance(v, sp.Basic) and any(type(a) in _GENERIC_KINDS for a in v.atoms(sp.Function)) for v in values
    )
_COMPARISONS = {"<": sp.Lt, "<=": sp.Le, ">": sp.Gt, ">=": sp.Ge, "=": sp.Eq, "!=": sp.Ne}


#: Functions of a vector or matrix of numbers that neural-network notes always apply entry by entry
#: (``tanh(s_{out})`` of a layer's outputs; never the matrix function).
_ENTRYWISE = frozenset({"tanh", "exp", "log", "ln"})


@dataclass(frozen=True)
class _Evaluator:
    scope: Scope
    keep: frozenset[str]

    def __call__(self, node: Node) -> Value:
        return guard(self.value(node))

    def scalar(self, node: Node, what: str) -> sp.Expr:
        value = self(node)
        if isinstance(value, sp.MatrixBase):
            raise Unchecked(f"{what} is a vector or matrix")
        return value

    def value(self, node: Node) -> Value:
        if isinstance(node, Num):
            return node.value
        if isinstance(node, Wrap):
            return self(node.operand)
        if isinstance(node, Name):
            return self.name(node.name)
        if isinstance(node, Neg):
            return -self(node.operand)
        if isinstance(node, Op):
            return self.operation(node)
        if isinstance(node, Pow):
            if node.base == Name("e") and not self.error_named_e(node.exponent):
                return power(sp.E, self(node.exponent))  # e^{-z} is Euler's number even where e names an error
            base = node.base
            if isinstance(base, Call) and base.args and self.read_as_product(base):
                # 6x(x^2 + 1)^2: x times the bracket squared, not (x(x^2 + 1))^2
                factor = self.name(base.name)
                return self.product(factor, power(self(base.args[0]), self(node.exponent)), "implicit")
            if _inverse_transposed(node):  # A^{-T}: the transpose of the inverse
                inverse = power(self(base), sp.Integer(-1))
                if not isinstance(inverse, sp.MatrixBase):
                    raise Unchecked("a power -T of a number")
                return inverse.T
            return power(self(base), self(node.exponent))
        if isinstance(node, Func):
            return self.function(node)
        if isinstance(node, Matrix):
            rows = [[self.scalar(cell, "an entry of a vector") for cell in row] for row in node.rows]
            matrix = sp.ImmutableMatrix(rows)
            return matrix.T if node.listed and LISTS_AS_ROWS.get() else matrix
        if isinstance(node, Transpose) and self.named_product(node.operand):
            # δ^{(L)} (a^{(L-1)})^T: the transpose is of the bracket, the name before it a factor
            assert isinstance(node.operand, Call) and node.operand.args is not None
            return self.product(self.name(node.operand.name), self(Transpose(node.operand.args[0])), "implicit")
        if isinstance(node, Transpose):
            operand = self(node.operand)
            if not isinstance(operand, sp.MatrixBase):
                if operand.is_number or shapes.current() is not None:
                    return operand  # (w_2)^T of a single weight, (y - Xw)^T at one sample: the number itself
                raise Unchecked("a transpose of a number")
            return operand.T
        if isinstance(node, Call):
            return self.call(node)
        if isinstance(node, Nabla):
            if node.order == 1 and node.args is not None and self._generic(node.name):
                return self.generic_function("nabla_" + node.name, node.args)  # ∇f(x_k) of an f nothing is known of
            definition = self.definition(node.name)
            if isinstance(definition.body, sp.MatrixBase):
                raise Unchecked(f"\\nabla of the vector-valued {node.name}")
            if node.order == 2:  # \nabla^2 f: the Hessian, ∂²f/∂x_i∂x_j
                hessian = sp.ImmutableMatrix(sp.hessian(definition.body, definition.params))
                return self.at(definition, hessian, node.args)
            return self.at(definition, sp.ImmutableMatrix(gradient(definition.body, definition.params)), node.args)
        if isinstance(node, Derivative):
            return self.derivative(node)
        if isinstance(node, EvalAt):
            return self.evaluation_bar(node)
        if isinstance(node, DiffOp):
            return self.differentiate(node)
        if isinstance(node, Summation):
            return self.summation(node)
        if isinstance(node, Cases):
            return self.cases(node)
        raise Unchecked(f"{type(node).__name__} is not understood")

    @staticmethod
    def logarithm(name: str, argument: sp.Expr) -> sp.Expr:
        r"""``\ln`` (natural) or ``\log`` in the base of the reading being judged (refused outside one)."""
        if name == "ln":
            return sp.log(argument)
        base = LOG_BASE.get()
        if base is None:
            raise Unchecked(LOG_AMBIGUOUS)
        return sp.log(argument) if base == "e" else sp.log(argument, base)

    def cases(self, node: Cases) -> sp.Expr:
        r"""``\begin{cases} 1 & z \geq 0 \\ 0 & \text{otherwise} \end{cases}``: SymPy's Piecewise, exactly (a case
        not covered has no value: evaluated there, it is unchecked)."""
        pieces = []
        for value, condition in zip(node.values, node.conditions, strict=True):
            if condition is None:
                pieces.append((self.scalar(value, "a value of a case"), sp.true))
                continue
            left, right = self.scalar(condition.left, "a case"), self.scalar(condition.right, "a case")
            pieces.append((self.scalar(value, "a value of a case"), _COMPARISONS[condition.op](left, right)))
        return sp.Piecewise(*pieces)

    def summation(self, node: Summation) -> Value:
        r"""``\sum_{i=1}^{3} x_i``: the terms added; a sum of any size only while an instance is judged."""
        current = generic()
        lower, last = self.sum_range(node.lower, node.upper)
        if node.stacked:
            return self._stacked(node, lower, last)
        size = _length_summed(node, self.scope) if last is None and (current is None or current.size == 0) else None
        if size is not None and lower == 1:
            last = sp.Integer(size)  # \sum_i e^{z_i} after z = [1, 2, 3]: over the entries of the vector stated
        if last is None:
            raise Unchecked(GENERIC_SUM)
        upper: sp.Expr = last
        if not (lower.is_Integer and upper.is_Integer):
            if current is None and (lower.free_symbols or upper.free_symbols):
                raise Unchecked(GENERIC_SUM)
            raise Unchecked("a sum whose bounds are not integers")
        if upper - lower > MAX_TERMS:
            raise Unchecked(f"a sum of more than {MAX_TERMS} terms")
        left_out = None
        if node.excluded is not None:
            if current is None or node.excluded not in current.indices:
                raise Unchecked(f"a sum over {node.index} \u2260 {node.excluded} with {node.excluded} not an index")
            left_out = current.indices[node.excluded]
        terms = []
        for k in range(int(lower), int(upper) + 1):
            if k == left_out:
                continue
            with term(node.index, k):
                terms.append(_Evaluator(self.scope, self.keep - {node.index})(node.body))
        if node.product:
            if any(not isinstance(t, sp.Expr) for t in terms):
                raise Unchecked("a product of matrices over an index")
            return sp.Mul(*terms)  # (no terms: 1)
        if not terms:
            return sp.Integer(0)
        total = terms[0]
        for entry in terms[1:]:
            total = total + entry  # matrices add entry by entry; shapes must agree
        return total

    def _by_each_entry(self, node: Derivative) -> sp.ImmutableMatrix | None:
        r"""``\frac{\partial L}{\partial \mathbf{x}}`` of a template L in the entries x_i, at the size being judged: the
        column of the derivatives by x_1 … x_n (the gradient); None when the variable is no such vector."""
        current = generic()
        if node.args is not None or len(node.wrt) != 1:
            return None
        wrt = node.wrt[0]
        if not wrt.startswith(BOLD) or self.known(wrt):
            return None
        stem = wrt.split("_", 1)[1]
        template = self.scope.templates.get(node.name)
        if template is None or template.indices or "_" in stem:
            return None
        bodies = [t.body for t in self.scope.templates.values()]  # (L = -Σ y_i log p_i, p_i in the x_k)
        if not any(re.fullmatch(rf"{re.escape(stem)}_[a-z]", n) for body in bodies for n in _names_of(body)):
            return None
        if current is None or current.size == 0:
            raise Unchecked(GENERIC_SUM)  # (a vector of any size: judged at each)
        letter = next(k for k in "kjmpqrst" if k not in current.indices)
        column = []
        for k in range(1, current.size + 1):
            with term(letter, k):  # ∂L/∂x_k at k = 1 … n, as a sum's term is judged
                column.append(self.derivative(replace(node, wrt=(f"{stem}_{letter}",))))
        if any(isinstance(entry, sp.MatrixBase) for entry in column):
            return None
        return sp.ImmutableMatrix([[entry] for entry in column])

    def _stacked(self, node: Summation, lower: sp.Expr, last: sp.Expr | None) -> sp.ImmutableMatrix:
        r"""The column ``\begin{bmatrix} x_1 \\ \vdots \\ x_n \end{bmatrix}`` at the size being judged (any size
        only while an instance is)."""
        if last is None or (generic() is None and (lower.free_symbols or last.free_symbols)):
            raise Unchecked(GENERIC_SUM)
        if not (lower.is_Integer and last.is_Integer) or not 0 <= last - lower < MAX_TERMS:
            raise Unchecked("a vector whose entries are not counted")
        rows = []
        for k in range(int(lower), int(last) + 1):
            with term(node.index, k):
                entry = _Evaluator(self.scope, self.keep - {node.index})(node.body)
            if isinstance(entry, sp.MatrixBase):
                raise Unchecked("a column of vectors")
            rows.append([entry])
        return sp.ImmutableMatrix(rows)

    def error_named_e(self, exponent: Node) -> bool:
        r"""``L = e^2`` after ``e = \hat{y} - y``: a power of the error e (a small positive integer power)."""
        named = "e" in self.scope.formulas or "e" in self.scope.values or "e" in self.keep
        return named and isinstance(exponent, Num) and exponent.value.is_Integer and 0 < exponent.value <= 4

    def name(self, name: str) -> Value:
        matrices = shapes.current()
        if matrices is not None and name in matrices.symbols:
            symbols = matrices.symbols[name]  # W of z = Wx + b, at the sizes being judged: a matrix of symbols
            return symbols[0] if symbols.shape == (1, 1) else symbols  # z = w^T x + b, 1 × 1: a number
        current = generic()
        instance = self.template(name)
        if instance is not None:
            return instance
        kronecker = _KRONECKER.match(name)
        if kronecker and current is not None and not self.known(name) and set(kronecker[1]) <= set(current.indices):
            first, second = (current.indices[letter] for letter in kronecker[1])
            return sp.Integer(int(first == second))  # \delta_{ij}: 1 when the indices agree
        if current is not None:
            if name in current.indices:
                return sp.Integer(current.indices[name])  # the index of the term being added
            if name in current.bounds:
                return sp.Integer(current.size)  # N of \sum_{i=1}^{N}, at the size being judged
            name = renamed(name, current.indices)
        vector = entry_vector(name) if current is not None else None
        if vector is not None and not self.known(name):
            return self.entries(*vector)  # θ beside \sum_{i=0}^{n} θ_i x_i: the vector of the entries added
        if name in self.keep:
            return symbol(name)
        if name in self.scope.values and current is not None and _a_lone_entry(name, current.size, self.scope):
            return symbol(name)  # y_2 = 1 of an example ("suppose y_2 = 1"), in a derivation for any size: y_2 unknown
        if name in self.scope.values:
            return self.scope.values[name].value
        held = implied(name, self.scope)
        if held is not None and name not in self.scope.formulas:
            return held.value  # w_3 after "all the weights to $1$"; z_2 of z = [1, 2, 3], stated as a whole
        numbered = self.numbered_entry(name) if name not in self.scope.formulas else None
        if numbered is not None:
            return numbered
        definition = _function(name, self.scope)
        if definition is not None:
            return self.stated_in(definition)
        if name in self.scope.formulas:
            return symbol(name)  # e = \hat{y} - y: a named quantity, here an unknown
        other = in_other_type(name, self.scope)
        if other is not None:
            return other  # \mathbf{y} after y = [3, 2, 7, 1]: one vector, set bold in some formulas and not others
        if name == "pi":
            return sp.pi
        if name == "e" and not E_IS_A_VARIABLE.get():
            return sp.E
        return symbol(name)

    def sum_range(self, lower: Node | None, upper: Node | None) -> tuple[sp.Expr, sp.Expr | None]:
        r"""The first and last index of ``\sum_{i=lower}^{upper}``: a bound named (N) or not written takes as many
        terms as the instance being judged has (None outside one)."""
        first = sp.Integer(1) if lower is None else self.scalar(lower, "the lower bound of a sum")
        current = generic()
        if upper is None or (isinstance(upper, Name) and current is not None and upper.name in current.bounds):
            return first, None if current is None or current.size == 0 else sp.Integer(current.size) + first - 1
        return first, self.scalar(upper, "the upper bound of a sum")

    def entries(self, stem: str, letter: str, lower: Node | None, upper: Node | None) -> sp.ImmutableMatrix:
        """The column of the entries stem_lower … stem_upper, as the sum's terms name them (as many as it adds)."""
        first, last = self.sum_range(lower, upper)
        if not (first.is_Integer and last is not None and last.is_Integer and 0 <= last - first < MAX_TERMS):
            raise Unchecked("a vector whose entries are not counted")
        letter, _, layer = letter.partition("__")  # k__L: the entries a_k^L of \boldsymbol{a}^L
        written = f"{stem}_{letter}" + (f"__{layer}" if layer else "")
        rows = [[self.name(renamed(written, {letter: int(k)}))] for k in range(int(first), int(last) + 1)]
        return sp.ImmutableMatrix(rows)

    def stated_in(self, definition: Definition) -> Value:
        """The body of a function named bare (``z`` of ``z(x) = wx + b``), with the numbers the notes stated for
        its other names (``w = 2``, ``b = -1``) put in, as they are in a named quantity's formula."""
        body = definition.body
        if isinstance(body, sp.MatrixBase):
            return body
        values = {
            s: self.scope.values[s.name].value
            for s in free(body) - set(definition.params)
            if s.name in self.scope.values and s.name not in self.keep
            and not isinstance(self.scope.values[s.name].value, sp.MatrixBase)
        }
        return body.xreplace(values) if values else body

    def known(self, name: str) -> bool:
        """Whether the notes gave ``name`` a value, a formula or a definition."""
        scope = self.scope
        return name in scope.values or name in scope.formulas or name in scope.functions or name in scope.templates

    def template(self, written: str, derivative: bool = False) -> Value | None:
        """``y_j`` of ``y_i = e^{x_i} / \\sum_k e^{x_k}`` in the instance being judged (j = 2: the body with
        i = 2, at its size); ``L`` of ``L = -\\sum_j t_j \\log y_j`` only as what ∂L/∂x_i differentiates."""
        found = _template(written, self.scope, derivative)
        if found is None:
            return None
        template, letters = found
        current = generic()
        if current is None:
            raise Unchecked(GENERIC_SUM)
        if template.stem in _KEPT.get() and letters:
            return symbol(renamed(written, current.indices))  # p_2 itself, the variable differentiated by
        if not set(letters) <= set(current.indices):
            raise Unchecked(f"{_display(written)}: an index that no sum gives")
        values = {own: current.indices[letter] for own, letter in zip(template.indices, letters, strict=True)}
        return self._expanded(template, written, values)

    def _expanded(self, template: Template, written: str, values: dict[str, int]) -> Value:
        """The body of ``template`` with its indices at ``values`` (a template met again inside itself is refused)."""
        key = template.stem + "_" + "".join(template.indices) * layered()  # by layer: a_j and a_k apart
        if key in _EXPANDING.get():
            raise Unchecked(f"{_display(written)} is defined in terms of itself")
        token = _EXPANDING.set(_EXPANDING.get() | {key})
        try:
            with terms(values):
                return _Evaluator(self.scope, frozenset())(template.body)
        finally:
            _EXPANDING.reset(token)

    def numbered_entry(self, name: str) -> Value | None:
        r"""``p_1`` of ``p_i = e^{z_i} / \sum_j e^{z_j}`` outside a sum of any size: the body at i = 1, its sums over
        the entries of the vectors stated (``z = [2.0, 1.0, 0.1]``); None when no such template is defined."""
        found = _ENTRY_NUMBERED.match(name)
        current = generic()
        if found is None or (current is not None and current.size > 0):
            return None
        stem = found["stem"]
        template = next((t for t in self.scope.templates.values() if t.stem == stem and len(t.indices) == 1), None)
        if template is None or not isinstance(template.body, Node):
            return None
        return self._expanded(template, name, {template.indices[0]: int(found["k"])})

    def template_called(self, template: Template, args: tuple[Node, ...]) -> Value:
        r"""``J(w)``, ``L(0.5)`` of ``J(w) = \frac{1}{N} \sum_i (y_i - w x_i)^2``: its body in the instance being
        judged, at the values of ``args``."""
        if len(args) != len(template.params):
            raise Unchecked(f"{_display(template.stem)} takes {len(template.params)} argument(s), given {len(args)}")
        body = self.template(template.stem, derivative=True)
        assert body is not None
        points = {symbol(p): self.scalar(a, "an argument") for p, a in zip(template.params, args, strict=True)}
        return body.xreplace(points) if isinstance(body, sp.Basic) else body.applyfunc(lambda e: e.xreplace(points))

    def _entries_written_out(self, value: sp.Expr, stems: frozenset[str]) -> dict[sp.Symbol, Value]:
        """Each entry ``p_2`` of a template of ``stems`` in ``value``, with the template's body at its index."""
        mapping: dict[sp.Symbol, Value] = {}
        for entry in free(value):
            match = re.fullmatch(r"(?P<stem>.+)_(?P<index>\d)", entry.name)
            template = next((t for t in self.scope.templates.values() if match and t.stem == match["stem"]), None)
            if match is None or match["stem"] not in stems or template is None or len(template.indices) != 1:
                continue
            with terms({template.indices[0]: int(match["index"])}):
                mapping[entry] = _Evaluator(self.scope, frozenset())(template.body)
        return mapping

    def definition(self, name: str) -> Definition:
        definition = _function(name, self.scope)
        if definition is None:
            raise Unchecked(f"{_display(name)} is not defined")
        return definition

    def at(self, definition: Definition, value: Value, args: tuple[Node, ...] | None) -> Value:
        """``value`` (in the variables of ``definition``) at the point ``args``."""
        if args is None:
            return value
        params = definition.params
        bold = len(args) == 1 and isinstance(args[0], Name) and args[0].name.startswith(("mathbf_", "boldsymbol_"))
        if bold and not self.known(cast(Name, args[0]).name) and _entries_of(cast(Name, args[0]).name, params):
            return value  # h(\mathbf{x}) of h defined in x_1, x_2: the function at its own variables
        points = [self(a) for a in args]
        if len(points) == 1 and isinstance(points[0], sp.MatrixBase) and len(points[0]) == len(params):
            points = list(points[0])
        if bold:
            points = list(params)  # f(\mathbf{x}): the function at its own variables
        one = args[0] if len(args) == 1 else None
        own = [f"{one.name}_{k}" for k in range(1, len(params) + 1)] if isinstance(one, Name) else []
        unbound = isinstance(one, Name) and one.name not in self.scope.values
        if len(args) == 1 and len(params) > 1 and [p.name for p in params] == own and unbound:
            points = list(params)  # f(x) of f(x_1, x_2): the function at its own variables, x = (x_1, x_2)
        if len(points) != len(params):
            raise Unchecked(
                f"{_display(definition.name)} takes {len(params)} argument(s) "
                f"({', '.join(p.name for p in params)}), given {len(points)}"
            )
        if len(params) == 1 and isinstance(points[0], sp.MatrixBase) and not isinstance(value, sp.MatrixBase):
            # σ(z^{(1)}), f_1(z_1) of a vector: the function of one variable, entry by entry
            return points[0].applyfunc(lambda entry: value.xreplace({params[0]: entry}))
        for point in points:
            if isinstance(point, sp.MatrixBase):
                raise Unchecked("a vector where a number was expected")
        return value.xreplace(dict(zip(params, points, strict=True)))

    def call(self, node: Call) -> Value:
        matrices = shapes.current()
        if matrices is not None and is_differential_call(node) and _function("d", self.scope) is None:
            assert node.args is not None  # d(x \odot y): the part linear in the changes the claim writes
            linear = changes(matrices.symbols)
            if not linear:
                raise Unchecked("d(...) with no change dx written: of what?")
            varied = frozenset(n[len(shapes.CHANGE) :] for n in matrices.symbols if n.startswith(shapes.CHANGE))
            inside = self(node.args[0])  # (x varies on its own, as dx says, though the notes define x = A^{-1} b)
            return differential(matrices.expanded(inside, skip=varied), linear)
        definition = _function(node.name, self.scope)
        one = node.args is not None and len(node.args) == 1 and not node.primes
        if definition is not None and definition.bare and one and len(definition.params) != 1:
            # a(1 - a) after "Let a = wx + b": the quantity a (a bare name) times the bracket, not a called at 1 - a
            assert node.args is not None
            return self.product(self.stated_in(definition), self(node.args[0]), "implicit")
        if definition is not None and one and len(definition.params) == 1 and _holds_bare(node, definition.name):
            # σ' = σ(1 - σ): the function as a quantity (σ at its variable) times the bracket, not σ at 1 - σ
            assert node.args is not None
            return self.product(self(Name(node.name)), self(node.args[0]), "implicit")
        if definition is not None:
            body = definition.body
            if node.primes:
                if len(definition.params) != 1:
                    raise Unchecked(f"{_display(node.name)}' of a function of {len(definition.params)} variables")
                body = sp.diff(body, definition.params[0], node.primes)
            return self.at(definition, body, node.args)
        if node.name == "sigma" and node.args is not None and len(node.args) == 1 and "sigma" not in self.scope.values:
            inside = self(node.args[0])
            if isinstance(inside, sp.MatrixBase):  # σ of a vector: entry by entry
                return inside.applyfunc(lambda entry: self._sigma(entry, node.primes))
            return self._sigma(inside, node.primes)
        relu = node.name.lower() == "relu" and node.primes < 2 and node.name not in self.scope.values
        if relu and node.args is not None and len(node.args) == 1 and node.primes:
            return self._sign_or_step("step", self(node.args[0]), "ReLU'")  # its slope: the unit step, but at 0
        if relu and node.args is not None and len(node.args) == 1:
            inside = self(node.args[0])  # ReLU(z) = max(0, z), unless the notes define it (entry by entry)
            if isinstance(inside, sp.MatrixBase):
                return inside.applyfunc(lambda entry: sp.Max(0, entry))
            return sp.Max(0, inside)
        if node.name.lower() == "softmax" and node.name not in self.scope.values and node.args and not node.primes:
            return self._softmax(node.args)
        of_matrices = node.name in _OF_MATRICES and node.name not in self.scope.values and not node.primes
        if of_matrices and node.args is not None and len(node.args) == 1:
            return self._of_a_matrix(node.name, self(node.args[0]))
        standard = _SIGN_AND_STEP.get(node.name.lower()) if node.name not in self.scope.values else None
        if standard is not None and node.primes == 0 and node.args is not None and len(node.args) == 1:
            return self._sign_or_step(standard, self(node.args[0]))
        target = _jacobian_target(node.name, self.scope)
        if target is not None and node.primes == 0:
            body = target.body if isinstance(target.body, sp.MatrixBase) else sp.ImmutableMatrix([target.body])
            return self.at(target, sp.ImmutableMatrix(jacobian(list(body), target.params)), node.args)
        if self.product_call(node):
            # x(1 - x), where x is a known value or a variable of a definition: a product
            assert node.args is not None
            return self.product(self.name(node.name), self(node.args[0]), "implicit")
        if self.named_product(node):  # δ^{(L)} (a^{(L-1)}) in matrix form: δ is a vector the notes define, a product
            assert node.args is not None
            return self.product(self.name(node.name), self(node.args[0]), "implicit")
        called = self.scope.templates.get(node.name)
        if called is not None and called.params and not called.indices and node.args is not None and not node.primes:
            return self.template_called(called, node.args)
        if node.args is not None and len(node.args) == 1 and node.name not in self.scope.values:
            inside = self(node.args[0]) if shapes.current() is not None else None
            if isinstance(inside, sp.MatrixBase):  # φ_3(u_3), φ_3'(u_3) in matrix form: an activation, entrywise
                activation = _activation(node.name, node.primes)
                return inside.applyfunc(lambda entry: activation(entry))
            if _ACTIVATION_NAME.fullmatch(node.name) and (node.primes or isinstance(node.args[0], Name)):
                return self.generic_activation(node)  # g_k(z_k), g'(x + y): an activation; g(x + y) may be g·(x + y)
            if self._generic(node.name):
                return self.generic_function(node.name, node.args, node.primes)
            raise Unchecked(f"{_display(node.name)}(...) is neither a defined function nor a known value")
        if node.args is not None and self._generic(node.name):
            return self.generic_function(node.name, node.args, node.primes)
        raise Unchecked(f"{_display(node.name)} is not defined")

    def _mentioned(self, variable: str) -> bool:
        r"""Whether a definition of the notes holds a name of the stem of ``variable`` (w of ∂z_i/∂w_{jk}, which
        z_i = \sum_k w_{ik} x_k holds for other indices), so that a derivative by it may vanish."""
        match = INDEXED.match(variable)
        stem = match["stem"] if match is not None else variable
        bodies = [t.body for t in self.scope.templates.values()] + list(self.scope.written.values())
        named = {n for body in bodies for n in _names_of(body)}
        named |= {s.name for b in self.scope.formulas.values() if isinstance(b.value, sp.Basic) for s in free(b.value)}
        return any(n == variable or n.startswith(stem + "_") or n == stem for n in named)

    def _generic(self, name: str) -> bool:
        """Whether ``name`` is read as a function nothing is known of (under :data:`GENERIC_FUNCTIONS` only)."""
        known = (self.scope.values, self.scope.formulas, self.scope.functions, self.scope.templates)
        return GENERIC_FUNCTIONS.get() and bool(GENERIC_FUNCTION_NAME.fullmatch(name)) and not any(
            name in k for k in known
        )

    def generic_function(self, name: str, args: tuple[Node, ...], primes: int = 0) -> Value:
        r"""``f(x + h)``, ``g'(t)``, ``\frac{df}{dx}(a)``: an unknown function ``name`` at ``args`` (its derivative
        of order ``primes``, of a function of one variable), each argument a number. An argument with a product of
        two vectors or matrices is refused: read as numbers they would commute."""
        points = [self.scalar(a, "an argument of an unknown function") for a in args]
        for point in points:
            for part in sp.preorder_traversal(point):
                arrays = [f for f in getattr(part, "args", ()) if isinstance(f, sp.Symbol) and _an_array(f.name)]
                if isinstance(part, sp.Mul) and len(arrays) > 1:
                    raise Unchecked(f"{_display(name)} of a product of vectors or matrices")
        if len(points) == 1 and _ACTIVATION_NAME.fullmatch(name):
            return _activation(name, primes)(points[0])  # g(x) and g'(x), as an unnamed activation g is read
        function = sp.Function(display(name))
        _GENERIC_KINDS.add(function)
        if primes == 0:
            return function(*points)
        if len(points) != 1:
            raise Unchecked(f"{_display(name)}' of a function of {len(points)} variables")
        t = sp.Dummy("t")
        return sp.diff(function(t), t, primes).subs(t, points[0])

    def read_as_product(self, node: Call) -> bool:
        """Whether :meth:`call` reads ``node`` as a name times its bracket (no function, activation or Jacobian
        of that name is known)."""
        if _function(node.name, self.scope) is not None or node.name in ("sigma", "relu", "ReLU", "Relu"):
            return False
        if _SIGN_AND_STEP.get(node.name.lower()) or _jacobian_target(node.name, self.scope) is not None:
            return False
        return self.product_call(node)

    def product_call(self, node: Call) -> bool:
        """Whether ``node``, no function the notes define, is a name times a bracket: ``x(1 - x)`` with x a known
        value or a variable, ``y^{(i)}(1 - h)``, ``out(1 - out)``, ``η(t - o)``."""
        # y^{(i)}(1 - h), y_i(1 - y_i): a name with a sample or an entry index, before a bracket, is a factor
        indexed = _indexed((node.name,)) and not isinstance((node.args or (None,))[0], Name)
        sample = ("__" in node.name or indexed) and node.name not in self.scope.functions
        # w_1 (\frac{1}{N} \sum_i x_i) + w_0: a numbered weight before a bracket of more than a name, a factor
        sample = sample or bool(
            re.fullmatch(r"[A-Za-z]+_\d+", node.name)
            and node.name not in self.scope.functions
            and len(node.args or ()) == 1
            and not isinstance((node.args or (None,))[0], Name)
        )
        # y_5(1 - y_5), out(1 - out): the name again inside its bracket, the logistic's derivative as a product
        sample = sample or (
            node.name not in self.scope.functions
            and len(node.args or ()) == 1
            and any(isinstance(n, Name) and n.name == node.name for n in walk(node.args[0]))  # type: ignore[index]
        )
        rate = node.name in _RATES and node.name not in self.scope.functions  # η(t - o): the rate times a bracket
        bound = self.scope.values.get(node.name)
        args = node.args or ()
        if bound is not None and bound.substituted and len(args) == 1 and isinstance(args[0], Name):
            return False  # f(a), f a value only read from a substitution ("dL/dd = f = -2.0"): a function's notation
        return bool(
            node.primes == 0
            and node.args is not None
            and len(node.args) == 1
            and (self.is_variable(node.name) or sample or rate)
        )

    def named_product(self, node: Node) -> bool:
        """Whether ``node`` is a call that, in matrix form, is a product: a vector or matrix of the instance, or a
        quantity the notes define by a formula, before a bracket."""
        matrices = shapes.current()
        if matrices is None or not isinstance(node, Call) or node.primes or not node.args or len(node.args) != 1:
            return False
        named = node.name in self.scope.written and node.name not in self.scope.functions
        return node.name in matrices.symbols or named

    def generic_activation(self, node: Call) -> sp.Expr:
        r"""``g_k(z_k)``, ``g'_j(z_j)``, ``\phi(u)``: an activation the notes leave unnamed, a function nothing is
        known of (its derivative the next order). Under :data:`ACTIVATION_READ_AS` "logistic" it is σ instead, to
        learn whether a claim that fails for a generic g holds for the logistic one."""
        assert node.args is not None
        argument = self.scalar(node.args[0], "an activation's argument")
        GENERIC_ACTIVATION_USED.set(True)
        if ACTIVATION_READ_AS.get() == "logistic":
            return self._sigma(argument, node.primes)
        current = generic()
        name = renamed(node.name, current.indices) if current is not None else node.name  # g_k → g_k2 in a term
        return _activation(name, node.primes)(argument)

    @staticmethod
    def _sign_or_step(which: str, argument: Value, shown: str = "") -> Value:
        r"""sgn(x) (-1, 0 or 1) or the unit step (0 below 0, 1 above), entry by entry; at 0 the notes' convention
        decides (sgn(0) = 1 in many perceptron notes, step(0) = 0, ½ or 1; ReLU'(0), ``shown``, likewise), so a
        claim there is unchecked."""
        shown = shown or which

        def one(x: sp.Expr) -> sp.Expr:
            if x.is_zero:
                raise Unchecked(f"{shown}(0) depends on a convention the notes may make")
            if x.free_symbols and which == "step":
                raise Unchecked(f"{shown}(x) of a symbol")
            return sp.sign(x) if which == "sign" else sp.Piecewise((0, x < 0), (1, True))

        return argument.applyfunc(one) if isinstance(argument, sp.MatrixBase) else one(argument)

    def _softmax(self, args: tuple[Node, ...]) -> sp.Matrix:
        r"""softmax(2, 1, 0.1) or softmax(z) of a vector: the vector e^{z_i} / Σ_j e^{z_j} (a column for a list of
        arguments; the shape of the vector otherwise), unless the notes define softmax."""
        inside = self(args[0]) if len(args) == 1 else None
        if isinstance(inside, sp.MatrixBase) and 1 in inside.shape:
            entries, shape = list(inside), inside.shape
        elif len(args) > 1:
            entries, shape = [self.scalar(a, "an entry of softmax") for a in args], (len(args), 1)
        else:
            raise Unchecked("softmax of one number")
        powers = [sp.exp(entry) for entry in entries]
        total = sp.Add(*powers)
        return sp.Matrix(*shape, [power / total for power in powers])

    @staticmethod
    def _sigma(argument: sp.Expr, primes: int) -> sp.Expr:
        """σ (the logistic function, unless the notes define σ) or its derivative at ``argument``."""
        logistic = 1 / (1 + sp.exp(-argument))
        if primes == 0:
            return logistic
        return sp.diff(logistic, argument, primes) if argument.is_Symbol else _sigma_prime(argument, primes)

    def is_variable(self, name: str) -> bool:
        """A name bound to a value, or a variable of a defined function (not a function itself)."""
        return (
            name in self.keep
            or name in self.scope.values
            or name in self.scope.point
            or name in self.scope.variables()
            or name in ("e", "pi")  # constants: e(x + y) is a product
            or name in self.scope.formulas  # out_{o1}(1 - out_{o1})
            or any(  # x in \hat{y} = wx + b: a quantity, so 2x(y - \hat{y}) is a product
                symbol(name) in b.value.free_symbols
                for b in self.scope.formulas.values()
                if isinstance(b.value, sp.Basic)
            )
        )

    def derivative(self, node: Derivative) -> Value:
        matrices = shapes.current()
        if matrices is not None and node.args is None and len(node.wrt) == 1 and node.wrt[0] in matrices.symbols:
            try:
                gradient = matrices.gradient(node.name, node.wrt[0])  # ∂L/∂W, in W's shape
                return gradient[0] if gradient.shape == (1, 1) else gradient
            except shapes.Refused as problem:
                raise Unchecked(str(problem)) from None
        current = generic()
        alias = loss_template(node.name, self.scope)
        if alias is not None:  # ∂\mathcal{L}/∂a_j^L with only C = ½ \sum_k (y_k - a_k^L)^2 defined: C, the one loss
            node = replace(node, name=alias)
        by_entries = self._by_each_entry(node)
        if by_entries is not None:
            return by_entries
        whole = self.scope.templates.get(node.name)
        of_whole = (
            whole is not None
            and not whole.indices
            and node.name not in self.scope.formulas
            and not _indexed(node.wrt)
            and all(self._reaches(whole.body, v) for v in node.wrt)
        )
        if node.args is None and _function(node.name, self.scope) is None and (_indexed(node.wrt) or of_whole):
            # (of_whole: ∂L/∂W of L = \frac{1}{n} \sum_i (\hat{y}_i - y_i)^2, at each size)
            # ∂L/∂p_i with p_i a template too: L in the entries of p, differentiated, then p written out
            kept = frozenset(s for v in node.wrt if (s := _template_stem(v, self.scope)) is not None)
            token = _KEPT.set(_KEPT.get() | kept)
            try:
                instance = self.template(node.name, derivative=True)
            finally:
                _KEPT.reset(token)
            if instance is not None:  # ∂L/∂x_i, ∂y_i/∂x_j of quantities defined for any number of terms
                assert current is not None
                for variable in node.wrt:
                    x = symbol(renamed(variable, current.indices))
                    if x not in free(instance) and not self._mentioned(variable):
                        # ∂ℒ/∂\widetilde{z}_{ij} with ℒ = ½‖y - a^L‖² and z̃ in no definition: a dependence not written
                        raise Unchecked(f"d/d{variable} of an expression without {variable}: {DEPENDENCE_UNSTATED}")
                    if of_whole and x not in free(instance):  # through ŷ_1, ŷ_2 of ŷ_i = W x_i + B (at_size)
                        if x not in reachable(instance, self.scope.formulas):
                            raise Unchecked(f"d/d{variable} of an expression without {variable}: no dependence stated")
                        instance = chain_rule(instance, x, self.scope.formulas)
                    else:
                        instance = sp.diff(instance, x)
                if kept and not isinstance(instance, sp.MatrixBase):
                    instance = instance.xreplace(self._entries_written_out(instance, kept))
                return instance
        if current is not None:  # ∂L/∂x_i in the term i = 2 of a sum: ∂L/∂x_2
            wrt = tuple(renamed(v, current.indices) for v in node.wrt)
            node = replace(node, name=renamed(node.name, current.indices), wrt=wrt)
        if _function(node.name, self.scope) is None and node.args is None and node.name in self.scope.formulas:
            through = self.through_function(node.name, node.wrt)
            return through if through is not None else self.named_derivative(node.name, node.wrt)
        if node.name == "sigma" and _function("sigma", self.scope) is None and len(node.wrt) == 1:
            # dσ/dz with σ the logistic function of z (unless the notes define σ)
            z = symbol(node.wrt[0])
            value = sp.diff(1 / (1 + sp.exp(-z)), z)
            return value if node.args is None else value.xreplace({z: self.scalar(node.args[0], "the point")})
        if node.args is not None and len(node.args) == 1 and node.wrt == (node.wrt[0],) and not node.partial:
            if self._generic(node.name):  # \frac{df}{dx}(x) of an f nothing is known of: f' there
                return self.generic_function(node.name, node.args, 1)
        definition = self.definition(node.name)
        body = definition.body
        for variable in node.wrt:
            variable_symbol = symbol(variable)
            if variable_symbol not in definition.params and variable_symbol in free(body):
                body = sp.diff(body, variable_symbol)  # ∂h_θ/∂θ_0 of h_θ(x) = σ(θ_0 + θ_1 x): a parameter of the model
                continue
            through = {s.name for s in free(body)} & set(self.scope.formulas)
            if variable_symbol not in definition.params and any(
                variable_symbol in reachable(symbol(n), self.scope.formulas) for n in through
            ):
                # ∂L/∂z of L(ŷ, y) with ŷ = σ(z): through the named quantities the notes defined
                body = chain_rule(body, variable_symbol, self.scope.formulas)
                continue
            if variable_symbol not in definition.params:
                raise Unchecked(
                    f"{variable} is not a variable of {_display(node.name)}"
                    f"({', '.join(p.name for p in definition.params)})"
                )
            body = sp.diff(body, variable_symbol)
        return self.at(definition, body, node.args)

    def differentiate(self, node: DiffOp) -> Value:
        r"""``\frac{d}{dx}(x^2 + 1)``, ``\frac{\partial (2xy)}{\partial x}``: through the named quantities too.

        Other names are constants (held fixed, as in a partial derivative) when the variable is
        written in the operand; when it is not, the derivative goes through the named quantities
        the notes defined from it (``\hat{y} = wx + b``: ∂(y − ŷ)²/∂w goes through ŷ).
        """
        matrices = shapes.current()
        if matrices is not None and len(node.wrt) == 1 and node.wrt[0] in matrices.symbols:
            return self._gradient(node, matrices)
        current = generic()
        wrt = tuple(renamed(v, current.indices) for v in node.wrt) if current is not None else node.wrt
        # ∂(y_i \log p_i)/∂p_i with p_i a template: the operand in the entries of p, differentiated, then p written
        kept = frozenset(s for v in node.wrt if (s := _template_stem(v, self.scope)) is not None)
        token = _KEPT.set(_KEPT.get() | kept)
        try:
            inner = _Evaluator(self.scope, self.keep | frozenset(wrt))(node.operand)
        finally:
            _KEPT.reset(token)
        if isinstance(inner, sp.MatrixBase):
            return inner.applyfunc(lambda entry: self._differentiated(entry, wrt))
        derivative = self._differentiated(inner, wrt)
        if kept and not isinstance(derivative, sp.MatrixBase):
            derivative = derivative.xreplace(self._entries_written_out(derivative, kept))
        return derivative

    def _gradient(self, node: DiffOp, matrices: shapes.Instance) -> Value:
        r"""``\frac{\partial}{\partial \mathbf{w}} \mathbf{w}^T A \mathbf{w}`` in matrix form: the derivative of a
        number by each entry of the vector or matrix, in its shape (the gradient, as ∂L/∂W is read). A vector
        differentiated by a vector is refused: its layout (numerator or denominator) is a convention of the notes."""
        (wrt,) = node.wrt
        value = self(node.operand)
        if isinstance(value, sp.MatrixBase) and value.shape != (1, 1):
            variables = matrices.symbols[wrt]
            if value.cols != 1 or variables.cols != 1:
                raise Unchecked("the derivative of a vector by a vector: its layout is a convention of the notes")
            # d(Ax)/dx: the Jacobian, in the numerator layout (the comparison takes the denominator's, its transpose)
            expanded = [matrices.expanded(entry, skip=wrt) for entry in value]
            return sp.ImmutableMatrix(value.rows, variables.rows, lambda i, j: sp.diff(expanded[i], variables[j]))
        if isinstance(value, sp.MatrixBase):
            value = value[0]
        gradient = matrices.gradient_of(value, wrt)
        return gradient[0] if gradient.shape == (1, 1) else gradient

    def _differentiated(self, value: sp.Expr, wrt: tuple[str, ...]) -> sp.Expr:
        for variable in wrt:
            x = symbol(variable)
            if x in value.free_symbols:
                value = sp.diff(value, x)
                continue
            if _of_sibling_entries(value, variable):
                value = sp.Integer(0)  # ∂x_1/∂x_2, in a sum's term i = 1, k = 2: entries of one vector, independent
                continue
            whole = _wholes(variable) & {s.name for s in value.free_symbols}
            if whole:
                # ∂/∂b_{j,i}^{[2]} (W^{[2]} h + b^{[2]}): by an entry of a vector written whole, entry by entry
                raise Unchecked(f"d/d{variable} of an expression in the whole {sorted(whole)[0]}, one entry of it")
            if value.free_symbols and not set(value.free_symbols) & {symbol(n) for n in self.scope.formulas}:
                raise Unchecked(f"d/d{variable} of an expression without {variable}: the notes may mean a dependence")
            value = chain_rule(value, x, self.scope.formulas)
        return value

    def _reaches(self, body: Node, variable: str) -> bool:
        """Whether ``body`` is written in ``variable``, or in a named quantity defined from it (ŷ_i = W x_i + B)."""
        x = symbol(variable)
        for node in walk(body):
            if isinstance(node, Name) and node.name == variable:
                return True
            binding = self.scope.formulas.get(node.name) if isinstance(node, Name) else None
            if binding is not None and not isinstance(binding.value, sp.MatrixBase):
                if x in reachable(binding.value, self.scope.formulas):
                    return True
        return False

    def through_function(self, name: str, wrt: tuple[str, ...]) -> Value | None:
        r"""``\frac{da}{dz}`` of ``a = \sigma(z)`` where ``z(x) = wx + b`` is a function: a's formula holds
        z's body, so da/dz is found from a's right side as written, in z, then at z = wx + b (None when the
        variable is no such function, or the named quantity's formula holds it already)."""
        if len(wrt) != 1 or symbol(wrt[0]) in reachable(symbol(name), self.scope.formulas):
            return None
        inner = _function(wrt[0], self.scope)
        written = self.scope.written.get(name)
        if inner is None or written is None or not any(isinstance(n, Name) and n.name == wrt[0] for n in walk(written)):
            return None
        z = symbol(wrt[0])
        value = _Evaluator(self.scope, self.keep | {wrt[0]})(written)
        if isinstance(value, sp.MatrixBase) or isinstance(inner.body, sp.MatrixBase):
            return None
        return sp.diff(value, z).xreplace({z: inner.body})

    def named_derivative(self, name: str, wrt: tuple[str, ...]) -> Value:
        r"""∂name/∂wrt through the named quantities' definitions, by the chain rule, in those names.

        D(N, v) = Σ_m ∂f_N/∂m · D(m, v) over the names m in N's definition f_N; D(v, v) = 1.
        """
        value: sp.Expr = symbol(name)
        formulas: Mapping[str, Binding] = self.scope.formulas
        used = {str(s) for b in formulas.values() if isinstance(b.value, sp.Basic) for s in free(b.value)}
        functions = {
            # L = f d, then "Given d = c + e" (d a function of c and e): ∂L/∂c goes through d too
            other: Binding(definition.body, definition.line)
            for other, definition in self.scope.functions.items()
            if other in used and other not in formulas and isinstance(definition.body, sp.Expr)
        }
        if functions:
            formulas = {**formulas, **functions}
        for variable in wrt:
            value = sp.expand(chain_rule(value, symbol(variable), formulas))
        return value

    def evaluation_bar(self, node: EvalAt) -> Value:
        value = self(node.expr)
        if node.names is not None:
            variables = [symbol(n) for n in node.names]
        else:
            definitions = {d.name: d for d in functions_in(node.expr, self.scope)}
            if len(definitions) != 1:
                raise Unchecked("an evaluation bar |_{(...)} whose variables are not clear")
            variables = list(next(iter(definitions.values())).params)
        points = [self.scalar(p, "a coordinate") for p in node.point]
        if len(points) != len(variables):
            raise Unchecked(f"the point has {len(points)} coordinates for {len(variables)} variables")
        if node.names is not None and not set(variables) <= free(value):
            # ∂g/∂d = 12d at a = 0.5: the named quantities expanded to the point's variables (d = 5b + 6, b = 5 - 3a)
            value = expand_names(value, self.scope.formulas, frozenset(node.names))
        return value.xreplace(dict(zip(variables, points, strict=True)))

    def operation(self, node: Op) -> Value:
        left, right = self(node.left), self(node.right)
        if node.op in ("+", "-"):
            if isinstance(left, sp.MatrixBase) != isinstance(right, sp.MatrixBase) and shapes.current() is not None:
                if isinstance(left, sp.MatrixBase):  # 1 - σ(z), in matrix form: the number at every entry
                    right = sp.ones(*left.shape) * right
                else:
                    left = sp.ones(*right.shape) * left
            if isinstance(left, sp.MatrixBase) != isinstance(right, sp.MatrixBase):
                number = right if isinstance(left, sp.MatrixBase) else left
                if not (isinstance(number, sp.Expr) and number.is_number):
                    raise Unchecked("a number added to a vector")
                # [-0.8, 1.1, 0.1] - 1.1: a written number taken from every entry, as NumPy broadcasts
                vector = left if isinstance(left, sp.MatrixBase) else right
                if isinstance(left, sp.MatrixBase):
                    right = sp.ones(*vector.shape) * right
                else:
                    left = sp.ones(*vector.shape) * left
            if isinstance(left, sp.MatrixBase) and left.shape != right.shape:
                raise Unchecked(f"vectors of shapes {left.shape} and {right.shape} added")
            return left + right if node.op == "+" else left - right
        if node.op == "/":
            if isinstance(right, sp.MatrixBase):
                raise Unchecked("a division by a vector")
            if right == 0:
                raise Unchecked("a division by zero")
            return left / right
        return self.product(left, right, node.op)

    @staticmethod
    def product(left: Value, right: Value, op: str) -> Value:
        left_matrix, right_matrix = isinstance(left, sp.MatrixBase), isinstance(right, sp.MatrixBase)
        if op == "hadamard":
            if left_matrix and right_matrix and left.shape == right.shape:
                return sp.ImmutableMatrix(
                    left.shape[0], left.shape[1], [a * b for a, b in zip(left, right, strict=True)]
                )
            if left_matrix or right_matrix:
                raise Unchecked(r"\odot between a vector and a number, or vectors of different shapes")
        if op == "outer" and (shapes.current() is not None or not (left_matrix and right_matrix)):
            raise Unchecked(r"\otimes other than of two vectors in numbers")
        if op == "outer":
            if 1 not in left.shape or 1 not in right.shape:
                raise Unchecked(r"\otimes of matrices (a Kronecker product?)")
            return sp.ImmutableMatrix(left.reshape(len(left), 1) * right.reshape(1, len(right)))  # x ⊗ y = x yᵀ
        if not (left_matrix and right_matrix):
            return left * right
        if shapes.current() is not None and (left.shape == (1, 1)) != (right.shape == (1, 1)):
            # in matrix form, a 1 × 1 factor (σ(w^T x + b) - y) is a number times the other
            return left[0] * right if left.shape == (1, 1) else left * right[0]
        if op == "times":
            raise Unchecked(r"\times between vectors (a cross product?)")
        outer = left.shape[1] == 1 and right.shape[0] == 1 and len(left) > 1  # a column times a row
        if op == "cdot" and not outer and 1 in left.shape and 1 in right.shape and len(left) == len(right):
            return sp.Add(*[a * b for a, b in zip(left, right, strict=True)])  # the dot product
        if left.shape[1] == right.shape[0]:
            result = sp.ImmutableMatrix(left * right)
            return result[0] if result.shape == (1, 1) else result  # a row times a column is a number
        if shapes.current() is None and left.shape[1] == 1 and left.shape[0] == right.shape[0] and len(left) > 1:
            # [1, 2] · W with W 2×m, in numbers: a vector on the left (x @ W in NumPy), Σ_i x_i W_ij (with m = 1,
            # W a column, the dot product); in matrix form the shapes are the notes' own, and a mismatch stays one
            result = sp.ImmutableMatrix(right.T * left)
            return result[0] if result.shape == (1, 1) else result
        raise Unchecked(f"a product of shapes {left.shape} and {right.shape}")

    def extremum(self, node: Func) -> Value:
        r"""``\max(0, z)``, ``\min(a, b)``: of numbers or expressions; with a vector, entry by entry (ReLU)."""
        pick = sp.Max if node.name == "max" else sp.Min
        values = [self(a) for a in node.args]
        sizes = {v.shape for v in values if isinstance(v, sp.MatrixBase)}
        if not sizes:
            return pick(*values)
        if len(sizes) > 1:
            raise Unchecked(f"\\{node.name} of vectors of different shapes")
        shape = sizes.pop()
        entries = [list(v) if isinstance(v, sp.MatrixBase) else [v] * (shape[0] * shape[1]) for v in values]
        return sp.ImmutableMatrix(shape[0], shape[1], [pick(*column) for column in zip(*entries, strict=True)])

    def function(self, node: Func) -> Value:
        name = node.name
        if name == "norm":
            value = self(node.args[0])
            if isinstance(value, sp.MatrixBase):
                return sp.sqrt(sp.Add(*[entry**2 for entry in value]))
            return sp.Abs(value)
        if name in ("max", "min"):
            return self.extremum(node)
        if name == "limit":
            return self._limit(node)
        if name == "inner":
            first, second = (self(argument) for argument in node.args)
            if isinstance(first, sp.MatrixBase) and isinstance(second, sp.MatrixBase):
                if first.shape != second.shape:
                    raise Unchecked(f"an inner product of shapes {first.shape} and {second.shape}")
                return sp.Add(*[a * b for a, b in zip(first, second, strict=True)])  # a^T b, tr(A^T B)
            raise Unchecked("\\langle a, b \\rangle of numbers: a pair, or an inner product?")
        if name == "total":
            inside = self(node.args[0])
            if not isinstance(inside, sp.MatrixBase):
                raise Unchecked("a sum without its index (of a number)")
            return sp.Add(*inside)  # \sum of a vector or matrix: every entry (the samples of a batch)
        if len(node.args) == 1 and (shapes.current() is not None or name in _ENTRYWISE):
            inside = self(node.args[0])
            if isinstance(inside, sp.MatrixBase):  # tanh(u), in matrix form or of numbers: entry by entry
                return inside.applyfunc(lambda entry: self._elementary(node, entry))
        return self._elementary(node, self.scalar(node.args[0], f"the argument of {name}"))

    def _limit(self, node: Func) -> sp.Expr:
        r"""``\lim_{h \to 0} \frac{f(x + h) - f(x)}{h}``, exactly (SymPy's Gruntz algorithm), the variable free in
        the body whatever value the notes gave it elsewhere; unchecked when the limit does not exist or is infinite."""
        variable, point, body = node.args
        assert isinstance(variable, Name)
        v = symbol(variable.name)
        at = self.scalar(point, "the point of a limit")
        value = _Evaluator(self.scope, self.keep | {variable.name})(body)  # (h kept a variable)
        if isinstance(value, sp.MatrixBase):
            raise Unchecked("a limit of a vector")
        try:
            found = sp.limit(value, v, at, dir="+-")  # two-sided: |x - 1|/(x - 1) at 1 has none (SymPy's default: +)
        except ValueError:
            raise Unchecked("a limit that does not exist (the two sides differ)") from None
        if found.has(sp.Limit, sp.AccumBounds) or not found.is_finite:
            raise Unchecked("a limit that does not exist, is infinite, or holds names the notes do not define")
        return sp.sympify(found)

    @staticmethod
    def _of_a_matrix(name: str, matrix: Value) -> Value:
        r"""``\det(H)``, ``\operatorname{tr}(H)`` of a square matrix (of a number: the number);
        ``\operatorname{diag}(x)``, the square matrix with x on its diagonal, or the diagonal of a square matrix, as a
        column."""
        if not isinstance(matrix, sp.MatrixBase):
            return matrix
        if name == "diag" and 1 in matrix.shape:
            return sp.ImmutableMatrix(sp.diag(*matrix))
        if name == "diag" and matrix.is_square:
            return sp.ImmutableMatrix([matrix[i, i] for i in range(matrix.rows)])
        if not matrix.is_square:
            raise Unchecked(f"{name} of a matrix that is not square")
        return matrix.det() if name == "det" else matrix.trace()

    def _elementary(self, node: Func, argument: sp.Expr) -> sp.Expr:
        """The elementary function ``node`` names, at ``argument`` (a number or an expression)."""
        name = node.name
        if name == "sqrt":
            return sp.sqrt(argument)
        if name == "root":
            index = self.scalar(node.args[1], "the index of a root")
            if not (index.is_Integer and 2 <= index <= 100):
                raise Unchecked("a root of an index other than a small integer")
            return sp.root(argument, index)
        if name == "abs":
            return sp.Abs(argument)
        if name == "log_base":
            base = self.scalar(node.args[1], "the base of a logarithm")
            if not (base.is_positive and base != 1) and base.is_number:
                raise Unchecked("a logarithm to a base that is not a positive number other than 1")
            return sp.log(argument, base)
        if name == "factorial":
            if not (argument.is_Integer and 0 <= argument <= MAX_FACTORIAL):
                raise Unchecked(f"a factorial of something other than an integer in [0, {MAX_FACTORIAL}]")
            return sp.factorial(argument)
        if name.rstrip("'") in _FUNCTIONS and name.endswith("'"):  # \tanh'(a): its derivative at a
            variable = sp.Dummy("t", real=True)
            derivative = sp.diff(_FUNCTIONS[name.rstrip("'")](variable), variable, len(name) - len(name.rstrip("'")))
            return derivative.xreplace({variable: argument})
        if name in ("log", "ln") and LOGS_SPLIT.get():
            return sp.expand_log(self.logarithm(name, argument), force=True)
        if name in _FUNCTIONS:
            return self.logarithm(name, argument) if name == "log" else _FUNCTIONS[name](argument)
        raise Unchecked(f"function {name} is not understood")


_ACTIVATIONS: dict[tuple[str, int], type[sp.Function]] = {}


def _activation(name: str, primes: int) -> type[sp.Function]:
    r"""The activation ``name`` the notes leave unnamed (``\phi_3``), or its derivative of order ``primes``:
    an undefined function of one variable whose derivative is the next order (φ' of φ, φ'' of φ')."""
    key = (name, primes)
    if key not in _ACTIVATIONS:

        def fdiff(self: sp.Function, argindex: int = 1) -> sp.Expr:
            return _activation(name, primes + 1)(self.args[0])

        title = display(name) + "'" * primes
        _ACTIVATIONS[key] = type(title, (sp.Function,), {"nargs": 1, "fdiff": fdiff})
    return _ACTIVATIONS[key]


def logistic_activations(value: Value) -> Value:
    """``value`` with each application of a generic activation (``g'(z)``) the logistic σ's (σ'(z)), for a
    formula the notes stated before the reading changed."""
    if not isinstance(value, sp.Basic):
        return value
    orders = {kind: primes for (_, primes), kind in _ACTIVATIONS.items()}
    found = {a for a in value.atoms(sp.Function) if type(a) in orders}
    return value.xreplace({a: _Evaluator._sigma(a.args[0], orders[type(a)]) for a in found}) if found else value


def opaque_activations(*values: sp.Expr) -> list[sp.Expr]:
    """``values`` with each application of an unnamed activation (``φ_3'(u)``) a symbol of its own, the
    same for the same argument (expanded): nothing relates φ(u) to φ(v) or to φ'(u), so the values are
    equal for every activation exactly when they are equal with these symbols for independent numbers."""
    kinds = tuple(_ACTIVATIONS.values())
    found = {a for v in values for a in v.atoms(sp.Function) if isinstance(a, kinds)}
    names: dict[tuple[str, sp.Expr], sp.Symbol] = {}
    mapping = {}
    for application in found:
        key = (type(application).__name__, sp.expand(application.args[0]))
        mapping[application] = names.setdefault(key, sp.Symbol(f"{key[0]}⟨{len(names) + 1}⟩", real=True))
    return [v.xreplace(mapping) for v in values]


#: The unknown functions :meth:`_Evaluator.generic_function` made (to tell them from SymPy's own).
_GENERIC_KINDS: set[type] = set()


def _entries_of(bold: str, params: tuple[sp.Symbol, ...]) -> bool:
    """Whether ``params`` are the entries x_1, x_2, … of the vector ``bold`` (``mathbf_x``), in order."""
    stem = bold.split("_", 1)[1]
    return bool(params) and [p.name for p in params] == [f"{stem}_{k}" for k in range(1, len(params) + 1)]


def _a_lone_entry(name: str, size: int, scope: Scope) -> bool:
    """Whether ``name`` is an entry ``y_2`` stated alone, its siblings at ``size`` (y_1, y_3) without values: no
    value of a vector, an example's, while a claim for any number of terms is judged."""
    match = re.fullmatch(r"(?P<stem>[A-Za-z]\w*?)_(?P<k>\d)", name)
    if match is None or size < 2 or int(match["k"]) > size:
        return False
    return any(f"{match['stem']}_{k}" not in scope.values for k in range(1, size + 1))


def _an_array(name: str) -> bool:
    """Whether ``name`` is written as a vector or matrix: bold, or a capital letter."""
    return name.startswith(BOLD) or (len(name) == 1 and name.isupper())


def _sigma_prime(argument: sp.Expr, order: int) -> sp.Expr:
    t = sp.Dummy("t")
    return sp.diff(1 / (1 + sp.exp(-t)), t, order).subs(t, argument)


_display = display


def evaluate(node: Node, scope: Scope, keep: frozenset[str] = frozenset()) -> Value:
    r"""The exact value of ``node`` under ``scope``; names in ``keep`` stay symbols.

    Raises:
        Unchecked: when the formula has no exact meaning here (an undefined name, a shape
            mismatch, a power too large to evaluate).

    Examples:
        >>> from symnn.notes.parser import parse
        >>> evaluate(parse(r"(1.01)^2 + 4(1.005)^2"), Scope())
        25301/5000
        >>> evaluate(parse(r"\tfrac{10}{\sqrt2}"), Scope())
        5*sqrt(2)
    """
    value = _Evaluator(scope, keep)(node)
    return _to_first_order(value, scope.nilpotent) if scope.nilpotent else value


def _to_first_order(value: Value, nilpotent: set[str]) -> Value:
    """``value`` with the infinitesimals ``nilpotent`` (ε² = 0, dual numbers) to first order: f(ε) is f(0) + f'(0) ε,
    exactly the arithmetic of dual numbers, for sums, products, quotients and functions alike."""
    if isinstance(value, sp.MatrixBase):
        return value.applyfunc(lambda entry: _to_first_order(entry, nilpotent))
    for name in nilpotent:
        epsilon = symbol(name)
        if epsilon in value.free_symbols:
            at_zero = value.subs(epsilon, 0)
            value = sp.simplify(at_zero) + sp.simplify(sp.diff(value, epsilon).subs(epsilon, 0)) * epsilon
    return value


def _holds_bare(node: Call, name: str) -> bool:
    """Whether the argument of ``node`` holds the function ``name`` as a bare name (σ in σ(1 - σ)), not called."""
    assert node.args is not None
    return any(isinstance(inner, Name) and inner.name == name for inner in walk(node.args[0]))


def _inverse_transposed(node: Pow) -> bool:
    """Whether ``node`` is ``A^{-T}``, the transpose of the inverse."""
    exponent = node.exponent
    return isinstance(exponent, Neg) and isinstance(exponent.operand, Name) and exponent.operand.name == "T"
