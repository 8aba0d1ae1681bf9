r"""Reading what a statement defines: functions, bound values, named quantities, the point.

- ``f(x, y) = x^2 + 4y^2``: a function definition (its body is not a claim);
- ``\eta = 0.1``, ``(x_new, y_new) = (0.8, 0.6)``: names bound to values;
- ``net_{o1} = w_5 out_{h1} + w_6 out_{h2} + b_2``: a named quantity defined by an
  expression in other names, kept for derivatives (∂net_o1/∂w_5) and identities;
- "at the point $(1,1)$": the variables of the current function get these values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import cast

import sympy as sp

from symnn.exact import is_zero
from symnn.notes.blocks import Formula
from symnn.notes.chains import Chain, Element, element
from symnn.notes.claims import NoteClaim, Status
from symnn.notes.dependence import reachable, shown_name
from symnn.notes.digits import places, significant, text_of
from symnn.notes.evaluate import (
    GENERIC_FUNCTIONS,
    LOG_AMBIGUOUS,
    LOG_BASE,
    UNDEFINED_FUNCTION,
    Binding,
    Definition,
    Scope,
    Unchecked,
    Value,
    evaluate,
    generic_functions_in,
    in_other_type,
    log_read_in,
    symbol,
)
from symnn.notes.jacobian import jacobian_claim
from symnn.notes.judge import free, judge_link, printed, unchecked
from symnn.notes.parser import Call, Derivative, DiffOp, Matrix, Name, Node, ParseError, Token, parse_tokens
from symnn.notes.rounding import FAR_LINES
from symnn.notes.scope import Template
from symnn.notes.substitution import agrees, written_number
from symnn.notes.sums import GENERIC_SUM, INDEX_LETTERS, INDEXED, summed_vectors
from symnn.notes.syntax import Func, Neg, Num, Op, Pow, Summation, rebuilt, walk

__all__ = [
    "LET",
    "bound_names",
    "declare_function",
    "declare_shape",
    "definition_head",
    "introduced",
    "names_in",
    "numbers_only",
    "read_definition",
    "set_point",
    "symbolic_value",
]

#: How many lines after a value a restatement of it is still a claim about it (a matrix takes ten).
RESTATED_LINES = 30
LET = re.compile(r"\b(let|take|define|suppose|set|consider|given)\b[^.$]*$", re.IGNORECASE)
_A_FUNCTION = re.compile(r"\bfunctions?\s*(of\s+\w+\s*)?$", re.IGNORECASE)
#: Prose right after a value that makes it a case: "$y_i = 1$ if the actual class is i".
_CONDITION = re.compile(r"\s*(if|when|whenever|unless|otherwise|for\s+(all|each|every|some))\b", re.IGNORECASE)
#: A name whose subscript is a generic index (y_i, p_{k}, w_{ij}): a value for it holds for one case only.
_GENERIC_INDEX = re.compile(r"_(?:hat_)?[i-n]{1,2}$(?<!__in)")  # (y^{(in)}, y__in: a layer's word, no index)
_AT_POINT = re.compile(r"\bat\s+(the\s+)?(point\s+)?$", re.IGNORECASE)


def introduced(before: str) -> bool:
    """Whether the prose before a formula introduces what it defines ("Let", "Define", "the function")."""
    return bool(LET.search(before) or _A_FUNCTION.search(before))


def definition_head(
    node: Node | None, scope: Scope, before: str = "", body: Node | None = None, later: tuple[Node | None, ...] = ()
) -> tuple[str, tuple[sp.Symbol, ...]] | None:
    """``f(x, y)`` with distinct bare variables: the head of a function definition.

    Not when ``f`` is already defined and the variables hold values (``$x = 2$``, then
    ``$f(x) = 4$`` is a claim), unless the prose says "Let" (or "Take", "Define", ...).
    """
    if not isinstance(node, Call) or node.primes or node.args is None:
        return None
    names = [a.name for a in node.args if isinstance(a, Name)]
    current = scope.functions.get(scope.current) if scope.current is not None else None
    if node.name == "J" and "J" not in scope.functions and current is not None:
        if names == [p.name for p in current.params] or (names and names[0].startswith(("mathbf_", "boldsymbol_"))):
            return None  # J(x) = ... is a claim about the Jacobian of the current function f(x)
        # J(\theta) = \frac{1}{2}(h_\theta(x) - y)^2 after h(x) = θ^T x: a cost, in other variables
    if len(names) != len(node.args):
        return None  # an argument that is not a bare name
    if len(set(names)) != len(names) or any(n.startswith(("mathbf_", "boldsymbol_")) for n in names):
        return None
    mentions = set().union(*(names_in(b) for b in (body, *later) if b is not None))
    redefined = bool(mentions & set(names))  # f(w) = (5 - 2w)^2: the body is in the variables, a new definition
    if node.name in scope.functions and any(n in scope.values for n in names) and not (LET.search(before) or redefined):
        return None
    stated = _stated(scope)
    if body is not None and numbers_only(body) and names and all(n in stated for n in names) and not LET.search(before):
        return None  # x = [1, 1, 0], then f(x) = 1: f's value at the x just stated, not a constant function f
    return node.name, tuple(symbol(n) for n in names)


#: A variable with a sample index, ``x^{(i)}`` (read ``x__i``): the function of one sample is a function of x.
_SAMPLE = re.compile(r"^(?P<base>[A-Za-z]\w*?)__[i-n]$")


def _sample_free(params: tuple[sp.Symbol, ...], body: Value) -> tuple[tuple[sp.Symbol, ...], Value]:
    """``h_θ(x^{(i)}) = σ(θ_0 + θ_1 x^{(i)})`` is h_θ(x) = σ(θ_0 + θ_1 x): calls with x^{(i)} give it back."""
    renamed = {}
    for param in params:
        match = _SAMPLE.match(param.name)
        if match and symbol(match["base"]) not in free(body) and symbol(match["base"]) not in params:
            renamed[param] = symbol(match["base"])
    if not renamed:
        return params, body
    return tuple(renamed.get(p, p) for p in params), body.xreplace(renamed)


def _body_in_params(chain: Chain, body: sp.Expr, params: tuple[sp.Symbol, ...], scope: Scope) -> sp.Expr:
    """``L(w) = (y - t)^2 = (x \\cdot w - t)^2``: the first side that is written in the variables is the body
    (y = wx is said in the prose); a body without them would make L a constant."""
    if isinstance(body, sp.MatrixBase) or set(params) & body.free_symbols:
        return body
    for later in chain.elements[2:]:
        if later is None or later.node is None:
            break
        try:
            value = evaluate(later.node, scope, frozenset(p.name for p in params))
        except Unchecked:
            break
        if not isinstance(value, sp.MatrixBase) and set(params) & value.free_symbols:
            return value
    return body


def bound_names(node: Node | None, scope: Scope, body: Node | None = None) -> list[str] | None:
    """A bare name (``\\eta``) or a vector of them (``(x_new, y_new)``): the left side of a binding."""
    if isinstance(node, Name) and node.name != "pi" and node.name not in scope.functions:
        return [node.name]  # e too: people name an error e (e^{x} stays Euler's number)
    if isinstance(node, Name) and node.name in scope.functions and body is not None and names_in(body) - {node.name}:
        return [node.name]  # L = u^2 after an earlier L(w): a new definition of L in other names
    if isinstance(node, Name) and node.name in scope.functions and scope.functions[node.name].bare:
        return [node.name]  # u = (1, 1)/sqrt 2 after u = ∇f/‖∇f‖: written as a name, rebound as a name
    if isinstance(node, Matrix) and node.vector:
        names = [row[0].name for row in node.rows if isinstance(row[0], Name)]
        if len(names) == len(node.rows):
            return names
    return None


def _stated(scope: Scope) -> dict[str, Binding]:
    """Every name the notes gave a value, as a variable's point or as a quantity."""
    return {**scope.point, **scope.values}


