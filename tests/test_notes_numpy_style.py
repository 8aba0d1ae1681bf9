r"""`symnn check` on worked examples written the way NumPy code computes: a number taken from every entry
of a list, a list on the left of a weight matrix, names of several words, ``log`` typed without its
backslash, and zero-width spaces pasted from a rendered page.

Notes of our own, in the style of public softmax and small-network walkthroughs. Every expected verdict
was worked out by hand:

- [-0.8, 1.1, 0.1] - 1.1 = [-1.9, 0, -1.0] (each entry less 1.1); [1.9, 0, 1.0] is a wrong entry;
- [1, 2] · [[0.5, 0.6], [0.7, 0.8]] = [1·0.5 + 2·0.7, 1·0.6 + 2·0.8] = [1.9, 2.2], plus [0.1, 0.2] is
  [2.0, 2.4];
- W update = [1; 2] · [0.098, -0.341, 0.242] = [[0.098, -0.341, 0.242], [0.196, -0.682, 0.484]];
  -0.1 · W update = [[-0.0098, 0.0341, -0.0242], [-0.0196, 0.0682, -0.0484]];
- log₂ 8 = 3, log₃ 81 = 4;
- a formula whose next link has another shape (a dot product read where the notes multiply entry by
  entry) gives no value: 0.5 · [0.2, 0.3] · [0.25, 0.24] is 0.5 · 0.122 = 0.061 as a dot product, while
  the notes mean [0.025, 0.036].
"""

# ruff: noqa: E501

from __future__ import annotations

import json

from symnn.notes import check_notes


def _statuses(notes: str, line: int) -> list[str]:
    return [c.status for c in check_notes(notes).claims if c.line == line]


def test_a_number_is_taken_from_every_entry_of_a_list():
    notes = "$$[-0.8, 1.1, 0.1] - 1.1 = [-1.9, 0, -1.0]$$\n"
    assert _statuses(notes, 1) == ["verified"]
    assert _statuses(notes.replace("[-1.9,", "[1.9,"), 1) == ["failed"]
    # a name of unknown shape is not broadcast: it may be a vector
    claims = check_notes("$$[0.2, 0.5] - y = [0.2, -0.5]$$\n").claims
    assert [c.status for c in claims] == ["unchecked"]


def test_a_list_on_the_left_of_a_matrix_is_a_row():
    notes = (
        r"$$[1, 2] \cdot \begin{bmatrix}0.5 & 0.6 \\ 0.7 & 0.8\end{bmatrix} + [0.1, 0.2]"
        r" = [1 \times 0.5 + 2 \times 0.7 + 0.1, 1 \times 0.6 + 2 \times 0.8 + 0.2] = [2.0, 2.4]$$" + "\n"
    )
    assert _statuses(notes, 1) == ["verified", "verified"]
    assert _statuses(notes.replace("[2.0, 2.4]", "[2.0, 2.2]"), 1) == ["verified", "failed"]


def test_a_name_of_two_words_is_one_quantity():
    notes = (
        r"$$\text{W update} = \begin{bmatrix} 1.0 \\ 2.0 \end{bmatrix} \cdot \begin{bmatrix} 0.098 & -0.341 & 0.242 \end{bmatrix}$$"
        "\n\n"
        r"$$-0.1 \cdot \text{W update} = \begin{bmatrix} -0.0098 & 0.0341 & -0.0242 \\ -0.0196 & 0.0682 & -0.0484 \end{bmatrix}$$"
        "\n"
    )
    assert _statuses(notes, 3) == ["verified"]
    assert _statuses(notes.replace("0.0682", "0.0628"), 3) == ["failed"]
    # prose between formulas stays prose
    # (read as a name, "for all" would make x = 2·for_all·y, and x + 1 = 3 would not hold)
    prose = r"$$x = 2 \text{ for all } y$$" + "\n\n$$x + 1 = 3$$\n"
    assert _statuses(prose, 3) == ["verified"]


def test_log_typed_without_its_backslash_is_the_logarithm():
    notes = "$$log_{2}8 = 3$$\n\n$$log_{3}{3 ^ 4} = 4$$\n\n$$log_{3}81 = 5$$\n"
    assert _statuses(notes, 1) == ["verified"]
    assert _statuses(notes, 3) == ["verified"]
    assert _statuses(notes, 5) == ["failed"]


def test_a_zero_width_space_is_a_space():
    notes = "$$2\u200b + 3 = 5$$\n\n$$2 + \u200b3 = 6$$\n"
    assert _statuses(notes, 1) == ["verified"]
    assert _statuses(notes, 3) == ["failed"]


