r"""Judging one link ``left op right`` of a chain against what the notes have defined.

- ``=`` is exact; a decimal written with ``=`` that matches the exact value to its printed
  digits gets the verdict ``printed`` (rounded or truncated, said which), never ``verified``;
- ``\approx`` is judged to the printed precision (a trailing ``\ldots`` means truncation);
- an identity between named quantities (∂E_total/∂out_o1 = −(target_o1 − out_o1)) is proved
  by replacing each name by its definition; with numbers, the names take the values the
  notes stated for them.

A claim is *failed* only on exact evidence. When the meaning depends on a guess (the point
of ``\|\nabla f\|`` is only implied by the prose) a mismatch is reported unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from typing import cast

import sympy as sp

from symnn.exact import differ_at_a_point
from symnn.notes.chains import Element
from symnn.notes.claims import EQUATION, NoteClaim, Status
from symnn.notes.dependence import Analogues, display_layers, opaque, shown_name, unknown_parts
from symnn.notes.digits import (
    decimal_text,
    exactly_or_approx,
    free,
    judge_numbers,
    orient,
    printed,
    scalar,
    surely_differ,
    text_of,
    unchecked,
)
from symnn.notes.evaluate import (
    ACTIVATION_READ_AS,
    DEPENDENCE_UNSTATED,
    GENERIC_ACTIVATION_USED,
    GENERIC_FUNCTIONS,
    LOG_AMBIGUOUS,
    LOG_BASE,
    LOGS_SPLIT,
    UNDEFINED_FUNCTION,
    Binding,
    Scope,
    Unchecked,
    Value,
    at_size,
    evaluate,
    expand_names,
    functions_in,
    generic_functions_in,
    implied,
    kept_names,
    log_read_in,
    logistic_activations,
    logs_split,
    loss_template,
    opaque_activations,
    primed_variables,
    symbol,
)
from symnn.notes.exercises import in_another_exercise
from symnn.notes.matrixform import matrix_form
from symnn.notes.parser import Call, Derivative, DiffOp, Func, Name, Node, Pow
from symnn.notes.rounding import carried, rounded_substitution, stale, within_rounding
from symnn.notes.sums import (
    GENERIC_SUM,
    INDEX_LETTERS,
    INDEXED,
    SIZES,
    Generic,
    by_layer,
    current_case,
    free_indices,
    generic,
    instances,
    layered,
    template_entries,
    vectors_of,
)
from symnn.notes.syntax import Cases, Neg, Num, Op, Summation, Transpose, rebuilt, walk
from symnn.notes.telescoping import chain_rule_verdict
from symnn.verify import check_claim, equal

__all__ = [
    "CLOSED_FORM",
    "decimal_text",
    "free",
    "judge_link",
    "layer_entry",
    "layer_stems",
    "printed",
    "unchecked",
    "undefined_by_layer",
]


def _sigma_note(node: Node | None, scope: Scope) -> str:
    """``" (σ read as the logistic function)"`` when the link uses an undefined σ."""
    if "sigma" in scope.functions or not any(isinstance(n, Call) and n.name == "sigma" for n in walk(node)):
        return ""
    return " (σ read as the logistic function 1/(1+e^{-x}))"


def _named(node: Node | None, scope: Scope) -> bool:
    """Whether ``node`` holds a derivative of a named quantity (∂E_total/∂w_5)."""
    return any(
        isinstance(n, Derivative) and n.name in scope.formulas and n.name not in scope.functions for n in walk(node)
    )


#: The start of the reason of an identity that holds once logarithms of products and powers are split.
LOGS_SPLIT_REASON = "where each logarithm's argument is positive (ln ab = ln a + ln b, ln a^k = k ln a): "


def judge_link(left: Element, op: str, right: Element, scope: Scope, target: Element | None = None) -> NoteClaim:
    r"""Judge one link ``left op right``; for ``\approx``, ``target`` is the decimal the chain reaches.

    A link with logarithms that is not verified is judged again with the logarithms of products and powers
    split (``\ln(p^y (1-p)^{1-y}) = y \ln p + (1-y) \ln(1-p)``): true where the logarithms are real, the
    domain the notes mean. Only a ✓ is taken from that reading, with the condition named.
    """
    result = _judge_link_in_a_base(left, op, right, scope, target)
    if result.status == "unchecked" and TRANSPOSED_NUMBER in result.reason:
        result = _with_inner_products(result, left, op, right, scope, target)
    if result.status in ("verified", "printed") or LOGS_SPLIT.get() or not _with_logarithms(left, right):
        return result
    with logs_split():
        split = _judge_link_in_a_base(left, op, right, scope, target)
    if split.status == "verified":
        return replace(split, reason=LOGS_SPLIT_REASON + split.reason)
    if split.status == result.status == "failed":  # the same slip, its sides shown with the logarithms split
        return replace(split, reason=f"{split.reason} (logarithms split; as written it fails too)")
    return result


#: Why a formula with ``w^T x`` of names read as numbers is not judged as written.
TRANSPOSED_NUMBER = "a transpose of a number"


def _with_inner_products(
    result: NoteClaim, left: Element, op: str, right: Element, scope: Scope, target: Element | None
) -> NoteClaim:
    r"""``\sigma(\mathbf{w}^T\mathbf{x}) = \frac{1}{1 + e^{-\mathbf{w}^T\mathbf{x}}}``: each inner product
    ``a^T b`` of two names is one number, a symbol of its own. A link that holds for any such number holds for the
    inner product; only that ✓ is taken (``w^T x`` and ``x^T w`` are two symbols here, equal in fact)."""
    products: dict[str, Name] = {}  # by the product as written

    def inner(transposed: Node, other: Node) -> Name | None:
        if not isinstance(transposed, Transpose) or not isinstance(transposed.operand, Name):
            return None
        a = transposed.operand.name
        if isinstance(other, Name):
            b, shown = other.name, shown_name(other.name)
        elif isinstance(other, Call) and other.args and all(isinstance(x, Name) for x in other.args):
            names = [x.name for x in other.args if isinstance(x, Name)]  # w^T φ(x)
            b = f"{other.name}of" + "and".join(names)
            shown = f"{shown_name(other.name)}({', '.join(shown_name(n) for n in names)})"
        else:
            return None
        return products.setdefault(f"{shown_name(a)}^T {shown}", Name(f"{a}T{b}"))

    def one_number(node: object) -> Node | None:
        if not (isinstance(node, Op) and node.op in ("implicit", "cdot")):
            return None
        found = inner(node.left, node.right)
        if found is not None:
            return found
        before = node.left  # y w^T φ(x), read (y w^T) φ(x): y times the inner product
        if isinstance(before, Op) and before.op in ("implicit", "cdot"):
            found = inner(before.right, node.right)
            if found is not None:
                return Op(before.op, cast(Node, rebuilt(before.left, one_number)), found)
        return None

    sides = [
        replace(e, node=cast(Node, rebuilt(e.node, one_number))) if e.node is not None else e for e in (left, right)
    ]
    if not products or any(isinstance(n, Transpose) for e in sides if e.node is not None for n in walk(e.node)):
        return result
    again = _judge_link_in_a_base(sides[0], op, sides[1], scope, target)
    if again.status != "verified":
        return result
    shown = ", ".join(products)
    return replace(again, reason=f"with {shown} one number (an inner product): {again.reason}")


def _with_logarithms(left: Element, right: Element) -> bool:
    return any(
        isinstance(n, Func) and n.name in ("log", "ln")
        for side in (left.node, right.node) if side is not None for n in walk(side)
    )


def _judge_link_in_a_base(
    left: Element, op: str, right: Element, scope: Scope, target: Element | None = None
) -> NoteClaim:
    r"""Judge one link ``left op right``; for ``\approx``, ``target`` is the decimal the chain reaches.

    ``\log`` without a base is read as the natural logarithm, then as base 10: a claim true in
    one reading is verified with the reading named; one false in both is failed.
    """
    token = GENERIC_ACTIVATION_USED.set(False)
    try:
        result = _judge_link(left, op, right, scope, target)
        if result.status == "failed" and ACTIVATION_READ_AS.get() == "generic":
            if GENERIC_ACTIVATION_USED.get() or _generic_formulas(scope):  # (the formulas looked at on failure only)
                result = _for_the_logistic(result, left, op, right, scope, target)
    finally:
        GENERIC_ACTIVATION_USED.reset(token)
    if result.status == "unchecked" and (_not_settled(result.reason) or result.reason.endswith(DEPENDENCE)):
        result = _whatever_they_depend_on(result, left, op, right, scope, target)
    if result.status == "unchecked" and UNDEFINED_FUNCTION.search(result.reason):
        result = _for_any_function(result, left, op, right, scope, target)
    if result.status == "failed":
        result = _if_symmetric_entries(result)
    if result.status != "unchecked" or LOG_AMBIGUOUS not in result.reason or LOG_BASE.get() is not None:
        return result
    readings = []
    for base, reading in (("e", "the natural logarithm"), (10, "base 10")):
        with log_read_in(base):
            verdict = _judge_link(left, op, right, scope, target)
        if verdict.status in ("verified", "printed"):
            return replace(verdict, reason=f"{verdict.reason} (log read as {reading})")
        readings.append(verdict)
    if all(v.status == "failed" for v in readings):
        return replace(
            readings[0], reason=f"{readings[0].reason} (log read as the natural logarithm; base 10 fails too)"
        )
    natural = readings[0]
    if natural.status == "unchecked" and natural.reason.endswith(_UNSTATED_SUM):
        # true if Σ_j y_j = 1, with log the natural one: what keeps it unchecked, once the base is settled as ML's
        return replace(natural, reason=f"log read as the natural logarithm: {natural.reason}")
    return result


#: The end of the reason of a derivative of an expression that does not hold the variable.
DEPENDENCE = "the notes may mean a dependence"


def _whatever_they_depend_on(
    result: NoteClaim, left: Element, op: str, right: Element, scope: Scope, target: Element | None
) -> NoteClaim:
    r"""``\frac{\partial g}{\partial e} = \frac{\partial (3f - o)}{\partial e}`` after g = 3f − o, with nothing said
    of how f and o depend on e (a figure may): the link holds whatever they depend on, if it holds with each
    name the definitions leave unexplained an unknown function of the variable. Only a ✓ is taken from that
    reading; a difference there stays unchecked (the notes may mean one dependence)."""
    variables = {
        w for side in (left.node, right.node) if side is not None
        for n in walk(side) if isinstance(n, (Derivative, DiffOp)) for w in n.wrt
    }
    if len(variables) != 1 or op != "=":
        return result
    x = symbol(variables.pop())
    euler = {id(n.base) for side in (left.node, right.node) for n in walk(side) if isinstance(n, Pow)}
    mentioned = {
        n.name for side in (left.node, right.node) if side is not None
        for n in walk(side) if isinstance(n, Name) and n.name != "pi" and id(n) not in euler  # e of e^{-z}: Euler's
    }
    queue = sorted(mentioned)
    while queue:  # and the names their formulas are written in
        binding = scope.formulas.get(queue.pop())
        for inner in free(binding.value) if binding is not None and isinstance(binding.value, sp.Basic) else ():
            if str(inner) not in mentioned:
                mentioned.add(str(inner))
                queue.append(str(inner))
    leaves = sorted(
        n for n in mentioned
        if n != x.name and n not in scope.formulas and n not in scope.values and n not in scope.functions
    )
    if not leaves or len(leaves) > 8:
        return result
    unknown = {n: Binding(sp.Function(n, real=True)(x), left.line) for n in leaves}
    dependent = replace(scope, formulas={**scope.formulas, **unknown})
    verdict = _judge_link(left, op, right, dependent, target)
    if verdict.status != "verified":
        return result
    reason = f"holds whatever {', '.join(shown_name(n) for n in leaves)} depend on (each an unknown function of "
    return replace(verdict, reason=reason + f"{shown_name(x.name)}): {verdict.reason}")


def _for_any_function(
    result: NoteClaim, left: Element, op: str, right: Element, scope: Scope, target: Element | None
) -> NoteClaim:
    r"""``\frac{d}{dx}(f(x) + g(x)) = \frac{df}{dx}(x) + \frac{dg}{dx}(x)``, ``g(0) = f(\mathbf{y})`` after
    g(t) = f(y + t(x - y)), with f and g functions the notes never define: the link holds for every function if it
    holds with each an unknown one. Only a ✓ is taken from that reading; a difference stays unchecked (the notes
    may mean one function, said in words)."""
    if op != "=":
        return result
    token = GENERIC_FUNCTIONS.set(True)
    try:
        verdict = _judge_link(left, op, right, scope, target)
    finally:
        GENERIC_FUNCTIONS.reset(token)
    if verdict.status != "verified":
        return result
    return replace(verdict, reason=f"for any function the notes leave unknown: {verdict.reason}")


@contextmanager
def _read_as_logistic() -> Iterator[None]:
    """Judge with every generic activation read as the logistic σ while inside."""
    token = ACTIVATION_READ_AS.set("logistic")
    try:
        yield
    finally:
        ACTIVATION_READ_AS.reset(token)


def _generic_formulas(scope: Scope) -> bool:
    """Whether a formula the notes stated holds a generic activation (``a = g(z)``)."""
    return any(
        isinstance(b.value, sp.Basic) and logistic_activations(b.value) is not b.value for b in scope.formulas.values()
    )


def _logistic_scope(scope: Scope) -> Scope:
    """``scope`` with the generic activations of its formulas and values read as the logistic σ."""
    formulas = {n: replace(b, value=logistic_activations(b.value)) for n, b in scope.formulas.items()}
    values = {n: replace(b, value=logistic_activations(b.value)) for n, b in scope.values.items()}
    return replace(scope, formulas=formulas, values=values)


def _for_the_logistic(
    result: NoteClaim, left: Element, op: str, right: Element, scope: Scope, target: Element | None
) -> NoteClaim:
    """A claim that fails for a generic activation g may hold for the one the notes mean: g'(z) = g(z)(1 - g(z))
    is the logistic's. If it holds with g read as σ, it is unchecked; if it fails for σ too, it is a slip."""
    with _read_as_logistic():
        logistic = _judge_link(left, op, right, _logistic_scope(scope), target)
    if logistic.status in ("verified", "printed"):
        reason = "false for a generic activation, true if it is the logistic σ: which one is meant is not said"
        reason += f" ({result.reason})"
        return unchecked(result.line, result.text, reason, result.claimed, result.exact)
    return replace(result, reason=f"{result.reason} (for a generic activation, and for the logistic σ too)")


