r"""`symnn check` on step-by-step posts that give their weights only where they substitute them, restate
formulas, and write matrix-form backprop with activations and a loss they never name.

Notes of our own, in the style of public worked examples. Every expected verdict was worked out by hand:

- in_{h1} = w_1 x_1 + w_3 x_2 + b_1 substituted as 0.1·0.1 + 0.2·0.2 + 0.3·1 gives w_1 = x_1 = 0.1 and
  w_3 = x_2 = 0.2 (equal factors: the order does not matter); in_{y1} = w_7 out_{h1} + b_3 substituted as
  0.4·0.44 + 0.2 with out_{h1} = 0.44 known gives w_7 = 0.4;
- σ(0.57) = 0.6388 (to 4 places), σ(1.125) = 0.7549; they differ by far more than 1 %;
- with u = W x + b, z = φ(u) and L = L(z, y), ∂L/∂u = ∂L/∂z ⊙ φ'(u) and ∂L/∂W = (∂L/∂u) xᵀ
  (Goodfellow, Bengio & Courville, *Deep Learning*, 6.5.4); φ_1' in place of φ_2' is another function.
"""

# ruff: noqa: E501

from __future__ import annotations

import json

from symnn.notes import check_notes

FIGURE_WEIGHTS = r"""
$$in_{h1} = w_1 * x_1 + w_3 * x_2 + b_1 * 1$$

$$in_{h1} = 0.1 * 0.1 + 0.2 * 0.2 + 0.3 * 1$$

$$in_{h1} = 0.35$$

$$in_{y1} = w_7 * in_{h1} + b_3 * 1$$

$$in_{y1} = 0.4 * 0.35 + 0.2 * 1 = 0.34$$

$$\frac{\partial in_{y1}}{\partial in_{h1}} = w_7 = 0.4$$

$$\frac{\partial in_{h1}}{\partial w_1} = x_1 = 0.1$$
"""


def _at(notes: str, line: int) -> list[tuple[str, str]]:
    return [(c.status, c.text) for c in check_notes(notes).claims if c.line == line]


def test_weights_given_only_where_they_are_substituted_are_known_after():
    assert _at(FIGURE_WEIGHTS, 12) == [
        ("verified", r"\frac{\partial in_{y1}}{\partial in_{h1}} = w_7"),
        ("verified", "w_7 = 0.4"),
    ]
    assert [s for s, _ in _at(FIGURE_WEIGHTS, 14)] == ["verified", "verified"]
    # a weight restated wrongly is a slip
    assert _at(FIGURE_WEIGHTS.replace("w_7 = 0.4$$", "w_7 = 0.5$$"), 12)[-1][0] == "failed"


def test_a_substitution_that_contradicts_a_stated_value_is_named_never_failed():
    # w_1 = 0.15 stated, then net_{h1} = 0.16 · 0.05 + 0.35 after its formula: a slip, or a new value the
    # prose gives ("if w_1 goes to 0.16"); the arithmetic 0.16 · 0.05 + 0.35 = 0.358 is still judged
    notes = "$x_1 = 0.05$ and $w_1 = 0.15$.\n\n$$net_{h1} = w_1 x_1 + 0.35$$\n\n$$net_{h1} = 0.16 \\cdot 0.05 + 0.35 = 0.358$$\n"
    claims = check_notes(notes).claims
    assert claims[0].status == "unchecked" and "substitutes 4/25 for w_1" in claims[0].reason
    assert "a new value" in claims[0].reason and claims[1].status == "verified"


def test_factors_written_in_another_order_are_read_again_before_a_slip_is_called():
    # w_1 i_1 substituted as 0.05 · 0.15, neither known: the order written gives w_1 = 0.05, i_1 = 0.15;
    # i_1 = 0.05 later fails in that order and holds in the other, so the factors were swapped: ✓
    notes = "$$net_{h1} = w_1 i_1 + b_1$$\n\n$$net_{h1} = 0.05 \\cdot 0.15 + 0.35 = 0.3575$$\n\n$$\\frac{\\partial net_{h1}}{\\partial w_1} = i_1 = 0.05$$\n"
    claims = [c for c in check_notes(notes).claims if c.line == 5]
    assert [c.status for c in claims] == ["verified", "verified"] and "swapped" in claims[1].reason
    # wrong in both orders (0.06 is neither 0.05 nor 0.15): a slip
    assert [c.status for c in check_notes(notes.replace("i_1 = 0.05$$", "i_1 = 0.06$$")).claims][-1] == "failed"
    # a number right in the order written settles it: then i_1 = 0.05 is a slip
    settled = notes.replace("= 0.3575$$", "= 0.3575$$\n\n$$2 w_1 = 0.1$$")
    assert check_notes(settled).claims[-1].status == "failed"