def test_a_formula_read_in_another_shape_than_its_numbers_gives_no_value():
    notes = (
        "$$a = [0.5, 0.6]$$\n\n"
        "$$w = [0.2, 0.3]$$\n\n"
        r"$$\delta = 0.5 \cdot w \cdot a \cdot (1 - a)$$" + "\n\n"
        r"$$= 0.5 \cdot [0.2, 0.3] \cdot [0.25, 0.24] \approx [0.025, 0.036]$$" + "\n\n"
        r"$$\delta \cdot 2 = [0.050, 0.072]$$" + "\n"
    )
    claims = check_notes(notes).claims
    shape = [c for c in claims if c.line == 7]
    assert shape and shape[0].status == "unchecked" and "different shapes" in shape[0].reason
    # δ is not given the dot-product reading's value, so the next line is no false ✗
    assert [c.status for c in claims if c.line == 9] == ["unchecked"]


def test_a_result_rounded_from_a_known_value_is_carried_with_that_value():
    # 1.0/1.517 = 0.659196…, printed 0.659; -ln(0.659196…) = 0.41674… and -ln(0.659) = 0.41703…: both 0.417.
    # 0.418 lies in the rounding box of 0.659 (-ln(0.6585) = 0.41779…) but no value the notes had gives it
    notes = r"$$p = \frac{1.0}{1.517} \approx 0.659$$" + "\n\n" + r"$$-\ln(0.659) \approx 0.417$$" + "\n"
    assert _statuses(notes, 3) == ["verified"]
    assert _statuses(notes.replace("0.417", "0.418"), 3) == ["failed"]
    # 2/3 printed 0.67 and carried: 0.67 · 3 = 2.01 as written, 2/3 · 3 = 2 as the notes had it (≈✓);
    # 1.99 is neither (it fitted the rounding box of 0.67 before)
    carried = r"$$a = \frac{2}{3} \approx 0.67$$" + "\n\n" + r"$$0.67 \cdot 3 \approx 2.00$$" + "\n"
    assert _statuses(carried, 3) == ["printed"]
    assert _statuses(carried.replace("2.00", "1.99"), 3) == ["failed"]


def _notebook(*cells: str) -> str:
    return json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [{"cell_type": "markdown", "metadata": {}, "source": c} for c in cells],
        }
    )


def test_a_value_restated_in_a_later_cell_is_judged_in_reading_order():
    # lines restart in each cell: the weights of cell 1 stand on lines 3 to 7, after the 1 and 3 of cell 2
    given = "Given\n\n$$w = 0.1$$\n\n$$x = 0.2$$\n\n$$b = 0.3$$\n"
    work = "$$z = 0.1 \\cdot 0.2 + 0.3$$\n\n$$z = 0.32$$\n"
    report = check_notes(_notebook(given, work), "n.ipynb", "notebook")
    assert [(c.cell, c.line, c.status) for c in report.claims] == [(2, 3, "verified")]
    wrong = check_notes(_notebook(given, work.replace("0.32$$", "0.33$$")), "n.ipynb", "notebook")
    assert [(c.cell, c.line, c.status) for c in wrong.claims] == [(2, 3, "failed")]


SOFTMAX_BY_HAND = r"""
$$
\begin{align}
\frac{e_i\sum - e_i e_i}{\sum^2} &= \frac{e_i}{\sum} \left( \frac{\sum - e_i}{\sum} \right) \\
&= \frac{e_i}{\sum} \left( \frac{\sum}{\sum} - \frac{e_i}{\sum} \right) \\
&= \frac{e_i}{\sum} \left( 1 - \frac{e_i}{\sum} \right)
\end{align}
$$
"""


def test_a_bare_sum_is_the_name_of_the_sum():
    # (e_i Σ - e_i²)/Σ² = (e_i/Σ)(Σ - e_i)/Σ = (e_i/Σ)(Σ/Σ - e_i/Σ) = (e_i/Σ)(1 - e_i/Σ), with Σ the
    # softmax denominator the notes write as a bare \sum
    assert [c.status for c in check_notes(SOFTMAX_BY_HAND).claims] == ["verified", "verified", "verified"]
    # a link that is no identity in names never defined may be an equation, or use what the prose says
    slipped = check_notes(SOFTMAX_BY_HAND.replace(r"\left( 1 - \frac", r"\left( 1 + \frac")).claims
    assert [c.status for c in slipped] == ["verified", "verified", "unchecked"]
    assert "not an identity" in slipped[-1].reason
    # a sum with its index is still a sum
    assert [c.status for c in check_notes(r"$\sum_{j=1}^{3} j = 6$").claims] == ["verified"]