def _judge_link(left: Element, op: str, right: Element, scope: Scope, target: Element | None = None) -> NoteClaim:
    r"""One link under the current reading of ``\log``."""
    shown = target or right
    text = f"{left.text} {op} {right.text}" + (f" = … = {target.text}" if target else "")
    line = shown.line
    for side in (left, shown):
        if side.node is None:
            return unchecked(line, text, f"not parsed: {side.error}")
    assert left.node is not None and shown.node is not None
    note = _sigma_note(left.node, scope) or _sigma_note(shown.node, scope)
    bare = sorted(
        {w for side in (left.node, shown.node) for n in walk(side) if isinstance(n, DiffOp) and n.bare for w in n.wrt}
    )
    if bare:
        note += f" (\\partial over {', '.join(bare)} read as \\partial/\\partial {', '.join(bare)})"
    named = replace(scope, formulas=Analogues(scope.formulas))
    if _named(left.node, named) or _named(shown.node, named):
        result = _named_link(line, text, op, left, shown, named)
    else:
        keep = frozenset(kept_names(left.node, scope) | kept_names(shown.node, scope) | _primed(left, shown, scope))
        try:
            exact = evaluate(left.node, scope, keep)
            claimed = evaluate(shown.node, scope, keep)
        except Unchecked as problem:
            if str(problem) == GENERIC_SUM and generic() is None:
                return _every_size(line, text, left, op, right, scope, target)
            result = unchecked(line, text, str(problem))  # (a reading below may still settle it)
        else:
            result = _numbers_link(line, text, op, left, shown, claimed, exact, keep, scope)
    if result.status == "unchecked" and result.reason == GENERIC_SUM and generic() is None:
        return _every_size(line, text, left, op, right, scope, target)
    if result.status == "failed":
        result = _earlier_definition(result, left, op, right, scope, target)
    if result.status == "failed" or (result.status == "unchecked" and _for_want_of_values(result.reason)):
        result = _with_values_stated_again(result, left, op, right, scope, target)
    declared = _declared_arrays(left, shown, scope)
    if declared and result.status != "unchecked" and op == "=":
        # AB = BA with A, B \in \mathbb{R}^{n \times n}: true of numbers, not of the matrices the notes declared
        in_form = matrix_form(line, text, left, shown, scope)
        reason = f"{', '.join(declared)} declared as vectors or matrices: not judged as numbers"
        result = in_form if in_form is not None else unchecked(line, text, reason)
    in_matrix_form = None
    if result.status == "unchecked" and op == "=":
        in_matrix_form = matrix_form(line, text, left, shown, scope)  # ∂L/∂W = ∂L/∂z x^T, at sizes
        if in_matrix_form is not None and in_matrix_form.status != "unchecked":
            result, in_matrix_form = in_matrix_form, None
    if result.status == "unchecked" and op == "=" and _not_settled(result.reason):
        rule = chain_rule_verdict(left.node, shown.node, scope.formulas)
        if rule is not None:
            status: Status = "verified" if rule[0] else "failed"
            reason = f"{rule[1]} (by the definitions alone: {result.reason})"
            result = NoteClaim(line, text, status, result.claimed, result.exact, reason)
    if result.status == "unchecked" and in_matrix_form is not None and not result.reason.endswith(EQUATION):
        result = in_matrix_form  # undecided in matrix form too: its reason (an equation's is kept, for a derivation)
    if note:
        result = replace(result, reason=result.reason + note)
    entry = re.match(r"entry (\d+):", result.reason)
    if entry and shown.cell_lines and int(entry[1]) <= len(shown.cell_lines):
        return replace(result, line=shown.cell_lines[int(entry[1]) - 1])  # the line of the wrong entry
    return result