def test_a_new_pass_with_updated_weights_is_no_slip():
    notes = FIGURE_WEIGHTS + "\n$$w_{1_{new}} = 0.09$$\n\n$$in_{h1} = 0.09 * 0.1 + 0.2 * 0.2 + 0.3 * 1 = 0.349$$\n"
    assert [c.status for c in check_notes(notes).claims if c.line == 18] == ["verified"]


def test_a_formula_restated_with_another_variable_is_a_slip_and_not_read():
    # out_{y2} = σ(in_{y2}) = 0.7549 with in_{y2} = 1.125; restated as σ(in_{h2}) (0.6388 from in_{h2} =
    # 0.57): a slip; the chain rule through out_{y2} is still read from the first formula
    notes = (
        "$$in_{h2} = 0.57$$\n\n$$in_{y2} = 1.125$$\n\n"
        "$$out_{y2} = \\frac{1}{1+e^{-in_{y2}}} = 0.7549$$\n\n"
        "$$out_{y2} = \\frac{1}{1+e^{-in_{h2}}}$$\n\n"
        "$$\\frac{\\partial out_{y2}}{\\partial in_{y2}} = out_{y2}(1 - out_{y2})$$\n"
    )
    claims = check_notes(notes).claims
    slip = next(c for c in claims if c.line == 7)
    assert slip.status == "failed" and "out_y2 = 0.75490" in slip.reason
    assert claims[-1].status in ("verified", "printed")


def test_a_formula_contradicted_by_its_own_numbers_is_not_the_names_formula():
    # σ(in_{h2}) = σ(1.125): the notes computed with in_{y2}; σ(in_{h2}) is not out_{y2}'s formula, so
    # ∂out_{y2}/∂in_{h2} is not read from it (it would be ✓ from the formula as written)
    notes = (
        "$$in_{h2} = 0.57$$\n\n"
        "$$out_{y2} = \\frac{1}{1+e^{-in_{h2}}} = \\frac{1}{1+e^{-1.125}} = 0.7549$$\n\n"
        "$$\\frac{\\partial out_{y2}}{\\partial in_{h2}} = out_{y2}(1 - out_{y2})$$\n"
    )
    claims = check_notes(notes).claims
    assert next(c.status for c in claims if c.line == 3) == "failed"
    assert claims[-1].status == "unchecked"


def test_a_definition_in_terms_of_itself_is_no_formula():
    # out_{o1} = 1/(1 + e^{out_{o1}}) (a slip for e^{-net_{o1}}): not a formula, so the chain rule as
    # written settles ∂E/∂w_5 (with it, ∂out_{o1}/∂net_{o1} would be 0 and the claim refused)
    notes = (
        "$$net_{o1} = w_5 out_{h1} + b_2$$\n\n$$out_{o1} = \\frac{1}{1+e^{out_{o1}}}$$\n\n"
        "$$\\frac{\\partial E}{\\partial w_5} = \\frac{\\partial E}{\\partial out_{o1}} \\frac{\\partial out_{o1}}{\\partial net_{o1}} \\frac{\\partial net_{o1}}{\\partial w_5}$$\n"
    )
    claims = check_notes(notes).claims
    assert claims[-1].status == "verified" and "chain rule as written" in claims[-1].reason


def test_an_asterisk_operator_and_an_updated_layer_weight():
    notes = "$$x = 0.5 ∗ 0.2 = 0.1$$\n\n$$w_{11}^{2+} = 0.40 - 0.5 * 0.08 = 0.36$$\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified", "verified"]


GENERIC = r"""
$$u_1 = W_1 x + b_1, \qquad a_1 = \phi_1(u_1)$$

$$u_2 = g(a_1) = W_2 a_1 + b_2, \qquad z = \phi_2(u_2)$$

$$\mathcal{L} = L(z, y)$$

$$\delta_2 \equiv \frac{\partial \mathcal{L}}{\partial u_2}$$

$$\frac{\partial \mathcal{L}}{\partial u_2} = \frac{\partial \mathcal{L}}{\partial z} \odot \phi_2'(u_2)$$

$$\frac{\partial \mathcal{L}}{\partial W_2} = \delta_2 a_1^\top$$

$$\frac{\partial \mathcal{L}}{\partial b_2} = \delta_2$$

$$\frac{\partial \mathcal{L}}{\partial W_1} = \left((W_2^\top \delta_2) \odot \phi_1'(u_1)\right) x^\top$$
"""


