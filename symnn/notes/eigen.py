r"""Eigenvalues said in words: "the eigenvalues of $H$ are $\lambda_1 = 4 - 2\sqrt{2}$ and $\lambda_2 = 6$".

Optimisation notes classify a stationary point by the eigenvalues of the Hessian and say them in a
sentence. Each value said is a claim: ``\det(H - \lambda I) = 0`` exactly (✓), or a printed decimal that
is a real eigenvalue to its printed digits (≈✓), or no eigenvalue at all (✗). The matrix must have a
value in numbers where the sentence stands; otherwise nothing is claimed.
"""

from __future__ import annotations

import re

import sympy as sp

from symnn.notes.blocks import Formula
from symnn.notes.claims import NoteClaim
from symnn.notes.digits import judge_numbers, places, printed, unchecked
from symnn.notes.evaluate import Scope, Unchecked, evaluate
from symnn.notes.parser import ParseError, parse_tokens
from symnn.notes.tokens import Token, split_top, tokenize

__all__ = ["eigenvalues_said", "judge_eigenvalues"]

_OF = re.compile(r"\beigen-?(values?|vectors?)\s+of\s+(?:the\s+(?:matrix|Hessian)\s+)?$", re.IGNORECASE)
_BETWEEN = re.compile(
    r"^\s*(?:are|is|,|and|,\s*and|being|equal|are equal to)?\s*(?:approximately|about|roughly|exactly)?\s*:?\s*$",
    re.IGNORECASE,
)
#: "The eigenvectors are:", "the eigenvalues of the Hessian matrix for this surface are": of the matrix just shown.
_OF_THE_LAST = re.compile(
    r"\beigen-?(values?|vectors?)\s+(?:of\s+(?:the|this)\s+(?:Hessian\s+)?(?:matrix\s+)?(?:for\s+this\s+\w+\s+)?)?"
    r"(?:are|is)\s*:?\s*$",
    re.IGNORECASE,
)
#: The most values one sentence is read for (a matrix of notes is small).
MOST = 6
#: How far before the sentence the matrix it speaks of without naming it may be shown.
NEAR_LINES = 20


def eigenvalues_said(formulas: list[Formula]) -> dict[int, tuple[str, str, str]]:
    """For each formula that states eigenvalues or eigenvectors, by its place in ``formulas``, which it states, the
    text of the matrix and how the verdict names it ("the eigenvalues of $H$ are $2$ and $6$": the formulas ``2``
    and ``6``, both ``("values", "H", "H")``)."""
    said: dict[int, tuple[str, str, str]] = {}
    for index, formula in enumerate(formulas):
        found = _OF.search(formula.before)
        unnamed = _OF_THE_LAST.search(formula.before) if not found else None
        if unnamed:  # "the eigenvalues of the Hessian matrix for this surface are $\lambda_1 = 1$ and …"
            matrix = _last_matrix(formulas, index)
            if matrix is not None:
                kind = "vectors" if unnamed[1].lower().startswith("vector") else "values"
                said.update(_values_from(formulas, index, (kind, matrix[0], matrix[1]), first=True))
            continue
        if not found or "=" in formula.text:
            continue
        kind = "vectors" if found[1].lower().startswith("vector") else "values"
        said.update(_values_from(formulas, index, (kind, formula.text.strip(), formula.text.strip()), first=False))
    return said


def _values_from(
    formulas: list[Formula], index: int, of: tuple[str, str, str], first: bool
) -> dict[int, tuple[str, str, str]]:
    """The formulas from ``index`` (itself too when ``first``) that the sentence lists as the values, each ``of``."""
    said = {}
    start = index if first else index + 1
    for later in range(start, min(start + MOST, len(formulas))):
        value = formulas[later]
        between = later == index or _BETWEEN.match(value.before)
        previous = formulas[later - 1] if later > index else value
        after = value.line - (previous.line + len(previous.newlines))  # (from where the formula before it ends)
        if value.cell != formulas[index].cell or after > 2 or not between:
            break
        said[later] = of
    return said


def _last_matrix(formulas: list[Formula], index: int) -> tuple[str, str] | None:
    r"""The matrix the formulas just before ``index`` end on (``\nabla^2 f(X) = [[-0.5, -1.5], [-1.5, -0.5]]``),
    within :data:`NEAR_LINES` lines and in the same cell, as a text to judge against and a name for it ("the matrix
    on line 3"); None when there is none."""
    for earlier in range(index - 1, -1, -1):
        formula = formulas[earlier]
        if formula.cell != formulas[index].cell or formulas[index].line - formula.line > NEAR_LINES:
            return None
        last = formula.text.split("=")[-1].strip()
        if r"\begin" not in last:
            continue
        try:
            value = evaluate(parse_tokens(tokenize(last)), Scope())
        except (ParseError, Unchecked, ZeroDivisionError):
            continue
        if isinstance(value, sp.MatrixBase) and value.is_square and value.rows > 1 and not value.free_symbols:
            return last, f"the matrix on line {formula.line}"
    return None