def _numbers_link(
    line: int,
    text: str,
    op: str,
    left: Element,
    shown: Element,
    claimed: Value,
    exact: Value,
    keep: frozenset[str],
    scope: Scope,
) -> NoteClaim:
    """A link whose sides have values: judged, then its failure explained by roundings the notes carried."""
    result = _link_result(line, text, op, left, shown, claimed, exact, keep, scope)
    if result.status == "failed" and printed(shown.node) is None:
        result = rounded_substitution(result, left, shown, claimed, exact, scope)
    if result.status == "failed":
        result = carried(result, left, claimed, exact, scope)
    if result.status == "failed":  # φ'(4) = 1 - (0.9993)^2: the rounded value carried on the right
        result = carried(result, shown, exact, claimed, scope)
    if result.status == "failed":
        result = stale(result, left, shown, scope)
    return result


def _not_settled(reason: str) -> bool:
    """Whether an unchecked link was left so for want of definitions (a chain rule may still settle it)."""
    return (
        reason.startswith("a derivative is 0 by the definitions")
        or reason.endswith(" is not defined")
        or reason.endswith(DEPENDENCE_UNSTATED)
    )


#: The end of the reason of a quantity met again inside its own definition.
ITSELF = "is defined in terms of itself"


def _by_layer(
    line: int, text: str, left: Element, op: str, right: Element, scope: Scope, target: Element | None, why: str
) -> NoteClaim:
    r"""The link judged again with each index letter a layer (a_j, a_k the units of two layers; see
    :func:`~symnn.notes.sums.by_layer`), when reading the letters as dummies made a quantity its own definition
    (a_i of a_j = g_j(z_j), z_j = b_j + \sum_i a_i w_{ij}) or gave three free indices. ``why`` is the reason
    kept when that reading does not settle it either."""
    if layered():
        return unchecked(line, text, why)
    with by_layer():
        verdict = _every_size(line, text, left, op, right, scope, target)
    if verdict.status == "unchecked" and not verdict.reason.endswith(EQUATION):
        return unchecked(line, text, why)
    if verdict.status == "unchecked":  # a step of a derivation that is no identity: the chain decides (a slip?)
        return replace(verdict, reason=f"read by layer, {verdict.reason}")
    if verdict.status == "failed" and verdict.exact == "0":
        reason = "read by layer, a derivative is 0 by the definitions read; they may not say what the notes mean"
        return unchecked(line, text, reason, verdict.claimed, verdict.exact)
    if verdict.status == "failed":
        # g(z_k) and g_k(z_k) for one activation, the logistic σ (one term of each sum tells whether it holds)
        with _read_as_logistic(), by_layer(sizes=(1,)):
            logistic = _every_size(line, text, left, op, right, scope, target)
        if logistic.status in ("verified", "printed"):
            reason = "read by layer, false for generic activations, not for the logistic σ: which one is meant"
            return unchecked(line, text, reason + " is not said", verdict.claimed, verdict.exact)
    unknown = undefined_by_layer(verdict.claimed, scope) if verdict.status == "failed" else []
    if unknown:
        reason = f"read by layer, {', '.join(unknown)} has no definition in that layer (the notes may mean one)"
        return unchecked(line, text, reason, verdict.claimed, verdict.exact)
    return replace(verdict, reason=f"{verdict.reason}; each index letter read as a layer (i, j, k: a_j is no a_k)")


def _every_size(
    line: int, text: str, left: Element, op: str, right: Element, scope: Scope, target: Element | None
) -> NoteClaim:
    r"""A link with a sum of any number of terms, judged at each size of :data:`SIZES` (and free index).

    With two free indices (``\partial o_j / \partial z_i``) notes often mean one case, i ≠ j or
    i = j: a link that fails in one case only is left unchecked, saying so.
    """
    nodes = [n for n in (left.node, (target or right).node) if n is not None]
    loose = _loose_indices(nodes, scope)
    if loose:
        return unchecked(line, text, loose)
    with vectors_of(nodes):  # θ beside \sum_i θ_i x_i: the vector of its entries
        return _at_each_size(line, text, left, op, right, scope, target, nodes)


def _at_each_size(
    line: int,
    text: str,
    left: Element,
    op: str,
    right: Element,
    scope: Scope,
    target: Element | None,
    nodes: list[Node],
) -> NoteClaim:
    """:func:`_every_size`'s instances, judged."""
    verdicts: list[tuple[Generic, NoteClaim]] = []
    equations = []  # instances that differ only as equations in the entries of templates (s_1, q_2)
    at: dict[int, Scope] = {}  # per size: ŷ_1, ŷ_2 of ŷ_i = W x_i + B written out
    given = []  # instances true if entries sum to one (x_1 = 1 at n = 1): a slip if another size fails
    for instance in instances(nodes, [t.body for t in scope.templates.values()]):
        if instance.size not in at:
            at[instance.size] = replace(scope, formulas=at_size(scope.formulas, instance.size))
        sized = at[instance.size]
        verdict = judge_link(left, op, right, sized, target)
        unsolved = _in_entries(verdict.reason, scope) or _in_model(verdict.reason, left, sized)
        if verdict.status == "unchecked" and unsolved:
            verdict = replace(verdict, status="failed")  # a case of i, j may still hold
            equations.append(instance)
        if verdict.status == "unchecked" and verdict.reason.endswith(ITSELF) and not layered():
            why = f"with {instance.describe()}: {verdict.reason}"
            return _by_layer(line, text, left, op, right, scope, target, why)
        if verdict.status == "unchecked" and verdict.reason.endswith(_UNSTATED_SUM):
            given.append((instance, verdict))  # true at this size if the entries sum to one: the others decide
            continue
        if verdict.status == "unchecked":
            return replace(verdict, reason=f"with {instance.describe()}: {verdict.reason}")
        verdicts.append((instance, verdict))
    failed = [(i, v) for i, v in verdicts if v.status == "failed"]
    if given and not failed:
        instance, verdict = given[0]
        return replace(verdict, reason=f"with {instance.describe()}: {verdict.reason}")
    if not verdicts:
        return _by_layer(line, text, left, op, right, scope, target, "a sum with more than two free indices")
    held_sizes = {i.size for i, v in verdicts if v.status != "failed"} - {i.size for i, _ in failed}
    if held_sizes == {1} and any(isinstance(n, Summation) and n.excluded for node in nodes for n in walk(node)):
        held_sizes = set()  # \sum_{j \neq i} of one term is empty: holding there says nothing of a range
    if held_sizes == {1} and isinstance(left.node, (Derivative, DiffOp)):
        held_sizes = set()  # ∂(y_i \log p_i)/∂p_i with p_1 = e^{x_1}/e^{x_1} = 1 at n = 1: one term says nothing
    if failed and held_sizes:
        # \sum_i i = 3: true for n = 2 terms only, so it is about a range the notes do not state
        sizes = ", ".join(map(str, sorted(held_sizes)))
        reason = f"true for n = {sizes} terms only: the range of the sum is not stated"
        return unchecked(line, text, reason, failed[0][1].claimed, failed[0][1].exact)
    counted = _counted_terms(nodes)
    if failed and counted and not counted & {i.size for i, _ in verdicts}:
        # d R(h)/dh = \frac{1}{2}\sum_{i=1}^{4}(h - y_i) after R(h) = \frac{1}{n}\sum_{i=1}^{n} …: n = 4 here
        shown = ", ".join(map(str, sorted(counted)))
        reason = f"its sums have {shown} terms, and the definitions' any number n: compared only at other n"
        return unchecked(line, text, reason, failed[0][1].claimed, failed[0][1].exact)
    if failed:
        cases = {_distinct(i) for i, _ in failed}
        held = {_distinct(i) for i, v in verdicts if v.status != "failed"}
        instance, verdict = failed[0]
        cased = any(isinstance(n, Cases) for side in nodes for n in walk(side))  # (the cases written: each is said)
        if held and len(cases) == 1 and len(verdicts[0][0].indices) > 1 and not cased:
            which = "different" if cases == {True} else "equal"
            reason = f"false when the indices are {which} ({instance.describe()}), true otherwise: the case is not said"
            return unchecked(line, text, reason, verdict.claimed, verdict.exact)
        if len(equations) == len(failed) and (_of_a_template(left, scope) or isinstance(left.node, DiffOp)):
            # ∂E/∂s_i of E = -\sum_j q_j \log p_j, \ln L(p): no equation to solve; a side that differs is a slip
            derivative = isinstance(left.node, Derivative)
            what = "the derivative by the definitions" if derivative else "what the definitions give"
            reason = f"with {instance.describe()} (each term a symbol): differs from {what}"
            return replace(verdict, reason=f"{reason} ({verdict.claimed} against {verdict.exact})")
        if len(equations) == len(failed):  # none holds, none by numbers: an equation, or a slip (the chain decides)
            return replace(verdict, status="unchecked", reason=f"with {instance.describe()}: {verdict.reason}")
        instance, verdict = next((i, v) for i, v in failed if i not in equations)  # n = 1: numbers that differ
        return replace(verdict, reason=f"with {instance.describe()} (each term a symbol): {verdict.reason}")
    free = sorted(verdicts[0][0].indices)
    every = f" and every {', '.join(free)} in 1..n" if free else ""
    case = current_case()
    if free and case is not None and {case.first, case.second} <= set(free):
        every += f" with {case.describe()} (the case the prose states)"
    status: Status = "printed" if any(v.status == "printed" for _, v in verdicts) else "verified"
    sizes = ", ".join(map(str, SIZES))
    last = verdicts[-1][1]
    reason = f"for n = {sizes} terms{every} (each term a symbol; not a proof for every n): {last.reason}"
    return NoteClaim(line, text, status, last.claimed, last.exact, reason)