def test_matrix_form_with_activations_and_a_loss_left_unnamed():
    claims = [c for c in check_notes(GENERIC).claims if c.line >= 10]
    assert [c.status for c in claims] == ["verified"] * 4
    assert all("matrix form" in c.reason for c in claims)
    # the other layer's activation: a slip
    slip = check_notes(GENERIC.replace(r"\odot \phi_2'(u_2)$$", r"\odot \phi_1'(u_2)$$")).claims
    assert next(c for c in slip if c.line == 10).status == "failed"
    # \cdot for \odot between two vectors of one shape: not read (never ✗)
    dot = check_notes(GENERIC.replace(r"\odot \phi_2'(u_2)$$", r"\cdot \phi_2'(u_2)$$")).claims
    assert next(c for c in dot if c.line == 10).status == "unchecked"


def test_results_set_in_bold_or_colour_and_plain_tex_fractions():
    # 0.721 · 0.279 = 0.201159; 0.3 + 0.000793 = 0.300793; 1/2 + 3/4 = 1.25
    notes = (
        "$$0.721 \\cdot 0.279 \\approx \\mathbf{0.201}$$\n\n$$0.3 + 0.000793 \\approx \\boldsymbol{0.300739}$$\n\n"
        "$$\\color{red}{-2} \\cdot 3 = -6$$\n\n$${1 \\over 2} + {3 \\over 4} = 1.25$$\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified", "failed", "verified", "verified"]


def test_myst_math_roles_and_fences_are_read():
    # (-0.199501)(0.3592)(2.0) = -0.14332…, so -0.1432 is a slip; z = 0.5 · 2.0 + 0.1 = 1.1
    notes = (
        "- {math}`z = 0.5 \\cdot 2.0 + 0.1 = 1.1`\n\n```{math}\n(-0.199501) \\cdot (0.3592) \\cdot (2.0) \\approx -0.1432\n```\n\n"
        "and `x = 1 + 1 = 3` is maths set as code, `x = np.sum(a) + 1` and `w -= lr * 2` code.\n"
    )
    # a code span holding a formula typed as text is read (1 + 1 = 2, not 3); one with code in it is not
    assert [(c.line, c.status) for c in check_notes(notes).claims] == [(1, "verified"), (4, "failed"), (7, "failed")]


def test_updates_with_a_left_arrow_and_subscripts_in_braces():
    # W ← W - η g: an update, no claim; 0.9 - 0.1 · 0.0421 = 0.89579 ≈ 0.8958; δ_2 a_1 = 0.5 · 0.2 = 0.1
    notes = (
        "$$w \\leftarrow w - \\eta g \\approx 0.9 - 0.1 \\cdot 0.0421 \\approx 0.8958$$\n\n"
        "$\\delta_2 = 0.5$ and $a_1 = 0.2$\n\n$$\\delta{_2} \\cdot a_1 = 0.1$$\n"
    )
    assert [c.status for c in check_notes(notes).claims if c.status != "unchecked"] == ["verified", "verified"]


def test_a_layer_written_above_before_its_index():
    # Nielsen's δ^L_j is one name (layer L, unit j), not δ to the power L
    notes = "$$\\delta^L_1 = 0.5$$\n\n$$z^L_1 = 2$$\n\n$$\\delta^L_1 z^L_1 = 1$$\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified"]


def test_the_true_class_of_a_softmax_and_a_loss_defined_before_it():
    # J = -log p_c, p_c = e^{z_c} / Σ_j e^{z_j}: ∂J/∂z_c = -1 + p_c (Bishop, PRML, 4.106), for any n
    notes = (
        "The loss is $J = -\\log p_c$ where $p_c = e^{z_c} / \\sum_j e^{z_j}$.\n\n"
        "$$\\frac{\\partial J}{\\partial z_c} = -\\frac{\\partial}{\\partial z_c}\\left(z_c - \\log\\sum_j e^{z_j}\\right)"
        " = -1 + \\frac{e^{z_c}}{\\sum_j e^{z_j}} = p_c - 1$$\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified"] * 3
    # the sign of the derivative of z_c dropped: a slip at that link
    slip = check_notes(notes.replace(" = -1 + ", " = 1 + ").replace("= p_c - 1$$", "= p_c + 1$$")).claims
    assert [c.status for c in slip] == ["verified", "failed", "verified"]


