r"""`symnn check` on claims that notes make in sentences and tables rather than in one formula: "the derivative of
$\tanh x$ is $1 - \tanh^2 x$", an HTML table of expected outputs, and expectations that must not be read as
products.

Notes of our own, in the style of public tutorials and course notebooks. Every expected verdict was worked out by
hand:

- d/dx tanh x = 1 - tanh² x; d/dz σ(z) = σ(z)(1 - σ(z)); d/dx x³ = 3x², so "2x²" is a slip;
- σ(0) = 1/2 exactly; σ(9.2) = 0.99989897080609… (0.999898970806 to its 12 places); σ(2) = 0.8807970779…;
- E[Y] = E[θ_0 + θ_1 x + η] is about an expectation: reading E as a number times a bracket would make any
  E[a] = E[b] with a = b true by the letter alone.
"""

from __future__ import annotations

from symnn.notes import check_notes

SAID = r"""A nice property: the derivative of $\tanh x$ is $1-\tanh^2 x$, and the derivative of $\sigma(z)$ with
respect to $z$ is $\sigma(z)(1 - \sigma(z))$.

The derivative of $x^3$ is $3x^2$.
"""

EXPECTED_OUTPUT = """**Expected Output**:

<table style="width:20%">
  <tr>
    <td>**sigmoid(0)**</td>
    <td> 0.5</td>
  </tr>

  <tr>
    <td>**sigmoid(9.2)**</td>
    <td> 0.999898970806 </td>
  </tr>
  <tr><td>**sigmoid([0, 2])**</td><td>[ 0.5  0.88079708]</td></tr>
  <tr><td>**cost**</td><td>6.000064773192205</td></tr>
</table>
"""


def _lines(notes: str) -> list[tuple[int, str]]:
    return [(c.line, c.status) for c in check_notes(notes).claims]


def test_a_derivative_said_in_a_sentence():
    assert _lines(SAID) == [(1, "verified"), (2, "verified"), (4, "verified")]
    assert _lines(SAID.replace("$3x^2$", "$2x^2$"))[-1] == (4, "failed")
    assert _lines(SAID.replace(r"$1-\tanh^2 x$", r"$1+\tanh^2 x$"))[0] == (1, "failed")


def test_a_table_of_expected_outputs_in_html():
    assert _lines(EXPECTED_OUTPUT) == [(6, "verified"), (11, "printed"), (13, "printed")]  # cost: no function
    assert _lines(EXPECTED_OUTPUT.replace("0.999898970806", "0.999898970809"))[1] == (11, "failed")


def test_an_expectation_is_not_a_product():
    notes = r"$$Y = \theta_0 + \theta_1 x + \eta$$" + "\n\n" + r"$$E[Y] = E[\theta_0 + \theta_1 x + \eta]$$" + "\n"
    claims = check_notes(notes).claims
    assert [c.status for c in claims] == ["unchecked"] and "expectation" in claims[0].reason


def test_a_hadamard_product_written_circ_and_a_sum_over_the_samples_in_n():
    notes = (
        r"$$a = \begin{bmatrix} 1 \\ 2 \end{bmatrix}, b = \begin{bmatrix} 3 \\ 4 \end{bmatrix}$$" + "\n\n"
        r"$$a \circ b = \begin{bmatrix} 3 \\ 8 \end{bmatrix}$$" + "\n\n"
        r"$$\frac{\partial}{\partial w} \frac{1}{N} \sum_{n \in N} (w x_n - y_n)^2"
        r" = \frac{2}{N} \sum_{n \in N} x_n (w x_n - y_n)$$" + "\n"
    )
    assert _lines(notes) == [(3, "verified"), (5, "verified")]
    assert _lines(notes.replace(r"\\ 8 \end", r"\\ 6 \end"))[0] == (3, "failed")


def test_an_inner_product_of_vectors_is_one_number_in_an_identity():
    # σ(u) = 1/(1 + e^{-u}) for any number u, so for u = wᵀx; 1 - σ(u) = σ(-u)
    notes = (
        r"$$\sigma(\mathbf{w}^T\mathbf{x}) = \frac{1}{1 + e^{-\mathbf{w}^T\mathbf{x}}}$$" + "\n\n"
        r"$$1 - \sigma(\mathbf{w}^T\mathbf{x}) = \sigma(-\mathbf{w}^T\mathbf{x})$$" + "\n"
    )
    claims = check_notes(notes).claims
    assert [c.status for c in claims] == ["verified", "verified"] and "inner product" in claims[0].reason
    # a wrong side is not failed on this reading (xᵀw is another symbol here, though equal): left unchecked
    assert [c.status for c in check_notes(notes.replace("= \\sigma(-", "= \\sigma(")).claims][1] == "unchecked"