def _value_at_the_point(head: Node | None, right: Node | None, scope: Scope) -> bool:
    """Whether ``head = right`` is a defined function written at its own variables (``f(x, y)``), each of which
    the notes just gave a value (``x = 4, y = -3``), equal to a number: its value there, not a new f."""
    if not isinstance(head, Call) or head.primes or head.name not in scope.functions or right is None:
        return False
    params = scope.functions[head.name].params
    written = [a.name if isinstance(a, Name) else None for a in head.args or ()]
    stated = _stated(scope)
    return (
        numbers_only(right)
        and written == [p.name for p in params]
        and all(n in stated and not free(stated[n].value) for n in written if n is not None)
    )


def _calls_as_variables(first: Element, second: Element, scope: Scope) -> tuple[Element, Element]:
    r"""``e(y_T, y(\vec x; \vec w)) = -y_T \ln y(\vec x; \vec w) - …``: a variable of the function written as a
    call of a function the notes do not define (the model's output y, of x, with parameters w) is that name, y,
    in the head and in the body alike."""
    head = first.node
    if not isinstance(head, Call) or not head.args or second.node is None:
        return first, second
    calls = {a: Name(a.name) for a in head.args if isinstance(a, Call) and a.name not in scope.functions and a.args}
    if not calls or len({n.name for n in calls.values()}) != len(calls):
        return first, second

    def change(node: object) -> object | None:
        return calls.get(node) if isinstance(node, Call) else None  # type: ignore[call-overload]

    head_node, body_node = cast(Node, rebuilt(head, change)), cast(Node, rebuilt(second.node, change))
    return replace(first, node=head_node), replace(second, node=body_node)


