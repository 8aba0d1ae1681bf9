"""HTML pages in a real browser: headless Chromium opens each page type and every formula renders.

The pages are symnn's own output (``symnn report --html``, ``symnn derive -o x.html``), opened
from a copy with a probe script appended (the pages themselves carry no script): after load it
counts the ``<math>`` elements, those laid out with no width, every ``<merror>``, and checks
that each fraction is really stacked (numerator above denominator), i.e. that Chromium laid
the MathML out as mathematics rather than as a row of text.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from symnn.document.html import math_ml
from tests.conftest import run_symnn

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

PROBE = """<script>
window.addEventListener("load", () => {
  const maths = [...document.querySelectorAll("math")];
  const fractions = [...document.querySelectorAll("mfrac")];
  const stacked = fractions.filter(f => f.children.length === 2 &&
      f.children[0].getBoundingClientRect().bottom <= f.children[1].getBoundingClientRect().top + 1);
  document.body.setAttribute("data-probe", JSON.stringify({
    math: maths.length,
    empty: maths.filter(m => m.getBoundingClientRect().width <= 0).length,
    merror: document.querySelectorAll("merror").length,
    fractions: fractions.length,
    stacked: stacked.length,
    images: [...document.images].filter(i => i.complete && i.naturalWidth > 0).length,
  }));
});
</script>"""


def browse(page: Path, tmp_path: Path) -> dict[str, int]:
    """Open a probed copy of ``page`` in headless Chromium; the probe's counts after load."""
    probed = page.with_name(page.stem + ".probed.html")
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    profile = tmp_path / f"chromium-{page.stem}"
    run = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", probed.as_uri()],  # type: ignore[list-item]
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = re.search(r'data-probe="([^"]*)"', run.stdout)
    assert found, f"the probe did not run on {page.name}"
    return json.loads(html.unescape(found[1]))


def assert_rendered(page: Path, tmp_path: Path, least: int) -> dict[str, int]:
    probe = browse(page, tmp_path)
    assert probe["math"] >= least, probe
    assert probe["merror"] == 0, f"{page.name}: a formula did not convert: {probe}"
    assert probe["empty"] == 0, f"{page.name}: a formula was not laid out: {probe}"
    assert probe["stacked"] == probe["fractions"], f"{page.name}: a fraction is not stacked: {probe}"
    return probe


def assert_self_contained(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), "the page loads something from the network"


@pytest.fixture(scope="module")
def report_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "reports"
    run = run_symnn("report", "--no-pdf", "--html", "-o", str(out))
    assert run.returncode == 0, run.stdout + run.stderr
    return out


@needs_chromium
def test_every_report_page_renders_every_formula(report_pages: Path, tmp_path: Path) -> None:
    pages = sorted(p for p in report_pages.glob("*.html") if p.stem != "index" and ".probed" not in p.name)
    assert len(pages) >= 10
    drawn = {}
    for page in pages:
        assert_self_contained(page)
        drawn[page.stem] = assert_rendered(page, tmp_path, least=5)["images"]
    assert drawn["sigmoid_function"] == 1 and drawn["sigmoid_scaling"] == 1  # their TikZ plots, as SVG


@needs_chromium
def test_the_index_page_links_every_report(report_pages: Path, tmp_path: Path) -> None:
    index = report_pages / "index.html"
    assert_self_contained(index)
    text = index.read_text(encoding="utf-8")
    reports = sorted(p.stem for p in report_pages.glob("*.tex") if p.stem != "index")
    assert sorted(re.findall(r'<a href="([a-z0-9_]+)\.html">', text)) == reports
    assert "✓" in text and "Total (14 reports)" in text.replace("<strong>", "").replace("</strong>", "")
    browse(index, tmp_path)  # it opens; its only math-free table is checked by the counts above


@needs_chromium
def test_a_figure_is_embedded(tmp_path: Path) -> None:
    """The training report's figures, drawn by ``symnn train`` into reports/train, embedded as data: URIs."""
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "reports"
    shutil.copytree(root / "reports" / "train", out / "train")
    run = run_symnn("report", "higham_training", "--no-pdf", "--html", "-o", str(out))
    assert run.returncode == 0, run.stdout + run.stderr
    page = out / "higham_training.html"
    assert page.read_text(encoding="utf-8").count('src="data:image/png;base64,') == 2
    assert assert_rendered(page, tmp_path, least=3)["images"] == 2


@needs_chromium
@pytest.mark.parametrize(
    "args", [["--layers", "2-2-1", "--wrt", "w[2]_11"], ["--layers", "2-2-2", "--cost", "cross-entropy"]]
)
def test_a_derive_page_renders_every_formula(tmp_path: Path, args: list[str]) -> None:
    page = tmp_path / "derivation.html"
    run = run_symnn("derive", *args, "-o", str(page))
    assert run.returncode == 0, run.stdout + run.stderr
    assert_self_contained(page)
    probe = assert_rendered(page, tmp_path, least=30)
    assert probe["fractions"] > 0
    assert probe["images"] == 1  # the architecture, TikZ drawn as an embedded SVG


def test_a_formula_the_converter_cannot_read_is_an_merror_not_dropped() -> None:
    assert "<merror>" in math_ml(r"\unknowncommand{x} + 1")
    assert "<merror>" not in math_ml(r"\frac{\partial C}{\partial w^{[2]}_{11}} = \delta^{[2]}_{1} x_{1}")
    assert "unknowncommand" in math_ml(r"\unknowncommand{x}")  # its source is shown


@needs_chromium
def test_a_check_page_renders_every_formula(tmp_path: Path) -> None:
    """``symnn check -o x.html`` goes through the same renderer (NOTES builds the document).

    The notes' claims are shown as code, never as live math (NOTES' choice: a user's LaTeX is
    not typeset), so the page may hold no formula; it must open, and whatever math it has renders.
    """
    page = tmp_path / "check.html"
    notes = Path(__file__).parent / "notes" / "course_notes.md"
    run = run_symnn("check", str(notes), "-o", str(page))
    assert run.returncode in (0, 1), run.stdout + run.stderr
    assert_self_contained(page)
    assert "✓" in page.read_text(encoding="utf-8")
    assert_rendered(page, tmp_path, least=0)


@needs_chromium
def test_a_crosscheck_page_renders_every_formula(tmp_path: Path) -> None:
    """``symnn crosscheck -o x.html`` goes through the same renderer (XCHECK builds the document)."""
    page = tmp_path / "crosscheck.html"
    example = Path(__file__).resolve().parent.parent / "examples" / "higham_backprop.py"
    run = run_symnn("crosscheck", f"{example}:grad", "--layers", "2-2-3-2", "-o", str(page))
    assert run.returncode == 0, run.stdout + run.stderr
    assert_self_contained(page)
    assert_rendered(page, tmp_path, least=5)
