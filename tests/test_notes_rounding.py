r"""Rounded values people carry from line to line: when that is right to the printed digits, and when a slip.

Every expected verdict is worked out by hand in the comment beside it.
"""

from __future__ import annotations

from symnn.notes import check_notes


def statuses(notes: str) -> list[str]:
    return [c.status for c in check_notes(notes).claims]


def test_products_rounded_on_the_right_side_are_to_printed_digits():
    # 0.6 × 0.6457 = 0.38742 and 0.4 × 0.4256 = 0.17024: written 0.3874 and 0.1702 (each to 4 places)
    notes = r"$0.6 \times 0.6457 - 0.4 \times 0.4256 + 0.2 = 0.3874 - 0.1702 + 0.2$"
    assert statuses(notes) == ["printed"]
    # 0.3884 is off by 1e-3, ten times the rounding of its four places: a slip
    assert statuses(notes.replace("0.3874", "0.3884")) == ["failed"]


def test_a_result_carried_rounded_may_be_off_by_its_rounding():
    # σ(0.5) = 0.622459… is printed 0.6225; 2(0.6225 - 1) = -0.755 exactly, 2(0.622459 - 1) = -0.75508…
    notes = "$$a_{1} = \\sigma(0.5) \\approx 0.6225$$\n\n$$2(0.6225 - 1) \\approx -0.7551$$\n"
    assert statuses(notes) == ["verified", "printed"]


def test_an_exact_result_carries_no_tolerance():
    # 0.15·0.05 + 0.35 = 0.3575 exactly; σ(0.3575) = 0.588435…, so 0.5885 is a rounding slip
    # (rounded or truncated it is 0.5884)
    notes = "$$n_{1} = 0.15 \\cdot 0.05 + 0.35 = 0.3575$$\n\n$$\\sigma(0.3575) = 0.5885$$\n"
    assert statuses(notes) == ["verified", "failed"]


def test_a_wrong_result_is_reported_once():
    # 0.1 + 0.2 = 0.3, not 0.4; the next line uses the name, which keeps its exact value 0.3
    notes = "$$n_{1} = 0.1 + 0.2 = 0.4$$\n\n$$2 \\cdot n_{1} = 0.6$$\n"
    assert statuses(notes) == ["failed", "verified"]


def test_a_value_stated_far_away_only_hints():
    # z = 0.5 on line 1, then 100 lines later a generic sigma'(z) with other numbers: not a slip of this line
    notes = "$z = 0.5$\n" + "\n" * 100 + r"$\sigma(z)(1 - \sigma(z)) = 0.6028 \times 0.3972$" + "\n"
    (claim,) = check_notes(notes).claims
    assert claim.status == "unchecked" and "from line 1" in claim.reason


def test_a_false_identity_is_not_verified_at_a_point_stated_elsewhere():
    # 2(5 - 2w) = 10 - 2w is false as an identity (10 - 4w), true only at w = 0, the point stated before
    notes = "Let $f(w) = w^2$ at $w = 0$.\n\n$2(5 - 2w) = 10 - 2w$ and $2(5 - 2w) = 10 - 4w$\n"
    wrong, right = check_notes(notes).claims
    assert wrong.status == "unchecked" and right.status == "verified"


def test_a_negative_result_carried_on_is_judged_with_what_it_was_rounded_from():
    # σ(0.9) = 0.710949… printed 0.7109; 0.7109 - 1 = -0.2891 and 2 × (-0.2891) = -0.5782 exactly.
    # -0.5782 × 0.7109… × 0.2891 = -0.11883…: -0.1188, so -0.1189 is a slip (the half units of the carried
    # decimals do not excuse it when the values they were rounded from are known)
    from symnn.notes import check_notes

    notes = (
        "$\\sigma(0.9) \\approx 0.7109$, $0.7109 - 1 \\approx -0.2891$ and $2 \\times (-0.2891) \\approx -0.5782$.\n\n"
        "$-0.5782 \\times 0.7109 \\times 0.2891 \\approx -0.1189$\n"
    )
    assert check_notes(notes).claims[-1].status == "failed"
    assert check_notes(notes.replace("-0.1189", "-0.1188")).claims[-1].status == "verified"


def test_a_link_in_names_is_judged_at_the_exact_values_the_notes_rounded():
    # ŷ = σ(-0.1225) ≈ 0.4694 (σ(-0.1225) = 0.469413…); σ'(z_2) = ŷ(1 - ŷ) is the logistic's identity, true of
    # the quantities: with ŷ at 0.4694 the sides differ in the sixth digit (0.2490636 against 0.2490641)
    notes = (
        "Let $z_2 = -0.1225$.\n\n$$\\hat{y} = \\sigma(-0.1225) \\approx 0.4694$$\n\n"
        "$$\\sigma'(z_2) = \\hat{y}(1 - \\hat{y}) = 0.4694 \\times 0.5306$$\n"
    )
    claims = check_notes(notes).claims
    assert [c.status for c in claims] == ["verified", "verified", "verified"]
    assert "at the exact value of \\hat{y} (rounded on line 3)" in claims[1].reason
    # a wrong identity stays wrong at the exact values too
    slipped = check_notes(notes.replace("(1 - \\hat{y}) =", "(1 + \\hat{y}) =")).claims
    assert slipped[1].status == "failed"