def read_definition(chain: Chain, scope: Scope, before: str, after: str = "") -> tuple[Scope, int, list[NoteClaim]]:
    """Read a definition or binding at the head of ``chain``; return the scope and the first link to judge."""
    first, second = chain.elements[0], chain.elements[1]
    if first is None or second is None or chain.ops[0] != "=" or first.node is None:
        return scope, 0, []
    revealed = _revealed(first, second, scope)
    if revealed is not None:
        return revealed
    first, second = _calls_as_variables(first, second, scope)
    if _value_at_the_point(first.node, second.node, scope):
        return scope, 0, []  # "if x = 4, y = -3 then f(x,y) = -12": f's value there, a claim
    by_entries = (
        _of_a_vector_by_entries(first, second, scope)
        or _softmax_of_a_vector(first, second, scope)
        or _function_of_entries(chain, scope)
    )
    if by_entries is not None:
        return by_entries, 1, []
    later = tuple(e.node for e in chain.elements[2:] if e is not None)
    head = definition_head(first.node, scope, before, second.node, later)
    if head is not None and head[0] == "d" and second.node is not None and _differentials_in(second.node):
        return scope, 0, []  # d(\operatorname{diag}(x)) = \operatorname{diag}(dx): a claim about differentials, no d(·)
    if head is not None:
        name, params = head
        if second.node is None:
            return (
                scope,
                1,
                [
                    unchecked(
                        first.line, f"{first.text} = {second.text}", f"definition of {name} not parsed: {second.error}"
                    )
                ],
            )
        try:
            keep = frozenset(p.name for p in params)
            body = _natural_log_if_ambiguous(lambda: _with_unknown_functions(second.node, scope, keep))
            body = _body_in_params(chain, body, params, scope)
        except Unchecked as problem:
            if str(problem) == GENERIC_SUM and params:
                # J(w) = \frac{1}{N} \sum_{i=1}^{N} (y_i - w x_i)^2: a function for any number of terms
                scope = template(name, second, scope, tuple(p.name for p in params))
                return replace(scope), 1, []
            if str(problem) == "a transpose of a number" and len(params) == 1:
                # J(θ) = \frac{1}{2m}(Xθ - y)^T(Xθ - y): a formula of vectors, for matrix form (J of θ)
                scope.functions.pop(name, None)  # type: ignore[attr-defined]
                if name in scope.written or scope.history.get(name):
                    scope.redefined.add(name)
                scope.written[name] = second.node
                return replace(scope), 1, []
            return (
                scope,
                1,
                [
                    unchecked(
                        first.line, f"{first.text} = {second.text}", f"definition of {name} not understood: {problem}"
                    )
                ],
            )
        params, body = _sample_free(params, body)
        standard = _standard_function(name, params, body)
        scope = scope.define(Definition(name, params, body, first.line, bool(LET.search(before)), source=second.node))
        if standard is None:
            return scope, 1, []
        reason = f"the {standard}, as it is defined everywhere (the notes define {shown_name(name)} so from here on)"
        return scope, 1, [NoteClaim(first.line, f"{first.text} = {second.text}", "verified", "", "", reason)]
    names = bound_names(first.node, scope, second.node)
    if names is None:
        return scope, 0, []
    if len(names) == 1 and second.node is not None and not numbers_only(second.node):
        body = second.node
        if isinstance(body, Call) and len(chain.elements) > 2 and chain.ops[1] == "=":
            following = chain.elements[2]  # u_2 = m(a_1) = W_2 a_1 + b_2: the formula names the function
            body = following.node if following is not None and following.node is not None else body
        scope.written[names[0]] = body  # z = Wx + b as written, for reading it in matrix form
    text = f"{first.text} = {second.text}"
    if second.node is None:
        return scope, 1, [unchecked(second.line, text, f"not parsed: {second.error}")]
    summed = [n for n in walk(second.node) if isinstance(n, Summation)]
    if isinstance(first.node, Name) and _any_entry(first.node.name) and summed:
        # σ_sm(z)_i = e^{z_i} / \sum_{k=1}^{K} e^{z_k} after "with K = 2" for one case, p_i = e^{z_i} / \sum_j e^{z_j}
        # after z = [2.0, 1.0, 0.1]: the entry i, for any size (and at the vector stated, entry by entry)
        return template(first.node.name, second, scope), 1, []
    written_out = _written_out_as_a_sum(chain, scope)
    if written_out is not None and isinstance(first.node, Name):
        # C = ½‖y - a^L‖² = ½ \sum_k (y_k - a_k^L)^2: the norm of vectors, written out over their entries, defines C
        return template(first.node.name, written_out, scope), 1, []
    try:
        value = _natural_log_if_ambiguous(lambda: _with_unknown_functions(second.node, scope, frozenset()))
    except Unchecked as problem:
        updated = isinstance(first.node, Name) and first.node.name in names_in(second.node)  # w ← w - η ∂E/∂w
        if str(problem) == GENERIC_SUM and isinstance(first.node, Name) and not updated:
            return template(first.node.name, second, scope), 1, []
        if str(problem) == "a transpose of a number" and len(names) == 1 and names[0] in scope.written:
            return replace(scope), 1, []  # z = w^T x + b: vectors never given numbers, a formula for matrix form
        return scope, 1, [unchecked(second.line, text, f"a definition of {', '.join(names)}: {problem}")]
    model = _model_at_its_point(first, second, names, scope)
    if model is not None:
        return scope, 1, [model]
    values = list(value) if isinstance(value, sp.MatrixBase) and len(names) > 1 else [value]
    if len(values) != len(names):
        return scope, 1, [unchecked(second.line, text, "the two sides have different numbers of entries")]
    if len(names) == 1 and not isinstance(second.node, Name):
        symbolic = symbolic_value(second.node, scope)
        if symbolic is not None and not free(symbolic):
            named = _activation_of_a_name(second.node, scope)
            symbolic = symbolic if named is None else symbolic_value(named, scope)
        written_in = free(value) | free(symbolic if symbolic is not None else value)
        if names[0] in {s.name for s in written_in}:
            # w = w - \eta g, out = 1/(1 + e^{out}): an update or a recurrence (or a slip), never a definition
            return scope, 1, []
        if symbol(names[0]) in reachable(sp.Add(*written_in), scope.formulas) - written_in:
            # w_0 = \bar{Y} - w_1 \bar{X} after \bar{Y} = w_1 \bar{X} + w_0: solving an equation, no definition
            return scope, 1, []
        own = scope.formulas.get(names[0])
        same = own is not None and symbolic is not None and _same_formula(own.value, symbolic)
        # (in_{h1} = w_1 x_1 + … restated as it was defined: a new pass, with new weights, may follow)
        contradicted = None if same else _contradicted(first, second, names, value, scope)
        if contradicted is not None:
            return scope, 1, [contradicted]  # (nor is its formula read: out_{y2} does not depend on in_{h2})
        if symbolic is not None and free(symbolic):
            scope = scope.formula(names[0], Binding(symbolic, first.line))
            if own is not None and own.line != first.line and free(value) and len(chain.elements) == 2:
                return scope, 1, [_formula_again(first, second, names[0], own, same)]
    if isinstance(second.node, Name) and free(value) and second.node.name not in scope.formulas:
        return scope, 1, []  # "at a point $x=a$": a renaming, not a claim
    if isinstance(value, sp.MatrixBase) and value.shape == (1, 1):
        value, values = value[0], [value[0]]  # a 1 × 1 gradient is a number
    if isinstance(value, sp.MatrixBase) and len(names) == 1 and free(value):
        judged = jacobian_claim(names[0], value, scope, second.line, text)
        if judged is not None:
            return scope, 1, [judged]
        # f = (x_1^2, x_1 + x_2): a vector function of its free variables (f_1, f_2 are its components)
        params = tuple(sorted(free(value), key=lambda s: s.name))
        return scope.define(Definition(names[0], params, value, first.line, bare=True)), 1, []
    if free(value) and len(names) == 1 and not LET.search(before):
        # net_{o1} = w_5 out_{h1} + ...: a named quantity, kept for derivatives and identities (in its
        # names, as recorded above, not with the values some of them hold)
        if names[0] in scope.formulas and scope.formulas[names[0]].line == first.line:
            return scope, 1, []
        return scope.formula(names[0], Binding(value, first.line)), 1, []
    if free(value) and not LET.search(before):
        return scope, 1, []
    if free(value) and len(names) == 1:
        # "Let $L = \tfrac12 (y - \hat{y})^2$": L is a function of its free variables (written as a bare name)
        params = tuple(sorted(free(value), key=lambda s: s.name))
        return scope.define(Definition(names[0], params, value, first.line, bare=True)), 1, []
    restated = _restated(first, second, names, scope)
    if restated is not None:
        return scope, 1, [restated]
    entries = _by_its_written_formula(first, second, names, value, scope)
    if entries:
        scope = scope.bind(names[0], Binding(value, second.line, True, True))  # (the notes go on with their numbers)
        return scope, 1, entries
    by_formula = _by_its_formula(first, second, names, value, scope)
    if _CONDITION.match(after) or any(_GENERIC_INDEX.search(n) for n in names):
        # "$y_i = 1$ if the class is i", "y_k = 0": a case or an element of any index, not a value from now on
        return scope, 1, []
    computed, numbers = printed(second.node) is None, numbers_only(second.node)
    for bound, entry in zip(names, values, strict=True):
        scope = scope.bind(bound, Binding(entry, second.line, computed, numbers))
    return scope, 1, [by_formula] if by_formula is not None else []


