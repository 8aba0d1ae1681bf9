r"""`symnn check` on symbolic derivations: softmax with sums of any size, names read from the derivatives
the notes write, and ``array`` environments.

Notes of our own, in the style of public softmax and chain-rule posts. Every expected verdict was
worked out by hand:

- with p_i = e^{s_i} / Σ_k e^{s_k}, ∂p_i/∂s_j = p_i(δ_ij − p_j), so ∂p_i/∂s_i = p_i(1 − p_i);
- with E = −Σ_j q_j log p_j, ∂E/∂s_i = −Σ_j q_j (1/p_j) ∂p_j/∂s_i = −q_i(1 − p_i) + Σ_{j≠i} q_j p_i
  = −q_i + p_i Σ_j q_j;
- with E read as ½(y − ŷ)² and ŷ as h w_2 + c, ∂E/∂w_2 = −(y − ŷ) h.
"""

# ruff: noqa: E501

from __future__ import annotations

from symnn.notes import check_notes

SOFTMAX = r"""
The scores become probabilities $p_i = \frac{e^{s_i}}{\sum_k e^{s_k}}$, and the loss is $E = -\sum_j q_j \log p_j$.

$$
\frac{\partial p_i}{\partial s_j} = p_i(\delta_{ij} - p_j)
$$

$$
\frac{\partial p_i}{\partial s_i} = p_i (1 - p_i)
$$

$$
\frac{\partial E}{\partial s_i} = -\frac{q_i}{p_i} p_i (1 - p_i) + \sum_{j \neq i} \frac{q_j}{p_j} p_j p_i = -q_i + p_i \sum_j q_j
$$
"""


def _statuses(notes: str) -> list[str]:
    return [c.status for c in check_notes(notes).claims]


def test_softmax_derivatives_are_judged_at_each_size():
    claims = check_notes(SOFTMAX).claims
    assert [c.status for c in claims] == ["verified"] * 4
    assert all("for n = 1, 2, 3 terms" in c.reason for c in claims)  # each size, not a proof for every n
    assert "log read as the natural logarithm" in claims[2].reason


def test_softmax_slips_are_caught_at_their_line():
    # a sign in ∂p_i/∂s_j: at n = 1, p_1 = 1, so p_1(1 + p_1) = 2 where the derivative is 0
    plus = check_notes(SOFTMAX.replace(r"p_i(\delta_{ij} - p_j)", r"p_i(\delta_{ij} + p_j)")).claims
    assert plus[0].status == "failed" and "n = 1" in plus[0].reason
    assert _statuses(SOFTMAX.replace("p_i (1 - p_i)\n", "p_i (1 + p_i)\n"))[1] == "failed"
    # the sign of the sum over j ≠ i: at n = 2 the side differs from ∂E/∂s_i, a derivative of a quantity defined
    sign = check_notes(
        SOFTMAX.replace(r"+ \sum_{j \neq i} \frac{q_j}{p_j}", r"- \sum_{j \neq i} \frac{q_j}{p_j}")
    ).claims
    assert sign[2].status == "failed" and "differs from the derivative" in sign[2].reason
    assert sign[3].status == "unchecked"  # the next link compares two of the notes' own sides: maybe an equation


ONE_HOT = r"""
The scores become probabilities $p_i = \frac{e^{s_i}}{\sum_k e^{s_k}}$, and the loss is $E = -\sum_j q_j \log p_j$.

$$
\frac{\partial E}{\partial s_i} = -q_i + p_i \sum_j q_j = p_i - q_i
$$

The targets are one-hot: $\sum_j q_j = 1$.

$$
\frac{\partial E}{\partial s_i} = -q_i + p_i \sum_j q_j = p_i - q_i
$$
"""


def test_a_step_that_uses_targets_summing_to_one():
    claims = check_notes(ONE_HOT).claims
    # the first display needs Σ_j q_j = 1, which the next sentence states: verified given it
    assert [c.status for c in claims] == ["verified", "verified", "unchecked", "verified", "verified"]
    assert "an identity given \u03a3_j q_j = 1 (line 8, stated after it)" in claims[1].reason
    assert "an identity given \u03a3_j q_j = 1 (line 8)" in claims[4].reason
    slip = check_notes(ONE_HOT.replace("p_i \\sum_j q_j = p_i - q_i\n$$\n", "p_i \\sum_j q_j = p_i + q_i\n$$\n")).claims
    # after an identity in the chain, and not explained by Σ_j q_j = 1 (stated or not): a slip, both times
    assert [c.status for c in slip] == ["verified", "failed", "unchecked", "verified", "failed"]


def test_a_sum_leaving_one_index_out_and_a_sum_without_its_index():
    # Σ_{j≠i} a_j + a_i = Σ_j a_j at every size; Σ e^{s_k} (no index written) sums over k, the one index of its term
    assert _statuses(r"$$\sum_{j \neq i} a_j + a_i = \sum_j a_j$$") == ["verified"]
    assert _statuses(r"$$\sum_{j \neq i} a_j = \sum_j a_j$$") == ["unchecked"]  # an equation in a_1, …: not ✓
    assert _statuses(SOFTMAX.replace(r"\sum_k e^{s_k}", r"\sum e^{s_k}")) == ["verified"] * 4


CHAIN = r"""
$$
\frac{\partial E}{\partial \hat{y}} = \frac{\partial}{\partial \hat{y}} \left( \frac{1}{2}(y - \hat{y})^2 \right) = -(y - \hat{y})
$$

$$
\frac{\partial \hat{y}}{\partial w_2} = \frac{\partial}{\partial w_2} (h w_2 + c) = h
$$

$$
\frac{\partial E}{\partial w_2} = \frac{\partial E}{\partial \hat{y}} \cdot \frac{\partial \hat{y}}{\partial w_2} = -(y - \hat{y}) h
$$
"""