def test_a_result_written_of_names_may_come_from_the_exact_values_they_were_rounded_from():
    # a = σ(1.1) = 0.750260… printed 0.7503. From the exact a: a(1 - a) = 0.187369…, which is 0.1874; from the
    # printed 0.7503: 0.18734991, which is 0.1873. The author carried the exact a, and 0.1874 is right.
    notes = (
        "Let $z = 1.1$.\n\n$a = \\sigma(z) = \\sigma(1.1) \\approx 0.7503$\n\n"
        "$\\frac{\\partial a}{\\partial z} = a(1-a) \\approx 0.1874$\n"
    )
    last = check_notes(notes).claims[-1]
    assert last.status == "verified" and "at the exact value of a (rounded on line 3)" in last.reason
    # 0.1884 is neither: a wrong digit
    assert check_notes(notes.replace("0.1874", "0.1884")).claims[-1].status == "failed"


def test_the_error_named_e_is_differentiated_as_a_name():
    # e = ŷ - y, then L = e^2: ∂L/∂e = 2e (e is the error, not Euler's number)
    notes = (
        "$y = 1$ and $\\hat{y} = 0.6225$.\n\n$e = \\hat{y} - y = 0.6225 - 1 \\approx -0.3775$\n\n"
        "$L = e^2 = (-0.3775)^2 \\approx 0.1425$\n\n$\\dfrac{\\partial L}{\\partial e} = 2e$ and "
        "$\\dfrac{\\partial L}{\\partial e} = e$\n"
    )
    *_, right, wrong = check_notes(notes).claims
    assert (right.status, wrong.status) == ("verified", "failed")


def test_a_decimal_the_notes_never_traced_may_carry_more_digits():
    # -0.1774 is printed nowhere before and stated for no name: the author may have carried -0.17745…, and
    # -0.17745 × 2 = -0.3549, -0.17735 × 2 = -0.3547; so -0.3549 is left unchecked, not failed
    notes = "Then the other gradient is $g = -0.1774 \\times 2 \\approx -0.3549$.\n"
    (claim,) = check_notes(notes).claims
    assert claim.status == "unchecked" and "carried more digits than printed" in claim.reason
    # -0.3539 is ten units off: no rounding of -0.1774 gives it, a wrong digit
    assert statuses(notes.replace("-0.3549", "-0.3539")) == ["failed"]


def test_a_decimal_printed_as_an_exact_result_is_traced():
    # 0.15·0.05 + 0.35 = 0.3575 exactly, so 0.3575 × 0.4 = 0.143 and 0.1431 is a slip (no carried digits)
    notes = "$$0.15 \\cdot 0.05 + 0.35 = 0.3575$$\n\n$$0.3575 \\times 0.4 = 0.1431$$\n"
    assert statuses(notes) == ["verified", "failed"]
    # without the line that computed it, 0.3575 could be 0.35755 rounded: 0.35755 × 0.4 = 0.14302 → 0.1430,
    # still not 0.1431 (the corners reach 0.14302 + 0.00005): a slip either way
    assert statuses("$$0.3575 \\times 0.4 = 0.1431$$\n") == ["failed"]


def test_a_decimal_both_exact_and_rounded_before_excuses_nothing():
    # 0.54 + 0.14 = 0.68 exactly, and σ(0.755) = 0.680267… is printed 0.68 too. σ(0.68) = 0.663738…: 0.6637.
    # 0.6638 would hold only with the 0.68 rounded from σ(0.755) (σ(0.680267) = 0.663798…); which 0.68 the line
    # means is not written, so it is not excused as rounding: unchecked, with both named
    notes = (
        "$0.54 + 0.14 = 0.68$\n\n$1 / (1 + e^{-0.755}) = 0.68$\n\n$1 / (1 + e^{-0.68}) = 0.6637$\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified", "printed", "printed"]
    last = check_notes(notes.replace("0.6637", "0.6638")).claims[-1]
    assert last.status == "unchecked" and "both an exact result and a rounded one" in last.reason


def test_a_greek_letter_typed_with_digits_is_one_name():
    # δ1 = 0.5 names δ_1; 2δ1 = 1
    notes = "$δ1 = 0.5$\n\n$2 * δ1 = 1$\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified"]
    assert [c.status for c in check_notes(notes.replace("= 1$", "= 2$")).claims] == ["failed"]


def test_scientific_notation_is_printed_to_its_digits():
    # 0.041 × 6 × 10^{-5} = 2.46 × 10^{-6}: 2 × 10^{-6} and 2.5 × 10^{-6} to their digits, 3 × 10^{-6} a slip
    def status(result: str) -> str:
        return check_notes(rf"$0.041 \times 6 \times 10^{{-5}} = {result}$").claims[0].status

    assert status(r"2.46 \times 10^{-6}") == "verified"
    assert status(r"2 \times 10^{-6}") == "printed"
    assert status(r"2.5 \times 10^{-6}") == "printed"
    assert status(r"3 \times 10^{-6}") == "failed"
    assert status(r"-2 \times 10^{-6}") == "failed"
