r"""`symnn check` on the softmax and cross-entropy derivations as people write them.

Notes of our own, in the styles of blog posts and notebooks; every expected verdict was worked out by hand:

- y_c = e^{z_c} / Σ_C with Σ_C = Σ_d e^{z_d}. For i = j, ∂y_i/∂z_i = (e^{z_i} Σ_C - e^{2 z_i}) / Σ_C²
  = y_i (1 - y_i); for i ≠ j, ∂y_i/∂z_j = (0 - e^{z_i} e^{z_j}) / Σ_C² = -y_i y_j. Writing +y_i y_j in the
  second case is a slip.
- Σ_c y_c = Σ_c e^{z_c} / Σ_d e^{z_d} = 1 for every z; Σ_c y_c = 2 is not an identity.
- L(p) = -Σ_i y_i log p_i, a function of the vector p written in its entries: ∂L/∂p_j = -y_j / p_j, and
  ∂(y_i log p_i)/∂p_i = y_i / p_i (natural log).
- p = softmax(x) means p_i = e^{x_i} / Σ_k e^{x_k}, so ∂p_i/∂x_i = p_i (1 - p_i) and
  ∂L/∂x_i = Σ_j ∂L/∂p_j · ∂p_j/∂x_i (the chain rule through every entry of p).
- "when $p_i = p_j$" states the case a sentence is about; it defines nothing, so the later
  -y_i + p_i = p_i - y_i is still an identity.
- ξ = z_1², so {∂ξ}/{∂z_1} (a slash between braced groups) = 2 z_1; a stray empty group after a fraction,
  \frac{∂ξ}{∂z_1}{}, changes nothing.
"""

from __future__ import annotations

from symnn.notes import check_notes

CASES = r"""If we define $\Sigma_C = \sum_{d=1}^C e^{z_d}$ so that $y_c = e^{z_c} / \Sigma_C$, then

$$
\begin{split}
\text{if} \; i = j :& \frac{\partial y_i}{\partial z_i} = \frac{e^{z_i}\Sigma_C - e^{2z_i}}{\Sigma_C^2} = y_i(1 - y_i)\\
\text{if} \; i \neq j :& \frac{\partial y_i}{\partial z_j} = \frac{0 - e^{z_i}e^{z_j}}{\Sigma_C^2} = -y_i y_j
\end{split}
$$
"""


def _statuses(notes: str, line: int | None = None) -> list[str]:
    return [c.status for c in check_notes(notes).claims if line is None or c.line == line]


def test_a_case_that_heads_a_row_is_the_case_of_its_row():
    claims = check_notes(CASES).claims
    assert [(c.line, c.status) for c in claims] == [(5, "verified")] * 2 + [(6, "verified")] * 2
    assert "i ≠ j" in claims[2].reason and "i ≠ j" not in claims[0].reason


def test_a_slip_in_one_case_is_caught():
    slipped = CASES.replace("= -y_i y_j", "= y_i y_j")
    assert _statuses(slipped, 6) == ["verified", "failed"]


SUM_TO_ONE = r"""$$y_c = \frac{e^{z_c}}{\sum_{d=1}^C e^{z_d}}$$

The outputs sum to one: $\sum_{c=1}^C y_c = 1$, never $\sum_{c=1}^C y_c = 2$.
"""


def test_a_sum_that_equals_a_number_for_every_input_is_an_identity():
    claims = check_notes(SUM_TO_ONE).claims
    assert [c.status for c in claims] == ["verified", "unchecked"]
    assert "an identity" in claims[0].reason


LOSS_OF_A_VECTOR = r"""The loss is

$$L(\mathbf{p}) = - \sum_i y_i \log p_i$$

so

$$\frac{\partial L}{\partial p_j} = - \frac{y_j}{p_j}$$

and with $\mathbf{p} = \text{softmax}(\mathbf{x})$,

$$\frac{\partial p_i}{\partial x_i} = p_i (1 - p_i)$$

$$\frac{\partial L}{\partial x_i} = \sum_{j=1}^n \frac{\partial L}{\partial p_j} \frac{\partial p_j}{\partial x_i}$$

Only when $p_i = p_j$ is a term not zero:

$$\frac{\partial y_i \log p_i}{\partial p_i} = \frac{y_i}{p_i}$$

$$-y_i + p_i = p_i - y_i$$
"""


def test_a_function_of_a_vector_written_in_its_entries_is_read():
    claims = {c.line: c for c in check_notes(LOSS_OF_A_VECTOR).claims}
    assert claims[7].status == "verified"
    assert claims[13].status == "verified"  # the chain rule through p = softmax(x)


def test_softmax_of_a_vector_defines_its_entries():
    assert _statuses(LOSS_OF_A_VECTOR, 11) == ["verified"]
    assert _statuses(LOSS_OF_A_VECTOR.replace("p_i (1 - p_i)", "p_i (1 + p_i)"), 11) == ["failed"]


def test_a_derivative_of_an_expression_by_an_entry_goes_through_the_template():
    assert _statuses(LOSS_OF_A_VECTOR, 17) == ["verified"]
    assert _statuses(LOSS_OF_A_VECTOR.replace(r"= \frac{y_i}{p_i}", r"= \frac{y_i}{p_i^2}"), 17) == ["failed"]


def test_a_case_in_a_sentence_defines_nothing():
    assert _statuses(LOSS_OF_A_VECTOR, 19) == ["verified"]


SLASHED = r"""Let $\xi = z_1^2$.

$${\partial \xi}/{\partial z_1} = 2 z_1$$

$$\frac{\partial \xi}{\partial z_1}{} = 2 z_1$$

$${\partial \xi}/{\partial z_1} = 3 z_1$$
"""


def test_a_derivative_typed_with_a_slash_between_braces_and_an_empty_group():
    assert _statuses(SLASHED) == ["verified", "verified", "failed"]