def test_a_name_is_read_from_the_derivative_the_notes_write_for_it():
    claims = check_notes(CHAIN).claims
    assert [c.status for c in claims] == ["unchecked", "verified", "unchecked", "verified", "verified", "verified"]
    assert "E is not defined otherwise: read as" in claims[0].reason
    assert "read from how their derivatives are written" in claims[-1].reason


def test_a_closed_form_that_contradicts_the_names_read_is_a_slip():
    wrong = check_notes(CHAIN.replace(r"= -(y - \hat{y}) h", r"= -(y - \hat{y}) c")).claims
    assert wrong[-1].status == "failed"  # c is in ŷ = h w_2 + c, so the factor h was replaced by a known name
    other = check_notes(CHAIN.replace(r"= -(y - \hat{y}) h", r"= -(y - \hat{y}) x")).claims
    assert other[-1].status == "unchecked"  # x is no name the notes use: maybe meant otherwise


def test_array_rows_with_newline_are_a_chain():
    notes = "$$\\tag{A1}\\label{A1}\n\\begin{array}{rcl}\n3 \\cdot 4 & = & 12 \\newline\n& = & 2 \\cdot 6\n\\end{array}\n$$\n"
    claims = check_notes(notes).claims
    assert [(c.line, c.status) for c in claims] == [(3, "verified"), (4, "verified")]
    assert _statuses(notes.replace("2 \\cdot 6", "2 \\cdot 7")) == ["verified", "failed"]


CHAIN_RULE = r"""
$$net_{h1} = w_1 i_1 + w_2 i_2 + b_1$$

$$\frac{\partial E}{\partial w_1} = \frac{\partial E}{\partial out_{h1}} \frac{\partial out_{h1}}{\partial net_{h1}} \frac{\partial net_{h1}}{\partial w_1}$$
"""


def test_the_chain_rule_as_written_where_the_notes_define_too_little():
    # E and out_h1 are never defined: the factors telescope E → out_h1 → net_h1 → w_1, and w_1 feeds h1 only
    claims = check_notes(CHAIN_RULE).claims
    assert [c.status for c in claims] == ["verified"] and "the chain rule as written" in claims[0].reason
    # the chain ends at another weight: the derivative by w_2, not by w_1
    ends = check_notes(CHAIN_RULE.replace(r"{\partial w_1}$$", r"{\partial w_2}$$")).claims
    assert ends[0].status == "failed" and "not by w_1" in ends[0].reason
    # w_3 is not in net_h1: a chain through h1 for it is not the chain rule of these notes (left unchecked)
    other = CHAIN_RULE.replace(r"{\partial w_1} =", r"{\partial w_3} =").replace(
        r"{\partial w_1}$$", r"{\partial w_3}$$"
    )
    assert [c.status for c in check_notes(other).claims] == ["unchecked"]
    # a chain through two units may miss the paths through the others: not judged by this rule
    two = r"$$\frac{\partial E}{\partial w_1} = \frac{\partial E}{\partial out_{o1}} \frac{\partial out_{o1}}{\partial out_{h1}} \frac{\partial out_{h1}}{\partial w_1}$$"
    assert [c.status for c in check_notes(two).claims] == ["unchecked"]


def test_an_updated_weight_written_with_an_upright_superscript_is_one_name():
    # w_1^{new} = 0.5 + 0.2 · 3.0 = 1.1, then z^{new} = 2 · 1.1 + 1 = 3.2 (3.3 is a slip)
    notes = (
        "Let $w_1 = 0.5$ and $\\alpha = 0.2$.\n\n"
        "$$w_1^{\\text{new}} = w_1 + \\alpha \\cdot 3.0 = 0.5 + 0.6 = 1.1$$\n\n"
        "$$z^{\\text{new}} = 2.0 \\times w_1^{\\text{new}} + 1.0 = 3.2$$\n"
    )
    assert _statuses(notes) == ["verified"] * 3
    assert _statuses(notes.replace("= 3.2$$", "= 3.3$$"))[-1] == "failed"


def test_a_function_defined_twice_alike_does_not_hide_a_slip():
    # σ written twice (the same function): a wrong derivative is still ✗, not "too large to check"
    notes = (
        "$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$\n\n$$\\sigma(x) = (1 + e^{-x})^{-1}$$\n\n"
        "$$\\frac{d}{dx} \\sigma(x) = -1 \\cdot (1 + e^{-x})^{-2}$$\n"
    )
    claims = check_notes(notes).claims
    # (each definition is the logistic function, as defined everywhere: a claim verified)
    assert [c.status for c in claims] == ["verified", "verified", "failed"]
    assert "logistic function" in claims[0].reason and "exp(-x)/(1 + exp(-x))**2" in claims[-1].reason


def test_a_sign_dropped_in_a_derivation_continued_over_formulas():
    # ŷ = wx + b, L = (y - ŷ)^2: ∂L/∂w = -2x(y - wx - b) = -2x(y - ŷ); "= 2x(y - ŷ)" drops the sign
    notes = (
        "$\\hat y = wx + b$\n\n$L = (y - \\hat y)^2$\n\n"
        "$\\frac{\\partial L}{\\partial w} = 2(y - (wx + b))\\frac{\\partial (y - wx - b)}{\\partial w}$\n\n"
        "= $-2x(y - wx - b)$\n\n= $-2x(y - \\hat y)$\n"
    )
    assert _statuses(notes) == ["verified", "verified", "verified"]
    assert _statuses(notes.replace("= $-2x(y - \\hat y)$", "= $2x(y - \\hat y)$"))[-1] == "failed"