def _counted_terms(nodes: list[Node]) -> set[int]:
    r"""How many terms the sums of ``nodes`` with numbers for bounds add (``\sum_{i=1}^{4}``: 4)."""
    counts = set()
    for node in nodes:
        for found in walk(node):
            if isinstance(found, Summation) and isinstance(found.lower, Num) and isinstance(found.upper, Num):
                first, last = found.lower.value, found.upper.value
                if first.is_integer and last.is_integer and last >= first:
                    counts.add(int(last - first + 1))
    return counts


def _of_a_template(left: Element, scope: Scope) -> bool:
    r"""Whether ``left`` is a derivative (∂E/∂s_i, ∂p_i/∂s_j) of a quantity defined for any number of terms, or
    such a function at its own variables (``\ln L(p)``)."""
    node = left.node
    if _called_at_its_variables(node, scope):
        return True
    if not isinstance(node, Derivative) or node.args is not None:
        return False
    match = INDEXED.match(node.name)
    indexed = match is not None and match["rest"] is None and set(match["letters"]) <= INDEX_LETTERS
    stem = match["stem"] if indexed and match is not None else node.name
    if loss_template(stem, scope) is not None:
        return True  # \mathcal{L} for the one loss the notes define for any number of terms (C), as it is read
    return any(t.stem == stem for t in scope.templates.values())


def _in_entries(reason: str, scope: Scope) -> bool:
    """Whether ``reason`` says "an equation?" of names that are all entries of the templates (s_1, q_2)."""
    if not reason.endswith(EQUATION):
        return False
    entries = template_entries(scope.templates.values())
    names = reason.split(" not defined here")[0].split(", ")
    if layered():  # a_i1, w_j1k2, g_k1'⟨2⟩: the entries of each layer, and the generic activations at them
        stems = layer_stems(scope)
        return all(layer_entry(n, stems) for n in names)
    return all(entries.fullmatch(n) for n in names)


def layer_entry(name: str, stems: set[str]) -> bool:
    """Whether ``name`` is an entry of an instance read by layer (``a_i1``, ``w_j1k2``, ``g_k1'⟨2⟩``) of a quantity
    the definitions for any number of terms are written in (``stems``: :func:`layer_stems`)."""
    match = _LAYER_ENTRY.fullmatch(name)
    if match is None or not ("_" in name or "⟨" in name):
        return False  # a bare name (b, t): no entry of a layer
    return match["stem"] in stems


#: A name of one instance read by layer: an entry with its letters (``a_i1``, ``w_j1k2``), or a generic activation
#: at one (``g_k1'⟨2⟩``, ``g⟨1⟩``).
_LAYER_ENTRY = re.compile(r"(?P<stem>[A-Za-z]\w*?)(?:_(?:[a-z]\d+)+)?'*(?:⟨\d+⟩)?")


_LAYER_NAME = re.compile(r"(?P<stem>[A-Za-z][A-Za-z0-9]*?)(?:_(?P<sub>(?:[a-z]\d+)+))?(?P<prime>'*)⟨\d+⟩|"
                         r"(?P<stem2>[A-Za-z][A-Za-z0-9]*?)_(?P<sub2>(?:[a-z]\d+)+)(?![\w⟨])")


def _template_names(scope: Scope) -> Iterator[str]:
    """The names and functions the definitions for any number of terms are written in."""
    for template in scope.templates.values():
        for node in walk(template.body):
            if isinstance(node, (Name, Call)):
                yield node.name


def undefined_by_layer(claimed: str, scope: Scope) -> list[str]:
    r"""The names of a claim read by layer (``a_j1``, ``g_k1'⟨2⟩``) whose stem and letters no definition for any
    number of terms writes or defines (a_j when only a_k = g(z_k) and z_k = b_k + \sum_j g_j(z_j) w_{jk} are
    stated): a slip there may be a definition the notes did not write, so the claim is not failed."""
    known = {(template.stem, "".join(template.indices)) for template in scope.templates.values()}
    for name in _template_names(scope):
        match = INDEXED.match(name)
        indexed = match is not None and match["rest"] is None
        known.add((match["stem"], match["letters"]) if match is not None and indexed else (name, ""))
    found = []
    for match in _LAYER_NAME.finditer(claimed):
        stem = match["stem"] or match["stem2"]
        letters = re.sub(r"\d", "", match["sub"] or match["sub2"] or "")
        if (stem, letters) not in known:
            found.append(f"{stem}_{letters}" if letters else stem)
    return sorted(set(found))


def layer_stems(scope: Scope) -> set[str]:
    r"""The stems of the quantities defined for any number of terms, of the indexed names and of the functions
    their definitions are written in (a, z, w, t, g of E = ½ \sum_k (a_k - t_k)^2, z_k = b_k + \sum_j a_j w_{jk})."""
    return {t.stem for t in scope.templates.values()} | {name.split("_")[0] for name in _template_names(scope)}


def _loose_indices(nodes: list[Node], scope: Scope) -> str:
    r"""Why a claim about ``L = -\log \hat{y}_c`` cannot be judged at each size, or "": the definition's c is
    one class the claim does not name (\frac{dL}{dz_k} = \sum_i …), so which entry L takes is not fixed."""
    if not any(isinstance(n, Summation) for node in nodes for n in walk(node)):
        return ""  # \frac{dL}{dz_k} = \hat{y}_k: ŷ_c stays an entry of its own, as for k ≠ c
    used = {n.name for node in nodes for n in walk(node) if isinstance(n, (Name, Derivative))}
    claim = set().union(*(free_indices(node) for node in nodes))
    for template in scope.templates.values():
        if template.indices or template.stem not in used:
            continue
        loose = sorted(free_indices(template.body) - claim)
        if loose:
            return f"the {', '.join(loose)} of {template.stem}'s definition (line {template.line}) is not fixed here"
    return ""


def _in_model(reason: str, left: Element, sized: Scope) -> bool:
    r"""Whether ``reason`` says "an equation?" of a derivative of a quantity defined for any number of terms
    (``\frac{\partial L}{\partial W}`` of ``L = \frac{1}{n} \sum_i (\hat{y}_i - y_i)^2``) in names that
    quantity is made of, at this size (ŷ_1, W, x_1, B, y_1): a derivative is no equation to solve."""
    if not reason.endswith(EQUATION):
        return False
    if _called_at_its_variables(left.node, sized):
        return True  # \ln L(p) = \sum_i …, after L(p) = \prod_i …: what L is, written out, is no equation
    if not isinstance(left.node, Derivative) or left.node.args is not None:
        return False
    template = sized.templates.get(left.node.name)
    if template is None or template.indices:
        return False
    made_of: set[str] = set(left.node.wrt)
    for node in walk(template.body):
        if isinstance(node, Name):
            made_of.add(node.name)
    for name, binding in sized.formulas.items():
        if not isinstance(binding.value, sp.MatrixBase):
            made_of |= {name, *(str(s) for s in free(binding.value))}
    names = reason.split(" not defined here")[0].split(", ")
    return all(n in made_of or re.sub(r"_\d+$", "_i", n) in made_of for n in names)