def _model_at_its_point(first: Element, second: Element, names: list[str], scope: Scope) -> NoteClaim | None:
    r"""``\hat{y} = 3.3667 \cdot X + 0.1767`` after the model ``\hat{y} = wX + b`` and the updates ``w = 3.3667``,
    ``b = 0.1767``: the model restated at its parameters' new values, a claim about each coefficient.

    The same: verified. A coefficient off (a wrong digit, same sign, within half): a slip. None when the
    restatement is no such thing (another model, values stated before the model or long before)."""
    if len(names) != 1 or second.node is None:
        return None  # (read in its names: ŷ = 3.3667 X + 0.1767 with X a vector of data is no number)
    name = names[0]
    if name in scope.functions:
        body, line = scope.functions[name].body, scope.functions[name].line
    elif name in scope.formulas:
        body, line = scope.formulas[name].value, scope.formulas[name].line
    else:
        return None
    written = symbolic_value(second.node, scope)
    if written is None or isinstance(body, sp.MatrixBase) or isinstance(written, sp.MatrixBase) or not free(written):
        return None
    if not free(written) < free(body):
        return None
    fixed = sorted(free(body) - free(written), key=lambda s: s.name)
    bindings = {**scope.point, **scope.values}
    if any(p.name not in bindings for p in fixed):
        return None
    stated = [bindings[p.name] for p in fixed]
    if any(isinstance(b.value, sp.MatrixBase) or free(b.value) for b in stated):
        return None
    if any(not (line < b.line <= second.line and second.line - b.line <= FORMULA_VALUES_LINES) for b in stated):
        return None  # (values of an earlier pass, or none since the model: a new model, not a restatement)
    expected = sp.expand(body.xreplace({p: b.value for p, b in zip(fixed, stated, strict=True)}))
    written = sp.expand(written)
    given = _stated_at(zip(fixed, stated, strict=True))
    where = f"the model {shown_name(name)} of line {line} at {given}"
    text = f"{first.text} = {second.text}"
    if written == expected:
        return NoteClaim(second.line, text, "verified", sp.sstr(written), sp.sstr(expected), f"{where}: the same")
    variables = sorted(free(written), key=lambda s: s.name)
    try:
        ours, theirs = sp.Poly(expected, *variables), sp.Poly(written, *variables)
    except sp.PolynomialError:
        return None
    monomials = set(ours.monoms()) | set(theirs.monoms())
    pairs = [(ours.coeff_monomial(m), theirs.coeff_monomial(m)) for m in monomials]
    if any(free(a) or free(b) for a, b in pairs) or any(_far_apart(a, b) for a, b in pairs):
        return None
    reason = f"{where} is {sp.sstr(expected)}"
    return NoteClaim(second.line, text, "failed", sp.sstr(written), sp.sstr(expected), reason)


def _stated_at(bindings: Iterable[tuple[sp.Symbol, Binding]]) -> str:
    """``alpha = 1/10 (line 4), x = 4 (line 2)``: the values a formula was computed with, and where."""
    return ", ".join(f"{shown_name(s.name)} = {sp.sstr(b.value)} (line {b.line})" for s, b in bindings)


#: The start of the reason of a claim judged by :func:`_by_its_formula`.
BY_ITS_FORMULA = "the formula of "
#: How near the values a formula is computed with must be stated for a mismatch to be a slip.
FORMULA_VALUES_LINES = 30


def _by_its_formula(first: Element, second: Element, names: list[str], value: Value, scope: Scope) -> NoteClaim | None:
    r"""``x_{new} = 4 - 0.1 \times 8`` after ``x_{new} = x - \alpha f'(x)``, ``x = 4``, ``\alpha = 0.1``: numbers for
    a name with a formula, whose every name has a stated value, are the formula at those values (a claim).

    Equal, or within the rounding of the decimals written: verified. Off by more than 1 %, with every value
    stated a few lines before: a slip (a wrong update); otherwise unchecked (a new case the notes did not spell
    out, or a rounding carried on)."""
    if len(names) != 1 or second.node is None or not numbers_only(second.node):
        return None
    formula = scope.formulas.get(names[0])
    function = scope.functions.get(names[0])
    if formula is None and function is not None and function.bare and isinstance(function.body, sp.Expr):
        formula = Binding(function.body, function.line)  # "Let $z = wx + b$": a bare name of its free variables
    if formula is None:
        return None
    if isinstance(formula.value, sp.MatrixBase) or isinstance(value, sp.MatrixBase) or free(value):
        return None
    stated = {**scope.point, **scope.values}
    inputs = {s: stated[s.name] for s in free(formula.value) if s.name in stated}
    if len(inputs) != len(free(formula.value)) or any(
        isinstance(b.value, sp.MatrixBase) or b.substituted or b.line > second.line for b in inputs.values()
    ):
        return None  # (values read from this very substitution, w_1 = 0.1 of in_{h1} = 0.1 * 0.1 + …: no claim)
    exact = formula.value.xreplace({s: b.value for s, b in inputs.items()})
    if free(exact):
        return None
    given = _stated_at(sorted(inputs.items(), key=lambda item: item[0].name))
    text = f"{first.text} = {second.text}"
    where = f"{BY_ITS_FORMULA}{shown_name(names[0])} (line {formula.line}) at {given}"
    if sp.simplify(exact - value) == 0:
        reason = f"{where}: equal by exact arithmetic"
        return NoteClaim(second.line, text, "verified", sp.sstr(value), sp.sstr(exact), reason)
    halves = _rounding_of(second)
    shown = printed(second.node)
    if shown is not None:  # a = 0.7 for σ(0.9) = 0.7109…: the value to its printed digits (a unit, rounded or cut)
        halves = sp.Rational(1, 10 ** max(places(d.lstrip("-")) for d in shown))
    difference = abs(sp.N(exact - value, 30))
    if difference <= halves:  # w - η g with g rounded to 0.2373 as printed
        reason = f"{where}: agrees within the rounding of its decimals (±{sp.N(halves, 3)})"
        return NoteClaim(second.line, text, "printed", sp.sstr(value), sp.sstr(exact), reason)
    near = all(0 <= second.line - b.line <= FORMULA_VALUES_LINES for b in inputs.values())
    reason = f"{where} gives {sp.N(exact, 10)}, not {sp.N(value, 10)}"
    if near and difference > abs(sp.N(exact, 30)) / 100:
        return NoteClaim(second.line, text, "failed", sp.sstr(value), sp.sstr(exact), reason)
    reason += ": a slip, or a case with other values?"
    return unchecked(second.line, text, reason, sp.sstr(value), sp.sstr(exact))