def test_a_rounded_value_carried_into_the_right_side():
    # tanh(4) = 0.99932930…, printed 0.9993; 1 - 0.9993^2 = 0.00139951, while 1 - tanh(4)^2 = 0.00134095…:
    # within the rounding of 0.9993 (1 - 0.99935^2 = 0.0012996, 1 - 0.99925^2 = 0.0014994)
    notes = (
        "$$\\phi(u) = \\tanh(u)$$\n\n$$a_3 = \\tanh(4) \\approx 0.9993$$\n\n"
        "$$\\phi'(u) = 1 - \\tanh^2(u)$$\n\n$$\\phi'(4) = 1-(0.9993)^2$$\n"
    )
    claims = check_notes(notes).claims
    # the right side writes the rounded 0.9993: between the values with it moved half a unit either way
    assert [c.status for c in claims][-1] == "printed" and "rounding of the decimals it writes (0.9993)" in claims[
        -1
    ].reason
    assert _statuses(notes.replace("1-(0.9993)^2", "1-(0.9939)^2"))[-1] == "failed"  # not the value carried


def test_a_function_defined_anew_inside_a_chain():
    # f(x) = x^x, then "the function y = f(x) = x^3 - 1/x": the new f, so f(2) = 8 - 1/2 = 7.5
    notes = "Take $f(x) = x^x$.\n\nPlot the function $y = f(x) = x^3 - \\frac{1}{x}$.\n\nThen $f(2) = 7.5$.\n"
    assert _statuses(notes) == ["verified"]
    assert _statuses(notes.replace("7.5", "7")) == ["failed"]
    old = check_notes(notes.replace("7.5", "4")).claims  # 4 = 2^2, the earlier f's value: which f is meant is unclear
    assert old[0].status == "unchecked" and "earlier f" in old[0].reason


def test_gradient_names_upright_quantities_and_primes_as_written():
    # dw = (1/3)(-200 - 360 - 450) = -1010/3 ≈ -336.67: dw is the gradient's name, not d·w
    notes = "$$dw = \\frac{1}{3} (-200 - 360 - 450) = \\frac{-1010}{3} \\approx -336.67$$\n"
    claims = check_notes(notes).claims
    assert [c.status for c in claims] == ["verified", "verified"] and "d, w" not in claims[0].reason
    # \text{error} between operators is a quantity: with error = 4, 2 · error + 1 = 9
    quantity = "$$\\text{error} = 4$$\n\n$$2 \\cdot \\text{error} + 1 = 9$$\n"
    assert _statuses(quantity) == ["verified"]
    assert _statuses(quantity.replace("= 9", "= 10")) == ["failed"]
    # f^\prime(z) and \tanh'(a) are derivatives: σ'(z) = e^{-z}/(1 + e^{-z})^2, tanh'(a) = 1 - tanh^2(a)
    primes = (
        "$$f(z) = \\frac{1}{1 + e^{-z}}$$\n\n$$f^\\prime(z) = \\frac{e^{-z}}{(1+e^{-z})^2}$$\n\n"
        "$$\\tanh'(a) = 1 - \\tanh^2(a), \\quad \\tanh(a) = \\frac{e^a - e^{-a}}{e^a + e^{-a}}$$\n"
    )
    assert _statuses(primes) == ["verified"] * 3
    assert _statuses(primes.replace("1 - \\tanh^2(a)", "1 + \\tanh^2(a)"))[1] != "verified"


MATRIX_FORM = r"""
$$x \in \mathbb{R}^{n \times 1}, \quad W \in \mathbb{R}^{m \times n}$$

$$z = Wx + b$$

$$a = \sigma(z)$$

$$L = L(a)$$

$$\frac{\partial L}{\partial z} = \frac{\partial L}{\partial a} \odot \sigma'(z)$$

$$\frac{\partial L}{\partial W} = \frac{\partial L}{\partial z} x^T$$

$$\frac{\partial L}{\partial x} = W^T \frac{\partial L}{\partial z}$$
"""


def test_matrix_form_gradients_are_judged_at_sizes():
    # z = Wx + b, a = σ(z), L = L(a): ∂L/∂z_i = g_i σ'(z_i) with g = ∂L/∂a, ∂L/∂W_ij = ∂L/∂z_i x_j,
    # ∂L/∂x_j = Σ_i W_ij ∂L/∂z_i; at W 2 × 3 (m = 2, n = 3) every entry a symbol
    claims = check_notes(MATRIX_FORM).claims
    judged = [c for c in claims if "matrix form" in c.reason]
    assert [c.status for c in judged] == ["verified"] * 3
    assert "W: 2×3" in judged[1].reason and "not a proof for every size" in judged[1].reason
    # W for W^T: forced square by the sizes, and wrong there
    square = check_notes(MATRIX_FORM.replace(r"= W^T \frac", r"= W \frac")).claims
    assert square[-1].status == "failed"
    # the activation's derivative at a, not z: a slip
    layer = check_notes(MATRIX_FORM.replace(r"\odot \sigma'(z)", r"\odot \sigma'(a)")).claims
    assert next(c for c in layer if "matrix form" in c.reason).status == "failed"
    # x^T on the wrong side: the sizes do not fit, so no reading is made (unchecked, never ✓)
    order = check_notes(
        MATRIX_FORM.replace(r"\frac{\partial L}{\partial z} x^T", r"x^T \frac{\partial L}{\partial z}")
    ).claims
    assert all(c.status != "verified" for c in order if "partial W" in c.text)


