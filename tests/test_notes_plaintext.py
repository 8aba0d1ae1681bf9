r"""`symnn check` on formulas typed as plain text: in an untagged code block, on a line of prose of their own,
with ASCII exponents (``e^(-0.68)``, ``10^-3``), Unicode (``∂L/∂W``, ``ŷ``, ``½``, ``Σᵢ₌₁³``) and names
typed as identifiers (``w1_new``).

Notes of our own, in the style of public step-by-step posts. Every expected value was worked out by hand:

- (−1.0)² + (−1.5)² + (−2.0)² = 1 + 2.25 + 4 = 7.25, and 7.25 / 3 = 2.41666…, so 2.417 to its digits;
- e^4 / (e^4 + e^2 + e^1) = 54.59815 / 64.70477 = 0.8437947…;
- 1 / (1 + e^{-0.68}) = 1 / 1.5066170 = 0.6637387…; 0.1 + (−2.406·10⁻³ · 0.35) = 0.1 − 0.0008421 = 0.0991579;
- 0.3 + (−0.0406 · 0.68) = 0.3 − 0.027608 = 0.272392, and d + 1 = 0.9594 only if d = −0.0406;
- 0.67 · (1 − 0.67) = 0.2211; ½ (1 − 0.6)² = 0.08; 1 + 2 + 3 = 6; 2/3 · (−4.5) = −3;
- (−0.875) · 0.23 · 0.2 · 0.25 · 0.5 = −0.00503125 ≈ −0.005, and 0.3 − 0.1 · (−0.005) = 0.3005 (not 0.2995:
  the rounding of −0.005 moves the result by 0.00005 at most).
"""

from __future__ import annotations

from symnn.notes import check_notes


def _statuses(notes: str, line: int) -> list[str]:
    return [c.status for c in check_notes(notes).claims if c.line == line]


_FENCED = "```\nL = 1/3 × [(−1.0)² + (−1.5)² + (−2.0)²]\n  = 1/3 × [1.0 + 2.25 + 4.0]\n  = 1/3 × 7.25\n  = 2.417\n```\n"


def test_an_untagged_code_block_of_formulas_is_read_line_by_line():
    assert _statuses(_FENCED, 3) == ["verified"]
    assert _statuses(_FENCED, 4) == ["verified"]
    assert _statuses(_FENCED, 5) == ["printed"]
    assert _statuses(_FENCED.replace("2.417", "2.471"), 5) == ["failed"]
    assert _statuses(_FENCED.replace("2.25 + 4.0", "2.52 + 4.0"), 3) == ["failed"]


def test_code_is_never_read_as_formulas():
    assert check_notes("```javascript\nx = 1 + 1 = 3\n```\n").claims == ()  # a tag is taken at its word
    # one line of code makes the whole untagged block code
    assert check_notes("```\nx = 1 + 1 = 3\nprint(x)\n```\n").claims == ()
    assert check_notes("```\nif x == 1 + 1 = 3:\n```\n").claims == ()


def test_a_line_of_prose_that_is_only_a_formula_is_read():
    notes = "Step one:\n\nf(4.0) = e^4.0 / (e^4.0 + e^2.0 + e^1.0) = 0.8437947\n"
    assert _statuses(notes, 3)[-1] == "printed"
    assert _statuses(notes.replace("0.8437947", "0.8473947"), 3)[-1] == "failed"
    # a sentence is prose, even with an "=" in it
    assert check_notes("The output is 0.5 = 1 here, and 2 = 3 there.\n").claims == ()


def test_a_line_that_starts_with_equals_goes_on_with_the_formula_above():
    notes = "> $d = 0.5 \\cdot 2$\n\n= 1.2\n"
    assert _statuses(notes, 3) == ["failed"]
    assert _statuses(notes.replace("1.2", "1.0"), 3) == ["verified"]


def test_exponents_typed_in_ascii():
    notes = "```math\n1 / (1 + e^(-0.68)) = 0.6637\n```\n"
    assert _statuses(notes, 2) == ["printed"]
    assert _statuses(notes.replace("0.6637", "0.6673"), 2) == ["failed"]
    notes = "$0.1 + (-2.406 * 10^-3 * 0.35) = 0.09916$\n"
    assert _statuses(notes, 1) == ["printed"]
    assert _statuses(notes.replace("0.09916", "0.09961"), 1) == ["failed"]


