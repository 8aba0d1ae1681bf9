"""Every derivation in derivations/ loads, and every claim in it is verified exactly.

The expected numbers here are the ones printed in the sources (course_notes.md,
sigmoid_article.md, higham2019.md), typed in by hand, never computed by symnn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from symnn.report.pipeline import check_derivation, discover, load_derivation

ROOT = Path(__file__).resolve().parent.parent
DERIVATIONS = ROOT / "derivations"
PATHS = discover(DERIVATIONS)
R = sp.Rational


@pytest.fixture(scope="module")
def checked():
    """Every derivation, checked once: name -> CheckedDerivation."""
    return {path.stem: check_derivation(load_derivation(path)[1]) for path in PATHS}


def test_there_is_one_module_per_source_section() -> None:
    names = {path.stem for path in PATHS}
    assert len(names) >= 12
    assert {"notes_example_a", "notes_example_b", "notes_jacobian", "higham_lemma1"} <= names


@pytest.mark.parametrize("path", PATHS, ids=[path.stem for path in PATHS])
def test_every_claim_of_the_derivation_is_verified(path: Path, checked) -> None:
    result = checked[path.stem]
    assert result.results, f"{path.stem} checks no claim"
    wrong = [(r.claim.where, r.claim.statement, r.status, r.reason) for r in result.results if not r.ok]
    assert wrong == []


@pytest.mark.parametrize("path", PATHS, ids=[path.stem for path in PATHS])
def test_every_claim_names_its_place_in_a_source(path: Path, checked) -> None:
    derivation = checked[path.stem].derivation
    assert derivation.title and derivation.source and derivation.statement
    for claim in derivation.claims:
        assert ".md" in claim.where or "Higham" in claim.where, claim.where


def test_at_least_forty_claims_in_all(checked) -> None:
    assert sum(len(c.results) for c in checked.values()) >= 40


def _claimed(checked, name: str) -> list[object]:
    return [r.claim.claimed for r in checked[name].results if r.ok]


def _has(values: list[object], expected: object) -> bool:
    for value in values:
        if isinstance(expected, sp.MatrixBase):
            if isinstance(value, sp.MatrixBase) and value.shape == expected.shape and value == expected:
                return True
        elif not isinstance(value, sp.MatrixBase) and value == expected:
            return True
    return False


BOOK_NUMBERS = [
    # 1-D example: f(x) = x^2 at 3
    ("notes_linear_prediction", 6),
    ("notes_linear_prediction", R("9.06")),
    ("notes_linear_prediction", R("9.0601")),
    ("notes_linear_prediction", R("0.0001")),
    # p(x) = x^3 + 2x
    ("notes_polynomial", 14),
    ("notes_polynomial", 12),
    ("notes_polynomial", R("12.14")),
    ("notes_polynomial", R("4.0401")),
    ("notes_polynomial", R("8.120601")),
    ("notes_polynomial", R("12.140601")),
    ("notes_polynomial", R("0.000601")),
    # Example A
    ("notes_example_a", sp.Matrix([2, 8])),
    ("notes_example_a", sp.sqrt(68)),
    ("notes_example_a", "8.246211..."),
    ("notes_example_a", R("0.06")),
    ("notes_example_a", R("1.0201")),
    ("notes_example_a", R("1.010025")),
    ("notes_example_a", R("5.0602")),
    ("notes_example_a", R("0.0602")),
    # Example B
    ("notes_example_b", sp.Matrix([-6, 4])),
    ("notes_example_b", sp.Matrix([R("0.6"), R("-0.4")])),
    ("notes_example_b", 11),
    ("notes_example_b", R("6.48")),
    ("notes_example_b", sp.Matrix([R("-4.8"), R("2.4")])),
    ("notes_example_b", sp.Matrix([R("1.08"), R("-0.64")])),
    ("notes_example_b", R("3.9456")),
    # Jacobian
    ("notes_jacobian", sp.Matrix([[2 * sp.Symbol("x"), 1], [2, 3]])),
    # x^2 + 3xy + y^2
    ("notes_gradient_multivariable", sp.Matrix([5, 5])),
    ("notes_gradient_multivariable", 10 / sp.sqrt(2)),
    ("notes_gradient_multivariable", 5 * sp.sqrt(2)),
    ("notes_gradient_multivariable", "7.0710678"),
    # the sigmoid and the network
    ("sigmoid_function", R(1, 2)),
    ("sigmoid_function", 1),
    ("sigmoid_function", 0),
    ("sigmoid_network", 23),
]


@pytest.mark.parametrize(("name", "printed"), BOOK_NUMBERS, ids=[f"{n}-{p}" for n, p in BOOK_NUMBERS])
def test_the_book_numbers_are_claimed_and_verified(checked, name: str, printed: object) -> None:
    assert _has(_claimed(checked, name), printed), f"{name} does not verify the printed value {printed}"


def test_example_a_and_b_values_are_exact_rationals(checked) -> None:
    exact = [r.claim.exact for r in checked["notes_example_b"].results if r.claim.kind == "equal"]
    assert R("3.9456") in exact and R("6.48") in exact
    assert all(not v.has(sp.Float) for v in exact if isinstance(v, sp.Basic))


def test_order_and_orthogonality_claims_are_there(checked) -> None:
    kinds = {(name, r.claim.kind) for name, c in checked.items() for r in c.results}
    assert ("notes_linear_prediction", "order") in kinds
    assert ("notes_polynomial", "order") in kinds
    wheres = [r.claim.where for r in checked["notes_gradient_multivariable"].results]
    assert any("perpendicular to level sets" in w for w in wheres)
    assert any("steepest increase" in w for w in wheres)


def test_lemma_one_is_proved_in_delta_form_and_matrix_form(checked) -> None:
    statements = [r.claim.statement for r in checked["higham_lemma1"].results]
    for layer in (2, 3, 4):
        assert rf"\delta^{{[{layer}]}} = \partial C / \partial z^{{[{layer}]}}" in statements
        assert any(s.startswith(rf"\delta^{{[{layer}]}} = D^{{[{layer}]}}") for s in statements)
        assert rf"\partial C / \partial b^{{[{layer}]}} = \delta^{{[{layer}]}}" in statements
    assert all(r.ok for r in checked["higham_lemma1"].results)


def test_sigmoid_claims_cover_derivative_cost_and_scaling(checked) -> None:
    statements = " ".join(r.claim.statement for name in checked for r in checked[name].results)
    assert r"\sigma'(x) = \sigma(x)\bigl(1 - \sigma(x)\bigr)" in statements
    assert r"\sigma\bigl(a(x - b)\bigr)" in statements
    assert "20\\,\\mathrm{Cost}" in statements
