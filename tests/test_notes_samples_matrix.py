r"""`symnn check` on a sum over samples and the matrix product it is (logistic and linear regression notes).

Notes of our own, in the style of Murphy's and Bishop's derivations. Every expected verdict was worked out by
hand: with X the n × d matrix whose rows are the samples x_i (or the d × n one whose columns they are),

- Σ_i (μ_i - y_i) x_i = Xᵀ(μ - y): entry j of both is Σ_i X_ij (μ_i - y_i); Xᵀ(y - μ) is its negative;
- Σ_i x_i x_iᵀ = XᵀX with rows (and = XXᵀ with columns): entry (j, k) Σ_i X_ij X_ik;
- Xᵀ S X with S defined only in words is not read (S would be a number).
"""

from __future__ import annotations

from symnn.notes import check_notes


def _statuses(notes: str) -> list[str]:
    return [c.status for c in check_notes(notes).claims]


def test_a_gradient_written_over_samples_and_in_matrix_form():
    notes = "$$\\sum_i (\\mu_i - y_i) x_i = X^T(\\mu - y)$$\n"
    assert _statuses(notes) == ["verified"]
    assert _statuses(notes.replace("X^T(\\mu - y)", "X^T(y - \\mu)")) == ["failed"]


def test_the_samples_as_rows_or_as_columns():
    assert _statuses("$$X^T X = \\sum_i x_i x_i^T$$\n") == ["verified"]
    assert _statuses("$$X X^T = \\sum_i x_i x_i^T$$\n") == ["verified"]
    assert _statuses("$$X^T X = 2 \\sum_i x_i x_i^T$$\n") == ["failed"]


def test_a_matrix_defined_in_words_is_not_read_as_a_number():
    notes = "$$\\sum_i \\mu_i (1 - \\mu_i) x_i x_i^T = X^T S X$$\n"
    assert _statuses(notes) == ["unchecked"]