def test_a_math_block_without_latex_holds_one_formula_a_line():
    notes = "```math\nw1_new = 0.3 + 0.1\nw2_new = w1_new * 2 = 0.8\n```\n"
    assert _statuses(notes, 3) == ["verified"]
    assert _statuses(notes.replace("0.8", "0.9"), 3) == ["failed"]


def test_a_negative_product_substituted_gives_its_sign_to_the_first_factor():
    notes = "$$v = a + (d * i) = 0.3 + (-0.0406 * 0.68) = 0.272392$$\n\n$$d + 1 = 0.9594$$\n"
    assert _statuses(notes, 1) == ["unchecked", "verified"]  # the values are stated by substituting them
    assert _statuses(notes, 3) == ["verified"]
    assert _statuses(notes.replace("0.9594", "1.0406"), 3) == ["failed"]


def test_unicode_derivatives_hats_halves_and_sums():
    notes = "$L = (W - 3)^2$\n\n$∂L/∂W = 2(W - 3)$\n"
    assert _statuses(notes, 3) == ["verified"]
    assert _statuses(notes.replace("2(W - 3)", "2(W + 3)"), 3) == ["failed"]
    notes = "$t = 1$, $ŷ = 0.6$\n\n$E = ½ (t - ŷ)^2 = 0.08$\n"
    assert _statuses(notes, 3)[-1] == "verified"
    assert _statuses(notes.replace("0.08", "0.8"), 3)[-1] == "failed"
    assert _statuses("$Σᵢ₌₁³ i = 6$\n", 1) == ["verified"]
    assert _statuses("$Σᵢ₌₁³ i = 7$\n", 1) == ["failed"]
    framed = "```\n│ ∂L/∂B = 2/3 × (−4.5) = −3.0 │\n```\n"
    assert _statuses(framed, 2)[-1] == "verified"
    assert _statuses(framed.replace("−3.0", "3.0"), 2)[-1] == "failed"


def test_the_logistic_derivative_written_with_a_subscripted_name():
    notes = "$y_5 = 0.67$\n\n$$d_5 = y_5(1 - y_5) = 0.2211$$\n"
    assert _statuses(notes, 3) == ["verified"]
    assert _statuses(notes.replace("0.2211", "0.2121"), 3) == ["failed"]


def test_a_carried_decimal_in_a_sum_moves_the_result_only_by_its_own_rounding():
    notes = (
        "$$(-0.875)\\cdot 0.23 \\cdot 0.2 \\cdot 0.25 \\cdot 0.5 \\approx -0.005$$\n\n"
        "$$w_{new} = 0.3 - 0.1 \\cdot (-0.005) = 0.2995$$\n"
    )
    assert _statuses(notes, 3)[-1] == "failed"
    assert _statuses(notes.replace("0.2995", "0.3005"), 3)[-1] == "verified"


def test_the_ith_example_of_a_defined_quantity_is_not_a_symbol_of_its_own():
    # ŷ^{(i)}(1 - ŷ^{(i)}) x^{(i)} is the same as σ(z)(1 - σ(z)) x^{(i)}: no slip in the derivation
    notes = (
        "$$\\sigma(z) = \\frac{1}{1+e^{-z}}$$\n\n$$\\hat{y}=\\sigma(z)$$\n\n"
        "$$\\sigma(z)(1-\\sigma(z)) \\cdot x^{(i)} = (\\sigma(z)-\\sigma(z)^2) x^{(i)}"
        " = \\hat{y}^{(i)}(1-\\hat{y}^{(i)})x^{(i)}$$\n"
    )
    assert _statuses(notes, 5) == ["verified", "unchecked"]


def test_a_role_named_by_a_word_gets_a_new_value_each_step_but_a_weight_does_not():
    # input is 0.68 in one update, 0.6637 in the next: two cases; 0.9 - 0.0406 · 0.6637 = 0.87305378…
    notes = (
        "```math\nw1_new = w1_old + (d * input) = 0.3 + (-0.0406 * 0.68) = 0.272392\n"
        "w2_new = w2_old + (d * input) = 0.9 + (-0.0406 * 0.6637) = 0.87305\n```\n"
    )
    assert _statuses(notes, 3) == ["unchecked", "printed"]
    weight = notes.replace("input", "x_1")  # one weight substituted with two values: a slip
    assert "failed" in _statuses(weight, 3)


def test_an_equation_number_at_the_end_of_a_row_is_no_term():
    notes = "$$\n\\begin{align*}\nf(x) &= x^2 \\\\\nf'(x) &= 2x \\ -(11)\\\\\n\\end{align*}\n$$\n"
    assert _statuses(notes, 4) == ["verified"]