def _by_its_written_formula(
    first: Element, second: Element, names: list[str], value: Value, scope: Scope
) -> list[NoteClaim]:
    r"""``s_{out} = [0.09859, 0.011215, …]`` after ``s_{out} = w^T \cdot z_1``, with w and z_1 given numbers (the
    formulas of a pass written once, then each iteration's numbers): the numbers are the formula at the values
    the names hold now, entry by entry (to the digits printed).

    Entries off by more than 1 % (or by over 1000 units of their last digit) while others agree are slips; when
    every entry is off, the iteration used other values (the updated weights, under another name): nothing is
    claimed. Entries off by less are left unchecked (rounded values carried). Returns the claims: one for the
    right entries, one for those off by a little, one for the wrong ones."""
    written = scope.written.get(names[0]) if len(names) == 1 else None
    if written is None or numbers_only(written) or not isinstance(value, sp.MatrixBase) or second.node is None:
        return []
    used = names_in(written)
    known = all(n in scope.values or in_other_type(n, scope) is not None for n in used)  # (\mathbf{y} of y too)
    if not isinstance(second.node, Matrix) or names[0] in used or not known:
        return []
    try:
        exact = evaluate(written, scope)
    except (Unchecked, ZeroDivisionError, TypeError, ValueError):
        return []
    if not isinstance(exact, sp.MatrixBase) or len(exact) != len(value) or free(exact):
        return []
    if exact.shape != value.shape and 1 not in exact.shape:
        return []
    cells = [cell for row in second.node.rows for cell in row]
    if value.shape != exact.shape:
        exact = exact.reshape(*value.shape)
    right, near, wrong = [], [], []
    for index, (cell, stated, computed) in enumerate(zip(cells, list(value), list(exact), strict=True)):
        number = written_number(cell)
        digits = number[1].lstrip("-") if number is not None else ""
        unit = sp.Rational(1, 10 ** places(digits)) if "." in digits else sp.Integer(0)
        difference = abs(sp.N(computed - stated, 30))
        if difference <= unit or difference < sp.Rational(1, 10**12):
            right.append((index, stated, computed))
        elif difference <= abs(sp.N(computed, 30)) / 100 and (not unit or difference <= 1000 * unit):
            # (off by 1 % at most, and by no more than 1000 units of the digits printed: 0.4849 for 0.4888 is a
            # slip when eight digits are printed)
            near.append((index, stated, computed))
        else:
            wrong.append((index, stated, computed))
    if not right:
        return []  # every entry off: another case (the next iteration's weights, named otherwise)
    text = f"{first.text} = {second.text}"
    where = f"{BY_ITS_FORMULA}{shown_name(names[0])} at the values stated"

    def claim(group: list[tuple[int, sp.Expr, sp.Expr]], status: Status, reason: str) -> NoteClaim:
        claimed = ", ".join(text_of(stated) for _, stated, _ in group)
        exacts = ", ".join(text_of(sp.N(computed, 10)) for _, _, computed in group)
        if len(group) > 1:
            claimed, exacts = f"({claimed})", f"({exacts})"
        at = ", ".join(str(i + 1) for i, _, _ in group)
        return NoteClaim(second.line, text, status, claimed, exacts, f"{where}, entries {at}: {reason}")

    claims = [claim(right, "printed", "agree to the digits printed")]
    if near:
        claims.append(unchecked(second.line, text, f"{where}: entries within 1 % (rounded values carried?)"))
    if wrong:
        claims.append(claim(wrong, "failed", "differ by more than rounding explains"))
    return claims


def _written_out_as_a_sum(chain: Chain, scope: Scope) -> Element | None:
    r"""The third element of ``C = \frac12 \|\mathbf{y} - \mathbf{a}\|^2 = \frac12 \sum_k (y_k - a_k)^2``: a sum of any
    number of terms over the entries of the vectors the second element is written in, or None."""
    if len(chain.elements) < 3 or chain.ops[1] != "=" or chain.elements[1] is None:
        return None
    second, third = chain.elements[1], chain.elements[2]
    if second.node is None or third is None or third.node is None:
        return None
    if not names_in(second.node) & set(summed_vectors([third.node])):
        return None
    try:
        evaluate(third.node, scope)
    except Unchecked as problem:
        return third if str(problem) == GENERIC_SUM else None
    return None


def _any_entry(name: str) -> bool:
    """Whether ``name`` is an entry by index letters (``y_i``, ``w_{jk}``), as a template is defined for."""
    match = INDEXED.match(name)
    return match is not None and match["rest"] is None and set(match["letters"]) <= INDEX_LETTERS


def template(name: str, body: Element, scope: Scope, params: tuple[str, ...] = ()) -> Scope:
    r"""``y_i = \frac{e^{x_i}}{\sum_k e^{x_k}}``, ``L = -\sum_j t_j \log y_j``: defined for any number of
    terms, kept to be evaluated in each instance of a claim about them (n = 1, 2, 3 terms); ``params``, the
    variables of a function so defined (``J(w)``)."""
    match = INDEXED.match(name)  # y_i, p_{k}, w_{jk}: defined for any index
    if match is None or match["rest"] is not None or not set(match["letters"]) <= INDEX_LETTERS:
        match = None
    stem, letters = (match["stem"], tuple(match["letters"])) if match else (name, ())
    scope.values.pop(name, None)  # type: ignore[attr-defined]
    scope.formulas.pop(name, None)  # type: ignore[attr-defined]
    scope.functions.pop(name, None)  # type: ignore[attr-defined]
    scope.templates[name] = Template(stem, letters, body.node, body.line, params)
    for other, binding in list(scope.formulas.items()):
        # J = -\log p_c before p_c = e^{z_c} / \sum_j e^{z_j}: J has any number of terms too
        uses = {m["stem"] for m in (INDEXED.match(n.name) for n in free(binding.value)) if m and not m["rest"]}
        written = scope.written.get(other)
        if (stem in uses or symbol(name) in free(binding.value)) and written is not None and other != name:
            template(other, Element((), other, binding.line, written, ""), scope)
    return scope


#: A name that a step of an iteration gives anew: ``x_new``, ``w_{next}``, ``\theta_{t+1}``, ``w^{(k+1)}``.
UPDATED = re.compile(r"_(?:new|next|updated|upd)$|_{1,2}[tkn]plus1$")


def _restated(first: Element, second: Element, names: list[str], scope: Scope) -> NoteClaim | None:
    r"""``$$in_{h1} = 0.1 \cdot 0.1 + 0.3$$`` then ``$$in_{h1} = 0.44$$``: the second states a value, a claim.

    A name given a number just before (the latest value stated, a few lines up) and given a
    number again, or arithmetic on numbers again (``z = (3000 \cdot 0.001) + 0.1``, then
    ``z = 3.0 + 0.1``), is claimed to hold it still; the number is judged against the earlier value,
    and becomes the name's value unless it is wrong.
    """
    if len(names) != 1 or names[0] not in scope.values or second.node is None:
        return None
    earlier = scope.values[names[0]]
    if printed(second.node) is None and (not numbers_only(second.node) or not earlier.numbers):
        return None  # z = 3.0 + 0.1 restates z = (3 \cdot 1) + 0.1; z = w x + b is a new definition
    if printed(second.node) is None and UPDATED.search(names[0]):
        return None  # x_new = 3.2 - 0.1 × 6.4 after x_new = 4 - 0.1 × 8 = 3.2: the next step's update
    latest = max(b.order for b in scope.values.values())  # in reading order: lines restart in each cell
    if not earlier.computed or earlier.order != latest or earlier.order < scope.cell_started:
        return None  # not the latest value, or one of another cell
    if not 0 < second.line - earlier.line <= RESTATED_LINES:
        return None
    value = evaluate(second.node, scope)
    vector = isinstance(earlier.value, sp.MatrixBase)
    if vector != isinstance(value, sp.MatrixBase):
        return None
    judged = judge_link(first, "=", second, scope)
    if printed(second.node) is None and judged.status != "verified" and not vector:
        judged = _restated_sum(judged, earlier.value, value, second)
    if judged.status == "failed" and vector:
        judged = _entries_within_a_unit(judged, earlier.value, value, second)
    anew = not earlier.numbers or (printed(second.node) is None and not isinstance(second.node, (Num, Neg)))
    if judged.status == "failed" and anew and _far_apart(earlier.value, value):
        # z = \theta x + b, then "suppose you get z = -2": a new value given in prose (read on with it), or a slip;
        # L = (0.91 + 0.91 + 2.3)/3, then L = (0.35 + 0.35 + 1.2)/3 for a second model: the same sum of new numbers
        scope.bind(names[0], Binding(value, second.line, True, False))  # (a new value may follow it too)
        return replace(judged, status="unchecked", reason=f"{judged.reason}: a slip, or a new value of it?")
    if judged.status in ("verified", "printed"):  # restated again (then [0.1; 0.9]): a claim too
        scope.bind(names[0], Binding(value, second.line, True, numbers_only(second.node)))
    return replace(judged, reason=f"the value of {names[0]} stated on line {earlier.line}: {judged.reason}")


