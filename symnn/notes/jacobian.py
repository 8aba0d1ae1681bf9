r"""A Jacobian written as a matrix after its components: ``u = x^2 + y``, ``v = y^2 - x``, then
``J = \begin{bmatrix} 2x & 1 \\ -1 & 2y \end{bmatrix}``.

The components are the last scalar quantities or functions the notes defined (as many as the
matrix has rows); the variables are theirs, in name order (as many as it has columns). The
matrix is compared entry by entry with the Jacobian of those components. One wrong entry in
an otherwise right matrix is a failure at that entry; a matrix that matches little of it is
more likely a Jacobian of something else, and is left unchecked.
"""

from __future__ import annotations

import sympy as sp

from symnn.calculus import jacobian
from symnn.exact import is_zero
from symnn.notes.claims import NoteClaim
from symnn.notes.evaluate import Scope

__all__ = ["JACOBIAN_NAMES", "jacobian_claim"]

#: Names under which a matrix is read as the Jacobian of the components defined before it.
JACOBIAN_NAMES = ("J", "J_f", "J_F", "mathbf_J", "Df", "D_f")


def _components(scope: Scope) -> list[tuple[str, sp.Expr, int]]:
    """Scalar quantities and functions with variables, in the order the notes defined them."""
    found = [(n, b.value, b.line) for n, b in scope.formulas.items() if not isinstance(b.value, sp.MatrixBase)]
    found += [(n, d.body, d.line) for n, d in scope.functions.items() if not isinstance(d.body, sp.MatrixBase)]
    return sorted((c for c in found if c[1].free_symbols), key=lambda c: (c[2], c[0]))


def jacobian_claim(name: str, claimed: sp.MatrixBase, scope: Scope, line: int, text: str) -> NoteClaim | None:
    """Judge ``J = matrix`` against the components defined before it, or None when there are none."""
    rows, columns = claimed.shape
    components = _components(scope)[-rows:] if rows else []
    if name not in JACOBIAN_NAMES or len(components) != rows or rows < 1:
        return None
    variables = sorted(set().union(*(c[1].free_symbols for c in components)), key=lambda s: s.name)
    names = ", ".join(c[0] for c in components)
    where = f"({names}) in ({', '.join(v.name for v in variables)})"
    if len(variables) != columns:
        reason = f"{rows}×{columns} matrix, but ({names}) have {len(variables)} variables"
        return NoteClaim(line, text, "unchecked", sp.sstr(claimed.tolist()), "", reason)
    exact = sp.ImmutableMatrix(jacobian([c[1] for c in components], variables))
    wrong = [
        (i, j)
        for i in range(rows)
        for j in range(columns)
        if is_zero(sp.sympify(claimed[i, j]) - exact[i, j]) is not True
    ]
    if not wrong:
        return NoteClaim(
            line, text, "verified", sp.sstr(claimed.tolist()), sp.sstr(exact.tolist()), f"the Jacobian of {where}"
        )
    if len(wrong) <= max(1, rows * columns // 4):
        i, j = wrong[0]
        reason = f"entry ({i + 1},{j + 1}) of the Jacobian of {where}: claimed {claimed[i, j]}, exact {exact[i, j]}"
        return NoteClaim(line, text, "failed", sp.sstr(claimed.tolist()), sp.sstr(exact.tolist()), reason)
    reason = f"not the Jacobian of {where} read from the notes ({len(wrong)} entries differ)"
    return NoteClaim(line, text, "unchecked", sp.sstr(claimed.tolist()), sp.sstr(exact.tolist()), reason)
