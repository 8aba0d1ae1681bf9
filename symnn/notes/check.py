r"""Checking the mathematics of notes, claim by claim: a linter for hand-worked arithmetic.

The pipeline, one stage per module:

1. :func:`symnn.notes.extract.find` finds the math blocks and their lines (markdown-it-py
   for Markdown and notebooks, a linear scanner for LaTeX);
2. :func:`symnn.notes.chains.chains` splits a block into statements and each statement
   into a chain of ``=`` / ``\approx`` links;
3. :func:`symnn.notes.definitions.read_definition` reads what a statement defines, and
   :func:`symnn.notes.judge.judge_link` judges every link;
4. :func:`check_notes` collects the :class:`NoteClaim` records of a file, each judged under
   a time budget and isolated: an error judging one claim makes that claim unchecked.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import sympy as sp

from symnn.errors import SymnnError
from symnn.notes import eigen, named_activation, rows, said, samples, stated_after
from symnn.notes.blocks import Formula, Problem
from symnn.notes.blocks import formula as new_formula
from symnn.notes.budget import CLAIM_SECONDS, OverBudget, time_limit
from symnn.notes.chains import CONDITION, Chain, Element, chains, element
from symnn.notes.claims import EQUATION, BlockNote, NoteClaim, NotesReport
from symnn.notes.columns import entrywise
from symnn.notes.definitions import (
    BY_ITS_FORMULA,
    RESTATED_LINES,
    bound_names,
    declare_function,
    declare_shape,
    definition_head,
    introduced,
    names_in,
    numbers_only,
    read_definition,
    set_point,
    template,
)
from symnn.notes.dependence import shown_name
from symnn.notes.digits import MISREAD_SHAPES, free, places
from symnn.notes.equations import from_the_equation_before
from symnn.notes.evaluate import Binding, Scope, Unchecked, differentiated_by_e, e_read_as_a_variable, evaluate
from symnn.notes.exercises import exercise_spans, exercises_in, in_another_section, section_starts
from symnn.notes.extract import find
from symnn.notes.judge import (
    CLOSED_FORM,
    judge_link,
    layer_entry,
    layer_stems,
    printed,
    unchecked,
    undefined_by_layer,
)
from symnn.notes.names import layered_in, layered_names
from symnn.notes.parser import Call, Derivative, Matrix, Name, Node, Num, ParseError, Token, parse_tokens
from symnn.notes.rounding import untraced
from symnn.notes.scope import Definition, symbol
from symnn.notes.substitution import Judge, Substitution, known_substituted, substitution, written_number
from symnn.notes.sums import INDEXED, IndexCase, current_case, in_case, index_case, template_entries
from symnn.notes.syntax import Pow, Summation, walk
from symnn.notes.tokens import GREEK, tokenize

__all__ = ["NoteClaim", "NotesReport", "check_file", "check_notes", "check_statement", "kind_of"]

_EQUALS = ("equals", "is equal to", "=")
#: How far below a value that was only ever substituted another one for the same name starts a new case
#: (the second sample of an SGD example) rather than contradicting it.
NEW_CASE_LINES = 80


def _continues(before: str) -> bool:
    """Whether the prose between two formulas is only the sign that joins them ("$a$ = $b$", "$a$ equals $b$"):
    "$x = 1$ shows that the derivative equals $2$" names a new subject, and joins nothing."""
    text = before.strip().lower()
    sign = next((sign for sign in _EQUALS if text.endswith(sign)), None)
    return sign is not None and not any(c.isalpha() for c in text[: -len(sign)])


def check_statement(
    chain: Chain, formula: Formula, scope: Scope, previous: Element | None = None, seconds: float | None = None
) -> tuple[Scope, list[NoteClaim]]:
    """Read one chain: update the scope with what it defines and judge its links, each under the budget."""
    if previous is not None and chain.elements[0] is not None:
        chain = Chain((previous, *chain.elements), ("=", *chain.ops), chain.other_relation)
    elif previous is not None:
        chain = Chain((previous, *chain.elements[1:]), chain.ops, chain.other_relation)
    chain = _of_the_function_just_defined(chain, scope)
    if chain.other_relation:
        first = next(e for e in chain.elements if e is not None)
        text = " ".join(formula.text[:400].split())
        if chain.other_relation == CONDITION:
            return scope, [unchecked(first.line, text, "holds in one case only (if …): a case of a piecewise formula")]
        return scope, [unchecked(first.line, text, f"holds the relation {chain.other_relation}, not checked")]
    head = chain.elements[0]
    head_name = head.node.name if head is not None and isinstance(head.node, Name) else None
    called = head is not None and isinstance(head.node, Call)
    if (head_name is not None or called) and len(chain.elements) == 2 and _CONDITION.match(formula.after):
        return scope, []  # "$y_k = 1$ if $k = c$, else 0", "$f(z) = 1$ if …": a value in one case, not the value
    second = chain.elements[1] if len(chain.elements) > 1 else None
    if head_name is not None and second is not None and isinstance(second.node, Name) and not formula.display:
        if len(chain.elements) == 2 and _CASE_BEFORE.search(formula.before):
            return scope, []  # "(i.e. when $p_i = p_j$)": the case a sentence is about, no definition of p_i
    if head_name is not None and second is not None and second.node is None and not formula.display:
        # "$y = exp()x$" in the prose of a new section: y redefined, in a way not understood (a display that
        # restates a formula with a typo, $$E_{total} = … \text { target } …$$, keeps the formula it restates)
        _forget_name(head_name, scope)
    infinitesimal = _infinitesimal(chain)
    if infinitesimal is not None:
        scope.nilpotent.add(infinitesimal)  # "ε is infinitesimal, such that ε² = 0": dual numbers
        return scope, []
    if _sum_to_one(chain, scope) and head is not None:
        stated = f"{head.text} = 1"
        return scope, [unchecked(head.line, stated, "states that these entries sum to one, for the steps that use it")]
    aliased = _aliases(chain, scope)
    if aliased is not None:
        return aliased, []
    twice = _named_twice(chain, scope)
    if twice is not None:
        alias, rest = twice
        scope, claims = check_statement(rest, formula, scope, None, seconds)
        return _alias(alias, rest, scope), claims
    scope, inner = _inner_definition(chain, scope, formula.before)
    start, claims = 0, []
    scope, contradicted = _substituted_into(chain, scope, formula.cell)
    outcome = _isolated(lambda: read_definition(chain, scope, formula.before, formula.after), head, seconds)
    if isinstance(outcome, NoteClaim):
        claims.append(outcome)
        start = 1
    else:
        scope, start, claims = outcome
        named, body = chain.elements[0], chain.elements[1]
        if named is not None and body is not None and body.node is not None and scope.contested:
            behind = [scope.contested[n] for n in names_in(body.node) if n in scope.contested]
            for name in (bound_names(named.node, scope) or []) if behind and not claims else []:
                scope.contested[name] = min(behind)  # y_1 = 2 out_h1, after out_h1 was stated wrongly
            claims = [_after_a_slip(c, named, body, scope) for c in claims]
        if body is not None:
            claims = [_spanning(c, body, formula) for c in claims]
    if contradicted:  # the substitution said it already: not the formula's value again
        claims = [c for c in claims if not c.reason.startswith(BY_ITS_FORMULA)]
    claims = contradicted + claims
    for index in range(start, len(chain.ops)):
        left, right, op = chain.elements[index], chain.elements[index + 1], chain.ops[index]
        if right is None or index == inner:
            continue
        if left is None:
            claims.append(unchecked(right.line, f"{op} {right.text}", "the left side is in the prose"))
            continue
        read = _substitution(left, op, right, scope)
        if read is not None:
            scope, judged = read
            judged = _with_order(judged, left, op, right, scope, seconds)
            claims.append(_after_a_slip(judged, left, right, scope))  # 0.7692 substituted, after ŷ ≈ 0.7692 ✗
            continue
        target = _approx_target(chain, index) if op == r"\approx" else None
        entries = entrywise(left, right, frozenset(scope.templates)) if op == "=" else None
        if entries is not None:  # ∂L/∂\mathbf{x} = [p_1 - y_1; ⋮; p_n - y_n]: judged by its entry k
            left, right = entries
        judged = _isolated(lambda: judge_link(left, op, right, scope, target), right, seconds)  # noqa: B023
        judged = _at_exact_values(judged, left, op, right, scope, target, seconds)
        again = _restated_derivative(left, op, right, scope) if index == 0 else None
        plain = judged.status == "failed" and (again is None or not _near(left, right, scope))  # a slip
        if again is not None and judged.status not in ("verified", "printed") and not plain:
            judged = again  # the numbers the notes computed it from, when the values stated do not settle it
        judged = _untraced(judged, left, right, scope)
        judged = said.with_derivatives_said(judged, left, op, right, scope)
        judged = rows.in_rows(judged, left, op, right, scope)
        judged = samples.in_samples(judged, left, op, right, scope)
        judged = _sibling_substituted(judged, left, right, scope)
        after_identity = index == 0 and previous is not None and left.line in scope.identities  # "= $…$" goes on
        judged = _in_a_derivation(judged, left, right, claims, scope, after_identity)
        judged = _substituted(judged, left, right, scope)
        judged = _with_order(judged, left, op, right, scope, seconds)
        solved = _isolated(lambda: from_the_equation_before(judged, left, right, scope), right, seconds)  # noqa: B023
        judged = solved if solved.status == "verified" else judged  # a step of solving the equation before it
        if judged.status == "unchecked" and judged.reason.startswith(MISREAD_SHAPES):
            _forget_misread(left.line, scope)
        if judged.status == "verified" and "identity" in judged.reason:
            scope.identities.add(right.line)
        claims.append(_spanning(_after_a_slip(judged, left, right, scope), right, formula))
        if index == 1 and claims[-1].status == "failed":
            _forget_formula(chain, scope)
    rows.remember_lists(chain, scope)
    last = chain.elements[-1]
    if chain.order and last is not None:  # = ‖Ax‖² ≥ 0: the equalities judged, the inequality after them not
        order = f"an order relation {chain.order}, not checked"
        claims.append(unchecked(last.line, f"{last.text} {chain.order} …", order))
    final = claims[-1] if claims else None
    if final is not None and final.status == "failed":
        names = bound_names(chain.elements[0].node, scope) if chain.elements[0] is not None else None
        for name in names or ():
            scope.contested[name] = final.line  # the notes go on with their value, and we with the exact one
        return scope, claims  # a wrong result is not carried on: the names keep their exact values
    _remember_derivative(chain, scope)
    rounded = final is not None and (final.status == "printed" or "agrees with" in final.reason)
    if rounded and last is not None and last.node is not None and printed(last.node) is not None:
        # a rounded result, carried into later lines: they may differ from exact by its rounding
        carried = {sp.Rational(t.text) for t in last.tokens if t.kind == "num" and "." in t.text}
        scope.results.update(carried)
        _remember_rounded_from(chain, scope)
        scope = _carry_value(chain, scope)
        names = bound_names(chain.elements[0].node, scope) if chain.elements[0] is not None else None
        if names is not None and len(names) == 1 and len(carried) == 1 and len(chain.elements) == 2:
            scope.shown[names[0]] = next(iter(carried))  # \hat{y} \approx 0.0831: later lines use 0.0831
        return scope, claims
    if final is not None and final.status == "verified" and last is not None and last.node is not None:
        for text in printed(last.node) or ():  # 0.3575, exact: a decimal traced, for later lines that use it
            if not text.endswith(r"\ldots"):
                scope.rounded_from.setdefault(sp.Rational(text), sp.Rational(text))
                scope.exact_results.add(sp.Rational(text))
    return _carry_value(chain, scope), claims


def _remember_rounded_from(chain: Chain, scope: Scope) -> None:
    """The exact value each decimal of a rounded result was rounded from (``[0.149/1.517, …] ≈ [0.098, …]``:
    0.098 from 0.0982201…), where the side before it has a value in numbers."""
    before, last = chain.elements[-2], chain.elements[-1]
    shown = printed(last.node) if last is not None else None
    if before is None or before.node is None or shown is None:
        return
    try:
        exact = evaluate(before.node, scope)
    except (Unchecked, ZeroDivisionError):
        return
    exacts = list(exact) if isinstance(exact, sp.MatrixBase) else [exact]
    if len(exacts) != len(shown) or any(free(e) for e in exacts):
        return
    for text, value in zip(shown, exacts, strict=True):
        if text.endswith(r"\ldots"):
            continue
        scope.rounded_from[sp.Rational(text)] = value
        if text.startswith("-"):  # -0.5782 carried on as the decimal 0.5782 of -0.5782 \times 0.7109
            scope.rounded_from[-sp.Rational(text)] = -value


_USED = re.compile(r"with the stated values of ([\w, ]+?):")


#: The names dual numbers give their infinitesimal.
_INFINITESIMALS = frozenset({"epsilon", "varepsilon"})


def _infinitesimal(chain: Chain) -> str | None:
    r"""The name ``chain`` declares the infinitesimal of dual numbers, ``\epsilon^2 = 0`` (forward-mode autodiff
    notes), or None."""
    if len(chain.elements) != 2 or chain.ops != ("=",) or None in chain.elements:
        return None
    power, zero = (e.node for e in chain.elements if e is not None)
    if not (isinstance(power, Pow) and isinstance(power.base, Name) and power.base.name in _INFINITESIMALS):
        return None
    squared = isinstance(power.exponent, Num) and power.exponent.value == 2
    return power.base.name if squared and isinstance(zero, Num) and zero.value == 0 else None


def _spanning(claim: NoteClaim, right: Element, formula: Formula) -> NoteClaim:
    """``claim`` with the line its claimed side ``right`` ends on, when that is below the line it starts on."""
    last = formula.line_at(right.tokens[-1].pos) if right.tokens else claim.line
    return replace(claim, last_line=last) if last > claim.line else claim


def _after_a_slip(judged: NoteClaim, left: Element, right: Element, scope: Scope) -> NoteClaim:
    """A numeric mismatch that uses a name whose value the notes stated wrongly earlier follows that slip (the
    notes carry their value on): unchecked, with the earlier line named, so one slip is not reported again."""
    if judged.status != "failed" or not scope.contested or right.node is None or not numbers_only(right.node):
        return judged  # a symbolic slip (a dropped sign) is a slip whatever values the notes carried
    used = {n for side in (left, right) if side.node is not None for n in names_in(side.node)}
    restated = re.match(r"the value of (\S+) stated on line", judged.reason)
    if restated:
        used.add(restated[1])
    listed = _USED.search(judged.reason)
    if listed:
        used |= {n.strip() for n in listed[1].split(",")}
    behind = sorted(n for n in used if n in scope.contested)
    if not behind:
        return judged
    where = ", ".join(f"{n} (line {scope.contested[n]})" for n in behind)
    return unchecked(
        judged.line, judged.text, f"{judged.reason}; but it uses {where}, whose value the notes stated wrongly"
    )


def _sum_to_one(chain: Chain, scope: Scope) -> bool:
    r"""``\sum_j t_j = 1``: the targets (or probabilities) sum to one, recorded for derivations that use it."""
    if len(chain.elements) != 2 or chain.ops != ("=",) or None in chain.elements:
        return False
    total, one = (e.node for e in chain.elements if e is not None)
    if not isinstance(total, Summation) or not isinstance(total.body, Name) or not isinstance(one, Num):
        return False
    match = re.fullmatch(r"(?P<stem>[A-Za-z]\w*?)_(?P<index>[a-z])(?P<sup>__\w+)?", total.body.name)
    if not match or match["index"] != total.index or one.value != 1 or total.lower is not None:
        return False
    scope.constraints[match["stem"] + (match["sup"] or "")] = chain.elements[0].line  # type: ignore[union-attr]
    return True


def _aliases(chain: Chain, scope: Scope) -> Scope | None:
    """``z_0 = a_0 = x`` with x known and z_0, a_0 new: both names for x's value, no claim (the first
    link is no definition of z_0 by an unknown a_0, the second no claim about it). None otherwise."""
    if len(chain.elements) < 3 or any(op != "=" for op in chain.ops):
        return None
    *names, last = chain.elements
    known = {*scope.values, *scope.formulas, *scope.functions, *scope.point}
    if last is None or not isinstance(last.node, Name) or last.node.name not in scope.values:
        return None
    if any(e is None or not isinstance(e.node, Name) or e.node.name in known for e in names):
        return None
    binding = scope.values[last.node.name]
    for alias in names:
        assert alias is not None and isinstance(alias.node, Name)
        scope = scope.bind(alias.node.name, Binding(binding.value, alias.line))
    return scope


def _named_twice(chain: Chain, scope: Scope) -> tuple[str, Chain] | None:
    r"""``y_{out} = z_{out} = \tanh(s_{out})`` with both names new (or read so before): the chain from the second
    name on, and the first name, another name for it (no claim that y_out, unknown, equals z_out). None otherwise."""
    if len(chain.elements) < 3 or any(op != "=" for op in chain.ops[:2]):
        return None
    first, second, last = chain.elements[:3]  # (h_1 = h_2 = f(w·x + b) = f(3) = 0.9526: the chain goes on)
    known = {*scope.values, *scope.formulas, *scope.functions, *scope.point, *scope.templates}
    names = [e.node.name for e in (first, second) if e is not None and isinstance(e.node, Name)]
    if len(names) != 2 or last is None or isinstance(last.node, Name):
        return None
    aliases = names[0] in scope.written and scope.written.get(names[0]) is scope.written.get(names[1])
    if any(n in known for n in names) and not aliases:  # (y_out = z_out = [0.098, …] again: z_out's numbers)
        return None
    return names[0], Chain(chain.elements[1:], chain.ops[1:], chain.other_relation)


def _alias(alias: str, rest: Chain, scope: Scope) -> Scope:
    """The scope with ``alias`` another name for the quantity ``rest`` defined (its value, formula, as written)."""
    head = rest.elements[0]
    assert head is not None and isinstance(head.node, Name)
    name = head.node.name
    if name in scope.written:
        scope.written[alias] = scope.written[name]
    if name in scope.formulas:
        scope = scope.formula(alias, scope.formulas[name])
    if name in scope.values:
        scope = scope.bind(alias, scope.values[name])
    known = name in scope.templates and alias not in {*scope.templates, *scope.formulas, *scope.functions}
    if known and _index_of(alias) == _index_of(name):  # \hat{y}_i = softmax(θ)_i = e^{θ_i} / \sum_j e^{θ_j}
        shown = scope.templates[name]
        return template(alias, Element((), alias, shown.line, shown.body, ""), scope, shown.params)
    body = scope.functions[name].body if name in scope.functions else None
    if isinstance(body, sp.Expr) and alias not in scope.formulas and alias not in scope.functions:
        scope = scope.formula(alias, Binding(body, head.line))  # "Let ŷ = a = wx + b": ŷ is the quantity wx + b
    return scope


def _index_of(name: str) -> tuple[str, ...]:
    """The index letters a template's name ends in (``i`` of ``hat_y_i``; none of ``L``)."""
    match = INDEXED.match(name)
    return tuple(match["letters"]) if match is not None and match["rest"] is None else ()


