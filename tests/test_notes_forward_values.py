r"""`symnn check` on a derivative evaluated at a point whose forward pass the notes did not write out.

Notes of our own; every expected verdict was worked out by hand:

- z = wx + b, ŷ = σ(z), L = -y log ŷ - (1 - y) log(1 - ŷ), so ∂L/∂w = (ŷ - y)x;
- at x = 2, w = 1/2, b = -1, y = 1: z = 1 - 1 = 0, ŷ = σ(0) = 1/2, so ∂L/∂w = (1/2 - 1)·2 = -1;
- (0.5 - 1)·3 = -1.5 is a slip in the substitution (3 for x = 2), and ∂L/∂w = -1.5 a slip in the result;
- with b left unstated, z and ŷ are unknown and the claim stays unchecked.
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