def test_another_value_restated_for_a_formula_is_named_not_failed():
    # z = θx + b = 0.5·2 + 0.1 = 1.1; "suppose you get z = -2" gives a new value (another sign): not a slip
    # of a digit, so it is named; z = 1.2 is 9 % off, a slip
    notes = "$\\theta = 0.5$, $x = 2$, $b = 0.1$.\n\n$$z = \\theta x + b$$\n\nSuppose you get $z = -2$.\n"
    (claim,) = check_notes(notes).claims
    assert claim.status == "unchecked" and "a new value" in claim.reason
    # the notes go on with the new value: z^2 = 4 after it
    (_, after) = check_notes(notes + "\nThen $z^2 = 4$.\n").claims
    assert after.status == "verified"
    (slip,) = check_notes(notes.replace("Suppose you get $z = -2$", "So $z = 1.2$")).claims
    assert slip.status == "failed"


def test_a_sum_over_an_index_of_a_negated_term_is_a_sum():
    # Σ_{i=1..n} -y_i (δ_ij - p_j) = Σ_i (-y_i δ_ij + y_i p_j), term by term: an identity at every n
    notes = r"$$\sum_i -y_i(\delta_{ij} - p_j) = \sum_i (-y_i \delta_{ij} + y_i p_j)$$" + "\n"
    (claim,) = check_notes(notes).claims
    assert "Sigma" not in claim.reason and claim.status == "verified"


def test_names_set_equal_to_a_known_value_are_that_value():
    # z_0 = a_0 = x with x = [1, 4, 5]: a_0 · W = [1·0.1 + 4·0.3 + 5·0.5, 1·0.2 + 4·0.4 + 5·0.6] = [3.8, 4.8]
    notes = (
        "Input $x = [1, 4, 5]$.\n\n$$z_0 = a_0 = x$$\n\n"
        r"$$a_0 \cdot \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \\ 0.5 & 0.6 \end{bmatrix} = [3.8, 4.8]$$" + "\n"
    )
    claims = check_notes(notes).claims
    assert [(c.line, c.status) for c in claims] == [(5, "verified")]
    assert check_notes(notes.replace("[3.8, 4.8]", "[3.8, 4.9]")).claims[-1].status == "failed"


def test_an_update_label_after_a_name_is_part_of_the_name():
    # w_{12}(new) and w_{12}^{new} are one quantity, the updated weight: 0.3 + 0.5 · 0.4 = 0.5
    notes = "$$w_{12}^{new} = 0.3 + 0.5 \\cdot 0.4$$\n\n$$w_{12}(new) = 0.5$$\n\n$$w^{ab} = 2$$\n"
    claims = check_notes(notes).claims
    assert [(c.line, c.status) for c in claims if c.line == 3] == [(3, "verified")]
    assert check_notes(notes.replace("(new) = 0.5", "(new) = 0.6")).claims[0].status == "failed"
    # a superscript of other letters is a power, in names not defined: unchecked, never a new name
    assert all(c.status == "unchecked" for c in claims if c.line == 5)


LOGISTIC = r"""
$$z = w^T x + b$$

$$\hat{y} = \sigma(z)$$

$$L = -(y \log \hat{y} + (1 - y) \log(1 - \hat{y}))$$

$$\frac{\partial z}{\partial w} = x$$

$$\frac{\partial L}{\partial w} = (\hat{y} - y) x$$

$$\frac{\partial L}{\partial b} = \hat{y} - y$$
"""


def test_an_inner_product_w_T_x_is_a_number_whose_gradient_has_the_shape_of_w():
    # z = wᵀx + b, ŷ = σ(z), L the binary cross-entropy: ∂z/∂w = x, ∂L/∂w = (ŷ - y) x, ∂L/∂b = ŷ - y
    # (∂L/∂ŷ = (ŷ - y)/(ŷ(1 - ŷ)), σ' = ŷ(1 - ŷ)); the sign flipped is a slip
    report = check_notes(LOGISTIC)
    claims = report.claims
    assert not [c for c in claims if c.line == 2]  # the inner product is a definition, no claim
    assert [(c.line, c.status) for c in claims if c.line > 2] == [(8, "verified"), (10, "verified"), (12, "verified")]
    slipped = check_notes(LOGISTIC.replace(r"= (\hat{y} - y) x", r"= (y - \hat{y}) x")).claims
    assert [c.status for c in slipped if c.line == 10] == ["failed"]
    # W^T δ is a matrix product: a vector, so its derivative by a vector stays a Jacobian, not read
    matrix = check_notes("$$u = W^T d$$\n\n$$\\frac{\\partial u}{\\partial d} = W$$\n").claims
    assert [c.status for c in matrix if c.line == 3] == ["unchecked"]


