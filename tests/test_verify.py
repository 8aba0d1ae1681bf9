"""Claims: exact equality, printed precision, truncation, order of error, relations."""

from __future__ import annotations

import pytest
import sympy as sp

from symnn import SymnnError, approx, check_claim, equal, holds, order

x, y, h = sp.symbols("x y h")


def status(claim) -> str:  # type: ignore[no-untyped-def]
    return check_claim(claim).status


def test_equal_numbers_vectors_and_matrices() -> None:
    assert status(equal("B", "f = 6.48", "6.48", sp.Rational(162, 25))) == "verified"
    failed = check_claim(equal("B", "f = 6.5", "6.5", sp.Rational(162, 25)))
    assert failed.status == "failed"
    assert "claimed 13/2, exact value 162/25" in failed.reason
    assert status(equal("A", "grad", [2, 8], sp.Matrix([2, 8]))) == "verified"
    wrong = check_claim(equal("A", "grad", [2, 9], sp.Matrix([2, 8])))
    assert wrong.status == "failed" and "entry 2" in wrong.reason
    shape = check_claim(equal("J", "J", sp.Matrix([[1, 2]]), sp.Matrix([1, 2])))
    assert shape.status == "failed" and "shape" in shape.reason


def test_equal_expressions() -> None:
    f = x**2 + 3 * x * y + y**2
    assert status(equal("g", "df/dx", 2 * x + 3 * y, sp.diff(f, x))) == "verified"
    assert status(equal("g", "df/dx", 2 * x + 2 * y, sp.diff(f, x))) == "failed"


def test_floats_never_enter_a_claim() -> None:
    with pytest.raises(SymnnError, match="not exact"):
        equal("x", "x", 6.48, sp.Rational(162, 25))


@pytest.mark.parametrize(
    ("printed", "value", "expected"),
    [
        ("8.246211", sp.sqrt(68), "verified"),  # 8.2462112512...
        ("8.246212", sp.sqrt(68), "failed"),
        (r"8.246211\ldots", sp.sqrt(68), "verified"),  # truncated
        ("8.246\u2026", sp.sqrt(68), "verified"),
        ("8.247...", sp.sqrt(68), "failed"),  # truncation never rounds up
        (r"8.245\ldots", sp.sqrt(68), "failed"),  # too low by more than a unit: not a truncation
        (r"1.413\ldots", sp.sqrt(2), "failed"),
        (r"1.414\ldots", sp.sqrt(2), "verified"),
        ("7.0710678", 5 * sp.sqrt(2), "verified"),
        ("7.071", 5 * sp.sqrt(2), "verified"),
        ("7.0711", 5 * sp.sqrt(2), "verified"),
        ("7.07107", 5 * sp.sqrt(2), "verified"),
        ("0.33", sp.Rational(1, 3), "verified"),
        ("0.34", sp.Rational(1, 3), "failed"),
        ("0.125", sp.Rational(1, 8), "verified"),
        ("0.13", sp.Rational(1, 8), "verified"),  # exactly half a unit away: within the printed precision
        ("-1.41", -sp.sqrt(2), "verified"),
        (r"-1.41\ldots", -sp.sqrt(2), "verified"),
        (r"-1.42\ldots", -sp.sqrt(2), "failed"),
    ],
)
def test_printed_precision(printed: str, value: sp.Expr, expected: str) -> None:
    result = check_claim(approx("w", f"= {printed}", printed, value))
    assert result.status == expected, result.reason


def test_printed_precision_names_its_method() -> None:
    result = check_claim(approx("A", r"\sqrt{68}", "8.246211", sp.sqrt(68)))
    assert result.method == "printed precision ±5e-7"
    truncated = check_claim(approx("A", r"\sqrt{68}", r"8.246211\ldots", sp.sqrt(68)))
    assert truncated.method.startswith("truncation")


def test_malformed_printed_value() -> None:
    with pytest.raises(SymnnError, match="not a decimal"):
        approx("w", "s", "about eight", sp.sqrt(68))


def test_order_of_error() -> None:
    assert status(order("p", "O(h^2)", 6 * h**2 + h**3, h, 2)) == "verified"
    assert status(order("p", "O(h^3)", 6 * h**2 + h**3, h, 3)) == "failed"
    # f(3 + h) - f(3) - f'(3) h for f = x^2 is exactly h^2
    f = x**2
    error = f.subs(x, 3 + h) - f.subs(x, 3) - sp.diff(f, x).subs(x, 3) * h
    assert status(order("f", "O(h^2)", error, h, 2)) == "verified"


def test_relations() -> None:
    grad = sp.Matrix([5, 5])
    tangent = sp.Matrix([1, -1])
    assert status(holds("o", "orthogonal", sp.Eq(grad.dot(tangent), 0))) == "verified"
    assert status(holds("o", "orthogonal", sp.Eq(grad.dot(sp.Matrix([1, 0])), 0))) == "failed"
    assert status(holds("i", "6.48 < 11", sp.Rational("6.48") < 11)) == "verified"
