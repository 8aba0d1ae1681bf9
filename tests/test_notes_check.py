r"""Checking notes: planted slips are caught at their lines, correct notes are never flagged.

The expected lines come from markers written into the fixtures by hand (``slip``, ``ok``,
``unchecked`` comments), not from the checker.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from symnn.notes import check_file, check_notes

NOTES = Path(__file__).parent / "notes"
#: A verbatim copy of shared/seeds/course_notes.md, so the tests need nothing outside the repository.
COURSE_NOTES = NOTES / "course_notes.md"


def marked_lines(path: Path, marker: str) -> set[int]:
    """Lines whose comment (``<!-- marker ...`` or ``% marker ...``) names ``marker``."""
    pattern = re.compile(rf"(<!--|%)\s*{marker}\b")
    return {n for n, line in enumerate(path.read_text().splitlines(), 1) if pattern.search(line)}


@pytest.mark.parametrize("name", ["slips.md", "slips.tex"])
def test_every_slip_is_caught_at_its_line_and_nothing_else(name):
    path = NOTES / name
    report = check_file(path)
    failed = sorted(c.line for c in report.claims if c.status == "failed")
    slips = marked_lines(path, "slip")
    assert len(slips) >= 3
    assert failed == sorted(slips), [(c.line, c.text, c.reason) for c in report.claims if c.status == "failed"]


def test_slip_kinds_in_markdown():
    report = check_file(NOTES / "slips.md")
    failures = {c.text: c for c in report.claims if c.status == "failed"}
    partial = failures[r"\frac{\partial f}{\partial y} = 3x + y"]
    assert (partial.claimed, partial.exact) == ("3*x + y", "3*x + 2*y")
    component = failures[r"\nabla f(1,1) = (5, 4)"]
    assert component.reason == "entry 2: claimed 4, exact value 5"
    assert failures["0.02 + 0.04 = 0.07"].exact == "3/50"
    assert "does not agree with 8.247" in failures[r"\sqrt{68} \approx 8.247"].reason
    assert "truncation" in failures[r"\sqrt{2} \approx 1.4143\ldots"].reason
    # the correct neighbours of each slip are verified, not merely left alone
    verified = {c.text for c in report.claims if c.status == "verified"}
    assert r"\sqrt{68} \approx 8.246" in verified
    assert r"\sqrt2 \approx 1.4142\ldots" in verified
    assert r"\frac{\partial f}{\partial x} = 2x + 3y" in verified
    assert r"5\sqrt2 \approx 7.0711" in verified


def test_correct_notes_are_verified_line_by_line():
    path = NOTES / "correct.md"
    report = check_file(path)
    assert report.count("failed") == 0
    by_line: dict[int, list[str]] = {}
    for claim in report.claims:
        by_line.setdefault(claim.line, []).append(claim.status)
    for line in marked_lines(path, "ok"):
        assert by_line.get(line), f"line {line}: no claim found"
        assert set(by_line[line]) == {"verified"}, (line, by_line[line])
    for line in marked_lines(path, "unchecked"):
        assert by_line.get(line) == ["unchecked"], line


def test_course_notes_target():
    report = check_file(COURSE_NOTES)
    assert report.count("failed") == 0, [c for c in report.claims if c.status == "failed"]
    assert report.count("verified") >= 40
    for claim in report.claims:
        if claim.status == "unchecked":
            assert claim.reason, claim


# Claims of the course notes, by line, that must be verified (read off the notes by hand).
COURSE_VERIFIED = [
    (155, r"\nabla f(x,y) = (2x, 8y)"),
    (158, r"\nabla f(1,1) = (2,8)"),
    (164, r"\sqrt{4 + 64} = \sqrt{68}"),
    (167, r"\sqrt{68} \approx 8.246211\ldots"),
    (172, r"2\cdot 0.01 + 8\cdot 0.005 = 0.02 + 0.04"),
    (178, r"1.0201 + 4.0401 = 5.0602"),
    (208, r"(0+0.6,\; 0-0.4) = (0.6,\,-0.4)"),
    (218, r"5.76 + 0.72 = 6.48"),
    (232, r"(0.6,-0.4) - 0.1(-4.8,2.4) = (1.08,\,-0.64)"),
    (235, r"f(1.08,-0.64) = 3.9456"),
    (292, r"\frac{\partial f_1}{\partial x} = 2x"),
    (304, r"J(\mathbf{x}) = \begin{bmatrix} 2x & 1 \\ 2 & 3 \end{bmatrix}"),
    (343, r"9.0601 - 9.06 = 0.0001"),
    (374, r"12 + 2 = 14"),
    (404, r"2.01^2 = 4.0401"),
    (461, r"\frac{\partial f}{\partial x}\Big|_{(1,1)} = 2\cdot1 + 3\cdot1"),
    (468, r"\nabla f(1,1) = \begin{bmatrix}5\\5\end{bmatrix}"),
    (476, r"\tfrac{10}{\sqrt2} = 5\sqrt2"),
    (476, r"5\times1.41421356 = 7.0710678"),
]


@pytest.mark.parametrize(("line", "text"), COURSE_VERIFIED)
def test_course_notes_claims(line, text):
    report = check_file(COURSE_NOTES)
    matches = [c for c in report.claims if c.line == line and c.text == text]
    assert matches, [(c.line, c.text) for c in report.claims if c.line == line]
    assert matches[0].status == "verified"


def test_course_notes_generic_formulas_are_unchecked_with_reasons():
    report = check_file(COURSE_NOTES)
    unchecked = {c.line: c.reason for c in report.claims if c.status == "unchecked"}
    assert "ellipsis" in unchecked[255]  # the generic Jacobian with \cdots
    assert 82 not in unchecked  # ∂L/∂w = ∂L/∂ŷ · ∂ŷ/∂w, L undefined: the chain rule as written (test below)
    assert "prose" in unchecked[181]  # "Actual change $=0.0602$"


def test_course_notes_chain_rule_for_an_undefined_loss_is_the_chain_rule_as_written():
    # L is never defined; ∂L/∂ŷ · ∂ŷ/∂w telescopes from L to w through ŷ alone, and w is a weight
    chain = [c for c in check_file(COURSE_NOTES).claims if c.line == 82]
    assert [c.status for c in chain] == ["verified"] and "the chain rule as written" in chain[0].reason


def test_definitions_are_tracked_and_redefined():
    notes = (
        "Let $f(x) = x^2$. Then $f(3) = 9$.\n\n"
        "Now let $f(x) = x^3$. Then $f(2) = 8$ and $f(2) = 4$.\n"  # the second uses the new f: a slip
    )
    report = check_notes(notes)
    assert [(c.line, c.text, c.status) for c in report.claims] == [
        (1, "f(3) = 9", "verified"),
        (3, "f(2) = 8", "verified"),
        (3, "f(2) = 4", "failed"),
    ]


def test_bindings_and_prose_let():
    notes = r"Let $\eta = 0.1$ and $w = 0.5$. Then $w - \eta \cdot 2 = 0.3$ and $w - \eta = 0.5$."
    report = check_notes(notes)
    assert [c.status for c in report.claims] == ["verified", "failed"]


def test_a_point_only_implied_by_the_prose_never_fails():
    notes = "Let $f(x,y) = x^2 + y^2$. At the point $(1,2)$: $\\|\\nabla f\\| = \\sqrt{21}$."
    (claim,) = check_notes(notes).claims
    assert claim.status == "unchecked"
    assert "only implied" in claim.reason and "2*sqrt(5)" in claim.exact


def test_equations_in_unknowns_are_not_failures():
    notes = "Let $p(x) = x^2$. The tangent: $y - y_1 = m(x - x_1)$ and $y = 2x - 1$ and $2x + 1 = 5$."
    report = check_notes(notes)
    assert report.count("failed") == 0


def test_huge_formulas_are_unchecked_not_hangs():
    notes = "$9^{9^{9}} = 1$ and $(x+y+z)^{5000} = 0$ and $10^{10^{10}} + 1 = 2$ and $100000! = 3$."
    report = check_notes(notes)
    assert [c.status for c in report.claims] == ["unchecked"] * 4
    assert all("larger than" in c.reason or "too large" in c.reason or "factorial" in c.reason for c in report.claims)


def test_assorted_notation_is_never_flagged():
    report = check_file(NOTES / "zoo.md")
    assert report.count("failed") == 0, [c for c in report.claims if c.status == "failed"]
    verified = {c.text for c in report.claims if c.status == "verified"}
    for text in [
        r"\sigma'(x) = \sigma(x)(1-\sigma(x))",
        r"\sigma(1) \approx 0.7311",
        r"\frac{d}{dx}(x^2 + 3x) = 2x + 3",
        r"\frac{\partial L}{\partial \hat{y}} = \hat{y} - y",
        r"\begin{bmatrix}1&2\\3&4\end{bmatrix}\begin{bmatrix}1\\1\end{bmatrix} = \begin{bmatrix}3\\7\end{bmatrix}",
        r"0.1 + 0.2 = 0.3",
        r"2/3 \approx 0.666\ldots",
        r"\mathbf{w}^\top \mathbf{x} = 0.7",
        r"\frac{\partial}{\partial x}(x^2 y) = 2xy",
    ]:
        assert text in verified, text
    unchecked = {c.text: c.reason for c in report.claims if c.status == "unchecked"}
    assert "ambiguous" in unchecked[r"\frac{d}{dx} x^3 + 1 = 3x^2 + 1"]
    # "A \Rightarrow B" is two statements: the equation 2x = 4 is not failed at the earlier x = 3
    assert "point is only implied" in unchecked["2x = 4"]


def test_a_bound_variable_makes_a_call_a_claim_not_a_redefinition():
    notes = "$x = 3$ and $x^2 = 9$. Let $f(x) = 2x$. Then $f(1) = 2$.\n$w = 2$. Then $f(w) = 4$ and $f(w) = 5$.\n"
    report = check_notes(notes)
    assert [(c.line, c.text, c.status) for c in report.claims] == [
        (1, "x^2 = 9", "verified"),
        (1, "f(1) = 2", "verified"),
        (2, "f(w) = 4", "verified"),
        (2, "f(w) = 5", "failed"),
    ]


def test_aligned_blocks_continue_their_chains():
    notes = "Let $f(x) = x^2 + 1$.\n$$\n\\begin{aligned}\nf(2) &= 4 + 1 \\\\\n     &= 6\n\\end{aligned}\n$$\n"
    report = check_notes(notes)
    assert [(c.line, c.text, c.status) for c in report.claims] == [
        (4, "f(2) = 4 + 1", "verified"),
        (5, "4 + 1 = 6", "failed"),
    ]


def test_products_of_large_expansions_are_unchecked():
    (claim,) = check_notes("$(x+y)^{60}(x+z)^{60}(y+z)^{60} = 1$").claims
    assert claim.status == "unchecked" and "too large to expand" in claim.reason


@pytest.mark.parametrize(
    ("notes", "reason"),
    [
        (r"$\eta = 1e-3$", "scientific notation"),  # not 1*e - 3
        (r"$x = 0,5$", "decimal comma"),  # not two statements x = 0 and 5
        (r"$3!! = 3$", "double factorial"),  # not (3!)! = 720
        (r"$a != b$", "!="),
        (r"$\langle 1, 2\rangle = 3$", "inner product"),
    ],
)
def test_lookalikes_are_refused_not_misread(notes, reason):
    (claim,) = check_notes(notes).claims
    assert claim.status == "unchecked" and reason in claim.reason


def test_approx_without_printed_digits_is_verified_only_when_exactly_equal() -> None:
    report = check_notes(r"Then $\frac{1}{2} \approx \frac{2}{4}$ and $\frac{1}{3} \approx \frac{33}{100}$.")
    first, second = report.claims
    assert (first.status, first.reason) == ("verified", "exactly equal (written ≈)")
    assert second.status == "unchecked"
    assert "no printed digits" in second.reason


def test_a_function_written_at_its_variables_just_given_values_is_a_claim():
    # f(x, y) = xy; "if x = 4, y = -3 then f(x,y) = -12" states f's value there (not a new, constant f):
    # so ∂f/∂x = y = -3 still holds, and at x = 2, y = 5 the value 11 is a slip (f(2, 5) = 10)
    notes = (
        "Let $f(x,y) = x y$. If $x = 4, y = -3$ then $f(x,y) = -12$ and $\\frac{\\partial f}{\\partial x} = -3$.\n\n"
        "If $x = 2, y = 5$ then $f(x,y) = 11$.\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified", "verified", "failed"]


def test_a_variable_written_as_the_models_output_of_its_inputs_and_weights():
    # e(y_T, y(x; w)) = -y_T ln y(x; w) - (1 - y_T) ln(1 - y(x; w)): e of y_T and y; e(1, 0.8) = -ln 0.8 = 0.2231…
    notes = (
        "$$e(y_T, y(\\vec x;\\vec w)) = - y_T \\ln y(\\vec x;\\vec w) - (1-y_T) \\ln (1-y(\\vec x;\\vec w))$$\n\n"
        "$$e(1, 0.8) = - \\ln 0.8 \\approx 0.223$$\n\n$$e(0, 0.8) \\approx 0.223$$\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified", "verified", "failed"]


def test_the_gradient_of_a_squared_norm_in_matrix_form():
    # L = ‖Xw - y‖²: ∇_w L = 2 X^T (Xw - y); without the 2 it is a slip
    notes = "$$L = \\|Xw - y\\|^2$$\n\n$$\\nabla_w L = 2X^T(Xw - y)$$\n\n$$\\nabla_w L = X^T(Xw - y)$$\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified", "failed"]


def test_a_cost_of_vectors_defined_as_a_function_of_its_parameters():
    # J(θ) = (1/2m)(Xθ - y)^T(Xθ - y): ∇_θ J(θ) = (1/m) X^T (Xθ - y); with 2/m it is a slip
    notes = (
        "$$J(\\theta) = \\frac{1}{2m}(X\\theta - y)^T(X\\theta - y)$$\n\n"
        "$$\\nabla_\\theta J(\\theta) = \\frac{1}{m} X^T (X\\theta - y)$$\n\n"
        "$$\\frac{\\partial J}{\\partial \\theta} = \\frac{2}{m} X^T (X\\theta - y)$$\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified", "failed"]


def test_the_backpropagation_equations_at_the_last_layer_from_definitions_for_every_layer():
    # z^(l) = W^(l) a^(l-1) + b^(l), a^(l) = σ(z^(l)), C = ½‖a^(L) - y‖², δ^(L) = (a^(L) - y) ⊙ σ'(z^(L)):
    # at layer L, ∂C/∂W^(L) = δ^(L) (a^(L-1))^T and ∂C/∂b^(L) = δ^(L); δ^(L) ⊙ a^(L) for ∂C/∂b^(L) is a slip
    notes = (
        "The network computes $z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$ and $a^{(l)} = \\sigma(z^{(l)})$, with "
        "$C = \\frac{1}{2}\\|a^{(L)} - y\\|^2$.\n\n$$\\delta^{(L)} = (a^{(L)} - y) \\odot \\sigma'(z^{(L)})$$\n\n"
        "$$\\frac{\\partial C}{\\partial W^{(L)}} = \\delta^{(L)} (a^{(L-1)})^T$$\n\n"
        "$$\\frac{\\partial C}{\\partial b^{(L)}} = \\delta^{(L)}$$\n\n"
        "$$\\frac{\\partial C}{\\partial b^{(L)}} = \\delta^{(L)} \\odot a^{(L)}$$\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified", "verified", "failed"]
