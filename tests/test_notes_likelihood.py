r"""`symnn check` on the derivations of regression notes: a cost defined as a function of its parameters with a
sum over the samples, a likelihood written as a product, and its logarithm split into a sum.

Notes of our own, in the style of public regression notes. Every expected verdict was worked out by hand:

- J(w) = (1/N) Σ_i (y_i - w x_i)^2 gives ∂J/∂w = -(2/N) Σ_i x_i (y_i - w x_i) (the chain rule, term by term);
  dropping the factor x_i, or the minus sign, is a slip; J(0) = (1/N) Σ_i y_i^2;
- J(θ_0, θ_1) = (1/2m) Σ_i (θ_0 + θ_1 x_i - y_i)^2 gives ∂J/∂θ_0 = (1/m) Σ_i (θ_0 + θ_1 x_i - y_i) and
  ∂J/∂θ_1 = (1/m) Σ_i (θ_0 + θ_1 x_i - y_i) x_i (Ng, CS229 lecture notes, part I);
- L(p) = Π_i p^{y_i} (1-p)^{1-y_i} gives ln L(p) = Σ_i [y_i ln p + (1 - y_i) ln(1-p)] where the logarithms are
  real (0 < p < 1); with a minus sign before (1 - y_i) it is false; Π_{i=1}^{3} i = 6, 1.5^4 = 5.0625;
- d ln L/dp = Σ_i [y_i/p - (1 - y_i)/(1 - p)], so a plus there is a slip;
- ln(ab) = ln a + ln b for a, b > 0; ln(a + b) = ln a + ln b is false (a = b = 1: ln 2 ≠ 0).
"""

# ruff: noqa: E501

from __future__ import annotations

from symnn.notes import check_notes

COST = r"""
$$J(w) = \frac{1}{N}\sum_{i=1}^{N} (y_i - w x_i)^2$$

$$\frac{\partial J}{\partial w} = -\frac{2}{N}\sum_{i=1}^{N} x_i (y_i - w x_i)$$

$$J(0) = \frac{1}{N}\sum_{i=1}^{N} y_i^2$$

$$J(\theta_0, \theta_1) = \frac{1}{2m}\sum_{i=1}^{m} (\theta_0 + \theta_1 x_i - y_i)^2$$

$$\frac{\partial J}{\partial \theta_0} = \frac{1}{m}\sum_{i=1}^{m} (\theta_0 + \theta_1 x_i - y_i)$$

$$\frac{\partial J}{\partial \theta_1} = \frac{1}{m}\sum_{i=1}^{m} (\theta_0 + \theta_1 x_i - y_i) x_i$$
"""

LIKELIHOOD = r"""
$$L(p) = \prod_{i=1}^{N} p^{y_i} (1-p)^{1-y_i}$$

$$\ln L(p) = \sum_{i=1}^{N} \left[ y_i \ln p + (1 - y_i) \ln(1-p) \right]$$

$$\prod_{i=1}^{3} i = 6, \quad \prod_{i=1}^{4} (1 + 0.5) = 5.0625$$

$$\ln(ab) = \ln a + \ln b$$

$$\ln(a + b) = \ln a + \ln b$$

$$\frac{d \ln L}{d p} = \sum_{i=1}^{N} \left[ \frac{y_i}{p} - \frac{1 - y_i}{1-p} \right]$$
"""


def _verdicts(notes: str) -> list[tuple[int, str]]:
    return [(c.line, c.status) for c in check_notes(notes).claims]


def test_a_cost_defined_with_a_sum_over_the_samples_is_differentiated_at_each_size():
    claims = check_notes(COST).claims
    assert [(c.line, c.status) for c in claims] == [
        (4, "verified"), (6, "verified"), (10, "verified"), (12, "verified")
    ]
    assert all("n = 1, 2, 3 terms" in c.reason for c in claims)  # said to be checked at three sizes, not proved


def test_slips_in_the_gradient_of_a_cost_are_caught():
    no_input = COST.replace(r"-\frac{2}{N}\sum_{i=1}^{N} x_i (y_i", r"-\frac{2}{N}\sum_{i=1}^{N} (y_i")
    assert _verdicts(no_input)[0] == (4, "failed")  # the factor x_i dropped (true at n = 1 only if x_1 = 1)
    sign = COST.replace(r"= -\frac{2}{N}", r"= \frac{2}{N}")
    assert _verdicts(sign)[0] == (4, "failed")
    theta = COST.replace(r"- y_i) x_i$$", r"- y_i)$$")
    assert _verdicts(theta)[-1] == (12, "failed")
    cost_at_zero = COST.replace(r"y_i^2$$", r"y_i$$")
    assert _verdicts(cost_at_zero)[1] == (6, "failed")


