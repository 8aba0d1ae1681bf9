"""The one document model and its renderers: one small judged document in every format, golden fragments.

Each expected line below was written by hand from the format's rules (marks, numbering, the
failure line with the exact value beside the printed one), not produced by the renderer.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sympy as sp

from symnn.document.model import (
    Check,
    Document,
    Items,
    Judged,
    Mark,
    Note,
    Prose,
    Section,
    Step,
    Summary,
    Table,
    Tally,
    judge,
)
from symnn.document.write import FORMATS, render, write_document
from symnn.errors import SymnnError
from symnn.latex import latex
from symnn.verify import approx, equal

WRONG = equal("t.md:1", "f(3.01) = 9.07", "9.07", sp.Rational("9.0601"))
ROOT2 = approx("t.md:2", r"\sqrt{2} \approx 1.414", "1.414", sp.sqrt(2))
IDENTITY = equal("t.md:3", "1 = 1", 1, 1)

DOCUMENT = Document(
    "Tiny",
    (
        Section(
            r"Squares of $x$",
            (
                Prose(r"We square \emph{exactly}: $x = 3.01$."),
                Step("f(3.01)", ("x^{2}", r"\left(3.01\right)^{2}", "9.0601"), (WRONG,)),
                Check((ROOT2,)),
                Check((IDENTITY,), statement="1 = 1", how="by arithmetic"),
                Table(("a", "", "b"), (("$1$", Mark("verified"), "two"),), footer=(("total", "", "3"),)),
                Items(("one", r"two\_b")),
                Note("nothing"),
            ),
        ),
    ),
    front=(Tally(r"\textbf{Result.} ", "."),),
    back=(Summary(),),
)


@pytest.fixture(scope="module")
def judged() -> Judged:
    return judge(DOCUMENT)


def test_claims_are_judged_after_building_in_reading_order(judged: Judged) -> None:
    assert DOCUMENT.claims == (WRONG, ROOT2, IDENTITY)
    assert [r.status for r in judged.results] == ["failed", "verified", "verified"]
    assert judged.count("failed") == 1 and not judged.ok


@pytest.mark.parametrize(
    ("suffix", "lines"),
    [
        (
            ".tex",
            [
                r"\textbf{Result.} 3 claims: 2 verified, 1 failed.",
                r"\section{Squares of $x$}",
                r"f(3.01) &= x^{2} = \left(3.01\right)^{2} = 9.0601 \tag*{\failed~(1)}",
                r"\failed~\textbf{(1)} the source printed $9.07$; the exact value is $9.0601$ "
                r"(claimed 907/100, exact value 90601/10000).\par",
                r"{\small \verified\ symnn checked $1 = 1$: by arithmetic.}",
                r"$1$ & \verified & two \\",
                r"1 & t.md:1 & $f(3.01) = 9.07$ & $9.0601$ (exact) & \failed \tabularnewline",
            ],
        ),
        (
            ".md",
            [
                "**Result.** 3 claims: 2 verified, 1 failed.",
                "## 1. Squares of $x$",
                "We square *exactly*: $x = 3.01$.",
                r"f(3.01) = x^{2} = \left(3.01\right)^{2} = 9.0601",
                "✗ (1)",
                "✓ symnn checked $1 = 1$: by arithmetic.",
                "| $1$ | ✓ | two |",
                "- two_b",
                "| 1 | t.md:1 | $f(3.01) = 9.07$ | $9.0601$ (exact) | ✗ |",
            ],
        ),
        (
            ".txt",
            [
                "Result. 3 claims: 2 verified, 1 failed.",
                "1. Squares of $x$",
                r"    f(3.01) = x^{2} = \left(3.01\right)^{2} = 9.0601    ✗ (1)",
                "✓ symnn checked 1 = 1: by arithmetic",
                "Left out: nothing",
            ],
        ),
    ],
)
def test_each_format_writes_the_same_content(judged: Judged, suffix: str, lines: list[str]) -> None:
    text = render(judged, suffix).splitlines()
    for line in lines:
        assert line in text, f"{suffix} lacks {line!r}"


def test_html_marks_numbers_and_the_summary(judged: Judged) -> None:
    page = render(judged, ".html")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert '<span class="mark failed" title="failed">✗</span> (1)' in page
    assert "<h2>Summary of claims</h2>" in page and page.count("<tr><td>") == 2 + 2  # 2 summary rows, 2 table rows
    assert "<em>exactly</em>" in page and "two_b" in page


def test_the_suffix_map_is_the_one_list_of_formats(tmp_path: Path) -> None:
    assert sorted(FORMATS) == [".html", ".md", ".pdf", ".tex", ".txt"]
    for suffix in (".tex", ".md", ".txt", ".html"):
        written = write_document(DOCUMENT, tmp_path / f"tiny{suffix}")
        assert written.read_text(encoding="utf-8") == render(DOCUMENT, suffix)
    with pytest.raises(SymnnError, match=r"must end in \.tex, \.pdf, \.md, \.txt or \.html"):
        write_document(DOCUMENT, tmp_path / "tiny.docx")


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_a_pdf_keeps_its_tex_beside_it(tmp_path: Path) -> None:
    written = write_document(DOCUMENT, tmp_path / "tiny.pdf")
    assert written.read_bytes().startswith(b"%PDF")
    assert (tmp_path / "tiny.tex").read_text(encoding="utf-8") == render(DOCUMENT, ".tex")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.pdf", "tiny.tex"]


@pytest.mark.parametrize(
    ("value", "golden"),
    [
        (sp.Rational("0.05"), "0.05"),
        (sp.Rational(90601, 10000), "9.0601"),
        (sp.Rational(-2, 5), "-0.4"),
        (sp.Rational(1, 3), r"\frac{1}{3}"),
        (sp.Rational(1, 20) * sp.Symbol("x"), r"\frac{x}{20}"),
        (sp.Matrix([sp.Rational(1, 2)]), r"\left[\begin{matrix}0.5\end{matrix}\right]"),
    ],
)
def test_the_one_decimal_policy(value: sp.Expr, golden: str) -> None:
    assert latex(value) == golden
