r"""`symnn check` on claims whose values the sentence states after them ("…, where $w = 2$ …").

Notes of our own; every expected verdict was worked out by hand:

- w = 2, x = 1, b = 0.5: wx + b = 2 + 0.5 = 2.5 (2.6 is a slip);
- with ŷ = 2.5 and y = 1: (ŷ - y)x = 1.5·1 = 1.5;
- σ(z) = 1/(1 + e^{-z}) at z = 0 is 1/2;
- values not stated as numbers ("where $x$ is the input"), or stated in a later sentence, leave the claim unchecked.
"""

from __future__ import annotations

from symnn.notes import check_notes

NOTES = r"""The prediction is $\hat y = wx + b = 2.5$, where $w = 2$, $x = 1$ and $b = 0.5$.

The error is $(\hat y - y)x = 1.5$ for $y = 1$.
"""


def _statuses(notes: str) -> list[str]:
    return [c.status for c in check_notes(notes).claims]


def test_values_stated_after_the_claim_in_its_sentence_are_used():
    claims = check_notes(NOTES).claims
    assert [c.status for c in claims] == ["verified", "verified"]
    assert "states after it (line 1)" in claims[0].reason


def test_a_slip_is_caught_with_the_values_stated_after_it():
    assert _statuses(NOTES.replace("= 2.5$", "= 2.6$")) == ["failed", "verified"]  # the exact ŷ goes on
    assert _statuses(NOTES.replace("= 1.5$", "= 1.4$")) == ["verified", "failed"]


def test_values_in_one_formula_after_with():
    notes = r"The sigmoid gives $\frac{1}{1 + e^{-z}} = 0.5$ with $z = 0$."
    assert _statuses(notes) == ["verified"]
    assert _statuses(notes.replace("0.5$", "0.6$")) == ["failed"]


def test_no_values_in_the_sentence_leave_the_claim_unchecked():
    assert _statuses(r"We get $wx + b = 2.5$, where $x$ is the input and $w = 2$.") == ["unchecked"]
    assert _statuses("We get $wx + b = 2.5$.\n\nLater, $w = 2$, $x = 1$ and $b = 0.5$.") == ["unchecked"]
    assert _statuses(r"We get $wx + b = 2.5$. Take $w = 2$, $x = 1$ and $b = 0.5$.") == ["unchecked"]