def _inner_definition(chain: Chain, scope: Scope, before: str) -> tuple[Scope, int | None]:
    """``u = f(x) = 3x^2 - 4x``: a function defined inside the chain, read first (its link is no claim); one
    defined before is defined anew where the prose introduces it ("Plot the function $y = f(x) = …$")."""
    for index in range(1, len(chain.ops)):
        left, right = chain.elements[index], chain.elements[index + 1]
        if chain.ops[index] != "=" or left is None or right is None or not isinstance(left.node, Call):
            continue
        if left.node.name in scope.functions and not introduced(before):
            continue  # u_3 = h(a_2) = W_3 a_2 + b_3 after u_2 = h(a_1) = …: the same map, not a new h
        if definition_head(left.node, scope, "", right.node) is None:
            continue
        params = {a.name for a in left.node.args or () if isinstance(a, Name)}
        if left.node.name == "sigma" or right.node is None or not params & names_in(right.node):
            continue  # σ(net_o1) = 0.6570 is a value; f(x) = 3x^2 - 4x, written in x, defines f
        if params & (set(scope.values) | set(scope.formulas)):
            continue
        inner = Chain(chain.elements[index:], chain.ops[index:], "")
        try:
            defined, _, problems = read_definition(inner, scope, "")
        except Exception:
            return scope, None
        if problems or left.node.name not in defined.functions:
            return scope, None
        return defined, index
    return scope, None