def test_a_derivative_inside_a_side_that_the_definitions_make_zero_is_not_used():
    # b_2 - η ∂L/∂b_2 with L never written in b_2: the derivative is 0 by what was read, so the
    # numbers are not judged against 0.3 (they would be a false ✗); the arithmetic still is
    notes = "$b_2 = 0.3$, $\\eta = 0.1$, $L = (y - 2)^2$\n\n$$b_2 - \\eta \\frac{\\partial L}{\\partial b_2} = 0.3 - 0.0048 = 0.2952$$\n"
    assert [c.status for c in check_notes(notes).claims] == ["unchecked", "verified"]


def test_a_notebook_restatement_compares_cells_in_reading_order():
    # lines restart in each cell: L_+ in cell 1 (line 2), a_+ stated anew in cell 2 (line 1), then
    # L_+ = ½(a_+ - 0.5)² in cell 2 is a new value, not a slip of cell 1's; the cell's arithmetic is read
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["$a_+ = 0.8$\n", "$L_+ = 0.02$\n"]},
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": [
                "$a_+ = 0.1$\n",
                "$$L_+ = \\frac{1}{2}(a_+ - 0.5)^2$$\n",
                "$$\\frac{1}{2}(0.1 - 0.5)^2 = 0.08$$\n",
            ],
        },
    ]
    notebook = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    # ½(0.1 - 0.5)² = 0.08 differs from cell 1's 0.02: compared by line (2 > 1) it would be called a slip
    assert [c.status for c in check_notes(notebook, kind="notebook").claims] == ["verified"]


def test_logarithms_to_a_written_base():
    # log_2 8 = 3, log_3 81 = log_3 3^4 = 4; log_2 8 = 2 is a slip
    notes = "$$\\log_2 8 = 3$$\n\n$$\\log_{3} 81 = \\log_3 3^4 = 4$$\n\n$$\\log_{2}(8) = 2$$\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified", "verified", "verified", "failed"]


def test_a_sum_without_its_index_of_a_vector_sums_its_entries():
    # error = [-20, -18, -15], n = 3: (1/n) Σ error = -53/3 ≈ -17.67; a sum of a number is refused
    notes = (
        "$$\\text{error} = \\begin{bmatrix} -20 & -18 & -15 \\end{bmatrix}$$ with $n = 3$\n\n"
        "$$db = \\frac{1}{n} \\sum \\text{error} = \\frac{-53}{3} \\approx -17.67$$\n\n$$\\sum n = 3$$\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified", "verified", "unchecked"]


def test_a_gradient_by_a_named_quantity():
    # L = (y - wx)^2: ∇_w L = ∂L/∂w = -2x(y - wx); the sign dropped is a slip
    notes = "$L = (y - w x)^2$\n\n$$\\nabla_w L = -2x(y - w x)$$\n\n$$\\nabla_{w} L = 2x(y - w x)$$\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified", "failed"]


def test_an_unbraced_subscript_is_one_letter():
    # u_aS_b is u_a S_b, as TeX sets it: 0.5 · 0.4 = 0.2
    notes = "$u_a = 0.5$ and $S_b = 0.4$\n\n$$-u_aS_b = -0.2$$\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified"]


def test_the_sigmoid_written_as_a_word():
    # Sigmoid(0) = σ(0) = 1/2; 0.6 is a slip; 1/(1 + e^{-0.21}) = 0.55230… ≈ 0.552
    notes = "$$a_1 = Sigmoid(0.21) = 0.552$$\n\n$$\\text{sigmoid}(0) = 0.5$$\n\n$$\\operatorname{sigmoid}(0) = 0.6$$\n"
    assert [c.status for c in check_notes(notes).claims] == ["printed", "verified", "failed"]