def test_an_inner_product_with_features_and_a_label_before_it():
    # Σ_n log σ(y_n wᵀφ(x_n)) = -Σ_n log(1 + exp(-y_n wᵀφ(x_n))) for any numbers wᵀφ(x_n) (Bishop, PRML, 4.3.2)
    notes = (
        r"$$\sum_{n=1}^N \log \sigma\bigl(y^{(n)}\,w^\top \phi(x^{(n)})\bigr) = "
        r"-\sum_{n=1}^N \log\Bigl[1 + \exp\bigl(-\,y^{(n)}\,w^\top \phi(x^{(n)})\bigr)\Bigr]$$" + "\n"
    )
    claims = check_notes(notes).claims
    assert [c.status for c in claims] == ["verified"] and "phi(x^n) one number" in claims[0].reason


def test_the_identity_matrix_and_a_chain_that_ends_in_an_inequality():
    # U Λ Uᵀ + β U Uᵀ = U (Λ + βI) Uᵀ for any U, Λ (I the identity); xᵀ(AᵀA)x = (Ax)ᵀ(Ax), then ≥ 0 is not judged
    notes = (
        r"$$U\,\Lambda\,U^\top + \beta\,U\,U^\top = U\,(\Lambda + \beta I)\,U^\top$$" + "\n\n"
        r"$$x^T(A^TA)x = (Ax)^T(Ax) \geq 0$$" + "\n"
    )
    assert _lines(notes) == [(1, "verified"), (3, "verified"), (3, "unchecked")]
    assert _lines(notes.replace(r"\beta\,U\,U^\top =", r"\beta\,U^\top U ="))[0] == (1, "unchecked")


def test_a_norm_written_with_bars_and_its_subscript_two():
    # (Ax)ᵀ(Ax) = ‖Ax‖₂²; without the square it is a slip (the sides differ for any A, x with ‖Ax‖ ≠ 0, 1)
    notes = r"$$A = \begin{bmatrix} 1 & 2 \\ 0 & 1 \end{bmatrix}, x = \begin{bmatrix} 1 \\ 1 \end{bmatrix}$$" + "\n\n"
    notes += r"$$(Ax)^T(Ax) = ||Ax||_2^2 = 10$$" + "\n"
    assert _lines(notes) == [(3, "verified"), (3, "verified")]
    assert _lines(notes.replace("||_2^2 =", "||_2 =")) == [(3, "failed"), (3, "failed")]


BOXES = r"""$$o = \boxed{1}\boxed{2}$$

$$p = \boxed{0.269}\boxed{0.731}, \quad y = \boxed{0}\boxed{1}$$

$$\dfrac{\partial L}{\partial o} = p - y$$

For the example:

$$\dfrac{\partial L}{\partial o} = \boxed{0.269}\boxed{-0.269}$$
"""


def test_a_vector_drawn_as_boxes_and_a_gradient_stated_by_its_formula_then_by_numbers():
    # p - y = (0.269 - 0, 0.731 - 1) = (0.269, -0.269): the numbers agree with the notes' own formula of line 5
    claims = check_notes(BOXES).claims
    assert [(c.line, c.status) for c in claims if c.status != "unchecked"] == [(9, "verified")]
    assert "as stated on line 5" in claims[-1].reason
    slipped = check_notes(BOXES.replace(r"\boxed{-0.269}$$", r"\boxed{-0.296}$$")).claims
    assert [(c.line, c.status) for c in slipped if c.status != "unchecked"] == [(9, "failed")]


def test_the_derivative_of_a_standard_function_stated_in_its_variable():
    # tanh'(x) = 1 - tanh²(x) (so 1 + tanh² is a slip); tanh^2(x) is the square of tanh, typed without a backslash
    notes = "$$\\tanh'(x) = 1 - tanh^2(x)$$\n"
    assert _lines(notes) == [(1, "verified")]
    assert _lines(notes.replace("1 - tanh", "1 + tanh")) == [(1, "failed")]