def _in_symbols(claim: NoteClaim) -> bool:
    """Whether a verified link holds a variable (d/dx σ(x) = -(1 + e^{-x})^{-2} · (-e^{-x})): an identity in
    it, whatever its reason says."""
    names = re.findall(r"[A-Za-z_][A-Za-z_0-9]*(?!\w*\()", claim.exact)
    return any(n not in ("E", "pi", "oo", "I") for n in names)


def _stem_of(name: str) -> str:
    """``hat_y`` of ``hat_y_1`` and of ``hat_y_i``: the vector an entry belongs to."""
    return re.sub(r"_(?:\d+|[a-z])$", "", name)


def _in_a_derivation(
    judged: NoteClaim, left: Element, right: Element, before: list[NoteClaim], scope: Scope, after_identity: bool
) -> NoteClaim:
    """A link that is no identity, in a chain whose links before it were identities, in the symbols of a
    function the notes defined (θ_0, θ_1 of h_θ(x)): a derivation, not an equation to solve, so a slip
    (``= h(1-h)x = h(1-h)`` drops a factor). Not when a side is a number (``2x - 4 = 0`` sets a
    derivative to zero), nor with other names, which may be read otherwise than the notes mean."""
    reading = re.sub(r" \(σ read as [^()]*\([^()]*\)\)$", "", judged.reason)  # (the note on σ, after it)
    if judged.status != "unchecked" or not reading.endswith(EQUATION):
        return judged
    names = re.sub(r"^(?:read by layer, )?with [^:]*: ", "", judged.reason.split(" not defined here")[0]).split(", ")
    by_layer = judged.reason.startswith("read by layer, ")
    known = {str(s) for d in scope.functions.values() for s in (*d.params, *free(d.body))}
    written = {n for side in (left.node, right.node) if side is not None for n in names_in(side)}
    if any(n in scope.functions and scope.functions[n].params for n in written):
        return judged  # φ(z)[1 - φ(z)] after z ≡ Wx + b read as a function of W, b, x: z is meant as a quantity
    about_formulas = bool(written & set(scope.formulas))
    for name, binding in scope.formulas.items():
        if isinstance(binding.value, sp.MatrixBase):
            continue
        if about_formulas:  # a claim about ŷ = wx + b: the named quantities, and what they are made of
            known |= {name, *(str(s) for s in free(binding.value))}
        elif binding.line == left.line:  # t = tanh(z) = … = 2σ(z) - 1: the variable of the chain's head
            known |= {str(s) for s in free(binding.value)}
    entries = template_entries(scope.templates.values())  # s_2 of p_i = e^{s_i} / \sum_k e^{s_k}, at n = 2
    defined = {*scope.formulas, *scope.values, *scope.functions}
    if any(n.split("__")[0] in defined for n in names if "__" in n):
        return judged  # ŷ^{(i)} after ŷ = σ(z): the i-th example of a defined quantity, not a symbol of its own
    if by_layer and undefined_by_layer(f"{judged.claimed} {judged.exact}", scope):
        return judged  # g_j(z_j) = a_j before a_j has a definition: the notes may be giving it one
    sample = re.compile(r"[A-Za-z]\w*__[i-n]")
    stems = layer_stems(scope) if by_layer else set()
    if not all(
        n in known or sample.fullmatch(n) or entries.fullmatch(n) or (by_layer and layer_entry(n, stems)) for n in names
    ):
        return judged  # names other than x^{(i)}, y^{(i)} and the entries of the templates
    sides = [{_stem_of(n) for n in names_in(side)} for side in (left.node, right.node) if side is not None]
    one_sided = [n for n in names if entries.fullmatch(n) and len({_stem_of(n) in side for side in sides}) == 2]
    stems = {t.stem for t in scope.templates.values()}
    defined_sides = all(side - {_stem_of(n) for n in names} <= stems | {"e", "Sigma"} for side in sides)
    if len(sides) == 2 and one_sided and not defined_sides:
        # -e^{θ_i}/Σ · e^{θ_j}/Σ = -ŷ_i ŷ_j with ŷ never defined: a relation of two unknowns (with ŷ_c = e^{θ_c}/Σ
        # defined, a step of the derivation)
        return judged
    if not any(c.status == "verified" and ("identity" in c.reason or _in_symbols(c)) for c in before):
        if not after_identity:
            return judged  # no identity before it, in this formula or in the one the chain continues from
    if left.node is None or right.node is None or numbers_only(left.node) or numbers_only(right.node):
        return judged
    instance = re.match(r"(?:read by layer, )?with ([^:]*): ", judged.reason)
    where = f" (with {instance[1]}, each term a symbol)" if instance else ""
    reason = f"not an identity, after the identities before it in the chain{where}: {judged.claimed} differs from "
    reason += str(judged.exact)
    return replace(judged, status="failed", reason=reason)


def _substituted(judged: NoteClaim, left: Element, right: Element, scope: Scope) -> NoteClaim:
    r"""``12d = 12(5b + 6)``, ``\frac{\partial d}{\partial b} = \frac{\partial (5b + 6)}{\partial b}``: the right side
    is the left with one name replaced by a bracket, so the link states what the name is. Failing, it is a wrong
    substitution (a slip) when the notes defined the name in this section; when they defined it nowhere, or
    under another heading (notes reuse c and d from one example to the next), it is a new definition, and
    unchecked."""
    if judged.status not in ("failed", "unchecked"):
        return judged
    found = _replaced_name(left.tokens, right.tokens)
    if found is None:
        return judged
    name, tokens = found
    formula = scope.formulas.get(name)
    if formula is not None and not in_another_section(judged.line, formula.line):
        return judged
    bracket = "".join(t.text for t in tokens)
    try:
        node = parse_tokens(list(tokens))
        value = evaluate(node, scope, frozenset({*names_in(node), "e"}))  # its names kept, e too (a node e of a graph)
    except (ParseError, Unchecked, ZeroDivisionError):
        value = None
    if value is not None and not isinstance(value, sp.MatrixBase) and symbol(name) not in free(value):
        scope.formula(name, Binding(value, judged.line))  # the name's formula from here on
    reason = f"substitutes {bracket} for {shown_name(name)}, "
    if formula is None:
        reason += "which the notes define nowhere before (a figure may): a definition, not checked"
    else:
        reason += f"defined on line {formula.line}, under another heading: the notes may mean another one here"
    return unchecked(judged.line, judged.text, reason, judged.claimed, judged.exact)


