"""``symnn report`` end to end: real subprocesses, real files, real pdflatex."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from symnn.report.tex import INSTALL_HINT

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"

WRONG = """
import sympy as sp
from symnn.report.steps import calculate, section
TITLE = "A wrong claim"
SOURCE = "test"
STATEMENT = r"$f(x) = x^2$ at $3.01$."
def derive():
    x = sp.Symbol("x")
    return [section("Square", calculate("f(3.01)", x**2, {x: sp.Rational("3.01")}, printed="9.07",
                                        where="test.md, deliberately wrong"))]
"""

RIGHT = WRONG.replace('printed="9.07"', 'printed="9.0601"').replace("A wrong claim", "A right claim")

RAISES = """
TITLE = "Raises"
SOURCE = "test"
STATEMENT = "raises"
def derive():
    raise RuntimeError("the data file is missing")
"""

needs_tex = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")


def _derivations(tmp_path: Path, **modules: str) -> Path:
    directory = tmp_path / "derivations"
    directory.mkdir()
    for name, source in modules.items():
        (directory / f"{name}.py").write_text(source)
    return directory


def test_the_committed_reports_are_up_to_date(symnn_cli, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    run = symnn_cli("report", "--no-pdf", "--json", "-o", str(out))
    assert run.returncode == 0, run.stdout + run.stderr
    summary = json.loads(run.stdout)
    assert summary["failed"] == 0 and summary["unchecked"] == 0 and summary["errors"] == []
    assert summary["verified"] >= 40
    assert {"derivation", "where", "statement", "claimed", "exact", "status"} <= set(summary["claims"][0])
    fresh = sorted(path.name for path in out.glob("*.tex"))
    committed = sorted(path.name for path in REPORTS.glob("*.tex"))
    assert fresh == committed, "reports/ is stale: run `symnn report` and commit reports/"
    for name in fresh:
        assert (out / name).read_bytes() == (REPORTS / name).read_bytes(), f"reports/{name} is stale"
    for name in fresh:
        assert (REPORTS / name).with_suffix(".pdf").is_file(), f"reports/{name} has no PDF"


@needs_tex
def test_a_report_compiles_to_the_same_pdf_twice(symnn_cli, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        run = symnn_cli("report", "notes_example_b", "-o", str(out))
        assert run.returncode == 0, run.stdout + run.stderr
    pdf = (first / "notes_example_b.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pdf == (second / "notes_example_b.pdf").read_bytes()
    assert (first / "notes_example_b.tex").read_bytes() == (second / "notes_example_b.tex").read_bytes()
    assert not (first / "index.tex").exists(), "a partial run must not rewrite the index"


def test_without_tex_it_writes_the_tex_says_how_to_get_pdfs_and_succeeds(symnn_cli, tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    env = dict(os.environ, PATH=str(empty))
    run = symnn_cli("report", "notes_slope", "-o", str(tmp_path / "out"), env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    assert INSTALL_HINT in run.stdout.splitlines()
    assert (tmp_path / "out" / "notes_slope.tex").is_file()
    assert not (tmp_path / "out" / "notes_slope.pdf").exists()


def test_a_wrong_claim_is_marked_failed_with_the_exact_value_and_exit_1(symnn_cli, tmp_path: Path) -> None:
    directory = _derivations(tmp_path, wrong=WRONG)
    out = tmp_path / "out"
    run = symnn_cli("report", "--derivations", str(directory), "--no-pdf", "-o", str(out))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "wrong" in run.stdout and "FAILED" in run.stdout
    assert "claimed 907/100, exact value 90601/10000" in run.stdout
    tex = (out / "wrong.tex").read_text()
    assert r"\failed~\textbf{(1)} the source printed $9.07$; the exact value is $9.0601$" in tex
    as_json = symnn_cli("report", "--derivations", str(directory), "--no-pdf", "--json", "-o", str(out))
    assert as_json.returncode == 1
    summary = json.loads(as_json.stdout)
    assert (summary["verified"], summary["failed"]) == (0, 1)
    (claim,) = summary["claims"]
    assert claim["status"] == "failed" and claim["claimed"] == "907/100" and claim["exact"] == "90601/10000"


def test_a_derivation_that_raises_is_one_line_not_a_traceback(symnn_cli, tmp_path: Path) -> None:
    directory = _derivations(tmp_path, a_raises=RAISES, b_right=RIGHT)
    out = tmp_path / "out"
    run = symnn_cli("report", "--derivations", str(directory), "--no-pdf", "-o", str(out))
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    (line,) = [line for line in run.stdout.splitlines() if line.startswith("a_raises")]
    assert line.endswith("ERROR RuntimeError: the data file is missing")
    assert (out / "b_right.tex").is_file() and (out / "index.tex").is_file()


@needs_tex
def test_a_failing_tex_run_keeps_the_previous_pdf(symnn_cli, tmp_path: Path) -> None:
    directory = _derivations(tmp_path, right=RIGHT)
    out = tmp_path / "out"
    assert symnn_cli("report", "--derivations", str(directory), "-o", str(out)).returncode == 0
    before = (out / "right.pdf").read_bytes()
    (directory / "right.py").write_text(RIGHT.replace("at $3.01$.", r"at \undefinedmacro."))
    run = symnn_cli("report", "--derivations", str(directory), "-o", str(out))
    assert run.returncode == 1
    assert "Undefined control sequence" in run.stdout
    assert (out / "right.pdf").read_bytes() == before
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []


def test_default_output_is_reports_under_the_working_directory(symnn_cli, tmp_path: Path) -> None:
    directory = _derivations(tmp_path, right=RIGHT)
    run = symnn_cli("report", "--derivations", str(directory), "--no-pdf", cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (tmp_path / "reports" / "right.tex").is_file()


def test_outside_the_repository_it_finds_the_checkout_derivations(symnn_cli, tmp_path: Path) -> None:
    # An editable install run from elsewhere uses the derivations/ beside the package.
    run = symnn_cli("report", "notes_slope", "--no-pdf", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (tmp_path / "out" / "notes_slope.tex").read_bytes() == (REPORTS / "notes_slope.tex").read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--derivations", "/nonexistent/derivations"], "does not exist"),
        (["no_such_derivation", "--no-pdf"], "no derivation no_such_derivation"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(symnn_cli, tmp_path: Path, args: list[str], message: str) -> None:
    run = symnn_cli("report", *args, "-o", str(tmp_path))
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and message in run.stderr
    assert "Traceback" not in run.stderr


def test_the_module_runs_as_python_dash_m(symnn_cli) -> None:
    run = symnn_cli("report", "--help")
    assert run.returncode == 0 and "DERIVATION" in run.stdout


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@needs_tex
def test_the_committed_pdfs_match_their_tex(tmp_path: Path) -> None:
    """Each committed PDF has the page text of a fresh build of the committed .tex beside it."""
    from symnn.report.tex import build_pdf

    shutil.copytree(REPORTS / "train", tmp_path / "train")  # figures the Higham report includes
    for tex in sorted(REPORTS.glob("*.tex")):
        fresh = build_pdf(shutil.copy(tex, tmp_path / tex.name))
        assert _pdf_text(fresh) == _pdf_text(tex.with_suffix(".pdf")), (
            f"reports/{tex.with_suffix('.pdf').name} is stale"
        )