def _standard_function(name: str, params: tuple[sp.Symbol, ...], body: Value) -> str | None:
    r"""``\sigma(x) = \frac{1}{1+e^{-x}}``, ``relu(z) = max(0, z)``: the name of the standard function that a
    definition states, when its body is that function; None otherwise (a definition like any other)."""
    if len(params) != 1 or isinstance(body, sp.MatrixBase):
        return None
    x = params[0]
    standard = {
        "sigma": ("logistic function", 1 / (1 + sp.exp(-x))),
        "relu": ("ReLU", sp.Max(0, x)),
        "tanh": ("hyperbolic tangent", sp.tanh(x)),
    }.get(name.lower())
    if standard is None:
        return None
    label, expected = standard
    if name.lower() == "relu":
        return label if body == expected else None  # (SymPy orders the arguments of Max: max(z, 0) too)
    try:
        same = sp.simplify((body - expected).rewrite(sp.exp)) == 0
    except (TypeError, ValueError, AttributeError):
        return None
    return label if same else None


def _same_formula(own: Value, written: Value) -> bool:
    """Whether a formula written again equals the first, exactly: p = e^x/(1 + e^x), then p = 1/(1 + e^{-x})."""
    if isinstance(own, sp.MatrixBase) or isinstance(written, sp.MatrixBase):
        return isinstance(own, sp.MatrixBase) and isinstance(written, sp.MatrixBase) and own == written
    difference = own - written
    return sp.expand(difference) == 0 or is_zero(difference) is True


def _formula_again(first: Element, second: Element, name: str, own: Binding, restated: bool) -> NoteClaim:
    r"""``\hat w = w + 2\eta x (y - \hat y)`` after ``\hat w = w - \eta \frac{\partial L}{\partial w}``: the formula
    of a named quantity written again, in other terms, at the end of a derivation. Equal to the first (through
    the derivatives and formulas the notes defined), it is a claim verified; otherwise it may be a slip or a
    new definition, and stays unchecked (the new formula is read on)."""
    text = f"{first.text} = {second.text}"
    if restated:
        reason = f"the formula of {shown_name(name)} on line {own.line}, by the definitions: equal"
        return NoteClaim(second.line, text, "verified", "", "", reason)
    reason = f"differs from the formula of {shown_name(name)} on line {own.line}: a slip, or a new definition?"
    return unchecked(second.line, text, reason)


def _contradicted(first: Element, second: Element, names: list[str], value: Value, scope: Scope) -> NoteClaim | None:
    r"""``out_{y2} = \frac{1}{1+e^{-in_{h2}}}`` after ``out_{y2} = 0.7549``: a formula other than the name's
    own, for a name whose value is stated, in names whose values were all stated before it, that gives
    another value (past 1 %, beyond any rounding) is a slip (the value stays). A name stated again after
    the name (a new pass with new weights), or the name's own formula restated (a new pass may follow),
    is no slip."""
    if len(names) != 1 or names[0] not in scope.values or second.node is None or numbers_only(second.node):
        return None
    earlier = scope.values[names[0]].value
    if isinstance(value, sp.MatrixBase) or isinstance(earlier, sp.MatrixBase) or free(value) or free(earlier):
        return None
    inputs = names_in(second.node) & set(scope.values)
    if not inputs or any(scope.values[n].order >= scope.values[names[0]].order for n in inputs):
        return None
    if any(not 0 <= second.line - scope.values[n].line <= FAR_LINES for n in inputs):
        return None  # b = a + a with a stated 500 lines before: another example's a, most likely
    if earlier == 0 or abs(sp.N((value - earlier) / earlier, 20)) <= sp.Rational(1, 100):
        return None
    stated = scope.values[names[0]].line
    given = ", ".join(f"{shown_name(n)} (line {scope.values[n].line})" for n in sorted(inputs))
    reason = f"gives {sp.N(value, 10)} from the values of {given}, but {shown_name(names[0])} = "
    reason += f"{sp.N(earlier, 10)} on line {stated}"
    text = f"{first.text} = {second.text}"
    return NoteClaim(second.line, text, "failed", sp.sstr(sp.N(value, 10)), sp.sstr(sp.N(earlier, 10)), reason)


def _far_apart(earlier: Value, value: Value) -> bool:
    """Whether two numbers differ in sign or by more than half the larger: no wrong digit, another value."""
    if isinstance(earlier, sp.MatrixBase) or isinstance(value, sp.MatrixBase) or free(earlier) or free(value):
        return False
    a, b = sp.N(earlier, 30), sp.N(value, 30)
    return bool(a * b < 0 or abs(a - b) > max(abs(a), abs(b)) / 2)


def _rounding_of(written: Element) -> sp.Rational:
    """Half a unit in the last place of each decimal of three significant digits or more in ``written``, summed:
    how far rounding those decimals may have moved it (0.6, 1.0 are values as given, not rounded)."""
    decimals = [t.text for t in written.tokens if t.kind == "num" and "." in t.text and significant(t.text) >= 3]
    return sp.Add(*[sp.Rational(1, 2 * 10 ** places(d)) for d in decimals])


def _restated_sum(judged: NoteClaim, earlier: sp.Expr, value: sp.Expr, restated: Element) -> NoteClaim:
    r"""``z = 0.4 \cdot 0.5933 + 0.6`` restated as ``z = 0.2373 + 0.6``: each decimal of three significant
    digits or more may be rounded, by half a unit in its last place; within their sum it is right to its
    printed digits, past 1 % a slip, between the two not settled (products of rounded decimals are not
    modelled)."""
    halves = _rounding_of(restated)
    difference = abs(sp.N(value - earlier, 30))
    if difference <= halves:
        return replace(
            judged, status="printed", reason=f"agrees within the rounding of its decimals (±{sp.N(halves, 3)})"
        )
    if difference > abs(sp.N(earlier, 30)) / 100:
        return replace(
            judged, status="failed", reason=f"differs by {sp.N(difference, 6)}, past the rounding of its decimals"
        )
    return unchecked(
        judged.line, judged.text, f"differs by {sp.N(difference, 6)}: more than the rounding of its decimals"
    )


