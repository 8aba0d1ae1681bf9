"""``symnn check`` in a subprocess: --strict, notebooks, the coverage summary, hostile claims, one-line errors."""

from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat

from tests.conftest import run_symnn

NOTES = Path(__file__).parent / "notes"


def test_strict_turns_printed_digits_into_failures(tmp_path):
    notes = tmp_path / "n.md"
    # 0.4·0.5824 + 0.45·0.5842 + 0.7 = 1.19585, written 1.196: right to its printed digits only
    notes.write_text("$0.4 \\times 0.5824 + 0.45 \\times 0.5842 + 0.7 = 1.196$\n")
    lenient = run_symnn("check", str(notes))
    assert lenient.returncode == 0 and "1 to printed digits, 0 failed" in lenient.stdout
    strict = run_symnn("check", "--strict", str(notes))
    assert strict.returncode == 1 and "0 to printed digits, 1 failed" in strict.stdout


def test_a_notebook_is_checked_cell_by_cell(tmp_path):
    book = nbformat.v4.new_notebook()
    book.cells = [
        nbformat.v4.new_code_cell("print('$1 + 1 = 3$')"),
        nbformat.v4.new_markdown_cell("The sum:\n\n$2 + 2 = 5$"),
    ]
    path = tmp_path / "n.ipynb"
    nbformat.write(book, str(path))
    result = run_symnn("check", "--json", str(path))
    assert result.returncode == 1
    (claim,) = json.loads(result.stdout)["claims"]
    assert (claim["cell"], claim["line"], claim["status"]) == (2, 3, "failed")


def test_summary_counts_blocks_and_reasons_and_reports_an_unclosed_dollar(tmp_path):
    notes = tmp_path / "n.md"
    notes.write_text("$x = 1$ and $\\sum_i i = 3$ and $\\int x = 2$.\n\nPrice $5 never closed.\n")
    result = run_symnn("check", str(notes))
    lines = result.stdout.splitlines()
    assert any("!  an unclosed $" in line for line in lines)
    assert any("3 math blocks; 1 gave no claim" in line for line in lines)
    assert any(line.endswith("0 verified, 0 to printed digits, 0 failed, 2 unchecked") for line in lines)
    assert any("most frequent unchecked" in line for line in lines)


def test_hostile_claims_are_each_unchecked_and_the_others_still_reported(tmp_path):
    notes = tmp_path / "n.md"
    notes.write_text(
        "$1 + 1 = 2$\n\n$\\exp(\\exp(\\exp(\\exp(10)))) = 1$\n\n$9^{5000} = 1$\n\n"
        "$(\\sqrt2+\\sqrt3+\\sqrt5+\\sqrt7)^{9999} = 1$\n\n$" + "1" * 2000 + " = 1$\n\n$2 + 2 = 5$\n"
    )
    start = time.monotonic()
    result = run_symnn("check", "--claim-seconds", "2", str(notes))
    assert time.monotonic() - start < 60
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.splitlines()[-1].endswith("1 verified, 0 to printed digits, 1 failed, 4 unchecked")


def test_a_bad_budget_is_one_line(tmp_path):
    result = run_symnn("check", "--claim-seconds", "-1", str(NOTES / "correct.md"))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