def test_scalar_posts_are_never_read_in_matrix_form():
    # no transpose, no \odot, no declared shape: net and out stay numbers
    notes = "$$net = w_1 x_1 + b$$\n\n$$out = \\sigma(net)$$\n\n$$\\frac{\\partial out}{\\partial w_1} = out(1 - out) x_1$$\n"
    claims = check_notes(notes).claims
    assert all("matrix form" not in c.reason for c in claims)


def test_a_vector_at_the_end_of_a_chain_restated_just_after_is_a_claim():
    # [0.1; 0.2] + [0.3; -0.1] = [0.4; 0.1], then "h remains [0.4; 0.1]"; [0.4; 0.2] is a slip
    chain = (
        "$$h = \\begin{bmatrix} 0.1 \\\\ 0.2 \\end{bmatrix} + \\begin{bmatrix} 0.3 \\\\ -0.1 \\end{bmatrix}"
        " = \\begin{bmatrix} 0.4 \\\\ 0.1 \\end{bmatrix}$$\n\nso $h$ remains\n\n"
    )
    claims = check_notes(chain + "$$h = \\begin{bmatrix} 0.4 \\\\ 0.1 \\end{bmatrix}$$\n").claims
    assert [c.status for c in claims] == ["verified", "verified"] and "stated on line 1" in claims[-1].reason
    assert _statuses(chain + "$$h = \\begin{bmatrix} 0.4 \\\\ 0.2 \\end{bmatrix}$$\n")[-1] == "failed"


def test_matrix_form_sides_that_differ_are_a_slip_only_for_a_derivative():
    # (Wx)^T = x^T W^T is an identity; "+ c" with c never defined may be an equation, never ✗; the same
    # difference in ∂L/∂x = W^T ∂L/∂z + c is a slip (a derivative is no equation to solve)
    notes = MATRIX_FORM + "\n$$(W x)^T = x^T W^T$$\n"
    assert check_notes(notes).claims[-1].status == "verified"
    free = check_notes(notes.replace("= x^T W^T$$", "= x^T W^T + c^T$$")).claims[-1]
    assert free.status == "unchecked" and "an equation?" in free.reason
    derivative = check_notes(
        MATRIX_FORM.replace(r"W^T \frac{\partial L}{\partial z}$$", r"W^T \frac{\partial L}{\partial z} + c$$")
    )
    assert derivative.claims[-1].status == "failed"


QUOTIENT_RULE = r"""
The output is $y_k = \frac{e^{a_k}}{S}$ where $S$ is the sum of the exponentials of all the activations.

$$\frac{\partial y_k}{\partial a_k} = \frac{e^{a_k} S - e^{a_k} e^{a_k}}{S^2} = y_k(1-y_k)$$
"""


def test_a_name_said_only_in_prose_may_depend_on_the_variable():
    # Held constant, S gives ∂y_k/∂a_k = e^{a_k}/S; with ∂S/∂a_k = e^{a_k} (S the sum of the exponentials)
    # the quotient rule as written is right: no ✗. The second link is an identity: (e^a S - e^{2a})/S^2 = y(1-y).
    first, second = check_notes(QUOTIENT_RULE).claims
    assert first.status == "unchecked" and "right if S depends on a_k with dS/da_k = exp(a_k)" in first.reason
    assert second.status == "verified"


def test_a_slip_in_the_quotient_rule_is_still_a_slip():
    # A sign slip needs ∂S/∂a_k = -e^{a_k}, which is no part of the definition: still ✗.
    slipped = QUOTIENT_RULE.replace("e^{a_k} S - e^{a_k} e^{a_k}", "e^{a_k} S + e^{a_k} e^{a_k}")
    first = check_notes(slipped).claims[0]
    assert first.status == "failed", first.reason
    # So is a wrong factor of a linear unit: ∂z/∂w = b would need ∂b/∂w = b - x, which holds b itself.
    linear = check_notes(r"Let $z = w x + b$. Then $\frac{\partial z}{\partial w} = b$.").claims
    assert [c.status for c in linear] == ["failed"], linear


FUNCTION_NAMED_BARE = r"""
Let $z(x) = w x + b$ and $a = \sigma(z)$, with $\sigma(z) = \frac{1}{1+e^{-z}}$.

$$\frac{da}{dz} = a(1-a)$$

With $w = 2$, $b = -1$ and $x = 1$: $z = 2 \cdot 1 - 1 = 1$.
"""


def test_a_function_named_bare_is_a_quantity_to_differentiate_by_and_to_evaluate():
    # a = σ(z) holds z's body, w x + b; da/dz is σ'(z) = σ(z)(1 − σ(z)) = a(1 − a) all the same, and
    # z = w x + b with w = 2, b = −1, x = 1 is 2·1 − 1.
    # (the first: σ's definition is the logistic function's)
    assert _statuses(FUNCTION_NAMED_BARE) == ["verified", "verified", "verified", "verified"]
    slipped = check_notes(FUNCTION_NAMED_BARE.replace("a(1-a)", "a(1+a)")).claims
    assert slipped[1].status == "failed"


SUMMED_AFTER = r"""
The softmax is $p_i = \frac{e^{a_i}}{\sum_{k=1}^N e^{a_k}}$ and the loss is $L = -\sum_k y_k \log p_k$, so

$$
\frac{\partial L}{\partial a_i} = -\sum_k y_k \frac{1}{p_k}\frac{\partial p_k}{\partial a_i} = p_i - y_i
$$

where $\sum_k y_k = 1$.
"""


