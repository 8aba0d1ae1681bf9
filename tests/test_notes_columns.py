r"""`symnn check` on columns of any size, written with a row of dots, as softmax derivations end.

Notes of our own; every expected verdict was worked out by hand, with p_i = e^{x_i} / Σ_k e^{x_k} and
L = -Σ_i y_i log p_i:

- ∂L/∂x_k = -Σ_i y_i (δ_ik - p_k) = p_k Σ_i y_i - y_k, which is p_k - y_k only when Σ_i y_i = 1 (one-hot labels):
  so ∂L/∂x = [p_1 - y_1; …; p_n - y_n] is ✓ where the notes state Σ_i y_i = 1 as a formula, unchecked where they do
  not, and ∂L/∂x = p + y is ✗ (at n = 1: p_1 = 1, y_1 = 1, so the entry is 1 + 1 = 2 against 1 - 1 = 0);
- [p_1 - y_1; …; p_n - y_n] = p - y entry by entry, and [x_1; …; x_n] + [y_1; …; y_n] = [x_1 + y_1; …; x_n + y_n];
- ∂L/∂x = [∂L/∂x_1; …; ∂L/∂x_n]: the gradient is the column of the partial derivatives;
- "suppose y_2 = 1" in an example gives y_2 no value in a derivation for any number of terms (at n = 2 the vector
  y would be (y_1, 1), half stated), so the claims above keep their verdicts after it.
"""

# ruff: noqa: E501

from __future__ import annotations

from symnn.notes import check_notes

NOTES = r"""Let $p_i = \frac{e^{x_i}}{\sum_k e^{x_k}}$ and $L = - \sum_i y_i \log p_i$, with $\sum_i y_i = 1$.

$$\frac{\partial L}{\partial \mathbf{x}} = \begin{bmatrix} p_1 - y_1 \\ p_2 - y_2 \\ \vdots \\ p_n - y_n \end{bmatrix}$$

$$\begin{bmatrix} p_1 - y_1 \\ p_2 - y_2 \\ \vdots \\ p_n - y_n \end{bmatrix} = \mathbf{p} - \mathbf{y}$$

$$\frac{\partial L}{\partial \mathbf{x}} = \begin{bmatrix} \frac{\partial L}{\partial x_1} \\ \frac{\partial L}{\partial x_2} \\
\vdots \\ \frac{\partial L}{\partial x_n} \end{bmatrix}$$

$$\begin{bmatrix} x_1 \\ x_2 \\ \vdots \\ x_n \end{bmatrix} + \begin{bmatrix} y_1 \\ y_2 \\ \vdots \\ y_n \end{bmatrix}
= \begin{bmatrix} x_1 + y_1 \\ x_2 + y_2 \\ \vdots \\ x_n + y_n \end{bmatrix}$$
"""


def _verdicts(notes: str) -> list[tuple[int, str]]:
    """The verdicts after line 1 (whose Σ_i y_i = 1 is a statement the later steps use, listed as unchecked)."""
    return [(c.line, c.status) for c in check_notes(notes).claims if c.line > 1]


def test_a_column_of_any_size_is_judged_by_its_entry():
    assert _verdicts(NOTES) == [(3, "verified"), (5, "verified"), (7, "verified"), (11, "verified")]
    assert "an identity given Σ_j y_j = 1 (line 1)" in check_notes(NOTES).claims[1].reason


def test_one_hot_labels_said_only_in_words_leave_the_gradient_unchecked():
    worded = NOTES.replace(r", with $\sum_i y_i = 1$.", ", with one-hot labels.")
    assert _verdicts(worded)[0] == (3, "unchecked")
    assert "true if Σ_j y_j = 1" in check_notes(worded).claims[0].reason


def test_a_wrong_gradient_of_any_size_is_caught():
    wrong = NOTES.replace(r"\end{bmatrix} = \mathbf{p} - \mathbf{y}", r"\end{bmatrix} = \mathbf{p} + \mathbf{y}")
    assert _verdicts(wrong)[1] == (5, "unchecked")  # (p - y = p + y: an equation in y, never ✓)
    gradient = NOTES.split("\n\n")[0] + "\n\n$$\\frac{\\partial L}{\\partial \\mathbf{x}} = \\mathbf{p} + \\mathbf{y}$$\n"
    assert _verdicts(gradient) == [(3, "failed")]


def test_an_example_value_of_one_entry_stays_out_of_a_derivation():
    example = NOTES.replace("\n\n$$\\frac{\\partial L", "\n\nSuppose that $y_2 = 1$.\n\n$$\\frac{\\partial L", 1)
    assert [s for _, s in _verdicts(example)] == ["verified"] * 4