def test_a_label_before_values_typed_as_text():
    # x₁ = 2 from the labelled line: 1.5 × 2 + 1.0 = 4.0
    notes = "```\nSample 1: x₁ = 2, y₁ = 5\nŷ₁ = 1.5 × x₁ + 1.0 = 4.0\n```\n"
    assert _statuses(notes, 3)[-1] == "verified"
    assert _statuses(notes.replace("= 4.0", "= 4.5"), 3)[-1] == "failed"


def test_a_derivative_of_subscripted_names_written_dy_over_dz():
    # y_o1 = 3 z_3: dy_o1/dz_3 = 3 (the tokenizer reads dy before a subscript as one word; it is d, then y_o1)
    notes = "$$y_{o1} = 3 z_3$$\n\n$$\\frac{dy_{o1}}{dz_{3}} = 3$$\n"
    assert _statuses(notes, 3) == ["verified"]
    assert _statuses(notes.replace("= 3$$\n", "= 4$$\n"), 3) == ["failed"]


def test_a_word_of_another_script_is_a_name():
    # 오차 ("error") = (y - 1)^2: d오차/dy = 2(y - 1); 오차y_{o1} is the error of y_o1, one name
    notes = "$$오차 = (y - 1)^2$$\n\n$$\\frac{d오차}{dy} = 2(y - 1)$$\n"
    assert _statuses(notes, 3) == ["verified"]
    assert _statuses(notes.replace("2(y - 1)$$", "2(y + 1)$$"), 3) == ["failed"]
    notes = "$$오차y_{o1} = \\frac{1}{2}(t - y_{o1})^2$$\n\n$$\\frac{d오차y_{o1}}{dy_{o1}} = y_{o1} - t$$\n"
    assert _statuses(notes, 3) == ["verified"]
    assert _statuses(notes.replace("= y_{o1} - t", "= t - y_{o1}"), 3) == ["failed"]


def test_prime_without_a_caret_and_a_hadamard_dot_typed_in_brackets():
    notes = "$$\\sigma\\prime(x) = \\sigma(x)(1 - \\sigma(x))$$\n"
    assert _statuses(notes, 1) == ["verified"]
    # σ'(x) with x on both sides states the derivative as a function of x: a wrong side is a slip (with a number on
    # the other side, σ'(x) = 0.1, it would be an equation to solve, left unchecked)
    assert _statuses(notes.replace("(1 - \\sigma", "(1 + \\sigma"), 1) == ["failed"]
    assert _statuses("$$\\sigma\\prime(x) = 0.1$$\n", 1) == ["unchecked"]
    # a = 0.5: a ⊙ (1 - a) = 0.25, with 1. typed as in MATLAB
    notes = "$a = 0.5$\n\n$$a (.) (1.-a) = 0.25$$\n"
    assert _statuses(notes, 3) == ["verified"]
    assert _statuses(notes.replace("0.25", "0.5"), 3) == ["failed"]


def test_a_sum_over_i_leaving_out_j_beside_a_free_i_is_the_sum_over_j():
    from symnn.notes.parser import parse
    from symnn.notes.syntax import Summation, walk

    def sums(text: str) -> list[tuple[str, str | None]]:
        return [(n.index, n.excluded) for n in walk(parse(text)) if isinstance(n, Summation)]

    # -t_i/y_i … - Σ_{i≠j} t_j/y_j …: i stands free beside the sum, so it runs over j ≠ i
    assert sums(r"-\frac{t_i}{y_i} d_i - \sum_{i \ne j}^C \frac{t_j}{y_j} d_{ji}") == [("j", "i")]
    # alone, or with both letters free beside it, it is read as written
    assert sums(r"\sum_{i \ne j}^C t_j y_i") == [("i", "j")]
    assert sums(r"t_i t_j + \sum_{i \ne j}^C t_j y_i") == [("i", "j")]


def test_log_typed_with_a_space_before_its_bracket():
    # d/dy log (y) = 1/y: a spaced log typed without its backslash is the logarithm, not l·o·g(y)
    notes = "$$\\frac{d}{dy} \\left(log (y)\\right) = \\frac{1}{y}$$\n"
    assert _statuses(notes, 1) == ["verified"]
    assert _statuses(notes.replace("\\frac{1}{y}$$", "\\frac{2}{y}$$"), 1) != ["verified"]


def test_a_latex_fence_holds_maths():
    notes = "```latex\n\\frac{1}{2} + \\frac{1}{4} = \\frac{3}{4}\n```\n"
    assert _statuses(notes, 2) == ["verified"]
    assert _statuses(notes.replace("{3}{4}", "{2}{3}"), 2) == ["failed"]


