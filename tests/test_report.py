"""The report machinery: printer, steps, rendering and the pipeline, in process."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from symnn.errors import SymnnError
from symnn.report.pipeline import check_derivation, discover, run_report
from symnn.report.printer import decimal_text, tex, tex_substituted
from symnn.report.render import render_derivation
from symnn.report.steps import Derivation, calculate, equation, section

R = sp.Rational
x, y = sp.symbols("x y")


@pytest.mark.parametrize(
    ("value", "text"),
    [(R("9.0601"), "9.0601"), (R(-2, 5), "-0.4"), (R(1, 8), "0.125"), (R(-1, 16), "-0.0625"), (R(1, 3), None)],
)
def test_decimal_text_is_exact_or_nothing(value: sp.Rational, text: str | None) -> None:
    assert decimal_text(value) == text


@pytest.mark.parametrize(
    ("expr", "values", "golden"),
    [
        (x**2 + 4 * y**2, {x: R("1.01"), y: R("1.005")}, r"\left(1.01\right)^{2} + 4 \left(1.005\right)^{2}"),
        (2 * x, {x: 3}, r"2 \cdot 3"),
        (sp.Mul(2, x - 3, evaluate=False), {x: 0}, r"2 \left(0 - 3\right)"),
        ((x - 3) ** 2, {x: R("0.6")}, r"\left(0.6 - 3\right)^{2}"),
        (x**3 + 2 * x, {x: R("2.01")}, r"\left(2.01\right)^{3} + 2 \cdot 2.01"),
    ],
)
def test_substitution_keeps_the_formula_shape(expr: sp.Expr, values: dict, golden: str) -> None:
    assert tex_substituted(expr, values) == golden


@pytest.mark.parametrize(
    ("expr", "golden"),
    [
        (sp.Symbol("w_21__3"), r"w^{[3]}_{21}"),
        (sp.Symbol("delta_1__4"), r"\delta^{[4]}_{1}"),
        (sp.sqrt(68), r"2 \sqrt{17}"),
        (R("5.0602"), r"5.0602"),
        (sp.Tuple(R("0.6"), R("-0.4")), r"\left(0.6, -0.4\right)"),
    ],
)
def test_report_printer_golden(expr: sp.Basic, golden: str) -> None:
    assert tex(expr) == golden


def test_calculate_gives_formula_substitution_value_and_a_claim() -> None:
    step = calculate(r"f(1.01, 1.005)", x**2 + 4 * y**2, {x: R("1.01"), y: R("1.005")}, printed="5.0602", where="ex")
    assert step.sides == (r"x^{2} + 4 y^{2}", r"\left(1.01\right)^{2} + 4 \left(1.005\right)^{2}", "5.0602")
    (claim,) = step.claims
    assert claim.claimed == R("5.0602") and claim.exact == R("5.0602")


def test_a_claim_needs_its_place_in_the_source() -> None:
    with pytest.raises(SymnnError, match="where"):
        calculate("f(3)", x**2, {x: 3}, printed=9)


def test_a_printed_decimal_never_becomes_a_float() -> None:
    step = equation(r"(x, y)", value=sp.Matrix([R("0.6"), R("-0.4")]), printed=["0.6", "-0.4"], where="ex")
    assert step.claims[0].claimed == sp.Matrix([R(3, 5), R(-2, 5)])
    assert not step.claims[0].claimed.has(sp.Float)


def _tiny(printed: str) -> Derivation:
    body = section("Square", calculate(r"(3.01)^2", x**2, {x: R("3.01")}, printed=printed, where="notes, 1-D"))
    return Derivation("tiny", "Tiny", "notes", r"$f(x) = x^2$.", (body,))


def test_a_wrong_claim_is_rendered_failed_with_the_exact_value() -> None:
    checked = check_derivation(_tiny("9.07"))
    (result,) = checked.results
    assert result.status == "failed"
    assert "90601/10000" in result.reason
    tex_source = render_derivation(checked)
    assert r"\failed~\textbf{(1)} the source printed $9.07$; the exact value is $9.0601$" in tex_source
    assert "1 claims: 0 verified, 1 failed" in tex_source


def test_a_right_claim_is_rendered_verified_in_a_handcalcs_line() -> None:
    tex_source = render_derivation(check_derivation(_tiny("9.0601")))
    assert r"(3.01)^2 &= x^{2} = \left(3.01\right)^{2} = 9.0601 \tag*{\verified~(1)}" in tex_source
    assert r"\section*{Summary of claims}" in tex_source
    assert "\\documentclass" in tex_source and tex_source.endswith("\\end{document}\n")


def test_rendering_is_deterministic() -> None:
    assert render_derivation(check_derivation(_tiny("9.0601"))) == render_derivation(check_derivation(_tiny("9.0601")))


GOOD = """
import sympy as sp
from symnn.report.steps import calculate, section
TITLE = "Good"
SOURCE = "notes"
STATEMENT = "x squared"
def derive():
    x = sp.Symbol("x")
    return [section("One", calculate("f(2)", x**2, {x: 2}, printed=4, where="notes.md, one"))]
"""

BROKEN = """
TITLE = "Broken"
SOURCE = "notes"
STATEMENT = "raises"
def derive():
    return [1 / 0]
"""


def test_a_derivation_that_raises_is_one_line_and_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a_broken.py").write_text(BROKEN)
    (tmp_path / "d" / "b_good.py").write_text(GOOD)
    run = run_report(tmp_path / "d", out_dir=tmp_path / "out", pdf=False)
    broken, good = run.outcomes
    assert broken.checked is None and broken.error == "ZeroDivisionError: division by zero"
    assert good.ok and (tmp_path / "out" / "b_good.tex").is_file()
    assert not run.ok
    index = (tmp_path / "out" / "index.tex").read_text()
    assert r"\textbf{error:} ZeroDivisionError: division by zero" in index


def test_an_unknown_derivation_name_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "b_good.py").write_text(GOOD)
    with pytest.raises(SymnnError, match="no derivation nope"):
        discover(tmp_path, ["nope"])
