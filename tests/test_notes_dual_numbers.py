r"""`symnn check` on forward-mode autodiff notes with dual numbers (ε² = 0), and on a derivative by one entry of a
vector that the expression holds whole.

Notes of our own; every expected verdict was worked out by hand:

- with ε² = 0: (3 + 4ε)(5 + 7ε) = 15 + 21ε + 20ε + 28ε² = 15 + 41ε (28ε² vanishes; 15 + 42ε is a slip);
- (a + bε)² = a² + 2abε; 1/(2 + ε) = 1/2 - ε/4 (the first order of 1/(2 + ε));
- without ε² = 0 stated, 15 + 21ε + 20ε + 28ε² = 15 + 41ε is no identity (28ε² is not 0): unchecked or ✗, never ✓;
- ∂/∂b_j (W h + b) is the j-th unit vector, entry by entry: read with b a symbol apart from b_j it would be 0.
"""

from __future__ import annotations

from symnn.notes import check_notes

DUAL = r"""A dual number is $a + b\epsilon$, where $\epsilon$ is such that $\epsilon^2 = 0$.

$(3 + 4\epsilon)(5 + 7\epsilon) = 15 + 21\epsilon + 20\epsilon + 28\epsilon^2 = 15 + 41\epsilon$

$(a + b\epsilon)^2 = a^2 + 2ab\epsilon$

$\frac{1}{2 + \epsilon} = \frac{1}{2} - \frac{\epsilon}{4}$
"""


def _statuses(notes: str) -> list[str]:
    return [c.status for c in check_notes(notes).claims]


def test_dual_number_arithmetic_to_first_order():
    assert _statuses(DUAL) == ["verified"] * 4


def test_a_slip_in_dual_number_arithmetic():
    assert _statuses(DUAL.replace("= 15 + 41", "= 15 + 42")) == ["verified", "failed", "verified", "verified"]


def test_without_the_declaration_epsilon_squared_is_not_zero():
    statuses = _statuses(DUAL.replace(r"such that $\epsilon^2 = 0$", "small"))
    assert statuses[1] != "verified" and statuses[3] != "verified"


def test_a_derivative_by_an_entry_of_a_vector_written_whole_is_unchecked():
    notes = (
        r"Let $z = W h + b$." + "\n\n"
        r"$\frac{\partial z}{\partial b_j} = \frac{\partial}{\partial b_j} (W h + b) = 1$" + "\n"
    )
    assert "failed" not in _statuses(notes)