def test_a_python_fence_that_is_no_python_is_maths_typed_as_text():
    # ∂L/∂y = y - t = 0.622 - 1.0 = -0.378, with comments after the formulas
    notes = "```python\n# the loss\n∂L/∂y = y - t  # its derivative\n      = 0.622 - 1.0\n      = -0.378\n```\n"
    assert _statuses(notes, 5) == ["verified"]
    assert _statuses(notes.replace("-0.378", "-0.387"), 5) == ["failed"]
    # real Python is left alone, however wrong its arithmetic
    assert check_notes("```python\nx = 1 + 1  # = 3\nassert x == 3\n```\n").claims == ()


def test_macros_the_notes_define():
    # \pd{E}{w} is \frac{\partial E}{\partial w}: with E = w^2 it is 2w
    notes = "\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}\n\n$$E = w^2$$\n\n$$\\pd{E}{w} = 2w$$\n"
    assert _statuses(notes, 5) == ["verified"]
    assert _statuses(notes.replace("= 2w", "= 3w"), 5) == ["failed"]
    notes = "$$\\gdef\\par#1#2{\\frac{\\partial #1}{\\partial #2}}$$\n\n$$E = w^2$$\n\n$$\\par{E}{w} = 2w$$\n"
    assert _statuses(notes, 5) == ["verified"]
    # a macro that uses itself stops growing, and its claim is unchecked
    looping = "$$\\def\\a{\\a\\a}$$\n\n$$\\a = 1$$\n"
    assert _statuses(looping, 3) == ["unchecked"]


def test_a_layer_written_as_a_bare_superscript_letter():
    # u^l = W^l a^{l-1}: ∂u^l/∂W^l = a^{l-1} (l is the layer, not a power)
    notes = "$$u^l = W^l a^{l-1}$$\n\n$$\\frac{\\partial u^l}{\\partial W^l} = a^{l-1}$$\n"
    assert _statuses(notes, 3) == ["verified"]
    assert _statuses(notes.replace("= a^{l-1}$$\n", "= 2a^{l-1}$$\n"), 3) == ["failed"]


def test_a_name_redefined_in_a_way_not_understood_loses_its_old_formula():
    # y = 1/x, then y = exp()x (a typo, not parsed): dy/dx = e^x is no longer judged against -1/x^2
    notes = (
        "$$y = \\frac{1}{x}$$\n\n$$\\frac{\\partial y}{\\partial x} = -\\frac{1}{x^2}$$\n\n"
        "$y = exp()x$\n\n$$\\frac{\\partial y}{\\partial x} = e^{x}$$\n"
    )
    assert _statuses(notes, 3) == ["verified"]
    assert _statuses(notes, 7) == ["unchecked"]
    assert _statuses(notes.replace("$y = exp()x$", "$t = 1$"), 7) == ["failed"]


def test_a_sum_over_the_entries_of_a_loss_of_one_class_is_not_judged():
    # L = -log(e^{z_c} / Σ_j e^{z_j}) for one class c: Σ_i ∂L/∂ŷ_i ∂ŷ_i/∂z_k is the chain rule (true), but c
    # is no entry of a sum over i at a given size, so it is left unchecked (read apart, it was a false ✗)
    notes = (
        "$$\\hat{y}_k = \\frac{e^{z_k}}{\\sum_{j=1}^{K} e^{z_j}}$$\n\n"
        "$$L = -\\log\\left(\\frac{e^{z_c}}{\\sum_{j=1}^{K} e^{z_j}}\\right)$$\n\n"
        "$$\\frac{dL}{dz_k} = \\sum_i \\frac{dL}{d\\hat{y}_i} \\cdot \\frac{d\\hat{y}_i}{dz_k}$$\n"
    )
    assert _statuses(notes, 5) == ["unchecked"]


def test_a_value_stated_for_one_case_binds_nothing():
    notes = "Here $t = 1$ if $k = c$, else 0.\n\n$$t + 1 = 2$$\n"
    assert _statuses(notes, 3) == ["unchecked"]
    assert _statuses(notes.replace(" if $k = c$, else 0", ""), 3) == ["verified"]


