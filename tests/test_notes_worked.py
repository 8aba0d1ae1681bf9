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


def test_a_substitution_that_contradicts_a_stated_value_is_a_slip():
    notes = "$x_1 = 0.05$ and $w_1 = 0.15$.\n\n$$net_{h1} = w_1 x_1 + 0.35$$\n\n$$net_{h1} = 0.16 \\cdot 0.05 + 0.35 = 0.358$$\n"
    claims = check_notes(notes).claims
    assert claims[0].status == "failed" and "substitutes 4/25 for w_1" in claims[0].reason
    assert claims[1].status == "verified"  # 0.16 · 0.05 + 0.35 = 0.358: the arithmetic itself is right


def test_factors_in_another_order_are_not_read_as_values():
    # w_1 i_1 substituted as 0.05 · 0.15, neither known: which is which is not said, so neither is read,
    # and i_1 = 0.05 later is no slip (it would be, had w_1 = 0.05 been read)
    notes = "$$net_{h1} = w_1 i_1 + b_1$$\n\n$$net_{h1} = 0.05 \\cdot 0.15 + 0.35 = 0.3575$$\n\n$$\\frac{\\partial net_{h1}}{\\partial w_1} = i_1 = 0.05$$\n"
    assert [c.status for c in check_notes(notes).claims if c.line == 5] == ["verified", "unchecked"]
    # one factor known decides the order: i_1 = 0.05 stated, so w_1 = 0.15, and w_1 = 0.15 is right
    known = "$i_1 = 0.05$\n\n" + notes.replace("i_1 = 0.05$$", "i_1 = 0.05$$\n\n$$w_1 - 0.15 = 0$$")
    assert check_notes(known).claims[-1].status == "verified"


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
    assert [c.status for c in claims if c.line == 3][0] == "failed"
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