def _replaced_name(left: tuple[Token, ...], right: tuple[Token, ...]) -> tuple[str, tuple[Token, ...]] | None:
    """The name of ``left`` that ``right`` writes as a bracket, everything else token for token the same, and
    the bracket's tokens; None when the sides differ otherwise."""
    a, b = [t.text for t in left], [t.text for t in right]
    for start in range(len(a)):
        prefix = a[:start]
        if b[:start] != prefix:
            break
        for end in range(start + 1, min(start + 6, len(a)) + 1):
            suffix = a[end:]
            middle = b[start : len(b) - len(suffix)] if len(b) - len(suffix) > start else []
            if b[len(b) - len(suffix) :] != suffix or len(middle) < 3 or middle[0] != "(" or middle[-1] != ")":
                continue
            if not _one_bracket(middle):
                continue  # (a)(b): two brackets, not one
            try:
                node = parse_tokens(list(left[start:end]))
            except ParseError:
                continue
            if isinstance(node, Name):
                return node.name, right[start : start + len(middle)]
    return None


def _one_bracket(texts: list[str]) -> bool:
    """Whether the ``(`` that opens ``texts`` is closed by its last ``)`` and no sooner."""
    depth = 0
    for index, text in enumerate(texts):
        depth += {"(": 1, ")": -1}.get(text, 0)
        if depth == 0 and index < len(texts) - 1:
            return False
    return depth == 0


def _of_the_function_just_defined(chain: Chain, scope: Scope) -> Chain:
    r"""``f_c(x) = c + x \rightarrow \frac{df}{dx} = 1``: a derivative of f, written on the line where the notes
    just defined f_c, is the derivative of f_c (tables of derivatives name each row's function so)."""
    head = chain.elements[0]
    current = scope.current
    if head is None or not isinstance(head.node, Derivative) or current is None or head.node.args is not None:
        return chain
    if not current.startswith(head.node.name + "_") or not 0 <= head.line - scope.functions[current].line <= 3:
        return chain  # (the row of a table of derivatives may take three lines: f_c(x) = c + x, \rightarrow, df/dx)
    node = replace(head.node, name=current)
    return replace(chain, elements=(replace(head, node=node), *chain.elements[1:]))


def _remember_derivative(chain: Chain, scope: Scope) -> None:
    r"""``\frac{\partial l}{\partial z} = (-1.8338) \cdot (0.0762)``, ``\frac{\partial L}{\partial o} = p - y`` (p, y
    stated): the numbers the derivative was said to equal."""
    head, last = chain.elements[0], chain.elements[-1]
    if head is None or last is None or len(chain.elements) < 2 or last.node is None:
        return
    names = names_in(last.node)
    if not numbers_only(last.node) and not (names and names <= set(scope.values)):
        return  # (∂L/∂o = p - y with p and y stated: the values it was said to equal, too)
    if isinstance(head.node, Derivative) and head.node.name not in scope.functions:  # ∂f/∂x of f(x, y) has a point
        scope.stated[head.node] = last


def _restated_derivative(left: Element, op: str, right: Element, scope: Scope) -> NoteClaim | None:
    r"""``\frac{\partial l}{\partial z} = (-1.8338) \cdot (0.0762)``, then ``\frac{\partial l}{\partial z} \approx
    -0.1396`` a few lines on: one chain, the numbers judged against the decimal as plain arithmetic (the notes
    computed it from the decimals they wrote, so no rounding of carried values is allowed for)."""
    earlier = scope.stated.get(left.node) if isinstance(left.node, Derivative) else None
    if earlier is None or right.node is None or printed(right.node) is None:
        return None
    if not 0 < right.line - earlier.line <= RESTATED_LINES:
        return None
    judged = judge_link(earlier, op, right, replace(scope, results=set()))  # arithmetic on the numbers written
    if judged.status == "unchecked":
        return None
    where = f"{left.text} as stated on line {earlier.line} ({earlier.text})"
    if judged.status == "failed" and _within_a_unit(earlier, right):
        reason = f"{judged.reason}; within one unit in its last digit, as when more digits were carried"
        judged = replace(judged, status="printed", reason=reason)
    return replace(judged, line=right.line, text=f"{left.text} {op} {right.text}", reason=f"{where}: {judged.reason}")


def _near(left: Element, right: Element, scope: Scope) -> bool:
    """Whether the two sides' values are numbers within 1 % of each other: a failure that the rounding of
    the numbers the notes computed from may explain. Anything else (far off, or not numbers) is a slip."""
    try:
        exact, claimed = evaluate(left.node, scope), evaluate(right.node, scope)  # type: ignore[arg-type]
    except (Unchecked, ZeroDivisionError):
        return False
    if isinstance(exact, sp.MatrixBase) or isinstance(claimed, sp.MatrixBase) or free(exact) or free(claimed):
        return False
    scale = abs(sp.N(exact, 20))
    return bool(scale > 0 and abs(sp.N(claimed - exact, 20)) <= scale / 100)


def _sibling_substituted(judged: NoteClaim, left: Element, right: Element, scope: Scope) -> NoteClaim:
    """``w₂ᵗx₂ = [-4, -3, 0] ⋅ [0, -1, -1]`` in a second epoch, where [-4, -3, 0] is w₁'s value now and w₂ kept its
    value from the first: the notes substitute the current weights under a sibling's name. A failure whose
    numbers are, vector for vector, the value of another name of the same stem is left unchecked."""
    if judged.status != "failed" or left.node is None or right.node is None or not numbers_only(right.node):
        return judged
    written = names_in(left.node)
    stems = {n.split("_")[0] for n in written}
    siblings = {
        n: b.value for n, b in scope.values.items()
        if n not in written and n.split("_")[0] in stems and isinstance(b.value, sp.MatrixBase)
    }
    for node in walk(right.node):
        if not isinstance(node, Matrix) or not siblings:
            continue
        try:
            value = evaluate(node, scope)
        except (Unchecked, ZeroDivisionError):
            continue
        for name, sibling in siblings.items():
            if isinstance(value, sp.MatrixBase) and value.shape == sibling.shape and value == sibling:
                reason = f"{judged.reason}; but it substitutes the value of {shown_name(name)}: the notes may mean"
                return unchecked(judged.line, judged.text, reason + " that one here", judged.claimed, judged.exact)
    return judged


def _untraced(judged: NoteClaim, left: Element, right: Element, scope: Scope) -> NoteClaim:
    """A numeric failure that decimals the notes never traced (rounded intermediates, most likely) explain."""
    if judged.status != "failed" or left.node is None or right.node is None or printed(right.node) is None:
        return judged
    try:
        exact, claimed = evaluate(left.node, scope), evaluate(right.node, scope)
    except (Unchecked, ZeroDivisionError):
        return judged
    return untraced(judged, left, claimed, exact, scope)


def _within_a_unit(numbers: Element, decimal: Element) -> bool:
    """Whether ``decimal`` is within one unit in its last place of what ``numbers`` computes: the notes
    carried more digits than they printed (0.072871216 + (−0.023921146) written 0.048950069)."""
    if numbers.node is None or decimal.node is None:
        return False
    try:
        exact, claimed = evaluate(numbers.node, Scope()), evaluate(decimal.node, Scope())
    except Unchecked:
        return False
    digits = printed(decimal.node)
    if isinstance(exact, sp.MatrixBase) or isinstance(claimed, sp.MatrixBase) or not digits or free(exact):
        return False
    return bool(abs(sp.N(claimed - exact, 30)) <= sp.Rational(1, 10 ** places(digits[0].lstrip("-"))))


def _substitution(left: Element, op: str, right: Element, scope: Scope) -> tuple[Scope, NoteClaim] | None:
    r"""``w_1 i_1 + b_1 = 0.15 \cdot 0.05 + 0.35``: the values it states, and the link reported as such."""
    if op != "=" or left.node is None or right.node is None:
        return None
    try:
        found = substitution(left.node, right.node, scope, _derivative_judge(right.line, scope))
    except Exception:
        return None
    return None if found is None else _stated_by(found, left, right, scope)


def _derivative_judge(line: int, scope: Scope) -> Judge:
    r"""How a substitution's derivatives are judged: ``w_3 - \eta \frac{\partial E}{\partial w_3} = 0.3 - 0.5
    \cdot (-0.0676)`` gives η = 0.5 only if ∂E/∂w_3 is -0.0676 by the lines above (to their rounding)."""

    def judge(derivative: Derivative, number: Node) -> tuple[bool, str] | None:
        text = f"∂{shown_name(derivative.name)}/∂{', '.join(map(shown_name, derivative.wrt))}"
        shown = (written_number(number) or (0, ""))[1]
        trial = scope.apart()  # (a derivative stated as a number binds its unknown part: not here)
        judged = judge_link(Element((), text, line, derivative, ""), "=", Element((), shown, line, number, ""), trial)
        if judged.status not in ("verified", "printed", "failed"):
            return None
        return judged.status != "failed", judged.exact

    return judge