def test_a_likelihood_as_a_product_and_its_logarithm_split():
    claims = check_notes(LIKELIHOOD).claims
    assert [(c.line, c.status) for c in claims] == [
        (4, "verified"), (6, "verified"), (6, "verified"), (8, "verified"), (10, "unchecked"), (12, "verified")
    ]
    assert "logarithm's argument is positive" in claims[0].reason  # the condition the ✓ needs is said
    assert "logarithm's argument is positive" in claims[3].reason


def test_a_wrong_sign_in_the_log_likelihood_is_caught():
    slipped = LIKELIHOOD.replace(r"y_i \ln p + (1 - y_i)", r"y_i \ln p - (1 - y_i)")
    assert _verdicts(slipped)[0] == (4, "failed")
    product = LIKELIHOOD.replace("= 6,", "= 5,")
    assert _verdicts(product)[1] == (6, "failed")
    derivative = LIKELIHOOD.replace(r"\frac{y_i}{p} - \frac{1 - y_i}{1-p}", r"\frac{y_i}{p} + \frac{1 - y_i}{1-p}")
    assert _verdicts(derivative)[-1] == (12, "failed")


NORMAL_EQUATION = r"""
\begin{align}
\frac{\partial L}{\partial w_0} &= -\sum_{i=1}^N \bigl[y^{(i)} - (w_1 x^{(i)} + w_0)\bigr] = 0 \\
\sum_{i=1}^N y^{(i)} &= \sum_{i=1}^N \bigl(w_1 x^{(i)} + w_0\bigr) \\
& = w_1 \sum_{i=1}^N x^{(i)} + N\,w_0
\end{align}
Then dividing by $N$ on both sides:
\begin{align}
\frac{1}{N}\sum_{i=1}^N y^{(i)} &= w_1 (\frac{1}{N}\sum_{i=1}^N x^{(i)}) + w_0
\end{align}
"""


def test_each_step_of_solving_an_equation_follows_from_the_one_before():
    # -Σ[y_i - (w_1 x_i + w_0)] = 0 ⟺ Σ y_i = Σ (w_1 x_i + w_0) (times -1) = w_1 Σ x_i + N w_0 (an identity), and
    # (1/N) of both sides: each step holds where the one before does (Bishop, PRML, 3.1.1, in one dimension)
    claims = [c for c in check_notes(NORMAL_EQUATION, kind="latex").claims if c.status != "unchecked"]
    assert [(c.line, c.status) for c in claims] == [(4, "verified"), (5, "verified"), (9, "verified")]
    assert "follows from the equation on line 3" in claims[0].reason
    assert "follows from the equation on line 4" in claims[2].reason  # times 1, 1/2, 1/3 at n = 1, 2, 3


def test_a_step_that_does_not_follow_is_not_verified():
    # Σ y_i = Σ (w_1 x_i - w_0) does not follow from Σ [y_i - (w_1 x_i + w_0)] = 0 (the sign of w_0 changed)
    slipped = NORMAL_EQUATION.replace(r"\bigl(w_1 x^{(i)} + w_0\bigr) \\", r"\bigl(w_1 x^{(i)} - w_0\bigr) \\")
    claims = check_notes(slipped, kind="latex").claims
    assert [c.status for c in claims if c.line == 4] == ["unchecked"]


def test_a_sign_slip_in_the_gradient_of_the_squared_error_of_a_sigmoid_unit():
    # J = ½(y_i - ŷ_i)², ŷ_i = σ(W x_i + b): dJ/dW = -(y_i - ŷ_i) σ'(W x_i + b) x_i; Wx_i is W times x_i
    notes = (
        "Given our prediction $$\\hat{y_i} = \\sigma(Wx_i + b)$$ and our loss $$J = \\frac{1}{2}(y_i - \\hat{y_i})^2$$,"
        "\n\n$$\\frac{dJ}{dW} = -(y_i - \\hat{y_i})\\sigma'(Wx_i + b)x_i$$\n"
    )
    assert _verdicts(notes) == [(3, "verified")]
    assert _verdicts(notes.replace("= -(y_i", "= (y_i")) == [(3, "failed")]