def test_a_formula_restated_as_it_was_defined_starts_a_new_pass():
    # in_{h1} = w_1 x_1 + b_1 restated (then computed with updated weights): no slip, whatever the values;
    # restated after the pass that gave in_{h1} = 0.4, the formula gives 0.35 with the old w_1 = 0.1 (a slip,
    # were it another formula than in_{h1}'s own)
    notes = (
        "$$in_{h1} = w_1 x_1 + b_1$$\n\n$$in_{h1} = 0.1 \\cdot 0.5 + 0.3 = 0.35$$\n\n"
        "Forward pass with the updated weights:\n\n$$in_{h1} = w_1 x_1 + b_1$$\n\n$$in_{h1} = 0.2 \\cdot 0.5 + 0.3 = 0.4$$\n\n"
        "And again:\n\n$$in_{h1} = w_1 x_1 + b_1$$\n"
    )
    claims = check_notes(notes).claims
    assert all(c.status != "failed" for c in claims)
    assert [c.status for c in claims if c.status != "unchecked"] == ["verified", "verified"]


def test_a_wrong_factor_in_a_chain_rule_of_a_loss_defined_with_let():
    # L = z^2 (a function, "let") with z = w·x: ∂L/∂z · ∂z/∂w = 2z · x; 2z · w is the derivative by x, a slip
    notes = (
        "A weight contributes to the score: $z = w \\cdot x$.\n\nLet's verify with $L = z^2$.\n\n"
        "$$\\frac{\\partial L}{\\partial w} = \\frac{\\partial L}{\\partial z} \\cdot \\frac{\\partial z}{\\partial w} = 2z \\cdot x$$\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified", "verified"]
    slip = check_notes(notes.replace("= 2z \\cdot x$$", "= 2z \\cdot w$$")).claims
    assert [c.status for c in slip] == ["verified", "failed"]


def test_a_result_written_as_one_decimal_is_not_an_input_rounded():
    # L = ½(a - y)², a = 0, y = 0.8: ∂L/∂y = y - a = 0.8, so 0.7 is a slip (it was ≈✓, the decimal
    # taken for a rounded input whose half unit, relative and absolute, covered 0.1)
    notes = "The loss is $L = \\frac{1}{2}(a - y)^2$, with $y = 0.8$.\n\n$$a = \\tanh(0) = 0$$\n\n$$\\frac{\\partial L}{\\partial y} = 0.7$$\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified", "failed"]


def test_a_table_row_states_a_derivative_and_its_value():
    # ∂L/∂a = a - y = -0.8 at a = 0, y = 0.8; a row headed by a name states nothing checkable
    notes = (
        "The loss is $L = \\frac{1}{2}(a - y)^2$, with $y = 0.8$.\n\n$$a = \\tanh(0) = 0$$\n\n"
        "| Quantity | Value |\n|---|---|\n| $a$ | 0.0 |\n| $\\displaystyle \\frac{\\partial L}{\\partial a}$ | -0.8 |\n"
        "| $\\frac{\\partial L}{\\partial y}$ | $0.7$ |\n| $W_2$ | $[0.04, 0.05]$ |\n| $|x|$ | 2 |\n"
    )
    claims = [(c.line, c.status) for c in check_notes(notes).claims]
    assert claims == [(3, "verified"), (8, "verified"), (9, "failed")]


# A one-path network written the way many posts write it: each activation at the number its net input came to.
# By hand: net_h = 0.2·1 + 0.4·0.5 = 0.4; σ(0.4) = 0.598688 → 0.5987; net_o = 0.3·0.5987 = 0.17961 → 0.1796;
# σ(0.1796) = 0.544780 → 0.5448; out_o(1 − out_o) = 0.5448·0.4552 = 0.247993 → 0.2480;
# ∂E/∂w_3 = −0.4552·0.2480·0.5987 = −0.067587 → −0.0676; 0.3 − 0.5·(−0.0676) = 0.3338.
AT_ITS_NUMBER = r"""
Inputs $x_1 = 1$, $x_2 = 0.5$. Weights $w_1 = 0.2$, $w_2 = 0.4$, $w_3 = 0.3$. Target $t = 1$.

$$net_h = w_1 x_1 + w_2 x_2 = 0.2 + 0.2 = 0.4$$

$$out_h = \sigma(net_h) = 0.5987$$

$$net_o = w_3 \cdot out_h = 0.3 \times 0.5987 = 0.1796$$

$$out_o = \sigma(0.1796) = 0.5448$$

$$E = \frac{1}{2}(t - out_o)^2$$

$$\frac{\partial out_o}{\partial net_o} = out_o(1 - out_o) = 0.5448 \times 0.4552 = 0.2480$$

$$\frac{\partial E}{\partial w_3} = -(t - out_o) \cdot out_o(1 - out_o) \cdot out_h = -0.0676$$

$$w_3^{+} = w_3 - \eta \frac{\partial E}{\partial w_3} = 0.3 - 0.5 \times (STEP) = 0.3338$$

$$w_2^{+} = w_2 - \eta \cdot 0.01 = 0.395$$
"""