def _a_word(name: str) -> bool:
    """Whether ``name`` is a plain word (``input``, ``output``): a role that each step fills anew, unlike w_1."""
    return bool(re.fullmatch(r"[A-Za-z]{3,}", name)) and name not in GREEK


def _stated_by(found: Substitution, left: Element, right: Element, scope: Scope) -> tuple[Scope, NoteClaim]:
    """What the substitution ``found`` (of ``right`` into ``left``) states: its values bound, or a slip."""
    text = f"{left.text} = {right.text}"
    stated = [
        (name, known)
        for name, (_, known) in found.conflicts.items()
        if not known.substituted or (0 <= right.line - known.line <= NEW_CASE_LINES and not _a_word(name))
    ]
    if found.slipped:
        derivative, shown, exact = found.slipped[0]
        reason = f"substitutes {shown} for ∂{shown_name(derivative.name)}/∂"
        reason += f"{', '.join(map(shown_name, derivative.wrt))}, which is {exact} by the lines above"
        return scope, NoteClaim(right.line, text, "failed", shown, exact, reason)
    if stated:
        name, known = stated[0]
        number = found.conflicts[name][0]
        reason = f"substitutes {number} for {name}, whose value is {known.value} (line {known.line})"
        return scope, NoteClaim(right.line, text, "failed", str(number), sp.sstr(known.value), reason)
    values = {**found.new, **{name: number for name, (number, _) in found.conflicts.items()}}
    for name, number in values.items():
        scope = scope.bind(name, Binding(number, right.line, substituted=True))
    for first, second in found.commuted:
        scope.commuted[first], scope.commuted[second] = second, first
    reason = "states the values " + ", ".join(f"{n} = {v}" for n, v in values.items()) + " by substituting them"
    if found.conflicts:  # values only ever substituted, far above: a new sample, as in a second SGD step
        earlier = ", ".join(f"{n} = {known.value} on line {known.line}" for n, (_, known) in found.conflicts.items())
        return scope, unchecked(right.line, text, f"{reason}, in place of {earlier} (read as a new case)")
    return scope, unchecked(right.line, text, f"{reason} (not stated elsewhere); nothing to check")


#: The marks of an updated weight: w_{new}, w_{1_{new}}, w^{+}, w^*, w', w_{t+1}.
_UPDATED = frozenset({"new", "plus", "star", "prime", "updated", "next", "tplus1", "kplus1"})


def _used_values(left: Element, right: Element, scope: Scope) -> set[str]:
    """The names a link uses, directly or through the formula of a name it uses."""
    used = {n for side in (left, right) if side.node is not None for n in names_in(side.node)}
    return used | {s.name for n in list(used) if n in scope.formulas for s in free(scope.formulas[n].value)}


def _with_order(
    judged: NoteClaim, left: Element, op: str, right: Element, scope: Scope, seconds: float | None
) -> NoteClaim:
    """``judged``, for values read from a product whose factors may be written in either order: a failed
    link is judged again in the other order; a number right in the order written settles that order."""
    if not scope.commuted:
        return judged
    if judged.status == "failed":
        return _in_the_other_order(judged, left, op, right, scope, seconds)
    if judged.status in ("verified", "printed") and right.node is not None and numbers_only(right.node):
        for name in _used_values(left, right, scope) & set(scope.commuted):
            scope.commuted.pop(scope.commuted.pop(name, ""), None)
    return judged


def _in_the_other_order(
    judged: NoteClaim, left: Element, op: str, right: Element, scope: Scope, seconds: float | None
) -> NoteClaim:
    r"""A failed link that uses values read from ``w_1 i_1 = 0.3 \cdot 0.5``, judged again with the two
    swapped: if it holds so, the factors were written in the other order, and the swap is kept."""
    for name in sorted(_used_values(left, right, scope) & set(scope.commuted)):
        if name not in scope.commuted:
            continue
        other = scope.commuted[name]
        first, second = scope.values.get(name), scope.values.get(other)
        if first is None or second is None:
            continue
        scope.values[name], scope.values[other] = second, first  # type: ignore[index]
        again = _isolated(lambda: judge_link(left, op, right, scope), right, seconds)
        if again.status == "verified":
            del scope.commuted[name], scope.commuted[other]
            reason = f"{again.reason} (reading {shown_name(name)} = {second.value}, {shown_name(other)} = "
            return replace(again, reason=reason + f"{first.value}: the factors of line {first.line} swapped)")
        scope.values[name], scope.values[other] = first, second  # type: ignore[index]
    return judged


def _forget_misread(line: int, scope: Scope) -> None:
    r"""``\delta = \delta_2 \cdot W_2 \cdot a_1 \cdot (1 - a_1) = -0.404 \cdot [0.2, 0.3] \cdot [...]``, the
    numbers of another shape than the formula: its products were read otherwise than the notes meant
    (a dot product for an entry-wise one), so the formula of that line is not the quantity's value."""
    for name, formula in list(scope.formulas.items()):
        if formula.line == line:
            scope.formulas.pop(name)  # type: ignore[attr-defined]
            scope.written.pop(name, None)
    for name, binding in list(scope.values.items()):
        if binding.line == line and binding.computed:
            scope.values.pop(name)  # type: ignore[attr-defined]


#: Prose right after a formula that makes it hold in one case only.
_CONDITION = re.compile(r"\s*(?:if|when|unless|only if)\b", re.IGNORECASE)
#: The words just before an inline formula that make it a case, not a statement: "when $p_i = p_j$".
_CASE_BEFORE = re.compile(r"\b(?:when|whenever|unless|if)\s*$", re.IGNORECASE)
#: ``y = exp()x``: a formula that starts by naming one letter, then ``=``.
_REDEFINED = re.compile(r"\s*([A-Za-z]\w*)\s*=(?!=)")


def _forget_redefined(text: str, scope: Scope) -> None:
    r"""``y = exp()x`` (not parsed) after ``y = \frac{1}{x}``: y is redefined, in a way not understood, so its
    earlier formula and value no longer hold (judged with them, the next claim about y was a false ✗)."""
    match = _REDEFINED.match(text)
    if match is not None:
        _forget_name(match[1], scope)


def _forget_name(name: str, scope: Scope) -> None:
    """``name``'s formula and value, dropped from ``scope``."""
    scope.formulas.pop(name, None)  # type: ignore[attr-defined]
    scope.values.pop(name, None)  # type: ignore[attr-defined]
    scope.written.pop(name, None)


def _forget_formula(chain: Chain, scope: Scope) -> None:
    r"""``out_{y2} = \frac{1}{1+e^{-in_{h2}}} = \frac{1}{1+e^{-1.125}}``, the second link a slip: the notes
    computed with another formula than the one they wrote, so the one written is not out_{y2}'s."""
    head = chain.elements[0]
    if head is None or not isinstance(head.node, Name):
        return
    formula = scope.formulas.get(head.node.name)
    if formula is not None and formula.line == head.line:
        scope.formulas.pop(head.node.name)  # type: ignore[attr-defined]
        scope.written.pop(head.node.name, None)


def _substituted_into(chain: Chain, scope: Scope, cell: int | None) -> tuple[Scope, list[NoteClaim]]:
    r"""``in_{h1} = 0.1 \cdot 0.1 + 0.3`` after ``in_{h1} = w_1 x_1 + b_1``: the values substituted there.

    The numbers are the earlier formula's with each name replaced, so they state those names' values
    (the weights of a figure); a number that contradicts a value already stated is named, unchecked: a
    slip, or a new value given in prose ("if w goes from 3 to 3.01")."""
    named, numbers = chain.elements[0], chain.elements[1] if len(chain.elements) > 1 else None
    if named is None or numbers is None or chain.ops[0] != "=" or not isinstance(named.node, Name):
        return scope, []
    pattern = scope.written.get(named.node.name)
    if pattern is None or numbers.node is None or not numbers_only(numbers.node) or numbers_only(pattern):
        return scope, []
    try:
        found = substitution(pattern, numbers.node, scope)
    except Exception:
        return scope, []
    defined = scope.formulas.get(named.node.name)
    if found is None:
        return scope, _known_values_substituted(named, numbers, pattern, defined, scope)
    updated = any(  # w_{new} = 4.6 after w = 3: the numbers may be the updated weight's
        n.startswith(m) and n[len(m) :].lstrip("_") in _UPDATED and b.order > known.order
        for m, (_, known) in found.conflicts.items()
        for n, b in scope.values.items()
    )
    far = defined is None or numbers.line - defined.line > NEW_CASE_LINES or cell is not None
    if found.conflicts and (far or updated):
        # far from its formula (or in a notebook, whose lines restart in each cell), or after an update:
        # perhaps a new pass with new weights
        return scope, []
    read = _stated_by(found, Element((), named.text, named.line, pattern, ""), numbers, scope)
    if read[1].status != "failed":
        return read[0], []  # the values are stated; the link itself is judged as any other
    judged = _after_a_slip(replace(read[1], text=f"{named.text} = {numbers.text}"), named, numbers, scope)
    if judged.status == "failed":
        # "if w goes from 3 to 3.01: new z = 3.01 \times 2": away from the formula's own line, a number
        # other than the value stated may be a slip or a new value the prose gives; which, it does not say
        judged = replace(judged, status="unchecked", reason=f"{judged.reason}: a slip, or a new value of it?")
    return scope, [judged]


