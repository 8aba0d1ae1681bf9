r"""`symnn check` on activations that notes use without defining them: ReLU's slope and softmax.

Notes of our own; every expected verdict was worked out by hand:

- ReLU'(z) is 1 for z > 0 and 0 for z < 0; at 0 it depends on the notes' convention (0, ½ or 1): unchecked;
- softmax(2, 1, 0.1): e² = 7.389056, e = 2.718282, e^{0.1} = 1.105171, their sum 11.212509, so the entries are
  0.659001, 0.242433 and 0.098566 (0.659, 0.242, 0.099; 0.252 is a slip);
- softmax of the column (1, 2): 1/(1 + e) = 0.268941 and e/(1 + e) = 0.731059.
"""

from __future__ import annotations

import pytest

from symnn.notes import check_notes


def _statuses(notes: str) -> list[str]:
    return [c.status for c in check_notes(notes).claims]


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        (r"$ReLU'(2) = 1$", "verified"),
        (r"$relu'(-3) = 0$", "verified"),
        (r"$\mathrm{ReLU}'(1.1) = 1$", "verified"),
        (r"$\mathrm{ReLU}'(-1) = 1$", "failed"),
        (r"$\text{ReLU}'(3) = 0$", "failed"),
        (r"$\mathrm{ReLU}'(0) = 0$", "unchecked"),
    ],
)
def test_the_slope_of_relu(claim: str, status: str):
    assert _statuses(claim) == [status]


def test_softmax_of_a_list_of_numbers():
    assert _statuses(r"$\mathrm{softmax}(2, 1, 0.1) \approx (0.659, 0.242, 0.099)$") == ["verified"]
    assert _statuses(r"$\mathrm{softmax}(2, 1, 0.1) \approx (0.659, 0.252, 0.099)$") == ["failed"]


def test_softmax_of_a_column():
    column = r"\left(\begin{bmatrix} 1 \\ 2 \end{bmatrix}\right)"
    notes = rf"$\text{{softmax}}{column} \approx \begin{{bmatrix}} 0.269 \\ 0.731 \end{{bmatrix}}$"
    assert _statuses(notes) == ["verified"]
    assert _statuses(notes.replace("0.731", "0.732")) == ["failed"]


def test_a_softmax_the_notes_define_is_theirs():
    notes = "Let $\\mathrm{softmax}(x) = 2x$.\n\n$\\mathrm{softmax}(3) = 6$\n"
    assert _statuses(notes) == ["verified"]


@pytest.mark.parametrize("claim", [r"$\text{Log}(e^2) = 2$", r"$\mathrm{Log}\, e = 1$", r"$\text{Exp}(0) = 1$"])
def test_capitalised_upright_functions(claim: str):
    # ln e² = 2, ln e = 1, e⁰ = 1 (Log capitalised, as some notes set it, is the natural logarithm here)
    assert _statuses(claim) == ["verified"]
    assert _statuses(claim.replace("= ", "= 1 + ")) == ["failed"]


def test_a_fraction_written_without_its_backslash():
    # 1.0543/3.2372 = 0.325683, so 0.3252 is wrong to its four places (a slip of the notes), 0.3257 right
    assert _statuses(r"1. $frac{1.0543}{3.2372} \approx 0.3252$") == ["failed"]
    assert _statuses(r"1. $frac{1.0543}{3.2372} \approx 0.3257$") == ["verified"]
    assert _statuses(r"$sqrt{4} = 2$") == ["verified"]


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        # d/dx 1/(1 + e^{-x}) = e^{-x}/(1 + e^{-x})^2; (x^2 + 3x)' = 2x + 3; (x^3)' = 3x^2, so 2x^2 is a slip
        (r"$(\frac{1}{1+e^{-x}})' = \frac{e^{-x}}{(1+e^{-x})^2}$", "verified"),
        (r"$(x^2 + 3x)' = 2x + 3$", "verified"),
        (r"$(x^3)' = 2x^2$", "failed"),
        (r"$(x y)' = y$", "unchecked"),  # two variables: by which one?
    ],
)
def test_a_prime_on_a_bracket(claim: str, status: str):
    assert _statuses(claim) == [status]