def test_a_sum_to_one_stated_just_after_the_derivation_is_used():
    # -Σ_k y_k (1/p_k) ∂p_k/∂a_i = -y_i(1 - p_i) + Σ_{k≠i} y_k p_i = p_i Σ_k y_k - y_i: p_i - y_i given Σ y = 1.
    last = check_notes(SUMMED_AFTER).claims[-2]  # (the last claim is the statement itself)
    assert last.status == "verified" and "(line 8, stated after it)" in last.reason, last
    without = check_notes(SUMMED_AFTER.replace(r"where $\sum_k y_k = 1$.", "")).claims[-1]
    assert without.status == "unchecked" and "which the notes do not state" in without.reason


ENTRIES_OF_CALLS = r"""
The softmax of a vector is $s(\mathbf x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}$, and $e^{x_\text{max} - x_\text{max}} = 1$.

Then we compute the derivative of $$s_i$$ with respect to $$x_j$$, where $$j \neq i$$, with respect to $$x_j$$:

$$
\frac{\partial s(\mathbf x)_i}{\partial x_j} = \frac{0 - e^{x_i} e^{x_j}}{(\sum_k e^{x_k})^2} = - s(\mathbf x)_i s(\mathbf x)_j
$$
"""


def test_an_entry_of_a_call_is_the_entry_and_kramdown_inline_maths_keeps_the_case():
    # s(x)_i is s_i; x_max - x_max = 0; for j ≠ i, ∂s_i/∂x_j = -e^{x_i} e^{x_j} / (Σ e^x)^2 = -s_i s_j.
    # The case is said in prose with $$j \neq i$$ followed by more inline $$x_j$$: it still holds.
    claims = check_notes(ENTRIES_OF_CALLS).claims
    assert [c.status for c in claims] == ["verified", "verified", "verified"], claims
    assert "j ≠ i" in claims[1].reason


TYPED_LOG = r"""
The prediction is $\hat y_i = \frac{e^{x_i}}{\sum_j e^{x_j}}$.

$$
- \frac{\partial}{\partial x_k} log(\hat y_i) = - \frac{\partial}{\partial x_k} log \frac{e^{x_i}}{\sum_j e^{x_j}}
= - ( \frac{\partial}{\partial x_k} \log e^{x_i} - \frac{\partial}{\partial x_k} \log \sum_j e^{x_j} )
$$
"""


def test_log_typed_before_a_fraction_and_derivatives_by_another_entry():
    # log without its backslash before \frac is the logarithm; log(a/b) = log a - log b, and in the terms
    # i ≠ k, ∂/∂x_k log e^{x_i} = ∂x_i/∂x_k = 0: entries of one vector (no dependence left unsaid)
    claims = check_notes(TYPED_LOG).claims
    assert [c.status for c in claims] == ["verified", "verified"], claims
    slipped = check_notes(TYPED_LOG.replace(r"\log e^{x_i} - \frac", r"\log e^{x_i} + \frac")).claims
    assert slipped[1].status == "failed"


def test_a_substitution_of_stated_parameters_is_an_identity_in_the_data_left():
    # "Let's assume" makes ŷ a function of w, b, X; w = 0, b = 0 are its point, and wX + b = 0·X + 0 holds
    # there for every X. 1·X + 0 does not, and is not called right.
    notes = "Let's assume the model\n\n$$\\hat{y} = wX + b$$\n\n* $w = 0$\n* $b = 0$\n\n$$wX + b = 0 \\cdot X + 0$$\n"
    (claim,) = check_notes(notes).claims
    assert claim.status == "verified" and "at the point b = 0, w = 0" in claim.reason, claim
    (slipped,) = check_notes(notes.replace("0 \\cdot X + 0$$", "1 \\cdot X + 0$$")).claims
    assert slipped.status != "verified"


def test_blackboard_bold_vectors_and_an_entry_of_a_named_function():
    # \mathbb{\theta}, \mathbb{\hat{y}} are bold vectors (some notes write them so); \mathbb{R} is a number set.
    # \operatorname{softmax}(\mathbb{\theta})_i is the entry softmax_i: a name, and the chain parses.
    from symnn.notes.parser import parse

    assert parse(r"\mathbb{\hat{y}} - \mathbb{y}") is not None
    assert parse(r"\operatorname{softmax}(\mathbb{\theta})_i") is not None
    (claim,) = check_notes(r"$\mathbb{R} = 3$").claims
    assert claim.status == "unchecked" and "number set" in claim.reason


NAMED_SUM = r"""
(define $\sum_K = \displaystyle\sum_{j=1}^{K}\exp(\theta_j)$)

$$
\frac{\partial \frac{\exp(\theta_i)}{\sum_K}}{\partial \theta_i} = \frac{\exp(\theta_i)\sum_K - \exp(\theta_i)\exp(\theta_i)}{(\sum_K)^2}
= \frac{\exp(\theta_i)}{\sum_K}(1 - \frac{\exp(\theta_i)}{\sum_K}) = \hat{y}_i (1 - \hat{y}_i)
$$

and the loss is $L = -\sum_k t_k \log \hat{y}_k$.
"""