def judge_eigenvalues(formula: Formula, said: tuple[str, str, str], scope: Scope) -> list[NoteClaim]:
    r"""The claims of ``formula``, each value it says (``\lambda_1 = 2``, ``2, 6``) an eigenvalue of the matrix, or
    each vector (``v_1 = (1, -1)``) an eigenvector of it."""
    kind, matrix_text, shown = said
    try:
        matrix = evaluate(parse_tokens(tokenize(matrix_text)), scope)
    except (ParseError, Unchecked, ZeroDivisionError):
        return []
    if not isinstance(matrix, sp.MatrixBase) or not matrix.is_square or matrix.free_symbols or matrix.rows > 4:
        return []
    *left, right = formula.text.split("=")
    if kind == "vectors":
        return [_vector(formula.line, formula.text.strip(), right, matrix, shown)]
    roots = list(sp.Matrix(matrix).eigenvals())
    claims = []
    for part in split_top(tokenize(right), {","}):
        written = right[part[0].pos : part[-1].end].strip() if part else ""
        text = f"{left[-1].strip()} = {written}" if left else written  # \lambda = 1.382, 3.6: each value its claim
        claims.append(_one(formula.line, text, part, roots, shown))
    return [c for c in claims if c is not None]


def _vector(line: int, text: str, right: str, matrix: sp.MatrixBase, name: str) -> NoteClaim:
    """``v = (1, -1)``: an eigenvector of the matrix when ``M v`` is a multiple of ``v`` (and ``v`` is not 0)."""
    claim = f"an eigenvector of {name}"
    try:
        vector = evaluate(parse_tokens(tokenize(right)), Scope())
    except (ParseError, Unchecked, ZeroDivisionError) as problem:
        return unchecked(line, text, f"{claim}, not read: {problem}")
    if not isinstance(vector, sp.MatrixBase) or vector.free_symbols or 1 not in vector.shape:
        return unchecked(line, text, f"{claim}: the value said is not a vector of numbers")
    column = sp.Matrix(vector).reshape(len(vector), 1)
    if column.rows != matrix.rows:
        reason = f"{claim}: a vector of {column.rows} entries for a {matrix.rows} × {matrix.rows} matrix"
        return unchecked(line, text, reason)
    image = sp.Matrix(matrix) * column
    if column.is_zero_matrix:
        return NoteClaim(line, text, "failed", sp.sstr(list(column)), "", f"not {claim}: the zero vector is none")
    if sp.Matrix.hstack(column, image).rank(simplify=True) <= 1:
        reason = f"{claim}: {name} v is a multiple of v"
        return NoteClaim(line, text, "verified", sp.sstr(list(column)), sp.sstr(list(image)), reason)
    reason = f"not {claim}: {name} v = {sp.sstr(list(image))} is no multiple of v"
    return NoteClaim(line, text, "failed", sp.sstr(list(column)), sp.sstr(list(image)), reason)


def _one(line: int, text: str, part: list[Token], roots: list[sp.Expr], name: str) -> NoteClaim | None:
    r"""One value said to be an eigenvalue of the matrix ``name`` with eigenvalues ``roots``, judged; None when it is
    no number (``\lambda_1``, a name)."""
    claim = f"an eigenvalue of {name}"
    try:
        node = parse_tokens(part)
        value = evaluate(node, Scope())
    except (ParseError, Unchecked, ZeroDivisionError):
        return None
    if isinstance(value, sp.MatrixBase) or value.free_symbols:
        return None
    if any(sp.simplify(root - value) == 0 for root in roots):
        return NoteClaim(line, text, "verified", sp.sstr(value), sp.sstr(value), f"{claim}: det({name} - λI) = 0")
    digits = printed(node)  # 1.382, -0.5: a decimal, judged to its printed digits against the nearest real root
    decimal = digits if digits is not None and "." in digits[0] and r"\ldots" not in digits[0] else None
    real = [r for r in roots if sp.im(sp.N(r, 30)) == 0]
    if decimal is not None and real:
        nearest = min(real, key=lambda r: abs(sp.N(r - value, 30)))
        verdict = judge_numbers(text, line, value, nearest, decimal)
        if verdict.status in ("verified", "printed"):
            return NoteClaim(line, text, "printed", verdict.claimed, verdict.exact, f"{claim}: {verdict.reason}")
    shown = ", ".join(sp.sstr(r) for r in roots)
    reason = f"not an eigenvalue of {name}: det({name} - λI) ≠ 0 (its eigenvalues are {shown})"
    if decimal is not None:
        reason += f", to {places(decimal[0].lstrip('-'))} places as printed"
    return NoteClaim(line, text, "failed", sp.sstr(value), shown, reason)