def _called_at_its_variables(node: Node | None, scope: Scope) -> bool:
    r"""Whether ``node`` is, or holds as its only call, a function defined for any number of terms at its own
    variables or at numbers: ``L(p)`` or ``\ln L(p)`` after ``L(p) = \prod_{i=1}^{N} p^{y_i} (1-p)^{1-y_i}``,
    ``J(0)`` after ``J(w) = \frac{1}{N} \sum_i (y_i - w x_i)^2``."""
    if isinstance(node, DiffOp):  # \frac{d \ln L}{dp}: L of L(p), differentiated
        named = [n for n in walk(node.operand) if isinstance(n, Name) and n.name in scope.templates]
        if len(named) == 1 and set(node.wrt) <= set(scope.templates[named[0].name].params):
            return True
    calls = [n for n in walk(node) if isinstance(n, Call) and n.name in scope.templates] if node is not None else []
    if len(calls) != 1 or calls[0].args is None:
        return False
    params = scope.templates[calls[0].name].params
    if not params or len(params) != len(calls[0].args):
        return False
    return all(
        (isinstance(a, Name) and a.name == p) or isinstance(a.operand if isinstance(a, Neg) else a, Num)
        for p, a in zip(params, calls[0].args, strict=True)
    )


def _distinct(instance: Generic) -> bool:
    """Whether the free indices of ``instance`` all differ."""
    values = list(instance.indices.values())
    return len(set(values)) == len(values)


def _for_want_of_values(reason: str) -> bool:
    """Whether a link was left unchecked for names without values (which a function's body may hold)."""
    return "not defined here" in reason or "whose values are not stated" in reason


def _with_values_stated_again(
    result: NoteClaim, left: Element, op: str, right: Element, scope: Scope, target: Element | None
) -> NoteClaim:
    r"""``f(x) = \alpha(e^x - 1)`` read with α = 0.01 stated before it, then "so with $\alpha = 1$, $f(-1) = e^{-1} -
    1$": a function judged with the values its other names have now, where they were stated again after it."""
    used = {d.name: d for node in (left.node, right.node) if node is not None for d in functions_in(node, scope)}
    again = {}
    for name, definition in used.items():
        if definition.source is None:
            continue
        written = {m.name for m in walk(definition.source) if isinstance(m, (Name, Call))}
        restated = sorted(
            n for n in written - {p.name for p in definition.params}
            if n in scope.values and scope.values[n].order > definition.order
        )
        if not restated:
            continue
        try:
            body = evaluate(definition.source, scope, frozenset(p.name for p in definition.params))
        except (Unchecked, ZeroDivisionError):
            continue
        latest = max(scope.values[n].order for n in restated)  # (read anew after them: not again)
        again[name] = (replace(definition, body=body, order=latest), restated)
    if not again:
        return result
    now = replace(scope, functions={**scope.functions, **{n: d for n, (d, _) in again.items()}})
    judged = judge_link(left, op, right, now, target)
    if judged.status not in ("verified", "printed"):
        return result
    said = "; ".join(f"{n} with {', '.join(r)} as stated after it" for n, (_, r) in sorted(again.items()))
    return replace(judged, reason=f"{judged.reason} ({said})")


def _earlier_definition(
    result: NoteClaim, left: Element, op: str, right: Element, scope: Scope, target: Element | None
) -> NoteClaim:
    """A failure that an earlier definition of the same function explains is left unchecked.

    Exercises reuse ``f``: a solution written after the next exercise's ``f`` refers to the first.
    """
    used = {d.name for node in (left.node, right.node) if node is not None for d in functions_in(node, scope)}
    for name in sorted(used):
        if name not in scope.functions or scope.functions[name].declared:
            continue
        for earlier in scope.history.get(name, ())[:-1]:
            then = replace(scope, functions={**scope.functions, name: earlier}, history={**scope.history, name: ()})
            again = judge_link(left, op, right, then, target)  # (no earlier one of the earlier: no recursion)
            if again.status in ("verified", "printed"):
                reason = f"true for the earlier {name} of line {earlier.line}, false for the {name} of line "
                reason += f"{scope.functions[name].line}: which one is meant is not clear"
                return unchecked(result.line, result.text, reason, result.claimed, result.exact)
    return result


def _named_link(line: int, text: str, op: str, left: Element, shown: Element, scope: Scope) -> NoteClaim:
    """A link with a derivative of named quantities; the verdict says which quantities were read by analogy."""
    result = _named_verdict(line, text, op, left, shown, scope)
    note = scope.formulas.note() if isinstance(scope.formulas, Analogues) else ""
    return replace(result, reason=result.reason + note) if note else result


def _named_verdict(line: int, text: str, op: str, left: Element, shown: Element, scope: Scope) -> NoteClaim:
    """A link with a derivative of named quantities: an identity by their definitions, or numbers."""
    assert left.node is not None and shown.node is not None
    mentioned = {n.name for node in (left.node, shown.node) for n in walk(node) if isinstance(n, Name)}
    held = {n: b.value for n in mentioned if n not in scope.values and (b := implied(n, scope)) is not None}
    names = frozenset(scope.formulas) | frozenset(scope.values) | frozenset(held)  # (x_1 of x = [2, 3] too)
    try:
        exact = evaluate(left.node, scope, names)
        claimed = evaluate(shown.node, scope, names)
    except Unchecked as problem:
        return unchecked(line, text, str(problem))
    if isinstance(exact, sp.MatrixBase) or isinstance(claimed, sp.MatrixBase):
        return unchecked(line, text, "a vector of derivatives of named quantities")
    lines = sorted({scope.formulas[n].line for n in scope.formulas})
    where = f"the definitions on lines {', '.join(map(str, lines[:8]))}{'…' if len(lines) > 8 else ''}"
    written = {n.name for node in (left.node, shown.node) for n in walk(node) if isinstance(n, (Name, Derivative))}
    written |= {s.name for s in free(exact) | free(claimed)}
    defined = getattr(scope.formulas, "base", scope.formulas)
    revealed = sorted(shown_name(n) for n in written if n in defined and defined[n].revealed)
    if revealed:
        where += f" ({', '.join(revealed)} read from how their derivatives are written)"
    if exact == 0 or (claimed == 0 and _named(shown.node, scope)) or _a_derivative_vanishes(left, shown, scope):
        # a derivative that vanishes means a dependence the definitions do not show (a name read differently)
        return unchecked(line, text, "a derivative is 0 by the definitions read; they may not say what the notes mean")
    differs = ""
    if free(claimed) and op == "=":
        full_exact = expand_names(exact, scope.formulas)
        full_claimed = expand_names(claimed, scope.formulas)
        if _differs_somewhere(full_exact, full_claimed):
            result = replace(check_claim(equal(text, text, sp.Integer(0), sp.Integer(1))), status="failed")
        else:
            result = check_claim(equal(text, text, full_claimed, full_exact))
        if result.status == "verified":
            return NoteClaim(line, text, "verified", text_of(claimed), text_of(exact), f"an identity by {where}")
        if result.status == "failed":
            differs = f"differs from the derivative by {where} (exact {sp.sstr(exact)[:120]}); "
    exact, claimed = _known_derivatives(exact, scope), _known_derivatives(claimed, scope)
    unknown = sorted(set(unknown_parts(exact)) | set(unknown_parts(claimed)))
    if unknown and not differs:
        statement = _stated_derivative(line, text, left, shown, exact, scope)
        if statement is not None:
            return statement
    if unknown:
        reason = f"{differs}needs how {', '.join(unknown)} depend on their inputs: stated only as numbers, like a"
        reason += " sibling whose weights are its own"
        return unchecked(line, text, reason)
    values = _stated_values(scope)
    for name, value in held.items():
        values.setdefault(symbol(name), value)
    exact_value, claimed_value = exact.xreplace(values), claimed.xreplace(values)
    computed: set[sp.Symbol] = set()
    if free(exact_value) | free(claimed_value):  # ∂L/∂w = (ŷ - y)x at x = 2, w = 0.5, b = -1: ŷ by its definition
        forward = _forward_values(values, free(exact_value) | free(claimed_value), scope)
        still = free(exact_value.xreplace(forward)) | free(claimed_value.xreplace(forward))
        entries = {s: b.value for s in still if (b := implied(s.name, scope)) is not None}  # V_1 of \mathbf{V}
        computed = set(forward) - set(values)
        values = {**forward, **entries}
        exact_value, claimed_value = exact.xreplace(values), claimed.xreplace(values)
    missing = sorted(s.name for s in free(exact_value) | free(claimed_value))
    if missing and differs and _equal_at_the_values(exact_value, claimed_value):
        # dL/de · de/db = -2.0 · a with dL/de = f and f = -2.0 stated: the stated value written for its name
        given = ", ".join(sorted(str(s) for s in (free(exact) | free(claimed)) - free(exact_value)))
        reason = f"with the stated values of {given}: an identity in {', '.join(missing)} by {where}"
        return NoteClaim(line, text, "verified", text_of(claimed), text_of(exact), reason)
    if missing and differs and _a_closed_form(left, shown, claimed, scope):
        hidden = _hidden_dependence(left, claimed, exact, scope)
        if hidden:
            return unchecked(line, text, differs + hidden, text_of(claimed), text_of(exact))
        elsewhere = _defined_in_another_exercise(left, line, scope)
        if elsewhere:
            return unchecked(line, text, differs + elsewhere, text_of(claimed), text_of(exact))
        reason = f"differs from the derivative by {where} (exact {sp.sstr(exact)[:120]}){CLOSED_FORM}"
        return NoteClaim(line, text, "failed", text_of(claimed), text_of(exact), reason)
    if missing:
        # Not failed on symbolic evidence alone: the definitions read may not be the ones the notes mean.
        reason = f"{differs}depends on {', '.join(missing)}, whose values are not stated"
        return unchecked(line, text, reason, text_of(claimed), text_of(exact))
    if differs and exact_value.has(sp.exp) != claimed_value.has(sp.exp):
        return unchecked(line, text, differs + "with the stated values the sides are computed differently")
    used = sorted(s.name for s in (free(exact) | free(claimed)) if s in values and s not in computed)
    stated = f"with the stated values of {', '.join(used)}" if used else "by the definitions"
    through = sorted(s.name for s in (free(exact) | free(claimed)) if s in computed)
    if through:
        definitions = "their definitions" if len(through) > 1 else "its definition"
        stated += f" ({', '.join(map(shown_name, through))} by {definitions})"
    shown_digits = printed(shown.node)
    verdict = judge_numbers(text, line, claimed_value, exact_value, shown_digits if op == "=" else None)
    if verdict.status == "failed" and (used or through):
        for rule in (rounded_substitution, _carried_rule):
            verdict = rule(verdict, left, shown, claimed_value, exact_value, scope)
            if verdict.status != "failed":
                return replace(verdict, reason=f"{stated}: {verdict.reason}")
        as_shown = _as_shown(text, line, exact, claimed, values, scope, shown_digits if op == "=" else None)
        if as_shown is not None:
            return as_shown
        return within_rounding(line, text, claimed_value, exact_value, stated)
    return replace(verdict, reason=f"{stated}: {verdict.reason}")