def test_a_term_after_a_sum_in_its_index_is_read_inside_it():
    # -Σ_i y_i log h_i + (1 - y_i) log(1 - h_i): the brackets are left out, as a free i beside a sum over i would
    # be no formula; so J = -Σ_i [y_i log h_i + (1 - y_i) log(1 - h_i)] and ∂J/∂h_k = -y_k/h_k + (1 - y_k)/(1 - h_k)
    # (the second term read outside the sum would give -y_k/h_k alone for k ≠ i). A term before the sum that uses
    # its index stays refused: x_i + Σ_i y_i may mean a free i.
    notes = r"$$J = -\sum_{i=1}^{N} y_i \log(h_i) + (1 - y_i)\log(1 - h_i)$$" + "\n\n"
    notes += r"$$\frac{\partial J}{\partial h_k} = -\frac{y_k}{h_k} + \frac{1 - y_k}{1 - h_k}$$" + "\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified"]
    assert [c.status for c in check_notes(notes.replace("+ \\frac{1 - y_k}", "- \\frac{1 - y_k}")).claims] == ["failed"]
    before = check_notes(r"$$J = x_i + \sum_{i=1}^{N} y_i$$" + "\n").claims
    assert [c.status for c in before] == ["unchecked"] and "brackets left out" in before[0].reason


ALIASED = r"""$$L = -y \log \hat{y} - (1 - y) \log (1 - \hat{y})$$

Let $\hat{y} = a = wx + b$, there is

$$\frac{\partial \hat{y}}{\partial w} = x, \quad \frac{\partial L}{\partial \hat{y}} = - \frac{y}{\hat{y}} + \frac{1 - y}{1 - \hat{y}}$$

$$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial \hat{y}} \frac{\partial \hat{y}}{\partial w} = \left( - \frac{y}{\hat{y}} + \frac{1 - y}{1 - \hat{y}} \right) x$$

$$-y (1 - a) + a (1 - y) = -y + ay + a - ay$$
"""


def test_a_quantity_named_twice_with_let_is_both_names():
    # ŷ = a = wx + b: ∂ŷ/∂w = x; ∂L/∂ŷ = -y/ŷ + (1-y)/(1-ŷ) (natural log); ∂L/∂w = that times x; a(1 - y) is a times
    # the bracket, though a was introduced as a function of w, x and b
    claims = check_notes(ALIASED).claims
    assert [(c.line, c.status) for c in claims] == [(5, "verified"), (5, "verified"), (7, "verified"),
                                                    (7, "verified"), (9, "verified")]
    slipped = ALIASED.replace(r"\right) x$$", r"\right) w$$")
    assert [c.status for c in check_notes(slipped).claims if c.line == 7] == ["verified", "failed"]


def test_a_loss_as_the_norm_of_vectors_written_out_over_their_entries_at_the_last_layer():
    # C = ½‖y - a^L‖² = ½ Σ_k (y_k - a_k^L)², so ∂C/∂a_j^L = -(y_j - a_j^L) (Nielsen, Neural Networks and Deep
    # Learning, ch. 2, BP1); \mathcal{L} is read as C, the one loss the notes define
    notes = (
        r"$$C=\frac12 \| \boldsymbol{y} - \boldsymbol{a}^L \|^2 = \frac12 \sum_{k} | y_k - a_k^L |^2$$" + "\n\n"
        r"$$\frac{\partial \mathcal{L}}{\partial a_j^L} = - (y_j - a_j^L)$$" + "\n"
    )
    assert _verdicts(notes) == [(1, "verified"), (3, "verified")]
    assert _verdicts(notes.replace("- (y_j - a_j^L)", "- (y_j + a_j^L)")) == [(1, "verified"), (3, "failed")]


def test_a_derivative_by_an_entry_of_the_last_layer():
    # E = ½ Σ_k (y_k - a_k^L)²: ∂E/∂a_j^L = a_j^L - y_j; a plus is a slip
    notes = r"$$E = \frac{1}{2} \sum_{k} (y_k - a_k^L)^2$$" + "\n\n" + r"$$\frac{\partial E}{\partial a_j^L} = a_j^L - y_j$$" + "\n"
    assert _verdicts(notes) == [(3, "verified")]
    assert _verdicts(notes.replace("= a_j^L - y_j", "= a_j^L + y_j")) == [(3, "failed")]