def test_a_display_with_a_blank_line_inside_it():
    # $$, a blank line, two derivatives, $$: one display (MathJax reads it), no stray $
    notes = (
        "$$t = x + y$$\n\n$$\n\n\\frac{\\partial t}{\\partial x} = 1 \\\\\n\\frac{\\partial t}{\\partial y} = 2\n$$\n"
    )
    report = check_notes(notes)
    assert [(c.line, c.status) for c in report.claims] == [(5, "verified"), (6, "failed")]
    # a $$ that closes a display opened with maths on its line is no opening one
    notes = "$$ a = 1\n$$\n\nSome prose, and $b = 2$.\n\n$$\nb + 1 = 3\n$$\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified"]


def test_a_display_restating_a_formula_with_a_typo_keeps_it():
    # E = w^2, restated in a display that is not parsed (\text with spaces): ∂E/∂w = 2w is still judged
    notes = "$$E = w^2$$\n\n$$E = w^{2} \\text { here }$$\n\n$$\\frac{\\partial E}{\\partial w} = 2w$$\n"
    assert _statuses(notes, 5) == ["verified"]


TABLE_OF_VALUES = r"""
| step | value |
|---|---|
| $z_1 = 0.5 \cdot 0.4 + 0.1$ | $0.3$ |
| $a_1 = \sigma(0.3)$ | 0.5744 |
| $f(x) = x^2$ | $4$ |
"""


def test_a_table_row_of_a_computation_and_a_number_states_its_value():
    # 0.5·0.4 + 0.1 = 0.3 exactly; σ(0.3) = 0.574442… is 0.5744 to its digits. A formula in names and a
    # number (f(x) = x^2 | 4) is a value at a point the header may give: nothing read.
    claims = check_notes(TABLE_OF_VALUES).claims
    assert [(c.line, c.status) for c in claims] == [(4, "verified"), (5, "printed")], claims
    slipped = check_notes(TABLE_OF_VALUES.replace("$0.3$", "$0.35$")).claims
    assert slipped[0].status == "failed"


PROSE_COMPUTATIONS = """
The hidden pre-activation is **z = 0.5 × 0.4 + 0.1 = 0.3**.

Then the error is E = ½(1 − 0.3)² = 0.245.

When w = 10 the unit saturates and the gradient is almost 0.

Note that 2 + 2 = 4 is trivial, and so is 3 × 3 = 9.
"""


def test_a_computation_in_a_sentence_is_read_and_a_value_said_in_passing_is_not():
    # 0.5·0.4 + 0.1 = 0.3 and ½(0.7)² = 0.245 exactly. "w = 10" is no computation: no claim, no value.
    # Two computations in one sentence are left alone (which words belong to which is not clear).
    claims = check_notes(PROSE_COMPUTATIONS).claims
    assert [(c.line, c.status) for c in claims] == [(2, "verified"), (4, "verified")], claims
    slipped = check_notes(PROSE_COMPUTATIONS.replace("= 0.245", "= 0.254")).claims
    assert [c.status for c in slipped] == ["verified", "failed"]


ITERATIONS = """
Step 1:

```
x_new = 4 - 0.1 × 8 = 3.2
```

Step 2, from x = 3.2:

```
x_new = 3.2 - 0.1 × 6.4 = 2.56
```
"""


def test_each_step_of_an_iteration_gives_an_update_name_a_new_value():
    # x_new = 3.2 - 0.64 is the next step, not a restatement of x_new = 3.2: no ✗ against the step before
    assert [c.status for c in check_notes(ITERATIONS).claims] == ["verified", "verified"]
    slipped = check_notes(ITERATIONS.replace("= 2.56", "= 2.66")).claims
    assert [c.status for c in slipped] == ["verified", "failed"]


NUMBERED_TEXT = """
```
h1 = w1 * i1 + w2 * i2
𝟃h1/𝟃w2 = i2    -(14)
σ(x) &= 1/( 1 + e^{-x})
σ’(x) &= σ(x) ( 1- σ(x))   (11)
𝟃h1/𝟃w1 = i1 		- By  Chain Rule
```
"""


def test_equation_numbers_remarks_and_alignment_marks_in_text_are_no_terms():
    # ∂h1/∂w2 = i2 (not i2 − 14); σ' = σ(1 − σ) with σ typed e^{-x} and &=; ∂h1/∂w1 = i1 (the remark dropped)
    claims = check_notes(NUMBERED_TEXT).claims
    expected = [(4, "verified"), (5, "verified"), (6, "verified"), (7, "verified")]  # (5: σ, the logistic function)
    assert [(c.line, c.status) for c in claims] == expected, claims


UPDATE_RULE = r"""
Let $f(x) = x^2$, so $f'(x) = 2x$. Start at $x = 4$: $f'(4) = 8$.

The rule is $x_{new} = x - \alpha f'(x)$ with $\alpha = 0.1$.

$$x_{new} = 4 - 0.1 \times 8 = 3.2$$
"""


