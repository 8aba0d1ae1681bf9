r"""`symnn check` on the backpropagation equations of lecture notes, where the loss is never written out.

Notes of our own, in the style of French and English course notes; every expected verdict was worked out by hand:

- for a loss l of the outputs a_j, with a_j functions of the z_i, ∂l/∂z_i = Σ_j ∂l/∂a_j ∂a_j/∂z_i whatever l is
  (the chain rule through every entry a_j); the loss written with its arguments, l(f(x), y), is the same quantity;
  a sum over the wrong index (Σ_j ∂l/∂a_j ∂a_i/∂z_j) is no chain rule and stays unchecked;
- with a_i = e^{z_i}/Σ_k e^{z_k}: ∂a_i/∂z_j = a_i(1 - a_i) if i = j, -a_i a_j otherwise (cases written in a row
  with "si" and "sinon", without &); a_i a_j in the second case is a slip, caught in the case that fails;
- with z_i = Σ_k W_ik a_k + b_i: ∂z_i/∂b_j = 1 when i = j, 0 otherwise, written \mathds{1}_{i=j};
  \mathbb{1}_{i \neq j} is its opposite, a slip.
"""

# ruff: noqa: E501

from __future__ import annotations

from symnn.notes import check_notes


def _verdicts(notes: str) -> list[tuple[int, str]]:
    return [(c.line, c.status) for c in check_notes(notes).claims]


CHAIN = r"""$$\frac{\partial l(f(x), y)}{\partial z_i} = \sum_{j=1}^{K} \frac{\partial l(f(x), y)}{\partial a_j} \frac{\partial a_j}{\partial z_i}$$

$$\frac{\partial l}{\partial z_i} = \sum_{j=1}^{K} \frac{\partial l}{\partial a_j} \frac{\partial a_j}{\partial z_i}$$
"""


def test_the_chain_rule_through_every_entry_holds_for_any_loss():
    claims = check_notes(CHAIN).claims
    assert [(c.line, c.status) for c in claims] == [(1, "verified"), (3, "verified")]
    assert "the chain rule through every a_j" in claims[0].reason


def test_a_sum_over_the_wrong_index_is_no_chain_rule():
    wrong = CHAIN.replace(r"\frac{\partial a_j}{\partial z_i}$$", r"\frac{\partial a_i}{\partial z_j}$$")
    assert _verdicts(wrong) == [(1, "unchecked"), (3, "unchecked")]


CASES = r"""Let $a_i = \frac{e^{z_i}}{\sum_k e^{z_k}}$.

$$\frac{\partial a_i}{\partial z_j} = \begin{cases} a_i (1 - a_i) \text{ si } i = j \\ -a_i a_j \text{ sinon.} \end{cases}$$
"""


def test_cases_written_without_an_ampersand():
    assert _verdicts(CASES) == [(3, "verified")]
    assert _verdicts(CASES.replace("-a_i a_j", "a_i a_j")) == [(3, "failed")]


INDICATOR = r"""Let $z_i = \sum_k W_{ik} a_k + b_i$.

$$\frac{\partial z_i}{\partial b_j} = \mathds{1}_{i=j}$$
"""


def test_an_indicator_with_its_condition_as_a_subscript():
    assert _verdicts(INDICATOR) == [(3, "verified")]
    assert _verdicts(INDICATOR.replace(r"\mathds{1}_{i=j}", r"\mathbb{1}_{i \neq j}")) == [(3, "failed")]
