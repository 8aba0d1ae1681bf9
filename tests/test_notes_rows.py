r"""`symnn check` on backprop written with vectors as rows (``x W + b``, as NumPy computes ``x @ W``) and on
steps that reuse a derivative said a line before.

Notes of our own, in the style of NumPy-minded walkthroughs. Every expected verdict was worked out by hand:

- x = [1, 2], W_1 = [[0.1, 0.2], [0.3, 0.4]], b_1 = [0, 0]: x W_1 + b_1 = [1·0.1 + 2·0.3, 1·0.2 + 2·0.4] = [0.7, 1.0];
- h = max(0, z_1) = [0.7, 1.0]; W_2 = [1; -1] (a column): ŷ = h W_2 = 0.7 - 1.0 = -0.3;
- L = (ŷ - y)^2 with y = 1: ∂L/∂ŷ = 2(ŷ - y) = 2(-1.3) = -2.6;
- ∂L/∂W_2 = h^T ∂L/∂ŷ = [0.7; 1.0] · (-2.6) = [-1.82; -2.6] (a column, as W_2);
- ∂L/∂h = ∂L/∂ŷ W_2^T = -2.6 · [1, -1] = [-2.6, 2.6];
- with ∂L/∂z_1 = [-2.6, 2.6] (both z positive): ∂L/∂W_1 = x^T ∂L/∂z_1 = [1; 2] [-2.6, 2.6]
  = [[-2.6, 2.6], [-5.2, 5.2]] (an outer product; read with columns it would be the number 2.6);
- W_1 - 0.01 ∂L/∂W_1 = [[0.1 + 0.026, 0.2 - 0.026], [0.3 + 0.052, 0.4 - 0.052]] = [[0.126, 0.174], [0.352, 0.348]];
- [1, 2] ⊗ [3, 4, 5] = [[3, 4, 5], [6, 8, 10]].
"""

# ruff: noqa: E501

from __future__ import annotations

from symnn.notes import check_notes
from symnn.notes.parser import parse_tokens
from symnn.notes.syntax import DiffOp, Func, Pow
from symnn.notes.tokens import tokenize

NOTES = r"""Input $x = [1, 2]$, weights
$$W_1 = \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \end{bmatrix}$$
and $b_1 = [0, 0]$.

Hidden pre-activation: $z_1 = x W_1 + b_1 = [0.7, 1.0]$.

ReLU: $h = \max(0, z_1) = [0.7, 1.0]$.

Output weights $W_2 = \begin{bmatrix} 1 \\ -1 \end{bmatrix}$, so $\hat{y} = h W_2 = -0.3$.

Loss $L = (\hat{y} - y)^2$ with $y = 1$.

$\frac{\partial L}{\partial \hat{y}} = 2(\hat{y} - y) = -2.6$.

$\frac{\partial L}{\partial W_2} = h^T \frac{\partial L}{\partial \hat{y}} = \begin{bmatrix} -1.82 \\ -2.6 \end{bmatrix}$

$\frac{\partial L}{\partial h} = \frac{\partial L}{\partial \hat{y}} W_2^T = [-2.6, 2.6]$

Since both $z$ are positive, $\frac{\partial L}{\partial z_1} = [-2.6, 2.6]$.

$\frac{\partial L}{\partial W_1} = x^T \frac{\partial L}{\partial z_1} = \begin{bmatrix} -2.6 & 2.6 \\ -5.2 & 5.2 \end{bmatrix}$

Update with $\eta = 0.01$:
$$W_1 - \eta \frac{\partial L}{\partial W_1} = \begin{bmatrix} 0.126 & 0.174 \\ 0.352 & 0.348 \end{bmatrix}$$
"""


def _at(notes: str, line: int, text: str) -> str:
    (claim,) = [c for c in check_notes(notes).claims if c.line == line and c.text.startswith(text)]
    return claim.status


def test_a_list_times_a_column_is_their_dot_product():
    assert _at(NOTES, 9, "h W_2") == "verified"
    assert _at(NOTES.replace("= -0.3$", "= 0.3$"), 9, "h W_2") == "failed"


def test_a_derivative_said_before_is_reused_by_name():
    assert _at(NOTES, 15, r"h^T \frac") == "verified"
    assert _at(NOTES, 17, r"\frac{\partial L}{\partial \hat{y}} W_2^T") == "verified"
    slipped = NOTES.replace(r"-1.82 \\ -2.6", r"-1.82 \\ 2.6")
    assert _at(slipped, 15, r"h^T \frac") == "failed"


def test_a_column_times_a_row_written_as_lists_is_their_outer_product():
    assert _at(NOTES, 21, r"x^T \frac") == "verified"
    # -5.0 for -5.2: a wrong entry, caught at its line
    assert _at(NOTES.replace("-5.2 & 5.2", "-5.0 & 5.2"), 21, r"x^T \frac") == "failed"


def test_an_update_with_a_gradient_said_before():
    assert _at(NOTES, 24, r"W_1 - \eta") == "verified"
    assert _at(NOTES.replace("0.352 & 0.348", "0.352 & 0.344"), 24, r"W_1 - \eta") == "failed"


def test_a_side_of_another_shape_is_a_misreading_not_a_slip():
    # with columns, x^T [-2.6, 2.6] is the number -2.6 + 5.2 = 2.6: never a ✗ against a 2 × 2 matrix
    notes = "$x = [1, 2]$ and $d = [-2.6, 2.6]$.\n\n$x^T d = \\begin{bmatrix} -2.6 & 2.6 \\\\ -5.2 & 5.2 \\end{bmatrix}$\n"
    (claim,) = check_notes(notes).claims
    assert claim.status != "failed"


def test_an_outer_product_of_two_lists():
    notes = r"$[1, 2] \otimes [3, 4, 5] = \begin{bmatrix} 3 & 4 & 5 \\ 6 & 8 & 10 \end{bmatrix}$"
    assert [c.status for c in check_notes(notes).claims] == ["verified"]
    assert [c.status for c in check_notes(notes.replace("8 & 10", "8 & 11")).claims] == ["failed"]


def test_macro_arguments_and_a_norm_squared_before_its_subscript():
    # \frac{\partial {}}{\partial {a}}: a macro's empty argument and a braced variable
    node = parse_tokens(tokenize(r"\frac{\partial {}}{\partial {a}} (a^2)"))
    assert isinstance(node, DiffOp) and node.wrt == ("a",)
    squared = parse_tokens(tokenize(r"\|a - y\|^2_2"))
    assert isinstance(squared, Pow) and isinstance(squared.base, Func) and squared.base.name == "norm"
    notes = "Let $a = 0.5$, $y = 1$.\n\n$$\\frac{\\partial {}}{\\partial {a}}\\left( \\frac{1}{2}(a - y)^2 \\right) = a - y$$\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified"]
    assert [c.status for c in check_notes(notes.replace("= a - y", "= y - a")).claims] == ["failed"]


def test_a_tuple_transposed_is_a_column():
    # w = (0.5, -0.2)^T and x = (1, 3)^T are columns: w^T x = 0.5 - 0.6 = -0.1 (read as rows, w^T x is an outer product)
    notes = "Let $w = (0.5, -0.2)^T$ and $x = (1, 3)^T$.\n\n$w^T x = 0.5 \\cdot 1 + (-0.2) \\cdot 3 = -0.1$\n"
    assert [c.status for c in check_notes(notes).claims] == ["verified", "verified"]
    assert [c.status for c in check_notes(notes.replace("= -0.1", "= 0.1")).claims] == ["verified", "failed"]
