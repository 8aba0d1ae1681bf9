r"""`symnn check` on matrix-calculus notes written with differentials (the style of Edelman and Johnson's
*Matrix Calculus* course notes, MIT 18.S096): dx is a change of x, d(·) the part linear in the changes.

Notes of our own; every expected verdict was worked out by hand, entry by entry:

- (x .* y)_k = x_k y_k = y_k x_k, and (A diag(x) y)_i = Σ_k A_ik x_k y_k = (A(x .* y))_i;
- d(x .* y)_k = dx_k y_k + x_k dy_k (the product rule entry by entry);
- f(x) = x^T A x: df = dx^T A x + x^T A dx, and dx^T A x = (dx^T A x)^T = x^T A^T dx, so df = x^T (A + A^T) dx;
- tr(A x x^T) = Σ_ij A_ij x_j x_i = x^T A x; d(x^T x) = 2 x^T dx; (A^{-1})^T = A^{-T} by definition;
- slips: x^T (A - A^T) dx, d(x .* y) = dx .* y + y .* dy, d(x^T x) = x^T dx;
- a name whose change the claim does not write is held constant (A in d(x^T A x)), and the verdict says so.
"""

from __future__ import annotations

from symnn.notes import check_notes

NOTES = r"""Let $x, y \in \mathbb{R}^n$ and $A \in \mathbb{R}^{n \times n}$.

The element-wise product commutes: $x \mathbin{.*} y = y \mathbin{.*} x$, and $A(x \mathbin{.*} y) = A \operatorname{diag}(x) y$.

By the product rule, $d(x \mathbin{.*} y) = (dx) \mathbin{.*} y + x \mathbin{.*} (dy)$.

For $f(x) = x^T A x$ we get $df = dx^T A x + x^T A \, dx = x^T (A + A^T) \, dx$.

Also $\operatorname{tr}(A x x^T) = x^T A x$ and $d(x^T x) = 2 x^T dx$, and $(A^{-1})^T = A^{-T}$.
"""  # noqa: E501


def _statuses(notes: str) -> list[tuple[int, str]]:
    return [(c.line, c.status) for c in check_notes(notes).claims]


def test_differentials_and_element_wise_products_in_matrix_form():
    claims = check_notes(NOTES).claims
    assert [c.status for c in claims] == ["verified"] * 8
    assert all("not a proof for every size" in c.reason for c in claims[1:])  # checked at sizes, entry by entry
    assert "dx: 2×1" in claims[2].reason  # (the change of x, of x's shape)


def test_slips_in_a_differential_are_caught():
    assert (7, "failed") in _statuses(NOTES.replace("x^T (A + A^T)", "x^T (A - A^T)"))
    assert (5, "failed") in _statuses(NOTES.replace(r"+ x \mathbin{.*} (dy)", r"+ y \mathbin{.*} (dy)"))
    assert (9, "failed") in _statuses(NOTES.replace("= 2 x^T dx", "= x^T dx"))


def test_a_name_without_a_change_written_is_held_constant_and_said_so():
    # d(x .* y) = dx .* y holds with y constant (no dy written): ✓, and the reason names y as held constant
    claims = check_notes(NOTES.replace(r"(dx) \mathbin{.*} y + x \mathbin{.*} (dy)", r"(dx) \mathbin{.*} y")).claims
    held = [c for c in claims if c.line == 5]
    assert [c.status for c in held] == ["verified"]
    assert "y held constant (no dy is written)" in held[0].reason


def test_a_product_that_is_no_derivation_is_not_failed():
    # x .* y = x .* x relates x and y (an equation?), not a step of a derivative: unchecked, never ✗
    swapped = NOTES.replace(r"= y \mathbin{.*} x$", r"= x \mathbin{.*} x$")
    assert (3, "unchecked") in _statuses(swapped)


def test_a_d_that_is_no_differential_is_not_read_as_a_matrix():
    # d defined as a number: d x is the product, and no matrix form is tried for the letter d
    notes = r"Let $d = 2$ and $x = 3$. Then $d x = 6$."
    assert _statuses(notes)[-1] == (1, "verified")


def test_a_function_defined_in_two_exercises_is_not_guessed():
    # f(x) = tr(A x x^T), then f(x) = tr(x x^T) in the next exercise: df after both could mean either
    notes = r"""Let $x \in \mathbb{R}^n$ and $A \in \mathbb{R}^{n \times n}$.

1. $f(x) = \operatorname{tr}(A x x^T)$.
2. $f(x) = \operatorname{tr}(x x^T)$.

For the first, $df = \operatorname{tr}(A \, dx \, x^T + A x \, dx^T)$.
"""
    assert _statuses(notes)[-1] == (6, "unchecked")


def test_inner_products():
    # ⟨(A + A^T)x, y⟩ = x^T (A + A^T)^T y = x^T (A^T + A) y; ⟨A, B⟩_F = Σ_ij A_ij B_ij = tr(A^T B); ⟨x, y⟩ = y^T x
    notes = r"""Let $x, y \in \mathbb{R}^n$ and $A, B \in \mathbb{R}^{n \times n}$.

Then $x^T (A+A^T) y = \langle (A+A^T) x, y \rangle$ and $\operatorname{tr}(A^T B) = \langle A, B \rangle_\mathrm{F}$.
"""
    assert [c.status for c in check_notes(notes).claims] == ["verified", "verified"]
    assert [c.status for c in check_notes(notes.replace("(A^T B)", "(A B)")).claims][-1] != "verified"


def test_matrices_declared_are_never_judged_as_numbers():
    # A, B declared n × n: AB = BA holds of numbers only ((AB)_12 = A_11 B_12 + A_12 B_22 ≠ (BA)_12 in general),
    # so it is not a ✓; tr(AB) = tr(BA) holds of matrices (Σ_ij A_ij B_ji both)
    notes = r"""Let $A \in \mathbb{R}^{n \times n}$ and $B \in \mathbb{R}^{n \times n}$.

Then $AB = BA$ and $\operatorname{tr}(AB) = \operatorname{tr}(BA)$.
"""
    assert [c.status for c in check_notes(notes).claims] == ["unchecked", "verified"]
