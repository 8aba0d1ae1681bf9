r"""Checking the mathematics of notes, claim by claim: a linter for hand-worked arithmetic.

The pipeline, one stage per function:

1. :func:`symnn.notes.extract.extract` finds the formulas and their lines;
2. :func:`statements` splits a formula into statements (at ``\quad``, ``,``, ``\\``, ``\text{...}``)
   and each statement into a chain of ``=`` / ``\approx`` links;
3. :func:`check_statement` reads definitions (``f(x,y) = …``), bindings (``\eta = 0.1``) and the
   point the prose names ("at the point $(1,1)$"), and judges every link with
   :func:`symnn.verify.check_claim`: ``=`` exactly, ``\approx`` to the printed precision
   (a trailing ``\ldots`` means truncation);
4. :func:`check_notes` collects the :class:`NoteClaim` records of a file.

A claim is *failed* only on exact evidence. When the meaning depends on a guess (the point
of ``\|\nabla f\|`` is only implied by the prose) a mismatch is reported unchecked, with the
values, never failed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import sympy as sp

from symnn.errors import SymnnError
from symnn.notes.evaluate import (
    Binding,
    Definition,
    Scope,
    Unchecked,
    Value,
    evaluate,
    kept_names,
    symbol,
)
from symnn.notes.extract import Formula, extract, line_of, mask
from symnn.notes.parser import Call, Matrix, Name, Neg, Node, Num, ParseError, Token, parse_tokens, split_top, tokenize
from symnn.verify import ClaimResult, approx, check_claim, equal

__all__ = ["NoteClaim", "NotesReport", "check_file", "check_notes", "check_statement", "statements"]

Status = Literal["verified", "failed", "unchecked"]
_STATUSES: tuple[Status, ...] = ("verified", "failed", "unchecked")

RELATIONS = {"=": "=", r"\approx": r"\approx", r"\simeq": r"\approx", r"\doteq": r"\approx"}
#: Relations outside the checked subset: a statement holding one is reported unchecked.
OTHER_RELATIONS = {
    r"\neq",
    r"\ne",
    "<",
    ">",
    r"\le",
    r"\leq",
    r"\ge",
    r"\geq",
    r"\to",
    r"\rightarrow",
    r"\mapsto",
    r"\in",
    ":",
    r"\equiv",
    r"\sim",
    r"\propto",
    r"\Rightarrow",
    r"\implies",
    r"\iff",
    r"\subset",
    r"\Leftrightarrow",
    r"\longrightarrow",
    r"\ll",
    r"\gg",
    r"\lt",
    r"\gt",
    r"\leqslant",
    r"\geqslant",
}
_ALIGNED = {"align", "alignat", "flalign"}
_INNER_ALIGNED = re.compile(
    r"\s*\\begin\{(?P<env>aligned|split|alignedat|gathered)\}(?:\{\d+\})?(?P<body>.*)\\end\{(?P=env)\}\s*",
    re.DOTALL,
)
_PROSE = {r"\text", r"\textrm", r"\textbf", r"\textit", r"\mbox", r"\mathrm", r"\operatorname"}
_LET = re.compile(r"\b(let|take|define|suppose|set|consider|given)\b[^.$]*$", re.IGNORECASE)
_AT_POINT = re.compile(r"\bat\s+(the\s+)?(point\s+)?$", re.IGNORECASE)
_EQUALS = re.compile(r"^\s*(equals|is equal to|=)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class NoteClaim:
    """One checked link of a chain, as the report shows it.

    Attributes:
        line: the 1-based line of the claimed (right-hand) side.
        text: the link as written (``f(0,0) = 9 + 2``).
        status: ``verified``, ``failed`` or ``unchecked``.
        claimed: the claimed value (plain text).
        exact: symnn's exact value (plain text), empty when there is none.
        reason: how it was judged, or why it could not be.
    """

    line: int
    text: str
    status: Status
    claimed: str
    exact: str
    reason: str

    def as_json(self) -> dict[str, object]:
        """The JSON object of the claim."""
        return {
            "line": self.line,
            "text": self.text,
            "status": self.status,
            "claimed": self.claimed,
            "exact": self.exact,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class NotesReport:
    """The claims of one file."""

    file: str
    claims: tuple[NoteClaim, ...]

    def count(self, status: Status) -> int:
        """How many claims have ``status``."""
        return sum(1 for claim in self.claims if claim.status == status)

    @property
    def summary(self) -> dict[str, int]:
        """``{"verified": n, "failed": n, "unchecked": n}``."""
        return {status: self.count(status) for status in _STATUSES}

    def as_json(self) -> dict[str, object]:
        """The JSON object of the file, as ``symnn check --json`` prints it."""
        return {"file": self.file, "claims": [c.as_json() for c in self.claims], "summary": self.summary}


# ---------------------------------------------------------------- stage 2: statements and chains


@dataclass(frozen=True)
class Element:
    """One side of a link: its tokens, source text, line, and parse (or the reason it failed)."""

    tokens: tuple[Token, ...]
    text: str
    line: int
    node: Node | None
    error: str
    cell_lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Chain:
    """A statement ``e0 op0 e1 op1 e2 ...``; ``e0`` is None when the formula starts with ``=``."""

    elements: tuple[Element | None, ...]
    ops: tuple[str, ...]
    other_relation: str


def _without_prose(tokens: list[Token]) -> list[Token]:
    r"""Replace each top-level ``\text{...}`` by a statement separator (prose inside a formula)."""
    out: list[Token] = []
    index, depth = 0, 0
    while index < len(tokens):
        token = tokens[index]
        if depth == 0 and token.text in _PROSE and index + 1 < len(tokens) and tokens[index + 1].text == "{":
            level, index = 0, index + 1
            while index < len(tokens):
                level += {"{": 1, "}": -1}.get(tokens[index].text, 0)
                index += 1
                if level == 0:
                    break
            out.append(Token("quad", r"\quad", token.pos))
            continue
        depth += {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}.get(token.text, 0)
        out.append(token)
        index += 1
    return out


def statements(formula: Formula) -> list[list[Token]]:
    r"""The statements of a formula: split at ``\quad``, ``\qquad``, top-level ``,`` and ``\\``.

    Trailing punctuation is dropped; ``&`` of an ``align`` is ignored.

    Examples:
        >>> f = extract(r"$a = 1,\quad b = 2.$")[0]
        >>> [[t.text for t in s] for s in statements(f)]
        [['a', '=', '1'], ['b', '=', '2']]
    """
    text, start, environment = formula.text, formula.start, formula.environment
    inner = _INNER_ALIGNED.fullmatch(text)
    if inner is not None:  # $$\begin{aligned} ... \end{aligned}$$
        text, start, environment = inner["body"], start + inner.start("body"), "align"
    tokens = _without_prose(tokenize(text, start))
    _refuse_lookalikes(tokens)
    result = []
    for row in split_top(tokens, {r"\\"}):
        cells = split_top(row, {"&"})
        if environment in _ALIGNED:
            # align: columns pair up as "left &= right", and each pair is an equation of its own
            groups = [[t for cell in cells[i : i + 2] for t in cell] for i in range(0, len(cells), 2)]
        else:
            groups = [[t for cell in cells for t in cell]]
        for group in groups:
            for part in split_top(group, {r"\quad", r"\qquad", ",", ";"}):
                while part and part[-1].text in (".", ",", ";"):
                    part = part[:-1]
                if part:
                    result.append(part)
    return result


def _refuse_lookalikes(tokens: list[Token]) -> None:
    """Refuse ``0,5`` (a decimal comma would split into two statements) and ``a != b``."""
    depth = 0
    for before, token, after in zip(tokens, tokens[1:], tokens[2:], strict=False):
        depth += {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}.get(before.text, 0)
        adjacent = before.pos + len(before.text) == token.pos and token.pos + len(token.text) == after.pos
        if depth == 0 and adjacent and token.text == "," and before.kind == after.kind == "num":
            raise ParseError(f"{before.text},{after.text} looks like a decimal comma")
    for token, after in itertools.pairwise(tokens):
        if token.text == "!" and after.text == "=" and token.pos + 1 == after.pos:
            raise ParseError("!= is not a relation symnn checks")


def chain_of(tokens: list[Token], source: str) -> Chain | None:
    """The chain of a statement, or None when it holds no ``=`` or ``\\approx``."""
    ops: list[str] = []
    parts: list[list[Token]] = [[]]
    other = ""
    depth = 0
    for token in tokens:
        if token.text in ("{", "(", "[", r"\begin", r"\langle"):
            depth += 1
        elif token.text in ("}", ")", "]", r"\end", r"\rangle"):
            depth -= 1
        if depth == 0 and token.text in RELATIONS:
            ops.append(RELATIONS[token.text])
            parts.append([])
            continue
        if depth == 0 and token.text in OTHER_RELATIONS:
            other = other or token.text
        parts[-1].append(token)
    if not ops:
        return None
    return Chain(tuple(_element(part, source) for part in parts), tuple(ops), other)


def _element(tokens: list[Token], source: str) -> Element | None:
    if not tokens:
        return None
    start, last = tokens[0].pos, tokens[-1]
    text = " ".join(source[start : last.pos + len(last.text)].split())
    try:
        node, error = parse_tokens(list(tokens)), ""
    except ParseError as problem:
        node, error = None, str(problem)
    cells: tuple[int, ...] = ()
    if isinstance(node, Matrix) and node.positions:
        cells = tuple(line_of(source, pos) for pos in node.positions)
    return Element(tuple(tokens), text, line_of(source, start), node, error, cells)


# ---------------------------------------------------------------- stage 3: judging


def _free(value: Value) -> set[sp.Symbol]:
    return set(value.free_symbols)


def _printed(node: Node | None) -> list[str] | None:
    r"""The printed decimals of a literal (``6.48``, ``-0.64``, ``8.246\ldots``, a vector of them)."""
    if isinstance(node, Num):
        return [node.text + (r"\ldots" if node.truncated else "")]
    if isinstance(node, Neg) and isinstance(node.operand, Num) and not node.operand.truncated:
        return ["-" + node.operand.text]
    if isinstance(node, Matrix):
        entries = [_printed(cell) for row in node.rows for cell in row]
        printed = [e[0] for e in entries if e is not None and len(e) == 1]
        if len(printed) == len(entries):
            return printed
    return None


def _orient(claimed: Value, exact: Value) -> Value:
    """A vector claimed as a row where the exact value is a column (or back) is compared entrywise."""
    if isinstance(claimed, sp.MatrixBase) and isinstance(exact, sp.MatrixBase):
        if claimed.shape == exact.shape[::-1] and 1 in claimed.shape:
            return claimed.T
    return claimed


def _text(value: Value) -> str:
    if isinstance(value, sp.MatrixBase):
        entries = [sp.sstr(e) for e in value]
        return "(" + ", ".join(entries) + ")" if 1 in value.shape else sp.sstr(value.tolist())
    return sp.sstr(value)


def _scalar(value: Value) -> Value:
    """A 1 × 1 matrix (the gradient of a function of one variable) as its entry."""
    return value[0] if isinstance(value, sp.MatrixBase) and value.shape == (1, 1) else value


def _judge(text: str, line: int, claimed: Value, exact: Value, printed: list[str] | None) -> NoteClaim:
    """Judge claimed against exact: exactly, or entrywise to the printed precision."""
    claimed, exact = _scalar(claimed), _scalar(exact)
    claimed = _orient(claimed, exact)
    if printed is None:
        result = check_claim(equal(text, text, claimed, exact))
        return _note(line, text, result, _text(claimed), _text(exact))
    exacts = list(exact) if isinstance(exact, sp.MatrixBase) else [exact]
    if len(exacts) != len(printed):
        return NoteClaim(line, text, "failed", ", ".join(printed), _text(exact), "the number of entries differs")
    results = [check_claim(approx(text, text, p, e)) for p, e in zip(printed, exacts, strict=True)]
    claimed_text = printed[0] if len(printed) == 1 else "(" + ", ".join(printed) + ")"
    for status in ("failed", "unchecked"):
        for index, result in enumerate(results):
            if result.status == status:
                place = f"entry {index + 1}: " if len(results) > 1 else ""
                return NoteClaim(line, text, status, claimed_text, _text(exact), place + result.reason)
    return NoteClaim(line, text, "verified", claimed_text, _text(exact), results[0].reason)


def _note(line: int, text: str, result: ClaimResult, claimed: str, exact: str) -> NoteClaim:
    return NoteClaim(line, text, result.status, claimed, exact, result.reason)


def _unchecked(line: int, text: str, reason: str, claimed: str = "", exact: str = "") -> NoteClaim:
    return NoteClaim(line, text, "unchecked", claimed, exact, reason)


def _point_text(names: list[str], scope: Scope) -> str:
    bindings = [scope.point[n] for n in names]
    lines = sorted({b.line for b in bindings})
    values = ", ".join(f"{n} = {_text(b.value)}" for n, b in zip(names, bindings, strict=True))
    return f"{values} (line {', '.join(map(str, lines))})"


def judge_link(left: Element, op: str, right: Element, scope: Scope, target: Element | None = None) -> NoteClaim:
    r"""Judge one link ``left op right``; for ``\approx``, ``target`` is the decimal the chain reaches."""
    shown = target or right
    text = f"{left.text} {op} {right.text}" + (f" = … = {target.text}" if target else "")
    line = shown.line
    for element in (left, shown):
        if element.node is None:
            return _unchecked(line, text, f"not parsed: {element.error}")
    assert left.node is not None and shown.node is not None
    keep = frozenset(kept_names(left.node, scope) | kept_names(shown.node, scope))
    try:
        exact = evaluate(left.node, scope, keep)
        claimed = evaluate(shown.node, scope, keep)
    except Unchecked as problem:
        return _unchecked(line, text, str(problem))
    result = _link_result(line, text, op, left, shown, claimed, exact, keep, scope)
    entry = re.match(r"entry (\d+):", result.reason)
    if entry and shown.cell_lines and int(entry[1]) <= len(shown.cell_lines):
        return replace(result, line=shown.cell_lines[int(entry[1]) - 1])  # the line of the wrong entry
    return result


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
    printed = _printed(shown.node)
    if op == "=" and not (isinstance(shown.node, Num) and shown.node.truncated):
        printed = None
    if op == r"\approx" and printed is None:
        printed_left = _printed(left.node)
        if printed_left is not None:
            exact, claimed, printed = claimed, exact, printed_left
    if op == r"\approx" and printed is None:
        return _approximation(line, text, claimed, exact)
    return _decide(line, text, claimed, exact, printed, keep, scope)


def _approximation(line: int, text: str, claimed: Value, exact: Value) -> NoteClaim:
    """``A \\approx B`` with no printed digits: verified only if exactly equal, else unchecked."""
    if not (_free(claimed) or _free(exact)):
        result = check_claim(equal(text, text, _orient(claimed, exact), exact))
        if result.status == "verified":
            return NoteClaim(line, text, "verified", _text(claimed), _text(exact), "exactly equal (written ≈)")
        return _unchecked(
            line,
            text,
            "≈ between values that differ, with no printed digits to judge (an approximation)",
            _text(claimed),
            _text(exact),
        )
    return _unchecked(line, text, "≈ between expressions (an approximation), not judged", _text(claimed), _text(exact))


def _decide(
    line: int, text: str, claimed: Value, exact: Value, printed: list[str] | None, keep: frozenset[str], scope: Scope
) -> NoteClaim:
    free = _free(claimed) | _free(exact)
    if not free:
        return _judge(text, line, claimed, exact, printed)
    others = {s for s in free if s.name not in keep}
    if not others and _free(claimed) and _free(exact) and printed is None:
        return _judge(text, line, claimed, exact, None)  # an identity in the variables of a definition
    names = sorted(s.name for s in free)
    if all(n in scope.point for n in names):
        point = {symbol(n): scope.point[n].value for n in names}
        result = _judge(text, line, claimed.xreplace(point), exact.xreplace(point), printed)
        where = _point_text(names, scope)
        if result.status == "verified":
            reason = f"at the point {where}: {result.reason}"
            return NoteClaim(line, text, "verified", result.claimed, result.exact, reason)
        return _unchecked(
            line, text, f"the point is only implied; at {where}: {result.reason}", result.claimed, result.exact
        )
    if others and printed is None:
        result = _judge(text, line, claimed, exact, None)
        if result.status == "verified":
            return NoteClaim(line, text, "verified", result.claimed, result.exact, "an identity: " + result.reason)
        undefined = ", ".join(sorted(s.name for s in others))
        return _unchecked(
            line, text, f"{undefined} not defined here; not an identity (an equation?)", _text(claimed), _text(exact)
        )
    return _unchecked(
        line, text, f"depends on {', '.join(names)}, whose values are not stated", _text(claimed), _text(exact)
    )


# ---------------------------------------------------------------- definitions and bindings


def _definition_head(node: Node | None, scope: Scope, before: str = "") -> tuple[str, tuple[sp.Symbol, ...]] | None:
    """``f(x, y)`` with distinct bare variables: the head of a function definition.

    Not when ``f`` is already defined and the variables hold values (``$x = 2$``, then
    ``$f(x) = 4$`` is a claim), unless the prose says "Let" (or "Take", "Define", ...).
    """
    if not isinstance(node, Call) or node.primes or node.args is None:
        return None
    if node.name == "J" and "J" not in scope.functions and scope.current is not None:
        return None  # J(x) = ... is a claim about the Jacobian of the current function
    names = [a.name for a in node.args if isinstance(a, Name)]
    if len(names) != len(node.args):
        return None  # an argument that is not a bare name
    if len(set(names)) != len(names) or any(n.startswith(("mathbf_", "boldsymbol_")) for n in names):
        return None
    if node.name in scope.functions and any(n in scope.values for n in names) and not _LET.search(before):
        return None
    return node.name, tuple(symbol(n) for n in names)


def _bound_names(node: Node | None, scope: Scope) -> list[str] | None:
    """A bare name (``\\eta``) or a vector of them (``(x_new, y_new)``): the left side of a binding."""
    if isinstance(node, Name) and node.name not in ("e", "pi") and node.name not in scope.functions:
        return [node.name]
    if isinstance(node, Matrix) and node.vector:
        names = [row[0].name for row in node.rows if isinstance(row[0], Name)]
        if len(names) == len(node.rows):
            return names
    return None


def _read_definition(chain: Chain, scope: Scope, before: str) -> tuple[Scope, int, list[NoteClaim]]:
    """Read a definition or binding at the head of ``chain``; return the scope and the first link to judge."""
    first, second = chain.elements[0], chain.elements[1]
    if first is None or second is None or chain.ops[0] != "=" or first.node is None:
        return scope, 0, []
    head = _definition_head(first.node, scope, before)
    if head is not None:
        name, params = head
        if second.node is None:
            return (
                scope,
                1,
                [
                    _unchecked(
                        first.line, f"{first.text} = {second.text}", f"definition of {name} not parsed: {second.error}"
                    )
                ],
            )
        try:
            body = evaluate(second.node, scope, frozenset(p.name for p in params))
        except Unchecked as problem:
            return (
                scope,
                1,
                [
                    _unchecked(
                        first.line, f"{first.text} = {second.text}", f"definition of {name} not understood: {problem}"
                    )
                ],
            )
        return scope.define(Definition(name, params, body, first.line)), 1, []
    names = _bound_names(first.node, scope)
    if names is None:
        return scope, 0, []
    text = f"{first.text} = {second.text}"
    if second.node is None:
        return scope, 1, [_unchecked(second.line, text, f"not parsed: {second.error}")]
    try:
        value = evaluate(second.node, scope)
    except Unchecked as problem:
        return scope, 1, [_unchecked(second.line, text, f"a definition of {', '.join(names)}: {problem}")]
    values = list(value) if isinstance(value, sp.MatrixBase) and len(names) > 1 else [value]
    if len(values) != len(names):
        return scope, 1, [_unchecked(second.line, text, "the two sides have different numbers of entries")]
    if isinstance(second.node, Name) and _free(value):
        return scope, 1, []  # "at a point $x=a$": a renaming, not a claim
    if _free(value) and not _LET.search(before):
        return (
            scope,
            1,
            [_unchecked(second.line, text, f"defines {', '.join(names)} in terms of unknowns; nothing to check")],
        )
    if _free(value) and len(names) == 1:
        # "Let $L = \tfrac12 (y - \hat{y})^2$": L is a function of its free variables
        params = tuple(sorted(_free(value), key=lambda s: s.name))
        return scope.define(Definition(names[0], params, value, first.line)), 1, []
    for bound, entry in zip(names, values, strict=True):
        scope = scope.bind(bound, Binding(entry, second.line))
    return scope, 1, []


def _set_point(tokens: list[Token], formula: Formula, scope: Scope, source: str) -> Scope:
    """ "at the point $(1,1)$": the variables of the current function get these values."""
    if scope.current is None or not _AT_POINT.search(formula.before):
        return scope
    element = _element(tokens, source)
    if element is None or not isinstance(element.node, Matrix) or _printed(element.node) is None:
        return scope
    definition = scope.functions[scope.current]
    values = [cell for row in element.node.rows for cell in row]
    if len(values) != len(definition.params):
        return scope
    for param, cell in zip(definition.params, values, strict=True):
        scope = scope.bind(param.name, Binding(evaluate(cell, scope), element.line))
    return scope


def check_statement(
    tokens: list[Token], formula: Formula, scope: Scope, source: str, previous: Element | None = None
) -> tuple[Scope, list[NoteClaim]]:
    """Read one statement: update the scope with what it defines and judge its links."""
    chain = chain_of(tokens, source)
    if chain is None:
        return _set_point(tokens, formula, scope, source), []
    if previous is not None and chain.elements[0] is not None:
        chain = Chain((previous, *chain.elements), ("=", *chain.ops), chain.other_relation)
    elif previous is not None:
        chain = Chain((previous, *chain.elements[1:]), chain.ops, chain.other_relation)
    if chain.other_relation:
        element = next(e for e in chain.elements if e is not None)
        text = " ".join(formula.text.split())
        return scope, [_unchecked(element.line, text, f"holds the relation {chain.other_relation}, not checked")]
    scope, start, claims = _read_definition(chain, scope, formula.before)
    for index in range(start, len(chain.ops)):
        left, right, op = chain.elements[index], chain.elements[index + 1], chain.ops[index]
        if right is None:
            continue
        if left is None:
            claims.append(_unchecked(right.line, f"{op} {right.text}", "the left side is in the prose"))
            continue
        target = _approx_target(chain, index) if op == r"\approx" else None
        claims.append(judge_link(left, op, right, scope, target))
    return scope, claims


def _approx_target(chain: Chain, index: int) -> Element | None:
    r"""For ``A \approx B = C = 7.07``: the first decimal reached from B through ``=`` links."""
    right = chain.elements[index + 1]
    left = chain.elements[index]
    if right is None or _printed(right.node) is not None or (left is not None and _printed(left.node) is not None):
        return None
    for later in range(index + 1, len(chain.ops)):
        if chain.ops[later] != "=":
            return None
        element = chain.elements[later + 1]
        if element is not None and _printed(element.node) is not None:
            return element
    return None


# ---------------------------------------------------------------- stage 4: files


def check_notes(source: str, file: str = "<notes>", kind: str = "markdown") -> NotesReport:
    r"""Check every claim in the text of a notes file.

    Examples:
        >>> report = check_notes("Let $f(x)=x^2$. Then $f(3) = 9 = 3^2$ and $\\sqrt2 \\approx 1.41$.")
        >>> [(c.text, c.status) for c in report.claims]
        [('f(3) = 9', 'verified'), ('9 = 3^2', 'verified'), ('\\sqrt2 \\approx 1.41', 'verified')]
    """
    scope = Scope()
    claims: list[NoteClaim] = []
    previous: Element | None = None
    formulas = extract(source, kind)
    source = mask(source, kind)  # claim texts without comments; offsets unchanged
    for formula in formulas:
        try:
            parts = statements(formula)
        except ParseError as problem:
            if re.search(r"=|\\approx", formula.text):
                text = " ".join(formula.text.split())
                claims.append(_unchecked(formula.line, text, f"not parsed: {problem}"))
            previous = None
            continue
        linked = previous if _EQUALS.match(formula.before) and len(parts) == 1 else None
        previous = None
        last: Element | None = None
        for part in parts:
            chain = chain_of(part, source)
            if chain is not None and chain.elements[0] is None and last is not None and formula.display:
                linked = last  # an align line "&= 6" continues the chain above it
            if chain is not None and chain.elements[-1] is not None:
                last = chain.elements[-1]
            try:
                scope, found = check_statement(part, formula, scope, source, linked)
                linked = None
            except (Unchecked, ParseError) as problem:
                text = " ".join(formula.text.split())
                found = [_unchecked(line_of(source, part[0].pos), text, str(problem))]
            claims.extend(found)
            if not found and chain_of(part, source) is None and _order_claim(part):
                claims.append(
                    _unchecked(
                        line_of(source, part[0].pos),
                        " ".join(formula.text.split()),
                        "an order claim O(...) about an error named in the prose; not checked",
                    )
                )
        if len(parts) == 1 and chain_of(parts[0], source) is None:
            previous = _element(parts[0], source)
            if previous is not None and previous.node is None:
                previous = None
    return NotesReport(file, tuple(claims))


def _order_claim(tokens: list[Token]) -> bool:
    return any(t.text == r"\mathcal" for t in tokens) and any(t.text == "O" for t in tokens)


def check_file(path: Path | str) -> NotesReport:
    """Check a Markdown (``.md``) or LaTeX (``.tex``) file.

    Raises:
        SymnnError: when the file cannot be read as UTF-8 text.
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
    kind = "latex" if file.suffix.lower() in (".tex", ".latex", ".ltx") else "markdown"
    return check_notes(source, str(path), kind)