def test_numbers_for_a_name_with_a_formula_are_the_formula_at_the_stated_values():
    # x - α f'(x) at x = 4, α = 0.1 is 4 - 0.1·8 = 3.2: the substitution is a claim, and so is the arithmetic
    claims = check_notes(UPDATE_RULE).claims
    assert [c.status for c in claims][-2:] == ["verified", "verified"]
    assert "the formula of x_new (line 4) at" in claims[-2].reason
    # a wrong update (the gradient 9 for 8): the arithmetic holds, the substitution does not
    slipped = check_notes(UPDATE_RULE.replace("4 - 0.1 \\times 8 = 3.2", "4 - 0.1 \\times 9 = 3.1")).claims
    assert [c.status for c in slipped][-2:] == ["failed", "verified"]


UPDATED_MODEL = r"""
The model is

$$\hat{y} = wX + b$$

with $w = 0$ and $b = 0$. After one step,

$$w = 0 - 0.01 \cdot (-300) = 3$$

$$b = 0 - 0.01 \cdot (-20) = 0.2$$

so the updated model is

$$\hat{y} = 3 \cdot X + 0.2$$
"""


def test_a_model_restated_at_its_updated_parameters_is_a_claim_about_each_coefficient():
    # wX + b at w = 3, b = 0.2 is 3X + 0.2; a wrong digit in a coefficient is a slip; another model
    # (a coefficient of the other sign) is not judged
    last = check_notes(UPDATED_MODEL).claims[-1]
    assert last.status == "verified" and "the model" in last.reason, last
    assert check_notes(UPDATED_MODEL.replace("3 \\cdot X + 0.2$$", "3 \\cdot X + 0.3$$")).claims[-1].status == "failed"
    other = check_notes(UPDATED_MODEL.replace("3 \\cdot X + 0.2$$", "-3 \\cdot X + 0.2$$")).claims
    assert all(c.status != "failed" for c in other)


TABULAR = r"""
\begin{tabular}{cccc}
Step & Formula & Expression & Value \\
2 & $\hat{y} = \sigma(z)$ & $\sigma(0.9) = \dfrac{1}{1+e^{-0.9}}$ & $\approx 0.7109$ \\
3 & $e = \hat{y} - y$ & $0.7109 - 1$ & $\approx -0.2891$ \\
\end{tabular}
"""


def test_the_next_cell_of_a_latex_tabular_row_goes_on_with_the_chain():
    # σ(0.9) = 0.710949…: 0.7109; 0.7109 - 1 = -0.2891 exactly
    claims = check_notes(TABULAR, kind="latex").claims
    assert [(c.line, c.status) for c in claims] == [(4, "verified"), (4, "verified"), (5, "verified")], claims
    slipped = check_notes(TABULAR.replace(r"\approx -0.2891", r"\approx -0.2981"), kind="latex").claims
    assert slipped[-1].status == "failed"


LABELLED = r"""
* **Input ($x$):** $2.0$
* **Target ($y$):** $1.0$
* **Initial Weight ($w$):** $3.0$

1. **Prediction ($p$):** $x \times w$
2. **Loss ($L$):** $(p - y)^2$

If our **Learning Rate ($\eta$)** is $0.01$:

$$\frac{\partial L}{\partial p} = 2(6.0 - 1.0) = 10.0$$

$$New\ Weight = w - (\eta \times \frac{\partial L}{\partial p} \times x)$$
$$New\ Weight = 3.0 - (0.01 \times 20.0) = 2.8$$
"""


def test_labelled_values_and_a_name_of_two_words():
    # x = 2, y = 1, w = 3, p = xw = 6, L = (p - y)^2: ∂L/∂p = 2(6 - 1) = 10; the update is 3 - 0.01·10·2 = 2.8;
    # New\ Weight is one name, New_Weight, not a product of letters
    claims = check_notes(LABELLED).claims
    assert [c.status for c in claims] == ["verified"] * 4, claims
    slipped = check_notes(LABELLED.replace("(0.01 \\times 20.0) = 2.8", "(0.01 \\times 10.0) = 2.9")).claims
    assert [c.status for c in slipped][-2:] == ["failed", "verified"]


