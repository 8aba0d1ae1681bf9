r"""`symnn check` on least squares solved by hand with the normal equations: a matrix inverse, a vector named bold in
one formula and plain in another, and matrices written a row a line.

Notes of our own; every expected verdict was worked out by hand:

- A = [[2, 1], [1, 1]]: det A = 1, A^{-1} = [[1, -1], [-1, 2]]; y = (3, 2): A^{-1} y = (3 - 2, -3 + 4) = (1, 1);
- A^T A = [[5, 3], [3, 2]], det 1, (A^T A)^{-1} = [[2, -3], [-3, 5]]; A^T y = (8, 5): w* = (16 - 15, -24 + 25) = (1, 1);
- B = [[1, 2], [2, 4]] has det 0: no inverse.
"""

from __future__ import annotations

import json
import subprocess
import sys

from symnn.notes import check_notes

NOTES = r"""Let $A = \begin{bmatrix} 2 & 1 \\ 1 & 1 \end{bmatrix}$ and $y = \begin{bmatrix} 3 \\ 2 \end{bmatrix}$.

$A^{-1} = \begin{bmatrix} 1 & -1 \\ -1 & 2 \end{bmatrix}$ and $A^{-1} y = \begin{bmatrix} 1 \\ 1 \end{bmatrix}$.

The optimum is $$w^* = (A^T A)^{-1} A^T \mathbf{y}$$

and so

$$ w^* = \left[ 1, 1 \right] $$
"""


def _statuses(notes: str) -> list[str]:
    return [c.status for c in check_notes(notes).claims]


def test_an_inverse_and_the_normal_equations():
    assert _statuses(NOTES) == ["verified", "verified", "verified"]


def test_slips_in_an_inverse_and_in_the_solution():
    assert _statuses(NOTES.replace("-1 & 2", "-1 & 3")) == ["failed", "verified", "verified"]
    assert _statuses(NOTES.replace(r"\left[ 1, 1", r"\left[ 1, 2"))[2] == "failed"


def test_the_inverse_of_a_singular_matrix_is_unchecked():
    notes = r"Let $B = \begin{bmatrix} 1 & 2 \\ 2 & 4 \end{bmatrix}$." + "\n\n"
    notes += r"$B^{-1} = \begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix}$"
    (claim,) = check_notes(notes).claims
    assert claim.status == "unchecked" and "singular" in claim.reason


def test_a_scalar_and_a_bold_vector_of_one_letter_stay_two_quantities():
    notes = "$x = 3$ and $\\mathbf{x} = (2, 1)$.\n\n$2x = 6$\n"
    assert _statuses(notes) == ["verified"]


def test_a_matrix_written_a_row_a_line_gives_its_last_line(tmp_path):
    path = tmp_path / "rows.md"
    path.write_text("$$\nA^{-1} = \\begin{bmatrix}\n1 & -1 \\\\\n-1 & 2\n\\end{bmatrix}\n$$\n", encoding="utf-8")
    path.write_text(NOTES.split("\n\n")[0] + "\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "symnn", "check", "--json", str(path)], capture_output=True, text=True, check=False
    )
    (claim,) = json.loads(done.stdout)["claims"]
    assert (claim["status"], claim["line"], claim["last_line"]) == ("verified", 4, 7)