def _known_values_substituted(
    named: Element, numbers: Element, pattern: Node, defined: Binding | None, scope: Scope
) -> list[NoteClaim]:
    r"""``z = (0.6 \cdot 5) + … - 2`` after ``z = (w_1 \cdot x_1) + … + b`` with every value stated: a claim
    that the values were copied right (✓ here; a wrong one is a conflict, named above)."""
    names = known_substituted(pattern, numbers.node, scope) if numbers.node is not None else []
    if not names or defined is None or not 0 < numbers.line - defined.line <= NEW_CASE_LINES:
        return []
    assert isinstance(named.node, Name)
    where = ", ".join(f"{shown_name(n)} = {scope.values[n].value}" for n in names)
    reason = f"the values stated ({where}) substituted into the formula of {shown_name(named.node.name)} (line "
    text = f"{named.text} = {numbers.text}"
    return [NoteClaim(numbers.line, text, "verified", "", "", reason + f"{defined.line})")]


def _isolated(work, where: Element | None, seconds: float | None):  # type: ignore[no-untyped-def]
    """Run ``work`` under the time budget; any failure becomes an unchecked claim at ``where``."""
    line = where.line if where is not None else 0
    text = where.text if where is not None else ""
    try:
        with time_limit(seconds):
            return work()
    except OverBudget:
        return unchecked(line, text, f"too large to check (over the budget of {seconds:g} s per claim)")
    except RecursionError:
        return unchecked(line, text, "too large to check (nested too deeply)")
    except MemoryError:
        return unchecked(line, text, "too large to check (out of memory)")
    except OverflowError:
        return unchecked(line, text, "too large to check (a number overflowed)")
    except (Unchecked, ParseError, SymnnError) as problem:
        return unchecked(line, text, str(problem))
    except ValueError as problem:
        if "digits" in str(problem):
            return unchecked(line, text, "too large to check (a number too long to print)")
        return unchecked(line, text, f"could not be judged ({type(problem).__name__}: {problem})")
    except Exception as problem:
        return unchecked(line, text, f"could not be judged ({type(problem).__name__}: {str(problem)[:120]})")


def _carry_value(chain: Chain, scope: Scope) -> Scope:
    """``net_{h1} = … = 0.3775``, ``Loss = (y - \\hat y)^2 = (1 - 0.0831)^2``: the name is known with the
    value the chain ends on, when that end is numbers only."""
    head, last = chain.elements[0], chain.elements[-1]
    if head is None or last is None or len(chain.elements) < 3 or last.node is None:
        return scope
    names = bound_names(head.node, scope)
    if names is None or len(names) != 1 or last.node is None:
        return scope
    try:
        value = evaluate(last.node, Scope())
    except Unchecked:
        return scope
    if value.free_symbols:
        return scope
    # a vector too: dZ = … = [-0.0135; …]; computed, so that a restatement just after (h = [0; -0.6; 0.2]) is a claim
    earlier = scope.values.get(names[0])
    exact = None
    if earlier is not None and earlier.line == head.line and not free(earlier.value) and earlier.value != value:
        exact = earlier.exact if earlier.exact is not None else earlier.value  # \hat{y} = σ(-0.1225) ≈ 0.4694
    binding = Binding(value, last.line, computed=True, numbers=numbers_only(last.node), exact=exact)
    return scope.bind(names[0], binding)


def _at_exact_values(
    judged: NoteClaim,
    left: Element,
    op: str,
    right: Element,
    scope: Scope,
    target: Element | None,
    seconds: float | None,
) -> NoteClaim:
    r"""``\sigma'(z_2) = \hat{y}(1 - \hat{y})`` after ``\hat{y} = \sigma(-0.1225) \approx 0.4694``: a link that
    writes no decimal of its own speaks of the quantities, not of the rounded values the notes go on with.
    Failed with those, it is judged again with the exact values they were rounded from. So is a link whose
    right side is only its result (``a(1-a) \approx 0.1874`` after ``a = \sigma(1.1) \approx 0.7503``: 0.18737
    from the exact a, 0.18735 from the rounded one): the author may have carried either."""
    decimals = [side for side in (left, right) if any(t.kind == "num" and "." in t.text for t in side.tokens)]
    if judged.status != "failed" or decimals not in ([], [right]) or (decimals and printed(right.node) is None):
        return judged
    rounded = {
        name: binding
        for name in _used_values(left, right, scope)
        if (binding := scope.values.get(name)) is not None and binding.exact is not None
    }
    if not rounded:
        return judged
    exact = {name: replace(binding, value=binding.exact, exact=None) for name, binding in rounded.items()}
    at_exact = replace(scope, values={**scope.values, **exact})
    again = _isolated(lambda: judge_link(left, op, right, at_exact, target), right, seconds)
    if again.status != "verified":
        return judged
    shown = ", ".join(f"{shown_name(n)} (rounded on line {b.line})" for n, b in sorted(rounded.items()))
    return replace(again, reason=f"{again.reason}; at the exact value of {shown}")


def _approx_target(chain: Chain, index: int) -> Element | None:
    r"""For ``A \approx B = C = 7.07``: the first decimal reached from B through ``=`` links."""
    right = chain.elements[index + 1]
    left = chain.elements[index]
    if right is None or printed(right.node) is not None or (left is not None and printed(left.node) is not None):
        return None
    for later in range(index + 1, len(chain.ops)):
        if chain.ops[later] != "=":
            return None
        found = chain.elements[later + 1]
        if found is not None and printed(found.node) is not None:
            return found
    return None


# ---------------------------------------------------------------- files


def _order_claim(tokens: list[Token]) -> bool:
    return any(t.text == r"\mathcal" for t in tokens) and any(t.text == "O" for t in tokens)


def check_notes(
    source: str, file: str = "<notes>", kind: str = "markdown", seconds: float | None = CLAIM_SECONDS
) -> NotesReport:
    r"""Check every claim in the text of a notes file.

    Args:
        source: the text of the notes.
        file: the name shown in the report.
        kind: ``"markdown"``, ``"latex"`` or ``"notebook"``.
        seconds: the time budget of one claim (None: no limit).

    Examples:
        >>> report = check_notes("Let $f(x)=x^2$. Then $f(3) = 9 = 3^2$ and $\\sqrt2 \\approx 1.41$.")
        >>> [(c.text, c.status) for c in report.claims]
        [('f(3) = 9', 'verified'), ('9 = 3^2', 'verified'), ('\\sqrt2 \\approx 1.41', 'verified')]
    """
    try:
        formulas, problems = find(source, kind)
    except ValueError as problem:
        raise SymnnError(f"{file}: {problem}") from None
    spans = exercise_spans(source) if kind == "latex" else ()
    sections = section_starts(source, kind)
    with (
        layered_in(layered_names(source)),  # \partial w_{11}^2: layers as superscripts
        exercises_in(spans, sections),
        e_read_as_a_variable(differentiated_by_e(source)),  # d = c + e, then dd/de = 1: e is a variable
    ):
        return _read(formulas, problems, file, seconds)


#: A name in parentheses after a label, then its value: ``**Input ($x$):** $2.0$``.
_LABEL_NAME = re.compile(r"\s*(?:\\[A-Za-z]+\{?[A-Za-z]\}?|\\[A-Za-z]+|[A-Za-z])(?:_\{?\w+\}?)?\s*")
_LABEL_BETWEEN = re.compile(r"\)\s*[*_]*\s*(?::|is)\s*[*_]*")


def _labelled_values(formulas: list[Formula]) -> list[Formula]:
    r"""``* **Input ($x$):** $2.0$`` and ``1. **Prediction ($p$):** $x \times w$``: the value of the name in
    parentheses, as ``x = 2.0`` and ``p = x \times w`` would state it."""
    out = list(formulas)
    for index in range(1, len(out)):
        name, value = out[index - 1], out[index]
        if (name.line, name.cell) != (value.line, value.cell) or not _LABEL_NAME.fullmatch(name.text):
            continue
        if not _LABEL_BETWEEN.fullmatch(value.before.strip()) or re.search(r"=|\\approx|≈", value.text):
            continue
        text = f"{name.text.strip()} = {value.text.strip()}"
        out[index] = new_formula(text, value.line, value.display, "", "", value.after, value.cell)
    return out


#: Prose that says a derivative of the formula after it: "the derivative of $\tanh x$ is $1 - \tanh^2 x$".
_DERIVATIVE_OF = re.compile(r"\bderivative of(?: the function)?\s*$", re.IGNORECASE)
_WITH_RESPECT_TO = re.compile(r"^\s*(?:with\s+respect\s+to|w\.r\.t\.?|by)\s*$", re.IGNORECASE)
_IS = re.compile(r"^\s*(?:is|equals|is equal to|is given by|becomes|=)\s*:?\s*$", re.IGNORECASE)