def test_a_sum_named_by_its_subscript_is_the_sum_and_an_undefined_name_is_no_slip():
    # Σ_K = Σ_j exp(θ_j): the quotient rule is right at every size; ŷ_i is never defined (only used by the
    # loss), so the last link relates two unknowns: no ✗
    claims = check_notes(NAMED_SUM).claims
    assert [c.status for c in claims[:2]] == ["verified", "verified"], claims
    assert claims[2].status == "unchecked", claims[2]
    slipped = check_notes(NAMED_SUM.replace(r"\sum_K - \exp(\theta_i)\exp", r"\sum_K + \exp(\theta_i)\exp")).claims
    assert slipped[0].status == "failed"


SIGMOID_STEPS = r"""
$$\sigma(x) = (1 + e^{-x})^{-1}$$

$$
\frac{d}{dx} \sigma(x) = - (1 + e^{-x})^{-2} \cdot (-e^{-x}) = \frac{e^{-x}}{(1 + e^{-x})^2}
$$
"""


def test_a_wrong_step_after_a_symbolic_step_of_a_derivation_is_a_slip():
    # (1 + e^{-x})^{-2} e^{-x} is e^{-x}/(1 + e^{-x})^2; the cube for the square breaks the derivation
    # (the first: σ's definition is the logistic function's)
    assert [c.status for c in check_notes(SIGMOID_STEPS).claims] == ["verified", "verified", "verified"]
    slipped = check_notes(SIGMOID_STEPS.replace("(1 + e^{-x})^2}", "(1 + e^{-x})^3}")).claims
    assert [c.status for c in slipped] == ["verified", "verified", "failed"]


ELLIPSIS_SUMS = r"""
$$\frac{\partial}{\partial x_i} \left( \exp(x_1) + \exp(x_2) + \dots + \exp(x_n) \right) = \exp(x_i)$$

$$1 + 2 + \dots + 10 = 55$$

$$2 + 4 + \dots + 20 = 110$$
"""


def test_a_sum_written_with_an_ellipsis_is_the_sum_over_its_index():
    # ∂/∂x_i Σ_k exp(x_k) = exp(x_i) at every size; 1 + … + 10 = 55. 2 + 4 + … + 20 steps by 2, not by 1:
    # which terms the ellipsis stands for is not read, and the claim stays unchecked
    claims = check_notes(ELLIPSIS_SUMS).claims
    assert [c.status for c in claims] == ["verified", "verified", "unchecked"], claims
    assert check_notes(ELLIPSIS_SUMS.replace("= 55", "= 56")).claims[1].status == "failed"


def test_the_lms_derivation_as_the_courses_write_it():
    # CS229's one-example gradient: the operator takes the whole term; J(θ) is a cost, not f's Jacobian;
    # the update restated at the end of a derivation is its formula, through the derivative
    notes = (
        "Let $h(x) = \\theta_0 x_0 + \\theta_1 x_1$ and $J(\\theta) = \\frac{1}{2}(h(x) - y)^2$.\n\n"
        "$$\\frac{\\partial}{\\partial\\theta_{1}}J(\\theta) =\\frac{\\partial}{\\partial\\theta_{1}}\\frac{1}{2}(h(x)-y)^{2}"
        " = 2\\frac{1}{2}(h(x)-y)\\frac{\\partial}{\\partial\\theta_{1}}(h(x)-y) = (h(x)-y)x_{1}$$\n"
    )
    assert [c.status for c in check_notes(notes).claims][-3:] == ["verified"] * 3
    assert check_notes(notes.replace("y)x_{1}$$", "y)x_{0}$$")).claims[-1].status == "failed"
    update = (
        "$\\hat y = wx + b$\n\n$L = (y - \\hat y)^2$\n\n$\\hat w = w - \\eta \\frac{\\partial L}{ \\partial w}$\n\n"
        "$\\hat w = w + 2\\eta x (y - \\hat y)$\n"
    )
    (again,) = check_notes(update).claims
    assert again.status == "verified" and "the formula of \\hat{w} on line 5" in again.reason
    (other,) = check_notes(update.replace("+ 2\\eta", "- 2\\eta")).claims
    assert other.status == "unchecked"


def test_a_case_written_after_the_formula_and_a_standard_function():
    notes = (
        "$$a_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}$$\n\n"
        "$$ \\frac{\\partial a_j}{\\partial z_i} = a_i(1 - a_i), \\quad i = j $$\n"
        "$$ \\frac{\\partial a_j}{\\partial z_i} = -a_i a_j,\\quad i \\neq j. $$\n\n"
        "$$ relu(z) = max(0,z) $$\n\n$$ t = tanh(z) = \\frac{e^z-e^{-z}}{e^z+e^{-z}}=2*sigmoid(z)-1 $$\n"
    )
    statuses = [c.status for c in check_notes(notes).claims]
    assert statuses == ["verified", "verified", "verified", "verified", "failed"]  # tanh is 2σ(2z) - 1
    fixed = notes.replace("2*sigmoid(z)-1", "2*sigmoid(2z)-1")
    assert [c.status for c in check_notes(fixed).claims][-1] == "verified"