def _worked(step: str) -> dict[str, tuple[str, str]]:
    notes = AT_ITS_NUMBER.replace("STEP", step)
    return {c.text: (c.status, c.reason) for c in check_notes(notes).claims}


def test_an_activation_written_at_the_number_of_its_net_input_depends_on_it():
    verdicts = _worked("-0.0676")
    assert verdicts[r"\frac{\partial out_o}{\partial net_o} = out_o(1 - out_o)"][0] == "verified"
    chain = r"\frac{\partial E}{\partial w_3} = -(t - out_o) \cdot out_o(1 - out_o) \cdot out_h"
    assert verdicts[chain][0] == "verified"


def test_the_rate_read_from_an_update_that_substitutes_a_derivative():
    verdicts = _worked("-0.0676")
    status, reason = verdicts[r"w_3 - \eta \frac{\partial E}{\partial w_3} = 0.3 - 0.5 \times (-0.0676)"]
    assert status == "unchecked" and "eta = 1/2" in reason
    # η = 0.5 from then on: 0.4 − 0.5·0.01 = 0.395 ✓, and 0.396 would not be
    assert verdicts[r"w_2 - \eta \cdot 0.01 = 0.395"][0] == "verified"


def test_a_derivative_substituted_by_a_wrong_number_is_a_slip():
    verdicts = _worked("-0.0767")
    status, reason = verdicts[r"w_3 - \eta \frac{\partial E}{\partial w_3} = 0.3 - 0.5 \times (-0.0767)"]
    assert status == "failed" and "substitutes -0.0767 for ∂E/∂w_3" in reason


# A pass written once as formulas, then each iteration's numbers, in the style of student reports. By hand:
# Wᵀx = [[0.6·0.75 + 0.01·0.8, 0.6·0.2 + 0.01·0.05], [0.7·0.75 + 0.43·0.8, 0.7·0.2 + 0.43·0.05]]
#     = [[0.458, 0.1205], [0.869, 0.1615]]; ReLU keeps them; s = wᵀ z = [0.1·0.458 + 0.2·0.869, 0.1·0.1205 +
# 0.2·0.1615] = [0.2196, 0.04435]; tanh(0.2196) = 0.2161368…, tanh(0.04435) = 0.0443209…;
# L = 0.5 (y_out - y)² = [0.5·0.783863², 0.5·1.044321²] = [0.3072206…, 0.5453031…].
PASS = r"""
\begin{gather}
W = \begin{bmatrix} W_{11} & W_{21} \\ W_{12} & W_{22} &\end{bmatrix} = \begin{bmatrix} 0.6 & 0.7 \\ 0.01 & 0.43 \end{bmatrix}
\end{gather}

$$x = \begin{bmatrix} 0.75 & 0.2 \\ 0.8 & 0.05 \end{bmatrix}$$

$$w = \begin{bmatrix} 0.1 \\ 0.2 \end{bmatrix}$$

$$y = \begin{bmatrix} 1 & -1 \end{bmatrix}$$

$$s_1 = W^T \cdot x$$

$$z_1 = ReLU(s_1)$$

$$s_{out} = w^T \cdot z_1$$

$$y_{out} = z_{out} = tanh(s_{out})$$

$$L = 0.5 \cdot (y_{out} - y)^2$$

Iteration 1:

$$s_1 = \begin{bmatrix} 0.458 & 0.1205 \\ 0.869 & 0.1615 \end{bmatrix}$$

$$z_1 = \begin{bmatrix} 0.458 & 0.1205 \\ 0.869 & 0.1615 \end{bmatrix}$$

$$s_{out} = \begin{bmatrix} SOUT & 0.04435 \end{bmatrix}$$

$$y_{out} = z_{out} = \begin{bmatrix} 0.216137 & 0.044321 \end{bmatrix}$$

$$L = \begin{bmatrix} 0.307221 & 0.545303 \end{bmatrix}$$

Iteration 2, with other weights:

$$s_1 = \begin{bmatrix} 0.512 & 0.133 \\ 0.905 & 0.171 \end{bmatrix}$$

$$z_1 = \begin{bmatrix} 0.512 & 0.133 \\ 0.905 & 0.171 \end{bmatrix}$$
"""