def _derivatives_said(formulas: list[Formula]) -> list[Formula]:
    r""""the derivative of $\tanh x$ is $1-\tanh^2 x$" (with respect to $x$, or in the one letter it has): the
    claim ``\frac{d}{dx} \tanh x = 1 - \tanh^2 x`` that the sentence makes, at the line of its second formula."""
    out = list(formulas)
    for index in range(len(out) - 1):
        function, value = out[index], out[index + 1]
        if not _DERIVATIVE_OF.search(function.before) or "=" in function.text or function.cell != value.cell:
            continue
        variable = None
        if _WITH_RESPECT_TO.match(value.before) and index + 2 < len(out):
            variable, value = value.text.strip(), out[index + 2]
        if not _IS.match(value.before) or re.search(r"=|\\approx", value.text):
            continue
        variable = variable or _only_letter(function.text)
        if variable is None or not re.fullmatch(r"[A-Za-z]", variable):
            continue
        text = rf"\frac{{d}}{{d{variable}}} \left( {function.text.strip()} \right) = {value.text.strip()}"
        out[out.index(value)] = new_formula(text, value.line, value.display, "", "", value.after, value.cell)
    return out


def _only_letter(text: str) -> str | None:
    r"""The one single-letter name of ``text`` (``x`` of ``\tanh x``), or None."""
    try:
        node = parse_tokens(tokenize(text))
    except ParseError:
        return None
    letters = {n.name for n in walk(node) if isinstance(n, Name) and re.fullmatch(r"[A-Za-z]", n.name)} - {"e"}
    return letters.pop() if len(letters) == 1 else None


def _read(formulas: list[Formula], problems: list[Problem], file: str, seconds: float | None) -> NotesReport:
    """Judge the formulas of one notes file in order, each in the scope the ones before it made."""
    formulas = _derivatives_said(_labelled_values(formulas))
    scope = Scope()
    claims: list[NoteClaim] = []
    quiet: list[BlockNote] = [BlockNote(p.line, p.reason, p.cell) for p in problems]
    previous: Element | None = None
    waiting: list[tuple[Formula, int, int, str]] = []  # claims about a function defined only later
    case: IndexCase | None = None  # "for $j \neq i$": the case the next display formula is about
    sums: list[tuple[str, int, int | None]] = []  # \sum_k y_k = 1: the stem, the line, the cell
    cell: int | None = None
    eigenvalues = eigen.eigenvalues_said(formulas)  # "the eigenvalues of $H$ are $2$ and $6$"
    named: named_activation.Named | None = None  # the activation the prose named last ("the sigmoid activation")
    reading: tuple[named_activation.Named, Definition] | None = None  # f read as it: the activation, f defined so
    for place, formula in enumerate(formulas):
        if formula.cell != cell:
            scope, cell = scope.in_new_cell(), formula.cell  # lines restart: a value of another cell is far
        named = named_activation.named_in(formula.before, formula.line, named)
        _stated_for_all(formula, scope)
        if named is not None and named_activation.uses_undefined(formula.text, scope):
            read = named_activation.read_as_named(named, formula.line, scope)
            if read is not None:
                scope, reading = read, (named, read.functions["f"])
        stated = index_case(formula.text)
        if stated is not None:
            case = stated
        constraints = dict(scope.constraints)
        with in_case(case if formula.display else None):
            scope, found, previous, reason = _check_formula(formula, scope, previous, seconds)
        if place in eigenvalues:
            found = [*found, *eigen.judge_eigenvalues(formula, eigenvalues[place], scope)]
        found = [_another_function_named(c, formulas, place, scope) for c in found]
        found = stated_after.with_values_stated_after(found, formulas, place, scope, _rechecked(seconds))
        if reading is not None and scope.functions.get("f") is reading[1]:
            found = named_activation.mark(found, reading[0])
        sums += [(stem, at, formula.cell) for stem, at in scope.constraints.items() if constraints.get(stem) != at]
        if formula.display and (found or "=" in formula.text):
            case = None  # (not on a name shown in $$…$$ in the middle of the sentence: kramdown's inline maths)
        for claim in found:
            later = _UNDEFINED.fullmatch(claim.reason)
            if later:
                waiting.append((formula, len(claims), len(found), later[1]))
                break
        claims.extend(replace(c, cell=formula.cell) if formula.cell is not None else c for c in found)
        if not found:
            quiet.append(BlockNote(formula.line, reason, formula.cell))
    for formula, start, count, name in waiting:
        _judge_forward(formula, claims, start, count, name, scope, seconds)
    claims = _cut_off_throughout([_summed_to_one_later(c, sums) for c in claims])
    claims = named_activation.confirmed(claims) if reading is not None else claims
    quiet.sort(key=lambda b: (b.cell or 0, b.line))
    return NotesReport(file, tuple(claims), len(formulas), tuple(quiet))


_UNDEFINED = re.compile(r"(\S+) is not defined")
#: Functions a sentence names in words: "Leaky ReLU with $\alpha = 0.01$: $f(-2) = -0.02$" speaks of that f.
_NAMED_FUNCTION = re.compile(
    r"\b(?:leaky|relu|elu|selu|gelu|softplus|swish|mish|sigmoid|tanh|softmax|hinge|huber)\b",  # (not "step", "sign")
    re.IGNORECASE,
)
_CALLED = re.compile(r"^\s*([A-Za-z])\s*\(")


def _sentence_before(formulas: list[Formula], place: int) -> str:
    """The prose of the line up to the formula at ``place``, between the formulas before it on that line."""
    start = place
    while start > 0 and place - start < 4 and formulas[start - 1].line == formulas[place].line:
        if formulas[start - 1].cell != formulas[place].cell:
            break
        start -= 1
    return " ".join(f.before for f in formulas[start : place + 1])


def _another_function_named(claim: NoteClaim, formulas: list[Formula], place: int, scope: Scope) -> NoteClaim:
    r"""A failed ``f(-2) = -0.02`` in a sentence that names a function in words (leaky ReLU), where the f the notes
    defined, a line or more away, was not introduced with that word: the sentence's f may be the function it names,
    not that one."""
    called = _CALLED.match(claim.text) if claim.status == "failed" else None
    definition = scope.functions.get(called[1]) if called else None
    if called is None or definition is None or claim.line - definition.line < 2:
        return claim  # (most claims: the sentence is not read)
    named = _NAMED_FUNCTION.search(_sentence_before(formulas, place))
    if named is None:
        return claim
    cell = formulas[place].cell
    defined_at = [k for k, f in enumerate(formulas[:place]) if f.line == definition.line and f.cell == cell]
    if any(named[0].lower() in _sentence_before(formulas, k).lower() for k in defined_at):
        return claim  # "the leaky ReLU f(x) = …", then "for leaky ReLU, f(-2) = …": that f, and a slip
    reason = f"{claim.reason}; but the sentence speaks of {named[0]}, and its {called[1]} may be that, not the "
    reason += f"{called[1]} of line {definition.line}"
    return unchecked(claim.line, claim.text, reason, claim.claimed, claim.exact)


#: The start of the reason of a decimal right only cut off (:func:`symnn.notes.digits.judge_numbers`).
_CUT_OFF = re.compile(r"^(-?[\d.]+) is the exact value cut off, not rounded \(")
#: A decimal right to the digits printed, rounded, and the exact value beside it.
_ROUNDED = re.compile(r"agrees to the printed digits \(rounded\); exact (-?\d+\.\d+)…")


def _cut_off_throughout(claims: list[NoteClaim]) -> list[NoteClaim]:
    """Decimals cut off, not rounded (0.872661 for 0.8726618…), are the notes' habit when at least two are and no
    decimal of the notes is rounded where cutting it off would differ: each is then right to its printed digits
    (≈✓, with that reason). One alone, or beside decimals rounded up, stays unchecked (a slip in the rounding?)."""
    cut = [i for i, c in enumerate(claims) if c.status == "unchecked" and _CUT_OFF.match(c.reason)]
    if len(cut) < 2:
        return claims
    for claim in claims:
        found = _ROUNDED.search(claim.reason) if claim.status == "printed" else None  # (after "with the values …:")
        shown = claim.claimed.lstrip("-")
        if found is None or "." not in shown or "," in claim.claimed:
            continue
        places = len(shown.split(".")[1])
        exact = found[1].lstrip("-")
        if exact[: exact.index(".") + 1 + places] != shown:
            return claims  # rounded up somewhere: cutting off is no habit of these notes
    habit = f"cut off to the digits printed, as these notes do throughout ({len(cut)} cut off, none rounded up)"
    return [
        replace(c, status="printed", reason=f"{habit}; {c.reason}") if i in cut else c for i, c in enumerate(claims)
    ]
#: How far after a derivation the sentence that says its targets sum to one may come ("where …").
SUM_AFTER_LINES = 6
_SUMS_TO_ONE = re.compile(r"true if \u03a3_j (?P<stem>\S+)_j = 1, which the notes do not state as a formula$")