def test_a_substitution_under_another_heading_is_a_new_definition():
    # d = b + 1 in the first section; the second example's figure has d = 5b + 6 and b = 5 - 3a, which the notes
    # state only by substituting them. 12d = 12(5b + 6) is no slip there, and from then on d is 5b + 6:
    # ∂d/∂b = 5 holds, and 60d + 84 = 60(5b + 6) + 84 = 300b + 444 = 300(5 - 3a) + 444 = 1944 - 900a
    notes = (
        "# Intro\n\n$$d = b + 1$$\n\n### Example 1\n\n"
        "$$12d = 12(5b + 6) = 60b + 72$$\n\n$$60b + 72 = 60(5 - 3a) + 72 = 372 - 180a$$\n\n"
        "$$\\frac{\\partial d}{\\partial b} = 5$$\n\n$$60d + 84 = 60(5b + 6) + 84 = 300b + 444$$\n"
    )
    claims = check_notes(notes).claims
    assert [c.status for c in claims] == ["unchecked", "verified", "unchecked", "verified", "verified", "verified", "verified"]
    assert "under another heading" in claims[0].reason and "define nowhere" in claims[2].reason
    # in the section that defined d, the substitution defines nothing: d is still b + 1, and ∂d/∂b = 5 a slip
    same = check_notes("$$d = b + 1$$\n\n$$12d = 12(5b + 6) = 60b + 72$$\n\n$$\\frac{\\partial d}{\\partial b} = 5$$\n").claims
    assert [c.status for c in same] == ["unchecked", "verified", "failed"] and "substitutes" not in same[0].reason


def test_a_derivative_at_a_point_of_an_input_the_names_depend_on():
    # g = 6d^2 with d = 5b + 6 and b = 5 - 3a: ∂g/∂d = 12d = 12(5(5 - 3a) + 6) = 372 - 180a, 282 at a = 0.5
    notes = (
        "$$g = 6d^2$$\n\n$$d = 5b + 6$$\n\n$$b = 5 - 3a$$\n\n"
        "$$\\frac{\\partial g}{\\partial d}|_{(a=0.5)} = 282$$\n\n$$\\frac{\\partial g}{\\partial d}|_{(a=0.5)} = 47$$\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified", "failed"]


_LAYERS = (
    "$$E = \\frac{1}{2} \\sum_{k=1}^K(a_k - t_k)^2$$\n\n$$a_j = g_j(z_j)$$\n\n$$z_j = b_j + \\sum_i a_i w_{ij}$$\n\n"
    "$$z_k = b_k + \\sum_j a_j w_{jk}$$\n\n$$a_k = g_k(z_k)$$\n\n"
)


def test_index_letters_read_as_layers_in_a_backpropagation_derivation():
    # i the inputs, j the hidden units, k the outputs, g_j and g_k activations nothing is known of: by the chain
    # rule ∂E/∂b_k = (a_k - t_k) g_k'(z_k), ∂E/∂w_jk = (a_k - t_k) g_k'(z_k) a_j and
    # ∂E/∂w_ij = Σ_k (a_k - t_k) g_k'(z_k) w_jk g_j'(z_j) a_i; with a_j for a_i the last is a slip
    notes = _LAYERS + (
        "$$\\frac{\\partial E }{\\partial b_k} = (a_k - t_k)g_k'(z_k)$$\n\n"
        "$$\\frac{\\partial E }{\\partial w_{jk}} = (a_k - t_k)g_k'(z_k) a_j$$\n\n"
        "$$\\frac{\\partial E }{\\partial w_{ij}} = \\sum_{k} (a_k - t_k)g'_k(z_k)w_{jk} g'_j(z_j)a_i$$\n\n"
        "$$\\frac{\\partial E }{\\partial w_{ij}} = \\sum_{k} (a_k - t_k)g'_k(z_k)w_{jk} g'_j(z_j)a_j$$\n"
    )
    claims = check_notes(notes, seconds=None).claims
    assert [c.status for c in claims] == ["verified", "verified", "verified", "failed"]
    assert "layer" in claims[0].reason


def test_a_claim_true_for_the_logistic_only_is_not_failed_for_a_generic_activation():
    # g'(z) = g(z)(1 - g(z)) holds for σ, not for every g: the notes may mean σ without saying so
    notes = _LAYERS + "$$\\frac{\\partial E }{\\partial b_k} = (a_k - t_k) g_k(z_k)(1 - g_k(z_k))$$\n"
    (claim,) = check_notes(notes, seconds=None).claims
    assert claim.status == "unchecked" and "logistic" in claim.reason
    # a wrong factor fails for σ too: ∂E/∂b_k is not (a_k - t_k) z_k
    (wrong,) = check_notes(_LAYERS + "$$\\frac{\\partial E }{\\partial b_k} = (a_k - t_k) z_k$$\n", seconds=None).claims
    assert wrong.status == "failed"


def test_an_update_of_a_weight_is_no_definition_of_it():
    # w_jk ← w_jk - η ∂E/∂w_jk states how w_jk changes; read as a definition, w_jk would be its own formula
    notes = _LAYERS + (
        "$$w_{jk} \\leftarrow w_{jk} - \\eta \\frac{\\partial E }{\\partial w_{jk}}$$\n\n"
        "$$\\frac{\\partial E }{\\partial w_{jk}} = (a_k - t_k)g_k'(z_k) a_j$$\n"
    )
    assert [c.status for c in check_notes(notes, seconds=None).claims][-1] == "verified"


def test_a_display_closed_with_the_sentences_full_stop():
    # "$$." closes the display (the full stop of the sentence); the display after it is read on its own
    claims = check_notes("$$\n1 + 1 = 2\n$$.\n\nThen\n\n$$\n3 + 3 = 7\n$$\n").claims
    assert [(c.line, c.status) for c in claims] == [(2, "verified"), (8, "failed")]