def _entries_within_a_unit(
    judged: NoteClaim, earlier: sp.MatrixBase, value: sp.MatrixBase, restated: Element
) -> NoteClaim:
    """``b_1 = [0.49998; 0.499995]`` restating ``[0.5; 0.5] - 0.01 [0.002; 0.0004]`` (0.499996): every entry
    of three significant digits or more within one unit in its last digit is a rounding the notes carried,
    not settled either way."""
    entries = [t.text for t in restated.tokens if t.kind == "num"]
    if value.shape != earlier.shape or len(entries) != len(value):
        return judged
    for text, claimed, exact in zip(entries, value, earlier, strict=True):
        unit = sp.Rational(1, 10 ** places(text))
        if claimed != exact and (significant(text) < 3 or abs(sp.N(claimed - exact, 30)) > unit):
            return judged  # 0.8 for 0.9 is a slip; 0.499995 for 0.499996 may be a rounding carried
    return unchecked(judged.line, judged.text, f"{judged.reason}; every entry within a unit in its last digit")


def _natural_log_if_ambiguous(work):  # type: ignore[no-untyped-def]
    r"""Read a definition with ``\log`` as the natural logarithm when its base is not said (ML notes' use)."""
    try:
        return work()
    except Unchecked as problem:
        if str(problem) != LOG_AMBIGUOUS or LOG_BASE.get() is not None:
            raise
    with log_read_in("e"):
        return work()


def _with_unknown_functions(node: Node, scope: Scope, keep: frozenset[str]) -> Value:
    r"""The value of a definition's body; ``g(t) = f(\mathbf{y} + t(\mathbf{x} - \mathbf{y}))`` with f never
    defined, in an unknown function f (a claim that uses it is never failed, only verified or unchecked)."""
    try:
        return evaluate(node, scope, keep)
    except Unchecked as problem:
        if not UNDEFINED_FUNCTION.search(str(problem)):
            raise
    token = GENERIC_FUNCTIONS.set(True)
    try:
        return evaluate(node, scope, keep)
    finally:
        GENERIC_FUNCTIONS.reset(token)


def _of_a_vector_by_entries(first: Element, second: Element, scope: Scope) -> Scope | None:
    r"""``L(\mathbf{p}) = -\sum_i y_i \log p_i``: a function of a vector written in its entries, over any number
    of them, is the template L (as ``L = -\sum_i y_i \log p_i`` would be), its derivatives by the entries p_j
    judged at each size; or None."""
    head, body = first.node, second.node
    if not isinstance(head, Call) or head.primes or not head.args or body is None:
        return None
    stems = set()
    for argument in head.args:
        if not isinstance(argument, Name) or not argument.name.startswith(("mathbf_", "boldsymbol_")):
            return None
        stems.add(argument.name.split("_", 1)[1])
    entries = {m["stem"] for m in (INDEXED.match(n) for n in names_in(body)) if m and not m["rest"]}
    whole = {a.name for a in head.args if isinstance(a, Name)} & names_in(body)
    if whole or not stems <= entries or not any(isinstance(n, Summation) for n in walk(body)):
        return None
    return template(head.name, second, scope)


def _function_of_entries(chain: Chain, scope: Scope) -> Scope | None:
    r"""``h(\mathbf x) = x_1 + x_2^2``, ``\mathbf g(\mathbf x) = [g_1(\mathbf x), g_2(\mathbf x)]^\top
    = [x_1^3 + 2x_2^2, 2x_1^3]^\top``: a function of a vector written in its entries is the function of x_1, x_2, …
    (as many as the highest entry written), its body the first side that is written in them; or None."""
    head = chain.elements[0].node if chain.elements[0] is not None else None
    if not isinstance(head, Call) or head.primes or not head.args or len(head.args) != 1:
        return None
    argument = head.args[0]
    if not isinstance(argument, Name) or not argument.name.startswith(("mathbf_", "boldsymbol_")):
        return None
    stem = argument.name.split("_", 1)[1]
    if "_" in stem or argument.name in names_in(head) - {argument.name} or chain.ops[0] != "=":
        return None
    for side in chain.elements[1:]:
        if side is None or side.node is None:
            continue
        written = names_in(side.node)
        found = [int(m[1]) for n in written if (m := re.fullmatch(rf"{re.escape(stem)}_(\d)", n))]
        if not found or argument.name in written:
            continue
        try:
            body = _with_unknown_functions(side.node, scope, frozenset())
        except Unchecked:
            continue
        if generic_functions_in(body):
            continue
        params = tuple(symbol(f"{stem}_{k}") for k in range(1, max(found) + 1))
        if not set(free(body)) <= set(params):
            continue
        return scope.define(Definition(head.name, params, body, chain.elements[0].line))  # type: ignore[union-attr]
    return None


def _softmax_of_a_vector(first: Element, second: Element, scope: Scope) -> Scope | None:
    r"""``\mathbf{p} = \text{softmax}(\mathbf{x})``: the entries of p are the template
    ``p_i = e^{x_i} / \sum_k e^{x_k}``, for any number of them; or None (also where the notes define p_i)."""
    head, body = first.node, second.node
    bold = ("mathbf_", "boldsymbol_")
    if not isinstance(head, Name) or not head.name.startswith(bold) or not isinstance(body, Call):
        return None
    if body.name != "softmax" or body.primes or body.args is None or len(body.args) != 1:
        return None
    argument = body.args[0]
    if not isinstance(argument, Name) or not argument.name.startswith(bold):
        return None
    entry, of = head.name.split("_", 1)[1], argument.name.split("_", 1)[1]
    if f"{entry}_i" in scope.templates or f"{entry}_i" in scope.formulas or "_" in entry + of:
        return None
    exp = Name("e")
    node = Op("/", Pow(exp, Name(f"{of}_i")), Summation("k", None, None, Pow(exp, Name(f"{of}_k")), None, False))
    return template(f"{entry}_i", Element((), f"{entry}_i", first.line, node, ""), scope)


def numbers_only(node: object) -> bool:
    """Whether a syntax tree is arithmetic on numbers: no name, derivative or function call."""
    quantities = (n for n in walk(node) if isinstance(n, (Name, Call, Derivative)))
    return all(getattr(n, "name", "") in ("e", "pi") for n in quantities)


def names_in(node: object) -> set[str]:
    """The names a syntax tree mentions as quantities (not as functions)."""
    return {n.name for n in walk(node) if isinstance(n, Name) and n.name not in ("e", "pi")}


