r"""`symnn check` on a derivative evaluated at a point whose forward pass the notes did not write out.

Notes of our own; every expected verdict was worked out by hand:

- z = wx + b, ŷ = σ(z), L = -y log ŷ - (1 - y) log(1 - ŷ), so ∂L/∂w = (ŷ - y)x;
- at x = 2, w = 1/2, b = -1, y = 1: z = 1 - 1 = 0, ŷ = σ(0) = 1/2, so ∂L/∂w = (1/2 - 1)·2 = -1;
- (0.5 - 1)·3 = -1.5 is a slip in the substitution (3 for x = 2), and ∂L/∂w = -1.5 a slip in the result;
- with b left unstated, z and ŷ are unknown and the claim stays unchecked;
- Let z = wx + b: z = 0.5·2 - 1 = 0 at the first point, then z = 3·1 + 1 = 4 at w = 3, x = 1, b = 1 (z = 0 of the
  first point is forgotten when its inputs change; 3·1 + 1 = 5 and 3·2 + 1 are slips).
"""

from __future__ import annotations

from symnn.notes import check_notes

NOTES = r"""Let $\hat y = \sigma(z)$ with $z = wx + b$. The loss is $L = -y\log\hat y - (1-y)\log(1-\hat y)$.

Then $\frac{\partial L}{\partial w} = (\hat y - y)x$.

For $x = 2$, $w = 0.5$, $b = -1$, $y = 1$: $\frac{\partial L}{\partial w} = (0.5 - 1)\cdot 2 = -1$.
"""


def _at_the_point(notes: str) -> list[tuple[str, str]]:
    return [(c.text, c.status) for c in check_notes(notes).claims if c.line == 5]


def test_the_derivative_at_the_point_goes_through_the_definitions():
    claims = [c for c in check_notes(NOTES).claims if c.line == 5]
    assert [c.status for c in claims] == ["verified", "verified"]
    assert "(z by its definition)" in claims[0].reason


def test_a_slip_at_the_point_is_caught():
    slipped = NOTES.replace(r"(0.5 - 1)\cdot 2 = -1", r"(0.5 - 1)\cdot 3 = -1.5")
    assert [s for _, s in _at_the_point(slipped)] == ["failed", "verified"]
    assert [s for _, s in _at_the_point(NOTES.replace("2 = -1$", "2 = -1.5$"))] == ["verified", "failed"]


def test_a_forward_pass_with_an_unstated_input_stays_unknown():
    unstated = NOTES.replace("$b = -1$, ", "")
    assert _at_the_point(unstated)[0][1] == "unchecked"


# Two points, one after the other: at x = 2, w = 1/2, b = -1, z = 1 - 1 = 0; at w = 3, x = 1, b = 1, z = 3 + 1 = 4.
TWO_POINTS = r"""Let $z = wx + b$.

For $x = 2$, $w = 0.5$, $b = -1$: $z = 0.5 \cdot 2 - 1 = 0$.

With $w = 3$ and $x = 1$ and $b = 1$,

$$z = 3 \cdot 1 + 1 = 4$$
"""


def test_a_substitution_is_judged_by_the_formula_at_each_point():
    claims = check_notes(TWO_POINTS).claims
    assert [(c.line, c.status) for c in claims] == [(3, "verified")] * 2 + [(7, "verified")] * 2
    assert claims[2].reason.startswith("the formula of z (line 1) at b = 1 (line 5)")


def test_a_value_computed_at_the_old_point_is_forgotten_at_the_new_one():
    # before: z = 3·1 + 1 was failed against z = 0 of line 3
    assert all(c.status == "verified" for c in check_notes(TWO_POINTS).claims if c.line == 7)


def test_slips_at_the_new_point_are_caught():
    result = check_notes(TWO_POINTS.replace(r"3 \cdot 1 + 1 = 4", r"3 \cdot 1 + 1 = 5")).claims
    assert [c.status for c in result if c.line == 7] == ["verified", "failed"]
    result = check_notes(TWO_POINTS.replace(r"z = 3 \cdot 1 + 1 = 4", r"z = 3 \cdot 2 + 1 = 7")).claims
    assert [c.status for c in result if c.line == 7] == ["failed", "verified"]  # (x = 1, not 2)


# x = [5, 3] and W = [[1, -1], [2, 2]] stated whole in bold: x_1 = 5, W_{21} = 2 (row 2, column 1), so
# W_{11} x_1 + W_{21} x_2 = 1·5 + 2·3 = 11 and W_{12} x_1 + W_{22} x_2 = -5 + 6 = 1.
BOLD_WHOLE = r"""We have $\mathbf{x} = [5.0, 3.0]^T$ and
$\mathbf{W} = \begin{bmatrix} 1.0 & -1.0 \\ 2.0 & 2.0 \end{bmatrix}$.

$h_1 = \sigma(W_{11} \cdot x_1 + W_{21} \cdot x_2) = \sigma(1.0 \times 5.0 + 2.0 \times 3.0)$

$h_2 = \sigma(W_{12} \cdot x_1 + W_{22} \cdot x_2) = \sigma(-1.0 \times 5.0 + 2.0 \times 3.0)$
"""


def test_entries_of_a_vector_and_a_matrix_stated_whole_in_bold():
    assert [c.status for c in check_notes(BOLD_WHOLE).claims] == ["verified", "verified"]
    slipped = BOLD_WHOLE.replace(r"2.0 \times 3.0)$" + "\n\n$h_2", r"2.0 \times 4.0)$" + "\n\n$h_2")
    assert [c.status for c in check_notes(slipped).claims] == ["failed", "verified"]  # (4 for x_2 = 3)
    swapped = BOLD_WHOLE.replace(r"\sigma(-1.0 \times 5.0", r"\sigma(2.0 \times 5.0")  # W_{21} for W_{12}
    assert [c.status for c in check_notes(swapped).claims] == ["verified", "failed"]


# y = σ(V_1 h_1 + V_2 h_2) at V = [0.5, 1.0] (stated whole, in bold), h_1 = 2, h_2 = -1: V·h = 1 - 1 = 0, y = 1/2,
# ∂y/∂V_1 = y(1 - y) h_1 = (1/4)·2 = 1/2; 0.25 × 3 is a slip.
ENTRIES_FORWARD = r"""The output is $y = \sigma(V_1 h_1 + V_2 h_2)$ with
$\mathbf{V} = [0.5, 1.0]^T$, $h_1 = 2$ and $h_2 = -1$.

Then $\frac{\partial y}{\partial V_1} = 0.25 \times 2 = 0.5$.
"""


def test_a_derivative_at_a_point_given_by_a_vector_stated_whole():
    claims = check_notes(ENTRIES_FORWARD).claims
    assert [c.status for c in claims] == ["verified", "verified"]
    assert "V_1, V_2" in claims[0].reason  # (the entries of \mathbf{V}, as stated)
    slipped = ENTRIES_FORWARD.replace(r"0.25 \times 2 = 0.5", r"0.25 \times 3 = 0.75")
    assert [c.status for c in check_notes(slipped).claims] == ["failed", "verified"]