def test_a_wrong_step_of_a_derivation_read_by_layer_is_a_slip():
    # ∂z_j/∂w_ij = a_i (z_j = b_j + Σ_i a_i w_ij); after the identities before it, "= w_jk g_j'(z_j) a_j" drops a_i
    chain = (
        "$$\\begin{align}\\frac{\\partial z_k}{\\partial w_{ij}} &= w_{jk}\\frac{\\partial a_j}{\\partial w_{ij}} \\\\\n"
        "&= w_{jk}g_j'(z_j)\\frac{\\partial z_j}{\\partial w_{ij}} \\\\\n"
        "&= w_{jk}g_j'(z_j)\\frac{\\partial}{\\partial w_{ij}}(b_j + \\sum_i a_i w_{ij}) \\\\\n"
        "&= w_{jk}g_j'(z_j)a_i \\end{align}$$\n"
    )
    right = check_notes(_LAYERS + chain, seconds=None).claims
    assert [c.status for c in right] == ["verified"] * 4
    wrong = check_notes(_LAYERS + chain.replace("g_j'(z_j)a_i", "g_j'(z_j)a_j"), seconds=None).claims
    assert [c.status for c in wrong] == ["verified", "verified", "verified", "failed"]


def test_a_generic_activation_of_one_unit():
    # a = g(z), z = wx + b, L = ½(a - y)²: ∂L/∂w = (a - y) g'(z) x ✓; (a - y) g'(z) w for ∂L/∂b is a slip;
    # (a - y) a (1 - a) x holds for the logistic σ only, so it is unchecked, not failed
    notes = (
        "Let $z = w x + b$ and $a = g(z)$ with a loss $L = \\frac{1}{2}(a - y)^2$.\n\n"
        "$\\frac{\\partial L}{\\partial w} = (a - y) g'(z) x$\n\n"
        "$\\frac{\\partial L}{\\partial w} = (a - y) a (1 - a) x$\n\n"
        "$\\frac{\\partial L}{\\partial b} = (a - y) g'(z) w$\n"
    )
    assert [c.status for c in check_notes(notes, seconds=None).claims] == ["verified", "unchecked", "failed"]


def test_a_derivative_in_a_table_of_derivatives_is_of_its_rows_function():
    # f(x) = 1/x, then f_c(x) = c + x → df/dx = 1 and f_a(x) = ax → df/dx = a: each df/dx is of its row's function
    notes = (
        "$$\nf(x) = \\frac{1}{x} \\hspace{1in} \\rightarrow \\hspace{1in} \\frac{df}{dx} = -1/x^2 \\\\\n"
        "f_c(x) = c + x\n\\hspace{1in} \\rightarrow \\hspace{1in}\n\\frac{df}{dx} = 1 \\\\\n"
        "f_a(x) = ax \\hspace{1in} \\rightarrow \\hspace{1in} \\frac{df}{dx} = 2a\n$$\n"
    )
    assert [c.status for c in check_notes(notes, seconds=None).claims] == ["verified", "verified", "failed"]


def test_a_derivative_restated_through_a_definition_holds_whatever_the_names_depend_on():
    # g = 3f - o, with nothing said of how f and o depend on e: ∂g/∂e = ∂(3f - o)/∂e holds whatever they are;
    # ∂g/∂e = 3 holds only if f = e and o does not depend on it, so it stays unchecked
    notes = (
        "Here, the output is $$g = 3f - o$$.\n\n$$\\frac{\\partial g}{\\partial e} = \\frac{\\partial (3f-o)}{\\partial e}$$\n\n"
        "$$\\frac{\\partial g}{\\partial e} = 3$$\n"
    )
    claims = check_notes(notes, seconds=None).claims
    assert [c.status for c in claims] == ["verified", "unchecked"]
    assert "whatever" in claims[0].reason


def test_a_cost_defined_in_other_names_is_read_from_how_its_derivative_is_written():
    # C is defined in a_i (a sum over examples), then differentiated by a^L: by that definition the derivative is
    # 0, so the notes mean C of one example, written out: ∂C/∂a^L = ∂/∂a^L (½(a^L - y)^2) is that reading, and
    # ∂C/∂a^L = a^L - y holds by it; y - a^L does not
    notes = (
        "$$C = \\frac{1}{2N} \\sum_{i=1}^{N} (a_i - y_i)^2$$\n\n"
        "$$\\frac{\\partial C}{\\partial a^L} = \\frac{\\partial}{\\partial a^L} \\left( \\frac{1}{2}(a^L - y)^2 \\right)$$\n\n"
        "$$\\frac{\\partial C}{\\partial a^L} = a^L - y$$\n"
    )
    claims = check_notes(notes, seconds=None).claims
    assert [c.status for c in claims] == ["unchecked", "verified"]
    assert "read as" in claims[0].reason
    assert check_notes(notes.replace("= a^L - y$$", "= y - a^L$$"), seconds=None).claims[-1].status == "failed"


def test_a_function_with_a_subscript_of_its_own_at_an_entry():
    # σ_sm(z)_i = e^{z_i} / Σ_k e^{z_k}, the softmax; ∂σ_i/∂z_j = σ_i(δ_ij - σ_j) (checked for n = 1, 2, 3 terms).
    # "with K = 2" said for one case before does not make the formula one of two terms; + σ_j is a slip
    notes = (
        "In the binary case $K = 2$.\n\n"
        "$$\\sigma_\\mathrm{sm}(z)_i = \\frac{e^{z_i}}{\\sum_{k=1}^{K} e^{z_k}}$$\n\n"
        "$$\\frac{\\partial}{\\partial z_j} \\sigma_\\mathrm{sm}(z)_i = "
        "\\sigma_\\mathrm{sm}(z)_i (\\delta_{ij} - \\sigma_\\mathrm{sm}(z)_j)$$\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified"]
    slipped = notes.replace("(\\delta_{ij} - ", "(\\delta_{ij} + ")
    assert [c.status for c in check_notes(slipped).claims] == ["failed"]
