r"""`symnn check` on softmax derivations that split a sum into the term i and the rest,
``\sum_{k = 1, k \neq i}^n``, and on the cross-entropy gradient that needs the targets to sum to one.

Notes of our own, in the style of such a derivation; every expected verdict was worked out by hand:

- -y_i + y_i z_i + Σ_{k≠i} y_k z_i = z_i (y_i + Σ_{k≠i} y_k) - y_i = z_i (Σ_k y_k) - y_i (factoring z_i out);
- with z_i the softmax of a and L = -Σ_k y_k ln z_k: ∂L/∂a_i = z_i Σ_k y_k - y_i, which is z_i - y_i when Σ_k y_k = 1
  (so true only given that, which the notes state just after it).
"""

from __future__ import annotations

from symnn.notes import check_notes

NOTES = r"""Let $z_i = \frac{e^{a_i}}{\sum_{k=1}^n e^{a_k}}$ and $L = - \sum_{k = 1}^n y_k \log(z_k)$.

$$- y_i + y_i z_i + \sum_{k = 1, k \neq i}^n y_k z_i = z_i \left(y_i + \sum_{k = 1, k \neq i}^n y_k \right) - y_i$$

$$z_i \left(y_i + \sum_{k = 1, k \neq i}^n y_k \right) - y_i = z_i \left(\sum_{k = 1}^n y_k \right) - y_i$$

$$\frac{\partial L}{\partial a_i} = z_i - y_i$$
"""


def _statuses(notes: str) -> list[str]:
    return [c.status for c in check_notes(notes).claims]


def test_a_sum_but_one_term():
    assert _statuses(NOTES)[:2] == ["verified", "verified"]
    # a sign slip: never a ✓ (a ✗ or, in generic entries that might satisfy an equation, unchecked)
    assert _statuses(NOTES.replace(r"= z_i \left(y_i + \sum", r"= z_i \left(y_i - \sum"))[0] != "verified"


def test_the_gradient_needs_the_targets_to_sum_to_one():
    (*_, gradient) = check_notes(NOTES).claims
    assert gradient.status == "unchecked" and "Σ_j y_j = 1" in gradient.reason
    said = NOTES + "\nwhere $\\sum_k y_k = 1$.\n"
    (gradient,) = [c for c in check_notes(said).claims if c.line == 7]
    assert gradient.status == "verified" and "stated after it" in gradient.reason


def test_a_side_broken_after_its_sign():
    # (a + b)^2 = \\ &= a^2 + 2ab + b^2: one "=", the sign written again to align the row
    notes = "$$\n\\begin{align*}\n(a + b)^2 = \\\\\n&= a^2 + 2ab + b^2\n\\end{align*}\n$$\n"
    assert _statuses(notes) == ["verified"]
    assert _statuses(notes.replace("2ab", "3ab")) != ["verified"]


def test_the_entry_of_a_greek_function():
    # φ(z)_i = e^{z_i}/Σ_k e^{z_k}: ∂φ(z)_i/∂z_i = (e^{z_i} Σ - e^{z_i}²)/Σ² = φ_i(1 - φ_i)
    notes = (
        "Let $\\phi(z)_i = \\frac{e^{z_i}}{\\sum_k e^{z_k}}$.\n\n"
        "$$\\frac{\\partial \\phi(z)_i}{\\partial z_i} = \\phi(z)_i \\left( 1 - \\phi(z)_i \\right)$$\n"
    )
    assert _statuses(notes) == ["verified"]
    assert _statuses(notes.replace("1 - \\phi", "1 + \\phi")) != ["verified"]