def _declared_arrays(left: Element, shown: Element, scope: Scope) -> list[str]:
    r"""The names in the link the notes declared vectors or matrices (``A \in \mathbb{R}^{n \times n}``), when none of
    them holds a value of its own (a matrix of numbers is judged as one already)."""
    names = {n.name for side in (left.node, shown.node) if side is not None for n in walk(side) if isinstance(n, Name)}
    return [
        n for n in sorted(names)
        if scope.shapes.get(n) not in (None, (1, 1)) and n not in scope.values and n not in scope.formulas
    ]


def _a_derivative_vanishes(left: Element, shown: Element, scope: Scope) -> bool:
    r"""Whether a derivative inside a side (``b_2 - \eta \frac{\partial L}{\partial b_2}``) is 0 by the
    definitions read: the notes mean a dependence those definitions do not show."""
    names = frozenset(scope.formulas) | frozenset(scope.values)
    inner = [
        node
        for side in (left.node, shown.node)
        if side is not None and not isinstance(side, Derivative)  # a whole side of 0 is judged above
        for node in walk(side)
        if isinstance(node, Derivative) and node.args is None
    ]
    for node in inner:
        try:
            if evaluate(node, scope, names) == 0:
                return True
        except Unchecked:
            continue
    return False


def _differs_somewhere(first: Value, second: Value) -> bool:
    """Whether two expressions differ at one exact rational point (:func:`surely_differ` there).

    A quick disproof of an identity: simplifying two expressions that are not equal can take
    seconds, while one point where they differ settles it.
    """
    if isinstance(first, sp.MatrixBase) or isinstance(second, sp.MatrixBase):
        return False
    first, second = opaque_activations(first, second)  # g(z) of a generic activation: one quantity a point
    difference = first - second
    unknowns = difference.atoms(sp.Derivative) | difference.atoms(sp.core.function.AppliedUndef)
    difference = difference.xreplace({u: sp.Dummy() for u in unknowns})  # each unknown one quantity
    symbols = sorted(difference.free_symbols, key=lambda s: s.name)
    if not symbols:
        return False
    point = {s: sp.Rational(3 + 2 * k, 7 + k) for k, s in enumerate(symbols)}
    return surely_differ(difference.xreplace(point), sp.Integer(0))


def _stated_values(scope: Scope) -> dict[sp.Symbol, Value]:
    """The numbers the notes stated, by symbol; a net input whose σ is stated follows from it.

    ``out_{o2} = 0.772928465`` with ``out_{o2} = σ(net_{o2})`` (read like o1) and no value of
    ``net_{o2}``: net_o2 = ln(out_o2 / (1 − out_o2)), exactly, so σ'(net_o2) = out_o2(1 − out_o2).
    """
    values = {symbol(n): b.value for n, b in scope.values.items() if not isinstance(b.value, sp.MatrixBase)}
    formulas = scope.formulas
    names = [*formulas, *(formulas.used if isinstance(formulas, Analogues) else ())]
    for name in names:
        output = symbol(name)
        definition = formulas.get(name)
        if output not in values or definition is None or isinstance(definition.value, sp.MatrixBase):
            continue
        for inner in definition.value.free_symbols:
            if inner not in values and definition.value == 1 / (1 + sp.exp(-inner)):  # written σ(net), as parsed
                stated = values[output]
                if stated.is_number and 0 < stated < 1:
                    values[inner] = sp.log(stated / (1 - stated))
    return values


def _forward_values(
    values: dict[sp.Symbol, Value], wanted: set[sp.Symbol], scope: Scope
) -> dict[sp.Symbol, Value]:
    r"""``values`` with the named quantities of ``wanted`` they determine: the forward pass the notes did not write
    out.

    ``z = wx + b``, ``\hat y = \sigma(z)``, then "for x = 2, w = 0.5, b = -1": z = 0 and ŷ = 1/2, each by its
    definition at the stated values (a name whose definition keeps an unstated name stays unknown).
    """
    found = dict(values)
    for output in wanted - set(found):
        binding = scope.formulas.get(output.name)
        if binding is None or not isinstance(binding.value, sp.Expr):
            continue
        try:
            value = expand_names(binding.value, scope.formulas)
        except Unchecked:
            continue
        inputs = {s: b.value for s in free(value) - set(found) if (b := implied(s.name, scope)) is not None}
        value = value.xreplace({**values, **inputs})  # (W_{11} of \mathbf{W} stated whole, too)
        if isinstance(value, sp.Expr) and value.is_number:
            found[output] = value
    return found


def _as_shown(
    text: str,
    line: int,
    exact: Value,
    claimed: Value,
    values: dict[sp.Symbol, Value],
    scope: Scope,
    digits: list[str] | None,
) -> NoteClaim | None:
    r"""The claim with the values as the notes printed them (``\hat{y} \approx 0.0831``, then
    ``\partial l/\partial \hat{y} \approx -1.8338`` is -2(1 − 0.0831)): right to its printed digits when
    it holds with those decimals in place of the exact values; None when it does not."""
    rounded = {symbol(n): v for n, v in scope.shown.items() if symbol(n) in values}
    used = {s: v for s, v in rounded.items() if s in free(exact) | free(claimed)}
    if not used:
        return None
    both = {**values, **used}
    verdict = judge_numbers(text, line, claimed.xreplace(both), exact.xreplace(both), digits)
    if verdict.status == "failed":
        return None
    names = ", ".join(f"{s.name} = {_decimal(v)}" for s, v in sorted(used.items(), key=lambda item: item[0].name))
    reason = f"with the values as the notes printed them ({names}): {verdict.reason}"
    return replace(verdict, status="printed", reason=reason)


def _decimal(value: Value) -> str:
    """A terminating fraction as the decimal it was written as (3503/5000: 0.7006)."""
    if isinstance(value, sp.Rational):
        return format(Decimal(int(value.p)) / Decimal(int(value.q)), "f")
    return text_of(value)


def _known_derivatives(value: Value, scope: Scope) -> Value:
    """``value`` with the derivatives of stand-ins whose values the notes stated (:func:`_stated_derivative`)."""
    if not isinstance(value, sp.Basic) or not value.has(sp.Derivative):
        return value
    known = {d: scope.values[opaque(d)].value for d in value.atoms(sp.Derivative) if opaque(d) in scope.values}
    return value.xreplace(known) if known else value


def _stated_derivative(
    line: int, text: str, left: Element, shown: Element, exact: Value, scope: Scope
) -> NoteClaim | None:
    r"""``\frac{\partial E_{o2}}{\partial out_{h1}} = -0.019049119``, where o2 is stated only as numbers.

    Its weights are not stated, so the number cannot be checked; it is what the notes say the
    unknown derivative (∂net_o2/∂out_h1) makes it, and later lines are checked with that value.
    """
    if not isinstance(left.node, Derivative) or shown.node is None or printed(shown.node) is None:
        return None
    if isinstance(exact, sp.MatrixBase):
        return None
    unknowns = sorted(exact.atoms(sp.Derivative), key=sp.sstr)
    if len(unknowns) != 1:
        return None
    values = _stated_values(scope)
    stand_in = symbol(opaque(unknowns[0]))
    linear = exact.xreplace({unknowns[0]: stand_in}).xreplace(values)
    slope = sp.diff(linear, stand_in)
    if free(linear) - {stand_in} or slope.free_symbols or slope == 0:
        return None
    number = evaluate(shown.node, scope)
    if isinstance(number, sp.MatrixBase) or free(number):
        return None
    scope.bind(stand_in.name, Binding((number - linear.xreplace({stand_in: 0})) / slope, line))
    reason = f"states the value of {sp.sstr(unknowns[0].expr.func)}'s derivative, whose weights are not stated:"
    return unchecked(line, text, reason + " kept for the lines after it, not checked")