EXERCISE_SHEET = r"""
\section{Derivative of a Loss}
\begin{tcolorbox}[solutionbox]
Let $u = 4 - 2w$, so $L = u^2$.
$$\frac{dL}{dw} = 2u \cdot (-2) = 8w - 16$$
\end{tcolorbox}

\section{Manual Gradient Descent}
\begin{tcolorbox}[solutionbox]
$\dfrac{dL}{dw} = 2w - 6$, so the minimum is at $w = 3$.
\end{tcolorbox}
"""


def test_a_derivative_against_the_definition_of_another_exercise_box_is_no_slip():
    # L = (4 - 2w)^2 gives 8w - 16 in its own box; the next exercise's L (of a quiz) is another: unchecked.
    # Within the first box a wrong derivative is still a slip.
    claims = check_notes(EXERCISE_SHEET, kind="latex").claims
    assert claims[-1].status == "unchecked" and "in another exercise" in claims[-1].reason, claims
    slipped = check_notes(EXERCISE_SHEET.replace("= 8w - 16$$", "= 8w - 15$$"), kind="latex").claims
    assert any(c.status == "failed" for c in slipped if c.line == 5)


def test_a_comparison_in_a_text_block_skips_its_line_only():
    # "output = 1 (0.2 >= 0)" compares, it is no code: the sums around it are still read (0.6 + 0.6 - 1 = 0.2)
    notes = (
        "```\nsum = 0.6*1 + 0.6*1 + (-1) = 0.2\noutput = 1 (0.2 >= 0)\nerror = 1 - 1 = 0\n"
        "sum = 0.6*1 + 0.6*0 - 1 = -0.5\n```\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified", "verified", "failed"]
    # code in the block (a keyword) still makes the whole block code
    assert not check_notes("```\nif x >= 0:\n    y = 0.6*1 + 0.6*1 = 1.2\n```\n").claims


def test_a_rate_before_a_bracket_is_a_product():
    # η(t - o) x with η = 0.5, t = 0, o = 1, x = 1: 0.5 · (-1) · 1 = -0.5, not a function η of (t - o)
    notes = "$\\eta = 0.5$, $t = 0$, $o = 1$, $x = 1$.\n\n"
    notes += "$\\Delta w = \\eta (t - o) x = -0.5$ and $\\eta(t - o) = -0.4$\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified", "failed"]


def test_a_computation_in_a_sentence_after_be_and_an_approximate_sign_typed():
    # "would simply be (1 - 0.73) * 0.73 ~= 0.2": 0.1971 to one place is 0.2; "~=" is ≈
    (claim,) = check_notes("The local gradient would simply be (1 - 0.73) * 0.73 ~= 0.2 here.\n").claims
    assert claim.status == "verified" and "\\approx" in claim.text


def test_a_run_of_perceptron_updates_typed_as_text():
    # w = [1, 1, 1], x = [1, 1, 0]: w + -1x = [0, 0, 1]; "f(x) = 1" states f's value at that x (f is not the
    # constant 1, so the later "f(x) = 0" is no slip); a wrong update entry is one
    notes = (
        "```\nw    = [1, 1, 1]\nx    = [1, 1, 0]\ny    = 0\nf(x) = 1\ne    = -1\nw    <- w + -1x = [0, 0, 1]\n"
        "---------------------------------\nw    = [0, 0, 1]\nx    = [1, 0, 1]\nf(x) = 0\n"
        "w    <- w + 1x = [1, 0, 1]\n```\n"
    )
    statuses = [(c.line, c.status) for c in check_notes(notes).claims]
    assert (7, "verified") in statuses and (12, "failed") in statuses  # [0,0,1] + [1,0,1] = [1, 0, 2]
    assert all(s != "failed" for line, s in statuses if line in (5, 11))  # the values of f(x)


def test_an_indented_block_of_a_worked_perceptron_epoch():
    # an indented block is typed text too; [ 0  1  0 ] is a vector; a sentence in it is skipped, not taken for
    # code. 0·2 + 1·1 + 0·(-1) = 1, and [0, 1, 0] - 2·[2, 1, -1] = [-4, -1, 2]; -3 for its second entry is a slip
    notes = (
        "Train it:\n\n    net = [ 0  1  0 ] ⋅ [ 2  1 -1 ] = 1\n    sgn(1) = 1\n\n"
        "    Correction not performed since t = 1.\n    w = [ 0  1  0] - 2 ⋅ [ 2  1 -1 ] = [ -4 -3  2 ]\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified", "verified", "failed"]


