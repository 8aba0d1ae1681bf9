r"""`symnn check` on matrix-calculus identities written in the numerator layout, as lab slides write them.

Notes of our own; every expected verdict was worked out by hand, with x, y column vectors and A a matrix:

- the derivative of a number by a column vector, written as a row: d(x^T A x)/dx = (Ax)^T + x^T A
  (= x^T (A + A^T)), d(y^T A x)/dy = (Ax)^T; and of a vector by a vector, d(Ax)/dx = A;
- (Ax)^T - x^T A is not d(x^T A x)/dx unless A = A^T... it is (Ax)^T + x^T A; written with a minus it is
  wrong in either layout, and left unchecked (a layout may be misread), never ✓;
- L(x) = ½‖Ax - b‖², a loss defined as a function of the vector x: ∇_x L(x) = A^T (Ax - b);
  "x ← x - η ∇_x L(x)" is an update of x, no definition of it;
- ℒ = ½‖y - a‖²: a derivative of ℒ by a name that no definition holds (z̃, the padded input of a later
  layer) is not 0 by the definitions; the notes did not say how ℒ depends on it.
"""

from __future__ import annotations

from symnn.notes import check_notes

LAYOUT = r"""Let $A$ be a matrix and $x$, $y$ vectors.

$$\frac{d}{dx}(x^TAx) = (Ax)^T+x^TA = x^T(A+A^T)$$

$$\frac{d}{dx}(Ax) = A$$

$$\frac{d}{dy}(y^TAx) = (Ax)^T$$
"""


def _verdicts(notes: str) -> list[tuple[int, str]]:
    return [(c.line, c.status) for c in check_notes(notes).claims]


def test_a_gradient_written_as_a_row_is_the_numerator_layout():
    claims = check_notes(LAYOUT).claims
    assert [(c.line, c.status) for c in claims] == [(3, "verified"), (3, "verified"), (5, "verified"),
                                                     (7, "verified")]
    assert "numerator layout" in claims[0].reason


def test_a_row_wrong_in_both_layouts_is_never_verified():
    wrong = LAYOUT.replace("(Ax)^T+x^TA = x^T(A+A^T)", "(Ax)^T-x^TA")
    assert _verdicts(wrong)[0] == (3, "unchecked")


LEAST_SQUARES = r"""Loss function: $L(x) = \frac{1}{2}||Ax-b||_2^2$,
with $x \in \mathbb{R}^2$, $A \in \mathbb{R}^{3 \times 2}$.

Gradient: $\nabla_xL(x) = A^T(Ax-b)$, and descent steps are \[x \leftarrow x - \eta \nabla_xL(x)\]

$$\frac{d}{dx}(Ax) = A$$
"""


def test_a_loss_defined_as_a_function_of_a_vector():
    assert _verdicts(LEAST_SQUARES) == [(4, "verified"), (6, "verified")]
    assert _verdicts(LEAST_SQUARES.replace("= A^T(Ax-b)", "= A^T(Ax+b)"))[0] == (4, "failed")


PADDED = r"""The loss is $\mathcal{L} = \frac12 \sum_{k} (y_k - a_k)^2$, so
$\frac{\partial \mathcal{L}}{\partial a_j} = -(y_j - a_j)$.

The gradient vanishes in the padding: $\partial \mathcal{L} / \partial \widetilde{z}_{ij} = 0$.
"""


def test_a_derivative_by_a_name_no_definition_holds_is_not_zero():
    claims = check_notes(PADDED).claims
    assert [(c.line, c.status) for c in claims] == [(2, "verified"), (4, "unchecked")]
    assert "do not say how it depends" in claims[1].reason


# f = Σ_{i,j} x_j a_ij x_i (x^T A x written in its entries): ∂f/∂x_k = Σ_i a_ik x_i + Σ_j x_j a_kj; 2 Σ_i a_ik x_i
# only if a_ij = a_ji (A symmetric, which notes say in words), so unchecked; Σ_{i,j=1}^{2} i·j = (1 + 2)² = 9, not 8.
QUADRATIC = r"""$$f(x) = \sum_{i,j=1}^n x_j a_{ij} x_i$$

$$\frac{\partial f}{\partial x_k} = \sum_{i=1}^{n} a_{ik} x_i + \sum_{j=1}^{n} x_j a_{kj}$$

$$\frac{\partial f}{\partial x_k} = 2 \sum_{i=1}^{n} a_{ik} x_i$$

$$\sum_{i,j=1}^{2} i j = 9$$
"""


def test_a_sum_over_two_indices_and_a_matrix_that_may_be_symmetric():
    claims = check_notes(QUADRATIC).claims
    assert [(c.line, c.status) for c in claims] == [(3, "verified"), (5, "unchecked"), (7, "verified")]
    assert "true if a is symmetric" in claims[1].reason
    assert _verdicts(QUADRATIC.replace("i j = 9", "i j = 8"))[-1] == (7, "failed")
    swapped = QUADRATIC.replace("= 2 \\sum_{i=1}^{n} a_{ik} x_i", "= \\sum_{i=1}^{n} a_{ik} x_i")
    assert _verdicts(swapped)[1] == (5, "failed")  # (half of it: wrong whatever A is)