def test_a_brace_with_a_label_states_its_value():
    # u = y - d, L = ½u²: ∂L/∂u = u (the label u right), ∂u/∂y = 1; the label -u is a wrong sign, caught at its
    # line; a label in words names the term and states nothing; _{=5} states 2 + 3 = 5
    notes = (
        "Let $u = y - d$ and $L = \\frac{1}{2} u^2$.\n\n"
        "$$\\frac{\\partial L}{\\partial y} = \\underbrace{\\frac{\\partial L}{\\partial u}}_{u}"
        " \\underbrace{\\frac{\\partial u}{\\partial y}}_{1} = u$$\n\n"
        "$$\\underbrace{2 + 3}_{=5} \\cdot \\underbrace{4}_\\text{trick!} = 20$$\n"
    )
    claims = check_notes(notes).claims
    assert [c.status for c in claims] == ["verified"] * 6
    assert [c.text for c in claims if c.line == 3][-2:] == [
        "\\frac{\\partial L}{\\partial u} = u", "\\frac{\\partial u}{\\partial y} = 1"
    ]
    slipped = check_notes(notes.replace("}_{u}", "}_{-u}")).claims
    assert [c.status for c in slipped if c.text.endswith("= -u")] == ["failed"]


def test_a_quantity_at_time_step_n_is_the_quantity():
    # e_1(n) = y_1(n) - d_1(n) with y_1(n) = 0.5, d_1(n) = 0.2: e_1(n) = 0.3 (the quantities at time step n)
    notes = "$y_1(n) = 0.5$ and $d_1(n) = 0.2$.\n\n$e_1(n) = y_1(n) - d_1(n) = 0.3$\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified"]
    assert [c.status for c in check_notes(notes.replace("= 0.3$", "= 0.7$")).claims] == ["failed"]


def test_a_function_judged_with_a_value_stated_again_after_it():
    # f(x) = α(e^x - 1) read while α = 0.01; "so with α = 1", f(-1) = e^{-1} - 1 (-0.632…): with the α stated after
    # the definition; e^{-1} + 1 is a slip with either α
    notes = (
        "Leaky ReLU with $\\alpha = 0.01$.\n\n"
        "ELU: $f(x) = \\alpha(e^x - 1)$ for $x < 0$, so with $\\alpha = 1$, $f(-1) = e^{-1} - 1$.\n"
    )
    (claim,) = check_notes(notes).claims
    assert claim.status == "verified" and "alpha as stated after it" in claim.reason
    assert [c.status for c in check_notes(notes.replace("= e^{-1} - 1", "= e^{-1} + 1")).claims] == ["failed"]
    # a name with no value when the function was defined, given one after: f(1) = σ(1) for f(x) = x σ(βx), β = 1
    swish = "Swish: $f(x) = x \\cdot \\sigma(\\beta x)$; with $\\beta = 1$, $f(1) = \\sigma(1)$.\n"
    assert [c.status for c in check_notes(swish).claims] == ["verified"]


def test_a_sentence_naming_another_function_speaks_of_its_own_f():
    # f(x) = x² far above; "Leaky ReLU with α = 0.01: f(-2) = -0.02" is the leaky ReLU's f, not x² (4): unchecked.
    # Where f was introduced as the leaky ReLU, a wrong value of it is a slip.
    notes = "Let $f(x) = x^2$.\n\nIt is convex.\n\nLeaky ReLU with $\\alpha = 0.01$: $f(-2) = -0.02$.\n"
    (claim,) = check_notes(notes).claims
    assert claim.status == "unchecked" and "speaks of" in claim.reason
    own = "The leaky ReLU is $f(x) = \\max(0.01 x, x)$.\n\nIt is used widely.\n\nFor the leaky ReLU, $f(-2) = -0.2$.\n"
    assert [c.status for c in check_notes(own).claims] == ["failed"]


def test_a_brace_labelled_e_names_the_error():
    # x = 4, w = 1.5, t = 8, y = xw = 6: y - t = -2, and the label e names it (the error), not Euler's e = 2.718…
    notes = (
        "Let $x = 4$, $w = 1.5$, $t = 8$ and $y = xw$.\n\n"
        "$$\\frac{d}{dw} (xw - t)^2 = 2x (xw - t) = 2x \\underbrace{(y - t)}_{e}$$\n"
    )
    claims = check_notes(notes).claims
    assert "failed" not in [c.status for c in claims]  # ((y - t) = e was failed, with e = 2.718…)
    assert [c.status for c in claims][:2] == ["verified", "verified"]