def _revealed(first: Element, second: Element, scope: Scope) -> tuple[Scope, int, list[NoteClaim]] | None:
    r"""``\frac{\partial L}{\partial \hat{Y}} = \frac{\partial}{\partial \hat{Y}} (Y - \hat{Y})^2`` where the notes
    never define L: the derivative is written as that of an expression, which is what L is read as
    (the reading is named in the verdicts that use it). The link itself is that reading, no claim."""
    head, body = first.node, second.node
    if not isinstance(head, Derivative) or head.args is not None or not isinstance(body, DiffOp):
        return None
    name = head.name
    known = (scope.functions, scope.values, scope.formulas, scope.templates)
    if body.wrt != head.wrt or name in names_in(body.operand):
        return None
    defined = any(name in mapping for mapping in known)
    if defined and not _vanishes(head, scope):
        return None  # (defined, and in the variable: the link is a claim about that definition)
    value = symbolic_value(body.operand, scope)
    if value is None or not free(value):
        return None
    own = scope.formulas[name].value if defined and name in scope.formulas else None
    if own is not None and not isinstance(own, sp.MatrixBase) and sp.expand(own - value) == 0:
        return None  # g = 3f - o, then ∂g/∂e = ∂(3f - o)/∂e: its own definition, an identity whatever f and o are
    scope = scope.formula(name, Binding(value, first.line, revealed=True))
    text = f"{first.text} = {second.text}"
    reason = f"{shown_name(name)} is not defined otherwise: read as {sp.sstr(value)[:80]}, as its derivative is written"
    return scope, 1, [unchecked(second.line, text, reason)]


def _vanishes(head: Derivative, scope: Scope) -> bool:
    r"""Whether the derivative ``head`` is 0 by the definitions read: ``\mathcal{C}`` defined in ``a_i``, then
    differentiated by ``a^L``. The notes mean another reading of the name, and the derivative written out shows it."""
    if head.name in scope.functions or head.name in scope.values:
        return False
    try:
        return evaluate(head, scope, frozenset(scope.formulas) | frozenset(scope.values)) == 0
    except Unchecked as problem:
        return str(problem).endswith(" is not defined")  # (as good as undefined: the derivative cannot be read)
    except ZeroDivisionError:
        return False


def _activation_of_a_name(node: Node, scope: Scope) -> Node | None:
    r"""``out_o = \sigma(0.1796)`` after ``net_o = w_3 \cdot out_h = 0.1796``: the activation of net_o, written at
    its value, so out_o depends on net_o (and ∂out_o/∂net_o means something). The number must be the printed
    value of exactly one named quantity with a formula; None otherwise."""
    if not isinstance(node, (Call, Func)) or not node.args or len(node.args) != 1:
        return None
    argument = node.args[0]
    sign = isinstance(argument, Neg)
    number = argument.operand if isinstance(argument, Neg) else argument
    if not isinstance(number, Num) or number.truncated or "." not in number.text:
        return None
    value = -number.value if sign else number.value
    matches = []
    for name, binding in scope.values.items():
        held = binding.value
        if name not in scope.formulas or isinstance(held, sp.MatrixBase) or not held.is_number:
            continue
        if scope.shown.get(name) == value or ((held - value).is_Rational and agrees(held, value, number.text)):
            matches.append(name)
    if len(matches) != 1:
        return None
    return replace(node, args=(Name(matches[0]),))


def symbolic_value(node: Node, scope: Scope) -> sp.Expr | None:
    """``node`` with its named quantities kept as symbols (None when it has no meaning)."""
    keep = frozenset(n for n in names_in(node) if n not in scope.functions)
    if "e" in scope.formulas or "e" in scope.values:
        keep |= {"e"}  # L = e^2 after e = \hat{y} - y: the error e, kept as named (e^{-x} stays Euler's)
    try:
        value = evaluate(node, scope, keep)
    except Unchecked:
        return None
    return None if isinstance(value, sp.MatrixBase) else value


def declare_function(tokens: list[Token], formula: Formula, scope: Scope) -> Scope:
    """ "a function $f(x, y)$": f is an unknown function of x and y (its gradient is (∂f/∂x, ∂f/∂y))."""
    if not _A_FUNCTION.search(formula.before):
        return scope
    found = element(tokens, formula)
    head = definition_head(found.node if found is not None else None, scope)
    if head is None or found is None:
        return scope
    name, params = head
    if (name in scope.functions and scope.functions[name].params == params) or name in scope.formulas:
        return scope  # "the function $\sigma(z)$ we defined above": already known
    unknown = sp.Function(name, real=True)(*params)
    return scope.define(Definition(name, params, unknown, found.line, declared=True))


def declare_shape(tokens: list[Token], scope: Scope) -> Scope:
    r"""``W \in \mathbb{R}^{m \times n}``, ``x \in \mathbb{R}^{n}``, ``b \in \mathbb{R}``: the sizes of a name (letters
    or numbers; a vector of ``\mathbb{R}^{n}`` is a column, n × 1), for reading matrix-form formulas."""
    texts = [t.text for t in tokens]
    if r"\in" not in texts:
        return scope
    at = texts.index(r"\in")
    if texts[at + 1 : at + 5] != [r"\mathbb", "{", "R", "}"]:
        return scope
    groups: list[list[Token]] = [[]]
    for token in tokens[:at]:  # x, y \in \mathbb{R}^n: each name of the list
        if token.text == ",":
            groups.append([])
        else:
            groups[-1].append(token)
    try:
        nodes = [parse_tokens(group) for group in groups]
    except ParseError:
        return scope
    if not all(isinstance(node, Name) for node in nodes):
        return scope
    names = [node.name for node in nodes if isinstance(node, Name)]
    rest = texts[at + 5 :]
    if not rest:
        for name in names:
            scope.shapes[name] = None  # a number
        return scope
    if rest[0] != "^":
        return scope
    inside = rest[2:-1] if len(rest) > 2 and rest[1] == "{" and rest[-1] == "}" else rest[1:]
    sizes = [p.strip() for p in " ".join(inside).split(r"\times")]
    if not 1 <= len(sizes) <= 2 or not all(re.fullmatch(r"[A-Za-z]|\d+", p) for p in sizes):
        return scope
    dims = [int(p) if p.isdigit() else p for p in sizes]
    for name in names:
        scope.shapes[name] = (dims[0], dims[1] if len(dims) == 2 else 1)
    return scope


def set_point(tokens: list[Token], formula: Formula, scope: Scope) -> Scope:
    """ "at the point $(1,1)$": the variables of the current function get these values."""
    if scope.current is None or not _AT_POINT.search(formula.before):
        return scope
    found = element(tokens, formula)
    if found is None or not isinstance(found.node, Matrix) or printed(found.node) is None:
        return scope
    definition = scope.functions[scope.current]
    values = [cell for row in found.node.rows for cell in row]
    if len(values) != len(definition.params):
        return scope
    for param, cell in zip(definition.params, values, strict=True):
        scope = scope.bind(param.name, Binding(evaluate(cell, scope), found.line))
    return scope


def _differentials_in(node: Node) -> bool:
    """Whether ``node`` writes a differential: the letter d (``dx``) or d of a bracket."""
    return any((isinstance(n, Name) and n.name == "d") or (isinstance(n, Call) and n.name == "d") for n in walk(node))
