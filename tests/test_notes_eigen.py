r"""`symnn check` on the second-order talk of optimisation notes: the Hessian ``\nabla^2 f``, ``\det`` and trace,
and eigenvalues and eigenvectors said in a sentence.

Notes of our own, in the style of optimisation tutorials. Every expected verdict was worked out by hand:

- f(x, y) = x² + 3y² + 2xy: ∇²f = [[2, 2], [2, 6]]; det = 12 - 4 = 8; trace = 8;
- its eigenvalues are the roots of λ² - 8λ + 8 = 0: λ = 4 ± 2√2 (1.1716 and 6.8284);
- A = [[2, 0], [0, 3]]: eigenvectors (1, 0) and (0, 1) (A(1, 0) = (2, 0)); (1, 1) is none (A(1, 1) = (2, 3)).
"""

# ruff: noqa: E501

from __future__ import annotations

from symnn.notes import check_notes

NOTES = r"""Let $f(x, y) = x^2 + 3y^2 + 2xy$.

The Hessian is $$H = \nabla^2 f = \begin{bmatrix} 2 & 2 \\ 2 & 6 \end{bmatrix}$$

$\det(H) = 8$ and $\operatorname{tr}(H) = 8$.

The eigenvalues of $H$ are $\lambda_1 = 4 - 2\sqrt{2}$ and $\lambda_2 = 4 + 2\sqrt{2}$, both positive.

Numerically, the eigenvalues of $H$ are approximately $1.1716$ and $6.8284$.

$$A = \begin{bmatrix} 2 & 0 \\ 0 & 3 \end{bmatrix}$$

The eigenvectors of $A$ are $(1, 0)$ and $(0, 1)$.
"""


def _statuses(notes: str) -> list[tuple[int, str]]:
    return [(c.line, c.status) for c in check_notes(notes).claims]


def test_the_hessian_determinant_and_trace():
    assert (3, "verified") in _statuses(NOTES)
    assert _statuses(NOTES)[-1] == (13, "verified")
    assert (3, "failed") in _statuses(NOTES.replace(r"2 & 6 \end", r"2 & 5 \end"))
    wrong = _statuses(NOTES.replace(r"\det(H) = 8", r"\det(H) = 12"))
    assert [s for line, s in wrong if line == 5] == ["failed", "verified"]


def test_eigenvalues_said_in_a_sentence():
    said = [s for line, s in _statuses(NOTES) if line in (7, 9)]
    assert said == ["verified", "verified", "printed", "printed"]
    assert [s for line, s in _statuses(NOTES.replace("4 + 2\\sqrt{2}", "4 + 3\\sqrt{2}")) if line == 7] == [
        "verified", "failed"
    ]
    assert [s for line, s in _statuses(NOTES.replace("6.8284", "6.8294")) if line == 9] == ["printed", "failed"]


def test_eigenvectors_said_in_a_sentence():
    assert [s for line, s in _statuses(NOTES) if line == 13] == ["verified", "verified"]
    assert [s for line, s in _statuses(NOTES.replace("$(0, 1)$", "$(1, 1)$")) if line == 13] == [
        "verified", "failed"
    ]


def test_a_gradient_at_the_stationary_point_and_a_function_at_its_vector():
    # f(x_1, x_2) = x_1² + x_2² - 2x_1 + 4x_2 + 5: ∇f(x) = (2x_1 - 2, 2x_2 + 4) (f at its own vector x), zero at
    # x* = (1, -2), where f = 1 + 4 - 2 - 8 + 5 = 0; at (1, 2) it is (0, 8), no zero vector, and f = 16.
    # J = [[4, 1], [1, 1]] has det J = 3.
    notes = (
        "Consider $f(x_1, x_2) = x_1^2 + x_2^2 - 2x_1 + 4x_2 + 5$.\n\n"
        "$\\nabla f(x) = \\begin{bmatrix} 2x_1 - 2 \\\\ 2x_2 + 4 \\end{bmatrix}$ and $x^* = (1, -2)$.\n\n"
        "At $x^*$, $\\nabla f(x^*) = 0$ and $f(x^*) = 0$.\n\n"
        "$J = \\begin{bmatrix} 4 & 1 \\\\ 1 & 1 \\end{bmatrix}$, $\\det J = 3$.\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified"] * 4
    slipped = notes.replace("(1, -2)", "(1, 2)").replace("and $f(x^*) = 0$", "and $f(x^*) = 16$")
    slipped = slipped.replace("= 3$", "= 5$")
    assert [c.status for c in check_notes(slipped).claims] == ["verified", "failed", "verified", "failed"]


def test_eigenvalues_of_the_matrix_just_shown_in_plain_tex_bold_and_an_array():
    # H = [[-0.5, -1.5], [-1.5, -0.5]] (an array in brackets): H(-1, 1) = (-1, 1), so λ = 1; H(-1, -1) = (2, 2), so
    # λ = -2; the eigenvalues -0.5 ± 1.5 are 1 and -2. (1, 0) is no eigenvector, 3 no eigenvalue.
    notes = (
        "* The Hessian is $ {\\nabla ^2}f = \\left[ {\\begin{array}{cc}\n { - 0.5} & { - 1.5} \\\\\n"
        " { - 1.5} & { - 0.5} \\\\\n \\end{array} } \\right]$\n"
        "* The eigenvectors are: $\\bf{z_1}=\\left[ {\\begin{array}{c} { -1} \\\\ { 1} \\\\ \\end{array} } \\right]$ and "
        "$\\bf{z_2}=\\left[ {\\begin{array}{c} { -1} \\\\ { -1} \\\\ \\end{array} } \\right]$\n"
        "* The eigenvalues of the Hessian matrix for this surface are $\\lambda_1=1$ and $\\lambda_2=-2$.\n"
    )
    statuses = [c.status for c in check_notes(notes).claims]
    assert statuses[-4:] == ["verified"] * 4 and "failed" not in statuses
    slipped = notes.replace("{ -1} \\\\ { -1}", "{ 1} \\\\ { 0}").replace("\\lambda_2=-2", "\\lambda_2=3")
    assert [c.status for c in check_notes(slipped).claims][-4:] == ["verified", "failed", "verified", "failed"]
    # an array outside brackets is a layout, not a matrix: refused
    assert check_notes("$\\begin{array}{c} 1 \\end{array} = 1$").claims[0].status == "unchecked"