def test_a_second_epoch_substitutes_the_current_weights_under_a_siblings_name():
    # epoch 1 ends with w2 = [-4, -1, 2] and w3 = [-4, -3, 0]; epoch 2 restarts at w1 = [-4, -3, 0] and writes
    # "net2 = w₂ᵗx₂ = [-4 -3 0]·x₂": the numbers are w1's now, not w2's stale ones, so no slip; a wrong product is
    notes = (
        "    x₂ = [ 0 -1 -1 ]\n    w₂ = [ -4 -1  2 ]\n\n    Second Epoch: w₁ = [ -4 -3  0 ]\n"
        "    net₂ = w₂ᵗx₂ = [ -4 -3  0 ] ⋅ [ 0 -1 -1 ] = 3\n    net₂ = [ -4 -3  0 ] ⋅ [ 0 -1 -1 ] = 4\n"
    )
    statuses = [c.status for c in check_notes(notes).claims]
    assert statuses == ["unchecked", "verified", "verified", "failed"]  # (net₂ restated from its numbers: ✓)


PROSE_VALUES = """We take inputs x1 = 0.5 and x2 = 0.2, weights w1 = 0.4, w2 = -0.3 and bias b = 0.1.

The net input is z = w1*x1 + w2*x2 + b = 0.2 - 0.06 + 0.1 = 0.24.

When w = 10 the unit saturates.
"""


def test_values_given_in_a_sentence_are_the_data_of_the_example():
    # 0.5·0.4 = 0.2, 0.2·(-0.3) = -0.06, and 0.2 - 0.06 + 0.1 = 0.24: the substitution holds by the sentence's values
    assert _statuses(PROSE_VALUES, 3) == ["verified", "verified"]
    # one value alone is said in passing, not data: no claim, no definition from line 5
    assert _statuses(PROSE_VALUES, 5) == []


def test_a_wrong_term_in_a_substitution_is_no_rounding():
    # -0.08 for w2·x2 = -0.06: 0.2 (one decimal) could round 0.24, but each term is matched with its own
    slipped = PROSE_VALUES.replace("0.2 - 0.06 + 0.1 = 0.24", "0.2 - 0.08 + 0.1 = 0.22")
    assert _statuses(slipped, 3) == ["failed", "verified"]
    # with the terms in another order, each still fits one term
    reordered = PROSE_VALUES.replace("0.2 - 0.06 + 0.1 = 0.24", "0.1 + 0.2 - 0.06 = 0.24")
    assert _statuses(reordered, 3) == ["verified", "verified"]


MICROGRAD_STYLE = """* Now let's calculate dL/df and dL/dd.
* since L = f * d, then by rules of differentiation we have
  - dL/df = d = 4.0, and
  - dL/dd = f = -2.0
* Given `d = c + e`, as we can see, `dd/dc = 1.0` and also `d(d)/de = 1.0`.
* And so `dL/dc = dL/dd * dd/dc = -2.0 * 1.0 = -2.0`.
* See the [Derivative at Another Point (x = -3)](#32-derivative-at-another-point-x---3).
"""


def test_formulas_in_code_spans_and_list_items_of_prose():
    # L = f·d, so dL/df = d and dL/dd = f; d = c + e, so dd/dc = dd/de = 1; dL/dc = f · 1 = -2.0 · 1.0 = -2.0
    statuses = [(c.line, c.status) for c in check_notes(MICROGRAD_STYLE).claims if c.status != "unchecked"]
    assert statuses == [(3, "verified"), (4, "verified"), (5, "verified"), (5, "verified"), (6, "verified"),
                        (6, "verified"), (6, "verified")]
    assert not [c for c in check_notes(MICROGRAD_STYLE).claims if c.line == 7]  # a link's text: prose


def test_a_slip_in_a_code_span_is_caught():
    slipped = MICROGRAD_STYLE.replace("-2.0 * 1.0 = -2.0`", "-2.0 * 1.0 = 2.0`")
    assert "failed" in [c.status for c in check_notes(slipped).claims if c.line == 6]


def test_a_stated_value_written_for_its_name_in_a_chain_rule_step():
    # e = a·b, so dL/db = dL/de · de/db = f · a, and f = -2.0 was stated: -2.0 · a is the same, -3.0 · a a slip
    notes = MICROGRAD_STYLE + "* Since `e = a * b`, `de/db = a`.\n* So `dL/db = dL/de * de/db = -2.0 * a`.\n"
    assert [c.status for c in check_notes(notes).claims if c.line == 9] == ["verified", "verified"]
    slipped = notes.replace("= -2.0 * a`", "= -3.0 * a`")
    assert [c.status for c in check_notes(slipped).claims if c.line == 9] == ["verified", "failed"]