def test_the_sigmoid_written_out_of_an_inner_product_is_a_number_too():
    # ŷ = 1/(1 + e^{-z}) with z = wᵀx + b: the same gradients, (ŷ - y) · x and (ŷ - y) · 1
    notes = LOGISTIC.replace(r"\hat{y} = \sigma(z)", r"\hat{y} = \frac{1}{1 + e^{-z}}").replace(") x$$", r") \cdot x$$")
    claims = check_notes(notes).claims
    assert [(c.line, c.status) for c in claims if c.line > 2] == [(8, "verified"), (10, "verified"), (12, "verified")]
    slipped = check_notes(notes.replace(r"(\hat{y} - y) \cdot x", r"(\hat{y} - y) \cdot w")).claims
    assert [c.status for c in slipped if c.line == 10] == ["failed"]


def test_a_slip_in_a_derivation_about_an_inner_product_is_still_caught():
    # ∂L/∂z = (ŷ - y)/(ŷ(1 - ŷ)) · ŷ(1 - ŷ) = ŷ - y; y - ŷ is the sign dropped. The matrix-form reading of
    # z = wᵀx + b decides nothing here (the link is in ŷ and y), so the derivation's own verdict stands
    notes = LOGISTIC + (
        "\n$$\\frac{\\partial L}{\\partial z} = \\frac{\\hat{y} - y}{\\hat{y}(1-\\hat{y})} \\cdot \\hat{y}(1-\\hat{y})$$\n\n"
        "$$= \\hat{y} - y$$\n"
    )
    assert [c.status for c in check_notes(notes).claims][-2:] == ["verified", "verified"]
    slipped = check_notes(notes.replace("$$= \\hat{y} - y$$", "$$= y - \\hat{y}$$")).claims
    assert slipped[-1].status == "failed"


def test_a_derivative_written_with_delta_is_a_derivative():
    # \frac{\delta L}{\delta w} is ∂L/∂w: read as a quotient (δL)/(δw), any chain of them telescoped and a
    # wrong path was ✓. With z_1 = w_1 x only, ∂L/∂w_2 = ∂L/∂z_1 ∂z_1/∂w_2 is 0 by the definitions: no ✓
    notes = (
        "$$z_1 = w_1 x$$\n\n$$z_2 = w_2 x$$\n\n$$L = z_1^2 + z_2^2$$\n\n"
        r"$$\frac{\delta L}{\delta w_2} = \frac{\delta L}{\delta z_1} \frac{\delta z_1}{\delta w_2}$$" + "\n\n"
        r"$$\frac{\delta}{\delta z} z^2 = 2z$$" + "\n"
    )
    claims = check_notes(notes).claims
    assert [c.status for c in claims if c.line == 7] != ["verified"]
    assert [c.status for c in claims if c.line == 9] == ["verified"]
    # δ with a subscript is an error term: a quotient of two of them stays a quotient
    assert (
        check_notes(r"$\delta_1 = 2$ and $\delta_2 = 4$, so $\frac{\delta_1}{\delta_2} = 0.5$." + "\n")
        .claims[-1]
        .status
        == "verified"
    )


def test_a_derivative_restated_is_not_passed_on_its_earlier_numbers_when_it_is_plainly_wrong():
    # ∂y/∂a with y = 3a, a = 2: 3. Stated as 1 · 4 = 4, then restated "∂y/∂a = 4": 4 is 33 % off the exact 3,
    # a slip, though it is the number the notes computed before
    notes = "$$a = 2$$\n\n$$y = 3a$$\n\n$$\\frac{\\partial y}{\\partial a} = 1 \\cdot 4 = 4$$\n\n$$\\frac{\\partial y}{\\partial a} = 4$$\n"
    claims = check_notes(notes).claims
    assert [c.status for c in claims if c.line == 7] == ["failed"]


def test_a_softmax_at_logits_stated_as_a_vector():
    # z = [2.0, 1.0, 0.1]: Σ_j e^{z_j} = e² + e + e^{0.1} = 11.212…; p_1 = e²/11.212 = 0.6590, p_2 = 0.2424,
    # p_3 = 0.0986; with y = [1, 0, 0], L = -log p_1 = 0.4170; p_1 - y_1 = -0.3410. 0.695 for p_1 is a slip.
    notes = (
        "Logits $z = [2.0, 1.0, 0.1]$.\n\n$$p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$\n\n"
        "So $p_1 \\approx 0.659$, $p_2 \\approx 0.242$ and $p_3 \\approx 0.099$.\n\n"
        "$\\sum_j e^{z_j} = e^{2} + e^{1} + e^{0.1} \\approx 11.21$\n\n"
        "With $y = [1, 0, 0]$: $L = -\\sum_i y_i \\log p_i \\approx 0.417$.\n\n"
        "$p_1 - y_1 \\approx -0.341$\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified"] * 7
    slipped = check_notes(notes.replace("p_1 \\approx 0.659", "p_1 \\approx 0.695")).claims
    assert [c.status for c in slipped if c.line == 5] == ["failed", "verified", "verified"]