def _carried_rule(
    result: NoteClaim, left: Element, shown: Element, claimed: Value, exact: Value, scope: Scope
) -> NoteClaim:
    del shown
    return carried(result, left, claimed, exact, scope)


def _link_result(
    line: int,
    text: str,
    op: str,
    left: Element,
    shown: Element,
    claimed: Value,
    exact: Value,
    keep: frozenset[str],
    scope: Scope,
) -> NoteClaim:
    digits = printed(shown.node)
    if op == r"\approx" and digits is None:
        printed_left = printed(left.node)
        if printed_left is not None:
            exact, claimed, digits = claimed, exact, printed_left
    if op == r"\approx" and digits is None:
        return _approximation(line, text, claimed, exact)
    if op == r"\approx" and digits is not None:
        verdict = _decide(line, text, claimed, exact, digits, keep, scope, approximate=True)
        return _unsettled_by_unknown_functions(verdict, claimed, exact)
    result = _decide(line, text, claimed, exact, digits, keep, scope, approximate=False)
    result = _unsettled_by_unknown_functions(result, claimed, exact)
    return _not_the_derivative(result, left, claimed, exact, scope)


#: The end of the reason of a closed form of a derivative that differs from it in the names defined.
CLOSED_FORM = ", in the names they define"


def _equal_at_the_values(exact: Value, claimed: Value) -> bool:
    """Whether two sides, with the stated values put in, are the same expression."""
    if not isinstance(exact, sp.Expr) or not isinstance(claimed, sp.Expr):
        return False
    return sp.expand(exact - claimed) == 0


def _a_closed_form(left: Element, shown: Element, claimed: Value, scope: Scope) -> bool:
    r"""Whether ``\frac{\partial L}{\partial w_{11}'} = … = -2(Y - \hat{Y}) w_{11}^2 x_{i1}`` ends in a closed form
    of a derivative of a named quantity, in the names its definitions use and nothing else (no stand-in read
    by analogy, no derivative left): a right side that differs from it is then a slip, not a reading."""
    defined = getattr(scope.formulas, "base", scope.formulas)
    derivatives = [n for n in walk(left.node) if isinstance(n, Derivative)]  # ∂L/∂w, or a product of such
    functions = {d.name: scope.functions[d.name] for d in derivatives if d.name in scope.functions}
    if not derivatives or any((d.name not in defined and d.name not in functions) or d.args for d in derivatives):
        return False
    if getattr(scope.formulas, "used", None) or any(isinstance(n, Derivative) for n in walk(shown.node)):
        return False
    known = {symbol(n) for n in defined} | {
        s for b in defined.values() if not isinstance(b.value, sp.MatrixBase) for s in free(b.value)
    }
    # "Let L = z^2": a function of the named quantity z, its variables are names the definitions use too
    known |= {
        s for f in functions.values() if not isinstance(f.body, sp.MatrixBase) for s in (*f.params, *free(f.body))
    }
    return bool(free(claimed)) and free(claimed) <= known


def _defined_in_another_exercise(left: Element, line: int, scope: Scope) -> str:
    r"""Why ``\dfrac{dL}{dw} = 2w - 6`` in one exercise box of a solutions sheet is no slip against the L of the
    box before (``L = u^2``): the sheet reuses its names. "" when the definition is in the claim's own box, or
    the notes have no boxes."""
    node = left.node
    if not isinstance(node, Derivative) or node.name not in scope.formulas:
        return ""
    defined = scope.formulas[node.name].line
    if not in_another_exercise(line, defined):
        return ""
    return f"{shown_name(node.name)} is defined on line {defined}, in another exercise: the notes may mean another"


def _hidden_dependence(left: Element, claimed: Value, exact: Value, scope: Scope) -> str:
    r"""Why ``\frac{\partial y_k}{\partial a_k} = \frac{e^{a_k} S - e^{a_k} e^{a_k}}{S^2}`` of
    ``y_k = e^{a_k}/S`` is no slip: S, said only in prose ("the sum of the exponentials"), is held constant by
    the definitions, and the claim is right if S depends on a_k with ∂S/∂a_k = e^{a_k}, a part of the
    definition. "" when no name of the definition explains the difference so (a slip stays a slip: the rate
    that would explain ∂z/∂w = b of z = wx + b holds b itself)."""
    node = left.node
    if not isinstance(node, Derivative) or len(node.wrt) != 1 or node.name not in scope.formulas:
        return ""
    variable = symbol(node.wrt[0])
    quantity = expand_names(symbol(node.name), scope.formulas)
    if isinstance(quantity, sp.MatrixBase) or isinstance(claimed, sp.MatrixBase) or isinstance(exact, sp.MatrixBase):
        return ""
    gap = sp.simplify(expand_names(claimed, scope.formulas) - expand_names(exact, scope.formulas))
    parts = {p for p in sp.preorder_traversal(quantity) if not p.is_Atom and variable in p.free_symbols}
    for leaf in sorted(free(quantity) - {variable}, key=str):
        partial = sp.diff(quantity, leaf)
        if partial == 0:
            continue
        rate = sp.simplify(gap / partial)
        if rate in parts:
            return (
                f"right if {leaf.name} depends on {variable.name} with d{leaf.name}/d{variable.name} = "
                f"{sp.sstr(rate)}: {leaf.name} has no formula here, so the definitions hold it constant"
            )
    return ""


def _not_the_derivative(result: NoteClaim, left: Element, claimed: Value, exact: Value, scope: Scope) -> NoteClaim:
    r"""``\frac{\partial L}{\partial z} = y - \hat{y}`` of a loss L the notes defined: a derivative is no equation
    to solve, so a right side in names the notes defined that differs from it (names expanded, at one exact
    point) is a slip."""
    if result.status != "unchecked" or not result.reason.endswith(EQUATION):
        return result
    if not isinstance(left.node, Derivative) or left.node.name not in scope.functions:
        return result
    definition = scope.functions[left.node.name]
    known = {*definition.params, *free(definition.body), *(symbol(n) for n in scope.formulas)}
    if not free(claimed) <= known:
        return result  # 2 e_1 with e_1 = y_1 - t_1 said only in passing: a name the notes did not define
    expanded = expand_names(exact, scope.formulas), expand_names(claimed, scope.formulas)
    if not _differs_somewhere(*expanded):
        return result
    reason = f"differs from the derivative of {left.node.name} by the definitions read (exact {sp.sstr(exact)[:120]})"
    return replace(result, status="failed", reason=reason)


def _approximation(line: int, text: str, claimed: Value, exact: Value) -> NoteClaim:
    """``A \\approx B`` with no printed digits: verified only if exactly equal, else unchecked."""
    if not (free(claimed) or free(exact)):
        result = check_claim(equal(text, text, orient(claimed, exact), exact))
        if result.status == "verified":
            return NoteClaim(line, text, "verified", text_of(claimed), text_of(exact), "exactly equal (written ≈)")
        return unchecked(
            line,
            text,
            "≈ between values that differ, with no printed digits to judge (an approximation)",
            text_of(claimed),
            text_of(exact),
        )
    return unchecked(
        line, text, "≈ between expressions (an approximation), not judged", text_of(claimed), text_of(exact)
    )


def _primed(left: Element, shown: Element, scope: Scope) -> set[str]:
    r"""``\tanh'(x) = 1 - \tanh^2(x)``: the variable of a standard function's derivative, written on both sides, is
    the variable of a statement about that derivative (a wrong side is a slip); with a number on the other side
    (``\sigma'(x) = 0.1``) it stays an equation to solve."""
    if left.node is None or shown.node is None:
        return set()
    written = {n.name for n in walk(left.node) if isinstance(n, Name)} & {
        n.name for n in walk(shown.node) if isinstance(n, Name)
    }
    return (primed_variables(left.node, scope) | primed_variables(shown.node, scope)) & written


def _judge(
    text: str, line: int, claimed: Value, exact: Value, digits: list[str] | None, approximate: bool
) -> NoteClaim:
    if approximate:
        return exactly_or_approx(text, line, orient(scalar(claimed), scalar(exact)), scalar(exact), digits)
    return judge_numbers(text, line, claimed, exact, digits)


def _unsettled_by_unknown_functions(verdict: NoteClaim, claimed: Value, exact: Value) -> NoteClaim:
    """``verdict``, unchecked where it failed with a function the notes leave unknown in a side."""
    if verdict.status == "failed" and generic_functions_in(claimed, exact):
        # g(2) = g(1) with g(t) = f(y + t(x - y)), f never defined: false for most f, perhaps not for the notes' own
        return replace(verdict, status="unchecked", reason=f"{verdict.reason}; {_UNKNOWN_FUNCTION}")
    return verdict


