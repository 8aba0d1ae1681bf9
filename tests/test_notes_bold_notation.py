r"""`symnn check` on notes in the notation of Goodfellow, Bengio and Courville's *Deep Learning* and of the
``math_commands.tex`` ICLR and NeurIPS papers share (``\MW``, ``\Vx``, ``\mW``, ``\vx``), whose definitions live in a
file of their own, and on the transpose written in a layer's superscript (``W^{(1)\top}``).

Notes of our own; every expected verdict was worked out by hand:

- the XOR network of the book's section 6.1: X = [[0, 0], [0, 1], [1, 0], [1, 1]], W = [[1, 1], [1, 1]], so
  XW = [[0, 0], [1, 1], [1, 1], [2, 2]];
- W^{(1)} = [[1, 2], [3, 4]], x = (1, 1): W^{(1)T} x = (1 + 3, 2 + 4) = (4, 6) (W x would be (3, 7)).
"""

from __future__ import annotations

import pytest

from symnn.notes import check_file, check_notes
from symnn.notes.macros import conventional_macros

XOR = r"""\documentclass{article}
\begin{document}
\begin{equation}
\MX = \begin{bmatrix} 0 & 0 \\ 0 & 1 \\ 1 & 0 \\ 1 & 1 \end{bmatrix}, \quad
\MW = \begin{bmatrix} 1 & 1 \\ 1 & 1 \end{bmatrix}.
\end{equation}
\begin{equation}
\MX\MW = \begin{bmatrix} 0 & 0 \\ 1 & 1 \\ 1 & 1 \\ 2 & 2 \end{bmatrix}.
\end{equation}
\end{document}
"""


def test_the_bold_macros_of_the_book_are_read_when_the_notes_do_not_define_them(tmp_path):
    path = tmp_path / "xor.tex"
    path.write_text(XOR, encoding="utf-8")
    assert [c.status for c in check_file(path).claims] == ["verified"]
    path.write_text(XOR.replace(r"2 & 2 \end", r"2 & 3 \end"), encoding="utf-8")
    assert [c.status for c in check_file(path).claims] == ["failed"]


def test_the_notes_own_definition_of_a_macro_comes_first(tmp_path):
    path = tmp_path / "own.tex"
    own = XOR.replace(r"\begin{document}", "\\newcommand{\\MW}{\\mathbf{V}}\n\\begin{document}")
    path.write_text(own.replace(r"\MX\MW =", r"\MX\mathbf{V} ="), encoding="utf-8")
    assert [c.status for c in check_file(path).claims] == ["verified"]


@pytest.mark.parametrize(
    ("written", "read"),
    [(r"\Vx", r"\mathbf{x}"), (r"\vx", r"\mathbf{x}"), (r"\MW", r"\mathbf{W}"), (r"\mW", r"\mathbf{W}"),
     (r"\valpha", r"\boldsymbol{\alpha}"), (r"\mSigma", r"\boldsymbol{\Sigma}")],
)
def test_bold_names(written: str, read: str):
    assert conventional_macros(f"${written} + 1$") == {written[1:]: (0, read)}


@pytest.mark.parametrize("command", [r"\vec{x}", r"\vdots", r"\mu", r"\mid", r"\v{c}", r"\Vert", r"\varphi", r"\max"])
def test_standard_commands_are_no_bold_names(command: str):
    assert conventional_macros(f"${command}$") == {}


@pytest.mark.parametrize("transposed", [r"W^{(1)\top}", r"W^{(1)T}", r"W^{(1)\intercal}"])
def test_a_transpose_in_the_layer_superscript(transposed: str):
    notes = (
        "Let $W^{(1)} = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}$ and $x = \\begin{bmatrix} 1 \\\\ 1 "
        f"\\end{{bmatrix}}$.\n\n${transposed} x = \\begin{{bmatrix}} 4 \\\\ 6 \\end{{bmatrix}}$\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified"]
    assert [c.status for c in check_notes(notes.replace("4 \\\\ 6", "3 \\\\ 7")).claims] == ["failed"]


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        # ∂(w^T w)/∂w = 2w; ∂(x^T A x)/∂x = (A + A^T)x; ∂‖y - Xw‖²/∂w = 2X^T(Xw - y) = -2X^T(y - Xw)
        (r"$\frac{\partial}{\partial w} w^T w = 2w$", "verified"),
        (r"$\frac{\partial}{\partial \mathbf{x}} \mathbf{x}^T A \mathbf{x} = (A + A^T)\mathbf{x}$", "verified"),
        (r"$\frac{\partial}{\partial w} (y - Xw)^T (y - Xw) = -2X^T(y - Xw)$", "verified"),
        (r"$\frac{\partial}{\partial w} (y - Xw)^T (y - Xw) = 2X^T(y - Xw)$", "failed"),
        (r"$\frac{\partial}{\partial w} \|y - Xw\|^2 = 2X^T(Xw - y)$", "verified"),
        (r"$\frac{\partial (a^T x)}{\partial x} = a$", "verified"),
        # 2Ax holds when A is symmetric, which notes often say in words: not a slip on its own
        (r"$\frac{\partial}{\partial \mathbf{x}} \mathbf{x}^T A \mathbf{x} = 2A\mathbf{x}$", "unchecked"),
        (r"$\textbf{X}^T\textbf{X} = \textbf{X}^T\textbf{X}$", "verified"),
    ],
)
def test_matrix_calculus_in_matrix_form(claim: str, status: str):
    assert [c.status for c in check_notes(claim).claims] == [status]


def test_bold_text_letters_and_the_trace():
    notes = "Let $\\textbf{X} = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}$.\n\n"
    notes += "$\\textbf{X}^T\\textbf{X} = \\begin{bmatrix} 10 & 14 \\\\ 14 & 20 \\end{bmatrix}$"
    notes += " and $\\Tr(\\textbf{X}) = 5$\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified", "verified"]


def test_a_derivative_that_holds_only_for_a_symmetric_matrix_says_so():
    (claim,) = check_notes(r"$\frac{\partial}{\partial \mathbf{x}} \mathbf{x}^T A \mathbf{x} = 2A\mathbf{x}$").claims
    assert claim.status == "unchecked" and "true if A is symmetric" in claim.reason
    # 3A x holds for no A but 0, symmetric or not: a slip
    (slip,) = check_notes(r"$\frac{\partial}{\partial \mathbf{x}} \mathbf{x}^T A \mathbf{x} = 3A\mathbf{x}$").claims
    assert slip.status == "failed"


def test_sizes_and_an_upright_transpose_in_an_array():
    notes = (
        "$$\\Large \\begin{array}{rcl}\n"
        "\\frac{\\partial}{\\partial \\textbf{X}} \\textbf{X}^{\\text{T}} \\textbf{A} &=& \\textbf{A} \\\\\n"
        "\\frac{\\partial}{\\partial \\textbf{X}} \\textbf{X}^{\\text{T}} \\textbf{A} \\textbf{X} &=& "
        "\\left(\\textbf{A} + \\textbf{A}^{\\mathrm{T}}\\right)\\textbf{X}\n\\end{array}$$\n"
    )
    assert [c.status for c in check_notes(notes).claims] == ["verified", "verified"]


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        (r"$\nabla_{w} (w^T x) = x$", "verified"),  # ∇_w (w^T x) = x
        (r"$\nabla_{w} (w^T x) = 2x$", "failed"),
        (r"$\nabla_x (x^2 + 3x) = 2x + 3$", "verified"),
    ],
)
def test_the_gradient_of_a_bracket(claim: str, status: str):
    assert [c.status for c in check_notes(claim).claims] == [status]