def _pass(sout: str) -> list[tuple[int, str, str]]:
    return [(c.line, c.status, c.claimed) for c in check_notes(PASS.replace("SOUT", sout)).claims]


def test_the_numbers_of_an_iteration_are_its_formulas_at_the_values_stated():
    lines = {line: status for line, status, _ in _pass("0.2196")}
    assert lines == {3: "unchecked", 24: "printed", 26: "printed", 28: "printed", 30: "printed", 32: "printed", 38: "printed"}


def test_a_wrong_entry_among_right_ones_is_a_slip_and_the_others_stay_right():
    verdicts = [v for v in _pass("0.2916") if v[0] == 28]
    assert [(status, claimed) for _, status, claimed in verdicts] == [("printed", "887/20000"), ("failed", "729/2500")]


def test_an_iteration_with_other_weights_claims_nothing_by_the_old_ones():
    # s_1 of iteration 2 is no slip: every entry is off (the weights were updated); z_1 = ReLU(s_1) holds for it
    lines = {line: status for line, status, _ in _pass("0.2196")}
    assert 36 not in lines and lines[38] == "printed"


def test_wordpress_latex_shortcodes_and_a_labelled_table_row():
    # e^2/(e^2 + e^{4.3}) = 0.0911230…; e^{4.3}/(e^2 + e^{4.3}) = 0.9088769… (0.9808 is a slip)
    notes = (
        r"A softmax: \[latex\] \\frac{exp(2.0)}{exp(2.0) + exp(4.3)} = 0.0911 \[/latex\] and"
        " [latex]\\frac{exp(4.3)}{exp(2.0) + exp(4.3)} = 0.9808[/latex].\n\n"
        "| logit | computation | outcome |\n| --- | --- | --- |\n"
        r"| 2.0 | $\frac{exp(x_i)}{\sum_j exp(x_j))} = \frac{exp(2.0)}{exp(2.0) + exp(4.3)}$ | 0.091123 |" "\n"
    )
    claims = [(c.line, c.status) for c in check_notes(notes).claims]
    assert (1, "printed") in claims and (1, "failed") in claims
    assert (5, "printed") in claims  # the row's computation = its outcome, the stray ")" notwithstanding


def test_a_bare_aligned_environment_in_markdown_and_a_power_of_a_bracket_after_a_variable():
    # R Markdown reads \begin{aligned} with no $$: d/dx (x^2 + 1)^3 = 3(x^2 + 1)^2 (2x) = 6x(x^2 + 1)^2 ✓, where
    # 6x(x^2 + 1)^2 is 6x times the bracket squared (once read (x(x^2 + 1))^2, a false ✗); 6x^2(x^2 + 1)^2 is a slip
    notes = (
        "Find the derivative of $f(x) = (x^2 + 1)^3$:\n\n\\begin{aligned}\n"
        "f'(x) &= 3(x^2 + 1)^2(2x) \\\\\n&= 6x(x^2 + 1)^2 \\\\\n&= 6x^2(x^2 + 1)^2\n\\end{aligned}\n"
    )
    assert [(c.line, c.status) for c in check_notes(notes).claims] == [(4, "verified"), (5, "verified"), (6, "failed")]


def test_a_conditional_probability_is_one_quantity():
    # P(t=1|z) = σ(z), P(t=0|z) = 1 − σ(z) = e^{-z}/(1 + e^{-z}); the log-odds are log(1/e^{-z}) = z, and
    # -log P(t=1|z) = -log σ(z); "-ln P(t=1|z) = -ln(1 - σ(z))" is never verified (an equation in z, at most)
    notes = (
        r"Here $P(t=1| z) = \sigma(z)$ and $P(t=0 \mid z) = 1 - \sigma(z) = \frac{e^{-z}}{1+e^{-z}}$." "\n\n"
        r"$$\log \frac{P(t=1|z)}{P(t=0|z)} = \log \frac{1}{e^{-z}} = z$$" "\n\n"
        r"$$-\log(P(t=1| z)) = -\log(\sigma(z))$$" "\n\n"
        r"$$-\ln(P(t=1| z)) = -\ln(1 - \sigma(z))$$" "\n"
    )
    statuses = [c.status for c in check_notes(notes).claims]
    assert statuses[:4] == ["verified"] * 4 and statuses[4] != "verified" and len(statuses) == 5