#: The letters of matrices notes may call symmetric in words (A of x^T A x, a covariance C, a Hessian H); a
#: weight w_{12} is never w_{21}, so a swap of its indices stays a slip.
_SYMMETRIC_LETTERS = frozenset("aAMSQHC")
#: An entry of a matrix with two one-digit indices, as a sum's term names it (a_12 of a_{ij} at i = 1, j = 2).
_TWO_INDICES = re.compile(r"\b([A-Za-z]\w*?)_(\d)(\d)\b")


def _if_symmetric_entries(result: NoteClaim) -> NoteClaim:
    r"""A failed ``\frac{\partial f}{\partial x_k} = 2 \sum_i a_{ik} x_i`` of f = \sum_{i,j} x_j a_{ij} x_i: unchecked
    when the sides agree once each a_{ji} is a_{ij} (a symmetric matrix, which notes often say in words)."""
    found = _TWO_INDICES.findall(f"{result.claimed} {result.exact}")
    pairs = {(s, i, j) for s, i, j in found if i > j and (s, j, i) in set(found) and s in _SYMMETRIC_LETTERS}
    if not pairs:
        return result
    try:
        claimed, exact = sp.sympify(result.claimed), sp.sympify(result.exact)
    except (sp.SympifyError, SyntaxError, TypeError, ValueError):
        return result
    mirrored = {sp.Symbol(f"{s}_{i}{j}"): sp.Symbol(f"{s}_{j}{i}") for s, i, j in pairs}
    if not isinstance(claimed, sp.Expr) or not isinstance(exact, sp.Expr):
        return result
    if sp.expand(claimed.xreplace(mirrored) - exact.xreplace(mirrored)) != 0:
        return result
    names = ", ".join(sorted({s for s, _, _ in pairs}))
    return replace(result, status="unchecked", reason=f"{result.reason}; true if {names} is symmetric (a_ij = a_ji), "
                   "which the notes may say in words")


#: Why a difference found with a function the notes leave unknown is no slip.
_UNKNOWN_FUNCTION = "it uses a function the notes leave unknown, and may hold for the one they mean"


def _decide(
    line: int,
    text: str,
    claimed: Value,
    exact: Value,
    digits: list[str] | None,
    keep: frozenset[str],
    scope: Scope,
    approximate: bool,
) -> NoteClaim:
    claimed, exact = opaque_activations(claimed, exact)  # g_k(z_k) of a generic g: a symbol for each argument
    everything = free(claimed) | free(exact)
    if not everything:
        return _judge(text, line, claimed, exact, digits, approximate)
    others = {s for s in everything if s.name not in keep}
    if not others and free(claimed) and free(exact) and digits is None:
        return _judge(text, line, claimed, exact, None, False)  # an identity in the variables of a definition
    names = sorted(s.name for s in everything)
    whole = digits is None or not any("." in d for d in digits)  # (an integer printed is exact)
    if everything and whole and not approximate:
        # both sides in the same unknowns, or a side a number that the other equals whatever the unknowns
        # (Σ_c y_c = 1 for the softmax y_c of any z): an identity, or nothing a point stated elsewhere can settle
        identity = _judge(text, line, claimed, exact, None, False)
        if identity.status == "verified":
            return replace(identity, reason="an identity: " + identity.reason)
    pointed = {symbol(n): scope.point[n].value for n in names if n in scope.point}
    if pointed and not all(n in scope.point for n in names) and digits is None and not approximate:
        # wX + b = 0 \cdot X + 0 with w = 0, b = 0 stated for the model ŷ(w, b, X): an identity in X there
        at = _judge(text, line, claimed.xreplace(pointed), exact.xreplace(pointed), None, False)
        if at.status == "verified":
            where = _point_text(sorted(s.name for s in pointed), scope)
            return replace(at, reason=f"at the point {where}, an identity: {at.reason}")
    if all(n in scope.point for n in names) and not (free(claimed) and free(exact) and digits is None):
        point = {symbol(n): scope.point[n].value for n in names}
        result = _judge(text, line, claimed.xreplace(point), exact.xreplace(point), digits, approximate)
        where = _point_text(names, scope)
        if result.status in ("verified", "printed"):
            return replace(result, reason=f"at the point {where}: {result.reason}")
        if result.status == "failed" and all(scope.point[n].line == line and scope.point[n].numbers for n in names):
            # "If x = 2, y = 5 then f(x,y) = 11": each variable given its value by name on the claim's own line
            return replace(result, reason=f"at the point {where}, stated on this line: {result.reason}")
        return unchecked(
            line, text, f"the point is only implied; at {where}: {result.reason}", result.claimed, result.exact
        )
    if others and digits is None:
        result = _judge(text, line, claimed, exact, None, False)
        if result.status == "verified":
            return replace(result, reason="an identity: " + result.reason)
        named = {s.name for s in others} & set(scope.formulas)
        if named:
            # -2x(y - wx - b) = -2x(y - \hat{y}) with \hat{y} = wx + b: an identity once the names are expanded
            expanded = _judge(
                text, line, expand_names(claimed, scope.formulas), expand_names(exact, scope.formulas), None, False
            )
            if expanded.status == "verified":
                lines = ", ".join(str(scope.formulas[n].line) for n in sorted(named))
                return replace(expanded, reason=f"an identity by the definitions on lines {lines}: {expanded.reason}")
        given = _summing_to_one(claimed, exact, scope)
        if given is not None:
            stem, stated = given
            total = f"\u03a3_j {stem}_j = 1"
            if stated is not None:
                reason = f"an identity given {total} (line {stated})"
                return NoteClaim(line, text, "verified", text_of(claimed), text_of(exact), reason)
            return unchecked(line, text, f"true if {total}{_UNSTATED_SUM}")
        if {s.name for s in everything} <= scope.nilpotent and digits is None:
            # 15 + 42ε for (3 + 4ε)(5 + 7ε), ε² = 0: dual numbers of numbers, no unknown, no equation to solve
            dual = _judge(text, line, claimed, exact, None, False)
            return replace(dual, reason=f"as dual numbers (ε² = 0): {dual.reason}")
        undefined = ", ".join(sorted(s.name for s in others))
        return unchecked(
            line,
            text,
            f"{undefined} not defined here; {EQUATION}",
            text_of(claimed),
            text_of(exact),
        )
    return unchecked(
        line, text, f"depends on {', '.join(names)}, whose values are not stated", text_of(claimed), text_of(exact)
    )


#: The end of the reason of a claim true if the entries of a vector sum to one, which the notes do not say.
_UNSTATED_SUM = ", which the notes do not state as a formula"
#: An entry of a vector, in one instance of a claim with sums of any size: ``t_2``, ``y_3__star`` (y^*_3).
_ENTRY = re.compile(r"^(?P<stem>[A-Za-z]\w*?)_(?P<index>\d)(?P<sup>__\w+)?$")


def _summing_to_one(claimed: Value, exact: Value, scope: Scope) -> tuple[str, int | None] | None:
    """``o_i \\sum_j y^*_j - y^*_i = o_i - y^*_i``: sides that differ by a use of Σ_j y^*_j = 1 (targets, or
    probabilities, that sum to one), in an instance of n terms. The entries' stem, with the line where the
    notes state the sum (None where they do not), or None when no such use explains the difference."""
    current = generic()
    if current is None or isinstance(claimed, sp.MatrixBase) or isinstance(exact, sp.MatrixBase):
        return None
    difference = claimed - exact
    stems: dict[tuple[str, str], list[sp.Symbol]] = {}
    for entry in free(difference):
        match = _ENTRY.match(entry.name)
        if match:
            stems.setdefault((match["stem"], match["sup"] or ""), []).append(entry)
    for (stem, sup), entries in sorted(stems.items()):
        every = [symbol(f"{stem}_{k}{sup}") for k in range(1, current.size + 1)]
        last = max(entries, key=lambda e: e.name)
        rest = sp.Add(*[e for e in every if e != last])
        if last in every and _vanishes(difference.xreplace({last: 1 - rest})):
            return display_layers(stem + sup).replace("^star", "^*"), scope.constraints.get(stem + sup)
    return None


def _vanishes(difference: sp.Expr) -> bool:
    """Whether ``difference`` is 0 (one random point first: a difference that is not is seldom 0 there)."""
    return not differ_at_a_point(difference, sp.Integer(0)) and bool(sp.simplify(difference) == 0)


def _point_text(names: list[str], scope: Scope) -> str:
    bindings = [scope.point[n] for n in names]
    lines = sorted({b.line for b in bindings})
    values = ", ".join(f"{n} = {text_of(b.value)}" for n, b in zip(names, bindings, strict=True))
    return f"{values} (line {', '.join(map(str, lines))})"
