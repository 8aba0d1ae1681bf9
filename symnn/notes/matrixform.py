r"""Judging a link of a matrix-form derivation at concrete sizes (:mod:`symnn.notes.shapes`).

``\frac{\partial L}{\partial W} = \frac{\partial L}{\partial z} x^T`` after ``z = Wx + b``,
``a = \sigma(z)`` and ``L = L(a)``: W, x, b, z, a become matrices of symbols at sizes inferred
from the formulas (W 3 × 2, x 2 × 1, …), the definitions give z and a in them, L is read to first
order in a, and both sides are compared entry by entry once every defined name is written out.
Only formulas with the marks of matrix form are read so (a transpose, ``\odot``, or a shape the
notes declare), so that the scalar names of a step-by-step post are never taken for matrices.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import cast

import sympy as sp

from symnn.notes.chains import Element
from symnn.notes.claims import EQUATION, NoteClaim
from symnn.notes.dependence import LOSSES, display_layers
from symnn.notes.differentials import is_differential_call, varied, written_as_differentials
from symnn.notes.evaluate import Scope, Unchecked, Value, evaluate, opaque_activations
from symnn.notes.shapes import CHANGE, Instance, Refused, entries, infer, shaped
from symnn.notes.syntax import Call, Derivative, DiffOp, Name, Node, Op, Transpose, rebuilt, walk
from symnn.verify import check_claim, equal

__all__ = ["matrix_form"]

#: Names that are numbers in matrix-form notes: learning rates and constants.
_CONSTANTS = frozenset({"eta", "alpha", "lambda", "gamma", "beta", "epsilon", "mu", "m", "n", "N"})
#: The most names one instance may hold.
_MAX_NAMES = 24


def _marked(node: Node) -> bool:
    """Whether ``node`` has a mark of matrix form: a transpose or ``\\odot``."""
    return any(isinstance(n, Transpose) or (isinstance(n, Op) and n.op == "hadamard") for n in walk(node))


def _used(nodes: list[Node], written: dict[str, Node]) -> set[str]:
    """The names ``nodes`` use, through the definitions written for them."""
    seen: set[str] = set()
    stack = [n.name for node in nodes for n in walk(node) if isinstance(n, (Name, Derivative, Call))]
    stack += [w for node in nodes for n in walk(node) if isinstance(n, Derivative) for w in n.wrt]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        if name in written:
            stack += [n.name for n in walk(written[name]) if isinstance(n, (Name, Derivative, Call))]
            stack += [w for n in walk(written[name]) if isinstance(n, Derivative) for w in n.wrt]
    return seen


def matrix_form(line: int, text: str, left: Element, shown: Element, scope: Scope) -> NoteClaim | None:
    """The verdict on ``left = shown`` read in matrix form, or None when the link is not in matrix form."""
    if left.node is None or shown.node is None:
        return None
    changed = _with_changes(left, shown, scope)
    if changed is None:
        return None
    left, shown = changed
    assert left.node is not None and shown.node is not None
    nodes = [left.node, shown.node]
    layers = _layer_instances(scope.written, nodes)
    if layers:  # z^{(L)} of z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}: the layer the claim is about, written out
        scope = replace(scope, written={**scope.written, **layers})
    written = dict(scope.written)
    used = _used(nodes, written)
    declared = {n: s for n, s in scope.shapes.items() if s is not None and n in used}
    marked = any(_marked(n) for n in nodes) or any(_marked(written[n]) for n in used if n in written)
    marked = marked or bool(varied(nodes))
    if not declared and not marked and not used & scope.in_matrix_form:
        return None
    numbers = {n for n, b in scope.values.items() if not isinstance(b.value, sp.MatrixBase)}
    # E_{\mathrm{ols}} of ∂E_ols/∂w, as L of ∂L/∂w: the quantity differentiated by a matrix is a number (a loss)
    differentiated = {n.name for node in nodes for n in walk(node) if isinstance(n, Derivative) and n.name in written}
    named_losses = LOSSES | {n for n in differentiated if _a_loss_subscripted(n)}
    scalars = frozenset(named_losses | numbers | _CONSTANTS | {n for n, s in scope.shapes.items() if s is None})
    losses = [written[n] for n in sorted(used) if n in named_losses and n in written]  # L = L(a): a is in matrix form
    for small in (False, True):
        try:
            sizes = infer(nodes, written, declared, scalars, small, tuple(losses))
        except Refused:
            return None
        if not any(rows * columns > 1 for rows, columns in sizes.values()) or len(sizes) > _MAX_NAMES:
            return None
        if marked:
            scope.in_matrix_form.update(sizes)  # the vectors and matrices of a marked formula stay so
        if any(n in _IDENTITIES and n not in written and r != c for n, (r, c) in sizes.items()):
            return None  # I beside names that make it non-square: not the identity, not read
        matrices = {
            # I, \mathbf{I}: the identity matrix, unless the notes define I (U(\Lambda + \beta I)U^\top)
            n: sp.ImmutableMatrix(sp.eye(r)) if n in _IDENTITIES and n not in written else entries(n, r, c)
            for n, (r, c) in sizes.items()
        }
        instance = Instance(sizes, matrices)
        where = f"in matrix form at {instance.describe()}"
        with shaped(instance):
            try:
                _define(instance, scope, nodes)
                exact, claimed = evaluate(left.node, scope), evaluate(shown.node, scope)
                exact, claimed = instance.expanded(exact), instance.expanded(claimed)
            except (Unchecked, Refused) as problem:
                if not small and "operations" in str(problem):
                    continue  # a deep network: again at sizes 2 and 3
                return NoteClaim(line, text, "unchecked", "", "", f"{where}: {problem}")
        derivation = isinstance(left.node, (Derivative, DiffOp)) or is_differential_call(left.node)  # (d(x^T x) = …)
        derivation = derivation or bool(varied(nodes))  # linear in a change dx: for every dx, no equation to solve
        verdict = _compare(line, text, claimed, exact, where, derivation)
        verdict = _held_constant(verdict, nodes, set(sizes))
        if verdict.status == "failed" and isinstance(left.node, DiffOp):
            return _if_symmetric(verdict, claimed, exact, instance, left.node.wrt, where)
        return verdict
    return None


def _if_symmetric(
    verdict: NoteClaim, claimed: Value, exact: Value, instance: Instance, wrt: tuple[str, ...], where: str
) -> NoteClaim:
    """A failed ``\\frac{\\partial}{\\partial x} x^T A x = 2Ax``: unchecked when it holds with every square matrix
    in it (but the variable) symmetric, which notes often say in words; the ✗ otherwise."""
    square = [n for n, (r, c) in instance.sizes.items() if r == c > 1 and n not in wrt and n not in _IDENTITIES]
    mirrored: dict[sp.Expr, sp.Expr] = {}
    for name in square:
        entries = instance.symbols[name]
        mirrored.update({entries[j, i]: entries[i, j] for i in range(entries.rows) for j in range(i)})
    if not mirrored:
        return verdict
    again = _compare(verdict.line, verdict.text, claimed.xreplace(mirrored), exact.xreplace(mirrored), where, True)
    if again.status != "verified":
        return verdict
    names = ", ".join(display_layers(n) for n in square)
    reason = f"{where}: true if {names} is symmetric (its transpose itself), which the notes may say in words"
    return NoteClaim(verdict.line, verdict.text, "unchecked", verdict.claimed, verdict.exact, reason)


#: Names of the identity matrix.
_IDENTITIES = frozenset({"I", "mathbf_I", "mathbb_I", "mathrm_I", "boldsymbol_I"})
#: A name with a layer for superscript: ``z__l`` (z^{(l)}), ``a__Lminus1`` (a^{(L-1)}), ``W__2``.
_LAYER = re.compile(r"^(?P<stem>.+?)__(?P<base>[A-Za-z]|\d+)(?:(?P<sign>minus|plus)(?P<offset>\d+))?$")


def _held_constant(verdict: NoteClaim, nodes: list[Node], shaped_names: set[str]) -> NoteClaim:
    """``verdict`` saying which vectors and matrices in a d(…) were held constant: those whose change the claim
    does not write (A of d(x^T A x) beside dx)."""
    inside = {
        n.name for node in nodes for call in walk(node) if is_differential_call(call)
        for n in walk(call) if isinstance(n, Name) and n.name in shaped_names and not n.name.startswith(CHANGE)
    }
    constant = sorted(inside - varied(nodes))
    if not constant or verdict.status == "unchecked":
        return verdict
    said = ", ".join(f"{display_layers(n)} held constant (no d{display_layers(n)} is written)" for n in constant)
    return replace(verdict, reason=f"{verdict.reason} ({said})")


def _with_changes(left: Element, shown: Element, scope: Scope) -> tuple[Element, Element] | None:
    r"""The sides with ``dx`` and ``d(x \odot y)`` read as changes (:mod:`symnn.notes.differentials`), unless the
    notes give d a meaning; None when a d is left that is neither a change nor d of a bracket."""
    letters = [n for side in (left, shown) for n in walk(side.node)]
    if not any((isinstance(n, Name) and n.name == "d") or is_differential_call(n) for n in letters):
        return left, shown
    if "d" in scope.values or "d" in scope.functions or "d" in scope.formulas:
        return left, shown
    assert left.node is not None and shown.node is not None
    left = replace(left, node=written_as_differentials(left.node))
    shown = replace(shown, node=written_as_differentials(shown.node))
    if any(isinstance(n, Name) and n.name == "d" for side in (left, shown) for n in walk(side.node)):
        return None
    left, shown = _of_defined(left, scope), _of_defined(shown, scope)
    assert left.node is not None and shown.node is not None
    names = {n.name for side in (left.node, shown.node) for n in walk(side) if isinstance(n, Name)}
    for name in varied([left.node, shown.node]):
        if name not in names:
            return None  # df of an f defined twice, or never: the change of what? (dx beside x is x's change)
    return left, shown


def _of_defined(side: Element, scope: Scope) -> Element:
    r"""``side`` with the change ``df`` of a quantity the notes define (``f(x) = \operatorname{tr}(A x x^T)``) as d of
    its definition: f does not vary on its own."""

    def defined(node: object) -> Node | None:
        if not (isinstance(node, Name) and node.name.startswith(CHANGE)):
            return None
        name = node.name[len(CHANGE) :]
        if len(scope.history.get(name, ())) > 1 or name in scope.redefined:
            return None  # f defined in each exercise (f(x) = tr(A x x^T), then f(x) = tr(B^{-1})): which, not clear
        function = scope.functions.get(name)
        body = scope.written.get(name, function.source if function is not None else None)
        return Call("d", (body,), 0) if isinstance(body, Node) else None

    return replace(side, node=cast(Node, rebuilt(side.node, defined)))


def _layer_of(name: str) -> tuple[str, str, int] | None:
    """(stem, base, offset) of a name with a layer: ``a__Lminus1`` → ("a", "L", -1); ``W__2`` → ("W", "", 2)."""
    match = _LAYER.match(name)
    if match is None:
        return None
    offset = int(match["offset"] or 0) * (-1 if match["sign"] == "minus" else 1)
    if match["base"].isdigit():
        return match["stem"], "", int(match["base"]) + offset
    return match["stem"], match["base"], offset


def _layer_name(stem: str, base: str, offset: int) -> str:
    if not base:
        return f"{stem}__{offset}"
    shift = f"minus{-offset}" if offset < 0 else f"plus{offset}" if offset > 0 else ""
    return f"{stem}__{base}{shift}"


def _layer_instances(written: Mapping[str, Node], nodes: list[Node]) -> dict[str, Node]:
    r"""The definitions for each layer (``z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}``, ``a^{(l)} = \sigma(z^{(l)})``)
    written out at the layers a claim needs: from the layer of the variable it differentiates by (W^{(L)}: L) up,
    so that the layers below stay what they are to it, inputs (a^{(L-1)})."""
    templates = {}
    for name, node in written.items():
        layer = _layer_of(name)
        if layer is not None and len(layer[1]) == 1 and layer[1].islower() and layer[2] == 0:
            templates[layer[0]] = (layer[1], node)
    variables = [_layer_of(w) for node in nodes for n in walk(node) if isinstance(n, Derivative) for w in n.wrt]
    floors = {(v[1], v[2]) for v in variables if v is not None}
    if not templates or len(floors) != 1:
        return {}
    base, floor = floors.pop()
    if base in {letter for letter, _ in templates.values()}:
        return {}  # ∂C/∂W^{(l)} at the generic layer itself: its definitions are the templates
    out: dict[str, Node] = {}
    queue = sorted(_used(nodes, dict(written)))  # (C = ½‖a^{(L)} - y‖²: the names of the definitions used too)
    while queue and len(out) < 12:
        name = queue.pop()
        layer = _layer_of(name)
        if name in written or name in out or layer is None or layer[0] not in templates:
            continue
        stem, at, offset = layer
        if at != base or offset < floor:
            continue  # a layer below the variable's: an input to it
        letter, body = templates[stem]

        def shifted(node: object, letter: str = letter, at: str = at, offset: int = offset) -> object | None:
            inner = _layer_of(node.name) if isinstance(node, Name) else None
            if inner is None or inner[1] != letter:
                return None
            return Name(_layer_name(inner[0], at, offset + inner[2]))

        instance = cast(Node, rebuilt(body, shifted))
        out[name] = instance
        queue += sorted(_used([instance], dict(written)))
    return out


def _a_loss_subscripted(name: str) -> bool:
    """Whether ``name`` is the name of a loss with a subscript (``E_ols``, ``E_hatw``, ``mathcal_C_MSE``)."""
    return any(name.startswith(stem + "_") and len(name) > len(stem) + 1 for stem in LOSSES)


def _define(instance: Instance, scope: Scope, nodes: list[Node]) -> None:
    """Fill ``instance`` with what the definitions make of its names: values first, then losses, then the
    names defined by derivatives (δ = ∂L/∂z), which need both."""
    derived = []
    for name in instance.symbols:
        node = scope.written.get(name)
        if node is None or any(isinstance(n, Name) and n.name == name for n in walk(node)):
            continue  # (x ← x - η ∇_x L(x): an update of x, no definition of it)
        if any(isinstance(n, Derivative) for n in walk(node)):
            derived.append(name)
            continue
        instance.values[name] = _shaped(evaluate(node, scope), instance.sizes[name], name)
    losses = {n.name for node in nodes for n in walk(node) if isinstance(n, Derivative)}
    losses |= {n.name for name in derived for n in walk(scope.written[name]) if isinstance(n, Derivative)}
    for loss in sorted(losses - set(instance.symbols)):
        node = scope.written.get(loss)
        function = scope.functions.get(loss)
        if node is None and function is not None and function.source is not None:
            node = function.source  # L(x) = \frac{1}{2}\|Ax - b\|^2: the loss as written, in the vector x
        if isinstance(node, Call) and node.args and node.primes == 0 and node.name not in scope.functions:
            # L = L(a), \mathcal{L} = L(z, y): to first order in each vector, ∂L/∂a_k a symbol each
            terms = []
            for place, argument in enumerate(node.args):
                inside = evaluate(argument, scope)
                if not isinstance(inside, sp.MatrixBase):
                    raise Refused(f"{loss} of a number")
                slopes = entries(f"∂{loss}/∂{place + 1}", inside.rows, inside.cols)
                terms += [g * a for g, a in zip(slopes, inside, strict=True)]
            instance.losses[loss] = sp.Add(*terms)
        elif node is not None:
            value = evaluate(node, scope)
            if isinstance(value, sp.MatrixBase):
                if value.shape != (1, 1):
                    raise Refused(f"{loss} is a vector, not a number")
                value = value[0]
            instance.losses[loss] = value
    for name in derived:
        instance.values[name] = _shaped(evaluate(scope.written[name], scope), instance.sizes[name], name)


def _shaped(value: Value, size: tuple[int, int], name: str) -> sp.ImmutableMatrix:
    """``value`` as a matrix of ``size`` (a number as 1 × 1), or Refused."""
    matrix = value if isinstance(value, sp.MatrixBase) else sp.ImmutableMatrix([[value]])
    if matrix.shape != size:
        raise Refused(f"the definition of {name} has shape {matrix.shape}, not {size}")
    return sp.ImmutableMatrix(matrix)


def _compare(
    line: int, text: str, claimed: Value, exact: Value, where: str, derivation: bool, layout: str = ""
) -> NoteClaim:
    """Entry by entry, exactly; a difference of shapes is left unchecked (another layout may be meant), and
    so are entries that differ unless the left side is a derivative (``derivation``): a derivative is no
    equation to solve, while other sides may relate names the notes define only in words."""
    pairs: list[tuple[sp.Expr, sp.Expr]]
    if isinstance(claimed, sp.MatrixBase) or isinstance(exact, sp.MatrixBase):
        one = sp.ImmutableMatrix([[claimed]]) if not isinstance(claimed, sp.MatrixBase) else claimed
        other = sp.ImmutableMatrix([[exact]]) if not isinstance(exact, sp.MatrixBase) else exact
        if one.shape != other.shape and derivation and 1 in one.shape and one.shape == other.T.shape:
            # d(x^T A x)/dx = (Ax)^T + x^T A: the derivative of a number by a vector written as a row, as the
            # numerator layout writes it (d(Ax)/dx = A); a difference there stays unchecked (a layout misread)
            turned = _compare(line, text, one, other.T, where, derivation, "a row, in the numerator layout")
            if turned.status == "verified":
                return turned
        if one.shape != other.shape:
            return NoteClaim(
                line, text, "unchecked", "", "", f"{where}: the sides have shapes {one.shape} and {other.shape}"
            )
        pairs = list(zip(one, other, strict=True))
        columns = one.cols
    else:
        pairs, columns = [(claimed, exact)], 1
    if derivation and all(b == 0 for _, b in pairs) and not all(a == 0 for a, _ in pairs):
        # ∂J/∂b^{(1)} after "I drop the superscripts": a derivative that vanishes means a dependence the
        # definitions read do not show (a name read as another), never a slip on that alone
        reason = f"{where}: a derivative is 0 by the definitions read; they may not say what the notes mean"
        return NoteClaim(line, text, "unchecked", "", "", reason)
    for index, (a, b) in enumerate(pairs):
        a, b = opaque_activations(a, b)
        verdict = check_claim(equal(text, text, a, b)).status  # exactly, or told apart at a random rational point
        if verdict == "unchecked":
            return NoteClaim(line, text, "unchecked", "", "", f"{where}: could not decide whether the entries agree")
        if verdict == "failed" and not derivation:  # (y - σ(w^T x)) x_j with z = w^T x said in words: an equation?
            return NoteClaim(line, text, "unchecked", "", "", f"{where}: the entries differ; {EQUATION}")
        transposable = isinstance(claimed, sp.MatrixBase) and isinstance(exact, sp.MatrixBase) and one.is_square
        if verdict == "failed" and transposable and not layout:
            # d(Ax)/dx = A^T: the Jacobian in the denominator layout, the transpose of the numerator layout's
            turned = _compare(line, text, one, other.T, where, derivation, "the denominator layout")
            if turned.status == "verified":
                return turned
        if verdict == "failed":
            row, column = divmod(index, columns)
            reason = f"{where} (each entry a symbol): entry ({row + 1}, {column + 1}) differs: claimed "
            reason += f"{sp.sstr(a)[:100]}, exact {sp.sstr(b)[:100]}"
            return NoteClaim(line, text, "failed", sp.sstr(a)[:200], sp.sstr(b)[:200], reason)
    reason = f"{where} (each entry a symbol; not a proof for every size): equal entry by entry"
    return NoteClaim(line, text, "verified", "", "", reason + (f" ({layout})" if layout else ""))