def test_a_function_defined_after_the_formulas_that_use_it():
    # a ≡ φ(z), then "where φ is a sigmoid (φ(z) = 1/(1 + exp(-z)))": ∂a/∂z = φ(z)[1 − φ(z)] = a(1 − a), both true
    # for the logistic (once a kept the unknown φ, and a(1 − a) was no identity)
    notes = (
        "$$\n\\begin{aligned}\nz &\\equiv Wx + b\\\\\na &\\equiv \\varphi(z)\n\\end{aligned}\n$$\n\n"
        "where $\\varphi$ is a sigmoid ($\\varphi(z) = \\frac{1}{1+\\exp(-z)}$).\n\n"
        "$$\n\\begin{aligned}\n\\frac{\\partial a}{\\partial z} &= \\varphi(z)[1-\\varphi(z)]\\\\\n&= a(1-a)\n"
        "\\end{aligned}\n$$\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified", "verified"]


def test_a_quantity_written_like_a_function_of_its_inputs_is_no_slip_in_a_chain():
    # z ≡ Wx + b is read as a function z(W, b, x); in ∂a/∂z = φ(z)[1 − φ(z)] = a(1 − a) the notes mean z the
    # quantity (a = φ(z) = φ(Wx + b)): the two readings differ, so the link is left unchecked, never failed.
    # By hand: Wx + b = 3·(−1) + (−2)·(−3) − 2 = 1, σ(1) = 0.7311 → 0.73; −(1 − 0.73) = −0.27; 0.73 · 0.27 = 0.1971
    claims = check_notes(QUANTITY_AS_FUNCTION).claims
    assert "failed" not in [c.status for c in claims]
    assert [c.status for c in claims if c.text.startswith("0.73\\cdot")] == ["verified"]


QUANTITY_AS_FUNCTION = r"""Consider a single layer network:

$$
\begin{aligned}
z &\equiv Wx + b\\
a &\equiv \varphi(z)
\end{aligned}
$$

where $\varphi$ is a sigmoid ($\varphi(z) = \frac{1}{1+\exp(-z)}$). Suppose that $W = [3~~~-2]$ and $b = -2$.

Our input vector will be $x=[-1~~~-3]^T$, and the target output for $x$ will be $y=1$. The network produces $0.73$.

$$
\begin{aligned}
\frac{\partial C}{\partial a} &= -(y-a)\\
&= -(1 - 0.73)\\
&= -0.27
\end{aligned}
$$

Notice that $a\equiv\varphi(z)$.

$$
\begin{aligned}
\frac{\partial a}{\partial z} &= \varphi(z)[1-\varphi(z)]\\
&= a(1-a)\\
&= 0.73\cdot(1-0.73)\\
&= 0.1971
\end{aligned}
$$
"""


def test_decimals_cut_off_throughout_are_the_notes_habit():
    # 1/7 = 0.142857142…, 2/7 = 0.285714285…: cut off to 4 places 0.1428 and 0.2857 (rounded: 0.1429, 0.2857);
    # 3/7 = 0.428571… cut off 0.4285 (rounded 0.4286). Two or more cut off, none rounded up: the notes' habit
    cut = "$$1/7 = 0.1428$$\n\n$$3/7 = 0.4285$$\n\n$$2/7 = 0.2857$$\n"
    assert [c.status for c in check_notes(cut).claims] == ["printed"] * 3
    # beside a decimal rounded up (5/7 = 0.714285… → 0.7143), a cut-off one may be a slip: unchecked
    mixed = cut + "\n$$5/7 = 0.7143$$\n"
    assert [c.status for c in check_notes(mixed).claims] == ["unchecked", "unchecked", "printed", "printed"]
    # one alone is no habit
    assert [c.status for c in check_notes("$$1/7 = 0.1428$$\n").claims] == ["unchecked"]


def test_a_layer_superscript_with_a_subscript_in_it():
    # z^{(n_l)}_i, the i-th unit of the last layer n_l (UFLDL's notation): one name, which once did not parse
    claims = check_notes("$$z^{(n_l)}_i = 2 + 1 = 4$$\n").claims
    assert [c.status for c in claims] == ["failed"] and "not parsed" not in claims[0].reason