def _summed_to_one_later(claim: NoteClaim, sums: list[tuple[str, int, int | None]]) -> NoteClaim:
    r"""``… = p_i - y_i`` "where $\sum_k y_k = 1$": a derivation that needs the targets to sum to one, which the
    notes state just after it (within :data:`SUM_AFTER_LINES` lines, in the same cell), is verified given it.
    ``sums``: each statement that entries sum to one, as (stem, line, cell)."""
    given = _SUMS_TO_ONE.search(claim.reason) if claim.status == "unchecked" else None
    if given is None:
        return claim
    after = [line for stem, line, cell in sums if stem == given["stem"] and cell == claim.cell]
    stated = next((line for line in after if 0 < line - claim.line <= SUM_AFTER_LINES), None)
    if stated is None:
        return claim
    prefix = claim.reason[: given.start()]
    reason = f"{prefix}an identity given \u03a3_j {given['stem']}_j = 1 (line {stated}, stated after it)"
    return replace(claim, status="verified", reason=reason)
#: How far after a claim a definition may come and still be the one the claim means.
FORWARD_LINES = 15


def _judge_forward(
    formula: Formula, claims: list[NoteClaim], start: int, count: int, name: str, scope: Scope, seconds: float | None
) -> None:
    """ "∂f_1/∂x = 2x, where f_1(x,y) = x^2 + y": judge again once the later definition is known.

    Only a verification is taken (with the line of the definition in the reason); a mismatch
    stays unchecked, since the definition read may belong to another passage. The one exception is a
    name read from its derivative a few lines on (∂O_11/∂w = ∂/∂w [x_1 w + …]): a closed form in the
    names that reading uses that contradicts it is a slip.
    """
    definition = scope.functions.get(name) or scope.functions.get(name.split("_")[0])
    revealed = scope.formulas.get(name)
    line, within = (definition.line if definition is not None else None), FORWARD_LINES
    if definition is None and revealed is not None and revealed.revealed:
        line, within = revealed.line, RESTATED_LINES  # ∂O_11/∂w = ∂/∂w [x_1 w + …] a few lines on: all it says of O_11
    if line is None or not 0 < line - formula.line <= within or formula.cell is not None:
        return  # only a definition that follows closely ("where f_1(x, y) = ...") is meant for the claim
    try:
        _, again, _, _ = _check_formula(formula, scope, None, seconds)
    except Exception:
        return
    if len(again) != count:
        return
    for offset, (old, new) in enumerate(zip(claims[start : start + count], again, strict=True)):
        by_values = "at the point" in new.reason or "stated values" in new.reason
        # a closed form that contradicts the derivative its pieces, spelled out just below, give is a slip
        spelled_out = within == RESTATED_LINES and new.status == "failed" and new.reason.endswith(CLOSED_FORM)
        if (
            old.status == "unchecked"
            and (new.status in ("verified", "printed") or spelled_out)
            and old.text == new.text
            and not by_values
        ):
            own = _UNDEFINED.fullmatch(old.reason)
            used = (scope.functions.get(own[1]) or scope.formulas.get(own[1])) if own else None
            where = used.line if used is not None else line
            reason = f"{new.reason}, by the definition of {own[1] if own else name} on line {where}, given after it"
            claims[start + offset] = replace(new, reason=reason, cell=old.cell)


def _check_formula(
    formula: Formula, scope: Scope, previous: Element | None, seconds: float | None
) -> tuple[Scope, list[NoteClaim], Element | None, str]:
    """Check one math block: the new scope, its claims, the element a next "= …" block continues, and
    the reason when it gave no claim."""
    try:
        parts = chains(formula)
    except ParseError as problem:
        _forget_redefined(formula.text, scope)
        if "=" in formula.text or r"\approx" in formula.text:
            text = " ".join(formula.text[:400].split())
            return scope, [unchecked(formula.line, text, f"not parsed: {problem}")], None, ""
        return scope, [], None, f"no relation to check (not parsed: {problem})"
    if len(parts) > 1 and r"\in" in formula.text:  # $x, y \in \mathbb{R}^n$: split at the comma, declared together
        scope = _quietly(lambda: declare_shape(tokenize(formula.text), scope), scope)
    linked = previous if _continues(formula.before) and len(parts) == 1 else None
    opening = parts[0][1] if parts else None
    adjoining = formula.before.strip() in ("", "|", "&")  # nothing between, or the next cell of a table row
    if adjoining and opening is not None and opening.elements[0] is None:
        linked = previous  # $$ ... $$ then $$ = ... $$, or | $a = b$ | $\approx c$ |: one chain
    claims: list[NoteClaim] = []
    defined = False
    case = current_case()
    cases = [index_case(" ".join(t.text for t in tokens)) for tokens, _ in parts]
    if len(parts) > 1 and cases[-1] is not None and not any(cases[:-1]):
        case = cases[-1]  # \frac{\partial a_j}{\partial z_i} = a_i(1 - a_i), \quad i = j: the case written after
    for (tokens, chain), stated in zip(parts, cases, strict=True):
        if stated is not None:
            case = stated  # \text{if } i = j \quad …: the case the statements after it are about
            continue
        if chain is None and linked is not None:
            alone = element(tokens, formula)  # "= $\frac{\partial (y - wx)^2}{\partial w}$": the sign in the prose
            chain = Chain((alone,), (), "") if alone is not None else None
        if chain is None:
            scope = _quietly(lambda: set_point(tokens, formula, scope), scope)  # noqa: B023
            scope = _quietly(lambda: declare_function(tokens, formula, scope), scope)  # noqa: B023
            scope = _quietly(lambda: named_activation.declared_as_named(tokens, formula, scope), scope)  # noqa: B023
            scope = _quietly(lambda: declare_shape(tokens, scope), scope)  # noqa: B023
            if _order_claim(tokens):
                text = " ".join(formula.text[:400].split())
                reason = "an order claim O(...) about an error named in the prose; not checked"
                claims.append(unchecked(formula.line_at(tokens[0].pos), text, reason))
            continue
        before = scope
        with in_case(case):
            scope, found = check_statement(chain, formula, scope, linked, seconds)
        defined = defined or scope is not before
        linked = None
        claims.extend(found)
    following = None
    if len(parts) == 1 and parts[0][1] is None:
        following = element(parts[0][0], formula)
    elif parts and parts[-1][1] is not None:
        following = parts[-1][1].elements[-1]
    reason = "" if claims else ("a definition (nothing to check)" if defined else "no relation to check (= or ≈)")
    return scope, claims, following, reason


#: "initialize all the weights to $1$", "all biases are $0$": a value for every parameter of a kind.
_FOR_ALL = re.compile(
    r"\ball (?:the |of the )?(?P<kind>weights|biases)\s*(?:are |is )?(?:(?:set|initiali[sz]ed|equal) )?"
    r"(?:to |as |=\s*)?$",
    re.IGNORECASE,
)
_KINDS = {"weights": "w", "biases": "b"}


def _stated_for_all(formula: Formula, scope: Scope) -> None:
    """Read "all the weights to $1$" (the prose before a formula that is one number) into ``scope.defaults``."""
    said = _FOR_ALL.search(formula.before)
    if said is None or not re.fullmatch(r"\s*-?\d+(?:\.\d+)?\s*", formula.text):
        return
    scope.defaults[_KINDS[said["kind"].lower()]] = Binding(sp.Rational(formula.text.strip()), formula.line)


def _rechecked(seconds: float | None) -> stated_after.Recheck:
    """Judge a formula again in a scope apart, for a trial reading: the scope and the claims (none on an error)."""

    def recheck(formula: Formula, scope: Scope) -> tuple[Scope, list[NoteClaim]]:
        try:
            scope, claims, _, _ = _check_formula(formula, scope, None, seconds)
        except Exception:
            return scope, []
        return scope, claims

    return recheck


def _quietly(work, scope: Scope) -> Scope:  # type: ignore[no-untyped-def]
    try:
        with time_limit(CLAIM_SECONDS):
            return work()
    except (Exception, OverBudget):
        return scope


def kind_of(path: Path) -> str:
    """``markdown``, ``latex`` or ``notebook``, from the file's suffix."""
    suffix = path.suffix.lower()
    if suffix in (".tex", ".latex", ".ltx"):
        return "latex"
    if suffix == ".ipynb":
        return "notebook"
    return "markdown"


def check_file(path: Path | str, seconds: float | None = CLAIM_SECONDS) -> NotesReport:
    """Check a Markdown (``.md``), LaTeX (``.tex``) or Jupyter (``.ipynb``) file.

    Raises:
        SymnnError: when the file cannot be read as UTF-8 text (or is not a notebook).
    """
    file = Path(path)
    try:
        source = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SymnnError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise SymnnError(f"{file}: is a directory, not a notes file") from None
    except UnicodeDecodeError:
        raise SymnnError(f"{file}: not UTF-8 text") from None
    except OSError as problem:
        raise SymnnError(f"{file}: cannot be read ({problem.strerror})") from None
    return check_notes(source, str(path), kind_of(file), seconds)