def test_a_function_times_a_bracket_that_holds_it():
    # σ' = σ(1 - σ) of the logistic σ: σ'(z) = e^{-z}/(1 + e^{-z})^2 = σ(z)(1 - σ(z)); σ(1 + σ) is a slip
    notes = r"Let $\sigma(z) = \frac{1}{1+e^{-z}}$. Then $\sigma' = \sigma(1-\sigma)$."
    assert _statuses(notes) == ["verified", "verified"]
    assert _statuses(notes.replace("(1-\\sigma)", "(1+\\sigma)")) == ["verified", "failed"]
    called = r"Let $\sigma(z) = \frac{1}{1+e^{-z}}$. Then $\sigma(1 - z) = \frac{1}{1+e^{z-1}}$."
    assert _statuses(called) == ["verified", "verified"]  # (σ at 1 - z: no bare σ in the bracket)


def test_braces_after_the_d_of_a_derivative():
    # J(y) = -ln y: dJ/dy = -1/y, however the braces are written (d{y} was read as the product d·y)
    for written in (r"\frac{\mathrm{d}J}{\mathrm{d}{y}}", r"\frac{d{J}}{d{y}}", r"\frac{d J}{d {y}}"):
        notes = rf"Let $J(y) = -\ln(y)$. Then ${written} = -1/y$."
        assert _statuses(notes) == ["verified"], written
        assert _statuses(notes.replace("-1/y", "-2/y")) == ["failed"], written


def test_the_quotient_rule_written_out_with_times():
    # d/dz (sinh z / cosh z) = (cosh z · cosh z - sinh z · sinh z) / cosh² z: the operator takes the function
    # before the ×, as the quotient rule is written; (d/dz sinh z) × cosh z = cosh² z
    quotient = (
        r"$$\frac{\partial}{\partial z} \frac{\sinh(z)}{\cosh(z)} = \frac{\frac{\partial}{\partial z} \sinh(z)"
        r" \times \cosh(z) - \frac{\partial}{\partial z} \cosh(z) \times \sinh(z)}{\cosh^2(z)}$$"
    )
    assert _statuses(quotient) == ["verified"]
    assert _statuses(quotient.replace(r"\cosh(z) \times \sinh(z)", r"\cosh(z) \times \cosh(z)")) == ["failed"]
    assert _statuses(r"$\frac{\partial}{\partial z} \sinh(z) \times \cosh(z) = \cosh^2(z)$") == ["verified"]


def test_a_remark_in_parentheses_beside_a_step():
    # \text{(by chain rule)} is prose: d/dz 1/(1 + e^{-z}) = e^{-z}/(1 + e^{-z})^2 is judged without it
    notes = r"$$\frac{d}{dz} \left(\frac{1}{1 + e^{-z}}\right) = \frac{e^{-z}}{(1 + e^{-z})^2} \text{(by chain rule)}$$"
    assert _statuses(notes) == ["verified"]
    assert _statuses(notes.replace("{e^{-z}}{(1", "{e^{z}}{(1")) == ["failed"]


def test_limits_are_taken_exactly():
    # f(x) = x² + 2x + 2: (f(x + h) - f(x))/h = 2x + 2 + h → 2x + 2; sin(x)/x → 1; 1/x has no limit at 0
    notes = r"""Let $f(x) = x^2 + 2x + 2$.

By definition $f'(x) = \lim_{\Delta x \to 0} \frac{f(x + \Delta x) - f(x)}{\Delta x} = 2x + 2$.
"""
    assert _statuses(notes) == ["verified", "verified"]
    assert _statuses(notes.replace("= 2x + 2$", "= 2x + 1$")) == ["verified", "failed"]
    assert _statuses(r"$\lim_{x \to 0} \frac{\sin(x)}{x} = 1$") == ["verified"]
    assert _statuses(r"$\lim_{x \to 0} \frac{\sin(x)}{x} = 0$") == ["failed"]
    assert _statuses(r"$\lim_{x \to 0} \frac{1}{x} = 5$") == ["unchecked"]


def test_a_limit_is_two_sided():
    # |x - 1|/(x - 1) is -1 left of 1 and +1 right of it: no limit at 1 (SymPy's limit is one-sided by default);
    # sin(1/x) oscillates at 0: no limit either
    assert _statuses(r"$\lim_{x \to 1} \frac{|x - 1|}{x - 1} = 1$") == ["unchecked"]
    assert _statuses(r"$\lim_{x \to 0} \sin(1/x) = 0$") == ["unchecked"]
    assert _statuses(r"$\lim_{x \to 2} \frac{|x - 1|}{x - 1} = 1$") == ["verified"]
