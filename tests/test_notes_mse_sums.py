r"""`symnn check` on the gradient of a loss over n samples, the way linear-regression notes derive it:
``\hat{y}_i = W x_i + B``, ``L = \frac{1}{n} \sum_{i=1}^{n} (\hat{y}_i - y_i)^2``, then ``\frac{\partial L}{\partial W}``.

Worked out by hand: ∂L/∂W = (2/n) Σ_i (ŷ_i − y_i) · ∂ŷ_i/∂W = (2/n) Σ_i (W x_i + B − y_i) x_i and
∂L/∂B = (2/n) Σ_i (ŷ_i − y_i); a factor 1/n in place of 2/n is a slip. The check is exact at n = 1, 2, 3
samples, each a symbol of its own (the verdict says it is no proof for every n).
"""

# ruff: noqa: E501

from __future__ import annotations

from symnn.notes import check_notes

_NOTES = (
    "$$\\hat{y}_i = W x_i + B$$\n\n"
    "$$L = \\frac{1}{n} \\sum_{i=1}^{n} (\\hat{y}_i - y_i)^2$$\n\n"
    "$$\\frac{\\partial L}{\\partial W} = \\frac{2}{n} \\sum_{i=1}^{n} (W x_i + B - y_i) x_i$$\n\n"
    "$$\\frac{\\partial L}{\\partial B} = \\frac{2}{n} \\sum_{i=1}^{n} (\\hat{y}_i - y_i)$$\n"
)


def _verdicts(notes: str) -> dict[int, str]:
    return {c.line: c.status for c in check_notes(notes).claims}


def test_the_gradient_of_a_mean_squared_error_over_n_samples():
    verdicts = _verdicts(_NOTES)
    assert verdicts == {5: "verified", 7: "verified"}
    reason = next(c.reason for c in check_notes(_NOTES).claims if c.line == 5)
    assert "n = 1, 2, 3" in reason and "not a proof for every n" in reason


def test_a_wrong_factor_in_the_gradient_is_caught():
    assert (
        _verdicts(_NOTES.replace("\\frac{2}{n} \\sum_{i=1}^{n} (\\hat", "\\frac{1}{n} \\sum_{i=1}^{n} (\\hat"))[7]
        == "failed"
    )
    assert _verdicts(_NOTES.replace("B - y_i) x_i", "B - y_i)"))[5] == "failed"


def test_a_loss_that_does_not_depend_on_the_weight_is_not_given_a_zero_gradient():
    # L written in y_i only: nothing says how it depends on W, so ∂L/∂W is no claim to fail
    notes = "$$L = \\frac{1}{n} \\sum_{i=1}^{n} y_i^2$$\n\n$$\\frac{\\partial L}{\\partial W} = \\frac{2}{n} \\sum_{i=1}^{n} y_i$$\n"
    assert _verdicts(notes) == {3: "unchecked"}


def test_a_vector_written_bare_beside_the_sum_of_its_entries():
    # θ^T x is Σ_i θ_i x_i, whatever the number of entries (θ_0 … θ_n when the sum starts at 0); x^T w too
    from symnn.notes import check_notes

    notes = (
        "$$\\sum_{i=0}^{n} \\theta_i x_i = \\theta^T x$$\n\n$$\\sum_j w_j x_j = \\mathbf{x}^T \\mathbf{w}$$\n\n"
        "$$\\sum_{j=1}^{m} w_j x_j = w^T w$$\n"
    )
    claims = check_notes(notes).claims
    assert [c.status for c in claims] == ["verified", "verified", "unchecked"]
    assert "every" in claims[0].reason  # judged at each size, and said so
